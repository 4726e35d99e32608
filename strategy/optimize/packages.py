"""ICT packages and funding pools in the optimiser (the rows :func:`~strategy.optimize.model.build_model`
adds when packages are on or a pool is set).

Algebra (added to the model of :mod:`strategy.optimize.model`; n is the last model period):

Sets: packages P, each a set of fields F(p) with a value bonus β_p and a cost saving σ_p (both
shares, from ``ict_packages.csv``); the options O = {(c, p): every field of p is a candidate entry
of c}, with members M(c, p) (those entries). Routes R; route r(i) of entry i (``financing_rules.csv``).
Parameters: pool budgets P_r for the routes the planner limits.

  z[c,p] ∈ {0,1}  country c gets package p (at the horizon)
  package           z[c,p] ≤ x[i,n]                      for i ∈ M(c,p): a package implies its members
  one package       Σ_{(c,p) ∋ i} z[c,p] ≤ 1              an entry counts toward one package at most
  objective         + Σ_{(c,p)∈O} β_p (Σ_{i∈M(c,p)} v_i) z[c,p]
  budget            Σ_i k_i x[i,n] + o Σ_c y[c,n] − Σ_{(c,p)∈O} σ_p (Σ_{i∈M(c,p)} k_i) z[c,p] ≤ B
  pool r            Σ_{i: r(i)=r} k_i x[i,n] − Σ_{(c,p)∈O} σ_p (Σ_{i∈M(c,p), r(i)=r} k_i) z[c,p] ≤ P_r

Phase order, prerequisites and periods stay on the members' x rows, so a package's phase 2/3
members still need an enabler (inside the package or not) in the same or an earlier period. The
saving is a horizon saving: a per-period budget still pays each member in full in its period
(conservative: the saving comes when the package is complete). The opening cost is Japan's own
cost and counts in the total budget only, in no pool. An entry with no route counts in no pool.
With packages off and no pool the model has none of these variables or rows.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pulp

from strategy.data.plan_tables import ROUTES
from strategy.optimize.groups import ConstraintGroup, GroupKind

__all__ = ["ROUTES", "Package", "packages_from_table", "package_options", "pool_problems"]


@dataclass(frozen=True)
class Package:
    """A named set of fields proposed together, with its synergy (shares of the members' value and cost)."""

    package_id: str
    members: tuple[str, ...]
    value_bonus: float = 0.0
    cost_saving: float = 0.0

    def __post_init__(self) -> None:
        if not self.members:
            raise ValueError(f"package {self.package_id!r} has no members")
        if not 0.0 <= self.value_bonus <= 1.0 or not 0.0 <= self.cost_saving <= 0.5:
            raise ValueError(f"package {self.package_id!r}: synergy out of range")


def packages_from_table(table: pd.DataFrame) -> tuple[Package, ...]:
    """Packages from the typed ``ict_packages`` table (indexed by package_id, ``members`` as tuples)."""
    return tuple(
        Package(str(pid), tuple(row["members"]), float(row["value_bonus"]), float(row["cost_saving"]))
        for pid, row in table.iterrows()
    )


@dataclass(frozen=True)
class PackageOption:
    """Package ``package`` in country ``iso3``: its member entries (candidate positions)."""

    iso3: str
    package: Package
    members: np.ndarray


def package_options(index_of: Mapping[tuple[str, str], int], countries: Sequence[str], packages: Sequence[Package]):
    """Every (country, package) whose members are all candidate entries of that country."""
    out = []
    for k in countries:
        for p in packages:
            ids = [index_of.get((k, f)) for f in p.members]
            if all(i is not None for i in ids):
                out.append(PackageOption(k, p, np.array(ids, dtype=int)))
    return out


def pool_problems(pools: Mapping[str, float], budget: float) -> list[tuple[str, str, dict[str, object]]]:
    """What is wrong with the pool budgets: unknown route, negative, or larger than the budget.

    Each problem is (route, message key, values) with the messages of ``packages.toml``.
    """
    problems: list[tuple[str, str, dict[str, object]]] = []
    for route, value in pools.items():
        if route not in ROUTES:
            problems.append((route, "schema.err.unknown_route", {"value": route, "allowed": ", ".join(ROUTES)}))
        elif value > budget:
            problems.append((route, "schema.err.pool_over_budget", {"value": f"{value:g}", "budget": f"{budget:g}"}))
    return problems


def package_variables(
    prob: pulp.LpProblem,
    index_of: Mapping[tuple[str, str], int],
    countries: Sequence[str],
    packages: Sequence[Package],
) -> tuple[dict[tuple[str, str], pulp.LpVariable], dict[tuple[str, str], PackageOption]]:
    """z[c, p] for every package whose fields are all candidates of country c (none without packages)."""
    options = {(o.iso3, o.package.package_id): o for o in package_options(index_of, countries, packages)}
    z = {key: prob.add_variable(f"z_{j}", 0, 1, cat=pulp.LpInteger) for j, key in enumerate(options)}
    return z, options


def savings(
    z: Mapping[tuple[str, str], pulp.LpVariable],
    options: Mapping[tuple[str, str], PackageOption],
    cost: np.ndarray,
    inside: np.ndarray | None = None,
) -> list[tuple[pulp.LpVariable, float]]:
    """−σ_p × (cost of the package's members, those in ``inside`` only if given) on each z[c, p]."""
    out = []
    for key, o in options.items():
        ids = o.members if inside is None else o.members[inside[o.members]]
        if o.package.cost_saving > 0 and len(ids):
            out.append((z[key], -o.package.cost_saving * float(cost[ids].sum())))
    return out


def package_rows(
    z: Mapping[tuple[str, str], pulp.LpVariable],
    options: Mapping[tuple[str, str], PackageOption],
    made: Mapping[int, pulp.LpVariable],
) -> list[tuple[ConstraintGroup, list[tuple[pulp.LpVariable, float]], str, float]]:
    """The rows 'package' (z[c,p] ≤ x[i,n], ``made[i]`` = x[i,n]) and 'one package' (an entry in two
    or more options counts toward one at most) as (group, terms, sense, rhs)."""
    rows = []
    holders: dict[int, list[pulp.LpVariable]] = {}
    for key, o in options.items():
        for i in o.members:
            rows.append((ConstraintGroup(GroupKind.PACKAGE), [(z[key], 1.0), (made[int(i)], -1.0)], "<=", 0.0))
            holders.setdefault(int(i), []).append(z[key])
    for zs in holders.values():
        if len(zs) > 1:
            rows.append((ConstraintGroup(GroupKind.ONE_PACKAGE), [(v, 1.0) for v in zs], "<=", 1.0))
    return rows
