"""Indicator uploads in the shapes planners have, checked and previewed before they are applied.

A planner's table is recognised in one of three shapes (:data:`SHAPES`), with English or Japanese
headers (:data:`ALIASES`):

- ``long``: one value per row, columns iso3, indicator, year, value, unit (indicator, year and unit
  may be left out when the file holds one indicator, one year, or the catalogue's unit);
- ``wide_indicators``: a country column, a year column (or one year named in the form) and one
  column per indicator, headed by the indicator id;
- ``wide_years``: a country column and one column per year, for one indicator (named in the form
  or in an indicator column).

:func:`preview_upload` reads the bytes (:mod:`strategy.data.upload_read`), turns the table into long
rows, validates them against the catalogue and returns an :class:`UploadPreview`: what would be
imported (rows, countries, years, indicators) and every problem, each naming the file's own row and
column, so a wide table's message points at the cell the planner sees. ``Dataset.with_upload``
applies a preview without problems; nothing is applied otherwise.
"""

from __future__ import annotations

import hashlib
import io
import re
import unicodedata
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from strategy.data.catalog_spec import DEFAULT_MAX_AGE, PILLARS
from strategy.data.upload_read import Grid, read_grid
from strategy.data.validation import (
    UPLOAD_COLUMNS,
    DataValidationError,
    ValidationIssue,
    parse_windows,
    sheet_row,
    validate_catalog_rows,
    validate_indicator_values,
)

if TYPE_CHECKING:
    from strategy.data.dataset import Dataset

SHAPES = ("long", "wide_indicators", "wide_years")
#: Most problems listed for one file; past it the preview says so and stops looking.
MAX_ISSUES = 200
#: Long rows validated at a time (so a file full of errors stops early).
CHUNK_ROWS = 100_000

#: Header spellings (compared after NFKC, lower case, without spaces, ``_`` or ``-``) → column role.
ALIASES: dict[str, tuple[str, ...]] = {
    "iso3": (
        "iso3",
        "iso",
        "isocode",
        "iso3code",
        "isoalpha3",
        "countrycode",
        "国コード",
        "iso3コード",
        "国・地域コード",
    ),
    "country": ("country", "countryname", "name", "国名", "国", "国・地域", "国・地域名"),
    "indicator": ("indicator", "indicatorid", "指標", "指標id", "指標コード"),
    "year": ("year", "年", "年次"),
    "value": ("value", "値", "数値"),
    "unit": ("unit", "単位"),
}
_ROLE = {spelling: role for role, spellings in ALIASES.items() for spelling in spellings}
_YEAR_HEADER = re.compile(r"^(\d{4})(?:\.0+)?年?$")
_DECIMAL_COMMA = re.compile(r"^[+-]?\d*,\d+$")  # 80,5
_THOUSANDS_DOT = re.compile(r"^[+-]?\d{1,3}(?:(?:\.\d{3})+,\d+|(?:\.\d{3}){2,})$")  # 1.234,5 or 1.234.567
_THOUSANDS_COMMA = re.compile(r"^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$")  # 1,234,567 (Excel's "#,##0")


def header_key(text: str) -> str:
    """A header as compared with :data:`ALIASES`: NFKC (full-width → half-width), lower case,
    without spaces, underscores or hyphens."""
    return re.sub(r"[\s_\-]", "", unicodedata.normalize("NFKC", text)).lower()


def header_role(text: str) -> str | None:
    """The column role a header names (``iso3``, ``country``, ...), or None."""
    return _ROLE.get(header_key(text))


def header_year(text: str) -> str | None:
    """The year a header names (``2020``, ``2020年``, ``2020.0``), or None."""
    match = _YEAR_HEADER.match(unicodedata.normalize("NFKC", text).strip())
    return match.group(1) if match else None


@dataclass(frozen=True)
class UploadOptions:
    """What the upload form says about a file: its one indicator, its one year, the sheet to read."""

    indicator: str | None = None
    year: int | None = None
    sheet: str | None = None


