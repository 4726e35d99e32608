"""A briefing deck: the plan and its countries as a PowerPoint file, in Japanese or English.

Ministries brief with slides. :func:`plan_deck` writes, in order: a title slide (scenario, model,
data version, date); the three answers (which markets, which fields, which rivals, with how each
rival's presence is known); the plan table; a map of the plan's value per country; one slide per
chosen country (pillar scores as an editable chart, its plan entries with demand, supply, access
and main rival, and the sources and licences of its data); and a closing slide that says which
inputs are judgements and lists every source with its licence.

Text runs carry an East Asian typeface (``a:ea``) beside the Latin one, so PowerPoint and
LibreOffice pick a font that has Japanese glyphs. Numbers are formatted as the pages show them.
The content comes from the same functions as the HTML brief and the Excel workbook
(:func:`~strategy.export.brief.country_brief_content`, :func:`~strategy.export.tables.plan_table`).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

import pandas as pd
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION
from pptx.oxml.ns import qn
from pptx.util import Emu, Inches, Pt

from strategy.data.dataset import Dataset
from strategy.export.brief import country_brief_content
from strategy.i18n import Lang, t
from strategy.labels import cell_text, country_names, field_names, method_label, name_of, rival_names
from strategy.scenario import Evaluation
from strategy.scoring.financing import entry_routes, route_label

#: Latin and East Asian typefaces of every text run: Meiryo ships with Windows (Japanese ministries'
#: machines); LibreOffice substitutes a Japanese font it has (Noto Sans CJK on Debian).
FONT = "Meiryo"
#: At most this many countries get a slide of their own (the plan's most valuable first).
MAX_COUNTRY_SLIDES = 15
#: Plan table rows per slide; a longer plan continues on the next slide.
PLAN_ROWS_PER_SLIDE = 16
#: Relative column widths of the plan table: period, country, field, phase, value, cost, staff,
#: route, package (names and routes need room, numbers little).
PLAN_WIDTHS = (0.5, 1.3, 2.2, 0.5, 0.6, 0.7, 0.7, 2.6, 1.9)
#: Plan entries listed on a country's slide (the most valuable first).
COUNTRY_ROWS = 8

_WIDTH, _HEIGHT = Inches(13.333), Inches(7.5)  # 16:9
_MARGIN = Inches(0.5)
_DARK = RGBColor(0x1F, 0x2A, 0x44)
_MUTED = RGBColor(0x59, 0x59, 0x59)


def _tx(key: str, lang: Lang, **values: object) -> str:
    return t(f"ex.deck.{key}", lang, **values)


def _score(value: Any) -> str:
    try:
        v = float(value)
    except (TypeError, ValueError):
        return ""
    return "" if v != v else f"{v:.2f}"


class _Deck:
    """A presentation being written: slides with a title, text, tables, a chart or a picture."""

    def __init__(self, lang: Lang) -> None:
        self.lang = lang
        self.prs = Presentation()
        self.prs.slide_width, self.prs.slide_height = _WIDTH, _HEIGHT
        self._blank = self.prs.slide_layouts[6]

    def slide(self, title: str, subtitle: str = "") -> Any:
        slide = self.prs.slides.add_slide(self._blank)
        self.text(slide, title, _MARGIN, Inches(0.3), _WIDTH - 2 * _MARGIN, Inches(0.7), size=26, bold=True)
        if subtitle:
            self.text(slide, subtitle, _MARGIN, Inches(0.95), _WIDTH - 2 * _MARGIN, Inches(0.4), size=13, colour=_MUTED)
        return slide

    def text(
        self,
        slide: Any,
        lines: str | Sequence[str],
        left: int,
        top: int,
        width: int,
        height: int,
        *,
        size: float = 14,
        bold: bool = False,
        colour: RGBColor = _DARK,
    ) -> Any:
        box = slide.shapes.add_textbox(left, top, width, height)
        frame = box.text_frame
        frame.word_wrap = True
        for i, line in enumerate([lines] if isinstance(lines, str) else lines):
            paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
            _style(paragraph.add_run(), line, size, bold, colour)
        return box

    def table(
        self,
        slide: Any,
        frame: pd.DataFrame,
        left: int,
        top: int,
        width: int,
        *,
        size: float = 10,
        widths: Sequence[float] | None = None,
    ) -> Any:
        """``frame`` as a table; ``widths`` are the columns' relative widths (default: equal)."""
        rows, cols = len(frame) + 1, len(frame.columns)
        row_height = Pt(size * 2.1)
        shape = slide.shapes.add_table(rows, cols, left, top, width, Emu(row_height * rows))
        table = shape.table
        shares = list(widths) if widths is not None and len(widths) == cols else [1.0] * cols
        for j, share in enumerate(shares):
            table.columns[j].width = Emu(int(width * share / sum(shares)))
        for j, header in enumerate(frame.columns):
            _cell(table.cell(0, j), str(header), size, bold=True)
        for i, row in enumerate(frame.itertuples(index=False), start=1):
            for j, value in enumerate(row):
                _cell(table.cell(i, j), cell_text(value), size)
        return shape

    def picture(self, slide: Any, png: bytes, left: int, top: int, width: int) -> Any:
        return slide.shapes.add_picture(io.BytesIO(png), left, top, width=width)

    def bars(
        self, slide: Any, labels: Sequence[str], values: Sequence[float], left: int, top: int, width: int, height: int
    ) -> Any:
        data = CategoryChartData()
        data.categories = list(labels)
        data.add_series(_tx("score", self.lang), [round(float(v), 3) for v in values])
        chart = slide.shapes.add_chart(XL_CHART_TYPE.BAR_CLUSTERED, left, top, width, height, data).chart
        chart.has_legend = False
        chart.has_title = False
        chart.font.size = Pt(10)
        chart.font.name = FONT
        plot = chart.plots[0]
        plot.has_data_labels = True
        plot.data_labels.number_format = "0.00"
        plot.data_labels.number_format_is_linked = False
        plot.data_labels.position = XL_LABEL_POSITION.OUTSIDE_END
        chart.value_axis.maximum_scale = 1.0
        chart.value_axis.minimum_scale = 0.0
        chart.category_axis.reverse_order = True  # first pillar on top, as on the pages
        return chart

    def lines(
        self,
        slide: Any,
        years: Sequence[str],
        series: dict[str, list[float]],
        left: int,
        top: int,
        width: int,
        height: int,
        *,
        percent: bool,
    ) -> Any:
        data = CategoryChartData()
        data.categories = list(years)
        for label, values in series.items():
            data.add_series(label, [round(float(v), 4) for v in values])
        chart = slide.shapes.add_chart(XL_CHART_TYPE.LINE_MARKERS, left, top, width, height, data).chart
        chart.has_title = False
        chart.has_legend = True
        chart.legend.include_in_layout = False
        chart.font.size = Pt(10)
        chart.font.name = FONT
        chart.value_axis.tick_labels.number_format = "0%" if percent else "0"
        chart.value_axis.tick_labels.number_format_is_linked = False
        return chart

    def bytes(self) -> bytes:
        buffer = io.BytesIO()
        self.prs.save(buffer)
        return buffer.getvalue()


