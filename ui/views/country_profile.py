"""The sections of the Country profile page, drawn: headline, the brief's four sections, ties, indicators.

Not a page. :mod:`ui.pages.country` picks the country and calls these in order; the tables and
figures they draw come from :mod:`ui.views.profile`. They compute no scores: the numbers come from
:mod:`strategy.analysis.profile` and the brief from :func:`strategy.analysis.profile.brief`.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from strategy import export
from strategy.analysis import profile
from strategy.data.dataset import Dataset
from strategy.i18n import Lang, window_text
from strategy.scoring import FieldFit, MarketScores, RivalThreat, timing
from ui import steps, views
from ui.common import escape_markdown, tr
from ui.labels import label
from ui.settings import State
from ui.texts import t
from ui.views import country as vc
from ui.views import profile as vp
from ui.views import rivals as vr
from ui.views import timing as vt
from ui.views.charts import frozen
from ui.views.factors import opportunity_caption
from ui.views.widgets import lazy_expander


def _brief_text(language: Lang) -> Callable[..., str]:
    """The brief's own wording (``ex.brief.*``), so the page says what the download says."""
    return lambda key, **v: t(f"ex.brief.{key}", language, **v)


def headline(
    ds: Dataset,
    state: State,
    market: MarketScores,
    opportunities: pd.DataFrame,
    threat: RivalThreat,
    iso3: str,
    language: Lang,
) -> profile.CountryHeadline:
    """The score, the rank, the best fields and the main rival of one country, and why it is not
    ranked when it is not; returns the headline for the rest of the page."""
    names = views.country_names(ds, language)
    field_label = views.field_names(ds, language)
    name = str(names.get(iso3, iso3))
    head = profile.headline(market, opportunities, threat, iso3)
    st.subheader(tr("ui.cp.pf.headline_title", country=escape_markdown(name)))
    m1, m2, m3, m4 = st.columns([1.1, 1.1, 2, 2])
    na = tr("fmt.na")
    m1.metric(
        tr("ui.cp.pf.score"),
        f"{head.score:.3f}" if head.scored else na,
        help=tr("ui.mk.score_help"),
    )
    m2.metric(
        tr("ui.cp.pf.rank"),
        tr("ui.cp.pf.rank_value", rank=head.rank, n=head.n_ranked) if head.scored else na,
        help=tr("ui.mk.rank_help"),
    )
    with m3:
        st.markdown(f"**{tr('ui.cp.pf.best_fields')}**")
        if head.best_fields:
            st.markdown(
                "\n".join(
                    f"{k}. {escape_markdown(str(field_label.get(f, f)))}" for k, f in enumerate(head.best_fields, 1)
                )
            )
        else:
            st.write(na)
        st.caption(tr(f"ui.cp.pf.best_fields_note.{state.opportunity.rule}"))
    with m4:
        st.markdown(f"**{tr('ui.cp.pf.main_rival')}**")
        if head.main_rival:
            st.markdown(
                tr(
                    "ui.cp.pf.main_rival_value",
                    rival=escape_markdown(views.rival_label(ds, head.main_rival, language)),
                    n=head.main_rival_fields,
                    total=head.n_fields,
                    measured=head.main_rival_measured,
                )
            )
        else:
            st.write(tr("ui.cp.pf.no_rival") if head.n_fields else na)
        st.caption(tr("ui.cp.pf.main_rival_note"))
    if head.reason is not None:
        territory = (
            head.reason == "outside" and state.universe.sovereign_only and ds.countries.at[iso3, "is_sovereign"] != 1
        )
        reason = tr(
            "ui.cp.pf.reason.territory" if territory else f"ui.cp.pf.reason.{head.reason}",
            country=escape_markdown(name),
            pct=f"{head.coverage * 100:.0f}" if not math.isnan(head.coverage) else "-",
        )
        st.info(reason)
    return head


@st.cache_resource(show_spinner=False, max_entries=32)
def _rival_heatmap(_ds: Dataset, _threat: RivalThreat, key: tuple, iso3: str, language: Lang) -> go.Figure:
    """Rivals × fields in one country, once per rival threat (``key``: what it depends on) and
    country: a weight slider does not rebuild it."""
    return frozen(vp.rival_heatmap(_ds, profile.rival_detail(_ds, _threat, iso3), language))


