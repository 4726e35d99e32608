"""The indicator upload of the Data & sources page: templates, the form, the preview before applying.

Not a page. The library reads and checks the file (:func:`strategy.data.upload.preview_upload`);
this module only draws what it found, in the session's language.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from strategy.data.dataset import Dataset
from strategy.data.upload import SHAPES, UploadOptions, UploadPreview, template
from strategy.data.upload_read import MAX_COLUMNS, MAX_ROWS, MAX_UPLOAD_MB, is_xlsx, sheet_names
from strategy.data.validation import DataValidationError
from strategy.i18n import Lang
from ui.common import bullets, escape_markdown
from ui.labels import indicator_names
from ui.texts import t
from ui.views.data import template_xlsx

#: How many problems the error box lists (the preview has at most 200, and says when there are more).
SHOWN_ISSUES = 60
ENCODINGS = {"utf-8": "UTF-8", "utf-8-bom": "UTF-8 (BOM)", "utf-16": "UTF-16", "cp932": "Shift-JIS (CP932)"}
SEPARATORS = {",": "comma", ";": "semicolon", "\t": "tab"}


def templates(language: Lang) -> None:
    """Download buttons for a header-only template of each accepted shape (and the Excel one)."""
    with st.container(horizontal=True):
        for shape in SHAPES:
            st.download_button(
                t(f"ui.upload.template.{shape}", language),
                template(shape),
                f"indicator_upload_{shape}.csv",
                "text/csv",
                key=f"upload_template_{shape}",
                on_click="ignore",  # nothing on the page changes after a download
            )
        st.download_button(
            t("ui.upload.template_xlsx", language),
            template_xlsx(),
            "indicator_upload_template.xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            key="upload_template_xlsx",
            on_click="ignore",
        )
    st.caption(t("ui.upload.limits", language, mb=MAX_UPLOAD_MB, rows=f"{MAX_ROWS:,}", columns=MAX_COLUMNS))


@st.cache_data(show_spinner=False, max_entries=4)
def _sheets(name: str, content: bytes) -> list[str]:
    try:
        return sheet_names(name, content)
    except DataValidationError:
        return []  # the preview says why the workbook cannot be read


def form(ds: Dataset, name: str, content: bytes, language: Lang) -> UploadOptions:
    """The form beside a file: its one indicator, its one year, the sheet of a workbook."""
    names = indicator_names(ds.catalog, language)
    sheets = [s for s in _sheets(name, content) if s.strip().lower() != "catalog"] if is_xlsx(name, content) else []
    left, middle, right = st.columns(3)
    indicator = left.selectbox(
        t("ui.upload.form_indicator", language),
        ["", *ds.catalog.index],
        format_func=lambda i: t("ui.upload.form_indicator_none", language) if not i else f"{names.get(i, i)} ({i})",
        help=t("ui.upload.form_indicator_help", language),
        key="upload_indicator",
    )
    year = middle.number_input(
        t("ui.upload.form_year", language),
        min_value=1960,
        max_value=2100,
        value=None,
        step=1,
        help=t("ui.upload.form_year_help", language),
        key="upload_year",
    )
    sheet = None
    if len(sheets) > 1:
        default = next((i for i, s in enumerate(sheets) if s.strip().lower() == "values"), 0)
        sheet = right.selectbox(t("ui.upload.form_sheet", language), sheets, index=default, key="upload_sheet")
    return UploadOptions(indicator or None, None if year is None else int(year), sheet)


def preview(result: UploadPreview, ds: Dataset, language: Lang) -> None:
    """What the upload would add (rows, countries, years, indicators), how the file was read, and
    every problem with the rows it refuses."""
    summary = result.summary
    if result.shape is not None and summary:
        names = indicator_names(ds.catalog, language)
        indicators = [names.get(i, i) for i in summary["indicators"]]
        years = (
            "-"
            if summary["year_min"] is None
            else t("ui.upload.years", language, start=summary["year_min"], end=summary["year_max"])
        )
        st.markdown(f"**{t('ui.upload.preview_title', language)}**")
        st.markdown(
            escape_markdown(
                t(
                    "ui.upload.preview",
                    language,
                    shape=t(f"ui.upload.shape.{result.shape}", language),
                    rows=f"{summary['rows']:,}",
                    countries=summary["countries"],
                    years=years,
                    n=len(indicators),
                    indicators=t("fmt.list_sep", language).join(indicators[:12]),
                )
            )
        )
        st.caption(escape_markdown(read_as(result, language)))
        if len(result.values):
            st.dataframe(_head(result.values, language), hide_index=True, key="upload_preview_rows")
    if result.issues:
        messages = [i.message(language) for i in result.issues]
        shown = messages[:SHOWN_ISSUES]
        if len(messages) > SHOWN_ISSUES:
            shown.append(t("ui.upload.more", language, n=len(messages) - SHOWN_ISSUES))
        st.error(bullets(t("ui.upload.problems", language, n=len(messages)), shown))
        if result.refused_rows:
            rows = ", ".join(str(r) for r in result.refused_rows[:40])
            st.caption(t("ui.upload.refused_rows", language, n=len(result.refused_rows), rows=rows))
        if any(i.code == "upload.shape_unknown" for i in result.issues):
            st.info(t("ui.upload.shape_hint", language))


def read_as(result: UploadPreview, language: Lang) -> str:
    """How the file was read: its character set and separator, or its sheet, and what was skipped."""
    if result.kind == "xlsx":
        parts = [t("ui.upload.read_sheet", language, sheet=result.sheet)]
    else:
        separator = t(f"ui.upload.sep.{SEPARATORS.get(result.separator, 'comma')}", language)
        parts = [t("ui.upload.read_csv", language, encoding=ENCODINGS.get(result.encoding, "?"), separator=separator)]
    if result.decimal_comma:
        parts.append(t("ui.upload.read_decimal_comma", language))
    if result.thousands_separators:
        parts.append(t("ui.upload.read_thousands", language))
    if result.blank_cells:
        parts.append(t("ui.upload.read_blank", language, n=result.blank_cells))
    if result.ignored_columns:
        parts.append(t("ui.upload.read_ignored", language, columns=", ".join(result.ignored_columns)))
    return t("ui.upload.read_as", language, details=t("fmt.list_sep", language).join(parts))


def _head(values: pd.DataFrame, language: Lang) -> pd.DataFrame:
    """The first long rows, as they would be added."""
    head = values.head(10)[["iso3", "indicator", "year", "value", "unit"]].astype(str)
    head.columns = [
        t("ui.col.iso3", language),
        t("ui.col.indicator_id", language),
        t("ui.col.year", language),
        t("ui.upload.col_value", language),
        t("ui.col.unit", language),
    ]
    return head
