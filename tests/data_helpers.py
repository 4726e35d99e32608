"""Broken copies of the curated data, for the tests of the loader's messages (not a test module)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from strategy.data.dataset import FILES, load_dataset
from strategy.data.paths import DATA_DIR
from strategy.data.validation import DataValidationError, ValidationIssue


def broken_copy(tmp_path: Path, table: str, cells: dict[tuple[int, str], str]) -> Path:
    """A copy of the curated data whose ``table`` has ``cells`` ((row, column) -> text) overwritten."""
    folder = tmp_path / "data"
    shutil.copytree(DATA_DIR, folder)
    path = folder / FILES[table]
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    for (row, column), value in cells.items():
        frame.loc[row, column] = value
    frame.to_csv(path, index=False)
    return folder


def load_issues(folder: Path) -> list[ValidationIssue]:
    """The issues the loader reports for ``folder`` (it must refuse it)."""
    with pytest.raises(DataValidationError) as info:
        load_dataset(folder)
    return info.value.issues
