"""Display names of the dataset's ids and of coded values, in Japanese or English: the one place
the app, the exports and the command line look names up (pure pandas).

One fallback rule for every name: **the name in the language, else the English name, else the id
itself** (a blank id gives ``""``). A name is blank when it is missing or only spaces.

- :func:`country_names`: ISO3 → country name. Japanese has two forms: the short CLDR name
  (ラオス, 韓国; the exports and briefs use it) or the official pycountry name
  (ラオス人民民主共和国; the app's pages use it). Both fall back to each other, then to English.
- :func:`field_names`, :func:`rival_names`, :func:`preset_names`: field, rival and weight preset
  id → name.
- :func:`indicator_names`, :func:`unit_names`: indicator id → name, and → its unit as the catalogue
  writes it in the language (``unit_ja``, else ``unit``).
- :func:`code_label` and :func:`pillar_label`, :func:`region_label`, :func:`method_label`,
  :func:`evidence_label`: a coded value (pillar ``size``, region ``Asia``) → its label from the
  library's messages (``label.<kind>.<code>``), else the code itself.
- :func:`name_of`, :func:`names_of`: one id (or a list of ids) looked up in such a series, the id
  itself when it has no name.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

import pandas as pd

from strategy.data.dataset import Dataset
from strategy.i18n import TEXT, Lang, t


def cell_text(value: Any) -> str:
    """A data cell as text: ``""`` for a missing value (None, NaN, ``pd.NA``), else ``str(value)``."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return ""
    return str(value)


def text_or(key: str, lang: Lang, fallback: str) -> str:
    """The library message ``key`` in ``lang`` if there is one, else ``fallback``."""
    return t(key, lang) if key in TEXT else fallback


def _columns(frame: pd.DataFrame, columns: Iterable[str]) -> list[list[str]]:
    """Each of ``columns`` present in ``frame`` as a list of texts, ``""`` where blank (missing or
    only spaces). Plain lists: a look-up runs on every page rerun, and pandas costs more per call
    than the few hundred rows."""
    out = []
    for column in columns:
        if column in frame:
            texts = [cell_text(v) for v in frame[column].tolist()]
            out.append([x if x.strip() else "" for x in texts])
    return out


def _first_named(frame: pd.DataFrame, columns: Iterable[str]) -> pd.Series:
    """Per row the first non-blank of ``columns``, else the row's id (the index)."""
    values = _columns(frame, columns)
    keys = [str(key) for key in frame.index.tolist()]
    names = [next((v[i] for v in values if v[i]), key) for i, key in enumerate(keys)]
    return pd.Series(names, index=frame.index, dtype=object)


def _named(dataset: Dataset, frame: pd.DataFrame, table: str, columns: list[str]) -> pd.Series:
    """:func:`_first_named` of one of the dataset's tables, worked out once per dataset (a page
    asks for the same names dozens of times a rerun); a copy, so a caller may change it."""
    return dataset.derived(("names", table, *columns), lambda: _first_named(frame, columns)).copy()


def country_names(dataset: Dataset, lang: Lang, short: bool = True) -> pd.Series:
    """ISO3 → country name: in Japanese the short CLDR name (``short``, ラオス) or the official one
    (ラオス人民民主共和国), each falling back to the other, then to English, then to the ISO3 code."""
    if lang != "ja":
        columns = ["name_en"]
    else:
        columns = ["name_ja_short", "name_ja", "name_en"] if short else ["name_ja", "name_ja_short", "name_en"]
    return _named(dataset, dataset.countries, "countries", columns)


def field_names(dataset: Dataset, lang: Lang) -> pd.Series:
    """Field id → field name (地上デジタル放送（ISDB-T） / Digital terrestrial TV (ISDB-T)), else English,
    else the id."""
    return _named(dataset, dataset.fields, "fields", [f"name_{lang}", "name_en"])


def rival_names(dataset: Dataset, lang: Lang) -> pd.Series:
    """Rival id → rival name as the rivals table writes it (韓国 / Republic of Korea), else English,
    else the id."""
    return _named(dataset, dataset.rivals, "rivals", [f"name_{lang}", "name_en"])


def preset_names(dataset: Dataset, lang: Lang) -> pd.Series:
    """Weight preset id → preset name (the presets table has one row per pillar; the first names it)."""
    presets = dataset.weight_presets.drop_duplicates("preset_id").set_index("preset_id")
    return _first_named(presets, [f"name_{lang}", "name_en"])


def _catalog(source: Dataset | pd.DataFrame) -> pd.DataFrame:
    return source if isinstance(source, pd.DataFrame) else source.catalog


def indicator_names(catalog: Dataset | pd.DataFrame, lang: Lang) -> pd.Series:
    """Indicator id → indicator name, else English, else the id; ``catalog`` is the indicator
    catalogue or the dataset that holds it."""
    return _first_named(_catalog(catalog), [f"name_{lang}", "name_en"])


def unit_names(catalog: Dataset | pd.DataFrame, lang: Lang) -> pd.Series:
    """Indicator id → its unit as the catalogue writes it in ``lang`` (``unit_ja`` in Japanese),
    else the unit code (``unit``), else ``""`` (a unit is not an id, so there is no id fallback)."""
    frame = _catalog(catalog)
    values = _columns(frame, ["unit_ja", "unit"] if lang == "ja" else ["unit"])
    units = [next((v[i] for v in values if v[i]), "") for i in range(len(frame))]
    return pd.Series(units, index=frame.index, dtype=object)


def code_label(kind: str, code: Any, lang: Lang) -> str:
    """The label of a coded value (``label.<kind>.<code>``), else the code itself ("" if blank)."""
    text = cell_text(code)
    return text_or(f"label.{kind}.{text}", lang, text) if text.strip() else ""


def pillar_label(pillar: Any, lang: Lang) -> str:
    """Pillar id → pillar name (``size`` → 市場規模 / Market size)."""
    return code_label("pillar", pillar, lang)


def region_label(region: Any, lang: Lang) -> str:
    """UN region → its name (``Asia`` → アジア)."""
    return code_label("region", region, lang)


def method_label(method: Any, lang: Lang) -> str:
    """Scoring method id → its name (``topsis`` → TOPSIS)."""
    return code_label("method", method, lang)


def evidence_label(evidence: Any, lang: Lang) -> str:
    """Kind of rival-presence evidence → its name (``dtt_standard`` → 地デジ方式)."""
    return code_label("evidence", evidence, lang)


def name_of(names: pd.Series, key: Any) -> str:
    """The name of one id in a series of names, the id itself when it has none ("" if blank)."""
    text = cell_text(key)
    name = cell_text(names.get(text)) if text else ""
    return name or text


def names_of(names: pd.Series, keys: Iterable[Any]) -> list[str]:
    """:func:`name_of` for each id, in order."""
    return [name_of(names, key) for key in keys]
