"""A world map as a PNG image, drawn offline from the app's own country shapes.

The shapes are ``static/world_110m.json``, the TopoJSON file the app's plotly maps read (Natural
Earth 1:110m, ids are ISO 3166 alpha-3; MIT licence, see ``static/LICENSE``). TopoJSON stores each
shared border once, as a delta-encoded, quantised *arc*; a ring is a list of arc indices (``~i``
walks arc ``i`` backwards), so decoding is a cumulative sum, an affine transform and a
concatenation (https://github.com/topojson/topojson-specification). Matplotlib draws the polygons:
a slide cannot hold an interactive plotly map, and plotly's static export needs a browser.
"""

from __future__ import annotations

import io
import json
from collections.abc import Mapping
from functools import cache
from pathlib import Path

import matplotlib
import numpy as np

matplotlib.use("Agg")  # no display: images are only written to bytes
from matplotlib import font_manager  # noqa: E402
from matplotlib import pyplot as plt  # noqa: E402
from matplotlib.cm import ScalarMappable  # noqa: E402
from matplotlib.collections import PolyCollection  # noqa: E402
from matplotlib.colors import Normalize  # noqa: E402

#: The shapes file the app serves to plotly (``.streamlit/config.toml`` enables static serving).
SHAPES = Path(__file__).resolve().parents[2] / "static" / "world_110m.json"


@cache
def country_rings(path: Path = SHAPES) -> dict[str, tuple[np.ndarray, ...]]:
    """ISO3 → the country's outer and inner rings as (n, 2) arrays of longitude, latitude.

    >>> rings = country_rings()
    >>> bool(rings["PHL"][0][:, 0].min() > 115 and rings["PHL"][0][:, 0].max() < 127)
    True
    """
    topo = json.loads(path.read_text(encoding="utf-8"))
    scale = np.asarray(topo["transform"]["scale"], float)
    translate = np.asarray(topo["transform"]["translate"], float)
    arcs = [np.cumsum(np.asarray(a, float), axis=0) * scale + translate for a in topo["arcs"]]

    def ring(indices: list[int]) -> np.ndarray:
        parts = [arcs[i] if i >= 0 else arcs[~i][::-1] for i in indices]
        # consecutive arcs share their end point: keep it once
        return np.concatenate([parts[0]] + [p[1:] for p in parts[1:]]) if parts else np.empty((0, 2))

    out: dict[str, tuple[np.ndarray, ...]] = {}
    for geometry in topo["objects"]["countries"]["geometries"]:
        iso3 = str(geometry.get("id", ""))
        if geometry["type"] == "Polygon":
            polygons = [geometry["arcs"]]
        elif geometry["type"] == "MultiPolygon":
            polygons = geometry["arcs"]
        else:
            continue
        rings = tuple(ring(r) for polygon in polygons for r in polygon if r)
        if iso3 and rings and iso3 not in NOT_DRAWN:
            out[iso3] = out.get(iso3, ()) + rings
    return out


#: Antarctica: its ring runs along the map's lower edge and no plan has it.
NOT_DRAWN = frozenset({"ATA"})

#: Fonts with Japanese glyphs, tried in order (Debian's fonts-noto-cjk, Windows, macOS).
CJK_FONTS = ("Noto Sans CJK JP", "Yu Gothic", "Meiryo", "Hiragino Sans", "IPAexGothic")


def cjk_font() -> str | None:
    """The first installed font of :data:`CJK_FONTS`, or None (labels then fall back to ISO3 codes)."""
    installed = {f.name for f in font_manager.fontManager.ttflist}
    return next((name for name in CJK_FONTS if name in installed), None)


def map_png(
    values: Mapping[str, float],
    labels: Mapping[str, str] | None = None,
    *,
    legend: str = "",
    width_in: float = 11.5,
    height_in: float = 5.2,
    dpi: int = 150,
) -> bytes:
    """A PNG world map: countries in ``values`` shaded by value (darker = higher), the others
    grey; ``labels`` are written at each shaded country's centre; ``legend`` titles the colour bar.
    The view is cropped to the shaded countries (with a margin)."""
    rings = country_rings()
    shaded = {k: float(v) for k, v in values.items() if k in rings and np.isfinite(v)}
    font = cjk_font()
    if font is None and labels:  # no glyphs for Japanese names: write the codes
        labels = {k: k for k in labels}
    with plt.rc_context({"font.family": [font] if font else ["DejaVu Sans"]}):
        fig, ax = plt.subplots(figsize=(width_in, height_in), dpi=dpi)
        try:
            _draw(fig, ax, rings, shaded, labels or {}, legend)
            buffer = io.BytesIO()
            fig.savefig(buffer, format="png", dpi=dpi)
            return buffer.getvalue()
        finally:
            plt.close(fig)


def _draw(fig, ax, rings: dict[str, tuple[np.ndarray, ...]], shaded: dict[str, float], labels, legend: str) -> None:
    grey = [r for iso3, rs in rings.items() if iso3 not in shaded for r in rs]
    ax.add_collection(PolyCollection(grey, facecolors="#e6e6e6", edgecolors="#ffffff", linewidths=0.3))
    x0, x1, y0, y1 = -180.0, 180.0, -60.0, 85.0
    if shaded:
        high = max(shaded.values())
        norm = Normalize(vmin=0.0, vmax=high if high > 0 else 1.0)
        cmap = matplotlib.colormaps["Blues"]
        polys = [r for iso3 in shaded for r in rings[iso3]]
        colours = [cmap(0.25 + 0.75 * norm(shaded[iso3])) for iso3 in shaded for _ in rings[iso3]]
        ax.add_collection(PolyCollection(polys, facecolors=colours, edgecolors="#333333", linewidths=0.4))
        bar = fig.colorbar(ScalarMappable(norm=norm, cmap=cmap), ax=ax, fraction=0.025, pad=0.01, shrink=0.7)
        bar.ax.tick_params(labelsize=7)
        if legend:
            bar.set_label(legend, fontsize=8)
        points = np.concatenate(polys)
        lo, hi = points.min(axis=0), points.max(axis=0)
        span = np.maximum(hi - lo, [40.0, 25.0])
        centre = (lo + hi) / 2
        x0, x1 = centre[0] - 0.65 * span[0], centre[0] + 0.65 * span[0]
        y0, y1 = centre[1] - 0.65 * span[1], centre[1] + 0.65 * span[1]
        for iso3 in shaded:
            if iso3 in labels:
                x, y = max(rings[iso3], key=len).mean(axis=0)  # the largest island carries the name
                ax.annotate(
                    labels[iso3],
                    (x, y),
                    fontsize=7,
                    ha="center",
                    va="center",
                    color="#111111",
                    bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.75},
                )
    ax.set_xlim(max(x0, -180.0), min(x1, 180.0))
    ax.set_ylim(max(y0, -60.0), min(y1, 85.0))
    ax.set_aspect("equal")
    ax.axis("off")
    fig.tight_layout()
