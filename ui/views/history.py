"""Indicator histories as small multiples, for the ASEAN + India comparison and the Country profile.

Not a page. Highlighted countries get an Okabe-Ito colour, the rest stay light grey for context;
sizes that span orders of magnitude go on a log axis with readable ticks. Money and head counts are
scaled the way each language counts them (億ドル / 万人, US$ bn / million).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from plotly.subplots import make_subplots

from strategy.analysis import profile
from strategy.analysis.profile import HISTORY_START
from strategy.data.dataset import Dataset
from strategy.i18n import Lang, format_value
from strategy.labels import name_of
from ui.common import escape_markdown
from ui.labels import country_names, indicator_names, unit_label
from ui.texts import t
from ui.views.charts import FONT, frozen
from ui.views.country import CONTEXT_GREY, _short, colour_map
from ui.views.widgets import lazy_expander

MEDIAN_GREY = "#555555"
#: Indicators drawn on a log axis in the small multiples (sizes that span orders of magnitude).
LOG_TRANSFORMS = ("log", "log1p")
HISTORY_FROM = HISTORY_START
HISTORY_END = 2025


def log_ticks(low: float, high: float) -> list[float]:
    """Readable ticks for a log axis from ``low`` to ``high`` (> 0): 1-2-5 steps, or powers of ten
    when that would give too many."""
    first, last = math.floor(math.log10(low)), math.ceil(math.log10(high))
    ticks: list[float] = []
    for steps in ((1, 2, 5), (1, 3), (1,)):
        ticks = [m * 10.0**k for k in range(first, last + 1) for m in steps if low <= m * 10.0**k <= high]
        if len(ticks) <= 7:
            break
    if len(ticks) < 2:
        ticks = [
            m * 10.0**k for k in range(first, last + 1) for m in (1, 1.5, 2, 3, 5, 7) if low <= m * 10.0**k <= high
        ]
    return ticks


def tick_text(value: float) -> str:
    return f"{value:,.0f}" if value >= 1 else f"{value:g}"


# --- scales ---------------------------------------------------------------------------------------


def axis_scale(unit: object, values: pd.Series, language: Lang) -> tuple[float, str]:
    """Divisor and axis unit for a series: money and people in the language's usual units."""
    finite = values.dropna().abs()
    top = float(finite.max()) if len(finite) else 0.0
    if unit == "US$":
        if language == "ja":
            steps = ((1e11, 1e8, "ui.fc.axis.oku_usd"), (1e6, 1e4, "ui.fc.axis.man_usd"))
        else:
            steps = ((1e11, 1e9, "ui.fc.axis.bn_usd"), (1e8, 1e6, "ui.fc.axis.m_usd"))
        for limit, divisor, key in steps:
            if top >= limit:
                return divisor, t(key, language)
        return 1.0, t("ui.fc.axis.usd", language)
    if unit == "people" and top >= 1e7:
        return (
            (1e4, t("ui.fc.axis.man_people", language))
            if language == "ja"
            else (1e6, t("ui.fc.axis.m_people", language))
        )
    return 1.0, unit_label(unit, language)


# --- history ------------------------------------------------------------------------------------------


@st.cache_resource(show_spinner=False, max_entries=4)
def key_indicators(_ds: Dataset, version: str) -> tuple[str, ...]:
    """:func:`strategy.analysis.profile.key_indicators` once per data version (it reads every indicator row,
    about 20 ms, and the comparison and profile pages want it on every rerun)."""
    return tuple(profile.key_indicators(_ds))


@st.cache_resource(show_spinner=False, max_entries=32)
def _history(_ds: Dataset, version: str, countries: tuple[str, ...], indicators: tuple[str, ...]) -> pd.DataFrame:
    """The histories drawn, once per selection: like the figure, they do not depend on the weights."""
    return profile.indicator_history(_ds, list(countries), list(indicators))


