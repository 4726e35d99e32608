"""Checks and typing of the two judgement tables the plan reads: ICT packages and financing rules.

``ict_packages.csv`` names packages of fields proposed together (the seed's 「ICTパッケージ」:
disaster × ICT, whole-city ICT, ...) with their synergy: ``value_bonus`` (a share of the members'
value added when a country gets the whole package) and ``cost_saving`` (a share of the members'
cost saved). ``financing_rules.csv`` says by which route Japan's side of an entry is likely
financed (technical cooperation, grant aid, yen loan, commercial / export finance), from measured
facts about the country (World Bank income group and lending category, LDC status, Japan's share
of DAC aid) and from the field; the first rule that matches wins (file order). Both are judgements
with rationale and reference; every problem is reported with file, row and column.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from strategy.data.validation import (
    ValidationIssue,
    check_in,
    check_numeric,
    check_required_text,
    check_unique,
    sheet_row,
)

PACKAGE_COLUMNS: tuple[str, ...] = (
    "package_id",
    "name_en",
    "name_ja",
    "members",
    "value_bonus",
    "cost_saving",
    "rationale",
    "rationale_ja",
    "reference",
)
#: The allowed synergy: a value bonus up to the members' whole value, a saving up to half their cost
#: (a larger saving is a different, smaller project, not a synergy).
VALUE_BONUS_RANGE = (0.0, 1.0)
COST_SAVING_RANGE = (0.0, 0.5)

#: Financing routes, in the order they are shown.
ROUTES: tuple[str, ...] = ("technical_cooperation", "grant_aid", "yen_loan", "commercial")
RULE_COLUMNS: tuple[str, ...] = (
    "rule_id",
    "income_groups",
    "lending_categories",
    "is_ldc",
    "aid_financed",
    "fields",
    "min_japan_aid_share",
    "route",
    "rationale",
    "rationale_ja",
    "reference",
)
#: The indicator a rule's ``min_japan_aid_share`` is compared with (its latest value).
AID_SHARE_INDICATOR = "japan_aid_share"


def split_list(text: object) -> tuple[str, ...]:
    """A ``;``-separated cell as a tuple of its non-blank parts (blank cell: empty tuple)."""
    if text is None or (isinstance(text, float) and np.isnan(text)):
        return ()
    return tuple(s.strip() for s in str(text).split(";") if s.strip())


def _blank(series: pd.Series) -> pd.Series:
    return series.isna() | series.astype(str).str.strip().eq("")


def validate_plan_tables(tables: Mapping[str, pd.DataFrame], files: Mapping[str, str]) -> list[ValidationIssue]:
    """Problems in ``ict_packages`` and ``financing_rules`` (unknown field or route, synergy out of
    range, an empty package, a rule whose conditions match no country)."""
    issues: list[ValidationIssue] = []
    field_ids = set(tables["fields"]["field_id"])
    packages = tables["ict_packages"]
    file = files["ict_packages"]
    issues += check_unique(packages, ["package_id"], file)
    issues += check_required_text(packages, ["package_id", "name_en", "name_ja", "rationale", "rationale_ja"], file)
    issues += check_required_text(packages, ["reference"], file)
    issues += check_numeric(packages, "value_bonus", file, low=VALUE_BONUS_RANGE[0], high=VALUE_BONUS_RANGE[1])[1]
    issues += check_numeric(packages, "cost_saving", file, low=COST_SAVING_RANGE[0], high=COST_SAVING_RANGE[1])[1]
    for i, text in enumerate(packages["members"].fillna("").astype(str)):
        members = split_list(text)
        if not members:
            issues.append(ValidationIssue(file, "pkg.err.empty_package", sheet_row(i), "members"))
        for ref in members:
            if ref not in field_ids:
                issues.append(
                    ValidationIssue(
                        file, "err.bad_reference", sheet_row(i), "members", {"value": ref, "target": files["fields"]}
                    )
                )
        if len(set(members)) < len(members):
            issues.append(ValidationIssue(file, "pkg.err.repeated_member", sheet_row(i), "members", {"value": text}))

    rules = tables["financing_rules"]
    file = files["financing_rules"]
    issues += check_unique(rules, ["rule_id"], file)
    issues += check_required_text(rules, ["rule_id", "rationale", "rationale_ja", "reference"], file)
    issues += check_in(rules, "route", ROUTES, file, "pkg.err.unknown_route", allowed=", ".join(ROUTES))
    for column in ("is_ldc", "aid_financed"):
        issues += check_in(
            rules.assign(**{column: rules[column].fillna("").astype(str).str.strip()}),
            column,
            ["", "0", "1"],
            file,
            "err.bad_choice",
            allowed="0, 1",
        )
    issues += check_numeric(rules, "min_japan_aid_share", file, allow_blank=True, low=0.0, high=100.0)[1]
    countries = tables["countries"]
    known = {
        "income_groups": set(countries["income_group"].fillna("").astype(str)) - {""},
        "lending_categories": set(countries["lending_category"].fillna("").astype(str)) - {""},
        "fields": field_ids,
    }
    for column, allowed in known.items():
        for i, text in enumerate(rules[column]):
            for value in split_list(text):
                if value not in allowed:
                    issues.append(
                        ValidationIssue(
                            file,
                            "err.bad_choice",
                            sheet_row(i),
                            column,
                            {"value": value, "allowed": ", ".join(sorted(allowed))},
                        )
                    )
    if not issues:
        facts = country_facts(countries.set_index("iso3"), tables["indicators"])
        for i, row in enumerate(rules.itertuples(index=False)):
            if not _country_match(pd.Series(row._asdict()), facts).any():
                issues.append(ValidationIssue(file, "pkg.err.rule_matches_nothing", sheet_row(i), None))
    return issues


def typed_plan_tables(tables: Mapping[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """The validated tables typed: packages indexed by id with ``members`` as tuples; rules in file
    order with list cells as tuples, flags as ``Int64`` (NA = any) and the share as float."""
    packages = tables["ict_packages"].copy()
    packages["package_id"] = packages["package_id"].astype(str).str.strip()
    packages["members"] = packages["members"].map(split_list)
    for column in ("value_bonus", "cost_saving"):
        packages[column] = pd.to_numeric(packages[column]).astype(float)
    rules = tables["financing_rules"].copy().reset_index(drop=True)
    for column in ("income_groups", "lending_categories", "fields"):
        rules[column] = rules[column].map(split_list)
    for column in ("is_ldc", "aid_financed"):
        rules[column] = pd.to_numeric(rules[column].replace("", np.nan), errors="coerce").astype("Int64")
    rules["min_japan_aid_share"] = pd.to_numeric(rules["min_japan_aid_share"], errors="coerce").astype(float)
    rules["route"] = rules["route"].astype(str).str.strip()
    return {"ict_packages": packages.set_index("package_id"), "financing_rules": rules}


def country_facts(countries: pd.DataFrame, indicators: pd.DataFrame) -> pd.DataFrame:
    """The measured facts the rules read, one row per country (indexed by iso3): income group,
    lending category, LDC flag and the latest ``japan_aid_share`` (NaN when not reported)."""
    ind = indicators[indicators["indicator"].astype(str) == AID_SHARE_INDICATOR]
    years = pd.to_numeric(ind["year"], errors="coerce")
    latest = (
        ind.assign(year=years, value=pd.to_numeric(ind["value"], errors="coerce"))
        .sort_values("year")
        .groupby(ind["iso3"].astype(str), observed=True)["value"]
        .last()
    )
    index = countries.index.astype(str)
    return pd.DataFrame(
        {
            "income_group": countries["income_group"].fillna("").astype(str).to_numpy(),
            "lending_category": countries["lending_category"].fillna("").astype(str).to_numpy(),
            "is_ldc": pd.to_numeric(countries["is_ldc"], errors="coerce").fillna(0).astype(int).to_numpy(),
            "japan_aid_share": latest.reindex(index).to_numpy(dtype=float),
        },
        index=index,
    )


def _listed(cell: object) -> tuple[str, ...]:
    return cell if isinstance(cell, tuple) else split_list(cell)


def _flag(cell: object) -> int | None:
    value = pd.to_numeric(pd.Series([cell]).replace("", np.nan), errors="coerce").iloc[0]
    return None if pd.isna(value) else int(value)


def _country_match(rule: pd.Series, facts: pd.DataFrame) -> pd.Series:
    """Which countries meet a rule's country conditions (income, lending, LDC, Japan's aid share)."""
    ok = pd.Series(True, index=facts.index)
    incomes, lending = _listed(rule["income_groups"]), _listed(rule["lending_categories"])
    if incomes:
        ok &= facts["income_group"].isin(incomes)
    if lending:
        ok &= facts["lending_category"].isin(lending)
    ldc = _flag(rule["is_ldc"])
    if ldc is not None:
        ok &= facts["is_ldc"] == ldc
    share = pd.to_numeric(pd.Series([rule["min_japan_aid_share"]]), errors="coerce").iloc[0]
    if not pd.isna(share):
        ok &= facts["japan_aid_share"] >= float(share)
    return ok


def financing_routes(
    facts: pd.DataFrame, fields: pd.DataFrame, aid_financed: pd.Series, rules: pd.DataFrame
) -> pd.DataFrame:
    """The route of every (country, field): the first rule (file order) whose conditions hold.

    ``facts`` is :func:`country_facts`; ``aid_financed`` maps field id -> 0/1 (a field missing from
    it counts as 0). Returns columns iso3, field_id, route, rule_id; a pair no rule matches gets an
    empty route and rule (it then counts in no funding pool).
    """
    iso3 = np.repeat(facts.index.to_numpy(dtype=str), len(fields))
    field_ids = np.tile(fields.index.to_numpy(dtype=str), len(facts))
    aid = pd.Series(field_ids).map(aid_financed).fillna(0).astype(int).to_numpy()
    route = np.full(len(iso3), "", dtype=object)
    rule_of = np.full(len(iso3), "", dtype=object)
    open_ = np.ones(len(iso3), dtype=bool)
    for _, rule in rules.iterrows():
        ok = _country_match(rule, facts).reindex(iso3).to_numpy(dtype=bool).copy()
        wanted = _listed(rule["fields"])
        if wanted:
            ok &= np.isin(field_ids, wanted)
        flag = _flag(rule["aid_financed"])
        if flag is not None:
            ok &= aid == flag
        hit = ok & open_
        route[hit] = rule["route"]
        rule_of[hit] = rule["rule_id"]
        open_ &= ~hit
    return pd.DataFrame({"iso3": iso3, "field_id": field_ids, "route": route, "rule_id": rule_of})
