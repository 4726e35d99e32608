"""HTML pieces of the country brief: escaped text, numbers, tables, inline SVG bar charts and CSS.

No script and nothing fetched from the network: the page prints and works offline.
"""

from __future__ import annotations

import html
import math
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
import pandas as pd

from strategy.i18n import Lang, t
from strategy.labels import cell_text


def _num(value: Any, digits: int = 3, lang: Lang = "ja") -> str:
    if isinstance(value, int | np.integer) and not isinstance(value, bool | np.bool_):
        return f"{int(value):,}"
    try:
        x = float(value)
    except (TypeError, ValueError):
        return html.escape(cell_text(value))
    if not math.isfinite(x):
        return html.escape(t("ex.na", lang))
    if abs(x) >= 1000:
        return f"{x:,.0f}"
    return f"{x:.{digits}f}"


def _esc(value: Any) -> str:
    return html.escape(cell_text(value), quote=True)


_BLUE, _VERMILLION, _GREY = "#0072B2", "#D55E00", "#9AA5B1"


def svg_bars(
    items: Sequence[tuple[str, float | None]],
    title: str,
    colour: str = _BLUE,
    maximum: float = 1.0,
    second: Sequence[float | None] | None = None,
    second_colour: str = _VERMILLION,
    legend: tuple[str, str] | None = None,
) -> str:
    """A horizontal bar chart as inline SVG (no script, prints well); labels are escaped.

    ``second`` adds a second bar per item (e.g. the main rival's threat next to Japan's position).
    """
    label_w, bar_w, row_h = 230, 300, 22 if second is None else 30
    top = 24 if legend else 8
    height = top + row_h * len(items) + 8
    width = label_w + bar_w + 70
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{_esc(title)}">',
        f"<title>{_esc(title)}</title>",
    ]
    if legend:
        parts.append(f'<rect x="{label_w}" y="4" width="10" height="10" fill="{colour}"/>')
        parts.append(f'<text x="{label_w + 14}" y="13" font-size="11">{_esc(legend[0])}</text>')
        parts.append(f'<rect x="{label_w + 150}" y="4" width="10" height="10" fill="{second_colour}"/>')
        parts.append(f'<text x="{label_w + 164}" y="13" font-size="11">{_esc(legend[1])}</text>')
    scale = bar_w / maximum if maximum > 0 else 0.0
    for i, (label, value) in enumerate(items):
        y = top + i * row_h
        shown = label if len(label) <= 28 else label[:27] + "…"
        parts.append(f'<text x="{label_w - 6}" y="{y + 14}" font-size="12" text-anchor="end">{_esc(shown)}</text>')
        bars = [(value, colour)] if second is None else [(value, colour), (second[i], second_colour)]
        h = 14 if second is None else 11
        for k, (v, c) in enumerate(bars):
            yy = y + 3 + k * (h + 1)
            if v is None or not math.isfinite(float(v)):
                parts.append(f'<text x="{label_w + 4}" y="{yy + h - 2}" font-size="10" fill="{_GREY}">–</text>')
                continue
            w = max(0.0, min(float(v), maximum)) * scale
            parts.append(f'<rect x="{label_w}" y="{yy}" width="{w:.1f}" height="{h}" fill="{c}"/>')
            parts.append(f'<text x="{label_w + w + 4:.1f}" y="{yy + h - 2}" font-size="10">{float(v):.2f}</text>')
    parts.append(f'<line x1="{label_w}" y1="{top - 2}" x2="{label_w}" y2="{height - 6}" stroke="#444"/>')
    parts.append("</svg>")
    return "".join(parts)


def _html_table(
    frame: pd.DataFrame, lang: Lang, digits: int = 3, numeric: Iterable[str] = (), formatted: Iterable[str] = ()
) -> str:
    """``formatted``: columns already written as text for people (right-aligned, escaped as they are)."""
    numeric, formatted = set(numeric), set(formatted)
    head = "".join(f"<th>{_esc(c)}</th>" for c in frame.columns)
    body = []
    for row in frame.itertuples(index=False):
        cells = []
        for column, value in zip(frame.columns, row, strict=True):
            if column in formatted:
                cells.append(f'<td class="num">{_esc(value)}</td>')
            elif column in numeric or (isinstance(value, float | int | np.number) and not isinstance(value, bool)):
                cells.append(f'<td class="num">{_num(value, digits, lang)}</td>')
            else:
                cells.append(f"<td>{_esc(value)}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


_CSS = """
body{font-family:"Noto Sans CJK JP","Hiragino Sans","Yu Gothic","Meiryo",sans-serif;margin:2em auto;max-width:960px;
color:#1b1f24;line-height:1.5;padding:0 1em}
h1{font-size:1.6em;margin-bottom:.2em}h2{font-size:1.2em;border-bottom:2px solid #0072B2;margin-top:1.6em}
.meta{color:#555;font-size:.9em}.lead{font-size:1.05em}.note{color:#555;font-size:.85em}
table{border-collapse:collapse;margin:.6em 0;font-size:.85em;width:100%}
th,td{border:1px solid #ccd3da;padding:3px 6px;text-align:left;vertical-align:top}th{background:#eef3f7}
td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
section{page-break-inside:avoid;break-inside:avoid}svg{max-width:100%;height:auto}
@media print{body{margin:0;max-width:none;font-size:10pt}h2{page-break-after:avoid}a{color:inherit;text-decoration:none}}
"""
