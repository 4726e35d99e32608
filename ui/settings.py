"""Scoring settings shared by the scoring pages: the sidebar controls and their :class:`State`.

Not a page. :func:`controls` draws the settings in the sidebar (the same widgets on every scoring
page) and returns them as one frozen :class:`State`. Widgets keep their values for the whole
session (``persist_state="session"``), so a weight set on one page holds on the others; the preset
and the method are also in the URL (``?preset=asean_growth&method=topsis``, ids, the same in
both languages) so a view can be shared.

The cached scoring steps (``market``, ``fit``, ``threat``, ``opportunities``, ``groups``, ...) are
in :mod:`ui.steps` and re-exported here, so pages write ``sc.market(ds, state)``. No scoring
happens here: every number comes from :mod:`strategy.scoring` and :mod:`strategy.scoring.weights`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from itertools import combinations
from typing import Any

import pandas as pd
import streamlit as st

from strategy.data.catalog_spec import PILLARS
from strategy.data.dataset import Dataset
from strategy.i18n import window_text
from strategy.scenario_schema import AGE_DISCOUNT_MAX, WINSOR_CHOICES
from strategy.scoring import (
    MEMBERSHIPS,
    METHODS,
    MISSING_POLICIES,
    NORMALISATIONS,
    FitWeights,
    MarketWeights,
    OpportunityWeights,
    Settings,
    Universe,
)
from strategy.scoring.weights import AHPResult, ahp, pairwise_matrix, preset_ids, preset_weights
from ui.common import current_dataset, lang, tr
from ui.labels import label
from ui.model_controls import PERSIST, model_controls, model_label
from ui.model_controls import default as _default
from ui.model_controls import share_slider as _share_slider
from ui.session import SETTINGS_PREFIX, Key, ahp_key, pillar_key

# The cached scoring steps live in ui.steps; pages reach them as ``sc.market``, ``sc.opportunities``, ...
from ui.steps import countries as countries
from ui.steps import criteria as criteria
from ui.steps import evaluation as evaluation
from ui.steps import fit as fit
from ui.steps import fit_drivers as fit_drivers
from ui.steps import groups as groups
from ui.steps import market as market
from ui.steps import opportunities as opportunities
from ui.steps import opportunity_key as opportunity_key
from ui.steps import threat as threat
from ui.texts import t

SCOPES = ("all", "focus", "region", "income", "membership")
WEIGHT_MODES = ("sliders", "ahp")
#: A third weight mode, offered only after loading a scenario whose pillar weights the sliders' 0.5
#: steps cannot hold: those weights, exactly, so the app shows what the CLI computes for that file.
SCENARIO_MODE = "scenario"
WINSOR_OPTIONS = WINSOR_CHOICES
AGE_MODES = ("catalogue", "one")
PILLAR_MAX = 5.0
INDICATOR_WEIGHT_MAX = 5.0
#: Saaty's 1-9 scale as a slider position: negative = the first pillar matters more.
AHP_STEPS = tuple(range(-8, 9))


def market_pillars() -> tuple[str, ...]:
    """Every pillar a market weight can be put on (social needs included, off in most presets)."""
    return tuple(PILLARS)


@dataclass(frozen=True)
class State:
    """Everything the three pages need to compute and describe the scores."""

    universe: Universe
    scope: str
    scope_values: tuple[str, ...]
    settings: Settings
    method_fallback: bool  # weighted product asked with z-scores: min-max is used instead
    preset: str
    modified: bool  # sliders differ from the preset
    mode: str
    pillar_weights: tuple[tuple[str, float], ...]
    indicator_weights: tuple[tuple[str, float], ...]
    ahp: AHPResult | None  # the AHP weights when the mode is "ahp", else None
    fit: FitWeights
    opportunity: OpportunityWeights
    presence_default: float
    white_space: float
    #: weight of the rivals' momentum in their threat (0 = off)
    momentum: float = 0.0

    @property
    def market_weights(self) -> MarketWeights:
        return MarketWeights(pillars=dict(self.pillar_weights), indicators=dict(self.indicator_weights))


# --- labels ---------------------------------------------------------------------------------


@st.cache_data(show_spinner=False, max_entries=8)
def _preset_names(_ds: Dataset, version: str, language: str) -> dict[str, str]:
    presets = _ds.weight_presets.drop_duplicates("preset_id").set_index("preset_id")
    names = presets[f"name_{language}"].where(presets[f"name_{language}"].astype(str).str.strip().ne(""))
    return names.fillna(presets["name_en"]).astype(str).to_dict()


def preset_name(ds: Dataset, preset_id: str, language: str) -> str:
    return _preset_names(ds, ds.version, language).get(preset_id, preset_id)


def saaty_label(step: int, a: str, b: str, language: str) -> str:
    """Slider text for a pairwise judgement: which pillar matters more, and how many times."""
    if step == 0:
        return t("ui.sc.ahp.equal", language)
    winner = a if step < 0 else b
    return t("ui.sc.ahp.more", language, pillar=label("pillar", winner, language), n=abs(step) + 1)


def saaty_value(step: int) -> float:
    """a_ij for a slider position: 1 at the middle, 2..9 towards the first, 1/2..1/9 towards the second."""
    return float(1 - step) if step <= 0 else 1.0 / (1 + step)


def universe_label(ds: Dataset, state: State, language: str) -> str:
    """The universe in words, e.g. 'Focus markets (ASEAN-10 + India)' or 'Region: Asia, Africa'."""
    if state.scope in ("all", "focus"):
        return t(f"ui.sc.scope.{state.scope}", language)
    prefix = {"region": "region", "income": "income", "membership": "member"}[state.scope]
    values = t("fmt.list_sep", language).join(label(prefix, v, language) for v in state.scope_values)
    return t(f"ui.sc.scope.{state.scope}", language) + t("ui.sc.colon", language) + values


def weights_label(ds: Dataset, state: State, language: str) -> str:
    if state.mode == "ahp":
        return t("ui.sc.weights_from_ahp", language)
    if state.mode == SCENARIO_MODE:
        return t("ui.sc.weights_from_scenario", language)
    name = preset_name(ds, state.preset, language)
    key = "ui.sc.weights_from_preset_modified" if state.modified else "ui.sc.weights_from_preset"
    return t(key, language, name=name)


def summary_line(ds: Dataset, state: State, language: str, n: int) -> str:
    """One caption line with everything the numbers on the page depend on."""
    s = state.settings
    year = s.reference_year or ds.latest_year
    return t(
        "ui.sc.summary",
        language,
        universe=universe_label(ds, state, language),
        n=n,
        method=t(f"label.method.{s.method}", language),
        weights=weights_label(ds, state, language),
        norm=t(f"ui.sc.norm.{s.normalisation}", language),
        year=year,
        window=window_text(s.max_age, language),
        missing=t(f"ui.sc.missing.{s.missing}", language),
        model=model_label(state.opportunity.rule, language),
    )


# --- controls -------------------------------------------------------------------------------


def _url_default(key: str, allowed: list[str] | tuple[str, ...], default: str) -> None:
    """First value of a widget whose value is also kept in the URL (``?preset=...``)."""
    if key not in st.session_state:
        requested = st.query_params.get(key)
        st.session_state[key] = requested if requested in allowed else default


def _to_url(key: str, value: str, default: str) -> None:
    """Keep the URL in step with a widget (left out while it has its default value).

    Not ``bind="query-params"``: that puts the option's translated label in the URL, so a link
    would depend on the language it was made in; ids do not.
    """
    if value == default:
        if key in st.query_params:
            del st.query_params[key]
    elif st.query_params.get(key) != value:
        st.query_params[key] = value


def _choice(
    widget: Callable[..., Any],
    text_key: str,
    options: tuple[str, ...],
    key: str,
    language: str,
    option_prefix: str | None = None,
    **extra: Any,
) -> str:
    """``widget`` (a select box or radio, bound to where it is drawn) of ids shown as
    ``<option_prefix>.<id>`` (default ``<text_key>.<id>``), with the help text ``<text_key>_help``."""
    prefix = option_prefix or text_key
    return str(
        widget(
            tr(text_key),
            options,
            format_func=lambda option: t(f"{prefix}.{option}", language),
            key=key,
            help=tr(f"{text_key}_help"),
            persist_state=PERSIST,
            **extra,
        )
    )


def _labelled_multiselect(
    text_key: str,
    options: list[str] | tuple[str, ...],
    prefix: str,
    key: str,
    default: list[str],
    language: str,
    help_key: str | None = None,
) -> tuple[str, ...]:
    """A sidebar multiselect of ids shown by :func:`ui.labels.label` (``prefix``: region, income, member)."""
    _default(key, default)
    chosen = st.sidebar.multiselect(
        tr(text_key),
        options,
        format_func=lambda value: label(prefix, value, language),
        key=key,
        help=tr(help_key or f"{text_key}_help"),
        persist_state=PERSIST,
    )
    return tuple(chosen)


def _preset_pillars(ds: Dataset, preset_id: str) -> dict[str, float]:
    weights = preset_weights(ds, preset_id).pillars
    return {p: float(weights.get(p, 0.0)) for p in market_pillars()}


def _load_preset() -> None:
    """Callback of the preset select: put the preset's pillar weights on the sliders."""
    ds = current_dataset()
    for pillar, weight in _preset_pillars(ds, st.session_state[Key.PRESET]).items():
        st.session_state[pillar_key(pillar)] = min(weight, PILLAR_MAX)
    st.session_state[Key.WEIGHT_MODE] = "sliders"


