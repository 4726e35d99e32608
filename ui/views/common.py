"""Tables and figures the pages draw, built from a :class:`Dataset` for one language.

Not a page. Each builder is cached by the dataset's ``version`` and the language (the dataset
argument itself is not hashed), so a rerun that changes nothing else costs a dictionary lookup.
Builders label and format; they compute no scores.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlparse

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from strategy.data.dataset import Dataset
from strategy.data.validation import CATALOG_REQUIRED, UPLOAD_COLUMNS
from strategy.i18n import Lang, format_value
from ui import labels
from ui.common import escape_markdown
from ui.labels import country_list as _names
from ui.labels import country_names, field_names, indicator_names, label, rival_label, unit_label, years_range
from ui.texts import TEXT, t

#: Key indicators of the focus-market table: id → per language (divisor, number format).
KEY_INDICATORS: dict[str, dict[str, tuple[float, str]]] = {
    "gdp_usd": {"ja": (1e8, "%,.0f"), "en": (1e9, "%,.1f")},
    "population": {"ja": (1e4, "%,.0f"), "en": (1e6, "%,.1f")},
    "gdp_pc_usd": {"ja": (1.0, "%,.0f"), "en": (1.0, "%,.0f")},
    "internet_users": {"ja": (1.0, "%.1f"), "en": (1.0, "%.1f")},
    "inform_natural_hazard": {"ja": (1.0, "%.1f"), "en": (1.0, "%.1f")},
}
#: Ages at or above this many years share the last colour of the coverage heatmap.
AGE_CAP = 10
MISSING_GREY = "#c8c8c8"


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


# --- home -----------------------------------------------------------------------------------


def summary(ds: Dataset) -> dict[str, int]:
    years = ds.indicators["year"]
    return {
        "countries": len(ds.countries),
        "indicators": len(ds.catalog),
        "sources": len(ds.sources),
        "year_min": int(years.min()),
        "year_max": int(years.max()),
        "fields": len(ds.fields),
        "rivals": int((ds.rivals["is_home"] == 0).sum()),
        "strengths": len(ds.rival_strength),
    }


@st.cache_data(show_spinner=False, max_entries=16)
def focus_table(_ds: Dataset, version: str, language: Lang) -> Table:
    """The focus markets with key indicators: value, year of the value, and the sources below."""
    ds = _ds
    focus = ds.focus
    keys = [k for k in KEY_INDICATORS if k in ds.catalog.index]
    latest = ds.latest_values()
    latest = latest[latest["iso3"].isin(focus) & latest["indicator"].isin(keys)]
    values = latest.pivot(index="iso3", columns="indicator", values="value").reindex(index=focus, columns=keys)
    years = latest.pivot(index="iso3", columns="indicator", values="year").reindex(index=focus, columns=keys)
    dtt = ds.dtt_standards.drop_duplicates("iso3").set_index("iso3")["standard"]

    country = t("ui.col.country", language)
    frame = pd.DataFrame(
        {
            country: country_names(ds, language).reindex(focus),
        },
        index=focus,
    )
    columns: dict[str, object] = {
        country: st.column_config.TextColumn(country, width=140),
    }
    names = indicator_names(ds.catalog, language)
    value_columns: dict[str, str] = {}
    for key in keys:
        divisor, number_format = KEY_INDICATORS[key][language]
        head = t(f"ui.key.{key}", language)
        known_years = years[key].dropna().astype(int).unique()
        if len(known_years) == 1:  # one year for every country: say it once, in the header
            year = int(known_years[0])
            head = t("ui.col.value_in_year", language, name=head, year=year)
            help_text = t("ui.col.value_in_year_help", language, name=names[key], year=year)
            frame[head] = values[key] / divisor
            columns[head] = st.column_config.NumberColumn(head, format=number_format, help=help_text)
            value_columns[key] = head
            continue
        year_column = f"{head} · {t('ui.col.year', language)}"
        frame[head] = values[key] / divisor
        frame[year_column] = [_year_text(y) for y in years[key]]  # blank when there is no value
        value_columns[key] = head
        columns[head] = st.column_config.NumberColumn(head, format=number_format, help=names[key])
        columns[year_column] = st.column_config.TextColumn(
            t("ui.col.year", language),
            width=48,
            help=t("ui.col.year_help", language, name=names[key]),
        )
    dtt_column, income_column = t("ui.col.dtt", language), t("ui.col.income_group", language)
    frame[dtt_column] = dtt.reindex(focus).fillna("")
    frame[income_column] = [label("income", g, language) for g in ds.countries["income_group"].reindex(focus)]
    columns[dtt_column] = st.column_config.TextColumn(dtt_column, help=t("ui.col.dtt_help", language))
    columns[income_column] = st.column_config.TextColumn(income_column, help=t("ui.col.income_group_help", language))
    if "gdp_usd" in value_columns:  # largest economy first
        frame = frame.sort_values(value_columns["gdp_usd"], ascending=False, na_position="last")

    notes = []
    used = latest.assign(source_id=latest["source_id"].astype(str)).groupby("source_id", sort=False)["indicator"]
    for source_id, indicators in used:
        listed = [names[k] for k in keys if k in set(indicators.astype(str))]
        row = ds.sources.loc[source_id] if source_id in ds.sources.index else None
        notes.append(
            t(
                "ui.source_item",
                language,
                names=t("fmt.list_sep", language).join(listed),
                publisher=source_id if row is None else row["publisher"],
                title="" if row is None else row["title"],
                licence="" if row is None else row["licence"],
            )
        )
    return Table(frame.reset_index(drop=True), columns, tuple(notes))


# --- data & sources -------------------------------------------------------------------------


@st.cache_data(show_spinner=False, max_entries=16)
def catalogue_table(_ds: Dataset, version: str, language: Lang) -> Table:
    """Every catalogue indicator with unit, pillar, direction, transform, source and coverage."""
    ds = _ds
    catalog = ds.catalog
    stats = ds.indicators.groupby("indicator", observed=True).agg(
        n=("iso3", "nunique"), start=("year", "min"), end=("year", "max")
    )
    stats = stats.reindex(catalog.index)
    c = {k: t(f"ui.col.{k}", language) for k in ("indicator", "indicator_id", "pillar", "theme", "unit")}
    c |= {k: t(f"ui.col.{k}", language) for k in ("direction", "transform", "source", "licence")}
    c |= {k: t(f"ui.col.{k}", language) for k in ("n_countries", "years", "description")}
    frame = pd.DataFrame(
        {
            c["indicator"]: indicator_names(catalog, language),
            c["indicator_id"]: catalog.index,
            c["pillar"]: [label("pillar", p, language) for p in catalog["pillar"]],
            c["theme"]: [label("theme", p, language) for p in catalog["theme"]],
            c["unit"]: [unit_label(u, language) for u in catalog["unit"]],
            c["direction"]: [
                t("ui.direction.up" if d >= 0 else "ui.direction.down", language) for d in catalog["direction"]
            ],
            c["transform"]: [label("transform", x, language) for x in catalog["transform"]],
            c["source"]: [_source_title(ds, s) for s in catalog["source_id"].astype(str)],
            c["licence"]: catalog["licence"].fillna("").astype(str),
            c["n_countries"]: stats["n"].fillna(0).astype(int),
            c["years"]: [years_range(a, b, language) for a, b in zip(stats["start"], stats["end"], strict=True)],
            c["description"]: catalog["description"].fillna("").astype(str),
        },
    ).reset_index(drop=True)
    columns = {
        c["indicator"]: st.column_config.TextColumn(c["indicator"], width="large"),
        c["unit"]: st.column_config.TextColumn(c["unit"], width="medium"),
        c["n_countries"]: st.column_config.NumberColumn(c["n_countries"], format="%d"),
        c["description"]: st.column_config.TextColumn(c["description"], width="large"),
    }
    return Table(frame, columns, (t("ui.data.catalog_caption", language, n=len(frame)),))


def scope_options(ds: Dataset) -> list[str]:
    """Country selections for the coverage heatmap: focus, each UN region, all."""
    regions = sorted(str(r) for r in ds.countries["un_region"].dropna().unique() if str(r).strip())
    return ["focus", *(f"region:{r}" for r in regions), "all"]


def scope_label(scope: str, language: Lang) -> str:
    if scope.startswith("region:"):
        return label("region", scope.removeprefix("region:"), language)
    return t(f"ui.scope.{scope}", language)


def _scope_countries(ds: Dataset, scope: str) -> pd.Index:
    if scope == "focus":
        return ds.focus
    if scope.startswith("region:"):
        region = scope.removeprefix("region:")
        return ds.countries.index[ds.countries["un_region"] == region]
    return ds.countries.index


def _unique(labels: list[str], ids: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    for text in labels:
        seen[text] = seen.get(text, 0) + 1
    return [text if seen[text] == 1 else f"{text} ({i})" for text, i in zip(labels, ids, strict=True)]


@st.cache_data(show_spinner=False, max_entries=32)
def coverage_figure(_ds: Dataset, version: str, language: Lang, scope: str) -> tuple[go.Figure, str]:
    """Heatmap indicators (rows, grouped by pillar) × countries (columns).

    Colour = age in years of the latest value (saturating at :data:`AGE_CAP`); grey = no value.
    """
    ds = _ds
    reference_year = int(ds.indicators["year"].max())
    ages = ds.coverage(reference_year, _scope_countries(ds, scope))
    names = country_names(ds, language).reindex(ages.index).fillna(pd.Series(ages.index, index=ages.index))
    order = names.sort_values(kind="stable").index
    ages = ages.loc[order].T  # indicators × countries
    x = _unique([str(n) for n in names.reindex(order)], [str(i) for i in order])
    full = indicator_names(ds.catalog, language).reindex(ages.index).astype(str)
    y = _unique([n if len(n) <= 42 else n[:41] + "…" for n in full], [str(i) for i in ages.index])
    pillars = ds.catalog["pillar"].reindex(ages.index).astype(str).tolist()
    z = ages.to_numpy(dtype=float)
    missing = np.where(np.isnan(z), 1.0, np.nan)
    ticks = list(range(0, AGE_CAP + 1, 2))
    tick_text = [str(v) for v in ticks[:-1]] + [t("ui.cov.cap_tick", language, cap=AGE_CAP)]
    age_label = t("ui.cov.colorbar", language)
    many = len(x) > 40
    gap = 0 if many else 1
    figure = go.Figure(
        [
            go.Heatmap(
                z=z,
                x=x,
                y=y,
                colorscale="Cividis",
                zmin=0,
                zmax=AGE_CAP,
                xgap=gap,
                ygap=1,
                hoverongaps=False,
                hovertemplate=f"%{{y}}<br>%{{x}}<br>{age_label}: %{{z}}<extra></extra>",
                colorbar={
                    "title": {"text": age_label, "side": "top"},
                    "tickvals": ticks,
                    "ticktext": tick_text,
                    "orientation": "h",
                    "x": 0.0,
                    "xanchor": "left",
                    "y": 1.0,
                    "yanchor": "bottom",
                    "len": 0.35,
                    "thickness": 12,
                },
            ),
            go.Heatmap(
                z=missing,
                x=x,
                y=y,
                colorscale=[[0.0, MISSING_GREY], [1.0, MISSING_GREY]],
                showscale=False,
                xgap=gap,
                ygap=1,
                hoverongaps=False,
                hovertemplate=f"%{{y}}<br>%{{x}}<br>{t('ui.cov.missing', language)}<extra></extra>",
            ),
            go.Scatter(
                x=[None],
                y=[None],
                mode="markers",
                marker={"symbol": "square", "size": 14, "color": MISSING_GREY},
                name=t("ui.cov.missing", language),
                showlegend=True,
                hoverinfo="skip",
            ),
        ]
    )
    # separators and labels for the pillar groups
    shapes, annotations = [], []
    start = 0
    for i in range(1, len(pillars) + 1):
        if i == len(pillars) or pillars[i] != pillars[start]:
            if i < len(pillars):
                shapes.append(
                    {
                        "type": "line",
                        "xref": "paper",
                        "x0": 0,
                        "x1": 1,
                        "yref": "y",
                        "y0": i - 0.5,
                        "y1": i - 0.5,
                        "line": {"color": "white", "width": 4},
                    }
                )
            annotations.append(
                {
                    "xref": "paper",
                    "x": 1.005,
                    "xanchor": "left",
                    "yref": "y",
                    "y": (start + i - 1) / 2,
                    "text": label("pillar", pillars[start], language),
                    "showarrow": False,
                    "font": {"size": 12},
                }
            )
            start = i
    figure.update_layout(
        height=230 + 19 * len(y) + (40 if many else 110),
        margin={"l": 10, "r": 190, "t": 90, "b": 10},
        plot_bgcolor="white",
        shapes=shapes,
        annotations=annotations,
        legend={"orientation": "h", "x": 0.45, "xanchor": "left", "y": 1.0, "yanchor": "bottom"},
        xaxis={
            "side": "bottom",
            "tickangle": -60 if not many else -90,
            "showgrid": False,
            "zeroline": False,
            "tickfont": {"size": 11 if not many else 8},
        },
        yaxis={"autorange": "reversed", "showgrid": False, "zeroline": False, "tickfont": {"size": 11}},
        font={"family": "Noto Sans CJK JP, Noto Sans JP, sans-serif", "size": 12},
    )
    share = 100.0 * float(np.isfinite(z).mean()) if z.size else 0.0
    countries, indicators = ages.shape[1], ages.shape[0]
    text = (
        t("ui.cov.summary", language, countries=countries, indicators=indicators, share=f"{share:.0f}")
        + " "
        + t("ui.cov.legend", language, year=reference_year, cap=AGE_CAP)
    )
    return figure, text


@st.cache_data(show_spinner=False, max_entries=16)
def sources_table(_ds: Dataset, version: str, language: Lang) -> Table:
    ds = _ds
    sources = ds.sources
    used = ds.catalog["source_id"].astype(str).value_counts()
    c = {
        k: t(f"ui.col.{k}", language)
        for k in ("source_id", "publisher", "title", "licence", "licence_note", "snapshot", "url", "repository")
        + ("commit", "used_by")
    }

    def text(column: str) -> pd.Series:
        if column not in sources:
            return pd.Series("", index=sources.index)
        return sources[column].fillna("").astype(str)

    repository = text("repository")
    path = text("path")
    obtained = [f"{r} / {p}" if r and p else r or p for r, p in zip(repository, path, strict=True)]
    url = text("url")
    licence = text("licence")
    frame = pd.DataFrame(
        {
            c["source_id"]: sources.index,
            c["licence_note"]: [licence_note(x, language) for x in licence],
            c["licence"]: licence,
            c["publisher"]: text("publisher"),
            c["title"]: text("title"),
            c["used_by"]: used.reindex(sources.index).fillna(0).astype(int),
            c["snapshot"]: text("snapshot_date"),
            c["url"]: url.where(url.str.startswith("http"), None),
            c["repository"]: obtained,
            c["commit"]: text("commit").str[:12],
        }
    ).reset_index(drop=True)
    columns = {
        c["licence"]: st.column_config.TextColumn(c["licence"], width="large"),
        c["title"]: st.column_config.TextColumn(c["title"], width="large"),
        c["url"]: st.column_config.LinkColumn(c["url"], width="medium"),
        c["used_by"]: st.column_config.NumberColumn(c["used_by"], format="%d"),
    }
    return Table(frame, columns, (t("ui.sources.caption", language),))


def licence_note(licence: str, language: Lang) -> str:
    """A plain-language warning for licences that limit commercial use or are unclear."""
    text = licence.lower()
    if "nc" in licence.split("-") or "non-commercial" in text:
        return t("ui.licence.noncommercial", language)
    if "restrict" in text:
        return t("ui.licence.restricted", language)
    if not text or "not stated" in text or "verify" in text or "none stated" in text:
        return t("ui.licence.unclear", language)
    return ""


@st.cache_data(show_spinner=False, max_entries=16)
def judgement_tables(_ds: Dataset, version: str, language: Lang) -> dict[str, Table]:
    """The editable judgement tables, labelled in the language."""
    ds = _ds
    col = {
        k: t(f"ui.col.{k}", language)
        for k in (
            "field",
            "phase",
            "prerequisites",
            "japan_strength",
            "rationale",
            "reference",
            "cost",
            "staff",
            "cost_staff_rationale",
            "rival",
            "strength",
            "indicator",
            "role",
            "weight",
            "direction",
            "supplier",
            "description",
            "seed_reference",
            "preset",
            "pillar",
        )
    }
    fields = ds.fields
    field_names = labels.field_names(ds, language)

    def prerequisites(text: str) -> str:
        ids = [s.strip() for s in str(text).split(";") if s.strip()]
        return t("fmt.list_sep", language).join(field_names.get(i, i) for i in ids)

    rationale = f"japan_strength_rationale_{language}"
    description = f"description_{language}"
    field_frame = pd.DataFrame(
        {
            col["field"]: field_names,
            col["phase"]: fields["phase"],
            col["prerequisites"]: [prerequisites(p) for p in fields["prerequisite_fields"]],
            col["japan_strength"]: fields["japan_strength"],
            col["rationale"]: fields[rationale].fillna(fields["japan_strength_rationale_en"]),
            col["reference"]: fields["japan_strength_reference"],
            col["cost"]: fields["cost"],
            col["staff"]: fields["staff"],
            col["cost_staff_rationale"]: fields["cost_staff_rationale"],
        }
    )
    if description in fields:
        field_frame[col["description"]] = fields[description].fillna("")
    if "seed_reference" in fields:
        field_frame[col["seed_reference"]] = fields["seed_reference"].fillna("")
    field_columns = {
        col["field"]: st.column_config.TextColumn(col["field"]),
        col["japan_strength"]: st.column_config.ProgressColumn(
            col["japan_strength"], min_value=0.0, max_value=1.0, format="%.2f"
        ),
        col["rationale"]: st.column_config.TextColumn(col["rationale"], width="large"),
        col["reference"]: st.column_config.TextColumn(col["reference"], width="medium"),
        col["cost_staff_rationale"]: st.column_config.TextColumn(col["cost_staff_rationale"], width="large"),
        col["description"]: st.column_config.TextColumn(col["description"], width="large"),
        col["seed_reference"]: st.column_config.TextColumn(col["seed_reference"], width="large"),
    }

    rival_names = labels.rival_names(ds, language)
    strength = ds.rival_strength
    strength_frame = pd.DataFrame(
        {
            col["rival"]: strength["rival_id"].map(rival_names).fillna(strength["rival_id"]),
            col["field"]: strength["field_id"].map(field_names).fillna(strength["field_id"]),
            col["strength"]: strength["strength"],
            col["rationale"]: strength["rationale"],
            col["reference"]: strength["reference"],
        }
    )
    strength_columns = {
        col["strength"]: st.column_config.ProgressColumn(col["strength"], min_value=0.0, max_value=1.0, format="%.2f"),
        col["rationale"]: st.column_config.TextColumn(col["rationale"], width="large"),
    }

    drivers = ds.field_drivers
    names = indicator_names(ds.catalog, language)
    driver_frame = pd.DataFrame(
        {
            col["field"]: drivers["field_id"].map(field_names).fillna(drivers["field_id"]),
            col["indicator"]: drivers["indicator"].map(names).fillna(drivers["indicator"]),
            col["role"]: [label("role", r, language) for r in drivers["role"]],
            col["direction"]: [
                t("ui.direction.up" if d >= 0 else "ui.direction.down", language) for d in drivers["direction"]
            ],
            col["weight"]: drivers["weight"],
            col["rationale"]: drivers["rationale"],
        }
    )
    driver_columns = {col["rationale"]: st.column_config.TextColumn(col["rationale"], width="large")}

    origin = ds.cable_supplier_origin
    cable_frame = pd.DataFrame(
        {
            col["supplier"]: origin["supplier"],
            col["rival"]: origin["rival_id"].map(rival_names).fillna(origin["rival_id"]),
            col["rationale"]: origin["rationale"],
            col["reference"]: origin["reference"],
        }
    )
    cable_columns = {col["rationale"]: st.column_config.TextColumn(col["rationale"], width="large")}
    presets = ds.weight_presets
    preset_frame = pd.DataFrame(
        {
            col["preset"]: presets[f"name_{language}"].fillna(presets["name_en"]),
            col["pillar"]: [label("pillar", p, language) for p in presets["pillar"]],
            col["weight"]: presets["weight"],
            col["rationale"]: presets[f"rationale_{language}"].fillna(presets["rationale_en"]),
        }
    )
    preset_columns = {col["rationale"]: st.column_config.TextColumn(col["rationale"], width="large")}
    return {
        "weight_presets": Table(preset_frame.reset_index(drop=True), preset_columns),
        "fields": Table(field_frame.reset_index(drop=True), field_columns),
        "field_drivers": Table(driver_frame.reset_index(drop=True), driver_columns),
        "rival_strength": Table(strength_frame.reset_index(drop=True), strength_columns),
        "cable_supplier_origin": Table(cable_frame.reset_index(drop=True), cable_columns),
    }


@st.cache_data(show_spinner=False, max_entries=16)
def dtt_table(_ds: Dataset, version: str, language: Lang) -> Table:
    ds = _ds
    dtt = ds.dtt_standards
    c = {k: t(f"ui.col.{k}", language) for k in ("country", "standard", "year_adopted", "source", "quote", "note")}
    names = country_names(ds, language)
    source = dtt["source"].fillna("").astype(str)
    frame = pd.DataFrame(
        {
            c["country"]: dtt["iso3"].map(names).fillna(dtt["iso3"]),
            "ISO3": dtt["iso3"],
            c["standard"]: dtt["standard"],
            c["year_adopted"]: [_year_text(y) or t("fmt.na", language) for y in dtt["year_adopted"]],
            c["source"]: source.where(source.str.startswith("http"), None),
            c["quote"]: dtt["quote"],
            c["note"]: dtt["note"] if "note" in dtt else "",
        }
    ).reset_index(drop=True)
    columns = {
        c["country"]: st.column_config.TextColumn(c["country"]),
        c["source"]: st.column_config.LinkColumn(c["source"], width="medium"),
        c["quote"]: st.column_config.TextColumn(c["quote"], width="large"),
        c["note"]: st.column_config.TextColumn(c["note"], width="large"),
    }
    return Table(frame, columns, (t("ui.dtt.caption", language, n=len(frame)),))


@st.cache_data(show_spinner=False, max_entries=16)
def memoranda_table(_ds: Dataset, version: str, language: Lang) -> Table:
    ds = _ds
    memo = ds.memoranda
    c = {k: t(f"ui.col.{k}", language) for k in ("country", "date", "level", "quote", "source")}
    frame = pd.DataFrame(
        {
            c["country"]: memo["iso3"].map(country_names(ds, language)).fillna(memo["iso3"]),
            "ISO3": memo["iso3"],
            c["date"]: memo["date"],
            c["level"]: memo["level"] if "level" in memo else "",
            c["quote"]: memo["quote"],
            c["source"]: [_source_title(ds, s) for s in memo["source_id"].astype(str)],
        }
    ).reset_index(drop=True)
    return Table(frame, {c["country"]: st.column_config.TextColumn(c["country"])})


# --- uploads --------------------------------------------------------------------------------


def added_summary(before: Dataset, after: Dataset, name: str) -> list[dict[str, object]]:
    """One record per indicator that an upload added (or replaced) rows for."""
    key = ["iso3", "indicator", "year", "value"]

    def uploaded(ds: Dataset) -> pd.DataFrame:
        rows = ds.indicators[ds.indicators["source_id"] == "upload"][key]
        return rows.astype({"iso3": str, "indicator": str})

    merged = uploaded(after).merge(uploaded(before), on=key, how="left", indicator=True)
    added = merged[merged["_merge"] == "left_only"]
    records = []
    for indicator, rows in added.groupby("indicator"):
        records.append(
            {
                "file": name,
                "indicator": str(indicator),
                "new": str(indicator) not in before.catalog.index,
                "rows": len(rows),
                "countries": int(rows["iso3"].nunique()),
                "start": int(rows["year"].min()),
                "end": int(rows["year"].max()),
            }
        )
    return records


def added_table(ds: Dataset, records: list[dict[str, object]], language: Lang) -> Table:
    names = indicator_names(ds.catalog, language)
    c = {k: t(f"ui.col.{k}", language) for k in ("file", "indicator", "indicator_id", "new_indicator", "rows")}
    c |= {k: t(f"ui.col.{k}", language) for k in ("n_countries", "years")}
    frame = pd.DataFrame(
        {
            c["file"]: [r["file"] for r in records],
            c["indicator"]: [names.get(r["indicator"], r["indicator"]) for r in records],
            c["indicator_id"]: [r["indicator"] for r in records],
            c["new_indicator"]: [bool(r["new"]) for r in records],
            c["rows"]: [r["rows"] for r in records],
            c["n_countries"]: [r["countries"] for r in records],
            c["years"]: [years_range(r["start"], r["end"], language) for r in records],
        }
    )
    return Table(frame, {})


@st.cache_data(show_spinner=False)
def template_csv() -> bytes:
    """Header-only CSV (no example numbers, so nothing invented can be uploaded by mistake)."""
    return (",".join(UPLOAD_COLUMNS) + "\n").encode("utf-8-sig")


@st.cache_data(show_spinner=False)
def template_xlsx() -> bytes:
    """Header-only workbook with the sheets 'values' and 'catalog'."""
    catalog_columns = [*CATALOG_REQUIRED, "min_value", "max_value", "description", "licence"]
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        pd.DataFrame(columns=list(UPLOAD_COLUMNS)).to_excel(writer, sheet_name="values", index=False)
        pd.DataFrame(columns=catalog_columns).to_excel(writer, sheet_name="catalog", index=False)
    return buffer.getvalue()


# --- scoring pages: markets, fields, competitors ------------------------------------------
# Builders below label and format results of strategy.scoring; they compute no scores.

#: Okabe-Ito colours (colour-blind safe), one per pillar and for categorical groups.
OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
PILLAR_COLOURS = dict(
    zip(("size", "growth", "income", "digital", "business", "stability", "need", "ties"), OKABE_ITO, strict=True)
)
AHEAD, BEHIND = "#0072B2", "#D55E00"  # Japan ahead of / behind its main rival (Okabe-Ito blue / vermillion)
FONT = {"family": "Noto Sans CJK JP, Noto Sans JP, sans-serif", "size": 12}
MAP_CONFIG = {"topojsonURL": "app/static/", "displaylogo": False, "scrollZoom": False}


def map_config() -> dict[str, object]:
    """Plotly config for maps: shapes from the app's own static folder, never from a CDN."""
    return dict(MAP_CONFIG)


