"""The ``sweep`` command (strategy.cli_sweep), run in this process on the session's dataset: a bad
definition is exit code 2 with every problem named in the chosen language, before the data is
loaded; the Excel file has the points and the entry frequency, the same as the library's sweep; no
plan at any point is exit code 3."""

from __future__ import annotations

import io
from dataclasses import dataclass, replace
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from strategy import cli
from strategy.analysis import sweep as sw
from strategy.data.dataset import Dataset
from strategy.optimize import Constraints
from strategy.scenario import Scenario
from strategy.scoring import Universe


@dataclass
class Run:
    code: int
    out: str
    err: str


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture, dataset: Dataset):
    monkeypatch.setattr("strategy.data.dataset.load_dataset", lambda folder=None: dataset)
    monkeypatch.delenv("ICT_STRATEGY_DB_URL", raising=False)

    def call(*args: str) -> Run:
        capsys.readouterr()
        try:
            code = cli.main(list(args))
        except SystemExit as exc:
            code = int(exc.code or 0)
        captured = capsys.readouterr()
        assert "Traceback" not in captured.err
        return Run(code, captured.out, captured.err)

    return call


@pytest.fixture
def focus(tmp_path: Path, dataset: Dataset) -> Path:
    """A small scenario: the focus markets, budget 12."""
    scenario = replace(
        Scenario.default(dataset, "focus"),
        universe=Universe(focus_only=True),
        constraints=Constraints(budget=12.0, staff=12.0),
    )
    path = tmp_path / "focus.json"
    path.write_text(scenario.to_json(), encoding="utf-8")
    return path


def test_a_bad_definition_is_exit_2_before_the_data_loads(run):
    bad = run("sweep", "--budget", "20,-5", "--preset", "balanced,bold", "--cost-scale", "Atlantis=2", "--lang", "en")
    assert bad.code == 2
    lines = bad.err.strip().splitlines()
    assert lines[0] == "Error: The sweep cannot be run as given."
    assert "  - Budget: must be from 0 to 1000 (given: -5)." in lines
    assert any("Weight preset: there is no preset 'bold'" in line for line in lines)
    assert any("'Atlantis' is not a country" in line for line in lines)
    assert "Loading" not in bad.err
    japanese = run("sweep", "--budget", "0:10000:1")
    assert japanese.code == 2
    assert "一度に解けるのは 500 点までです" in japanese.err
    assert run("sweep", "--lang", "en").err.strip().endswith("give values for at least one axis.")
    limit = run("sweep", "--budget", "20", "--time-limit", "0", "--lang", "en")
    assert limit.code == 2 and "Option --time-limit: must be from 1 to 300 (given: 0)." in limit.err


def test_excel_has_points_and_entry_frequency(run, focus: Path, tmp_path: Path, dataset: Dataset):
    out, entries = tmp_path / "sweep.xlsx", tmp_path / "entries.csv"
    args = ["sweep", "--scenario", str(focus), "--budget", "8,12", "--cost-scale", "vnm=1,3", "--lang", "en"]
    result = run(*args, "--out", str(out), "--entries", str(entries))
    assert result.code == 0, result.err
    assert "Point 4/4 (budget=8, cost_scale:VNM=3)" in result.err  # the loosest points first
    assert "Solved 4 of 4 points (4 with a plan)." in result.err
    book = openpyxl.load_workbook(io.BytesIO(out.read_bytes()))
    assert book.sheetnames == ["Sweep points", "Entry frequency"]
    points = pd.read_excel(out, sheet_name="Sweep points")
    scenario = Scenario.from_json(focus.read_text(encoding="utf-8"))
    definition = sw.SweepDefinition(
        (sw.SweepAxis("budget", (8.0, 12.0)), sw.SweepAxis("cost_scale", (1.0, 3.0), "VNM"))
    )
    expected = sw.sweep(dataset, scenario, definition)
    assert points["Budget"].tolist() == [8, 8, 12, 12]
    assert points["Cost multiplier (VNM)"].tolist() == [1, 3, 1, 3]
    assert points["Plan value"].tolist() == pytest.approx(expected.table["value"].tolist())
    frequency = pd.read_csv(entries, encoding="utf-8-sig")
    assert frequency["Points choosing it"].tolist() == expected.frequency["chosen"].tolist()
    assert entries.read_bytes().startswith(b"\xef\xbb\xbf")


def test_no_plan_at_any_point_is_exit_3(run, focus: Path, tmp_path: Path):
    scenario = Scenario.from_json(focus.read_text(encoding="utf-8"))
    must = replace(scenario, constraints=replace(scenario.constraints, must_countries=("VNM", "THA", "IDN", "PHL")))
    path = tmp_path / "must.json"
    path.write_text(must.to_json(), encoding="utf-8")
    result = run("sweep", "--scenario", str(path), "--budget", "1,2", "--lang", "en", "--format", "csv")
    assert result.code == 3
    assert "None of the 2 points has a plan that meets the constraints." in result.err
    assert result.out.count("infeasible") == 2  # the points are still written


def test_workers_give_the_same_points(run, focus: Path):
    args = ["sweep", "--scenario", str(focus), "--budget", "6:12:3", "--lang", "en", "--format", "csv", "--quiet"]
    serial, pooled = run(*args), run(*args, "--workers", "2")
    assert serial.code == pooled.code == 0, pooled.err
    read = [pd.read_csv(io.StringIO(r.out)).drop(columns=["Solve time (s)"]) for r in (serial, pooled)]
    assert read[0]["Budget"].tolist() == [6, 9, 12]
    pd.testing.assert_frame_equal(*read)