def _style(run: Any, text: str, size: float, bold: bool, colour: RGBColor) -> None:
    run.text = text
    font = run.font
    font.size, font.bold, font.name = Pt(size), bold, FONT
    font.color.rgb = colour
    properties = run._r.get_or_add_rPr()
    east_asian = properties.find(qn("a:ea"))
    if east_asian is None:
        east_asian = properties.makeelement(qn("a:ea"), {})
        properties.find(qn("a:latin")).addnext(east_asian)
    east_asian.set("typeface", FONT)


def _cell(cell: Any, text: str, size: float, bold: bool = False) -> None:
    cell.text_frame.word_wrap = True
    paragraph = cell.text_frame.paragraphs[0]
    _style(paragraph.add_run(), text, size, bold, _DARK)
    cell.margin_top = cell.margin_bottom = Pt(2)


def _chosen_countries(plan: Any | None) -> list[str]:
    """The plan's countries, the most valuable first."""
    if plan is None or not plan.has_solution or plan.selection.empty:
        return []
    value = plan.selection.groupby("iso3", observed=True)["value"].sum().sort_values(ascending=False, kind="stable")
    return [str(i) for i in value.index]


#: How a rival's presence is known, as the exports name it.
_BASIS_KEYS = {"measured": "ex.measured", "home_market": "ex.home_market", "assumed": "ex.assumed"}


def _basis_word(basis: Any, lang: Lang) -> str:
    return t(_BASIS_KEYS[basis], lang) if basis in _BASIS_KEYS else ""


