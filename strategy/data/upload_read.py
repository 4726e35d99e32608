"""Reading an uploaded file into a grid of text cells, with the limits checked before the work starts.

The first step of an indicator upload (:mod:`strategy.data.upload` recognises the table's shape):
the bytes become a header and rows of text cells, each row with the row number a spreadsheet shows.
CSV and TSV files may be UTF-8 (with or without BOM), UTF-16 (Excel's "Unicode text") or CP932
(Shift-JIS), separated by ``,``, ``;`` or tabs (sniffed from the header line); ``.xlsx`` workbooks
are read with openpyxl, one sheet chosen by name.

Every problem is a :class:`ValidationIssue` whose message key lives in
``strategy/i18n/messages/upload.toml``: no exception class name or parser wording reaches a user.
A row with more non-empty cells than the header is refused with the row named rather than shifted;
empty cells past the header (a trailing comma) are dropped.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass, field

from strategy.data.validation import DataValidationError, ValidationIssue

#: Largest file accepted, checked on the byte count before anything is decoded or parsed.
MAX_UPLOAD_MB = 20
MAX_UPLOAD_BYTES = MAX_UPLOAD_MB * 1024 * 1024
#: Most data rows (a long table of 100,000 rows is ~200 countries × 20 indicators × 25 years).
MAX_ROWS = 100_000
#: Most columns of the table (a wide table of indicators or of years stays far below).
MAX_COLUMNS = 400
#: Most cells (rows × columns), so a wide file at the size limit cannot take the memory of ten long ones.
MAX_CELLS = 1_000_000
#: Largest uncompressed content of an ``.xlsx`` (a workbook is a zip; this stops a "zip bomb").
MAX_XLSX_UNPACKED_BYTES = 200 * 1024 * 1024

SEPARATORS = (",", ";", "\t")
_YEAR_FLOAT = re.compile(r"^-?\d+\.0+$")


@dataclass(frozen=True)
class Grid:
    """A table as text cells: the header as written, the data rows (each as long as the header) and
    each data row's number as a spreadsheet shows it (the header is row ``header_row``)."""

    file: str
    header: list[str]
    rows: list[list[str]]
    row_numbers: list[int]
    kind: str  # "csv" or "xlsx"
    encoding: str = ""  # "utf-8", "utf-8-bom", "utf-16", "cp932" (CSV only)
    separator: str = ""  # CSV only
    sheet: str = ""  # xlsx only
    sheets: tuple[str, ...] = ()
    extra_sheets: dict[str, Grid] = field(default_factory=dict)  # other sheets by lower-case name


def _issue(file: str, code: str, row: int | None = None, column: str | None = None, **params: object):
    return ValidationIssue(file, code, row, column, params)


def _refuse(file: str, code: str, row: int | None = None, column: str | None = None, **params: object):
    raise DataValidationError([_issue(file, code, row, column, **params)])


def check_size(file: str, size: int) -> None:
    """Refuse a file over :data:`MAX_UPLOAD_BYTES` (before it is read)."""
    if size > MAX_UPLOAD_BYTES:
        _refuse(file, "upload.too_big", size=f"{size / 1024 / 1024:.1f}", limit=MAX_UPLOAD_MB)


def is_xlsx(file: str, content: bytes) -> bool:
    """Whether the upload is (or claims to be) an Excel workbook."""
    return content[:4] == b"PK\x03\x04" or file.lower().endswith((".xlsx", ".xlsm"))


