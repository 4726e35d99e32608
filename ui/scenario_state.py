"""The bridge between the app's session state and a :class:`strategy.scenario.Scenario`.

``scenario_from_session`` reads the shared sidebar settings and the Plan page's rules into one
scenario (what is saved, exported and compared); ``apply_scenario`` puts a scenario back on every
page. Sidebar widgets take their first value from session state (``ui.settings._default``), so
their keys are set directly. The Plan page's widgets take ``value=`` from :func:`plan_default`:
applying a scenario replaces those defaults and removes the widgets' keys so they start afresh.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

import streamlit as st

from strategy.data.dataset import Dataset
from strategy.data.plan_tables import ROUTES
from strategy.i18n import Lang
from strategy.optimize import SOLVERS, Constraints, SolverSettings
from strategy.scenario import Scenario, ScenarioError
from strategy.scenario_schema import Vocabulary
from ui import settings as sc
from ui.model_controls import MODELS
from ui.session import FIT_WEIGHTS, OPPORTUNITY_WEIGHTS, Key, fit_weight_key, opportunity_weight_key, pillar_key
from ui.texts import t

ASEAN = "ASEAN"
#: The Plan page's inputs: name -> (widget key, default). ``gap`` is in percent, as on the page.
PLAN_INPUTS: dict[str, tuple[Key, Any]] = {
    "budget": (Key.PLAN_BUDGET, 30.0),
    "period_budget": (Key.PLAN_PERIOD_BUDGET, None),
    "staff": (Key.PLAN_STAFF, 25.0),
    "periods": (Key.PLAN_PERIODS, 3),
    "max_countries": (Key.PLAN_MAX_COUNTRIES, None),
    "min_asean": (Key.PLAN_MIN_ASEAN, 0),
    "rival_gap": (Key.PLAN_RIVAL_GAP, None),
    "phase_order": (Key.PLAN_PHASE_ORDER, True),
    "must_countries": (Key.PLAN_MUST_COUNTRIES, []),
    "exclude_countries": (Key.PLAN_EXCLUDE_COUNTRIES, []),
    "must_fields": (Key.PLAN_MUST_FIELDS, []),
    "exclude_fields": (Key.PLAN_EXCLUDE_FIELDS, []),
    "open_cost": (Key.PLAN_OPEN_COST, 1.0),
    "package_bonus": (Key.PLAN_PACKAGE_BONUS, 0.05),
    "use_packages": (Key.PLAN_USE_PACKAGES, False),
    **{f"pool_{route}": (Key(f"plan_pool_{route}"), None) for route in ROUTES},
    "solver": (Key.PLAN_SOLVER, "highs"),
    "time_limit": (Key.PLAN_TIME_LIMIT, 20.0),
    "gap": (Key.PLAN_GAP, 0.01),
}
SLIDER_STEP = 0.5


def plan_default(name: str) -> Any:
    """The first value of a Plan page input: from the last applied scenario, else the built-in one."""
    return st.session_state.get(Key.PLAN_DEFAULTS, {}).get(name, PLAN_INPUTS[name][1])


def plan_values() -> dict[str, Any]:
    """The Plan page's inputs as they stand (widget values, or their first values if never drawn)."""
    return {name: st.session_state.get(key, plan_default(name)) for name, (key, _) in PLAN_INPUTS.items()}


def asean_members(ds: Dataset) -> tuple[str, ...]:
    return tuple(str(i) for i in ds.countries.index[ds.countries["is_asean"].astype(bool)])


