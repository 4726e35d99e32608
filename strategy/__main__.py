"""``python -m strategy``: the command line (see :mod:`strategy.cli`)."""

from strategy.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
