"""The Sensitivity page runs headless with ``streamlit.testing.v1.AppTest``.

It renders in both languages with the acceptability heatmap and the plain-language reading; the
same seed gives the same SMAA result (changing the seed and changing it back reproduces it); the
ordered and the ranges sampling modes run. Few samples keep the tests fast.
"""

from __future__ import annotations

import base64
import json
from pathlib import Path

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from app_common import DATA_DIR_ENV
from strategy.i18n import LANGS, t

REPO = Path(__file__).resolve().parent.parent
PAGE = "app_pages/sensitivity.py"
FEW = 1_000


@pytest.fixture(autouse=True)
def _bundled_data(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(DATA_DIR_ENV, raising=False)


def start(lang: str = "en") -> AppTest:
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=90)
    at.query_params["lang"] = lang
    at.session_state["sens_n"] = FEW
    return at.switch_page(PAGE).run()


def assert_clean(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


def charts(at: AppTest) -> list[dict]:
    """Plotly specs of the page's charts, in page order."""
    return [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]


def array(value: object) -> np.ndarray:
    """A plotly array from a spec: a plain list or a typed array (base64 ``bdata``)."""
    if isinstance(value, dict):
        flat = np.frombuffer(base64.b64decode(value["bdata"]), dtype=value["dtype"])
        return flat.reshape([int(n) for n in str(value.get("shape", len(flat))).split(",")])
    return np.asarray(value, float)


def heatmap(at: AppTest) -> list[list[float]]:
    specs = [s for s in charts(at) if s["data"] and s["data"][0]["type"] == "heatmap"]
    assert len(specs) == 1
    return array(specs[0]["data"][0]["z"]).tolist()


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
    assert t("ui.sens.plan_later", lang) in captions
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
