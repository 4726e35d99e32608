"""What the Workshop page draws: a participant's input (sliders or a pairwise matrix), the group
result (each participant's weights, the spread per criterion, where the group disagrees most, the
flagged matrices) and the consensus as a scenario.

Not a page. The numbers come from :func:`strategy.team.workshop.aggregate`; the store keeps the
inputs (:mod:`strategy.store_workshop`); the participant is always the signed-in user.
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import streamlit as st

from strategy.i18n import Lang
from strategy.scenario import Scenario
from strategy.scoring.weights import AHPError, ahp, number_text
from strategy.store_workshop import WorkshopInfo
from strategy.team.workshop import Judgement, WorkshopResult
from ui.common import bullets, tr
from ui.labels import label
from ui.views.ahp import read_matrix


def pillar_name(pillar: str, language: Lang) -> str:
    return str(label("pillar", pillar, language))


def workshop_title(info: WorkshopInfo) -> str:
    state = tr("ui.ws.state_open") if info.is_open else tr("ui.ws.state_closed")
    return tr("ui.ws.option", id=info.id, scenario=info.scenario, state=state, by=info.opened_by)


def input_form(info: WorkshopInfo, participant: str, language: Lang) -> Judgement | None:
    """The participant's input (sliders or a typed matrix); None while the matrix cannot be read."""
    modes = {m: tr(f"ui.ws.mode.{m}") for m in ("weights", "pairwise")}
    mode = st.radio(
        tr("ui.ws.mode"),
        list(modes),
        format_func=modes.__getitem__,
        horizontal=True,
        key=f"ws_mode_{info.id}",
    )
    if mode == "weights":
        columns = st.columns(min(4, len(info.criteria)))
        weights = {
            c: columns[i % len(columns)].slider(
                pillar_name(c, language), 0.0, 5.0, 1.0, 0.5, key=f"ws_w_{info.id}_{c}", help=tr("ui.ws.weight_help")
            )
            for i, c in enumerate(info.criteria)
        }
        return Judgement.of_weights(participant, weights)
    example = (
        ",".join(["", *info.criteria])
        + "\n"
        + "\n".join(",".join([c, *("1" for _ in info.criteria)]) for c in info.criteria)
    )
    text = st.text_area(tr("ui.ws.matrix"), value=example, key=f"ws_matrix_{info.id}", help=tr("ui.ws.matrix_help"))
    matrix, error = read_matrix(text)
    if error is not None:
        st.error(bullets(tr("ui.ws.matrix_bad"), error.messages(language)))
        return None
    assert matrix is not None
    if sorted(matrix.index) != sorted(info.criteria):
        st.error(tr("ui.ws.matrix_criteria", criteria=", ".join(pillar_name(c, language) for c in info.criteria)))
        return None
    matrix = matrix.loc[list(info.criteria), list(info.criteria)]
    try:
        result = ahp(matrix)
    except AHPError as exc:
        st.error(bullets(tr("ui.ws.matrix_bad"), exc.messages(language)))
        return None
    if result.consistent:
        st.caption(tr("ui.ws.cr_ok", cr=number_text(result.cr)))
    else:
        pair = result.worst_pair or ("", "")
        st.warning(
            tr(
                "ui.ws.cr_bad",
                cr=number_text(result.cr),
                a=pillar_name(pair[0], language),
                b=pillar_name(pair[1], language),
            )
        )
    return Judgement.of_matrix(participant, matrix)


def group_result(result: WorkshopResult, language: Lang) -> None:
    """Each participant's weights, the group's, the spread, the flags."""
    names = {c: pillar_name(c, language) for c in result.spread.index}
    table = (result.table * 100).rename(columns=names)
    table[tr("ui.ws.col.cr")] = [number_text(i.ahp.cr) if i.ahp is not None else "" for i in result.individuals]
    table[tr("ui.ws.col.used")] = [
        tr("ui.ws.used") if i.participant not in result.excluded else tr("ui.ws.left_out") for i in result.individuals
    ]
    st.dataframe(table, width="stretch", key="ws_individuals")
    for participant in result.excluded:
        individual = next(i for i in result.individuals if i.participant == participant)
        if individual.ahp is not None and not individual.ahp.consistent:
            st.warning(tr("ui.ws.flagged", participant=participant, cr=number_text(individual.ahp.cr)))
        else:
            st.warning(tr("ui.ws.flagged_zero", participant=participant))
    if result.weights.empty:
        st.info(tr("ui.ws.no_usable"))
        return
    spread = pd.DataFrame(
        {
            tr("ui.ws.col.group"): result.weights * 100,
            tr("ui.ws.col.low"): result.spread["low"] * 100,
            tr("ui.ws.col.high"): result.spread["high"] * 100,
            tr("ui.ws.col.range"): result.spread["range"] * 100,
        }
    ).rename(index=names)
    st.dataframe(spread.round(1), width="stretch", key="ws_group")
    st.caption(tr(f"ui.ws.method.{result.method}"))
    top = result.disagreement[0]
    st.info(tr("ui.ws.most_disputed", pillar=names[top], range=f"{result.spread.loc[top, 'range'] * 100:.1f}"))
    if result.vetoed:
        st.warning(tr("ui.ws.vetoed", pillars=", ".join(names[c] for c in result.vetoed)))


def consensus(scenario: Scenario, result: WorkshopResult, name: str) -> Scenario:
    """``scenario`` under ``name`` with the group's weights on the workshop's criteria; the other
    pillars keep their share of the total."""
    pillars = {p: float(w) for p, w in scenario.market_weights.pillars.items()}
    total = sum(pillars.values()) or 1.0
    share = {p: w / total for p, w in pillars.items()}
    rest = 1.0 - sum(share.get(c, 0.0) for c in result.weights.index)
    room = 1.0 - rest
    if room <= 0:  # the criteria had no weight at all: they get the group's split of half the total
        room = 0.5
        share = {p: w * 0.5 for p, w in share.items()}
    new = {**share, **{c: float(w) * room for c, w in result.weights.items()}}
    return replace(scenario, name=name, market_weights=replace(scenario.market_weights, pillars=new))
