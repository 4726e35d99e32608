"""The Plan page's sweep section: pick axes and values, run with a progress bar, see a heatmap of the
plan's value over two axes and how often each entry is chosen, download CSV or Excel.

Not a page. The sweep runs on the current scenario (the sidebar and the Plan form as last
submitted) through :mod:`strategy.analysis.sweep`; its result is kept in the session and in the
scenario store (``scenario_results``), under the loaded scenario's name, or ``""`` for a session
that has not loaded one, so closing the tab loses nothing: the section shows the last sweep of the
current scenario when it opens. Any click while a sweep runs stops it; the points finished are kept.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from strategy import export
from strategy.analysis import sweep_io
from strategy.analysis.sweep import (
    SweepAxis,
    SweepDefinition,
    SweepError,
    SweepResult,
    check_definition,
    fingerprint,
    run_sweep,
    sweep_tasks,
)
from strategy.data.dataset import Dataset
from strategy.i18n import Lang
from strategy.labels import method_label, preset_names
from strategy.scenario import Scenario
from strategy.scenario_schema import MAX_SWEEP_POINTS, Vocabulary
from strategy.scoring.methods import METHODS
from strategy.scoring.weights import preset_ids
from strategy.store import ScenarioStore, StoreError, default_url
from strategy.team.roles import Action
from ui import auth, views
from ui.common import tr
from ui.labels import label
from ui.session import Key

KIND = "sweep"
CHART_CONFIG = {"displaylogo": False}
NUMERIC = ("budget", "staff", "time_preference")


#: Stores opened by this process, by URL. Not ``st.cache_resource``: :func:`keep` runs while a click
#: is stopping the script, when any Streamlit call (a cached function's too) stops it again.
#: A store that cannot be opened is remembered too (as the Scenarios page's cache does), so an
#: unreachable server costs its connection timeout once, not on every rerun.
_STORES: dict[str, ScenarioStore | StoreError] = {}
_LOCK = threading.Lock()


def _open_store(url: str) -> ScenarioStore | StoreError:
    with _LOCK:
        if url not in _STORES:
            try:
                _STORES[url] = ScenarioStore(url)
            except StoreError as exc:
                _STORES[url] = exc
        return _STORES[url]


def _missing_file(url: str) -> bool:
    """Whether ``url`` names a SQLite file that does not exist (yet)."""
    from sqlalchemy.engine import make_url

    parsed = make_url(url) if "://" in url else None
    database = parsed.database if parsed is not None and parsed.get_backend_name() == "sqlite" else None
    return bool(database) and database != ":memory:" and not Path(database).exists()


def scenario_key() -> str:
    """Whose sweeps these are: the loaded scenario's name, ``""`` for a scenario not loaded from the store."""
    loaded = st.session_state.get(Key.SCENARIO_LOADED)
    return str(loaded["name"]) if loaded else ""


def section(
    ds: Dataset, current: Scenario, language: Lang, countries: Mapping[str, str], fields: Mapping[str, str]
) -> None:
    """The whole sweep section (an expander, open when there is a sweep to show)."""
    entry = last(language)
    with st.expander(tr("ui.sw.title"), expanded=entry is not None):
        st.caption(tr("ui.sw.intro"))
        definition = definition_form(ds, language, countries)
        if definition is not None:
            run(ds, current, definition, language)
            entry = last(language)
        if entry is None:
            st.caption(tr("ui.sw.none"))
        else:
            show(ds, entry, current, language, countries, fields)


# --- the form -------------------------------------------------------------------------------------


def definition_form(ds: Dataset, language: Lang, countries: Mapping[str, str]) -> SweepDefinition | None:
    """The axes form; the definition when it was submitted and could be read, else None (problems shown)."""
    presets = preset_names(ds, language)
    targets = _targets(ds, language, countries)
    with st.form("sweep_form"):
        st.caption(tr("ui.sw.form_intro", max=MAX_SWEEP_POINTS))
        texts: dict[str, str] = {}
        for column, kind in zip(st.columns(3), NUMERIC, strict=True):
            texts[kind] = column.text_input(
                tr(f"ui.sw.values.{kind}"), key=f"sweep_{kind}", placeholder=tr(f"ui.sw.placeholder.{kind}")
            )
        c1, c2 = st.columns(2)
        chosen_presets = c1.multiselect(
            tr("ui.sw.presets"),
            preset_ids(ds),
            format_func=lambda p: str(presets.get(p, p)),
            key="sweep_presets",
            placeholder=tr("ui.pl.choose"),
        )
        methods = c2.multiselect(
            tr("ui.sw.methods"),
            METHODS,
            format_func=lambda m: method_label(m, language),
            key="sweep_methods",
            placeholder=tr("ui.pl.choose"),
        )
        c1, c2 = st.columns(2)
        target = c1.selectbox(
            tr("ui.sw.cost_target"),
            [None, *targets],
            format_func=lambda k: tr("ui.sw.cost_none") if k is None else targets[k],
            key="sweep_cost_target",
        )
        texts["cost_scale"] = c2.text_input(
            tr("ui.sw.values.cost_scale"), key="sweep_cost_values", placeholder=tr("ui.sw.placeholder.cost_scale")
        )
        # sweeps are for planners (team mode; laptop mode: everyone)
        may_sweep = auth.can(Action.SWEEP)
        submitted = st.form_submit_button(tr("ui.sw.run"), type="primary", key="sweep_run", disabled=not may_sweep)
    if not submitted or not may_sweep:
        return None
    axes: list[SweepAxis] = []
    problems = []
    for kind in NUMERIC:
        if texts[kind].strip():
            try:
                axes.append(SweepAxis(kind, sweep_io.parse_values(kind, texts[kind])))
            except SweepError as exc:
                problems += exc.problems
    if chosen_presets:
        axes.append(SweepAxis("preset", tuple(chosen_presets)))
    if methods:
        axes.append(SweepAxis("method", tuple(methods)))
    if target is not None:
        try:
            axes.append(
                SweepAxis("cost_scale", sweep_io.parse_values("cost_scale", texts["cost_scale"], target), target)
            )
        except SweepError as exc:
            problems += exc.problems
    definition = SweepDefinition(tuple(axes))
    if problems and axes:  # the axes that could be read are checked too
        try:
            check_definition(definition, Vocabulary.from_dataset(ds), preset_ids(ds))
        except SweepError as exc:
            problems = [*exc.problems, *problems]
    if problems:
        _problems(SweepError(problems), language)
        return None
    return definition


