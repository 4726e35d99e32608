"""Reading a stored row back: the scenario it holds, or a :class:`BadRowError` naming the row."""

from __future__ import annotations

from strategy.scenario import Scenario, ScenarioError
from strategy.scenario_schema import Vocabulary
from strategy.store_errors import BadRowError


def scenario_of_row(name: str, body: object, vocabulary: Vocabulary | None = None) -> Scenario:
    """The scenario of the row ``name``; the row's name is the truth. Anything that cannot be read
    (corrupt JSON, a value the schema refuses, e.g. saved before its ranges or edited in the
    database, an unknown schema, a missing body) is a :class:`BadRowError`."""
    if not isinstance(body, str | bytes):
        raise BadRowError(name, [("", "store.err.no_body", {})])
    try:
        scenario = Scenario.from_json(body, vocabulary)
        if scenario.name != name:
            scenario = Scenario.from_dict({**scenario.to_dict(), "name": name})
    except ScenarioError as exc:
        # the JSON parser's own words (line, column, char) mean nothing to a planner looking at a row
        problems = [("", "store.err.body_unreadable", {}) if p[1] == "err.scenario_json" else p for p in exc.problems]
        raise BadRowError(name, problems) from None
    except (RecursionError, ValueError, TypeError):  # a body no scenario reader can take apart
        raise BadRowError(name, [("", "store.err.body_unreadable", {})]) from None
    return scenario


def renamed_body(old: str, body: str, name: str) -> str:
    """The body of row ``old`` saved under the new ``name``."""
    return Scenario.from_dict({**scenario_of_row(old, body).to_dict(), "name": name}).to_json()
