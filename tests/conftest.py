"""Fixtures shared by the test modules (the AppTest helper functions are in ``apptest_helpers.py``)."""

from __future__ import annotations

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
