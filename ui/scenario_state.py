"""The bridge between the app's session state and a :class:`strategy.scenario.Scenario`.

``scenario_from_session`` reads the shared sidebar settings and the Plan page's rules into one
scenario (what is saved, exported and compared); ``apply_scenario`` puts a scenario back on every
page. Sidebar widgets take their first value from session state (``app_scoring._default``), so
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
from strategy.i18n import Lang
from strategy.optimize import SOLVERS, Constraints, SolverSettings
from strategy.scenario import Scenario, ScenarioError
from ui import settings as sc
from ui.texts import t

ASEAN = "ASEAN"
PLAN_DEFAULTS_KEY = "plan_defaults"
COST_SCALE_KEY = "plan_cost_scale"
PLAN_RESULT_KEY = "plan_result"
#: The Plan page's inputs: name -> (widget key, default). ``gap`` is in percent, as on the page.
PLAN_INPUTS: dict[str, tuple[str, Any]] = {
    "budget": ("plan_budget", 30.0),
    "period_budget": ("plan_period_budget", None),
    "staff": ("plan_staff", 25.0),
    "periods": ("plan_periods", 3),
    "max_countries": ("plan_max_countries", None),
    "min_asean": ("plan_min_asean", 0),
    "rival_gap": ("plan_rival_gap", None),
    "phase_order": ("plan_phase_order", True),
    "must_countries": ("plan_must_countries", []),
    "exclude_countries": ("plan_exclude_countries", []),
    "must_fields": ("plan_must_fields", []),
    "exclude_fields": ("plan_exclude_fields", []),
    "open_cost": ("plan_open_cost", 1.0),
    "package_bonus": ("plan_package_bonus", 0.05),
    "solver": ("plan_solver", "highs"),
    "time_limit": ("plan_time_limit", 20.0),
    "gap": ("plan_gap", 0.01),
}
SLIDER_STEP = 0.5


def plan_default(name: str) -> Any:
    """The first value of a Plan page input: from the last applied scenario, else the built-in one."""
    return st.session_state.get(PLAN_DEFAULTS_KEY, {}).get(name, PLAN_INPUTS[name][1])


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
        constraints=constraints,
        solver=solver,
        cost_scale=dict(st.session_state.get(COST_SCALE_KEY, {})),
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


def _scope(scenario: Scenario) -> tuple[str, str | None, list[str]]:
    u = scenario.universe
    if u.focus_only:
        return "focus", None, []
    if u.regions:
        return "region", "sc_regions", list(u.regions)
    if u.income_groups:
        return "income", "sc_incomes", list(u.income_groups)
    if u.memberships:
        return "membership", "sc_memberships", list(u.memberships)
    return "all", None, []


def apply_scenario(ds: Dataset, scenario: Scenario) -> list[str]:
    """Put ``scenario`` on every page. Returns message keys for what could not be shown exactly."""
    ss = st.session_state
    notes: list[str] = []
    scope, values_key, values = _scope(scenario)
    ss["sc_scope"] = scope
    if values_key is not None:
        ss[values_key] = values
    ss["sc_territories"] = not scenario.universe.sovereign_only
    if scenario.universe.include or set(scenario.universe.exclude) != {"JPN"}:
        notes.append("ui.scn.note.universe")
    presets = sc.preset_ids(ds)
    ss[sc.PRESET_KEY] = scenario.preset if scenario.preset in presets else presets[0]
    pillars, rescaled = _slider_weights(scenario.market_weights.pillars)
    for pillar, weight in pillars.items():
        ss[sc.pillar_key(pillar)] = weight
    if rescaled:
        # the sliders show the nearest steps; the scores use the scenario's own weights, exactly
        ss[sc.SCENARIO_WEIGHTS_KEY] = {p: float(scenario.market_weights.pillars.get(p, 0.0)) for p in pillars}
        ss["sc_weight_mode"] = sc.SCENARIO_MODE
        notes.append("ui.scn.note.exact")
    else:
        ss.pop(sc.SCENARIO_WEIGHTS_KEY, None)
        ss["sc_weight_mode"] = "sliders"
    ss[sc.INDICATOR_WEIGHTS_KEY] = dict(scenario.market_weights.indicators)
    ss.pop(sc.INDICATOR_EDITOR_KEY, None)
    s = scenario.settings
    ss[sc.METHOD_KEY] = s.method
    ss["sc_year"] = 0 if s.reference_year is None else int(s.reference_year)
    ss["sc_max_age"] = int(s.max_age)
    ss["sc_norm"] = s.normalisation
    ss["sc_missing"] = s.missing
    ss["sc_min_coverage"] = float(s.min_coverage)
    ss["sc_winsor"] = float(s.winsor)
    for name in ("need", "readiness", "strength"):
        ss[f"sc_fit_{name}"] = float(getattr(scenario.fit_weights, name))
    for name in ("market", "fit", "position"):
        ss[f"sc_opp_{name}"] = float(getattr(scenario.opportunity_weights, name))
    ss["sc_opp_rule"] = scenario.opportunity_weights.rule
    ss["sc_presence_default"] = float(scenario.presence_default)
    ss["sc_white_space"] = float(scenario.white_space_threshold)
    if scenario.japan_strength:
        notes.append("ui.scn.note.strength")
    # the Plan page: new first values, and its widgets start afresh from them
    ss[PLAN_DEFAULTS_KEY] = _values_from_constraints(scenario.constraints, scenario.solver)
    for key, _ in PLAN_INPUTS.values():
        ss.pop(key, None)
    ss.pop("plan_cost_editor", None)
    ss[COST_SCALE_KEY] = dict(scenario.cost_scale)
    ss.pop(PLAN_RESULT_KEY, None)
    return notes


def same_scoring(a: Scenario, b: Scenario) -> bool:
    """Whether two scenarios score the same (names, plan rules and solver aside)."""
    keep = {"name": "", "constraints": Constraints(), "solver": SolverSettings(), "cost_scale": {}}
    return replace(a, **keep) == replace(b, **keep)


def read_import(content: bytes, file: str, language: Lang) -> tuple[Scenario | None, list[str]]:
    """An uploaded scenario JSON, or (None, the problems: a heading naming the file, then one line
    per problem naming its path in the JSON) in the user's language."""
    try:
        return Scenario.from_json(content), []
    except ScenarioError as exc:
        return None, [t("ui.scn.import_bad", language, file=file), *exc.messages(language)]
