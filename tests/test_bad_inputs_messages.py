"""The bad-input corpus for AHP matrices and store rows (``tests/data/bad_inputs/{ahp,store}``):
each file gets a clear message in Japanese and English, no exception reaches the page, no Python
wording (exception names, library phrasing) reaches the reader, and other saved rows stay as
they were. A read-only store folder can still be read; saving says it is read-only."""

from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
from pathlib import Path

import pytest
from apptest_helpers import open_app

from strategy.i18n import LANGS
from strategy.scenario import Scenario
from strategy.scoring.pairwise import read_pairwise
from strategy.scoring.weights import AHPError, ahp, pairwise_matrix
from strategy.store import ENV_URL, BadRowError, ReadOnlyError, ScenarioStore, sqlite_url
from ui.texts import t
from ui.views.ahp import MATRIX_KEY, read_matrix

CORPUS = Path(__file__).resolve().parent / "data" / "bad_inputs"
AHP_FILES = sorted((CORPUS / "ahp").glob("[0-9]*"))
STORE_FILES = sorted((CORPUS / "store").glob("[0-9]*.json"))

#: what each AHP file must be refused with (the first problem's message key)
AHP_KEYS = {
    "01_empty.csv": "ahp.err.empty",
    "02_not_square.csv": "ahp.err.not_square",
    "03_zero.csv": "ahp.err.not_positive",
    "04_negative.csv": "ahp.err.not_positive",
    "05_nan.json": "ahp.err.not_finite",
    "06_not_numeric.csv": "ahp.err.not_numeric",
    "07_not_reciprocal.csv": "ahp.err.not_reciprocal",
    "08_diagonal.csv": "ahp.err.diagonal",
    "09_out_of_scale.csv": "ahp.err.out_of_scale",
    "10_unknown_pillar.csv": "ahp.err.unknown_label",
    "11_ragged.csv": "ahp.err.ragged",
    "12_no_labels.csv": "ahp.err.no_labels",
    "13_broken.json": "ahp.err.unreadable",
    "14_one_pillar.csv": "ahp.err.too_small",
    "15_duplicate.csv": "ahp.err.duplicate_label",
}

#: Python and library wording that must never reach a reader
LEAKS = re.compile(
    r"Error\b|Exception|Traceback|KeyError|ValueError|TypeError|BadZipFile|UnicodeDecode|encoding|"
    r"zero-size array|argmax|numpy|pandas|sqlite3|sqlalchemy|OperationalError|NoneType|Errno|\bFile \"|"
    r"Expecting (value|property)|\(char \d+\)|line \d+ column \d+",
    re.IGNORECASE,
)
JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


def assert_plain(text: str, lang: str) -> None:
    """A message a planner can read: no Python wording, and Japanese text when ``lang`` is ja."""
    assert text.strip()
    assert not LEAKS.search(text), text
    if lang == "ja":
        assert JAPANESE.search(text), text


def test_the_corpus_is_complete_and_documented() -> None:
    assert len(AHP_FILES) >= 10 and len(STORE_FILES) >= 6
    assert {f.name for f in AHP_FILES} == set(AHP_KEYS)
    for folder, files in (("ahp", AHP_FILES), ("store", STORE_FILES)):
        readme = (CORPUS / folder / "README.md").read_text(encoding="utf-8")
        for f in files:
            assert f"`{f.name}`" in readme, f.name


# --- AHP -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", AHP_FILES, ids=lambda p: p.name)
def test_each_bad_matrix_gets_its_message_in_both_languages(path: Path) -> None:
    matrix, error = read_matrix(path.read_text(encoding="utf-8"))
    assert matrix is None and isinstance(error, AHPError)
    assert error.problems[0].key == AHP_KEYS[path.name]
    ja, en = error.messages("ja"), error.messages("en")
    assert ja != en
    for lang, messages in (("ja", ja), ("en", en)):
        for text in messages:
            assert_plain(text, lang)


