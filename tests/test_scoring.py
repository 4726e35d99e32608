"""Scoring: agreement with pymcdm, MCDA properties, and face validity on the real data."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd
import pytest
from pymcdm import methods as pm
from pymcdm import normalizations as pn

from strategy.data.dataset import Dataset
from strategy.scoring.criteria import Settings, Universe, prepare_criteria
from strategy.scoring.fields import FieldFit, field_fit
from strategy.scoring.gates import standard_status
from strategy.scoring.market import MarketWeights, effective_weights, market_scores
from strategy.scoring.methods import aggregate, normalise, oriented
from strategy.scoring.opportunities import opportunity
from strategy.scoring.rivals import rival_threat

RNG = np.random.default_rng(20261124)
PYMCDM_NORMS = {"minmax": pn.minmax_normalization, "vector": pn.vector_normalization}


def _ours(matrix: np.ndarray, weights: np.ndarray, types: np.ndarray, method: str, norm: str) -> np.ndarray:
    x = oriented(normalise(matrix, norm), types, norm)
    w = np.broadcast_to(weights / weights.sum(), matrix.shape)
    return aggregate(x, w, method, product_floor=0.0)


@pytest.mark.parametrize("norm", ["minmax", "vector"])
@pytest.mark.parametrize(
    ("method", "reference"),
    [("weighted_sum", pm.WSM), ("weighted_product", pm.WPM), ("topsis", pm.TOPSIS)],
)
def test_methods_match_pymcdm(method: str, reference, norm: str):
    for _ in range(20):
        n, m = RNG.integers(3, 30), RNG.integers(2, 9)
        matrix = RNG.uniform(1, 100, size=(n, m))
        weights = RNG.uniform(0.1, 1, size=m)
        weights /= weights.sum()
        types = RNG.choice([1, -1], size=m)
        if method == "weighted_product" and norm == "minmax":
            types = np.ones(m, dtype=int)  # a zero in a product is pymcdm's value too, but keep it informative
        expected = reference(normalization_function=PYMCDM_NORMS[norm])(matrix, weights, types)
        np.testing.assert_allclose(_ours(matrix, weights, types, method, norm), expected, rtol=1e-10, atol=1e-12)


@pytest.mark.parametrize(
    ("matrix", "weights", "types", "expected"),
    [
        # JMcDM (Julia) test suite, "TOPSIS" testset: four benefit criteria, weights 4:2:6:8
        ([[9, 7, 6, 7], [8, 7, 9, 6], [7, 8, 6, 6]], [4, 2, 6, 8], [1, 1, 1, 1], [0.3876870, 0.6503238, 0.0834767]),
        # Python `mcdm` package example (Tafakkori 2022), vector normalisation, equal weights, cost/benefit/cost
        ([[80, 90, 600], [65, 58, 200], [83, 60, 400]], [1, 1, 1], [-1, 1, -1], [0.3238488, 0.6790225, 0.4090189]),
    ],
)
def test_topsis_matches_other_libraries_reference_values(matrix, weights, types, expected):
    ours = _ours(np.array(matrix, float), np.array(weights, float), np.array(types), "topsis", "vector")
    np.testing.assert_allclose(ours, expected, atol=1e-7)


def test_normalisations_reference_values():
    x = np.array([[2.0], [4.0], [4.0], [10.0]])
    np.testing.assert_allclose(normalise(x, "minmax")[:, 0], [0, 0.25, 0.25, 1])
    np.testing.assert_allclose(normalise(x, "rank")[:, 0], [0, 0.5, 0.5, 1])
    z = normalise(x, "zscore")[:, 0]
    np.testing.assert_allclose(z, (x[:, 0] - 5) / np.std(x[:, 0]))
    np.testing.assert_allclose(normalise(x, "vector")[:, 0], x[:, 0] / np.sqrt(136))
    np.testing.assert_allclose(oriented(normalise(x, "minmax"), np.array([-1]), "minmax")[:, 0], [1, 0.75, 0.75, 0])
    # NaN is ignored, not propagated to the other rows
    y = np.array([[1.0], [np.nan], [3.0]])
    np.testing.assert_allclose(normalise(y, "minmax")[:, 0], [0, np.nan, 1])


def test_effective_weights_renormalise_within_group():
    available = np.array([[True, True, True], [False, True, True], [False, False, True]])
    groups = np.array(["a", "a", "b"])
    w = effective_weights(available, groups, np.array([1.0, 1.0, 3.0]), np.array([1.0, 3.0, 1.0]))
    np.testing.assert_allclose(w.sum(axis=1), 1.0)
    np.testing.assert_allclose(w[0], [0.25 * 0.25, 0.25 * 0.75, 0.75])
    np.testing.assert_allclose(w[1], [0, 0.25, 0.75])  # the missing indicator's share moves to its sibling
    np.testing.assert_allclose(w[2], [0, 0, 1])  # an empty group's weight moves to the others


# --- properties on the real data -----------------------------------------------------------------


@pytest.fixture(scope="module")
def universe(dataset: Dataset) -> pd.Index:
    return Universe().select(dataset)


def _with_values(dataset: Dataset, edit) -> Dataset:
    return replace(dataset, indicators=edit(dataset.indicators.copy()))


@pytest.mark.parametrize("method", ["weighted_sum", "weighted_product", "topsis"])
def test_raising_a_benefit_indicator_never_lowers_the_score(dataset: Dataset, universe: pd.Index, method: str):
    settings = Settings(method=method)
    base = market_scores(dataset, prepare_criteria(dataset, universe, settings))
    latest = dataset.latest_values()
    for iso3 in ("VNM", "KHM", "IND"):
        for indicator in ("internet_users", "gdp_pc_usd", "wgi_rule_of_law"):
            year = latest.query("iso3 == @iso3 and indicator == @indicator")["year"].max()

            def bump(frame, iso3=iso3, indicator=indicator, year=year):
                row = (frame["iso3"] == iso3) & (frame["indicator"] == indicator) & (frame["year"] == year)
                frame.loc[row, "value"] = frame.loc[row, "value"] * 1.5 + 1
                return frame

            raised = _with_values(dataset, bump)
            after = market_scores(raised, prepare_criteria(raised, universe, settings))
            assert after.score[iso3] >= base.score[iso3] - 1e-12, (iso3, indicator, method)


@pytest.mark.parametrize("norm", ["minmax", "zscore", "rank"])
def test_unit_of_an_indicator_changes_nothing(dataset: Dataset, universe: pd.Index, norm: str):
    settings = Settings(normalisation=norm)
    base = market_scores(dataset, prepare_criteria(dataset, universe, settings)).score

    def rescale(frame):
        for indicator in ("gdp_usd", "gdp_growth", "cpi_score"):  # log, none and none transforms
            frame.loc[frame["indicator"] == indicator, "value"] *= 1000.0
        return frame

    scaled = _with_values(dataset, rescale)
    after = market_scores(scaled, prepare_criteria(scaled, universe, settings)).score
    pd.testing.assert_series_equal(base, after, rtol=1e-9)


def test_order_of_countries_changes_nothing(dataset: Dataset, universe: pd.Index):
    base = market_scores(dataset, prepare_criteria(dataset, universe)).score
    shuffled = universe[RNG.permutation(len(universe))]
    after = market_scores(dataset, prepare_criteria(dataset, shuffled)).score
    pd.testing.assert_series_equal(base.sort_index(), after.sort_index())


def test_weights_are_normalised(dataset: Dataset, universe: pd.Index):
    criteria = prepare_criteria(dataset, universe)
    a = market_scores(dataset, criteria, MarketWeights(pillars={"size": 1, "growth": 2, "digital": 3}))
    b = market_scores(dataset, criteria, MarketWeights(pillars={"size": 5, "growth": 10, "digital": 15}))
    pd.testing.assert_series_equal(a.score, b.score)
    np.testing.assert_allclose(a.weights.sum(axis=1), 1.0)


def test_equal_data_gives_ties(dataset: Dataset):
    twins = pd.Index(["VNM", "THA", "IDN"])

    def copy_vnm(frame):
        vnm = frame[frame["iso3"] == "VNM"]
        other = frame[~frame["iso3"].isin(["THA"])]
        clone = vnm.assign(iso3=pd.Categorical(["THA"] * len(vnm), categories=frame["iso3"].cat.categories))
        return pd.concat([other, clone], ignore_index=True)

    same = _with_values(dataset, copy_vnm)
    for method in ("weighted_sum", "weighted_product", "topsis"):
        scores = market_scores(same, prepare_criteria(same, twins, Settings(method=method))).score
        assert scores["VNM"] == pytest.approx(scores["THA"]), method


def test_weighted_sum_decomposition_adds_up(dataset: Dataset, universe: pd.Index):
    scores = market_scores(dataset, prepare_criteria(dataset, universe))
    np.testing.assert_allclose(scores.contributions.sum(axis=1), scores.score, rtol=1e-12)
    assert set(scores.rank) <= set(range(1, len(universe) + 1))


def test_low_coverage_is_excluded_with_reason(dataset: Dataset):
    universe = Universe(sovereign_only=False).select(dataset)
    scores = market_scores(dataset, prepare_criteria(dataset, universe, Settings(min_coverage=0.6)))
    assert "VAT" in scores.excluded.index  # the Holy See has almost no indicators
    assert "VAT" not in scores.score.index
    assert scores.excluded.loc["VAT", "missing"]
    assert (scores.excluded["coverage"] < 0.6).all()
    assert len(scores.score) + len(scores.excluded) == len(universe)


@pytest.mark.parametrize("policy", ["regional_median", "penalise"])
def test_imputation_is_flagged(dataset: Dataset, universe: pd.Index, policy: str):
    criteria = prepare_criteria(dataset, universe, Settings(missing=policy))
    assert criteria.imputed.to_numpy().any()
    assert not (criteria.imputed & criteria.available).to_numpy().any()
    assert not np.isnan(criteria.normalised.to_numpy()[criteria.imputed.to_numpy()]).any()


def test_universe_filters(dataset: Dataset):
    asean = Universe(memberships=("asean",)).select(dataset)
    assert set(asean) == {"BRN", "KHM", "IDN", "LAO", "MYS", "MMR", "PHL", "SGP", "THA", "VNM"}
    focus = Universe(focus_only=True).select(dataset)
    assert len(focus) == 11
    assert "JPN" not in Universe().select(dataset)
    asia_high = Universe(regions=("Asia",), income_groups=("High income",)).select(dataset)
    assert "SGP" in asia_high and "VNM" not in asia_high


# --- face validity ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def fit(dataset: Dataset, universe: pd.Index) -> FieldFit:
    return field_fit(dataset, prepare_criteria(dataset, universe))


def test_high_hazard_countries_need_disaster_ict(dataset: Dataset, fit: FieldFit):
    """INFORM's natural-hazard index drives disaster-ICT need: its top decile must rank high."""
    hazard = dataset.latest_values().query("indicator == 'inform_natural_hazard'").set_index("iso3")["value"]
    hazard = hazard.reindex(fit.need.index).dropna()
    top = hazard[hazard >= hazard.quantile(0.9)].index
    bottom = hazard[hazard <= hazard.quantile(0.1)].index
    need = fit.need["disaster_ict"]
    assert need[top].mean() > need[bottom].mean() + 0.25
    assert need.rank(pct=True)[["PHL", "IDN"]].min() > 0.75


