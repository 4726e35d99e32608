"""Scoring: criteria, normalisation, aggregation methods, market scores, field fit, rival threat, opportunity, weights and groups.

The public names are re-exported here (``from strategy.scoring import market_scores``); each lives
in one module: :mod:`~.methods` (normalisations, aggregations), :mod:`~.criteria` (settings,
universe, prepared criteria), :mod:`~.market`, :mod:`~.fields`, :mod:`~.rivals`,
:mod:`~.opportunities`; :mod:`~.weights` and :mod:`~.groups` are imported as modules.
"""

from strategy.scoring.criteria import (
    MEMBERSHIPS,
    MISSING_POLICIES,
    Criteria,
    MissingPolicy,
    Settings,
    Universe,
    freshness_summary,
    prepare_criteria,
    unit_criteria,
)
from strategy.scoring.fields import (
    OPEN_STANDARDS,
    STANDARD_FIELDS,
    FieldFit,
    FitWeights,
    field_fit,
    fit_decomposition,
    standard_status,
)
from strategy.scoring.market import MarketScores, MarketWeights, effective_weights, market_scores
from strategy.scoring.methods import (
    METHODS,
    NORMALISATIONS,
    NORMALISERS,
    Method,
    Normalisation,
    aggregate,
    minmax_normalise,
    normalise,
    oriented,
    rank_normalise,
    topsis,
    vector_normalise,
    weighted_product,
    weighted_sum,
    zscore_normalise,
)
from strategy.scoring.opportunities import OpportunityWeights, opportunity
from strategy.scoring.rivals import WHOLE_MARKET_EVIDENCE, RivalThreat, rival_threat

__all__ = [
    "Normalisation",
    "MissingPolicy",
    "Method",
    "NORMALISATIONS",
    "MISSING_POLICIES",
    "METHODS",
    "MEMBERSHIPS",
    "Settings",
    "Universe",
    "Criteria",
    "NORMALISERS",
    "normalise",
    "minmax_normalise",
    "zscore_normalise",
    "rank_normalise",
    "vector_normalise",
    "oriented",
    "prepare_criteria",
    "MarketWeights",
    "effective_weights",
    "aggregate",
    "weighted_sum",
    "weighted_product",
    "topsis",
    "MarketScores",
    "market_scores",
    "FitWeights",
    "unit_criteria",
    "freshness_summary",
    "FieldFit",
    "STANDARD_FIELDS",
    "OPEN_STANDARDS",
    "standard_status",
    "field_fit",
    "fit_decomposition",
    "WHOLE_MARKET_EVIDENCE",
    "RivalThreat",
    "rival_threat",
    "OpportunityWeights",
    "opportunity",
]
