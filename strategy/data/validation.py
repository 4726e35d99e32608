"""Validation of the curated tables and of user uploads, with messages in Japanese or English.

Every problem becomes one :class:`ValidationIssue` naming the file, the row (as a spreadsheet shows
it: the header is row 1, the first data row is row 2) and the column. Nothing is dropped silently:
a table with any issue is rejected as a whole.
"""

from __future__ import annotations

import io
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from strategy.data.catalog_spec import NO_LIMIT_TEXT
from strategy.i18n import Lang, t

HEADER_ROWS = 1  # spreadsheet row of the header; data row i (0-based) is row i + 2
YEAR_RANGE = (1960, 2100)
UPLOAD_COLUMNS = ("iso3", "indicator", "year", "value", "unit")
CATALOG_REQUIRED = ("indicator", "name_en", "name_ja", "unit", "direction", "pillar", "transform")
TRANSFORMS = ("none", "log", "log1p", "signed_log")


@dataclass(frozen=True)
class ValidationIssue:
    """One problem in one cell (or one row, or one file) of an input file."""

    file: str
    code: str
    row: int | None = None
    column: str | None = None
    params: dict[str, object] = field(default_factory=dict)

    def message(self, lang: Lang = "ja") -> str:
        row_part = t("err.row_part", lang, row=self.row) if self.row is not None else ""
        column_part = t("err.column_part", lang, column=self.column) if self.column else ""
        where = t("err.where", lang, file=self.file, row_part=row_part, column_part=column_part)
        sep = ": " if lang == "en" else "："
        return f"{where}{sep}{t(self.code, lang, **self.params)}"


class DataValidationError(ValueError):
    """Raised when a table or upload has problems; carries every issue found."""

    def __init__(self, issues: Sequence[ValidationIssue]):
        self.issues = list(issues)
        super().__init__("\n".join(i.message("en") for i in self.issues[:20]))

    def messages(self, lang: Lang = "ja") -> list[str]:
        return [i.message(lang) for i in self.issues]


def sheet_row(index: int) -> int:
    """Spreadsheet row number of the 0-based data row ``index``."""
    return int(index) + HEADER_ROWS + 1


# --- generic checks -------------------------------------------------------------------------


def check_columns(frame: pd.DataFrame, required: Iterable[str], file: str) -> list[ValidationIssue]:
    required = list(required)
    return [
        ValidationIssue(file, "err.missing_column", column=c, params={"column": c, "required": ", ".join(required)})
        for c in required
        if c not in frame.columns
    ]


def check_numeric(
    frame: pd.DataFrame,
    column: str,
    file: str,
    *,
    allow_blank: bool = False,
    low: float | None = None,
    high: float | None = None,
) -> tuple[pd.Series, list[ValidationIssue]]:
    """Parse ``column`` as numbers; report text, NaN/inf and values outside [low, high]."""
    raw = frame[column]
    values = pd.to_numeric(raw, errors="coerce").astype(float)
    issues: list[ValidationIssue] = []
    blank = raw.isna() | raw.astype(str).str.strip().isin(["", "nan", "NaN", "None"])
    not_number = values.isna() & ~blank
    for i in np.flatnonzero(not_number.to_numpy()):
        text = str(raw.iloc[i]).strip()
        code = "err.not_finite" if text.lower() in ("nan", "inf", "-inf", "infinity") else "err.not_numeric"
        issues.append(ValidationIssue(file, code, sheet_row(i), column, {"value": text}))
    infinite = np.isinf(values.to_numpy())
    for i in np.flatnonzero(infinite | (blank.to_numpy() & ~allow_blank)):
        issues.append(
            ValidationIssue(file, "err.not_finite", sheet_row(i), column, {"value": str(raw.iloc[i]).strip()})
        )
    finite = values.where(np.isfinite(values))
    outside = pd.Series(False, index=values.index)
    if low is not None:
        outside |= finite < low
    if high is not None:
        outside |= finite > high
    issues += _out_of_range(file, column, outside, finite, column, low, high)
    return finite, issues


def check_unique(frame: pd.DataFrame, key: Sequence[str], file: str) -> list[ValidationIssue]:
    dup = frame.duplicated(list(key), keep=False)
    if not dup.any():
        return []
    issues = []
    keys = list(map(tuple, frame[list(key)].astype(str).to_numpy()))  # once: a per-row lookup is quadratic
    positions: dict[tuple, int] = {}
    for i in np.flatnonzero(dup.to_numpy()):
        positions.setdefault(keys[i], int(i))
    for i in np.flatnonzero(frame.duplicated(list(key), keep="first").to_numpy()):
        k = keys[i]
        first = sheet_row(positions[k])
        if len(key) == 1:
            issues.append(
                ValidationIssue(file, "err.duplicate_id", sheet_row(i), key[0], {"value": k[0], "first": first})
            )
        else:
            label = ", ".join(f"{c}={v}" for c, v in zip(key, k, strict=True))
            issues.append(ValidationIssue(file, "err.duplicate", sheet_row(i), None, {"key": label, "first": first}))
    return issues


