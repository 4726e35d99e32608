"""Packages and routes in the plan's outputs: the CLI ``plan`` (a subprocess, as scripts run it) and the
CSV/Excel plan table carry the package and route columns; a scenario's pool is kept."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

from strategy import export
from strategy.data.dataset import Dataset
from strategy.i18n import t
from strategy.optimize import Constraints, prerequisites_of, solve
from strategy.scenario import Scenario, evaluate
from strategy.scoring import Universe
from strategy.scoring.financing import plan_entries

REPO = Path(__file__).resolve().parent.parent
POOL = {"commercial": 6.0}


def scenario(dataset: Dataset) -> Scenario:
    focus = replace(Scenario.default(dataset, "packages"), universe=Universe(focus_only=True))
    return replace(focus, constraints=Constraints(budget=40.0, staff=40.0, use_packages=True, pool_budget=POOL))


def test_cli_plan_writes_package_and_route_columns(tmp_path: Path, dataset: Dataset) -> None:
    path = tmp_path / "packages.json"
    path.write_text(scenario(dataset).to_json(), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("ICT_STRATEGY_DB_URL", "ICT_STRATEGY_DATA_DIR")}
    env["HOME"] = str(tmp_path)
    out = tmp_path / "plan.csv"
    args = [sys.executable, "-m", "strategy", "plan", "--scenario", str(path), "--lang", "en", "--out", str(out)]
    result = subprocess.run(args, cwd=REPO, env=env, capture_output=True, text=True, encoding="utf-8", timeout=300)
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"), newline="")))
    package, route = t("ex.col.package", "en"), t("ex.col.route", "en")
    assert rows and package in rows[0] and route in rows[0]
    assert any(r[package] for r in rows)  # packages on: some entries belong to one
    commercial = t("label.route.commercial", "en")
    spent = sum(float(r[t("ex.col.cost", "en")]) for r in rows if r[route] == commercial)
    assert spent <= POOL["commercial"] / (1 - 0.1) + 1e-9  # at most the pool plus the largest saving share


def test_plan_table_names_packages_and_routes_in_japanese(dataset: Dataset) -> None:
    s = scenario(dataset)
    evaluation = evaluate(dataset, s)
    entries = plan_entries(evaluation.opportunity, dataset)
    plan = solve(entries, s.constraints, prerequisites=prerequisites_of(dataset.fields))
    frame = export.plan_table(dataset, plan, "ja")
    packages = set(frame[t("ex.col.package", "ja")]) - {""}
    assert packages and packages <= set(dataset.ict_packages["name_ja"])
    routes = set(frame[t("ex.col.route", "ja")])
    assert routes <= {
        t(f"label.route.{r}", "ja") for r in ("technical_cooperation", "grant_aid", "yen_loan", "commercial")
    }
    off = solve(
        entries,
        replace(s.constraints, use_packages=False, pool_budget={}),
        prerequisites=prerequisites_of(dataset.fields),
    )
    assert set(export.plan_table(dataset, off, "ja")[t("ex.col.package", "ja")]) == {""}


def _cli(*args: str, home: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("ICT_STRATEGY_DB_URL", "ICT_STRATEGY_DATA_DIR")}
    env["HOME"] = str(home)
    command = [sys.executable, "-m", "strategy", *args]
    return subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True, encoding="utf-8", timeout=300)


def test_cli_pool_options_are_checked_in_words(tmp_path: Path) -> None:
    unknown = _cli("plan", "--pool", "gift=3", "--lang", "en", home=tmp_path)
    assert unknown.returncode == 2 and "Financing route 'gift' is not known" in unknown.stderr
    unreadable = _cli("plan", "--pool", "grant_aid=x", home=tmp_path)
    assert unreadable.returncode == 2 and t("cli.err.pool_format", "ja", value="grant_aid=x") in unreadable.stderr
    too_big = _cli("plan", "--pool", "yen_loan=50", "--budget", "20", "--lang", "en", home=tmp_path)
    assert too_big.returncode == 2 and t("schema.err.pool_over_budget", "en", value="50", budget="20") in too_big.stderr
    for run in (unknown, unreadable, too_big):
        assert "Traceback" not in run.stderr


def test_workbook_has_a_packages_sheet_when_the_plan_gives_packages(dataset: Dataset) -> None:
    import openpyxl

    s = scenario(dataset)
    evaluation = evaluate(dataset, s)
    plan = solve(
        plan_entries(evaluation.opportunity, dataset), s.constraints, prerequisites=prerequisites_of(dataset.fields)
    )
    wb = openpyxl.load_workbook(io.BytesIO(export.workbook_bytes(dataset, evaluation, "en", plan=plan)), read_only=True)
    assert t("ex.sheet.packages", "en") in wb.sheetnames
    rows = list(wb[t("ex.sheet.packages", "en")].iter_rows(values_only=True))
    assert rows[0][:3] == (t("ex.col.iso3", "en"), t("ex.col.country", "en"), t("ex.col.package", "en"))
    assert len(rows) - 1 == len(plan.packages) > 0
    wb.close()
