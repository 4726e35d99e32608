"""CSV and Excel files: :func:`to_csv_bytes` (UTF-8 with a byte order mark, so Japanese Excel
opens it correctly) and :func:`workbook_bytes` (shortlists, decomposition, weights and settings,
plan, sources with years and licences, judgement tables), every text cell formula-safe."""

from __future__ import annotations

import io
import math
import unicodedata
from collections.abc import Mapping
from datetime import datetime
from typing import Any

import numpy as np
import pandas as pd

from strategy.data.dataset import Dataset
from strategy.export.safety import neutralise, safe_sheet_name
from strategy.export.tables import (
    field_judgements,
    market_shortlist,
    pair_shortlist,
    plan_packages_table,
    plan_table,
    rival_judgements,
    score_decomposition,
    settings_table,
    sources_table,
)
from strategy.i18n import Lang, t
from strategy.scenario import Evaluation


def _cell(value: Any) -> Any:
    """A value openpyxl can write: None for missing, Python scalars, neutralised text."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, bool | int | float | datetime):
        return value
    return neutralise(str(value))


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy with every text cell and header neutralised against formula injection."""
    out = frame.copy()
    out.columns = [neutralise(str(c)) for c in out.columns]
    for column in out.columns:
        series = out[column]
        if pd.api.types.is_bool_dtype(series) or pd.api.types.is_numeric_dtype(series):
            continue
        out[column] = series.astype(object).map(lambda v: v if v is None or v is pd.NA else neutralise(v))
    return out


def to_csv_bytes(frame: pd.DataFrame) -> bytes:
    """CSV in UTF-8 with a byte order mark (Japanese Excel reads it as UTF-8), formula-safe."""
    text = safe_frame(frame).to_csv(index=False, lineterminator="\r\n")
    return ("\ufeff" + text).encode("utf-8")


def _column_cells(series: pd.Series) -> list[Any]:
    """A column as values openpyxl writes as they are (numbers stay numbers, text is neutralised)."""
    if pd.api.types.is_bool_dtype(series) and not series.isna().any():
        return series.astype(bool).tolist()
    if pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(series):
        values = series.astype("float64").to_numpy()
        ints = pd.api.types.is_integer_dtype(series)
        return [None if not math.isfinite(v) else int(v) if ints else float(v) for v in values]
    return [_cell(v) for v in series.to_numpy(dtype=object)]


def workbook_from_frames(sheets: Mapping[str, pd.DataFrame]) -> bytes:
    """An .xlsx file with one sheet per frame: bold frozen header, filters, sized columns, every
    text cell and header formula-safe. Sheet names are made valid (:func:`safe_sheet_name`).

    Written in openpyxl's streaming (write-only) mode: numbers keep full precision, General format.
    """
    # imported here, not at start-up: only an Excel export needs openpyxl
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    header_fill = PatternFill("solid", fgColor="DDE7F0")
    wb = Workbook(write_only=True)
    used: list[str] = []
    for name, frame in sheets.items():
        title = safe_sheet_name(name, used)
        used.append(title)
        ws = wb.create_sheet(title)
        headers = [_cell(str(c)) for c in frame.columns]
        columns = [_column_cells(frame.iloc[:, j]) for j in range(frame.shape[1])]
        for j, header in enumerate(headers, start=1):
            sample = [_display_width(v) for v in [header, *columns[j - 1][:200]] if v is not None]
            ws.column_dimensions[get_column_letter(j)].width = min(60, max([*sample, 6]) + 2)
        ws.freeze_panes = "A2"
        if headers:
            ws.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{max(1, len(frame) + 1)}"
        header_cells = []
        for header in headers:
            cell = WriteOnlyCell(ws, value=header)
            cell.font = Font(bold=True)
            cell.fill = header_fill
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            header_cells.append(cell)
        ws.append(header_cells)
        for row in zip(*columns, strict=True):
            ws.append(row)
    if not used:
        wb.create_sheet("Sheet")
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _display_width(value: Any) -> int:
    """Roughly how many character cells ``value`` takes (Japanese characters count twice)."""
    text = value if isinstance(value, str) else f"{value:.6g}" if isinstance(value, float) else str(value)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def workbook_sheets(
    dataset: Dataset, evaluation: Evaluation, lang: Lang = "ja", plan: Any = None, generated: datetime | None = None
) -> dict[str, pd.DataFrame]:
    """The workbook's sheets by (localised) name, in order."""
    sheets = {
        t("ex.sheet.markets", lang): market_shortlist(dataset, evaluation, lang),
        t("ex.sheet.pairs", lang): pair_shortlist(dataset, evaluation, lang),
        t("ex.sheet.decomposition", lang): score_decomposition(dataset, evaluation, lang),
        t("ex.sheet.settings", lang): settings_table(dataset, evaluation, lang, plan, generated),
    }
    if plan is not None:
        sheets[t("ex.sheet.plan", lang)] = plan_table(dataset, plan, lang)
        if len(getattr(plan, "packages", ())):
            sheets[t("ex.sheet.packages", lang)] = plan_packages_table(dataset, plan, lang)
    sheets[t("ex.sheet.sources", lang)] = sources_table(dataset, evaluation, lang)
    sheets[t("ex.sheet.fields", lang)] = field_judgements(dataset, evaluation.scenario, lang)
    sheets[t("ex.sheet.rivals", lang)] = rival_judgements(dataset, lang)
    return sheets


def workbook_bytes(
    dataset: Dataset, evaluation: Evaluation, lang: Lang = "ja", plan: Any = None, generated: datetime | None = None
) -> bytes:
    """The Excel workbook of a scenario (see :func:`workbook_sheets`)."""
    return workbook_from_frames(workbook_sheets(dataset, evaluation, lang, plan, generated))
