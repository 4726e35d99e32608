"""The app's texts: TOML catalogues in this folder (one per page or area, ja/en side by side).

The app sees its own texts and the library's messages (``strategy/i18n/messages/``) as one table;
the library never sees the app's. ``t`` has the library's signature.
"""

from __future__ import annotations

from pathlib import Path

from strategy.i18n import DEFAULT_LANG, LANGS, Lang
from strategy.i18n import TEXT as LIBRARY_TEXT
from strategy.i18n.catalog import CatalogError, load_catalog

UI_TEXTS_DIR: Path = Path(__file__).resolve().parent

UI_TEXT: dict[str, dict[str, str]] = load_catalog(UI_TEXTS_DIR, LANGS)

_clash = sorted(set(UI_TEXT) & set(LIBRARY_TEXT))
if _clash:
    raise CatalogError(f"ui/texts repeats library keys: {_clash[:5]}")

#: Every text the app shows: its own and the library's.
TEXT: dict[str, dict[str, str]] = {**LIBRARY_TEXT, **UI_TEXT}


def t(key: str, lang: Lang = DEFAULT_LANG, /, **values: object) -> str:
    """The text for ``key`` in ``lang``, formatted with ``values`` (a missing key raises ``KeyError``)."""
    entry = TEXT[key]
    text = entry.get(lang) or entry["en"]
    return text.format(**values) if values else text