def brief_sections(
    ds: Dataset,
    brief: export.CountryBrief,
    state: State,
    market: MarketScores,
    fit: FieldFit,
    threat: RivalThreat,
    opportunities: pd.DataFrame,
    focus: Sequence[str],
    iso3: str,
    language: Lang,
) -> None:
    """The brief's sections as the download has them: why this market, which fields, which rival, the plan."""
    tx = _brief_text(language)
    name = str(views.country_names(ds, language).get(iso3, iso3))
    st.header(tx("why"))
    st.markdown(
        escape_markdown(
            tx(
                "rank_line",
                country=name,
                rank=brief.rank,
                n=brief.n_ranked,
                score=f"{brief.score:.3f}",
                coverage=f"{brief.coverage:.0%}",
            )
        )
    )
    if brief.strongest:
        st.markdown(escape_markdown(tx("strongest", items=tr("fmt.list_sep").join(brief.strongest_names))))
    left, right = st.columns([3, 2])
    pillars = market.pillars.loc[iso3]
    peers = market.pillars.reindex([c for c in focus if c in market.pillars.index]).median()
    with left:
        st.plotly_chart(
            vp.pillar_bars(ds, pillars, peers, language, tr("ui.cp.pf.focus_median")),
            width="stretch",
            config={"displaylogo": False},
            key="cp_pillars_chart",
        )
    with right:
        vp.brief_table(brief.pillars, {tx("col.pillar_score"): "%.2f", tx("col.weight_share"): "%.2f"}).show(
            rows=10, key="cp_pillars"
        )
    st.caption(tx("pillar_note") + " " + tr("ui.cp.pf.median_note"))
    with lazy_expander(tr("ui.cp.pf.decomposition"), "cp_decomposition_open") as box:
        if box.open:
            views.show_decomposition(ds, market, iso3, state.settings.max_age, language, "cp_decomposition")

    # --- 2. which fields ----------------------------------------------------------------------------------
    st.header(tx("fields"))
    vp.brief_table(
        brief.fields,
        {tx("col.pair_rank"): "%d", tx("col.margin"): "%+.2f", tx("col.strength"): "%.2f"},
        {
            tx("col.strength"): tr("ui.cp.strength_help"),
            tx("col.main_rival"): tr("ui.cp.assumed_help"),
            tx("col.margin"): tr("ui.cp.margin_help"),
            **{tx(f"col.{f}"): tr(f"ui.fx.{f}_help") for f in ("demand", "supply", "access")},
        },
    ).show(rows=10, key="cp_fields")
    st.plotly_chart(
        vp.position_chart(ds, brief.best, language), width="stretch", config={"displaylogo": False}, key="cp_position"
    )
    st.caption(tx(f"fields_note.{brief.rule}"))
    with lazy_expander(tr("ui.cp.pf.all_fields"), "cp_all_fields_open") as box:
        if box.open:
            fields_table = profile.country_fields(ds, fit, threat, opportunities, iso3)
            table = vp.country_fields_table(ds, fields_table, language, state.opportunity)
            table.show(rows=18, key="cp_all_fields")
            st.caption(opportunity_caption(state.opportunity, language) + " " + tr("ui.cp.strength_note"))

    # --- 3. which rival -----------------------------------------------------------------------------------
    st.header(tx("rivals"))
    if len(brief.rivals):
        vp.brief_table(
            brief.rivals, {tx("col.max_threat"): "%.2f"}, {tx("col.max_threat"): tr("ui.cp.threat_help")}
        ).show(rows=8, key="cp_rivals")
    else:
        st.info(tx("no_evidence"))
    st.caption(tx("rivals_note", default=brief.presence_default))
    st.markdown(f"#### {tr('ui.cp.pf.threat_title')}")
    st.plotly_chart(
        _rival_heatmap(ds, threat, steps.threat_key(ds, state), iso3, language),
        width="stretch",
        config={"displaylogo": False},
        key="cp_threat",
    )
    st.caption(tr("ui.cp.pf.threat_caption"))
    with lazy_expander(tr("ui.cp.pf.evidence"), "cp_evidence_open") as box:
        if box.open:
            items = views.evidence_items(ds, iso3, language)
            st.markdown("\n".join(items) if items else tr("ui.cp.no_evidence"))
    with lazy_expander(tr("ui.bs.title"), "cp_presence_open") as box:
        if box.open:
            detail = profile.rival_detail(ds, threat, iso3)
            vr.presence_panel(ds, detail, language, state.presence_default, key="cp_presence")
    with lazy_expander(tr("ui.tm.panel_title"), "cp_timing_open") as box:
        if box.open:
            flags = timing.window_flags(ds, opportunities)
            vt.timing_panel(ds, iso3, language, key="cp_timing", flags=flags)

    # --- 4. in the plan -----------------------------------------------------------------------------------
    if brief.plan is not None:
        st.header(tx("plan"))
        if len(brief.plan):
            st.markdown(escape_markdown(tx("plan_in", n=len(brief.plan), status=brief.plan_status)))
            vp.brief_table(brief.plan, {}).show(rows=10, key="cp_plan")
        else:
            st.markdown(escape_markdown(tx("plan_out", status=brief.plan_status)))


