"""The model controls of the shared sidebar: which opportunity model, and the weights it uses.

Not a page. :func:`model_controls` draws, in the sidebar, one choice of model and the sliders of
the weights that model uses, and returns them as the library's :class:`FitWeights` and
:class:`OpportunityWeights` (with the rival settings beside them). The models
(``docs/method.md`` §4 and §7):

- ``potential`` (default): export potential = demand × supply × access, field fit by the weighted
  geometric mean; its weights are need and market capacity (demand), Japan's strength and
  readiness (supply), competitive position and business environment (access);
- ``sum`` / ``product``: the earlier weighted mean / weighted geometric mean of market, field fit
  and position, field fit by the weighted mean.

The choice sets both rules; a scenario that saved another fit rule keeps it (``Key.FIT_RULE``) until
the model is chosen again. Sliders not used by the chosen model are not drawn, but keep their values
(:func:`ui.settings._keep_widget_state`), so going back to a model finds its weights as they were.
"""

from __future__ import annotations

import streamlit as st

from strategy.scoring import RULES, FitWeights, OpportunityWeights
from ui.common import tr
from ui.session import FIT_WEIGHTS, OPPORTUNITY_WEIGHTS, Key, fit_weight_key, opportunity_weight_key
from ui.texts import t

PERSIST = "session"
#: The model choice, in the order the radio shows it (the library's rules; the first is the default).
MODELS: tuple[str, ...] = tuple(RULES)
DEFAULT_MODEL = MODELS[0]
#: The field-fit rule each model uses.
FIT_RULE: dict[str, str] = {"potential": "geometric", "sum": "sum", "product": "sum"}
#: The export potential's factors and the two weights inside each: (``fit`` or ``opp`` slider, its
#: name, its label). ``market`` is labelled as what it weighs under this model: market capacity.
FACTORS: dict[str, tuple[tuple[str, str, str], tuple[str, str, str]]] = {
    "demand": (("fit", "need", "ui.sc.fit.need"), ("opp", "market", "ui.sc.pot.market")),
    "supply": (("fit", "strength", "ui.sc.fit.strength"), ("fit", "readiness", "ui.sc.fit.readiness")),
    "access": (("opp", "position", "ui.sc.opp.position"), ("opp", "environment", "ui.sc.opp.environment")),
}


def default(key: str, value: object) -> None:
    """Give a widget its first value through session state (never together with ``value=``)."""
    if key not in st.session_state:
        st.session_state[key] = value


def share_slider(text_key: str, key: str, value: float, help_key: str | None = None) -> float:
    """A sidebar weight or threshold from 0 to 1 in steps of 0.05, labelled ``text_key``; its help
    text is ``help_key`` (default ``<text_key>_help``)."""
    default(key, float(value))
    return float(
        st.slider(
            tr(text_key), 0.0, 1.0, step=0.05, key=key, help=tr(help_key or f"{text_key}_help"), persist_state=PERSIST
        )
    )


def model_label(model: str, language: str) -> str:
    """The model in words: 'Export potential (default)', 'Weighted mean (earlier model)', ..."""
    return t(f"ui.sc.model.{model}", language)


def _model_changed() -> None:
    """Callback of the model radio: the fit rule follows the chosen model."""
    st.session_state[Key.FIT_RULE] = FIT_RULE[st.session_state[Key.OPPORTUNITY_RULE]]


def _weight(kind: str, name: str) -> str:
    return fit_weight_key(name) if kind == "fit" else opportunity_weight_key(name)


def _potential_sliders(defaults: dict[str, float]) -> dict[str, float]:
    """The six weights of the export potential, grouped by the factor they enter."""
    values: dict[str, float] = {}
    for factor, parts in FACTORS.items():
        st.caption(tr(f"ui.sc.pot.{factor}"))
        ids = [f"{kind}.{name}" for kind, name, _ in parts]
        for (kind, name, text), value_id in zip(parts, ids, strict=True):
            values[value_id] = share_slider(text, _weight(kind, name), defaults[value_id])
        if sum(values[i] for i in ids) <= 0:
            st.warning(tr("ui.sc.pot.factor_zero", factor=tr(f"ui.sc.pot.{factor}")))
            values.update({i: defaults[i] for i in ids})
    return values


