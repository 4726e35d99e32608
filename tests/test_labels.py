"""Name look-ups: every id of the bundled data has a name in both languages, one fallback rule
(the language, else English, else the id), and the app and the exports name an id alike."""

from __future__ import annotations

import ast
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import ui.common
import ui.views
from strategy import export, labels
from strategy.data.dataset import Dataset
from strategy.i18n import TEXT
from ui import labels as ui_labels
from ui.texts import t as ui_t

LANGS = ("ja", "en")


@pytest.mark.parametrize("lang", LANGS)
def test_every_id_of_the_bundled_data_has_a_name(dataset: Dataset, lang: str):
    tables = {
        "countries (exports)": (labels.country_names(dataset, lang), dataset.countries.index),
        "countries (pages)": (ui_labels.country_names(dataset, lang), dataset.countries.index),
        "fields": (labels.field_names(dataset, lang), dataset.fields.index),
        "rivals": (labels.rival_names(dataset, lang), dataset.rivals.index),
        "indicators": (labels.indicator_names(dataset, lang), dataset.catalog.index),
        "presets": (labels.preset_names(dataset, lang), pd.Index(dataset.weight_presets["preset_id"].unique())),
        "units": (labels.unit_names(dataset, lang), dataset.catalog.index),
    }
    for what, (names, ids) in tables.items():
        assert list(names.index) == list(ids), what
        blank = [i for i, n in names.items() if not isinstance(n, str) or not n.strip()]
        assert not blank, f"{what} without a {lang} name: {blank[:5]}"
    # every name is a real name, not the id shown instead (the fallback is for incomplete uploads)
    assert (labels.field_names(dataset, lang) != dataset.fields.index).all()
    assert (labels.indicator_names(dataset, lang) != dataset.catalog.index).all()


@pytest.mark.parametrize("lang", LANGS)
def test_coded_values_have_labels_not_codes(dataset: Dataset, lang: str):
    for pillar in dataset.catalog["pillar"].unique():
        assert labels.pillar_label(pillar, lang) == TEXT[f"label.pillar.{pillar}"][lang]
        assert ui_labels.label("pillar", pillar, lang) == labels.pillar_label(pillar, lang) != pillar
    for region in {r for r in dataset.countries["un_region"].dropna() if r.strip()}:
        assert ui_labels.label("region", region, lang) == labels.region_label(region, lang)
        assert labels.region_label(region, lang) == TEXT[f"label.region.{region}"][lang]
    assert labels.method_label("topsis", lang) == "TOPSIS"
    assert labels.evidence_label("dtt_standard", lang) == TEXT["label.evidence.dtt_standard"][lang]


def test_japanese_names_are_japanese_and_the_two_country_forms_differ_only_in_japanese(dataset: Dataset):
    short, official = labels.country_names(dataset, "ja"), labels.country_names(dataset, "ja", short=False)
    assert short["LAO"] == "ラオス" and official["LAO"] == "ラオス人民民主共和国"
    assert (short == dataset.countries["name_ja_short"]).all()
    assert (official == dataset.countries["name_ja"]).all()
    english = labels.country_names(dataset, "en", short=False)
    assert (english == labels.country_names(dataset, "en")).all()
    assert (english == dataset.countries["name_en"]).all()
    assert labels.field_names(dataset, "ja")["digital_tv"] == dataset.fields.at["digital_tv", "name_ja"]
    assert labels.unit_names(dataset, "ja")["gdp_usd"] == dataset.catalog.at["gdp_usd", "unit_ja"]
    assert labels.unit_names(dataset, "en")["gdp_usd"] == dataset.catalog.at["gdp_usd", "unit"]


@pytest.fixture(scope="module")
def gaps(dataset: Dataset) -> Dataset:
    """The bundled data with names missing: blank in one language, or in every language."""
    countries = dataset.countries.copy()
    countries.loc["LAO", "name_ja_short"] = "  "
    countries.loc["VNM", ["name_ja", "name_ja_short"]] = [np.nan, ""]
    countries.loc["THA", ["name_en", "name_ja", "name_ja_short"]] = [np.nan, None, " "]
    fields = dataset.fields.copy()
    fields.loc["digital_tv", "name_ja"] = np.nan
    fields.loc["data_centre_cloud", ["name_ja", "name_en"]] = ["", np.nan]
    rivals = dataset.rivals.copy()
    rivals.loc["KOR", "name_ja"] = " "
    rivals.loc["EUR", ["name_ja", "name_en"]] = [np.nan, np.nan]
    catalog = dataset.catalog.copy()
    catalog.loc["gdp_usd", "name_ja"] = np.nan
    catalog.loc["population", ["name_ja", "name_en"]] = ["", ""]
    catalog.loc["gdp_usd", "unit_ja"] = ""
    return replace(dataset, countries=countries, fields=fields, rivals=rivals, catalog=catalog)


