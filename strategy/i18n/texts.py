"""Translations of the library's own messages (Japanese / English) and number formats.

The texts are data: TOML catalogues in ``strategy/i18n/messages/`` (one file per area, Japanese
and English side by side), which a translator edits without reading code. The app's own texts
live in ``ui/texts/`` and never in the library. ``t(key, lang, **values)`` formats the entry with
``str.format``.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Literal

from strategy.i18n.catalog import load_catalog

Lang = Literal["ja", "en"]
LANGS: tuple[Lang, ...] = ("ja", "en")
DEFAULT_LANG: Lang = "ja"

#: Where the library's message catalogues live (shipped with the package).
MESSAGES_DIR: Path = Path(__file__).resolve().parent / "messages"

#: Every library message: key -> {"ja": ..., "en": ...}.
TEXT: dict[str, dict[str, str]] = load_catalog(MESSAGES_DIR, LANGS)


def t(key: str, lang: Lang = DEFAULT_LANG, /, **values: object) -> str:
    """Return the text for ``key`` in ``lang``, formatted with ``values``.

    A missing key is a programming error and raises ``KeyError`` (a test checks every key has
    both languages).
    """
    entry = TEXT[key]
    text = entry.get(lang) or entry["en"]
    return text.format(**values) if values else text


def _three_figures(x: float) -> str:
    """At least three significant figures, never a trailing fraction on large numbers: 3.24, 45.6,
    4,088 (a budget of 3.2億ドル must not read as 3億ドル)."""
    a = abs(x)
    digits = 2 if a < 10 else 1 if a < 100 else 0
    return f"{x:,.{digits}f}"


def format_value(value: object, unit: object, language: Lang) -> str:
    """A measured value for people: large money and head counts in the language's usual units
    (億ドル / 万人 in Japanese, US$ bn / million in English); ``unit`` is the catalogue's unit code."""
    try:
        v = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return t("fmt.na", language)
    if not math.isfinite(v):
        return t("fmt.na", language)
    a = abs(v)
    if unit == "US$":
        if language == "ja":
            for div, key in ((1e12, "fmt.cho_usd"), (1e8, "fmt.oku_usd"), (1e4, "fmt.man_usd")):
                if a >= div:
                    return t(key, language, v=_three_figures(v / div))
            return t("fmt.usd", language, v=f"{v:,.0f}")
        for div, key in ((1e12, "fmt.tn_usd"), (1e9, "fmt.bn_usd"), (1e6, "fmt.m_usd")):
            if a >= div:
                return t(key, language, v=_three_figures(v / div))
        return t("fmt.usd", language, v=f"{v:,.0f}")
    if unit == "people":
        if language == "ja":
            for div, key in ((1e8, "fmt.oku_people"), (1e4, "fmt.man_people")):
                if a >= div:
                    return t(key, language, v=_three_figures(v / div))
        elif a >= 1e6:
            return t("fmt.m_people", language, v=_three_figures(v / 1e6))
        return f"{v:,.0f}"
    if unit == "flag":
        return t("fmt.yes" if v >= 0.5 else "fmt.no", language)
    digits = 0 if a >= 100 else 1 if a >= 10 else 2
    return f"{v:,.{digits}f}"


def window_text(max_age: int | None, language: Lang) -> str:
    """How old a used value may be, as a phrase: 'at most 5 years old' for one window for every
    indicator, 'within each indicator's freshness window' for the catalogue's (``max_age=None``)."""
    if max_age is None:
        return t("fmt.window.catalogue", language)
    return t("fmt.window.one", language, age=int(max_age))


def window_years(window: object, language: Lang) -> str:
    """One indicator's window: '8 yrs', or 'no limit' for a missing / NaN window."""
    try:
        years = float(window)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return t("fmt.window.none", language)
    if not math.isfinite(years):
        return t("fmt.window.none", language)
    return t("fmt.window.years", language, age=int(years))


def year_age_text(year: object, reference_year: int, language: Lang) -> str:
    """A value's year with its age at the reference year ('2019 · 6 yrs'); blank without a year."""
    try:
        y = float(year)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return ""
    if not math.isfinite(y):
        return ""
    return t("fmt.year_age", language, year=int(y), age=int(reference_year) - int(y))


def age_text(year: object, reference_year: int, language: Lang) -> str:
    """How old a value of ``year`` is at the reference year ('6 yrs'); blank without a year."""
    try:
        y = float(year)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return ""
    return t("fmt.age", language, age=int(reference_year) - int(y)) if math.isfinite(y) else ""
