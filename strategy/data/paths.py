"""Where the project's files live. The app and tests read data only from ``DATA_DIR``."""

from __future__ import annotations

from pathlib import Path

REPO_ROOT: Path = Path(__file__).resolve().parents[2]
DATA_DIR: Path = REPO_ROOT / "data" / "countries"
# Streamlit serves this folder at app/static/ (server.enableStaticServing); the offline map
# shapes live here so plotly never fetches them from a CDN.
STATIC_DIR: Path = REPO_ROOT / "static"