def _answers(dataset: Dataset, evaluation: Evaluation, plan: Any | None, lang: Lang) -> tuple[list[str], ...]:
    """The three answers as lines: which markets, which fields, which rivals (for the plan's
    entries; without a plan, for the ten best pairs)."""
    countries, fields, rivals = country_names(dataset, lang), field_names(dataset, lang), rival_names(dataset, lang)
    opportunity = evaluation.opportunity.assign(
        iso3=lambda f: f["iso3"].astype(str), field_id=lambda f: f["field_id"].astype(str)
    )
    if plan is not None and plan.has_solution and not plan.selection.empty:
        chosen = plan.selection.assign(
            iso3=lambda f: f["iso3"].astype(str), field_id=lambda f: f["field_id"].astype(str)
        )
        pairs = chosen[["iso3", "field_id", "value"]].merge(
            opportunity[["iso3", "field_id", "main_rival", "main_basis"]], on=["iso3", "field_id"], how="left"
        )
    else:
        pairs = opportunity.head(10).rename(columns={"opportunity": "value"})
    by_country = pairs.groupby("iso3", sort=False)["value"].agg(["sum", "size"]).sort_values("sum", ascending=False)
    markets = [
        _tx("answer_market", lang, country=name_of(countries, i), value=_score(r["sum"]), n=int(r["size"]))
        for i, r in by_country.head(8).iterrows()
    ]
    by_field = pairs.groupby("field_id", sort=False)["value"].agg(["sum", "size"]).sort_values("sum", ascending=False)
    field_lines = [
        _tx("answer_field", lang, field=name_of(fields, f), n=int(r["size"]), value=_score(r["sum"]))
        for f, r in by_field.head(8).iterrows()
    ]
    rival_lines = []
    rival = pairs["main_rival"].fillna("").astype(str)
    known = pairs[rival != ""]
    for rival_id, group in sorted(known.groupby("main_rival", sort=False), key=lambda kv: -len(kv[1]))[:6]:
        basis = group["main_basis"].value_counts()
        how = "・" if lang == "ja" else ", "
        rival_lines.append(
            _tx(
                "answer_rival",
                lang,
                rival=name_of(rivals, rival_id),
                n=len(group),
                basis=how.join(f"{_basis_word(b, lang)} {int(c)}" for b, c in basis.items() if _basis_word(b, lang)),
            )
        )
    if (rival == "").any():  # measured: no rival present at all (e.g. Japan's standard adopted)
        rival_lines.append(_tx("answer_no_rival", lang, n=int((rival == "").sum())))
    return markets, field_lines, rival_lines


