"""The command line's options, exit codes and errors: the ``python -m strategy`` parser.

:mod:`strategy.cli` runs the commands; this module says what each accepts. Help is English (the
help of the sampling options comes from the CLI catalogue, ja and en side by side); usage errors
are printed in the language of ``--lang``, with exit code 2 like any other bad input.
"""

from __future__ import annotations

import argparse
import math
import sys
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from strategy.analysis.sampling import SAMPLING_MODES
from strategy.data.paths import DATA_DIR_ENV
from strategy.i18n import LANGS, Lang, t

EXIT_OK = 0
EXIT_UNEXPECTED = 1
EXIT_USAGE = 2
EXIT_NO_SOLUTION = 3
EXIT_IO = 4
HELP_LANG: Lang = "en"  # --help is English; usage errors and messages follow --lang
DEFAULT_SPREAD = 50.0  # percent, as the Sensitivity page starts

EPILOG = """exit codes:
  0  success
  1  unexpected error (run again with --debug for the traceback)
  2  usage error or bad input (invalid scenario JSON or a value out of its range, unknown
     country, invalid data, an option out of range such as --samples over 200,000)
  3  no plan: the constraints cannot all hold, or no solution within the time limit
  4  input/output error (file unreadable or unwritable, scenario store or Dask scheduler unreachable)
"""


class Key(str):
    """A message key used as a value of another message: translated when the message is shown."""


class CliError(Exception):
    """An error with an exit code and a message key (printed in the chosen language)."""

    def __init__(self, code: int, key: str, *, details: Sequence[str] = (), **values: Any):
        self.code, self.key, self.values, self.details = code, key, values, list(details)
        super().__init__(self.lines("en")[0])

    def lines(self, lang: Lang) -> list[str]:
        values = {k: t(v, lang) if isinstance(v, Key) else v for k, v in self.values.items()}
        return [t(self.key, lang, **values), *self.details]


#: Runs one sub-command: (parsed arguments, progress reporter) -> exit code.
Handler = Callable[[argparse.Namespace, Any], int]


# --- parser ---------------------------------------------------------------------------------------


class Parser(argparse.ArgumentParser):
    """argparse with usage errors in the language asked for (help stays English)."""

    argv: Sequence[str] = ()  # the command line being parsed (set by main), for the message language

    def error(self, message: str) -> None:  # type: ignore[override]
        lang = _lang_from_argv(Parser.argv)
        self.print_usage(sys.stderr)
        print(t("cli.err.prefix", lang) + t("cli.err.usage", lang, detail=message), file=sys.stderr)
        raise SystemExit(EXIT_USAGE)


def _lang_from_argv(argv: Sequence[str]) -> Lang:
    for i, arg in enumerate(argv):
        value = (
            arg.split("=", 1)[1]
            if arg.startswith("--lang=")
            else argv[i + 1]
            if arg == "--lang" and i + 1 < len(argv)
            else None
        )
        if value in LANGS:
            return value  # type: ignore[return-value]
    return "ja"


def _positive_int(text: str) -> int:
    value = int(text)
    if value <= 0:
        raise argparse.ArgumentTypeError("must be a positive whole number")
    return value


def _positive(text: str) -> float:
    value = float(text)
    if not value > 0 or value == float("inf"):
        raise argparse.ArgumentTypeError("must be more than zero")
    return value


def _common(with_scenario: bool, out_help: str) -> argparse.ArgumentParser:
    """The options every command shares (as an argparse parent)."""
    common = argparse.ArgumentParser(add_help=False)
    source = common.add_argument_group("scenario and data")
    if with_scenario:
        which = source.add_mutually_exclusive_group()
        which.add_argument(
            "--scenario", metavar="FILE.json", help="scenario JSON (as exported by the app); default: balanced preset"
        )
        which.add_argument("--stored", metavar="NAME", help="a scenario saved in the scenario store (see --db)")
    source.add_argument(
        "--db",
        metavar="URL",
        help="scenario store: SQLAlchemy URL or SQLite file (default: $ICT_STRATEGY_DB_URL or "
        "~/.ict_strategy/scenarios.sqlite)",
    )
    if with_scenario:
        source.add_argument(
            "--data", metavar="DIR", help=f"data folder (default: ${DATA_DIR_ENV} or the bundled data/countries)"
        )
    out = common.add_argument_group("output")
    out.add_argument("--lang", choices=LANGS, default="ja", help="language of the output and messages (default: ja)")
    out.add_argument("--out", metavar="PATH", help=out_help)
    out.add_argument("--quiet", action="store_true", help="no progress messages on stderr")
    out.add_argument("--debug", action="store_true", help="show the traceback of an unexpected error")
    return common


