"""Tables of a scenario for people, column headers in the chosen language (``ja`` / ``en``).

Everything is built from an :class:`strategy.scenario.Evaluation` (and optionally a
:class:`strategy.optimize.Plan`), so the app's download buttons and the command line write the
same files: :func:`market_shortlist`, :func:`pair_shortlist`, :func:`score_decomposition`,
:func:`settings_table`, :func:`plan_table`, :func:`sources_table`, :func:`field_judgements`,
:func:`rival_judgements`, :func:`sensitivity_table`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

import numpy as np
import pandas as pd

from strategy.data.dataset import Dataset
from strategy.i18n import Lang, t
from strategy.labels import (
    cell_text,
    country_names,
    evidence_label,
    field_names,
    indicator_names,
    name_of,
    pillar_label,
    region_label,
    rival_names,
    text_or,
    unit_names,
)
from strategy.optimize.groups import group_text
from strategy.scenario import Evaluation, Scenario, japan_strength_series
from strategy.scoring import oriented
from strategy.scoring.financing import route_label


def _yes_no(values: pd.Series, lang: Lang) -> pd.Series:
    yes, no = t("ex.yes", lang), t("ex.no", lang)
    return values.map(
        lambda v: "" if v is None or v is pd.NA or (isinstance(v, float) and np.isnan(v)) else yes if bool(v) else no
    )


def _basis(values: pd.Series, lang: Lang) -> pd.Series:
    measured, assumed = t("ex.measured", lang), t("ex.assumed", lang)
    return values.map(lambda v: measured if bool(v) else assumed)


def _basis_kind(values: pd.Series, lang: Lang) -> pd.Series:
    """A presence basis ('measured', 'home_market', 'assumed') in words."""
    words = {"measured": t("ex.measured", lang), "home_market": t("ex.home_market", lang)}
    return values.map(lambda v: words.get(str(v), t("ex.assumed", lang)))


def localise(frame: pd.DataFrame, lang: Lang, pillars: Iterable[str] = ()) -> pd.DataFrame:
    """Column ids to headers in ``lang`` (``ex.col.<id>``; the ``pillars`` columns get pillar names)."""
    pillars = set(pillars)

    def header(column: str) -> str:
        if column in pillars:
            return pillar_label(column, lang)
        if column.startswith("top_"):
            return t("ex.col.top_k", lang, k=column[4:])
        return text_or(f"ex.col.{column}", lang, column)

    return frame.rename(columns={c: header(str(c)) for c in frame.columns})


# --- tables -------------------------------------------------------------------------------------


def market_shortlist(
    dataset: Dataset, evaluation: Evaluation, lang: Lang = "ja", top: int | None = None
) -> pd.DataFrame:
    """Ranked markets: rank, country, score, coverage, pillar scores, and the best field there."""
    market = evaluation.market
    table = market.table()
    if top is not None:
        table = table[table["rank"] <= top]
    iso3 = table.index.astype(str)
    c = dataset.countries.reindex(iso3)
    out = pd.DataFrame(
        {
            "rank": table["rank"].to_numpy(),
            "iso3": iso3,
            "country": country_names(dataset, lang).reindex(iso3).to_numpy(),
            "region": [region_label(r, lang) for r in c["un_region"]],
            "income_group": c["income_group"].astype(object).map(cell_text).to_numpy(),
            "score": table["score"].to_numpy(dtype=float),
            "coverage": table["coverage"].to_numpy(dtype=float),
        }
    )
    for pillar in market.pillars.columns:
        out[pillar] = table[pillar].to_numpy(dtype=float)
    best = _best_pair(evaluation.opportunity).reindex(iso3)
    out["best_field"] = best["field_id"].map(field_names(dataset, lang)).fillna("").to_numpy()
    out["best_opportunity"] = best["opportunity"].to_numpy(dtype=float)
    out["best_main_rival"] = best["main_rival"].map(rival_names(dataset, lang)).fillna("").to_numpy()
    return localise(out, lang, pillars=market.pillars.columns)


def _best_pair(opportunity: pd.DataFrame) -> pd.DataFrame:
    """The best field per country (the opportunity table is sorted best first)."""
    table = opportunity.assign(iso3=opportunity["iso3"].astype(str), field_id=opportunity["field_id"].astype(str))
    return table.drop_duplicates("iso3").set_index("iso3")


def _demand_money(table: pd.DataFrame) -> dict[str, Any]:
    """Demand in money beside the score (ICT goods imports, US$, and their year) when the
    opportunity table has it."""
    out: dict[str, Any] = {}
    if "demand_usd" in table:
        out["demand_usd"] = table["demand_usd"].to_numpy(dtype=float)
        if "demand_usd_year" in table:
            out["demand_usd_year"] = (
                pd.to_numeric(table["demand_usd_year"], errors="coerce").round().astype("Int64").array
            )
    return out


def pair_shortlist(
    dataset: Dataset,
    evaluation: Evaluation,
    lang: Lang = "ja",
    top: int | None = None,
    iso3: str | None = None,
    field_id: str | None = None,
) -> pd.DataFrame:
    """Ranked market × field pairs with the decomposition of the opportunity (the export potential's
    factors demand, supply and access, and demand in money when the table has it; the parts market,
    fit, need, readiness, strength, position) and the main rival with the basis of its presence
    (measured, home market or assumed)."""
    table = evaluation.opportunity.copy()
    table["iso3"] = table["iso3"].astype(str)
    table["field_id"] = table["field_id"].astype(str)
    if iso3 is not None:
        table = table[table["iso3"] == iso3]
    if field_id is not None:
        table = table[table["field_id"] == field_id]
    if top is not None:
        table = table.head(top)
    out = pd.DataFrame(
        {
            "rank": table["rank"].to_numpy(),
            "iso3": table["iso3"].to_numpy(),
            "country": table["iso3"].map(country_names(dataset, lang)).to_numpy(),
            "field_id": table["field_id"].to_numpy(),
            "field": table["field_id"].map(field_names(dataset, lang)).to_numpy(),
            "phase": table["field_id"].map(dataset.fields["phase"]).to_numpy(),
            "opportunity": table["opportunity"].to_numpy(dtype=float),
            **{f: table[f].to_numpy(dtype=float) for f in ("demand", "supply", "access") if f in table},
            **_demand_money(table),
            "market": table["market"].to_numpy(dtype=float),
            "fit": table["fit"].to_numpy(dtype=float),
            "need": table["need"].to_numpy(dtype=float),
            "readiness": table["readiness"].to_numpy(dtype=float),
            "strength": table["strength"].to_numpy(dtype=float),
            "position": table["position"].to_numpy(dtype=float),
            "margin": table["margin"].to_numpy(dtype=float),
            "main_rival": table["main_rival"].astype(object).map(rival_names(dataset, lang)).fillna("").to_numpy(),
            "main_threat": table["main_threat"].to_numpy(dtype=float),
            "main_basis": (
                _basis_kind(table["main_basis"], lang)
                if "main_basis" in table
                else _basis(table["main_measured"], lang)
            ).to_numpy(),
            "japan_position": table["japan_position"].to_numpy(dtype=float),
            "japan_basis": _basis(table["japan_measured"], lang).to_numpy(),
            "white_space": _yes_no(table["white_space"], lang).to_numpy(),
        }
    )
    return localise(out, lang)


def score_decomposition(
    dataset: Dataset, evaluation: Evaluation, lang: Lang = "ja", countries: Sequence[str] | None = None
) -> pd.DataFrame:
    """Why each market scores what it does: per country and indicator the raw value, its year and
    source, the oriented 0-1 value, the effective weight and the contribution to the score.

    Only indicators of pillars with a weight are listed; a missing value shows with weight 0.
    """
    market = evaluation.market
    criteria = evaluation.criteria
    ranked = market.rank.sort_values(kind="stable")
    index = ranked.index if countries is None else pd.Index([c for c in ranked.index if c in set(countries)])
    catalog = dataset.catalog.loc[criteria.normalised.columns]
    pillar_w = catalog["pillar"].map(lambda p: float(evaluation.scenario.market_weights.pillars.get(p, 0.0)))
    used = catalog.index[pillar_w.to_numpy() > 0]
    values = oriented(
        criteria.normalised.to_numpy(),
        catalog["direction"].to_numpy(),
        criteria.settings.normalisation,
    )
    values = pd.DataFrame(values, index=criteria.normalised.index, columns=catalog.index)

    def long(frame: pd.DataFrame, name: str) -> pd.Series:
        return frame.reindex(index=index, columns=used).stack(future_stack=True).rename(name)

    parts = pd.concat(
        [
            long(criteria.raw, "value"),
            long(criteria.year.astype(float), "year"),
            long(criteria.source.astype(object), "source_id"),
            long(values, "normalised"),
            long(market.weights, "weight"),
            long(market.contributions, "contribution"),
            long(criteria.available.astype(bool), "available"),
            long(criteria.imputed.astype(bool), "imputed"),
        ],
        axis=1,
    )
    parts.index.names = ["iso3", "indicator"]
    parts = parts.reset_index()
    status = np.where(
        parts["imputed"].to_numpy(dtype=bool),
        t("ex.status.imputed", lang),
        np.where(parts["available"].to_numpy(dtype=bool), "", t("ex.status.missing", lang)),
    )
    out = pd.DataFrame(
        {
            "rank": parts["iso3"].map(market.rank).to_numpy(),
            "iso3": parts["iso3"].to_numpy(),
            "country": parts["iso3"].map(country_names(dataset, lang)).to_numpy(),
            "pillar": parts["indicator"].map(catalog["pillar"]).map(lambda p: pillar_label(p, lang)).to_numpy(),
            "indicator_id": parts["indicator"].to_numpy(),
            "indicator": parts["indicator"].map(indicator_names(dataset, lang)).to_numpy(),
            "value": parts["value"].to_numpy(dtype=float),
            "unit": parts["indicator"].map(unit_names(catalog, lang)).to_numpy(),
            "year": parts["year"].round().astype("Int64").array,
            "source_id": parts["source_id"].astype(object).map(cell_text).to_numpy(),
            "normalised": parts["normalised"].to_numpy(dtype=float),
            "weight": parts["weight"].fillna(0.0).to_numpy(dtype=float),
            "contribution": parts["contribution"].fillna(0.0).to_numpy(dtype=float),
            "status": status,
        }
    )
    return localise(out, lang)


def _flatten(value: Any, path: str = "") -> Iterable[tuple[str, Any]]:
    if isinstance(value, Mapping):
        if not value and path:
            yield path, ""
        for key, item in value.items():
            yield from _flatten(item, f"{path}.{key}" if path else str(key))
    elif isinstance(value, list | tuple):
        if value and all(isinstance(v, list | tuple) for v in value):
            yield path, "; ".join("/".join(map(str, v)) for v in value)
        else:
            yield path, ", ".join(map(str, value))
    else:
        yield path, "" if value is None else value


def settings_table(
    dataset: Dataset, evaluation: Evaluation, lang: Lang = "ja", plan: Any = None, generated: datetime | None = None
) -> pd.DataFrame:
    """Everything that produced the result: scenario parameters (every field of the scenario JSON),
    effective pillar weights, data versions and, with a plan, its status and use of resources."""
    scenario = evaluation.scenario
    rows: list[tuple[str, str, Any]] = []
    section = lambda key: t(f"ex.section.{key}", lang)  # noqa: E731
    generated = generated or datetime.now(UTC)
    rows += [
        (section("run"), "generated", generated.strftime("%Y-%m-%d %H:%M UTC")),
        (section("run"), "dataset.version", dataset.version),
        (section("run"), "scenario.data_version", scenario.data_version),
        (section("run"), "criteria.reference_year", evaluation.criteria.reference_year),
        (section("run"), "countries.in_universe", len(evaluation.countries)),
        (section("run"), "countries.ranked", len(evaluation.market.score)),
        (section("run"), "countries.excluded", ", ".join(map(str, evaluation.market.excluded.index))),
    ]
    pillars = {p: float(w) for p, w in scenario.market_weights.pillars.items() if float(w) > 0}
    total = sum(pillars.values()) or 1.0
    for pillar, weight in pillars.items():
        rows.append((section("weights"), f"share.{pillar}", weight / total))
    for path, value in _flatten(scenario.to_dict()):
        rows.append((section("scenario"), path, value))
    if plan is not None:
        for path in ("status", "gap", "objective", "budget_used", "staff_used", "solver", "solve_seconds"):
            rows.append((section("plan"), f"plan.{path}", getattr(plan, path, "")))
        binding = getattr(plan, "binding", ())
        rows.append((section("plan"), "plan.binding", ", ".join(group_text(g, lang) for g in binding)))
        for name, value in dict(getattr(plan, "terms", {})).items():
            rows.append((section("plan"), f"plan.terms.{name}", value))
        for i, note in enumerate(getattr(plan, "notes", ()), start=1):
            rows.append((section("plan"), f"plan.note.{i}", note.text(lang)))
    out = pd.DataFrame(rows, columns=["section", "parameter", "value"])
    out.insert(2, "label", [_param_label(p, lang) for p in out["parameter"]])
    out["value"] = out["value"].astype(object)
    return localise(out, lang)


def _param_label(path: str, lang: Lang) -> str:
    """A readable name for a scenario parameter where one is defined (else empty)."""
    if path.startswith("share."):
        return t("ex.param.share", lang, pillar=pillar_label(path[6:], lang))
    if path.startswith("market_weights.pillars."):
        return t("ex.param.pillar_weight", lang, pillar=pillar_label(path.rsplit(".", 1)[1], lang))
    return text_or(f"ex.param.{path}", lang, "")


def plan_table(dataset: Dataset, plan: Any, lang: Lang = "ja") -> pd.DataFrame:
    """The plan's entries: period, country, field, phase, value, cost, staff, the ICT package the
    entry belongs to (blank when packages are off or it is a single entry) and its likely financing
    route (blank when the plan's entries carry none)."""
    return localise(plan_frame(dataset, plan, lang), lang)


def plan_frame(dataset: Dataset, plan: Any, lang: Lang = "ja") -> pd.DataFrame:
    """:func:`plan_table` with its column ids as headers (names in ``lang``)."""
    selection = plan.selection
    iso3 = selection["iso3"].astype(str)
    fields = selection["field_id"].astype(str)
    out = pd.DataFrame(
        {
            "period": selection["period"].to_numpy(),
            "iso3": iso3.to_numpy(),
            "country": iso3.map(country_names(dataset, lang)).to_numpy(),
            "region": [region_label(r, lang) for r in selection.get("region", [""] * len(selection))],
            "field_id": fields.to_numpy(),
            "field": fields.map(field_names(dataset, lang)).to_numpy(),
            "phase": selection["phase"].to_numpy(),
            "value": selection["value"].to_numpy(dtype=float),
            "cost": selection["cost"].to_numpy(dtype=float),
            "staff": selection["staff"].to_numpy(dtype=float),
        }
    )
    blank = pd.Series([""] * len(selection), index=selection.index, dtype=object)
    names = dataset.ict_packages["name_ja" if lang == "ja" else "name_en"]
    package = selection.get("package", blank).astype(str)
    out["package"] = package.map(lambda p: str(names.get(p, p))).to_numpy()
    out["route"] = [route_label(r, lang) if r else "" for r in selection.get("route", blank).astype(str)]
    return out


def plan_packages_table(dataset: Dataset, plan: Any, lang: Lang = "ja") -> pd.DataFrame:
    """The ICT packages the plan gives: country, package, member fields, value bonus and cost saving
    (shares), value added and cost saved, and the package's rationale."""
    pk = plan.packages
    packages = dataset.ict_packages
    names = packages["name_ja" if lang == "ja" else "name_en"]
    why = packages["rationale_ja" if lang == "ja" else "rationale"]
    fields = field_names(dataset, lang)
    iso3 = pk["iso3"].astype(str)
    out = pd.DataFrame(
        {
            "iso3": iso3.to_numpy(),
            "country": iso3.map(country_names(dataset, lang)).to_numpy(),
            "package": [str(names.get(p, p)) for p in pk["package_id"]],
            "members": [
                t("fmt.list_sep", lang).join(str(fields.get(f, f)) for f in m.split(";")) for m in pk["members"]
            ],
            "value_bonus": pk["value_bonus"].to_numpy(dtype=float),
            "cost_saving": pk["cost_saving"].to_numpy(dtype=float),
            "bonus": pk["bonus"].to_numpy(dtype=float),
            "saving": pk["saving"].to_numpy(dtype=float),
            "rationale": [str(why.get(p, "")) for p in pk["package_id"]],
        }
    )
    return localise(out, lang)


def _used_indicators(dataset: Dataset, evaluation: Evaluation) -> dict[str, set[str]]:
    """Indicator -> what uses it ('market' when its pillar and own weight are positive, 'fit' when a
    field driver)."""
    weights = evaluation.scenario.market_weights
    out: dict[str, set[str]] = {}
    for indicator, pillar in dataset.catalog["pillar"].items():
        if float(weights.pillars.get(pillar, 0.0)) > 0 and float(weights.indicators.get(indicator, 1.0)) > 0:
            out.setdefault(str(indicator), set()).add("market")
    for indicator in dataset.field_drivers["indicator"]:
        out.setdefault(str(indicator), set()).add("fit")
    return out


def sources_table(dataset: Dataset, evaluation: Evaluation, lang: Lang = "ja") -> pd.DataFrame:
    """For every indicator used: its source, the range of years actually used (latest value within
    the staleness window, over the countries compared), the number of countries and the licence;
    then the evidence of rival presence with its years and source."""
    return localise(sources_frame(dataset, evaluation, lang), lang)


def sources_frame(dataset: Dataset, evaluation: Evaluation, lang: Lang = "ja") -> pd.DataFrame:
    """:func:`sources_table` with its column ids as headers (names in ``lang``)."""
    criteria = evaluation.criteria
    used = _used_indicators(dataset, evaluation)
    years = criteria.year.where(criteria.available)
    catalog = dataset.catalog
    sources = dataset.sources
    names = indicator_names(dataset, lang)
    rows = []
    for indicator in catalog.index:
        if indicator not in used or indicator not in years.columns:
            continue
        own = cell_text(catalog.at[indicator, "source_id"])
        column = years[indicator].dropna()
        # one row per file the values used came from (a series continued by a newer file, such as
        # the CPI after 2018, names the newer file for the values taken from it)
        by_source = criteria.source[indicator].reindex(column.index).map(cell_text).replace("", own)
        for source_id in sorted(set(by_source)) or [own]:
            part = column[by_source == source_id]
            source = sources.loc[source_id] if source_id in sources.index else pd.Series(dtype=object)
            licence = cell_text(catalog.at[indicator, "licence"]) if source_id == own else ""
            rows.append(
                {
                    "kind": t("ex.kind.indicator", lang),
                    "item_id": indicator,
                    "item": name_of(names, indicator),
                    "pillar": pillar_label(catalog.at[indicator, "pillar"], lang),
                    "used_for": ", ".join(t(f"ex.used.{u}", lang) for u in sorted(used[indicator])),
                    "source_id": source_id,
                    "publisher": cell_text(source.get("publisher")),
                    "title": cell_text(source.get("title")),
                    "year_min": int(part.min()) if len(part) else None,
                    "year_max": int(part.max()) if len(part) else None,
                    "n_countries": int(len(part)),
                    "licence": licence or cell_text(source.get("licence")),
                    "url": cell_text(source.get("url")),
                }
            )
    presence = dataset.rival_presence[dataset.rival_presence["iso3"].isin(evaluation.countries)]
    for (evidence, source_id), group in presence.groupby(["evidence", "source_id"], sort=True):
        source = sources.loc[source_id] if source_id in sources.index else pd.Series(dtype=object)
        year = pd.to_numeric(group["year"], errors="coerce").dropna()
        rows.append(
            {
                "kind": t("ex.kind.rival_evidence", lang),
                "item_id": evidence,
                "item": evidence_label(evidence, lang),
                "pillar": "",
                "used_for": t("ex.used.threat", lang),
                "source_id": source_id,
                "publisher": cell_text(source.get("publisher")),
                "title": cell_text(source.get("title")),
                "year_min": int(year.min()) if len(year) else None,
                "year_max": int(year.max()) if len(year) else None,
                "n_countries": int(group["iso3"].nunique()),
                "licence": cell_text(source.get("licence")),
                "url": cell_text(source.get("url")),
            }
        )
    columns = ["kind", "item_id", "item", "pillar", "used_for", "source_id", "publisher", "title"]
    columns += ["year_min", "year_max", "n_countries", "licence", "url"]
    out = pd.DataFrame(rows, columns=columns)
    for column in ("year_min", "year_max"):
        out[column] = out[column].astype("Int64")
    return out


def field_judgements(dataset: Dataset, scenario: Scenario, lang: Lang = "ja") -> pd.DataFrame:
    """The field judgement table as used: Japan's strength (table and as used, with the scenario's
    overrides), cost and staff, with rationale and reference."""
    fields = dataset.fields
    used = japan_strength_series(dataset, scenario)
    rationale = "japan_strength_rationale_ja" if lang == "ja" else "japan_strength_rationale_en"
    cost_rationale = (
        "cost_staff_rationale_ja" if lang == "ja" and "cost_staff_rationale_ja" in fields else "cost_staff_rationale"
    )
    out = pd.DataFrame(
        {
            "field_id": fields.index.astype(str),
            "field": field_names(dataset, lang).to_numpy(),
            "phase": fields["phase"].to_numpy(),
            "prerequisites": fields["prerequisite_fields"].astype(object).map(cell_text).to_numpy(),
            "japan_strength_table": fields["japan_strength"].to_numpy(dtype=float),
            "japan_strength_used": used.reindex(fields.index).to_numpy(dtype=float),
            "rationale": fields[rationale].astype(object).map(cell_text).to_numpy(),
            "reference": fields["japan_strength_reference"].astype(object).map(cell_text).to_numpy(),
            "cost": fields["cost"].to_numpy(dtype=float),
            "staff": fields["staff"].to_numpy(dtype=float),
            "cost_staff_rationale": fields[cost_rationale].astype(object).map(cell_text).to_numpy(),
        }
    )
    return localise(out, lang)


def rival_judgements(dataset: Dataset, lang: Lang = "ja") -> pd.DataFrame:
    """Judged strength of each rival in each field, with rationale and reference."""
    table = dataset.rival_strength
    out = pd.DataFrame(
        {
            "rival_id": table["rival_id"].astype(str).to_numpy(),
            "rival": table["rival_id"].astype(str).map(rival_names(dataset, lang)).fillna("").to_numpy(),
            "field_id": table["field_id"].astype(str).to_numpy(),
            "field": table["field_id"].astype(str).map(field_names(dataset, lang)).fillna("").to_numpy(),
            "strength": table["strength"].to_numpy(dtype=float),
            "rationale": table["rationale"].astype(object).map(cell_text).to_numpy(),
            "reference": table["reference"].astype(object).map(cell_text).to_numpy(),
        }
    )
    return localise(out, lang)


def sensitivity_table(dataset: Dataset, evaluation: Evaluation, result: Any, lang: Lang = "ja") -> pd.DataFrame:
    """SMAA reading per market, in rank order: probability of being in the top k under random
    pillar weights, and the confidence factor."""
    market = evaluation.market
    ranked = market.rank.sort_values(kind="stable")
    iso3 = ranked.index.astype(str)
    out = pd.DataFrame(
        {
            "rank": ranked.to_numpy(),
            "iso3": iso3,
            "country": iso3.map(country_names(dataset, lang)),
            "score": market.score.reindex(ranked.index).to_numpy(dtype=float),
        }
    )
    top_k = result.top_k.reindex(ranked.index)
    for k in top_k.columns:
        out[f"top_{k}"] = top_k[k].to_numpy(dtype=float)
    out["confidence"] = result.confidence.reindex(ranked.index).to_numpy(dtype=float)
    return localise(out, lang)
