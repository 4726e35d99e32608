"""The scenario store, on SQLite and on a throwaway PostgreSQL cluster (tests/pg.py).

Round trip (same results bit for bit), versions and conflicts, rename/duplicate/delete, import
validation, two processes saving the same scenario (no lost update), and a writer killed with
SIGKILL in the middle of saves (the store opens and holds the last good version).
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest

from strategy.data.dataset import Dataset
from strategy.scenario import Scenario, ScenarioError, evaluate
from strategy.scoring import Settings, Universe
from strategy.store import (
    ENV_URL,
    ConflictError,
    InvalidNameError,
    NameTakenError,
    NotFoundError,
    ScenarioStore,
    StoreUnavailableError,
    default_url,
    sqlite_url,
)

sys.path.insert(0, str(Path(__file__).parent))
from pg import SKIP_REASON, PostgresCluster, postgres_cluster  # noqa: E402

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresCluster]:
    """One throwaway PostgreSQL cluster for the session (skipped only without server binaries)."""
    try:
        with postgres_cluster() as cluster:
            yield cluster
    except LookupError as exc:
        pytest.skip(str(exc) or SKIP_REASON)


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh, empty store: a SQLite file, or a new database on the test cluster."""
    if request.param == "sqlite":
        return sqlite_url(tmp_path / "scenarios.sqlite")
    cluster: PostgresCluster = request.getfixturevalue("postgres")
    return cluster.create_database("store")


@pytest.fixture
def store(url: str) -> Iterator[ScenarioStore]:
    with ScenarioStore(url) as s:
        yield s


def tuned(dataset: Dataset, name: str = "ASEAN 2027") -> Scenario:
    return replace(
        Scenario.default(dataset, name),
        universe=Universe(memberships=("asean",), include=("IND",)),
        settings=Settings(method="topsis", normalisation="vector", missing="regional_median"),
        japan_strength={"digital_tv": 0.9},
        presence_default=0.4,
    )


