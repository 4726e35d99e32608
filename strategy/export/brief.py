"""The country brief: its content as data (:func:`country_brief_content`, which the app's country
profile page draws as well) and one self-contained, printable HTML page per country
(:func:`country_brief_html`: inline CSS and SVG charts, no script, nothing fetched from the
network; HTML text is escaped)."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import numpy as np
import pandas as pd

from strategy.data.dataset import Dataset
from strategy.export.render import _CSS, _esc, _html_table, svg_bars
from strategy.export.tables import _used_indicators
from strategy.i18n import Lang, format_value, t, window_text
from strategy.labels import (
    cell_text,
    country_names,
    evidence_label,
    field_names,
    indicator_names,
    method_label,
    name_of,
    names_of,
    pillar_label,
    rival_names,
    text_or,
    unit_names,
)
from strategy.scenario import Evaluation


class ExportError(ValueError):
    """A request the export cannot serve; ``message(lang)`` explains it."""

    def __init__(self, key: str, **values: Any):
        self.key, self.values = key, values
        super().__init__(self.message("en"))

    def message(self, lang: Lang = "ja") -> str:
        return t(self.key, lang, **self.values)


def resolve_country(dataset: Dataset, text: str) -> str:
    """ISO3 code for a code (ISO3 or ISO2, any case) or an English or Japanese name; raises
    :class:`ExportError` naming close matches when nothing fits."""
    import difflib

    query = str(text).strip()
    countries = dataset.countries
    if query.upper() in countries.index:
        return query.upper()
    if "iso2" in countries:
        hits = countries.index[countries["iso2"].astype(object).map(cell_text).str.upper() == query.upper()]
        if len(hits) == 1:
            return str(hits[0])
    names: dict[str, str] = {}
    for column in ("name_en", "name_ja", "name_ja_short"):
        if column in countries:
            for iso3, name in countries[column].items():
                if cell_text(name):
                    names.setdefault(cell_text(name).casefold(), str(iso3))
    if query.casefold() in names:
        return names[query.casefold()]
    close = difflib.get_close_matches(query.casefold(), list(names) + [i.lower() for i in countries.index], n=3)
    suggestions = ", ".join(dict.fromkeys(names.get(c, c.upper()) for c in close))
    raise ExportError("ex.err.unknown_country", value=query, suggestions=suggestions or "-")


@dataclass(frozen=True)
class CountryBrief:
    """What the country brief says, as data: the HTML brief (:func:`country_brief_html`) and the
    app's country profile page both draw it, so they always show the same content.

    Frames have column headers in the brief's language; ``best`` keeps the opportunity rows (ids)
    of the best fields for charts.
    """

    iso3: str
    name: str
    lang: Lang
    scenario: str
    method: str
    data_version: str
    generated: datetime
    rank: int
    n_ranked: int
    score: float
    coverage: float
    strongest: tuple[str, ...]
    strongest_names: tuple[str, ...]
    pillar_items: tuple[tuple[str, float | None], ...]
    pillars: pd.DataFrame
    best: pd.DataFrame
    fields: pd.DataFrame
    rivals: pd.DataFrame
    plan_status: str | None
    plan: pd.DataFrame | None
    data: pd.DataFrame
    #: the catalogue's unit code of each ``data`` row (for money and head counts in the language's units)
    data_units: tuple[str, ...]
    year_min: int | None
    year_max: int | None
    reference_year: int
    #: one window for every indicator, or None: each indicator's catalogue window
    max_age: int | None
    source_ids: tuple[str, ...]
    presence_default: float
    #: the opportunity rule the scores come from ('potential', 'sum' or 'product')
    rule: str = "potential"


#: How the brief marks the basis of the main rival's presence (measured: no mark).
_BASIS_MARK = {"assumed": " *", "home_market": " ⌂"}


def _brief_text(lang: Lang) -> Callable[..., str]:
    """``tx(key, **values)``: the brief's message ``ex.brief.<key>`` in ``lang``."""
    return lambda key, **values: t(f"ex.brief.{key}", lang, **values)


