"""The app's name look-ups: :mod:`strategy.labels` (one fallback rule: the name in the language,
else English, else the id) plus what only the app shows.

What the app adds on top of the library:

- countries in the official Japanese form (ラオス人民民主共和国), as the pages have always shown them;
  the exports use the short CLDR form (ラオス);
- short rival names for charts and tables (``ui.rival_short.*``: 米国 / US) and ``OTHER``
  (cable suppliers outside the rivals table);
- labels of coded values from the app's texts (``ui.<kind>.<code>``: income groups, themes, roles,
  units...); pillars, regions, methods and evidence come from the library's ``label.*`` messages.

Every function takes the language explicitly (pages pass the session's, ``ui.common.lang()``).
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from strategy import labels
from strategy.data.dataset import Dataset
from strategy.i18n import Lang
from ui.texts import TEXT, t

#: Coded values whose labels are the library's ``label.<kind>.<code>`` messages.
LIBRARY_KINDS: tuple[str, ...] = ("pillar", "region", "method", "evidence")
#: The rival id of suppliers from outside the rivals table (submarine cables).
OTHER_RIVAL = "OTHER"


def is_blank(value: object) -> bool:
    """True for a missing cell: None, NaN, or text that is empty, "nan" or "<NA>"."""
    return value is None or (isinstance(value, float) and value != value) or str(value).strip() in ("", "nan", "<NA>")


def country_names(ds: Dataset, language: Lang) -> pd.Series:
    """ISO3 → country name as the pages show it (official Japanese name, English name)."""
    return labels.country_names(ds, language, short=False)


def country_name(ds: Dataset, iso3: object, language: Lang) -> str:
    """One country's name as the pages show it; the code itself for an unknown code."""
    return labels.name_of(country_names(ds, language), iso3)


def country_list(ds: Dataset, iso3: Iterable[object], language: Lang) -> list[str]:
    """The names of ``iso3``, in order (the code itself for an unknown code)."""
    return labels.names_of(country_names(ds, language), iso3)


def field_names(ds: Dataset, language: Lang) -> pd.Series:
    """Field id → field name."""
    return labels.field_names(ds, language)


def rival_names(ds: Dataset, language: Lang) -> pd.Series:
    """Rival id → rival name as the rivals table writes it, plus ``OTHER`` (その他 / Other)."""
    names = labels.rival_names(ds, language)
    other = pd.Series({OTHER_RIVAL: t(f"ui.rival.{OTHER_RIVAL}", language)})
    return pd.concat([names, other]).rename_axis(names.index.name)


def rival_label(ds: Dataset, rival_id: object, language: Lang) -> str:
    """Short rival name (中国 / China, 米国 / US); blank when nobody is present."""
    if is_blank(rival_id):
        return ""
    key = f"ui.rival_short.{rival_id}"
    if key in TEXT:
        return t(key, language)
    return labels.name_of(rival_names(ds, language), rival_id)


def indicator_names(catalog: pd.DataFrame, language: Lang) -> pd.Series:
    """Indicator id → indicator name (``catalog``: the dataset's indicator catalogue)."""
    return labels.indicator_names(catalog, language)


def unit_label(unit: object, language: Lang) -> str:
    """A unit code as the app writes it (``ui.unit.<unit>``), else the code as it is."""
    key = f"ui.unit.{unit}"
    return t(key, language) if key in TEXT else ("" if is_blank(unit) else str(unit))


def label(prefix: str, value: object, language: Lang) -> str:
    """Translated label for a coded value (``label.<prefix>.<value>`` for the library's kinds,
    ``ui.<prefix>.<value>`` for the app's), or the value as is ("" if blank)."""
    if prefix in LIBRARY_KINDS:
        return "" if is_blank(value) else labels.code_label(prefix, value, language)
    key = f"ui.{prefix}.{value}"
    return t(key, language) if key in TEXT else ("" if is_blank(value) else str(value))


def years_range(start: object, end: object, language: Lang) -> str:
    """``2019〜2023年`` / ``2019–2023``, one year when both are the same, "" when one is missing."""
    if is_blank(start) or is_blank(end):
        return ""
    start, end = int(float(start)), int(float(end))  # type: ignore[arg-type]
    return str(start) if start == end else t("ui.years_range", language, start=start, end=end)