def ordinal(rank: int, language: Lang) -> str:
    if language == "ja":
        return f"{rank}位"
    suffix = "th" if 10 <= rank % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(rank % 10, "th")
    return f"{rank}{suffix}"


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, float) and value != value) or str(value).strip() in ("", "nan", "<NA>")


def _geo_layout(figure: go.Figure, fit: bool, height: int = 470) -> go.Figure:
    figure.update_geos(
        resolution=50,
        showframe=False,
        showcoastlines=False,
        showcountries=True,
        countrycolor="white",
        showland=True,
        landcolor="#ececec",
        showocean=False,
        showlakes=False,
        projection_type="natural earth",
        fitbounds="locations" if fit else False,
        lataxis_range=None if fit else [-58, 84],
    )
    figure.update_layout(
        height=height,
        margin={"l": 0, "r": 0, "t": 10, "b": 0},
        font=FONT,
        legend={"orientation": "h", "x": 0.0, "y": -0.02, "yanchor": "top"},
        dragmode=False,
    )
    return figure


def score_map(ds: Dataset, market: object, language: Lang, fit: bool) -> go.Figure:
    """Choropleth of the market score (viridis); grey = in the universe but not ranked (low coverage)."""
    score = market.score  # type: ignore[attr-defined]
    rank = market.rank  # type: ignore[attr-defined]
    names = _names(ds, score.index, language)
    score_label = t("ui.mk.col.score", language)
    rank_label = t("ui.mk.col.rank", language)
    text = [
        f"{n}<br>{rank_label}: {ordinal(int(r), language)}<br>{score_label}: {s:.3f}"
        for n, r, s in zip(names, rank, score, strict=True)
    ]
    traces = [
        go.Choropleth(
            locations=list(score.index),
            z=score.to_numpy(),
            locationmode="ISO-3",
            colorscale="Viridis",
            marker={"line": {"color": "white", "width": 0.4}},
            text=text,
            hovertemplate="%{text}<extra></extra>",
            colorbar={
                "title": {"text": score_label, "side": "top"},
                "orientation": "h",
                "x": 0.5,
                "xanchor": "center",
                "y": 0.0,
                "yanchor": "top",
                "len": 0.45,
                "thickness": 12,
            },
            name=score_label,
        )
    ]
    excluded = market.excluded  # type: ignore[attr-defined]
    if len(excluded):
        grey = t("ui.mk.map_excluded", language)
        traces.append(
            go.Choropleth(
                locations=list(excluded.index),
                z=[1.0] * len(excluded),
                locationmode="ISO-3",
                colorscale=[[0.0, MISSING_GREY], [1.0, MISSING_GREY]],
                showscale=False,
                marker={"line": {"color": "white", "width": 0.4}},
                text=[
                    f"{n}<br>{grey}: {t('ui.mk.coverage_pct', language, pct=f'{c * 100:.0f}')}"
                    for n, c in zip(_names(ds, excluded.index, language), excluded["coverage"], strict=True)
                ],
                hovertemplate="%{text}<extra></extra>",
                name=grey,
                showlegend=True,
            )
        )
    figure = go.Figure(traces)
    figure.update_layout(legend={"x": 0.0, "y": 0.02, "yanchor": "bottom"})
    return _geo_layout(figure, fit)