def test_isdbt_adopters_rank_higher_for_digital_tv(dataset: Dataset, universe: pd.Index, fit: FieldFit):
    """Where ISDB-T was adopted Japan is present and the pair is ranked; where DVB-T2 was, Europe is
    present and the pair is closed by the standard gate."""
    market = market_scores(dataset, prepare_criteria(dataset, universe))
    threat = rival_threat(dataset, universe)
    table = opportunity(market, fit, threat)
    tv = table[table["field_id"] == "digital_tv"].set_index("iso3")
    dtt = dataset.dtt_standards.set_index("iso3")["standard"]
    isdbt = tv.index.intersection(dtt.index[dtt.str.startswith("ISDB")])
    dvbt2 = universe.intersection(dtt.index[dtt == "DVB-T2"])
    assert len(isdbt) >= 10 and len(dvbt2) >= 8
    assert tv.index.intersection(dvbt2).empty
    margin = threat.summary.set_index(["iso3", "field_id"])["margin"]
    assert margin["PHL", "digital_tv"] > 0 > margin["THA", "digital_tv"]


def test_threat_uses_measured_presence(dataset: Dataset, universe: pd.Index):
    threat = rival_threat(dataset, universe)
    d = threat.detail.set_index(["iso3", "field_id", "rival_id"])
    # Thailand adopted DVB-T2: Europe present (measured), China measured absent
    assert d.loc[("THA", "digital_tv", "EUR"), "measured"] and d.loc[("THA", "digital_tv", "EUR"), "presence"] == 1
    assert d.loc[("THA", "digital_tv", "CHN"), "presence"] == 0
    # no evidence of China on e-government (not a DAC donor): presence is the stated default, assumed
    row = d.loc[("THA", "egov_digital_id", "CHN")]
    assert not row["measured"] and row["basis"] == "assumed" and row["presence"] == threat.presence_default
    strength = dataset.rival_strength.set_index(["rival_id", "field_id"])["strength"]
    assert row["threat"] == pytest.approx(strength[("CHN", "egov_digital_id")] * threat.presence_default)
    # Korea's aid to Thailand is measured (DAC, 2019-2023) for an aid-financed field
    kor = d.loc[("THA", "egov_digital_id", "KOR")]
    donors = dataset.donor_presence.set_index(["iso3", "rival_id"])
    assert kor["basis"] == "measured" and kor["evidence"] == "dac_aid"
    assert kor["presence"] == pytest.approx(donors.loc[("THA", "KOR"), "relative"])


