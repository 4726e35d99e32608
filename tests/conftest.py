from __future__ import annotations

import pytest

from strategy.data.dataset import Dataset, load_dataset


@pytest.fixture(scope="session")
def dataset() -> Dataset:
    """The bundled curated data, loaded and validated once per test run."""
    return load_dataset()