def market_table(ds: Dataset, market: object, language: Lang) -> Table:
    """Ranked markets: rank, name, score bar, coverage, pillar scores."""
    table = market.table()  # type: ignore[attr-defined]
    weights = market.weights  # type: ignore[attr-defined]
    c = {k: t(f"ui.mk.col.{k}", language) for k in ("rank", "score", "coverage", "imputed")}
    country = t("ui.col.country", language)
    frame = pd.DataFrame(
        {
            c["rank"]: table["rank"].to_numpy(),
            country: _names(ds, table.index, language),
            "ISO3": table.index,
            c["score"]: table["score"].to_numpy(),
            c["coverage"]: table["coverage"].to_numpy() * 100,
        }
    )
    imputed = market.criteria.imputed.reindex(table.index)  # type: ignore[attr-defined]
    used = weights.reindex(table.index) > 0
    if imputed.to_numpy().any():
        frame[c["imputed"]] = (imputed & used).sum(axis=1).to_numpy()
    pillar_columns = [p for p in PILLAR_COLOURS if p in table.columns]
    for pillar in pillar_columns:
        frame[label("pillar", pillar, language)] = table[pillar].to_numpy()
    income = t("ui.col.income_group", language)
    frame[income] = [label("income", g, language) for g in ds.countries["income_group"].reindex(table.index)]
    focus = t("ui.mk.col.focus", language)
    frame.insert(3, focus, ds.countries["focus"].reindex(table.index).eq(1).to_numpy())
    score = table["score"]
    low = min(0.0, float(score.min())) if len(score) else 0.0
    high = max(1.0, float(score.max())) if len(score) else 1.0
    columns: dict[str, object] = {
        c["rank"]: st.column_config.NumberColumn(c["rank"], format="%d", width=56, help=t("ui.mk.rank_help", language)),
        country: st.column_config.TextColumn(country, width=150),
        "ISO3": st.column_config.TextColumn("ISO3", width=52),
        c["score"]: st.column_config.ProgressColumn(
            c["score"], min_value=low, max_value=high, format="%.3f", help=t("ui.mk.score_help", language), width=130
        ),
        c["coverage"]: st.column_config.NumberColumn(
            c["coverage"], format="%.0f%%", help=t("ui.mk.coverage_help", language), width=84
        ),
        c["imputed"]: st.column_config.NumberColumn(c["imputed"], format="%d", help=t("ui.mk.imputed_help", language)),
        income: st.column_config.TextColumn(income, help=t("ui.col.income_group_help", language)),
        focus: st.column_config.CheckboxColumn(focus, help=t("ui.mk.focus_help", language), width=56),
    }
    for pillar in pillar_columns:
        name = label("pillar", pillar, language)
        columns[name] = st.column_config.NumberColumn(
            name, format="%.2f", help=t("ui.mk.pillar_help", language, pillar=name), width=84
        )
    return Table(frame, columns, pin=2)


