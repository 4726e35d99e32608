"""The layout's rules, checked so they stay true: the library never imports the app or Streamlit,
modules and pages stay small enough to read, and no root ``pages/`` folder exists (Streamlit would
load it beside ``st.navigation``)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MAX_MODULE_LINES = 600
MAX_PAGE_LINES = 250


def test_the_library_imports_neither_streamlit_nor_the_app() -> None:
    code = (
        "import importlib, pkgutil, sys, strategy\n"
        "for m in pkgutil.walk_packages(strategy.__path__, 'strategy.'):\n"
        "    if not m.name.endswith('__main__'):\n"
        "        importlib.import_module(m.name)\n"
        "print(sorted(n for n in sys.modules if n == 'streamlit' or n == 'ui' or n.startswith(('streamlit.', 'ui.'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


def _lines(path: Path) -> int:
    return len(path.read_text(encoding="utf-8").splitlines())


def test_no_code_module_is_over_600_lines() -> None:
    files = [*ROOT.glob("*.py"), *(ROOT / "strategy").rglob("*.py"), *(ROOT / "ui").rglob("*.py")]
    long = {str(p.relative_to(ROOT)): _lines(p) for p in files if _lines(p) > MAX_MODULE_LINES}
    assert not long, long


def test_no_page_is_over_250_lines() -> None:
    long = {p.name: _lines(p) for p in (ROOT / "ui" / "pages").glob("*.py") if _lines(p) > MAX_PAGE_LINES}
    assert not long, long


def test_pages_live_in_ui_pages_only() -> None:
    assert not (ROOT / "pages").exists()
    listed = (ROOT / "app.py").read_text(encoding="utf-8")
    for page in (ROOT / "ui" / "pages").glob("*.py"):
        assert f'"ui/pages/{page.name}"' in listed, f"{page.name} is not listed in app.py"
