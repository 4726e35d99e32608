"""Figures and tables of the ASEAN + India comparison and the Country profile pages.

Not a page. Builders label and format what :mod:`strategy.analysis.profile` returns; they compute no
scores. Colours are Okabe-Ito (colour-blind safe): countries a planner highlights get a colour,
the rest stay light grey for context, so a chart of a dozen countries stays readable. Money and
head counts are scaled the way each language counts them (億ドル / 万人, US$ bn / million).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from strategy.analysis import profile
from strategy.data.dataset import Dataset
from strategy.i18n import Lang, format_value, window_years
from strategy.labels import name_of
from strategy.scoring import MarketScores, RivalThreat, rival_threat
from ui.labels import country_list, country_names, field_names, label, rival_label
from ui.texts import t
from ui.views.charts import FONT, OKABE_ITO
from ui.views.rivals import threat_heatmap
from ui.views.tables import Table

#: Line colours for highlighted countries (Okabe-Ito without yellow, too pale for a line on white).
LINE_COLOURS = tuple(c for c in OKABE_ITO if c != "#F0E442")
MAX_HIGHLIGHT = len(LINE_COLOURS)
CONTEXT_GREY = "#b8b8b8"


@st.cache_resource(show_spinner=False, max_entries=16)
def threat_for(
    _ds: Dataset, version: str, countries: tuple[str, ...], presence: float, white: float, momentum: float = 0.0
) -> RivalThreat:
    """Rival threat for exactly the compared countries, with the sidebar's presence settings (the
    threat of a country does not depend on the others, so a country outside the universe gets the
    same numbers it would have inside it)."""
    return rival_threat(_ds, pd.Index(list(countries)), presence, white, momentum_weight=momentum)


@st.cache_resource(show_spinner=False, max_entries=16)
def compared_rivals(
    _ds: Dataset,
    version: str,
    countries: tuple[str, ...],
    presence: float,
    white: float,
    language: Lang,
    momentum: float = 0.0,
) -> tuple[go.Figure, Table]:
    """The comparison page's rival heatmap and main-rival table: they depend on the compared
    countries and the presence settings, not on the weights, so a weight change reuses them (about
    80 ms). Callers must not modify them."""
    threat = threat_for(_ds, version, countries, presence, white, momentum)
    fields = list(_ds.fields.sort_values("phase", kind="stable").index)
    figure = threat_heatmap(_ds, threat, list(countries), language)
    return figure, rival_matrix_table(_ds, profile.main_rivals(threat, countries, fields), countries, language)


@st.cache_resource(show_spinner=False, max_entries=16)
def ties_for(_ds: Dataset, version: str, countries: tuple[str, ...], reference_year: int | None) -> pd.DataFrame:
    """Ties with Japan of the compared countries (no weight changes them; callers must not modify it)."""
    return profile.japan_ties(_ds, list(countries), reference_year)


def _year(value: object) -> str:
    return "" if value is None or pd.isna(value) else str(int(value))  # type: ignore[call-overload]


def colour_map(highlight: Sequence[str]) -> dict[str, str]:
    """A fixed colour per highlighted country, in the order chosen."""
    return {iso3: LINE_COLOURS[i % len(LINE_COLOURS)] for i, iso3 in enumerate(highlight)}


# --- comparison: pillars -----------------------------------------------------------------------------


def radar(
    ds: Dataset, values: pd.DataFrame, highlight: Sequence[str], language: Lang, rescaled: bool = False
) -> go.Figure:
    """Pillar radar: highlighted countries in colour, the others in grey; a missing pillar is a gap."""
    pillars = list(values.columns)
    theta = [label("pillar", p, language) for p in pillars]
    colours = colour_map(highlight)
    figure = go.Figure()
    order = [i for i in values.index if i not in colours] + [i for i in highlight if i in values.index]
    score = t("ui.fc.radar_value" if not rescaled else "ui.fc.radar_value_rescaled", language)
    names = country_names(ds, language)  # once, not per country
    for iso3 in order:
        row = values.loc[iso3].astype(float)
        if row.isna().all():
            continue
        r = [None if math.isnan(v) else float(v) for v in row]
        colour = colours.get(iso3)
        figure.add_scatterpolar(
            r=[*r, r[0]],
            theta=[*theta, theta[0]],
            name=name_of(names, iso3),
            mode="lines+markers",
            line={"color": colour or CONTEXT_GREY, "width": 2.6 if colour else 1.0},
            marker={"size": 6 if colour else 3},
            opacity=1.0 if colour else 0.7,
            connectgaps=False,
            showlegend=True,
            legendrank=1 if colour else 1000,
            hovertemplate=f"<b>%{{fullData.name}}</b><br>%{{theta}}<br>{score}: %{{r:.2f}}<extra></extra>",
        )
    between = 90 - 180 / max(len(pillars), 1)  # the radial labels sit between two spokes
    figure.update_layout(
        height=520,
        font=FONT,
        margin={"l": 60, "r": 60, "t": 30, "b": 30},
        polar={
            "radialaxis": {
                "range": [0, 1],
                "tickvals": [0.25, 0.5, 0.75, 1.0],
                "angle": between,
                "tickangle": between,
                "tickfont": {"size": 10, "color": "#666666"},
            },
            "angularaxis": {"direction": "clockwise", "rotation": 90},
        },
        legend={"title": {"text": t("ui.fc.legend_title", language)}, "itemclick": "toggle"},
    )
    return figure


def pillar_table(ds: Dataset, market: MarketScores, values: pd.DataFrame, language: Lang) -> Table:
    """Compared countries: rank, market score, coverage and pillar scores; why a country has none."""
    countries = list(values.index)
    c = {k: t(f"ui.mk.col.{k}", language) for k in ("rank", "score", "coverage")}
    country, note = t("ui.col.country", language), t("ui.fc.col.note", language)
    scored = market.score.reindex(countries)
    notes = []
    for iso3 in countries:
        if iso3 in market.score.index:
            notes.append("")
        elif iso3 in market.excluded.index:
            pct = f"{float(market.excluded.at[iso3, 'coverage']) * 100:.0f}"
            notes.append(t("ui.fc.reason.excluded", language, pct=pct))
        else:
            notes.append(t("ui.fc.reason.outside", language))
    frame = pd.DataFrame(
        {
            c["rank"]: market.rank.reindex(countries).astype("Int64").to_numpy(),
            country: country_list(ds, countries, language),
            "ISO3": countries,
            c["score"]: scored.to_numpy(dtype=float),
            c["coverage"]: market.coverage.reindex(countries).to_numpy(dtype=float) * 100,
        }
    )
    columns: dict[str, object] = {
        c["rank"]: st.column_config.NumberColumn(c["rank"], format="%d", width=56, help=t("ui.mk.rank_help", language)),
        country: st.column_config.TextColumn(country, width=140),
        "ISO3": st.column_config.TextColumn("ISO3", width=52),
        c["score"]: st.column_config.NumberColumn(c["score"], format="%.3f", help=t("ui.mk.score_help", language)),
        c["coverage"]: st.column_config.NumberColumn(
            c["coverage"], format="%.0f%%", help=t("ui.mk.coverage_help", language)
        ),
    }
    for pillar in values.columns:
        name = label("pillar", pillar, language)
        frame[name] = values[pillar].to_numpy(dtype=float)
        columns[name] = st.column_config.NumberColumn(
            name, format="%.2f", help=t("ui.mk.pillar_help", language, pillar=name)
        )
    frame[note] = notes
    columns[note] = st.column_config.TextColumn(note, width="medium")
    frame = frame.sort_values(c["rank"], na_position="last", kind="stable").reset_index(drop=True)
    return Table(frame, columns)


def _short(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


# --- groups and ties -----------------------------------------------------------------------------------


def membership_table(ds: Dataset, groups: pd.DataFrame, language: Lang) -> Table:
    """Income group, region and one tick column per group that at least one compared country is in."""
    country = t("ui.col.country", language)
    income, region = t("ui.col.income_group", language), t("ui.fc.col.subregion", language)
    frame = pd.DataFrame(
        {
            country: country_list(ds, groups.index, language),
            "ISO3": list(groups.index),
            income: [label("income", g, language) or t("fmt.na", language) for g in groups["income_group"]],
            region: [label("fc.subregion", s, language) or t("fmt.na", language) for s in groups["un_subregion"]],
        }
    )
    columns: dict[str, object] = {
        country: st.column_config.TextColumn(country, width=140),
        income: st.column_config.TextColumn(income, help=t("ui.col.income_group_help", language)),
        region: st.column_config.TextColumn(region, help=t("ui.fc.col.subregion_help", language)),
    }
    bool_columns = [g for g in groups.columns if groups[g].dtype == bool]
    for group in bool_columns:
        if not groups[group].any():
            continue
        name = group.upper()  # short header (ASEAN, LDC); the full name is in the help
        frame[name] = groups[group].to_numpy()
        columns[name] = st.column_config.CheckboxColumn(
            name, help=t("ui.fc.col.member_help", language, group=label("member", group, language)), width=64
        )
    return Table(frame, columns)


def memoranda_text(dates: Sequence[str], language: Lang) -> str:
    return t("fmt.list_sep", language).join(dates) if len(dates) else t("ui.fc.none_recorded", language)


def aid_window(ds: Dataset, max_age: int | None) -> float:
    """Freshness window of Japan's net aid in years (NaN = no limit) under the ``max_age`` setting."""
    return float(ds.windows(max_age).get("japan_net_aid_usd", float("nan")))