def read_grid(file: str, content: bytes, sheet: str | None = None) -> Grid:
    """The upload as a :class:`Grid`; raises :class:`DataValidationError` with one clear issue when
    the file is too large, empty, not a table, or not readable."""
    check_size(file, len(content))
    if not content.strip():
        _refuse(file, "upload.empty_file")
    if content[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":  # the OLE container of Excel 97-2003
        _refuse(file, "upload.old_xls")
    if is_xlsx(file, content):
        return _read_xlsx(file, content, sheet)
    return _read_text(file, content)


# --- CSV / TSV ------------------------------------------------------------------------------------


def decode(file: str, content: bytes) -> tuple[str, str]:
    """The text of a CSV and the name of its character set (``utf-8-bom``, ``utf-8``, ``utf-16``,
    ``cp932``)."""
    if content[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            return content.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            _refuse(file, "upload.not_text")
    if b"\x00" in content[:8192]:
        _refuse(file, "upload.binary")
    if content.startswith(b"\xef\xbb\xbf"):
        candidates = (("utf-8-sig", "utf-8-bom"),)
    else:
        candidates = (("utf-8", "utf-8"), ("cp932", "cp932"))
    for codec, label in candidates:
        try:
            return content.decode(codec), label
        except UnicodeDecodeError:
            continue
    _refuse(file, "upload.not_text")
    raise AssertionError  # unreachable: _refuse raises


def sniff_separator(header_line: str) -> str:
    """The separator of a CSV from its header line: the most frequent of tab, ``;`` and ``,`` outside
    quotes (a tab or ``;`` wins a tie, since a header rarely holds them inside a name)."""
    outside, quoted = [], False
    for char in header_line:
        if char == '"':
            quoted = not quoted
        elif not quoted:
            outside.append(char)
    text = "".join(outside)
    counts = {sep: text.count(sep) for sep in ("\t", ";", ",")}
    best = max(counts, key=lambda s: counts[s])  # dict order breaks ties: tab, then ;, then ,
    return best if counts[best] else ","


def _read_text(file: str, content: bytes) -> Grid:
    lines = content.count(b"\n") + 1
    if lines > MAX_ROWS + 2:  # a cheap upper bound, before decoding (blank lines count too)
        _refuse(file, "upload.too_many_rows", rows=f"{lines - 1:,}", limit=f"{MAX_ROWS:,}")
    text, encoding = decode(file, content)
    first_line = text.lstrip("\r\n").split("\n", 1)[0]
    separator = sniff_separator(first_line)
    header_cells = first_line.count(separator) + 1
    if header_cells > MAX_COLUMNS:
        _refuse(file, "upload.too_many_columns", columns=header_cells, limit=MAX_COLUMNS)
    if header_cells * lines > MAX_CELLS * 1.2:  # a rough check before parsing; exact one below
        _refuse(file, "upload.too_many_cells", cells=f"{header_cells * lines:,}", limit=f"{MAX_CELLS:,}")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator, strict=True)
    records: list[tuple[int, list[str]]] = []
    last = 0  # the line the last complete record ended on: a broken one starts on the next
    try:
        for cells in reader:
            records.append((last + 1, cells))
            last = reader.line_num
    except csv.Error:
        _refuse(file, "upload.bad_quote", row=last + 1)
    return _grid_from_records(file, records, kind="csv", encoding=encoding, separator=separator)


def _grid_from_records(file: str, records: list[tuple[int, list[str]]], **meta: object) -> Grid:
    """Header and rows from (row number, cells) records: blank rows dropped, trailing empty cells
    trimmed, ragged rows and values under an empty header refused with the row named."""
    records = [(n, [c.strip() for c in cells]) for n, cells in records]
    records = [(n, cells) for n, cells in records if any(cells)]
    if not records:
        _refuse(file, "upload.empty_file")
    header_row, header = records[0]
    data = records[1:]
    if len(data) > MAX_ROWS:
        _refuse(file, "upload.too_many_rows", rows=f"{len(data):,}", limit=f"{MAX_ROWS:,}")
    width = len(header)
    issues: list[ValidationIssue] = []
    rows, numbers = [], []
    for number, cells in data:
        if len(issues) >= 50:  # enough to show what is wrong; the rest would only repeat it
            break
        if len(cells) > width:
            extra = [c for c in cells[width:] if c]
            if extra:  # a value past the header: the columns of this row would shift
                issues.append(
                    _issue(file, "upload.ragged_long", number, cells=len(cells), columns=width, extra=extra[0])
                )
                continue
            cells = cells[:width]
        elif len(cells) < width:
            issues.append(_issue(file, "upload.ragged_short", number, cells=len(cells), columns=width))
            continue
        rows.append(cells)
        numbers.append(number)
    if issues:
        raise DataValidationError(issues)
    keep = [j for j, name in enumerate(header) if name or any(r[j] for r in rows)]
    for j in keep:
        if not header[j]:
            first = next(numbers[i] for i, r in enumerate(rows) if r[j])
            issues.append(_issue(file, "upload.unnamed_column", first, position=j + 1))
    if issues:
        raise DataValidationError(issues)
    if len(keep) < width:  # empty columns without a header: a trailing separator
        header = [header[j] for j in keep]
        rows = [[r[j] for j in keep] for r in rows]
    if len(rows) * len(header) > MAX_CELLS:
        _refuse(file, "upload.too_many_cells", cells=f"{len(rows) * len(header):,}", limit=f"{MAX_CELLS:,}")
    if not rows:
        _refuse(file, "upload.no_rows")
    return Grid(file, header, rows, numbers, **meta)  # type: ignore[arg-type]


# --- xlsx -----------------------------------------------------------------------------------------


def cell_text(value: object) -> str:
    """An Excel cell as the text a CSV would hold (2024.0 → "2024", a date → "2024-03-31")."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).upper()
    if isinstance(value, float):
        text = repr(value)
        return text[: text.index(".")] if _YEAR_FLOAT.match(text) else text
    if isinstance(value, dt.datetime | dt.date):
        return value.strftime("%Y-%m-%d")
    return str(value).strip()


def sheet_names(file: str, content: bytes) -> list[str]:
    """The sheet names of a workbook (for the sheet choice), or a clear refusal."""
    return list(_open_workbook(file, content).sheetnames)


def _open_workbook(file: str, content: bytes):
    import openpyxl  # only workbooks need it

    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError):
        _refuse(file, "upload.bad_xlsx")
    if unpacked > MAX_XLSX_UNPACKED_BYTES:
        _refuse(file, "upload.xlsx_unpacked", size=unpacked // 1024 // 1024, limit=MAX_XLSX_UNPACKED_BYTES // 2**20)
    try:
        return openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception:  # openpyxl raises KeyError, BadZipFile, InvalidFileException, ... for a non-workbook
        _refuse(file, "upload.bad_xlsx")


def _sheet_records(file: str, workbook, name: str) -> list[tuple[int, list[str]]]:
    sheet = workbook[name]
    rows, columns = sheet.max_row or 0, sheet.max_column or 0
    if columns > MAX_COLUMNS:
        _refuse(file, "upload.too_many_columns", columns=columns, limit=MAX_COLUMNS)
    if rows > MAX_ROWS + 1:
        _refuse(file, "upload.too_many_rows", rows=f"{rows - 1:,}", limit=f"{MAX_ROWS:,}")
    records = []
    try:
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            if number > MAX_ROWS + 1:  # the sheet's dimension was missing or wrong
                _refuse(file, "upload.too_many_rows", rows=f"> {MAX_ROWS:,}", limit=f"{MAX_ROWS:,}")
            records.append((number, [cell_text(v) for v in values]))
    except DataValidationError:
        raise
    except Exception:  # a damaged sheet part
        _refuse(file, "upload.bad_xlsx")
    return records


def _read_xlsx(file: str, content: bytes, sheet: str | None) -> Grid:
    workbook = _open_workbook(file, content)
    try:
        names = list(workbook.sheetnames)
        by_lower = {n.strip().lower(): n for n in names}
        if sheet is not None and sheet not in names:
            _refuse(file, "upload.no_sheet", sheet=sheet, sheets=", ".join(names))
        # the values: the chosen sheet, else one named "values", else the first that is not "catalog"
        chosen = sheet or by_lower.get("values") or next((n for n in names if n.strip().lower() != "catalog"), None)
        if chosen is None:
            _refuse(file, "upload.no_rows")
        label = f"{file} [{chosen}]" if len(names) > 1 else file
        grid = _grid_from_records(label, _sheet_records(label, workbook, chosen), kind="xlsx")
        extra = {}
        if "catalog" in by_lower and by_lower["catalog"] != chosen:
            catalog_name = by_lower["catalog"]
            extra["catalog"] = _grid_from_records(
                f"{file} [{catalog_name}]", _sheet_records(file, workbook, catalog_name), kind="xlsx"
            )
    finally:
        workbook.close()
    return Grid(
        grid.file, grid.header, grid.rows, grid.row_numbers, "xlsx", sheet=chosen, sheets=tuple(names),
        extra_sheets=extra,
    )  # fmt: skip