@st.cache_resource(show_spinner=False, max_entries=32)
def history_figure(
    _ds: Dataset,
    version: str,
    countries: tuple[str, ...],
    indicators: tuple[str, ...],
    highlight: tuple[str, ...],
    median_of: tuple[str, ...],
    language: Lang,
    median_label: str,
) -> go.Figure:
    """:func:`history_grid` for these countries, with the median of ``median_of`` (the focus
    markets), cached: the histories do not depend on the weights, so a weight change does not
    rebuild about a hundred traces."""
    history = _history(_ds, version, countries, indicators)
    reference = profile.indicator_history(_ds, list(median_of), list(indicators))
    median = profile.history_median(reference, list(median_of), min_n=math.ceil(len(median_of) / 2))
    return frozen(
        history_grid(_ds, history, indicators, countries, highlight, language, median=median, median_label=median_label)
    )


def history_grid(
    ds: Dataset,
    history: pd.DataFrame,
    indicators: Sequence[str],
    countries: Sequence[str],
    highlight: Sequence[str],
    language: Lang,
    median: pd.DataFrame | None = None,
    median_label: str = "",
    columns: int = 3,
) -> go.Figure:
    """Small multiples: one panel per indicator (title with unit), one line per country (highlighted
    in colour, others grey), an optional median line; sizes on a log axis."""
    catalog = ds.catalog
    titles_names = indicator_names(catalog, language)
    names = country_names(ds, language)  # once: a look-up rebuilds the table of 219 names
    rows = max(1, math.ceil(len(indicators) / columns))
    scales, logs = {}, {}
    titles = []
    for indicator in indicators:
        values = history.loc[history["indicator"] == indicator, "value"]
        divisor, unit_text = axis_scale(catalog.at[indicator, "unit"], values, language)
        scales[indicator] = divisor
        log = str(catalog.at[indicator, "transform"]) in LOG_TRANSFORMS and len(values) > 0 and bool((values > 0).all())
        logs[indicator] = log
        suffix = t("ui.fc.log_axis", language) if log else ""
        titles.append(f"<b>{_short(str(titles_names.get(indicator, indicator)), 42)}</b><br>({unit_text}{suffix})")
    figure = make_subplots(
        rows=rows,
        cols=columns,
        subplot_titles=titles,
        vertical_spacing=min(0.16, 0.5 / rows),
        horizontal_spacing=0.07,
    )
    colours = colour_map(highlight)
    order = [i for i in countries if i not in colours] + [i for i in highlight if i in set(countries)]
    year = t("ui.col.year", language)
    in_legend: set[str] = set()
    for k, indicator in enumerate(indicators):
        row, col = k // columns + 1, k % columns + 1
        unit = catalog.at[indicator, "unit"]
        part = history[history["indicator"] == indicator]
        if median is not None and len(median):
            m = median[median["indicator"] == indicator]
            if len(m):
                figure.add_scatter(
                    x=m["year"],
                    y=m["value"] / scales[indicator],
                    mode="lines",
                    name=median_label,
                    legendgroup="__median__",
                    showlegend=k == 0,
                    line={"color": MEDIAN_GREY, "width": 2, "dash": "dash"},
                    customdata=[format_value(v, unit, language) for v in m["value"]],
                    hovertemplate=f"{median_label}<br>{year}: %{{x}}<br>%{{customdata}}<extra></extra>",
                    row=row,
                    col=col,
                )
        for iso3 in order:
            series = part[part["iso3"] == iso3]
            if series.empty:
                continue
            colour = colours.get(iso3)
            name = name_of(names, iso3)
            figure.add_scatter(
                x=series["year"],
                y=series["value"] / scales[indicator],
                mode="lines+markers" if len(series) < 4 else "lines",
                name=name,
                legendgroup=iso3,
                showlegend=iso3 not in in_legend,
                line={"color": colour or CONTEXT_GREY, "width": 2.4 if colour else 1.0},
                marker={"size": 5},
                opacity=1.0 if colour else 0.8,
                customdata=[format_value(v, unit, language) for v in series["value"]],
                hovertemplate=f"<b>{name}</b><br>{year}: %{{x}}<br>%{{customdata}}<extra></extra>",
                row=row,
                col=col,
            )
            in_legend.add(iso3)
        if logs[indicator]:
            scaled = part["value"] / scales[indicator]
            if median is not None and len(median):
                scaled = pd.concat([scaled, median.loc[median["indicator"] == indicator, "value"] / scales[indicator]])
            ticks = log_ticks(float(scaled.min()), float(scaled.max()))
            figure.update_yaxes(type="log", tickvals=ticks, ticktext=[tick_text(v) for v in ticks], row=row, col=col)
    last = int(history["year"].max()) if len(history) else HISTORY_END
    figure.update_xaxes(range=[HISTORY_FROM - 0.5, last + 0.5], gridcolor="#eeeeee", tickformat="d")
    figure.update_yaxes(gridcolor="#eeeeee", zerolinecolor="#999999")
    figure.update_annotations(font={"size": 12})
    figure.update_layout(
        height=80 + 270 * rows,
        font=FONT,
        plot_bgcolor="white",
        margin={"l": 10, "r": 10, "t": 60, "b": 10},
        legend={"orientation": "h", "x": 0, "y": 1.0 + 40 / (80 + 270 * rows), "yanchor": "bottom"},
        hovermode="closest",
    )
    return figure


