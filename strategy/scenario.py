"""A scenario: everything needed to reproduce a result, as one frozen object and as JSON.

``Scenario.from_dict`` validates untrusted JSON (an import, a row of the store, a file given to
the CLI): the types from the dataclasses, then the ranges, known ids and limits of
:mod:`strategy.scenario_schema`. It raises :class:`ScenarioError` listing every bad value with its
path (e.g. ``constraints.budget``), the allowed range and the value given, in Japanese or English. :func:`evaluate` runs the scoring for a scenario: the same function serves the
pages, the exports and the command line, so they always agree.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from strategy import scenario_schema as schema_rules
from strategy.data.dataset import Dataset
from strategy.i18n import TEXT, Lang, Message, t
from strategy.optimize import Constraints, SolverSettings
from strategy.scoring import (
    Criteria,
    FieldFit,
    FitWeights,
    MarketScores,
    MarketWeights,
    OpportunityWeights,
    RivalThreat,
    Settings,
    Universe,
    field_fit,
    market_scores,
    opportunity,
    prepare_criteria,
    rival_threat,
)
from strategy.scoring.weights import preset_weights

SCHEMA_VERSION = 2
#: Schema 1 scenarios were saved before the export potential model: their rules were the
#: weighted means of that time (opportunity 'sum' or 'product', fit 'sum').
LEGACY_SCHEMAS = (1,)


@dataclass(frozen=True)
class Scenario:
    """The planner's choices. ``preset`` names the weight preset the market weights came from
    (informational; ``market_weights`` is what counts). ``japan_strength`` overrides the judgement
    table for the listed fields; ``cost_scale`` multiplies the field costs in the listed countries
    (ISO3 -> factor, 1 where absent) for the optimizer."""

    name: str = "default"
    data_version: str = ""
    universe: Universe = field(default_factory=Universe)
    settings: Settings = field(default_factory=Settings)
    preset: str | None = "balanced"
    market_weights: MarketWeights = field(default_factory=MarketWeights)
    fit_weights: FitWeights = field(default_factory=FitWeights)
    opportunity_weights: OpportunityWeights = field(default_factory=OpportunityWeights)
    presence_default: float = 0.5
    white_space_threshold: float = 0.3
    #: the momentum factor of the rival threat (0 = off; see strategy.scoring.rivals.rival_threat)
    momentum_weight: float = 0.0
    japan_strength: Mapping[str, float] = field(default_factory=dict)
    constraints: Constraints = field(default_factory=Constraints)
    solver: SolverSettings = field(default_factory=SolverSettings)
    cost_scale: Mapping[str, float] = field(default_factory=dict)

    @classmethod
    def default(cls, dataset: Dataset, name: str = "default") -> Scenario:
        """The balanced preset on the bundled data."""
        return cls(name=name, data_version=dataset.version, market_weights=preset_weights(dataset, "balanced"))

    def to_dict(self) -> dict[str, Any]:
        return {"schema": SCHEMA_VERSION, **_plain(dataclasses.asdict(self))}

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2, sort_keys=True)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], vocabulary: schema_rules.Vocabulary | None = None) -> Scenario:
        """A scenario from plain JSON data, checked against its types and the schema
        (:mod:`strategy.scenario_schema`: ranges, choices, known ids of ``vocabulary``, default:
        the data folder's, and size limits); raises :class:`ScenarioError` listing every problem."""
        if not isinstance(data, Mapping):
            raise ScenarioError([("", "err.scenario_type", {"expected": "object"})])
        scanned = schema_rules.scan(data)  # before anything recurses into the data
        if any(p[1] != "schema.err.not_finite" for p in scanned):  # too deep or too big to look into
            raise ScenarioError(schema_rules.limited(scanned))
        body = dict(data)
        schema = body.pop("schema", SCHEMA_VERSION)
        if schema in LEGACY_SCHEMAS:
            body = _upgrade_schema_1(body)
        elif schema != SCHEMA_VERSION:
            shown = f'"{schema}"' if isinstance(schema, str) else schema_rules.shown(schema)
            raise ScenarioError([("schema", "err.scenario_schema", {"value": shown, "expected": SCHEMA_VERSION})])
        ranges = scanned + schema_rules.check(body, vocabulary)
        try:
            scenario = _build(cls, body, "")
        except ScenarioError as exc:
            typed = [p for p in exc.problems if not (ranges and p[1] == "err.scenario_value")]
            paths = {p[0] for p in typed}
            raise ScenarioError(schema_rules.limited([*typed, *(p for p in ranges if p[0] not in paths)])) from None
        if ranges:
            raise ScenarioError(schema_rules.limited(ranges))
        return scenario

    @property
    def model(self) -> str:
        """Which opportunity model the scenario uses: 'potential' (export potential, the default
        since schema 2), 'sum' or 'product' (the weighted means of schema 1)."""
        return self.opportunity_weights.rule

    @classmethod
    def from_json(cls, text: str | bytes, vocabulary: schema_rules.Vocabulary | None = None) -> Scenario:
        """A scenario from JSON text; its size and nesting depth are checked before it is parsed."""
        scanned = schema_rules.scan_text(text)
        if scanned:
            raise ScenarioError(scanned)
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            where = Message.of("schema.json_at", line=exc.lineno, column=exc.colno)
            raise ScenarioError([("", "err.scenario_json", {"detail": where})]) from None
        except UnicodeDecodeError:
            raise ScenarioError([("", "err.scenario_json", {"detail": Message.of("schema.not_utf8")})]) from None
        except RecursionError:  # scan_text bounds the depth; this is the last line of defence
            depth = {"depth": f"{schema_rules.MAX_DEPTH}+", "max": schema_rules.MAX_DEPTH}
            raise ScenarioError([("", "schema.err.too_deep", depth)]) from None
        return cls.from_dict(data, vocabulary)


def _upgrade_schema_1(body: dict[str, Any]) -> dict[str, Any]:
    """A schema 1 scenario keeps the model it was saved with: the weighted means (rule 'sum' unless
    it said 'product'), fit by weighted sum."""
    body = dict(body)
    for key, default in (("opportunity_weights", "sum"), ("fit_weights", "sum")):
        part = body.get(key, {})
        if isinstance(part, Mapping):
            body[key] = {"rule": default, **part}
    return body


class ScenarioError(ValueError):
    """Invalid scenario data; ``problems`` are (path, message key, values)."""

    def __init__(self, problems: list[tuple[str, str, dict[str, Any]]]):
        self.problems = problems
        super().__init__("; ".join(self.messages("en")))

    def messages(self, lang: Lang = "ja") -> list[str]:
        out = []
        for path, key, values in self.problems:
            where = ""
            if path.startswith("--"):  # a command-line option that overrides the scenario
                where = t("schema.where_option", lang, option=path)
            elif path:
                where = t("err.scenario_where", lang, path=path)
            values = {k: v.text(lang) if isinstance(v, Message) else v for k, v in values.items()}
            if key == "err.scenario_type" and f"type.{values['expected']}" in TEXT:
                values = {"expected": t(f"type.{values['expected']}", lang)}
            out.append(where + t(key, lang, **values))
        return out


def _plain(value: Any) -> Any:
    """JSON-friendly copy: tuples become lists, mappings keep string keys, pairs stay pairs."""
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def _convert(tp: Any, value: Any, path: str) -> Any:
    """Check ``value`` against the annotation ``tp`` and convert JSON lists back to tuples."""
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if dataclasses.is_dataclass(tp):
        if not isinstance(value, Mapping):
            raise ScenarioError([(path, "err.scenario_type", {"expected": "object"})])
        return _build(tp, dict(value), path + ".")
    if origin in (typing.Union, types.UnionType):
        if value is None and type(None) in args:
            return None
        problems: list = []
        for option in (a for a in args if a is not type(None)):
            try:
                return _convert(option, value, path)
            except ScenarioError as exc:
                problems = exc.problems
        raise ScenarioError(problems)
    if origin is typing.Literal:
        if value not in args:
            raise ScenarioError([(path, "err.bad_choice", {"value": value, "allowed": ", ".join(map(str, args))})])
        return value
    if origin is tuple:
        if not isinstance(value, list | tuple):
            raise ScenarioError([(path, "err.scenario_type", {"expected": "list"})])
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_convert(args[0], v, f"{path}[{i}]") for i, v in enumerate(value))
        if len(args) != len(value):
            raise ScenarioError([(path, "err.scenario_type", {"expected": f"list of {len(args)}"})])
        return tuple(_convert(a, v, f"{path}[{i}]") for i, (a, v) in enumerate(zip(args, value, strict=True)))
    if origin in (dict, Mapping, typing.Mapping) or tp in (dict, Mapping):
        if not isinstance(value, Mapping):
            raise ScenarioError([(path, "err.scenario_type", {"expected": "object"})])
        key_t, val_t = args or (str, Any)
        return {_convert(key_t, k, path): _convert(val_t, v, f"{path}.{k}") for k, v in value.items()}
    if tp is Any:
        return value
    if tp is float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ScenarioError([(path, "err.scenario_type", {"expected": "number"})])
        return float(value)
    if tp is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ScenarioError([(path, "err.scenario_type", {"expected": "integer"})])
        return value
    if tp is bool:
        if not isinstance(value, bool):
            raise ScenarioError([(path, "err.scenario_type", {"expected": "true/false"})])
        return value
    if tp is str:
        if not isinstance(value, str):
            raise ScenarioError([(path, "err.scenario_type", {"expected": "text"})])
        return value
    return value


