"""Results kept with a scenario in the scenario store (the last sweep of a scenario), and the store's
schema versions with their migrations.

Table ``scenario_results``: ``id``, ``scenario`` (the scenario's name; ``""`` for a session that has
not saved one), ``kind`` (what the result is, e.g. ``sweep``), ``basis`` (a fingerprint of the
scenario's settings the result was computed on), ``created`` (UTC) and ``body`` (JSON text the
analysis writes and reads). A result follows its scenario when it is renamed and goes when it is
deleted; only the last :data:`KEEP` results of a kind are kept per scenario.

Schema versions (table ``store_meta``, row ``schema``): 1 is the first store (``scenarios`` only; a
store without ``store_meta`` is version 1), 2 adds ``scenario_results``. :func:`migrate` brings an
older store up to :data:`STORE_SCHEMA` when it is opened, in one transaction; a store opened for
reading only is not changed, and reads as having no results until it is opened writable.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

#: The schema version this code writes.
STORE_SCHEMA = 2
#: Results of one kind kept per scenario (the newest).
KEEP = 5

results_metadata = sa.MetaData()
store_meta = sa.Table(
    "store_meta",
    results_metadata,
    sa.Column("key", sa.String(40), primary_key=True),
    sa.Column("value", sa.String(200), nullable=False),
)
scenario_results = sa.Table(
    "scenario_results",
    results_metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("scenario", sa.String(200), nullable=False, index=True),
    sa.Column("kind", sa.String(40), nullable=False),
    sa.Column("basis", sa.String(64), nullable=False, default=""),
    sa.Column("created", sa.DateTime(timezone=True), nullable=False),
    sa.Column("body", sa.Text, nullable=False),
)


def schema_version(conn: Connection) -> int:
    """The schema version of the store ``conn`` is connected to (1 without ``store_meta``)."""
    if not sa.inspect(conn).has_table(store_meta.name):
        return 1
    value = conn.execute(sa.select(store_meta.c.value).where(store_meta.c.key == "schema")).scalar_one_or_none()
    try:
        return int(value) if value is not None else 1
    except ValueError:
        return 1


def migrate(conn: Connection) -> int:
    """Bring the store up to :data:`STORE_SCHEMA` (inside the caller's transaction); returns the
    version found. A newer store is left as it is (this code reads what it knows)."""
    found = schema_version(conn)
    if found >= STORE_SCHEMA:
        return found
    # version 1 -> 2: the results table (and the version row)
    results_metadata.create_all(conn, checkfirst=True)
    if conn.execute(sa.select(store_meta.c.key).where(store_meta.c.key == "schema")).first() is None:
        conn.execute(store_meta.insert().values(key="schema", value=str(STORE_SCHEMA)))
    else:
        conn.execute(store_meta.update().where(store_meta.c.key == "schema").values(value=str(STORE_SCHEMA)))
    return found


@dataclass(frozen=True)
class StoredResult:
    """One result read back: its body (JSON text), the basis it was computed on and when."""

    scenario: str
    kind: str
    basis: str
    created: datetime | None
    body: str


class ResultsMixin:
    """The :class:`~strategy.store.ScenarioStore` methods for results (the store supplies
    ``_transaction``, ``_writable`` and ``read_only``)."""

    def save_result(self, scenario: str, kind: str, body: str, basis: str = "") -> None:
        """Keep ``body`` as the newest result of ``kind`` for ``scenario`` (older ones beyond :data:`KEEP` go)."""
        self._writable()  # type: ignore[attr-defined]
        with self._transaction(write=True) as conn:  # type: ignore[attr-defined]
            conn.execute(
                scenario_results.insert().values(
                    scenario=scenario, kind=kind, basis=basis[:64], created=datetime.now(UTC), body=body
                )
            )
            ids = conn.execute(
                sa.select(scenario_results.c.id)
                .where(scenario_results.c.scenario == scenario, scenario_results.c.kind == kind)
                .order_by(scenario_results.c.id.desc())
            ).scalars()
            old = list(ids)[KEEP:]
            if old:
                conn.execute(scenario_results.delete().where(scenario_results.c.id.in_(old)))

    def last_result(self, scenario: str, kind: str) -> StoredResult | None:
        """The newest result of ``kind`` for ``scenario``, None when there is none (or the store is
        an old one opened for reading only, without the results table)."""
        query = (
            sa.select(scenario_results)
            .where(scenario_results.c.scenario == scenario, scenario_results.c.kind == kind)
            .order_by(scenario_results.c.id.desc())
            .limit(1)
        )
        with self._transaction(write=False) as conn:  # type: ignore[attr-defined]
            if self.read_only and not sa.inspect(conn).has_table(scenario_results.name):  # type: ignore[attr-defined]
                return None
            row = conn.execute(query).one_or_none()
        if row is None:
            return None
        return StoredResult(row.scenario, row.kind, row.basis, _when(row.created), row.body)


def rename_results(conn: Connection, old: str, new: str) -> None:
    """The results of scenario ``old`` now belong to ``new`` (inside the rename's transaction)."""
    conn.execute(scenario_results.update().where(scenario_results.c.scenario == old).values(scenario=new))


def delete_results(conn: Connection, name: str) -> None:
    """Drop the results of scenario ``name`` (inside the delete's transaction)."""
    conn.execute(scenario_results.delete().where(scenario_results.c.scenario == name))


def _when(value: Any) -> datetime | None:
    if isinstance(value, datetime):
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
    try:
        return datetime.fromisoformat(str(value)).replace(tzinfo=UTC)
    except (TypeError, ValueError):
        return None
