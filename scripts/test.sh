#!/usr/bin/env bash
# Install everything (project, test tools, Debian chromium) and run every test.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh dev
exec "${VENV:-.venv}/bin/python" -m pytest "$@"
