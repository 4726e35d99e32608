"""Translations: ``t()``, number formats, the library's own messages (Japanese and English) and
:class:`Message` (a key with parameters, translated where it is shown)."""

from strategy.i18n.message import Message  # noqa: F401
from strategy.i18n.texts import (  # noqa: F401
    DEFAULT_LANG,
    LANGS,
    TEXT,
    Lang,
    age_text,
    format_value,
    t,
    window_text,
    window_years,
    year_age_text,
)

__all__ = [
    "Lang",
    "LANGS",
    "DEFAULT_LANG",
    "TEXT",
    "t",
    "format_value",
    "Message",
    "age_text",
    "window_text",
    "window_years",
    "year_age_text",
]
