"""Command line: ``python -m strategy <command>`` for batch runs without a browser.

Commands (``python -m strategy <command> --help`` for the options):

  rank         ranked markets or market × field pairs -> CSV / Excel / table on stdout
  plan         solve the portfolio for the scenario's constraints -> CSV / Excel / table
  sensitivity  SMAA: probability of each market being in the top k under random pillar weights,
               drawn as on the Sensitivity page (--mode simplex | ranges --spread | ordered --order)
  robustness   plan robustness: how often each entry stays in the plan over weight samples, on
               local cores (--workers) or a Dask cluster (--scheduler) -> CSV / Excel / table
  export       the Excel workbook and/or the HTML country brief (the files the app downloads)
  scenarios    list, export or import saved scenarios (the app's scenario store)
  sweep        the plan at every combination of budgets, staff, presets, methods, cost multipliers

Every command takes ``--scenario FILE.json`` (default: the balanced preset on the bundled data) or
``--stored NAME`` (a scenario saved in the store, ``--db URL``), ``--lang ja|en`` for the output and
the messages (default ja) and ``--out PATH``. Progress goes to stderr, results to stdout or files.

Exit codes: 0 ok; 1 unexpected error (``--debug`` shows the traceback); 2 usage or bad input (bad
scenario JSON or a value outside its schema, unknown country, invalid data, an option out of range);
3 no plan (infeasible constraints or no solution
within the time limit); 4 input/output error (file unreadable or unwritable, store or Dask scheduler
unreachable).
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from strategy import cli_options
from strategy.cli_options import (  # the exit codes and errors are part of this module's interface
    EXIT_IO,
    EXIT_NO_SOLUTION,
    EXIT_OK,
    EXIT_UNEXPECTED,
    EXIT_USAGE,
    SAMPLING_ERRORS,
    CliError,
    Key,
    Parser,
    check_mode_options,
    check_plan_options,
    check_samples,
    parse_pools,
    sampling_options,
)
from strategy.i18n import Lang, t

# --- progress -------------------------------------------------------------------------------------


class Progress:
    """Stage messages with timings on stderr; on a terminal a live elapsed-time counter."""

    def __init__(self, lang: Lang, quiet: bool = False, stream: Any = None):
        self.lang, self.quiet = lang, quiet
        self.stream = stream or sys.stderr
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())

    def note(self, key: str, **values: Any) -> None:
        if not self.quiet:
            print(t(key, self.lang, **values), file=self.stream, flush=True)

    @contextlib.contextmanager
    def step(self, key: str, live: bool = False, **values: Any) -> Iterator[None]:
        if self.quiet:
            yield
            return
        text = t(key, self.lang, **values)
        start = time.perf_counter()
        stop = threading.Event()
        ticker = None
        if self.tty:
            print(f"{text} …", end="", file=self.stream, flush=True)
            if live:

                def tick() -> None:
                    while not stop.wait(0.5):
                        seconds = time.perf_counter() - start
                        print(f"\r{text} … {seconds:.0f} s", end="", file=self.stream, flush=True)

                ticker = threading.Thread(target=tick, daemon=True)
                ticker.start()
        else:
            print(f"{text} …", file=self.stream, flush=True)
        ok = False
        try:
            yield
            ok = True
        finally:
            stop.set()
            if ticker is not None:
                ticker.join()
            seconds = time.perf_counter() - start
            done = t("cli.progress.done" if ok else "cli.progress.failed", self.lang, seconds=f"{seconds:.1f}")
            if self.tty:
                print(f"\r{text} … {done}   ", file=self.stream, flush=True)
            else:
                print(f"{text}: {done}", file=self.stream, flush=True)


@contextlib.contextmanager
def _stdout_to_stderr(quiet: bool = False) -> Iterator[None]:
    """Send anything written to file descriptor 1 meanwhile (HiGHS prints a banner there) to stderr,
    or nowhere when ``quiet``, so that stdout holds only the result."""
    sys.stdout.flush()
    try:
        saved = os.dup(1)
    except OSError:  # no real stdout (embedded use): nothing to protect
        yield
        return
    target = os.open(os.devnull, os.O_WRONLY) if quiet else 2
    try:
        os.dup2(target, 1)
        yield
    finally:
        sys.stdout.flush()
        os.dup2(saved, 1)
        os.close(saved)
        if quiet:
            os.close(target)


# --- shared steps ---------------------------------------------------------------------------------


def _read(path: str | Path) -> bytes:
    """The bytes of a file the user named; a file that cannot be read is an input/output error."""
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise CliError(EXIT_IO, "cli.err.read", path=str(path), detail=exc.strerror or str(exc)) from exc


def _load(args: argparse.Namespace, progress: Progress) -> tuple[Any, Any]:
    """The dataset and the scenario the command runs on."""
    from strategy.data.dataset import load_dataset
    from strategy.data.paths import data_folder
    from strategy.scenario import Scenario
    from strategy.scenario_schema import Vocabulary

    folder = data_folder(args.data)
    if not folder.is_dir():
        raise CliError(EXIT_IO, "cli.err.no_data", path=str(folder))
    scenario = None
    if args.scenario:  # read the scenario first: a bad file fails before the slow data load
        scenario = Scenario.from_json(_read(args.scenario), Vocabulary.from_folder(folder))
    elif args.stored:
        store = _store(args)
        try:
            scenario, _ = store.load(args.stored, Vocabulary.from_folder(folder))
        finally:
            store.close()
    with progress.step("cli.progress.load"):
        dataset = load_dataset(folder)
    if scenario is None:
        scenario = Scenario.default(dataset)
    if scenario.data_version and scenario.data_version != dataset.version:
        progress.note("cli.warn.data_version", scenario=scenario.data_version, data=dataset.version)
    return dataset, scenario


def _store(args: argparse.Namespace) -> Any:
    from strategy.store import ScenarioStore

    return ScenarioStore(args.db)


def _evaluate(dataset: Any, scenario: Any, progress: Progress) -> Any:
    from strategy.scenario import evaluate

    with progress.step("cli.progress.score"):
        try:
            evaluation = evaluate(dataset, scenario)
        except ValueError as exc:
            raise CliError(EXIT_USAGE, "cli.err.scoring", detail=str(exc)) from exc
    if len(evaluation.market.score) == 0:
        raise CliError(EXIT_USAGE, "cli.err.empty_universe")
    return evaluation


def _solve(dataset: Any, evaluation: Any, constraints: Any, settings: Any, progress: Progress) -> Any:
    from strategy import optimize as optimizer
    from strategy.scoring.financing import plan_entries

    entries = plan_entries(evaluation.opportunity, dataset, cost_scale=evaluation.scenario.cost_scale)
    prerequisites = optimizer.prerequisites_of(dataset.fields)
    with (
        progress.step(
            "cli.progress.solve",
            live=True,
            solver=settings.solver,
            n=len(entries.table),
            limit=f"{settings.time_limit:g}",
        ),
        _stdout_to_stderr(progress.quiet),
    ):
        plan = optimizer.solve(entries, constraints, settings, prerequisites)
    if not plan.has_solution:
        details: list[str] = []
        if plan.status == "infeasible":
            lang = progress.lang
            try:
                with progress.step("cli.progress.explain"), _stdout_to_stderr(progress.quiet):
                    clash = optimizer.explain_infeasible(entries, constraints, prerequisites)
            except Exception:  # the explanation is a courtesy; the exit code is what matters
                clash = {}
            from strategy.export import country_names, field_names

            names = dict(country_names(dataset, lang)), dict(field_names(dataset, lang))
            for group, amount in clash.items():
                text = optimizer.group_text(group, lang, *names)
                if amount == float("inf"):
                    details.append(t("cli.err.clash_inf", lang, group=text))
                else:
                    details.append(t("cli.err.clash", lang, group=text, amount=f"{amount:.3g}"))
            raise CliError(EXIT_NO_SOLUTION, "cli.err.infeasible", details=details)
        raise CliError(EXIT_NO_SOLUTION, "cli.err.no_solution", status=plan.status, limit=f"{settings.time_limit:g}")
    progress.note(
        "cli.plan.summary",
        status=plan.status,
        objective=f"{plan.objective:.4f}",
        n=len(plan.selection),
        countries=len(plan.countries),
        budget=f"{plan.budget_used:g}",
        staff=f"{plan.staff_used:g}",
    )
    return plan


def _format(args: argparse.Namespace, allowed: Sequence[str] = ("csv", "xlsx")) -> str:
    if getattr(args, "format", None):
        if args.format == "table" and args.out:
            raise CliError(EXIT_USAGE, "cli.err.table_to_file")
        return args.format
    if not args.out:
        return "table"
    suffix = Path(args.out).suffix.lower().lstrip(".")
    if suffix not in allowed:
        raise CliError(EXIT_USAGE, "cli.err.suffix", path=args.out, allowed=", ".join("." + a for a in allowed))
    return suffix


def check_writable(path: str | Path, is_folder: bool = False) -> None:
    """Fail early (before the slow steps) when ``path`` (a file, or a folder to write into) cannot be
    written."""
    path = Path(path)
    if is_folder:
        folder = path
    elif path.is_dir():
        raise CliError(EXIT_IO, "cli.err.write", path=str(path), detail=Key("cli.err.is_dir"))
    else:
        folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise CliError(EXIT_IO, "cli.err.write", path=str(path), detail=Key("cli.err.no_dir"))
    if not os.access(folder, os.W_OK):
        raise CliError(EXIT_IO, "cli.err.write", path=str(path), detail=os.strerror(13))


def write_file(path: str | Path, data: bytes) -> Path:
    """Write ``data`` atomically (a temporary file in the same folder, then a rename)."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise CliError(EXIT_IO, "cli.err.write", path=str(path), detail=Key("cli.err.is_dir"))
    try:
        handle, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=path.suffix, dir=folder)
    except OSError as exc:
        raise CliError(EXIT_IO, "cli.err.write", path=str(path), detail=exc.strerror or str(exc)) from exc
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise CliError(EXIT_IO, "cli.err.write", path=str(path), detail=exc.strerror or str(exc)) from exc
    return path


