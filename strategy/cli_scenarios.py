"""The ``scenarios`` command: list, show (export) or import the scenarios of the store."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from strategy.cli_options import EXIT_OK, EXIT_USAGE, CliError
from strategy.i18n import t

if TYPE_CHECKING:  # the command module imports this one when the command runs
    from strategy.cli import Progress


def cmd_scenarios(args: argparse.Namespace, progress: Progress) -> int:
    """List, show or import saved scenarios (``--db URL`` or the default store)."""
    from strategy.cli import _read, _store, write_file
    from strategy.scenario import Scenario

    lang = args.lang
    if args.action in ("show", "import") and not args.target:
        raise CliError(EXIT_USAGE, "cli.err.target", action=args.action)
    store = _store(args)
    try:
        if args.action == "list":
            for info in store.list():
                print(f"{info.name}\tv{info.version}\t{info.updated:%Y-%m-%d %H:%M} UTC")
            return EXIT_OK
        if args.action == "show":
            text = store.export_json(args.target) + "\n"
            if args.out:
                progress.note("cli.wrote_file", path=str(write_file(args.out, text.encode("utf-8"))))
            else:
                sys.stdout.write(text)
            return EXIT_OK
        scenario = store.import_json(_read(args.target))
        if args.name:
            scenario = Scenario.from_dict({**scenario.to_dict(), "name": args.name})
        version = store.save(scenario, None)
        print(t("cli.imported", lang, name=scenario.name, version=version))
        return EXIT_OK
    finally:
        store.close()
