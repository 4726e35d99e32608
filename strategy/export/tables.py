"""Hand the analysis over: ranked shortlists as CSV and Excel, and a printable country brief in HTML.

Everything is built from an :class:`strategy.scenario.Evaluation` (and optionally a
:class:`strategy.optimize.Plan`), so the app's download buttons and the command line write the
same files.

- :func:`market_shortlist`, :func:`pair_shortlist`, :func:`score_decomposition`,
  :func:`settings_table`, :func:`plan_table`, :func:`sources_table`, :func:`field_judgements`,
  :func:`rival_judgements`, :func:`sensitivity_table`: tables with column headers in the chosen
  language (``ja`` / ``en``).
- :func:`to_csv_bytes`: UTF-8 with a byte order mark, so Japanese Excel opens it correctly.
- :func:`workbook_bytes`: the Excel workbook (shortlists, decomposition, weights and settings,
  plan, sources with years and licences, judgement tables).
- :func:`country_brief_html`: one self-contained HTML page per country (inline CSS and SVG charts,
  no script, nothing fetched from the network), printable. Its content comes from
  :func:`country_brief_content`, which the app's country profile page draws as well.

Safety: every text cell that a spreadsheet could read as a formula (starting with ``=``, ``+``,
``-``, ``@``, a tab or a carriage return, or their full-width forms) is prefixed with a single quote
(:func:`neutralise`) in CSV and Excel; HTML text is escaped; :func:`safe_filename` makes a name
safe on Windows, macOS and Linux.
"""

from __future__ import annotations

import html
import io
import math
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import numpy as np
import pandas as pd

from strategy.data.dataset import Dataset
from strategy.i18n import TEXT, Lang, format_value, t
from strategy.scenario import Evaluation, Scenario, japan_strength_series
from strategy.scoring import oriented

# --- safety ---------------------------------------------------------------------------------------

#: First characters that make Excel, LibreOffice or Google Sheets read a cell as a formula (OWASP
#: "CSV injection"), with the full-width forms a Japanese IME may produce.
FORMULA_PREFIXES: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")
_WINDOWS_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}
_UNSAFE_FILENAME = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]')
_UNSAFE_SHEET = re.compile(r"[\x00-\x1f\x7f\[\]:*?/\\]")


def neutralise(value: Any) -> Any:
    """``value`` with a leading single quote if it is text a spreadsheet would run as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def safe_filename(name: str, default: str = "export", max_length: int = 120) -> str:
    """A file name (no folder) safe on Windows, macOS and Linux; Japanese letters are kept.

    Folders are flattened (``../a/b`` becomes ``a_b``), control and reserved characters become
    ``_``; leading dots, dashes and spaces
    and trailing dots and spaces are removed; Windows device names (CON, NUL, COM1, ...) get a
    ``_`` prefix; the name is cut to ``max_length`` characters keeping its extension.
    """
    text = unicodedata.normalize("NFC", str(name))
    parts = [p for p in re.split(r"[/\\]+", text) if p.strip(". ")]  # no folders, no '..'
    text = _UNSAFE_FILENAME.sub("_", "_".join(parts))
    text = re.sub(r"\s+", " ", text).strip()
    text = text.lstrip(".- ").rstrip(". ")
    text = re.sub(r"_{2,}", "_", text)
    if not text or set(text) <= {"_", " "}:
        text = default
    stem, dot, ext = text.rpartition(".")
    if not dot or not stem or len(ext) > 10:
        stem, ext = text, ""
    if stem.split(".")[0].upper() in _WINDOWS_RESERVED:
        stem = "_" + stem
    suffix = "." + ext if ext else ""
    stem = stem[: max(1, max_length - len(suffix))].rstrip(". ")
    return (stem or default) + suffix


def safe_sheet_name(name: str, used: Iterable[str] = ()) -> str:
    """An Excel sheet name: no ``[]:*?/\\``, at most 31 characters, not quoted, unique in ``used``."""
    text = _UNSAFE_SHEET.sub("_", str(name)).strip().strip("'")
    text = text.lstrip("=+-@") or "Sheet"
    text = text[:31]
    taken = {u.lower() for u in used}
    base, n = text, 2
    while text.lower() in taken:
        tail = f" ({n})"
        text = base[: 31 - len(tail)] + tail
        n += 1
    return text


def export_filename(kind: str, scenario_name: str, extension: str, iso3: str | None = None) -> str:
    """The file name the app and the command line use, e.g. ``ASEAN 2027_markets.csv``."""
    parts = [scenario_name or "scenario", iso3 or "", kind]
    return safe_filename("_".join(p for p in parts if p) + "." + extension.lstrip("."))


# --- labels -------------------------------------------------------------------------------------


def _label(key: str, lang: Lang, fallback: str) -> str:
    return t(key, lang) if key in TEXT else fallback


def _text(value: Any) -> str:
    """Text of a table cell, '' for missing."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return ""
    return str(value)


