"""Country profile: everything about one country on one page, the same content as the exported brief.

Headline (market score and rank, best fields, main rival), then the brief's sections drawn from
:func:`strategy.export.country_brief_content` (why this market, which fields, which rival, the
plan), ties with Japan and groups, every indicator with its year, source and licence, and history
charts. The country is in the URL (``?iso3=VNM``) so a link opens the same profile; an unknown code
falls back to Viet Nam with a message. Numbers follow the shared sidebar settings.
"""

from __future__ import annotations

from functools import partial

import streamlit as st

from strategy import export
from strategy.analysis import profile
from strategy.data.dataset import Dataset
from ui import settings as sc
from ui import views
from ui.common import escape_markdown, tr
from ui.page import open_page
from ui.scenario_state import scenario_from_session
from ui.session import Key
from ui.views import country as vc
from ui.views import country_profile as vcp
from ui.views import history as vh
from ui.views import packages as pkv
from ui.views import profile as vp
from ui.views import widgets
from ui.views.deck import PPTX_MIME, deck_bytes
from ui.views.gates import why_not_ranked
from ui.views.plan import Names

DEFAULT = "VNM"


def _brief_bytes(ds: Dataset, brief: export.CountryBrief) -> bytes:
    """The HTML brief, written when its button is pressed rather than on every rerun (about 60 ms)."""
    return export.brief_html(ds, brief).encode("utf-8")


ds, language, state, _ = open_page("ui.page.country", "ui.cp.pf.intro", needs_countries=False)
names = views.country_names(ds, language)
field_label = views.field_names(ds, language)

# --- which country ------------------------------------------------------------------------------------

focus = profile.focus_markets(ds)
rest = sorted((str(i) for i in ds.countries.index if str(i) not in set(focus)), key=lambda i: str(names.get(i, i)))
options = sorted(focus, key=lambda i: str(names.get(i, i))) + [i for i in rest if i != "JPN"]
fallback = DEFAULT if DEFAULT in options else options[0]
requested = st.query_params.get(Key.COUNTRY_URL)
# a code in the URL that this page did not write itself (a shared link, the first visit) selects the country
if requested is not None and requested != st.session_state.get(Key.COUNTRY_URL_WRITTEN):
    code = requested.strip().upper()
    if code in options:
        st.session_state[Key.COUNTRY] = code
    else:
        st.session_state[Key.COUNTRY_UNKNOWN] = requested
if st.session_state.get(Key.COUNTRY) not in options:
    st.session_state[Key.COUNTRY] = fallback
iso3 = widgets.labelled(
    st.selectbox, "ui.cp.pf.country", options, lambda i: f"{names.get(i, i)} ({i})", Key.COUNTRY, language
)
if st.query_params.get(Key.COUNTRY_URL) != iso3:
    st.query_params[Key.COUNTRY_URL] = iso3
st.session_state[Key.COUNTRY_URL_WRITTEN] = iso3
unknown = st.session_state.pop(Key.COUNTRY_UNKNOWN, None)
if unknown is not None:
    st.warning(
        tr(
            "ui.cp.pf.unknown",
            code=escape_markdown(str(unknown)[:20]),
            country=escape_markdown(str(names.get(iso3, iso3))),
        )
    )
name = str(names.get(iso3, iso3))

universe = sc.require_countries(ds, state)
market = sc.market(ds, state)
fit = sc.fit(ds, state)
threat = sc.threat(ds, state)
opportunities = sc.opportunities(ds, state)
sc.header(ds, state, len(universe))

# --- headline and the brief -------------------------------------------------------------------------------

head = vcp.headline(ds, state, market, opportunities, threat, iso3, language)
why_not_ranked(ds, state, language, "cp_why", iso3=iso3, table_by="country")

# the brief: built from the current settings, exactly what the download contains
scenario = scenario_from_session(ds, state, str(st.session_state.get(Key.SCENARIO_NAME) or tr("ui.scn.default_name")))
evaluation = sc.evaluation(ds, state, scenario)
solved = st.session_state.get(Key.PLAN_RESULT)
plan = solved["plan"] if solved and solved.get("signature") == sc.opportunity_key(ds, state) else None
brief = None
if head.scored:
    try:
        brief = profile.brief(ds, evaluation, iso3, language, plan)
    except export.ExportError as exc:
        st.info(escape_markdown(exc.message(language)))
if brief is not None:
    html_column, deck_column = st.columns(2)
    html_column.download_button(
        tr("ui.cp.pf.download", country=name),
        partial(_brief_bytes, ds, brief),
        file_name=export.export_filename("brief", scenario.name, "html", iso3=iso3),
        mime="text/html",
        key="cp_download",
        help=tr("ui.cp.pf.download_help"),
        icon=":material/download:",
        # nothing on the page changes after a download: a rerun would only race the next click
        on_click="ignore",
    )
    deck_column.download_button(
        tr("ui.deck.country", country=name),
        partial(deck_bytes, ds, evaluation, language, plan, [iso3]),
        file_name=export.export_filename("deck", scenario.name, "pptx", iso3=iso3),
        mime=PPTX_MIME,
        key="cp_deck",
        help=tr("ui.deck.country_help"),
        icon=":material/slideshow:",
        on_click="ignore",
    )
    vcp.brief_sections(ds, brief, state, market, fit, threat, opportunities, focus, iso3, language)

# --- ties with Japan, groups, every indicator ----------------------------------------------------------------

st.header(tr("ui.cp.pf.ties_title"))
ties, groups, latest = vp.country_data(ds, ds.version, iso3, state.settings.reference_year, state.settings.max_age)
vcp.ties_section(ds, ties, groups, state, language)
pkv.route_table(ds, iso3, Names(language, dict(names), dict(field_label)))
vcp.indicators_section(ds, market, latest, brief, state, iso3, language)

# --- history ------------------------------------------------------------------------------------------------

st.header(tr("ui.cp.pf.history_title"))
catalogue = list(ds.catalog.index)
indicator_label = views.indicator_names(ds.catalog, language)
st.session_state.setdefault(Key.COUNTRY_INDICATORS, list(vh.key_indicators(ds, ds.version)[:6]))
left, right = st.columns([3, 2])
with left:
    chosen = widgets.kept_multiselect(
        "ui.cp.pf.history_indicators", catalogue, indicator_label, Key.COUNTRY_INDICATORS, language, max_selections=12
    )
peer_options = [i for i in options if i != iso3]
with right:
    peers_chosen = widgets.kept_multiselect(
        "ui.cp.pf.history_peers", peer_options, names, Key.COUNTRY_PEERS, language, max_selections=vc.MAX_HIGHLIGHT - 1
    )
if not chosen:
    st.info(tr("ui.cp.pf.history_pick"))
else:
    shown = [iso3, *peers_chosen]
    history = vh.show_history(ds, shown, chosen, shown, focus, language, key="cp_history")
    missing = [
        indicator_label.get(i, i)
        for i in chosen
        if history[(history["indicator"] == i) & (history["iso3"] == iso3)].empty
    ]
    if missing:
        st.caption(
            tr(
                "ui.cp.pf.history_missing",
                country=escape_markdown(name),
                items=escape_markdown(tr("fmt.list_sep").join(missing)),
            )
        )
    vh.history_sources(ds, history, chosen, focus, language, "cp_history")
st.page_link("ui/pages/focus.py", label=tr("ui.cp.pf.go_compare"), icon=":material/arrow_forward:")
