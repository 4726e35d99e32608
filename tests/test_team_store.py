"""The audit trail and roles in the scenario store, on SQLite and the throwaway PostgreSQL cluster.

Every save keeps a version with its author and time; a restore is a new version; a store written by
the code before the audit trail (its table created here directly, as that code did) opens, is
upgraded in place, and its rows get the author "unknown"; a viewer's save, a planner's delete are
refused by the store itself, even when called directly; the diff of two versions names the paths
that changed with the values before and after.
"""

from __future__ import annotations

import sys
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa
from store_helpers import write_old_store

from strategy.data.dataset import Dataset
from strategy.scenario import Scenario
from strategy.store import ConflictError, NotFoundError, PermissionDeniedError, ScenarioStore, upgrade_schema
from strategy.team.diff import Change, scenario_diff
from strategy.team.roles import LOCAL, Action, Actor, Role

sys.path.insert(0, str(Path(__file__).parent))
import test_store  # noqa: E402

# the store tests' fixtures: a fresh SQLite file or PostgreSQL database (one cluster per session)
postgres = test_store.postgres
url = test_store.url
tuned = test_store.tuned

AYUMI = Actor("ayumi@example.org", Role.PLANNER)
KENJI = Actor("kenji@example.org", Role.PLANNER)
VIEWER = Actor("viewer@example.org", Role.VIEWER)
ADMIN = Actor("admin@example.org", Role.ADMIN)


def test_every_save_is_a_version_with_its_author(url: str, dataset: Dataset):
    with ScenarioStore(url) as store:
        first = tuned(dataset)
        assert store.save(first, None, actor=AYUMI) == 1
        second = replace(first, presence_default=0.7)
        assert store.save(second, 1, actor=KENJI) == 2
        with pytest.raises(ConflictError):  # optimistic conflicts as before
            store.save(first, 1, actor=AYUMI)
        history = store.history(first.name)
        assert [(h.version, h.author) for h in history] == [(2, KENJI.user), (1, AYUMI.user)]
        assert all(h.saved is not None and h.saved.tzinfo is not None for h in history)
        assert history[0].saved >= history[1].saved
        assert store.load_version(first.name, 1) == first
        assert store.load_version(first.name, 2) == second
        assert store.list()[0].author == KENJI.user
        # restore version 1: a new version 3, a copy of 1; versions 1 and 2 stay
        assert store.restore(first.name, 1, 2, actor=AYUMI) == 3
        scenario, version = store.load(first.name)
        assert (scenario, version) == (first, 3)
        assert [(h.version, h.author, h.restored_from) for h in store.history(first.name)] == [
            (3, AYUMI.user, 1),
            (2, KENJI.user, None),
            (1, AYUMI.user, None),
        ]
        assert store.load_version(first.name, 2) == second
        with pytest.raises(ConflictError):  # a stale restore is a conflict too
            store.restore(first.name, 2, 2, actor=AYUMI)
        # rename carries the history; duplicate starts a new one; delete removes it
        assert store.rename(first.name, "renamed", 3, actor=KENJI) == 4
        assert [h.version for h in store.history("renamed")] == [4, 3, 2, 1]
        assert store.load_version("renamed", 2).name == "renamed"
        store.duplicate("renamed", "copy", actor=AYUMI)
        assert [(h.version, h.author) for h in store.history("copy")] == [(1, AYUMI.user)]
        store.delete("copy", 1)  # the default actor: laptop mode's admin
        with pytest.raises(NotFoundError):
            store.history("copy")
        store.save(Scenario(name="copy"), None)  # the name can be used again, with a fresh history
        assert [(h.version, h.author) for h in store.history("copy")] == [(1, LOCAL.user)]


def test_an_old_store_is_upgraded_in_place(url: str, dataset: Dataset):
    a, b = tuned(dataset, "old A"), Scenario.default(dataset, "old B")
    write_old_store(url, {a.name: a.to_json(), b.name: b.to_json()})
    with ScenarioStore(url) as store:
        infos = {i.name: i for i in store.list(check=True)}
        assert {n: (i.version, i.author, i.problem) for n, i in infos.items()} == {
            "old A": (3, "unknown", None),
            "old B": (4, "unknown", None),
        }
        assert store.load("old A") == (a, 3)
        assert [(h.version, h.author) for h in store.history("old A")] == [(3, "unknown")]
        assert store.history("old A")[0].saved == datetime(2026, 11, 2, 9, 30, tzinfo=UTC)
        assert store.save(replace(a, presence_default=0.2), 3, actor=AYUMI) == 4
        assert [(h.version, h.author) for h in store.history("old A")] == [(4, AYUMI.user), (3, "unknown")]
    with ScenarioStore(url) as store:  # opening again changes nothing
        assert [h.version for h in store.history("old A")] == [4, 3]
        assert [h.version for h in store.history("old B")] == [4]
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        assert upgrade_schema(conn) == []  # nothing left to add
        columns = {c["name"] for c in sa.inspect(conn).get_columns("scenarios")}
        tables = set(sa.inspect(conn).get_table_names())
    engine.dispose()
    assert "author" in columns
    assert {"scenarios", "scenario_versions", "workshops", "workshop_inputs"} <= tables


