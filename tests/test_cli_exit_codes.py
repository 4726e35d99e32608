"""The command line's exit codes are the README's (0 ok, 1 unexpected, 2 bad input, 3 no plan,
4 input/output), one row per case of issue 13, with a piece of the message in each language.

Runs :func:`strategy.cli.main` in this process (the cases that fail do so before the data is
loaded); stderr never names a Python exception.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from strategy import cli
from strategy.scenario import Scenario
from strategy.store import ScenarioStore, sqlite_url

BAD = Path(__file__).parent / "data" / "bad_inputs" / "scenarios"
EXCEPTION_NAME = re.compile(r"\b[A-Z]\w*(Error|Exception)\b|Traceback")

# (case, argv ({bad}: the corpus folder, {tmp}: a temporary folder, {db}: a store there),
#  exit code, a piece of the Japanese message, a piece of the English message)
CASES = [
    ("NaN budget", ["plan", "--scenario", "{bad}/nan_budget.json"], 2, "有限の数値", "finite number (given: NaN)"),
    ("Infinity budget", ["plan", "--scenario", "{bad}/infinity_budget.json"], 2, "有限の数値", "given: Infinity"),
    ("--budget inf", ["plan", "--budget", "inf"], 2, "オプション --budget", "Option --budget: must be a finite"),
    ("--budget -1", ["plan", "--budget", "-1"], 2, "0〜1000", "from 0 to 1000 (given: -1)"),
    ("0 periods", ["plan", "--scenario", "{bad}/zero_periods.json"], 2, "1〜5", "from 1 to 5 (given: 0)"),
    ("nested 1,000 deep", ["rank", "--scenario", "{bad}/nested_1000.json"], 2, "入れ子が 1000 段", "nested 1000"),
    ("bad name on import", ["scenarios", "import", "{bad}/padded_name.json", "--db", "{db}"], 2, "シナリオ名", "scenario name"),
    ("bad --name on import", ["scenarios", "import", "{tmp}/ok.json", "--name", " x", "--db", "{db}"], 2, "シナリオ名", "scenario name"),
    ("negative time limit", ["plan", "--scenario", "{bad}/negative_time_limit.json"], 2, "1〜300", "from 1 to 300 (given: -1)"),
    ("--time-limit -1", ["plan", "--time-limit", "-1"], 2, "--time-limit", "Option --time-limit: must be from 1 to 300"),
    ("must-include XXX", ["plan", "--scenario", "{bad}/must_include_xxx.json"], 2, "「XXX」", "'XXX' is not a known country"),
    ("--samples 1e9", ["sensitivity", "--samples", "1000000000"], 2, "200,000", "at most 200,000"),
    ("negative cost_scale", ["plan", "--scenario", "{bad}/negative_cost_scale.json"], 2, "0.1〜10", "from 0.1 to 10 (given: -1)"),
    ("NaN fit weight", ["rank", "--scenario", "{bad}/nan_fit_weight.json"], 2, "fit_weights.need", "fit_weights.need"),
    ("unknown universe.include", ["rank", "--scenario", "{bad}/unknown_include.json"], 2, "「ZZZ」", "'ZZZ'"),
    ("--max-countries 0", ["plan", "--max-countries", "0"], 2, "1〜250", "from 1 to 250 (given: 0)"),
    ("not JSON", ["rank", "--scenario", "{bad}/not_json.json"], 2, "1 行 2 文字目", "line 1, column 2"),
    ("missing file", ["rank", "--scenario", "{tmp}/nope.json"], 4, "nope.json", "nope.json"),
    ("list the store", ["scenarios", "list", "--db", "{db}"], 0, "", ""),
    ("no plan", ["plan", "--scenario", "{tmp}/japan.json", "--quiet"], 3, "日本", "Japan"),
    ("robustness --samples 1e6", ["robustness", "--samples", "1000000"], 2, "20,000", "at most 20,000"),
    ("unreachable scheduler", ["robustness", "--scheduler", "tcp://127.0.0.1:9"], 4, "Dask スケジューラー", "Cannot reach the Dask scheduler 'tcp://127.0.0.1:9'"),
]  # fmt: skip


@pytest.fixture(scope="module")
def tmp(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("exit_codes")
    (folder / "ok.json").write_text(Scenario(name="ok").to_json(), encoding="utf-8")
    # a valid scenario no plan can satisfy: the home market is never ranked, so never planned
    (folder / "japan.json").write_text(json.dumps({"constraints": {"must_countries": ["JPN"]}}), encoding="utf-8")
    return folder


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize(("case", "argv", "code", "ja", "en"), CASES, ids=[c[0] for c in CASES])
def test_exit_code_and_message(
    case: str, argv: list[str], code: int, ja: str, en: str, lang: str, tmp: Path, capsys: pytest.CaptureFixture
) -> None:
    db = sqlite_url(tmp / f"store-{lang}.sqlite")
    args = [a.format(bad=BAD, tmp=tmp, db=db) for a in argv] + ["--lang", lang]
    assert cli.main(args) == code, capsys.readouterr().err
    err = capsys.readouterr().err
    assert (ja if lang == "ja" else en) in err
    assert not EXCEPTION_NAME.search(err), err
    with ScenarioStore(db) as store:  # a refused import saved nothing
        assert store.names() == []
