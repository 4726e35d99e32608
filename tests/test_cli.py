"""The command line, run as scripts would run it: ``python -m strategy ...`` in a subprocess.

The runs start together (each loads the data, ~3 s) and every test reads its own run's exit code,
stdout, stderr and files. Errors must be one clear message in the chosen language, no traceback.
"""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from dataclasses import dataclass, replace
from pathlib import Path

import openpyxl
import pytest

from strategy import cli, cli_options
from strategy.data.dataset import Dataset
from strategy.i18n import t
from strategy.optimize import Constraints
from strategy.scenario import Scenario, evaluate
from strategy.scoring import Universe
from strategy.store import ScenarioStore, sqlite_url

REPO = Path(__file__).resolve().parent.parent


@dataclass
class Run:
    args: list[str]
    code: int
    out: str
    err: str


def _scenarios(folder: Path, dataset: Dataset) -> None:
    focus = replace(Scenario.default(dataset, "ASEAN+India"), universe=Universe(focus_only=True))
    (folder / "focus.json").write_text(focus.to_json(), encoding="utf-8")
    stuck = replace(focus, constraints=Constraints(budget=3, must_countries=("VNM", "IND", "THA", "IDN")))
    (folder / "infeasible.json").write_text(stuck.to_json(), encoding="utf-8")
    (folder / "bad.json").write_text('{"settings": {"method": "magic"}, "colour": 1}', encoding="utf-8")
    (folder / "out").mkdir()
    with ScenarioStore(sqlite_url(folder / "store.sqlite")) as store:
        store.save(replace(focus, name="保存済み"), None)


def _cases(folder: Path) -> dict[str, list[str]]:
    f = str(folder / "focus.json")
    return {
        # full runs (each loads the data)
        "rank": ["rank", "--top", "5"],
        "export": [
            "export",
            "--scenario",
            f,
            "--country",
            "VNM",
            "--country",
            "in",
            "--with-plan",
            "--out",
            f"{folder}/out/",
        ],  # fmt: skip
        "infeasible": ["plan", "--scenario", str(folder / "infeasible.json")],
        # runs that fail before the data is loaded
        "bad_json": ["rank", "--scenario", str(folder / "bad.json")],
        "missing_json": ["rank", "--scenario", str(folder / "nope.json"), "--lang", "en"],
        "unwritable": ["rank", "--out", str(folder / "no such folder" / "x.csv")],
        "bad_suffix": ["rank", "--out", str(folder / "x.txt"), "--lang", "en"],
        "usage": ["rank", "--what", "everything"],
        "usage_en": ["plan", "--budget", "lots", "--lang", "en"],
        "no_command": [],
        "import_bad": ["scenarios", "import", str(folder / "bad.json"), "--db", sqlite_url(folder / "x.sqlite")],
        "help": ["--help"],
        "help_rank": ["rank", "--help"],
        "help_export": ["export", "--help"],
    }


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory, dataset: Dataset) -> Path:
    path = tmp_path_factory.mktemp("cli")
    _scenarios(path, dataset)
    return path


@pytest.fixture(scope="module")
def n_ranked(dataset: Dataset) -> int:
    """Markets the focus scenario ranks (ASEAN-10 + India, less any left out for low coverage)."""
    focus = replace(Scenario.default(dataset), universe=Universe(focus_only=True))
    return len(evaluate(dataset, focus).market.score)