def python(code: str, *args: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen(
        [sys.executable, "-c", code, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=REPO,
        env=env,
    )


# --- single session -------------------------------------------------------------------------------


def test_round_trip_gives_the_same_results_bit_for_bit(store: ScenarioStore, dataset: Dataset):
    scenario = tuned(dataset)
    assert store.save(scenario, None) == 1
    loaded, version = store.load(scenario.name)
    assert version == 1
    assert loaded == scenario
    a, b = evaluate(dataset, scenario), evaluate(dataset, loaded)
    pd.testing.assert_frame_equal(a.opportunity, b.opportunity, check_exact=True)
    pd.testing.assert_series_equal(a.market.score, b.market.score, check_exact=True)
    pd.testing.assert_frame_equal(a.market.contributions, b.market.contributions, check_exact=True)
    # and through the JSON export / import
    again = store.import_json(store.export_json(scenario.name))
    assert again == scenario
    info = store.list()
    assert [(i.name, i.version) for i in info] == [(scenario.name, 1)]
    assert info[0].created.tzinfo is not None and info[0].updated >= info[0].created


def test_versions_and_conflicts_never_overwrite(store: ScenarioStore, dataset: Dataset):
    base = Scenario.default(dataset, "plan A")
    assert store.save(base, None) == 1
    with pytest.raises(ConflictError) as exists:
        store.save(base, None)  # a new scenario with a taken name
    assert exists.value.current == 1 and exists.value.expected is None
    assert "plan A" in exists.value.message("ja") and "上書き" in exists.value.message("ja")

    mine, v = store.load("plan A")
    theirs, w = store.load("plan A")
    assert store.save(replace(theirs, presence_default=0.7), w) == 2  # the other session saves first
    with pytest.raises(ConflictError) as conflict:
        store.save(replace(mine, presence_default=0.1), v)
    assert (conflict.value.expected, conflict.value.current) == (1, 2)
    assert "1" in conflict.value.message("en") and "2" in conflict.value.message("en")
    assert "別のセッション" in conflict.value.message("ja")
    assert store.load("plan A")[0].presence_default == 0.7  # their save stands

    with pytest.raises(ConflictError):
        store.delete("plan A", 1)
    store.delete("plan A", 2)
    assert "plan A" not in store
    with pytest.raises(NotFoundError) as missing:
        store.load("plan A")
    assert "plan A" in missing.value.message("ja")
    with pytest.raises(ConflictError) as gone:  # saving a version of a deleted scenario
        store.save(base, 2)
    assert gone.value.current is None and gone.value.key == "store.err.deleted"


def test_rename_and_duplicate(store: ScenarioStore, dataset: Dataset):
    store.save(Scenario.default(dataset, "draft"), None)
    store.save(Scenario.default(dataset, "other"), None)
    assert store.duplicate("draft", "draft (copy)") == 1
    assert store.load("draft (copy)")[0].name == "draft (copy)"  # the JSON body follows the name
    with pytest.raises(NameTakenError):
        store.duplicate("draft", "other")
    with pytest.raises(NotFoundError):
        store.duplicate("nothing", "x")
    with pytest.raises(ConflictError):
        store.rename("draft", "final", expected_version=5)
    with pytest.raises(NameTakenError):
        store.rename("draft", "other", expected_version=1)
    assert store.rename("draft", "最終案", expected_version=1) == 2
    scenario, version = store.load("最終案")
    assert scenario.name == "最終案" and version == 2
    assert store.names() == sorted(["draft (copy)", "other", "最終案"])
    with pytest.raises(NotFoundError):
        store.load("draft")


def test_import_validates_with_messages_in_both_languages(store: ScenarioStore, dataset: Dataset):
    data = json.loads(Scenario.default(dataset).to_json())
    data["settings"]["normalisation"] = "magic"
    with pytest.raises(ScenarioError) as info:
        store.import_json(json.dumps(data))
    assert any("settings.normalisation" in m for m in info.value.messages("ja"))
    assert any("magic" in m for m in info.value.messages("en"))
    with pytest.raises(ScenarioError):
        store.import_json(b"{not json")
    assert store.list() == []  # nothing saved


@pytest.mark.parametrize("name", ["", "   ", " padded", "x" * 201])
def test_bad_names_are_refused(store: ScenarioStore, name: str):
    with pytest.raises(InvalidNameError) as info:
        store.save(Scenario(name=name), None)
    assert info.value.message("ja") and info.value.message("en")


def test_default_location_and_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    monkeypatch.delenv(ENV_URL, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    assert default_url() == sqlite_url(tmp_path / ".ict_strategy" / "scenarios.sqlite")
    with ScenarioStore() as store:
        store.save(Scenario(name="home"), None)
    assert (tmp_path / ".ict_strategy" / "scenarios.sqlite").exists()
    other = tmp_path / "team.sqlite"
    monkeypatch.setenv(ENV_URL, sqlite_url(other))
    with ScenarioStore() as store:
        assert store.list() == []
    assert other.exists()
    with ScenarioStore(tmp_path / "plain path.sqlite") as store:  # a path, not a URL
        assert store.save(Scenario(name="p"), None) == 1


def test_unreachable_store_is_a_clear_error(tmp_path: Path):
    blocker = tmp_path / "a file"
    blocker.write_text("not a folder")
    with pytest.raises(StoreUnavailableError) as info:
        ScenarioStore(blocker / "sub" / "scenarios.sqlite")
    assert "ICT_STRATEGY_DB_URL" in info.value.message("ja")
    with pytest.raises(StoreUnavailableError):
        ScenarioStore("postgresql://nobody:secret@127.0.0.1:1/none", timeout=2)
    with pytest.raises(StoreUnavailableError) as bad:
        ScenarioStore("nosuchdriver://x/y")
    assert "secret" not in bad.value.message("en")


# --- two processes --------------------------------------------------------------------------------

SAVER = r"""
import json, os, random, sys, time
from dataclasses import replace
from strategy.scenario import Scenario
from strategy.store import ConflictError, ScenarioStore

url, name, tag, n, go, go2 = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5], sys.argv[6]
print("ready", flush=True)
while not os.path.exists(go):
    time.sleep(0.002)
store = ScenarioStore(url)                       # both create the table at the same moment
try:
    store.save(Scenario(name=name), None)        # and both try to create the scenario
    created = True
except ConflictError:
    created = False
rng = random.Random(tag)
versions, conflicts, done = [], [], 0
first = True
while done < n:
    scenario, version = store.load(name)         # read ...
    if first:  # both hold version 1 and save together: one collision is certain, whatever the load
        print("loaded", flush=True)
        while not os.path.exists(go2):
            time.sleep(0.002)
        first = False
    marks = dict(m.split("=") for m in (scenario.preset or "").split(";") if "=" in m)
    marks[f"{tag}{done}"] = str(version)         # ... modify (the marks ride in the preset text) ...
    time.sleep(rng.uniform(0, 0.004))            # (think time: the other process may save meanwhile)
    try:
        body = replace(scenario, preset=";".join(f"{k}={v}" for k, v in marks.items()))
        new = store.save(body, version)          # ... write
    except ConflictError as exc:
        conflicts.append([version, exc.current])
        continue
    versions.append(new)
    done += 1
print(json.dumps({"created": created, "versions": versions, "conflicts": conflicts}), flush=True)
"""


def test_two_processes_no_lost_update(url: str, tmp_path: Path):
    n = 25
    go = tmp_path / "go"
    go2 = tmp_path / "go2"
    workers = {tag: python(SAVER, url, "shared", tag, str(n), str(go), str(go2)) for tag in ("A", "B")}
    for proc in workers.values():
        assert proc.stdout.readline().strip() == "ready"
    go.touch()
    for proc in workers.values():
        assert proc.stdout.readline().strip() == "loaded"
    go2.touch()
    results = {}
    for tag, proc in workers.items():
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
        results[tag] = json.loads(out.strip().splitlines()[-1])

    assert sorted(r["created"] for r in results.values()) == [False, True]  # exactly one created it
    successes = [v for r in results.values() for v in r["versions"]]
    # every successful save made exactly one new version: 2..2n+1, none twice
    assert sorted(successes) == list(range(2, 2 * n + 2))
    with ScenarioStore(url) as store:
        final, version = store.load("shared")
    assert version == len(successes) + 1  # the creating insert is version 1
    # no lost update: every successful save's change is in the final scenario, on the version it read
    marks = dict(m.split("=") for m in final.preset.split(";"))
    assert set(marks) == {f"{tag}{i}" for tag in ("A", "B") for i in range(n)}
    for tag, r in results.items():
        assert [int(marks[f"{tag}{i}"]) + 1 for i in range(n)] == r["versions"]
    # conflicts were reported, each naming a newer current version
    conflicts = [c for r in results.values() for c in r["conflicts"]]
    assert conflicts, "the two writers never collided; the test did not exercise conflicts"
    assert all(current is not None and current > expected for expected, current in conflicts)


# --- crash during save ----------------------------------------------------------------------------

WRITER = r"""
import sys
from dataclasses import replace
from strategy.scenario_schema import Vocabulary
from strategy.store import ScenarioStore

url, name = sys.argv[1], sys.argv[2]
store = ScenarioStore(url)
scenario, version = store.load(name)
known = Vocabulary.from_folder()
pairs = tuple((c, f) for c in sorted(known.country)[:50] for f in sorted(known.field))
filler = replace(scenario.constraints, exclude_pairs=pairs)   # a large body: the kill lands inside writes
print("ready", flush=True)
while True:
    body = replace(scenario, constraints=filler, preset=f"v{version + 1}")
    version = store.save(body, version)
    print(version, flush=True)
"""

HOLDER = r"""
import sys, time
from strategy.store import ScenarioStore, scenarios

url, name = sys.argv[1], sys.argv[2]
store = ScenarioStore(url)
with store._transaction(write=True) as conn:     # the transaction save() uses, left open
    conn.execute(scenarios.update().where(scenarios.c.name == name).values(version=999, body='{"half": '))
    print("written", flush=True)
    time.sleep(60)
"""


def _check_intact(url: str, at_least: int, at_most: int) -> int:
    with ScenarioStore(url) as store:
        scenario, version = store.load("crash")
        assert at_least <= version <= at_most
        json.loads(store.export_json("crash"))  # valid JSON
        if version > 1:  # the body is the one written with this version, not a mix
            assert scenario.preset == f"v{version}"
        assert store.save(scenario, version) == version + 1  # and the store still takes saves
    if url.startswith("sqlite"):
        path = url.split("///", 1)[1]
        with sqlite3.connect(path) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    return version + 1


def test_killed_writer_leaves_the_last_good_version(url: str):
    with ScenarioStore(url) as store:
        store.save(Scenario(name="crash"), None)
    for stop_after in (3, 11):
        proc = python(WRITER, url, "crash")
        assert proc.stdout.readline().strip() == "ready", proc.stderr.read()
        printed = []
        while len(printed) < stop_after:
            line = proc.stdout.readline()
            assert line, proc.stderr.read()
            printed.append(int(line))
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
        proc.stdout.close()
        proc.stderr.close()
        assert proc.returncode == -signal.SIGKILL
        # the last printed save is committed; one more may have committed before the kill
        _check_intact(url, printed[-1], printed[-1] + 1)


def test_killed_in_the_middle_of_a_transaction(url: str):
    with ScenarioStore(url) as store:
        store.save(Scenario(name="crash"), None)
        scenario, version = store.load("crash")
        store.save(replace(scenario, preset="v2"), version)
        proc = python(HOLDER, url, "crash")
        assert proc.stdout.readline().strip() == "written", proc.stderr.read()
        # a reader meanwhile sees the last committed version, never the half-written one
        assert store.version("crash") == 2
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
        proc.stdout.close()
        proc.stderr.close()
    deadline = time.monotonic() + 30
    while True:  # PostgreSQL releases the dead client's row lock once it notices the closed socket
        try:
            _check_intact(url, 2, 2)
            break
        except StoreUnavailableError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)