def test_topsis_uses_common_weights_with_gaps(dataset: Dataset, universe: pd.Index):
    """Per-country renormalisation would move TOPSIS's ideal with each gap (Andorra ranked 1st)."""
    scores = market_scores(dataset, prepare_criteria(dataset, universe, Settings(method="topsis")))
    assert scores.rank.get("AND", 999) > 20
    assert np.allclose(scores.weights.sum(axis=1), 1.0)
    rows = scores.weights.to_numpy()
    assert np.allclose(rows, rows[0])  # the same weights for every country


def test_filling_skips_sparse_indicators(dataset: Dataset, universe: pd.Index):
    criteria = prepare_criteria(dataset, universe, Settings(missing="penalise"))
    # Japan's aid exists for the 11 focus countries only: it must not be filled for the others
    assert not criteria.imputed["japan_net_aid_usd"].any()
    assert criteria.imputed["gdp_usd"].sum() < len(universe)


def test_no_need_data_means_no_fit(dataset: Dataset, universe: pd.Index):
    criteria = prepare_criteria(dataset, universe)
    fit = field_fit(dataset, criteria)
    no_need = fit.need.isna()
    assert no_need.to_numpy().any()
    assert fit.fit[no_need].isna().all().all()
    table = opportunity(market_scores(dataset, criteria), fit, rival_threat(dataset, universe))
    assert table["opportunity"].notna().all()