@dataclass(frozen=True)
class UploadPreview:
    """What an upload would add, and every problem that stops it (``issues``; empty = can apply).

    ``values`` are long rows (iso3, indicator, year, value, unit), typed when there is no issue;
    ``new_catalog`` the catalogue rows of new indicators (an Excel sheet ``catalog``), indexed by id.
    ``blank_cells`` the empty cells of a wide
    table (no value, skipped); ``ignored_columns`` headers that play no part.
    """

    file: str
    shape: str | None
    values: pd.DataFrame
    issues: tuple[ValidationIssue, ...] = ()
    new_catalog: pd.DataFrame | None = None
    kind: str = ""
    encoding: str = ""
    separator: str = ""
    sheet: str = ""
    sheets: tuple[str, ...] = ()
    decimal_comma: bool = False
    thousands_separators: bool = False
    blank_cells: int = 0
    ignored_columns: tuple[str, ...] = ()
    digest: str = ""
    summary: dict[str, object] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.issues

    @property
    def refused_rows(self) -> tuple[int, ...]:
        """The file rows with a problem (as a spreadsheet numbers them)."""
        return tuple(sorted({i.row for i in self.issues if i.row is not None}))


def _empty() -> pd.DataFrame:
    return pd.DataFrame(columns=list(UPLOAD_COLUMNS))


def _digest(content: bytes, options: UploadOptions) -> str:
    return hashlib.sha256(content + repr(options).encode()).hexdigest()[:16]


def preview_upload(dataset: Dataset, file: str, content: bytes, options: UploadOptions | None = None) -> UploadPreview:
    """Read, reshape and validate an upload without applying it. Never raises for what a user sends."""
    options = options or UploadOptions()
    digest = _digest(content, options)
    try:
        grid = read_grid(file, content, options.sheet)
    except DataValidationError as exc:
        return UploadPreview(file, None, _empty(), tuple(exc.issues), digest=digest)
    meta = {
        "kind": grid.kind,
        "encoding": grid.encoding,
        "separator": grid.separator,
        "sheet": grid.sheet,
        "sheets": grid.sheets,
        "digest": digest,
    }
    catalog, new_catalog, issues = _with_new_indicators(dataset, grid)
    try:
        long = _to_long(grid, options, catalog)
    except DataValidationError as exc:
        return UploadPreview(grid.file, None, _empty(), (*issues, *exc.issues), **meta)
    frame, rows, columns = long.frame, long.rows, long.columns
    clean, value_issues = _validate(frame, grid.file, catalog, dataset.countries.index)
    issues += sorted((_remap(i, rows, columns) for i in value_issues), key=lambda i: (i.row or 0, i.column or ""))
    if len(issues) >= MAX_ISSUES:
        issues = [*issues[:MAX_ISSUES], ValidationIssue(grid.file, "upload.more_issues", params={"shown": MAX_ISSUES})]
    preview = UploadPreview(
        grid.file,
        long.shape,
        clean if not issues else frame,
        tuple(issues),
        new_catalog,
        decimal_comma=long.decimal_comma,
        thousands_separators=long.thousands,
        blank_cells=long.blank_cells,
        ignored_columns=long.ignored,
        summary=_summary(frame, catalog),
        **meta,
    )
    return preview