def excluded_summary(ds: Dataset, market: object, language: Lang, min_coverage: float, shown: int = 15) -> str:
    """One sentence: how many countries are not ranked and why, naming them (the first ``shown``) and
    the indicators most often missing among them."""
    excluded = market.excluded  # type: ignore[attr-defined]
    sep = t("fmt.list_sep", language)
    names = _names(ds, excluded.sort_values("coverage", ascending=False).index, language)
    listed = sep.join(names[:shown])
    if len(names) > shown:
        listed += t("ui.mk.and_more", language, n=len(names) - shown)
    counts = pd.Series([i.strip() for text in excluded["missing"] for i in str(text).split(",") if i.strip()])
    top = counts.value_counts().head(3)
    indicator = indicator_names(ds.catalog, language)
    common = sep.join(t("ui.mk.missing_count", language, name=indicator.get(i, i), n=int(n)) for i, n in top.items())
    return t(
        "ui.mk.excluded",
        language,
        n=len(excluded),
        share=f"{min_coverage * 100:.0f}",
        names=listed,
        common=common,
    )


def excluded_table(ds: Dataset, market: object, language: Lang) -> Table:
    """Countries left out of the ranking, each with its coverage and the indicators it lacks."""
    excluded = market.excluded  # type: ignore[attr-defined]
    names = indicator_names(ds.catalog, language)
    c = {k: t(f"ui.mk.col.{k}", language) for k in ("coverage", "missing")}
    country = t("ui.col.country", language)
    sep = t("fmt.list_sep", language)
    missing = [
        sep.join(str(names.get(i.strip(), i.strip())) for i in str(text).split(",") if i.strip())
        for text in excluded["missing"]
    ]
    frame = pd.DataFrame(
        {
            country: _names(ds, excluded.index, language),
            "ISO3": excluded.index,
            c["coverage"]: excluded["coverage"].to_numpy() * 100,
            c["missing"]: missing,
        }
    ).sort_values(c["coverage"], ascending=False)
    columns = {
        c["coverage"]: st.column_config.NumberColumn(c["coverage"], format="%.0f%%"),
        c["missing"]: st.column_config.TextColumn(c["missing"], width="large"),
    }
    return Table(frame.reset_index(drop=True), columns)


