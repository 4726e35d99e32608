"""Where the project's files live. The app and tests read data only from ``DATA_DIR``."""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT: Path = Path(__file__).resolve().parents[2]
DATA_DIR: Path = REPO_ROOT / "data" / "countries"
# Streamlit serves this folder at app/static/ (server.enableStaticServing); the offline map
# shapes live here so plotly never fetches them from a CDN.
STATIC_DIR: Path = REPO_ROOT / "static"

#: Environment variable that points the app and the command line at another data folder.
DATA_DIR_ENV = "ICT_STRATEGY_DATA_DIR"


def data_folder(explicit: str | Path | None = None) -> Path:
    """The data folder to read: ``explicit`` if given, else ``$ICT_STRATEGY_DATA_DIR``, else ``DATA_DIR``."""
    return Path(explicit or os.environ.get(DATA_DIR_ENV) or DATA_DIR)
