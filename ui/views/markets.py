"""Tables and figures of the Markets page: ranking, exclusions, a score's decomposition, groups, weights.

Not a page. Builders label and format results of :mod:`strategy.scoring`; they compute no scores.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from strategy.data.dataset import Dataset
from strategy.i18n import Lang, age_text, format_value, window_text
from ui.labels import country_list as _names
from ui.labels import indicator_names, is_blank, label, unit_label
from ui.texts import TEXT, t
from ui.views.charts import FONT, PILLAR_COLOURS
from ui.views.tables import Table, _escape, _short, _source_title, _year_text


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


def show_decomposition(ds: Dataset, market: object, iso3: str, max_age: int | None, language: Lang, key: str) -> None:
    """One country's decomposition as the Markets and Country pages show it: the method's note,
    the chart, the table and the reference year with the freshness window (``key`` prefixes the
    element keys)."""
    figure, table = decomposition(ds, market, iso3, language)
    st.caption(t(f"ui.mk.decomp_note.{market.method}", language))  # type: ignore[attr-defined]
    st.plotly_chart(figure, width="stretch", config={"displaylogo": False}, key=key)
    table.show(rows=40, key=f"{key}_table")
    year = market.criteria.reference_year  # type: ignore[attr-defined]
    st.caption(t("ui.mk.decomp_caption", language, year=year, window=window_text(max_age, language)))


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
        for k in ("pillar", "value", "unit", "year", "age", "source", "normalised", "weight", "contribution", "status")
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
            c["age"]: [age_text(y, crit.reference_year, language) for y in crit.year.loc[iso3, order]],
            c["normalised"]: value01,
            c["weight"]: w * 100,
            c["contribution"]: contributions,
            c["status"]: status,
            c["source"]: [titles.get(s, "") if not is_blank(s) else "" for s in sources],
        }
    )
    columns = {
        c["pillar"]: st.column_config.TextColumn(c["pillar"], width="small"),
        indicator: st.column_config.TextColumn(indicator, width="medium"),
        c["value"]: st.column_config.TextColumn(c["value"], width="small"),
        c["unit"]: st.column_config.TextColumn(c["unit"], width="small"),
        c["year"]: st.column_config.TextColumn(c["year"], width=48),
        c["age"]: st.column_config.TextColumn(c["age"], width=60, help=t("ui.mk.col.age_help", language)),
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
