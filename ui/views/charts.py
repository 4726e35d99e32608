"""Colours, fonts and the heatmap layout the figures share (Okabe-Ito: colour-blind safe).

Not a page.
"""

from __future__ import annotations

import plotly.graph_objects as go

MISSING_GREY = "#c8c8c8"


#: Okabe-Ito colours (colour-blind safe), one per pillar and for categorical groups.
OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
PILLAR_COLOURS = dict(
    zip(("size", "growth", "income", "digital", "business", "stability", "need", "ties"), OKABE_ITO, strict=True)
)
AHEAD, BEHIND = "#0072B2", "#D55E00"  # Japan ahead of / behind its main rival (Okabe-Ito blue / vermillion)
FONT = {"family": "Noto Sans CJK JP, Noto Sans JP, sans-serif", "size": 12}


class FrozenFigure(go.Figure):
    """A figure that is drawn many times and never changed, e.g. one a cached function returns.

    ``st.plotly_chart`` turns its figure into a dict with ``to_dict()``, a deep copy (about 40 ms
    for a history grid of 70 traces) on every rerun; a frozen figure makes that dict once and hands
    out the same one. Make it with :func:`frozen` after the last change to the figure.
    """

    def to_dict(self) -> dict:
        try:
            return self._frozen_dict  # type: ignore[has-type]
        except AttributeError:
            self._frozen_dict = super().to_dict()
            return self._frozen_dict


def frozen(figure: go.Figure) -> FrozenFigure:
    """A frozen copy of ``figure`` (see :class:`FrozenFigure`), for a cached function to return."""
    return FrozenFigure(figure)


def _heatmap_layout(figure: go.Figure, n_rows: int, n_cols: int, title: str) -> go.Figure:
    figure.update_layout(
        height=160 + 28 * n_rows,
        margin={"l": 10, "r": 10, "t": 40, "b": 10},
        plot_bgcolor="white",
        font=FONT,
        xaxis={"side": "top", "tickangle": -45 if n_cols > 8 else 0, "showgrid": False},
        yaxis={"autorange": "reversed", "showgrid": False, "automargin": True},
    )
    return figure
