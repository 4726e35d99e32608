"""The ``sweep`` command: the plan at every combination of the values given (``python -m strategy sweep``).

The definition is read and checked (values, ranges, known presets, methods and cost targets, at most
:data:`~strategy.scenario_schema.MAX_SWEEP_POINTS` points) before the data is loaded, so a bad one
fails at once with exit code 2. Ctrl-C stops the sweep and writes the points finished so far (exit
code 130). No point with a plan is exit code 3.
"""

from __future__ import annotations

import argparse
import csv
from dataclasses import replace
from typing import Any

from strategy.cli_options import EXIT_NO_SOLUTION, EXIT_OK, EXIT_USAGE, CliError
from strategy.i18n import t

#: The options that give the values of one axis each (the option's name is the axis's kind).
VALUE_OPTIONS = ("budget", "staff", "time_preference", "preset", "method")


def _presets(folder: Any) -> list[str]:
    """The preset ids of the data folder, read from its small table (no data load)."""
    path = folder / "weight_presets.csv"
    if not path.is_file():
        return []
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(dict.fromkeys(row["preset_id"] for row in csv.DictReader(handle)))


def read_definition(args: argparse.Namespace) -> Any:
    """The sweep of the command line, checked; a bad one is a :class:`CliError` (exit code 2) listing
    every problem in the chosen language."""
    from strategy.analysis import sweep_io
    from strategy.analysis.sweep import SweepAxis, SweepDefinition, SweepError, check_definition
    from strategy.data.paths import data_folder
    from strategy.scenario_schema import Vocabulary

    folder = data_folder(args.data)
    vocabulary = Vocabulary.from_folder(folder)
    axes, problems = [], []
    given = [(kind, getattr(args, kind)) for kind in VALUE_OPTIONS]
    for kind, text in given:
        if text is None:
            continue
        try:
            axes.append(SweepAxis(kind, sweep_io.parse_values(kind, text)))
        except SweepError as exc:
            problems += exc.problems
    for text in args.cost_scale:
        try:
            axes.append(sweep_io.parse_cost_axis(text, vocabulary))
        except SweepError as exc:
            problems += exc.problems
    definition = SweepDefinition(tuple(axes))
    try:
        if axes or not problems:  # the axes that could be read are checked too
            check_definition(definition, vocabulary, _presets(folder))
    except SweepError as exc:
        problems = [*exc.problems, *problems]
    if problems:
        lines = SweepError(problems).messages(args.lang)
        raise CliError(EXIT_USAGE, "cli.sweep.err.definition", details=lines)
    return definition


def _check_time_limit(args: argparse.Namespace) -> None:
    from strategy import scenario_schema
    from strategy.scenario import ScenarioError

    if args.time_limit is None:
        return
    problems = scenario_schema.rule("solver.time_limit").check("--time-limit", args.time_limit, None)
    if not problems and args.time_limit != args.time_limit:  # NaN
        problems = [("--time-limit", "schema.err.not_finite", {"value": "NaN"})]
    if problems:
        raise ScenarioError(problems)


def cmd_sweep(args: argparse.Namespace, progress: Any) -> int:
    """Run the sweep and write its points (and, in Excel or ``--entries``, the entry frequency)."""
    from strategy import cli, export
    from strategy.analysis import sweep_io
    from strategy.analysis.sweep import SweepError, fingerprint, process_map, run_sweep, sweep_tasks
    from strategy.labels import preset_names

    kind = cli._format(args)
    _check_time_limit(args)
    definition = read_definition(args)
    for path in (args.out, args.entries):
        if path:
            cli.check_writable(path)
    dataset, scenario = cli._load(args, progress)
    if args.time_limit is not None:
        scenario = replace(scenario, solver=replace(scenario.solver, time_limit=args.time_limit))
    lang = args.lang
    with progress.step("cli.sweep.progress.score", n=definition.size):
        try:
            tasks = sweep_tasks(dataset, scenario, definition)
        except SweepError as exc:
            raise CliError(EXIT_USAGE, "cli.sweep.err.definition", details=exc.messages(lang)) from exc
    finished: list[Any] = []

    def advance(done: int, total: int, point: Any) -> None:
        finished.append(point)
        values = ", ".join(f"{k}={v if isinstance(v, str) else f'{v:g}'}" for k, v in point.values)
        value = "–" if point.value != point.value else f"{point.value:.4f}"
        status = sweep_io.status_text(point.status, lang)
        progress.note("cli.sweep.point", i=done, n=total, values=values, value=value, status=status)

    mapper = process_map(args.workers) if args.workers > 1 else map
    interrupted = False
    with cli._stdout_to_stderr(progress.quiet):
        try:
            result = run_sweep(definition, tasks, map=mapper, progress=advance, basis=fingerprint(scenario))
        except KeyboardInterrupt:  # keep what is finished
            from strategy.analysis.sweep import SweepResult

            interrupted = True
            result = SweepResult.of(definition, finished, len(tasks), cancelled=True, basis=fingerprint(scenario))
        finally:
            if mapper is not map:
                mapper.close()
    progress.note("cli.sweep.summary", n=len(result.points), total=result.requested, solved=result.solved)
    names = (
        dict(export.country_names(dataset, lang)),
        dict(export.field_names(dataset, lang)),
        dict(preset_names(dataset, lang)),
    )
    sheets = sweep_io.sheets(result, lang, *names)
    points, entries = sheets.values()
    if args.entries:
        written = cli.write_file(args.entries, export.to_csv_bytes(entries))
        progress.note("cli.wrote", path=str(written), rows=len(entries))
    if kind == "xlsx" and args.out:
        written = cli.write_file(args.out, export.workbook_from_frames(sheets))
        progress.note("cli.wrote", path=str(written), rows=len(points))
    else:
        args.top = None
        if kind == "table":  # the entries chosen are in the files; on a terminal they make rows unreadable
            points = points.drop(columns=[t("sweep.col.chosen", lang)])
        cli._emit(points, args, t("sweep.sheet.points", lang), progress, default_top=10_000)
    if interrupted:
        cli._report(lang, [t("cli.sweep.interrupted", lang, n=len(result.points), total=result.requested)])
        return 130
    if result.points and result.solved == 0:
        raise CliError(EXIT_NO_SOLUTION, "cli.sweep.err.no_plan", n=len(result.points))
    return EXIT_OK
