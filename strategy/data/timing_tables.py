"""Checks and typing of the two tables behind rivals' timing.

``rival_timeline.csv`` (measured, built by :mod:`strategy.data.build_timeline`) holds each actor's
presence per country and year; ``momentum_rules.csv`` (a judgement, edited by planners) says per
evidence type how momentum is read from it: the window length, the ratios that make a series
rising, fading or rising fast, and the level below which a series is too thin to judge, each row
with its rationale in both languages and a reference. Every problem names file, row and column.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from strategy.data.build_timeline import COLUMNS as TIMELINE_COLUMNS
from strategy.data.build_timeline import UNITS
from strategy.data.validation import (
    ValidationIssue,
    check_in,
    check_numeric,
    check_required_text,
    check_unique,
    check_years,
    sheet_row,
)

#: Evidence types of the timeline.
TIMELINE_EVIDENCE: tuple[str, ...] = ("submarine_cable_supplier", "china_ict_finance", "dtt_standard", "dac_aid")
#: Evidence types whose yearly series can show momentum (a standard is adopted once: no momentum).
MOMENTUM_EVIDENCE: tuple[str, ...] = ("submarine_cable_supplier", "china_ict_finance", "dac_aid")
RULE_COLUMNS: tuple[str, ...] = (
    "evidence",
    "window_years",
    "rising_ratio",
    "fading_ratio",
    "fast_ratio",
    "min_level",
    "rationale",
    "rationale_ja",
    "reference",
)
#: Longest window: two windows must fit in the shortest series (AidData's 15 years, 2000-2014).
MAX_WINDOW = 7


def validate_timing_tables(
    tables: Mapping[str, pd.DataFrame], files: Mapping[str, str], rival_ids: set[str], field_ids: set[str]
) -> list[ValidationIssue]:
    """Problems in ``rival_timeline`` and ``momentum_rules`` (unknown ids, bad numbers, ratios in
    the wrong order, a rule without rationale or reference)."""
    issues: list[ValidationIssue] = []
    codes = set(tables["countries"]["iso3"])
    sources = tables["sources"]["source_id"]

    line = tables["rival_timeline"]
    file = files["rival_timeline"]
    issues += check_in(line, "iso3", codes, file, "err.unknown_iso3")
    issues += check_in(line, "rival_id", rival_ids, file, "err.bad_reference", target=files["rivals"])
    issues += check_in(line, "field_id", field_ids | {""}, file, "err.bad_reference", target=files["fields"])
    evidence = ", ".join(TIMELINE_EVIDENCE)
    issues += check_in(line, "evidence", TIMELINE_EVIDENCE, file, "err.bad_choice", allowed=evidence)
    issues += check_in(line, "unit", UNITS, file, "err.bad_choice", allowed=", ".join(UNITS))
    issues += check_in(line, "source_id", sources, file, "err.bad_reference", target=files["sources"])
    issues += check_years(line, "year", file)[1]
    issues += check_numeric(line, "value", file, low=0.0)[1]
    issues += check_numeric(line, "amount_usd", file, allow_blank=True, low=0.0)[1]
    issues += check_unique(line, ["iso3", "rival_id", "evidence", "year"], file)

    rules = tables["momentum_rules"]
    file = files["momentum_rules"]
    kinds = ", ".join(MOMENTUM_EVIDENCE)
    issues += check_in(rules, "evidence", MOMENTUM_EVIDENCE, file, "err.bad_choice", allowed=kinds)
    issues += check_unique(rules, ["evidence"], file)
    window, found = check_numeric(rules, "window_years", file, low=1, high=MAX_WINDOW)
    issues += found
    for i in np.flatnonzero((window.notna() & (window % 1 != 0)).to_numpy()):
        issues.append(
            ValidationIssue(file, "err.timing_whole_years", sheet_row(i), "window_years", {"value": window.iloc[i]})
        )
    rising, found = check_numeric(rules, "rising_ratio", file, low=1.0)
    issues += found
    fading, found = check_numeric(rules, "fading_ratio", file, low=0.0)
    issues += found
    fast, found = check_numeric(rules, "fast_ratio", file, low=1.0)
    issues += found
    issues += check_numeric(rules, "min_level", file, low=0.0)[1]
    # the three ratios must order the states: fading < 1 <= rising <= rising fast
    for i in np.flatnonzero((fast < rising).to_numpy()):
        issues.append(
            ValidationIssue(
                file,
                "err.timing_fast_below_rising",
                sheet_row(i),
                "fast_ratio",
                {"fast": f"{fast.iloc[i]:g}", "rising": f"{rising.iloc[i]:g}"},
            )
        )
    for i in np.flatnonzero((fading >= 1.0).to_numpy()):
        issues.append(
            ValidationIssue(
                file, "err.timing_fading_not_below_one", sheet_row(i), "fading_ratio", {"value": fading.iloc[i]}
            )
        )
    issues += check_required_text(rules, ["rationale", "rationale_ja", "reference"], file)
    return issues


def typed_timing_tables(tables: Mapping[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Typed copies: the timeline's years as ints and values as floats, the rules by evidence."""
    line = tables["rival_timeline"].copy()
    line["field_id"] = line["field_id"].fillna("").astype(str)
    line["year"] = pd.to_numeric(line["year"]).astype(int)
    for column in ("value", "amount_usd"):
        line[column] = pd.to_numeric(line[column], errors="coerce").astype(float)
    line["detail"] = line["detail"].fillna("").astype(str)
    rules = tables["momentum_rules"].copy()
    rules["window_years"] = pd.to_numeric(rules["window_years"]).astype(int)
    for column in ("rising_ratio", "fading_ratio", "fast_ratio", "min_level"):
        rules[column] = pd.to_numeric(rules[column]).astype(float)
    return {"rival_timeline": line.reset_index(drop=True), "momentum_rules": rules.set_index("evidence")}


__all__ = [
    "MAX_WINDOW",
    "MOMENTUM_EVIDENCE",
    "RULE_COLUMNS",
    "TIMELINE_COLUMNS",
    "TIMELINE_EVIDENCE",
    "typed_timing_tables",
    "validate_timing_tables",
]
