"""Rival threat: which competitor, where (judged strength × measured presence)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from strategy.data.dataset import Dataset

#: Evidence types that describe the whole market (so a rival without a row is measured absent),
#: as opposed to evidence about one rival only (absence there means 'not measured').
WHOLE_MARKET_EVIDENCE: tuple[str, ...] = ("submarine_cable_supplier", "dtt_standard")


@dataclass(frozen=True)
class RivalThreat:
    """Threat per (country, field, rival) and Japan's position against the main rival.

    ``detail`` is long: iso3, field_id, rival_id, strength (judgement), presence, measured (bool),
    evidence, threat. ``summary`` has one row per (iso3, field_id): main_rival, main_threat,
    japan_presence, japan_measured, japan_position, margin, white_space. ``wide`` holds the same
    values as countries × (column, field) for fast alignment.
    """

    detail: pd.DataFrame
    summary: pd.DataFrame
    wide: pd.DataFrame
    presence_default: float
    white_space_threshold: float


def rival_threat(
    dataset: Dataset,
    countries: pd.Index,
    presence_default: float = 0.5,
    white_space_threshold: float = 0.3,
    japan_strength: pd.Series | None = None,
) -> RivalThreat:
    """Rival threat = judged strength in the field × measured presence in the country.

    Where no evidence covers a (country, field, rival), presence is ``presence_default`` and the row
    is flagged ``measured = False`` so the UI can say it is assumed.
    """
    fields = dataset.fields.index
    actors = dataset.rivals.index
    home = dataset.rivals.index[dataset.rivals["is_home"] == 1]
    grid = pd.MultiIndex.from_product([countries, fields, actors], names=["iso3", "field_id", "rival_id"])
    presence = pd.Series(np.nan, index=grid)
    evidence = pd.Series("", index=grid, dtype=object)

    rows = dataset.rival_presence[dataset.rival_presence["iso3"].isin(countries)]
    measured_value = rows.assign(value=np.minimum(rows["value"].to_numpy(), 1.0))
    whole = measured_value[measured_value["evidence"].isin(WHOLE_MARKET_EVIDENCE)]
    covered = whole[["iso3", "field_id"]].drop_duplicates()
    if len(covered):
        keys = pd.MultiIndex.from_frame(covered)
        mask = pd.MultiIndex.from_arrays([grid.get_level_values(0), grid.get_level_values(1)]).isin(keys)
        presence[mask] = 0.0
        evidence[mask] = "measured absent"
    china = measured_value[~measured_value["evidence"].isin(WHOLE_MARKET_EVIDENCE)].assign(value=1.0)
    for frame in (whole, china):
        agg = frame.groupby(["iso3", "field_id", "rival_id"]).agg(
            value=("value", "max"), evidence=("evidence", "first")
        )
        agg = agg[agg.index.isin(grid)]
        presence.loc[agg.index] = agg["value"].to_numpy()
        evidence.loc[agg.index] = agg["evidence"].to_numpy()
    measured = presence.notna()
    presence = presence.fillna(presence_default)

    strength = dataset.rival_strength.set_index(["rival_id", "field_id"])["strength"]
    japan = dataset.fields["japan_strength"] if japan_strength is None else japan_strength
    for h in home:
        for f in fields:
            strength.loc[(h, f)] = float(japan.get(f, np.nan))
    pair = pd.MultiIndex.from_arrays([grid.get_level_values(2), grid.get_level_values(1)])
    s = strength.reindex(pair).to_numpy()
    detail = pd.DataFrame(
        {
            "strength": s,
            "presence": presence.to_numpy(),
            "measured": measured.to_numpy(),
            "evidence": evidence.to_numpy(),
        },
        index=grid,
    )
    detail["threat"] = detail["strength"] * detail["presence"]
    detail = detail.reset_index()

    rivals_only = detail[~detail["rival_id"].isin(home)]
    best = rivals_only.loc[rivals_only.groupby(["iso3", "field_id"], sort=False)["threat"].idxmax()]
    summary = best.set_index(["iso3", "field_id"])[["rival_id", "threat", "measured"]]
    summary.columns = ["main_rival", "main_threat", "main_measured"]
    summary.loc[summary["main_threat"] <= 0, "main_rival"] = ""  # nobody present: no main rival
    jp = detail[detail["rival_id"].isin(home)].set_index(["iso3", "field_id"])
    summary["japan_presence"] = jp["presence"]
    summary["japan_measured"] = jp["measured"]
    summary["japan_position"] = jp["threat"]
    summary["margin"] = summary["japan_position"] - summary["main_threat"]
    summary["white_space"] = summary["main_threat"] < white_space_threshold
    wide = summary.unstack("field_id").reindex(index=countries).reindex(columns=fields, level=1)
    return RivalThreat(
        wide=wide,
        detail=detail,
        summary=summary.reset_index(),
        presence_default=presence_default,
        white_space_threshold=white_space_threshold,
    )