def reset_indicator_weights() -> None:
    st.session_state[Key.INDICATOR_WEIGHTS] = {}
    st.session_state.pop(Key.INDICATOR_EDITOR, None)


def _universe_controls(ds: Dataset, language: str) -> tuple[Universe, str, tuple[str, ...]]:
    sb = st.sidebar
    _default(Key.SCOPE, "all")
    scope = _choice(sb.selectbox, "ui.sc.scope", SCOPES, Key.SCOPE, language)
    values: tuple[str, ...] = ()
    c = ds.countries
    if scope == "region":
        options = sorted(str(r) for r in c["un_region"].dropna().unique() if str(r).strip())
        values = _labelled_multiselect("ui.sc.regions", options, "region", Key.REGIONS, ["Asia"], language)
    elif scope == "income":
        options = ["Low income", "Lower middle income", "Upper middle income", "High income"]
        default = ["Lower middle income", "Upper middle income"]
        values = _labelled_multiselect(
            "ui.sc.incomes", options, "income", Key.INCOMES, default, language, help_key="ui.col.income_group_help"
        )
    elif scope == "membership":
        values = _labelled_multiselect("ui.sc.memberships", MEMBERSHIPS, "member", Key.MEMBERSHIPS, ["asean"], language)
    _default(Key.TERRITORIES, False)
    territories = sb.checkbox(
        tr("ui.sc.territories"), key=Key.TERRITORIES, help=tr("ui.sc.territories_help"), persist_state=PERSIST
    )
    if scope in ("region", "income", "membership") and not values:
        # nothing chosen means no country (the page says so), not every country
        return Universe(regions=("-",), sovereign_only=not territories), str(scope), ()
    universe = Universe(
        regions=values if scope == "region" else (),
        income_groups=values if scope == "income" else (),
        memberships=values if scope == "membership" else (),
        focus_only=scope == "focus",
        sovereign_only=not territories,
    )
    return universe, str(scope), values


