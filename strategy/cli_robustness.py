"""The ``robustness`` command: how often each (country, field) entry stays in the plan when the
pillar weights are drawn at random, solved on local cores or a Dask cluster.

The weights are drawn as the ``sensitivity`` command and the Sensitivity page draw them (``--mode``,
``--spread``, ``--order``, ``--seed``); the plan's rules are the scenario's. ``--workers`` local
processes (default every core) or ``--scheduler`` (default ``$ICT_STRATEGY_DASK_SCHEDULER``) say where
the samples are solved; an unreachable scheduler is an input/output error (exit 4) unless
``--fallback-local`` is given. A base plan that cannot be solved exits 3, like ``plan``.
"""

from __future__ import annotations

import argparse
from typing import Any

from strategy.cli_options import (
    EXIT_IO,
    EXIT_NO_SOLUTION,
    EXIT_OK,
    EXIT_USAGE,
    CliError,
    _help,
    _positive,
    _positive_int,
)
from strategy.i18n import t

#: At most this many samples (each is an integer programme; 2,000 take minutes on two cores).
SAMPLES_MAX = 20_000
DEFAULT_SAMPLES = 200
#: Seconds each solve may take at most (as on the Sensitivity page).
DEFAULT_SOLVE_LIMIT = 10.0


def add_parser(sub: Any, parent: argparse.ArgumentParser, func: Any, command: Any) -> None:
    """The ``robustness`` sub-command (``command`` is ``cli_options._command``)."""
    from strategy.analysis.sampling import SAMPLING_MODES

    rb = command(
        sub,
        "robustness",
        parent,
        func,
        help="plan robustness: how often each entry stays in the plan under random pillar weights",
        description="Re-solve the portfolio for pillar-weight samples (drawn as by the sensitivity command) and "
        "count how often each (country, field) entry is chosen. The model is built once per worker; samples run "
        "on local processes (--workers) or a Dask cluster (--scheduler or $ICT_STRATEGY_DASK_SCHEDULER). Writes "
        "one row per entry as CSV (UTF-8 with BOM) or Excel, or prints a table.",
    )
    rb.add_argument(
        "--samples", type=_positive_int, default=DEFAULT_SAMPLES, help=f"weight samples (default: {DEFAULT_SAMPLES})"
    )
    rb.add_argument("--seed", type=int, default=0, help="random seed (default: 0)")
    rb.add_argument("--mode", choices=SAMPLING_MODES, default="simplex", help=_help("cli.help.mode"))
    rb.add_argument("--spread", type=_positive, metavar="PERCENT", help=_help("cli.help.spread"))
    rb.add_argument("--order", metavar="PILLAR,...", help=_help("cli.help.order"))
    rb.add_argument("--workers", type=_positive_int, metavar="N", help=_help("runner.help.workers"))
    rb.add_argument("--scheduler", metavar="ADDRESS", help=_help("runner.help.scheduler"))
    rb.add_argument("--fallback-local", action="store_true", help=_help("runner.help.fallback"))
    rb.add_argument(
        "--solve-limit",
        type=_positive,
        metavar="SECONDS",
        default=DEFAULT_SOLVE_LIMIT,
        help=_help("runner.help.solve_limit"),
    )
    rb.add_argument("--time-budget", type=_positive, metavar="SECONDS", help=_help("runner.help.time_budget"))
    rb.add_argument("--top", type=_positive_int, metavar="N", help="only the first N entries (stdout default: 20)")
    rb.add_argument("--format", choices=("csv", "xlsx", "table"), help="default: from the --out suffix; table")


