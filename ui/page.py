"""The opening every scoring page shares: dataset, language, sidebar settings, title, settings line.

Not a page. A page starts with ``ds, language, state, universe = open_page("ui.page.markets",
"ui.mk.intro")``.
"""

from __future__ import annotations

from typing import NamedTuple

import pandas as pd
import streamlit as st

from strategy.data.dataset import Dataset
from strategy.i18n import Lang
from ui import settings as sc
from ui.common import current_dataset, lang, tr


class PageContext(NamedTuple):
    """What a page works on: the data (bundled plus uploads), the language, the shared sidebar
    settings and the countries they select (the universe, before exclusions for low coverage).

    A tuple, so a page may unpack it: ``ds, language, state, universe = open_page(...)``."""

    ds: Dataset
    language: Lang
    state: sc.State
    universe: pd.Index


def open_page(title_key: str, intro_key: str, *, needs_countries: bool = True) -> PageContext:
    """Draw the sidebar settings, the page title and intro, and the settings line under them.

    With ``needs_countries`` the page stops with a friendly notice when the filters leave fewer than
    two countries (:func:`ui.settings.require_countries`); without it the page gets the universe as
    it is, draws no settings line, and says itself what it does with too few countries.
    """
    ds = current_dataset()
    language = lang()
    state = sc.controls(ds)
    st.title(tr(title_key))
    st.write(tr(intro_key))
    if not needs_countries:
        return PageContext(ds, language, state, sc.countries(ds, state))
    universe = sc.require_countries(ds, state)
    sc.header(ds, state, len(universe))
    return PageContext(ds, language, state, universe)
