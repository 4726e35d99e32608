"""Rival threat: which competitor, where (judged strength × presence: home market, measured or assumed)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from strategy.data.dataset import Dataset
from strategy.scoring.timing import momentum_array

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
    #: weight of the momentum factor (0 = off, the default): see :func:`rival_threat`
    momentum_weight: float = 0.0

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
    donors = dataset.donor_presence
    if donors.empty:
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


def _evidence_arrays(frame: pd.DataFrame, c_of: pd.Index, f_of: pd.Index, a_of: pd.Index) -> tuple:
    """(c, f, a) positions and the strongest value, its evidence, source and year per position."""
    agg = frame.groupby(["iso3", "field_id", "rival_id"], observed=True, sort=False).agg(
        value=("value", "max"), evidence=("evidence", "first"), source_id=("source_id", "first"), year=("year", "max")
    )
    keys = agg.index
    ci = c_of.get_indexer(keys.get_level_values(0))
    fi = f_of.get_indexer(keys.get_level_values(1))
    ai = a_of.get_indexer(keys.get_level_values(2))
    ok = (ci >= 0) & (fi >= 0) & (ai >= 0)
    year = pd.to_numeric(agg["year"], errors="coerce").to_numpy(dtype=float)
    return (
        ci[ok],
        fi[ok],
        ai[ok],
        agg["value"].to_numpy(dtype=float)[ok],
        agg["evidence"].astype(str).to_numpy(dtype=object)[ok],
        agg["source_id"].astype(str).to_numpy(dtype=object)[ok],
        year[ok],
    )


def _known_presence(dataset: Dataset, countries: pd.Index) -> tuple[np.ndarray, ...]:
    """Countries × fields × actors: the presence the data say (NaN where nothing does), its
    evidence, source, year and basis, whether it is measured, and whether the country is the
    actor's home market. It depends on the data and the countries only, not on the default
    presence or Japan's strength, so it is worked out once per dataset for the latest countries
    (a slider on the Competitors page re-runs only the cheap rest); the arrays are read-only."""
    return dataset.derived("known_presence", lambda: _read_presence(dataset, countries), for_=tuple(countries))


def _read_presence(dataset: Dataset, countries: pd.Index) -> tuple[np.ndarray, ...]:
    fields = dataset.fields.index
    actors = dataset.rivals.index
    shape = (len(countries), len(fields), len(actors))
    presence = np.full(shape, np.nan)
    evidence = np.full(shape, "", dtype=object)
    source = np.full(shape, "", dtype=object)
    year = np.full(shape, np.nan)

    rows = dataset.rival_presence[dataset.rival_presence["iso3"].isin(countries)]
    rows = rows.assign(value=np.minimum(rows["value"].to_numpy(dtype=float), 1.0))
    whole = rows[rows["evidence"].isin(WHOLE_MARKET_EVIDENCE)]
    # whole-market evidence covers every rival: a rival without a row there is measured absent
    ci = countries.get_indexer(whole["iso3"])
    fi = fields.get_indexer(whole["field_id"])
    ok = (ci >= 0) & (fi >= 0)
    presence[ci[ok], fi[ok], :] = 0.0
    evidence[ci[ok], fi[ok], :] = "measured absent"
    china = rows[~rows["evidence"].isin(WHOLE_MARKET_EVIDENCE)].assign(value=1.0)
    donor = _donor_rows(dataset, countries, fields)
    for frame in (whole, china, donor):
        if frame.empty:
            continue
        ci, fi, ai, value, ev, src, yr = _evidence_arrays(frame, countries, fields, actors)
        # several evidence types for one (country, field, rival): the strongest counts
        stronger = ~(presence[ci, fi, ai] >= value)
        ci, fi, ai = ci[stronger], fi[stronger], ai[stronger]
        presence[ci, fi, ai] = value[stronger]
        evidence[ci, fi, ai] = ev[stronger]
        source[ci, fi, ai] = src[stronger]
        year[ci, fi, ai] = yr[stronger]
    measured = ~np.isnan(presence)
    basis = np.where(measured, "measured", "assumed").astype(object)
    homes = home_markets(dataset, countries)
    at_home = np.zeros((len(countries), len(actors)), dtype=bool)
    if len(homes):
        at_home[countries.get_indexer(homes["iso3"]), actors.get_indexer(homes["rival_id"])] = True
    home3 = np.broadcast_to(at_home[:, None, :], shape)
    presence = np.where(home3, 1.0, presence)
    evidence = np.where(home3, "home_market", evidence)
    basis = np.where(home3, "home_market", basis)
    measured = measured | home3
    result = (presence, evidence, source, year, basis, measured, home3)
    for array in result:
        array.flags.writeable = False
    return result


def rival_threat(
    dataset: Dataset,
    countries: pd.Index,
    presence_default: float = 0.5,
    white_space_threshold: float = 0.3,
    japan_strength: pd.Series | None = None,
    momentum_weight: float = 0.0,
) -> RivalThreat:
    """Rival threat = judged strength in the field × presence in the country.

    Presence comes, in this order, from the rival's home market (1: a rival is fully present in
    its own market, where its strength is also raised to its ``home_strength``), measured evidence
    (the largest value over the evidence types: cable suppliers, digital-TV standard, China's ICT
    finance, donor aid for aid-financed fields), or ``presence_default`` where nothing covers a
    (country, field, rival): ``basis`` says which ('home_market', 'measured', 'assumed'),
    ``measured`` is False only for 'assumed'. Computed on countries × fields × actors arrays.

    ``momentum_weight`` w (0 = off, the default; at most 1) adds the rivals' timing: a rival's
    threat becomes ``min(1, strength × presence × (1 + w × m))`` with m = +1 where its measured
    presence in that (country, field) is rising, -1 where it is fading, 0 where it is steady, too
    thin to judge or not measured (:func:`strategy.scoring.timing.momentum_array`, by the rule of
    ``momentum_rules.csv``). Japan's own position is not changed. With w = 0 nothing is computed,
    so every score is exactly the snapshot's.
    """
    if not 0.0 <= momentum_weight <= 1.0:
        raise ValueError("momentum_weight must be in [0, 1]")
    fields = dataset.fields.index
    actors = dataset.rivals.index
    is_home_actor = (dataset.rivals["is_home"] == 1).to_numpy()
    shape = (len(countries), len(fields), len(actors))
    known, evidence, source, year, basis, measured, home3 = _known_presence(dataset, countries)
    presence = np.where(np.isnan(known), presence_default, known)

    table = dataset.rival_strength.pivot_table(index="rival_id", columns="field_id", values="strength", aggfunc="last")
    strength = table.reindex(index=actors, columns=fields).to_numpy(dtype=float, copy=True)
    japan = dataset.fields["japan_strength"] if japan_strength is None else japan_strength
    strength[is_home_actor] = japan.reindex(fields).to_numpy(dtype=float)
    s = np.broadcast_to(strength.T[None, :, :], shape)
    # at home a rival holds the incumbent's place (its own buyers, standards and procurement),
    # whatever its standing abroad: its strength there is ``home_strength`` (rivals.csv)
    home_strength = dataset.rivals["home_strength"].to_numpy(dtype=float)
    s = np.where(home3, np.fmax(s, home_strength[None, None, :]), s)
    threat = s * presence
    if momentum_weight > 0:
        factor = 1.0 + momentum_weight * momentum_array(dataset, countries)
        factor[:, :, is_home_actor] = 1.0  # Japan's position is its own, not a rival's momentum
        threat = np.minimum(threat * factor, 1.0)

    n = len(countries) * len(fields)
    detail = pd.DataFrame(
        {
            "iso3": np.repeat(countries.to_numpy(dtype=object), len(fields) * len(actors)),
            "field_id": np.tile(np.repeat(fields.to_numpy(dtype=object), len(actors)), len(countries)),
            "rival_id": np.tile(actors.to_numpy(dtype=object), n),
            "strength": s.ravel(),
            "presence": presence.ravel(),
            "measured": measured.ravel(),
            "basis": basis.ravel(),
            "evidence": evidence.ravel(),
            "source_id": source.ravel(),
            "year": year.ravel(),
            "threat": threat.ravel(),
        }
    )

    rival_cols = np.flatnonzero(~is_home_actor)
    home_col = int(np.flatnonzero(is_home_actor)[0])
    rival_threats = threat[:, :, rival_cols]
    best = rival_cols[np.argmax(rival_threats, axis=2)]  # first of equals, in rivals.csv order
    pick = lambda a: np.take_along_axis(a, best[:, :, None], axis=2)[:, :, 0]  # noqa: E731
    main_threat = pick(threat)
    main_rival = np.where(main_threat > 0, actors.to_numpy(dtype=object)[best], "")  # nobody present: none
    japan_position = threat[:, :, home_col]
    columns = {
        "main_rival": main_rival.astype(object),
        "main_threat": main_threat,
        "main_measured": pick(measured),
        "main_basis": pick(basis),
        "japan_presence": presence[:, :, home_col],
        "japan_measured": measured[:, :, home_col],
        "japan_position": japan_position,
        "margin": japan_position - main_threat,
        "white_space": main_threat < white_space_threshold,
    }
    wide = pd.concat({k: pd.DataFrame(v, index=countries, columns=fields) for k, v in columns.items()}, axis=1)
    summary = pd.DataFrame(
        {
            "iso3": np.repeat(countries.to_numpy(dtype=object), len(fields)),
            "field_id": np.tile(fields.to_numpy(dtype=object), len(countries)),
            **{k: v.ravel() for k, v in columns.items()},
        }
    )
    return RivalThreat(
        wide=wide,
        detail=detail,
        summary=summary,
        presence_default=presence_default,
        white_space_threshold=white_space_threshold,
        momentum_weight=momentum_weight,
    )
