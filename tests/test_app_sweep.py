"""The Plan page's sweep section runs headless (``streamlit.testing.v1.AppTest``): it renders in both
languages; a sweep over budgets and presets draws the heatmap and the entry frequency and is stored
with the scenario, so a new session (the tab reopened) shows it without running; bad values are
named in the page's language, never a traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from apptest_helpers import assert_clean, charts, open_app, plotly_values
from apptest_helpers import page_texts as texts
from streamlit.testing.v1 import AppTest

from strategy.analysis import sweep_io
from strategy.i18n import LANGS
from strategy.store import ENV_URL, ScenarioStore, sqlite_url
from ui.texts import t

PLAN = "ui/pages/plan.py"

pytestmark = pytest.mark.usefixtures("bundled_data")


@pytest.fixture
def store_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    url = sqlite_url(tmp_path / "scenarios.sqlite")
    monkeypatch.setenv(ENV_URL, url)
    return url


def start(lang: str = "en") -> AppTest:
    return open_app(PLAN, lang, timeout=180)


@pytest.mark.parametrize("lang", LANGS)
def test_the_section_renders_in_both_languages(lang: str, store_url: str) -> None:
    at = start(lang)
    assert_clean(at)
    assert t("ui.sw.none", lang) in texts(at)
    assert at.button(key="sweep_run").label == t("ui.sw.run", lang)


def test_a_sweep_is_drawn_stored_and_shown_again_in_a_new_session(store_url: str) -> None:
    at = start("en")
    at.text_input(key="sweep_budget").set_value("10, 20")
    at.multiselect(key="sweep_presets").set_value(["balanced", "digital_gap"])
    at.button(key="sweep_run").click()
    at.run()
    assert_clean(at)
    assert t("ui.sw.done", "en", n=4, solved=4, seconds="")[:12] in texts(at)
    heatmap = next(c for c in charts(at) if c["data"][0]["type"] == "heatmap")
    values = plotly_values(heatmap["data"][0]["z"])
    assert len(values) == 2 and len(values[0]) == 2  # presets down, budgets across
    assert all(a < b for a, b in values)  # more budget, more value
    frequency = next(df.value for df in at.dataframe if "Points choosing it" in df.value.columns)
    assert len(frequency) > 0 and frequency["Points choosing it"].max() <= 4

    with ScenarioStore(store_url) as store:  # stored under "" (no scenario loaded in this session)
        stored = store.last_result("", "sweep")
    assert stored is not None
    assert sweep_io.result_from_json(stored.body).table["budget"].tolist() == [10.0, 10.0, 20.0, 20.0]

    again = start("ja")  # the tab closed and opened again: a new session
    assert_clean(again)
    assert t("ui.sw.result_title", "ja") in texts(again)
    shown = next(c for c in charts(again) if c["data"][0]["type"] == "heatmap")
    assert plotly_values(shown["data"][0]["z"]) == values
    assert json.loads(json.dumps(shown["data"][0]["x"])) == ["10", "20"]


@pytest.mark.parametrize("lang", LANGS)
def test_bad_values_are_named_in_the_page_language(lang: str, store_url: str) -> None:
    at = start(lang)
    at.text_input(key="sweep_budget").set_value("20, -5")
    at.text_input(key="sweep_staff").set_value("10:5:1")
    at.button(key="sweep_run").click()
    at.run()
    assert not at.exception
    message = "\n".join(e.value for e in at.error)
    assert t("ui.sw.problems", lang) in message
    assert t("sweep.axis.budget", lang) in message and "-5" in message
    assert t("sweep.err.empty_range", lang, axis=t("sweep.axis.staff", lang), value="10:5:1") in message
    assert "Traceback" not in texts(at)


def test_a_stopped_sweep_keeps_its_finished_points(store_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A click while the sweep runs reruns the page from inside the run (Streamlit stops the script at
    its next call, as ``st.stop()`` does here after the first point): the finished point is kept and stored."""
    import streamlit as st

    from strategy.analysis import sweep as sw

    at = start("en")
    view = __import__("ui.views.sweep", fromlist=["run_sweep"])

    def interrupted(definition, tasks, *, progress=None, **_: object):
        point = sw.solve_point(tasks[0])
        progress(1, len(tasks), point)
        st.stop()

    original = view.run_sweep
    monkeypatch.setattr(view, "run_sweep", interrupted)
    at.text_input(key="sweep_budget").set_value("10, 20")
    at.multiselect(key="sweep_presets").set_value(["balanced", "digital_gap"])
    at.button(key="sweep_run").click()
    at.run()
    assert not at.exception
    with ScenarioStore(store_url) as store:
        stored = sweep_io.result_from_json(store.last_result("", "sweep").body)
    assert stored.cancelled and len(stored.points) == 1 and stored.requested == 4
    at.run()  # the rerun the click asked for: this session shows the point it kept
    assert t("ui.sw.cancelled", "en", n=1, total=4) in texts(at)
    monkeypatch.setattr(view, "run_sweep", original)
    again = start("en")  # a new session: the stored, stopped sweep
    assert_clean(again)
    assert t("ui.sw.cancelled", "en", n=1, total=4) in texts(again)
