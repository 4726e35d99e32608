"""Field gates: hard conditions a (country, field) pair must meet before it can be ranked.

The conditions are a judgement table (``field_gates.csv``: gate, field, kind, indicator, threshold,
values, what unknown data does, rationale, reference). Rows that share a gate id are alternatives:
the gate holds when any of them holds. A field is open in a country when every gate of the field
holds. A gate whose conditions cannot be checked (no data) follows its ``if_unknown`` rule.

Gates read the latest value at or before the reference year, whatever its age: a coastline or a
cable landing does not go stale the way a price does (a 'geography' value counts whatever its
year).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from strategy.data.dataset import Dataset

#: Recorded standards that leave the market open (no final choice yet).
OPEN_STANDARDS: tuple[str, ...] = ("mixed/undecided",)


@dataclass(frozen=True)
class GateCheck:
    """Which pairs may be ranked, and why the others may not.

    ``open`` is countries × fields (True = every gate of the field holds or is unknown with rule
    'open'). ``closed`` is long, one row per (iso3, field_id, gate_id) that closes a pair: ``status``
    'failed' (the data say no) or 'unknown' (no data, rule 'closed'), and ``observed``, the values
    the gate read, as text (e.g. ``coastline_km=0; submarine_cables=0``). ``unverified`` lists the
    gates left open only because their data are missing.
    """

    open: pd.DataFrame
    closed: pd.DataFrame
    unverified: pd.DataFrame

    def reasons(self, iso3: str, field_id: str) -> pd.DataFrame:
        """The gates that keep one pair out of the ranking (empty when it is open)."""
        c = self.closed
        return c[(c["iso3"] == iso3) & (c["field_id"] == field_id)].reset_index(drop=True)


def standard_status(dataset: Dataset, countries: pd.Index, field_id: str) -> pd.Series:
    """Per country, for a field that sells a standard (:func:`standard_fields`): 'ours' (adopted the
    field's standard), 'other' (another one), 'open' (undecided or mixed) or 'unknown' (nothing
    recorded)."""
    return _standard_status(dataset, countries, standard_fields(dataset)[field_id])


def _standard_status(dataset: Dataset, countries: pd.Index, ours: tuple[str, ...]) -> pd.Series:
    adopted = dataset.dtt_standards.drop_duplicates("iso3").set_index("iso3")["standard"].reindex(countries)
    status = np.select(
        [adopted.isin(ours), adopted.isin(OPEN_STANDARDS), adopted.notna()], ["ours", "open", "other"], "unknown"
    )
    return pd.Series(status, index=countries, name="standard_status")


def standard_fields(dataset: Dataset) -> dict[str, tuple[str, ...]]:
    """Fields that sell one broadcasting standard, with the standards that count as ours."""
    gates = dataset.field_gates
    rows = gates[gates["kind"] == "standard_not_other"]
    return {str(r.field_id): tuple(r.values) for r in rows.itertuples()}


def _latest_any_age(dataset: Dataset, indicators: list[str], countries: pd.Index, reference_year: int) -> pd.DataFrame:
    data = dataset.indicators
    # a geography value (coastline as of the Factbook's last edition) holds for any reference year
    dated = (data["year"] <= reference_year) | data["indicator"].isin(dataset.static_indicators)
    data = data[data["indicator"].isin(indicators) & dated & data["iso3"].isin(countries)]
    if data.empty:
        return pd.DataFrame(np.nan, index=countries, columns=pd.Index(indicators))
    latest = data.sort_values("year").drop_duplicates(["iso3", "indicator"], keep="last")
    wide = latest.pivot(index="iso3", columns="indicator", values="value")
    wide.index = wide.index.astype(str)
    wide.columns = wide.columns.astype(str)
    return wide.reindex(index=countries, columns=indicators)


def _condition(dataset: Dataset, row, countries: pd.Index, values: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, list]:
    """(holds, known, observed text) per country for one gate row."""
    if row.kind == "above":
        x = values[row.indicator].to_numpy(dtype=float)
        known = ~np.isnan(x)
        observed = [f"{row.indicator}={v:g}" if k else f"{row.indicator}=?" for v, k in zip(x, known, strict=True)]
        return known & (x > row.threshold), known, observed
    if row.kind == "standard_not_other":
        status = _standard_status(dataset, countries, tuple(row.values))
        adopted = dataset.dtt_standards.drop_duplicates("iso3").set_index("iso3")["standard"].reindex(countries)
        known = (status != "unknown").to_numpy()
        observed = [f"standard={s}" if isinstance(s, str) else "standard=?" for s in adopted]
        return (status != "other").to_numpy() & known, known, observed
    if row.kind == "un_subregion_in":
        sub = dataset.countries["un_subregion"].reindex(countries)
        known = sub.notna().to_numpy()
        observed = [f"un_subregion={s}" if isinstance(s, str) else "un_subregion=?" for s in sub]
        return sub.isin(row.values).to_numpy(), known, observed
    raise ValueError(f"unknown gate kind {row.kind!r}")  # pragma: no cover - validated on load


def check_gates(dataset: Dataset, countries: pd.Index, reference_year: int | None = None) -> GateCheck:
    """Evaluate every gate of ``dataset.field_gates`` for ``countries``."""
    ref = dataset.latest_year if reference_year is None else int(reference_year)
    fields = dataset.fields.index
    gates = dataset.field_gates[dataset.field_gates["field_id"].isin(fields)]
    needed = sorted(set(gates.loc[gates["kind"] == "above", "indicator"]))
    values = _latest_any_age(dataset, needed, countries, ref)
    is_open = np.ones((len(countries), len(fields)), dtype=bool)
    closed_parts, unverified_parts = [], []
    for (field_id, gate_id), group in gates.groupby(["field_id", "gate_id"], sort=False):
        holds = np.zeros(len(countries), dtype=bool)
        known_any = np.zeros(len(countries), dtype=bool)
        observed: list[list[str]] = [[] for _ in countries]
        for row in group.itertuples():
            h, k, text = _condition(dataset, row, countries, values)
            holds |= h
            known_any |= k
            for i, s in enumerate(text):
                observed[i].append(s)
        unknown = ~holds & ~known_any
        rule_closed = bool(group["if_unknown"].iloc[0] == "closed")
        shut = (~holds & known_any) | (unknown & rule_closed)
        is_open[:, fields.get_loc(field_id)] &= ~shut
        status = np.where(unknown, "unknown", "failed")
        text = np.array(["; ".join(o) for o in observed], dtype=object)
        closed_parts.append(
            pd.DataFrame(
                {
                    "iso3": countries[shut],
                    "field_id": field_id,
                    "gate_id": gate_id,
                    "status": status[shut],
                    "observed": text[shut],
                }
            )
        )
        soft = unknown & (not rule_closed)  # not ~: ~True is -2, and countries[-2] is a position
        unverified_parts.append(pd.DataFrame({"iso3": countries[soft], "field_id": field_id, "gate_id": gate_id}))
    columns = ["iso3", "field_id", "gate_id", "status", "observed"]
    closed = pd.concat(closed_parts, ignore_index=True) if closed_parts else pd.DataFrame(columns=columns)
    unverified = (
        pd.concat(unverified_parts, ignore_index=True)
        if unverified_parts
        else pd.DataFrame(columns=["iso3", "field_id", "gate_id"])
    )
    return GateCheck(open=pd.DataFrame(is_open, index=countries, columns=fields), closed=closed, unverified=unverified)
