"""The greedy yardstick: best value per cost first, under the same rules as the model."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import numpy as np
import pandas as pd

from strategy.optimize.model import (
    _PLAN_COLUMNS,
    EPS,
    Constraints,
    Entries,
    Plan,
    _candidates,
    _Structure,
    _structure,
)


def greedy(
    entries: Entries, constraints: Constraints, prerequisites: Mapping[str, tuple[str, ...]] | None = None
) -> Plan:
    """Best value per cost first, under the same rules as the model (a yardstick: the optimum is
    never worse).

    Funding pools are met without counting package savings (packages are the model's).
    Must-include items and group minimums are placed first (each with an enabler when phase order
    asks for one), then the rest by value per cost, in two passes so that phase 2/3 fields can
    follow their enabler. Each entry goes to the earliest period that has room (period 1 when
    there is no per-period budget) and never before its enabler. Status "heuristic" when every rule
    is met, "no solution" when the greedy could not meet the must-include items or group minimums.
    """
    cand = _candidates(entries, constraints)
    return _greedy(cand, _structure(cand, constraints, prerequisites), constraints)


def _greedy(cand: pd.DataFrame, st: _Structure, c: Constraints, prefer: Iterable[int] = ()) -> Plan:
    """:func:`greedy` on prepared candidates; ``prefer`` lists entries to try (in that order) right
    after the must-include items, before the value-per-cost order (used to round an LP solution)."""
    value = cand["value"].to_numpy(dtype=float)
    cost = cand["cost"].to_numpy(dtype=float)
    staff_of = cand["staff"].to_numpy(dtype=float)
    field_ids = cand["field_id"].to_numpy()
    iso3 = cand["iso3"].to_numpy()
    route = cand["route"].astype(str).to_numpy() if "route" in cand.columns else np.full(len(cand), "")
    pool_spent = dict.fromkeys(c.pool_budget, 0.0)
    if c.period_budget is None:
        periods = [1 if c.time_preference <= 1 else c.periods]
    else:
        periods = list(range(1, c.periods + 1))
    with np.errstate(divide="ignore", invalid="ignore"):  # a free entry (no cost, no opening cost) comes first
        ratio = np.where(cost + c.open_cost / 2 > 0, value / (cost + c.open_cost / 2), np.inf)
    order = [int(i) for i in np.argsort(-ratio, kind="stable")]
    chosen: dict[int, int] = {}  # entry -> period
    opened: dict[str, int] = {}  # country -> period
    spent = {p: 0.0 for p in periods}
    state = {"staff": 0.0}
    field_count: dict[str, int] = {}

    def period_for(i: int) -> int | None:
        k = iso3[i]
        extra = cost[i] + (c.open_cost if k not in opened else 0.0)
        if sum(spent.values()) + extra > c.budget + EPS:
            return None
        if c.staff is not None and state["staff"] + staff_of[i] > c.staff + EPS:
            return None
        if route[i] in pool_spent and pool_spent[route[i]] + cost[i] > c.pool_budget[route[i]] + EPS:
            return None
        if k not in opened:
            if c.max_countries is not None and len(opened) >= c.max_countries:
                return None
            for name, members in c.groups.items():
                if name in c.group_max and k in members and sum(m in members for m in opened) >= c.group_max[name]:
                    return None
        f = field_ids[i]
        if f in c.field_max and field_count.get(f, 0) >= c.field_max[f]:
            return None
        earliest = opened.get(k, periods[0])
        if i in st.enablers:
            ready = [chosen[j] for j in st.enablers[i] if j in chosen]
            if not ready:
                return None
            earliest = max(earliest, min(ready))
        for p in periods:
            if p >= earliest and (c.period_budget is None or spent[p] + extra <= c.period_budget + EPS):
                return p
        return None

    def take(i: int) -> bool:
        if i in chosen:
            return True
        p = period_for(i)
        if p is None:
            return False
        k = iso3[i]
        spent[p] += cost[i] + (c.open_cost if k not in opened else 0.0)
        state["staff"] += staff_of[i]
        if route[i] in pool_spent:
            pool_spent[route[i]] += cost[i]
        opened.setdefault(k, p)
        field_count[field_ids[i]] = field_count.get(field_ids[i], 0) + 1
        chosen[i] = p
        return True

    def take_with_enabler(i: int) -> bool:
        if i in st.enablers and not any(j in chosen for j in st.enablers[i]):
            if not any(take(j) for j in sorted(st.enablers[i], key=lambda j: -ratio[j])):
                return False
        return take(i)

    # must-include items and group minimums first
    for pair in c.must_pairs:
        if pair in st.index_of:
            take_with_enabler(st.index_of[pair])
    for k in c.must_countries:
        if k in st.countries and k not in opened:
            roots = st.roots[st.countries.index(k)]
            any(take(int(j)) for j in sorted(roots, key=lambda j: -ratio[j]))
    for f in c.must_fields:
        if field_count.get(f, 0) == 0:
            any(take_with_enabler(int(i)) for i in order if field_ids[i] == f)
    for i in prefer:
        take(int(i))
    for name, minimum in c.group_min.items():
        members = set(c.groups.get(name, ()))
        for i in order:
            if sum(k in members for k in opened) >= minimum:
                break
            if iso3[i] in members and iso3[i] not in opened and (i not in st.enablers):
                take(i)
    for _ in range(2):  # a second pass lets phase 2/3 fields in after their phase 1 enabler
        for i in order:
            if i not in chosen:
                take(i)

    ok = (
        all(p not in st.index_of or st.index_of[p] in chosen for p in c.must_pairs)
        and all(p in st.index_of for p in c.must_pairs)
        and all(k in opened for k in c.must_countries)
        and all(field_count.get(f, 0) > 0 for f in c.must_fields)
        and all(sum(k in set(c.groups.get(g, ())) for k in opened) >= m for g, m in c.group_min.items())
    )
    idx = list(chosen)
    selection = cand.loc[idx, _PLAN_COLUMNS[:-1]].assign(period=[chosen[i] for i in idx])
    selection = selection.sort_values(["period", "iso3", "field_id"]).reset_index(drop=True)
    if not ok:
        selection = selection.iloc[0:0]
        opened = {}
    n_open = len(opened)
    entry_value = float(sum(value[i] * c.time_preference ** (chosen[i] - 1) for i in idx)) if ok else 0.0
    bonus = c.package_bonus * (len(selection) - n_open)
    return Plan(
        status="heuristic" if ok else "no solution",
        gap=None,
        objective=entry_value + bonus,
        selection=selection,
        countries=pd.DataFrame({"iso3": sorted(opened), "period": [opened[k] for k in sorted(opened)]}),
        binding=(),
        terms={"entry value": entry_value, "package bonus": bonus, "opening cost (budget only)": c.open_cost * n_open},
        budget_used=float(selection["cost"].sum() + c.open_cost * n_open),
        staff_used=float(selection["staff"].sum()),
        solve_seconds=0.0,
        build_seconds=0.0,
        solver="greedy",
        n_variables=0,
        n_constraints=0,
    )
