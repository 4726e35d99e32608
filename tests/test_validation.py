"""Uploads: every bad-input case gives one clear message naming file, row and column."""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
import pytest

from strategy.data.dataset import Dataset
from strategy.data.validation import DataValidationError
from ui.texts import TEXT

UPLOADS = Path(__file__).parent / "data" / "uploads"


def upload(dataset: Dataset, name: str) -> Dataset:
    return dataset.with_indicator_upload(name, (UPLOADS / name).read_bytes())


def issues_of(dataset: Dataset, name: str, content: bytes | None = None) -> list:
    content = (UPLOADS / name).read_bytes() if content is None else content
    with pytest.raises(DataValidationError) as info:
        dataset.with_indicator_upload(name, content)
    return info.value.issues


@pytest.mark.parametrize(
    ("name", "code", "row", "column"),
    [
        ("bad_unknown_iso3.csv", "err.unknown_iso3", 3, "iso3"),
        ("bad_duplicate.csv", "err.duplicate", 4, None),
        ("bad_non_numeric.csv", "err.not_numeric", 2, "value"),
        ("bad_wrong_unit.csv", "err.wrong_unit", 2, "unit"),
        ("bad_missing_column.csv", "upload.need_year", None, None),
        ("bad_unknown_indicator.csv", "err.unknown_indicator", 2, "indicator"),
        ("bad_out_of_range.csv", "err.out_of_range", 3, "value"),
        ("bad_year.csv", "err.not_year", 2, "year"),
    ],
)
def test_each_bad_file_names_row_and_column(
    dataset: Dataset, name: str, code: str, row: int | None, column: str | None
):
    issues = issues_of(dataset, name)
    assert [(i.code, i.row, i.column) for i in issues] == [(code, row, column)]
    issue = issues[0]
    ja, en = issue.message("ja"), issue.message("en")
    assert name in ja and name in en
    if column is not None:
        assert column in ja and column in en
    if row is not None:
        assert f"{row}行目" in ja and f"row {row}" in en


def test_nan_inf_and_blank_each_reported(dataset: Dataset):
    issues = issues_of(dataset, "bad_nan_inf.csv")
    assert [(i.code, i.row, i.column) for i in issues] == [
        ("err.not_finite", 2, "value"),
        ("err.not_finite", 3, "value"),
        ("err.not_finite", 4, "value"),
    ]


@pytest.mark.parametrize(
    ("name", "code"), [("bad_unparseable.csv", "upload.bad_quote"), ("bad_binary.csv", "upload.binary")]
)
def test_unreadable_file_is_an_error_not_a_crash(dataset: Dataset, name: str, code: str):
    issues = issues_of(dataset, name)
    assert issues, "an unreadable file must be reported"
    assert all(i.file == name for i in issues)
    assert [i.code for i in issues] == [code]


@pytest.mark.parametrize("name", ["good_utf8.csv", "good_utf8_bom.csv", "good_cp932.csv"])
def test_good_files_in_each_encoding_are_added(dataset: Dataset, name: str):
    before = len(dataset.indicators)
    updated = upload(dataset, name)
    added = updated.indicators[updated.indicators["source_id"] == "upload"]
    assert len(added) == 2
    assert len(updated.indicators) == before + 2
    assert set(added["indicator"]) == {"internet_users"}
    assert updated.version != dataset.version
    # the original dataset is untouched
    assert len(dataset.indicators) == before
    assert "upload" not in set(dataset.indicators["source_id"].astype(str))


def test_upload_values_become_latest(dataset: Dataset):
    updated = upload(dataset, "good_utf8.csv")
    latest = updated.latest_values(2025).set_index(["iso3", "indicator"])
    assert latest.loc[("VNM", "internet_users"), "value"] == pytest.approx(80.5)
    assert latest.loc[("VNM", "internet_users"), "year"] == 2025


def _excel(values: pd.DataFrame, catalog: pd.DataFrame | None) -> bytes:
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        values.to_excel(writer, sheet_name="values", index=False)
        if catalog is not None:
            catalog.to_excel(writer, sheet_name="catalog", index=False)
    return buffer.getvalue()


NEW_CATALOG = pd.DataFrame(
    [
        {
            "indicator": "data_centres",
            "name_en": "Colocation data centres",
            "name_ja": "コロケーション・データセンター数",
            "unit": "centres",
            "direction": 1,
            "pillar": "digital",
            "transform": "log1p",
            "min_value": 0,
            "max_value": "",
        }
    ]
)


def test_excel_with_new_indicator_and_catalogue(dataset: Dataset):
    values = pd.DataFrame(
        {"iso3": ["VNM", "THA"], "indicator": "data_centres", "year": 2024, "value": [30, 40], "unit": "centres"}
    )
    updated = dataset.with_indicator_upload("extra.xlsx", _excel(values, NEW_CATALOG))
    assert "data_centres" in updated.catalog.index
    assert updated.catalog.loc["data_centres", "name_ja"] == "コロケーション・データセンター数"
    assert "data_centres" not in dataset.catalog.index
    assert updated.coverage(2024).loc["VNM", "data_centres"] == 0


def test_excel_without_catalogue_entry_names_sheet(dataset: Dataset):
    values = pd.DataFrame(
        {"iso3": ["VNM"], "indicator": "data_centres", "year": 2024, "value": [30], "unit": "centres"}
    )
    issues = issues_of(dataset, "extra.xlsx", _excel(values, None))
    assert [(i.code, i.row, i.column) for i in issues] == [("err.unknown_indicator", 2, "indicator")]


def test_excel_bad_catalogue_row_is_reported(dataset: Dataset):
    bad = NEW_CATALOG.assign(direction=2, pillar="luck")
    values = pd.DataFrame(
        {"iso3": ["VNM"], "indicator": "data_centres", "year": 2024, "value": [30], "unit": "centres"}
    )
    issues = issues_of(dataset, "extra.xlsx", _excel(values, bad))
    found = {(i.code, i.row, i.column) for i in issues}
    assert ("err.bad_choice", 2, "direction") in found
    assert ("err.bad_choice", 2, "pillar") in found
    assert all("[catalog]" in i.file for i in issues if i.column in ("direction", "pillar"))


def test_catalogue_id_clash_is_refused(dataset: Dataset):
    clash = NEW_CATALOG.assign(indicator="internet_users")
    values = pd.DataFrame(
        {"iso3": ["VNM"], "indicator": "internet_users", "year": 2024, "value": [30], "unit": "% of population"}
    )
    issues = issues_of(dataset, "extra.xlsx", _excel(values, clash))
    assert ("err.id_taken", 2, "indicator") in {(i.code, i.row, i.column) for i in issues}


def test_summary_and_every_message_has_both_languages():
    for key, entry in TEXT.items():
        assert entry.get("ja") and entry.get("en"), key
