"""Slide primitives of the briefing deck (:mod:`strategy.export.deck`): a 16:9 presentation with
titled slides, text boxes, tables, native (editable) bar and line charts and pictures.

Every text run gets an East Asian typeface (``a:ea``) beside the Latin one, so PowerPoint and
LibreOffice pick a font with Japanese glyphs.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

import pandas as pd
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION
from pptx.oxml.ns import qn
from pptx.util import Emu, Inches, Pt

from strategy.i18n import Lang, t
from strategy.labels import cell_text

#: Latin and East Asian typefaces of every text run: Meiryo ships with Windows (Japanese ministries'
#: machines); LibreOffice substitutes a Japanese font it has (Noto Sans CJK on Debian).
FONT = "Meiryo"
WIDTH, HEIGHT = Inches(13.333), Inches(7.5)  # 16:9
MARGIN = Inches(0.5)
DARK = RGBColor(0x1F, 0x2A, 0x44)
MUTED = RGBColor(0x59, 0x59, 0x59)


class Deck:
    """A presentation being written: slides with a title, text, tables, a chart or a picture."""

    def __init__(self, lang: Lang) -> None:
        self.lang = lang
        self.prs = Presentation()
        self.prs.slide_width, self.prs.slide_height = WIDTH, HEIGHT
        self._blank = self.prs.slide_layouts[6]

    def slide(self, title: str, subtitle: str = "") -> Any:
        slide = self.prs.slides.add_slide(self._blank)
        self.text(slide, title, MARGIN, Inches(0.3), WIDTH - 2 * MARGIN, Inches(0.7), size=26, bold=True)
        if subtitle:
            self.text(slide, subtitle, MARGIN, Inches(0.95), WIDTH - 2 * MARGIN, Inches(0.4), size=13, colour=MUTED)
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
        colour: RGBColor = DARK,
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
        data.add_series(t("ex.deck.score", self.lang), [round(float(v), 3) for v in values])
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
    _style(paragraph.add_run(), text, size, bold, DARK)
    cell.margin_top = cell.margin_bottom = Pt(2)