def plan_deck(
    dataset: Dataset,
    evaluation: Evaluation,
    plan: Any | None,
    lang: Lang = "ja",
    *,
    countries: Sequence[str] | None = None,
    generated: datetime | None = None,
) -> bytes:
    """The briefing deck (``.pptx`` bytes) of ``plan`` under ``evaluation``, in ``lang``.

    ``countries`` picks the countries that get a slide of their own (default: the plan's
    countries, most valuable first, at most :data:`MAX_COUNTRY_SLIDES`; without a plan, the
    countries of the five best pairs). A plan without a solution gets a slide saying so."""
    from strategy.export.tables import sources_frame
    from strategy.export.world_map import map_png

    generated = generated or datetime.now(UTC)
    deck = _Deck(lang)
    scenario = evaluation.scenario
    solved = plan is not None and plan.has_solution
    chosen = _chosen_countries(plan)
    if countries is None:
        if chosen:
            countries = chosen[:MAX_COUNTRY_SLIDES]
        else:
            countries = list(dict.fromkeys(evaluation.opportunity["iso3"].astype(str).head(20)))[:5]
    names = country_names(dataset, lang)

    # 1. title
    slide = deck.slide(_tx("title", lang), _tx("subtitle", lang, scenario=scenario.name))
    deck.text(
        slide,
        [
            _tx(
                "model",
                lang,
                method=method_label(scenario.settings.method, lang),
                rule=t(f"ex.deck.rule.{scenario.opportunity_weights.rule}", lang),
            ),
            _tx("data_version", lang, version=dataset.version),
            _tx("generated", lang, date=generated.strftime("%Y-%m-%d %H:%M UTC")),
        ],
        _MARGIN,
        Inches(2.4),
        _WIDTH - 2 * _MARGIN,
        Inches(2.0),
        size=16,
    )

    # 2. the three answers
    slide = deck.slide(_tx("answers_title", lang), _tx("answers_plan" if solved else "answers_pairs", lang))
    column = (_WIDTH - 2 * _MARGIN) // 3
    for k, (head, lines) in enumerate(
        zip(("q_market", "q_field", "q_rival"), _answers(dataset, evaluation, plan, lang), strict=True)
    ):
        left = _MARGIN + k * column
        deck.text(slide, _tx(head, lang), left, Inches(1.5), column - Inches(0.2), Inches(0.5), size=16, bold=True)
        deck.text(slide, [f"• {line}" for line in lines], left, Inches(2.1), column - Inches(0.2), Inches(4.8), size=14)

    # 3. the plan table
    if solved and not plan.selection.empty:
        frame = _plan_frame(dataset, plan, lang)
        pages = max(1, -(-len(frame) // PLAN_ROWS_PER_SLIDE))
        per_page = -(-len(frame) // pages)  # as many rows on each slide, not one left over on the last
        for page in range(pages):
            part = frame.iloc[page * per_page : (page + 1) * per_page]
            title = _tx("plan_title", lang) + (f" ({page + 1}/{pages})" if pages > 1 else "")
            slide = deck.slide(
                title,
                _tx(
                    "plan_summary",
                    lang,
                    n=len(frame),
                    countries=len(chosen),
                    value=_score(plan.objective),
                    budget=f"{plan.budget_used:g}",
                    of=f"{scenario.constraints.budget:g}",
                    status=t(f"ex.deck.status.{plan.status}", lang),
                ),
            )
            widths = PLAN_WIDTHS[: len(part.columns)]
            deck.table(slide, part, _MARGIN, Inches(1.5), _WIDTH - 2 * _MARGIN, size=9, widths=widths)
        # 4. the map
        value = plan.selection.assign(iso3=lambda f: f["iso3"].astype(str)).groupby("iso3")["value"].sum()
        png = map_png(value.to_dict(), {i: name_of(names, i) for i in value.index}, legend=_tx("map_legend", lang))
        slide = deck.slide(_tx("map_title", lang), _tx("map_note", lang))
        deck.picture(slide, png, _MARGIN, Inches(1.5), _WIDTH - 2 * _MARGIN)
    else:
        slide = deck.slide(_tx("plan_title", lang))
        status = plan.status if plan is not None else "none"
        deck.text(
            slide,
            _tx(f"no_plan.{status}" if status in ("none", "infeasible") else "no_plan.other", lang, status=status),
            _MARGIN,
            Inches(1.6),
            _WIDTH - 2 * _MARGIN,
            Inches(1.0),
            size=16,
        )

    # 5. one slide per country
    for iso3 in countries:
        name = _country_slide(deck, dataset, evaluation, plan, str(iso3), lang, generated)
        _timing_slide(deck, dataset, evaluation, str(iso3), name, lang)

    # 6. judgements and sources
    slide = deck.slide(_tx("sources_title", lang), _tx("judgement_note", lang))
    sources = sources_frame(dataset, evaluation, lang).drop_duplicates(subset=["publisher", "title", "licence"])
    lines = [f"{r.publisher} — {r.title} ({r.licence})" for r in sources.itertuples()]
    deck.text(slide, lines[:28], _MARGIN, Inches(1.5), _WIDTH - 2 * _MARGIN, Inches(5.6), size=9)
    return deck.bytes()


def _plan_frame(dataset: Dataset, plan: Any, lang: Lang) -> pd.DataFrame:
    """The plan table as the slide shows it: period, country, field, phase, value, cost, staff,
    financing route, and the ICT package when the plan has any."""
    from strategy.export.tables import localise, plan_frame

    frame = plan_frame(dataset, plan, lang)
    if not (frame["route"] != "").any():  # solved without routes (e.g. plain entries): look them up
        frame["route"] = _routes(dataset, plan, lang)
    columns = ["period", "country", "field", "phase", "value", "cost", "staff", "route"]
    if (frame["package"] != "").any():
        columns.append("package")
    return localise(frame[columns].assign(value=frame["value"].map(_score)), lang)


def _routes(dataset: Dataset, plan: Any, lang: Lang) -> list[str]:
    """The likely financing route of each plan entry (``financing_rules.csv``), in words."""
    routes = entry_routes(dataset).set_index(["iso3", "field_id"])["route"]
    keys = zip(plan.selection["iso3"].astype(str), plan.selection["field_id"].astype(str), strict=True)
    return [route_label(str(routes.get(k, "")), lang) for k in keys]


def _country_slide(
    deck: _Deck, dataset: Dataset, evaluation: Evaluation, plan: Any | None, iso3: str, lang: Lang, generated: datetime
) -> str:
    """The country's slide; returns its name."""
    brief = country_brief_content(dataset, evaluation, iso3, lang, plan, generated=generated)
    slide = deck.slide(
        brief.name,
        _tx(
            "country_subtitle",
            lang,
            rank=brief.rank,
            n=brief.n_ranked,
            score=_score(brief.score),
            coverage=f"{brief.coverage:.0%}",
        ),
    )
    labels = [label for label, value in brief.pillar_items if value is not None]
    values = [value for _, value in brief.pillar_items if value is not None]
    deck.text(slide, _tx("pillars_head", lang), _MARGIN, Inches(1.45), Inches(4.6), Inches(0.4), size=13, bold=True)
    if labels:
        deck.bars(slide, labels, values, _MARGIN, Inches(1.85), Inches(4.6), Inches(4.2))
    right = _MARGIN + Inches(4.9)
    width = _WIDTH - right - _MARGIN
    entries = _country_entries(dataset, evaluation, plan, iso3, lang)
    head = "entries_head" if entries is not None else "best_head"
    deck.text(slide, _tx(head, lang), right, Inches(1.45), width, Inches(0.4), size=13, bold=True)
    if entries is not None:
        deck.table(
            slide, entries.head(COUNTRY_ROWS), right, Inches(1.85), width, size=8, widths=(2.2, 0.5, 0.6, 1.4, 1.5, 2.2)
        )
        if len(entries) > COUNTRY_ROWS:
            more = _tx("more_entries", lang, n=len(entries) - COUNTRY_ROWS)
            deck.text(slide, more, right, Inches(5.95), width, Inches(0.3), size=8, colour=_MUTED)
    else:
        deck.table(
            slide,
            brief.fields.iloc[:, [0, 2, 3, 4, 5, 7]],
            right,
            Inches(1.85),
            width,
            size=9,
            widths=(2.2, 1, 1, 1, 1, 1.5),
        )
    sources = [dataset.sources.loc[s] for s in brief.source_ids if s in dataset.sources.index]
    cited = "; ".join(
        dict.fromkeys(f"{cell_text(s.get('publisher'))} ({cell_text(s.get('licence'))})" for s in sources)
    )
    deck.text(
        slide,
        _tx("country_sources", lang, sources=cited),
        _MARGIN,
        Inches(6.35),
        _WIDTH - 2 * _MARGIN,
        Inches(0.9),
        size=8,
        colour=_MUTED,
    )
    return brief.name


def _country_entries(
    dataset: Dataset, evaluation: Evaluation, plan: Any | None, iso3: str, lang: Lang
) -> pd.DataFrame | None:
    """The plan's entries in ``iso3`` with their factors and main rival, or None without any."""
    if plan is None or not plan.has_solution:
        return None
    chosen = plan.selection[plan.selection["iso3"].astype(str) == iso3]
    if chosen.empty:
        return None
    opportunity = evaluation.opportunity
    rows = opportunity[opportunity["iso3"].astype(str) == iso3].assign(field_id=lambda f: f["field_id"].astype(str))
    merged = chosen.assign(field_id=lambda f: f["field_id"].astype(str)).merge(
        rows, on="field_id", how="left", suffixes=("", "_opp")
    )
    merged = merged.sort_values("value", ascending=False, kind="stable").reset_index(drop=True)
    fields, rivals = field_names(dataset, lang), rival_names(dataset, lang)

    routes = entry_routes(dataset).set_index(["iso3", "field_id"])["route"]
    packages = dataset.ict_packages["name_ja" if lang == "ja" else "name_en"]
    package = merged["package"].fillna("").astype(str) if "package" in merged else pd.Series("", index=merged.index)

    def factors(row: Any) -> str:
        return " · ".join(_score(row.get(c)) for c in ("demand", "supply", "access"))

    merged = merged.sort_values("value", ascending=False, kind="stable")
    return pd.DataFrame(
        {
            _tx("col.field", lang): [
                name_of(fields, f) + (f"（{packages.get(p, p)}）" if lang == "ja" else f" ({packages.get(p, p)})")
                if p
                else name_of(fields, f)
                for f, p in zip(merged["field_id"], package, strict=True)
            ],
            _tx("col.period", lang): merged["period"].astype(int).to_numpy(),
            _tx("col.value", lang): merged["value"].map(_score).to_numpy(),
            _tx("col.factors", lang): [factors(r) for _, r in merged.iterrows()],
            _tx("col.rival", lang): [
                f"{name_of(rivals, r)} ({_basis_word(b, lang)})" if isinstance(r, str) and r else _tx("no_rival", lang)
                for r, b in zip(merged["main_rival"], merged["main_basis"], strict=True)
            ],
            _tx("col.route", lang): [route_label(str(routes.get((iso3, f), "")), lang) for f in merged["field_id"]],
        }
    )


def _timing_slide(deck: _Deck, dataset: Dataset, evaluation: Evaluation, iso3: str, name: str, lang: Lang) -> None:
    """The country's rivals over time: a chart of the longest yearly series (donors' aid shares,
    cables entering service by supplier, or Chinese ICT finance projects), each rival's first
    measured year and momentum per evidence, and the windows (a rival rising fast in one of the
    fields Japan ranks highest there)."""
    from strategy.labels import evidence_label
    from strategy.scoring import timing

    line = timing.country_timeline(dataset, iso3)
    moving = timing.momentum(dataset)
    moving = moving[moving["iso3"] == iso3]
    if line.empty and moving.empty:
        return
    rivals = rival_names(dataset, lang)
    slide = deck.slide(_tx("timing_title", lang, country=name), _tx("timing_subtitle", lang))
    chart_evidence = next(
        (e for e in ("dac_aid", "submarine_cable_supplier", "china_ict_finance") if (line["evidence"] == e).any()), None
    )
    if chart_evidence is not None:
        series = line[line["evidence"] == chart_evidence].pivot_table(
            index="year", columns="rival_id", values="value", aggfunc="sum"
        )
        series = series.reindex(range(int(series.index.min()), int(series.index.max()) + 1)).fillna(0.0)
        deck.text(
            slide,
            _tx(f"timing_chart.{chart_evidence}", lang),
            _MARGIN,
            Inches(1.45),
            Inches(6.0),
            Inches(0.4),
            size=13,
            bold=True,
        )
        deck.lines(
            slide,
            [str(y) for y in series.index],
            {name_of(rivals, r): series[r].tolist() for r in series.columns},
            _MARGIN,
            Inches(1.85),
            Inches(6.0),
            Inches(4.3),
            percent=chart_evidence == "dac_aid",
        )
    first = timing.first_movers(dataset)
    first = (
        first[first["iso3"] == iso3]
        .groupby(["rival_id", "evidence"])
        .agg(first_year=("first_year", "min"), censored=("censored", "all"))
    )
    rows = []
    for r in moving.itertuples():
        year = first["first_year"].get((r.rival_id, r.evidence))
        censored = bool(first["censored"].get((r.rival_id, r.evidence), False))
        rows.append(
            {
                _tx("col.actor", lang): name_of(rivals, r.rival_id),
                _tx("col.evidence", lang): evidence_label(r.evidence, lang),
                _tx("col.first", lang): ""
                if year is None
                else _tx("first_or_earlier" if censored else "first_year", lang, year=int(year)),
                _tx("col.momentum", lang): _tx(f"state.{r.state}", lang, year=int(r.as_of)),
            }
        )
    right = _MARGIN + Inches(6.3)
    if rows:
        deck.text(
            slide,
            _tx("timing_table", lang),
            right,
            Inches(1.45),
            _WIDTH - right - _MARGIN,
            Inches(0.4),
            size=13,
            bold=True,
        )
        table = pd.DataFrame(rows).head(10)
        deck.table(slide, table, right, Inches(1.85), _WIDTH - right - _MARGIN, size=8, widths=(0.8, 1.6, 0.9, 1.4))
    flags = timing.window_flags(dataset, evaluation.opportunity)
    flags = flags[flags["iso3"] == iso3]
    fields = field_names(dataset, lang)
    lines = [
        _tx(
            "window_line",
            lang,
            rival=name_of(rivals, f.rival_id),
            field=name_of(fields, f.field_id),
            rank=int(f.country_rank),
            evidence=evidence_label(f.evidence, lang),
            year=int(f.as_of),
        )
        for f in flags.itertuples()
    ] or [_tx("no_window", lang)]
    deck.text(slide, lines[:4], _MARGIN, Inches(6.3), _WIDTH - 2 * _MARGIN, Inches(0.9), size=11, colour=_MUTED)


def country_deck(
    dataset: Dataset, evaluation: Evaluation, iso3: str, lang: Lang = "ja", plan: Any | None = None
) -> bytes:
    """A deck for one country: the title, the three answers and the country's slide."""
    return plan_deck(dataset, evaluation, plan, lang, countries=[iso3])