def ties_table(ds: Dataset, ties: pd.DataFrame, max_age: int | None, language: Lang) -> Table:
    """Japan's net aid (latest, with its year; flagged when older than its freshness window),
    ministerial ICT memoranda and the digital TV standard with its cited page."""
    window = aid_window(ds, max_age)
    c = {
        k: t(f"ui.fc.col.{k}", language)
        for k in ("aid", "aid_year", "memoranda", "dtt", "dtt_year", "isdbt", "dtt_source")
    }
    country = t("ui.col.country", language)
    aid, aid_year = [], []
    for value, year, age in zip(ties["aid_usd"], ties["aid_year"], ties["aid_age"], strict=True):
        if pd.isna(value):
            aid.append(t("ui.fc.aid_none", language))
            aid_year.append("")
            continue
        aid.append(format_value(value, "US$", language))
        old = not pd.isna(age) and int(age) > window  # NaN window: no limit
        aid_year.append(t("ui.fc.old_year", language, year=int(year)) if old else str(int(year)))
    frame = pd.DataFrame(
        {
            country: country_list(ds, ties.index, language),
            "ISO3": list(ties.index),
            c["aid"]: aid,
            c["aid_year"]: aid_year,
            c["memoranda"]: [memoranda_text(d, language) for d in ties["memoranda"]],
            c["dtt"]: [s or t("ui.fc.dtt_unknown", language) for s in ties["dtt_standard"]],
            c["dtt_year"]: [_year(y) for y in ties["dtt_year"]],
            c["isdbt"]: ties["isdbt"].astype(bool).to_numpy(),
            c["dtt_source"]: [s if s.startswith(("http://", "https://")) else None for s in ties["dtt_source"]],
        }
    )
    columns = {
        country: st.column_config.TextColumn(country, width=140),
        c["aid"]: st.column_config.TextColumn(c["aid"], help=t("ui.fc.col.aid_help", language)),
        c["aid_year"]: st.column_config.TextColumn(
            c["aid_year"], help=t("ui.fc.col.aid_year_help", language, window=window_years(window, language))
        ),
        c["memoranda"]: st.column_config.TextColumn(c["memoranda"], help=t("ui.fc.col.memoranda_help", language)),
        c["dtt"]: st.column_config.TextColumn(c["dtt"], help=t("ui.col.dtt_help", language)),
        c["dtt_year"]: st.column_config.TextColumn(c["dtt_year"], help=t("ui.fc.col.dtt_year_help", language)),
        c["isdbt"]: st.column_config.CheckboxColumn(c["isdbt"], help=t("ui.fc.col.isdbt_help", language)),
        c["dtt_source"]: st.column_config.LinkColumn(c["dtt_source"], help=t("ui.fc.col.dtt_source_help", language)),
    }
    return Table(frame, columns)


