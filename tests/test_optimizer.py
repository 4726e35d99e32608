"""Portfolio optimiser: brute-force agreement, every constraint holds and can bind, greedy yardstick,
exact reductions (infeasibility, status, periods and the API are in test_optimizer_analysis.py)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from brute_force import brute_force
from optimizer_checks import (
    FIELDS,
    GROUP,
    PRE,
    assert_matches_brute_force,
    assert_plan_keeps_rules,
    instance,
    plan_pairs,
)

from strategy.i18n import Message
from strategy.optimize import (
    ConstraintGroup,
    Constraints,
    GroupKind,
    Plan,
    build_model,
    greedy,
    instances,
    solve,
    staged,
)

# --- brute force --------------------------------------------------------------------------------

CONSTRAINT_CASES = {
    "budget": dict(budget=8.0, staff=None),
    "staff": dict(budget=30.0, staff=7.0),
    "countries": dict(budget=12.0, staff=None, max_countries=2),
    "group min": dict(budget=12.0, staff=9.0, groups=GROUP, group_min={"A": 2}),
    "group max": dict(budget=12.0, staff=9.0, groups=GROUP, group_max={"A": 1}),
    "field max": dict(budget=14.0, staff=12.0, field_max={"net": 1}),
    "must country": dict(budget=9.0, staff=8.0, must_countries=("C4",)),
    "must field": dict(budget=9.0, staff=8.0, must_fields=("city",)),
    "must pair": dict(budget=9.0, staff=8.0, must_pairs=(("C3", "city"),)),
    "exclude": dict(
        budget=9.0, staff=8.0, exclude_countries=("C0",), exclude_fields=("cyber",), exclude_pairs=(("C1", "net"),)
    ),
    "no phase order": dict(budget=9.0, staff=8.0, phase_order=False),
    "rival gap": dict(budget=9.0, staff=8.0, max_rival_gap=0.3),
    "open cost and bonus": dict(budget=10.0, staff=9.0, open_cost=2.5, package_bonus=0.3),
}


@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize("case", sorted(CONSTRAINT_CASES))
def test_single_period_optimum_equals_brute_force(case: str, seed: int) -> None:
    entries = instance(seed, n_countries=5 if seed == 0 else 4, ties=seed % 3 == 2)
    assert_matches_brute_force(entries, Constraints(periods=1, **CONSTRAINT_CASES[case]))


@pytest.mark.parametrize("seed", range(4))
def test_five_fields_with_two_enablers_equal_brute_force(seed: int) -> None:
    entries = instance(seed, n_countries=3, fields=tuple(FIELDS.index))
    for kw in (
        dict(budget=9.0, staff=8.0),
        dict(budget=12.0, staff=None, max_countries=2, groups=GROUP, group_min={"A": 1}),
    ):
        assert_matches_brute_force(entries, Constraints(periods=1, **kw))


@pytest.mark.parametrize("seed", range(3))
def test_prerequisite_chains_between_phase_2_fields_equal_brute_force(seed: int) -> None:
    """A phase 2 field enabled by another phase 2 field: the tighter 'opened with a phase 1 entry'
    row no longer holds for every plan, so the model falls back to 'opened with any entry'."""
    entries = instance(seed, n_countries=3, fields=("net", "cyber", "city", "pay"))
    chain = {"city": ("pay",), "pay": ("net", "cyber")}
    c = Constraints(periods=1, budget=9.0, staff=8.0)
    best, _ = brute_force(entries, c, chain)
    plan = solve(entries, c, prerequisites=chain)
    assert plan.status == "optimal" and plan.objective == pytest.approx(best, rel=1e-4)
    when = set(plan_pairs(plan))
    assert all((k, "pay") in when for k, f in when if f == "city")


@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize(
    "kw",
    [
        dict(budget=9.0, staff=8.0, period_budget=5.0),
        dict(budget=12.0, staff=9.0, period_budget=6.0, time_preference=0.8),
        dict(budget=9.0, staff=8.0),  # no per-period budget: collapsed to period 1
        dict(budget=12.0, staff=9.0, time_preference=1.2),  # ... or to the last period
        dict(budget=9.0, staff=8.0, period_budget=9.0),  # a per-period budget that cannot bind: collapsed
    ],
    ids=["period budget", "period budget, strong preference", "collapsed", "collapsed to last", "idle period budget"],
)
def test_two_period_optimum_equals_brute_force(kw: dict, seed: int) -> None:
    entries = instance(seed, n_countries=3)
    assert_matches_brute_force(entries, Constraints(periods=2, **kw))


def test_cbc_agrees_with_brute_force() -> None:
    for seed in range(3):
        for case in ("budget", "group min", "must pair"):
            assert_matches_brute_force(instance(seed), Constraints(periods=1, **CONSTRAINT_CASES[case]), solver="cbc")
    assert_matches_brute_force(
        instance(1, n_countries=3), Constraints(periods=2, budget=9, staff=8, period_budget=5), "cbc"
    )


@pytest.mark.parametrize("seed", [5, 10, 14])
def test_second_stage_is_exact_when_the_first_is_fractional(seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """Instances whose counts-only relaxation ends fractional (these seeds do with HiGHS 1.16) are
    solved again with every variable binary; forcing that path everywhere gives the same optima."""
    entries = instance(seed, n_countries=3, fields=tuple(FIELDS.index))
    c = Constraints(periods=1, budget=9.0, staff=8.0)
    natural = assert_matches_brute_force(entries, c)
    monkeypatch.setattr(staged, "_whole", lambda matrix, values: None)
    forced = assert_matches_brute_force(entries, c)
    assert forced.stages == 2 and forced.objective == pytest.approx(natural.objective)
    assert_matches_brute_force(
        instance(seed, n_countries=3), Constraints(periods=2, budget=9, staff=8, period_budget=5)
    )


# --- each constraint holds and can bind -----------------------------------------------------------

# name -> (loose constraints, tight constraints chosen from the loose plan, check on the tight plan)
BIND_BASE = dict(budget=12.0, staff=None, periods=1)


def _most_common_field(p: Plan) -> str:
    return str(p.selection["field_id"].value_counts().index[0])


def _missing(p: Plan, column: str, among: list[str]) -> str:
    return next(v for v in among if v not in set(p.selection[column]))


BIND_CASES = {
    "budget": (dict(budget=40.0), lambda p: dict(budget=6.0), lambda p, q: q.budget_used <= 6.0),
    "staff": (dict(), lambda p: dict(staff=p.staff_used - 1.0), lambda p, q: q.staff_used <= p.staff_used - 1.0),
    "countries": (
        dict(),
        lambda p: dict(max_countries=len(p.countries) - 1),
        lambda p, q: len(q.countries) < len(p.countries),
    ),
    "group min": (
        dict(groups=GROUP),
        lambda p: dict(groups=GROUP, group_min={"A": 3}),
        lambda p, q: set(GROUP["A"]) <= set(q.countries["iso3"]),
    ),
    "group max": (
        dict(groups=GROUP),
        lambda p: dict(groups=GROUP, group_max={"A": 0}),
        lambda p, q: not set(GROUP["A"]) & set(q.countries["iso3"]),
    ),
    "field max": (
        dict(),
        lambda p: dict(
            field_max={_most_common_field(p): int((p.selection["field_id"] == _most_common_field(p)).sum()) - 1}
        ),
        lambda p, q: (
            (q.selection["field_id"] == _most_common_field(p)).sum()
            < (p.selection["field_id"] == _most_common_field(p)).sum()
        ),
    ),
    "must country": (
        dict(budget=6.0),
        lambda p: dict(must_countries=(_missing(p, "iso3", [f"C{k}" for k in range(5)]),)),
        lambda p, q: _missing(p, "iso3", [f"C{k}" for k in range(5)]) in set(q.countries["iso3"]),
    ),
    "must field": (
        dict(budget=6.0),
        lambda p: dict(must_fields=(_missing(p, "field_id", ["pay", "city", "net", "cyber"]),)),
        lambda p, q: _missing(p, "field_id", ["pay", "city", "net", "cyber"]) in set(q.selection["field_id"]),
    ),
    "must pair": (
        dict(budget=6.0),
        lambda p: dict(must_pairs=(("C4", "pay"),)),
        lambda p, q: ("C4", "pay") in plan_pairs(q),
    ),
    "exclude country": (
        dict(),
        lambda p: dict(exclude_countries=(str(p.countries["iso3"].iloc[0]),)),
        lambda p, q: str(p.countries["iso3"].iloc[0]) not in set(q.countries["iso3"]),
    ),
    "exclude field": (
        dict(),
        lambda p: dict(exclude_fields=(_most_common_field(p),)),
        lambda p, q: _most_common_field(p) not in set(q.selection["field_id"]),
    ),
    "exclude pair": (
        dict(),
        lambda p: dict(exclude_pairs=(sorted(plan_pairs(p))[0],)),
        lambda p, q: sorted(plan_pairs(p))[0] not in plan_pairs(q),
    ),
    "rival gap": (dict(), lambda p: dict(max_rival_gap=0.0), lambda p, q: True),
    "phase order": (
        dict(phase_order=False),
        lambda p: dict(phase_order=True),
        lambda p, q: all(("cyber" in s or "net" in s) for s in q.selection.groupby("iso3")["field_id"].agg(set)),
    ),
    "period budget": (
        dict(budget=12.0, periods=3),
        lambda p: dict(budget=12.0, periods=3, period_budget=4.5),
        lambda p, q: q.selection["period"].nunique() > 1,
    ),
}


@pytest.mark.parametrize("name", sorted(BIND_CASES))
def test_each_constraint_holds_and_can_bind(name: str) -> None:
    loose, tight, check = BIND_CASES[name]
    entries = instance(7, n_countries=5, fields=("net", "cyber", "city", "pay"))
    c_loose = Constraints(**{**BIND_BASE, **loose})
    free = solve(entries, c_loose, prerequisites=PRE)
    c_tight = Constraints(**{**BIND_BASE, **loose, **tight(free)})
    bound = solve(entries, c_tight, prerequisites=PRE)
    assert free.status == bound.status == "optimal"
    assert_plan_keeps_rules(free, c_loose)
    assert_plan_keeps_rules(bound, c_tight)
    assert check(free, bound)
    # it binds: the plan changes (a different set of entries, or the same set at other times) ...
    assert plan_pairs(bound) != plan_pairs(free) or set(bound.selection["period"]) != set(free.selection["period"])
    # ... and a tighter rule never pays more
    if name != "phase order":
        assert bound.objective <= free.objective + 1e-9


def test_binding_lists_the_limits_without_slack() -> None:
    entries = instance(7, n_countries=5, fields=("net", "cyber", "city", "pay"))
    plan = solve(entries, Constraints(budget=40.0, staff=6.0, periods=1), prerequisites=PRE)
    assert plan.binding == (ConstraintGroup(GroupKind.STAFF),)
    plan = solve(entries, Constraints(budget=7.0, staff=None, periods=1), prerequisites=PRE)
    assert ConstraintGroup(GroupKind.BUDGET) in plan.binding


def test_a_country_counts_as_opened_only_with_an_entry() -> None:
    """Group minimums count countries that get an entry; an 'opened' country without one is impossible."""
    entries = instance(2)
    c = Constraints(
        budget=30.0, staff=None, periods=1, groups={"B": ("C0", "C1")}, group_min={"B": 2}, exclude_countries=("C1",)
    )
    assert solve(entries, c, prerequisites=PRE).status == "infeasible"
    plan = solve(entries, replace(c, exclude_countries=()), prerequisites=PRE)
    assert {"C0", "C1"} <= set(plan.selection["iso3"])


# --- greedy --------------------------------------------------------------------------------------


@pytest.mark.parametrize("seed", range(8))
def test_optimum_is_never_worse_than_greedy(seed: int) -> None:
    entries = instance(seed, n_countries=12, fields=tuple(FIELDS.index))
    for kw in (
        dict(budget=15.0, staff=12.0, periods=1),
        dict(budget=20.0, staff=15.0, max_countries=4, groups=GROUP, group_min={"A": 2}, periods=1),
        dict(budget=20.0, staff=None, periods=3, period_budget=8.0, must_pairs=(("C5", "city"),)),
    ):
        c = Constraints(**kw)
        g = greedy(entries, c, PRE)
        best = solve(entries, c, prerequisites=PRE)
        assert best.status == "optimal"
        if g.status == "heuristic":
            assert_plan_keeps_rules(g, c)
            assert best.objective >= g.objective - 1e-9


def test_greedy_places_must_items_and_group_minimums_first() -> None:
    entries = instance(3, n_countries=8, fields=tuple(FIELDS.index))
    c = Constraints(budget=14.0, staff=None, periods=1, groups=GROUP, group_min={"A": 3}, must_pairs=(("C6", "agri"),))
    g = greedy(entries, c, PRE)
    assert g.status == "heuristic"
    assert_plan_keeps_rules(g, c)


# --- exact reductions ------------------------------------------------------------------------------


def test_outdone_countries_are_left_out_without_changing_the_optimum() -> None:
    """Countries outdone field by field by more countries than can be opened are dropped."""
    entries = instances.ladder_entries([0.9, 0.8, 0.7, 0.6, 0.5, 0.4])
    c = Constraints(budget=20.0, staff=None, periods=1, max_countries=2)
    model = build_model(entries, c, PRE)
    assert sorted(model.entries["iso3"].unique()) == ["C0", "C1"]
    assert any("4 of 6 countries" in note.text("en") for note in model.notes)
    assert Message.of("optimize.note.left_out", n=4, total=6) in model.notes
    assert sorted(build_model(entries, c, PRE, reductions=False).entries["iso3"].unique()) == [
        f"C{k}" for k in range(6)
    ]
    assert_matches_brute_force(entries, c)
    # a must-include country is never left out, nor are members of a group with a minimum
    c2 = replace(c, must_countries=("C5",))
    assert "C5" in set(build_model(entries, c2, PRE).entries["iso3"])
    assert_matches_brute_force(entries, c2)


@pytest.mark.parametrize("seed", range(6))
def test_reductions_keep_the_optimum_on_tied_instances(seed: int) -> None:
    entries = instance(seed, n_countries=6, ties=True)
    for kw in (
        dict(max_countries=2, budget=12.0),
        dict(max_countries=3, budget=10.0, groups=GROUP, group_max={"A": 1}),
    ):
        assert_matches_brute_force(entries, Constraints(periods=1, staff=None, **kw))