def _validate(
    frame: pd.DataFrame, file: str, catalog: pd.DataFrame, iso3: pd.Index
) -> tuple[pd.DataFrame, list[ValidationIssue]]:
    """:func:`validate_indicator_values` in blocks of :data:`CHUNK_ROWS` rows, stopping once
    :data:`MAX_ISSUES` problems are found (a file of 200,000 wrong rows must not build millions of
    messages), then one duplicate check over the whole table. Issue rows are long-row positions."""
    if frame.empty:
        return validate_indicator_values(frame, file, catalog, iso3)
    parts, issues = [], []
    for start in range(0, len(frame), CHUNK_ROWS):
        part = frame.iloc[start : start + CHUNK_ROWS].reset_index(drop=True)
        clean, found = validate_indicator_values(part, file, catalog, iso3)
        issues += [_shift(i, start) for i in found]
        parts.append(clean)
        if len(issues) >= MAX_ISSUES:
            return frame, issues
    clean = pd.concat(parts, ignore_index=True)
    if issues:
        return frame, issues
    key = ["iso3", "indicator", "year"]
    later = np.flatnonzero(clean.duplicated(key, keep="first").to_numpy())[: MAX_ISSUES + 1]
    if len(later):
        first = clean.reset_index().groupby(key)["index"].transform("min").to_numpy()
        for i in later:
            label = ", ".join(f"{c}={clean.at[i, c]:g}" if c == "year" else f"{c}={clean.at[i, c]}" for c in key)
            issues.append(
                ValidationIssue(file, "err.duplicate", sheet_row(i), None, {"key": label, "first": sheet_row(first[i])})
            )
        return frame, issues
    return clean, []


def _shift(issue: ValidationIssue, start: int) -> ValidationIssue:
    """An issue of a block starting at long row ``start``, as one of the whole table."""
    if issue.row is None or not start:
        return issue
    params = dict(issue.params)
    if "first" in params:
        params["first"] = int(params["first"]) + start
    return replace(issue, row=issue.row + start, params=params)


def _summary(frame: pd.DataFrame, catalog: pd.DataFrame) -> dict[str, object]:
    """Rows, countries, first and last year, indicators (and which are new) of the long rows."""

    def unique(column: str) -> list[str]:  # unique first: converting 10^6 cells would be slow
        return [str(x).strip() for x in pd.unique(frame[column].to_numpy(dtype=object))]

    years = pd.to_numeric(pd.Series(unique("year")), errors="coerce").dropna()
    indicators = list(dict.fromkeys(unique("indicator")))
    return {
        "rows": len(frame),
        "countries": len({c.upper() for c in unique("iso3")}),
        "year_min": int(years.min()) if len(years) else None,
        "year_max": int(years.max()) if len(years) else None,
        "indicators": indicators,
        "new": [i for i in indicators if i not in catalog.index or catalog.at[i, "source_id"] == "upload"],
    }


# --- shapes ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Long:
    """Long rows made from a table, with each row's file row and, per column, the file's header."""

    shape: str
    frame: pd.DataFrame
    rows: np.ndarray
    columns: dict[str, np.ndarray | str | None]
    decimal_comma: bool = False
    thousands: bool = False
    blank_cells: int = 0
    ignored: tuple[str, ...] = ()


def _refuse(file: str, code: str, at_column: str | None = None, **params: object):
    raise DataValidationError([ValidationIssue(file, code, None, at_column, params)])


def _roles(grid: Grid) -> dict[str, int]:
    """The column of each role; a role named twice (``iso3`` and ``国コード``) is refused."""
    found: dict[str, int] = {}
    for j, name in enumerate(grid.header):
        role = header_role(name)
        if role is None:
            continue
        if role in found:
            other = grid.header[found[role]]
            _refuse(grid.file, "upload.duplicate_header", name, column=name, other=other, role=role)
        found[role] = j
    return found


def _numbers(values: np.ndarray, grid: Grid) -> tuple[np.ndarray, bool, bool]:
    """Numbers as Python reads them, and whether decimal commas or thousands separators were read.

    With ``;`` as separator a comma is the decimal mark (``80,5``; ``1.234,5``); otherwise a comma
    between groups of three digits is a thousands separator (``"1,234,567"``, as Excel writes a
    formatted number). A tab-separated file keeps commas as thousands separators: Japanese Excel
    writes them so, and ``1,234`` read as 1.234 would be silently wrong.
    """
    text = pd.Series(values, dtype=object).astype(str)
    if grid.separator == ";":
        dots = text.str.match(_THOUSANDS_DOT.pattern)
        text = text.where(~dots, text.str.replace(".", "", regex=False))
        comma = text.str.match(_DECIMAL_COMMA.pattern)
        text = text.where(~comma, text.str.replace(",", ".", regex=False))
        return text.to_numpy(dtype=object), bool(comma.any()), bool(dots.any())
    thousands = text.str.match(_THOUSANDS_COMMA.pattern)
    text = text.where(~thousands, text.str.replace(",", "", regex=False))
    return text.to_numpy(dtype=object), False, bool(thousands.any())