def _emit(frame: Any, args: argparse.Namespace, sheet: str, progress: Progress, default_top: int = 20) -> None:
    """A table to stdout (text or CSV) or to a file (.csv with BOM or .xlsx)."""
    from strategy import export

    kind = _format(args)
    if kind == "table":
        shown = frame if args.top else frame.head(default_top)
        text = shown.to_string(index=False, float_format=lambda x: f"{x:.3f}", na_rep="–")
        print(text)
        if len(shown) < len(frame):
            progress.note("cli.more_rows", shown=len(shown), total=len(frame))
        return
    if kind == "csv" and not args.out:
        sys.stdout.write(export.safe_frame(frame).to_csv(index=False))
        return
    if kind == "xlsx" and not args.out:
        raise CliError(EXIT_USAGE, "cli.err.xlsx_stdout")
    data = export.to_csv_bytes(frame) if kind == "csv" else export.workbook_from_frames({sheet: frame})
    written = write_file(args.out, data)
    progress.note("cli.wrote", path=str(written), rows=len(frame))


# --- commands -------------------------------------------------------------------------------------


def cmd_rank(args: argparse.Namespace, progress: Progress) -> int:
    from strategy import export

    if args.what == "markets" and (args.country or args.field):
        raise CliError(EXIT_USAGE, "cli.err.pairs_only")
    _format(args)
    if args.out:
        check_writable(args.out)
    dataset, scenario = _load(args, progress)
    evaluation = _evaluate(dataset, scenario, progress)
    lang = args.lang
    if args.what == "markets":
        frame = export.market_shortlist(dataset, evaluation, lang, top=args.top)
        sheet = t("ex.sheet.markets", lang)
    else:
        iso3 = export.resolve_country(dataset, args.country) if args.country else None
        if iso3 is not None and iso3 not in evaluation.market.score.index:
            raise CliError(EXIT_USAGE, "cli.err.not_ranked", iso3=iso3)
        if args.field and args.field not in dataset.fields.index:
            raise CliError(
                EXIT_USAGE, "cli.err.unknown_field", value=args.field, allowed=", ".join(dataset.fields.index)
            )
        frame = export.pair_shortlist(dataset, evaluation, lang, top=None, iso3=iso3, field_id=args.field)
        if args.top:
            frame = frame.head(args.top)
        sheet = t("ex.sheet.pairs", lang)
    _emit(frame, args, sheet, progress)
    return EXIT_OK


