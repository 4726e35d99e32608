"""The History view of the Scenarios page: every saved version of a scenario with who saved it and
when, the changes from the version before (:func:`strategy.team.diff.scenario_diff`), and a restore
that saves an old version as a new one.

Not a page. The acting user comes from :func:`ui.auth.current_actor`; the store refuses a restore by
a role that may not save (the button is disabled too).
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from strategy.i18n import Lang
from strategy.scenario import ScenarioError
from strategy.store import ScenarioStore, StoreError, VersionInfo
from strategy.team.diff import SECTIONS, scenario_diff
from strategy.team.roles import LOCAL, Action, Actor, Role
from ui.common import escape_markdown, tr
from ui.session import Key
from ui.views import scenarios as views_scn


@st.cache_resource(show_spinner=False)
def open_store(url: str, team: bool) -> ScenarioStore | StoreError:
    """The store (one per process and URL), or why it cannot be opened. In team mode every write
    must name its signed-in actor: the store gets no default one."""
    try:
        return ScenarioStore(url, default_actor=None if team else LOCAL)
    except StoreError as exc:
        return exc


def _text(value: Any) -> str:
    """A parameter value for the diff table (lists of pairs as ``a/b; c/d``, nothing as blank)."""
    if value is None:
        return ""
    if isinstance(value, tuple):
        return "; ".join("/".join(map(str, v)) if isinstance(v, tuple) else str(v) for v in value)
    return str(value)


def _when(info: VersionInfo) -> str:
    return pd.Timestamp(info.saved).strftime("%Y-%m-%d %H:%M") if info.saved else ""


def history(store: ScenarioStore, name: str, actor: Actor | None, language: Lang) -> None:
    """The versions of ``name``, the diff of a chosen one against its predecessor, and restore."""
    st.subheader(tr("ui.ver.title"))
    st.caption(tr("ui.ver.caption"))
    try:
        versions = store.history(name)
    except StoreError as exc:
        st.error(exc.message(language))
        return
    if not versions:
        return
    st.dataframe(
        pd.DataFrame(
            {
                "version": [v.version for v in versions],
                "author": [v.author for v in versions],
                "saved": [_when(v) for v in versions],
                "note": [
                    tr("ui.ver.restored_from", version=v.restored_from) if v.restored_from else "" for v in versions
                ],
            }
        ),
        column_config={
            "version": st.column_config.NumberColumn(tr("ui.ver.col.version")),
            "author": st.column_config.TextColumn(tr("ui.ver.col.author")),
            "saved": st.column_config.TextColumn(tr("ui.ver.col.saved")),
            "note": st.column_config.TextColumn(tr("ui.ver.col.note")),
        },
        hide_index=True,
        width="stretch",
        key="scn_history",
    )
    numbers = [v.version for v in versions]
    # a new version or another scenario: inspect the newest version again
    if st.session_state.get(Key.HISTORY_OF) != (name, numbers[0]):
        st.session_state.pop("scn_hist_version", None)
        st.session_state[Key.HISTORY_OF] = (name, numbers[0])
    picked = st.selectbox(tr("ui.ver.pick"), numbers, key="scn_hist_version", help=tr("ui.ver.pick_help"))
    older = [n for n in numbers if n < picked]
    previous = max(older) if older else None
    try:
        after = store.load_version(name, picked)
        before = store.load_version(name, previous) if previous is not None else None
    except (StoreError, ScenarioError) as exc:
        st.error(exc.message(language) if isinstance(exc, StoreError) else views_scn.stored_invalid(exc))
        return
    changes = scenario_diff(before, after)
    if previous is None:
        st.caption(tr("ui.ver.diff_first", version=picked))
    else:
        st.caption(tr("ui.ver.diff_title", version=picked, previous=previous))
    if not changes:
        st.info(tr("ui.ver.no_change"))
    else:
        st.dataframe(
            pd.DataFrame(
                {
                    "section": [
                        tr(f"ui.ver.section.{c.section if c.section in SECTIONS else 'other'}") for c in changes
                    ],
                    "path": [c.path for c in changes],
                    "before": [_text(c.before) for c in changes],
                    "after": [_text(c.after) for c in changes],
                }
            ),
            column_config={
                "section": st.column_config.TextColumn(tr("ui.ver.col.section")),
                "path": st.column_config.TextColumn(tr("ui.ver.col.path")),
                "before": st.column_config.TextColumn(tr("ui.ver.col.before")),
                "after": st.column_config.TextColumn(tr("ui.ver.col.after")),
            },
            hide_index=True,
            width="stretch",
            key="scn_diff",
        )
    current = numbers[0]
    allowed = actor is not None and actor.can(Action.SAVE)
    if picked == current:
        st.caption(tr("ui.ver.is_current"))
        return
    help_text = tr("ui.ver.restore_help") if allowed else tr("ui.team.need_role", role=Role.PLANNER.label(language))
    if st.button(tr("ui.ver.restore"), key="scn_restore", disabled=not allowed, help=help_text):
        try:
            new = store.restore(name, picked, current, actor=actor)
        except StoreError as exc:
            st.error(exc.message(language))
        else:
            views_scn.notice("success", tr("ui.ver.restored", name=escape_markdown(name), version=picked, new=new))
            st.rerun()


def provenance(store: ScenarioStore | StoreError, loaded: dict | None, actor: Actor | None) -> dict[str, object]:
    """What the workbook's settings sheet says about the scenario: the saved version it was loaded
    as, who saved that version, and who exports (blank when unsaved or unknown)."""
    version = loaded["version"] if loaded and loaded.get("version") is not None else None
    author = ""
    if version is not None and not isinstance(store, StoreError):
        try:
            author = next((v.author for v in store.history(loaded["name"]) if v.version == version), "")
        except StoreError:
            author = ""
    return {
        "scenario.version": version if version is not None else "",
        "scenario.author": author,
        "exported_by": actor.user if actor else "",
    }
