"""What a scenario may contain: one declarative schema of ranges, choices, known ids and limits.

:func:`check` is run by :meth:`strategy.scenario.Scenario.from_dict` on every scenario that comes
in (an import on the Scenarios page, a row of the store, ``--scenario`` and ``--stored`` on the
command line), after the types are checked. It returns every problem found, each as
``(path, message key, values)`` with the path of the value (``constraints.budget``), the allowed
range or choices and the value given; the messages are in ``strategy/i18n/messages/scenario.toml``.
Nothing is clamped: a value out of range is refused, never moved into the range.

The ranges are those of the app's widgets (the Plan page's inputs, the sidebar's sliders), so a
scenario the schema accepts can be shown on every page. The known ids (countries, fields, pillars,
indicators, regions, income groups) come from the data (:class:`Vocabulary`).

Before any of that, :func:`scan_text` and :func:`scan` bound the size of what is read (bytes,
nesting depth, entries per list or object, length of a text) without recursion, so a file nested a
thousand levels deep or holding millions of keys gets a message, not a ``RecursionError`` or a
gigabyte of memory.
"""

from __future__ import annotations

import csv
import functools
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import accumulate
from pathlib import Path
from typing import Any

from strategy.data.catalog_spec import PILLARS
from strategy.data.paths import data_folder
from strategy.data.plan_tables import ROUTES
from strategy.optimize.model import Constraints
from strategy.scoring.criteria import MEMBERSHIPS
from strategy.scoring.fields import FitWeights
from strategy.scoring.opportunities import OpportunityWeights

Problem = tuple[str, str, dict[str, Any]]

# --- limits ---------------------------------------------------------------------------------------

#: The largest scenario file read (a full scenario is a few KB).
MAX_JSON_BYTES = 512 * 1024
#: How deeply lists and objects may nest (a scenario needs 4: constraints.must_pairs[0][1]).
MAX_DEPTH = 20
#: Entries in any one list or object.
MAX_ITEMS = 1_000
#: Characters in any one text.
MAX_TEXT = 1_000
#: Problems reported at most (then "and N more").
MAX_PROBLEMS = 50
#: Characters of a scenario name (the store's limit).
NAME_MAX = 200
#: SMAA weight samples at most (the command line's ``--samples``; the page offers up to 100,000).
SMAA_SAMPLES_MAX = 200_000
#: Points of a scenario sweep at most (the Cartesian product of its axes; each point is one solve).
MAX_SWEEP_POINTS = 500
#: The sidebar's choices of winsorisation share (the sidebar offers exactly these).
WINSOR_CHOICES = (0.0, 0.01, 0.025, 0.05, 0.1)
#: The largest yearly age discount (the sidebar slider's top: a value 5 years old then keeps
#: 0.1 ** 5 of its weight).
AGE_DISCOUNT_MAX = 0.9
#: Reference years offered before the latest year of the data (the sidebar's year select).
YEARS_BACK = 10


# --- the known ids --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Vocabulary:
    """The ids a scenario may name, from the data it will run on."""

    country: frozenset[str]
    field: frozenset[str]
    indicator: frozenset[str]
    region: frozenset[str]
    income: frozenset[str]
    latest_year: int | None
    pillar: frozenset[str] = frozenset(PILLARS)
    membership: frozenset[str] = frozenset(MEMBERSHIPS)
    route: frozenset[str] = frozenset(ROUTES)

    @classmethod
    def from_dataset(cls, dataset: Any) -> Vocabulary:
        """The ids of a loaded :class:`~strategy.data.dataset.Dataset`."""
        c = dataset.countries
        return cls(
            country=frozenset(map(str, c.index)),
            field=frozenset(map(str, dataset.fields.index)),
            indicator=frozenset(map(str, dataset.catalog.index)),
            region=frozenset(str(r) for r in c["un_region"].dropna() if str(r)),
            income=frozenset(str(r) for r in c["income_group"].dropna() if str(r)),
            latest_year=int(dataset.latest_year),
        )

    @classmethod
    def from_folder(cls, folder: str | Path | None = None) -> Vocabulary:
        """The ids of the data folder (default: the one the app and the CLI read), from its small
        tables only, so checking a scenario does not wait for the data to load."""
        return _folder_vocabulary(str(data_folder(folder).resolve()))


