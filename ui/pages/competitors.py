"""Competitors (どこと戦うか): rival threat per market × field, the evidence behind it, head-to-head, white space,
and rivals' timing (timelines, first movers, momentum, window flags)."""

from __future__ import annotations

import streamlit as st

from strategy.scoring import timing
from ui import settings as sc
from ui import views
from ui.common import escape_markdown, tr
from ui.page import open_page
from ui.session import Key
from ui.views import rivals as vr
from ui.views import timing as vt
from ui.views import widgets
from ui.views.gates import why_not_ranked

SECTIONS = ("threat", "evidence", "head_to_head", "white_space", "timing")

ds, language, state, universe = open_page("ui.page.competitors", "ui.cp.intro")
threat = sc.threat(ds, state)
market = sc.market(ds, state)
names = views.country_names(ds, language)

section = widgets.section_picker("ui.cp.section", "ui.cp.tab", SECTIONS, Key.COMPETITORS_SECTION, language)


def country_set() -> list[str]:
    return widgets.country_set_picker(ds, market, universe, Key.COMPETITORS_COUNTRIES, language)


def assumed_note() -> None:
    st.caption(escape_markdown(tr("ui.cp.assumed_note", default=f"{state.presence_default:.2f}")))


if section == "threat":
    st.subheader(tr("ui.cp.threat_title"))
    shown = country_set()
    st.plotly_chart(
        views.threat_heatmap(ds, threat, shown, language),
        width="stretch",
        config={"displaylogo": False},
        key="competitors_heatmap",
    )
    assumed_note()
    st.caption(tr("ui.cp.threat_caption"))

elif section == "evidence":
    st.subheader(tr("ui.cp.evidence_title"))
    options = list(universe)
    iso3 = widgets.country_picker("ui.cp.country", options, names, Key.COMPETITORS_COUNTRY, language)
    detail = threat.detail[threat.detail["iso3"] == iso3]
    rivals = detail[~detail["rival_id"].isin(ds.rivals.index[ds.rivals["is_home"] == 1])]
    counts = vr.basis_counts(rivals)
    st.markdown(
        tr(
            "ui.cp.evidence_count",
            country=names.get(iso3, iso3),
            measured=counts["measured"],
            home=counts["home_market"],
            total=len(rivals),
            assumed=counts["assumed"],
            default=f"{state.presence_default:.2f}",
        )
    )
    items = views.evidence_items(ds, iso3, language)
    if items:
        st.markdown("\n".join(items))
    else:
        st.info(tr("ui.cp.no_evidence"))
    st.caption(tr("ui.cp.evidence_caption"))
    st.markdown(f"#### {tr('ui.cp.country_fields_title', country=names.get(iso3, iso3))}")
    views.country_threat_table(ds, threat, iso3, language).show(rows=18, key="competitors_country_table")
    st.caption(tr("ui.cp.strength_note"))
    st.markdown(f"#### {tr('ui.bs.title')}")
    vr.presence_panel(ds, rivals, language, state.presence_default, key="competitors_presence")
    why_not_ranked(ds, state, language, "competitors_why", iso3=iso3, table_by="country")

elif section == "head_to_head":
    st.subheader(tr("ui.cp.h2h_title"))
    left, right = st.columns(2)
    with left:
        field_id = widgets.field_picker(ds, Key.COMPETITORS_FIELD, "submarine_cable", "ui.cp.field_help", language)
    with right:
        shown = country_set()
    figure, table = views.head_to_head(ds, threat, field_id, shown, language)
    st.caption(tr("ui.cp.h2h_caption"))
    st.plotly_chart(figure, width="stretch", config={"displaylogo": False}, key="competitors_h2h")
    table.show(rows=15, key="competitors_h2h_table")
    assumed_note()
    why_not_ranked(ds, state, language, "competitors_why_h2h", field_id=field_id, options=shown)

elif section == "white_space":
    st.subheader(tr("ui.cp.white_title"))
    shown = country_set()
    opportunities = sc.opportunities(ds, state)
    measured = views.white_space_table(ds, opportunities, shown, language, measured=True)
    assumed = views.white_space_table(ds, opportunities, shown, language, measured=False)
    st.caption(tr("ui.cp.white_caption", threshold=f"{state.white_space:.2f}"))
    st.markdown(f"#### {tr('ui.cp.white_measured_title', n=len(measured.frame))}")
    if len(measured.frame):
        measured.show(rows=15, key="competitors_white_space")
    else:
        st.info(tr("ui.cp.no_white_space"))
    st.markdown(f"#### {tr('ui.cp.white_assumed_title', n=len(assumed.frame))}")
    st.warning(tr("ui.cp.white_assumed_warning", default=f"{state.presence_default:.2f}"))
    if len(assumed.frame):
        assumed.show(rows=10, key="competitors_white_space_assumed")
    why_not_ranked(ds, state, language, "competitors_why_white", options=shown)

elif section == "timing":
    st.subheader(tr("ui.tm.title"))
    st.caption(tr("ui.tm.intro"))
    iso3 = widgets.country_picker("ui.cp.country", list(universe), names, Key.COMPETITORS_COUNTRY, language)
    vt.timing_panel(ds, iso3, language, key="competitors_timing")
    st.markdown(f"#### {tr('ui.tm.window_title')}")
    shown = country_set()
    flags = timing.window_flags(ds, sc.opportunities(ds, state))
    windows = vt.window_table(ds, flags, shown, language)
    st.caption(tr("ui.tm.window_caption", n=timing.TOP_FIELDS))
    if len(windows.frame):
        windows.show(rows=12, key="competitors_windows")
    else:
        st.info(tr("ui.tm.no_window"))
    if state.momentum > 0:
        st.caption(tr("ui.tm.factor_on", weight=f"{state.momentum:.2f}"))
    else:
        st.caption(tr("ui.tm.factor_off"))
    with widgets.lazy_expander(tr("ui.tm.rules_title"), "competitors_rules_open") as box:
        if box.open:
            vt.rules_table(ds, ds.version, language).show(rows=4, key="competitors_rules")
            st.caption(tr("ui.tm.rules_caption"))
