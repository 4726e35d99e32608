"""The plan robustness run of the Sensitivity page: in a background thread, with a progress bar and
a Cancel button that stops it and keeps the finished part.

Streamlit runs one script at a time, and a button is read only when the script runs again; a run of
minutes inside the script would leave the Cancel button dead. So the page starts the run
(:func:`strategy.analysis.robustness.plan_robustness`, which spreads the samples over worker
processes or a Dask cluster) in a thread that touches no Streamlit object, keeps the
:class:`RobustnessTask` in the session, and :func:`panel`, a fragment polling twice a second, draws
its progress and the Cancel button. When the thread ends, :func:`collect` moves its result (or the
reason it failed) to the session and the whole page runs again to draw it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field

import streamlit as st

from strategy.analysis.robustness import PlanRobustness
from strategy.analysis.runner import RunnerError, scheduler_address
from strategy.i18n import Lang
from ui.common import escape_markdown
from ui.session import Key
from ui.texts import t

#: Seconds between two looks of the progress panel at the running task.
POLL = 0.5

#: The work: called with (progress(done, total), cancel()) in the background thread.
Work = Callable[[Callable[[int, int], None], Callable[[], bool]], PlanRobustness]


@dataclass
class RobustnessTask:
    """A plan robustness run in a background thread: ``key`` names its inputs (for "stale"), ``done``
    of ``total`` samples finished so far, ``result`` or ``error`` (a translated text) once it ended."""

    key: tuple
    total: int
    language: Lang
    done: int = 0
    result: PlanRobustness | None = None
    error: str | None = None
    stop: threading.Event = field(default_factory=threading.Event)
    thread: threading.Thread | None = None

    @property
    def running(self) -> bool:
        return self.thread is not None and self.thread.is_alive()

    def progress(self, done: int, total: int) -> None:
        self.done, self.total = done, total


def start(key: tuple, total: int, language: Lang, work: Work) -> RobustnessTask:
    """Start ``work`` in a background thread and keep its task in the session."""
    task = RobustnessTask(key, total, language)

    def target() -> None:
        try:
            task.result = work(task.progress, task.stop.is_set)
        except RunnerError as exc:
            task.error = exc.message.text(language)
        except (ValueError, RuntimeError, OSError) as exc:
            task.error = t("ui.rb.failed", language, detail=escape_markdown(str(exc)))

    task.thread = threading.Thread(target=target, name="plan-robustness", daemon=True)
    st.session_state[Key.ROBUSTNESS_TASK] = task
    task.thread.start()
    return task


def running() -> bool:
    """Whether a run of this session is still going."""
    task = st.session_state.get(Key.ROBUSTNESS_TASK)
    return task is not None and task.running


def collect() -> bool:
    """Move the result of a finished run to the session (``Key.ROBUSTNESS_RESULT``, or the reason it
    failed to ``Key.ROBUSTNESS_ERROR``); true when there was one to move."""
    task = st.session_state.get(Key.ROBUSTNESS_TASK)
    if task is None or task.running:
        return False
    del st.session_state[Key.ROBUSTNESS_TASK]
    if task.result is not None:
        st.session_state[Key.ROBUSTNESS_RESULT] = (task.key, task.result)
        st.session_state.pop(Key.ROBUSTNESS_ERROR, None)
    else:
        st.session_state[Key.ROBUSTNESS_ERROR] = task.error or t("ui.rb.failed", task.language, detail="")
    return True


@st.fragment(run_every=POLL)
def panel(language: Lang) -> None:
    """Progress and Cancel while a run goes on; once it ended, the whole page again (to draw it)."""
    task = st.session_state.get(Key.ROBUSTNESS_TASK)
    if task is None:
        return
    if not task.running:
        collect()
        st.rerun()
    share = task.done / task.total if task.total else 0.0
    st.progress(min(share, 1.0), text=t("ui.rb.progress", language, done=task.done, total=task.total))
    if task.stop.is_set():
        st.caption(t("ui.rbx.cancelling", language))
    elif st.button(t("ui.rbx.cancel", language), key="rb_cancel", help=t("ui.rbx.cancel_help", language)):
        task.stop.set()
        st.caption(t("ui.rbx.cancelling", language))


def where_controls(language: Lang) -> bool:
    """Where the run goes (a caption), and, when a Dask scheduler is set, whether to fall back to
    local cores if it does not answer. Returns that choice (false without a scheduler)."""
    address = scheduler_address()
    if address is None:
        st.caption(t("ui.rbx.local", language))
        return False
    st.caption(t("ui.rbx.dask", language, address=escape_markdown(address)))
    return st.checkbox(t("ui.rbx.fallback", language), key="rb_fallback", help=t("ui.rbx.fallback_help", language))


def outcome_notes(robust: PlanRobustness, language: Lang) -> None:
    """What the run said beyond the table: cancelled, where it ran, fallbacks, failures by reason."""
    if robust.cancelled:
        st.warning(t("ui.rbx.cancelled", language, tried=robust.tried, requested=robust.requested))
    for note in robust.notes:
        st.info(note.text(language))
    where = t(f"runner.where.{robust.where}", language, workers=robust.workers)
    st.caption(t("ui.rbx.where", language, where=where))
    for kind, count in robust.failures.items():
        st.caption(t("ui.rbx.failed_kind", language, n=count, reason=t(f"runner.failure.{kind.value}", language)))
