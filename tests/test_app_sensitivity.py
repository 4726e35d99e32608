"""The Sensitivity page runs headless with ``streamlit.testing.v1.AppTest``.

It renders in both languages with the acceptability heatmap and the plain-language reading; the
same seed gives the same SMAA result (changing the seed and changing it back reproduces it); the
ordered and the ranges sampling modes run, drawing the same samples as the command line. Few
samples keep the tests fast. The plan robustness budget runs on a clock that stands still (or moves
a fixed step per reading), never on wall time, so a slow machine gives the same result.
"""

from __future__ import annotations

import itertools
import time
from pathlib import Path

import numpy as np
import pytest
from apptest_helpers import assert_clean, charts, open_app, plotly_values
from streamlit.testing.v1 import AppTest

from strategy import cli
from strategy.analysis import robustness, sampling
from strategy.i18n import LANGS
from ui.texts import t

REPO = Path(__file__).resolve().parent.parent
PAGE = "ui/pages/sensitivity.py"
FEW = 1_000


pytestmark = pytest.mark.usefixtures("bundled_data")


@pytest.fixture(autouse=True)
def _still_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """The robustness time budget never runs out, however slow the machine (AppTest runs in-process)."""
    monkeypatch.setattr(robustness, "default_clock", lambda: 0.0)


def start(lang: str = "en") -> AppTest:
    return open_app(PAGE, lang, session={"sens_n": FEW})


def finish(at: AppTest, timeout: float = 300.0) -> AppTest:
    """Wait until the background robustness run has ended, then run the page again (what its polling
    fragment does in a browser). Waiting for the end is not a time limit: the run's budget is on the
    injected clock."""
    deadline = time.monotonic() + timeout
    while "rb_task" in at.session_state and at.session_state["rb_task"].running:
        assert time.monotonic() < deadline, "the robustness run did not end"
        time.sleep(0.1)
    return at.run()


def heatmap(at: AppTest) -> list[list[float]]:
    specs = [s for s in charts(at) if s["data"] and s["data"][0]["type"] == "heatmap"]
    assert len(specs) == 1
    return np.asarray(plotly_values(specs[0]["data"][0]["z"]), float).tolist()


def reading(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown).replace("\\", "")


@pytest.mark.parametrize("lang", LANGS)
def test_page_renders_with_heatmap_and_reading(lang: str) -> None:
    at = start(lang)
    assert_clean(at)
    assert at.title[0].value == t("ui.page.sensitivity", lang)
    subheaders = [s.value for s in at.subheader]
    for key in ("ui.sens.reading_title", "ui.sens.heatmap_title", "ui.sens.stability_title"):
        assert t(key, lang) in subheaders
    z = heatmap(at)
    assert len(z) >= 2 and all(0.0 <= v <= 1.0 for row in z for v in row)
    kinds = [s["data"][0]["type"] for s in charts(at)]
    assert kinds.count("bar") == 3  # top-k bars, tornado, stability intervals
    text = reading(at)
    assert t("ui.sens.reading_focus", lang) in text
    if lang == "en":
        assert "Vietnam (now " in text and "% of weight samples" in text
    else:
        assert "ベトナム（現在" in text and "位位" not in text
    captions = " ".join(c.value for c in at.caption)
    assert t("ui.rb.title", lang) in [h.value for h in at.header]
    assert t("ui.rb.press", lang) in [i.value for i in at.info]
    assert f"{FEW:,}" in captions


def test_every_control_has_help_text() -> None:
    at = start()
    widgets = [*at.number_input, *at.radio, *at.slider, *at.selectbox]
    own = [w for w in widgets if str(w.key).startswith("sens_")]
    assert len(own) == 7
    assert [w.label for w in own if not w.help] == []


def test_same_seed_reproduces_the_result() -> None:
    at = start()
    first, first_text = heatmap(at), reading(at)
    at.number_input(key="sens_seed").set_value(7).run()
    assert_clean(at)
    other = heatmap(at)
    assert other != first  # a different seed draws different weights
    at.number_input(key="sens_seed").set_value(0).run()
    assert heatmap(at) == first
    assert reading(at) == first_text
    again = start()  # a new session with the same seed and settings
    assert heatmap(again) == first