def _plan_settings(scenario: Any, args: argparse.Namespace) -> tuple[Any, Any]:
    constraints, settings = scenario.constraints, scenario.solver
    overrides = {
        k: v
        for k, v in {"budget": args.budget, "staff": args.staff, "max_countries": args.max_countries}.items()
        if v is not None
    }
    if getattr(args, "packages", False):
        overrides["use_packages"] = True
    pools = parse_pools(args)
    if pools:
        overrides["pool_budget"] = {**constraints.pool_budget, **pools}
    if overrides:
        constraints = replace(constraints, **overrides)
    from strategy.optimize.packages import pool_problems

    problems = pool_problems(constraints.pool_budget, constraints.budget)
    if problems:
        from strategy.scenario import ScenarioError

        raise ScenarioError([("--pool", key, values) for _, key, values in problems])
    if args.time_limit is not None:
        settings = replace(settings, time_limit=args.time_limit)
    if args.solver:
        settings = replace(settings, solver=args.solver)
    return constraints, settings


def cmd_plan(args: argparse.Namespace, progress: Progress) -> int:
    from strategy import export

    kind = _format(args)
    check_plan_options(args)
    if args.out:
        check_writable(args.out)
    dataset, scenario = _load(args, progress)
    evaluation = _evaluate(dataset, scenario, progress)
    constraints, settings = _plan_settings(scenario, args)
    plan = _solve(dataset, evaluation, constraints, settings, progress)
    lang = args.lang
    frame = export.plan_table(dataset, plan, lang)
    if kind == "xlsx" and args.out:
        effective = replace(evaluation, scenario=replace(scenario, constraints=constraints, solver=settings))
        data = export.workbook_from_frames(
            {
                t("ex.sheet.plan", lang): frame,
                t("ex.sheet.settings", lang): export.settings_table(dataset, effective, lang, plan),
            }
        )
        written = write_file(args.out, data)
        progress.note("cli.wrote", path=str(written), rows=len(frame))
        return EXIT_OK
    args.top = None
    _emit(frame, args, t("ex.sheet.plan", lang), progress, default_top=10_000)
    return EXIT_OK


