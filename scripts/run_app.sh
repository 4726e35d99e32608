#!/usr/bin/env bash
# Install and start the app on the bundled data (http://localhost:8501). Makes no network calls.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec "${VENV:-.venv}/bin/python" -m streamlit run app.py "$@"