@pytest.mark.parametrize("mode", ["ordered", "ranges"])
def test_other_sampling_modes_run(mode: str) -> None:
    at = start()
    base = heatmap(at)
    at.radio(key="sens_mode").set_value(mode).run()
    assert_clean(at)
    assert not at.warning, [w.value for w in at.warning]
    assert heatmap(at) != base
    assert t(f"ui.sens.mode.{mode}", "en") in " ".join(c.value for c in at.caption)


def test_method_other_than_weighted_sum_is_explained() -> None:
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=90)
    at.query_params["lang"] = "en"
    at.query_params["method"] = "topsis"
    at.session_state["sens_n"] = FEW
    at.switch_page(PAGE).run()
    assert_clean(at)
    assert any("weighted sum" in i.value for i in at.info)


@pytest.mark.parametrize("lang", LANGS)
def test_plan_robustness_re_solves_and_reads_in_plain_words(lang: str) -> None:
    at = start(lang)
    at.number_input(key="rb_n").set_value(4)
    at.button(key="rb_run").click().run()
    assert_clean(at)
    assert at.session_state["rb_task"] is not None  # the run goes on in the background
    finish(at)
    assert_clean(at)
    robust = at.session_state["rb_result"][1]
    assert robust.tried == 4 and robust.solved == 4
    table = next(
        d.value
        for d in at.dataframe
        if t("ui.rb.col.frequency", lang) in d.value.columns or "frequency" in d.value.columns
    )
    assert len(table) == len(robust.table) > 0
    assert table["frequency"].between(0, 1).all()
    text = " ".join(m.value for m in at.markdown)
    assert ("stable core" in text) if lang == "en" else ("堅い核" in text)
    assert t("ui.rb.uses_default", lang, budget="30", periods=3) in [c.value for c in at.caption]
    # a weight change makes the kept result stale rather than silently wrong
    at.slider(key="sc_w_growth").set_value(3.0).run()
    assert t("ui.rb.stale", lang) in [i.value for i in at.info]


def test_plan_robustness_uses_the_rules_solved_on_the_plan_page() -> None:
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=120)
    at.query_params["lang"] = "en"
    at.switch_page("ui/pages/plan.py").run()
    at.number_input(key="plan_budget").set_value(12.0)
    at.number_input(key="plan_time_limit").set_value(10.0)
    at.button(key="plan_solve").click().run()
    at.session_state["sens_n"] = FEW
    at.switch_page(PAGE).run()
    assert t("ui.rb.uses_plan", "en", budget="12", periods=3) in [c.value for c in at.caption]
    at.number_input(key="rb_n").set_value(3)
    at.button(key="rb_run").click().run()
    finish(at)
    assert_clean(at)
    robust = at.session_state["rb_result"][1]
    plan = at.session_state["plan_result"]["plan"]
    assert robust.base.budget_used <= 12.0 + 1e-9
    assert set(robust.table.loc[robust.table["in_base"], "field_id"]) == set(plan.selection["field_id"].astype(str))


def test_plan_robustness_says_when_the_time_limit_stopped_it(monkeypatch: pytest.MonkeyPatch) -> None:
    # a clock moving 5 s per reading: a 50 s budget runs out after a few readings, whatever the
    # machine's speed (how many samples finish before that depends on the worker processes)
    monkeypatch.setattr(robustness, "default_clock", itertools.count(5.0, 5.0).__next__)
    at = start("en")
    at.number_input(key="rb_n").set_value(400)
    at.number_input(key="rb_budget").set_value(50)
    at.button(key="rb_run").click().run()
    finish(at)
    assert_clean(at)
    robust = at.session_state["rb_result"][1]
    assert robust.stopped_early and not robust.cancelled and robust.tried < 400
    expected = t("ui.rb.stopped", "en", tried=robust.tried, requested=400, seconds=f"{robust.seconds:.0f}")
    assert expected in [w.value for w in at.warning]
    if robust.solved:
        limit = t("ui.rb.timing", "en", limit="10", mean="", median="").split(";")[0]
        assert any(c.value.startswith(limit) for c in at.caption)


