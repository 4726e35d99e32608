"""Rivals' timing: who came first, whose presence is rising, and where Japan's window is closing.

The MIC initiative asks for a strategy that reflects rivals' speed and timing (seed 002:
「競争相手のスピード感やタイミング等も踏まえた戦略的な取組」). The rival-threat snapshot
(:mod:`strategy.scoring.rivals`) says who is present; this module reads the yearly timeline behind
it (``rival_timeline.csv``: cables entering service by supplier, Chinese ICT finance by
commitment year, the year a digital-TV standard was adopted, donor groups' yearly aid share):

- :func:`first_movers`: per (country, field, actor) the first year the data show presence, and
  who was first in each (country, field);
- :func:`momentum`: per (country, actor, evidence) whether presence is rising, steady or fading,
  by the rule of ``momentum_rules.csv`` (a judgement): the mean of the last ``window_years``
  years against the mean of the ``window_years`` before, as of the evidence's latest year;
- :func:`window_flags`: (country, field) pairs Japan ranks high where a rival is rising fast;
- :func:`momentum_array`: the momentum as countries × fields × actors of -1 / 0 / +1, the
  optional momentum factor of the rival threat (:func:`strategy.scoring.rivals.rival_threat`).

Every function reads the dataset only (the opportunity table for the window flags) and is cheap
after the first call per dataset (:meth:`Dataset.derived`).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from strategy.data.dataset import Dataset

#: Momentum states. ``thin``: too little presence in both windows to judge (``min_level``).
STATES: tuple[str, ...] = ("rising", "steady", "fading", "thin")
#: The sign a state gives the momentum factor.
STATE_SIGN: dict[str, int] = {"rising": 1, "steady": 0, "fading": -1, "thin": 0}
#: Evidence whose absence in a year means zero that year (every event is listed); for donor aid an
#: absent year means nothing was published for the recipient, so it is left out of the mean.
ZERO_WHEN_ABSENT: frozenset[str] = frozenset({"submarine_cable_supplier", "china_ict_finance"})
#: "Japan ranks high" in a (country, field): the pair is among Japan's best ``TOP_FIELDS`` ranked
#: fields in that country by export potential (the country's own ranking, so a small market
#: still has its best fields).
TOP_FIELDS = 3
_FIRST_COLUMNS = ["iso3", "field_id", "rival_id", "evidence", "first_year", "data_start", "censored", "first_in_field"]


def evidence_fields(dataset: Dataset) -> dict[str, tuple[str, ...]]:
    """The fields each evidence type is presence in: the timeline's own field for cables, finance
    and standards; the aid-financed fields (``aid_financed_fields.csv``) for donor aid."""

    def compute() -> dict[str, tuple[str, ...]]:
        line = dataset.rival_timeline
        aid = dataset.aid_financed_fields
        aid_fields = tuple(f for f in dataset.fields.index if f in aid.index and bool(aid.at[f, "aid_financed"]))
        out: dict[str, tuple[str, ...]] = {}
        for evidence, group in line.groupby("evidence", sort=False):
            used = set(group["field_id"].unique())
            named = tuple(f for f in dataset.fields.index if f in used)
            out[str(evidence)] = named if named else aid_fields
        return out

    return dataset.derived("timing_evidence_fields", compute)


def _field_frame(dataset: Dataset) -> pd.DataFrame:
    """:func:`evidence_fields` as a long frame evidence, field_id (to merge on)."""
    pairs = [(e, f) for e, fields in evidence_fields(dataset).items() for f in fields]
    return pd.DataFrame(pairs, columns=["evidence", "field_id"])


def country_timeline(dataset: Dataset, iso3: str) -> pd.DataFrame:
    """The timeline rows of one country (every actor, evidence and year), oldest first."""
    line = dataset.rival_timeline
    return line[line["iso3"] == iso3].sort_values(["evidence", "rival_id", "year"]).reset_index(drop=True)


def _present(dataset: Dataset) -> pd.DataFrame:
    line = dataset.rival_timeline
    return line[line["value"] > 0]


def first_movers(dataset: Dataset) -> pd.DataFrame:
    """Per (country, field, actor) the first year of measured presence, one row each.

    ``first_year`` is the earliest year with a value above zero over every evidence type that is
    presence in the field (:func:`evidence_fields`), ``evidence`` the one that shows it;
    ``data_start`` is that evidence's first year anywhere in the data and ``censored`` is True
    where the two are equal (present since at least the start of the data, e.g. most donors in
    2005: the data cannot say who came first). ``first_in_field`` marks the actor(s) with the
    earliest uncensored-or-not first year in the (country, field).
    """
    return dataset.derived("timing_first_movers", lambda: _first_movers(dataset))


def _first_movers(dataset: Dataset) -> pd.DataFrame:
    present = _present(dataset)
    if present.empty:
        return pd.DataFrame(columns=_FIRST_COLUMNS)
    start = dataset.rival_timeline.groupby("evidence")["year"].min()
    first = (
        present.groupby(["iso3", "rival_id", "evidence"], sort=False)["year"].min().rename("first_year").reset_index()
    )
    first = first.merge(_field_frame(dataset), on="evidence")
    first = first.sort_values(["iso3", "field_id", "rival_id", "first_year", "evidence"], kind="stable")
    first = first.drop_duplicates(["iso3", "field_id", "rival_id"], keep="first")
    first["data_start"] = first["evidence"].map(start).astype(int)
    first["censored"] = first["first_year"] == first["data_start"]
    earliest = first.groupby(["iso3", "field_id"])["first_year"].transform("min")
    first["first_in_field"] = first["first_year"] == earliest
    first["first_year"] = first["first_year"].astype(int)
    return first[_FIRST_COLUMNS].reset_index(drop=True)


def window_means(years: np.ndarray, values: np.ndarray, as_of: int, window: int, zero_when_absent: bool) -> tuple:
    """Mean of ``values`` over the last ``window`` years up to ``as_of`` and over the ``window``
    years before. With ``zero_when_absent`` a missing year counts as 0, otherwise it is left out
    (NaN when a window has no year at all).

    >>> window_means(np.array([2019, 2021]), np.array([1.0, 3.0]), 2022, 2, True)
    (1.5, 0.5)
    """
    means = []
    for low, high in ((as_of - window + 1, as_of), (as_of - 2 * window + 1, as_of - window)):
        inside = (years >= low) & (years <= high)
        total = float(values[inside].sum())
        count = window if zero_when_absent else int(inside.sum())
        means.append(total / count if count else float("nan"))
    return means[0], means[1]


def classify(recent: float, previous: float, rule: Mapping[str, float]) -> tuple[str, float, bool]:
    """(state, ratio, rising fast) of one series by one ``momentum_rules`` row.

    ratio = recent / previous (infinite for a first appearance, NaN when nothing is known). A
    series whose larger window mean is below ``min_level`` is ``thin``; otherwise ratio at least
    ``rising_ratio`` is rising, at most ``fading_ratio`` fading, else steady; rising fast is a
    ratio at least ``fast_ratio``.

    >>> rule = pd.Series({"rising_ratio": 1.5, "fading_ratio": 0.67, "fast_ratio": 2.0, "min_level": 0.2})
    >>> classify(0.5, 0.2, rule)
    ('rising', 2.5, True)
    >>> classify(0.2, 0.2, rule)
    ('steady', 1.0, False)
    >>> classify(0.0, 0.4, rule)
    ('fading', 0.0, False)
    >>> classify(0.0, 0.1, rule)[0]
    'thin'
    """
    if np.isnan(recent) or np.isnan(previous):
        return "thin", float("nan"), False
    if previous > 0:
        ratio = recent / previous
    else:
        ratio = float("inf") if recent > 0 else float("nan")
    if max(recent, previous) < float(rule["min_level"]) or np.isnan(ratio):
        return "thin", ratio, False
    if ratio >= float(rule["rising_ratio"]):
        return "rising", ratio, bool(ratio >= float(rule["fast_ratio"]))
    if ratio <= float(rule["fading_ratio"]):
        return "fading", ratio, False
    return "steady", ratio, False


def momentum(dataset: Dataset) -> pd.DataFrame:
    """Momentum per (country, actor, evidence) with a rule in ``momentum_rules.csv``.

    Columns: iso3, rival_id, evidence, as_of (the evidence's latest year in the data: 2022 for
    cables, 2014 for Chinese finance, 2023 for aid), window (years), recent and previous (window
    means), ratio, state (:data:`STATES`), fast (rising fast), sign (+1 / 0 / -1). Only actors
    with some measured presence of that evidence in the country have a row.
    """
    return dataset.derived("timing_momentum", lambda: _momentum(dataset))


def _momentum(dataset: Dataset) -> pd.DataFrame:
    line = dataset.rival_timeline
    rules = dataset.momentum_rules
    columns = ["iso3", "rival_id", "evidence", "as_of", "window", "recent", "previous", "ratio", "state", "fast"]
    parts = []
    for evidence, group in line[line["evidence"].isin(rules.index)].groupby("evidence", sort=False):
        rule = rules.loc[evidence].to_dict()  # plain values: classify reads them per series
        as_of = int(group["year"].max())
        n = int(rule["window_years"])
        wide = group.pivot_table(index=["iso3", "rival_id"], columns="year", values="value", aggfunc="sum")
        wide = wide[wide.max(axis=1) > 0]  # only actors measured present at some time
        wide = wide.reindex(columns=range(as_of - 2 * n + 1, as_of + 1))
        if evidence in ZERO_WHEN_ABSENT:
            wide = wide.fillna(0.0)
        # the same means as window_means, for every series at once (NaN: a window with no year)
        recent = wide.iloc[:, n:].mean(axis=1).to_numpy()
        previous = wide.iloc[:, :n].mean(axis=1).to_numpy()
        judged = [classify(r, p, rule) for r, p in zip(recent, previous, strict=True)]
        parts.append(
            pd.DataFrame(
                {
                    "iso3": wide.index.get_level_values(0),
                    "rival_id": wide.index.get_level_values(1),
                    "evidence": evidence,
                    "as_of": as_of,
                    "window": n,
                    "recent": recent,
                    "previous": previous,
                    "ratio": [j[1] for j in judged],
                    "state": [j[0] for j in judged],
                    "fast": [j[2] for j in judged],
                }
            )
        )
    out = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=columns)
    out = out.sort_values(["evidence", "iso3", "rival_id"], kind="stable").reset_index(drop=True)
    out["sign"] = out["state"].map(STATE_SIGN).fillna(0).astype(int)
    return out


def field_momentum(dataset: Dataset) -> pd.DataFrame:
    """:func:`momentum` per (country, field, actor): each evidence row repeated for the fields it
    is presence in; where two evidence types cover one (country, field, actor) the one with the
    latest ``as_of`` counts (the most recent information)."""

    def compute() -> pd.DataFrame:
        table = momentum(dataset).merge(_field_frame(dataset), on="evidence")
        table = table.sort_values(["iso3", "field_id", "rival_id", "as_of"], ascending=[True, True, True, False])
        return table.drop_duplicates(["iso3", "field_id", "rival_id"], keep="first").reset_index(drop=True)

    return dataset.derived("timing_field_momentum", compute)


def momentum_array(dataset: Dataset, countries: pd.Index) -> np.ndarray:
    """Countries × fields × actors (``dataset.fields``, ``dataset.rivals`` order): the momentum
    sign, +1 rising, -1 fading, 0 steady, thin or not measured. Read-only."""

    def compute() -> np.ndarray:
        table = field_momentum(dataset)
        out = np.zeros((len(countries), len(dataset.fields), len(dataset.rivals)))
        ci = countries.get_indexer(table["iso3"])
        fi = dataset.fields.index.get_indexer(table["field_id"])
        ai = dataset.rivals.index.get_indexer(table["rival_id"])
        ok = (ci >= 0) & (fi >= 0) & (ai >= 0)
        out[ci[ok], fi[ok], ai[ok]] = table["sign"].to_numpy(dtype=float)[ok]
        out.flags.writeable = False
        return out

    return dataset.derived("timing_momentum_array", compute, for_=tuple(countries))


def window_flags(dataset: Dataset, opportunities: pd.DataFrame, top_fields: int = TOP_FIELDS) -> pd.DataFrame:
    """(country, field) pairs Japan ranks high where a rival's presence is rising fast.

    "Japan ranks high": the pair is among the country's ``top_fields`` best ranked fields in
    ``opportunities`` (:func:`strategy.scoring.opportunity`: one row per ranked pair, best first).
    "Rising fast": the rival's momentum there is rising with a ratio at least the rule's
    ``fast_ratio`` (:func:`field_momentum`). Japan (the home actor) is never a rival here. One
    row per (pair, rival): iso3, field_id, country_rank, opportunity, rival_id, evidence, as_of,
    recent, previous, ratio; best pairs first.
    """
    columns = [
        "iso3",
        "field_id",
        "country_rank",
        "opportunity",
        "rival_id",
        "evidence",
        "as_of",
        "recent",
        "previous",
        "ratio",
    ]
    if opportunities.empty:
        return pd.DataFrame(columns=columns)
    ranked = opportunities.sort_values("opportunity", ascending=False, kind="stable")
    ranked = ranked.assign(country_rank=ranked.groupby("iso3").cumcount() + 1)
    high = ranked[ranked["country_rank"] <= top_fields][["iso3", "field_id", "country_rank", "opportunity"]]
    home = set(dataset.rivals.index[dataset.rivals["is_home"] == 1])
    moving = field_momentum(dataset)
    moving = moving[moving["fast"] & ~moving["rival_id"].isin(home)]
    flags = high.merge(moving, on=["iso3", "field_id"], how="inner")
    flags = flags.sort_values(["opportunity", "iso3", "rival_id"], ascending=[False, True, True], kind="stable")
    return flags[columns].reset_index(drop=True)


def entry_rivals(dataset: Dataset, opportunities: pd.DataFrame, pairs: pd.DataFrame) -> pd.DataFrame:
    """For each (iso3, field_id) of ``pairs`` (e.g. a plan's entries): the main rival and how its
    presence is known (from ``opportunities``), that rival's momentum there (:func:`field_momentum`:
    rising / steady / fading / thin, "" when not measured over time) with its ``as_of`` year, and
    ``act_soon``, True where :func:`window_flags` flags the pair for that rival. One row per pair,
    in ``pairs`` order: "before which rival" for each chosen entry."""
    key = pd.MultiIndex.from_arrays([pairs["iso3"].astype(str), pairs["field_id"].astype(str)])
    table = opportunities.assign(iso3=opportunities["iso3"].astype(str), field_id=opportunities["field_id"].astype(str))
    rows = table.set_index(["iso3", "field_id"]).reindex(key)
    rival = rows["main_rival"].fillna("").astype(str).to_numpy()
    moving = field_momentum(dataset).set_index(["iso3", "field_id", "rival_id"])
    triple = pd.MultiIndex.from_arrays([key.get_level_values(0), key.get_level_values(1), rival])
    found = moving.reindex(triple)
    flags = window_flags(dataset, opportunities)
    flagged = set(zip(flags["iso3"], flags["field_id"], flags["rival_id"], strict=True))
    return pd.DataFrame(
        {
            "iso3": key.get_level_values(0),
            "field_id": key.get_level_values(1),
            "main_rival": rival,
            "main_basis": rows["main_basis"].fillna("").astype(str).to_numpy(),
            "momentum": found["state"].fillna("").astype(str).to_numpy(),
            "as_of": found["as_of"].to_numpy(),
            "act_soon": [t in flagged for t in triple],
        }
    )