@functools.lru_cache(maxsize=4)
def _folder_vocabulary(folder: str) -> Vocabulary:
    def rows(name: str) -> list[dict[str, str]]:
        path = Path(folder) / name
        if not path.is_file():
            return []
        with path.open(encoding="utf-8-sig", newline="") as handle:
            return list(csv.DictReader(handle))

    countries, catalog = rows("countries.csv"), rows("indicator_catalog.csv")
    years = [int(r["year_max"]) for r in catalog if r.get("theme") != "geography" and r.get("year_max")]
    return Vocabulary(
        country=frozenset(r["iso3"] for r in countries),
        field=frozenset(r["field_id"] for r in rows("fields.csv")),
        indicator=frozenset(r["indicator"] for r in catalog),
        region=frozenset(r["un_region"] for r in countries if r.get("un_region")),
        income=frozenset(r["income_group"] for r in countries if r.get("income_group")),
        latest_year=max(years) if years else None,
    )


# --- how values are shown in messages ------------------------------------------------------------


def shown(value: Any) -> str:
    """A value as the planner wrote it in the JSON (NaN and Infinity as JSON spells them)."""
    if isinstance(value, float):
        if math.isnan(value):
            return "NaN"
        if math.isinf(value):
            return "Infinity" if value > 0 else "-Infinity"
        return f"{value:g}"
    if isinstance(value, str):
        return value if len(value) <= 60 else value[:57] + "…"
    if isinstance(value, Mapping):
        return "{…}"
    if isinstance(value, list | tuple):
        return "[…]"
    return str(value)


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


# --- the rules ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Num:
    """A number from ``low`` to ``high`` (``low_open``/``high_open``: the bound itself excluded);
    ``None`` is the type check's business (allowed where the field is optional)."""

    low: float
    high: float
    low_open: bool = False
    high_open: bool = False

    def check(self, path: str, value: Any, vocab: Vocabulary) -> list[Problem]:
        if not _is_number(value) or not math.isfinite(value):
            return []  # wrong type or not finite: reported by the type check and the scan
        below = value <= self.low if self.low_open else value < self.low
        above = value >= self.high if self.high_open else value > self.high
        if not (below or above):
            return []
        key = "schema.err.range"
        if self.low_open:
            key = "schema.err.range_low_open"
        elif self.high_open:
            key = "schema.err.range_high_open"
        return [(path, key, {"low": shown(self.low), "high": shown(self.high), "value": shown(value)})]


@dataclass(frozen=True)
class OneOf:
    """One of a few numbers (a select slider's options)."""

    options: tuple[float, ...]

    def check(self, path: str, value: Any, vocab: Vocabulary) -> list[Problem]:
        if not _is_number(value) or not math.isfinite(value):
            return []
        if any(math.isclose(value, o, abs_tol=1e-12) for o in self.options):
            return []
        allowed = ", ".join(shown(float(o)) for o in self.options)
        return [(path, "err.bad_choice", {"value": shown(value), "allowed": allowed})]


def _unknown(path: str, kind: str, value: Any, vocab: Vocabulary) -> list[Problem]:
    known: frozenset[str] = getattr(vocab, kind)
    if not isinstance(value, str) or value in known or not known:  # no table of that kind: nothing to check against
        return []
    values: dict[str, Any] = {"value": shown(value)}
    if len(known) <= 40:
        values["allowed"] = ", ".join(sorted(known))
    return [(path, f"schema.err.unknown_{kind}", values)]


def _too_many(path: str, value: Sequence | Mapping, most: int) -> list[Problem]:
    return [(path, "schema.err.too_many", {"n": len(value), "max": most})] if len(value) > most else []


@dataclass(frozen=True)
class Ids:
    """A list of known ids of one ``kind`` (a :class:`Vocabulary` attribute), at most ``most``."""

    kind: str
    most: int

    def check(self, path: str, value: Any, vocab: Vocabulary) -> list[Problem]:
        if not isinstance(value, list | tuple):
            return []
        problems = _too_many(path, value, self.most)
        for i, item in enumerate(value[: self.most]):
            problems += _unknown(f"{path}[{i}]", self.kind, item, vocab)
        return problems


