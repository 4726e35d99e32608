"""What changed between two versions of a scenario, as data: one :class:`Change` per parameter
path whose value differs (``market_weights.pillars.growth``, ``settings.method``,
``constraints.budget``...), with the value before and after. The History view lays it out; the
paths are the scenario JSON's (:meth:`strategy.scenario.Scenario.to_dict`)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from strategy.scenario import Scenario

#: the top-level parts of a scenario, in the order a reader looks for them
SECTIONS = ("market_weights", "settings", "constraints")


@dataclass(frozen=True)
class Change:
    """One parameter that differs: ``before`` is None when it was added, ``after`` when removed."""

    path: str
    before: Any
    after: Any

    @property
    def section(self) -> str:
        """The top-level part of the scenario the parameter belongs to (``settings``...)."""
        return self.path.split(".", 1)[0]


def flatten(value: Any, path: str = "") -> Iterator[tuple[str, Any]]:
    """``(path, leaf)`` pairs of nested mappings; a list is one leaf (a tuple, so it compares)."""
    if isinstance(value, Mapping):
        for key, item in value.items():
            yield from flatten(item, f"{path}.{key}" if path else str(key))
    elif isinstance(value, list | tuple):
        yield path, tuple(tuple(v) if isinstance(v, list) else v for v in value)
    else:
        yield path, value


def _order(path: str) -> tuple[int, str]:
    head = path.split(".", 1)[0]
    return (SECTIONS.index(head) if head in SECTIONS else len(SECTIONS), path)


def scenario_diff(before: Scenario | None, after: Scenario) -> list[Change]:
    """Every parameter whose value differs from ``before`` to ``after`` (all of them, each with
    ``before=None``, when ``before`` is None: the first version), weights first, then settings,
    constraints and the rest."""
    old = dict(flatten(before.to_dict())) if before is not None else {}
    new = dict(flatten(after.to_dict()))
    changes = [
        Change(path, old.get(path), new.get(path))
        for path in set(old) | set(new)
        if path not in old or path not in new or old[path] != new[path]
    ]
    return sorted(changes, key=lambda c: _order(c.path))
