"""Portfolio optimiser: the (country, field, period) integer programme, its solvers, heuristics and analysis.

``groups`` (typed constraint-group keys and their text), ``model`` (entries, constraints, the programme and its exact reductions), ``solvers`` (HiGHS and
CBC), ``staged`` (the staged :func:`solve`; not ``solve.py``, which the function of that name
would shadow as an attribute of this package), ``heuristics`` (greedy) and ``analysis`` (marginal
values, frontier, infeasibility).
"""

from strategy.optimize.analysis import explain_infeasible, frontier, marginal_values  # noqa: F401
from strategy.optimize.groups import ConstraintGroup, GroupKind, group_text  # noqa: F401
from strategy.optimize.heuristics import greedy  # noqa: F401
from strategy.optimize.model import (  # noqa: F401
    EPS,
    SOLVERS,
    Constraints,
    Entries,
    Model,
    Plan,
    Solver,
    SolverSettings,
    build_model,
    cost_scale_from_table,
    entries_from_scores,
    per_period_budget_can_bind,
    prerequisites_of,
)
from strategy.optimize.staged import solve  # noqa: F401

__all__ = [
    "Solver",
    "SOLVERS",
    "EPS",
    "Entries",
    "entries_from_scores",
    "cost_scale_from_table",
    "Constraints",
    "ConstraintGroup",
    "GroupKind",
    "group_text",
    "SolverSettings",
    "Plan",
    "Model",
    "per_period_budget_can_bind",
    "build_model",
    "solve",
    "marginal_values",
    "frontier",
    "greedy",
    "explain_infeasible",
    "prerequisites_of",
]