def test_typed_reciprocals_are_accepted_and_a_real_disagreement_is_not() -> None:
    typed = read_pairwise(",a,b,c\na,1,9,3\nb,0.1111,1,0.33\nc,0.333,3,1")
    assert typed.loc["a", "b"] == pytest.approx(9, rel=1e-3)
    assert typed.loc["b", "a"] * typed.loc["a", "b"] == pytest.approx(1.0)
    assert ahp(typed).cr == pytest.approx(0.0, abs=1e-3)
    assert read_pairwise("a;b;c\na;1;0,5\nb;2;1".replace("a;b;c", ";a;b")).loc["a", "b"] == pytest.approx(0.5)
    with pytest.raises(AHPError) as info:
        read_pairwise(",a,b\na,1,0.5\nb,3,1")
    text = info.value.messages("en")[0]
    assert "'a'" in text and "'b'" in text and "0.5" in text and "3" in text


def test_ahp_itself_refuses_bad_matrices_with_messages() -> None:
    import pandas as pd

    with pytest.raises(AHPError) as empty:
        ahp(pd.DataFrame())
    assert empty.value.problems[0].key == "ahp.err.empty"
    with pytest.raises(AHPError):
        ahp(pd.DataFrame([[1, 2, 3]], index=["a"], columns=list("abc")))
    with pytest.raises(AHPError):
        pairwise_matrix(["a", "b"], {("a", "b"): float("nan")})
    for lang in LANGS:
        assert_plain(empty.value.message(lang), lang)


@pytest.mark.parametrize("lang", LANGS)
def test_markets_page_shows_each_bad_matrix_in_the_readers_language(lang: str) -> None:
    at = open_app("ui/pages/markets.py", lang, session={"markets_section": "weights"})
    for path in AHP_FILES:
        text = path.read_text(encoding="utf-8") or " "
        at.text_area(key=MATRIX_KEY).input(text).run()
        assert not at.exception, (path.name, [e.value for e in at.exception])
        if not text.strip():  # an empty field is no table yet: nothing to complain about
            assert not at.error
            continue
        _, error = read_matrix(text)
        shown = "\n".join(e.value for e in at.error)
        assert t("ui.mk.ahp_matrix_bad", lang).rstrip(":：") in shown, path.name
        assert error is not None
        first = error.messages(lang)[0]
        assert first.split("（")[0].split("(")[0][:12] in shown.replace("\\", ""), (path.name, shown)
        assert_plain(shown, lang)
    at.text_area(key=MATRIX_KEY).input(",size,growth\nsize,1,2.5\ngrowth,0.4,1").run()
    at.button(key="mk_ahp_matrix_apply").click().run()
    assert not at.exception and not at.error
    assert at.session_state["sc_weight_mode"] == "ahp"
    assert at.session_state["sc_ahp_size__growth"] in (-1, -2)  # 2.5 rounded to 2 or 3, and said so
    assert any(t("ui.mk.ahp_matrix_rounded", lang)[:10] in i.value for i in at.info)


# --- the store -------------------------------------------------------------------------------------


def _case(path: Path) -> dict:
    case = json.loads(path.read_text(encoding="utf-8"))
    if "body_repeat" in case:
        opening, closing, n = case.pop("body_repeat")
        case["body"] = opening * n + closing * n
    if not isinstance(case["body"], str):
        case["body"] = json.dumps(case["body"])
    return case


def _insert(file: Path, case: dict) -> None:
    """A row written behind the store's back, as a damaged file or another tool would leave it."""
    with sqlite3.connect(file) as conn:
        conn.execute(
            "INSERT INTO scenarios (name, version, body, created, updated) VALUES (?, ?, ?, ?, ?)",
            (
                case["name"],
                case["version"],
                case["body"],
                case.get("created", "2026-01-01 00:00:00.000000"),
                case.get("updated", "2026-01-02 00:00:00.000000"),
            ),
        )


def _listing(at):
    """The saved-scenarios table of the Scenarios page."""
    return next(d.value for d in at.dataframe if "problem" in getattr(d.value, "columns", ()))


def _good_store(tmp_path: Path) -> tuple[Path, tuple[str, int]]:
    file = tmp_path / "scenarios.sqlite"
    with ScenarioStore(file) as store:
        store.save(Scenario(name="good"), None)
        version = store.save(store.load("good")[0], 1)
        body = store.export_json("good")
    return file, (body, version)