def _weight_controls(ds: Dataset, language: str) -> tuple[str, bool, str, dict[str, float], AHPResult | None]:
    sb = st.sidebar
    presets = preset_ids(ds)
    _url_default(Key.PRESET, presets, presets[0])
    preset = sb.selectbox(
        tr("ui.sc.preset"),
        presets,
        format_func=lambda p: preset_name(ds, p, language),
        key=Key.PRESET,
        help=tr("ui.sc.preset_help"),
        on_change=_load_preset,
        persist_state=PERSIST,
    )
    _to_url(Key.PRESET, str(preset), presets[0])
    _default(Key.WEIGHT_MODE, "sliders")
    exact = st.session_state.get(Key.SCENARIO_WEIGHTS)
    modes = WEIGHT_MODES + ((SCENARIO_MODE,) if exact else ())
    if st.session_state[Key.WEIGHT_MODE] not in modes:
        st.session_state[Key.WEIGHT_MODE] = "sliders"
    mode = _choice(sb.radio, "ui.sc.weight_mode", modes, Key.WEIGHT_MODE, language, horizontal=True)
    preset_values = _preset_pillars(ds, preset)
    for pillar, weight in preset_values.items():
        _default(pillar_key(pillar), min(weight, PILLAR_MAX))
    sliders: dict[str, float] = {}
    # the eigenvector solve only when the weights come from it (the Markets page's AHP section
    # computes its own preview)
    ahp_result = ahp_from_session(ds) if mode == "ahp" else None
    with sb.expander(tr("ui.sc.pillar_weights"), expanded=mode == "sliders"):
        if mode == "ahp":
            st.caption(tr("ui.sc.sliders_off"))
        elif mode == SCENARIO_MODE:
            st.caption(tr("ui.sc.sliders_off_scenario"))
        for pillar in market_pillars():
            sliders[pillar] = float(
                st.slider(
                    label("pillar", pillar, language),
                    0.0,
                    PILLAR_MAX,
                    step=0.5,
                    key=pillar_key(pillar),
                    help=tr("ui.sc.pillar_help", pillar=label("pillar", pillar, language)),
                    disabled=mode != "sliders",
                    persist_state=PERSIST,
                )
            )
    modified = any(abs(sliders[p] - min(preset_values[p], PILLAR_MAX)) > 1e-9 for p in sliders)
    if mode == "ahp":
        if ahp_result is None:
            sb.warning(tr("ui.sc.ahp_need_two"))
        else:
            sb.caption(tr("ui.sc.ahp_sidebar", cr=_number(ahp_result.cr, 2)))
            if not ahp_result.consistent:
                sb.warning(ahp_warning(ahp_result, language))
    elif mode == SCENARIO_MODE:
        shares = _shares(exact)
        sb.caption(
            tr(
                "ui.sc.scenario_sidebar",
                weights=t("fmt.list_sep", language).join(
                    f"{label('pillar', p, language)} {shares[p] * 100:.1f}%" for p in market_pillars() if shares[p] > 0
                ),
            )
        )
    elif modified:
        sb.caption(tr("ui.sc.modified", name=preset_name(ds, preset, language)))
        sb.button(tr("ui.sc.reset_preset"), on_click=_load_preset, key=Key.RESET_PRESET, help=tr("ui.sc.reset_help"))
    else:
        sb.caption(tr("ui.sc.preset_is_judgement"))
    if mode == "ahp" and ahp_result is not None:
        weights = {p: float(ahp_result.weights.get(p, 0.0)) for p in market_pillars()}
    elif mode == SCENARIO_MODE:
        weights = {p: float(exact.get(p, 0.0)) for p in market_pillars()}
    else:
        weights = sliders
    return str(preset), modified, str(mode), weights, ahp_result


