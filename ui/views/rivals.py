"""Tables and figures of the Competitors page: rival threat and its evidence, head to head, white space.

Not a page. Builders label and format results of :mod:`strategy.scoring`; they compute no scores.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlparse

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from strategy.data.dataset import Dataset
from strategy.i18n import Lang, format_value
from ui.labels import country_list as _names
from ui.labels import field_names, is_blank, label, rival_label
from ui.texts import TEXT, t
from ui.views.charts import AHEAD, BEHIND, FONT, _heatmap_layout
from ui.views.tables import Table, _escape, _link, _short, _source_title, _unique, _year_text

# --- competitors ------------------------------------------------------------------------------


#: The bases of a presence, each with the mark written after a rival's name in a cell.
BASIS_MARK: dict[str, str] = {"measured": "", "home_market": "⌂", "assumed": "*"}


def basis_label(basis: object, language: Lang) -> str:
    """How a presence is known, in words: 実測 measured / 本国市場 home market / 仮定 assumed."""
    key = {"measured": "ui.cp.measured", "home_market": "ui.cp.home_market"}.get(str(basis), "ui.cp.assumed")
    return t(key, language)


def basis_of(measured: object) -> str:
    """The basis of a presence known only as measured or not (Japan's: never its home market here)."""
    return "measured" if bool(measured) else "assumed"


def evidence_text(kind: object, language: Lang) -> str:
    """An evidence type in words (cable suppliers, DTT standard, ..., 'measured absent', home market)."""
    key = f"ui.bs.evidence.{kind}"
    return t(key, language) if key in TEXT else label("evidence", kind, language)


def evidence_heatmap(
    values: np.ndarray,
    basis: np.ndarray,
    x: list[str],
    y: list[str],
    cells: np.ndarray,
    hover: Callable[[str], str],
    language: Lang,
    show_text: bool = True,
    details: np.ndarray | None = None,
) -> go.Figure:
    """A threat heatmap (cividis, 0-1) in two layers: cells whose presence is known (measured, or
    the rival's home market) in full colour, cells resting on assumed presence faded, so that
    evidence stands out. ``basis`` holds each cell's basis (:data:`BASIS_MARK`). ``hover`` gets the
    placeholder of the cell's translated basis and returns the hover template, where
    ``%{customdata[0]}`` is the cell text and ``%{customdata[1]}`` its ``details`` (evidence, source, year)."""
    threat_label = t("ui.cp.threat", language)
    extra = np.full(cells.shape, "", dtype=object) if details is None else details
    words = np.vectorize(lambda b: basis_label(b, language), otypes=[object])(basis)
    custom = np.dstack([cells.astype(object), extra.astype(object), words])
    assumed = basis == "assumed"
    figure = go.Figure()
    for part, opacity, name in ((~assumed, 1.0, "ui.cp.measured"), (assumed, 0.45, "ui.cp.assumed")):
        figure.add_heatmap(
            z=np.where(part, values, np.nan),
            x=x,
            y=y,
            colorscale="Cividis",
            zmin=0.0,
            zmax=1.0,
            opacity=opacity,
            text=np.where(part, cells, ""),
            texttemplate="%{text}" if show_text else None,
            textfont={"size": 10},
            xgap=1,
            ygap=1,
            hoverongaps=False,
            customdata=custom,
            hovertemplate=hover("%{customdata[2]}"),
            showscale=opacity == 1.0,
            colorbar={"title": {"text": threat_label, "side": "right"}, "thickness": 12},
            name=t(name, language),
        )
    return figure


def threat_heatmap(ds: Dataset, threat: object, countries: list[str], language: Lang) -> go.Figure:
    """Fields × countries: the main rival's threat (cividis), its name in the cell; * = presence
    assumed, ⌂ = the rival's home market."""
    summary = threat.summary  # type: ignore[attr-defined]
    summary = summary[summary["iso3"].isin(countries)]
    fields = ds.fields.sort_values("phase", kind="stable").index

    def wide(column: str) -> pd.DataFrame:
        return summary.pivot(index="field_id", columns="iso3", values=column).reindex(index=fields, columns=countries)

    z, rival, basis = wide("main_threat"), wide("main_rival"), wide("main_basis").fillna("assumed")
    names = field_names(ds, language)
    text = [
        [
            (rival_label(ds, r, language) + BASIS_MARK.get(str(b), "*")) if not is_blank(r) else "–"
            for r, b in zip(rival.loc[f], basis.loc[f], strict=True)
        ]
        for f in fields
    ]
    threat_label = t("ui.cp.threat", language)
    values = z.to_numpy(dtype=float)
    x = _unique(_names(ds, countries, language), list(countries))
    y = [t("ui.fd.phase_field", language, phase=int(ds.fields.at[f, "phase"]), name=names[f]) for f in fields]
    cells = np.array(text, dtype=object)
    figure = evidence_heatmap(
        values,
        basis.to_numpy(dtype=object),
        x,
        y,
        cells,
        lambda b: f"%{{y}}<br>%{{x}}<br>%{{customdata[0]}} ({b})<br>{threat_label}: %{{z:.2f}}<extra></extra>",
        language,
        show_text=values.size <= 600,
    )
    return _heatmap_layout(figure, len(fields), len(countries), threat_label)


def presence_table(ds: Dataset, detail: pd.DataFrame, language: Lang) -> Table:
    """Every rival presence in one country, by field: strength (judgement), presence, its basis
    (measured: with the evidence, the source file and the year; home market; assumed: the
    scenario's default), and the threat."""
    names = field_names(ds, language)
    order = {f: i for i, f in enumerate(ds.fields.sort_values("phase", kind="stable").index)}
    rows = detail.assign(_order=detail["field_id"].astype(str).map(order)).sort_values(
        ["_order", "threat"], ascending=[True, False], kind="stable"
    )
    c = {
        k: t(f"ui.bs.col.{k}", language)
        for k in ("field", "rival", "strength", "presence", "basis", "evidence", "source", "year", "threat")
    }
    frame = pd.DataFrame(
        {
            c["field"]: [str(names.get(f, f)) for f in rows["field_id"].astype(str)],
            c["rival"]: [rival_label(ds, r, language) for r in rows["rival_id"]],
            c["strength"]: rows["strength"].to_numpy(dtype=float),
            c["presence"]: rows["presence"].to_numpy(dtype=float),
            c["basis"]: [basis_label(b, language) for b in rows["basis"]],
            c["evidence"]: [evidence_text(e, language) if e else "" for e in rows["evidence"]],
            c["source"]: rows["source_id"].astype(str).replace("nan", "").to_numpy(),
            c["year"]: [_year_text(y) for y in rows["year"]],
            c["threat"]: rows["threat"].to_numpy(dtype=float),
        }
    )
    columns = {
        c["field"]: st.column_config.TextColumn(c["field"], width="medium"),
        c["strength"]: st.column_config.NumberColumn(
            c["strength"], format="%.2f", help=t("ui.cp.strength_help", language)
        ),
        c["presence"]: st.column_config.NumberColumn(c["presence"], format="%.2f"),
        c["basis"]: st.column_config.TextColumn(c["basis"], help=t("ui.bs.col.basis_help", language)),
        c["source"]: st.column_config.TextColumn(c["source"], help=t("ui.bs.col.source_help", language)),
        c["threat"]: st.column_config.NumberColumn(c["threat"], format="%.2f", help=t("ui.cp.threat_help", language)),
    }
    return Table(frame.reset_index(drop=True), columns, pin=2)


def basis_counts(detail: pd.DataFrame) -> dict[str, int]:
    """How many (rival, field) presences rest on each basis."""
    counts = detail["basis"].value_counts()
    return {b: int(counts.get(b, 0)) for b in BASIS_MARK}


def presence_panel(ds: Dataset, detail: pd.DataFrame, language: Lang, presence_default: float, key: str) -> None:
    """The presence table of one country and the caption counting each basis."""
    presence_table(ds, detail, language).show(rows=12, key=key)
    counts = basis_counts(detail)
    st.caption(
        t(
            "ui.bs.caption",
            language,
            default=f"{presence_default:.2f}",
            measured=counts["measured"],
            home=counts["home_market"],
            assumed=counts["assumed"],
        )
    )


def evidence_items(ds: Dataset, iso3: str, language: Lang) -> list[str]:
    """Every evidence row behind a presence value in one country, as markdown: what, who, how much,
    the year, the full detail (cable names, project counts) and the source (the cited page for digital TV)."""
    rows = ds.rival_presence[ds.rival_presence["iso3"] == iso3]
    dtt = ds.dtt_standards[ds.dtt_standards["iso3"] == iso3]
    names = field_names(ds, language)
    items = []
    for _, r in rows.sort_values(["evidence", "field_id", "value"], ascending=[True, True, False]).iterrows():
        kind = str(r["evidence"])
        if kind == "china_ict_finance":
            amount = t("ui.cp.projects", language, n=int(r["value"]))
        else:
            amount = f"{min(float(r['value']), 1.0) * 100:.0f}%"
        year = _year_text(r["year"])
        year = t("ui.cp.year", language, year=year) if year else t("fmt.na", language)
        head = t(
            "ui.cp.evidence_head",
            language,
            field=names.get(r["field_id"], r["field_id"]),
            rival=rival_label(ds, r["rival_id"], language),
            amount=amount,
            kind=t(f"label.evidence.{kind}", language),
            year=year,
        )
        detail = str(r["detail"])
        source = _escape(_source_title(ds, str(r["source_id"])))
        if kind == "dtt_standard" and len(dtt):
            standard = dtt["standard"].iloc[0]
            quote = str(dtt["quote"].iloc[0])
            url = str(dtt["source"].iloc[0])
            detail = t("ui.cp.dtt_detail", language, standard=standard, quote=_short(quote, 300))
            if url.startswith("http"):
                source = _link(urlparse(url).netloc or url, url)
        items.append(f"- **{_escape(head)}** — {_escape(detail)} ({t('ui.cp.col.source', language)}: {source})")
    return items + _donor_items(ds, iso3, language)


def _donor_items(ds: Dataset, iso3: str, language: Lang) -> list[str]:
    """The DAC donors' aid in one country, as evidence of the rivals' presence in the aid-financed
    fields: each rival's share of the eight donors' net bilateral aid and its presence (share
    relative to the largest donor), largest first."""
    donors = ds.donor_presence
    rows = donors[(donors["iso3"] == iso3) & donors["rival_id"].isin(ds.rivals.index)]
    if rows.empty:
        return []
    aid = ds.aid_financed_fields
    names = field_names(ds, language)
    fields = t("fmt.list_sep", language).join(
        str(names.get(f, f)) for f in ds.fields.index if f in aid.index and bool(aid.at[f, "aid_financed"])
    )
    source = _escape(_source_title(ds, str(rows["source_id"].iloc[0])))
    first = rows.iloc[0]
    head = t("ui.cp.donor_head", language, start=int(first["year_from"]), end=int(first["year_to"]))
    items = [
        f"- **{_escape(head)}** — {_escape(t('ui.cp.donor_fields', language, fields=fields))} "
        f"({t('ui.cp.col.source', language)}: {source})"
    ]
    for _, r in rows.sort_values("share", ascending=False).iterrows():
        line = t(
            "ui.cp.donor_line",
            language,
            rival=rival_label(ds, r["rival_id"], language),
            share=f"{float(r['share']) * 100:.0f}",
            relative=f"{float(r['relative']) * 100:.0f}",
            amount=format_value(float(r["flow_usd"]), "US$", language),
        )
        items.append(f"    - {_escape(line)}")
    return items


def country_threat_table(ds: Dataset, threat: object, iso3: str, language: Lang) -> Table:
    """Per field in one country: main rival, threat, measured or assumed, Japan's position, margin."""
    summary = threat.summary  # type: ignore[attr-defined]
    rows = (
        summary[summary["iso3"] == iso3]
        .set_index("field_id")
        .reindex(ds.fields.sort_values("phase", kind="stable").index)
    )
    names = field_names(ds, language)
    c = {
        k: t(f"ui.cp.col.{k}", language)
        for k in ("field", "main_rival", "threat", "rival_basis", "japan", "japan_basis", "margin", "white_space")
    }
    frame = pd.DataFrame(
        {
            c["field"]: [names[f] for f in rows.index],
            c["main_rival"]: [rival_label(ds, r, language) or t("ui.cp.nobody", language) for r in rows["main_rival"]],
            c["threat"]: rows["main_threat"].to_numpy(dtype=float),
            c["rival_basis"]: [basis_label(b, language) for b in rows["main_basis"]],
            c["japan"]: rows["japan_position"].to_numpy(dtype=float),
            c["japan_basis"]: [_basis(m, language) for m in rows["japan_measured"]],
            c["margin"]: rows["margin"].to_numpy(dtype=float),
            c["white_space"]: rows["white_space"].astype(bool).to_numpy(),
        }
    )
    columns = {
        c["threat"]: st.column_config.NumberColumn(c["threat"], format="%.2f", help=t("ui.cp.threat_help", language)),
        c["japan"]: st.column_config.NumberColumn(c["japan"], format="%.2f", help=t("ui.cp.japan_help", language)),
        c["margin"]: st.column_config.NumberColumn(c["margin"], format="%+.2f", help=t("ui.cp.margin_help", language)),
        c["white_space"]: st.column_config.CheckboxColumn(c["white_space"], help=t("ui.cp.white_space_help", language)),
    }
    return Table(frame, columns)


def _basis(measured: object, language: Lang) -> str:
    """Japan's presence basis (measured or assumed)."""
    return basis_label(basis_of(measured), language)


def head_to_head(
    ds: Dataset, threat: object, field_id: str, countries: list[str], language: Lang
) -> tuple[go.Figure, Table]:
    """Japan's position minus the main rival's threat in one field, per country (blue ahead, vermillion behind)."""
    summary = threat.summary  # type: ignore[attr-defined]
    rows = summary[(summary["field_id"] == field_id) & summary["iso3"].isin(countries)].copy()
    rows = rows.sort_values("margin", ascending=False, kind="stable")
    names = _names(ds, list(rows["iso3"].astype(str)), language)
    margin = rows["margin"].to_numpy(dtype=float)
    rivals = [rival_label(ds, r, language) or t("ui.cp.nobody", language) for r in rows["main_rival"]]
    assumed = [not bool(m) or not bool(j) for m, j in zip(rows["main_measured"], rows["japan_measured"], strict=True)]
    margin_label = t("ui.cp.col.margin", language)
    figure = go.Figure(
        go.Bar(
            x=margin,
            y=[n + (" *" if a else "") for n, a in zip(names, assumed, strict=True)],
            orientation="h",
            marker_color=[AHEAD if m >= 0 else BEHIND for m in margin],
            text=[f"{m:+.2f} ({r})" for m, r in zip(margin, rivals, strict=True)],
            textposition="outside",
            cliponaxis=False,
            hovertemplate=f"%{{y}}<br>{margin_label}: %{{x:+.2f}}<extra></extra>",
        )
    )
    figure.update_layout(
        height=120 + 26 * max(len(rows), 1),
        margin={"l": 10, "r": 60, "t": 20, "b": 40},
        plot_bgcolor="white",
        font=FONT,
        xaxis={
            "title": {"text": margin_label},
            "range": [-1.15, 1.15],
            "zerolinecolor": "#444",
            "gridcolor": "#e5e5e5",
        },
        yaxis={"autorange": "reversed", "automargin": True},
        showlegend=False,
    )
    c = {
        k: t(f"ui.cp.col.{k}", language)
        for k in ("japan", "japan_basis", "main_rival", "threat", "rival_basis", "margin", "white_space")
    }
    country = t("ui.col.country", language)
    frame = pd.DataFrame(
        {
            country: names,
            c["japan"]: rows["japan_position"].to_numpy(dtype=float),
            c["japan_basis"]: [_basis(m, language) for m in rows["japan_measured"]],
            c["main_rival"]: rivals,
            c["threat"]: rows["main_threat"].to_numpy(dtype=float),
            c["rival_basis"]: [basis_label(b, language) for b in rows["main_basis"]],
            c["margin"]: margin,
            c["white_space"]: rows["white_space"].astype(bool).to_numpy(),
        }
    )
    columns = {
        c["japan"]: st.column_config.NumberColumn(c["japan"], format="%.2f", help=t("ui.cp.japan_help", language)),
        c["threat"]: st.column_config.NumberColumn(c["threat"], format="%.2f", help=t("ui.cp.threat_help", language)),
        c["margin"]: st.column_config.NumberColumn(c["margin"], format="%+.2f", help=t("ui.cp.margin_help", language)),
        c["white_space"]: st.column_config.CheckboxColumn(c["white_space"]),
    }
    return figure, Table(frame, columns)


def white_space_table(ds: Dataset, table: pd.DataFrame, countries: list[str], language: Lang, measured: bool) -> Table:
    """(Country, field) pairs where no rival's threat reaches the threshold, best opportunity first.

    ``measured``: pairs where the main rival's presence is measured (evidence), or only assumed.
    """
    rows = table[
        table["white_space"].astype(bool)
        & table["iso3"].astype(str).isin(countries)
        & (table["main_measured"].astype(bool) == measured)
    ]
    names = field_names(ds, language)
    c = {
        k: t(f"ui.cp.col.{k}", language)
        for k in ("field", "phase", "opportunity", "fit", "main_rival", "threat", "rival_basis", "japan", "strength")
    }
    country = t("ui.col.country", language)
    frame = pd.DataFrame(
        {
            country: _names(ds, list(rows["iso3"].astype(str)), language),
            c["field"]: [names.get(f, f) for f in rows["field_id"].astype(str)],
            c["phase"]: [int(ds.fields.at[f, "phase"]) for f in rows["field_id"].astype(str)],
            c["opportunity"]: rows["opportunity"].to_numpy(dtype=float),
            c["fit"]: rows["fit"].to_numpy(dtype=float),
            c["main_rival"]: [rival_label(ds, r, language) or t("ui.cp.nobody", language) for r in rows["main_rival"]],
            c["threat"]: rows["main_threat"].to_numpy(dtype=float),
            c["rival_basis"]: [basis_label(b, language) for b in rows["main_basis"]],
            c["japan"]: rows["japan_position"].to_numpy(dtype=float),
            c["strength"]: rows["strength"].to_numpy(dtype=float),
        }
    )
    columns = {
        country: st.column_config.TextColumn(country, width=130),
        c["field"]: st.column_config.TextColumn(c["field"], width=170),
        c["opportunity"]: st.column_config.ProgressColumn(
            c["opportunity"], min_value=0.0, max_value=1.0, format="%.3f", help=t("ui.fd.opportunity_help", language)
        ),
        c["fit"]: st.column_config.NumberColumn(c["fit"], format="%.2f"),
        c["threat"]: st.column_config.NumberColumn(c["threat"], format="%.2f", help=t("ui.cp.threat_help", language)),
        c["japan"]: st.column_config.NumberColumn(c["japan"], format="%.2f", help=t("ui.cp.japan_help", language)),
        c["strength"]: st.column_config.NumberColumn(
            c["strength"], format="%.2f", help=t("ui.cp.strength_help", language)
        ),
    }
    return Table(frame.reset_index(drop=True), columns)
