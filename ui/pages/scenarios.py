"""Scenarios & exports (シナリオと出力): keep, share, compare and hand over the analysis.

The current scenario is everything the other pages use (sidebar settings and the Plan page's
rules). It can be saved in the scenario store (versioned: a stale save gets a conflict message,
never a silent overwrite), loaded back onto every page, renamed, duplicated, deleted, exported and
imported as JSON, compared with other scenarios, and exported as the same CSV, Excel and HTML files
the command line writes.
"""

from __future__ import annotations

from functools import partial

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from strategy import export
from strategy.analysis.compare import plan_table, rank_shifts, rank_table, weight_table
from strategy.data.dataset import Dataset
from strategy.optimize import entries_from_scores, prerequisites_of, solve
from strategy.scenario import Evaluation, Scenario, evaluate
from strategy.store import ConflictError, ScenarioStore, StoreError, default_url
from ui import settings as sc
from ui import views
from ui.common import current_dataset, escape_markdown, label, lang, tr
from ui.scenario_state import PLAN_RESULT_KEY, apply_scenario, read_import, scenario_from_session

LOADED_KEY = "scn_loaded"  # {"name": ..., "version": ...} of the scenario the session holds
NOTICE_KEY = "scn_notice"  # a message to show after the rerun an action causes
COMPARE_TOP = 10


@st.cache_resource(show_spinner=False)
def _open_store(url: str) -> ScenarioStore | StoreError:
    try:
        return ScenarioStore(url)
    except StoreError as exc:
        return exc


@st.cache_resource(show_spinner=False, max_entries=8)
def _evaluate(_ds: Dataset, version: str, scenario_json: str) -> Evaluation:
    return evaluate(_ds, Scenario.from_json(scenario_json))


# the export files are built when their button is pressed (Streamlit runs the callable then), not
# on every rerun: the workbook and the brief take about a second to build
def _csv(table_of, ds: Dataset, evaluation: Evaluation, language: str) -> bytes:
    return export.to_csv_bytes(table_of(ds, evaluation, language))


def _brief(ds: Dataset, evaluation: Evaluation, iso3: str, language: str, plan: object) -> bytes:
    return export.country_brief_html(ds, evaluation, iso3, language, plan=plan).encode("utf-8")


def _notice(kind: str, text: str) -> None:
    st.session_state[NOTICE_KEY] = (kind, text)


def _apply(ds: Dataset, scenario: Scenario, version: int | None) -> None:
    """Put a scenario on every page. Runs in a button callback: before any widget is drawn."""
    notes = apply_scenario(ds, scenario)
    st.session_state[LOADED_KEY] = {"name": scenario.name, "version": version}
    st.session_state["scn_name"] = scenario.name
    st.session_state.pop("scn_conflict", None)
    text = tr("ui.scn.loaded", name=escape_markdown(scenario.name))
    _notice("success", "  \n".join([text, *(tr(n) for n in notes)]))


def _load_from_store(ds: Dataset, store: ScenarioStore, name: str) -> None:
    try:
        scenario, version = store.load(name)
    except StoreError as exc:
        _notice("error", exc.message(lang()))
    else:
        _apply(ds, scenario, version)


ds = current_dataset()
language = lang()
state = sc.controls(ds)

st.title(tr("ui.page.scenarios"))
st.write(tr("ui.scn.intro"))
universe = sc.require_countries(ds, state)
sc.header(ds, state, len(universe))
notice = st.session_state.pop(NOTICE_KEY, None)
if notice is not None:
    getattr(st, notice[0])(notice[1])

loaded = st.session_state.get(LOADED_KEY)
st.session_state.setdefault("scn_name", loaded["name"] if loaded else tr("ui.scn.default_name"))
store = _open_store(default_url())

# --- the current scenario ---------------------------------------------------------------------------

st.header(tr("ui.scn.current_title"))
name = st.text_input(tr("ui.scn.name"), key="scn_name", max_chars=120, help=tr("ui.scn.name_help")).strip()
current = scenario_from_session(ds, state, name or tr("ui.scn.default_name"))
if loaded and loaded["version"] is None:
    st.caption(tr("ui.scn.imported_from", name=escape_markdown(loaded["name"])))
