"""ASEAN + India comparison: the eleven focus markets side by side, plus any country the planner adds.

Pillar radar and scores (from the shared sidebar settings), key indicators over time since 2000,
groups and income, ties with Japan (aid, ministerial ICT memoranda, digital TV standard), field fit
and the main rival per field. Added countries are kept in the URL (``?add=KOR,BRA``, ISO3 codes, the
same in both languages) so a link shows the same comparison. Numbers come from
:mod:`strategy.analysis.profile` and the shared scoring state; nothing is scored here.
"""

from __future__ import annotations

import math

import streamlit as st

from strategy.analysis import profile
from strategy.i18n import window_text, window_years
from ui import settings as sc
from ui import views
from ui.common import escape_markdown, tr
from ui.page import open_page
from ui.session import Key
from ui.views import country as vc
from ui.views import history as vh
from ui.views import widgets
from ui.views.gates import why_not_ranked

ds, language, state, universe = open_page("ui.page.focus", "ui.fc.intro")
names = views.country_names(ds, language)
market = sc.market(ds, state)

# --- which countries ----------------------------------------------------------------------------------

focus = profile.focus_markets(ds)
others = sorted(
    (str(i) for i in ds.countries.index if str(i) not in set(focus) and str(i) != "JPN"),
    key=lambda i: str(names.get(i, i)),
)
if Key.FOCUS_ADD not in st.session_state:  # first visit in this session: take the countries from the URL
    known, unknown = profile.parse_codes(ds, st.query_params.get(Key.FOCUS_URL))
    st.session_state[Key.FOCUS_ADD] = [c for c in known if c in set(others)]
    if unknown:
        st.session_state[Key.FOCUS_UNKNOWN] = unknown


def _added_changed() -> None:
    """Highlight a newly added country at once (while there is room for another colour)."""
    added_now = list(st.session_state.get(Key.FOCUS_ADD, []))
    chosen = list(st.session_state.get(Key.FOCUS_HIGHLIGHT, []))
    for code in added_now:
        if code not in chosen and len(chosen) < vc.MAX_HIGHLIGHT:
            chosen.append(code)
    st.session_state[Key.FOCUS_HIGHLIGHT] = [c for c in chosen if c in set(focus) | set(added_now)]


pick, mark = st.columns(2)
with pick:
    added = widgets.labelled(
        st.multiselect,
        "ui.fc.add",
        others,
        lambda i: f"{names.get(i, i)} ({i})",
        Key.FOCUS_ADD,
        language,
        placeholder=tr("ui.fc.add_placeholder"),
        on_change=_added_changed,
    )
unknown = st.session_state.pop(Key.FOCUS_UNKNOWN, None)
if unknown:
    st.warning(tr("ui.fc.unknown_codes", codes=escape_markdown(", ".join(unknown))))
if added:
    value = ",".join(added)
    if st.query_params.get(Key.FOCUS_URL) != value:
        st.query_params[Key.FOCUS_URL] = value
elif Key.FOCUS_URL in st.query_params:
    del st.query_params[Key.FOCUS_URL]
countries = profile.compared_countries(ds, added)

ranked = [i for i in market.score.sort_values(ascending=False).index if i in set(countries)]
if Key.FOCUS_HIGHLIGHT not in st.session_state:
    st.session_state[Key.FOCUS_HIGHLIGHT] = (list(added) + [i for i in ranked if i not in set(added)])[:4]
with mark:
    highlight = widgets.kept_multiselect(
        "ui.fc.highlight",
        countries,
        names,
        Key.FOCUS_HIGHLIGHT,
        language,
        help_values={"n": vc.MAX_HIGHLIGHT},
        max_selections=vc.MAX_HIGHLIGHT,
        placeholder=tr("ui.fc.highlight_placeholder"),
    )
st.caption(
    tr(
        "ui.fc.compared",
        n=len(countries),
        names=escape_markdown(tr("fmt.list_sep").join(str(names.get(i, i)) for i in countries)),
    )
)

# --- pillar radar -----------------------------------------------------------------------------------