def test_fallback_is_the_language_then_english_then_the_id(dataset: Dataset, gaps: Dataset):
    short = labels.country_names(gaps, "ja")
    assert short["LAO"] == "ラオス人民民主共和国"  # no short name: the official one
    assert short["VNM"] == "Vietnam" == dataset.countries.at["VNM", "name_en"]  # no Japanese name: English
    assert short["THA"] == "THA" == labels.country_names(gaps, "en")["THA"]  # no name at all: the id
    assert ui_labels.country_names(gaps, "ja")["VNM"] == "Vietnam"
    ja_fields, en_fields = labels.field_names(gaps, "ja"), labels.field_names(gaps, "en")
    assert ja_fields["digital_tv"] == en_fields["digital_tv"] == dataset.fields.at["digital_tv", "name_en"]
    assert ja_fields["data_centre_cloud"] == en_fields["data_centre_cloud"] == "data_centre_cloud"
    assert labels.rival_names(gaps, "ja")["KOR"] == "Republic of Korea"
    assert labels.rival_names(gaps, "en")["EUR"] == "EUR"
    indicators = labels.indicator_names(gaps, "ja")
    assert (
        indicators["gdp_usd"] == dataset.catalog.at["gdp_usd", "name_en"] and indicators["population"] == "population"
    )
    assert labels.unit_names(gaps, "ja")["gdp_usd"] == dataset.catalog.at["gdp_usd", "unit"]
    # the other rows keep their names
    assert (
        ja_fields.drop(["digital_tv", "data_centre_cloud"])
        == dataset.fields["name_ja"].drop(["digital_tv", "data_centre_cloud"])
    ).all()


def test_unknown_and_blank_ids(dataset: Dataset):
    names = labels.field_names(dataset, "ja")
    assert labels.name_of(names, "no_such_field") == "no_such_field"
    assert labels.name_of(names, None) == labels.name_of(names, np.nan) == ""
    assert labels.names_of(names, ["digital_tv", "zzz"]) == [names["digital_tv"], "zzz"]
    assert labels.pillar_label("no_such_pillar", "ja") == "no_such_pillar"
    assert labels.pillar_label(np.nan, "en") == labels.region_label(None, "en") == ""
    assert ui_labels.label("pillar", None, "ja") == ui_labels.label("income", np.nan, "ja") == ""
    assert ui_labels.country_name(dataset, "XXX", "ja") == "XXX"
    assert ui_labels.country_list(dataset, ["LAO", "XXX"], "en") == ["Laos", "XXX"]
    assert ui_labels.rival_label(dataset, None, "en") == ""
    assert ui_labels.rival_label(dataset, "NOBODY", "en") == "NOBODY"


@pytest.mark.parametrize("lang", LANGS)
def test_app_and_exports_name_ids_alike(dataset: Dataset, lang: str):
    same = pd.testing.assert_series_equal
    same(ui_labels.field_names(dataset, lang), export.field_names(dataset, lang))
    same(ui_labels.indicator_names(dataset.catalog, lang), export.indicator_names(dataset, lang))
    same(ui_labels.rival_names(dataset, lang).drop(ui_labels.OTHER_RIVAL), export.rival_names(dataset, lang))
    for pillar in dataset.catalog["pillar"].unique():
        assert ui_labels.label("pillar", pillar, lang) == export.pillar_label(pillar, lang)
    # countries: the same look-up; the pages use the official Japanese form, the exports the short one
    pages, files = ui_labels.country_names(dataset, lang), export.country_names(dataset, lang)
    same(pages, labels.country_names(dataset, lang, short=False))
    same(files, labels.country_names(dataset, lang, short=True))
    if lang == "en":
        same(pages, files)
    else:
        differ = pages.index[pages != files]
        forms = dataset.countries.loc[differ]
        assert (forms["name_ja"] != forms["name_ja_short"]).all()
    # the short rival names of charts are the table's names wherever the app has no short form
    assert ui_labels.rival_label(dataset, "CHN", lang) == export.rival_names(dataset, lang)["CHN"]
    assert ui_labels.rival_label(dataset, "OTHER", lang) == ui_labels.rival_names(dataset, lang)["OTHER"]


LOOK_UPS = ("country_names", "field_names", "rival_names", "indicator_names", "rival_label", "unit_label", "label")


def test_pages_reach_the_one_set_of_look_ups():
    for name in ("country_names", "field_names", "indicator_names", "label", "rival_label"):
        assert getattr(ui.views, name) is getattr(ui_labels, name), name
    for name in ("country_names", "field_names", "indicator_names", "rival_names", "pillar_label"):
        assert getattr(export, name) is getattr(labels, name), name


def _functions(tree: ast.AST) -> list[ast.FunctionDef]:
    """Every function of a module that is not a method (a class's ``label()``, e.g. a role's name
    in words, is that object's own text, not a look-up of names by id)."""
    methods = {id(f) for c in ast.walk(tree) if isinstance(c, ast.ClassDef) for f in c.body}
    return [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef) and id(n) not in methods]


def test_no_module_writes_its_own_name_look_up():
    root = Path(__file__).resolve().parent.parent
    own = {root / "strategy" / "labels.py", root / "ui" / "labels.py"}
    copies = [
        f"{path.relative_to(root)}:{node.lineno} {node.name}"
        for folder in ("strategy", "ui")
        for path in sorted((root / folder).rglob("*.py"))
        if path not in own
        for node in _functions(ast.parse(path.read_text(encoding="utf-8")))
        if node.name.lstrip("_") in LOOK_UPS
    ]
    assert not copies, copies


def test_years_range_and_units():
    assert ui_labels.years_range(2019, 2023.0, "ja") == ui_t("ui.years_range", "ja", start=2019, end=2023)
    assert ui_labels.years_range(2020, 2020, "en") == "2020"
    assert ui_labels.years_range(None, 2020, "en") == ""
    assert ui_labels.unit_label("US$", "ja") == ui_t("ui.unit.US$", "ja")
    assert ui_labels.unit_label("furlongs", "en") == "furlongs" and ui_labels.unit_label(np.nan, "en") == ""