def _shares(weights: Mapping[str, float]) -> dict[str, float]:
    """Pillar weights as shares of their total (what the score uses: only ratios count)."""
    total = sum(max(float(weights.get(p, 0.0)), 0.0) for p in market_pillars()) or 1.0
    return {p: max(float(weights.get(p, 0.0)), 0.0) / total for p in market_pillars()}


def _number(value: float, digits: int) -> str:
    return f"{value:,.{digits}f}"


def ahp_pillars_default() -> list[str]:
    return [p for p in market_pillars() if p != "need"]


def ahp_from_session(ds: Dataset) -> AHPResult | None:
    """AHP weights from the pairwise judgements held in session state (equal where never set)."""
    selected = set(st.session_state.get(Key.AHP_PILLARS, ahp_pillars_default()))
    chosen = [p for p in market_pillars() if p in selected]  # the order ahp_inputs() keys the pairs in
    if len(chosen) < 2:
        return None
    judgements = {(a, b): saaty_value(int(st.session_state.get(ahp_key(a, b), 0))) for a, b in combinations(chosen, 2)}
    return ahp(pairwise_matrix(chosen, judgements))


def ahp_warning(result: AHPResult, language: str) -> str:
    a, b = result.worst_pair or ("", "")
    return t(
        "ui.sc.ahp_inconsistent",
        language,
        cr=_number(result.cr, 2),
        a=label("pillar", a, language),
        b=label("pillar", b, language),
    )