def decomposition(ds: Dataset, market: object, iso3: str, language: Lang) -> tuple[go.Figure, Table]:
    """Contribution of each indicator to one country's score, grouped by pillar, with value, year, source."""
    crit = market.criteria  # type: ignore[attr-defined]
    all_weights = market.weights  # type: ignore[attr-defined]
    # every indicator the model uses (weight > 0 somewhere), so missing ones show too
    used = all_weights.columns[(all_weights.to_numpy() > 0).any(axis=0)]
    used = [i for i in used if ds.catalog.at[i, "pillar"] in PILLAR_COLOURS]
    weights = all_weights.loc[iso3, used]
    contrib = market.contributions.loc[iso3, used]  # type: ignore[attr-defined]
    pillar = ds.catalog.loc[used, "pillar"]
    rank = pillar.map({p: k for k, p in enumerate(PILLAR_COLOURS)})
    order = list(pd.DataFrame({"p": rank, "c": -contrib}).sort_values(["p", "c"], kind="stable").index)
    names = indicator_names(ds.catalog, language)
    c = {
        k: t(f"ui.mk.col.{k}", language)
        for k in ("pillar", "value", "unit", "year", "source", "normalised", "weight", "contribution", "status")
    }
    indicator = t("ui.col.indicator", language)
    raw = crit.raw.loc[iso3, order]
    imputed = crit.imputed.loc[iso3, order].to_numpy(dtype=bool)
    units = ds.catalog.loc[order, "unit"]
    w = weights.reindex(order).to_numpy()
    contributions = contrib.reindex(order).to_numpy()
    missing, filled = t("ui.mk.status.missing", language), t("ui.mk.status.imputed", language)
    status = [missing if wi <= 0 else filled if imp else "" for wi, imp in zip(w, imputed, strict=True)]
    value01 = np.where(w > 0, contributions / np.where(w > 0, w, 1.0), np.nan)
    sources = crit.source.loc[iso3, order]
    titles = {s: _source_title(ds, str(s)) for s in set(sources.dropna())}
    frame = pd.DataFrame(
        {
            c["pillar"]: [label("pillar", p, language) for p in pillar.reindex(order)],
            indicator: [str(names.get(i, i)) for i in order],
            c["value"]: [format_value(v, u, language) for v, u in zip(raw, units, strict=True)],
            c["unit"]: [unit_label(u, language) for u in units],
            c["year"]: [_year_text(y) for y in crit.year.loc[iso3, order]],
            c["normalised"]: value01,
            c["weight"]: w * 100,
            c["contribution"]: contributions,
            c["status"]: status,
            c["source"]: [titles.get(s, "") if not _blank(s) else "" for s in sources],
        }
    )
    columns = {
        c["pillar"]: st.column_config.TextColumn(c["pillar"], width="small"),
        indicator: st.column_config.TextColumn(indicator, width="medium"),
        c["value"]: st.column_config.TextColumn(c["value"], width="small"),
        c["unit"]: st.column_config.TextColumn(c["unit"], width="small"),
        c["year"]: st.column_config.TextColumn(c["year"], width=48),
        c["status"]: st.column_config.TextColumn(c["status"], width="small"),
        c["normalised"]: st.column_config.NumberColumn(
            c["normalised"], format="%.2f", help=t("ui.mk.normalised_help", language)
        ),
        c["weight"]: st.column_config.NumberColumn(c["weight"], format="%.1f%%", help=t("ui.mk.weight_help", language)),
        c["contribution"]: st.column_config.NumberColumn(c["contribution"], format="%.3f"),
        c["source"]: st.column_config.TextColumn(c["source"], width="medium"),
    }

    shown = frame[frame[c["weight"]] > 0]
    figure = go.Figure()
    for pillar in PILLAR_COLOURS:
        name = label("pillar", pillar, language)
        part = shown[shown[c["pillar"]] == name]
        if part.empty:
            continue
        total = part[c["contribution"]].sum()
        hover = [
            f"<b>{ind}</b><br>{c['value']}: {val} {unit}<br>{c['year']}: {year or '-'}<br>{c['source']}: {src}"
            f"<br>{c['weight']}: {wt:.1f}%<br>{c['contribution']}: {ct:.3f}"
            for ind, val, unit, year, src, wt, ct in zip(
                *(part[k] for k in (indicator, c["value"], c["unit"], c["year"], c["source"], c["weight"])),
                part[c["contribution"]],
                strict=True,
            )
        ]
        figure.add_bar(
            x=part[c["contribution"]],
            y=[_short(s, 44) for s in part[indicator]],
            orientation="h",
            name=f"{name} {total:.3f}",
            marker_color=PILLAR_COLOURS[pillar],
            hovertext=hover,
            hovertemplate="%{hovertext}<extra></extra>",
        )
    figure.update_layout(
        height=120 + 22 * max(len(shown), 1),
        margin={"l": 10, "r": 10, "t": 30, "b": 40},
        barmode="relative",
        plot_bgcolor="white",
        font=FONT,
        legend={"orientation": "h", "x": 0, "y": 1.0, "yanchor": "bottom", "title": {"text": ""}},
        xaxis={"title": {"text": c["contribution"]}, "gridcolor": "#e5e5e5", "zerolinecolor": "#999"},
        yaxis={"autorange": "reversed", "automargin": True},
    )
    return figure, Table(frame, columns)


def _short(text: str, n: int) -> str:
    text = str(text)
    return text if len(text) <= n else text[: n - 1] + "…"


GROUP_WORD_INDICATORS = ("gni_pc_ppp", "wgi_voice_accountability", "population")


def group_names(ds: Dataset, groups: object, language: Lang) -> pd.Series:
    """A name per group from its profile, e.g. 高所得・開放的・大規模 / high income · open · large."""
    levels = groups.levels  # type: ignore[attr-defined]
    indicator_label = indicator_names(ds.catalog, language)
    sep = t("ui.mk.group_sep", language)
    names = {}
    for group, row in levels.iterrows():
        words = []
        for indicator, level in row.items():
            key = f"ui.grp.{indicator}.{level}"
            if key in TEXT:
                words.append(t(key, language))
            else:
                words.append(
                    t(
                        "ui.grp.generic",
                        language,
                        name=_short(indicator_label.get(indicator, indicator), 24),
                        level=t(f"ui.grp.level.{level}", language),
                    )
                )
        names[group] = sep.join(words)
    series = pd.Series(names)
    counts = series.value_counts()
    return pd.Series(
        {g: (f"{n} ({t('ui.mk.group_n', language, n=int(g) + 1)})" if counts[n] > 1 else n) for g, n in series.items()}
    )


def group_members(ds: Dataset, groups: object, language: Lang) -> list[str]:
    """One markdown line per group: its name, size and every member (names in the language)."""
    labels = groups.labels  # type: ignore[attr-defined]
    names = group_names(ds, groups, language)
    sep = t("fmt.list_sep", language)
    lines = []
    for g in groups.profile.index:  # type: ignore[attr-defined]
        members = sorted(_names(ds, labels.index[labels == g], language))
        head = t("ui.mk.group_line", language, i=int(g) + 1, name=names[g], n=len(members))
        lines.append(f"**{_escape(head)}** {_escape(sep.join(members))}")
    return lines


def _escape(text: str) -> str:
    return escape_markdown(text)


def groups_map(ds: Dataset, groups: object, language: Lang, fit: bool) -> go.Figure:
    labels = groups.labels  # type: ignore[attr-defined]
    names = group_names(ds, groups, language)
    figure = go.Figure()
    for g in sorted(labels.unique()):
        members = labels.index[labels == g]
        colour = OKABE_ITO[int(g) % len(OKABE_ITO)]
        figure.add_choropleth(
            locations=list(members),
            z=[1.0] * len(members),
            locationmode="ISO-3",
            colorscale=[[0.0, colour], [1.0, colour]],
            showscale=False,
            marker={"line": {"color": "white", "width": 0.4}},
            text=[f"{n}<br>{names[g]}" for n in _names(ds, members, language)],
            hovertemplate="%{text}<extra></extra>",
            name=f"{int(g) + 1}. {names[g]}",
            showlegend=True,
        )
    return _geo_layout(figure, fit, height=500)