def country_names(dataset: Dataset, lang: Lang) -> pd.Series:
    """Country display names by ISO3: the short Japanese name (ラオス) or the English name."""
    c = dataset.countries
    english = c["name_en"].astype(object).map(_text)
    if lang != "ja":
        return english
    names = c["name_ja_short"].astype(object).map(_text) if "name_ja_short" in c else english.map(lambda _: "")
    long = c["name_ja"].astype(object).map(_text)
    names = names.where(names != "", long)
    return names.where(names != "", english)


def field_names(dataset: Dataset, lang: Lang) -> pd.Series:
    column = "name_ja" if lang == "ja" else "name_en"
    return dataset.fields[column].astype(object).map(_text)


def rival_names(dataset: Dataset, lang: Lang) -> pd.Series:
    column = "name_ja" if lang == "ja" else "name_en"
    return dataset.rivals[column].astype(object).map(_text)


def indicator_names(dataset: Dataset, lang: Lang) -> pd.Series:
    column = "name_ja" if lang == "ja" and "name_ja" in dataset.catalog else "name_en"
    return dataset.catalog[column].astype(object).map(_text)


def pillar_label(pillar: str, lang: Lang) -> str:
    return _label(f"label.pillar.{pillar}", lang, pillar)


def _yes_no(values: pd.Series, lang: Lang) -> pd.Series:
    yes, no = t("ex.yes", lang), t("ex.no", lang)
    return values.map(
        lambda v: "" if v is None or v is pd.NA or (isinstance(v, float) and np.isnan(v)) else yes if bool(v) else no
    )


def _basis(values: pd.Series, lang: Lang) -> pd.Series:
    measured, assumed = t("ex.measured", lang), t("ex.assumed", lang)
    return values.map(lambda v: measured if bool(v) else assumed)


def localise(frame: pd.DataFrame, lang: Lang, pillars: Iterable[str] = ()) -> pd.DataFrame:
    """Column ids to headers in ``lang`` (``ex.col.<id>``; the ``pillars`` columns get pillar names)."""
    pillars = set(pillars)

    def header(column: str) -> str:
        if column in pillars:
            return pillar_label(column, lang)
        if column.startswith("top_"):
            return t("ex.col.top_k", lang, k=column[4:])
        return _label(f"ex.col.{column}", lang, column)

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
            "region": [_label(f"label.region.{r}", lang, _text(r)) for r in c["un_region"]],
            "income_group": c["income_group"].astype(object).map(_text).to_numpy(),
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


def pair_shortlist(
    dataset: Dataset,
    evaluation: Evaluation,
    lang: Lang = "ja",
    top: int | None = None,
    iso3: str | None = None,
    field_id: str | None = None,
) -> pd.DataFrame:
    """Ranked market × field pairs with the decomposition of the opportunity and the main rival."""
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
            "market": table["market"].to_numpy(dtype=float),
            "fit": table["fit"].to_numpy(dtype=float),
            "need": table["need"].to_numpy(dtype=float),
            "readiness": table["readiness"].to_numpy(dtype=float),
            "strength": table["strength"].to_numpy(dtype=float),
            "position": table["position"].to_numpy(dtype=float),
            "margin": table["margin"].to_numpy(dtype=float),
            "main_rival": table["main_rival"].astype(object).map(rival_names(dataset, lang)).fillna("").to_numpy(),
            "main_threat": table["main_threat"].to_numpy(dtype=float),
            "main_basis": _basis(table["main_measured"], lang).to_numpy(),
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
    unit_column = "unit_ja" if lang == "ja" and "unit_ja" in catalog else "unit"
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
            "unit": parts["indicator"].map(catalog[unit_column].astype(object).map(_text)).to_numpy(),
            "year": parts["year"].astype("Int64").to_numpy(),
            "source_id": parts["source_id"].astype(object).map(_text).to_numpy(),
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
    dataset: Dataset,
    evaluation: Evaluation,
    lang: Lang = "ja",
    plan: Any | None = None,
    generated: datetime | None = None,
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
        rows.append((section("plan"), "plan.binding", ", ".join(getattr(plan, "binding", ()))))
        for name, value in dict(getattr(plan, "terms", {})).items():
            rows.append((section("plan"), f"plan.terms.{name}", value))
        for i, note in enumerate(getattr(plan, "notes", ()), start=1):
            rows.append((section("plan"), f"plan.note.{i}", note))
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
    return _label(f"ex.param.{path}", lang, "")