def ahp_inputs(language: str) -> None:
    """The pairwise comparison inputs (drawn on the Markets page; read by :func:`controls` everywhere)."""
    _default(Key.AHP_PILLARS, ahp_pillars_default())
    chosen = st.multiselect(
        tr("ui.sc.ahp_pillars"),
        market_pillars(),
        format_func=lambda p: label("pillar", p, language),
        key=Key.AHP_PILLARS,
        help=tr("ui.sc.ahp_pillars_help"),
        persist_state=PERSIST,
    )
    pairs = list(combinations([p for p in market_pillars() if p in chosen], 2))
    columns = st.columns(3)
    for i, (a, b) in enumerate(pairs):
        _default(ahp_key(a, b), 0)
        with columns[i % 3]:
            st.select_slider(
                t("ui.sc.ahp_pair", language, a=label("pillar", a, language), b=label("pillar", b, language)),
                AHP_STEPS,
                format_func=lambda s, a=a, b=b: saaty_label(int(s), a, b, language),
                key=ahp_key(a, b),
                help=tr("ui.sc.ahp_pair_help"),
                persist_state=PERSIST,
            )


def _settings_controls(ds: Dataset, language: str, method: str) -> tuple[Settings, bool]:
    latest = ds.latest_year
    years = [0, *range(latest, latest - 11, -1)]  # 0 = the latest year in the data
    with st.sidebar.expander(tr("ui.sc.data_settings")):
        _default(Key.YEAR, 0)
        year = st.selectbox(
            tr("ui.sc.year"),
            years,
            format_func=lambda y: t("ui.sc.year_latest", language, year=latest) if y == 0 else str(y),
            key=Key.YEAR,
            help=tr("ui.sc.year_help"),
            persist_state=PERSIST,
        )
        _default(Key.AGE_MODE, "catalogue")  # each indicator's window, or one for all (the slider)
        age_mode = _choice(st.radio, "ui.sc.age_mode", AGE_MODES, Key.AGE_MODE, language)
        _default(Key.MAX_AGE, 5)
        one_window = dict(key=Key.MAX_AGE, persist_state=PERSIST, disabled=age_mode == "catalogue")
        max_age = st.slider(tr("ui.sc.max_age"), 1, 15, help=tr("ui.sc.max_age_help"), **one_window)
        _default(Key.AGE_DISCOUNT, 0.0)
        age_discount = st.slider(
            tr("ui.sc.age_discount"),
            0.0,
            AGE_DISCOUNT_MAX,
            step=0.01,
            format="%.2f",
            key=Key.AGE_DISCOUNT,
            help=tr("ui.sc.age_discount_help"),
            disabled=method != "weighted_sum",  # TOPSIS and the weighted product need common weights
            persist_state=PERSIST,
        )
        _default(Key.NORMALISATION, "minmax")
        norm = _choice(st.selectbox, "ui.sc.norm", NORMALISATIONS, Key.NORMALISATION, language)
        _default(Key.MISSING, "drop")
        missing = _choice(st.selectbox, "ui.sc.missing", MISSING_POLICIES, Key.MISSING, language)
        min_coverage = _share_slider("ui.sc.min_coverage", Key.MIN_COVERAGE, 0.6)
        _default(Key.WINSOR, 0.0)
        winsor = st.select_slider(
            tr("ui.sc.winsor"),
            WINSOR_OPTIONS,
            format_func=lambda w: t("ui.sc.winsor_off", language) if w == 0 else f"{w * 100:g}%",
            key=Key.WINSOR,
            help=tr("ui.sc.winsor_help"),
            persist_state=PERSIST,
        )
    fallback = method == "weighted_product" and norm == "zscore"
    settings = Settings(
        reference_year=None if year == 0 else int(year),
        max_age=None if age_mode == "catalogue" else int(max_age),
        normalisation="minmax" if fallback else norm,
        winsor=float(winsor),
        missing=missing,
        min_coverage=float(min_coverage),
        method=method,
        age_discount=float(age_discount) if method == "weighted_sum" else 0.0,
    )
    return settings, fallback


