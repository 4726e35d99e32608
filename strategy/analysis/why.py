"""Why a (country, field) pair is ranked or not: its rank, or the gates and gaps that keep it out.

Read from the results of :mod:`strategy.scoring` (the market score, the field fit with its
:class:`~strategy.scoring.GateCheck`, and the opportunity table); nothing is scored here. A pair is
left out of the opportunity table when its country is not in the universe, has too little data to be
scored (low coverage), when a field gate closes it (``field_gates.csv``), or when the country has no
data on any of the field's need drivers.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from strategy.data.dataset import Dataset
from strategy.scoring import FieldFit, MarketScores

#: Why a pair is not ranked, in the order they are reported.
REASONS: tuple[str, ...] = ("outside", "closed", "excluded", "no_need", "no_score")
#: The gate columns of the judgement table a reader needs beside a closed pair.
GATE_TEXT = ("rationale", "rationale_ja", "reference")


@dataclass(frozen=True)
class PairStatus:
    """One pair's standing. ``reasons`` is empty when the pair is ranked (``rank`` of ``n_ranked``);
    else the reasons of :data:`REASONS` that apply. ``gates`` lists the gates that close it (gate_id,
    status 'failed' or 'unknown', observed, rationale, rationale_ja, reference); ``unverified`` the
    gates of the field left open only because their data are missing (gate_id, observed)."""

    iso3: str
    field_id: str
    rank: int | None
    n_ranked: int
    opportunity: float
    reasons: tuple[str, ...]
    gates: pd.DataFrame
    unverified: pd.DataFrame

    @property
    def ranked(self) -> bool:
        return not self.reasons


def gate_texts(dataset: Dataset) -> pd.DataFrame:
    """Per (field_id, gate_id): the gate's rationale (English, Japanese) and reference (the first row
    of the gate: alternatives of one gate share their reason)."""
    gates = dataset.field_gates.drop_duplicates(["field_id", "gate_id"])
    return gates.set_index(["field_id", "gate_id"])[list(GATE_TEXT)]


def closed_pairs(dataset: Dataset, fit: FieldFit, iso3: str | None = None, field_id: str | None = None) -> pd.DataFrame:
    """The pairs field gates close (optionally of one country or one field): iso3, field_id, gate_id,
    status, observed, rationale, rationale_ja, reference; sorted by field, then country."""
    closed = fit.gates.closed
    # plain arrays: a page asks for one country or one field on every rerun, and the table is small
    cols = {c: closed[c].to_numpy(dtype=object) for c in ("iso3", "field_id", "gate_id", "status", "observed")}
    keep = np.ones(len(closed), dtype=bool)
    if iso3 is not None:
        keep &= cols["iso3"] == iso3
    if field_id is not None:
        keep &= cols["field_id"] == field_id
    rows = {c: v[keep] for c, v in cols.items()}
    first: dict[tuple[str, str], tuple] = {}  # the first row of a gate: its alternatives share the reason
    for r in dataset.field_gates.itertuples(index=False):
        first.setdefault((str(r.field_id), str(r.gate_id)), tuple(getattr(r, c) for c in GATE_TEXT))
    found = [
        first.get((str(f), str(g)), ("",) * len(GATE_TEXT))
        for f, g in zip(rows["field_id"], rows["gate_id"], strict=True)
    ]
    out = pd.DataFrame({c: v.astype(str) for c, v in rows.items()})
    for j, column in enumerate(GATE_TEXT):
        out[column] = [t[j] if isinstance(t[j], str) else "" for t in found]
    order = np.lexsort((out["gate_id"].to_numpy(), out["iso3"].to_numpy(), out["field_id"].to_numpy()))
    return out.iloc[order].reset_index(drop=True)


def unverified_gates(fit: FieldFit, iso3: str, field_id: str) -> pd.DataFrame:
    """Gates of one pair left open only because the data they read are missing (gate_id)."""
    soft = fit.gates.unverified
    rows = soft[(soft["iso3"].to_numpy() == iso3) & (soft["field_id"].to_numpy() == field_id)]
    return rows[["gate_id"]].drop_duplicates().reset_index(drop=True)


def pair_status(
    dataset: Dataset, market: MarketScores, fit: FieldFit, opportunity: pd.DataFrame, iso3: str, field_id: str
) -> PairStatus:
    """Whether (``iso3``, ``field_id``) is ranked in ``opportunity``, and if not, why."""
    # categorical columns compare with a string without converting every row
    table = opportunity[(opportunity["iso3"] == iso3).to_numpy() & (opportunity["field_id"] == field_id).to_numpy()]
    reasons: list[str] = []
    if iso3 not in fit.fit.index:
        reasons.append("outside")
    gates = closed_pairs(dataset, fit, iso3, field_id).drop(columns=["iso3", "field_id"])
    if len(gates):
        reasons.append("closed")
    if iso3 in market.excluded.index:
        reasons.append("excluded")
    if iso3 in fit.need.index and field_id in fit.need.columns and np.isnan(float(fit.need.at[iso3, field_id])):
        reasons.append("no_need")
    if not len(table) and not reasons:
        reasons.append("no_score")
    ranked = len(table) > 0 and not reasons
    return PairStatus(
        iso3=iso3,
        field_id=field_id,
        rank=int(table["rank"].iloc[0]) if ranked else None,
        n_ranked=len(opportunity),
        opportunity=float(table["opportunity"].iloc[0]) if ranked else float("nan"),
        reasons=tuple(reasons),
        gates=gates.reset_index(drop=True),
        unverified=unverified_gates(fit, iso3, field_id)
        if iso3 in fit.fit.index
        else pd.DataFrame(columns=["gate_id"]),
    )


def observed_parts(observed: str) -> list[tuple[str, str | None]]:
    """A gate's ``observed`` text as (what, value) pairs, value None where the data are missing.

    >>> observed_parts("coastline_km=0; submarine_cables=?")
    [('coastline_km', '0'), ('submarine_cables', None)]
    >>> observed_parts("standard=DVB-T2")
    [('standard', 'DVB-T2')]
    """
    parts = []
    for item in str(observed).split(";"):
        what, _, value = item.strip().partition("=")
        if what:
            parts.append((what, None if value in ("", "?") else value))
    return parts