# --- fields and rivals -----------------------------------------------------------------------------


def rival_matrix_table(ds: Dataset, rivals: pd.DataFrame, countries: Sequence[str], language: Lang) -> Table:
    """Countries × fields: the main rival's short name and its threat; * = presence assumed."""
    fields = list(ds.fields.sort_values("phase", kind="stable").index)
    fnames = field_names(ds, language)
    country = t("ui.col.country", language)
    frame = pd.DataFrame({country: country_list(ds, countries, language), "ISO3": list(countries)})
    lookup = rivals.set_index(["iso3", "field_id"])
    for field_id in fields:
        cells = []
        for iso3 in countries:
            if (iso3, field_id) not in lookup.index:
                cells.append(t("fmt.na", language))
                continue
            row = lookup.loc[(iso3, field_id)]
            if pd.isna(row["main_threat"]):
                cells.append(t("fmt.na", language))
            elif not isinstance(row["main_rival"], str) or not row["main_rival"].strip():
                cells.append(t("ui.cp.nobody", language))
            else:
                star = "" if bool(row["main_measured"]) else "*"
                cells.append(f"{rival_label(ds, row['main_rival'], language)}{star} {float(row['main_threat']):.2f}")
        frame[fnames[field_id]] = cells
    columns = {country: st.column_config.TextColumn(country, width=130, pinned=True)}
    for field_id in fields:
        name = fnames[field_id]
        columns[name] = st.column_config.TextColumn(
            name, help=t("ui.fd.phase_field", language, phase=int(ds.fields.at[field_id, "phase"]), name=name)
        )
    return Table(frame, columns)
