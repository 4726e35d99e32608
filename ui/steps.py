"""The scoring steps behind the Markets, Fields, Competitors, Plan and Sensitivity pages, cached.

Not a page. Each step is cached per data version and only the settings it reads: the criteria matrix
(the slow step) on universe and indicator settings, rival threat on universe and presence settings.
A weight slider therefore re-runs only the cheap aggregation. No scoring happens here: every number
comes from :mod:`strategy.scoring` and :mod:`strategy.scoring.groups`. Pages reach these as
``sc.market``, ``sc.opportunities``, ... (:mod:`ui.settings` re-exports them).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd
import streamlit as st

from strategy import scoring
from strategy.data.dataset import Dataset
from strategy.scenario import Evaluation, Scenario
from strategy.scoring.groups import MarketGroups, market_groups

if TYPE_CHECKING:  # ui.settings re-exports these steps, so it cannot be imported here at run time
    from ui.settings import State


@st.cache_resource(show_spinner=False, max_entries=16)
def _countries(_ds: Dataset, version: str, universe: scoring.Universe) -> pd.Index:
    return universe.select(_ds)


@st.cache_resource(show_spinner=False, max_entries=16)
def _criteria(_ds: Dataset, version: str, universe: scoring.Universe, settings: scoring.Settings) -> scoring.Criteria:
    return scoring.prepare_criteria(_ds, _countries(_ds, version, universe), settings)


@st.cache_resource(show_spinner=False, max_entries=32)
def _market(
    _ds: Dataset,
    version: str,
    universe: scoring.Universe,
    settings: scoring.Settings,
    pillars: tuple,
    indicators: tuple,
) -> scoring.MarketScores:
    weights = scoring.MarketWeights(pillars=dict(pillars), indicators=dict(indicators))
    return scoring.market_scores(_ds, _criteria(_ds, version, universe, settings), weights)


@st.cache_resource(show_spinner=False, max_entries=32)
def _fit(
    _ds: Dataset, version: str, universe: scoring.Universe, settings: scoring.Settings, weights: scoring.FitWeights
) -> scoring.FieldFit:
    return scoring.field_fit(_ds, _criteria(_ds, version, universe, settings), weights)


@st.cache_resource(show_spinner=False, max_entries=16)
def _threat(
    _ds: Dataset, version: str, universe: scoring.Universe, presence: float, white_space: float, momentum: float
) -> scoring.RivalThreat:
    countries = _countries(_ds, version, universe)
    return scoring.rival_threat(_ds, countries, presence, white_space, momentum_weight=momentum)


@st.cache_resource(show_spinner=False, max_entries=32)
def _opportunity(
    _ds: Dataset,
    version: str,
    universe: scoring.Universe,
    settings: scoring.Settings,
    pillars: tuple,
    indicators: tuple,
    fit_weights: scoring.FitWeights,
    presence: float,
    white_space: float,
    momentum: float,
    weights: scoring.OpportunityWeights,
) -> pd.DataFrame:
    return scoring.opportunity(
        _market(_ds, version, universe, settings, pillars, indicators),
        _fit(_ds, version, universe, settings, fit_weights),
        _threat(_ds, version, universe, presence, white_space, momentum),
        weights,
    )


@st.cache_resource(show_spinner=False, max_entries=32)
def _groups(
    _ds: Dataset,
    version: str,
    universe: scoring.Universe,
    k: int,
    indicators: tuple[str, ...],
    method: str,
    reference_year: int | None,
    max_age: int | None,
) -> MarketGroups:
    countries = _countries(_ds, version, universe)
    return market_groups(_ds, countries, k, indicators, method, reference_year, max_age)  # type: ignore[arg-type]


def countries(ds: Dataset, state: State) -> pd.Index:
    """ISO3 codes of the universe (before any exclusion for low coverage)."""
    return _countries(ds, ds.version, state.universe)


def criteria(ds: Dataset, state: State) -> scoring.Criteria:
    return _criteria(ds, ds.version, state.universe, state.settings)


def market(ds: Dataset, state: State) -> scoring.MarketScores:
    return _market(ds, ds.version, state.universe, state.settings, state.pillar_weights, state.indicator_weights)


def fit(ds: Dataset, state: State) -> scoring.FieldFit:
    return _fit(ds, ds.version, state.universe, state.settings, state.fit)


def threat_key(ds: Dataset, state: State) -> tuple:
    """What the rival threat depends on: its cache key."""
    return (ds.version, state.universe, state.presence_default, state.white_space, state.momentum)


def threat(ds: Dataset, state: State) -> scoring.RivalThreat:
    return _threat(ds, *threat_key(ds, state))


def opportunity_key(ds: Dataset, state: State) -> tuple:
    """What the scoring.opportunity table depends on: its cache key, also used to notice a stale plan."""
    return (
        ds.version,
        state.universe,
        state.settings,
        state.pillar_weights,
        state.indicator_weights,
        state.fit,
        state.presence_default,
        state.white_space,
        state.momentum,
        state.opportunity,
    )


def opportunities(ds: Dataset, state: State) -> pd.DataFrame:
    """One row per (country, field), best first (read-only: copy before changing)."""
    return _opportunity(ds, *opportunity_key(ds, state))


def evaluation(ds: Dataset, state: State, scenario: Scenario) -> Evaluation:
    """The session's scores as the evaluation of ``scenario``, the scenario the sidebar describes
    (``ui.scenario_state.scenario_from_session``): the cached steps, not a fresh
    :func:`strategy.scenario.evaluate`, which would redo the criteria and rival threat."""
    return Evaluation(
        scenario,
        countries(ds, state),
        criteria(ds, state),
        market(ds, state),
        fit(ds, state),
        threat(ds, state),
        opportunities(ds, state),
    )


def fit_drivers(ds: Dataset, state: State, field_id: str, iso3: str) -> pd.DataFrame:
    """The drivers behind one (field, country) fit (cheap, so not cached)."""
    return scoring.fit_decomposition(ds, criteria(ds, state), field_id, iso3)


def groups(ds: Dataset, state: State, k: int, indicators: tuple[str, ...], method: str) -> MarketGroups | ValueError:
    """Market groups, or the library's error when too few countries have every grouping indicator."""
    try:
        return _groups(
            ds, ds.version, state.universe, k, indicators, method, state.settings.reference_year, state.settings.max_age
        )
    except ValueError as exc:
        return exc