def history_notes(ds: Dataset, history: pd.DataFrame, indicators: Sequence[str], language: Lang) -> list[str]:
    """One line per indicator: its unit, the years shown, the source and the licence."""
    names_ = indicator_names(ds.catalog, language)
    out = []
    for indicator in indicators:
        rows = history[history["indicator"] == indicator]
        unit = unit_label(ds.catalog.at[indicator, "unit"], language)
        if rows.empty:
            out.append(t("ui.fc.history_none", language, name=names_.get(indicator, indicator), unit=unit))
            continue
        source_ids = sorted(set(rows["source_id"]))
        sources = t("fmt.list_sep", language).join(_source_text(ds, s) for s in source_ids)
        out.append(
            t(
                "ui.fc.history_note",
                language,
                name=names_.get(indicator, indicator),
                unit=unit,
                start=int(rows["year"].min()),
                end=int(rows["year"].max()),
                sources=sources,
            )
        )
    return out


def _source_text(ds: Dataset, source_id: str) -> str:
    if source_id not in ds.sources.index:
        return source_id
    row = ds.sources.loc[source_id]
    return f"{row['publisher']}: {row['title']} ({row['licence']})"


def show_history(
    ds: Dataset,
    countries: Sequence[str],
    indicators: Sequence[str],
    highlight: Sequence[str],
    focus: Sequence[str],
    language: Lang,
    key: str,
) -> pd.DataFrame:
    """Draw the histories of ``indicators`` for ``countries`` (``highlight`` in colour) with the median
    of the focus markets, as the comparison and profile pages show them; returns the histories drawn
    (read-only: copy before changing)."""
    history = _history(ds, ds.version, tuple(countries), tuple(indicators))
    figure = history_figure(
        ds,
        ds.version,
        tuple(countries),
        tuple(indicators),
        tuple(highlight),
        tuple(focus),
        language,
        t("ui.fc.median", language, n=len(focus)),
    )
    st.plotly_chart(figure, width="stretch", config={"displaylogo": False}, key=key)
    return history


def history_sources(
    ds: Dataset, history: pd.DataFrame, indicators: Sequence[str], focus: Sequence[str], language: Lang, key: str
) -> None:
    """The caption under the histories (what the median is) and their sources in an expander
    (``key`` names it; its notes are built only while it is open)."""
    st.caption(t("ui.fc.history_caption", language, start=profile.HISTORY_START, n=math.ceil(len(focus) / 2)))
    with lazy_expander(t("ui.fc.history_sources", language), f"{key}_sources_open") as box:
        if box.open:
            notes = history_notes(ds, history, indicators, language)
            st.caption("  \n".join(escape_markdown(line) for line in notes))
