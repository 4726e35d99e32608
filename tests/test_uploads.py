"""Indicator uploads in the shapes planners have: the bad-input corpus, the good shapes, the limits.

``tests/data/bad_inputs/uploads/`` holds one small file per way an upload goes wrong; :data:`BAD`
says which message each must get (and where), and ``README.md`` there lists them with the English
message (checked below, so the table cannot drift). ``tests/data/uploads_ok/`` holds files in the
other accepted shapes, each of which must be accepted as it is.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import numpy as np
import pytest

from strategy.data.dataset import Dataset
from strategy.data.upload import SHAPES, UploadOptions, header_role, header_year, preview_upload, template
from strategy.data.upload_read import MAX_COLUMNS, MAX_ROWS, MAX_UPLOAD_BYTES, sniff_separator
from strategy.data.validation import DataValidationError

BAD_DIR = Path(__file__).parent / "data" / "bad_inputs" / "uploads"
OK_DIR = Path(__file__).parent / "data" / "uploads_ok"
#: Python and library wording that must never reach a planner.
LEAKS = re.compile(
    r"encoding|codec|BadZipFile|KeyError|ValueError|TypeError|Exception|Traceback|zero-size|reduction|"
    r"numpy|pandas|openpyxl|Errno|NoneType",
    re.IGNORECASE,
)

#: file → (message key, row, column, form options) of the one issue it must get.
BAD: dict[str, tuple[str, int | None, str | None, UploadOptions]] = {
    "empty.csv": ("upload.empty_file", None, None, UploadOptions()),
    "header_only.csv": ("upload.no_rows", None, None, UploadOptions()),
    "binary.csv": ("upload.binary", None, None, UploadOptions()),
    "latin1.csv": ("upload.not_text", None, None, UploadOptions()),
    "old_format.xls": ("upload.old_xls", None, None, UploadOptions()),
    "zip_not_xlsx.xlsx": ("upload.bad_xlsx", None, None, UploadOptions()),
    "text_named.xlsx": ("upload.bad_xlsx", None, None, UploadOptions()),
    "no_rows.xlsx": ("upload.empty_file", None, None, UploadOptions()),
    "ragged_row.csv": ("upload.ragged_long", 3, None, UploadOptions()),
    "comma_decimal_in_comma_csv.csv": ("upload.ragged_long", 2, None, UploadOptions()),
    "short_row.csv": ("upload.ragged_short", 3, None, UploadOptions()),
    "unnamed_column.csv": ("upload.unnamed_column", 2, None, UploadOptions()),
    "unclosed_quote.csv": ("upload.bad_quote", 3, None, UploadOptions()),
    "names_no_codes.csv": ("upload.shape_unknown", None, None, UploadOptions()),
    "duplicate_header.csv": ("upload.duplicate_header", None, "国コード", UploadOptions()),
    "too_many_columns.csv": ("upload.too_many_columns", None, None, UploadOptions()),
    "wide_years_no_indicator.csv": ("upload.need_indicator", None, None, UploadOptions()),
    "wide_unknown_indicator.csv": ("err.unknown_indicator", 2, "data_centres", UploadOptions()),
    "wide_text_value.csv": ("err.not_numeric", 3, "internet_users", UploadOptions()),
    "wide_out_of_range.csv": ("err.out_of_range", 2, "2024", UploadOptions()),
    "ja_bad_year_cp932.csv": ("err.not_year", 2, "年", UploadOptions()),
}

#: file → (form options, shape, rows added, countries).
GOOD: dict[str, tuple[UploadOptions, str, int, int]] = {
    "long_ja_cp932.csv": (UploadOptions(), "long", 2, 2),
    "wide_indicators.csv": (UploadOptions(), "wide_indicators", 3, 2),
    "wide_years_ja.csv": (UploadOptions(indicator="internet_users"), "wide_years", 5, 2),
    "semicolon_decimal_comma.csv": (UploadOptions(), "long", 4, 2),
    "excel_formatted_numbers_cp932.csv": (UploadOptions(), "wide_indicators", 2, 2),
    "tab_separated.tsv": (UploadOptions(), "long", 1, 1),
    "bom_trailing_comma.csv": (UploadOptions(), "long", 2, 2),
    "excel_unicode_text.txt": (UploadOptions(), "wide_indicators", 1, 1),
    "one_indicator_one_year.csv": (UploadOptions(indicator="internet_users", year=2024), "long", 2, 2),
    "two_sheets.xlsx": (UploadOptions(sheet="data"), "wide_indicators", 4, 2),
}


def _preview(dataset: Dataset, name: str, options: UploadOptions | None = None, folder: Path = BAD_DIR):
    return preview_upload(dataset, name, (folder / name).read_bytes(), options)


def test_the_corpus_is_big_enough_and_every_file_has_its_case() -> None:
    files = {p.name for p in BAD_DIR.iterdir() if p.name != "README.md"}
    assert files == set(BAD) and len(files) >= 15
    assert {p.name for p in OK_DIR.iterdir()} == set(GOOD)


@pytest.mark.parametrize("name", sorted(BAD))
def test_each_bad_file_gets_one_clear_message_in_both_languages(dataset: Dataset, name: str) -> None:
    code, row, column, options = BAD[name]
    preview = _preview(dataset, name, options)
    assert not preview.ok
    assert [(i.code, i.row, i.column) for i in preview.issues] == [(code, row, column)]
    for lang in ("ja", "en"):
        message = preview.issues[0].message(lang)
        assert name in message
        assert not LEAKS.search(message), message
        if row is not None:
            assert (f"{row}行目" if lang == "ja" else f"row {row}") in message
        if column is not None:
            assert column in message
    if row is not None:
        assert row in preview.refused_rows
    with pytest.raises(DataValidationError):  # and the dataset refuses it as a whole
        dataset.with_indicator_upload(name, (BAD_DIR / name).read_bytes(), options)


def test_the_readme_lists_every_file_with_its_english_message(dataset: Dataset) -> None:
    readme = (BAD_DIR / "README.md").read_text(encoding="utf-8")
    for name, (_, _, _, options) in BAD.items():
        message = _preview(dataset, name, options).issues[0].message("en")
        line = next((x for x in readme.splitlines() if x.startswith(f"| `{name}`")), None)
        assert line is not None, name
        assert message.replace("|", "\\|") in line, (name, message)


@pytest.mark.parametrize("name", sorted(GOOD))
def test_each_good_shape_is_accepted(dataset: Dataset, name: str) -> None:
    options, shape, rows, countries = GOOD[name]
    preview = _preview(dataset, name, options, OK_DIR)
    assert preview.ok, [i.message("en") for i in preview.issues]
    assert preview.shape == shape
    assert preview.summary["rows"] == rows and preview.summary["countries"] == countries
    updated = dataset.with_upload(preview)
    added = updated.indicators[updated.indicators["source_id"] == "upload"]
    assert len(added) == rows and np.isfinite(added["value"]).all()


def test_values_arrive_as_written_in_every_shape(dataset: Dataset) -> None:
    def added(name: str, options: UploadOptions | None = None) -> dict[tuple[str, str, int], float]:
        rows = _preview(dataset, name, options or GOOD[name][0], OK_DIR).values
        return {(r.iso3, r.indicator, int(r.year)): float(r.value) for r in rows.itertuples()}

    semicolon = added("semicolon_decimal_comma.csv")
    assert semicolon[("VNM", "internet_users", 2024)] == 80.5  # 80,5
    assert semicolon[("VNM", "population", 2024)] == 100_987_687  # 100.987.687
    assert semicolon[("THA", "population", 2024)] == 71_668_011  # 71.668.011,0
    formatted = added("excel_formatted_numbers_cp932.csv")  # "100,987,687" as Excel writes "#,##0"
    assert formatted[("VNM", "population", 2024)] == 100_987_687
    read = _preview(dataset, "excel_formatted_numbers_cp932.csv", None, OK_DIR)
    assert read.thousands_separators and not read.decimal_comma and read.encoding == "cp932"
    assert added("long_ja_cp932.csv")[("THA", "internet_users", 2024)] == 90.1
    wide = added("wide_indicators.csv")
    assert wide[("VNM", "mobile_subscriptions", 2024)] == 140.2 and ("THA", "mobile_subscriptions", 2024) not in wide
    years = added("wide_years_ja.csv")
    assert years[("VNM", "internet_users", 2022)] == 75.1 and ("THA", "internet_users", 2022) not in years
    assert _preview(dataset, "wide_years_ja.csv", GOOD["wide_years_ja.csv"][0], OK_DIR).blank_cells == 1
    assert added("two_sheets.xlsx")[("THA", "fixed_broadband", 2024)] == 19.5


def test_a_workbook_sheet_is_chosen_by_name_and_a_missing_one_is_named(dataset: Dataset) -> None:
    preview = _preview(dataset, "two_sheets.xlsx", UploadOptions(sheet="Data2"), OK_DIR)
    assert [i.code for i in preview.issues] == ["upload.no_sheet"]
    assert "notes, data" in preview.issues[0].message("en") and "Data2" in preview.issues[0].message("ja")
    assert _preview(dataset, "two_sheets.xlsx", UploadOptions(sheet="data"), OK_DIR).sheets == ("notes", "data")


def test_the_form_and_the_file_may_not_both_name_the_indicator_or_the_year(dataset: Dataset) -> None:
    twice = _preview(dataset, "long_ja_cp932.csv", UploadOptions(indicator="internet_users"), OK_DIR)
    assert [(i.code, i.column) for i in twice.issues] == [("upload.indicator_twice", "指標")]
    year = _preview(dataset, "wide_years_ja.csv", UploadOptions(indicator="internet_users", year=2024), OK_DIR)
    assert [i.code for i in year.issues] == ["upload.year_twice"]
    unknown = _preview(dataset, "wide_years_ja.csv", UploadOptions(indicator="nope"), OK_DIR)
    assert [i.code for i in unknown.issues] == ["upload.unknown_form_indicator"]


def test_a_comma_in_a_tab_separated_number_is_never_a_decimal_mark(dataset: Dataset) -> None:
    tab = b"iso3\tyear\tpopulation\tinternet_users\nVNM\t2024\t1,234\t80,5\n"
    preview = preview_upload(dataset, "tab.tsv", tab)
    assert [(i.code, i.column) for i in preview.issues] == [("err.not_numeric", "internet_users")]  # 80,5
    assert float(preview.values.loc[preview.values["indicator"] == "population", "value"].iloc[0]) == 1234


def test_headers_and_separators_are_recognised() -> None:
    assert [header_role(h) for h in ("ISO3", "国コード", "ＩＳＯ３", "Country Name", "年", "値", "単位", "指標")] == [
        "iso3",
        "iso3",
        "iso3",
        "country",
        "year",
        "value",
        "unit",
        "indicator",
    ]
    assert [header_year(h) for h in ("2024", "2024年", "２０２４", "2024.0", "FY2024")] == [
        "2024",
        "2024",
        "2024",
        "2024",
        None,
    ]
    assert sniff_separator("iso3;indicator;year") == ";"
    assert sniff_separator("iso3\tname, long\tyear") == "\t"
    assert sniff_separator('"a;b",c,d') == ","


@pytest.mark.parametrize("shape", SHAPES)
def test_templates_are_recognised_as_their_shape(dataset: Dataset, shape: str) -> None:
    content = template(shape) + b"VNM,Viet Nam,2024,80.5,140\n"
    if shape == "long":
        content = template(shape) + b"VNM,internet_users,2024,80.5,% of population\n"
    if shape == "wide_years":
        content = template(shape) + b"VNM,Viet Nam,70,72,75,78,80.5\n"
    options = UploadOptions(indicator="internet_users") if shape == "wide_years" else None
    preview = preview_upload(dataset, f"{shape}.csv", content, options)
    assert preview.ok, [i.message("en") for i in preview.issues]
    assert preview.shape == shape


# --- limits ---------------------------------------------------------------------------------------


def test_a_60_mb_file_is_refused_by_its_size_before_parsing(dataset: Dataset) -> None:
    row = b"VNM,internet_users,2024,80.5,% of population\n"
    content = b"iso3,indicator,year,value,unit\n" + row * (60 * 1024 * 1024 // len(row))
    assert len(content) > MAX_UPLOAD_BYTES
    start = time.perf_counter()
    preview = preview_upload(dataset, "big.csv", content)
    assert time.perf_counter() - start < 0.5
    assert [i.code for i in preview.issues] == ["upload.too_big"]
    assert "20 MB" in preview.issues[0].message("en") and "20 MB" in preview.issues[0].message("ja")


def test_too_many_rows_and_columns_are_refused_with_the_limit(dataset: Dataset) -> None:
    rows = b"iso3,indicator,year,value,unit\n" + b"VNM,internet_users,2024,1,% of population\n" * (MAX_ROWS + 5)
    preview = preview_upload(dataset, "rows.csv", rows)
    assert [i.code for i in preview.issues] == ["upload.too_many_rows"]
    assert f"{MAX_ROWS:,}" in preview.issues[0].message("en")
    wide = ("iso3," + ",".join(f"c{i}" for i in range(MAX_COLUMNS)) + "\n").encode()
    assert [i.code for i in preview_upload(dataset, "wide.csv", wide).issues] == ["upload.too_many_columns"]
