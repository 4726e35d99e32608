"""World maps drawn offline: country shapes come from the app's own static folder, never a CDN.

Not a page.
"""

from __future__ import annotations

import plotly.graph_objects as go

from strategy.data.dataset import Dataset
from strategy.i18n import Lang
from ui.labels import country_list as _names
from ui.texts import t
from ui.views.charts import FONT, MISSING_GREY, OKABE_ITO
from ui.views.markets import group_names
from ui.views.tables import ordinal

MAP_CONFIG = {"topojsonURL": "app/static/", "displaylogo": False, "scrollZoom": False}


def map_config() -> dict[str, object]:
    """Plotly config for maps: shapes from the app's own static folder, never from a CDN."""
    return dict(MAP_CONFIG)


def _geo_layout(figure: go.Figure, fit: bool, height: int = 470) -> go.Figure:
    figure.update_geos(
        resolution=50,
        showframe=False,
        showcoastlines=False,
        showcountries=True,
        countrycolor="white",
        showland=True,
        landcolor="#ececec",
        showocean=False,
        showlakes=False,
        projection_type="natural earth",
        fitbounds="locations" if fit else False,
        lataxis_range=None if fit else [-58, 84],
    )
    figure.update_layout(
        height=height,
        margin={"l": 0, "r": 0, "t": 10, "b": 0},
        font=FONT,
        legend={"orientation": "h", "x": 0.0, "y": -0.02, "yanchor": "top"},
        dragmode=False,
    )
    return figure


def score_map(ds: Dataset, market: object, language: Lang, fit: bool) -> go.Figure:
    """Choropleth of the market score (viridis); grey = in the universe but not ranked (low coverage)."""
    score = market.score  # type: ignore[attr-defined]
    rank = market.rank  # type: ignore[attr-defined]
    names = _names(ds, score.index, language)
    score_label = t("ui.mk.col.score", language)
    rank_label = t("ui.mk.col.rank", language)
    text = [
        f"{n}<br>{rank_label}: {ordinal(int(r), language)}<br>{score_label}: {s:.3f}"
        for n, r, s in zip(names, rank, score, strict=True)
    ]
    traces = [
        go.Choropleth(
            locations=list(score.index),
            z=score.to_numpy(),
            locationmode="ISO-3",
            colorscale="Viridis",
            marker={"line": {"color": "white", "width": 0.4}},
            text=text,
            hovertemplate="%{text}<extra></extra>",
            colorbar={
                "title": {"text": score_label, "side": "top"},
                "orientation": "h",
                "x": 0.5,
                "xanchor": "center",
                "y": 0.0,
                "yanchor": "top",
                "len": 0.45,
                "thickness": 12,
            },
            name=score_label,
        )
    ]
    excluded = market.excluded  # type: ignore[attr-defined]
    if len(excluded):
        grey = t("ui.mk.map_excluded", language)
        traces.append(
            go.Choropleth(
                locations=list(excluded.index),
                z=[1.0] * len(excluded),
                locationmode="ISO-3",
                colorscale=[[0.0, MISSING_GREY], [1.0, MISSING_GREY]],
                showscale=False,
                marker={"line": {"color": "white", "width": 0.4}},
                text=[
                    f"{n}<br>{grey}: {t('ui.mk.coverage_pct', language, pct=f'{c * 100:.0f}')}"
                    for n, c in zip(_names(ds, excluded.index, language), excluded["coverage"], strict=True)
                ],
                hovertemplate="%{text}<extra></extra>",
                name=grey,
                showlegend=True,
            )
        )
    figure = go.Figure(traces)
    figure.update_layout(legend={"x": 0.0, "y": 0.02, "yanchor": "bottom"})
    return _geo_layout(figure, fit)


def groups_map(ds: Dataset, groups: object, language: Lang, fit: bool) -> go.Figure:
    labels = groups.labels  # type: ignore[attr-defined]
    names = group_names(ds, groups, language)
    figure = go.Figure()
    for g in sorted(labels.unique()):
        members = labels.index[labels == g]
        colour = OKABE_ITO[int(g) % len(OKABE_ITO)]
        figure.add_choropleth(
            locations=list(members),
            z=[1.0] * len(members),
            locationmode="ISO-3",
            colorscale=[[0.0, colour], [1.0, colour]],
            showscale=False,
            marker={"line": {"color": "white", "width": 0.4}},
            text=[f"{n}<br>{names[g]}" for n in _names(ds, members, language)],
            hovertemplate="%{text}<extra></extra>",
            name=f"{int(g) + 1}. {names[g]}",
            showlegend=True,
        )
    return _geo_layout(figure, fit, height=500)
