"""Saved scenarios: a small versioned store in SQLite (default) or PostgreSQL, through SQLAlchemy Core.

The table ``scenarios`` holds the current version: ``name`` (unique), ``version`` (1 on creation,
+1 on every change), ``body`` (the scenario as JSON text, :meth:`Scenario.to_json`), ``created``,
``updated`` (UTC) and ``author``. Every version is also kept with its author and time in
``scenario_versions`` (:meth:`ScenarioStore.history`, ``restore``; ``strategy/store_audit.py``,
which also upgrades a store written by an older release in place). The writing methods take the
acting user (``actor``, :mod:`strategy.team.roles`) and refuse a role that may not act with
:class:`PermissionDeniedError`; without one they act as ``default_actor`` (laptop mode: admin).
Results kept with a scenario (its last sweeps) are in ``scenario_results``, and the sweep schema
version in ``store_meta`` (:mod:`strategy.store_results`, also upgraded when a store opens).

No lost updates (optimistic concurrency): a planner loads a scenario with its version and saves
with that version as ``expected_version``. The change is one statement
``UPDATE ... WHERE name = :name AND version = :expected``; when another session saved in between,
no row matches and :class:`ConflictError` says which version is current. Saving a new name
(``expected_version=None``) is an ``INSERT`` that the unique name turns into a conflict when the
name exists. Nothing is ever overwritten silently.

Atomic writes: every operation is one transaction, so a crash in the middle of a save leaves the
previous version. SQLite runs in WAL mode with ``synchronous=FULL`` and takes the write lock at the
start of a writing transaction (``BEGIN IMMEDIATE``), so two processes queue instead of failing.

Where the store lives (:func:`default_url`): the environment variable ``ICT_STRATEGY_DB_URL`` if
set, else ``~/.ict_strategy/scenarios.sqlite``. Any SQLAlchemy URL works, e.g.
``postgresql+psycopg://user:password@host/db`` (``postgresql://`` is read as psycopg 3); a plain
file path means a SQLite file.

Errors are :class:`StoreError` subclasses (``strategy/store_errors.py``) with messages in Japanese
and English (``error.message(lang)``); invalid JSON given to :meth:`ScenarioStore.import_json` raises
:class:`strategy.scenario.ScenarioError`. A saved row that cannot be read back (corrupt JSON, a
scenario that fails validation, an unknown schema) is a :class:`BadRowError` naming it, and
``list(check=True)`` marks it while the other rows stay usable. A SQLite file in a folder that
cannot be written opens for reading only (``read_only``); every write then raises
:class:`ReadOnlyError`.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import URL, Connection, Engine, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, IntegrityError, NoSuchModuleError, SQLAlchemyError

from strategy import store_audit as audit
from strategy.scenario import Scenario, ScenarioError
from strategy.scenario_schema import Vocabulary
from strategy.store_audit import VersionInfo, versions_table  # noqa: F401  (VersionInfo: history rows)
from strategy.store_audit import read_timestamp as _when
from strategy.store_errors import (  # noqa: F401  (the store's errors are part of its interface)
    BadRowError,
    ConflictError,
    InvalidNameError,
    NameTakenError,
    NotFoundError,
    ReadOnlyError,
    StoreError,
    StoreUnavailableError,
)
from strategy.store_results import ResultsMixin, delete_results, migrate, rename_results
from strategy.store_rows import renamed_body, scenario_of_row
from strategy.store_workshop import WorkshopStore, workshop_tables
from strategy.team.roles import LOCAL, UNKNOWN_AUTHOR, Action, Actor, PermissionDeniedError  # noqa: F401

ENV_URL = "ICT_STRATEGY_DB_URL"
DEFAULT_PATH = Path("~/.ict_strategy/scenarios.sqlite")
NAME_MAX = 200
AUTHOR_MAX = 320  # an e-mail address

metadata = sa.MetaData()
scenarios = sa.Table(
    "scenarios",
    metadata,
    sa.Column("name", sa.String(NAME_MAX), primary_key=True),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("body", sa.Text, nullable=False),
    sa.Column("created", sa.DateTime(timezone=True), nullable=False),
    sa.Column("updated", sa.DateTime(timezone=True), nullable=False),
    # who saved the current version (added by the audit trail; older rows: "unknown")
    sa.Column("author", sa.String(AUTHOR_MAX), nullable=False, server_default=UNKNOWN_AUTHOR),
)

# every version ever saved, with its author (strategy/store_audit.py); a restore is a new version
scenario_versions = versions_table(metadata, NAME_MAX, AUTHOR_MAX)
# group weight elicitation (strategy/store_workshop.py)
workshops, workshop_inputs = workshop_tables(metadata, NAME_MAX, AUTHOR_MAX)

#: columns added to existing tables after their first release, (table, column): an older store gets
#: them when opened (:func:`upgrade_schema`); new tables are simply created. Append, never edit.
ADDED_COLUMNS: tuple[tuple[str, str], ...] = (("scenarios", "author"),)


def upgrade_schema(conn: Connection) -> list[str]:
    """Bring a store written by an older version up to date in place (idempotent): create missing
    tables, add missing columns, give every current scenario without history its version row (old
    rows: author "unknown"). Returns what was added."""
    added = audit.upgrade_schema(conn, metadata, ADDED_COLUMNS)
    audit.backfill_versions(conn, scenarios, scenario_versions)
    migrate(conn)  # the results tables (strategy.store_results)
    return added


# --- where the store lives ----------------------------------------------------------------------


def default_url() -> str:
    """``ICT_STRATEGY_DB_URL`` if set, else the SQLite file ``~/.ict_strategy/scenarios.sqlite``."""
    env = os.environ.get(ENV_URL, "").strip()
    if env:
        return env
    return sqlite_url(DEFAULT_PATH.expanduser())


def sqlite_url(path: str | os.PathLike[str]) -> str:
    """The SQLAlchemy URL of a SQLite file."""
    return URL.create("sqlite", database=str(Path(path).expanduser().resolve())).render_as_string()


def _resolve(url: str | os.PathLike[str] | None) -> URL:
    if url is None:
        url = default_url()
    text = os.fspath(url)
    if "://" not in text:  # a plain path: a SQLite file
        text = sqlite_url(text)
    try:
        parsed = make_url(text)
    except ArgumentError as exc:
        raise StoreUnavailableError(url=text, detail=str(exc)) from exc
    if parsed.drivername in ("postgresql", "postgres"):  # SQLAlchemy's default is psycopg2; we use psycopg 3
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def _safe(url: URL) -> str:
    """The URL for messages, password hidden."""
    return url.render_as_string(hide_password=True)


# --- the store ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ScenarioInfo:
    """One row of :meth:`ScenarioStore.list`."""

    name: str
    version: int
    created: datetime | None
    updated: datetime | None
    #: why the row cannot be loaded (:class:`BadRowError`), None for a good row
    problem: BadRowError | None = None
    #: who saved the current version ("unknown" for rows saved before authors were recorded)
    author: str = UNKNOWN_AUTHOR


def _now() -> datetime:
    return datetime.now(UTC)


def _check_name(name: object) -> str:
    if not isinstance(name, str) or not name.strip() or len(name) > NAME_MAX or name != name.strip():
        raise InvalidNameError(name=str(name)[:60], max=NAME_MAX)
    return name


def _enable_wal(cursor: Any, timeout: float) -> None:
    """Switch a SQLite file to WAL, waiting out another process doing the same.

    The switch needs an exclusive lock and SQLite can answer "database is locked" at once, without
    calling the busy handler, when two processes open a new file together; WAL is stored in the
    file, so once any process has switched it the others find it already set.
    """
    deadline = time.monotonic() + timeout
    delay = 0.01
    while True:
        try:
            mode = cursor.execute("PRAGMA journal_mode").fetchone()[0]
            if str(mode).lower() in ("wal", "memory"):
                return
            cursor.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) and "busy" not in str(exc):
                raise
            if time.monotonic() >= deadline:
                raise
            time.sleep(delay)
            delay = min(delay * 2, 0.2)


class ScenarioStore(audit.AuditTrail, WorkshopStore, ResultsMixin):
    """Saved scenarios with versions. ``ScenarioStore()`` opens the default store.

    >>> store = ScenarioStore("sqlite://")          # in memory, for a quick look
    >>> v = store.save(Scenario(name="ASEAN"), None)  # new: version 1
    >>> scenario, version = store.load("ASEAN")
    >>> store.save(scenario, version)                 # the next version
    2
    """

    _versions, _workshops, _inputs = scenario_versions, workshops, workshop_inputs

    def __init__(
        self, url: str | os.PathLike[str] | None = None, *, timeout: float = 30.0, default_actor: Actor | None = LOCAL
    ):
        self.url = _resolve(url)
        #: who acts when a writing method is called without ``actor``: the laptop's admin ``local``
        #: by default; None (team mode) makes every write name its actor or be refused
        self.default_actor = default_actor
        #: True when the store could only be opened for reading (a read-only folder or file)
        self.read_only = False
        #: True for a read-only store written before the audit trail (it cannot be upgraded)
        self._legacy = False
        try:
            self._engine = self._create_engine(self.url, timeout)
            self._ensure_schema()
        except (StoreUnavailableError, ReadOnlyError):
            file = self._sqlite_file()
            if file is None or not file.is_file():
                raise
            self._engine.dispose()
            self._open_read_only(file, timeout)

    def _sqlite_file(self) -> Path | None:
        """The SQLite file of the store, None for an in-memory or server database."""
        database = self.url.database or ""
        if self.url.get_backend_name() != "sqlite" or not database or database == ":memory:":
            return None
        return None if database.startswith("file:") else Path(database)

    def _open_read_only(self, file: Path, timeout: float) -> None:
        """Open a SQLite store that cannot be written, for reading only: ``mode=ro``, or
        ``immutable=1`` when SQLite cannot create its WAL side files in a read-only folder."""
        last: Exception | None = None
        for flag in ("mode=ro", "immutable=1"):
            uri = f"file:{file.resolve().as_posix()}?{flag}"
            engine = sa.create_engine(
                "sqlite://",
                creator=lambda uri=uri: sqlite3.connect(uri, uri=True, timeout=timeout, check_same_thread=False),
            )
            try:
                with engine.connect() as conn:
                    conn.execute(sa.select(sa.func.count()).select_from(scenarios)).scalar()
            except (SQLAlchemyError, OSError) as exc:
                engine.dispose()
                last = exc
                continue
            self._engine, self.read_only = engine, True
            with engine.connect() as conn:
                self._legacy = bool(audit.missing_schema(conn, metadata, ADDED_COLUMNS))
            return
        detail = str(last.orig) if isinstance(last, DBAPIError) and last.orig is not None else str(last)
        raise StoreUnavailableError(url=_safe(self.url), detail=detail.strip().splitlines()[0])

    def _writable(self) -> None:
        if self.read_only:
            file = self._sqlite_file()
            raise ReadOnlyError(folder=str(file.parent if file else _safe(self.url)))

    # - plumbing -

    @staticmethod
    def _create_engine(url: URL, timeout: float) -> Engine:
        kwargs: dict[str, Any] = {}
        is_sqlite = url.get_backend_name() == "sqlite"
        if is_sqlite:
            database = url.database or ""
            if database and database != ":memory:" and not database.startswith("file:"):
                folder = Path(database).parent
                try:
                    folder.mkdir(parents=True, exist_ok=True)
                except OSError as exc:
                    raise StoreUnavailableError(url=_safe(url), detail=str(exc)) from exc
            kwargs["connect_args"] = {"timeout": timeout}
            if not database or database == ":memory:":
                kwargs["poolclass"] = sa.StaticPool  # one shared in-memory database
                kwargs["connect_args"]["check_same_thread"] = False
        else:
            kwargs["pool_pre_ping"] = True
            if url.get_backend_name() == "postgresql":
                kwargs["connect_args"] = {"connect_timeout": max(1, int(timeout))}
        try:
            engine = sa.create_engine(url, **kwargs)
        except (ArgumentError, NoSuchModuleError, ImportError) as exc:
            raise StoreUnavailableError(url=_safe(url), detail=str(exc)) from exc
        if is_sqlite:
            busy_ms = int(timeout * 1000)

            @sa.event.listens_for(engine, "connect")
            def _sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
                # take transaction control from the sqlite3 module: we emit BEGIN ourselves
                dbapi_connection.isolation_level = None
                cursor = dbapi_connection.cursor()
                cursor.execute(f"PRAGMA busy_timeout = {busy_ms}")
                _enable_wal(cursor, timeout)
                cursor.execute("PRAGMA synchronous = FULL")
                cursor.close()

            @sa.event.listens_for(engine, "begin")
            def _sqlite_begin(conn: Connection) -> None:
                # writers take the lock up front: no deadlock upgrading a read lock under WAL
                mode = "IMMEDIATE" if conn.get_execution_options().get("store_write") else "DEFERRED"
                conn.exec_driver_sql(f"BEGIN {mode}")

        return engine

    @contextlib.contextmanager
    def _transaction(self, write: bool) -> Iterator[Connection]:
        """One transaction; database failures become :class:`StoreUnavailableError`."""
        try:
            with self._engine.connect() as conn:
                if write:
                    conn = conn.execution_options(store_write=True)
                with conn.begin():
                    yield conn
        except (StoreError, ScenarioError):
            raise
        except IntegrityError:
            raise
        except (SQLAlchemyError, OSError) as exc:
            detail = str(exc.orig) if isinstance(exc, DBAPIError) and exc.orig is not None else str(exc)
            first = (detail.strip().splitlines() or [""])[0]
            if "readonly" in first.lower() or "read-only" in first.lower():
                file = self._sqlite_file()
                raise ReadOnlyError(folder=str(file.parent if file else _safe(self.url))) from exc
            raise StoreUnavailableError(url=_safe(self.url), detail=first) from exc

    def _ensure_schema(self) -> None:
        for attempt in range(3):
            try:
                with self._transaction(write=True) as conn:
                    upgrade_schema(conn)
                return
            except (IntegrityError, StoreUnavailableError, ReadOnlyError):
                # two processes creating the table at once on PostgreSQL: the loser sees a duplicate
                if attempt == 2:
                    with self._transaction(write=False) as conn:
                        if not audit.missing_schema(conn, metadata, ADDED_COLUMNS):
                            return
                    raise

    def close(self) -> None:
        """Release the connections (the store object is unusable afterwards)."""
        self._engine.dispose()

    def __enter__(self) -> ScenarioStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"ScenarioStore({_safe(self.url)!r})"

    @staticmethod
    def _current(conn: Connection, name: str) -> int | None:
        return conn.execute(sa.select(scenarios.c.version).where(scenarios.c.name == name)).scalar_one_or_none()

    # - reading -

    def list(self, *, check: bool = False) -> list[ScenarioInfo]:
        """Every saved scenario, by name. A row with a missing version or unreadable dates is listed
        with its ``problem``; with ``check`` every body is also read, so a row that cannot be loaded
        is marked (its :class:`BadRowError`) instead of failing later."""
        columns = [scenarios.c.name, scenarios.c.version, scenarios.c.created, scenarios.c.updated]
        if not self._legacy:
            columns.append(scenarios.c.author)
        # SQLite keeps dates as text: read them as text, so one malformed timestamp cannot stop the
        # listing (a server database types them itself)
        as_text = self.url.get_backend_name() == "sqlite"
        raw = [sa.cast(c, sa.Text) if as_text and c.name in ("created", "updated") else c for c in columns]
        if self._legacy:  # a read-only store written before authors were recorded
            raw.append(sa.literal(UNKNOWN_AUTHOR))
        if check:
            raw.append(scenarios.c.body)
        query = sa.select(*raw).order_by(scenarios.c.name)
        with self._transaction(write=False) as conn:
            rows = conn.execute(query).all()
        return [self._info(row, check) for row in rows]

    def _info(self, row: Any, check: bool) -> ScenarioInfo:
        name = str(row[0])
        problem = None
        try:
            version = int(row[1])
        except (TypeError, ValueError):
            version = 0
            problem = BadRowError(name, [("", "store.err.bad_version", {"value": str(row[1])[:40]})])
        created, updated = _when(row[2]), _when(row[3])
        if problem is None and check:
            try:
                scenario_of_row(name, row[5])
            except BadRowError as exc:
                problem = exc
        return ScenarioInfo(name, version, created, updated, problem, str(row[4] or UNKNOWN_AUTHOR))

    def names(self) -> list[str]:
        return [info.name for info in self.list()]

    def __contains__(self, name: object) -> bool:
        if not isinstance(name, str):
            return False
        with self._transaction(write=False) as conn:
            return self._current(conn, name) is not None

    def _row(self, name: str) -> tuple[str, int]:
        query = sa.select(scenarios.c.body, scenarios.c.version).where(scenarios.c.name == name)
        with self._transaction(write=False) as conn:
            row = conn.execute(query).one_or_none()
        if row is None:
            raise NotFoundError(name=name)
        try:
            return row.body, int(row.version)
        except (TypeError, ValueError):
            raise BadRowError(name, [("", "store.err.bad_version", {"value": str(row.version)[:40]})]) from None

    def load(self, name: str, vocabulary: Vocabulary | None = None) -> tuple[Scenario, int]:
        """The scenario and its version (pass the version back to :meth:`save`), checked against
        the ids of ``vocabulary`` (default: the data folder's; the app passes its session's data);
        a row that cannot be read raises :class:`BadRowError` naming it."""
        body, version = self._row(name)
        return scenario_of_row(name, body, vocabulary), version

    def version(self, name: str) -> int:
        """The current version of ``name``."""
        return self._row(name)[1]

    def export_json(self, name: str) -> str:
        """The saved scenario as JSON text (what :meth:`import_json` reads)."""
        return self.load(name)[0].to_json()

    @staticmethod
    def import_json(text: str | bytes) -> Scenario:
        """Validate a scenario from JSON (raises :class:`ScenarioError` with ja/en messages).

        Nothing is saved: pass the result to :meth:`save` (``expected_version=None`` for a new name).
        """
        return Scenario.from_json(text)

    @staticmethod
    def _decode(name: str, body: object, vocabulary: Vocabulary | None = None) -> Scenario:
        return scenario_of_row(name, body, vocabulary)

    # - writing -

    def save(self, scenario: Scenario, expected_version: int | None, *, actor: Actor | None = None) -> int:
        """Save ``scenario`` under ``scenario.name`` and return its new version.

        ``expected_version=None``: a new scenario (version 1); :class:`ConflictError` if the name
        exists. Otherwise the version loaded: the save succeeds only if nobody saved since, else
        :class:`ConflictError` with the current version. Every version is kept
        (:meth:`history`) with ``actor`` as its author (default: the store's ``default_actor``);
        a role that may not save gets :class:`PermissionDeniedError`.
        """
        if not isinstance(scenario, Scenario):
            raise TypeError("save() takes a Scenario")
        actor = self._may(actor, Action.SAVE)
        name = _check_name(scenario.name)
        self._writable()
        if expected_version is not None:
            return self._save_next(scenario, int(expected_version), actor)
        body = scenario.to_json()
        now = _now()
        try:
            with self._transaction(write=True) as conn:
                conn.execute(
                    scenarios.insert().values(
                        name=name, version=1, body=body, created=now, updated=now, author=actor.user
                    )
                )
                self._record(conn, name, 1, body, actor, now)
        except IntegrityError:
            raise ConflictError(name, None, self._version_or_none(name)) from None
        return 1

    def _save_next(self, scenario: Scenario, expected: int, actor: Actor, restored_from: int | None = None) -> int:
        name = _check_name(scenario.name)
        self._writable()
        body = scenario.to_json()
        now = _now()
        with self._transaction(write=True) as conn:
            changed = conn.execute(
                scenarios.update()
                .where(scenarios.c.name == name, scenarios.c.version == expected)
                .values(version=expected + 1, body=body, updated=now, author=actor.user)
            ).rowcount
            if changed != 1:
                raise ConflictError(name, expected, self._current(conn, name))
            self._record(conn, name, expected + 1, body, actor, now, restored_from)
        return expected + 1

    def _version_or_none(self, name: str) -> int | None:
        with self._transaction(write=False) as conn:
            return self._current(conn, name)

    def rename(self, old: str, new: str, expected_version: int, *, actor: Actor | None = None) -> int:
        """Rename ``old`` to ``new`` (the JSON body's name and the history follow); returns the new
        version."""
        actor = self._may(actor, Action.SAVE)
        new = _check_name(new)
        self._writable()
        expected = int(expected_version)
        now = _now()
        try:
            with self._transaction(write=True) as conn:
                row = conn.execute(
                    sa.select(scenarios.c.body, scenarios.c.version).where(scenarios.c.name == old)
                ).one_or_none()
                if row is None:
                    raise NotFoundError(name=old)
                if int(row.version) != expected:
                    raise ConflictError(old, expected, int(row.version))
                if new != old and self._current(conn, new) is not None:
                    raise NameTakenError(name=new)
                body = renamed_body(old, row.body, new)
                changed = conn.execute(
                    scenarios.update()
                    .where(scenarios.c.name == old, scenarios.c.version == expected)
                    .values(name=new, version=expected + 1, body=body, updated=now, author=actor.user)
                ).rowcount
                if changed != 1:
                    raise ConflictError(old, expected, self._current(conn, old))
                if new != old:
                    conn.execute(self._versions.delete().where(self._versions.c.name == new))  # stale rows
                    conn.execute(self._versions.update().where(self._versions.c.name == old).values(name=new))
                self._record(conn, new, expected + 1, body, actor, now)
                rename_results(conn, old, new)
        except IntegrityError:
            raise NameTakenError(name=new) from None
        return expected + 1

    def duplicate(self, name: str, new_name: str, *, actor: Actor | None = None) -> int:
        """Copy the current version of ``name`` to a new scenario ``new_name`` (version 1)."""
        actor = self._may(actor, Action.SAVE)
        new_name = _check_name(new_name)
        self._writable()
        now = _now()
        try:
            with self._transaction(write=True) as conn:
                body = conn.execute(sa.select(scenarios.c.body).where(scenarios.c.name == name)).scalar_one_or_none()
                if body is None:
                    raise NotFoundError(name=name)
                if self._current(conn, new_name) is not None:
                    raise NameTakenError(name=new_name)
                copy = renamed_body(name, body, new_name)
                conn.execute(
                    scenarios.insert().values(
                        name=new_name, version=1, body=copy, created=now, updated=now, author=actor.user
                    )
                )
                conn.execute(self._versions.delete().where(self._versions.c.name == new_name))  # stale rows
                self._record(conn, new_name, 1, copy, actor, now)
        except IntegrityError:
            raise NameTakenError(name=new_name) from None
        return 1

    def delete(self, name: str, expected_version: int, *, actor: Actor | None = None) -> None:
        """Delete ``name`` and its history if it is still at ``expected_version`` (else
        :class:`ConflictError`); only an admin may delete.

        A row that cannot be read (:class:`BadRowError`) can still be deleted."""
        self._may(actor, Action.DELETE)
        self._writable()
        expected = int(expected_version)
        with self._transaction(write=True) as conn:
            changed = conn.execute(
                scenarios.delete().where(scenarios.c.name == name, scenarios.c.version == expected)
            ).rowcount
            if changed != 1:
                current = self._current(conn, name)
                if current is None:
                    raise NotFoundError(name=name)
                raise ConflictError(name, expected, current)
            conn.execute(self._versions.delete().where(self._versions.c.name == name))
            delete_results(conn, name)
