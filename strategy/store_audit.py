"""The scenario store's audit trail and schema upgrades, used by :mod:`strategy.store`.

- ``scenario_versions`` (:func:`versions_table`): one row per saved version of a scenario, with its
  body, author and time; the ``scenarios`` row is the current one. A restore is a new version whose
  ``restored_from`` names the version it copies. Rename carries the history along; delete removes it.
- :func:`upgrade_schema`: a store written by an older release is upgraded in place when opened:
  missing tables are created, missing columns (listed in ``strategy.store.ADDED_COLUMNS``) are
  added with ``ALTER TABLE ... ADD COLUMN`` after inspecting the table's columns, and
  :func:`backfill_versions` gives every current row without history its version row (rows saved
  before authors were recorded get the author "unknown"). General, so other tables can join.
- :class:`AuditTrail`: the store's reading of the history (:meth:`~AuditTrail.history`,
  :meth:`~AuditTrail.load_version`) and :meth:`~AuditTrail.restore`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from strategy.scenario import Scenario
from strategy.scenario_schema import Vocabulary
from strategy.store_errors import NotFoundError
from strategy.team.roles import UNKNOWN_AUTHOR, Action, Actor, require


def versions_table(metadata: sa.MetaData, name_max: int, author_max: int) -> sa.Table:
    """The ``scenario_versions`` table on ``metadata``."""
    return sa.Table(
        "scenario_versions",
        metadata,
        sa.Column("name", sa.String(name_max), primary_key=True),
        sa.Column("version", sa.Integer, primary_key=True),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("author", sa.String(author_max), nullable=False),
        sa.Column("saved", sa.DateTime(timezone=True), nullable=False),
        sa.Column("restored_from", sa.Integer, nullable=True),
    )


@dataclass(frozen=True)
class VersionInfo:
    """One saved version of a scenario (:meth:`AuditTrail.history`)."""

    name: str
    version: int
    author: str
    saved: datetime | None
    #: the version this one restored (a copy of), None for an ordinary save
    restored_from: int | None = None


def read_timestamp(value: object) -> datetime | None:
    """A stored timestamp (text in SQLite, a datetime elsewhere) in UTC, None when unreadable."""
    if not isinstance(value, datetime):
        try:
            value = datetime.fromisoformat(str(value))
        except (TypeError, ValueError):
            return None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


# --- schema upgrades ----------------------------------------------------------------------------


def missing_schema(conn: Connection, metadata: sa.MetaData, added: Iterable[tuple[str, str]]) -> list[str]:
    """Tables and ``table.column`` s of ``metadata`` the database lacks (empty: up to date)."""
    inspector = sa.inspect(conn)
    missing = [t.name for t in metadata.sorted_tables if not inspector.has_table(t.name)]
    for table, column in added:
        if table not in missing and column not in {c["name"] for c in inspector.get_columns(table)}:
            missing.append(f"{table}.{column}")
    return missing


def upgrade_schema(conn: Connection, metadata: sa.MetaData, added: Iterable[tuple[str, str]]) -> list[str]:
    """Create missing tables, add missing columns (``ALTER TABLE ... ADD COLUMN`` with the column's
    type, server default and NOT NULL); returns what was added."""
    missing = missing_schema(conn, metadata, added)
    metadata.create_all(conn, checkfirst=True)
    quote = conn.dialect.identifier_preparer.quote
    for item in missing:
        if "." not in item:
            continue
        table, name = item.split(".", 1)
        column = metadata.tables[table].c[name]
        ddl = f"ALTER TABLE {quote(table)} ADD COLUMN {quote(name)} {column.type.compile(conn.dialect)}"
        default = column.server_default.arg if isinstance(column.server_default, sa.DefaultClause) else None
        if isinstance(default, str):
            ddl += " DEFAULT '" + default.replace("'", "''") + "'"
        if not column.nullable:
            ddl += " NOT NULL"
        conn.exec_driver_sql(ddl)
    return missing


def backfill_versions(conn: Connection, scenarios: sa.Table, versions: sa.Table) -> None:
    """Give every current scenario row without its version row one (its author, its update time)."""
    s, v = scenarios.c, versions.c
    orphans = sa.select(s.name, s.version, s.body, s.author, s.updated).where(
        ~sa.exists().where(v.name == s.name, v.version == s.version)
    )
    conn.execute(versions.insert().from_select(["name", "version", "body", "author", "saved"], orphans))


# --- reading and restoring versions -------------------------------------------------------------


class AuditTrail:
    """The history methods of :class:`strategy.store.ScenarioStore` (a mixin: the store supplies
    the tables, transactions and the saving)."""

    _versions: sa.Table
    _legacy: bool
    url: Any
    default_actor: Actor | None

    def _may(self, actor: Actor | None, action: Action) -> Actor:
        """The actor (or the store's default) if its role allows ``action``; checked before anything
        else, so a refused user learns nothing about the store's state."""
        return require(actor if actor is not None else self.default_actor, action)

    def history(self, name: str) -> list[VersionInfo]:
        """Every saved version of ``name``, newest first, with its author and time
        (:class:`NotFoundError` when there is no such scenario)."""
        if self._legacy:  # a read-only store from before the audit trail: only its current row
            info = next((i for i in self.list() if i.name == name), None)  # type: ignore[attr-defined]
            if info is None:
                raise NotFoundError(name=name)
            return [VersionInfo(name, info.version, UNKNOWN_AUTHOR, info.updated)]
        v = self._versions.c
        saved = sa.cast(v.saved, sa.Text) if self.url.get_backend_name() == "sqlite" else v.saved
        query = sa.select(v.version, v.author, saved, v.restored_from).where(v.name == name).order_by(v.version.desc())
        with self._transaction(write=False) as conn:  # type: ignore[attr-defined]
            rows = conn.execute(query).all()
            if not rows and self._current(conn, name) is None:  # type: ignore[attr-defined]
                raise NotFoundError(name=name)
        return [VersionInfo(name, int(r[0]), str(r[1]), read_timestamp(r[2]), r[3]) for r in rows]

    def load_version(self, name: str, version: int, vocabulary: Vocabulary | None = None) -> Scenario:
        """The scenario as it was saved in ``version`` (:class:`NotFoundError` if there is none)."""
        if self._legacy:
            scenario, current = self.load(name, vocabulary)  # type: ignore[attr-defined]
            if current != int(version):
                raise NotFoundError(name=f"{name} v{version}")
            return scenario
        v = self._versions.c
        with self._transaction(write=False) as conn:  # type: ignore[attr-defined]
            body = conn.execute(sa.select(v.body).where(v.name == name, v.version == int(version))).scalar_one_or_none()
        if body is None:
            raise NotFoundError(name=f"{name} v{version}")
        return self._decode(name, body, vocabulary)  # type: ignore[attr-defined]

    def restore(self, name: str, version: int, expected_version: int, *, actor: Actor | None = None) -> int:
        """Save ``version`` of ``name`` again as its next version (nothing is overwritten; the new
        version records that it restores ``version``); returns the new version. Conflicts and
        refusals as :meth:`strategy.store.ScenarioStore.save`."""
        actor = self._may(actor, Action.SAVE)
        scenario = self.load_version(name, version)
        return self._save_next(scenario, int(expected_version), actor, restored_from=int(version))  # type: ignore[attr-defined]

    def _record(
        self,
        conn: Connection,
        name: str,
        version: int,
        body: str,
        actor: Actor,
        when: datetime,
        restored: int | None = None,
    ) -> None:
        """The version row of a save, in the save's own transaction."""
        conn.execute(
            self._versions.insert().values(
                name=name, version=version, body=body, author=actor.user, saved=when, restored_from=restored
            )
        )
