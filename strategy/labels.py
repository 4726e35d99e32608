"""Display names of the dataset's ids (countries, fields, rivals, indicators) and coded values."""

from __future__ import annotations

import math
from typing import Any

import pandas as pd

from strategy.data.dataset import Dataset
from strategy.i18n import TEXT, Lang, t


def _label(key: str, lang: Lang, fallback: str) -> str:
    return t(key, lang) if key in TEXT else fallback


def _text(value: Any) -> str:
    """Text of a table cell, '' for missing."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return ""
    return str(value)


def country_names(dataset: Dataset, lang: Lang) -> pd.Series:
    """Country display names by ISO3: the short Japanese name (ラオス) or the English name."""
    c = dataset.countries
    english = c["name_en"].astype(object).map(_text)
    if lang != "ja":
        return english
    names = c["name_ja_short"].astype(object).map(_text) if "name_ja_short" in c else english.map(lambda _: "")
    long = c["name_ja"].astype(object).map(_text)
    names = names.where(names != "", long)
    return names.where(names != "", english)


def field_names(dataset: Dataset, lang: Lang) -> pd.Series:
    column = "name_ja" if lang == "ja" else "name_en"
    return dataset.fields[column].astype(object).map(_text)


def rival_names(dataset: Dataset, lang: Lang) -> pd.Series:
    column = "name_ja" if lang == "ja" else "name_en"
    return dataset.rivals[column].astype(object).map(_text)


def indicator_names(dataset: Dataset, lang: Lang) -> pd.Series:
    column = "name_ja" if lang == "ja" and "name_ja" in dataset.catalog else "name_en"
    return dataset.catalog[column].astype(object).map(_text)


def pillar_label(pillar: str, lang: Lang) -> str:
    return _label(f"label.pillar.{pillar}", lang, pillar)