def test_roles_are_enforced_by_the_store(url: str, dataset: Dataset):
    with ScenarioStore(url) as store:
        store.save(Scenario.default(dataset, "shared"), None, actor=AYUMI)
        with pytest.raises(PermissionDeniedError) as refused:
            store.save(Scenario.default(dataset, "mine"), None, actor=VIEWER)
        assert refused.value.action == Action.SAVE
        assert VIEWER.user in refused.value.message("en") and "閲覧者" in refused.value.message("ja")
        for attempt in (
            lambda: store.save(Scenario.default(dataset, "shared"), 1, actor=VIEWER),
            lambda: store.rename("shared", "other", 1, actor=VIEWER),
            lambda: store.duplicate("shared", "other", actor=VIEWER),
            lambda: store.restore("shared", 1, 1, actor=VIEWER),
            lambda: store.delete("shared", 1, actor=VIEWER),
            lambda: store.delete("shared", 1, actor=AYUMI),  # a planner may save, not delete
        ):
            with pytest.raises(PermissionDeniedError):
                attempt()
        assert [(i.name, i.version) for i in store.list()] == [("shared", 1)]  # nothing changed
        assert store.load("shared")[1] == 1 and len(store.history("shared")) == 1
        store.delete("shared", 1, actor=ADMIN)
        assert store.list() == []
    # team mode: a store without a default actor refuses writes that do not say who acts
    with ScenarioStore(url, default_actor=None) as team:
        with pytest.raises(PermissionDeniedError) as anonymous:
            team.save(Scenario(name="anonymous"), None)
        assert "サインイン" in anonymous.value.message("ja")
        assert team.save(Scenario(name="signed"), None, actor=AYUMI) == 1


def test_diff_names_what_changed(dataset: Dataset):
    base = tuned(dataset)
    pillars = dict(base.market_weights.pillars)
    pillars["growth"] = pillars.get("growth", 1.0) + 2
    changed = replace(
        base,
        market_weights=replace(base.market_weights, pillars=pillars),
        settings=replace(base.settings, method="weighted_sum"),
        constraints=replace(base.constraints, budget=base.constraints.budget + 5),
    )
    diff = scenario_diff(base, changed)
    assert {c.path: (c.before, c.after) for c in diff} == {
        "market_weights.pillars.growth": (base.market_weights.pillars.get("growth", 1.0), pillars["growth"]),
        "settings.method": ("topsis", "weighted_sum"),
        "constraints.budget": (base.constraints.budget, base.constraints.budget + 5),
    }
    assert [c.section for c in diff] == ["market_weights", "settings", "constraints"]  # weights first
    assert scenario_diff(changed, changed) == []
    first = scenario_diff(None, base)  # the first version: every parameter, nothing before
    assert first and all(c.before is None for c in first)
    assert Change("settings.method", None, "topsis") in first


OPENER = r"""
import os, sys, time
from strategy.store import ScenarioStore
url, go = sys.argv[1], sys.argv[2]
print("ready", flush=True)
while not os.path.exists(go):
    time.sleep(0.002)
with ScenarioStore(url) as store:
    print(store.history("old A")[-1].author, flush=True)
"""


def test_two_processes_upgrading_an_old_store_at_once(url: str, dataset: Dataset, tmp_path: Path):
    a = tuned(dataset, "old A")
    write_old_store(url, {a.name: a.to_json()})
    go = tmp_path / "go"
    workers = [test_store.python(OPENER, url, str(go)) for _ in range(3)]
    for proc in workers:
        assert proc.stdout.readline().strip() == "ready"
    go.touch()
    for proc in workers:
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
        assert out.strip().splitlines()[-1] == "unknown"
    with ScenarioStore(url) as store:
        assert [(h.version, h.author) for h in store.history("old A")] == [(3, "unknown")]  # one row, not three
