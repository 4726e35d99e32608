"""Translations: ``t()``, number formats and the library's own messages (Japanese and English)."""

from strategy.i18n.texts import (  # noqa: F401
    DEFAULT_LANG,
    LANGS,
    TEXT,
    Lang,
    format_value,
    t,
)

__all__ = [
    "Lang",
    "LANGS",
    "DEFAULT_LANG",
    "TEXT",
    "t",
    "format_value",
]