def country_brief_content(
    dataset: Dataset,
    evaluation: Evaluation,
    iso3: str,
    lang: Lang = "ja",
    plan: Any | None = None,
    n_fields: int = 5,
    generated: datetime | None = None,
) -> CountryBrief:
    """The content of one country's brief (see :class:`CountryBrief`); raises :class:`ExportError`
    for a country the evaluation does not score (unknown, outside the universe, low coverage)."""
    iso3 = resolve_country(dataset, iso3)
    market = evaluation.market
    name = name_of(country_names(dataset, lang), iso3)
    if iso3 not in market.score.index:
        if iso3 in market.excluded.index:
            coverage = float(market.excluded.at[iso3, "coverage"]) if "coverage" in market.excluded else float("nan")
            raise ExportError("ex.err.excluded", country=name, iso3=iso3, coverage=f"{coverage:.0%}")
        raise ExportError("ex.err.not_in_universe", country=name, iso3=iso3)
    scenario = evaluation.scenario
    pairs = evaluation.opportunity[evaluation.opportunity["iso3"].astype(str) == iso3].copy()
    pairs["field_id"] = pairs["field_id"].astype(str)
    best = pairs.head(n_fields)
    # the brief's sections, in the order the page and the HTML show them
    return CountryBrief(
        iso3=iso3,
        name=name,
        lang=lang,
        scenario=scenario.name,
        method=method_label(scenario.settings.method, lang),
        data_version=dataset.version,
        generated=generated or datetime.now(UTC),
        **_why(dataset, evaluation, iso3, lang),
        best=best,
        fields=_field_rows(dataset, best, lang, scenario.opportunity_weights.rule),
        rivals=_rival_rows(dataset, evaluation, pairs, iso3, lang),
        **_plan_rows(dataset, plan, iso3, lang),
        **_data_rows(dataset, evaluation, iso3, lang),
        presence_default=scenario.presence_default,
        rule=scenario.opportunity_weights.rule,
    )


def _why(dataset: Dataset, evaluation: Evaluation, iso3: str, lang: Lang) -> dict[str, Any]:
    """Why this market: rank and score, the pillars (score, rank, weight share) and the indicators
    that contribute most."""
    tx = _brief_text(lang)
    market = evaluation.market
    columns = market.pillars.columns
    pillar_values = market.pillars.loc[iso3]
    weights = {p: float(evaluation.scenario.market_weights.pillars.get(p, 0.0)) for p in columns}
    total = sum(w for w in weights.values() if w > 0) or 1.0
    pillars = pd.DataFrame(
        {
            tx("col.pillar"): [pillar_label(p, lang) for p in columns],
            tx("col.pillar_score"): pillar_values.to_numpy(dtype=float),
            tx("col.pillar_rank"): [_pillar_rank(market.pillars[p], iso3) for p in columns],
            tx("col.weight_share"): [weights[p] / total if weights[p] > 0 else 0.0 for p in columns],
        }
    )
    contributions = market.contributions.loc[iso3].sort_values(ascending=False)
    strongest = [i for i in contributions.index if contributions[i] > 0][:5]
    return {
        "rank": int(market.rank[iso3]),
        "n_ranked": len(market.score),
        "score": float(market.score[iso3]),
        "coverage": float(market.coverage[iso3]),
        "strongest": tuple(strongest),
        "strongest_names": tuple(names_of(indicator_names(dataset, lang), strongest)),
        "pillar_items": tuple((pillar_label(p, lang), _finite(pillar_values[p])) for p in columns),
        "pillars": pillars,
    }