def ties_section(ds: Dataset, ties: pd.Series, groups: pd.Series, state: State, language: Lang) -> None:
    """Ties with Japan (aid, memoranda, broadcasting standard) and the country's groups."""
    t1, t2, t3 = st.columns(3)
    with t1.container(border=True):
        st.markdown(f"**{tr('ui.fc.col.aid')}**")
        if math.isnan(float(ties["aid_usd"])):
            st.write(tr("ui.fc.aid_none"))
        else:
            old = int(ties["aid_age"]) > vc.aid_window(ds, state.settings.max_age)  # NaN: no limit
            st.markdown(f"### {views.format_value(ties['aid_usd'], 'US$', language)}")
            st.caption(
                tr(
                    "ui.cp.pf.aid_year_old" if old else "ui.cp.pf.aid_year",
                    year=int(ties["aid_year"]),
                    age=int(ties["aid_age"]),
                )
            )
        st.caption(tr("ui.fc.col.aid_help"))
    with t2.container(border=True):
        st.markdown(f"**{tr('ui.fc.col.memoranda')}**")
        st.markdown(f"### {escape_markdown(vc.memoranda_text(ties['memoranda'], language))}")
        if ties["memorandum_quote"]:
            st.caption(tr("ui.cp.pf.memo_quote", quote=escape_markdown(ties["memorandum_quote"])))
        st.caption(tr("ui.fc.col.memoranda_help"))
    with t3.container(border=True):
        st.markdown(f"**{tr('ui.fc.col.dtt')}**")
        standard = ties["dtt_standard"] or tr("ui.fc.dtt_unknown")
        year = "" if ties["dtt_year"] is None or str(ties["dtt_year"]) == "<NA>" else f" ({int(ties['dtt_year'])})"
        st.markdown(f"### {escape_markdown(standard)}{year}")
        st.caption(tr("ui.cp.pf.isdbt_yes" if ties["isdbt"] else "ui.cp.pf.isdbt_no"))
        if ties["dtt_source"].startswith(("http://", "https://")):
            st.caption(f"{tr('ui.fc.col.dtt_source')}: {escape_markdown(ties['dtt_source'])}")
    members = [label("member", g, language) for g in profile.MEMBERSHIPS if bool(groups[g])]
    st.markdown(
        tr(
            "ui.cp.pf.groups_line",
            income=label("income", groups["income_group"], language) or tr("fmt.na"),
            region=escape_markdown(label("fc.subregion", groups["un_subregion"], language) or tr("fmt.na")),
            groups=escape_markdown(tr("fmt.list_sep").join(members)) if members else tr("ui.fc.none_recorded"),
        )
    )


def indicators_section(
    ds: Dataset,
    market: MarketScores,
    latest: pd.DataFrame,
    brief: export.CountryBrief | None,
    state: State,
    iso3: str,
    language: Lang,
) -> None:
    """Every indicator of the country with its year, source and licence, and which ones its score uses."""
    tx = _brief_text(language)
    st.header(tr("ui.cp.pf.indicators_title"))
    # the indicators this country's own score uses (an old or missing value has weight 0)
    used = (
        set(market.weights.columns[market.weights.loc[iso3] > 0].astype(str)) if iso3 in market.weights.index else set()
    )
    counts = latest["status"].value_counts()
    st.caption(
        tr(
            "ui.cp.pf.indicators_caption",
            current=int(counts.get("current", 0)),
            old=int(counts.get("old", 0)),
            missing=int(counts.get("missing", 0)),
            window=window_text(state.settings.max_age, language),
            year=market.criteria.reference_year,
        )
    )
    vp.indicator_table(ds, latest, used, market.criteria.reference_year, language).show(rows=15, key="cp_indicators")
    if brief is not None:
        st.caption(
            tx(
                "years",
                start=brief.year_min if brief.year_min is not None else "-",
                end=brief.year_max if brief.year_max is not None else "-",
                ref=brief.reference_year,
                window=window_text(brief.max_age, language),
            )
        )
    st.caption(tx("judgement_note"))