def groups_table(ds: Dataset, groups: object, language: Lang) -> Table:
    labels = groups.labels  # type: ignore[attr-defined]
    profile = groups.profile  # type: ignore[attr-defined]
    names = group_names(ds, groups, language)
    c = {k: t(f"ui.mk.col.{k}", language) for k in ("group", "n")}
    indicator_label = indicator_names(ds.catalog, language)
    frame = pd.DataFrame(
        {
            "#": [int(g) + 1 for g in profile.index],
            c["group"]: [names[g] for g in profile.index],
            c["n"]: [int((labels == g).sum()) for g in profile.index],
        }
    )
    for indicator in profile.columns:
        frame[_short(indicator_label.get(indicator, indicator), 28)] = profile[indicator].to_numpy()
    columns: dict[str, object] = {
        "#": st.column_config.NumberColumn("#", format="%d", width=40),
        c["group"]: st.column_config.TextColumn(c["group"], width="medium"),
    }
    for indicator in profile.columns:
        name = _short(indicator_label.get(indicator, indicator), 28)
        columns[name] = st.column_config.NumberColumn(name, format="%+.2f", help=t("ui.mk.profile_help", language))
    return Table(frame, columns)


def weights_table(ds: Dataset, pillars: dict[str, float], preset_id: str, language: Lang, mode: str) -> Table:
    """Pillar weights in use (as % of the total) beside the preset's rationale (a judgement)."""
    presets = ds.weight_presets[ds.weight_presets["preset_id"] == preset_id].set_index("pillar")
    rationale = presets[f"rationale_{language}"].fillna(presets["rationale_en"]) if len(presets) else pd.Series()
    total = sum(pillars.values()) or 1.0
    c = {k: t(f"ui.mk.col.{k}", language) for k in ("pillar", "weight_share", "preset_weight", "rationale")}
    frame = pd.DataFrame(
        {
            c["pillar"]: [label("pillar", p, language) for p in pillars],
            c["weight_share"]: [100 * w / total for w in pillars.values()],
            c["preset_weight"]: [float(presets["weight"].get(p, 0.0)) if len(presets) else np.nan for p in pillars],
            c["rationale"]: [str(rationale.get(p, "")) if mode == "sliders" else "" for p in pillars],
        }
    )
    columns = {
        c["weight_share"]: st.column_config.ProgressColumn(
            c["weight_share"], min_value=0.0, max_value=float(max(frame[c["weight_share"]].max(), 1.0)), format="%.1f%%"
        ),
        c["rationale"]: st.column_config.TextColumn(c["rationale"], width="large"),
    }
    return Table(frame, columns)


def indicator_weight_frame(ds: Dataset, weights: dict[str, float], language: Lang) -> pd.DataFrame:
    """Editable indicator weights inside each pillar (1 = as every other indicator of the pillar)."""
    catalog = ds.catalog
    return pd.DataFrame(
        {
            "indicator_id": catalog.index,
            "pillar": [label("pillar", p, language) for p in catalog["pillar"]],
            "indicator": indicator_names(catalog, language).to_numpy(),
            "unit": [unit_label(u, language) for u in catalog["unit"]],
            "weight": [float(weights.get(i, 1.0)) for i in catalog.index],
        }
    )


# --- fields -----------------------------------------------------------------------------------


def _heatmap_layout(figure: go.Figure, n_rows: int, n_cols: int, title: str) -> go.Figure:
    figure.update_layout(
        height=160 + 28 * n_rows,
        margin={"l": 10, "r": 10, "t": 40, "b": 10},
        plot_bgcolor="white",
        font=FONT,
        xaxis={"side": "top", "tickangle": -45 if n_cols > 8 else 0, "showgrid": False},
        yaxis={"autorange": "reversed", "showgrid": False, "automargin": True},
    )
    return figure


def fit_heatmap(ds: Dataset, fit: object, countries: list[str], language: Lang) -> go.Figure:
    """Fields (rows, by phase) × countries: fit 0-1 (viridis), value in each cell."""
    fit_frame = fit.fit.reindex(index=countries)  # type: ignore[attr-defined]
    fields = ds.fields.sort_values("phase", kind="stable")
    z = fit_frame[fields.index].T.to_numpy(dtype=float)
    names = field_names(ds, language)
    y = [t("ui.fd.phase_field", language, phase=int(fields.at[f, "phase"]), name=names[f]) for f in fields.index]
    x = _unique(_names(ds, countries, language), list(countries))
    label_fit = t("ui.fd.fit", language)
    show_text = z.size <= 600
    figure = go.Figure(
        go.Heatmap(
            z=z,
            x=x,
            y=y,
            colorscale="Viridis",
            zmin=float(np.nanmin(z)) if np.isfinite(z).any() else 0.0,
            zmax=float(np.nanmax(z)) if np.isfinite(z).any() else 1.0,
            text=np.where(np.isfinite(z), np.char.mod("%.2f", np.nan_to_num(z)), ""),
            texttemplate="%{text}" if show_text else None,
            textfont={"size": 11},
            xgap=1,
            ygap=1,
            hovertemplate=f"%{{y}}<br>%{{x}}<br>{label_fit}: %{{z:.2f}}<extra></extra>",
            colorbar={"title": {"text": label_fit, "side": "right"}, "thickness": 12},
        )
    )
    return _heatmap_layout(figure, len(y), len(x), label_fit)


def field_drivers_table(ds: Dataset, field_id: str, language: Lang) -> Table:
    drivers = ds.field_drivers[ds.field_drivers["field_id"] == field_id]
    names = indicator_names(ds.catalog, language)
    c = {k: t(f"ui.col.{k}", language) for k in ("role", "indicator", "direction", "weight", "rationale", "unit")}
    frame = pd.DataFrame(
        {
            c["role"]: [label("role", r, language) for r in drivers["role"]],
            c["indicator"]: [str(names.get(i, i)) for i in drivers["indicator"]],
            c["direction"]: [
                t("ui.fd.more_need" if d >= 0 else "ui.fd.less_need", language) for d in drivers["direction"]
            ],
            c["weight"]: drivers["weight"].to_numpy(),
            c["rationale"]: drivers["rationale"].to_numpy(),
            c["unit"]: [
                unit_label(ds.catalog.at[i, "unit"], language) if i in ds.catalog.index else ""
                for i in drivers["indicator"]
            ],
        }
    )
    columns = {
        c["role"]: st.column_config.TextColumn(c["role"], width="small"),
        c["indicator"]: st.column_config.TextColumn(c["indicator"], width="medium"),
        c["rationale"]: st.column_config.TextColumn(c["rationale"], width="large"),
        c["weight"]: st.column_config.NumberColumn(c["weight"], format="%.1f", width="small"),
    }
    return Table(frame.reset_index(drop=True), columns)


def best_markets(ds: Dataset, table: pd.DataFrame, field_id: str, language: Lang, n: int = 10) -> Table:
    """Top markets for one field by opportunity, with the parts it is made of."""
    rows = table[table["field_id"] == field_id].head(n)
    c = {
        k: t(f"ui.fd.col.{k}", language)
        for k in ("rank", "opportunity", "market", "fit", "need", "readiness", "position", "main_rival", "white_space")
    }
    country = t("ui.col.country", language)
    frame = pd.DataFrame(
        {
            c["rank"]: np.arange(1, len(rows) + 1),
            country: _names(ds, list(rows["iso3"].astype(str)), language),
            c["opportunity"]: rows["opportunity"].to_numpy(),
            c["market"]: rows["market"].to_numpy(),
            c["fit"]: rows["fit"].to_numpy(),
            c["need"]: rows["need"].to_numpy(),
            c["readiness"]: rows["readiness"].to_numpy(),
            c["position"]: rows["position"].to_numpy(),
            c["main_rival"]: [
                rival_label(ds, r, language) + ("" if m or _blank(r) else " *")
                for r, m in zip(rows["main_rival"], rows["main_measured"], strict=True)
            ],
            c["white_space"]: rows["white_space"].astype(bool).to_numpy(),
        }
    )
    columns: dict[str, object] = {
        c["rank"]: st.column_config.NumberColumn(c["rank"], format="%d", width=50),
        c["opportunity"]: st.column_config.ProgressColumn(
            c["opportunity"], min_value=0.0, max_value=1.0, format="%.3f", help=t("ui.fd.opportunity_help", language)
        ),
        c["white_space"]: st.column_config.CheckboxColumn(c["white_space"], help=t("ui.cp.white_space_help", language)),
        c["main_rival"]: st.column_config.TextColumn(c["main_rival"], help=t("ui.cp.assumed_help", language)),
    }
    for k in ("market", "fit", "need", "readiness", "position"):
        columns[c[k]] = st.column_config.NumberColumn(c[k], format="%.2f", help=t(f"ui.fd.{k}_help", language))
    return Table(frame, columns)