def test_a_field_selling_a_standard_is_closed_where_another_was_adopted(dataset):
    countries = pd.Index(["PHL", "KHM", "VNM", "THA", "USA", "CHL"])
    criteria = prepare_criteria(dataset, countries, Settings())
    fit = field_fit(dataset, criteria)
    status = standard_status(dataset, countries, "digital_tv")
    assert status.to_dict() == {
        "PHL": "ours",
        "KHM": "open",
        "VNM": "other",
        "THA": "other",
        "USA": "unknown",
        "CHL": "ours",
    }
    tv = fit.fit["digital_tv"]
    # adopted ISDB-T or undecided: the indicators decide, as for any field
    assert tv[["PHL", "KHM", "CHL"]].notna().all()
    # DVB-T2 adopted (cited rows): closed in fit, not only in need; nothing recorded: not guessed
    assert tv[["VNM", "THA", "USA"]].isna().all()
    assert fit.need.loc[["VNM", "THA"], "digital_tv"].gt(0).all()  # the gate, not the indicators, closed it
    closed = fit.gates.closed.query("field_id == 'digital_tv'").set_index("iso3")
    assert closed.loc["VNM", "status"] == "failed" and closed.loc["VNM", "observed"] == "standard=DVB-T2"
    assert closed.loc["USA", "status"] == "unknown"