def _to_long(grid: Grid, options: UploadOptions, catalog: pd.DataFrame) -> _Long:
    roles = _roles(grid)
    rest = [j for j, name in enumerate(grid.header) if header_role(name) is None]
    file = grid.file
    if "iso3" not in roles:
        _refuse(file, "upload.shape_unknown", found=", ".join(grid.header))
    if "value" in roles:
        shape = "long"
    elif rest and all(header_year(grid.header[j]) for j in rest):
        shape = "wide_years"
    elif rest and "indicator" not in roles:
        shape = "wide_indicators"
    else:
        _refuse(file, "upload.shape_unknown", found=", ".join(grid.header))
    if options.indicator and "indicator" in roles:
        _refuse(file, "upload.indicator_twice", grid.header[roles["indicator"]], indicator=options.indicator)
    if options.indicator and options.indicator not in catalog.index:
        _refuse(file, "upload.unknown_form_indicator", indicator=options.indicator)
    if options.year is not None and ("year" in roles or shape == "wide_years"):
        column = grid.header[roles["year"]] if "year" in roles else None
        _refuse(file, "upload.year_twice", column, year=options.year)
    if shape != "wide_indicators" and "indicator" not in roles and not options.indicator:
        _refuse(file, "upload.need_indicator")
    if shape != "wide_years" and "year" not in roles and options.year is None:
        _refuse(file, "upload.need_year")

    cells = np.array(grid.rows, dtype=object).reshape(len(grid.rows), len(grid.header))
    numbers = np.asarray(grid.row_numbers)
    header = grid.header

    def column(role: str) -> np.ndarray | None:
        return cells[:, roles[role]] if role in roles else None

    if shape == "long":
        ignored = tuple(header[j] for j in rest)
        picks = [(slice(None), roles["value"], None)]
    elif shape == "wide_years":
        ignored = ()
        picks = [(slice(None), j, header_year(header[j])) for j in rest]
    else:
        ignored = (header[roles["unit"]],) if "unit" in roles else ()
        picks = [(slice(None), j, None) for j in rest]
    parts, blank = [], 0
    for _, j, year in picks:
        value = cells[:, j]
        keep = np.ones(len(value), bool) if shape == "long" else value != ""
        blank += int((~keep).sum())
        n = int(keep.sum())
        if shape == "wide_indicators":
            indicator = np.full(n, header[j], dtype=object)
        elif "indicator" in roles:
            indicator = column("indicator")[keep]
        else:
            indicator = np.full(n, options.indicator, dtype=object)
        if year is not None:
            years = np.full(n, year, dtype=object)
        elif "year" in roles:
            years = column("year")[keep]
        else:
            years = np.full(n, str(options.year), dtype=object)
        head = header[j]
        parts.append(
            {
                "iso3": column("iso3")[keep],
                "indicator": indicator,
                "year": years,
                "value": value[keep],
                "unit": column("unit")[keep] if "unit" in roles and shape != "wide_indicators" else None,
                "row": numbers[keep],
                "head": np.full(n, head, dtype=object),
            }
        )
    joined = {k: np.concatenate([p[k] for p in parts]) for k in ("iso3", "indicator", "year", "value", "row", "head")}
    values, decimal_comma, thousands = _numbers(joined["value"], grid)
    frame = pd.DataFrame(
        {
            "iso3": joined["iso3"],
            "indicator": joined["indicator"],
            "year": joined["year"],
            "value": values,
        }
    )
    units_given = parts[0]["unit"] is not None
    if units_given:
        frame["unit"] = np.concatenate([p["unit"] for p in parts])
    else:  # the file states no unit: the catalogue's
        frame["unit"] = frame["indicator"].astype(str).str.strip().map(catalog["unit"]).fillna("")
    heads = joined["head"]
    names: dict[str, np.ndarray | str | None] = {
        "iso3": header[roles["iso3"]],
        "value": heads,
        "indicator": heads
        if shape == "wide_indicators"
        else header[roles["indicator"]]
        if "indicator" in roles
        else None,
        "year": heads if shape == "wide_years" else header[roles["year"]] if "year" in roles else None,
        "unit": header[roles["unit"]] if units_given else None,
    }
    return _Long(shape, frame, joined["row"], names, decimal_comma, thousands, blank, ignored)


