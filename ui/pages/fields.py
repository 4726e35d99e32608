"""Fields (何を戦うか): fit of each ICT field in each market, field profiles, best markets, why a field fits."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from strategy.i18n import window_text
from strategy.scoring import standard_fields, standard_status
from ui import settings as sc
from ui import views
from ui.common import escape_markdown, tr
from ui.page import open_page
from ui.session import Key
from ui.texts import t
from ui.views import widgets
from ui.views.factors import opportunity_caption
from ui.views.gates import why_not_ranked

SECTIONS = ("heatmap", "profile")

ds, language, state, universe = open_page("ui.page.fields", "ui.fd.intro")
fit = sc.fit(ds, state)
market = sc.market(ds, state)
field_label = views.field_names(ds, language)
names = views.country_names(ds, language)

section = widgets.section_picker("ui.fd.section", "ui.fd.tab", SECTIONS, Key.FIELDS_SECTION, language)


if section == "heatmap":
    st.subheader(tr("ui.fd.heatmap_title"))
    shown = widgets.country_set_picker(ds, market, universe, Key.FIELDS_COUNTRIES, language)
    measure = st.radio(
        tr("ui.fd.measure"),
        views.HEATMAP_MEASURES,
        format_func=lambda m: t(f"ui.fd.measure.{m}", language),
        horizontal=True,
        key=Key.FIELDS_MEASURE,
        help=tr("ui.fd.measure_help"),
    )
    st.plotly_chart(
        views.fit_heatmap(ds, fit, shown, language, sc.opportunities(ds, state) if measure == "potential" else None),
        width="stretch",
        config={"displaylogo": False},
        key="fields_heatmap",
    )
    w = state.fit
    if measure == "potential":
        st.caption(tr("ui.fd.heatmap_caption.potential", rule=tr(f"ui.sc.model.{state.opportunity.rule}")))
    st.caption(
        tr(
            f"ui.fd.heatmap_caption.{w.rule}",
            need=f"{w.need:.2f}",
            readiness=f"{w.readiness:.2f}",
            strength=f"{w.strength:.2f}",
            year=market.criteria.reference_year,
            window=window_text(state.settings.max_age, language),
        )
    )
    st.caption(tr("ui.gt.heatmap_note"))
    why_not_ranked(ds, state, language, "fields_why")

elif section == "profile":
    field_id = widgets.field_picker(ds, Key.FIELDS_FIELD, "disaster_ict", "ui.fd.field_help", language)
    row = ds.fields.loc[field_id]
    st.subheader(field_label[field_id])
    prerequisites = [s.strip() for s in str(row["prerequisite_fields"]).split(";") if s.strip()]
    left, right = st.columns([3, 2])
    with left:
        description = row.get(f"description_{language}")
        if isinstance(description, str) and description.strip():
            st.write(escape_markdown(description))
        st.markdown(
            tr(
                "ui.fd.phase_line",
                phase=int(row["phase"]),
                phase_name=tr(f"ui.fd.phase.{int(row['phase'])}"),
                prerequisites=tr("fmt.list_sep").join(field_label.get(p, p) for p in prerequisites)
                or tr("ui.fd.no_prerequisites"),
            )
        )
    with right, st.container(border=True):
        st.metric(tr("ui.fd.japan_strength"), f"{float(row['japan_strength']):.2f}", help=tr("ui.fd.judgement_help"))
        rationale = row.get(f"japan_strength_rationale_{language}") or row["japan_strength_rationale_en"]
        st.markdown(f"**{tr('ui.fd.rationale_judgement')}**")
        st.write(escape_markdown(str(rationale)))
        st.caption(tr("ui.fd.reference", reference=escape_markdown(str(row["japan_strength_reference"]))))

    st.markdown(f"#### {tr('ui.fd.drivers_title')}")
    st.caption(tr("ui.fd.drivers_caption"))
    if field_id in (standards := standard_fields(ds)):
        st.caption(tr("ui.fd.standard_rule", ours=" / ".join(standards[field_id])))
    views.field_drivers_table(ds, field_id, language).show(rows=12, key="fields_drivers")

    st.markdown(f"#### {tr('ui.fd.best_title', field=field_label[field_id])}")
    table = sc.opportunities(ds, state)
    st.caption(opportunity_caption(state.opportunity, language))
    best = views.best_markets(ds, table, field_id, language, state.opportunity)
    best.show(rows=10, key="fields_best")
    st.caption(escape_markdown(tr("ui.cp.assumed_note", default=f"{state.presence_default:.2f}")))
    top = table[table["field_id"] == field_id].head(len(best.frame))
    no_need = top.loc[top["need"].isna(), "iso3"].astype(str)
    if len(no_need):
        st.warning(tr("ui.fd.need_missing", names=tr("fmt.list_sep").join(names.reindex(no_need).fillna(""))))
    why_not_ranked(ds, state, language, "fields_why_best", field_id=field_id)

    st.markdown(f"#### {tr('ui.fd.why_title')}")
    ranked = list(table[table["field_id"] == field_id]["iso3"].astype(str))
    in_fit = [i for i in fit.fit.index if i not in set(ranked)]
    options = ranked + in_fit
    iso3 = widgets.country_picker("ui.fd.country", options, names, Key.FIELDS_COUNTRY, language)
    drivers = sc.fit_drivers(ds, state, field_id, iso3)

    def number(value: float) -> str:
        return tr("fmt.na") if value != value else f"{value:.2f}"

    need = float(fit.need.at[iso3, field_id])
    readiness = float(fit.readiness.at[iso3, field_id])
    value = float(fit.fit.at[iso3, field_id])
    total = state.fit.need + state.fit.readiness + state.fit.strength
    st.markdown(
        tr(
            f"ui.fd.fit_formula.{state.fit.rule}",
            country=escape_markdown(str(names.get(iso3, iso3))),
            field=escape_markdown(field_label[field_id]),
            fit=number(value),
            wn=f"{state.fit.need / total:.2f}",
            need=number(need),
            wr=f"{state.fit.readiness / total:.2f}",
            readiness=number(readiness),
            ws=f"{state.fit.strength / total:.2f}",
            strength=f"{float(fit.strength[field_id]):.2f}",
        )
    )
    if field_id in (standards := standard_fields(ds)):
        status = standard_status(ds, pd.Index([iso3]), field_id).iloc[0]
        adopted = ds.dtt_standards.set_index("iso3")["standard"].get(iso3, "")
        st.info(
            tr(
                f"ui.fd.standard.{status}",
                country=escape_markdown(str(names.get(iso3, iso3))),
                adopted=escape_markdown(str(adopted)),
                ours=" / ".join(standards[field_id]),
            )
        )
    if prerequisites:
        st.caption(
            tr("ui.fd.prereq_note", fields=tr("fmt.list_sep").join(field_label.get(p, p) for p in prerequisites))
        )
    figure, detail = views.fit_drivers(ds, drivers, language, market.criteria.reference_year)
    st.plotly_chart(figure, width="stretch", config={"displaylogo": False}, key="fields_fit_chart")
    detail.show(rows=12, key="fields_fit_table")