def _field_rows(dataset: Dataset, best: pd.DataFrame, lang: Lang, rule: str) -> pd.DataFrame:
    """Which fields: the best fields here with their score's factors (demand, supply, access for
    the export potential; fit and need for the earlier rules), Japan's strength, the main rival
    (``*`` when its presence is assumed, ``⌂`` when the country is its home market) and Japan's
    margin."""
    tx = _brief_text(lang)
    fnames, rnames = field_names(dataset, lang), rival_names(dataset, lang)
    rivals = best["main_rival"].astype(object).map(cell_text)
    factors = ("demand", "supply", "access") if rule == "potential" else ("fit", "need")
    return pd.DataFrame(
        {
            tx("col.field"): best["field_id"].map(fnames).to_numpy(),
            tx("col.pair_rank"): best["rank"].to_numpy(),
            tx("col.opportunity"): best["opportunity"].to_numpy(dtype=float),
            **{tx(f"col.{f}"): best[f].to_numpy(dtype=float) for f in factors},
            tx("col.strength"): best["strength"].to_numpy(dtype=float),
            tx("col.main_rival"): [
                (name_of(rnames, r) if r else tx("nobody")) + _BASIS_MARK.get(str(b), "")
                for r, b in zip(rivals, best["main_basis"], strict=True)
            ],
            tx("col.margin"): best["margin"].to_numpy(dtype=float),
        }
    )


def _rival_rows(dataset: Dataset, evaluation: Evaluation, pairs: pd.DataFrame, iso3: str, lang: Lang) -> pd.DataFrame:
    """Which rival: each foreign rival's highest threat here, in which field, how often it is the
    main rival and on what evidence, strongest first."""
    tx = _brief_text(lang)
    fnames, rnames = field_names(dataset, lang), rival_names(dataset, lang)
    detail = evaluation.threat.detail
    detail = detail[(detail["iso3"].astype(str) == iso3)]
    home = set(dataset.rivals.index[dataset.rivals["is_home"] == 1])
    rivals = detail[~detail["rival_id"].isin(home)]
    main = pairs["main_rival"].astype(object).map(cell_text)
    rows = []
    for rival_id, group in rivals.groupby("rival_id", sort=False):
        top = group.sort_values("threat", ascending=False).iloc[0]
        evidence = sorted({evidence_label(e, lang) for e in group["evidence"] if e and e != "measured absent"})
        rows.append(
            {
                tx("col.rival"): name_of(rnames, rival_id),
                tx("col.max_threat"): float(top["threat"]),
                tx("col.in_field"): name_of(fnames, top["field_id"]),
                tx("col.n_main"): int((main == rival_id).sum()),
                tx("col.measured_fields"): int(group["measured"].sum()),
                tx("col.evidence"): ", ".join(evidence)
                or tx("measured_absent" if group["measured"].any() else "no_evidence"),
            }
        )
    frame = pd.DataFrame(rows)
    return frame.sort_values(tx("col.max_threat"), ascending=False, kind="stable") if len(frame) else frame


def _plan_rows(dataset: Dataset, plan: Any | None, iso3: str, lang: Lang) -> dict[str, Any]:
    """The plan's status and its entries in this country (both ``None`` without a plan)."""
    if plan is None or getattr(plan, "selection", None) is None:
        return {"plan_status": None, "plan": None}
    tx = _brief_text(lang)
    chosen = plan.selection[plan.selection["iso3"].astype(str) == iso3]
    entries = pd.DataFrame(
        {
            tx("col.period"): chosen["period"].to_numpy(),
            tx("col.field"): chosen["field_id"].astype(str).map(field_names(dataset, lang)).to_numpy(),
            tx("col.cost"): chosen["cost"].to_numpy(dtype=float),
            tx("col.staff"): chosen["staff"].to_numpy(dtype=float),
        }
    )
    return {"plan_status": str(plan.status), "plan": entries}