def constraints_from_values(values: Mapping[str, Any], asean: tuple[str, ...]) -> tuple[Constraints, SolverSettings]:
    """The optimizer's constraints and solver settings from the Plan page's inputs."""
    constraints = Constraints(
        budget=float(values["budget"]),
        period_budget=None if values["period_budget"] is None else float(values["period_budget"]),
        staff=None if values["staff"] is None else float(values["staff"]),
        max_countries=None if values["max_countries"] is None else int(values["max_countries"]),
        periods=int(values["periods"]),
        groups={ASEAN: asean},
        group_min={ASEAN: int(values["min_asean"])} if values["min_asean"] else {},
        must_countries=tuple(values["must_countries"]),
        must_fields=tuple(values["must_fields"]),
        exclude_countries=tuple(values["exclude_countries"]),
        exclude_fields=tuple(values["exclude_fields"]),
        phase_order=bool(values["phase_order"]),
        max_rival_gap=None if values["rival_gap"] is None else float(values["rival_gap"]),
        open_cost=float(values["open_cost"]),
        package_bonus=float(values["package_bonus"]),
        use_packages=bool(values.get("use_packages", False)),
        pool_budget={r: float(values[f"pool_{r}"]) for r in ROUTES if values.get(f"pool_{r}") is not None},
    )
    settings = SolverSettings(
        solver=values["solver"], time_limit=float(values["time_limit"]), gap=float(values["gap"]) / 100
    )
    return constraints, settings


def _values_from_constraints(c: Constraints, s: SolverSettings) -> dict[str, Any]:
    return {
        "budget": float(c.budget),
        "period_budget": c.period_budget,
        "staff": c.staff,
        "periods": int(c.periods),
        "max_countries": c.max_countries,
        "min_asean": int(c.group_min.get(ASEAN, 0)),
        "rival_gap": c.max_rival_gap,
        "phase_order": bool(c.phase_order),
        "must_countries": list(c.must_countries),
        "exclude_countries": list(c.exclude_countries),
        "must_fields": list(c.must_fields),
        "exclude_fields": list(c.exclude_fields),
        "open_cost": float(c.open_cost),
        "package_bonus": float(c.package_bonus),
        "use_packages": bool(c.use_packages),
        **{f"pool_{r}": c.pool_budget.get(r) for r in ROUTES},
        "solver": s.solver if s.solver in SOLVERS else SOLVERS[0],
        "time_limit": float(s.time_limit),
        "gap": float(s.gap) * 100,
    }


def scenario_from_session(ds: Dataset, state: sc.State, name: str) -> Scenario:
    """Everything the pages use now, as one scenario named ``name``."""
    constraints, solver = constraints_from_values(plan_values(), asean_members(ds))
    return Scenario(
        name=name,
        data_version=ds.version,
        universe=state.universe,
        settings=state.settings,
        preset=state.preset,
        market_weights=state.market_weights,
        fit_weights=state.fit,
        opportunity_weights=state.opportunity,
        presence_default=float(state.presence_default),
        white_space_threshold=float(state.white_space),
        momentum_weight=float(state.momentum),
        constraints=constraints,
        solver=solver,
        cost_scale=dict(st.session_state.get(Key.PLAN_COST_SCALE, {})),
    )


def _slider_weights(weights: Mapping[str, float]) -> tuple[dict[str, float], bool]:
    """Pillar weights on the sliders (0 to 5 in steps of 0.5); True when they had to be rescaled
    or rounded (only relative weights count, so a common factor changes nothing)."""
    pillars = {p: float(weights.get(p, 0.0)) for p in sc.market_pillars()}
    on_grid = all(
        0 <= w <= sc.PILLAR_MAX and math.isclose(w / SLIDER_STEP, round(w / SLIDER_STEP)) for w in pillars.values()
    )
    if on_grid:
        return pillars, False
    top = max(pillars.values()) or 1.0
    return {p: round(w / top * sc.PILLAR_MAX / SLIDER_STEP) * SLIDER_STEP for p, w in pillars.items()}, True


def _scope(scenario: Scenario) -> tuple[str, Key | None, list[str]]:
    u = scenario.universe
    if u.focus_only:
        return "focus", None, []
    if u.regions:
        return "region", Key.REGIONS, list(u.regions)
    if u.income_groups:
        return "income", Key.INCOMES, list(u.income_groups)
    if u.memberships:
        return "membership", Key.MEMBERSHIPS, list(u.memberships)
    return "all", None, []


