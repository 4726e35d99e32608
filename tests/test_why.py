"""Why a (country, field) pair is ranked or not (:mod:`strategy.analysis.why`), and the gates'
list of pairs left open only for lack of data (:attr:`strategy.scoring.GateCheck.unverified`)."""

from __future__ import annotations

import pandas as pd
import pytest

from strategy.analysis.why import REASONS, closed_pairs, observed_parts, pair_status
from strategy.data.dataset import Dataset
from strategy.scenario import Evaluation, Scenario, evaluate


@pytest.fixture(scope="module")
def default_eval(dataset: Dataset) -> Evaluation:
    return evaluate(dataset, Scenario.default(dataset))


def _status(dataset: Dataset, e: Evaluation, iso3: str, field_id: str):
    return pair_status(dataset, e.market, e.fit, e.opportunity, iso3, field_id)


def test_a_ranked_pair_has_its_rank(dataset: Dataset, default_eval: Evaluation) -> None:
    top = default_eval.opportunity.iloc[0]
    status = _status(dataset, default_eval, str(top["iso3"]), str(top["field_id"]))
    assert status.ranked and status.rank == 1 and status.n_ranked == len(default_eval.opportunity)
    assert status.opportunity == pytest.approx(float(top["opportunity"]))


def test_another_standard_closes_vietnam_digital_tv_with_what_the_data_showed(
    dataset: Dataset, default_eval: Evaluation
) -> None:
    status = _status(dataset, default_eval, "VNM", "digital_tv")
    assert not status.ranked and status.reasons == ("closed",)
    gate = status.gates.iloc[0]
    assert (gate["gate_id"], gate["status"], gate["observed"]) == ("other_standard", "failed", "standard=DVB-T2")
    assert gate["rationale"] and gate["rationale_ja"] and gate["reference"]  # the judgement's reasons come along


def test_every_closed_pair_is_absent_from_the_ranking(dataset: Dataset, default_eval: Evaluation) -> None:
    closed = closed_pairs(dataset, default_eval.fit)
    assert len(closed) and set(closed["status"]) <= {"failed", "unknown"}
    ranked = set(
        zip(default_eval.opportunity["iso3"].astype(str), default_eval.opportunity["field_id"].astype(str), strict=True)
    )
    assert not ranked & set(zip(closed["iso3"], closed["field_id"], strict=True))
    assert (closed_pairs(dataset, default_eval.fit, field_id="digital_tv")["field_id"] == "digital_tv").all()


def test_a_country_outside_the_universe_or_without_need_data_says_so(
    dataset: Dataset, default_eval: Evaluation
) -> None:
    assert "outside" in _status(dataset, default_eval, "JPN", "digital_tv").reasons
    need = default_eval.fit.need.stack()
    iso3, field_id = need[need.isna()].index[0] if need.isna().any() else (None, None)
    if iso3 is not None:
        assert "no_need" in _status(dataset, default_eval, iso3, field_id).reasons
    assert set(REASONS) >= {"outside", "closed", "excluded", "no_need"}


def test_unverified_gates_name_the_countries_whose_data_are_missing(dataset: Dataset) -> None:
    """Regression: ``~True`` is -2, so the list held the first and second-to-last country, repeated."""
    from dataclasses import replace

    from strategy.scoring.gates import check_gates

    countries = pd.Index(["AUT", "PHL", "KIR", "FJI", "LAO"])
    # Kiribati and Fiji lose their coastline and landing rows: the coast gate cannot be checked there
    ind = dataset.indicators
    gone = ind["iso3"].isin(["KIR", "FJI"]) & ind["indicator"].isin(["coastline_km", "submarine_cables"])
    check = check_gates(replace(dataset, indicators=ind[~gone]), countries)
    soft = check.unverified
    assert not soft.duplicated().any()
    assert set(soft.loc[soft["gate_id"] == "coast_or_landing", "iso3"]) == {"KIR", "FJI"}
    assert check.open.loc[["KIR", "FJI"], "submarine_cable"].all()  # rule 'open': not closed on no data
    assert not check.open.loc[["AUT", "LAO"], "submarine_cable"].any()  # landlocked, no landing


def test_observed_text_is_split_into_parts() -> None:
    assert observed_parts("coastline_km=0; submarine_cables=?") == [("coastline_km", "0"), ("submarine_cables", None)]
