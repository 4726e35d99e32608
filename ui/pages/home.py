"""Overview (home): the three questions, the current scenario in one screen, the bundled data.

The scenario block follows the shared sidebar settings: top markets, top fields, main rivals and
the headline of the last plan solved on the Plan page, each with a link to the page that explains it.
"""

from __future__ import annotations

import streamlit as st

from strategy.analysis.overview import headline, plan_headline
from ui import settings as sc
from ui import views
from ui.common import escape_markdown, tr
from ui.page import open_page
from ui.session import Key
from ui.views.factors import opportunity_caption
from ui.views.gates import why_not_ranked

ds, language, state, universe = open_page("ui.app_title", "ui.home.intro", needs_countries=False)

for column, number in zip(st.columns(3), (1, 2, 3), strict=True):
    with column.container(border=True):
        st.markdown(f"#### {tr(f'ui.home.q{number}.title')}")
        st.write(tr(f"ui.home.q{number}.body"))
st.caption(escape_markdown(tr("ui.home.quote")))

# --- the current scenario -------------------------------------------------------------------------

st.header(tr("ui.home.now_title"))
if len(universe) < 2:
    st.warning(tr("ui.sc.empty_universe"))
else:
    sc.header(ds, state, len(universe))
    top = headline(sc.market(ds, state), sc.opportunities(ds, state))
    names = views.country_names(ds, language)
    fields = views.field_names(ds, language)
    boxes = st.columns(4)
    with boxes[0].container(border=True):
        st.markdown(f"**{tr('ui.home.top_markets')}**")
        st.markdown(
            "\n".join(
                f"{int(row['rank'])}. {escape_markdown(str(names.get(iso3, iso3)))} — {row['score']:.3f} "
                f"({escape_markdown(str(fields.get(row['best_field'], row['best_field'])))})"
                for iso3, row in top.markets.iterrows()
            )
        )
        st.page_link("ui/pages/markets.py", label=tr("ui.home.go_markets"), icon=":material/arrow_forward:")
    with boxes[1].container(border=True):
        st.markdown(f"**{tr('ui.home.top_fields')}**")
        st.markdown(
            "\n".join(
                f"{i}. {escape_markdown(str(fields.get(f, f)))} — {row['value']:.3f} "
                f"({escape_markdown(str(names.get(row['best_iso3'], row['best_iso3'])))})"
                for i, (f, row) in enumerate(top.fields.head(5).iterrows(), start=1)
            )
        )
        st.caption(tr("ui.home.top_fields_note"))
        st.page_link("ui/pages/fields.py", label=tr("ui.home.go_fields"), icon=":material/arrow_forward:")
    with boxes[2].container(border=True):
        st.markdown(f"**{tr('ui.home.top_rivals', n=len(top.pairs))}**")
        lines = [
            f"- {escape_markdown(views.rival_label(ds, r, language))}: "
            + tr("ui.home.rival_line", pairs=int(row["pairs"]), measured=f"{row['measured_share'] * 100:.0f}")
            for r, row in top.rivals.head(5).iterrows()
        ]
        if top.open_pairs:
            lines.append("- " + tr("ui.home.open_pairs", pairs=top.open_pairs))
        st.markdown("\n".join(lines))
        st.page_link("ui/pages/competitors.py", label=tr("ui.home.go_rivals"), icon=":material/arrow_forward:")
    with boxes[3].container(border=True):
        st.markdown(f"**{tr('ui.home.plan_title')}**")
        result = st.session_state.get(Key.PLAN_RESULT)
        if result is None:
            st.write(tr("ui.home.plan_none"))
        elif not result["plan"].has_solution:
            st.write(tr("ui.home.plan_failed"))
        else:
            plan = plan_headline(result["plan"], result["constraints"])
            st.metric(tr("ui.home.plan_value"), f"{plan.value:.2f}")
            st.metric(tr("ui.home.plan_budget"), f"{plan.budget_used:,.1f} / {plan.budget:,.1f}")
            st.caption(tr("ui.home.plan_counts", entries=plan.entries, countries=plan.countries))
            if plan.status != "optimal":
                st.caption(tr(f"ui.home.plan_status.{plan.status}"))
            if result["signature"] != sc.opportunity_key(ds, state):
                st.caption(tr("ui.pl.stale"))
        st.page_link("ui/pages/plan.py", label=tr("ui.home.go_plan"), icon=":material/arrow_forward:")
    st.caption(opportunity_caption(state.opportunity, language))
    links = st.columns(4)
    links[0].page_link("ui/pages/focus.py", label=tr("ui.page.focus"), icon=":material/compare:")
    links[1].page_link("ui/pages/country.py", label=tr("ui.page.country"), icon=":material/flag:")
    links[2].page_link("ui/pages/sensitivity.py", label=tr("ui.page.sensitivity"), icon=":material/tune:")
    links[3].page_link("ui/pages/scenarios.py", label=tr("ui.page.scenarios"), icon=":material/save:")


st.header(tr("ui.home.data_title"))
facts = views.summary(ds)
metrics = st.columns(4)
metrics[0].metric(tr("ui.metric.countries"), f"{facts['countries']:,}")
metrics[1].metric(tr("ui.metric.indicators"), f"{facts['indicators']:,}")
metrics[2].metric(tr("ui.metric.sources"), f"{facts['sources']:,}")
metrics[3].metric(tr("ui.metric.years"), f"{facts['year_min']}–{facts['year_max']}")
st.caption(tr("ui.home.judgements", fields=facts["fields"], rivals=facts["rivals"], strengths=facts["strengths"]))
st.caption(tr("ui.home.data_note"))

st.header(tr("ui.home.focus_title"))
st.caption(tr("ui.home.focus_caption"))
focus = views.focus_table(ds, ds.version, language)
focus.show(rows=len(focus.frame))  # every focus market, no inner scroll
st.caption("  \n".join([f"**{tr('ui.home.sources_label')}**", *(escape_markdown(n) for n in focus.notes)]))
if (ds.indicators["source_id"] == "upload").any():
    st.caption(tr("ui.upload.in_use"))
if len(universe) >= 2:  # after the focus table: the pair explainer is a look-up, not the overview
    why_not_ranked(ds, state, language, "home_why")