@pytest.fixture(scope="module")
def runs(folder: Path) -> dict[str, Run]:
    """Every subprocess run, started together."""
    env = {k: v for k, v in os.environ.items() if k not in ("ICT_STRATEGY_DB_URL", "ICT_STRATEGY_DATA_DIR")}
    env["HOME"] = str(folder)  # the default store must not touch the real home
    procs = {
        name: (
            args,
            subprocess.Popen(
                [sys.executable, "-m", "strategy", *args],
                cwd=REPO,
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                encoding="utf-8",
            ),
        )
        for name, args in _cases(folder).items()
    }
    out = {}
    for name, (args, proc) in procs.items():
        stdout, stderr = proc.communicate(timeout=300)
        out[name] = Run(args, proc.returncode, stdout, stderr)
    return out


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture, dataset: Dataset):
    """``cli.main`` in this process, on the session's dataset (no 3 s reload per call)."""
    monkeypatch.setattr("strategy.data.dataset.load_dataset", lambda folder=None: dataset)
    monkeypatch.delenv("ICT_STRATEGY_DB_URL", raising=False)

    def call(*args: str) -> Run:
        capsys.readouterr()
        try:
            code = cli.main(list(args))
        except SystemExit as exc:  # argparse refuses the command line by exiting, as in a script
            code = int(exc.code or 0)
        captured = capsys.readouterr()
        return Run(list(args), code, captured.out, captured.err)

    return call


def _clean_error(run: Run, code: int) -> None:
    assert run.code == code, (run.args, run.code, run.err)
    assert "Traceback" not in run.err and "Traceback" not in run.out


# --- as a script ----------------------------------------------------------------------------------


def test_rank_prints_a_japanese_table(runs: dict[str, Run]):
    result = runs["rank"]
    assert result.code == 0, result.err
    lines = result.out.strip().splitlines()
    assert len(lines) == 6 and "順位" in lines[0] and "市場スコア" in lines[0]
    assert "データを読み込んでいます" in result.err and "データを読み込んでいます" not in result.out  # progress: stderr


def test_export_writes_workbook_and_briefs(runs: dict[str, Run], folder: Path):
    assert runs["export"].code == 0, runs["export"].err
    files = sorted(p.name for p in (folder / "out").iterdir())
    assert files == ["ASEAN+India_IND_brief.html", "ASEAN+India_VNM_brief.html", "ASEAN+India_workbook.xlsx"]
    wb = openpyxl.load_workbook(folder / "out" / "ASEAN+India_workbook.xlsx", read_only=True)
    assert wb.sheetnames[0] == t("ex.sheet.markets", "ja") and t("ex.sheet.plan", "ja") in wb.sheetnames
    assert len(wb.sheetnames) == 8
    wb.close()
    page = (folder / "out" / "ASEAN+India_VNM_brief.html").read_text(encoding="utf-8")
    assert "ベトナム" in page and "<script" not in page and t("ex.brief.plan", "ja") in page
    assert "最適化しています" in runs["export"].err  # solver progress


def test_help_is_english_and_lists_exit_codes(runs: dict[str, Run]):
    for name in ("help", "help_rank", "help_export"):
        result = runs[name]
        assert result.code == 0 and "usage: python -m strategy" in result.out, result.err
        assert "exit codes" in result.out and "3  no plan" in result.out
    assert all(c in runs["help"].out for c in ("rank", "plan", "sensitivity", "export"))
    assert "--scenario" in runs["help_rank"].out and "--lang" in runs["help_rank"].out
    assert "--country" in runs["help_export"].out


def test_infeasible_plan_exits_3_with_the_clash(runs: dict[str, Run]):
    result = runs["infeasible"]
    _clean_error(result, 3)
    assert "エラー: 計画を作れません" in result.err and f"「{t('optimize.group.budget', 'ja')}」" in result.err
    assert result.out == "" and "HiGHS" not in result.out


def test_bad_scenario_json_exits_2_in_japanese(runs: dict[str, Run]):
    result = runs["bad_json"]
    _clean_error(result, 2)
    assert "シナリオが正しくありません" in result.err and "settings.method" in result.err and "colour" in result.err
    assert "データを読み込んでいます" not in result.err  # it failed before the slow data load
    _clean_error(runs["import_bad"], 2)
    assert "settings.method" in runs["import_bad"].err


def test_missing_scenario_file_exits_4(runs: dict[str, Run]):
    result = runs["missing_json"]
    _clean_error(result, 4)
    assert "Cannot read" in result.err and "nope.json" in result.err