def fit_drivers(ds: Dataset, drivers: pd.DataFrame, language: Lang) -> tuple[go.Figure, Table]:
    """One (field, country) fit: each driver's value, year, share and contribution, as a table and a chart."""
    names = indicator_names(ds.catalog, language)
    c = {
        k: t(f"ui.fd.col.{k}", language)
        for k in ("role", "value", "year", "unit", "value01", "share", "contribution", "status")
    }
    indicator = t("ui.col.indicator", language)
    units = [ds.catalog.at[i, "unit"] if i in ds.catalog.index else "" for i in drivers["indicator"]]
    frame = pd.DataFrame(
        {
            c["role"]: [label("role", r, language) for r in drivers["role"]],
            indicator: [str(names.get(i, i)) for i in drivers["indicator"]],
            c["value"]: [format_value(v, u, language) for v, u in zip(drivers["raw"], units, strict=True)],
            c["year"]: [_year_text(y) for y in drivers["year"]],
            c["value01"]: drivers["value"].to_numpy(dtype=float),
            c["share"]: drivers["share"].to_numpy(dtype=float) * 100,
            c["contribution"]: drivers["contribution"].to_numpy(dtype=float),
            c["status"]: [
                t("ui.mk.status.missing", language)
                if pd.isna(r)
                else (t("ui.mk.status.imputed", language) if imp else "")
                for r, imp in zip(drivers["raw"], drivers["imputed"], strict=True)
            ],
            c["unit"]: [unit_label(u, language) for u in units],
        }
    )
    columns = {
        c["role"]: st.column_config.TextColumn(c["role"], width="small"),
        indicator: st.column_config.TextColumn(indicator, width="medium"),
        c["value"]: st.column_config.TextColumn(c["value"], width="small"),
        c["year"]: st.column_config.TextColumn(c["year"], width=48),
        c["value01"]: st.column_config.NumberColumn(
            c["value01"], format="%.2f", help=t("ui.fd.value01_help", language)
        ),
        c["share"]: st.column_config.NumberColumn(c["share"], format="%.0f%%", help=t("ui.fd.share_help", language)),
        c["contribution"]: st.column_config.NumberColumn(c["contribution"], format="%.3f"),
    }
    figure = go.Figure()
    for role, colour in (("need", OKABE_ITO[1]), ("readiness", OKABE_ITO[0])):
        part = frame[(frame[c["role"]] == label("role", role, language)) & (frame[c["share"]] > 0)]
        if part.empty:
            continue
        figure.add_bar(
            x=part[c["contribution"]],
            y=[_short(s, 44) for s in part[indicator]],
            orientation="h",
            name=t(
                "ui.fd.role_total",
                language,
                role=label("role", role, language),
                total=f"{part[c['contribution']].sum():.2f}",
            ),
            marker_color=colour,
            hovertext=[
                f"<b>{r[indicator]}</b><br>{c['value']}: {r[c['value']]} {r[c['unit']]}<br>{c['year']}: {r[c['year']] or '-'}"
                f"<br>{c['share']}: {r[c['share']]:.0f}%"
                for _, r in part.iterrows()
            ],
            hovertemplate="%{hovertext}<extra></extra>",
        )
    figure.update_layout(
        height=110 + 24 * max(int((frame[c["share"]] > 0).sum()), 1),
        margin={"l": 10, "r": 10, "t": 30, "b": 40},
        plot_bgcolor="white",
        font=FONT,
        legend={"orientation": "h", "x": 0, "y": 1.0, "yanchor": "bottom"},
        xaxis={"title": {"text": c["contribution"]}, "gridcolor": "#e5e5e5"},
        yaxis={"autorange": "reversed", "automargin": True},
    )
    return figure, Table(frame, columns)


# --- competitors ------------------------------------------------------------------------------


def evidence_heatmap(
    values: np.ndarray,
    is_measured: np.ndarray,
    x: list[str],
    y: list[str],
    cells: np.ndarray,
    hover: Callable[[str], str],
    language: Lang,
    show_text: bool = True,
) -> go.Figure:
    """A threat heatmap (cividis, 0-1) whose cells resting on assumed presence are faded, so that
    measured evidence stands out; ``hover`` gets the translated basis ("measured"/"assumed") and
    returns the hover template (``customdata`` holds ``cells``)."""
    threat_label = t("ui.cp.threat", language)
    figure = go.Figure()
    for part, opacity, basis in ((is_measured, 1.0, "ui.cp.measured"), (~is_measured, 0.45, "ui.cp.assumed")):
        figure.add_heatmap(
            z=np.where(part, values, np.nan),
            x=x,
            y=y,
            colorscale="Cividis",
            zmin=0.0,
            zmax=1.0,
            opacity=opacity,
            text=np.where(part, cells, ""),
            texttemplate="%{text}" if show_text else None,
            textfont={"size": 10},
            xgap=1,
            ygap=1,
            hoverongaps=False,
            customdata=cells,
            hovertemplate=hover(t(basis, language)),
            showscale=opacity == 1.0,
            colorbar={"title": {"text": threat_label, "side": "right"}, "thickness": 12},
            name=t(basis, language),
        )
    return figure


def threat_heatmap(ds: Dataset, threat: object, countries: list[str], language: Lang) -> go.Figure:
    """Fields × countries: the main rival's threat (cividis), its name in the cell, * = presence assumed."""
    summary = threat.summary  # type: ignore[attr-defined]
    summary = summary[summary["iso3"].isin(countries)]
    fields = ds.fields.sort_values("phase", kind="stable").index
    z = summary.pivot(index="field_id", columns="iso3", values="main_threat").reindex(index=fields, columns=countries)
    rival = summary.pivot(index="field_id", columns="iso3", values="main_rival").reindex(
        index=fields, columns=countries
    )
    measured = summary.pivot(index="field_id", columns="iso3", values="main_measured").reindex(
        index=fields, columns=countries
    )
    names = field_names(ds, language)
    text = [
        [
            (rival_label(ds, r, language) + ("" if bool(m) else "*")) if not _blank(r) else "–"
            for r, m in zip(rival.loc[f], measured.loc[f], strict=True)
        ]
        for f in fields
    ]
    threat_label = t("ui.cp.threat", language)
    values = z.to_numpy(dtype=float)
    is_measured = measured.fillna(False).to_numpy(dtype=bool)
    x = _unique(_names(ds, countries, language), list(countries))
    y = [t("ui.fd.phase_field", language, phase=int(ds.fields.at[f, "phase"]), name=names[f]) for f in fields]
    cells = np.array(text, dtype=object)
    figure = evidence_heatmap(
        values,
        is_measured,
        x,
        y,
        cells,
        lambda basis: f"%{{y}}<br>%{{x}}<br>%{{customdata}} ({basis})<br>{threat_label}: %{{z:.2f}}<extra></extra>",
        language,
        show_text=values.size <= 600,
    )
    return _heatmap_layout(figure, len(fields), len(countries), threat_label)


def _link(label_text: str, url: str) -> str:
    safe = url.replace("(", "%28").replace(")", "%29").replace(" ", "%20")
    return f"[{_escape(label_text)}]({safe})"


def evidence_items(ds: Dataset, iso3: str, language: Lang) -> list[str]:
    """Every evidence row behind a presence value in one country, as markdown: what, who, how much,
    the year, the full detail (cable names, project counts) and the source (the cited page for digital TV)."""
    rows = ds.rival_presence[ds.rival_presence["iso3"] == iso3]
    dtt = ds.dtt_standards[ds.dtt_standards["iso3"] == iso3]
    names = field_names(ds, language)
    items = []
    for _, r in rows.sort_values(["evidence", "field_id", "value"], ascending=[True, True, False]).iterrows():
        kind = str(r["evidence"])
        if kind == "china_ict_finance":
            amount = t("ui.cp.projects", language, n=int(r["value"]))
        else:
            amount = f"{min(float(r['value']), 1.0) * 100:.0f}%"
        year = _year_text(r["year"])
        year = t("ui.cp.year", language, year=year) if year else t("fmt.na", language)
        head = t(
            "ui.cp.evidence_head",
            language,
            field=names.get(r["field_id"], r["field_id"]),
            rival=rival_label(ds, r["rival_id"], language),
            amount=amount,
            kind=t(f"label.evidence.{kind}", language),
            year=year,
        )
        detail = str(r["detail"])
        source = _escape(_source_title(ds, str(r["source_id"])))
        if kind == "dtt_standard" and len(dtt):
            standard = dtt["standard"].iloc[0]
            quote = str(dtt["quote"].iloc[0])
            url = str(dtt["source"].iloc[0])
            detail = t("ui.cp.dtt_detail", language, standard=standard, quote=_short(quote, 300))
            if url.startswith("http"):
                source = _link(urlparse(url).netloc or url, url)
        items.append(f"- **{_escape(head)}** — {_escape(detail)} ({t('ui.cp.col.source', language)}: {source})")
    return items


