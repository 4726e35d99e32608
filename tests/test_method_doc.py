"""docs/method.md's worked example is what the code computes (regenerate it, never edit it)."""

from __future__ import annotations

from strategy.analysis.worked_example import END, METHOD_DOC, START, replace_block, worked_example
from strategy.scenario import Scenario, evaluate


def test_the_worked_example_in_method_md_is_up_to_date(dataset):
    document = METHOD_DOC.read_text(encoding="utf-8")
    assert START in document and END in document
    fresh = replace_block(document, worked_example(dataset, evaluate(dataset, Scenario.default(dataset))))
    assert document == fresh, "docs/method.md is stale: run python -m strategy.analysis.worked_example"


def test_the_worked_example_walks_the_pair_to_its_rank(dataset):
    text = worked_example(dataset, evaluate(dataset, Scenario.default(dataset)))
    for step in ("Need and readiness drivers", "Gates", "Fit", "Market pillars", "Rivals", "Export potential", "Rank"):
        assert step in text
    assert "| need | `population` |" in text  # a raw value row of the drivers
