"""What the AppTest modules share: opening the app on a page, checking it is clean, reading its texts,
charts and tables.

``tests/conftest.py`` holds the fixtures (``bundled``, and the bundled data for every test); this
module holds plain functions, imported as ``from apptest_helpers import ...`` (pytest puts ``tests/``
on the import path, as it does for ``tests/pg.py``).
"""

from __future__ import annotations

import base64
import json
from collections.abc import Mapping
from pathlib import Path

import numpy as np
import pandas as pd
from streamlit.testing.v1 import AppTest

REPO = Path(__file__).resolve().parent.parent
APP = REPO / "app.py"

#: The element kinds whose text a reader sees on a page, and the alerts among them.
HEADINGS = ("title", "header", "subheader", "markdown", "caption")
ALERTS = ("info", "warning", "success", "error")


def open_app(
    page: str | None = None,
    lang: str | None = "en",
    *,
    timeout: float = 90,
    via_home: bool = False,
    session: Mapping[str, object] | None = None,
    **params: str,
) -> AppTest:
    """A session of the app opened on ``page`` (its file, e.g. ``ui/pages/plan.py``; Home if None)
    with ``lang`` and ``params`` in the URL, as a shared link would open it.

    ``via_home`` first runs Home, then switches, as the navigation does (for a page whose URL path is
    not its file name); ``session`` presets session-state values (e.g. fewer samples).
    """
    at = AppTest.from_file(str(APP), default_timeout=timeout)
    if lang is not None:
        at.query_params["lang"] = lang
    for key, value in params.items():
        at.query_params[key] = value
    for key, value in (session or {}).items():
        at.session_state[key] = value
    if page is None:
        return at.run()
    if via_home:
        at.run()
    return at.switch_page(page).run()


def assert_clean(at: AppTest) -> None:
    """The run raised nothing and shows no error box."""
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


def unescape(text: str) -> str:
    """Markdown text as read: without the backslashes that escape special characters."""
    return text.replace("\\", "")


def page_texts(at: AppTest, *, alerts: tuple[str, ...] = ALERTS, raw: bool = False) -> str:
    """All headings, markdown, captions and ``alerts`` of the current page, as one string
    (unescaped unless ``raw``)."""
    parts = [e.value for kind in HEADINGS for e in getattr(at, kind)]
    parts += [e.value for kind in alerts for e in getattr(at, kind)]
    text = "\n".join(str(p) for p in parts)
    return text if raw else unescape(text)


def charts(at: AppTest) -> list[dict]:
    """Plotly specs of the page's charts, in page order."""
    return [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]


def plotly_values(value: object) -> list:
    """A trace's values from a spec: plotly sends numbers as typed arrays (``{'dtype', 'bdata',
    'shape'}``, base64), anything else as plain lists."""
    if isinstance(value, dict) and "bdata" in value:
        flat = np.frombuffer(base64.b64decode(value["bdata"]), dtype=value["dtype"])
        return flat.reshape([int(n) for n in str(value.get("shape", len(flat))).split(",")]).tolist()
    return list(value)  # type: ignore[call-overload]


def frame_with(at: AppTest, column: str) -> pd.DataFrame:
    """The first table on the page with a column named ``column``."""
    for table in at.dataframe:
        if column in table.value.columns:
            return table.value
    raise AssertionError(f"no table with a column {column!r}")