def country_threat_table(ds: Dataset, threat: object, iso3: str, language: Lang) -> Table:
    """Per field in one country: main rival, threat, measured or assumed, Japan's position, margin."""
    summary = threat.summary  # type: ignore[attr-defined]
    rows = (
        summary[summary["iso3"] == iso3]
        .set_index("field_id")
        .reindex(ds.fields.sort_values("phase", kind="stable").index)
    )
    names = field_names(ds, language)
    c = {
        k: t(f"ui.cp.col.{k}", language)
        for k in ("field", "main_rival", "threat", "rival_basis", "japan", "japan_basis", "margin", "white_space")
    }
    frame = pd.DataFrame(
        {
            c["field"]: [names[f] for f in rows.index],
            c["main_rival"]: [rival_label(ds, r, language) or t("ui.cp.nobody", language) for r in rows["main_rival"]],
            c["threat"]: rows["main_threat"].to_numpy(dtype=float),
            c["rival_basis"]: [_basis(m, language) for m in rows["main_measured"]],
            c["japan"]: rows["japan_position"].to_numpy(dtype=float),
            c["japan_basis"]: [_basis(m, language) for m in rows["japan_measured"]],
            c["margin"]: rows["margin"].to_numpy(dtype=float),
            c["white_space"]: rows["white_space"].astype(bool).to_numpy(),
        }
    )
    columns = {
        c["threat"]: st.column_config.NumberColumn(c["threat"], format="%.2f", help=t("ui.cp.threat_help", language)),
        c["japan"]: st.column_config.NumberColumn(c["japan"], format="%.2f", help=t("ui.cp.japan_help", language)),
        c["margin"]: st.column_config.NumberColumn(c["margin"], format="%+.2f", help=t("ui.cp.margin_help", language)),
        c["white_space"]: st.column_config.CheckboxColumn(c["white_space"], help=t("ui.cp.white_space_help", language)),
    }
    return Table(frame, columns)


def _basis(measured: object, language: Lang) -> str:
    return t("ui.cp.measured" if bool(measured) else "ui.cp.assumed", language)


def head_to_head(
    ds: Dataset, threat: object, field_id: str, countries: list[str], language: Lang
) -> tuple[go.Figure, Table]:
    """Japan's position minus the main rival's threat in one field, per country (blue ahead, vermillion behind)."""
    summary = threat.summary  # type: ignore[attr-defined]
    rows = summary[(summary["field_id"] == field_id) & summary["iso3"].isin(countries)].copy()
    rows = rows.sort_values("margin", ascending=False, kind="stable")
    names = _names(ds, list(rows["iso3"].astype(str)), language)
    margin = rows["margin"].to_numpy(dtype=float)
    rivals = [rival_label(ds, r, language) or t("ui.cp.nobody", language) for r in rows["main_rival"]]
    assumed = [not bool(m) or not bool(j) for m, j in zip(rows["main_measured"], rows["japan_measured"], strict=True)]
    margin_label = t("ui.cp.col.margin", language)
    figure = go.Figure(
        go.Bar(
            x=margin,
            y=[n + (" *" if a else "") for n, a in zip(names, assumed, strict=True)],
            orientation="h",
            marker_color=[AHEAD if m >= 0 else BEHIND for m in margin],
            text=[f"{m:+.2f} ({r})" for m, r in zip(margin, rivals, strict=True)],
            textposition="outside",
            cliponaxis=False,
            hovertemplate=f"%{{y}}<br>{margin_label}: %{{x:+.2f}}<extra></extra>",
        )
    )
    figure.update_layout(
        height=120 + 26 * max(len(rows), 1),
        margin={"l": 10, "r": 60, "t": 20, "b": 40},
        plot_bgcolor="white",
        font=FONT,
        xaxis={
            "title": {"text": margin_label},
            "range": [-1.15, 1.15],
            "zerolinecolor": "#444",
            "gridcolor": "#e5e5e5",
        },
        yaxis={"autorange": "reversed", "automargin": True},
        showlegend=False,
    )
    c = {
        k: t(f"ui.cp.col.{k}", language)
        for k in ("japan", "japan_basis", "main_rival", "threat", "rival_basis", "margin", "white_space")
    }
    country = t("ui.col.country", language)
    frame = pd.DataFrame(
        {
            country: names,
            c["japan"]: rows["japan_position"].to_numpy(dtype=float),
            c["japan_basis"]: [_basis(m, language) for m in rows["japan_measured"]],
            c["main_rival"]: rivals,
            c["threat"]: rows["main_threat"].to_numpy(dtype=float),
            c["rival_basis"]: [_basis(m, language) for m in rows["main_measured"]],
            c["margin"]: margin,
            c["white_space"]: rows["white_space"].astype(bool).to_numpy(),
        }
    )
    columns = {
        c["japan"]: st.column_config.NumberColumn(c["japan"], format="%.2f", help=t("ui.cp.japan_help", language)),
        c["threat"]: st.column_config.NumberColumn(c["threat"], format="%.2f", help=t("ui.cp.threat_help", language)),
        c["margin"]: st.column_config.NumberColumn(c["margin"], format="%+.2f", help=t("ui.cp.margin_help", language)),
        c["white_space"]: st.column_config.CheckboxColumn(c["white_space"]),
    }
    return figure, Table(frame, columns)


def white_space_table(ds: Dataset, table: pd.DataFrame, countries: list[str], language: Lang, measured: bool) -> Table:
    """(Country, field) pairs where no rival's threat reaches the threshold, best opportunity first.

    ``measured``: pairs where the main rival's presence is measured (evidence), or only assumed.
    """
    rows = table[
        table["white_space"].astype(bool)
        & table["iso3"].astype(str).isin(countries)
        & (table["main_measured"].astype(bool) == measured)
    ]
    names = field_names(ds, language)
    c = {
        k: t(f"ui.cp.col.{k}", language)
        for k in ("field", "phase", "opportunity", "fit", "main_rival", "threat", "rival_basis", "japan", "strength")
    }
    country = t("ui.col.country", language)
    frame = pd.DataFrame(
        {
            country: _names(ds, list(rows["iso3"].astype(str)), language),
            c["field"]: [names.get(f, f) for f in rows["field_id"].astype(str)],
            c["phase"]: [int(ds.fields.at[f, "phase"]) for f in rows["field_id"].astype(str)],
            c["opportunity"]: rows["opportunity"].to_numpy(dtype=float),
            c["fit"]: rows["fit"].to_numpy(dtype=float),
            c["main_rival"]: [rival_label(ds, r, language) or t("ui.cp.nobody", language) for r in rows["main_rival"]],
            c["threat"]: rows["main_threat"].to_numpy(dtype=float),
            c["rival_basis"]: [_basis(m, language) for m in rows["main_measured"]],
            c["japan"]: rows["japan_position"].to_numpy(dtype=float),
            c["strength"]: rows["strength"].to_numpy(dtype=float),
        }
    )
    columns = {
        country: st.column_config.TextColumn(country, width=130),
        c["field"]: st.column_config.TextColumn(c["field"], width=170),
        c["opportunity"]: st.column_config.ProgressColumn(
            c["opportunity"], min_value=0.0, max_value=1.0, format="%.3f", help=t("ui.fd.opportunity_help", language)
        ),
        c["fit"]: st.column_config.NumberColumn(c["fit"], format="%.2f"),
        c["threat"]: st.column_config.NumberColumn(c["threat"], format="%.2f", help=t("ui.cp.threat_help", language)),
        c["japan"]: st.column_config.NumberColumn(c["japan"], format="%.2f", help=t("ui.cp.japan_help", language)),
        c["strength"]: st.column_config.NumberColumn(
            c["strength"], format="%.2f", help=t("ui.cp.strength_help", language)
        ),
    }
    return Table(frame.reset_index(drop=True), columns)