def _data_rows(dataset: Dataset, evaluation: Evaluation, iso3: str, lang: Lang) -> dict[str, Any]:
    """The data: every indicator behind the score with its value, unit, year, source and licence;
    the range of years used and the staleness window."""
    tx = _brief_text(lang)
    criteria = evaluation.criteria
    catalog = dataset.catalog
    used = _used_indicators(dataset, evaluation)
    names, units = indicator_names(dataset, lang), unit_names(catalog, lang)
    indicators = [i for i in catalog.index if i in used and i in criteria.raw.columns]
    # one row of each matrix, read as lists: a cell look-up per indicator costs more than the rest
    available = criteria.available.loc[iso3, indicators].to_numpy(dtype=bool)
    raw = criteria.raw.loc[iso3, indicators].to_numpy(dtype=float)
    year = criteria.year.loc[iso3, indicators].to_numpy(dtype=float)
    value_source = [cell_text(v) for v in criteria.source.loc[iso3, indicators].tolist()]
    catalog_source = [cell_text(v) for v in catalog.loc[indicators, "source_id"].tolist()]
    licence = [cell_text(v) for v in catalog.loc[indicators, "licence"].tolist()]
    na = t("ex.na", lang)
    rows = [
        {
            tx("col.indicator"): name_of(names, indicator),
            tx("col.value"): float(raw[k]) if available[k] else float("nan"),
            tx("col.unit"): units.get(indicator, ""),
            tx("col.year"): str(int(year[k])) if available[k] and not np.isnan(year[k]) else na,
            tx("col.source"): value_source[k] or catalog_source[k],
            tx("col.licence"): licence[k],
        }
        for k, indicator in enumerate(indicators)
    ]
    years = criteria.year.loc[iso3].where(criteria.available.loc[iso3]).dropna()
    # the catalogue's sources, plus the file each shown value came from (a series continued by a
    # newer file, such as the CPI after 2018, names that file in the references too)
    value_sources = {value_source[k] for k in range(len(indicators)) if available[k]}
    catalog_sources = {cell_text(catalog.at[i, "source_id"]) for i in used if i in catalog.index}
    return {
        "data": pd.DataFrame(rows),
        "data_units": tuple(cell_text(catalog.at[i, "unit"]) for i in indicators),
        "year_min": int(years.min()) if len(years) else None,
        "year_max": int(years.max()) if len(years) else None,
        "reference_year": criteria.reference_year,
        "max_age": criteria.settings.max_age,
        "source_ids": tuple(sorted((catalog_sources | value_sources) - {""})),
    }


def _readable_values(brief: CountryBrief) -> pd.DataFrame:
    """The brief's data table with each value written as on the country page (5,147億ドル, 84.2)."""
    frame = brief.data.copy()
    column = t("ex.brief.col.value", brief.lang)
    frame[column] = [
        format_value(v, unit, brief.lang) if pd.notna(v) else t("ex.na", brief.lang)
        for v, unit in zip(frame[column], brief.data_units, strict=True)
    ]
    return frame


def country_brief_html(
    dataset: Dataset, evaluation: Evaluation, iso3: str, lang: Lang = "ja", plan: Any | None = None, **options: Any
) -> str:
    """A printable, self-contained HTML brief for one country: why this market (rank, score, pillar
    decomposition), which fields (best fields with fit and main rival), which rival, and the data
    years and sources behind it. Charts are inline SVG; the page loads nothing from the network.

    ``options`` are those of :func:`country_brief_content` (``n_fields``, ``generated``)."""
    return brief_html(dataset, country_brief_content(dataset, evaluation, iso3, lang, plan, **options))


def _source_items(dataset: Dataset, brief: CountryBrief) -> str:
    """The sources behind the brief as HTML list items: publisher, title, licence and a link."""
    items = []
    for source_id in brief.source_ids:
        if source_id not in dataset.sources.index:
            continue
        s = dataset.sources.loc[source_id]
        url = cell_text(s.get("url"))
        link = f' <a href="{_esc(url)}">{_esc(url)}</a>' if url.startswith(("https://", "http://")) else ""
        items.append(
            f"<li><b>{_esc(source_id)}</b>: {_esc(s.get('publisher'))} — {_esc(s.get('title'))} "
            f"({_esc(t('ex.brief.licence', brief.lang))}: {_esc(s.get('licence'))}){link}</li>"
        )
    return "".join(items)


