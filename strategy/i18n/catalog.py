"""Text catalogues: TOML files of ``["key"]`` tables with one string per language.

One file per area (a page, the validation messages, the CLI), Japanese and English side by side::

    ["err.where"]
    ja = "ファイル「{file}」{row_part}{column_part}"
    en = "File '{file}'{row_part}{column_part}"

A key defined twice, an unknown language or a value that is not a string is refused with the file
and key named, so a translator's slip is caught when the catalogue is read, not on a page.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from pathlib import Path


class CatalogError(ValueError):
    """A text catalogue that cannot be used; the message names the file and the key."""


def load_catalog(folder: Path, languages: Iterable[str]) -> dict[str, dict[str, str]]:
    """Read every ``*.toml`` catalogue in ``folder`` into one ``key -> {lang: text}`` mapping."""
    allowed = set(languages)
    texts: dict[str, dict[str, str]] = {}
    where: dict[str, str] = {}
    for path in sorted(Path(folder).glob("*.toml")):
        try:
            entries = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise CatalogError(f"{path.name}: {exc}") from exc
        for key, entry in entries.items():
            if key in texts:
                raise CatalogError(f"{path.name}: key '{key}' is already defined in {where[key]}")
            if not isinstance(entry, dict) or not entry:
                raise CatalogError(f"{path.name}: key '{key}' must be a table of languages")
            unknown = set(entry) - allowed
            if unknown:
                raise CatalogError(f"{path.name}: key '{key}' has unknown language(s) {sorted(unknown)}")
            if not all(isinstance(v, str) for v in entry.values()):
                raise CatalogError(f"{path.name}: key '{key}' has a value that is not text")
            texts[key] = dict(entry)
            where[key] = path.name
    return texts
