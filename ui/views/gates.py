""" "Why is this pair not ranked?": one view for every page that lists (country, field) pairs.

Not a page. :func:`why_not_ranked` draws an expander that says, for one pair, in the user's
language: ranked (rank N of M), or closed by a field gate (the gate, what the data showed, the
gate's rationale and reference from ``field_gates.csv``), or not ranked for lack of need data, low
data coverage or because the country is outside the universe; and a table of every pair the gates
close for the field (or the country). The standing itself comes from
:func:`strategy.analysis.why.pair_status`; nothing is scored here.
"""

from __future__ import annotations

import math

import pandas as pd
import streamlit as st

from strategy.analysis.why import PairStatus, closed_pairs, observed_parts, pair_status
from strategy.data.dataset import Dataset
from strategy.i18n import Lang, format_value
from strategy.scoring import FieldFit, MarketScores
from ui import steps
from ui.common import escape_markdown
from ui.labels import country_list, country_names, field_names, indicator_names, label, unit_label
from ui.texts import TEXT, t
from ui.views.tables import Table
from ui.views.widgets import lazy_expander


def gate_name(gate_id: object, language: Lang) -> str:
    """A gate in words (``ui.gt.gate.<id>``), else its id (a gate added to the table without a name)."""
    return label("gt.gate", gate_id, language)


def _what(ds: Dataset, what: str, language: Lang) -> str:
    key = f"ui.gt.what.{what}"
    if key in TEXT:
        return t(key, language)
    return str(indicator_names(ds.catalog, language).get(what, what))


def _value(ds: Dataset, what: str, value: str, language: Lang) -> str:
    """A value a gate read, in words: a count or a length as a whole number where it is one, with
    its unit (``ui.gt.value.<what>`` where the app names it, else the catalogue's unit)."""
    if what == "un_subregion":
        return label("fc.subregion", value, language)
    try:
        x = float(value)
    except ValueError:
        return value
    whole = x.is_integer() and abs(x) < 1e12
    template = f"ui.gt.value.{what}"
    if template in TEXT:
        return t(template, language, v=f"{int(x):,}" if whole else f"{x:,.1f}")
    if what not in ds.catalog.index:
        return value
    unit = ds.catalog.at[what, "unit"]
    number = f"{int(x):,}" if whole and unit not in ("US$", "people") else format_value(x, unit, language)
    if unit == "US$" or unit == "people":
        return number
    suffix = unit_label(unit, language)
    joined = language == "ja" and suffix and not suffix.isascii()
    return f"{number}{suffix}" if joined else f"{number} {suffix}".strip()


def observed_text(ds: Dataset, observed: str, language: Lang) -> str:
    """What a gate read, for people: ``coastline_km=0; submarine_cables=0`` → 海岸線 0 km、陸揚げケーブル 0本."""
    items = []
    for what, value in observed_parts(observed):
        name = _what(ds, what, language)
        if value is None:
            items.append(t("ui.gt.obs_missing", language, what=name))
        else:
            items.append(t("ui.gt.obs", language, what=name, value=_value(ds, what, value, language)))
    return t("fmt.list_sep", language).join(items)


def _rationale(row: pd.Series, language: Lang) -> str:
    text = str(row.get("rationale_ja", "") if language == "ja" else row.get("rationale", ""))
    return text if text.strip() else str(row.get("rationale", ""))


