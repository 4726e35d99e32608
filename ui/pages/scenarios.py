"""Scenarios & exports (シナリオと出力): keep, share, compare and hand over the analysis.

The current scenario is everything the other pages use (sidebar settings and the Plan page's
rules). It can be saved in the scenario store (versioned: a stale save gets a conflict message,
never a silent overwrite), loaded back onto every page, renamed, duplicated, deleted, exported and
imported as JSON, compared with other scenarios, and exported as the same CSV, Excel and HTML files
the command line writes.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import streamlit as st

from strategy import export
from strategy.analysis.compare import rank_shifts, rank_table
from strategy.data.dataset import Dataset
from strategy.scenario import Evaluation, Scenario, ScenarioError, evaluate
from strategy.scenario_schema import MAX_JSON_BYTES, Vocabulary
from strategy.store import ConflictError, ReadOnlyError, StoreError, default_url
from strategy.team.roles import Action
from ui import auth
from ui import settings as sc
from ui.common import escape_markdown, tr
from ui.page import open_page
from ui.scenario_state import read_import, scenario_from_session
from ui.session import Key
from ui.views import scenarios as views_scn
from ui.views import versions as views_ver
from ui.views import widgets

COMPARE_TOP = 10


@st.cache_resource(show_spinner=False, max_entries=8)
def _evaluate(_ds: Dataset, version: str, scenario_json: str) -> Evaluation:
    return evaluate(_ds, Scenario.from_json(scenario_json, Vocabulary.from_dataset(_ds)))


ds, language, state, universe = open_page("ui.page.scenarios", "ui.scn.intro")
views_scn.show_notices()

loaded = st.session_state.get(Key.SCENARIO_LOADED)
st.session_state.setdefault(Key.SCENARIO_NAME, loaded["name"] if loaded else tr("ui.scn.default_name"))
store = views_ver.open_store(default_url(), auth.team_mode())
actor = auth.current_actor()  # the signed-in user, or the laptop's admin: authors come from here only

# --- the current scenario ---------------------------------------------------------------------------

st.header(tr("ui.scn.current_title"))
name = st.text_input(tr("ui.scn.name"), key=Key.SCENARIO_NAME, max_chars=120, help=tr("ui.scn.name_help")).strip()
current = scenario_from_session(ds, state, name or tr("ui.scn.default_name"))
st.caption(views_scn.model_line(current, language))
if loaded and loaded["version"] is None:
    st.caption(tr("ui.scn.imported_from", name=escape_markdown(loaded["name"])))
elif loaded:
    st.caption(tr("ui.scn.loaded_from", name=escape_markdown(loaded["name"]), version=loaded["version"]))
left, right = st.columns(2)
if isinstance(store, StoreError):
    left.warning(store.message(language))
elif auth.action_button(left, "ui.scn.save", "scn_save", Action.SAVE, actor, "ui.scn.save_help", type="primary"):
    expected = loaded["version"] if loaded and loaded["name"] == current.name else None
    try:
        version = store.save(current, expected, actor=actor)
    except ConflictError as exc:
        st.session_state[Key.SCENARIO_CONFLICT] = {"name": current.name, "current": exc.current}
        st.error(exc.message(language))
    except StoreError as exc:
        st.error(exc.message(language))
    else:
        st.session_state[Key.SCENARIO_LOADED] = {"name": current.name, "version": version}
        st.session_state.pop(Key.SCENARIO_CONFLICT, None)
        views_scn.notice("success", tr("ui.scn.saved", name=escape_markdown(current.name), version=version))
        st.rerun()
conflict = st.session_state.get(Key.SCENARIO_CONFLICT)
if conflict and not isinstance(store, StoreError):
    st.warning(tr("ui.scn.conflict_next", name=escape_markdown(conflict["name"])))
    st.button(
        tr("ui.scn.load_newer"),
        key="scn_load_newer",
        on_click=views_scn.load_from_store,
        args=(ds, store, conflict["name"]),
    )
right.download_button(
    tr("ui.scn.download_json"),
    current.to_json().encode("utf-8"),
    file_name=export.export_filename("scenario", current.name, "json"),
    mime="application/json",
    key="scn_json",
    help=tr("ui.scn.download_json_help"),
    # nothing on the page changes after a download: a rerun would only race the next click
    on_click="ignore",
)

# --- saved scenarios ----------------------------------------------------------------------------

st.header(tr("ui.scn.saved_title"))
if isinstance(store, StoreError):
    st.info(tr("ui.scn.store_off"))
    saved = []
else:
    st.caption(
        tr("ui.scn.store_at", url=escape_markdown(repr(store).removeprefix("ScenarioStore(").rstrip(")").strip("'")))
    )
    if store.read_only:
        st.info(ReadOnlyError(folder=str(Path(store.url.database or "").parent)).message(language))
    try:  # every body is read, so one row that cannot be loaded is marked instead of breaking the page
        saved = store.list(check=True)
    except StoreError as exc:
        st.error(exc.message(language))
        saved = []
if not isinstance(store, StoreError) and not saved:
    st.info(tr("ui.scn.none_saved"))
elif saved:
    views_scn.saved_list(saved, store, language)
    names = [s.name for s in saved]
    versions = {s.name: s.version for s in saved}
    chosen = st.selectbox(tr("ui.scn.choose"), names, key="scn_chosen", help=tr("ui.scn.choose_help"))
    b1, b2, b3, b4 = st.columns(4)
    b1.button(
        tr("ui.scn.load"),
        key="scn_load",
        help=tr("ui.scn.load_help"),
        on_click=views_scn.load_from_store,
        args=(ds, store, chosen),
    )
    new_name = b2.text_input(tr("ui.scn.new_name"), key="scn_new_name", help=tr("ui.scn.new_name_help")).strip()
    if auth.action_button(b3, "ui.scn.rename", "scn_rename", Action.SAVE, actor, "ui.scn.rename_help"):
        try:
            store.rename(chosen, new_name, versions[chosen], actor=actor)
        except StoreError as exc:
            st.error(exc.message(language))
        except ScenarioError as exc:
            st.error(views_scn.stored_invalid(exc))
        else:
            if loaded and loaded["name"] == chosen:
                st.session_state[Key.SCENARIO_LOADED] = {"name": new_name, "version": loaded["version"]}
            views_scn.notice(
                "success", tr("ui.scn.renamed", old=escape_markdown(chosen), new=escape_markdown(new_name))
            )
            st.rerun()
    if auth.action_button(b3, "ui.scn.duplicate", "scn_duplicate", Action.SAVE, actor, "ui.scn.duplicate_help"):
        try:
            store.duplicate(chosen, new_name, actor=actor)
        except StoreError as exc:
            st.error(exc.message(language))
        except ScenarioError as exc:
            st.error(views_scn.stored_invalid(exc))
        else:
            views_scn.notice(
                "success", tr("ui.scn.duplicated", old=escape_markdown(chosen), new=escape_markdown(new_name))
            )
            st.rerun()
    may_delete = actor is not None and actor.can(Action.DELETE)
    sure = b4.checkbox(tr("ui.scn.delete_sure", name=chosen), key="scn_delete_sure", disabled=not may_delete)
    if auth.action_button(
        b4, "ui.scn.delete", "scn_delete", Action.DELETE, actor, "ui.scn.delete_help", disabled=not sure
    ):
        try:
            store.delete(chosen, versions[chosen], actor=actor)
        except StoreError as exc:
            st.error(exc.message(language))
        else:
            if loaded and loaded["name"] == chosen:
                st.session_state.pop(Key.SCENARIO_LOADED, None)
            views_scn.notice("success", tr("ui.scn.deleted", name=escape_markdown(chosen)))
            st.rerun()
    views_ver.history(store, chosen, actor, language)

# --- import -------------------------------------------------------------------------------------

st.subheader(tr("ui.scn.import_title"))
upload = widgets.file_uploader(
    tr("ui.scn.import"), ["json"], "scn_import", f"{MAX_JSON_BYTES // 1024} KB", language, help=tr("ui.scn.import_help")
)
if upload is not None:
    imported, problems = read_import(upload.getvalue(), upload.name, language, Vocabulary.from_dataset(ds))
    if imported is None:
        st.error("  \n".join([escape_markdown(problems[0]), *(f"- {escape_markdown(m)}" for m in problems[1:])]))
    else:
        if imported.data_version and imported.data_version != ds.version:
            st.warning(tr("ui.scn.other_data", version=imported.data_version, current=ds.version))
        st.success(tr("ui.scn.import_ok", name=escape_markdown(imported.name)))
        views_scn.model_notice(imported, language)
        st.button(
            tr("ui.scn.import_apply"), key="scn_import_apply", on_click=views_scn.apply, args=(ds, imported, None)
        )

# --- exports ------------------------------------------------------------------------------------

st.header(tr("ui.scn.export_title"))
st.caption(tr("ui.scn.export_caption"))
evaluation = sc.evaluation(ds, state, current)
solved = st.session_state.get(Key.PLAN_RESULT)
plan = solved["plan"] if solved and solved["signature"] == sc.opportunity_key(ds, state) else None
if plan is None:
    st.caption(tr("ui.scn.no_plan"))
provenance = views_ver.provenance(store, loaded, actor)  # the workbook says which version, by whom
views_scn.export_buttons(ds, evaluation, current.name, plan, language, provenance)

# --- compare ------------------------------------------------------------------------------------

st.header(tr("ui.scn.compare_title"))
st.caption(tr("ui.scn.compare_caption"))
# options are positions (0: the current scenario, then the saved ones): no name can clash with them
titles = [tr("ui.scn.current_label"), *(s.name for s in saved if s.problem is None)]
picked = st.multiselect(
    tr("ui.scn.compare_pick"),
    list(range(len(titles))),
    default=[0, 1] if len(titles) >= 2 else [0],
    format_func=lambda i: titles[i],
    key="scn_compare",
    help=tr("ui.scn.compare_help"),
)
if len(picked) < 2:
    st.info(tr("ui.scn.compare_need_two"))
    st.stop()
scenarios: dict[str, Scenario] = {}
for i in picked:
    title = titles[i] if i == 0 or titles[i] != titles[0] else f"{titles[i]} ({tr('ui.scn.saved_label')})"
    try:
        scenarios[title] = current if i == 0 else store.load(titles[i], Vocabulary.from_dataset(ds))[0]
    except StoreError as exc:
        st.error(exc.message(language))
        st.stop()
    except ScenarioError as exc:
        st.error(views_scn.stored_invalid(exc))
        st.stop()
# the current scenario's scores are the session's; a saved one is evaluated afresh (and kept)
evaluations = {
    title: sc.evaluation(ds, state, s) if s is current else _evaluate(ds, ds.version, s.to_json())
    for title, s in scenarios.items()
}
ranks = rank_table({title: e.market for title, e in evaluations.items()}, top_n=COMPARE_TOP)
shifts = rank_shifts(ranks)

slope = views_scn.rank_slope(ds, ranks, language)
st.subheader(tr("ui.scn.slope_title", n=COMPARE_TOP))
st.plotly_chart(slope, width="stretch", config={"displaylogo": False}, key="scn_slope")
moves = shifts.iloc[:, 1:].abs().to_numpy(float)
biggest = np.nanmax(moves) if moves.size and not np.isnan(moves).all() else 0
st.caption(tr("ui.scn.slope_caption", moved=int((np.nan_to_num(moves) > 0).any(axis=1).sum()), biggest=int(biggest)))

st.subheader(tr("ui.scn.weights_title"))
views_scn.weights_comparison(scenarios, language)
st.caption(tr("ui.scn.weights_caption"))

views_scn.plans_comparison(ds, scenarios, evaluations, language)
