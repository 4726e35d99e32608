"""Rival threat: which competitor, where (judged strength × presence: home market, measured or assumed)."""

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
    basis (:data:`BASES`), evidence, source_id and year of the evidence, threat. ``summary`` has
    one row per (iso3, field_id): main_rival, main_threat, main_measured, main_basis,
    japan_presence, japan_measured, japan_position, margin, white_space. ``wide`` holds the same
    values as countries × (column, field) for fast alignment.
    """

    detail: pd.DataFrame
    summary: pd.DataFrame
    wide: pd.DataFrame
    presence_default: float
    white_space_threshold: float

    def __post_init__(self) -> None:
        # the opportunity table reads every summary column as countries × fields on each re-score:
        # plain arrays, built once, instead of a MultiIndex look-up per column each time
        arrays = {name: self.wide[name].to_numpy() for name in self.wide.columns.get_level_values(0).unique()}
        object.__setattr__(self, "_arrays", arrays)

    def array(self, column: str, rows: np.ndarray) -> np.ndarray:
        """``column`` of the summary as (countries at ``rows`` of ``wide.index``) × fields."""
        return self._arrays[column][rows]  # type: ignore[attr-defined]


#: How a presence is known: measured from a data file, the rival's home market, or assumed.
BASES: tuple[str, ...] = ("measured", "home_market", "assumed")
#: Evidence type of donor governments' aid presence (``donor_presence.csv``).
DAC_EVIDENCE = "dac_aid"


def home_markets(dataset: Dataset, countries: pd.Index) -> pd.DataFrame:
    """Long (iso3, rival_id): each rival's home market(s) among ``countries`` (``home_iso3``, or
    every member of ``home_membership``, e.g. the EU for Europe)."""
    rows = []
    c = dataset.countries.reindex(countries)
    for rival_id, r in dataset.rivals.iterrows():
        home = [h for h in str(r.get("home_iso3", "")).split(";") if h]
        member = str(r.get("home_membership", ""))
        mask = countries.isin(home)
        if member and f"is_{member}" in c:
            mask |= c[f"is_{member}"].to_numpy() == 1
        rows.append(pd.DataFrame({"iso3": countries[mask], "rival_id": rival_id}))
    return pd.concat(rows, ignore_index=True) if rows else pd.DataFrame(columns=["iso3", "rival_id"])


def _donor_rows(dataset: Dataset, countries: pd.Index, fields: pd.Index) -> pd.DataFrame:
    """Donor governments' aid presence as evidence rows for the aid-financed fields.

    For every recipient in the DAC table the listed donors are measured (a donor with no flow there
    is measured absent); presence is the donor's share of the eight DAC donors' aid relative to
    the largest donor in that country (``relative``), so the leading donor counts as fully present.
    """
    donors = getattr(dataset, "donor_presence", None)
    if donors is None or donors.empty:
        return pd.DataFrame(columns=["iso3", "field_id", "rival_id", "value", "evidence", "source_id", "year"])
    aid = dataset.aid_financed_fields
    aid_fields = [f for f in fields if f in aid.index and bool(aid.at[f, "aid_financed"])]
    d = donors[donors["iso3"].isin(countries) & donors["rival_id"].isin(dataset.rivals.index)]
    rivals = d["rival_id"].unique()
    recipients = d["iso3"].unique()
    grid = pd.MultiIndex.from_product([recipients, aid_fields, rivals], names=["iso3", "field_id", "rival_id"])
    value = d.set_index(["iso3", "rival_id"])["relative"]
    year = d.set_index(["iso3", "rival_id"])["year_to"]
    key = pd.MultiIndex.from_arrays([grid.get_level_values(0), grid.get_level_values(2)])
    return pd.DataFrame(
        {
            "value": value.reindex(key).fillna(0.0).to_numpy(dtype=float),
            "evidence": DAC_EVIDENCE,
            "source_id": str(d["source_id"].iloc[0]) if len(d) else "",
            "year": year.reindex(key).max() if len(d) else np.nan,
        },
        index=grid,
    ).reset_index()


def rival_threat(
    dataset: Dataset,
    countries: pd.Index,
    presence_default: float = 0.5,
    white_space_threshold: float = 0.3,
    japan_strength: pd.Series | None = None,
) -> RivalThreat:
    """Rival threat = judged strength in the field × presence in the country.

    Presence comes, in this order, from the rival's home market (1: a rival is fully present in
    its own market, where its strength is also raised to its ``home_strength``), measured evidence (the largest value over the evidence types: cable
    suppliers, digital-TV standard, China's ICT finance, donor aid for aid-financed fields), or
    ``presence_default`` where nothing covers a (country, field, rival): ``basis`` says which
    ('home_market', 'measured', 'assumed'), ``measured`` is False only for 'assumed'.
    """
    fields = dataset.fields.index
    actors = dataset.rivals.index
    home = dataset.rivals.index[dataset.rivals["is_home"] == 1]
    grid = pd.MultiIndex.from_product([countries, fields, actors], names=["iso3", "field_id", "rival_id"])
    presence = pd.Series(np.nan, index=grid)
    evidence = pd.Series("", index=grid, dtype=object)
    source = pd.Series("", index=grid, dtype=object)
    year = pd.Series(np.nan, index=grid)

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
    donor = _donor_rows(dataset, countries, fields)
    for frame in (whole, china, donor):
        if frame.empty:
            continue
        agg = frame.groupby(["iso3", "field_id", "rival_id"]).agg(
            value=("value", "max"),
            evidence=("evidence", "first"),
            source_id=("source_id", "first"),
            year=("year", "max"),
        )
        agg = agg[agg.index.isin(grid)]
        # several evidence types for one (country, field, rival): the strongest counts
        stronger = ~(presence.loc[agg.index].to_numpy() >= agg["value"].to_numpy())
        agg = agg[stronger]
        presence.loc[agg.index] = agg["value"].to_numpy()
        evidence.loc[agg.index] = agg["evidence"].to_numpy()
        source.loc[agg.index] = agg["source_id"].astype(str).to_numpy()
        year.loc[agg.index] = pd.to_numeric(agg["year"], errors="coerce").to_numpy(dtype=float)
    measured = presence.notna()
    basis = pd.Series(np.where(measured, "measured", "assumed"), index=grid, dtype=object)
    homes = home_markets(dataset, countries)
    if len(homes):
        at_home = pd.MultiIndex.from_arrays([grid.get_level_values(0), grid.get_level_values(2)]).isin(
            pd.MultiIndex.from_frame(homes[["iso3", "rival_id"]])
        )
        presence[at_home] = 1.0
        evidence[at_home] = "home_market"
        basis[at_home] = "home_market"
        measured[at_home] = True
    presence = presence.fillna(presence_default)

    strength = dataset.rival_strength.set_index(["rival_id", "field_id"])["strength"]
    japan = dataset.fields["japan_strength"] if japan_strength is None else japan_strength
    for h in home:
        for f in fields:
            strength.loc[(h, f)] = float(japan.get(f, np.nan))
    pair = pd.MultiIndex.from_arrays([grid.get_level_values(2), grid.get_level_values(1)])
    s = strength.reindex(pair).to_numpy()
    if len(homes):
        # at home a rival holds the incumbent's place (its own buyers, standards and procurement),
        # whatever its standing abroad: its strength there is ``home_strength`` (rivals.csv)
        home_strength = dataset.rivals["home_strength"].reindex(grid.get_level_values(2)).to_numpy(dtype=float)
        s = np.where(at_home, np.fmax(s, home_strength), s)
    detail = pd.DataFrame(
        {
            "strength": s,
            "presence": presence.to_numpy(),
            "measured": measured.to_numpy(),
            "basis": basis.to_numpy(),
            "evidence": evidence.to_numpy(),
            "source_id": source.to_numpy(),
            "year": year.to_numpy(),
        },
        index=grid,
    )
    detail["threat"] = detail["strength"] * detail["presence"]
    detail = detail.reset_index()

    rivals_only = detail[~detail["rival_id"].isin(home)]
    best = rivals_only.loc[rivals_only.groupby(["iso3", "field_id"], sort=False)["threat"].idxmax()]
    summary = best.set_index(["iso3", "field_id"])[["rival_id", "threat", "measured", "basis"]]
    summary.columns = ["main_rival", "main_threat", "main_measured", "main_basis"]
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
