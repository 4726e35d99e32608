"""The name look-ups the view modules share: field and rival names, a rival's short label, country names.

Not a page. The tables and figures themselves are in the sibling modules (tables, charts, maps, data,
judgements, markets, fields, rivals); ``ui.views`` re-exports what the pages use.
"""

from __future__ import annotations

import pandas as pd

from strategy.data.dataset import Dataset
from strategy.i18n import Lang
from ui.common import country_names
from ui.texts import TEXT, t


def _field_names(ds: Dataset, language: Lang) -> pd.Series:
    return ds.fields[f"name_{language}"].fillna(ds.fields["name_en"]).astype(str)


def _rival_names(ds: Dataset, language: Lang) -> pd.Series:
    names = ds.rivals[f"name_{language}"].fillna(ds.rivals["name_en"]).astype(str)
    return pd.concat([names, pd.Series({"OTHER": t("ui.rival.OTHER", language)})])


def field_names(ds: Dataset, language: Lang) -> pd.Series:
    return _field_names(ds, language)


def rival_label(ds: Dataset, rival_id: object, language: Lang) -> str:
    """Short rival name (中国 / China); blank when nobody is present."""
    if _blank(rival_id):
        return ""
    key = f"ui.rival_short.{rival_id}"
    if key in TEXT:
        return t(key, language)
    return str(_rival_names(ds, language).get(str(rival_id), rival_id))


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, float) and value != value) or str(value).strip() in ("", "nan", "<NA>")


def _names(ds: Dataset, iso3: pd.Index | list[str], language: Lang) -> list[str]:
    names = country_names(ds, language)
    return [str(names.get(i, i)) for i in iso3]
