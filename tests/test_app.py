"""The Streamlit app, run headless with ``streamlit.testing.v1.AppTest``.

Every page (and every section of the data page) renders without an exception in both languages;
the language switch changes what the user sees; the focus table and the catalogue are complete;
uploads report problems by row and column, or add the indicator for this session only.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
from collections import Counter
from functools import partial
from pathlib import Path

import pandas as pd
import pytest
from apptest_helpers import assert_clean, open_app, page_texts, unescape
from streamlit.testing.v1 import AppTest

from strategy.data.dataset import FILES, Dataset
from strategy.data.paths import DATA_DIR
from strategy.i18n import LANGS
from ui import views
from ui.common import DATA_DIR_ENV
from ui.texts import t

UPLOADS = Path(__file__).parent / "data" / "uploads"
HOME = "ui/pages/home.py"
DATA = "ui/pages/data_sources.py"
SECTIONS = ("catalog", "coverage", "sources", "judgement", "dtt", "memoranda", "upload")


pytestmark = pytest.mark.usefixtures("bundled_data")


def start(lang: str | None = None) -> AppTest:
    return open_app(lang=lang, timeout=60)


def open_section(at: AppTest, section: str) -> AppTest:
    at.segmented_control(key="data_section").set_value(section)
    return at.run()


texts = partial(page_texts, raw=True)


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_and_section_renders_in_both_languages(lang: str) -> None:
    at = start(lang)
    assert_clean(at)
    assert at.title[0].value == t("ui.app_title", lang)
    assert at.session_state["lang"] == lang
    at.switch_page(DATA).run()
    assert_clean(at)
    assert at.title[0].value == t("ui.page.data", lang)
    for section in SECTIONS:
        open_section(at, section)
        assert_clean(at)
        assert [s.value for s in at.subheader] == [t(f"ui.tab.{section}", lang)]
    at.switch_page(HOME).run()
    assert_clean(at)
    assert at.title[0].value == t("ui.app_title", lang)


def test_language_switch_changes_visible_text_and_url() -> None:
    at = start()
    assert at.session_state["lang"] == "ja"
    assert t("ui.home.data_title", "ja") in [h.value for h in at.header]
    assert at.query_params["lang"] == "ja"

    at.radio(key="lang").set_value("en").run()
    assert_clean(at)
    assert t("ui.home.data_title", "en") in [h.value for h in at.header]
    assert t("ui.home.data_title", "ja") not in [h.value for h in at.header]
    assert at.query_params["lang"] == "en"
    assert any(c.startswith(t("ui.key.gdp_usd", "en")) for c in at.dataframe[0].value.columns)

    # the language survives a page change
    at.switch_page(DATA).run()
    assert at.title[0].value == t("ui.page.data", "en")
    at.radio(key="lang").set_value("ja").run()
    assert at.title[0].value == t("ui.page.data", "ja")


def test_language_switch_keeps_the_section_and_selection() -> None:
    at = open_section(start("en").switch_page(DATA).run(), "coverage")
    at.selectbox(key="coverage_scope").set_value("region:Asia").run()
    at.radio(key="lang").set_value("ja").run()
    assert_clean(at)
    assert [s.value for s in at.subheader] == [t("ui.tab.coverage", "ja")]
    assert at.selectbox(key="coverage_scope").value == "region:Asia"


def test_url_parameter_sets_the_language() -> None:
    at = start("en")
    assert at.radio(key="lang").value == "en"
    assert at.title[0].value == t("ui.app_title", "en")


def value_column(frame: pd.DataFrame, key: str, lang: str) -> tuple[str, int | None]:
    """The column of a key indicator and, when every country has the same year, that year.

    A key indicator's year is either in its header (one year for all countries) or in the
    column right after it (years differ by country).
    """
    head = t(f"ui.key.{key}", lang)
    if head in frame.columns:
        return head, None
    matches = [c for c in frame.columns if c.startswith(head)]
    assert len(matches) == 1, (head, list(frame.columns))
    year = int(matches[0].removeprefix(head).strip(",・ 年"))
    return matches[0], year


def test_focus_table_has_the_eleven_markets_with_value_year_and_source(bundled: Dataset) -> None:
    latest = bundled.latest_values().set_index(["iso3", "indicator"])
    for lang in LANGS:
        at = start(lang)
        frame = at.dataframe[0].value
        assert len(frame) == 11
        names = set(bundled.countries.loc[bundled.focus, f"name_{lang}"])
        assert set(frame[t("ui.col.country", lang)]) == names
        for key in ("gdp_usd", "population", "internet_users", "inform_natural_hazard"):
            column, year = value_column(frame, key, lang)
            expected_years = {int(latest.loc[(iso3, key), "year"]) for iso3 in bundled.focus}
            if year is None:
                years = frame[frame.columns[list(frame.columns).index(column) + 1]]
                assert set(years[years != ""].astype(int)) == expected_years
            else:
                assert expected_years == {year}
        # each value's source and licence are named under the table
        captions = texts(at)
        assert "World Development Indicators" in captions and "INFORM" in captions and "CC BY 4.0" in captions


def test_focus_values_are_the_latest_data_scaled_for_the_language(bundled: Dataset) -> None:
    latest = bundled.latest_values().set_index(["iso3", "indicator"])
    gdp = latest.loc[("VNM", "gdp_usd"), "value"]
    for lang, divisor in (("ja", 1e8), ("en", 1e9)):  # 億ドル, US$ bn
        frame = start(lang).dataframe[0].value.set_index(t("ui.col.country", lang))
        column, _ = value_column(frame, "gdp_usd", lang)
        assert frame.loc[bundled.countries.loc["VNM", f"name_{lang}"], column] == pytest.approx(gdp / divisor)


def test_catalogue_lists_every_indicator(bundled: Dataset) -> None:
    for lang in LANGS:
        at = start(lang).switch_page(DATA).run()
        frame = at.dataframe[0].value
        assert set(frame[t("ui.col.indicator_id", lang)]) == set(bundled.catalog.index)
        assert len(frame) == len(bundled.catalog)
        assert set(frame[t("ui.col.indicator", lang)]) >= set(bundled.catalog[f"name_{lang}"].dropna())
        coverage = frame.set_index(t("ui.col.indicator_id", lang))[t("ui.col.n_countries", lang)]
        expected = bundled.indicators.groupby("indicator", observed=True)["iso3"].nunique()
        assert coverage.loc["gdp_usd"] == expected.loc["gdp_usd"]


def test_sources_flag_restricted_licences() -> None:
    at = open_section(start("en").switch_page(DATA).run(), "sources")
    frame = at.dataframe[0].value.set_index(t("ui.col.source_id", "en"))
    note = frame[t("ui.col.licence_note", "en")]
    assert note.loc["telegeography"] == t("ui.licence.noncommercial", "en")
    assert note.loc["emdat"] == t("ui.licence.restricted", "en")
    assert "TeleGeography" in texts(at) and "EM-DAT" in texts(at)


def test_judgement_tables_are_labelled_as_judgement(bundled: Dataset) -> None:
    at = open_section(start("ja").switch_page(DATA).run(), "judgement")
    assert_clean(at)
    assert [s.value for s in at.subheader] == [t("ui.tab.judgement", "ja")]
    frames = [d.value for d in at.dataframe]
    fields = next(f for f in frames if t("ui.col.japan_strength", "ja") in f.columns)
    assert len(fields) == len(bundled.fields)
    assert set(fields[t("ui.col.field", "ja")]) == set(bundled.fields["name_ja"])
    assert fields[t("ui.col.rationale", "ja")].str.len().gt(0).all()


def test_coverage_heatmap_for_each_scope(bundled: Dataset) -> None:
    at = open_section(start("en").switch_page(DATA).run(), "coverage")
    assert_clean(at)
    chart = at.get("plotly_chart")
    assert len(chart) == 1
    spec = json.loads(chart[0].proto.spec)
    assert t("ui.cov.missing", "en") in [trace.get("name") for trace in spec["data"]]  # the grey legend entry
    focus_names = set(bundled.countries.loc[bundled.focus, "name_en"])
    assert set(spec["data"][0]["x"]) == focus_names
    assert len(spec["data"][0]["y"]) == len(bundled.catalog)
    for scope in ("all", "region:Asia", "focus"):
        at.selectbox(key="coverage_scope").set_value(scope).run()
        assert_clean(at)
        assert len(at.get("plotly_chart")) == 1


@pytest.mark.parametrize("lang", LANGS)
def test_coverage_shows_each_indicators_window_and_what_it_leaves_out(lang: str, bundled: Dataset) -> None:
    at = open_section(start(lang).switch_page(DATA).run(), "coverage")
    at.selectbox(key="coverage_scope").set_value("scored").run()
    assert_clean(at)
    assert f"**{t('ui.fresh.title', lang)}**" in [m.value for m in at.markdown]
    frame = at.dataframe[0].value.set_index(t("ui.col.indicator_id", lang))
    assert list(frame.index) == list(bundled.catalog.index)
    counts = frame[[t(f"ui.fresh.col.{k}", lang) for k in ("used", "too_old", "never")]].sum(axis=1)
    assert (counts == len(views.scope_countries(bundled, "scored"))).all()
    assert frame.at["hospital_beds", t("ui.fresh.col.window", lang)] == t("fmt.window.years", lang, age=10)
    assert frame.at["japan_ict_memorandum", t("ui.fresh.col.window", lang)] == t("fmt.window.none", lang)
    assert frame.at["doing_business_rank", t("ui.fresh.col.ended", lang)] == t("ui.fresh.ended", lang, year=2020)
    assert frame.at["gdp_usd", t("ui.fresh.col.ended", lang)] == ""
    assert any("DB2020" in c.value for c in at.caption)  # the discontinuation and its reference


def test_coverage_follows_one_window_for_all_when_the_sidebar_chose_it(bundled: Dataset) -> None:
    at = open_app(lang="en", timeout=60, session={"sc_age_mode": "one", "sc_max_age": 5})
    at = open_section(at.switch_page(DATA).run(), "coverage")
    assert_clean(at)
    frame = at.dataframe[0].value.set_index(t("ui.col.indicator_id", "en"))
    assert set(frame[t("ui.fresh.col.window", "en")]) == {t("fmt.window.years", "en", age=5)}
    assert any(t("fmt.window.one", "en", age=5) in c.value for c in at.caption)


def test_catalogue_marks_ended_series(bundled: Dataset) -> None:
    at = start("en").switch_page(DATA).run()
    frame = at.dataframe[0].value.set_index(t("ui.col.indicator_id", "en"))
    ended = frame[t("ui.col.ended", "en")]
    assert set(ended[ended != ""].index) == set(bundled.catalog["ended"].dropna().index)
    assert ended.loc["business_start_days"].startswith(t("ui.data.ended", "en", year=2017, note=""))
    assert frame.at["gdp_pc_growth", t("ui.col.window", "en")] == t("fmt.window.years", "en", age=3)


def upload(at: AppTest, name: str, content: bytes, *, apply: bool = False) -> AppTest:
    """Choose a file in the uploader (the page shows a preview); with ``apply``, press Apply too."""
    at.file_uploader(key="indicator_upload").set_value((name, content, "application/octet-stream"))
    at.run()
    if apply:
        assert not at.button(key="upload_apply").disabled, [e.value for e in at.error]
        at.button(key="upload_apply").click().run()
    return at


@pytest.mark.parametrize(
    ("lang", "row", "column"),
    [("ja", "3行目", "列「iso3」"), ("en", "row 3", "column 'iso3'")],
)
def test_bad_upload_names_the_row_and_column(lang: str, row: str, column: str, bundled: Dataset) -> None:
    at = open_section(start(lang).switch_page(DATA).run(), "upload")
    upload(at, "bad_unknown_iso3.csv", (UPLOADS / "bad_unknown_iso3.csv").read_bytes())
    assert not at.exception
    assert len(at.error) == 1
    message = unescape(at.error[0].value)
    assert "bad_unknown_iso3.csv" in message and row in message and column in message and "XXX" in message
    assert not at.success
    # nothing was applied
    assert (at.session_state["upload_state"].dataset.indicators["source_id"] == "upload").sum() == 0
    # the message follows a language switch
    other = "en" if lang == "ja" else "ja"
    at.radio(key="lang").set_value(other).run()
    assert t("ui.upload.problems", other, n=1) in unescape(at.error[0].value)


def test_every_problem_of_a_bad_upload_is_listed() -> None:
    at = open_section(start("en").switch_page(DATA).run(), "upload")
    upload(at, "bad_nan_inf.csv", (UPLOADS / "bad_nan_inf.csv").read_bytes())
    message = unescape(at.error[0].value)
    assert t("ui.upload.problems", "en", n=3) in message
    assert all(f"row {r}" in message for r in (2, 3, 4))


def _excel(values: pd.DataFrame, catalog: pd.DataFrame) -> bytes:
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        values.to_excel(writer, sheet_name="values", index=False)
        catalog.to_excel(writer, sheet_name="catalog", index=False)
    return buffer.getvalue()


def _data_files_state() -> dict[str, tuple[int, int]]:
    return {p.name: (p.stat().st_size, p.stat().st_mtime_ns) for p in DATA_DIR.iterdir()}


def test_good_upload_adds_a_new_indicator_for_this_session_only(bundled: Dataset) -> None:
    before = _data_files_state()
    values = pd.DataFrame(
        {"iso3": ["VNM", "THA"], "indicator": "test_centres", "year": 2024, "value": [3, 4], "unit": "centres"}
    )
    catalog = pd.DataFrame(
        [
            {
                "indicator": "test_centres",
                "name_en": "Test centres",
                "name_ja": "テスト用センター数",
                "unit": "centres",
                "direction": 1,
                "pillar": "digital",
                "transform": "log1p",
            }
        ]
    )
    at = open_section(start("ja").switch_page(DATA).run(), "upload")
    upload(at, "extra.xlsx", _excel(values, catalog), apply=True)
    assert_clean(at)
    assert len(at.success) == 1 and "extra.xlsx" in unescape(at.success[0].value)
    added = at.dataframe[-1].value
    assert list(added[t("ui.col.indicator_id", "ja")]) == ["test_centres"]
    assert list(added[t("ui.col.indicator", "ja")]) == ["テスト用センター数"]
    assert int(added[t("ui.col.rows", "ja")].iloc[0]) == 2
    assert any(t("ui.sidebar.upload_active", "ja", n=1) in i.value for i in at.sidebar.info)

    # the catalogue and the coverage of this session include it
    open_section(at, "catalog")
    ids = set(at.dataframe[0].value[t("ui.col.indicator_id", "ja")])
    assert ids == set(bundled.catalog.index) | {"test_centres"}

    # a new session does not see it, and nothing was written to disk
    assert "test_centres" not in set(
        start("ja").switch_page(DATA).run().dataframe[0].value[t("ui.col.indicator_id", "ja")]
    )
    assert _data_files_state() == before

    # the user can remove it again
    open_section(at, "upload")
    at.button(key="upload_clear").click().run()
    assert_clean(at)
    open_section(at, "catalog")
    assert set(at.dataframe[0].value[t("ui.col.indicator_id", "ja")]) == set(bundled.catalog.index)


def test_good_csv_upload_updates_existing_indicator() -> None:
    at = open_section(start("en").switch_page(DATA).run(), "upload")
    upload(at, "good_utf8_bom.csv", (UPLOADS / "good_utf8_bom.csv").read_bytes(), apply=True)
    assert_clean(at)
    assert len(at.success) == 1
    dataset = at.session_state["upload_state"].dataset
    assert (dataset.indicators["source_id"] == "upload").sum() == 2


def test_invalid_data_shows_a_translated_error_box_not_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in FILES.values():
        if name != "fields.csv":  # a missing judgement table
            (tmp_path / name).symlink_to(DATA_DIR / name)
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path))
    for lang, missing in (("ja", "必要なファイルがありません"), ("en", "The file is missing")):
        at = start(lang)
        assert not at.exception
        assert len(at.error) == 1
        message = unescape(at.error[0].value)
        assert "fields.csv" in message and missing in message
        assert "Traceback" not in message
        assert at.radio(key="lang").value == lang  # the language switch still works


def test_reruns_recompute_no_score(scoring_calls: Counter[str]) -> None:
    """A rerun that changes no setting (a click, a widget elsewhere) reuses every cached score: that
    is what keeps reruns fast (timed in bench/bench_pages.py, not here)."""
    at = start("ja")
    at.run()
    scoring_calls.clear()
    at.run()
    home = dict(scoring_calls)
    at.switch_page(DATA).run()
    scoring_calls.clear()
    at.run()
    assert home == {} and dict(scoring_calls) == {}, (home, scoring_calls)


def _top_markets(at: AppTest, lang: str) -> str:
    titles = [m.value for m in at.markdown]
    return titles[titles.index(f"**{t('ui.home.top_markets', lang)}**") + 1]


@pytest.mark.parametrize("lang", LANGS)
def test_overview_follows_the_sidebar_and_shows_the_last_plan(lang: str, bundled: Dataset) -> None:
    at = start(lang)
    assert_clean(at)
    assert t("ui.home.now_title", lang) in texts(at)
    before = _top_markets(at, lang)
    assert before.count("\n") == 4  # five markets
    assert t("ui.home.plan_none", lang) in texts(at)
    at.selectbox(key="preset").set_value("asean_growth").run()
    assert_clean(at)
    assert _top_markets(at, lang) != before  # another preset, another top five

    at.switch_page("ui/pages/plan.py").run()
    at.number_input(key="plan_time_limit").set_value(10.0)
    at.button(key="plan_solve").click().run()
    plan = at.session_state["plan_result"]["plan"]
    at.switch_page(HOME).run()
    assert_clean(at)
    metrics = {m.label: m.value for m in at.metric}
    assert metrics[t("ui.home.plan_budget", lang)] == f"{plan.budget_used:,.1f} / 30.0"
    assert metrics[t("ui.home.plan_value", lang)] == f"{plan.objective:.2f}"


@pytest.mark.parametrize(
    ("value", "unit", "language", "expected"),
    [
        (3.24e8, "US$", "ja", "3.24億ドル"),  # not rounded to 3億ドル
        (4.56e9, "US$", "ja", "45.6億ドル"),
        (4.0884e11, "US$", "ja", "4,088億ドル"),
        (2.9e13, "US$", "ja", "29.0兆ドル"),
        (4.56e9, "US$", "en", "US$ 4.56 bn"),
        (4.0884e11, "US$", "en", "US$ 409 bn"),
        (1.16e8, "people", "ja", "1.16億人"),
        (5.6e6, "people", "ja", "560万人"),
        (-3.2e8, "US$", "ja", "-3.20億ドル"),  # net aid can be negative (repayments)
        (float("nan"), "US$", "en", t("fmt.na", "en")),
    ],
)
def test_money_and_head_counts_keep_three_figures(value: float, unit: str, language: str, expected: str) -> None:
    assert views.format_value(value, unit, language) == expected


def test_start_up_does_not_import_what_only_one_view_needs() -> None:
    """Cold start stays under 5 s partly because scikit-learn (0.7 s, market groups) and openpyxl
    (Excel export) are imported on first use: a module-level import would quietly undo that."""
    code = (
        "import sys, ui.common, ui.settings, ui.views, ui.views.country, ui.views.history, ui.views.profile, ui.scenario_state;"
        "print(sorted(m for m in ('sklearn', 'openpyxl', 'scipy') if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=Path(__file__).resolve().parent.parent, capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"