@pytest.mark.parametrize("path", STORE_FILES, ids=lambda p: p.name)
def test_a_bad_row_is_marked_and_the_others_stay_usable(path: Path, tmp_path: Path) -> None:
    file, good = _good_store(tmp_path)
    case = _case(path)
    _insert(file, case)
    with ScenarioStore(file) as store:
        listed = {info.name: info for info in store.list(check=True)}
        assert set(listed) == {"good", case["name"]}
        assert listed["good"].problem is None
        bad = listed[case["name"]]
        if path.name == "09_bad_dates.json":  # unreadable dates: listed without them, still loads
            assert bad.problem is None and bad.created is None
            assert store.load(case["name"])[1] == 2
        else:
            assert isinstance(bad.problem, BadRowError)
            with pytest.raises(BadRowError) as info:
                store.load(case["name"])
            for lang in LANGS:
                messages = info.value.messages(lang)
                assert case["name"] in messages[0] and len(messages) >= 2
                for text in messages:
                    assert_plain(text, lang)
        assert (store.export_json("good"), store.version("good")) == good
        store.delete(case["name"], bad.version) if bad.version else None
        assert (store.export_json("good"), store.version("good")) == good


@pytest.mark.parametrize("lang", LANGS)
def test_scenarios_page_lists_good_rows_and_marks_bad_ones(
    lang: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    file, good = _good_store(tmp_path)
    cases = [_case(p) for p in STORE_FILES]
    for case in cases:
        _insert(file, case)
    monkeypatch.setenv(ENV_URL, sqlite_url(file))
    at = open_app("ui/pages/scenarios.py", lang)
    assert not at.exception, [e.value for e in at.exception]
    warnings = "\n".join(w.value for w in at.warning).replace("\\", "")
    for case in cases:
        if case["name"] != "bad dates":
            assert t("store.err.bad_row", lang, name=case["name"]) in warnings, case["name"]
    assert_plain(warnings, lang)
    listing = _listing(at)
    assert set(listing["name"]) == {"good", *(c["name"] for c in cases)}
    at.selectbox(key="scn_chosen").set_value("corrupt json").run()
    at.button(key="scn_load").click().run()
    assert not at.exception
    shown = [e.value.replace("\\", "") for e in at.error]
    assert any(t("store.err.bad_row", lang, name="corrupt json") in e for e in shown), shown
    with ScenarioStore(file) as store:
        assert (store.export_json("good"), store.version("good")) == good


# --- a read-only store folder ----------------------------------------------------------------------


@pytest.fixture
def read_only_store(tmp_path: Path):
    """A store with one saved scenario in a folder nobody can write (chmod, or chattr +i for root)."""
    folder = tmp_path / "store"
    folder.mkdir()
    with ScenarioStore(folder / "scenarios.sqlite") as store:
        store.save(Scenario(name="kept"), None)
    folder.chmod(0o555)
    locked = False
    if os.access(folder, os.W_OK):  # root ignores permissions: make the folder immutable instead
        locked = subprocess.run(["chattr", "+i", str(folder)], capture_output=True).returncode == 0
        if not locked:
            folder.chmod(0o755)
            pytest.skip("cannot make a read-only folder here")
    yield folder / "scenarios.sqlite"
    if locked:
        subprocess.run(["chattr", "-i", str(folder)], check=True)
    folder.chmod(0o755)


def test_a_read_only_folder_can_be_read_and_saving_says_why_not(read_only_store: Path) -> None:
    with ScenarioStore(read_only_store) as store:
        assert store.read_only
        assert store.names() == ["kept"]
        scenario, version = store.load("kept")
        for attempt in (
            lambda: store.save(scenario, version),
            lambda: store.save(Scenario(name="new"), None),
            lambda: store.rename("kept", "other", version),
            lambda: store.delete("kept", version),
        ):
            with pytest.raises(ReadOnlyError) as info:
                attempt()
            for lang in LANGS:
                assert_plain(info.value.message(lang), lang)
        assert store.names() == ["kept"] and store.version("kept") == 1


@pytest.mark.parametrize("lang", LANGS)
def test_scenarios_page_on_a_read_only_store(lang: str, read_only_store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_URL, sqlite_url(read_only_store))
    at = open_app("ui/pages/scenarios.py", lang)
    assert not at.exception
    message = t("store.err.read_only", lang, folder=str(read_only_store.parent))
    assert any(message in i.value.replace("\\", "") for i in at.info)
    assert list(_listing(at)["name"]) == ["kept"]
    at.button(key="scn_save").click().run()
    assert not at.exception
    assert any(message in e.value.replace("\\", "") for e in at.error)
