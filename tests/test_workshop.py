"""Group weights from a workshop: AIJ (geometric mean of the pairwise matrices, then the
eigenvector) and AIP (normalised geometric mean of the weights), each against a hand computation;
an inconsistent matrix (CR > 0.1) is flagged and left out; the spread shows where the group
disagrees; the inputs are kept in the store (SQLite and PostgreSQL), one per participant, with the
roles checked."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from strategy.scenario import Scenario
from strategy.scoring.weights import pairwise_matrix
from strategy.store import NotFoundError, PermissionDeniedError, ScenarioStore
from strategy.store_workshop import WorkshopClosedError
from strategy.team.roles import Actor, Role
from strategy.team.workshop import Judgement, aggregate

sys.path.insert(0, str(Path(__file__).parent))
import test_store  # noqa: E402

postgres = test_store.postgres
url = test_store.url

C = ["size", "growth", "digital"]


def matrix(ab: float, ac: float, bc: float) -> pd.DataFrame:
    return pairwise_matrix(C, {("size", "growth"): ab, ("size", "digital"): ac, ("growth", "digital"): bc})


def test_three_participants_one_inconsistent_aij_equals_the_hand_computed_mean():
    ayumi = Judgement.of_matrix("ayumi", matrix(2, 4, 2))  # consistent: weights 4/7, 2/7, 1/7
    kenji = Judgement.of_matrix("kenji", matrix(9, 1 / 9, 9))  # size > growth > digital > size: CR far above 0.1
    mari = Judgement.of_matrix("mari", matrix(1 / 2, 1, 2))  # consistent: weights 1/4, 1/2, 1/4
    result = aggregate([ayumi, kenji, mari], C)
    assert result.excluded == ("kenji",)  # flagged, not used
    flagged = next(i for i in result.individuals if i.participant == "kenji")
    assert flagged.ahp is not None and flagged.ahp.cr > 0.1 and not flagged.usable
    assert result.method == "aij"
    # by hand: element-wise geometric mean of ayumi's and mari's matrices:
    # size/growth sqrt(2 * 1/2) = 1, size/digital sqrt(4 * 1) = 2, growth/digital sqrt(2 * 2) = 2,
    # a consistent matrix with weights 2 : 2 : 1
    assert result.weights.to_dict() == pytest.approx({"size": 0.4, "growth": 0.4, "digital": 0.2}, abs=1e-12)
    assert result.group_ahp is not None and result.group_ahp.cr == pytest.approx(0, abs=1e-9)
    table = result.table
    assert table.loc["ayumi"].to_numpy() == pytest.approx([4 / 7, 2 / 7, 1 / 7])
    assert table.loc["mari"].to_numpy() == pytest.approx([1 / 4, 1 / 2, 1 / 4])
    # spread over the usable participants: growth differs most (2/7 vs 1/2), then size (4/7 vs 1/4)
    assert result.spread.loc["growth", "range"] == pytest.approx(1 / 2 - 2 / 7)
    assert result.disagreement == ["size", "growth", "digital"]  # 4/7 - 1/4 = 0.32 > 0.21 > 0.11


def test_slider_weights_use_the_normalised_geometric_mean():
    people = [
        Judgement.of_weights("a", {"size": 1, "growth": 1, "digital": 2}),  # 1/4, 1/4, 1/2
        Judgement.of_weights("b", {"size": 2, "growth": 1, "digital": 1}),  # 1/2, 1/4, 1/4
        Judgement.of_weights("c", {"size": 3, "growth": 3, "digital": 3}),  # 1/3 each
    ]
    result = aggregate(people, C)
    assert result.method == "aip" and result.excluded == ()
    cube = lambda x: x ** (1 / 3)  # noqa: E731
    raw = {
        "size": cube(1 / 4 * 1 / 2 * 1 / 3),
        "growth": cube(1 / 4 * 1 / 4 * 1 / 3),
        "digital": cube(1 / 2 * 1 / 4 * 1 / 3),
    }
    total = sum(raw.values())
    assert result.weights.to_dict() == pytest.approx({k: v / total for k, v in raw.items()}, rel=1e-12)
    assert result.weights.sum() == pytest.approx(1.0)


def test_a_zero_weight_vetoes_and_a_mix_uses_priorities():
    result = aggregate(
        [Judgement.of_weights("a", {"size": 1, "growth": 0, "digital": 1}), Judgement.of_matrix("b", matrix(2, 4, 2))],
        C,
    )
    assert result.method == "aip"  # a matrix among slider weights: its eigenvector is its weights
    assert result.weights["growth"] == 0 and result.vetoed == ["growth"]
    expected = np.sqrt(np.array([1 / 2 * 4 / 7, 0, 1 / 2 * 1 / 7]))
    assert result.weights.to_numpy() == pytest.approx(expected / expected.sum())
    nothing = aggregate([Judgement.of_weights("z", {c: 0 for c in C})], C)
    assert nothing.excluded == ("z",) and nothing.weights.empty


def test_json_round_trip():
    for j in (Judgement.of_matrix("m", matrix(3, 5, 2)), Judgement.of_weights("w", {"size": 2.5, "growth": 1})):
        again = Judgement.from_json(j.participant, j.to_json())
        assert again.kind == j.kind and again.to_json() == j.to_json()


def test_inputs_are_kept_in_the_store_with_roles(url: str):
    admin, planner = Actor("ada@example.org", Role.ADMIN), Actor("paul@example.org", Role.PLANNER)
    viewer = Actor("vera@example.org", Role.VIEWER)
    with ScenarioStore(url) as store:
        store.save(Scenario(name="ASEAN"), None, actor=admin)
        with pytest.raises(PermissionDeniedError):
            store.open_workshop("ASEAN", C, actor=planner)  # only admins run workshops
        with pytest.raises(NotFoundError):
            store.open_workshop("no such scenario", C, actor=admin)
        wid = store.open_workshop("ASEAN", C, actor=admin)
        info = store.workshop(wid)
        assert (info.scenario, info.criteria, info.opened_by, info.is_open) == ("ASEAN", tuple(C), admin.user, True)
        # the participant is the actor, whatever the input says
        store.submit_judgement(wid, Judgement.of_matrix("someone else", matrix(2, 4, 2)), actor=viewer)
        store.submit_judgement(wid, Judgement.of_weights("x", {"size": 1, "growth": 1, "digital": 1}), actor=planner)
        store.submit_judgement(wid, Judgement.of_weights("x", {"size": 2, "growth": 1, "digital": 1}), actor=planner)
        inputs = store.judgements(wid)
        assert [j.participant for j in inputs] == [planner.user, viewer.user]  # one each, the latest
        assert inputs[0].weights == {"size": 2.0, "growth": 1.0, "digital": 1.0}
        assert inputs[1].matrix.to_numpy() == pytest.approx(matrix(2, 4, 2).to_numpy())
        with pytest.raises(PermissionDeniedError):
            store.close_workshop(wid, actor=planner)
        store.close_workshop(wid, actor=admin)
        assert not store.workshop(wid).is_open
        with pytest.raises(WorkshopClosedError) as closed:
            store.submit_judgement(wid, Judgement.of_weights("x", {"size": 1}), actor=planner)
        assert f"#{wid}" in closed.value.message("ja")
        assert [w.id for w in store.workshops()] == [wid]


def test_smaa_can_sample_from_the_participants_views():
    from strategy.analysis.sensitivity import smaa
    from strategy.team.workshop import participant_samples

    result = aggregate(
        [
            Judgement.of_weights("a", {"size": 1, "growth": 1, "digital": 2}),
            Judgement.of_weights("b", {"size": 2, "growth": 1, "digital": 1}),
            Judgement.of_matrix("c", matrix(9, 1 / 9, 9)),  # inconsistent: not sampled from
        ],
        C,
    )
    samples = participant_samples(result, 500, rng=7)
    assert samples.shape == (500, 3) and np.allclose(samples.sum(axis=1), 1)
    views = result.table.loc[["a", "b"]].to_numpy()
    assert (samples >= views.min(axis=0) - 1e-12).all() and (samples <= views.max(axis=0) + 1e-12).all()
    assert np.array_equal(samples, participant_samples(result, 500, rng=7))  # reproducible
    # two views on a segment: growth is 1/4 in both, so every sample has it
    assert np.allclose(samples[:, 1], 0.25)
    values = pd.DataFrame({"size": [1.0, 0.0], "growth": [0.5, 0.5], "digital": [0.0, 1.0]}, index=["X", "Y"])
    outcome = smaa(values, weights=samples)
    # X leads exactly when the size weight exceeds the digital weight: the share of such samples
    expected = float((samples[:, 0] > samples[:, 2]).mean())
    assert outcome.acceptability.loc["X", 1] == pytest.approx(expected, abs=1e-12)