def _targets(ds: Dataset, language: Lang, countries: Mapping[str, str]) -> dict[str, str]:
    """What a cost axis may multiply, with its name: country groups, UN regions, countries."""
    from strategy.labels import region_label
    from strategy.scoring.criteria import MEMBERSHIPS

    out = {m: label("member", m, language) for m in MEMBERSHIPS}
    regions = sorted(Vocabulary.from_dataset(ds).region)
    out.update({r: region_label(r, language) for r in regions})
    out.update({k: f"{name} ({k})" for k, name in sorted(countries.items(), key=lambda kv: kv[1])})
    return out


def _problems(error: SweepError, language: Lang) -> None:
    st.error(tr("ui.sw.problems") + "\n\n" + "\n".join(f"- {m}" for m in error.messages(language)))


# --- running --------------------------------------------------------------------------------------


def run(ds: Dataset, scenario: Scenario, definition: SweepDefinition, language: Lang) -> None:
    """Run the sweep with a progress bar and keep the result, also when a click stops it: the session
    holds the points finished so far after each one, and the store gets them in any case."""
    try:
        tasks = sweep_tasks(ds, scenario, definition)
    except SweepError as exc:
        _problems(exc, language)
        return
    bar = st.progress(0.0, text=tr("ui.sw.progress", i=0, n=len(tasks)))
    st.caption(tr("ui.sw.stop_hint"))
    finished: list[Any] = []
    basis = fingerprint(scenario)
    partial = SweepResult.of(definition, [], len(tasks), cancelled=True, basis=basis)
    entry: dict[str, Any] = {"scenario": scenario_key(), "result": partial, "stored": None, "store_error": None}
    st.session_state[Key.SWEEP_RESULT] = entry

    def advance(done: int, total: int, point: Any) -> None:
        finished.append(point)  # "cancelled" until the last point is in (a click may stop the next call)
        entry["result"] = SweepResult.of(definition, finished, total, cancelled=done < total, basis=basis)
        bar.progress(done / total, text=tr("ui.sw.progress", i=done, n=total))  # where a click stops it

    try:
        entry["result"] = run_sweep(definition, tasks, progress=advance, basis=basis)
    finally:
        keep(entry)
    bar.empty()


def keep(entry: dict[str, Any]) -> None:
    """Store ``entry``'s result under its scenario key. No Streamlit call here: this runs while a
    click is stopping the script, when any Streamlit call (even reading the session) stops it again."""
    store = _open_store(default_url())
    try:
        if isinstance(store, StoreError):
            raise store
        result: SweepResult = entry["result"]
        store.save_result(entry["scenario"], KIND, sweep_io.result_to_json(result), result.basis)
        entry["stored"] = pd.Timestamp.now(tz="UTC").to_pydatetime()
    except StoreError as exc:
        entry["store_error"] = exc


def last(language: Lang) -> dict[str, Any] | None:
    """The sweep of the current scenario: this session's, else the store's last one."""
    key = scenario_key()
    entry = st.session_state.get(Key.SWEEP_RESULT)
    if entry is not None and entry["scenario"] == key:
        return entry
    url = default_url()
    if _missing_file(url):  # nothing stored yet: do not create a store just to look into it
        return None
    store = _open_store(url)
    if isinstance(store, StoreError):
        return None
    try:
        stored = store.last_result(key, KIND)
        if stored is None:
            return None
        result = sweep_io.result_from_json(stored.body)
    except StoreError:
        return None
    except ValueError:
        st.warning(tr("ui.sw.unreadable"))
        return None
    entry = {"scenario": key, "result": result, "stored": stored.created, "store_error": None}
    st.session_state[Key.SWEEP_RESULT] = entry
    return entry


# --- showing --------------------------------------------------------------------------------------