def check_in(
    frame: pd.DataFrame, column: str, valid: Iterable[object], file: str, code: str, **params: object
) -> list[ValidationIssue]:
    allowed_set = {str(a) for a in valid}
    values = frame[column].astype(str).str.strip()
    bad = ~values.isin(allowed_set)
    return [
        ValidationIssue(file, code, sheet_row(i), column, {"value": values.iloc[i], **params})
        for i in np.flatnonzero(bad.to_numpy())
    ]


def check_required_text(frame: pd.DataFrame, columns: Iterable[str], file: str) -> list[ValidationIssue]:
    issues = []
    for column in columns:
        blank = frame[column].isna() | frame[column].astype(str).str.strip().eq("")
        issues += [
            ValidationIssue(file, "err.required_text", sheet_row(i), column) for i in np.flatnonzero(blank.to_numpy())
        ]
    return issues


def check_years(
    frame: pd.DataFrame, column: str, file: str, *, allow_blank: bool = False
) -> tuple[pd.Series, list[ValidationIssue]]:
    raw = frame[column]
    years = pd.to_numeric(raw, errors="coerce")
    blank = raw.isna() | raw.astype(str).str.strip().eq("")
    low, high = YEAR_RANGE
    bad = (years.isna() & ~(blank & allow_blank)) | (
        years.notna() & ((years % 1 != 0) | (years < low) | (years > high))
    )
    issues = [
        ValidationIssue(
            file, "err.not_year", sheet_row(i), column, {"value": str(raw.iloc[i]).strip(), "low": low, "high": high}
        )
        for i in np.flatnonzero(bad.to_numpy())
    ]
    return years, issues


def check_windows(frame: pd.DataFrame, column: str, file: str, *, allow_blank: bool = False) -> list[ValidationIssue]:
    """A freshness window per row: a whole number of years (0 or more) or ``none`` (no limit)."""
    raw = frame[column].fillna("").astype(str).str.strip()
    years = pd.to_numeric(raw, errors="coerce")
    ok = raw.str.lower().eq(NO_LIMIT_TEXT) | (years.notna() & (years >= 0) & (years % 1 == 0))
    if allow_blank:
        ok |= raw.eq("")
    return [
        ValidationIssue(file, "err.bad_window", sheet_row(i), column, {"value": raw.iloc[i]})
        for i in np.flatnonzero(~ok.to_numpy())
    ]


def parse_windows(values: pd.Series) -> pd.Series:
    """Validated window cells as floats: years, NaN for ``none`` (no limit)."""
    text = values.fillna("").astype(str).str.strip().str.lower()
    return pd.to_numeric(text.replace(NO_LIMIT_TEXT, ""), errors="coerce").astype(float)


def _fmt(x: float | None) -> str:
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "-"
    return f"{x:g}"


def _out_of_range(
    file: str,
    column: str,
    outside: pd.Series,
    values: pd.Series,
    indicator: str | pd.Series,
    low: float | pd.Series | None,
    high: float | pd.Series | None,
) -> list[ValidationIssue]:
    """An ``err.out_of_range`` issue for each row flagged in ``outside``; ``indicator`` and the bounds
    are one for the whole column or one per row."""

    def at(x: object, i: int) -> object:
        return x.iloc[i] if isinstance(x, pd.Series) else x

    return [
        ValidationIssue(
            file,
            "err.out_of_range",
            sheet_row(i),
            column,
            {
                "value": _fmt(values.iloc[i]),
                "indicator": at(indicator, i),
                "low": _fmt(at(low, i)),
                "high": _fmt(at(high, i)),
            },
        )
        for i in np.flatnonzero(outside.to_numpy())
    ]


# --- reading uploads ------------------------------------------------------------------------

ENCODINGS = ("utf-8-sig", "cp932")


