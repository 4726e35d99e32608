"""The bad scenario corpus (``tests/data/bad_inputs/scenarios/``): every file is refused by the
library, the command line and the Scenarios page with a clear message in Japanese and English that
names where the problem is, never a traceback, and nothing saved changes.

The README beside the files lists each file with the English message it gets; the first test keeps
that table true.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from apptest_helpers import open_app, unescape

from strategy import cli
from strategy.i18n import LANGS
from strategy.scenario import Scenario, ScenarioError
from strategy.scenario_schema import MAX_DEPTH, MAX_ITEMS, MAX_JSON_BYTES
from strategy.store import ENV_URL, ScenarioStore, scenarios, sqlite_url

CORPUS = Path(__file__).parent / "data" / "bad_inputs" / "scenarios"
FILES = sorted(CORPUS.glob("*.json"))
EXCEPTION_NAME = re.compile(r"\b[A-Z]\w*(Error|Exception)\b|Traceback")


def _readme() -> dict[str, str]:
    rows = re.findall(r"^\| `([^`]+)` \| [^|]+ \| (.+) \|$", (CORPUS / "README.md").read_text("utf-8"), re.M)
    return dict(rows)


def _problems(path: Path) -> ScenarioError:
    with pytest.raises(ScenarioError) as info:
        Scenario.from_json(path.read_bytes())
    return info.value


def test_the_corpus_is_large_and_small_and_listed() -> None:
    assert len(FILES) >= 20
    assert all(p.stat().st_size < 4_096 for p in FILES)  # committed files stay small
    assert sorted(_readme()) == [p.name for p in FILES]


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_library_refuses_with_the_listed_message(path: Path) -> None:
    error = _problems(path)
    assert " / ".join(error.messages("en")) == _readme()[path.name]
    for lang in LANGS:
        messages = error.messages(lang)
        assert messages and all(m.strip() for m in messages)
        assert not EXCEPTION_NAME.search(" ".join(messages))
        for where, _, _ in error.problems:  # every problem names its path
            assert not where or any(where in m for m in messages)
    assert error.messages("ja") != error.messages("en")


def test_huge_strength_table_and_deep_data_are_refused_fast() -> None:
    strength = {f"k{i:06d}": 0.5 for i in range(100_000)}
    text = json.dumps({"japan_strength": strength})
    assert len(text) > MAX_JSON_BYTES
    too_big = pytest.raises(ScenarioError, Scenario.from_json, text).value
    assert [key for _, key, _ in too_big.problems] == ["schema.err.too_large"]
    too_many = pytest.raises(ScenarioError, Scenario.from_dict, {"japan_strength": strength}).value
    assert too_many.problems == [("japan_strength", "schema.err.too_many", {"n": 100_000, "max": MAX_ITEMS})]
    assert "japan_strength" in too_many.messages("ja")[0] and "100000" in too_many.messages("en")[0]
    deep: dict = {}
    node = deep
    for _ in range(1_000):
        node["x"] = {}
        node = node["x"]
    nested = pytest.raises(ScenarioError, Scenario.from_dict, {"constraints": deep}).value
    assert [key for _, key, _ in nested.problems] == ["schema.err.too_deep"]
    assert f"{MAX_DEPTH}" in nested.messages("en")[0]


@pytest.mark.parametrize("lang", LANGS)
def test_cli_refuses_every_file_with_exit_2_and_saves_nothing(
    lang: str, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    db = sqlite_url(tmp_path / "store.sqlite")
    with ScenarioStore(db) as store:
        store.save(Scenario(name="Kept"), None)
        before = store.export_json("Kept")
    for path in FILES:
        expected = _problems(path).messages(lang)
        for argv in (["plan", "--scenario", str(path)], ["scenarios", "import", str(path), "--db", db]):
            assert cli.main([*argv, "--lang", lang, "--quiet"]) == 2, path.name
            err = capsys.readouterr().err
            assert all(m in err for m in expected), (path.name, err)
            assert not EXCEPTION_NAME.search(err), err
    with ScenarioStore(db) as store:
        assert store.names() == ["Kept"] and store.version("Kept") == 1 and store.export_json("Kept") == before


@pytest.mark.usefixtures("bundled_data")
@pytest.mark.parametrize("lang", LANGS)
def test_scenarios_page_shows_the_problems_and_saves_nothing(
    lang: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = sqlite_url(tmp_path / "store.sqlite")
    monkeypatch.setenv(ENV_URL, db)
    with ScenarioStore(db) as store:
        store.save(Scenario(name="Kept"), None)
        before = store.export_json("Kept")
    at = open_app("ui/pages/scenarios.py", lang, timeout=120)
    assert not at.exception
    for path in FILES:
        at.file_uploader(key="scn_import").set_value((path.name, path.read_bytes(), "application/json")).run()
        assert not at.exception, (path.name, [e.value for e in at.exception])
        errors = [unescape(e.value) for e in at.error]
        assert len(errors) == 1, (path.name, errors)
        assert path.name in errors[0] and all(m in errors[0] for m in _problems(path).messages(lang)), errors
        assert not EXCEPTION_NAME.search(errors[0])
        assert "scn_import_apply" not in [b.key for b in at.button]  # nothing to apply
    with ScenarioStore(db) as store:
        assert store.names() == ["Kept"] and store.version("Kept") == 1 and store.export_json("Kept") == before


@pytest.mark.usefixtures("bundled_data")
def test_a_saved_row_outside_the_schema_gets_a_message_on_the_scenarios_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = sqlite_url(tmp_path / "store.sqlite")
    monkeypatch.setenv(ENV_URL, db)
    with ScenarioStore(db) as store:
        store.save(Scenario(name="Old"), None)
        with store._transaction(write=True) as conn:  # saved before the ranges, or edited by hand
            body = json.dumps({"name": "Old", "constraints": {"budget": 5000}})
            conn.execute(scenarios.update().where(scenarios.c.name == "Old").values(body=body))
        before = store.list()
    at = open_app("ui/pages/scenarios.py", "en", timeout=120)
    assert not at.exception, [e.value for e in at.exception]
    wanted = "Scenario field 'constraints.budget': must be from 0 to 1000 (given: 5000)."
    shown = [unescape(e.value) for e in (*at.error, *at.warning)]
    assert any(wanted in text for text in shown), shown  # the list marks the bad row and says why
    at.selectbox(key="scn_chosen").set_value("Old")
    at.button(key="scn_load").click().run()
    assert not at.exception and any(wanted in unescape(e.value) for e in at.error)
    at.text_input(key="scn_new_name").set_value("Renamed")
    at.button(key="scn_rename").click().run()
    assert not at.exception and any(wanted in unescape(e.value) for e in at.error)
    with ScenarioStore(db) as store:
        assert store.list() == before