def _help(key: str) -> str:
    """An option's help from the CLI catalogue; in English, like the rest of the help."""
    return t(key, HELP_LANG).replace("%", "%%")  # argparse formats help with %


def _command(
    sub: Any,
    name: str,
    parent: argparse.ArgumentParser,
    func: Handler,
    *,
    help: str,  # noqa: A002 - argparse's own name for it
    description: str,
) -> argparse.ArgumentParser:
    """A sub-command with the shared options of ``parent``, the exit codes as epilog, run by ``func``."""
    command = sub.add_parser(
        name,
        parents=[parent],
        help=help,
        description=description,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    command.set_defaults(func=func)
    return command


def _format_option(command: argparse.ArgumentParser) -> None:
    command.add_argument("--format", choices=("csv", "xlsx", "table"), help="default: from the --out suffix; table")


def build_parser(commands: Mapping[str, Handler]) -> argparse.ArgumentParser:
    """The ``python -m strategy`` parser; ``commands`` maps each sub-command name to the function that runs it."""
    common = _common(True, "output file (.csv or .xlsx); default: a table on stdout")
    export_common = _common(
        True,
        "FILE.xlsx (workbook), FILE.html (brief of one --country), FILE.pptx (briefing deck) or DIR/ (workbook and briefs)",
    )
    store_common = _common(False, "show: write the JSON to this file instead of stdout")

    parser = Parser(
        prog="python -m strategy",
        description="ICT export strategy: rank markets and fields, plan a portfolio, test the ranking's "
        "sensitivity and export the results, from a scenario JSON.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)

    rank = _command(
        sub,
        "rank",
        common,
        commands["rank"],
        help="ranked markets or market × field pairs",
        description="Ranked markets (score, coverage, pillar scores, best field) or market × field pairs "
        "(opportunity with its parts and the main rival). Writes CSV (UTF-8 with BOM) or Excel, or prints "
        "a table.",
    )
    rank.add_argument("--what", choices=("markets", "pairs"), default="markets", help="what to rank (default: markets)")
    rank.add_argument("--top", type=_positive_int, metavar="N", help="only the first N rows (stdout default: 20)")
    rank.add_argument("--country", metavar="ISO3", help="pairs: only this country (ISO3 code or name)")
    rank.add_argument("--field", metavar="FIELD_ID", help="pairs: only this field (e.g. digital_tv)")
    _format_option(rank)

    plan = _command(
        sub,
        "plan",
        common,
        commands["plan"],
        help="solve the portfolio (which country × field, in which period)",
        description="Solve the portfolio for the scenario's constraints (budget, staff, countries, ...), "
        "optionally overridden here. Writes the selected entries as CSV or Excel (with the plan's status "
        "and use of resources), or prints them.",
    )
    # the ranges of these overrides are the scenario schema's, checked with its messages (cli.check_plan_options)
    plan.add_argument("--budget", type=float, help="total budget (overrides the scenario)")
    plan.add_argument("--staff", type=float, help="staff limit (overrides the scenario)")
    plan.add_argument("--max-countries", type=int, metavar="N", help="at most N countries")
    plan.add_argument("--time-limit", type=float, metavar="SECONDS", help="solver time limit")
    plan.add_argument("--solver", choices=("highs", "cbc"), help="MIP solver (default: the scenario's, highs)")
    plan.add_argument("--packages", action="store_true", help=_help("cli.help.packages"))
    plan.add_argument("--pool", action="append", metavar="ROUTE=AMOUNT", help=_help("cli.help.pool"))
    _format_option(plan)

    sens = _command(
        sub,
        "sensitivity",
        common,
        commands["sensitivity"],
        help="SMAA: how robust is the market ranking to the pillar weights",
        description="Stochastic multicriteria acceptability analysis (SMAA-2) on the pillar scores: the "
        "probability that each market is in the top 1, 3, 5 and 10 when the pillar weights are drawn at "
        "random (--mode: anywhere, within a spread of the scenario's weights, or keeping an order), and "
        "its confidence factor.",
    )
    sens.add_argument("--samples", type=_positive_int, default=10_000, help="weight samples (default: 10000)")
    sens.add_argument("--seed", type=int, default=0, help="random seed (default: 0)")
    sens.add_argument("--mode", choices=SAMPLING_MODES, default="simplex", help=_help("cli.help.mode"))
    sens.add_argument("--spread", type=_positive, metavar="PERCENT", help=_help("cli.help.spread"))
    sens.add_argument("--order", metavar="PILLAR,...", help=_help("cli.help.order"))
    sens.add_argument("--top", type=_positive_int, metavar="N", help="only the first N markets (stdout default: 20)")
    _format_option(sens)

    if "robustness" in commands:
        from strategy.cli_robustness import add_parser

        add_parser(sub, common, commands["robustness"], _command)

    export = _command(
        sub,
        "export",
        export_common,
        commands["export"],
        help="Excel workbook, HTML country brief or PowerPoint briefing deck",
        description="Write the Excel workbook (shortlists, score decomposition, weights and settings, plan, "
        "sources with years and licences, judgement tables) and/or a printable HTML brief per country. "
        "--out FILE.xlsx writes the workbook, --out FILE.html the brief of one --country, and --out DIR/ "
        "writes the workbook and a brief for each --country into that folder. --out FILE.pptx writes the briefing "
        "deck (title, the three answers, plan table and map with --with-plan, one slide per chosen country or per "
        "--country, sources and licences).",
    )
    export.add_argument(
        "--country",
        action="append",
        default=[],
        metavar="ISO3",
        help="country for a brief or a deck slide (repeatable)",
    )
    export.add_argument("--with-plan", action="store_true", help="solve the portfolio and include the plan")

    scen = _command(
        sub,
        "scenarios",
        store_common,
        commands["scenarios"],
        help="list, export or import saved scenarios",
        description="Work with the scenario store (--db). 'list' shows the saved scenarios; 'show NAME' "
        "writes one as JSON (stdout or --out); 'import FILE' validates a JSON file and saves it as a new "
        "scenario (--name to rename).",
    )
    scen.add_argument("action", choices=("list", "show", "import"))
    scen.add_argument("target", nargs="?", metavar="NAME|FILE", help="scenario name (show) or JSON file (import)")
    scen.add_argument("--name", help="import: save under this name")
    if "sweep" in commands:
        add_sweep_command(sub, common, commands["sweep"])
    return parser


def add_sweep_command(sub: Any, common: argparse.ArgumentParser, func: Handler) -> argparse.ArgumentParser:
    """The ``sweep`` sub-command: the plan at every combination of the listed values."""
    sweep = _command(
        sub,
        "sweep",
        common,
        func,
        help="solve the plan at every combination of budgets, staff, presets, methods, cost multipliers",
        description="A scenario sweep: the portfolio solved at every combination of the values given "
        "(the Cartesian product, at most 500 points), everything else from the scenario. Values are "
        "comma-separated (20,30,40) or a range start:stop:step (10:50:10). Writes the points (value, "
        "status, entries, binding limits) as CSV, or an Excel file with the points and how often each "
        "entry is chosen.",
    )
    sweep.add_argument("--budget", metavar="VALUES", help="budgets, e.g. 20,30,40")
    sweep.add_argument("--staff", metavar="VALUES", help="staff limits, e.g. 20,25")
    sweep.add_argument("--time-preference", metavar="VALUES", help="time preferences in (0, 1], e.g. 0.9,0.97,1")
    sweep.add_argument("--preset", metavar="IDS", help="weight presets, e.g. balanced,digital_gap")
    sweep.add_argument("--method", metavar="IDS", help="scoring methods: weighted_sum, weighted_product, topsis")
    sweep.add_argument(
        "--cost-scale",
        action="append",
        default=[],
        metavar="TARGET=VALUES",
        help="cost multipliers of a country (VNM=1,2), a group (asean=1,1.5) or a UN region "
        "(Asia=1,2); repeatable; they multiply the scenario's own",
    )
    sweep.add_argument("--time-limit", type=float, metavar="SECONDS", help="solver time limit per point")
    sweep.add_argument(
        "--workers",
        type=_positive_int,
        default=1,
        metavar="N",
        help="solve N points at once in N processes (default: 1)",
    )
    sweep.add_argument("--entries", metavar="FILE.csv", help="also write how often each entry is chosen (CSV)")
    _format_option(sweep)
    return sweep


# --- the sampling options of the sensitivity command ----------------------------------------------

#: Why weights could not be drawn (``SamplingError.reason``) -> the message shown.
SAMPLING_ERRORS = {
    "ranges": "cli.err.ranges",
    "ranges_narrow": "cli.err.ranges_narrow",
    "spread": "cli.err.spread",
    "order": "cli.err.order",
    "weights": "cli.err.sampling_weights",
}


def check_mode_options(args: argparse.Namespace) -> None:
    """``--spread`` and ``--order`` belong to one ``--mode`` each (checked before the slow steps)."""
    for option, value, mode in (("--spread", args.spread, "ranges"), ("--order", args.order, "ordered")):
        if value is not None and args.mode != mode:
            raise CliError(EXIT_USAGE, "cli.err.mode_option", option=option, mode=mode)


def sampling_options(args: argparse.Namespace, pillars: Sequence[str]) -> dict[str, Any]:
    """What ``sample_weights`` needs for ``--mode`` besides the base weights and the seed."""
    if args.mode == "ranges":
        return {"spread": (DEFAULT_SPREAD if args.spread is None else args.spread) / 100}
    if args.order is not None:
        named = [p.strip() for p in args.order.split(",") if p.strip()]
        if sorted(named) != sorted(pillars):
            raise CliError(EXIT_USAGE, "cli.err.order_pillars", given=args.order, allowed=",".join(pillars))
        return {"order": [list(pillars).index(p) for p in named]}
    return {}


# --- the limits of the options -------------------------------------------------------------------

#: The plan command's options that override a scenario value, and that value's path in the schema.
PLAN_OPTIONS = {
    "budget": "constraints.budget",
    "staff": "constraints.staff",
    "max_countries": "constraints.max_countries",
    "time_limit": "solver.time_limit",
}


def check_plan_options(args: argparse.Namespace) -> None:
    """The plan command's overrides obey the scenario schema's ranges (checked before the data load)."""
    from strategy import scenario_schema
    from strategy.scenario import ScenarioError

    problems = []
    for option, path in PLAN_OPTIONS.items():
        value = getattr(args, option, None)
        if value is not None:
            option_name = "--" + option.replace("_", "-")
            problems += [(option_name, *p[1:]) for p in scenario_schema.rule(path).check(path, value, None)]
            if isinstance(value, float) and not math.isfinite(value):
                problems.append((option_name, "schema.err.not_finite", {"value": scenario_schema.shown(value)}))
    problems += [("--pool", key, values) for _, key, values in _pool_problems(args)]
    if problems:
        raise ScenarioError(problems)


def parse_pools(args: argparse.Namespace) -> dict[str, float]:
    """The ``--pool ROUTE=AMOUNT`` options as a route -> budget mapping (checked by :func:`check_plan_options`)."""
    out: dict[str, float] = {}
    for text in getattr(args, "pool", None) or ():
        route, _, amount = str(text).partition("=")
        try:
            out[route.strip()] = float(amount)
        except ValueError:
            raise CliError(EXIT_USAGE, "cli.err.pool_format", value=text) from None
    return out


def _pool_problems(args: argparse.Namespace) -> list[tuple[str, str, dict[str, object]]]:
    """Unknown routes and pools over the budget given on the command line (the budget: ``--budget``
    or the optimiser's default; a scenario's own budget is checked again when the plan is solved)."""
    from strategy.optimize import Constraints
    from strategy.optimize.packages import pool_problems

    pools = parse_pools(args)
    budget = getattr(args, "budget", None)
    return pool_problems(pools, Constraints().budget if budget is None else budget) if pools else []


def check_samples(args: argparse.Namespace) -> None:
    """At most :data:`~strategy.scenario_schema.SMAA_SAMPLES_MAX` weight samples, said before any is drawn."""
    from strategy.scenario_schema import SMAA_SAMPLES_MAX

    if args.samples > SMAA_SAMPLES_MAX:
        raise CliError(EXIT_USAGE, "schema.limit.samples", value=f"{args.samples:,}", max=f"{SMAA_SAMPLES_MAX:,}")