def _remap(issue: ValidationIssue, rows: np.ndarray, columns: dict[str, np.ndarray | str | None]) -> ValidationIssue:
    """An issue about long row ``i`` as the file shows it: its own row number and header."""
    if issue.row is None:
        return issue
    i = issue.row - 2
    column = issue.column
    if column in columns:
        name = columns[column]
        column = str(name[i]) if isinstance(name, np.ndarray) else name
    params = dict(issue.params)
    if "first" in params:
        params["first"] = int(rows[int(params["first"]) - 2])
    return replace(issue, row=int(rows[i]), column=column, params=params)


# --- new indicators (an Excel sheet "catalog") ----------------------------------------------------


def _with_new_indicators(dataset: Dataset, grid: Grid) -> tuple[pd.DataFrame, pd.DataFrame | None, list]:
    """The catalogue extended by the workbook's sheet ``catalog`` (if any), its new rows, and its issues."""
    sheet = grid.extra_sheets.get("catalog")
    if sheet is None:
        return dataset.catalog, None, []
    extra = pd.DataFrame(sheet.rows, columns=[h.strip() for h in sheet.header])
    raw = validate_catalog_rows(extra, sheet.file, dataset.catalog.index, PILLARS)
    rows = np.asarray(sheet.row_numbers)
    issues = [_remap(i, rows, {}) for i in raw]
    if issues:
        return dataset.catalog, None, issues
    extra = extra.assign(
        direction=pd.to_numeric(extra["direction"]).astype(int),
        source_id="upload",
        licence=extra.get("licence", ""),
        description=extra.get("description", ""),
        theme=extra.get("theme", ""),
        min_value=pd.to_numeric(extra.get("min_value", np.nan), errors="coerce"),
        max_value=pd.to_numeric(extra.get("max_value", np.nan), errors="coerce"),
        max_age=upload_windows(extra),
        ended=np.nan,
        ended_note="",
        max_age_note="",
    ).set_index("indicator")
    new = extra[dataset.catalog.columns.intersection(extra.columns)]
    return pd.concat([dataset.catalog, new]), new, []


def upload_windows(catalog: pd.DataFrame) -> pd.Series:
    """Windows of uploaded indicators: as given (``none`` = no limit), else the default."""
    if "max_age" not in catalog:
        return pd.Series(float(DEFAULT_MAX_AGE), index=catalog.index)
    given = catalog["max_age"].fillna("").astype(str).str.strip()
    return parse_windows(given).where(given.ne(""), float(DEFAULT_MAX_AGE))


# --- templates ------------------------------------------------------------------------------------


def template(shape: str, indicators: tuple[str, ...] = ("internet_users", "mobile_subscriptions")) -> bytes:
    """A header-only CSV (UTF-8 with BOM, so Excel opens it right) for ``shape``; no example numbers,
    so nothing invented can be uploaded by mistake."""
    headers = {
        "long": list(UPLOAD_COLUMNS),
        "wide_indicators": ["iso3", "country", "year", *indicators],
        "wide_years": ["iso3", "country", "2020", "2021", "2022", "2023", "2024"],
    }[shape]
    buffer = io.StringIO()
    pd.DataFrame(columns=headers).to_csv(buffer, index=False)
    return buffer.getvalue().encode("utf-8-sig")
