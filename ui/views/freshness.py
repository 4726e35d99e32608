"""The Data page's freshness table: per indicator, its window and how many countries it leaves out.

Not a page. It labels :func:`strategy.scoring.criteria.freshness_summary`; it computes no scores.
Cached by the dataset's ``version``, the language, the countries' scope and the window setting.
"""

from __future__ import annotations

import math

import pandas as pd
import streamlit as st

from strategy.data.dataset import Dataset
from strategy.i18n import Lang, window_text, window_years
from strategy.scoring.criteria import Settings, freshness_summary, prepare_criteria
from ui.labels import indicator_names
from ui.texts import t
from ui.views.data import scope_countries
from ui.views.tables import Table

#: The window every indicator had before the catalogue gave each its own (for the comparison line).
OLD_GLOBAL_WINDOW = 5


def ended_text(year: object, language: Lang) -> str:
    """'ended 2020' for a discontinued series, blank for one that goes on."""
    try:
        last = float(year)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return ""
    return t("ui.fresh.ended", language, year=int(last)) if math.isfinite(last) else ""


@st.cache_data(show_spinner=False, max_entries=32)
def freshness_table(_ds: Dataset, version: str, language: Lang, scope: str, max_age: int | None) -> Table:
    """Per indicator: window, countries with a value used, too old, never measured; latest year; ended.

    The countries are those of ``scope`` (as the coverage heatmap); the reference year is the
    latest in the data; ``max_age`` is the sidebar's setting (None: each indicator's window).
    """
    ds = _ds
    countries = scope_countries(ds, scope)
    criteria = prepare_criteria(ds, countries, Settings(max_age=max_age))
    summary = freshness_summary(criteria, ds)
    before = freshness_summary(prepare_criteria(ds, countries, Settings(max_age=OLD_GLOBAL_WINDOW)), ds)
    c = {k: t(f"ui.fresh.col.{k}", language) for k in ("window", "used", "too_old", "never", "latest_year", "ended")}
    indicator, indicator_id = t("ui.col.indicator", language), t("ui.col.indicator_id", language)
    frame = pd.DataFrame(
        {
            indicator: indicator_names(ds.catalog, language).reindex(summary.index).astype(str).to_numpy(),
            indicator_id: summary.index.astype(str),
            c["window"]: [window_years(w, language) for w in summary["window"]],
            c["used"]: summary["used"].to_numpy(),
            c["too_old"]: summary["too_old"].to_numpy(),
            c["never"]: summary["never"].to_numpy(),
            c["latest_year"]: [str(int(y)) if not pd.isna(y) else "" for y in summary["latest_year"]],
            c["ended"]: [ended_text(y, language) for y in summary["ended"]],
        }
    )
    columns = {
        indicator: st.column_config.TextColumn(indicator, width="large"),
        **{
            c[k]: st.column_config.NumberColumn(c[k], format="%d", help=t(f"ui.fresh.col.{k}_help", language))
            for k in ("used", "too_old", "never")
        },
        c["window"]: st.column_config.TextColumn(c["window"], help=t("ui.fresh.col.window_help", language)),
        c["ended"]: st.column_config.TextColumn(c["ended"], help=t("ui.fresh.col.ended_help", language)),
    }
    notes = [
        t(
            "ui.fresh.caption",
            language,
            n=len(countries),
            year=criteria.reference_year,
            window=window_text(max_age, language),
            too_old=int(summary["too_old"].sum()),
            before=int(before["too_old"].sum()),
            old=OLD_GLOBAL_WINDOW,
        )
    ]
    names = indicator_names(ds.catalog, language)
    for key, row in summary[summary["ended"].notna()].iterrows():  # a handful of rows
        notes.append(t("ui.fresh.ended_item", language, name=names.get(key, key), note=row["ended_note"]))
    return Table(frame, columns, tuple(notes))