def apply_scenario(ds: Dataset, scenario: Scenario) -> list[str]:
    """Put ``scenario`` on every page. Returns message keys for what could not be shown exactly."""
    ss = st.session_state
    notes: list[str] = []
    scope, values_key, values = _scope(scenario)
    ss[Key.SCOPE] = scope
    if values_key is not None:
        ss[values_key] = values
    ss[Key.TERRITORIES] = not scenario.universe.sovereign_only
    if scenario.universe.include or set(scenario.universe.exclude) != {"JPN"}:
        notes.append("ui.scn.note.universe")
    presets = sc.preset_ids(ds)
    ss[Key.PRESET] = scenario.preset if scenario.preset in presets else presets[0]
    pillars, rescaled = _slider_weights(scenario.market_weights.pillars)
    for pillar, weight in pillars.items():
        ss[pillar_key(pillar)] = weight
    if rescaled:
        # the sliders show the nearest steps; the scores use the scenario's own weights, exactly
        ss[Key.SCENARIO_WEIGHTS] = {p: float(scenario.market_weights.pillars.get(p, 0.0)) for p in pillars}
        ss[Key.WEIGHT_MODE] = sc.SCENARIO_MODE
        notes.append("ui.scn.note.exact")
    else:
        ss.pop(Key.SCENARIO_WEIGHTS, None)
        ss[Key.WEIGHT_MODE] = "sliders"
    ss[Key.INDICATOR_WEIGHTS] = dict(scenario.market_weights.indicators)
    ss.pop(Key.INDICATOR_EDITOR, None)
    s = scenario.settings
    ss[Key.METHOD] = s.method
    ss[Key.YEAR] = 0 if s.reference_year is None else int(s.reference_year)
    ss[Key.AGE_MODE] = "catalogue" if s.max_age is None else "one"
    if s.max_age is not None:
        ss[Key.MAX_AGE] = int(s.max_age)
    ss[Key.NORMALISATION] = s.normalisation
    ss[Key.MISSING] = s.missing
    ss[Key.MIN_COVERAGE] = float(s.min_coverage)
    ss[Key.WINSOR] = float(s.winsor)
    ss[Key.AGE_DISCOUNT] = float(s.age_discount)
    for name in FIT_WEIGHTS:
        ss[fit_weight_key(name)] = float(getattr(scenario.fit_weights, name))
    for name in OPPORTUNITY_WEIGHTS:
        ss[opportunity_weight_key(name)] = float(getattr(scenario.opportunity_weights, name))
    ss[Key.OPPORTUNITY_RULE] = scenario.opportunity_weights.rule
    ss[Key.FIT_RULE] = scenario.fit_weights.rule
    if scenario.model != MODELS[0]:
        notes.append("ui.scn.note.earlier_model")
    ss[Key.PRESENCE_DEFAULT] = float(scenario.presence_default)
    ss[Key.WHITE_SPACE] = float(scenario.white_space_threshold)
    ss[Key.MOMENTUM_WEIGHT] = float(scenario.momentum_weight)
    if scenario.japan_strength:
        notes.append("ui.scn.note.strength")
    # the Plan page: new first values, and its widgets start afresh from them
    ss[Key.PLAN_DEFAULTS] = _values_from_constraints(scenario.constraints, scenario.solver)
    for key, _ in PLAN_INPUTS.values():
        ss.pop(key, None)
    ss.pop(Key.PLAN_COST_EDITOR, None)
    ss[Key.PLAN_COST_SCALE] = dict(scenario.cost_scale)
    ss.pop(Key.PLAN_RESULT, None)
    return notes


def same_scoring(a: Scenario, b: Scenario) -> bool:
    """Whether two scenarios score the same (names, plan rules and solver aside)."""
    keep = {"name": "", "constraints": Constraints(), "solver": SolverSettings(), "cost_scale": {}}
    return replace(a, **keep) == replace(b, **keep)


def read_import(
    content: bytes, file: str, language: Lang, vocabulary: Vocabulary | None = None
) -> tuple[Scenario | None, list[str]]:
    """An uploaded scenario JSON, or (None, the problems: a heading naming the file, then one line
    per problem naming its path in the JSON) in the user's language. Ids are checked against
    ``vocabulary`` (the session's data, uploads included; default: the data folder's)."""
    try:
        return Scenario.from_json(content, vocabulary), []
    except ScenarioError as exc:
        return None, [t("ui.scn.import_bad", language, file=file), *exc.messages(language)]