def cmd_sensitivity(args: argparse.Namespace, progress: Progress) -> int:
    from strategy import export
    from strategy.analysis.sampling import SamplingError, sample_weights
    from strategy.analysis.sensitivity import smaa

    _format(args)
    check_mode_options(args)
    check_samples(args)
    if args.out:
        check_writable(args.out)
    dataset, scenario = _load(args, progress)
    evaluation = _evaluate(dataset, scenario, progress)
    pillars = evaluation.market.pillars
    weighted = [p for p in pillars.columns if float(scenario.market_weights.pillars.get(p, 0.0)) > 0]
    values = pillars[weighted] if weighted else pillars
    if scenario.settings.method != "weighted_sum":
        progress.note("cli.warn.smaa_wsm", method=scenario.settings.method)
    options = sampling_options(args, list(values.columns))
    base = [float(scenario.market_weights.pillars.get(p, 0.0)) for p in values.columns]
    try:
        samples = sample_weights(
            args.mode,
            args.samples,
            rng=args.seed,
            base_weights=base if sum(base) > 0 else None,
            n_criteria=len(base),
            **options,
        )
    except SamplingError as exc:
        raise CliError(EXIT_USAGE, SAMPLING_ERRORS.get(exc.reason, "cli.err.sampling"), detail=str(exc)) from exc
    with progress.step("cli.progress.smaa", n=f"{args.samples:,}", countries=len(values), criteria=values.shape[1]):
        result = smaa(values, n_samples=args.samples, seed=args.seed, weights=samples)
    frame = export.sensitivity_table(dataset, evaluation, result, args.lang)
    if args.top:
        frame = frame.head(args.top)
    _emit(frame, args, t("ex.sheet.sensitivity", args.lang), progress)
    return EXIT_OK