def _build(cls: type, body: dict[str, Any], prefix: str) -> Any:
    hints = typing.get_type_hints(cls)
    names = {f.name for f in dataclasses.fields(cls)}
    problems = [(prefix + k, "err.scenario_unknown", {"key": k}) for k in body if k not in names]
    kwargs = {}
    for name in (f.name for f in dataclasses.fields(cls) if f.name in body):  # in a stable order
        try:
            kwargs[name] = _convert(hints[name], body[name], prefix + name)
        except ScenarioError as exc:
            problems += exc.problems
    if problems:
        raise ScenarioError(problems)
    try:
        return cls(**kwargs)
    except (ValueError, TypeError) as exc:
        raise ScenarioError([(prefix.rstrip("."), "err.scenario_value", {"detail": str(exc)})]) from exc


# --- running a scenario -------------------------------------------------------------------------


@dataclass(frozen=True)
class Evaluation:
    """Everything the scoring produced for a scenario."""

    scenario: Scenario
    countries: pd.Index
    criteria: Criteria
    market: MarketScores
    fit: FieldFit
    threat: RivalThreat
    opportunity: pd.DataFrame


def japan_strength_series(dataset: Dataset, scenario: Scenario) -> pd.Series:
    """Japan's strength per field: the judgement table with the scenario's overrides applied."""
    strength = dataset.fields["japan_strength"].copy()
    for field_id, value in scenario.japan_strength.items():
        if field_id in strength.index:
            strength[field_id] = float(value)
    return strength


def evaluate(dataset: Dataset, scenario: Scenario) -> Evaluation:
    """Score markets, fields, rivals and opportunities for ``scenario``."""
    countries = scenario.universe.select(dataset)
    criteria = prepare_criteria(dataset, countries, scenario.settings)
    strength = japan_strength_series(dataset, scenario)
    market = market_scores(dataset, criteria, scenario.market_weights)
    fit = field_fit(dataset, criteria, scenario.fit_weights, japan_strength=strength)
    threat = rival_threat(
        dataset,
        countries,
        scenario.presence_default,
        scenario.white_space_threshold,
        japan_strength=strength,
        momentum_weight=scenario.momentum_weight,
    )
    table = opportunity(market, fit, threat, scenario.opportunity_weights)
    return Evaluation(scenario, countries, criteria, market, fit, threat, table)
