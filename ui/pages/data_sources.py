"""Data & sources: catalogue, coverage, sources and licences, judgements, evidence tables, uploads."""

from __future__ import annotations

import streamlit as st

from strategy.data.catalog_spec import PILLARS
from strategy.data.dataset import FILES, JUDGEMENT_TABLES
from strategy.data.upload import preview_upload
from strategy.data.upload_read import MAX_UPLOAD_MB
from strategy.data.validation import TRANSFORMS
from ui import views
from ui.common import current_dataset, escape_markdown, lang, load_bundled, tr, upload_state
from ui.session import Key
from ui.views import packages as pkv
from ui.views import timing as timing_view
from ui.views import upload as upload_view
from ui.views import widgets
from ui.views.plan import Names

#: Files the uploader offers (Excel's "Unicode text" is a .txt, tab-separated)
UPLOAD_TYPES = ["csv", "tsv", "txt", "xlsx"]
SECTIONS = ("catalog", "coverage", "sources", "judgement", "dtt", "memoranda", "upload")

ds = current_dataset()
language = lang()


def show(table: views.Table, max_rows: int = 25) -> None:
    table.show(max_rows)
    for note in table.notes:
        st.caption(note)


st.title(tr("ui.page.data"))
st.write(tr("ui.data.intro"))
st.warning(tr("ui.data.licence_warning"))

section = widgets.section_picker("ui.data.section", "ui.tab", SECTIONS, Key.DATA_SECTION, language, persist=False)

st.subheader(tr(f"ui.tab.{section}"))
if section == "catalog":
    st.caption(tr("ui.kind.measured"))
    show(views.catalogue_table(ds, ds.version, language), max_rows=20)

elif section == "coverage":
    scope = st.selectbox(
        tr("ui.cov.scope"),
        views.scope_options(ds),
        format_func=lambda s: views.scope_label(s, language),
        key="coverage_scope",
    )
    figure, legend = views.coverage_figure(ds, ds.version, language, scope)
    st.markdown(legend)
    st.plotly_chart(figure, width="stretch", config={"displaylogo": False}, key="coverage_chart")
    # the sidebar's window setting, as the scoring pages left it (catalogue windows by default)
    one = st.session_state.get(Key.AGE_MODE, "catalogue") == "one"
    max_age = int(st.session_state.get(Key.MAX_AGE, 5)) if one else None
    st.markdown(f"**{tr('ui.fresh.title')}**")
    show(views.freshness_table(ds, ds.version, language, scope, max_age), max_rows=20)

elif section == "sources":
    show(views.sources_table(ds, ds.version, language))

elif section == "judgement":
    files = ", ".join(FILES[name] for name in JUDGEMENT_TABLES)
    st.info(tr("ui.judgement.intro", files=files))
    tables = views.judgement_tables(ds, ds.version, language)
    for name, key in (
        ("fields", "ui.judgement.fields"),
        ("rival_strength", "ui.judgement.rival_strength"),
        ("cable_supplier_origin", "ui.judgement.cable"),
        ("field_drivers", "ui.judgement.drivers"),
        ("weight_presets", "ui.judgement.presets"),
    ):
        st.markdown(f"**{tr(key)}** — `{FILES[name]}`")
        show(tables[name], max_rows=12)
    pkv.judgement_tables(
        ds, Names(language, dict(views.country_names(ds, language)), dict(views.field_names(ds, language)))
    )
    st.markdown(f"**{tr('ui.tm.rules_title')}** — `{FILES['momentum_rules']}`")
    show(timing_view.rules_table(ds, ds.version, language), max_rows=4)

elif section == "dtt":
    st.markdown(f"**{tr('ui.dtt.title')}**")
    show(views.dtt_table(ds, ds.version, language), max_rows=40)

elif section == "memoranda":
    st.markdown(f"**{tr('ui.mem.title')}**")
    show(views.memoranda_table(ds, ds.version, language))

elif section == "upload":
    st.markdown(f"**{tr('ui.upload.title')}**")
    st.markdown(tr("ui.upload.help", pillars=", ".join(PILLARS), transforms=" / ".join(TRANSFORMS)))
    upload_view.templates(language)
    base = load_bundled().dataset
    state = upload_state(base)
    uploaded = widgets.file_uploader(
        tr("ui.upload.label"), UPLOAD_TYPES, "indicator_upload", f"{MAX_UPLOAD_MB} MB", language
    )
    if uploaded is not None and uploaded.file_id not in state.seen_file_ids:
        content = uploaded.getvalue()
        options = upload_view.form(state.dataset, uploaded.name, content, language)
        key = (uploaded.file_id, options, state.dataset.version)
        if state.preview_key != key:
            with st.spinner(tr("ui.upload.reading")):
                state.preview = preview_upload(state.dataset, uploaded.name, content, options)
            state.preview_key, state.last_success = key, None
        upload_view.preview(state.preview, state.dataset, language)
        if state.preview.ok:
            st.info(tr("ui.upload.ready"))
        if st.button(tr("ui.upload.apply"), key="upload_apply", type="primary", disabled=not state.preview.ok):
            updated = state.dataset.with_upload(state.preview)
            records = views.added_summary(state.dataset, updated, uploaded.name)
            state.dataset = updated
            state.added.extend(records)
            state.seen_file_ids.add(uploaded.file_id)  # applied: not offered again
            state.last_success = (uploaded.name, sum(int(r["rows"]) for r in records))
            state.preview, state.preview_key = None, None
            st.rerun()  # so the sidebar and every table show the new data

    if state.last_success is not None:
        name, rows = state.last_success
        st.success(escape_markdown(tr("ui.upload.success", file=name, rows=rows)))
    if state.added:
        st.markdown(f"**{tr('ui.upload.added_title')}**")
        show(views.added_table(state.dataset, state.added, language))
        if st.button(tr("ui.upload.clear"), key="upload_clear"):
            state.dataset, state.added, state.last_error, state.last_success = base, [], None, None
            st.rerun()