def status_lines(ds: Dataset, status: PairStatus, market: MarketScores, language: Lang) -> list[str]:
    """The standing of one pair as markdown paragraphs (the first one says ranked or not)."""
    country = escape_markdown(country_names(ds, language).get(status.iso3, status.iso3))
    field = escape_markdown(str(field_names(ds, language).get(status.field_id, status.field_id)))
    if status.ranked:
        lines = [
            t(
                "ui.gt.ranked",
                language,
                country=country,
                field=field,
                rank=status.rank,
                n=status.n_ranked,
                value=f"{status.opportunity:.3f}",
            )
        ]
    else:
        lines = [t("ui.gt.not_ranked", language, country=country, field=field)]
    for reason in status.reasons:
        if reason != "closed":
            coverage = float(market.excluded["coverage"].get(status.iso3, math.nan)) if reason == "excluded" else 0
            lines.append(
                t(
                    f"ui.gt.reason.{reason}",
                    language,
                    country=country,
                    field=field,
                    pct=f"{coverage * 100:.0f}",
                    minimum=f"{market.criteria.settings.min_coverage * 100:.0f}",
                )
            )
            continue
        for _, gate in status.gates.iterrows():
            lines.append(
                t(
                    f"ui.gt.closed.{gate['status']}",
                    language,
                    gate=escape_markdown(gate_name(gate["gate_id"], language)),
                    observed=escape_markdown(observed_text(ds, gate["observed"], language)),
                )
            )
            lines.append(t("ui.gt.rationale", language, text=escape_markdown(_rationale(gate, language))))
            lines.append(t("ui.gt.reference", language, reference=escape_markdown(str(gate["reference"]))))
    for gate_id in status.unverified["gate_id"]:
        lines.append(t("ui.gt.unverified", language, gate=escape_markdown(gate_name(gate_id, language))))
    return lines


def closed_table(ds: Dataset, closed: pd.DataFrame, language: Lang) -> Table:
    """Closed pairs: country, field, gate, status (the data say no / no data), what the data showed."""
    c = {k: t(f"ui.gt.col.{k}", language) for k in ("gate", "status", "observed")}
    country, field = t("ui.col.country", language), t("ui.gt.col.field", language)
    names = field_names(ds, language)
    frame = pd.DataFrame(
        {
            country: country_list(ds, list(closed["iso3"]), language),
            field: [str(names.get(f, f)) for f in closed["field_id"]],
            c["gate"]: [gate_name(g, language) for g in closed["gate_id"]],
            c["status"]: [t(f"ui.gt.status.{s}", language) for s in closed["status"]],
            c["observed"]: [observed_text(ds, o, language) for o in closed["observed"]],
        }
    )
    columns = {
        c["status"]: st.column_config.TextColumn(c["status"], help=t("ui.gt.col.status_help", language)),
        c["observed"]: st.column_config.TextColumn(c["observed"], width="medium"),
    }
    return Table(frame, columns, pin=2)