@dataclass(frozen=True)
class Pairs:
    """A list of (country, field) pairs, at most ``most``."""

    most: int

    def check(self, path: str, value: Any, vocab: Vocabulary) -> list[Problem]:
        if not isinstance(value, list | tuple):
            return []
        problems = _too_many(path, value, self.most)
        for i, pair in enumerate(value[: self.most]):
            if isinstance(pair, list | tuple) and len(pair) == 2:
                problems += _unknown(f"{path}[{i}][0]", "country", pair[0], vocab)
                problems += _unknown(f"{path}[{i}][1]", "field", pair[1], vocab)
        return problems


@dataclass(frozen=True)
class Keyed:
    """An object whose keys are known ids of ``kind`` (or free names when None, e.g. a group's:
    :func:`scan` bounds their length) and whose values follow ``values``; at most ``most`` entries."""

    kind: str | None
    values: Any
    most: int

    def check(self, path: str, value: Any, vocab: Vocabulary) -> list[Problem]:
        if not isinstance(value, Mapping):
            return []
        problems = _too_many(path, value, self.most)
        for i, (key, item) in enumerate(value.items()):
            if i >= self.most:
                break
            where = f"{path}.{key}"
            if self.kind is not None:
                problems += _unknown(where, self.kind, key, vocab)
            problems += self.values.check(where, item, vocab)
        return problems


@dataclass(frozen=True)
class Name:
    """A scenario name: 1 to :data:`NAME_MAX` characters, no leading or trailing spaces (the store's rule)."""

    def check(self, path: str, value: Any, vocab: Vocabulary) -> list[Problem]:
        if not isinstance(value, str) or (value.strip() and value == value.strip() and len(value) <= NAME_MAX):
            return []
        return [(path, "schema.err.name", {"value": shown(value), "max": NAME_MAX})]


@dataclass(frozen=True)
class Year:
    """A reference year the sidebar offers: the data's latest year or up to :data:`YEARS_BACK` before."""

    def check(self, path: str, value: Any, vocab: Vocabulary) -> list[Problem]:
        if not isinstance(value, int) or isinstance(value, bool) or vocab.latest_year is None:
            return []
        return Num(vocab.latest_year - YEARS_BACK, vocab.latest_year).check(path, value, vocab)


SHARE = Num(0.0, 1.0)  # the sidebar's 0-1 sliders
COUNTRIES = Ids("country", 300)
FIELDS = Ids("field", 100)
WEIGHT = Num(0.0, 1_000.0)  # pillar and indicator weights: relative, the sliders rescale them

#: The schema: the scenario's structure with a rule for every value that has a range, a set of
#: choices beyond its type, or names ids. Types themselves come from the dataclasses.
SCHEMA: dict[str, Any] = {
    "name": Name(),
    "universe": {
        "regions": Ids("region", 30),
        "income_groups": Ids("income", 10),
        "memberships": Ids("membership", 20),
        "include": COUNTRIES,
        "exclude": COUNTRIES,
    },
    "settings": {
        "reference_year": Year(),
        "max_age": Num(1, 15),  # the sidebar's window slider
        "winsor": OneOf(WINSOR_CHOICES),
        "min_coverage": SHARE,
        "product_floor": SHARE,
        "age_discount": Num(0.0, AGE_DISCOUNT_MAX),
    },
    "market_weights": {"pillars": Keyed("pillar", WEIGHT, 20), "indicators": Keyed("indicator", WEIGHT, 500)},
    "fit_weights": {"need": SHARE, "readiness": SHARE, "strength": SHARE},
    "opportunity_weights": {"market": SHARE, "fit": SHARE, "position": SHARE, "environment": SHARE},
    "presence_default": SHARE,
    "white_space_threshold": SHARE,
    "momentum_weight": Num(0.0, 1.0),  # the sidebar's momentum slider (0 = off)
    "japan_strength": Keyed("field", SHARE, 100),
    "constraints": {
        "budget": Num(0.0, 1_000.0),  # the Plan page's inputs
        "period_budget": Num(0.0, 1_000.0),
        "staff": Num(0.0, 1_000.0),
        "max_countries": Num(1, 250),
        "periods": Num(1, 5),
        "groups": Keyed(None, COUNTRIES, 20),
        "group_min": Keyed(None, Num(0, 300), 20),
        "group_max": Keyed(None, Num(0, 300), 20),
        "field_max": Keyed("field", Num(0, 300), 100),
        "must_countries": COUNTRIES,
        "must_fields": FIELDS,
        "must_pairs": Pairs(1_000),
        "exclude_countries": COUNTRIES,
        "exclude_fields": FIELDS,
        "exclude_pairs": Pairs(1_000),
        "max_rival_gap": Num(0.0, 2.0),
        "open_cost": Num(0.0, 100.0),
        "package_bonus": SHARE,
        "time_preference": Num(0.0, 1.0, low_open=True),
        "pool_budget": Keyed("route", Num(0.0, 1_000.0), len(ROUTES)),  # funding pools (Plan page)
    },
    "solver": {"time_limit": Num(1.0, 300.0), "gap": Num(0.0, 0.1), "threads": Num(1, 64)},
    "cost_scale": Keyed("country", Num(0.1, 10.0), 300),  # the Plan page's multiplier column
}