elif loaded:
    st.caption(tr("ui.scn.loaded_from", name=escape_markdown(loaded["name"]), version=loaded["version"]))
left, right = st.columns(2)
if isinstance(store, StoreError):
    left.warning(store.message(language))
elif left.button(tr("ui.scn.save"), key="scn_save", type="primary", help=tr("ui.scn.save_help")):
    expected = loaded["version"] if loaded and loaded["name"] == current.name else None
    try:
        version = store.save(current, expected)
    except ConflictError as exc:
        st.session_state["scn_conflict"] = {"name": current.name, "current": exc.current}
        st.error(exc.message(language))
    except StoreError as exc:
        st.error(exc.message(language))
    else:
        st.session_state[LOADED_KEY] = {"name": current.name, "version": version}
        st.session_state.pop("scn_conflict", None)
        _notice("success", tr("ui.scn.saved", name=escape_markdown(current.name), version=version))
        st.rerun()
conflict = st.session_state.get("scn_conflict")
if conflict and not isinstance(store, StoreError):
    st.warning(tr("ui.scn.conflict_next", name=escape_markdown(conflict["name"])))
    st.button(
        tr("ui.scn.load_newer"), key="scn_load_newer", on_click=_load_from_store, args=(ds, store, conflict["name"])
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
    saved = store.list()
if not isinstance(store, StoreError) and not saved:
    st.info(tr("ui.scn.none_saved"))
elif saved:
    listing = pd.DataFrame(
        {
            "name": [s.name for s in saved],
            "version": [s.version for s in saved],
            "updated": [pd.Timestamp(s.updated).strftime("%Y-%m-%d %H:%M") for s in saved],
        }
    )
    st.dataframe(
        listing,
        column_config={
            "name": st.column_config.TextColumn(tr("ui.scn.col.name")),
            "version": st.column_config.NumberColumn(tr("ui.scn.col.version")),
            "updated": st.column_config.TextColumn(tr("ui.scn.col.updated")),
        },
        hide_index=True,
        width="stretch",
        key="scn_list",
    )
    names = [s.name for s in saved]
    versions = {s.name: s.version for s in saved}
    chosen = st.selectbox(tr("ui.scn.choose"), names, key="scn_chosen", help=tr("ui.scn.choose_help"))
    b1, b2, b3, b4 = st.columns(4)
    b1.button(
        tr("ui.scn.load"),
        key="scn_load",
        help=tr("ui.scn.load_help"),
        on_click=_load_from_store,
        args=(ds, store, chosen),
    )
    new_name = b2.text_input(tr("ui.scn.new_name"), key="scn_new_name", help=tr("ui.scn.new_name_help")).strip()
    if b3.button(tr("ui.scn.rename"), key="scn_rename", help=tr("ui.scn.rename_help")):
        try:
            store.rename(chosen, new_name, versions[chosen])
        except StoreError as exc:
            st.error(exc.message(language))
        else:
            if loaded and loaded["name"] == chosen:
                st.session_state[LOADED_KEY] = {"name": new_name, "version": loaded["version"]}
            _notice("success", tr("ui.scn.renamed", old=escape_markdown(chosen), new=escape_markdown(new_name)))
            st.rerun()
    if b3.button(tr("ui.scn.duplicate"), key="scn_duplicate", help=tr("ui.scn.duplicate_help")):
        try:
            store.duplicate(chosen, new_name)
        except StoreError as exc:
            st.error(exc.message(language))
        else:
            _notice("success", tr("ui.scn.duplicated", old=escape_markdown(chosen), new=escape_markdown(new_name)))
            st.rerun()
    sure = b4.checkbox(tr("ui.scn.delete_sure", name=chosen), key="scn_delete_sure")
    if b4.button(tr("ui.scn.delete"), key="scn_delete", disabled=not sure, help=tr("ui.scn.delete_help")):
        try:
            store.delete(chosen, versions[chosen])
        except StoreError as exc:
            st.error(exc.message(language))
        else:
            if loaded and loaded["name"] == chosen:
                st.session_state.pop(LOADED_KEY, None)
            _notice("success", tr("ui.scn.deleted", name=escape_markdown(chosen)))
            st.rerun()

# --- import -------------------------------------------------------------------------------------

st.subheader(tr("ui.scn.import_title"))
upload = st.file_uploader(tr("ui.scn.import"), type=["json"], key="scn_import", help=tr("ui.scn.import_help"))
if upload is not None:
    imported, problems = read_import(upload.getvalue(), upload.name, language)
    if imported is None:
        st.error("  \n".join([escape_markdown(problems[0]), *(f"- {escape_markdown(m)}" for m in problems[1:])]))
    else:
        if imported.data_version and imported.data_version != ds.version:
            st.warning(tr("ui.scn.other_data", version=imported.data_version, current=ds.version))
        st.success(tr("ui.scn.import_ok", name=escape_markdown(imported.name)))
        st.button(tr("ui.scn.import_apply"), key="scn_import_apply", on_click=_apply, args=(ds, imported, None))

# --- exports ------------------------------------------------------------------------------------

st.header(tr("ui.scn.export_title"))
st.caption(tr("ui.scn.export_caption"))
evaluation = _evaluate(ds, ds.version, current.to_json())
solved = st.session_state.get(PLAN_RESULT_KEY)
plan = solved["plan"] if solved and solved["signature"] == sc.opportunity_key(ds, state) else None
if plan is None:
    st.caption(tr("ui.scn.no_plan"))
e1, e2, e3 = st.columns(3)
e1.download_button(
    tr("ui.scn.csv_markets"),
    partial(_csv, export.market_shortlist, ds, evaluation, language),
    file_name=export.export_filename("markets", current.name, "csv"),
    mime="text/csv",
    key="scn_csv_markets",
    help=tr("ui.scn.csv_help"),
    on_click="ignore",
)
e2.download_button(
    tr("ui.scn.csv_pairs"),
    partial(_csv, export.pair_shortlist, ds, evaluation, language),
    file_name=export.export_filename("pairs", current.name, "csv"),
    mime="text/csv",
    key="scn_csv_pairs",
    help=tr("ui.scn.csv_help"),
    on_click="ignore",
)
e3.download_button(
    tr("ui.scn.excel"),
    partial(export.workbook_bytes, ds, evaluation, language, plan=plan),
    file_name=export.export_filename("shortlist", current.name, "xlsx"),
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    key="scn_excel",
    help=tr("ui.scn.excel_help"),
    on_click="ignore",
)
country_names = views.country_names(ds, language)
scored = list(evaluation.market.table().index)
brief_country = st.selectbox(
    tr("ui.scn.brief_country"),
    scored,
    index=scored.index("VNM") if "VNM" in scored else 0,
    format_func=lambda i: str(country_names.get(i, i)),
    key="scn_brief_country",
    help=tr("ui.scn.brief_help"),
)
st.download_button(
    tr("ui.scn.brief", country=str(country_names.get(brief_country, brief_country))),
    partial(_brief, ds, evaluation, brief_country, language, plan),
    file_name=export.export_filename("brief", current.name, "html", iso3=brief_country),
    mime="text/html",
    key="scn_brief",
    on_click="ignore",
)

# --- compare ------------------------------------------------------------------------------------

st.header(tr("ui.scn.compare_title"))
st.caption(tr("ui.scn.compare_caption"))
# options are positions (0: the current scenario, then the saved ones): no name can clash with them
titles = [tr("ui.scn.current_label"), *(s.name for s in saved)]
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
        scenarios[title] = current if i == 0 else store.load(titles[i])[0]
    except StoreError as exc:
        st.error(exc.message(language))
        st.stop()
evaluations = {title: _evaluate(ds, ds.version, s.to_json()) for title, s in scenarios.items()}
ranks = rank_table({title: e.market for title, e in evaluations.items()}, top_n=COMPARE_TOP)
shifts = rank_shifts(ranks)

slope = go.Figure()
x = list(ranks.columns)
for i, (iso3, row) in enumerate(ranks.iterrows()):
    slope.add_scatter(
        x=x,
        y=row.to_numpy(float),
        mode="lines+markers+text",
        name=str(country_names.get(iso3, iso3)),
        text=[str(country_names.get(iso3, iso3)) if j in (0, len(x) - 1) else "" for j in range(len(x))],
        textposition=["middle left" if j == 0 else "middle right" for j in range(len(x))],
        line={"color": views.OKABE_ITO[i % len(views.OKABE_ITO)], "width": 2},
        hovertemplate="%{x}: " + tr("ui.scn.rank_hover") + "<extra>%{fullData.name}</extra>",
    )
slope.update_layout(
    height=120 + 32 * len(ranks),
    showlegend=False,
    margin={"l": 140, "r": 140, "t": 20, "b": 30},
    plot_bgcolor="white",
    font=views.FONT,
    yaxis={"autorange": "reversed", "title": {"text": tr("ui.scn.rank_axis")}, "gridcolor": "#eee", "dtick": 5},
    xaxis={"side": "top"},
)
st.subheader(tr("ui.scn.slope_title", n=COMPARE_TOP))
st.plotly_chart(slope, width="stretch", config={"displaylogo": False}, key="scn_slope")
moves = shifts.iloc[:, 1:].abs().to_numpy(float)
biggest = np.nanmax(moves) if moves.size and not np.isnan(moves).all() else 0
st.caption(tr("ui.scn.slope_caption", moved=int((np.nan_to_num(moves) > 0).any(axis=1).sum()), biggest=int(biggest)))

st.subheader(tr("ui.scn.weights_title"))
pillars = list(sc.market_pillars())
weights = weight_table(scenarios, pillars)
weights.index = [label("pillar", p, language) for p in pillars]
st.dataframe(
    weights,
    column_config={
        c: st.column_config.NumberColumn(tr("ui.scn.col.spread") if c == "spread" else c, format="%.3f")
        for c in weights.columns
    },
    width="stretch",
    key="scn_weights",
)
st.caption(tr("ui.scn.weights_caption"))

st.subheader(tr("ui.scn.plans_title"))
st.caption(tr("ui.scn.plans_caption"))
if st.button(tr("ui.scn.plans_run"), key="scn_plans_run"):
    plans = {}
    with st.spinner(tr("ui.pl.solving")):
        for title, s in scenarios.items():
            entries = entries_from_scores(evaluations[title].opportunity, ds.fields, ds.countries, s.cost_scale)
            plans[title] = solve(entries, s.constraints, s.solver, prerequisites_of(ds.fields))
    st.session_state["scn_plans"] = (tuple(scenarios), {k: v.to_json() for k, v in scenarios.items()}, plans)
kept = st.session_state.get("scn_plans")
if kept is not None and kept[1] == {k: v.to_json() for k, v in scenarios.items()}:
    plans = kept[2]
    heads = pd.DataFrame(
        {
            title: {
                tr("ui.scn.plan_status"): tr(f"ui.scn.status.{p.status.replace(' ', '_')}"),
                tr("ui.home.plan_value"): f"{p.objective:.3f}" if p.has_solution else "-",
                tr("ui.home.plan_budget"): f"{p.budget_used:.1f} / {scenarios[title].constraints.budget:g}",
                tr("ui.scn.plan_entries"): str(len(p.selection)),
            }
            for title, p in plans.items()
        }
    )
    st.dataframe(heads, width="stretch", key="scn_plan_heads")
    diff = plan_table(plans).reset_index()
    field_label = views.field_names(ds, language)
    if len(diff):
        diff.insert(0, "country", diff.pop("iso3").map(lambda i: str(country_names.get(i, i))))
        diff.insert(1, "field", diff.pop("field_id").map(lambda f: str(field_label.get(f, f))))
        st.dataframe(
            diff,
            column_config={
                "country": st.column_config.TextColumn(tr("ui.pl.col.country")),
                "field": st.column_config.TextColumn(tr("ui.rb.col.field")),
                "in_all": st.column_config.CheckboxColumn(tr("ui.scn.col.in_all")),
                **{title: st.column_config.CheckboxColumn(title) for title in plans},
            },
            hide_index=True,
            width="stretch",
            key="scn_plan_diff",
        )
        st.caption(tr("ui.scn.plans_diff_caption", n=int((~diff["in_all"]).sum())))
