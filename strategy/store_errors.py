"""The scenario store's errors, each with its message in Japanese and English (``message(lang)``,
``strategy/i18n/messages/store.toml``). Imported from :mod:`strategy.store`, which raises them."""

from __future__ import annotations

from typing import Any

from strategy.i18n import Lang, t
from strategy.scenario import ScenarioError


class StoreError(Exception):
    """A store operation failed; ``message(lang)`` explains it to the planner."""

    key = "store.err.unavailable"

    def __init__(self, **values: Any):
        self.values = values
        super().__init__(self.message("en"))

    def message(self, lang: Lang = "ja") -> str:
        return t(self.key, lang, **self.values)

    def messages(self, lang: Lang = "ja") -> list[str]:
        return [self.message(lang)]


class StoreUnavailableError(StoreError):
    """The database cannot be opened or reached (bad URL, unwritable folder, server down)."""

    key = "store.err.unavailable"


class NotFoundError(StoreError):
    """No scenario of that name."""

    key = "store.err.not_found"


class ConflictError(StoreError):
    """The scenario changed since it was loaded (or a new scenario's name is taken).

    ``expected`` is the version the caller had (None for a new scenario), ``current`` the version
    in the store now (None if it was deleted meanwhile).
    """

    def __init__(self, name: str, expected: int | None, current: int | None):
        self.name, self.expected, self.current = name, expected, current
        if expected is None:
            self.key = "store.err.exists"
        elif current is None:
            self.key = "store.err.deleted"
        else:
            self.key = "store.err.conflict"
        super().__init__(name=name, expected=expected, current=current)


class NameTakenError(StoreError):
    """Rename or duplicate to a name that already exists."""

    key = "store.err.name_taken"


class InvalidNameError(StoreError):
    """Empty or too long scenario name."""

    key = "store.err.bad_name"


class ReadOnlyError(StoreError):
    """The store can be read but not written (a read-only folder or file): nothing was saved."""

    key = "store.err.read_only"


class BadRowError(StoreError, ScenarioError):
    """A saved row that cannot be read back (corrupt JSON, a scenario that fails validation, an
    unknown schema version, a missing value): the other rows stay usable.

    Also a :class:`ScenarioError`, so a caller that catches invalid scenarios catches it too;
    ``messages(lang)`` is the row's name first, then each problem.
    """

    key = "store.err.bad_row"

    def __init__(self, name: str, problems: list[tuple[str, str, dict[str, Any]]]):
        self.values = {"name": name}
        self.name = name
        self.problems = problems
        Exception.__init__(self, " ".join(self.messages("en")))

    def messages(self, lang: Lang = "ja") -> list[str]:
        return [t(self.key, lang, **self.values), *ScenarioError.messages(self, lang)]

    def message(self, lang: Lang = "ja") -> str:
        return " ".join(self.messages(lang))
