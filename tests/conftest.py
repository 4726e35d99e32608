"""Fixtures shared by the test modules (the AppTest helper functions are in ``apptest_helpers.py``)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import replace

import pytest

from strategy.data.dataset import Dataset, load_dataset
from strategy.optimize import Plan, entries_from_scores, prerequisites_of, solve
from strategy.scenario import Evaluation, Scenario, evaluate
from strategy.scoring import Universe


@pytest.fixture(scope="session")
def dataset() -> Dataset:
    """The bundled curated data, loaded and validated once per test run."""
    return load_dataset()


@pytest.fixture(scope="module")
def bundled() -> Dataset:
    """The bundled data as the app loads it, afresh for each module that compares the app with it."""
    return load_dataset()


@pytest.fixture(scope="module")
def focus(dataset: Dataset) -> Evaluation:
    """The default scenario on ASEAN-10 + India only: small and fast (export and deck tests)."""
    return evaluate(dataset, replace(Scenario.default(dataset, "ASEAN+India"), universe=Universe(focus_only=True)))


@pytest.fixture(scope="module")
def plan(dataset: Dataset, focus: Evaluation) -> Plan:
    """The default plan for :func:`focus`."""
    entries = entries_from_scores(focus.opportunity, dataset.fields, dataset.countries)
    result = solve(entries, focus.scenario.constraints, focus.scenario.solver, prerequisites_of(dataset.fields))
    assert result.has_solution
    return result


@pytest.fixture
def bundled_data(monkeypatch: pytest.MonkeyPatch) -> None:
    """The app runs on the bundled data unless a test points it elsewhere.

    AppTest modules use it for every test: ``pytestmark = pytest.mark.usefixtures("bundled_data")``.
    """
    from ui.common import DATA_DIR_ENV  # here, so that library-only test runs never import Streamlit

    monkeypatch.delenv(DATA_DIR_ENV, raising=False)


#: The library's scoring steps the app caches (:mod:`ui.steps` calls them as ``scoring.<name>``).
SCORING_STEPS = ("prepare_criteria", "market_scores", "field_fit", "rival_threat", "opportunity")


@pytest.fixture
def scoring_calls(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """How often each scoring step actually ran (a cache hit does not count).

    Speed is measured in ``bench/``; tests check the cause of a fast rerun, that the app does not
    recompute what the change did not touch, so they hold on a loaded machine too.
    """
    from strategy import scoring

    calls: Counter[str] = Counter()
    for name in SCORING_STEPS:
        original = getattr(scoring, name)

        def counted(*args: object, _name: str = name, _original: Callable = original, **kwargs: object) -> object:
            calls[_name] += 1
            return _original(*args, **kwargs)

        monkeypatch.setattr(scoring, name, counted)
    return calls
