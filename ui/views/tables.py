"""The table every page draws (:class:`Table`) and the small text helpers its builders share.

Not a page. A :class:`Table` is a labelled frame plus its column configuration and notes.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from strategy.data.dataset import Dataset
from strategy.i18n import Lang
from ui.common import escape_markdown


@dataclass(frozen=True)
class Table:
    """A frame ready for ``st.dataframe`` plus its column configuration and notes."""

    frame: pd.DataFrame
    columns: dict[str, object]
    notes: tuple[str, ...] = ()
    #: leading columns that say what a row is (rank, country, field): they stay in view when a wide
    #: table scrolls sideways on a laptop screen
    pin: int = 1

    def column_config(self) -> dict[str, object]:
        """The column configuration with the first ``pin`` columns pinned."""
        config = dict(self.columns)
        for name in list(self.frame.columns)[: self.pin]:
            config[name] = {**(config.get(name) or st.column_config.Column()), "pinned": True}  # type: ignore[dict-item]
        return config

    def show(self, rows: int = 20, key: str | None = None) -> None:
        """Draw the table tall enough to show up to ``rows`` rows without scrolling inside it."""
        height = 35 * (min(len(self.frame), rows) + 1) + 3
        st.dataframe(
            self.frame, column_config=self.column_config(), hide_index=True, width="stretch", height=height, key=key
        )


def _source_title(ds: Dataset, source_id: str) -> str:
    if source_id not in ds.sources.index:
        return source_id
    row = ds.sources.loc[source_id]
    return f"{row['publisher']}: {row['title']}"


def _year_text(year: object) -> str:
    return "" if pd.isna(year) else str(int(year))  # type: ignore[call-overload]


def _unique(labels: list[str], ids: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    for text in labels:
        seen[text] = seen.get(text, 0) + 1
    return [text if seen[text] == 1 else f"{text} ({i})" for text, i in zip(labels, ids, strict=True)]


def ordinal(rank: int, language: Lang) -> str:
    if language == "ja":
        return f"{rank}位"
    suffix = "th" if 10 <= rank % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(rank % 10, "th")
    return f"{rank}{suffix}"


def _short(text: str, n: int) -> str:
    text = str(text)
    return text if len(text) <= n else text[: n - 1] + "…"


def _escape(text: str) -> str:
    return escape_markdown(text)


def _link(label_text: str, url: str) -> str:
    safe = url.replace("(", "%28").replace(")", "%29").replace(" ", "%20")
    return f"[{_escape(label_text)}]({safe})"
