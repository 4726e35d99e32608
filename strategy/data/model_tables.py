"""Checks and typing of the judgement tables the opportunity model reads besides the fields.

``field_gates.csv`` holds the hard conditions of a field (a cable needs a coast, ISDB-T needs a
country that has not chosen another standard, QZSS needs its footprint) and
``aid_financed_fields.csv`` says which fields are usually bought by governments with aid, so that
donor governments' aid counts as rival presence there. Both are judgements with rationale and
reference, edited by planners; every problem is reported with file, row and column.
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

#: Gate kinds. ``above``: the latest value of ``indicator`` is above ``threshold``.
#: ``standard_not_other``: the country has not adopted a broadcasting standard other than ``values``.
#: ``un_subregion_in``: the country's UN M49 sub-region is one of ``values``.
GATE_KINDS: tuple[str, ...] = ("above", "standard_not_other", "un_subregion_in")
#: What an unknown condition (no data) does to the pair.
IF_UNKNOWN: tuple[str, ...] = ("open", "closed")
GATE_COLUMNS: tuple[str, ...] = (
    "gate_id",
    "field_id",
    "kind",
    "indicator",
    "threshold",
    "values",
    "if_unknown",
    "rationale",
    "rationale_ja",
    "reference",
)
AID_COLUMNS: tuple[str, ...] = ("field_id", "aid_financed", "rationale", "rationale_ja", "reference")


def validate_model_tables(tables: Mapping[str, pd.DataFrame], files: Mapping[str, str]) -> list[ValidationIssue]:
    """Problems in ``field_gates`` and ``aid_financed_fields`` (unknown field or indicator, bad kind...)."""
    issues: list[ValidationIssue] = []
    field_ids = set(tables["fields"]["field_id"])
    indicators = set(tables["catalog"]["indicator"])

    gates = tables["field_gates"]
    file = files["field_gates"]
    issues += check_in(gates, "field_id", field_ids, file, "err.bad_reference", target=files["fields"])
    issues += check_in(gates, "kind", GATE_KINDS, file, "err.bad_choice", allowed=", ".join(GATE_KINDS))
    issues += check_in(gates, "if_unknown", IF_UNKNOWN, file, "err.bad_choice", allowed=", ".join(IF_UNKNOWN))
    issues += check_required_text(gates, ["gate_id", "rationale", "rationale_ja", "reference"], file)
    kind = gates["kind"].astype(str).str.strip()
    above = (kind == "above").to_numpy()
    # an 'above' gate reads an indicator and a threshold; the other kinds a list of values
    indicator = gates["indicator"].fillna("").astype(str).str.strip()
    for i in np.flatnonzero(above & ~indicator.isin(indicators).to_numpy()):
        issues.append(
            ValidationIssue(file, "err.unknown_indicator", sheet_row(i), "indicator", {"value": indicator.iloc[i]})
        )
    if above.any():
        issues += check_numeric(gates.assign(threshold=gates["threshold"].where(above, "0")), "threshold", file)[1]
    listed = gates.assign(values=gates["values"].where(~above, "-"))
    issues += check_required_text(listed, ["values"], file)
    for (gate_id, field_id), group in gates.groupby(["gate_id", "field_id"], sort=False):
        rules = group["if_unknown"].astype(str).str.strip().unique()
        if len(rules) > 1:  # alternatives of one gate share one rule for unknown data
            issues.append(
                ValidationIssue(
                    file,
                    "err.gate_rule_mixed",
                    sheet_row(gates.index.get_loc(group.index[1])),
                    "if_unknown",
                    {"gate": f"{field_id}/{gate_id}"},
                )
            )

    aid = tables["aid_financed_fields"]
    file = files["aid_financed_fields"]
    issues += check_in(aid, "field_id", field_ids, file, "err.bad_reference", target=files["fields"])
    issues += check_unique(aid, ["field_id"], file)
    issues += check_in(aid, "aid_financed", ["0", "1"], file, "err.bad_choice", allowed="0, 1")
    issues += check_required_text(aid, ["rationale", "rationale_ja", "reference"], file)
    return issues


def typed_model_tables(tables: Mapping[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Typed copies: thresholds as floats, ``values`` as tuples, ``aid_financed`` as bool."""
    gates = tables["field_gates"].copy()
    gates["threshold"] = pd.to_numeric(gates["threshold"], errors="coerce").astype(float)
    gates["indicator"] = gates["indicator"].fillna("").astype(str).str.strip()
    gates["values"] = [
        tuple(v for v in (s.strip() for s in str(text).split(";")) if v) if isinstance(text, str) else ()
        for text in gates["values"]
    ]
    for column in ("gate_id", "field_id", "kind", "if_unknown"):
        gates[column] = gates[column].astype(str).str.strip()
    aid = tables["aid_financed_fields"].copy()
    aid["aid_financed"] = pd.to_numeric(aid["aid_financed"], errors="coerce").fillna(0).astype(int).astype(bool)
    return {"field_gates": gates.reset_index(drop=True), "aid_financed_fields": aid.set_index("field_id")}