def plan_table(dataset: Dataset, plan: Any, lang: Lang = "ja") -> pd.DataFrame:
    """The plan's entries: period, country, field, phase, value, cost, staff."""
    selection = plan.selection
    iso3 = selection["iso3"].astype(str)
    fields = selection["field_id"].astype(str)
    out = pd.DataFrame(
        {
            "period": selection["period"].to_numpy(),
            "iso3": iso3.to_numpy(),
            "country": iso3.map(country_names(dataset, lang)).to_numpy(),
            "region": [
                _label(f"label.region.{r}", lang, _text(r)) for r in selection.get("region", [""] * len(selection))
            ],
            "field_id": fields.to_numpy(),
            "field": fields.map(field_names(dataset, lang)).to_numpy(),
            "phase": selection["phase"].to_numpy(),
            "value": selection["value"].to_numpy(dtype=float),
            "cost": selection["cost"].to_numpy(dtype=float),
            "staff": selection["staff"].to_numpy(dtype=float),
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
        column = years[indicator].dropna()
        source_id = _text(catalog.at[indicator, "source_id"])
        source = sources.loc[source_id] if source_id in sources.index else pd.Series(dtype=object)
        rows.append(
            {
                "kind": t("ex.kind.indicator", lang),
                "item_id": indicator,
                "item": names.get(indicator, indicator),
                "pillar": pillar_label(_text(catalog.at[indicator, "pillar"]), lang),
                "used_for": ", ".join(t(f"ex.used.{u}", lang) for u in sorted(used[indicator])),
                "source_id": source_id,
                "publisher": _text(source.get("publisher")),
                "title": _text(source.get("title")),
                "year_min": int(column.min()) if len(column) else None,
                "year_max": int(column.max()) if len(column) else None,
                "n_countries": int(len(column)),
                "licence": _text(catalog.at[indicator, "licence"]) or _text(source.get("licence")),
                "url": _text(source.get("url")),
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
                "item": _label(f"label.evidence.{evidence}", lang, str(evidence)),
                "pillar": "",
                "used_for": t("ex.used.threat", lang),
                "source_id": source_id,
                "publisher": _text(source.get("publisher")),
                "title": _text(source.get("title")),
                "year_min": int(year.min()) if len(year) else None,
                "year_max": int(year.max()) if len(year) else None,
                "n_countries": int(group["iso3"].nunique()),
                "licence": _text(source.get("licence")),
                "url": _text(source.get("url")),
            }
        )
    columns = ["kind", "item_id", "item", "pillar", "used_for", "source_id", "publisher", "title"]
    columns += ["year_min", "year_max", "n_countries", "licence", "url"]
    out = pd.DataFrame(rows, columns=columns)
    for column in ("year_min", "year_max"):
        out[column] = out[column].astype("Int64")
    return localise(out, lang)


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
            "prerequisites": fields["prerequisite_fields"].astype(object).map(_text).to_numpy(),
            "japan_strength_table": fields["japan_strength"].to_numpy(dtype=float),
            "japan_strength_used": used.reindex(fields.index).to_numpy(dtype=float),
            "rationale": fields[rationale].astype(object).map(_text).to_numpy(),
            "reference": fields["japan_strength_reference"].astype(object).map(_text).to_numpy(),
            "cost": fields["cost"].to_numpy(dtype=float),
            "staff": fields["staff"].to_numpy(dtype=float),
            "cost_staff_rationale": fields[cost_rationale].astype(object).map(_text).to_numpy(),
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
            "rationale": table["rationale"].astype(object).map(_text).to_numpy(),
            "reference": table["reference"].astype(object).map(_text).to_numpy(),
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


# --- CSV and Excel ------------------------------------------------------------------------------


def _cell(value: Any) -> Any:
    """A value openpyxl can write: None for missing, Python scalars, neutralised text."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, bool | int | float | datetime):
        return value
    return neutralise(str(value))


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy with every text cell and header neutralised against formula injection."""
    out = frame.copy()
    out.columns = [neutralise(str(c)) for c in out.columns]
    for column in out.columns:
        series = out[column]
        if pd.api.types.is_bool_dtype(series) or pd.api.types.is_numeric_dtype(series):
            continue
        out[column] = series.astype(object).map(lambda v: v if v is None or v is pd.NA else neutralise(v))
    return out


def to_csv_bytes(frame: pd.DataFrame) -> bytes:
    """CSV in UTF-8 with a byte order mark (Japanese Excel reads it as UTF-8), formula-safe."""
    text = safe_frame(frame).to_csv(index=False, lineterminator="\r\n")
    return ("\ufeff" + text).encode("utf-8")


def _column_cells(series: pd.Series) -> list[Any]:
    """A column as values openpyxl writes as they are (numbers stay numbers, text is neutralised)."""
    if pd.api.types.is_bool_dtype(series) and not series.isna().any():
        return series.astype(bool).tolist()
    if pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(series):
        values = series.astype("float64").to_numpy()
        ints = pd.api.types.is_integer_dtype(series)
        return [None if not math.isfinite(v) else int(v) if ints else float(v) for v in values]
    return [_cell(v) for v in series.to_numpy(dtype=object)]


def workbook_from_frames(sheets: Mapping[str, pd.DataFrame]) -> bytes:
    """An .xlsx file with one sheet per frame: bold frozen header, filters, sized columns, every
    text cell and header formula-safe. Sheet names are made valid (:func:`safe_sheet_name`).

    Written in openpyxl's streaming (write-only) mode: numbers keep full precision, General format.
    """
    # imported here, not at start-up: only an Excel export needs openpyxl
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    header_fill = PatternFill("solid", fgColor="DDE7F0")
    wb = Workbook(write_only=True)
    used: list[str] = []
    for name, frame in sheets.items():
        title = safe_sheet_name(name, used)
        used.append(title)
        ws = wb.create_sheet(title)
        headers = [_cell(str(c)) for c in frame.columns]
        columns = [_column_cells(frame.iloc[:, j]) for j in range(frame.shape[1])]
        for j, header in enumerate(headers, start=1):
            sample = [_display_width(v) for v in [header, *columns[j - 1][:200]] if v is not None]
            ws.column_dimensions[get_column_letter(j)].width = min(60, max([*sample, 6]) + 2)
        ws.freeze_panes = "A2"
        if headers:
            ws.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{max(1, len(frame) + 1)}"
        header_cells = []
        for header in headers:
            cell = WriteOnlyCell(ws, value=header)
            cell.font = Font(bold=True)
            cell.fill = header_fill
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            header_cells.append(cell)
        ws.append(header_cells)
        for row in zip(*columns, strict=True):
            ws.append(row)
    if not used:
        wb.create_sheet("Sheet")
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _display_width(value: Any) -> int:
    """Roughly how many character cells ``value`` takes (Japanese characters count twice)."""
    text = value if isinstance(value, str) else f"{value:.6g}" if isinstance(value, float) else str(value)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def workbook_sheets(
    dataset: Dataset,
    evaluation: Evaluation,
    lang: Lang = "ja",
    plan: Any | None = None,
    generated: datetime | None = None,
) -> dict[str, pd.DataFrame]:
    """The workbook's sheets by (localised) name, in order."""
    sheets = {
        t("ex.sheet.markets", lang): market_shortlist(dataset, evaluation, lang),
        t("ex.sheet.pairs", lang): pair_shortlist(dataset, evaluation, lang),
        t("ex.sheet.decomposition", lang): score_decomposition(dataset, evaluation, lang),
        t("ex.sheet.settings", lang): settings_table(dataset, evaluation, lang, plan, generated),
    }
    if plan is not None:
        sheets[t("ex.sheet.plan", lang)] = plan_table(dataset, plan, lang)
    sheets[t("ex.sheet.sources", lang)] = sources_table(dataset, evaluation, lang)
    sheets[t("ex.sheet.fields", lang)] = field_judgements(dataset, evaluation.scenario, lang)
    sheets[t("ex.sheet.rivals", lang)] = rival_judgements(dataset, lang)
    return sheets


def workbook_bytes(
    dataset: Dataset,
    evaluation: Evaluation,
    lang: Lang = "ja",
    plan: Any | None = None,
    generated: datetime | None = None,
) -> bytes:
    """The Excel workbook of a scenario (see :func:`workbook_sheets`)."""
    return workbook_from_frames(workbook_sheets(dataset, evaluation, lang, plan, generated))


# --- country brief (HTML) -----------------------------------------------------------------------


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
        hits = countries.index[countries["iso2"].astype(object).map(_text).str.upper() == query.upper()]
        if len(hits) == 1:
            return str(hits[0])
    names: dict[str, str] = {}
    for column in ("name_en", "name_ja", "name_ja_short"):
        if column in countries:
            for iso3, name in countries[column].items():
                if _text(name):
                    names.setdefault(_text(name).casefold(), str(iso3))
    if query.casefold() in names:
        return names[query.casefold()]
    close = difflib.get_close_matches(query.casefold(), list(names) + [i.lower() for i in countries.index], n=3)
    suggestions = ", ".join(dict.fromkeys(names.get(c, c.upper()) for c in close))
    raise ExportError("ex.err.unknown_country", value=query, suggestions=suggestions or "-")


def _num(value: Any, digits: int = 3, lang: Lang = "ja") -> str:
    if isinstance(value, int | np.integer) and not isinstance(value, bool | np.bool_):
        return f"{int(value):,}"
    try:
        x = float(value)
    except (TypeError, ValueError):
        return html.escape(_text(value))
    if not math.isfinite(x):
        return html.escape(t("ex.na", lang))
    if abs(x) >= 1000:
        return f"{x:,.0f}"
    return f"{x:.{digits}f}"


def _esc(value: Any) -> str:
    return html.escape(_text(value), quote=True)


_BLUE, _VERMILLION, _GREY = "#0072B2", "#D55E00", "#9AA5B1"


def svg_bars(
    items: Sequence[tuple[str, float | None]],
    title: str,
    colour: str = _BLUE,
    maximum: float = 1.0,
    second: Sequence[float | None] | None = None,
    second_colour: str = _VERMILLION,
    legend: tuple[str, str] | None = None,
) -> str:
    """A horizontal bar chart as inline SVG (no script, prints well); labels are escaped.

    ``second`` adds a second bar per item (e.g. the main rival's threat next to Japan's position).
    """
    label_w, bar_w, row_h = 230, 300, 22 if second is None else 30
    top = 24 if legend else 8
    height = top + row_h * len(items) + 8
    width = label_w + bar_w + 70
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{_esc(title)}">',
        f"<title>{_esc(title)}</title>",
    ]
    if legend:
        parts.append(f'<rect x="{label_w}" y="4" width="10" height="10" fill="{colour}"/>')
        parts.append(f'<text x="{label_w + 14}" y="13" font-size="11">{_esc(legend[0])}</text>')
        parts.append(f'<rect x="{label_w + 150}" y="4" width="10" height="10" fill="{second_colour}"/>')
        parts.append(f'<text x="{label_w + 164}" y="13" font-size="11">{_esc(legend[1])}</text>')
    scale = bar_w / maximum if maximum > 0 else 0.0
    for i, (label, value) in enumerate(items):
        y = top + i * row_h
        shown = label if len(label) <= 28 else label[:27] + "…"
        parts.append(f'<text x="{label_w - 6}" y="{y + 14}" font-size="12" text-anchor="end">{_esc(shown)}</text>')
        bars = [(value, colour)] if second is None else [(value, colour), (second[i], second_colour)]
        h = 14 if second is None else 11
        for k, (v, c) in enumerate(bars):
            yy = y + 3 + k * (h + 1)
            if v is None or not math.isfinite(float(v)):
                parts.append(f'<text x="{label_w + 4}" y="{yy + h - 2}" font-size="10" fill="{_GREY}">–</text>')
                continue
            w = max(0.0, min(float(v), maximum)) * scale
            parts.append(f'<rect x="{label_w}" y="{yy}" width="{w:.1f}" height="{h}" fill="{c}"/>')
            parts.append(f'<text x="{label_w + w + 4:.1f}" y="{yy + h - 2}" font-size="10">{float(v):.2f}</text>')
    parts.append(f'<line x1="{label_w}" y1="{top - 2}" x2="{label_w}" y2="{height - 6}" stroke="#444"/>')
    parts.append("</svg>")
    return "".join(parts)


def _html_table(
    frame: pd.DataFrame, lang: Lang, digits: int = 3, numeric: Iterable[str] = (), formatted: Iterable[str] = ()
) -> str:
    """``formatted``: columns already written as text for people (right-aligned, escaped as they are)."""
    numeric, formatted = set(numeric), set(formatted)
    head = "".join(f"<th>{_esc(c)}</th>" for c in frame.columns)
    body = []
    for row in frame.itertuples(index=False):
        cells = []
        for column, value in zip(frame.columns, row, strict=True):
            if column in formatted:
                cells.append(f'<td class="num">{_esc(value)}</td>')
            elif column in numeric or (isinstance(value, float | int | np.number) and not isinstance(value, bool)):
                cells.append(f'<td class="num">{_num(value, digits, lang)}</td>')
            else:
                cells.append(f"<td>{_esc(value)}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


_CSS = """
body{font-family:"Noto Sans CJK JP","Hiragino Sans","Yu Gothic","Meiryo",sans-serif;margin:2em auto;max-width:960px;
color:#1b1f24;line-height:1.5;padding:0 1em}
h1{font-size:1.6em;margin-bottom:.2em}h2{font-size:1.2em;border-bottom:2px solid #0072B2;margin-top:1.6em}
.meta{color:#555;font-size:.9em}.lead{font-size:1.05em}.note{color:#555;font-size:.85em}
table{border-collapse:collapse;margin:.6em 0;font-size:.85em;width:100%}
th,td{border:1px solid #ccd3da;padding:3px 6px;text-align:left;vertical-align:top}th{background:#eef3f7}
td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
section{page-break-inside:avoid;break-inside:avoid}svg{max-width:100%;height:auto}
@media print{body{margin:0;max-width:none;font-size:10pt}h2{page-break-after:avoid}a{color:inherit;text-decoration:none}}
"""


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
    max_age: int
    source_ids: tuple[str, ...]
    presence_default: float


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
    names = country_names(dataset, lang)
    name = names.get(iso3, iso3)
    if iso3 not in market.score.index:
        if iso3 in market.excluded.index:
            coverage = float(market.excluded.at[iso3, "coverage"]) if "coverage" in market.excluded else float("nan")
            raise ExportError("ex.err.excluded", country=name, iso3=iso3, coverage=f"{coverage:.0%}")
        raise ExportError("ex.err.not_in_universe", country=name, iso3=iso3)
    scenario = evaluation.scenario
    generated = generated or datetime.now(UTC)
    tx = lambda key, **v: t(f"ex.brief.{key}", lang, **v)  # noqa: E731

    # why this market
    pillar_values = market.pillars.loc[iso3]
    weights = {p: float(scenario.market_weights.pillars.get(p, 0.0)) for p in market.pillars.columns}
    total = sum(w for w in weights.values() if w > 0) or 1.0
    pillar_rows = pd.DataFrame(
        {
            tx("col.pillar"): [pillar_label(p, lang) for p in market.pillars.columns],
            tx("col.pillar_score"): pillar_values.to_numpy(dtype=float),
            tx("col.pillar_rank"): [_pillar_rank(market.pillars[p], iso3) for p in market.pillars.columns],
            tx("col.weight_share"): [weights[p] / total if weights[p] > 0 else 0.0 for p in market.pillars.columns],
        }
    )
    contributions = market.contributions.loc[iso3].sort_values(ascending=False)
    strongest = [i for i in contributions.index if contributions[i] > 0][:5]
    ind_names = indicator_names(dataset, lang)

    # which fields
    pairs = evaluation.opportunity[evaluation.opportunity["iso3"].astype(str) == iso3].copy()
    pairs["field_id"] = pairs["field_id"].astype(str)
    fnames = field_names(dataset, lang)
    rnames = rival_names(dataset, lang)
    best = pairs.head(n_fields)
    field_rows = pd.DataFrame(
        {
            tx("col.field"): best["field_id"].map(fnames).to_numpy(),
            tx("col.pair_rank"): best["rank"].to_numpy(),
            tx("col.opportunity"): best["opportunity"].to_numpy(dtype=float),
            tx("col.fit"): best["fit"].to_numpy(dtype=float),
            tx("col.need"): best["need"].to_numpy(dtype=float),
            tx("col.strength"): best["strength"].to_numpy(dtype=float),
            tx("col.main_rival"): [
                (rnames.get(r, r) if r else t("ex.brief.nobody", lang)) + ("" if m else " *")
                for r, m in zip(best["main_rival"].astype(object).map(_text), best["main_measured"], strict=True)
            ],
            tx("col.margin"): best["margin"].to_numpy(dtype=float),
        }
    )

    # which rival
    detail = evaluation.threat.detail
    detail = detail[(detail["iso3"].astype(str) == iso3)]
    home = set(dataset.rivals.index[dataset.rivals["is_home"] == 1])
    rivals = detail[~detail["rival_id"].isin(home)]
    rival_rows = []
    for rival_id, group in rivals.groupby("rival_id", sort=False):
        top = group.sort_values("threat", ascending=False).iloc[0]
        n_main = int((pairs["main_rival"].astype(object).map(_text) == rival_id).sum())
        evidence = sorted(
            {_label(f"label.evidence.{e}", lang, e) for e in group["evidence"] if e and e != "measured absent"}
        )
        rival_rows.append(
            {
                tx("col.rival"): rnames.get(rival_id, rival_id),
                tx("col.max_threat"): float(top["threat"]),
                tx("col.in_field"): fnames.get(str(top["field_id"]), str(top["field_id"])),
                tx("col.n_main"): n_main,
                tx("col.measured_fields"): int(group["measured"].sum()),
                tx("col.evidence"): ", ".join(evidence)
                or t("ex.brief.measured_absent" if group["measured"].any() else "ex.brief.no_evidence", lang),
            }
        )
    rival_frame = pd.DataFrame(rival_rows)
    if len(rival_frame):
        rival_frame = rival_frame.sort_values(tx("col.max_threat"), ascending=False, kind="stable")

    # plan
    plan_status, plan_frame = None, None
    if plan is not None and getattr(plan, "selection", None) is not None:
        plan_status = str(plan.status)
        chosen = plan.selection[plan.selection["iso3"].astype(str) == iso3]
        plan_frame = pd.DataFrame(
            {
                tx("col.period"): chosen["period"].to_numpy(),
                tx("col.field"): chosen["field_id"].astype(str).map(fnames).to_numpy(),
                tx("col.cost"): chosen["cost"].to_numpy(dtype=float),
                tx("col.staff"): chosen["staff"].to_numpy(dtype=float),
            }
        )

    # data: indicators behind the score, with years and sources
    criteria = evaluation.criteria
    catalog = dataset.catalog
    used = _used_indicators(dataset, evaluation)
    unit_column = "unit_ja" if lang == "ja" and "unit_ja" in catalog else "unit"
    data_rows, data_indicators = [], []
    for indicator in catalog.index:
        if indicator not in used or indicator not in criteria.raw.columns:
            continue
        data_indicators.append(indicator)
        available = bool(criteria.available.at[iso3, indicator])
        source_id = _text(criteria.source.at[iso3, indicator]) or _text(catalog.at[indicator, "source_id"])
        year = criteria.year.at[iso3, indicator]
        data_rows.append(
            {
                tx("col.indicator"): ind_names.get(indicator, indicator),
                tx("col.value"): float(criteria.raw.at[iso3, indicator]) if available else float("nan"),
                tx("col.unit"): _text(catalog.at[indicator, unit_column]),
                tx("col.year"): str(int(year)) if available and pd.notna(year) else t("ex.na", lang),
                tx("col.source"): source_id,
                tx("col.licence"): _text(catalog.at[indicator, "licence"]),
            }
        )
    years = criteria.year.loc[iso3].where(criteria.available.loc[iso3]).dropna()
    source_ids = sorted({_text(catalog.at[i, "source_id"]) for i in used if i in catalog.index})
    return CountryBrief(
        iso3=iso3,
        name=name,
        lang=lang,
        scenario=scenario.name,
        method=_label(f"label.method.{scenario.settings.method}", lang, scenario.settings.method),
        data_version=dataset.version,
        generated=generated,
        rank=int(market.rank[iso3]),
        n_ranked=len(market.score),
        score=float(market.score[iso3]),
        coverage=float(market.coverage[iso3]),
        strongest=tuple(strongest),
        strongest_names=tuple(ind_names.get(i, i) for i in strongest),
        pillar_items=tuple((pillar_label(p, lang), _finite(pillar_values[p])) for p in market.pillars.columns),
        pillars=pillar_rows,
        best=best,
        fields=field_rows,
        rivals=rival_frame,
        plan_status=plan_status,
        plan=plan_frame,
        data=pd.DataFrame(data_rows),
        data_units=tuple(_text(catalog.at[i, "unit"]) for i in data_indicators),
        year_min=int(years.min()) if len(years) else None,
        year_max=int(years.max()) if len(years) else None,
        reference_year=criteria.reference_year,
        max_age=criteria.settings.max_age,
        source_ids=tuple(source_ids),
        presence_default=scenario.presence_default,
    )


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
    dataset: Dataset,
    evaluation: Evaluation,
    iso3: str,
    lang: Lang = "ja",
    plan: Any | None = None,
    n_fields: int = 5,
    generated: datetime | None = None,
) -> str:
    """A printable, self-contained HTML brief for one country: why this market (rank, score, pillar
    decomposition), which fields (best fields with fit and main rival), which rival, and the data
    years and sources behind it. Charts are inline SVG; the page loads nothing from the network."""
    return brief_html(dataset, country_brief_content(dataset, evaluation, iso3, lang, plan, n_fields, generated))


def brief_html(dataset: Dataset, brief: CountryBrief) -> str:
    """The HTML of :func:`country_brief_html` for content already gathered (the country page has it)."""
    lang = brief.lang
    tx = lambda key, **v: t(f"ex.brief.{key}", lang, **v)  # noqa: E731
    name = brief.name
    pillar_chart = svg_bars(list(brief.pillar_items), tx("chart.pillars", country=name))
    fnames = field_names(dataset, lang)
    best = brief.best
    field_chart = svg_bars(
        [(fnames.get(f, f), _finite(v)) for f, v in zip(best["field_id"], best["japan_position"], strict=True)],
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
    source_items = []
    for source_id in brief.source_ids:
        if source_id not in dataset.sources.index:
            continue
        s = dataset.sources.loc[source_id]
        url = _text(s.get("url"))
        link = f' <a href="{_esc(url)}">{_esc(url)}</a>' if url.startswith(("https://", "http://")) else ""
        source_items.append(
            f"<li><b>{_esc(source_id)}</b>: {_esc(s.get('publisher'))} — {_esc(s.get('title'))} "
            f"({_esc(t('ex.brief.licence', lang))}: {_esc(s.get('licence'))}){link}</li>"
        )

    strongest_text = _label("fmt.list_sep", lang, ", ").join(brief.strongest_names)
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
        f'<p class="note">{_esc(tx("fields_note"))}</p></section>',
        f"<section><h2>{_esc(tx('rivals'))}</h2>",
        _html_table(rival_frame, lang) if len(rival_frame) else f"<p>{_esc(t('ex.brief.no_evidence', lang))}</p>",
        f'<p class="note">{_esc(tx("rivals_note", default=brief.presence_default))}</p></section>',
    ]
    if plan_html:
        parts += [f"<section><h2>{_esc(tx('plan'))}</h2>", plan_html, "</section>"]
    parts += [
        f"<section><h2>{_esc(tx('data'))}</h2>",
        f"<p>{_esc(tx('years', start=brief.year_min if brief.year_min is not None else '-', end=brief.year_max if brief.year_max is not None else '-', ref=brief.reference_year, age=brief.max_age))}</p>",
        _html_table(_readable_values(brief), lang, formatted=[tx("col.value")]) if len(data_frame) else "",
        f"<h3>{_esc(tx('sources'))}</h3><ul>{''.join(source_items)}</ul>",
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
