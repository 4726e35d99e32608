"""Exhaustive optimum of tiny optimiser instances: the tests' reference (never used by the library)."""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping

import numpy as np

from strategy.optimize.model import EPS, Constraints, Entries, _candidates


def brute_force(
    entries: Entries, constraints: Constraints, prerequisites: Mapping[str, tuple[str, ...]] | None = None
) -> tuple[float, frozenset]:
    """Exhaustive optimum for tiny instances (tests only): best value and the set of (iso3, field_id,
    period) entries. Every assignment of each candidate to 'not chosen' or one of the periods is
    checked against the rules as the planner states them (not against the model's rows).

    With packages on, every set of (country, package) options whose members do not overlap is tried
    on top of each assignment: a package counts when all its members are chosen, adds its value
    bonus and saves its share of the members' cost in the budget and in each member's pool."""
    c = constraints
    cand = _candidates(entries, c)
    n, periods = len(cand), c.periods
    if (periods + 1) ** n > 2_000_000:
        raise ValueError("too many assignments for brute force")
    when = np.array(list(itertools.product(range(periods + 1), repeat=n)), dtype=np.int8).reshape(
        -1, n
    )  # 0 = not chosen
    chosen = when > 0
    countries = sorted(cand["iso3"].unique())
    of = cand["iso3"].map({k: j for j, k in enumerate(countries)}).to_numpy()
    first = np.full((len(when), len(countries)), periods + 1, dtype=np.int8)  # period a country opens
    for i in range(n):
        first[:, of[i]] = np.where(chosen[:, i], np.minimum(first[:, of[i]], when[:, i]), first[:, of[i]])
    opened = first <= periods
    cost = cand["cost"].to_numpy(dtype=float)
    spend = chosen @ cost + c.open_cost * opened.sum(axis=1)
    ok = np.ones(len(when), dtype=bool)
    if c.period_budget is not None:
        for t in range(1, periods + 1):
            ok &= (when == t) @ cost + c.open_cost * (first == t).sum(axis=1) <= c.period_budget + EPS
    if c.staff is not None:
        ok &= chosen @ cand["staff"].to_numpy(dtype=float) <= c.staff + EPS
    if c.max_countries is not None:
        ok &= opened.sum(axis=1) <= c.max_countries
    for f, m in c.field_max.items():
        ok &= chosen[:, (cand["field_id"] == f).to_numpy()].sum(axis=1) <= m
    for name, members in c.groups.items():
        inside = opened[:, [k in set(members) for k in countries]].sum(axis=1)
        ok &= (inside >= c.group_min.get(name, 0)) & (inside <= c.group_max.get(name, 10**9))
    for k in c.must_countries:
        ok &= opened[:, countries.index(k)] if k in countries else False
    for f in c.must_fields:
        ok &= chosen[:, (cand["field_id"] == f).to_numpy()].any(axis=1)
    pairs = list(zip(cand["iso3"], cand["field_id"], strict=True))
    for p in c.must_pairs:
        ok &= chosen[:, pairs.index(p)] if p in pairs else False
    if c.phase_order:
        phase1 = set(cand.loc[cand["phase"] == 1, "field_id"])
        prerequisites = prerequisites or {}
        for i, (k, f) in enumerate(pairs):
            if cand.at[i, "phase"] > 1:
                js = [pairs.index((k, p)) for p in (prerequisites.get(f) or phase1) if (k, p) in pairs]
                enabled = np.zeros(len(when), dtype=bool)
                for j in js:
                    enabled |= chosen[:, j] & (when[:, j] <= when[:, i])
                ok &= ~chosen[:, i] | enabled
    value = cand["value"].to_numpy(dtype=float)
    discount = np.where(chosen, c.time_preference ** (when.astype(float) - 1), 0.0)
    base = discount @ value + c.package_bonus * (chosen.sum(axis=1) - opened.sum(axis=1))
    routes = cand["route"].astype(str).to_numpy() if "route" in cand.columns else np.full(n, "")
    options = []  # (member positions, package) for every package all of whose fields are candidates
    if c.use_packages:
        for k in countries:
            for p in entries.packages:
                ids = [pairs.index((k, f)) if (k, f) in pairs else None for f in p.members]
                if all(i is not None for i in ids):
                    options.append((np.array(ids, dtype=int), p))
    total = np.full(len(when), -math.inf)
    for size in range(len(options) + 1):
        for subset in itertools.combinations(options, size):
            members = [int(i) for ids, _ in subset for i in ids]
            if len(members) != len(set(members)):
                continue  # an entry counts toward one package at most
            has = ok & chosen[:, members].all(axis=1) if members else ok.copy()
            saving = {
                r: sum(p.cost_saving * cost[ids][routes[ids] == r].sum() for ids, p in subset) for r in c.pool_budget
            }
            has &= spend - sum(p.cost_saving * cost[ids].sum() for ids, p in subset) <= c.budget + EPS
            for r, limit in c.pool_budget.items():
                has &= chosen[:, routes == r] @ cost[routes == r] - saving[r] <= limit + EPS
            bonus = sum(p.value_bonus * value[ids].sum() for ids, p in subset)
            total = np.where(has, np.maximum(total, base + bonus), total)
    ok = total > -math.inf
    if not ok.any():
        return -math.inf, frozenset()
    best = int(np.flatnonzero(ok)[np.argmax(total[ok])])
    picked = frozenset((pairs[i][0], pairs[i][1], int(when[best, i])) for i in np.flatnonzero(chosen[best]))
    return float(total[best]), picked