def cmd_export(args: argparse.Namespace, progress: Progress) -> int:
    from strategy import export

    if not args.out:
        raise CliError(EXIT_USAGE, "cli.err.export_out")
    out = Path(args.out)
    to_dir = out.is_dir() or args.out.endswith(("/", os.sep))
    suffix = out.suffix.lower()
    if not to_dir and suffix not in (".xlsx", ".html", ".htm", ".pptx"):
        raise CliError(EXIT_USAGE, "cli.err.suffix", path=args.out, allowed=".xlsx, .html, .pptx, DIR/")
    if not to_dir and suffix in (".html", ".htm") and len(args.country) != 1:
        raise CliError(EXIT_USAGE, "cli.err.one_country")
    check_writable(out, is_folder=to_dir)
    dataset, scenario = _load(args, progress)
    countries = [export.resolve_country(dataset, c) for c in args.country]
    evaluation = _evaluate(dataset, scenario, progress)
    for iso3 in countries:  # fail before any file is written
        if iso3 not in evaluation.market.score.index:
            raise CliError(EXIT_USAGE, "cli.err.not_ranked", iso3=iso3)
    plan = None
    if args.with_plan:
        plan = _solve(dataset, evaluation, scenario.constraints, scenario.solver, progress)
    lang = args.lang
    if to_dir or suffix == ".xlsx":
        with progress.step("cli.progress.workbook"):
            data = export.workbook_bytes(dataset, evaluation, lang, plan)
        path = out / export.export_filename("workbook", scenario.name, "xlsx") if to_dir else out
        progress.note("cli.wrote_file", path=str(write_file(path, data)))
    if to_dir or suffix in (".html", ".htm"):
        for iso3 in countries:
            page = export.country_brief_html(dataset, evaluation, iso3, lang, plan)
            path = out / export.export_filename("brief", scenario.name, "html", iso3) if to_dir else out
            progress.note("cli.wrote_file", path=str(write_file(path, page.encode("utf-8"))))
    if suffix == ".pptx" and not to_dir:
        from strategy.export.deck import plan_deck

        with progress.step("cli.progress.deck"):
            data = plan_deck(dataset, evaluation, plan, lang, countries=countries or None)
        progress.note("cli.wrote_file", path=str(write_file(out, data)))
    return EXIT_OK


def _command_in(module: str, name: str) -> Callable[[argparse.Namespace, Progress], int]:
    """The command ``name`` written in ``module``, imported when it runs (``--help`` stays quick)."""
    return lambda args, progress: getattr(importlib.import_module(module), name)(args, progress)


def build_parser() -> argparse.ArgumentParser:
    """The parser of :func:`main`, with every sub-command wired to its ``cmd_*`` function."""
    return cli_options.build_parser(
        {
            "rank": cmd_rank,
            "plan": cmd_plan,
            "sensitivity": cmd_sensitivity,
            "robustness": _command_in("strategy.cli_robustness", "cmd_robustness"),
            "export": cmd_export,
            "scenarios": _command_in("strategy.cli_scenarios", "cmd_scenarios"),
            "sweep": _command_in("strategy.cli_sweep", "cmd_sweep"),
        }
    )


# --- entry point ----------------------------------------------------------------------------------


def _report(lang: Lang, lines: Sequence[str]) -> None:
    prefix = t("cli.err.prefix", lang)
    first, *rest = list(lines) or [""]
    print(prefix + first, file=sys.stderr)
    for line in rest:
        print("  - " + line, file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (documented in the module docstring)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    Parser.argv = argv
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    lang: Lang = args.lang
    progress = Progress(lang, quiet=args.quiet)
    handler: Callable[[argparse.Namespace, Progress], int] = args.func
    from strategy.data.dataset import DataValidationError
    from strategy.export import ExportError
    from strategy.scenario import ScenarioError
    from strategy.store import ConflictError, InvalidNameError, NameTakenError, NotFoundError, StoreError

    try:
        return handler(args, progress)
    except CliError as exc:
        _report(lang, exc.lines(lang))
        return exc.code
    except ScenarioError as exc:
        options = all(path.startswith("--") for path, _, _ in exc.problems)
        _report(lang, [t("schema.options_invalid" if options else "cli.err.scenario", lang), *exc.messages(lang)])
        return EXIT_USAGE
    except DataValidationError as exc:
        messages = exc.messages(lang)
        _report(lang, [t("cli.err.data", lang, n=len(messages)), *messages[:20]])
        return EXIT_USAGE
    except ExportError as exc:
        _report(lang, [exc.message(lang)])
        return EXIT_USAGE
    except (NotFoundError, ConflictError, NameTakenError, InvalidNameError) as exc:
        _report(lang, [exc.message(lang)])
        return EXIT_USAGE
    except StoreError as exc:
        _report(lang, [exc.message(lang)])
        return EXIT_IO
    except BrokenPipeError:  # the reader went away (``| head``): stop quietly
        with contextlib.suppress(OSError):
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    except OSError as exc:
        _report(lang, [t("cli.err.io", lang, detail=f"{exc.filename or ''} {exc.strerror or exc}".strip())])
        return EXIT_IO
    except KeyboardInterrupt:
        _report(lang, [t("cli.err.interrupted", lang)])
        return 130
    except Exception as exc:  # noqa: BLE001 - the last line of defence: a message, not a traceback
        if args.debug:
            traceback.print_exc()
        _report(lang, [t("cli.err.unexpected", lang, kind=type(exc).__name__, detail=str(exc)[:300])])
        return EXIT_UNEXPECTED
