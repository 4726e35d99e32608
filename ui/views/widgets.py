"""Pickers several pages share: which section of a page is drawn, which countries a chart shows.

Not a page. Each widget keeps its value for the session under the key it is given (see
:class:`ui.session.Key`), so coming back to a page shows the same section and countries.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import pandas as pd
import streamlit as st

from strategy.data.dataset import Dataset
from strategy.i18n import Lang
from strategy.scoring import MarketScores
from ui.labels import field_names
from ui.texts import t

#: The country sets a heatmap can show: the focus markets, or the top N by market score.
COUNTRY_SETS = ("focus", "top10", "top25", "top50")


def lazy_expander(label: str, key: str) -> Any:
    """An expander whose content is built only while it is open. Streamlit runs a closed
    expander's content on every rerun unless the expander's state is tracked (``on_change``
    and a ``key``); tracked, a closed one costs nothing, and opening it reruns the page once.
    Use as ``with lazy_expander(label, key) as box:`` then ``if box.open:``."""
    return st.expander(label, key=key, on_change="rerun")


def _css_string(text: str) -> str:
    """``text`` as a CSS string literal (for ``content:``): quotes, backslashes and line breaks escaped."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3c ").replace("\n", " ") + '"'


def file_uploader(label: str, types: Sequence[str], key: str, limit: str, language: Lang, **kwargs: Any) -> Any:
    """``st.file_uploader`` that speaks the user's language and states the app's own ``limit``
    (e.g. "20 MB").

    Streamlit's browser side is English only: the drop-zone line ("200MB per file", the server's
    cap, above the app's limit on purpose), the "Upload" button and the refusal of a file over the
    server's cap ("File must be 200.0MB or smaller", on a red file chip). CSS rules scoped to this
    uploader's ``st-key-`` class hide that line (a caption says it instead), and draw the button's
    label and the refusal in the user's language over the English ones. The English refusal stays
    in the chip's hover tooltip and for screen readers: Streamlit offers no way to translate it."""
    button = _css_string(t("ui.upload.button", language))
    refused = _css_string(t("ui.upload.too_large", language, limit=limit, server_limit=_server_limit()))
    scope = f".st-key-{key}"
    st.html(
        "<style>"
        f"{scope} [data-testid='stFileUploaderDropzoneInstructions']{{display:none}}"
        f"{scope} [data-testid='stFileUploaderDropzone'] button p{{font-size:0}}"
        f"{scope} [data-testid='stFileUploaderDropzone'] button p::after{{content:{button};font-size:0.875rem}}"
        f"{scope} [data-testid='stFileChip'][aria-invalid='true']::after"
        f"{{content:{refused};display:block;font-size:0.8rem;color:#c62828;padding-left:0.5rem}}"
        "</style>"
    )
    uploaded = st.file_uploader(label, type=list(types), key=key, **kwargs)
    kinds = " / ".join(f".{x}" for x in types)
    st.caption(t("ui.upload.dropzone", language, kinds=kinds, limit=limit))
    return uploaded


def _server_limit() -> str:
    """The server's upload cap (``server.maxUploadSize``), as "200 MB"."""
    return f"{int(st.get_option('server.maxUploadSize'))} MB"


def section_picker(
    label_key: str, tab_prefix: str, sections: Sequence[str], key: str, language: Lang, *, persist: bool = True
) -> str:
    """The row of buttons above a page that picks the one section drawn (the first by default);
    a section ``s`` is shown as ``<tab_prefix>.<s>``."""
    kwargs = {"persist_state": "session"} if persist else {}
    return st.segmented_control(
        t(label_key, language),
        sections,
        default=sections[0],
        required=True,
        format_func=lambda s: t(f"{tab_prefix}.{s}", language),
        key=key,
        label_visibility="collapsed",
        **kwargs,
    )


def country_set(ds: Dataset, market: MarketScores, universe: pd.Index, choice: str) -> list[str]:
    """Countries to show: the focus markets in the universe (best market first, then those without
    a market score), or the top N by market score."""
    ranked = list(market.table().index)
    if choice == "focus":
        focus = set(ds.focus) & set(universe)
        return [i for i in ranked if i in focus] + sorted(focus - set(ranked))
    return ranked[: int(choice.removeprefix("top"))]


def country_set_picker(ds: Dataset, market: MarketScores, universe: pd.Index, key: str, language: Lang) -> list[str]:
    """A select box of :data:`COUNTRY_SETS` and the countries it picks; when the universe has no
    focus market, a notice and the top ten instead."""
    st.session_state.setdefault(key, "focus")
    choice = st.selectbox(
        t("ui.fd.countries", language),
        COUNTRY_SETS,
        format_func=lambda c: t(f"ui.fd.countries.{c}", language),
        key=key,
        help=t("ui.fd.countries_help", language),
        persist_state="session",
    )
    shown = country_set(ds, market, universe, str(choice))
    if not shown:
        st.info(t("ui.fd.no_focus", language))
        shown = list(market.table().index)[:10]
    return shown


def field_picker(ds: Dataset, key: str, default: str, help_key: str, language: Lang) -> str:
    """A select box of the fields in phase order, shown as "phase: name", that keeps its choice."""
    fields = list(ds.fields.sort_values("phase", kind="stable").index)
    names = field_names(ds, language)
    st.session_state.setdefault(key, default)
    return str(
        st.selectbox(
            t("ui.fd.field", language),
            fields,
            format_func=lambda f: t("ui.fd.phase_field", language, phase=int(ds.fields.at[f, "phase"]), name=names[f]),
            key=key,
            help=t(help_key, language),
            persist_state="session",
        )
    )


def labelled(
    widget: Callable[..., Any],
    text_key: str,
    options: Sequence[str],
    format_func: Callable[[str], str],
    key: str,
    language: Lang,
    *,
    help_values: Mapping[str, object] | None = None,
    persist: bool = True,
    **extra: Any,
) -> Any:
    """``widget`` (``st.selectbox``, ``st.multiselect``) labelled ``text_key`` with the help text
    ``<text_key>_help``, keeping its value for the session unless ``persist`` is off."""
    kwargs: dict[str, Any] = {"persist_state": "session"} if persist else {}
    return widget(
        t(text_key, language),
        options,
        format_func=format_func,
        key=key,
        help=t(f"{text_key}_help", language, **(help_values or {})),
        **kwargs,
        **extra,
    )


def kept_multiselect(
    text_key: str, options: Sequence[str], names: Mapping[str, str], key: str, language: Lang, **extra: Any
) -> list[str]:
    """A :func:`labelled` multiselect of ids shown by ``names``, whose earlier choices that are no
    longer options are dropped first (the widget would refuse them)."""
    allowed = set(options)
    st.session_state[key] = [i for i in st.session_state.get(key, []) if i in allowed]
    return list(labelled(st.multiselect, text_key, options, lambda i: str(names.get(i, i)), key, language, **extra))


def country_picker(text_key: str, options: Sequence[str], names: Mapping[str, str], key: str, language: Lang) -> str:
    """A :func:`labelled` select box of countries by name that starts on Viet Nam (or the first)."""
    if st.session_state.get(key) not in options:
        st.session_state[key] = "VNM" if "VNM" in options else options[0]
    return str(labelled(st.selectbox, text_key, options, lambda i: str(names.get(i, i)), key, language, persist=False))