st.header(tr("ui.fc.radar_title"))
values, rescaled = profile.radar_values(market, countries)
st.plotly_chart(
    vc.radar(ds, values, highlight, language, rescaled),
    width="stretch",
    config={"displaylogo": False},
    key="fc_radar",
)
st.caption(
    tr("ui.fc.radar_caption", year=market.criteria.reference_year, window=window_text(state.settings.max_age, language))
)
if rescaled:
    st.caption(tr("ui.fc.radar_rescaled"))
not_scored = [i for i in countries if i not in market.score.index]
if not_scored:
    st.info(
        tr("ui.fc.not_scored", names=escape_markdown(tr("fmt.list_sep").join(str(names.get(i, i)) for i in not_scored)))
    )
missing_pillars = [
    (i, [p for p in values.columns if math.isnan(float(values.at[i, p]))]) for i in countries if i in market.score.index
]
gaps = [
    f"{names.get(i, i)} ({tr('fmt.list_sep').join(views.label('pillar', p, language) for p in ps)})"
    for i, ps in missing_pillars
    if ps
]
if gaps:
    st.caption(tr("ui.fc.pillar_gaps", items=escape_markdown(tr("fmt.list_sep").join(gaps))))
vc.pillar_table(ds, market, profile.pillar_frame(market, countries), language).show(
    rows=len(countries), key="fc_pillars"
)

# --- indicators over time ---------------------------------------------------------------------------

st.header(tr("ui.fc.history_title"))
keys = list(vh.key_indicators(ds, ds.version))
history = vh.show_history(ds, countries, keys, highlight, focus, language, key="fc_history")
vh.history_sources(ds, history, keys, focus, language, "fc_history")

# --- groups and ties with Japan ---------------------------------------------------------------------

st.header(tr("ui.fc.groups_title"))
vc.membership_table(ds, profile.memberships(ds, countries), language).show(rows=len(countries), key="fc_groups")
st.caption(tr("ui.fc.groups_caption"))

st.header(tr("ui.fc.ties_title"))
ties = vc.ties_for(ds, ds.version, tuple(countries), state.settings.reference_year)
vc.ties_table(ds, ties, state.settings.max_age, language).show(rows=len(countries), key="fc_ties")
st.caption(tr("ui.fc.ties_caption", window=window_years(vc.aid_window(ds, state.settings.max_age), language)))

# --- field fit and main rival per field -------------------------------------------------------------

st.header(tr("ui.fc.fit_title"))
fit = sc.fit(ds, state)
st.plotly_chart(
    views.fit_heatmap(ds, fit, countries, language), width="stretch", config={"displaylogo": False}, key="fc_fit"
)
w = state.fit
st.caption(
    tr(
        f"ui.fc.fit_caption.{w.rule}",
        need=f"{w.need:.2f}",
        readiness=f"{w.readiness:.2f}",
        strength=f"{w.strength:.2f}",
    )
)
why_not_ranked(ds, state, language, "fc_why", options=[i for i in countries if i in fit.fit.index] or None)
outside = [i for i in countries if i not in fit.fit.index]
if outside:
    st.caption(
        tr("ui.fc.fit_outside", names=escape_markdown(tr("fmt.list_sep").join(str(names.get(i, i)) for i in outside)))
    )

st.header(tr("ui.fc.rival_title"))
rival_figure, rival_table = vc.compared_rivals(
    ds, ds.version, tuple(countries), state.presence_default, state.white_space, language, state.momentum
)
st.plotly_chart(
    rival_figure,
    width="stretch",
    config={"displaylogo": False},
    key="fc_threat",
)
st.caption(escape_markdown(tr("ui.cp.assumed_note", default=f"{state.presence_default:.2f}")))
st.caption(tr("ui.fc.rival_caption"))
with widgets.lazy_expander(tr("ui.fc.rival_table"), "fc_rivals_open") as box:
    if box.open:
        rival_table.show(rows=len(countries), key="fc_rivals")
st.page_link("ui/pages/country.py", label=tr("ui.fc.go_profile"), icon=":material/arrow_forward:")