def cmd_robustness(args: argparse.Namespace, progress: Any) -> int:
    """Run the robustness command (see the module docstring); returns the exit code."""
    import numpy as np
    import pandas as pd

    from strategy import cli
    from strategy.analysis.robustness import plan_robustness
    from strategy.analysis.runner import RunnerError, check_scheduler, scheduler_address
    from strategy.analysis.sampling import SamplingError, sample_weights
    from strategy.cli_options import SAMPLING_ERRORS, check_mode_options, sampling_options
    from strategy.export import country_names, field_names
    from strategy.optimize import prerequisites_of

    cli._format(args)
    check_mode_options(args)
    if args.samples > SAMPLES_MAX:
        raise CliError(EXIT_USAGE, "schema.limit.samples", value=f"{args.samples:,}", max=f"{SAMPLES_MAX:,}")
    if args.out:
        cli.check_writable(args.out)
    address = scheduler_address(args.scheduler)
    if address is not None:  # an unreachable scheduler is said before the slow steps
        try:
            check_scheduler(address)
        except RunnerError as exc:
            if not args.fallback_local:
                raise CliError(EXIT_IO, exc.message.key, **dict(exc.message.params)) from exc
            progress.note("runner.note.fallback", address=address)
            address = ""
    dataset, scenario = cli._load(args, progress)
    evaluation = cli._evaluate(dataset, scenario, progress)
    pillars = list(evaluation.market.pillars.columns)
    base = np.array([float(scenario.market_weights.pillars.get(p, 0.0)) for p in pillars], float)
    if base.sum() <= 0:
        base = np.ones(len(pillars))
    try:
        samples = sample_weights(
            args.mode, args.samples, rng=args.seed, base_weights=base, **sampling_options(args, pillars)
        )
    except SamplingError as exc:
        raise CliError(EXIT_USAGE, SAMPLING_ERRORS.get(exc.reason, "cli.err.sampling"), detail=str(exc)) from exc
    lang = args.lang
    budget = 10.0**9 if args.time_budget is None else args.time_budget
    with (
        progress.step("runner.progress.run", live=True, n=f"{args.samples:,}", limit=f"{args.solve_limit:g}"),
        cli._stdout_to_stderr(progress.quiet),
    ):
        try:
            result = plan_robustness(
                evaluation.market,
                evaluation.fit,
                evaluation.threat,
                scenario.opportunity_weights,
                dataset.fields,
                dataset.countries,
                scenario.constraints,
                base,
                samples,
                settings=scenario.solver,
                prerequisites=prerequisites_of(dataset.fields),
                cost_scale=scenario.cost_scale,
                time_budget=budget,
                solve_limit=args.solve_limit,
                workers=args.workers,
                scheduler=address if address is not None else "",
                fallback_local=args.fallback_local,
            )
        except RunnerError as exc:
            raise CliError(EXIT_IO, exc.message.key, **dict(exc.message.params)) from exc
    for note in result.notes:
        progress.note(note.key, **dict(note.params))
    if not result.base.has_solution:
        raise CliError(EXIT_NO_SOLUTION, "runner.err.no_base", status=result.base.status)
    where = t(f"runner.where.{result.where}", lang, workers=result.workers)
    progress.note(
        "runner.summary",
        tried=result.tried,
        requested=result.requested,
        solved=result.solved,
        failed=result.failed,
        core=len(result.core()),
        base=len(result.base.selection),
        seconds=f"{result.seconds:.1f}",
        where=where,
    )
    for kind, count in result.failures.items():
        progress.note("runner.failed_kind", n=count, reason=t(f"runner.failure.{kind.value}", lang))
    if result.stopped_early:
        progress.note("runner.stopped", tried=result.tried, requested=result.requested)
    table = result.table
    frame = pd.DataFrame(
        {
            t("runner.col.iso3", lang): table["iso3"].to_numpy(),
            t("runner.col.country", lang): table["iso3"].map(dict(country_names(dataset, lang))).to_numpy(),
            t("runner.col.field", lang): table["field_id"].map(dict(field_names(dataset, lang))).to_numpy(),
            t("runner.col.chosen", lang): table["chosen"].to_numpy(),
            t("runner.col.frequency", lang): table["frequency"].to_numpy(dtype=float),
            t("runner.col.in_base", lang): table["in_base"].to_numpy(),
            t("runner.col.mean_period", lang): table["mean_period"].to_numpy(dtype=float),
        }
    )
    if args.top:
        frame = frame.head(args.top)
    cli._emit(frame, args, t("runner.sheet", lang), progress)
    return EXIT_OK