def test_unwritable_path_exits_4(runs: dict[str, Run]):
    result = runs["unwritable"]
    _clean_error(result, 4)
    assert "書き込めません" in result.err and "no such folder" in result.err


def test_usage_errors_exit_2(runs: dict[str, Run]):
    _clean_error(runs["usage"], 2)
    assert "コマンドの指定が正しくありません" in runs["usage"].err
    _clean_error(runs["usage_en"], 2)
    assert "Invalid command line" in runs["usage_en"].err and "--budget" in runs["usage_en"].err
    _clean_error(runs["bad_suffix"], 2)
    assert "Unsupported output" in runs["bad_suffix"].err
    _clean_error(runs["no_command"], 2)


# --- in process (same code path, the dataset loaded once) ----------------------------------------


def test_rank_writes_csv_with_bom(run, folder: Path, n_ranked: int):
    result = run("rank", "--scenario", str(folder / "focus.json"), "--lang", "en", "--out", str(folder / "m.csv"))
    assert result.code == 0, result.err
    data = (folder / "m.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rows[0][:3] == ["Rank", "ISO3", "Country"] and len(rows) == 1 + n_ranked
    assert rows[1][0] == "1" and "Wrote" in result.err


def test_rank_pairs_as_excel_and_for_one_country(run, folder: Path, n_ranked: int, dataset: Dataset):
    result = run("rank", "--what", "pairs", "--scenario", str(folder / "focus.json"), "--out", str(folder / "p.xlsx"))
    assert result.code == 0, result.err
    wb = openpyxl.load_workbook(folder / "p.xlsx", read_only=True)
    assert wb.sheetnames == [t("ex.sheet.pairs", "ja")]
    rows = list(wb.worksheets[0].iter_rows(values_only=True))
    assert rows[0][:4] == ("順位", "ISO3", "国", "分野ID") and t("ex.col.main_rival", "ja") in rows[0]
    # every pair of the ranked countries, less the pairs a field gate closes (e.g. DVB-T2 adopters
    # for ISDB-T, QZSS outside its footprint)
    expected = evaluate(dataset, Scenario.from_json((folder / "focus.json").read_text(encoding="utf-8")))
    assert len(rows) == 1 + len(expected.opportunity) < 1 + n_ranked * len(dataset.fields)
    wb.close()
    result = run("rank", "--what", "pairs", "--country", "vietnam", "--scenario", str(folder / "focus.json"))
    assert result.code == 0, result.err
    body = result.out.strip().splitlines()[1:]
    assert body and all(" VNM " in line for line in body)


def test_rank_from_the_store_as_csv_on_stdout(run, folder: Path, n_ranked: int):
    result = run("rank", "--stored", "保存済み", "--db", sqlite_url(folder / "store.sqlite"), "--format", "csv")
    assert result.code == 0, result.err
    rows = list(csv.reader(io.StringIO(result.out)))
    assert rows[0][0] == "順位" and len(rows) == 1 + n_ranked
    missing = run("rank", "--stored", "nothing", "--db", sqlite_url(folder / "store.sqlite"))
    _clean_error(missing, 2)
    assert "nothing" in missing.err


def test_plan_writes_csv_and_excel(run, folder: Path):
    result = run("plan", "--scenario", str(folder / "focus.json"), "--lang", "en", "--out", str(folder / "plan.csv"))
    assert result.code == 0, result.err
    assert "Plan: status" in result.err and "Solving" in result.err
    rows = list(csv.reader(io.StringIO((folder / "plan.csv").read_text(encoding="utf-8-sig"), newline="")))
    assert rows[0][:3] == ["Period", "ISO3", "Country"] and len(rows) > 1
    result = run("plan", "--scenario", str(folder / "focus.json"), "--budget", "12", "--out", str(folder / "plan.xlsx"))
    assert result.code == 0, result.err
    wb = openpyxl.load_workbook(folder / "plan.xlsx", read_only=True)
    assert wb.sheetnames == [t("ex.sheet.plan", "ja"), t("ex.sheet.settings", "ja")]
    settings = {r[1]: r[3] for r in wb.worksheets[1].iter_rows(min_row=2, values_only=True)}
    assert settings["constraints.budget"] == 12 and settings["plan.status"] in ("optimal", "feasible")
    assert settings["plan.budget_used"] <= 12 + 1e-9
    wb.close()
    stuck = run("plan", "--scenario", str(folder / "infeasible.json"), "--lang", "en", "--quiet")
    _clean_error(stuck, 3)
    assert stuck.err.startswith("Error: No plan") and stuck.out == ""


def test_sensitivity_writes_top_k(run, folder: Path, n_ranked: int):
    args = (
        "sensitivity",
        "--scenario",
        str(folder / "focus.json"),
        "--samples",
        "3000",
        "--out",
        str(folder / "s.csv"),
    )
    result = run(*args)
    assert result.code == 0, result.err
    rows = list(csv.reader(io.StringIO((folder / "s.csv").read_text(encoding="utf-8-sig"), newline="")))
    top1 = t("ex.col.top_k", "ja", k=1)
    assert rows[0][:3] == ["順位", "ISO3", "国"] and top1 in rows[0] and len(rows) == 1 + n_ranked
    assert abs(sum(float(r[rows[0].index(top1)]) for r in rows[1:]) - 1.0) < 1e-9
    assert "SMAA" in result.err


def _top_k(csv_text: str, lang: str = "en") -> dict[str, list[float]]:
    rows = list(csv.reader(io.StringIO(csv_text.lstrip("\ufeff"), newline="")))
    columns = [rows[0].index(t("ex.col.top_k", lang, k=k)) for k in (1, 3, 5, 10)]
    return {r[1]: [float(r[c]) for c in columns] for r in rows[1:]}


@pytest.mark.parametrize(
    ("options", "mode", "extra"),
    [
        (("--mode", "ranges", "--spread", "30"), "ranges", {"spread": 0.3}),
        (("--mode", "ranges"), "ranges", {"spread": cli_options.DEFAULT_SPREAD / 100}),
        (("--mode", "ordered"), "ordered", {}),
        (("--mode", "ordered", "--order", "ties,size,income,growth,digital,business,stability"), "ordered", {}),
        ((), "simplex", {}),
    ],
)
def test_sensitivity_modes_draw_the_library_samples(run, folder: Path, dataset: Dataset, options, mode, extra):
    from strategy.analysis.sampling import sample_weights
    from strategy.analysis.sensitivity import smaa
    from strategy.scenario import Scenario

    scenario = Scenario.from_json((folder / "focus.json").read_bytes())
    args = ("sensitivity", "--scenario", str(folder / "focus.json"), "--samples", "2000", "--seed", "4")
    result = run(*args, *options, "--lang", "en", "--format", "csv", "--quiet")
    assert result.code == 0, result.err
    pillars = evaluate(dataset, scenario).market.pillars
    base = [scenario.market_weights.pillars[p] for p in pillars.columns]
    if "--order" in options:
        named = options[-1].split(",")
        extra = {"order": [list(pillars.columns).index(p) for p in named]}
    samples = sample_weights(mode, 2_000, rng=4, base_weights=base, **extra)
    expected = smaa(pillars, weights=samples, seed=4).top_k
    got = _top_k(result.out)
    assert set(got) == set(expected.index)
    for iso3, shares in got.items():
        assert shares == pytest.approx(expected.loc[iso3, [1, 3, 5, 10]].tolist(), abs=5e-4), iso3
    if mode != "simplex":  # each mode draws differently from the others
        plain = _top_k(run(*args, "--lang", "en", "--format", "csv", "--quiet").out)
        assert plain != got


def test_sensitivity_bad_sampling_options_exit_2_translated(run, folder: Path, monkeypatch: pytest.MonkeyPatch):
    f = str(folder / "focus.json")
    misplaced = run("sensitivity", "--scenario", f, "--spread", "20")
    _clean_error(misplaced, 2)
    assert t("cli.err.mode_option", "ja", option="--spread", mode="ranges") in misplaced.err
    misplaced = run("sensitivity", "--scenario", f, "--mode", "ranges", "--order", "size", "--lang", "en")
    _clean_error(misplaced, 2)
    assert "--order goes with --mode ordered" in misplaced.err
    order = run("sensitivity", "--scenario", f, "--mode", "ordered", "--order", "size,magic", "--lang", "en")
    _clean_error(order, 2)
    assert "--order 'size,magic' must list every weighted pillar" in order.err and "stability" in order.err
    negative = run("sensitivity", "--scenario", f, "--mode", "ranges", "--spread", "-5", "--lang", "en")
    _clean_error(negative, 2)
    assert "Invalid command line" in negative.err and "--spread" in negative.err
    unknown = run("sensitivity", "--scenario", f, "--mode", "uniform")
    _clean_error(unknown, 2)
    assert "コマンドの指定が正しくありません" in unknown.err

    from strategy.analysis import sampling

    def too_narrow(*args, **kwargs):
        raise sampling.SamplingError("ranges_narrow", "the weight ranges are too narrow to sample; widen them")

    monkeypatch.setattr(sampling, "sample_ranges", too_narrow)
    for lang in ("ja", "en"):
        narrow = run("sensitivity", "--scenario", f, "--mode", "ranges", "--spread", "1", "--lang", lang)
        _clean_error(narrow, 2)
        assert t("cli.err.ranges_narrow", lang) in narrow.err


def test_brief_and_country_errors(run, folder: Path):
    f = str(folder / "focus.json")
    result = run("export", "--scenario", f, "--country", "THA", "--lang", "en", "--out", str(folder / "t.html"))
    assert result.code == 0, result.err
    assert "Thailand: country brief" in (folder / "t.html").read_text(encoding="utf-8")
    unknown = run("export", "--scenario", f, "--country", "Narnia", "--out", str(folder / "n.html"))
    _clean_error(unknown, 2)
    assert "国「Narnia」が見つかりません" in unknown.err and not (folder / "n.html").exists()
    outside = run("rank", "--what", "pairs", "--country", "FRA", "--scenario", f, "--lang", "en")
    _clean_error(outside, 2)
    assert "FRA is not ranked" in outside.err
    two = run("export", "--scenario", f, "--country", "THA", "--country", "VNM", "--out", str(folder / "t2.html"))
    _clean_error(two, 2)


def test_scenarios_import_list_show(run, folder: Path):
    db = sqlite_url(folder / "other.sqlite")
    result = run("scenarios", "import", str(folder / "focus.json"), "--name", "imported", "--db", db)
    assert result.code == 0, result.err
    assert run("scenarios", "list", "--db", db).out.startswith("imported\tv1\t")
    shown = run("scenarios", "show", "imported", "--db", db)
    assert Scenario.from_json(shown.out).name == "imported"
    again = run("scenarios", "import", str(folder / "focus.json"), "--name", "imported", "--db", db, "--lang", "en")
    _clean_error(again, 2)
    assert "already saved" in again.err


def test_unexpected_error_exits_1_without_traceback(run, monkeypatch: pytest.MonkeyPatch):
    def boom(args, progress):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(cli, "cmd_rank", boom)
    result = run("rank", "--lang", "en")
    assert result.code == cli.EXIT_UNEXPECTED
    assert "Unexpected error (RuntimeError: disk on fire)" in result.err and "Traceback" not in result.err
    assert "Traceback" in run("rank", "--debug").err


def test_write_file_is_atomic(tmp_path: Path):
    target = tmp_path / "a.csv"
    target.write_bytes(b"old")
    cli.write_file(target, b"new")
    assert target.read_bytes() == b"new" and sorted(p.name for p in tmp_path.iterdir()) == ["a.csv"]
    with pytest.raises(cli.CliError) as info:
        cli.write_file(tmp_path, b"x")
    assert info.value.code == cli.EXIT_IO
    assert "フォルダーです" in info.value.lines("ja")[0]
