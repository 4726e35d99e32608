"""Sweep results in the scenario store (strategy.store_results): an old store (schema 1, the
``scenarios`` table only) opens and is upgraded with its scenarios intact, on SQLite and on a
throwaway PostgreSQL cluster; results follow a rename and go with a delete; a read-only old store
reads as having none."""

from __future__ import annotations

import sqlite3
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from store_helpers import write_old_store

from strategy.analysis import sweep as sw
from strategy.analysis import sweep_io
from strategy.scenario import Scenario
from strategy.store import ReadOnlyError, ScenarioStore, sqlite_url
from strategy.store_results import KEEP, STORE_SCHEMA, schema_version

sys.path.insert(0, str(Path(__file__).parent))
from pg import SKIP_REASON, PostgresCluster, postgres_cluster  # noqa: E402


@pytest.fixture(scope="module")
def postgres() -> Iterator[PostgresCluster]:
    try:
        with postgres_cluster() as cluster:
            yield cluster
    except LookupError as exc:
        pytest.skip(str(exc) or SKIP_REASON)


@pytest.fixture(params=["sqlite", "postgresql"])
def old_store(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A store as the first version wrote it: the ``scenarios`` table only, one scenario in it."""
    if request.param == "sqlite":
        url = sqlite_url(tmp_path / "old.sqlite")
    else:
        url = request.getfixturevalue("postgres").create_database("old")
    # the first schema, exactly: one scenarios table, its row at version 3
    write_old_store(
        url.replace("postgresql://", "postgresql+psycopg://", 1), {"ASEAN": Scenario(name="ASEAN").to_json()}
    )
    return url


def a_result(budgets: tuple[float, ...] = (10.0, 20.0)) -> str:
    definition = sw.SweepDefinition((sw.SweepAxis("budget", budgets),))
    points = [
        sw.PointResult(i, (("budget", b),), "optimal", 1.0 + i, 0.0, (("VNM", "digital_tv", 1),), (), b, 2.0, 0.1)
        for i, b in enumerate(budgets)
    ]
    return sweep_io.result_to_json(sw.SweepResult.of(definition, points, len(budgets), basis="abc"))


def test_an_old_store_is_upgraded_and_keeps_its_scenarios(old_store: str):
    engine = sa.create_engine(old_store.replace("postgresql://", "postgresql+psycopg://", 1))
    with engine.connect() as conn:
        assert schema_version(conn) == 1
    with ScenarioStore(old_store) as store:
        scenario, version = store.load("ASEAN")
        assert (scenario.name, version) == ("ASEAN", 3)
        assert store.last_result("ASEAN", "sweep") is None
        store.save_result("ASEAN", "sweep", a_result(), basis="abc")
        stored = store.last_result("ASEAN", "sweep")
        assert stored is not None and stored.basis == "abc" and stored.created is not None
        assert sweep_io.result_from_json(stored.body).table["budget"].tolist() == [10.0, 20.0]
    with engine.connect() as conn:
        assert schema_version(conn) == STORE_SCHEMA
        assert sa.inspect(conn).has_table("scenario_results")
    engine.dispose()
    with ScenarioStore(old_store) as again:  # opening an upgraded store changes nothing
        assert again.last_result("ASEAN", "sweep") is not None
        assert again.load("ASEAN")[1] == 3


def test_results_follow_rename_and_delete_and_only_the_newest_are_kept(tmp_path: Path):
    with ScenarioStore(tmp_path / "s.sqlite") as store:
        store.save(Scenario(name="A"), None)
        for k in range(KEEP + 2):
            store.save_result("A", "sweep", a_result((float(k + 1),)))
        assert sweep_io.result_from_json(store.last_result("A", "sweep").body).table["budget"].tolist() == [KEEP + 2.0]
        with store._transaction(write=False) as conn:
            assert conn.execute(sa.text("select count(*) from scenario_results")).scalar() == KEEP
        store.save_result("", "sweep", a_result())  # a session that saved no scenario
        store.rename("A", "B", 1)
        assert store.last_result("A", "sweep") is None and store.last_result("B", "sweep") is not None
        store.delete("B", 2)
        assert store.last_result("B", "sweep") is None
        assert store.last_result("", "sweep") is not None


def test_a_read_only_old_store_reads_as_having_no_results(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    file = tmp_path / "old.sqlite"
    with sqlite3.connect(file) as conn:
        conn.execute(
            "CREATE TABLE scenarios (name VARCHAR(200) NOT NULL PRIMARY KEY, version INTEGER NOT NULL, "
            "body TEXT NOT NULL, created DATETIME NOT NULL, updated DATETIME NOT NULL)"
        )

    def refuse(self: ScenarioStore) -> None:  # what a folder the user cannot write does (also as root)
        raise ReadOnlyError(folder=str(tmp_path))

    monkeypatch.setattr(ScenarioStore, "_ensure_schema", refuse)
    with ScenarioStore(file) as store:
        assert store.read_only
        assert store.last_result("ASEAN", "sweep") is None
        with pytest.raises(ReadOnlyError):
            store.save_result("ASEAN", "sweep", a_result())
    with sqlite3.connect(file) as conn:  # not upgraded behind the reader's back
        assert conn.execute("select name from sqlite_master where name = 'scenario_results'").fetchone() is None