def show(
    ds: Dataset,
    entry: Mapping[str, Any],
    current: Scenario,
    language: Lang,
    countries: Mapping[str, str],
    fields: Mapping[str, str],
) -> None:
    """The last sweep: what it is, the heatmap, the entry frequency, the downloads."""
    result: SweepResult = entry["result"]
    st.markdown(f"##### {tr('ui.sw.result_title')}")
    if entry.get("stored") is not None:
        st.caption(tr("ui.sw.stored", when=f"{entry['stored']:%Y-%m-%d %H:%M} UTC"))
    elif entry.get("store_error") is not None:
        st.warning(tr("ui.sw.not_stored", detail=entry["store_error"].message(language)))
    if result.cancelled:
        st.info(tr("ui.sw.cancelled", n=len(result.points), total=result.requested))
    else:
        st.caption(tr("ui.sw.done", n=len(result.points), solved=result.solved, seconds=f"{result.seconds:.1f}"))
    if result.basis and result.basis != fingerprint(current):
        st.info(tr("ui.sw.stale"))
    if not result.points:
        return
    presets = dict(preset_names(ds, language))
    heatmap(result, language, presets)
    st.markdown(f"##### {tr('ui.sw.frequency_title')}")
    st.caption(tr("ui.sw.frequency_intro", solved=result.solved))
    st.dataframe(
        sweep_io.frequency_frame(result, language, countries, fields),
        hide_index=True,
        width="stretch",
        key="sweep_frequency",
    )
    sheets = sweep_io.sheets(result, language, countries, fields, presets)
    with st.expander(tr("ui.sw.points_title")):
        st.dataframe(next(iter(sheets.values())), hide_index=True, width="stretch", key="sweep_points")
    name = entry["scenario"] or tr("ui.scn.default_name")
    c1, c2 = st.columns(2)
    c1.download_button(
        tr("ui.sw.csv"),
        export.to_csv_bytes(next(iter(sheets.values()))),
        file_name=export.export_filename("sweep", name, "csv"),
        mime="text/csv",
        key="sweep_csv",
        on_click="ignore",
    )
    c2.download_button(
        tr("ui.sw.excel"),
        export.workbook_from_frames(sheets),
        file_name=export.export_filename("sweep", name, "xlsx"),
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key="sweep_excel",
        on_click="ignore",
    )


def heatmap(result: SweepResult, language: Lang, presets: Mapping[str, str]) -> None:
    """The plan's value over two chosen axes; every other axis held at a chosen value."""
    axes = list(result.definition.axes)
    titles = {a.name: sweep_io.axis_title(a, language) for a in axes}
    names = [a.name for a in axes]
    c1, c2 = st.columns(2)
    x = c1.selectbox(tr("ui.sw.x_axis"), names, format_func=titles.get, key="sweep_x")
    others = [n for n in names if n != x]
    y = c2.selectbox(tr("ui.sw.y_axis"), others, format_func=titles.get, key="sweep_y") if others else None
    table = result.table
    fixed = [a for a in axes if a.name not in (x, y)]
    if fixed:
        columns = st.columns(len(fixed))
        for column, axis in zip(columns, fixed, strict=True):
            value = column.selectbox(
                tr("ui.sw.hold", axis=titles[axis.name]),
                list(axis.values),
                format_func=lambda v, a=axis: sweep_io.axis_value_text(a, v, language, presets),
                key=f"sweep_hold_{axis.name}",
            )
            table = table[table[axis.name] == value]
    st.plotly_chart(
        figure(result, table, x, y, language, presets), width="stretch", config=CHART_CONFIG, key="sweep_heatmap"
    )


def figure(
    result: SweepResult, table: pd.DataFrame, x: str, y: str | None, language: Lang, presets: Mapping[str, str]
) -> go.Figure:
    """The heatmap of the plan's value (blank where a point has no plan or was not solved)."""
    by_name = {a.name: a for a in result.definition.axes}
    xs = list(by_name[x].values)
    ys = list(by_name[y].values) if y else [None]
    z = np.full((len(ys), len(xs)), np.nan)
    for _, row in table.iterrows():
        i = ys.index(row[y]) if y else 0
        z[i, xs.index(row[x])] = row["value"]
    text = [["–" if np.isnan(v) else f"{v:.3f}" for v in line] for line in z]
    x_labels = [sweep_io.axis_value_text(by_name[x], v, language, presets) for v in xs]
    y_labels = [sweep_io.axis_value_text(by_name[y], v, language, presets) for v in ys] if y else [""]
    chart = go.Figure(
        go.Heatmap(
            z=z,
            x=x_labels,
            y=y_labels,
            text=text,
            texttemplate="%{text}",
            colorscale="Viridis",
            colorbar={"title": tr("ui.sw.value")},
            hovertemplate="%{x} / %{y}: %{text}<extra></extra>",
        )
    )
    chart.update_layout(
        height=200 + 40 * len(ys),
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        font=views.FONT,
        xaxis={"title": sweep_io.axis_title(by_name[x], language), "type": "category"},
        yaxis={"title": sweep_io.axis_title(by_name[y], language) if y else "", "type": "category"},
    )
    return chart