def _mean_sliders(defaults: dict[str, float]) -> dict[str, float]:
    """The weights of the earlier weighted-mean models: fit (need, readiness, strength), then
    market, fit and position."""
    values: dict[str, float] = {}
    st.caption(tr("ui.sc.fit_caption"))
    for name in FIT_WEIGHTS:
        values[f"fit.{name}"] = share_slider(f"ui.sc.fit.{name}", fit_weight_key(name), defaults[f"fit.{name}"])
    st.caption(tr("ui.sc.opp_caption"))
    for name in ("market", "fit", "position"):
        key = opportunity_weight_key(name)
        values[f"opp.{name}"] = share_slider(f"ui.sc.opp.{name}", key, defaults[f"opp.{name}"])
    return values


def model_controls(language: str) -> tuple[FitWeights, OpportunityWeights, float, float, float]:
    """Draw the model choice, its weights and the rival settings; return (fit weights, opportunity
    weights, assumed presence, white-space threshold)."""
    fit0, opp0 = FitWeights(), OpportunityWeights()
    defaults = {f"fit.{n}": float(getattr(fit0, n)) for n in FIT_WEIGHTS}
    defaults |= {f"opp.{n}": float(getattr(opp0, n)) for n in OPPORTUNITY_WEIGHTS}
    default(Key.OPPORTUNITY_RULE, DEFAULT_MODEL)
    if st.session_state[Key.OPPORTUNITY_RULE] not in MODELS:
        st.session_state[Key.OPPORTUNITY_RULE] = DEFAULT_MODEL
    default(Key.FIT_RULE, FIT_RULE[st.session_state[Key.OPPORTUNITY_RULE]])
    sb = st.sidebar
    model = str(
        sb.radio(
            tr("ui.sc.model"),
            MODELS,
            format_func=lambda m: model_label(m, language),
            key=Key.OPPORTUNITY_RULE,
            help=tr("ui.sc.model_help"),
            on_change=_model_changed,
            persist_state=PERSIST,
        )
    )
    fit_rule = str(st.session_state.get(Key.FIT_RULE, FIT_RULE[model]))
    if fit_rule not in ("geometric", "sum"):
        fit_rule = FIT_RULE[model]
    if model != DEFAULT_MODEL:
        sb.caption(tr("ui.sc.model_earlier"))
    if fit_rule != FIT_RULE[model]:
        sb.caption(tr("ui.sc.fit_rule_kept", rule=tr(f"ui.sc.fit_rule.{fit_rule}")))
    with sb.expander(tr("ui.sc.fit_settings")):
        if model == "potential":
            st.caption(tr("ui.sc.pot.caption"))
            values = _potential_sliders(defaults)
        else:
            values = _mean_sliders(defaults)
    # the weights the chosen model does not use keep their values (not drawn, still in session)
    for name in FIT_WEIGHTS:
        values.setdefault(f"fit.{name}", float(st.session_state.get(fit_weight_key(name), defaults[f"fit.{name}"])))
    for name in OPPORTUNITY_WEIGHTS:
        key = opportunity_weight_key(name)
        values.setdefault(f"opp.{name}", float(st.session_state.get(key, defaults[f"opp.{name}"])))
    with sb.expander(tr("ui.sc.rival_settings")):
        presence = share_slider("ui.sc.presence_default", Key.PRESENCE_DEFAULT, 0.5)
        white = share_slider("ui.sc.white_space", Key.WHITE_SPACE, 0.3)
        momentum = share_slider("ui.sc.momentum_weight", Key.MOMENTUM_WEIGHT, 0.0)
    fit = {n: values[f"fit.{n}"] for n in FIT_WEIGHTS}
    if sum(fit.values()) <= 0:
        fit = {n: defaults[f"fit.{n}"] for n in FIT_WEIGHTS}
        sb.warning(tr("ui.sc.fit_zero"))
    opp = {n: values[f"opp.{n}"] for n in OPPORTUNITY_WEIGHTS}
    if opp["market"] + opp["fit"] + opp["position"] <= 0:
        if model == "potential":  # the library asks for one of the three; potential does not use fit
            opp["fit"] = defaults["opp.fit"]
        else:
            opp = {n: defaults[f"opp.{n}"] for n in OPPORTUNITY_WEIGHTS}
            sb.warning(tr("ui.sc.opp_zero"))
    return (
        FitWeights(**fit, rule=fit_rule),  # type: ignore[arg-type]
        OpportunityWeights(**opp, rule=model),  # type: ignore[arg-type]
        float(presence),
        float(white),
        float(momentum),
    )
