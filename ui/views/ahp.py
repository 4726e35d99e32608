"""A typed or pasted pairwise comparison matrix (a workshop's sheet) on the Markets page.

Not a page. The matrix is read and checked by :func:`strategy.scoring.pairwise.read_pairwise`; a
problem is shown as the library's translated messages, never as an exception. A usable matrix
gives its weights and consistency, and a button puts its judgements on the AHP sliders (each at
the nearest Saaty step, saying which were rounded).
"""

from __future__ import annotations

from itertools import combinations

import pandas as pd
import streamlit as st

from strategy.i18n import LANGS, Lang
from strategy.scoring.pairwise import is_on_scale, read_pairwise, saaty_step
from strategy.scoring.weights import AHPError, AHPResult, ahp, number_text
from ui.common import bullets, escape_markdown, tr
from ui.labels import label
from ui.session import Key, ahp_key
from ui.settings import market_pillars, saaty_value

#: Session key of the text area.
MATRIX_KEY = "mk_ahp_matrix"


def pillar_aliases() -> dict[str, str]:
    """What a planner may type for a pillar (case-insensitive): its id, English or Japanese name."""
    aliases: dict[str, str] = {}
    for pillar in market_pillars():
        for name in (pillar, *(label("pillar", pillar, language) for language in LANGS)):
            aliases.setdefault(str(name).strip().casefold(), pillar)
    return aliases


def read_matrix(text: str) -> tuple[pd.DataFrame | None, AHPError | None]:
    """The matrix in ``text`` by pillar id, or the error saying why it cannot be used."""
    try:
        return read_pairwise(text, pillar_aliases()), None
    except AHPError as exc:
        return None, exc


def _apply(matrix: pd.DataFrame) -> None:
    """Put the matrix's judgements on the AHP sliders and use AHP (a button callback)."""
    pillars = [p for p in market_pillars() if p in matrix.index]
    st.session_state[Key.AHP_PILLARS] = pillars
    rounded = []
    for a, b in combinations(pillars, 2):
        value = float(matrix.loc[a, b])
        step = saaty_step(value)
        st.session_state[ahp_key(a, b)] = step
        if not is_on_scale(value):
            rounded.append((a, b, value, saaty_value(step)))
    st.session_state[Key.WEIGHT_MODE] = "ahp"
    st.session_state[MATRIX_NOTICE] = rounded


MATRIX_NOTICE = "mk_ahp_matrix_applied"


def _shares(result: AHPResult, language: Lang) -> str:
    return tr("fmt.list_sep").join(
        f"{label('pillar', p, language)} {w * 100:.0f}%" for p, w in result.weights.sort_values(ascending=False).items()
    )


def matrix_input(language: Lang) -> None:
    """The text area for a typed matrix, its problems or its weights, and the button to use it."""
    applied = st.session_state.pop(MATRIX_NOTICE, None)
    if applied is not None:
        st.success(tr("ui.mk.ahp_matrix_applied"))
        if applied:
            items = [
                tr(
                    "ui.mk.ahp_matrix_rounded_item",
                    a=label("pillar", a, language),
                    b=label("pillar", b, language),
                    value=number_text(value),
                    step=number_text(step),
                )
                for a, b, value, step in applied
            ]
            st.info(bullets(tr("ui.mk.ahp_matrix_rounded"), items))
    text = st.text_area(
        tr("ui.mk.ahp_matrix"), key=MATRIX_KEY, height=140, help=tr("ui.mk.ahp_matrix_help"), max_chars=20_000
    )
    if not text.strip():
        return
    matrix, error = read_matrix(text)
    if error is not None:
        st.error(bullets(tr("ui.mk.ahp_matrix_bad"), error.messages(language)))
        return
    result = ahp(matrix)
    st.markdown(tr("ui.mk.ahp_result", weights=escape_markdown(_shares(result, language)), cr=f"{result.cr:.2f}"))
    st.button(tr("ui.mk.ahp_matrix_apply"), key="mk_ahp_matrix_apply", on_click=_apply, args=(matrix,))