def rule(path: str) -> Any:
    """The rule of a dotted path (``constraints.budget``), e.g. to check a command-line override."""
    node: Any = SCHEMA
    for part in path.split("."):
        node = node[part]
    return node


# --- checking -------------------------------------------------------------------------------------


def scan_text(text: str | bytes) -> list[Problem]:
    """Size and nesting depth of a JSON text, counted without parsing it (so without recursion)."""
    if len(text) > MAX_JSON_BYTES:
        return [("", "schema.err.too_large", {"size": math.ceil(len(text) / 1024), "max": MAX_JSON_BYTES // 1024})]
    raw = text if isinstance(text, str) else text.decode("utf-8", errors="replace")
    brackets = re.sub(r'"(?:[^"\\]|\\.)*"', "", raw)  # brackets inside texts do not nest
    steps = [1 if c in "[{" else -1 for c in re.findall(r"[\[\]{}]", brackets)]
    depth = max(accumulate(steps), default=0)
    if depth > MAX_DEPTH:
        return [("", "schema.err.too_deep", {"depth": depth, "max": MAX_DEPTH})]
    return []


def scan(data: Any) -> list[Problem]:
    """Depth, entries per list or object, text lengths and finiteness of parsed JSON, without
    recursion; a container over a limit is reported and not looked into."""
    problems: list[Problem] = []
    stack: list[tuple[str, Any, int]] = [("", data, 0)]
    while stack and len(problems) <= MAX_PROBLEMS:
        path, value, depth = stack.pop()
        if isinstance(value, Mapping | list | tuple):
            if depth >= MAX_DEPTH:
                problems.append(("", "schema.err.too_deep", {"depth": f"{MAX_DEPTH}+", "max": MAX_DEPTH}))
                break
            if len(value) > MAX_ITEMS:
                problems.append((path, "schema.err.too_many", {"n": len(value), "max": MAX_ITEMS}))
                continue
            items = value.items() if isinstance(value, Mapping) else enumerate(value)
            for key, item in items:
                if isinstance(value, Mapping):
                    if isinstance(key, str) and len(key) > MAX_TEXT:
                        problems.append((path, "schema.err.text_long", {"n": len(key), "max": MAX_TEXT}))
                        continue
                    child = f"{path}.{key}" if path else str(key)
                else:
                    child = f"{path}[{key}]"
                stack.append((child, item, depth + 1))
        elif isinstance(value, float) and not math.isfinite(value):
            problems.append((path, "schema.err.not_finite", {"value": shown(value)}))
        elif isinstance(value, str) and len(value) > MAX_TEXT:
            problems.append((path, "schema.err.text_long", {"n": len(value), "max": MAX_TEXT}))
    return sorted(problems, key=lambda p: p[0])


def check(body: Mapping[str, Any], vocab: Vocabulary | None = None) -> list[Problem]:
    """Every rule of :data:`SCHEMA` that ``body`` (a scenario as plain JSON data, types checked or
    not) breaks; values of the wrong type are left to the type check."""
    vocab = vocab or Vocabulary.from_folder()
    return _check_part("", SCHEMA, body, vocab) + _cross_checks(body)


def _check_part(prefix: str, schema: Mapping[str, Any], data: Mapping[str, Any], vocab: Vocabulary) -> list[Problem]:
    """The rules of one part of :data:`SCHEMA`, in its order (the schema nests two levels: the
    recursion follows the schema, never the data)."""
    problems: list[Problem] = []
    for key, node in schema.items():
        if key not in data or data[key] is None:
            continue
        if isinstance(node, dict):
            if isinstance(data[key], Mapping):
                problems += _check_part(f"{prefix}{key}.", node, data[key], vocab)
        else:
            problems += node.check(prefix + key, data[key], vocab)
    return problems


def _cross_checks(body: Mapping[str, Any]) -> list[Problem]:
    """Rules between values: the weighted product needs positive normalised values; a group limit
    names a group the scenario defines."""
    problems: list[Problem] = []
    settings = body.get("settings")
    if isinstance(settings, Mapping) and (settings.get("method"), settings.get("normalisation")) == (
        "weighted_product",
        "zscore",
    ):
        problems.append(("settings.normalisation", "schema.err.product_zscore", {}))
    problems += _all_zero(body, "fit_weights", FitWeights(), ("need", "readiness", "strength"))
    problems += _all_zero(body, "opportunity_weights", OpportunityWeights(), ("market", "fit", "position"))
    weights = body.get("market_weights")
    pillars = weights.get("pillars") if isinstance(weights, Mapping) else None
    if isinstance(pillars, Mapping) and all(_is_number(v) and math.isfinite(v) for v in pillars.values()):
        if not any(pillars.values()):  # also an empty object: no pillar weighs anything
            names = ", ".join(map(str, pillars)) or "–"
            problems.append(("market_weights.pillars", "schema.err.all_zero", {"names": names}))
    constraints = body.get("constraints")
    if not isinstance(constraints, Mapping):
        return problems
    problems += _pools_within_budget(constraints)
    groups = constraints.get("groups", {})
    names = set(groups) if isinstance(groups, Mapping) else set()
    for limit in ("group_min", "group_max"):
        given = constraints.get(limit, {})
        if isinstance(given, Mapping):
            for group, value in list(given.items())[:MAX_ITEMS]:
                where = f"constraints.{limit}.{group}"
                if group not in names:
                    allowed = ", ".join(sorted(map(str, names))) or "–"
                    problems.append((where, "schema.err.unknown_group", {"value": shown(group), "allowed": allowed}))
                elif limit == "group_min" and isinstance(groups[group], list | tuple) and _is_number(value):
                    if value > len(groups[group]):  # more countries than the group has
                        values = {"low": 0, "high": len(groups[group]), "value": shown(value)}
                        problems.append((where, "schema.err.range", values))
    return problems


def _pools_within_budget(constraints: Mapping[str, Any]) -> list[Problem]:
    """A funding pool no larger than the total budget (the Constraints default when absent)."""
    pools, budget = constraints.get("pool_budget"), constraints.get("budget", Constraints().budget)
    if not isinstance(pools, Mapping) or not _is_number(budget) or not math.isfinite(budget):
        return []
    problems = []
    for route, value in list(pools.items())[:MAX_ITEMS]:
        if _is_number(value) and math.isfinite(value) and value > budget:
            values = {"value": shown(value), "budget": shown(budget)}
            problems.append((f"constraints.pool_budget.{route}", "schema.err.pool_over_budget", values))
    return problems


def _all_zero(body: Mapping[str, Any], part: str, defaults: Any, names: tuple[str, ...]) -> list[Problem]:
    """A problem when the weights ``names`` of ``body[part]`` (defaults where absent) are all 0."""
    given = body.get(part)
    if not isinstance(given, Mapping):
        return []
    values = [given.get(n, getattr(defaults, n)) for n in names]
    if all(_is_number(v) and math.isfinite(v) and v == 0 for v in values):
        return [(part, "schema.err.all_zero", {"names": ", ".join(names)})]
    return []


def limited(problems: Iterable[Problem]) -> list[Problem]:
    """At most :data:`MAX_PROBLEMS` problems, then one saying how many more there were."""
    problems = list(problems)
    if len(problems) <= MAX_PROBLEMS:
        return problems
    return [*problems[:MAX_PROBLEMS], ("", "schema.err.more", {"n": len(problems) - MAX_PROBLEMS})]
