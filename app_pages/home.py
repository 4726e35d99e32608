"""Home: the three questions the tool answers, the bundled data, and the focus markets."""

from __future__ import annotations

import streamlit as st

import app_views as views
from app_common import current_dataset, escape_markdown, lang, tr

ds = current_dataset()
language = lang()

st.title(tr("ui.app_title"))
st.write(tr("ui.home.intro"))

for column, number in zip(st.columns(3), (1, 2, 3), strict=True):
    with column.container(border=True):
        st.markdown(f"#### {tr(f'ui.home.q{number}.title')}")
        st.write(tr(f"ui.home.q{number}.body"))
st.caption(escape_markdown(tr("ui.home.quote")))

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
height = 35 * (len(focus.frame) + 1) + 3
st.dataframe(focus.frame, column_config=focus.columns, hide_index=True, width="stretch", height=height)
st.caption("  \n".join([f"**{tr('ui.home.sources_label')}**", *(escape_markdown(n) for n in focus.notes)]))
if (ds.indicators["source_id"] == "upload").any():
    st.caption(tr("ui.upload.in_use"))
