#!/usr/bin/env bash
# Create .venv and install the project from its own files.
#   bash scripts/setup.sh        # the app
#   bash scripts/setup.sh dev    # the app + test tools, and Debian chromium for browser tests
set -euo pipefail
cd "$(dirname "$0")/.."
venv="${VENV:-.venv}"
if [ ! -x "$venv/bin/python" ]; then
  "${PYTHON:-python3}" -m venv "$venv"
fi
"$venv/bin/python" -m pip install -q --disable-pip-version-check --upgrade pip
if [ "${1:-}" = "dev" ]; then
  "$venv/bin/python" -m pip install -q --disable-pip-version-check -e ".[dev]"
  # Browser tests drive Debian's chromium through Playwright (no browser download).
  # Japanese fonts so screenshots show text, not boxes.
  # PostgreSQL server binaries for the scenario-store tests (a throwaway cluster per test run).
  # LibreOffice Impress and poppler draw the PowerPoint deck to PNG for the deck's rendering test.
  if ! command -v chromium >/dev/null 2>&1 || ! fc-list 2>/dev/null | grep -qi "noto sans cjk" \
    || ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || ! command -v soffice >/dev/null 2>&1 \
    || ! command -v pdftoppm >/dev/null 2>&1; then
    if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
      apt-get update -qq
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        chromium fonts-noto-cjk postgresql libreoffice-impress poppler-utils >/dev/null
    else
      echo "note: install Debian's chromium, fonts-noto-cjk, postgresql, libreoffice-impress and poppler-utils for the browser, PostgreSQL and deck-rendering tests (skipped otherwise)" >&2
    fi
  fi
else
  "$venv/bin/python" -m pip install -q --disable-pip-version-check -e .
fi
