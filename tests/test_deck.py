"""The PowerPoint briefing deck (``strategy.export.deck``): reopened with python-pptx and read
back (slides, texts, the pillar chart's values, Japanese fonts), drawn by LibreOffice to PNG for
a look (``test-artifacts/deck_*.png``), and written by the command line."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.oxml.ns import qn

from strategy.data.dataset import Dataset
from strategy.export import country_brief_content
from strategy.export.deck import FONT, PLAN_ROWS_PER_SLIDE, plan_deck
from strategy.export.world_map import country_rings, map_png
from strategy.i18n import LANGS, t
from strategy.labels import country_names, field_names
from strategy.optimize import Constraints, Plan, entries_from_scores, prerequisites_of, solve
from strategy.scenario import Evaluation
from strategy.scoring import timing

REPO = Path(__file__).resolve().parent.parent
ARTIFACTS = REPO / "test-artifacts"
JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


def _slides(data: bytes) -> list[list[str]]:
    """Each slide's texts: text boxes and table cells, in shape order."""
    out = []
    for slide in Presentation(io.BytesIO(data)).slides:
        texts = []
        for shape in slide.shapes:
            if shape.has_text_frame:
                texts.append(shape.text_frame.text)
            if shape.has_table:
                texts.extend(cell.text for row in shape.table.rows for cell in row.cells)
        out.append(texts)
    return out