def cell_notes(
    ds: Dataset, fit: FieldFit, countries: list[str], fields: list[str], language: Lang
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Fields × countries, for a heatmap: (kind, text) of the pairs without a fit, '' elsewhere.
    Kinds: 'closed' (a field gate; text 'closed: <gate>'), 'no_need' (no need data), 'outside'
    (not in the universe)."""
    kind = pd.DataFrame("", index=pd.Index(fields), columns=pd.Index(countries), dtype=object)
    inside = [i for i in countries if i in fit.fit.index]
    kind.loc[:, [i for i in countries if i not in set(inside)]] = "outside"
    need = fit.need.reindex(index=inside, columns=fields).isna().T
    kind.loc[:, inside] = kind.loc[:, inside].mask(need, "no_need")
    text = kind.replace({"outside": t("ui.gt.hover.outside", language), "no_need": t("ui.gt.hover.no_need", language)})
    closed = fit.gates.closed
    closed = closed[closed["iso3"].astype(str).isin(inside) & closed["field_id"].astype(str).isin(fields)]
    for (iso3, field_id), group in closed.groupby([closed["iso3"].astype(str), closed["field_id"].astype(str)]):
        gates = t("fmt.list_sep", language).join(gate_name(g, language) for g in group["gate_id"])
        kind.at[field_id, iso3] = "closed"
        text.at[field_id, iso3] = t("ui.gt.hover.closed", language, gate=gates)
    return kind, text


@st.cache_resource(show_spinner=False, max_entries=64)
def _status(_ds: Dataset, _state: object, key: tuple, iso3: str, field_id: str) -> PairStatus:
    """The pair's status, once per scoring state (``key``: what the opportunity table depends on)
    and picked pair."""
    market = steps.market(_ds, _state)  # type: ignore[arg-type]
    fit = steps.fit(_ds, _state)  # type: ignore[arg-type]
    table = steps.opportunities(_ds, _state)  # type: ignore[arg-type]
    return pair_status(_ds, market, fit, table, iso3, field_id)


@st.cache_resource(show_spinner=False, max_entries=64)
def _closed(
    _ds: Dataset, _state: object, key: tuple, iso3: str | None, field_id: str | None, language: Lang
) -> tuple[int, Table]:
    """The closed pairs of one country or field as a table. Gates depend on the universe and the
    reference year only (``key``), not on weights: a weight change does not rebuild it."""
    closed = closed_pairs(_ds, steps.fit(_ds, _state), iso3=iso3, field_id=field_id)  # type: ignore[arg-type]
    return len(closed), closed_table(_ds, closed, language)


def why_not_ranked(
    ds: Dataset,
    state: object,
    language: Lang,
    key: str,
    *,
    iso3: str | None = None,
    field_id: str | None = None,
    options: list[str] | None = None,
    table_by: str = "field",
) -> None:
    """The "why is this pair not ranked?" expander. ``iso3`` / ``field_id`` fix the page's current
    selection (no picker for it); ``options`` are the countries the picker offers (default: the
    universe). The table lists the pairs the gates close for the field (``table_by="field"``) or for
    the country (``"country"``). ``key`` prefixes the pickers' widget keys (one per page)."""
    with lazy_expander(t("ui.gt.title", language), f"{key}_open") as box:
        if box.open:
            _why_not_ranked_body(ds, state, language, key, iso3, field_id, options, table_by)


def _why_not_ranked_body(
    ds: Dataset,
    state: object,
    language: Lang,
    key: str,
    iso3: str | None,
    field_id: str | None,
    options: list[str] | None,
    table_by: str,
) -> None:
    """The expander's content: pickers, the pair's status and the closed pairs' table."""
    market = steps.market(ds, state)  # type: ignore[arg-type]
    fit = steps.fit(ds, state)  # type: ignore[arg-type]
    names = country_names(ds, language)
    fnames = field_names(ds, language)
    st.caption(t("ui.gt.caption", language))
    left, right = st.columns(2)
    if iso3 is None:
        choices = list(options if options is not None else fit.fit.index.astype(str))
        choices = sorted(choices, key=lambda i: str(names.get(i, i)))
        if st.session_state.get(f"{key}_country") not in choices:
            st.session_state[f"{key}_country"] = "VNM" if "VNM" in choices else choices[0]
        iso3 = str(
            left.selectbox(
                t("ui.gt.country", language),
                choices,
                format_func=lambda i: f"{names.get(i, i)} ({i})",
                key=f"{key}_country",
                help=t("ui.gt.country_help", language),
            )
        )
    if field_id is None:
        fields = list(ds.fields.sort_values("phase", kind="stable").index)
        st.session_state.setdefault(f"{key}_field", "digital_tv" if "digital_tv" in fields else fields[0])
        field_id = str(
            right.selectbox(
                t("ui.fd.field", language),
                fields,
                format_func=lambda f: str(fnames.get(f, f)),
                key=f"{key}_field",
                help=t("ui.gt.field_help", language),
            )
        )
    by_country = table_by == "country"
    key_now = steps.opportunity_key(ds, state)  # type: ignore[arg-type]
    status = _status(ds, state, key_now, iso3, field_id)
    gate_key = (ds.version, state.universe, state.settings.reference_year)  # type: ignore[attr-defined]
    n_closed, closed = _closed(
        ds, state, gate_key, iso3 if by_country else None, None if by_country else field_id, language
    )
    lines = status_lines(ds, status, market, language)
    (st.success if status.ranked else st.info)("\n\n".join(lines))
    where = names.get(iso3, iso3) if by_country else fnames.get(field_id, field_id)
    st.markdown(f"**{t('ui.gt.table_title', language, where=escape_markdown(str(where)), n=n_closed)}**")
    if n_closed:
        closed.show(rows=8, key=f"{key}_closed")
