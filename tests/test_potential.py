"""The export potential model: properties, gates, rivals' basis, face validity and the judgement tables.

Face-validity cases are public facts, cited where they are asserted. Properties are checked on
random inputs (many draws, fixed seed) and on the bundled data.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from data_helpers import broken_copy, load_issues

from strategy.data.dataset import Dataset
from strategy.scenario import Scenario, evaluate
from strategy.scoring import OpportunityWeights, export_potential

RNG = np.random.default_rng(20261202)
FIT_WEIGHTS = (0.45, 0.25, 0.30)


@pytest.fixture(scope="module")
def default_eval(dataset: Dataset):
    return evaluate(dataset, Scenario.default(dataset))


def _draw(n: int) -> list[np.ndarray]:
    return [RNG.uniform(0, 1, n) for _ in range(6)]


# --- properties of the formula ------------------------------------------------------------------


def test_zero_need_gives_zero_potential_whatever_else():
    need, capacity, strength, readiness, position, environment = _draw(2000)
    d, s, a = export_potential(
        np.zeros_like(need), capacity, strength, readiness, position, environment, FIT_WEIGHTS, OpportunityWeights()
    )
    assert (d * s * a == 0).all()


def test_potential_rises_with_need_all_else_equal():
    need, capacity, strength, readiness, position, environment = _draw(2000)
    more = np.minimum(need + RNG.uniform(0.001, 0.5, need.shape), 1.0)
    parts = (capacity, strength, readiness, position, environment, FIT_WEIGHTS, OpportunityWeights())
    low = np.prod(export_potential(need, *parts), axis=0)
    high = np.prod(export_potential(more, *parts), axis=0)
    assert (high >= low).all() and (high > low).mean() > 0.99


def test_potential_is_in_unit_interval_and_each_factor_matters():
    parts = _draw(2000)
    d, s, a = export_potential(*parts, FIT_WEIGHTS, OpportunityWeights())
    p = d * s * a
    assert ((p >= 0) & (p <= 1)).all()
    # a better position, all else equal, never lowers the potential
    better = list(parts)
    better[4] = np.minimum(parts[4] + 0.2, 1.0)
    assert (np.prod(export_potential(*better, FIT_WEIGHTS, OpportunityWeights()), axis=0) >= p - 1e-12).all()


def test_potential_matches_a_hand_computed_case():
    one = np.array([0.6])
    d, s, a = export_potential(
        one,
        one * 0 + 0.4,
        one * 0 + 0.8,
        one * 0 + 0.02,
        one * 0 + 0.9,
        one * 0 + 0.5,
        FIT_WEIGHTS,
        OpportunityWeights(),
    )
    # demand = 0.6^(0.45/0.8) 0.4^(0.35/0.8); supply = 0.8^(0.3/0.55) max(0.02, 0.05)^(0.25/0.55);
    # access = 0.9^0.5 0.5^0.5
    assert d[0] == pytest.approx(0.6 ** (0.45 / 0.8) * 0.4 ** (0.35 / 0.8))
    assert s[0] == pytest.approx(0.8 ** (0.30 / 0.55) * 0.05 ** (0.25 / 0.55))
    assert a[0] == pytest.approx(0.9**0.5 * 0.5**0.5)


# --- the bundled data ---------------------------------------------------------------------------


def _pairs(frame: pd.DataFrame) -> set[tuple[str, str]]:
    return set(zip(frame["iso3"].astype(str), frame["field_id"].astype(str), strict=True))


def test_a_gated_pair_is_never_ranked(default_eval):
    closed = default_eval.fit.gates.closed
    assert len(closed) > 0
    assert not _pairs(default_eval.opportunity) & _pairs(closed)


def test_every_rule_leaves_gated_pairs_out(dataset: Dataset, default_eval):
    from strategy.scoring import opportunity

    closed = _pairs(default_eval.fit.gates.closed)
    for rule in ("sum", "product"):
        table = opportunity(default_eval.market, default_eval.fit, default_eval.threat, OpportunityWeights(rule=rule))
        assert not _pairs(table) & closed


def test_home_market_presence_is_measured_at_full_strength(dataset: Dataset, default_eval):
    d = default_eval.threat.detail.set_index(["iso3", "field_id", "rival_id"])
    for iso3, rival in (
        ("CHN", "CHN"),
        ("HKG", "CHN"),
        ("USA", "USA"),
        ("KOR", "KOR"),
        ("IND", "IND"),
        ("DEU", "EUR"),
        ("FRA", "EUR"),
    ):
        rows = d.xs((iso3, rival), level=("iso3", "rival_id"))
        assert (rows["basis"] == "home_market").all() and rows["measured"].all() and (rows["presence"] == 1).all()
    # Norway is in Europe but not in the EU: Europe's home market is the EU (rivals.csv)
    assert (d.xs(("NOR", "EUR"), level=("iso3", "rival_id"))["basis"] != "home_market").all()


def test_in_a_rivals_home_market_the_rival_is_met(default_eval):
    """The US cloud market is the US hyperscalers' own (Amazon, Microsoft and Google hold about 63%
    of cloud infrastructure spending, Synergy Research, cited in fields.csv): the main rival there is
    the US, known from its home market, not assumed."""
    s = default_eval.threat.summary.set_index(["iso3", "field_id"])
    assert s.loc[("USA", "data_centre_cloud"), "main_rival"] == "USA"
    assert s.loc[("USA", "data_centre_cloud"), "main_basis"] == "home_market"
    assert s.loc[("CHN", "broadband_mobile"), "main_rival"] == "CHN"  # Huawei and ZTE at home


def test_another_standard_closes_digital_tv(default_eval):
    """VNM, THA, IDN, MYS, MMR and SGP adopted DVB-T2 (cited rows of dtt_standard_by_country.csv);
    the Philippines adopted ISDB-T (MIC press release, DiBEG)."""
    table = default_eval.opportunity
    tv = set(table.loc[table["field_id"] == "digital_tv", "iso3"].astype(str))
    assert not tv & {"VNM", "THA", "IDN", "MYS", "MMR", "SGP"}
    assert "PHL" in tv
    top = table.head(20)
    assert ((top["iso3"] == "PHL") & (top["field_id"] == "digital_tv")).any()


def test_qzss_outside_its_footprint_is_not_ranked(default_eval):
    """QZSS signals reach the Asia-Oceania region (seed 002, 第６章1(1)); Brazil and Germany are outside."""
    table = default_eval.opportunity
    qzss = set(table.loc[table["field_id"] == "gspace_qzss", "iso3"].astype(str))
    assert not qzss & {"BRA", "DEU", "USA", "NGA"}
    assert qzss & {"IDN", "PHL", "VNM", "THA", "AUS"}


def test_focus_markets_appear_among_the_top_pairs(dataset: Dataset, default_eval):
    top = set(default_eval.opportunity.head(50)["iso3"].astype(str))
    assert len(top & set(dataset.focus)) >= 5


def test_rich_low_need_markets_do_not_lead(default_eval):
    """Denmark, Switzerland and Norway are among the most connected economies (fixed broadband and
    internet use near the top of WDI): they should not lead a ranking of needs."""
    top = set(default_eval.opportunity.head(20)["iso3"].astype(str))
    assert not top & {"DNK", "CHE", "NOR"}


# --- old scenarios and the judgement tables ----------------------------------------------------


def test_a_schema_1_scenario_keeps_its_model(dataset: Dataset):
    old = Scenario.default(dataset).to_dict()
    old["schema"] = 1
    old["opportunity_weights"] = {"market": 0.35, "fit": 0.45, "position": 0.2, "rule": "sum"}
    old["fit_weights"] = {"need": 0.45, "readiness": 0.25, "strength": 0.30}
    loaded = Scenario.from_dict(old)
    assert loaded.model == "sum" and loaded.fit_weights.rule == "sum"
    assert Scenario.default(dataset).model == "potential"
    table = evaluate(dataset, loaded).opportunity
    # the additive rule: opportunity is the weighted mean of market, fit and position
    expected = 0.35 * table["market"] + 0.45 * table["fit"] + 0.2 * table["position"]
    assert np.allclose(table["opportunity"], expected)


def _broken(tmp_path: Path, table: str, cells: dict[tuple[int, str], str]) -> list:
    return [(i.file, i.code, i.row, i.column) for i in load_issues(broken_copy(tmp_path, table, cells))]


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        ({(0, "field_id"): "teleportation"}, ("field_gates.csv", "err.bad_reference", 2, "field_id")),
        ({(0, "indicator"): "sea_view"}, ("field_gates.csv", "err.unknown_indicator", 2, "indicator")),
        ({(0, "kind"): "below"}, ("field_gates.csv", "err.bad_choice", 2, "kind")),
        ({(0, "threshold"): "zero"}, ("field_gates.csv", "err.not_numeric", 2, "threshold")),
        ({(0, "rationale"): ""}, ("field_gates.csv", "err.required_text", 2, "rationale")),
    ],
)
def test_bad_gate_edits_name_file_row_and_column(tmp_path: Path, cells, expected):
    assert expected in _broken(tmp_path, "field_gates", cells)


def test_bad_aid_financed_edits_name_file_row_and_column(tmp_path: Path):
    found = _broken(tmp_path, "aid_financed_fields", {(1, "aid_financed"): "yes", (2, "field_id"): "warp"})
    assert ("aid_financed_fields.csv", "err.bad_choice", 3, "aid_financed") in found
    assert ("aid_financed_fields.csv", "err.bad_reference", 4, "field_id") in found