@pytest.mark.parametrize("lang", LANGS)
def test_plan_deck_has_the_answers_the_plan_and_a_slide_per_country(
    dataset: Dataset, focus: Evaluation, plan: Plan, lang: str
) -> None:
    data = plan_deck(dataset, focus, plan, lang)
    slides = _slides(data)
    names, fields = country_names(dataset, lang), field_names(dataset, lang)
    chosen = list(plan.selection.groupby("iso3")["value"].sum().sort_values(ascending=False).index)
    plan_slides = -(-len(plan.selection) // PLAN_ROWS_PER_SLIDE)
    timed = [i for i in chosen if not timing.country_timeline(dataset, i).empty]
    # title, answers, plan table(s), map, one per country and one for its rivals' timing, sources
    assert len(slides) == 2 + plan_slides + 1 + len(chosen) + len(timed) + 1
    assert slides[0][0] == t("ex.deck.title", lang)
    answers = "\n".join(slides[1])
    assert not re.search(r"^• [:：]", answers, re.M)  # every line names its market, field or rival
    for iso3 in chosen[:8]:
        assert names[iso3] in answers
    table_text = "\n".join("\n".join(s) for s in slides[2 : 2 + plan_slides])
    routes = {t(f"label.route.{r}", lang) for r in ("technical_cooperation", "grant_aid", "yen_loan", "commercial")}
    assert any(r in table_text for r in routes)  # each entry says how it would likely be financed
    for iso3, field_id in plan.selection[["iso3", "field_id"]].itertuples(index=False):
        assert names[iso3] in table_text and fields[field_id] in table_text
    titles = [s[0] for s in slides]
    assert [x for x in titles if x in set(names[chosen])] == [names[i] for i in chosen]  # most valuable first
    for iso3 in timed:
        assert t("ex.deck.timing_title", lang, country=names[iso3]) in titles
    last = "\n".join(slides[-1])
    assert t("ex.deck.sources_title", lang) in last and "CC BY 4.0" in last
    text = "\n".join("\n".join(s) for s in slides[:-1])  # source titles keep their own language
    if lang == "en":
        assert not JAPANESE.search(text), JAPANESE.search(text)
    else:
        assert "ICT海外展開計画" in text


def test_every_run_names_a_japanese_capable_east_asian_font(dataset: Dataset, focus: Evaluation, plan: Plan) -> None:
    prs = Presentation(io.BytesIO(plan_deck(dataset, focus, plan, "ja")))
    runs = [
        run
        for slide in prs.slides
        for shape in slide.shapes
        if shape.has_text_frame
        for paragraph in shape.text_frame.paragraphs
        for run in paragraph.runs
    ]
    assert runs
    for run in runs:
        east_asian = run._r.find(qn("a:rPr")).find(qn("a:ea"))
        assert east_asian is not None and east_asian.get("typeface") == FONT


def test_country_slide_chart_holds_the_pillar_scores_of_the_brief(
    dataset: Dataset, focus: Evaluation, plan: Plan
) -> None:
    iso3 = str(plan.selection["iso3"].iloc[0])
    prs = Presentation(io.BytesIO(plan_deck(dataset, focus, plan, "en", countries=[iso3])))
    charts = [shape.chart for slide in prs.slides for shape in slide.shapes if shape.has_chart]
    assert len(charts) == 2  # the pillar bars, then the rivals' timeline
    brief = country_brief_content(dataset, focus, iso3, "en", plan)
    expected = [(label, round(v, 3)) for label, v in brief.pillar_items if v is not None]
    plot = charts[0].plots[0]
    assert list(zip(plot.categories, plot.series[0].values, strict=True)) == expected
    # the timeline chart draws the country's measured series year by year (aid shares here)
    line = timing.country_timeline(dataset, iso3)
    aid = line[line["evidence"] == "dac_aid"]
    japan = aid[aid["rival_id"] == "JPN"].set_index("year")["value"]
    timeline = charts[1].plots[0]
    drawn = dict(zip(timeline.categories, next(s for s in timeline.series if s.name == "Japan").values, strict=True))
    assert {int(y): v for y, v in drawn.items() if int(y) in japan.index} == {
        int(y): round(float(v), 4) for y, v in japan.items()
    }


def test_a_deck_without_a_plan_and_one_for_an_infeasible_plan_say_so(dataset: Dataset, focus: Evaluation) -> None:
    without = _slides(plan_deck(dataset, focus, None, "en"))
    assert t("ex.deck.no_plan.none", "en") in "\n".join(without[2])
    assert t("ex.deck.answers_pairs", "en") in without[1]
    entries = entries_from_scores(focus.opportunity, dataset.fields, dataset.countries)
    impossible = replace(Constraints(), budget=1.0, must_countries=("PHL", "VNM", "IDN", "THA"))
    infeasible = solve(entries, impossible, focus.scenario.solver, prerequisites_of(dataset.fields))
    assert infeasible.status == "infeasible"
    slides = _slides(plan_deck(dataset, focus, infeasible, "en"))
    assert t("ex.deck.no_plan.infeasible", "en") in "\n".join(slides[2])


def test_world_shapes_decode_to_the_right_places() -> None:
    rings = country_rings()
    assert len(rings) > 150
    # the Philippines lie between 116° and 127° E, 4.5° and 21.5° N; Brazil straddles the equator
    phl = max(rings["PHL"], key=len)
    assert 116 < phl[:, 0].min() < phl[:, 0].max() < 127 and 4.5 < phl[:, 1].min() < phl[:, 1].max() < 21.5
    bra = max(rings["BRA"], key=len)
    assert bra[:, 1].min() < 0 < bra[:, 1].max()
    assert all((r[0] == r[-1]).all() for rs in rings.values() for r in rs)  # closed rings
    png = map_png({"PHL": 1.0, "VNM": 0.5}, {"PHL": "PHL", "VNM": "VNM"}, legend="x")
    assert png[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_draws_every_slide(dataset: Dataset, focus: Evaluation, plan: Plan, tmp_path: Path) -> None:
    """LibreOffice opens the deck and draws each slide (a PDF page per slide); the pages go to
    ``test-artifacts/`` as PNG for a look."""
    deck = tmp_path / "deck_ja.pptx"
    deck.write_bytes(plan_deck(dataset, focus, plan, "ja"))
    n_slides = len(Presentation(str(deck)).slides)
    profile = tmp_path / "lo-profile"
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(deck),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = tmp_path / "deck_ja.pdf"
    assert pdf.stat().st_size > 10_000
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf.read_bytes())) == n_slides
    if shutil.which("pdftoppm"):
        ARTIFACTS.mkdir(exist_ok=True)
        for old in ARTIFACTS.glob("deck_ja-*.png"):
            old.unlink()
        subprocess.run(["pdftoppm", "-r", "60", "-png", str(pdf), str(ARTIFACTS / "deck_ja")], check=True, timeout=120)
        assert len(list(ARTIFACTS.glob("deck_ja-*.png"))) >= n_slides


def test_command_line_writes_a_deck(tmp_path: Path) -> None:
    out = tmp_path / "plan.pptx"
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "strategy",
            "export",
            "--with-plan",
            "--country",
            "PHL",
            "--out",
            str(out),
            "--lang",
            "en",
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stderr
    slides = _slides(out.read_bytes())
    assert [s[0] for s in slides].count("Philippines") == 1  # one country slide, for --country
    assert "Traceback" not in run.stderr
