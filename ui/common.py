"""Helpers shared by the Streamlit pages: language, the cached dataset, session uploads, labels.

This module is not a page: with ``st.navigation`` only the pages listed in ``app.py`` are pages.
It holds no scoring logic; it only turns library results into labelled, language-specific tables.
Every user-visible text comes from the catalogues in ``ui/texts/`` (:data:`ui.texts.TEXT`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import streamlit as st

from strategy.data.dataset import FILES, Dataset, load_dataset
from strategy.data.paths import DATA_DIR_ENV, data_folder  # noqa: F401 (tests point the app elsewhere with it)
from strategy.data.upload import UploadPreview
from strategy.data.validation import DataValidationError, ValidationIssue
from strategy.i18n import DEFAULT_LANG, LANGS, Lang
from ui.session import Key
from ui.texts import t

# --- language -------------------------------------------------------------------------------


def lang() -> Lang:
    """The language chosen in the sidebar (session state), defaulting to Japanese."""
    value = st.session_state.get(Key.LANG)
    return value if value in LANGS else DEFAULT_LANG


def tr(key: str, **values: object) -> str:
    """Translate ``key`` into the session's language."""
    return t(key, lang(), **values)


def init_language() -> Lang:
    """Take the language from the URL (``?lang=en``) on a session's first run."""
    if Key.LANG not in st.session_state:
        requested = st.query_params.get(Key.LANG)
        st.session_state[Key.LANG] = requested if requested in LANGS else DEFAULT_LANG
    return lang()


def language_switch() -> Lang:
    """The sidebar language switch; keeps the URL query parameter ``lang`` in step."""
    init_language()
    st.sidebar.radio(
        t("ui.lang_label", lang()),  # the same in both languages, so the widget keeps its identity
        LANGS,
        key=Key.LANG,
        format_func=lambda code: t(f"ui.lang.{code}", code),
        horizontal=True,
    )
    if st.query_params.get(Key.LANG) != lang():
        st.query_params[Key.LANG] = lang()
    return lang()


# --- dataset --------------------------------------------------------------------------------


@dataclass(frozen=True)
class LoadResult:
    """The bundled dataset, or why it could not be loaded."""

    dataset: Dataset | None
    issues: tuple[ValidationIssue, ...] = ()
    unexpected: str | None = None


def _signature(folder: Path) -> tuple[tuple[str, int, int], ...]:
    """Size and modification time of every data file, so an edited file is reloaded."""
    out = []
    for name in FILES.values():
        try:
            stat = (folder / name).stat()
            out.append((name, stat.st_size, stat.st_mtime_ns))
        except OSError:
            out.append((name, -1, -1))
    return tuple(out)


@st.cache_resource(show_spinner=False, max_entries=4)
def _load(folder: str, signature: tuple) -> LoadResult:
    try:
        return LoadResult(load_dataset(folder))
    except DataValidationError as exc:
        return LoadResult(None, tuple(exc.issues))
    except Exception as exc:  # never show a traceback to a planner; name the problem instead
        return LoadResult(None, unexpected=f"{type(exc).__name__}: {exc}")


def load_bundled() -> LoadResult:
    """Load (once, cached across sessions) and validate the bundled data."""
    folder = data_folder()
    return _load(str(folder), _signature(folder))


def show_load_error(result: LoadResult) -> None:
    """A friendly, translated error box listing every problem (never a traceback)."""
    if result.unexpected is not None:
        st.error(tr("ui.data_error.unexpected", detail=result.unexpected))
    else:
        messages = [issue.message(lang()) for issue in result.issues]
        st.error(bullets(tr("ui.data_error.title", n=len(messages)), messages))
    st.info(tr("ui.data_error.hint"))


@dataclass
class UploadState:
    """What the user uploaded in this session (kept in session state, never written to disk)."""

    base_version: str
    dataset: Dataset
    added: list[dict[str, object]] = field(default_factory=list)
    seen_file_ids: set[str] = field(default_factory=set)
    last_error: tuple[str, tuple[ValidationIssue, ...]] | None = None
    #: the preview of the file in the uploader, and what it was made from (file id, options, data version)
    preview: UploadPreview | None = None
    preview_key: tuple | None = None
    last_success: tuple[str, int] | None = None
    dropped: bool = False  # earlier uploads were dropped because the bundled data changed


def upload_state(base: Dataset) -> UploadState:
    """This session's upload state on top of ``base`` (reset if the bundled data changed)."""
    state = st.session_state.get(Key.UPLOAD_STATE)
    if state is None or state.base_version != base.version:
        state = UploadState(base.version, base, dropped=bool(state is not None and state.added))
        st.session_state[Key.UPLOAD_STATE] = state
    return state


def current_dataset() -> Dataset:
    """The dataset pages should show: the bundled data plus this session's uploads."""
    base = load_bundled().dataset
    if base is None:  # app.py stops before running a page in this case
        st.stop()
    return upload_state(base).dataset


# --- labels ---------------------------------------------------------------------------------

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|~$])")


def escape_markdown(text: str) -> str:
    """Escape text from data or messages so Streamlit markdown shows it literally."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", str(text))


def bullets(title: str, items: list[str]) -> str:
    """A markdown message: a title line and one bullet per item (each escaped)."""
    return "\n".join([escape_markdown(title), "", *(f"- {escape_markdown(item)}" for item in items)])
