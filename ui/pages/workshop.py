"""Workshop (ワークショップ): group weight elicitation on a saved scenario.

An admin opens a workshop on a scenario and its criteria (pillars); each signed-in participant gives
pillar weights with sliders or an AHP pairwise matrix (its consistency ratio shown; CR > 0.1 is
flagged and left out of the group result); the page shows each participant's weights, the group's
(AIJ or AIP geometric mean, :mod:`strategy.team.workshop`), the spread per criterion and where the
group disagrees most; a planner or admin saves the consensus as a new scenario; an admin closes it.
"""

from __future__ import annotations

import streamlit as st

from strategy.scenario import ScenarioError
from strategy.scenario_schema import Vocabulary
from strategy.store import StoreError, default_url
from strategy.team.roles import Action
from strategy.team.workshop import aggregate
from ui import auth
from ui.common import current_dataset, escape_markdown, lang, tr
from ui.settings import market_pillars
from ui.views import versions as views_ver
from ui.views import workshop as views_ws
from ui.views.scenarios import notice, show_notices

ds, language = current_dataset(), lang()
st.title(tr("ui.page.workshop"))
st.write(tr("ui.ws.intro"))
show_notices()
store = views_ver.open_store(default_url(), auth.team_mode())
actor = auth.current_actor()
if isinstance(store, StoreError):
    st.warning(store.message(language))
    st.stop()

# --- open a workshop (admins) -------------------------------------------------------------------

names = store.names()
with st.expander(tr("ui.ws.open_title"), expanded=not store.workshops()):
    if not names:
        st.info(tr("ui.ws.need_scenario"))
    else:
        on = st.selectbox(tr("ui.ws.scenario"), names, key="ws_scenario")
        try:
            weights = store.load(on, Vocabulary.from_dataset(ds))[0].market_weights.pillars
        except (StoreError, ScenarioError):
            weights = {}
        default = [p for p in market_pillars() if float(weights.get(p, 0)) > 0] or list(market_pillars())[:4]
        criteria = st.multiselect(
            tr("ui.ws.criteria"),
            list(market_pillars()),
            default=default,
            format_func=lambda p: views_ws.pillar_name(p, language),
            key="ws_criteria",
            help=tr("ui.ws.criteria_help"),
        )
        if auth.action_button(st, "ui.ws.open", "ws_open", Action.MANAGE_WORKSHOPS, actor, "ui.ws.open_help"):
            if len(criteria) < 2:
                st.error(tr("ui.ws.need_two"))
            else:
                try:
                    new_id = store.open_workshop(on, criteria, actor=actor)
                except StoreError as exc:
                    st.error(exc.message(language))
                else:
                    st.session_state["ws_chosen"] = new_id
                    notice("success", tr("ui.ws.opened", id=new_id, scenario=escape_markdown(on)))
                    st.rerun()

workshops = {w.id: w for w in store.workshops()}
if not workshops:
    st.info(tr("ui.ws.none"))
    st.stop()
titles = {i: views_ws.workshop_title(w) for i, w in workshops.items()}  # (format_func runs outside the run too)
chosen = st.selectbox(tr("ui.ws.choose"), list(workshops), format_func=titles.__getitem__, key="ws_chosen")
info = workshops[chosen]

# --- your input ---------------------------------------------------------------------------------

st.header(tr("ui.ws.input_title"))
if actor is None:
    st.stop()
st.caption(tr("ui.ws.input_as", user=actor.user))
if info.is_open:
    judgement = views_ws.input_form(info, actor.user, language)
    if st.button(tr("ui.ws.submit"), key="ws_submit", type="primary", disabled=judgement is None):
        try:
            store.submit_judgement(info.id, judgement, actor=actor)
        except StoreError as exc:
            st.error(exc.message(language))
        else:
            notice("success", tr("ui.ws.submitted", id=info.id))
            st.rerun()
else:
    st.info(tr("ui.ws.closed_note"))

# --- the group ----------------------------------------------------------------------------------

st.header(tr("ui.ws.group_title"))
judgements = store.judgements(info.id)
if not judgements:
    st.info(tr("ui.ws.no_inputs"))
    st.stop()
result = aggregate(judgements, info.criteria)
st.caption(tr("ui.ws.participants", n=len(judgements)))
views_ws.group_result(result, language)

if not result.weights.empty:
    st.subheader(tr("ui.ws.consensus_title"))
    new_name = st.text_input(
        tr("ui.ws.consensus_name"),
        value=tr("ui.ws.consensus_default", scenario=info.scenario, id=info.id),
        key="ws_name",
    ).strip()
    if auth.action_button(st, "ui.ws.consensus_save", "ws_save", Action.SAVE, actor, "ui.ws.consensus_help"):
        try:
            base = store.load(info.scenario, Vocabulary.from_dataset(ds))[0]
            version = store.save(views_ws.consensus(base, result, new_name), None, actor=actor)
        except StoreError as exc:
            st.error(exc.message(language))
        except ScenarioError as exc:
            st.error("  \n".join(exc.messages(language)))
        else:
            notice("success", tr("ui.scn.saved", name=escape_markdown(new_name), version=version))
            st.rerun()
if info.is_open and auth.action_button(
    st, "ui.ws.close", "ws_close", Action.MANAGE_WORKSHOPS, actor, "ui.ws.close_help"
):
    try:
        store.close_workshop(info.id, actor=actor)
    except StoreError as exc:
        st.error(exc.message(language))
    else:
        notice("success", tr("ui.ws.closed", id=info.id))
        st.rerun()
