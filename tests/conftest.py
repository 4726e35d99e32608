"""Fixtures shared by the test modules (the AppTest helper functions are in ``apptest_helpers.py``)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

import pytest

from strategy.data.dataset import Dataset, load_dataset


@pytest.fixture(scope="session")
def dataset() -> Dataset:
    """The bundled curated data, loaded and validated once per test run."""
    return load_dataset()


@pytest.fixture(scope="module")
def bundled() -> Dataset:
    """The bundled data as the app loads it, afresh for each module that compares the app with it."""
    return load_dataset()


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
