"""Constraint groups of the model as typed keys (kind, subject), and their text for people.

Every row of the model belongs to one group; :attr:`Plan.binding` and :func:`explain_infeasible`
name groups by these keys, never by strings to be split apart. Translation happens where a group
is shown, with :func:`group_text`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from strategy.i18n import DEFAULT_LANG, TEXT, Lang, t


class GroupKind(StrEnum):
    """What a group of rows limits (the value is the id used in the model's docstring)."""

    BUDGET = "budget"
    PERIOD_BUDGET = "period budget"
    STAFF = "staff"
    COUNTRIES = "countries"
    GROUP_MIN = "group min"
    GROUP_MAX = "group max"
    FIELD_MAX = "field max"
    MUST_COUNTRY = "must country"
    MUST_FIELD = "must field"
    MUST_PAIR = "must pair"
    PHASE_ORDER = "phase order"
    POOL = "pool"  # a funding pool: the budget of one financing route (subject: the route id)
    # structure of the model (never a planner's limit, never shown)
    ORDER = "order"
    OPEN = "open"
    OPENED = "opened"
    COUNT = "count"
    PACKAGE = "package"  # a package implies its members
    ONE_PACKAGE = "one package"  # an entry counts toward one package at most


#: Kinds that never count as "binding" in a plan: structure, or rules a plan always meets exactly.
NOT_REPORTED: frozenset[GroupKind] = frozenset(
    {
        GroupKind.PHASE_ORDER,
        GroupKind.MUST_COUNTRY,
        GroupKind.MUST_FIELD,
        GroupKind.MUST_PAIR,
        GroupKind.ORDER,
        GroupKind.OPEN,
        GroupKind.OPENED,
        GroupKind.COUNT,
        GroupKind.PACKAGE,
        GroupKind.ONE_PACKAGE,
    }
)


@dataclass(frozen=True)
class ConstraintGroup:
    """One named group of the model's rows: its ``kind`` and what it is about.

    ``subject`` is ``None`` for the global limits (budget, staff, countries, ...), a country group
    name for group min/max, a field id for field max and must field, an ISO3 code for must country,
    an ``(iso3, field_id)`` pair for must pair, and a financing route id for a funding pool.
    """

    kind: GroupKind
    subject: str | tuple[str, str] | None = None

    def __str__(self) -> str:
        """The group's id in the model's own words, e.g. ``must pair: VNM/digital_tv`` (logs, sorting)."""
        if self.subject is None:
            return self.kind.value
        what = "/".join(self.subject) if isinstance(self.subject, tuple) else self.subject
        return f"{self.kind.value}: {what}"


def group_text(
    group: ConstraintGroup,
    lang: Lang = DEFAULT_LANG,
    countries: Mapping[str, str] | None = None,
    fields: Mapping[str, str] | None = None,
) -> str:
    """A constraint group in plain words in ``lang`` (``optimize.group.*`` messages); ``countries`` and
    ``fields`` map ids to display names (an id without one is shown as it is)."""
    countries, fields = countries or {}, fields or {}
    key = f"optimize.group.{group.kind.value.replace(' ', '_')}"
    if key not in TEXT:  # structure rows: never shown to a planner
        return str(group)
    subject = group.subject
    if group.kind in (GroupKind.GROUP_MIN, GroupKind.GROUP_MAX):
        return t(key, lang, group=subject)
    if group.kind in (GroupKind.FIELD_MAX, GroupKind.MUST_FIELD):
        return t(key, lang, field=fields.get(str(subject), subject))
    if group.kind is GroupKind.MUST_COUNTRY:
        return t(key, lang, country=countries.get(str(subject), subject))
    if group.kind is GroupKind.POOL:
        route = f"label.route.{subject}"
        return t(key, lang, route=t(route, lang) if route in TEXT else subject)
    if group.kind is GroupKind.MUST_PAIR and isinstance(subject, tuple):
        iso3, field_id = subject
        return t(key, lang, country=countries.get(iso3, iso3), field=fields.get(field_id, field_id))
    return t(key, lang)
