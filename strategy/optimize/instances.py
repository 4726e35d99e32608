"""Optimiser instances for tests and benchmarks (in the manner of scikit-learn's ``make_*`` functions).

Synthetic instances are reproducible from a seed; the realistic ones come from the bundled data
and the default scoring. The tests (brute-force agreement, every rule) and the benchmarks
(``bench/bench_optimizer.py``, ``bench/bench_robustness.py``) build their instances here, so a
change to one is a change to both. Not imported by :mod:`strategy.optimize` itself.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd

from strategy.data.dataset import Dataset
from strategy.optimize.model import Constraints, Entries, entries_from_scores

#: A small field table with the real one's shape: two phase 1 fields, phase 2/3 fields needing one
#: enabler or either of two (see :data:`PREREQUISITES`).
FIELDS = pd.DataFrame(
    {"phase": [1, 1, 2, 2, 3], "cost": [3.0, 1.0, 1.5, 1.0, 1.0], "staff": [2.0, 2.0, 1.5, 1.0, 1.0]},
    index=["net", "cyber", "city", "pay", "agri"],
)
#: The enablers of :data:`FIELDS`' phase 2/3 fields.
PREREQUISITES: dict[str, tuple[str, ...]] = {"city": ("net",), "pay": ("net", "cyber"), "agri": ("net",)}
#: A country group over the first three countries of :func:`small_entries`.
GROUP: dict[str, tuple[str, ...]] = {"A": ("C0", "C1", "C2")}
#: Name of the country group the realistic instances constrain.
ASEAN = "ASEAN"
#: The realistic instance's limits: budget 40, staff 30, at most 8 countries, 3 periods.
REALISTIC_LIMITS: dict[str, float | int] = {"budget": 40.0, "staff": 30.0, "max_countries": 8, "periods": 3}
_COLUMNS = ["iso3", "field_id", "value", "cost", "staff", "phase", "region"]


def small_entries(
    seed: int, n_countries: int = 5, fields: Sequence[str] = ("net", "cyber", "city"), ties: bool = False
) -> Entries:
    """Random entries over :data:`FIELDS` for countries ``C0, C1, ...``: a country effect plus noise
    (so some countries outdo others), costs scaled per country by 1 or 1.5, a rival margin in
    [-0.5, 0.2], values rounded to one decimal when ``ties``. Small enough for brute force."""
    rng = np.random.default_rng(seed)
    rows = []
    for k in range(n_countries):
        market, scale = rng.uniform(0.3, 0.8), rng.choice([1.0, 1.5])
        for f in fields:
            value = 0.5 * market + 0.5 * rng.uniform(0.3, 0.9)
            rows.append(
                {
                    "iso3": f"C{k}",
                    "field_id": f,
                    "value": round(value, 1) if ties else value,
                    "cost": FIELDS.at[f, "cost"] * scale,
                    "staff": FIELDS.at[f, "staff"],
                    "phase": int(FIELDS.at[f, "phase"]),
                    "region": "R",
                    "margin": rng.uniform(-0.5, 0.2),
                }
            )
    return Entries(pd.DataFrame(rows))


def ladder_entries(levels: Iterable[float], fields: Sequence[str] = ("net", "cyber", "city")) -> Entries:
    """Countries ``C0, C1, ...`` whose values step down by ``levels`` (plus a small per-field term),
    at :data:`FIELDS`' cost and staff: each country outdoes every later one field by field."""
    rows = [
        (
            f"C{k}",
            f,
            level + 0.01 * len(f),
            FIELDS.at[f, "cost"],
            FIELDS.at[f, "staff"],
            int(FIELDS.at[f, "phase"]),
            "R",
        )
        for k, level in enumerate(levels)
        for f in fields
    ]
    return Entries(pd.DataFrame(rows, columns=_COLUMNS))


def random_entries(dataset: Dataset, n_countries: int = 200, seed: int = 0) -> Entries:
    """The random stress instance: ``n_countries`` countries ``R000, ...`` × the real fields but water
    (17), values a country effect plus noise, costs the field's scaled by 0.75, 1 or 1.25 at random."""
    fields = dataset.fields.drop(index="water")
    rng = np.random.default_rng(seed)
    rows = []
    market = rng.uniform(0.3, 0.8, n_countries)
    for k in range(n_countries):
        for f in fields.index:
            rows.append(
                (
                    f"R{k:03d}",
                    f,
                    0.5 * market[k] + 0.5 * rng.uniform(0.3, 0.8),
                    fields.at[f, "cost"] * rng.choice([0.75, 1.0, 1.25]),
                    fields.at[f, "staff"],
                    int(fields.at[f, "phase"]),
                    "R",
                )
            )
    return Entries(pd.DataFrame(rows, columns=_COLUMNS))


def scored_entries(dataset: Dataset) -> Entries:
    """Every (country, field) pair of the real data, valued by the default scoring's opportunity."""
    from strategy.scoring import Universe, field_fit, market_scores, opportunity, prepare_criteria, rival_threat

    universe = Universe().select(dataset)
    criteria = prepare_criteria(dataset, universe)
    opp = opportunity(market_scores(dataset, criteria), field_fit(dataset, criteria), rival_threat(dataset, universe))
    return entries_from_scores(opp, dataset.fields, dataset.countries)


def scored_plan_entries(dataset: Dataset) -> Entries:
    """:func:`scored_entries` with each entry's financing route and the dataset's ICT packages (what
    the Plan page and the CLI solve; the route and packages matter only with pools or packages on)."""
    from strategy.scoring import Universe, field_fit, market_scores, opportunity, prepare_criteria, rival_threat
    from strategy.scoring.financing import plan_entries

    universe = Universe().select(dataset)
    criteria = prepare_criteria(dataset, universe)
    opp = opportunity(market_scores(dataset, criteria), field_fit(dataset, criteria), rival_threat(dataset, universe))
    return plan_entries(opp, dataset)


def realistic_countries(table: pd.DataFrame, focus: Iterable[str], others: int = 40, value: str = "value") -> set[str]:
    """The focus countries plus the ``others`` non-focus countries with the best single ``value``."""
    focus = set(focus)
    best = table[~table["iso3"].isin(focus)].groupby("iso3", observed=True)[value].max()
    return focus | set(best.sort_values(ascending=False).index[:others])


def realistic_entries(entries: Entries, dataset: Dataset, others: int = 40) -> Entries:
    """``entries`` kept to :func:`realistic_countries` (the focus countries and the best others)."""
    t = entries.table
    keep = realistic_countries(t, dataset.focus, others)
    return Entries(t[t["iso3"].isin(keep)].reset_index(drop=True), entries.packages)


def asean_members(dataset: Dataset) -> tuple[str, ...]:
    """The ASEAN member states of the data (ISO3)."""
    return tuple(dataset.countries.index[dataset.countries["is_asean"] == 1])


def asean_constraints(asean: tuple[str, ...], minimum: int = 3, **limits: object) -> Constraints:
    """Constraints with at least ``minimum`` ASEAN countries and the given ``limits`` (any
    :class:`Constraints` field)."""
    return Constraints(groups={ASEAN: asean}, group_min={ASEAN: minimum}, **limits)  # type: ignore[arg-type]


def realistic_constraints(asean: tuple[str, ...], **changes: object) -> Constraints:
    """The realistic instance's rules: :data:`REALISTIC_LIMITS`, at least 3 ASEAN countries, phase
    order, no per-period budget; ``changes`` override any of them."""
    return asean_constraints(asean, **{**REALISTIC_LIMITS, **changes})
