"""File safety for exports: text a spreadsheet would run as a formula, and file and sheet names.

Every text cell that a spreadsheet could read as a formula (starting with ``=``, ``+``, ``-``, ``@``,
a tab or a carriage return, or their full-width forms) is prefixed with a single quote
(:func:`neutralise`) in CSV and Excel; :func:`safe_filename` makes a name safe on Windows, macOS and
Linux.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import Any

#: First characters that make Excel, LibreOffice or Google Sheets read a cell as a formula (OWASP
#: "CSV injection"), with the full-width forms a Japanese IME may produce.
FORMULA_PREFIXES: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")
_WINDOWS_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}
_UNSAFE_FILENAME = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]')
_UNSAFE_SHEET = re.compile(r"[\x00-\x1f\x7f\[\]:*?/\\]")


def neutralise(value: Any) -> Any:
    """``value`` with a leading single quote if it is text a spreadsheet would run as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def safe_filename(name: str, default: str = "export", max_length: int = 120) -> str:
    """A file name (no folder) safe on Windows, macOS and Linux; Japanese letters are kept.

    Folders are flattened (``../a/b`` becomes ``a_b``), control and reserved characters become
    ``_``; leading dots, dashes and spaces
    and trailing dots and spaces are removed; Windows device names (CON, NUL, COM1, ...) get a
    ``_`` prefix; the name is cut to ``max_length`` characters keeping its extension.
    """
    text = unicodedata.normalize("NFC", str(name))
    parts = [p for p in re.split(r"[/\\]+", text) if p.strip(". ")]  # no folders, no '..'
    text = _UNSAFE_FILENAME.sub("_", "_".join(parts))
    text = re.sub(r"\s+", " ", text).strip()
    text = text.lstrip(".- ").rstrip(". ")
    text = re.sub(r"_{2,}", "_", text)
    if not text or set(text) <= {"_", " "}:
        text = default
    stem, dot, ext = text.rpartition(".")
    if not dot or not stem or len(ext) > 10:
        stem, ext = text, ""
    if stem.split(".")[0].upper() in _WINDOWS_RESERVED:
        stem = "_" + stem
    suffix = "." + ext if ext else ""
    stem = stem[: max(1, max_length - len(suffix))].rstrip(". ")
    return (stem or default) + suffix


def safe_sheet_name(name: str, used: Iterable[str] = ()) -> str:
    """An Excel sheet name: no ``[]:*?/\\``, at most 31 characters, not quoted, unique in ``used``."""
    text = _UNSAFE_SHEET.sub("_", str(name)).strip().strip("'")
    text = text.lstrip("=+-@") or "Sheet"
    text = text[:31]
    taken = {u.lower() for u in used}
    base, n = text, 2
    while text.lower() in taken:
        tail = f" ({n})"
        text = base[: 31 - len(tail)] + tail
        n += 1
    return text


def export_filename(kind: str, scenario_name: str, extension: str, iso3: str | None = None) -> str:
    """The file name the app and the command line use, e.g. ``ASEAN 2027_markets.csv``."""
    parts = [scenario_name or "scenario", iso3 or "", kind]
    return safe_filename("_".join(p for p in parts if p) + "." + extension.lstrip("."))