def read_table(name: str, content: bytes) -> dict[str, pd.DataFrame]:
    """Read an uploaded CSV (UTF-8, UTF-8 with BOM or CP932/Shift-JIS) or Excel workbook.

    Returns the sheets by name (a CSV gives one sheet named ``values``). All cells are read as
    text so that validation, not the parser, decides what is a number. Raises
    :class:`DataValidationError` when the bytes cannot be read at all.
    """
    suffix = Path(name).suffix.lower()
    if suffix in (".xlsx", ".xlsm") or content[:4] == b"PK\x03\x04":
        try:
            sheets = pd.read_excel(io.BytesIO(content), sheet_name=None, dtype=str, engine="openpyxl")
        except Exception as exc:  # openpyxl raises many types for a damaged workbook
            raise DataValidationError(
                [ValidationIssue(name, "err.unreadable", params={"detail": type(exc).__name__})]
            ) from exc
        return {str(k).strip().lower(): v for k, v in sheets.items()}
    for encoding in ENCODINGS:
        try:
            text = content.decode(encoding)
        except UnicodeDecodeError:
            continue
        try:
            frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False, skipinitialspace=True)
        except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
            raise DataValidationError(
                [ValidationIssue(name, "err.unreadable", params={"detail": str(exc).splitlines()[0]})]
            ) from exc
        frame.columns = [str(c).strip() for c in frame.columns]
        return {"values": frame}
    raise DataValidationError([ValidationIssue(name, "err.unreadable", params={"detail": "encoding"})])


def validate_catalog_rows(
    catalog: pd.DataFrame, file: str, existing_ids: Iterable[str], pillars: Iterable[str]
) -> list[ValidationIssue]:
    """Check catalogue rows for new indicators supplied with an upload."""
    issues = check_columns(catalog, CATALOG_REQUIRED, file)
    if issues:
        return issues
    issues += check_unique(catalog, ["indicator"], file)
    issues += check_in(
        catalog,
        "indicator",
        [i for i in catalog["indicator"].astype(str) if i not in set(existing_ids)],
        file,
        "err.id_taken",
    )
    issues += check_in(catalog, "direction", ["1", "-1"], file, "err.bad_choice", allowed="1, -1")
    issues += check_in(catalog, "pillar", list(pillars), file, "err.bad_choice", allowed=", ".join(pillars))
    issues += check_in(catalog, "transform", TRANSFORMS, file, "err.bad_choice", allowed=", ".join(TRANSFORMS))
    issues += check_required_text(catalog, ["name_en", "name_ja", "unit"], file)
    for bound in ("min_value", "max_value"):
        if bound in catalog.columns:
            issues += check_numeric(catalog, bound, file, allow_blank=True)[1]
    if "max_age" in catalog.columns:
        issues += check_windows(catalog, "max_age", file, allow_blank=True)
    return issues


def validate_indicator_values(
    values: pd.DataFrame,
    file: str,
    catalog: pd.DataFrame,
    iso3_codes: Iterable[str],
) -> tuple[pd.DataFrame, list[ValidationIssue]]:
    """Validate long indicator rows (iso3, indicator, year, value, unit) against the catalogue.

    ``catalog`` is indexed by indicator id and has ``unit``, ``min_value`` and ``max_value``.
    Returns the clean typed table (only meaningful when no issue was found) and the issues.
    """
    issues = check_columns(values, UPLOAD_COLUMNS, file)
    if issues:
        return values, issues
    if values.empty:
        return values, [ValidationIssue(file, "err.empty")]
    frame = values.copy()
    for column in ("iso3", "indicator", "unit"):
        frame[column] = frame[column].fillna("").astype(str).str.strip()
    frame["iso3"] = frame["iso3"].str.upper()
    issues += check_in(frame, "iso3", iso3_codes, file, "err.unknown_iso3")
    issues += check_in(frame, "indicator", catalog.index, file, "err.unknown_indicator")
    years, year_issues = check_years(frame, "year", file)
    issues += year_issues
    numbers, number_issues = check_numeric(frame, "value", file)
    issues += number_issues
    known = frame["indicator"].isin(catalog.index)
    expected_unit = frame["indicator"].map(catalog["unit"]).fillna("")
    wrong_unit = known & frame["unit"].ne(expected_unit)
    for i in np.flatnonzero(wrong_unit.to_numpy()):
        issues.append(
            ValidationIssue(
                file,
                "err.wrong_unit",
                sheet_row(i),
                "unit",
                {"value": frame["unit"].iloc[i], "expected": expected_unit.iloc[i]},
            )
        )
    low = pd.to_numeric(frame["indicator"].map(catalog["min_value"]), errors="coerce")
    high = pd.to_numeric(frame["indicator"].map(catalog["max_value"]), errors="coerce")
    outside = known & numbers.notna() & ((numbers < low) | (numbers > high))
    issues += _out_of_range(file, "value", outside, numbers, frame["indicator"], low, high)
    issues += check_unique(frame, ["iso3", "indicator", "year"], file)
    frame["year"] = years
    frame["value"] = numbers
    issues.sort(key=lambda i: (i.row or 0, i.column or ""))
    return frame, issues
