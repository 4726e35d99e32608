"""What a scenario sweep is: its axes (:class:`SweepAxis`), their product (:class:`SweepDefinition`)
and the check of both (:func:`check_definition`, :class:`SweepError` with messages naming the axis).

Imported by :mod:`strategy.analysis.sweep`, which re-exports everything here.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from strategy import scenario_schema
from strategy.i18n import Lang, Message, t
from strategy.scenario_schema import MAX_SWEEP_POINTS, Vocabulary
from strategy.scoring.criteria import MEMBERSHIPS
from strategy.scoring.methods import METHODS

AxisKind = Literal["budget", "staff", "time_preference", "preset", "method", "cost_scale"]
#: The kinds of axis, in the order the page offers them.
AXIS_KINDS: tuple[AxisKind, ...] = ("budget", "staff", "time_preference", "preset", "method", "cost_scale")
#: Numeric axes and the scenario schema's rule their values follow (the Plan page's ranges).
NUMERIC_RULES: dict[str, str] = {
    "budget": "constraints.budget",
    "staff": "constraints.staff",
    "time_preference": "constraints.time_preference",
}
#: The message naming each kind of axis (a cost axis names its target too).
AXIS_LABELS: dict[str, str] = {
    "budget": "sweep.axis.budget",
    "staff": "sweep.axis.staff",
    "time_preference": "sweep.axis.time_preference",
    "preset": "sweep.axis.preset",
    "method": "sweep.axis.method",
    "cost_scale": "sweep.axis.cost_scale",
}
#: Statuses of a point that has a plan.
SOLVED = ("optimal", "feasible")


class SweepError(ValueError):
    """A sweep definition that cannot be run; ``problems`` are messages naming the axis and value."""

    def __init__(self, problems: Sequence[Message]):
        self.problems = tuple(problems)
        super().__init__(" ".join(self.messages("en")))

    def messages(self, lang: Lang = "ja") -> list[str]:
        """Every problem in ``lang``."""
        return [message_text(m, lang) for m in self.problems]


def message_text(message: Message, lang: Lang) -> str:
    """A message in ``lang`` whose parameters may be messages themselves (an axis's name)."""
    values = {k: message_text(v, lang) if isinstance(v, Message) else v for k, v in message.params}
    return t(message.key, lang, **values)


# --- the definition -------------------------------------------------------------------------------


@dataclass(frozen=True)
class SweepAxis:
    """One axis: a ``kind`` and its ``values`` (numbers, or preset / method ids). ``target`` is what a
    ``cost_scale`` axis multiplies: an ISO3 code, a membership (``asean``) or a UN region (``Asia``)."""

    kind: AxisKind
    values: tuple[Any, ...]
    target: str | None = None

    @property
    def name(self) -> str:
        """The axis's column name: the kind, ``cost_scale:VNM`` for a cost multiplier."""
        return f"cost_scale:{self.target}" if self.kind == "cost_scale" else self.kind

    @property
    def label(self) -> Message:
        """The axis's name for people."""
        if self.kind == "cost_scale":
            return Message.of("sweep.axis.cost_scale", target=self.target or "?")
        return Message.of(AXIS_LABELS[self.kind])


@dataclass(frozen=True)
class SweepDefinition:
    """The axes of a sweep; its points are the Cartesian product of their values (first axis slowest)."""

    axes: tuple[SweepAxis, ...]

    @property
    def size(self) -> int:
        """How many points the sweep has."""
        return math.prod(len(a.values) for a in self.axes) if self.axes else 0

    @property
    def names(self) -> list[str]:
        return [a.name for a in self.axes]

    def points(self) -> list[dict[str, Any]]:
        """Every point as {axis name: value}, in order."""
        return [
            dict(zip(self.names, combo, strict=True)) for combo in itertools.product(*(a.values for a in self.axes))
        ]

    def to_dict(self) -> dict[str, Any]:
        return {"axes": [{"kind": a.kind, "target": a.target, "values": list(a.values)} for a in self.axes]}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> SweepDefinition:
        axes = tuple(SweepAxis(a["kind"], tuple(a["values"]), a.get("target")) for a in data["axes"])
        return cls(axes)


def known_targets(vocabulary: Vocabulary) -> dict[str, str]:
    """What a cost axis may multiply: {how it may be written, lower case: its id}."""
    names = {m: m for m in MEMBERSHIPS}
    names.update({r.lower(): r for r in vocabulary.region})
    names.update({c.lower(): c for c in vocabulary.country})
    return names


def canonical_target(text: str, vocabulary: Vocabulary) -> str | None:
    """A cost axis's target as the data spells it (``vnm`` -> ``VNM``, ``ASEAN`` -> ``asean``), or None."""
    return known_targets(vocabulary).get(str(text).strip().lower())


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def check_definition(
    definition: SweepDefinition,
    vocabulary: Vocabulary,
    presets: Collection[str],
    normalisation: str | None = None,
) -> None:
    """Raise :class:`SweepError` listing every problem of ``definition``: no axis, an axis twice, an
    empty axis, a value twice, a number out of the Plan page's range (negative budget, ...), an unknown
    preset, method or cost target, and first of all more than :data:`MAX_SWEEP_POINTS` points.
    ``normalisation``: the base scenario's (the weighted product refuses z-scores)."""
    problems: list[Message] = []
    if definition.size > MAX_SWEEP_POINTS:
        problems.append(Message.of("sweep.err.too_many", n=f"{definition.size:,}", max=f"{MAX_SWEEP_POINTS:,}"))
    if not definition.axes:
        problems.append(Message.of("sweep.err.no_axes"))
    seen: set[str] = set()
    for axis in definition.axes:
        if axis.kind not in AXIS_KINDS:
            problems.append(Message.of("sweep.err.kind", value=str(axis.kind), allowed=", ".join(AXIS_KINDS)))
            continue
        if axis.name in seen:
            problems.append(Message.of("sweep.err.axis_twice", axis=axis.label))
        seen.add(axis.name)
        problems += _axis_problems(axis, vocabulary, presets, normalisation)
    if problems:
        raise SweepError(problems)


def _axis_problems(
    axis: SweepAxis, vocabulary: Vocabulary, presets: Collection[str], normalisation: str | None
) -> list[Message]:
    problems: list[Message] = []
    label = axis.label
    if not axis.values:
        return [Message.of("sweep.err.empty", axis=label)]
    if axis.kind == "cost_scale" and (axis.target is None or canonical_target(axis.target, vocabulary) is None):
        problems.append(Message.of("sweep.err.unknown_target", axis=label, value=str(axis.target)))
    shown = [scenario_schema.shown(v) for v in axis.values]
    for value in dict.fromkeys(v for v in shown if shown.count(v) > 1):
        problems.append(Message.of("sweep.err.value_twice", axis=label, value=value))
    for value in axis.values[:MAX_SWEEP_POINTS]:
        if axis.kind in ("preset", "method"):
            known = list(presets) if axis.kind == "preset" else list(METHODS)
            if value not in known:
                key = f"sweep.err.unknown_{axis.kind}"
                problems.append(Message.of(key, axis=label, value=str(value)[:60], allowed=", ".join(known)))
            elif axis.kind == "method" and value == "weighted_product" and normalisation == "zscore":
                problems.append(Message.of("sweep.err.product_zscore", axis=label))
            continue
        if not _number(value):
            problems.append(Message.of("sweep.err.not_number", axis=label, value=scenario_schema.shown(value)))
            continue
        rule = scenario_schema.SCHEMA["cost_scale"].values if axis.kind == "cost_scale" else None
        rule = rule or scenario_schema.rule(NUMERIC_RULES[axis.kind])
        for _, key, values in rule.check(axis.name, value, vocabulary):
            problems.append(Message.of("sweep.err.value", axis=label, detail=Message.of(key, **values)))
    return problems
