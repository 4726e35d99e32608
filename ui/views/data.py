"""Tables and figures of the Home and Data pages: the bundled data, its coverage, its sources, uploads.

Not a page. Each builder is cached by the dataset's ``version`` and the language (the dataset
argument itself is not hashed), so a rerun that changes nothing else costs a dictionary lookup.
"""

from __future__ import annotations

import io

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from strategy.data.dataset import Dataset
from strategy.data.validation import CATALOG_REQUIRED, UPLOAD_COLUMNS
from strategy.i18n import Lang, window_years
from strategy.scoring.criteria import Universe
from ui.labels import country_names, indicator_names, label, unit_label, years_range
from ui.texts import t
from ui.views.charts import MISSING_GREY
from ui.views.tables import Table, _source_title, _unique, _year_text

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
    c |= {k: t(f"ui.col.{k}", language) for k in ("n_countries", "years", "window", "ended", "description")}
    ended = catalog["ended"] if "ended" in catalog else pd.Series(np.nan, index=catalog.index)
    notes = catalog["ended_note"] if "ended_note" in catalog else pd.Series("", index=catalog.index)
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
            c["window"]: [window_years(w, language) for w in catalog["max_age"]],
            c["ended"]: [
                t("ui.data.ended", language, year=int(y), note=n) if not pd.isna(y) else ""
                for y, n in zip(ended, notes.fillna(""), strict=True)
            ],
            c["description"]: catalog["description"].fillna("").astype(str),
        },
    ).reset_index(drop=True)
    columns = {
        c["indicator"]: st.column_config.TextColumn(c["indicator"], width="large"),
        c["unit"]: st.column_config.TextColumn(c["unit"], width="medium"),
        c["n_countries"]: st.column_config.NumberColumn(c["n_countries"], format="%d"),
        c["window"]: st.column_config.TextColumn(c["window"], help=t("ui.col.window_help", language)),
        c["ended"]: st.column_config.TextColumn(c["ended"], width="medium", help=t("ui.col.ended_help", language)),
        c["description"]: st.column_config.TextColumn(c["description"], width="large"),
    }
    return Table(frame, columns, (t("ui.data.catalog_caption", language, n=len(frame)),))


def scope_options(ds: Dataset) -> list[str]:
    """Country selections for the coverage heatmap: focus, the default scored universe, each UN
    region, all."""
    regions = sorted(str(r) for r in ds.countries["un_region"].dropna().unique() if str(r).strip())
    return ["focus", "scored", *(f"region:{r}" for r in regions), "all"]


def scope_label(scope: str, language: Lang) -> str:
    if scope.startswith("region:"):
        return label("region", scope.removeprefix("region:"), language)
    return t(f"ui.scope.{scope}", language)


def scope_countries(ds: Dataset, scope: str) -> pd.Index:
    """The countries of a coverage scope ('scored': those the scoring compares by default)."""
    if scope == "focus":
        return ds.focus
    if scope == "scored":
        return Universe().select(ds)
    if scope.startswith("region:"):
        region = scope.removeprefix("region:")
        return ds.countries.index[ds.countries["un_region"] == region]
    return ds.countries.index


@st.cache_data(show_spinner=False, max_entries=32)
def coverage_figure(_ds: Dataset, version: str, language: Lang, scope: str) -> tuple[go.Figure, str]:
    """Heatmap indicators (rows, grouped by pillar) × countries (columns).

    Colour = age in years of the latest value (saturating at :data:`AGE_CAP`); grey = no value.
    """
    ds = _ds
    reference_year = ds.latest_year
    ages = ds.coverage(reference_year, scope_countries(ds, scope))
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
def template_xlsx() -> bytes:
    """Header-only workbook with the sheets 'values' and 'catalog'."""
    catalog_columns = [*CATALOG_REQUIRED, "min_value", "max_value", "description", "licence"]
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        pd.DataFrame(columns=list(UPLOAD_COLUMNS)).to_excel(writer, sheet_name="values", index=False)
        pd.DataFrame(columns=catalog_columns).to_excel(writer, sheet_name="catalog", index=False)
    return buffer.getvalue()
