"""Every session-state key the app shares between runs or pages, in one registry.

Not a page. A key is a :class:`Key` member: a ``str`` whose value is the exact string Streamlit
stores (widget keys are also what AppTest and the browser tests look up, and ``preset``, ``method``,
``lang``, ``add`` and ``iso3`` are URL query parameters), so renaming a member never changes a key.
Each member says what it holds and which page (or module) owns it, i.e. writes it. Keys made
from an id (a pillar's weight slider, an AHP pair) come from the functions below. Element keys that
only name a chart or a table on one page (``markets_map``, ``cp_fields``) stay beside the element.
"""

from __future__ import annotations

from enum import StrEnum


class Key(StrEnum):
    """Session-state (and URL) keys. Owner in brackets; ``sidebar`` is :mod:`ui.settings`."""

    # --- app-wide [ui.common] ---
    #: the interface language, "ja" or "en" (also ``?lang=``) [ui.common, sidebar switch]
    LANG = "lang"
    #: this session's uploaded indicators, a ``ui.common.UploadState`` [Data page]
    UPLOAD_STATE = "upload_state"

    # --- shared scoring settings [sidebar] ---
    #: universe scope: all / focus / region / income / membership
    SCOPE = "sc_scope"
    #: regions of the "region" scope
    REGIONS = "sc_regions"
    #: income groups of the "income" scope
    INCOMES = "sc_incomes"
    #: memberships of the "membership" scope
    MEMBERSHIPS = "sc_memberships"
    #: whether territories (non-sovereign) are in the universe
    TERRITORIES = "sc_territories"
    #: weight preset id (also ``?preset=``)
    PRESET = "preset"
    #: aggregation method id (also ``?method=``)
    METHOD = "method"
    #: weight mode: sliders / ahp / scenario
    WEIGHT_MODE = "sc_weight_mode"
    #: exact pillar weights of a loaded scenario the sliders cannot hold [Scenarios page]
    SCENARIO_WEIGHTS = "sc_scenario_weights"
    #: indicator weights {indicator id: weight} [Markets page editor]
    INDICATOR_WEIGHTS = "sc_indicator_weights"
    #: the indicator-weight editor's own state (edited rows) [Markets page]
    INDICATOR_EDITOR = "sc_indicator_editor"
    #: pillars compared pairwise in the AHP [Markets page]
    AHP_PILLARS = "sc_ahp_pillars"
    #: button: put the preset's weights back on the sliders
    RESET_PRESET = "sc_reset_preset"
    #: reference year (0 = the latest in the data)
    YEAR = "sc_year"
    #: "catalogue" (each indicator's freshness window) or "one" (MAX_AGE years for every indicator)
    AGE_MODE = "sc_age_mode"
    #: oldest value used, in years, when one window applies to every indicator
    MAX_AGE = "sc_max_age"
    #: normalisation id
    NORMALISATION = "sc_norm"
    #: missing-value policy id
    MISSING = "sc_missing"
    #: share of indicators a country needs to be ranked
    MIN_COVERAGE = "sc_min_coverage"
    #: winsorising share
    WINSOR = "sc_winsor"
    #: yearly discount of an indicator value's weight for its age (weighted sum only)
    AGE_DISCOUNT = "sc_age_discount"
    #: the model: opportunity rule potential (export potential, default) / sum / product
    #: (the earlier weighted means) [ui.model_controls]
    OPPORTUNITY_RULE = "sc_opp_rule"
    #: how the field fit combines need, readiness and strength: geometric / sum; follows the model
    #: unless a scenario saved another [ui.model_controls, set by ui.scenario_state]
    FIT_RULE = "sc_fit_rule"
    #: presence assumed where no evidence is recorded
    PRESENCE_DEFAULT = "sc_presence_default"
    #: threat below which a (country, field) pair is white space
    WHITE_SPACE = "sc_white_space"
    #: weight of the rivals' momentum in their threat (0 = off) [ui.model_controls]
    MOMENTUM_WEIGHT = "sc_momentum_weight"

    # --- Plan page [ui/pages/plan.py; first values from ui.scenario_state] ---
    #: first values of the Plan inputs, set when a scenario is applied [Scenarios page]
    PLAN_DEFAULTS = "plan_defaults"
    #: cost multipliers {(country, field) label: factor}
    PLAN_COST_SCALE = "plan_cost_scale"
    #: the cost editor's own state
    PLAN_COST_EDITOR = "plan_cost_editor"
    #: the last solve: {"plan", "constraints", "signature", ...}; read by Home, Country, Scenarios, Sensitivity
    PLAN_RESULT = "plan_result"
    PLAN_BUDGET = "plan_budget"
    PLAN_PERIOD_BUDGET = "plan_period_budget"
    PLAN_STAFF = "plan_staff"
    PLAN_PERIODS = "plan_periods"
    PLAN_MAX_COUNTRIES = "plan_max_countries"
    PLAN_MIN_ASEAN = "plan_min_asean"
    PLAN_RIVAL_GAP = "plan_rival_gap"
    PLAN_PHASE_ORDER = "plan_phase_order"
    PLAN_MUST_COUNTRIES = "plan_must_countries"
    PLAN_EXCLUDE_COUNTRIES = "plan_exclude_countries"
    PLAN_MUST_FIELDS = "plan_must_fields"
    PLAN_EXCLUDE_FIELDS = "plan_exclude_fields"
    PLAN_OPEN_COST = "plan_open_cost"
    PLAN_PACKAGE_BONUS = "plan_package_bonus"
    PLAN_USE_PACKAGES = "plan_use_packages"
    PLAN_POOL_TECHNICAL_COOPERATION = "plan_pool_technical_cooperation"
    PLAN_POOL_GRANT_AID = "plan_pool_grant_aid"
    PLAN_POOL_YEN_LOAN = "plan_pool_yen_loan"
    PLAN_POOL_COMMERCIAL = "plan_pool_commercial"
    PLAN_SOLVER = "plan_solver"
    PLAN_TIME_LIMIT = "plan_time_limit"
    #: relative MIP gap, in percent as on the page
    PLAN_GAP = "plan_gap"
    #: the last scenario sweep shown: {"scenario" (its store key), "result", "stored", "store_error"}
    #: [ui.views.sweep, on the Plan page]
    SWEEP_RESULT = "sw_result"

    # --- Sensitivity page [ui/pages/sensitivity.py] ---
    #: the last plan-robustness run: (its inputs, its outcome)
    ROBUSTNESS_RESULT = "rb_result"
    #: the plan-robustness run going on in a background thread (ui.views.robustness_run.RobustnessTask)
    ROBUSTNESS_TASK = "rb_task"
    #: why the last plan-robustness run gave no result (a translated text)
    ROBUSTNESS_ERROR = "rb_error"

    # --- Scenarios page [ui/pages/scenarios.py] ---
    #: {"name", "version"} of the stored scenario the session holds
    SCENARIO_LOADED = "scn_loaded"
    #: (kind, text) to show after the rerun an action causes
    SCENARIO_NOTICE = "scn_notice"
    #: the scenario name field (also read by the Country page's brief)
    SCENARIO_NAME = "scn_name"
    #: a save refused because the stored copy is newer: {"name", "current"}
    SCENARIO_CONFLICT = "scn_conflict"
    #: (scenario, newest version) the History view last showed, to reset its version picker [Scenarios]
    HISTORY_OF = "scn_history_of"
    #: the last "plans of every scenario" run: (names, their JSON, the plans)
    SCENARIO_PLANS = "scn_plans"

    # --- ASEAN + India comparison [ui/pages/focus.py] ---
    #: countries added to the focus markets (also ``?add=``)
    FOCUS_ADD = "fc_add"
    #: the highlighted countries of the charts
    FOCUS_HIGHLIGHT = "fc_highlight"
    #: codes in ``?add=`` that name no country, to say so once
    FOCUS_UNKNOWN = "fc_unknown"
    #: URL query parameter of the added countries
    FOCUS_URL = "add"

    # --- Country profile [ui/pages/country.py] ---
    #: the country shown (also ``?iso3=``)
    COUNTRY = "cp_country"
    #: indicators of the history panel
    COUNTRY_INDICATORS = "cp_history_indicators"
    #: peers drawn beside the country in the history panel
    COUNTRY_PEERS = "cp_history_peers"
    #: the ``?iso3=`` value this session last wrote (a new one in the URL is a link followed)
    COUNTRY_URL_WRITTEN = "cp_url_written"
    #: a ``?iso3=`` that names no country, to say so once
    COUNTRY_UNKNOWN = "cp_unknown"
    #: URL query parameter of the country shown
    COUNTRY_URL = "iso3"

    # --- sections and pickers of the scoring and data pages [their pages] ---
    MARKETS_SECTION = "markets_section"
    MARKETS_COUNTRY = "markets_country"
    FIELDS_SECTION = "fields_section"
    FIELDS_COUNTRY = "fields_country"
    #: the field of the field profile
    FIELDS_FIELD = "fields_field"
    #: which countries the fit heatmap shows (one of ui.views.widgets.COUNTRY_SETS)
    FIELDS_COUNTRIES = "fields_countries"
    #: what the field heatmap colours: export potential (default) or field fit
    FIELDS_MEASURE = "fields_measure"
    COMPETITORS_SECTION = "competitors_section"
    COMPETITORS_COUNTRY = "competitors_country"
    #: the field of the head-to-head view
    COMPETITORS_FIELD = "competitors_field"
    #: which countries the threat views show (one of ui.views.widgets.COUNTRY_SETS)
    COMPETITORS_COUNTRIES = "competitors_countries"
    DATA_SECTION = "data_section"


#: The fit and opportunity weight names, each with a slider ``sc_fit_<name>`` / ``sc_opp_<name>``.
FIT_WEIGHTS = ("need", "readiness", "strength")
OPPORTUNITY_WEIGHTS = ("market", "fit", "position", "environment")
#: Prefix every shared sidebar setting's key starts with (their values are kept across pages).
SETTINGS_PREFIX = "sc_"


def pillar_key(pillar: str) -> str:
    """The sidebar slider of a pillar's market weight [sidebar]."""
    return f"sc_w_{pillar}"


def ahp_key(a: str, b: str) -> str:
    """The AHP judgement of pillar ``a`` against ``b`` (a Saaty step) [Markets page]."""
    return f"sc_ahp_{a}__{b}"


def fit_weight_key(name: str) -> str:
    """The sidebar slider of a field-fit weight (one of :data:`FIT_WEIGHTS`) [sidebar]."""
    return f"sc_fit_{name}"


def opportunity_weight_key(name: str) -> str:
    """The sidebar slider of an opportunity weight (one of :data:`OPPORTUNITY_WEIGHTS`) [sidebar]."""
    return f"sc_opp_{name}"