#: Widget keys whose state is not a value (buttons, editors): they cannot be set through session state.
_NOT_VALUES = frozenset({Key.RESET_PRESET, Key.INDICATOR_EDITOR})


def _keep_widget_state() -> None:
    """Re-assign every shared setting to itself before the widgets are drawn.

    Going to a page that has sliders of its own (Plan, Sensitivity), Streamlit re-created the
    sidebar sliders with their own default (the minimum: every weight 0) although
    ``persist_state`` kept the value; a value set through session state is kept
    (streamlit/streamlit#4989). Measured with AppTest and in chromium before this fix.
    """
    for key in [k for k in st.session_state if isinstance(k, str)]:
        if (key.startswith(SETTINGS_PREFIX) or key in (Key.PRESET, Key.METHOD)) and key not in _NOT_VALUES:
            st.session_state[key] = st.session_state[key]


def controls(ds: Dataset) -> State:
    """Draw the shared settings in the sidebar and return them."""
    language = lang()
    _keep_widget_state()
    st.sidebar.subheader(tr("ui.sc.settings_title"))
    universe, scope, values = _universe_controls(ds, language)
    preset, modified, mode, pillars, ahp_result = _weight_controls(ds, language)
    _url_default(Key.METHOD, METHODS, METHODS[0])
    method = _choice(st.sidebar.selectbox, "ui.sc.method", METHODS, Key.METHOD, language, "label.method")
    _to_url(Key.METHOD, str(method), METHODS[0])
    settings, fallback = _settings_controls(ds, language, method)
    fit_weights, opp_weights, presence, white, momentum = model_controls(language)
    if sum(pillars.values()) <= 0:
        st.sidebar.warning(tr("ui.sc.weights_zero"))
        pillars = {p: 1.0 for p in ahp_pillars_default()}
    indicator_weights = st.session_state.get(Key.INDICATOR_WEIGHTS, {})
    return State(
        universe=universe,
        scope=scope,
        scope_values=values,
        settings=settings,
        method_fallback=fallback,
        preset=preset,
        modified=modified,
        mode=mode,
        pillar_weights=tuple((p, float(w)) for p, w in pillars.items()),
        indicator_weights=tuple(sorted((str(k), float(v)) for k, v in indicator_weights.items())),
        ahp=ahp_result,
        fit=fit_weights,
        opportunity=opp_weights,
        presence_default=presence,
        white_space=white,
        momentum=momentum,
    )


def header(ds: Dataset, state: State, n: int) -> None:
    """The settings line under a page title, and the notices every scoring page must show."""
    language = lang()
    st.caption(summary_line(ds, state, language, n))
    if state.method_fallback:
        st.warning(tr("ui.sc.wpm_zscore"))


def require_countries(ds: Dataset, state: State) -> pd.Index:
    """The universe, or a friendly stop when the filters leave no country."""
    selected = countries(ds, state)
    if len(selected) < 2:
        st.warning(tr("ui.sc.empty_universe"))
        st.stop()
    return selected