def brief_html(dataset: Dataset, brief: CountryBrief) -> str:
    """The HTML of :func:`country_brief_html` for content already gathered (the country page has it)."""
    lang = brief.lang
    tx = _brief_text(lang)
    name = brief.name
    pillar_chart = svg_bars(list(brief.pillar_items), tx("chart.pillars", country=name))
    fnames = field_names(dataset, lang)
    best = brief.best
    field_chart = svg_bars(
        [(name_of(fnames, f), _finite(v)) for f, v in zip(best["field_id"], best["japan_position"], strict=True)],
        tx("chart.position", country=name),
        second=[_finite(v) for v in best["main_threat"]],
        legend=(tx("legend.japan"), tx("legend.rival")),
    )
    plan_html = ""
    if brief.plan is not None:
        if len(brief.plan):
            plan_html = f"<p>{_esc(tx('plan_in', n=len(brief.plan), status=brief.plan_status))}</p>" + _html_table(
                brief.plan, lang, digits=2
            )
        else:
            plan_html = f"<p>{_esc(tx('plan_out', status=brief.plan_status))}</p>"
    strongest_text = text_or("fmt.list_sep", lang, ", ").join(brief.strongest_names)
    title = tx("title", country=name)
    rival_frame, data_frame = brief.rivals, brief.data
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{lang}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_esc(title)}</title><style>{_CSS}</style></head><body>",
        f"<header><h1>{_esc(title)}</h1>",
        f'<p class="meta">{_esc(tx("meta", scenario=brief.scenario, method=brief.method, data=brief.data_version, date=brief.generated.strftime("%Y-%m-%d")))}</p></header>',
        f"<section><h2>{_esc(tx('why'))}</h2>",
        f'<p class="lead">{_esc(tx("rank_line", country=name, rank=brief.rank, n=brief.n_ranked, score=f"{brief.score:.3f}", coverage=f"{brief.coverage:.0%}"))}</p>',
        f"<p>{_esc(tx('strongest', items=strongest_text or '-'))}</p>" if brief.strongest else "",
        pillar_chart,
        _html_table(brief.pillars, lang),
        f'<p class="note">{_esc(tx("pillar_note"))}</p></section>',
        f"<section><h2>{_esc(tx('fields'))}</h2>",
        _html_table(brief.fields, lang),
        field_chart,
        f'<p class="note">{_esc(tx(f"fields_note.{brief.rule}"))}</p></section>',
        f"<section><h2>{_esc(tx('rivals'))}</h2>",
        _html_table(rival_frame, lang) if len(rival_frame) else f"<p>{_esc(t('ex.brief.no_evidence', lang))}</p>",
        f'<p class="note">{_esc(tx("rivals_note", default=brief.presence_default))}</p></section>',
    ]
    if plan_html:
        parts += [f"<section><h2>{_esc(tx('plan'))}</h2>", plan_html, "</section>"]
    parts += [
        f"<section><h2>{_esc(tx('data'))}</h2>",
        f"<p>{_esc(tx('years', start=brief.year_min if brief.year_min is not None else '-', end=brief.year_max if brief.year_max is not None else '-', ref=brief.reference_year, window=window_text(brief.max_age, lang)))}</p>",
        _html_table(_readable_values(brief), lang, formatted=[tx("col.value")]) if len(data_frame) else "",
        f"<h3>{_esc(tx('sources'))}</h3><ul>{_source_items(dataset, brief)}</ul>",
        f'<p class="note">{_esc(tx("judgement_note"))}</p></section>',
        "</body></html>",
    ]
    return "\n".join(p for p in parts if p)


def _finite(value: Any) -> float | None:
    try:
        x = float(value)
    except (TypeError, ValueError):
        return None
    return x if math.isfinite(x) else None


def _pillar_rank(values: pd.Series, iso3: str) -> str:
    if pd.isna(values.get(iso3)):
        return "–"
    ranks = values.rank(ascending=False, method="min")
    return f"{int(ranks[iso3])}/{int(values.notna().sum())}"