@pytest.mark.parametrize("lang", LANGS)
def test_cancel_stops_the_run_and_keeps_the_finished_part(lang: str) -> None:
    at = start(lang)
    at.number_input(key="rb_n").set_value(400)
    at.button(key="rb_run").click().run()
    assert t("ui.rbx.cancel", lang) in [b.label for b in at.button]
    assert at.button(key="rb_run").disabled  # one run at a time
    at.button(key="rb_cancel").click().run()
    finish(at)
    assert_clean(at)
    robust = at.session_state["rb_result"][1]
    assert robust.cancelled and robust.tried < 400 and robust.solved == robust.tried - robust.failed
    assert t("ui.rbx.cancelled", lang, tried=robust.tried, requested=400) in [w.value for w in at.warning]
    assert "rb_task" not in at.session_state and not at.button(key="rb_run").disabled


def test_the_page_and_the_command_line_draw_the_same_samples(monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    drawn: list[np.ndarray] = []
    real = sampling.sample_weights

    def record(*args, **kwargs) -> np.ndarray:
        drawn.append(real(*args, **kwargs))
        return drawn[-1]

    monkeypatch.setattr(sampling, "sample_weights", record)
    seed = 424_242  # a seed no other test uses: the page's cached SMAA must draw afresh
    for mode in ("ranges", "ordered"):
        at = AppTest.from_file(str(REPO / "app.py"), default_timeout=90)
        at.query_params["lang"] = "en"
        at.session_state["sens_n"], at.session_state["sens_seed"] = FEW, seed
        at.session_state["sens_mode"], at.session_state["sens_spread"] = mode, 40
        at.switch_page(PAGE).run()
        assert_clean(at)
        assert len(drawn) == 1, "the page must draw its samples through sample_weights"
        page = drawn.pop()
        options = ["--spread", "40"] if mode == "ranges" else []
        argv = ["sensitivity", "--mode", mode, *options, "--seed", str(seed), "--samples", str(FEW), "--quiet"]
        assert cli.main([*argv, "--format", "csv"]) == 0, capsys.readouterr().err
        assert len(drawn) == 1
        command_line = drawn.pop()
        assert page.shape == (FEW, page.shape[1]) and np.array_equal(page, command_line)


def test_plan_robustness_with_an_empty_plan_says_so() -> None:
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=120)
    at.query_params["lang"] = "ja"
    at.switch_page("ui/pages/plan.py").run()
    at.number_input(key="plan_budget").set_value(0.0)
    at.button(key="plan_solve").click().run()
    at.session_state["sens_n"] = FEW
    at.switch_page(PAGE).run()
    at.number_input(key="rb_n").set_value(2)
    at.button(key="rb_run").click().run()
    finish(at)
    assert_clean(at)
    assert t("ui.rb.empty", "ja", n=2) in [i.value for i in at.info]


def test_uniform_draws_are_not_redone_when_a_pillar_weight_moves(monkeypatch: pytest.MonkeyPatch) -> None:
    """The pillar scores do not depend on the pillar weights and simplex draws ignore them, so a
    pillar slider re-uses the SMAA result; in the ranges mode the draws follow the weights."""
    from strategy.analysis import sensitivity

    calls: list[int] = []
    original = sensitivity.smaa

    def counted(*args: object, **kwargs: object) -> object:
        calls.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(sensitivity, "smaa", counted)
    at = open_app(PAGE, "en", session={"sens_n": FEW, "sens_seed": 424242})  # a seed no other test caches
    assert at.radio(key="sens_mode").value == "simplex" and len(calls) == 1
    at.sidebar.slider(key="sc_w_size").set_value(3.5).run()
    assert_clean(at)
    assert len(calls) == 1
    at.radio(key="sens_mode").set_value("ranges").run()
    at.sidebar.slider(key="sc_w_size").set_value(4.0).run()
    assert_clean(at)
    assert len(calls) == 3
