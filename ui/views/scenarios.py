"""What the Scenarios page draws: the saved list, the export buttons, and the comparison of scenarios.

Not a page. The comparison numbers come from :mod:`strategy.analysis.compare`, the files from
:mod:`strategy.export`, the plans from :func:`strategy.optimize.solve`; these functions lay them out.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from strategy import export
from strategy.analysis.compare import plan_table, weight_table
from strategy.data.dataset import Dataset
from strategy.i18n import Lang
from strategy.optimize import prerequisites_of, solve
from strategy.scenario import Evaluation, Scenario, ScenarioError
from strategy.scenario_schema import Vocabulary
from strategy.scoring.financing import plan_entries
from strategy.store import ScenarioInfo, ScenarioStore, StoreError
from ui.common import bullets, escape_markdown, lang, tr
from ui.labels import country_names, field_names, label
from ui.model_controls import DEFAULT_MODEL, model_label
from ui.scenario_state import apply_scenario
from ui.session import Key
from ui.settings import market_pillars
from ui.views.charts import FONT, OKABE_ITO
from ui.views.deck import PPTX_MIME, deck_bytes


# the export files are built when their button is pressed (Streamlit runs the callable then), not
# on every rerun: the workbook and the brief take about a second to build
def _csv(table_of: Callable[..., pd.DataFrame], ds: Dataset, evaluation: Evaluation, language: Lang) -> bytes:
    return export.to_csv_bytes(table_of(ds, evaluation, language))


def _brief(ds: Dataset, evaluation: Evaluation, iso3: str, language: Lang, plan: object) -> bytes:
    return export.country_brief_html(ds, evaluation, iso3, language, plan=plan).encode("utf-8")


def notice(kind: str, text: str) -> None:
    """Keep a message (kind: success, info, warning, error) to show after the rerun an action causes."""
    st.session_state.setdefault(Key.SCENARIO_NOTICE, []).append((kind, text))


def show_notices() -> None:
    """The messages :func:`notice` kept, each once."""
    for kind, text in st.session_state.pop(Key.SCENARIO_NOTICE, None) or []:
        getattr(st, kind)(text)


def model_line(scenario: Scenario, language: Lang) -> str:
    """Which model a scenario uses, in words."""
    return tr("ui.scn.model_line", model=model_label(scenario.model, language))


def model_notice(scenario: Scenario, language: Lang) -> None:
    """Under an imported or loaded scenario: its model, and plainly, when it is not the default,
    that it uses the earlier weighted-mean model and how to switch."""
    if scenario.model == DEFAULT_MODEL:
        st.caption(model_line(scenario, language))
    else:
        st.info(tr("ui.scn.earlier_model", model=model_label(scenario.model, language)))


def apply(ds: Dataset, scenario: Scenario, version: int | None) -> None:
    """Put a scenario on every page. Runs in a button callback: before any widget is drawn."""
    notes = apply_scenario(ds, scenario)
    st.session_state[Key.SCENARIO_LOADED] = {"name": scenario.name, "version": version}
    st.session_state[Key.SCENARIO_NAME] = scenario.name
    st.session_state.pop(Key.SCENARIO_CONFLICT, None)
    text = tr("ui.scn.loaded", name=escape_markdown(scenario.name))
    model_note = "ui.scn.note.earlier_model"
    notice("success", "  \n".join([text, *(tr(n) for n in notes if n != model_note)]))
    if model_note in notes:
        notice("info", tr("ui.scn.earlier_model", model=model_label(scenario.model, lang())))


def load_from_store(ds: Dataset, store: ScenarioStore, name: str) -> None:
    """Load a saved scenario onto every page (a button callback), or say why it cannot be."""
    try:
        scenario, version = store.load(name, Vocabulary.from_dataset(ds))
    except StoreError as exc:
        notice("error", exc.message(lang()))
    except ScenarioError as exc:  # saved before the schema's ranges, or edited in the database
        notice("error", stored_invalid(exc))
    else:
        apply(ds, scenario, version)


def stored_invalid(error: ScenarioError) -> str:
    """Why a saved scenario cannot be used: the store's first line names it, then one line per problem."""
    first, *rest = [escape_markdown(m) for m in error.messages(lang())]
    return "  \n".join([first, *(f"- {m}" for m in rest)])


def _model_of(store: ScenarioStore, info: ScenarioInfo, language: Lang) -> str:
    if info.problem is not None:
        return tr("fmt.na")
    try:
        return model_label(store.load(info.name)[0].model, language)
    except (StoreError, ScenarioError):
        return tr("fmt.na")


def saved_list(saved: Sequence[ScenarioInfo], store: ScenarioStore, language: Lang) -> None:
    """The saved scenarios with their model, version and when they were last saved; a row that
    cannot be read is marked, and its problems are listed under the table."""
    listing = pd.DataFrame(
        {
            "name": [s.name for s in saved],
            "model": [_model_of(store, s, language) for s in saved],
            "version": [s.version for s in saved],
            "updated": [pd.Timestamp(s.updated).strftime("%Y-%m-%d %H:%M") if s.updated else "" for s in saved],
            "problem": [tr("ui.scn.row_bad") if s.problem is not None else "" for s in saved],
        }
    )
    st.dataframe(
        listing,
        column_config={
            "name": st.column_config.TextColumn(tr("ui.scn.col.name")),
            "model": st.column_config.TextColumn(tr("ui.scn.col.model"), help=tr("ui.sc.model_help")),
            "version": st.column_config.NumberColumn(tr("ui.scn.col.version")),
            "updated": st.column_config.TextColumn(tr("ui.scn.col.updated")),
            "problem": st.column_config.TextColumn(tr("ui.scn.col.problem")),
        },
        hide_index=True,
        width="stretch",
        key="scn_list",
    )
    for s in saved:
        if s.problem is not None:
            messages = s.problem.messages(language)
            st.warning(bullets(messages[0], messages[1:]))


def export_buttons(ds: Dataset, evaluation: Evaluation, name: str, plan: object, language: Lang) -> None:
    """The CSV, Excel and HTML files the command line writes, for the current scenario ``name``."""
    columns = st.columns(3)
    for column, (what, table_of) in zip(
        columns[:2], (("markets", export.market_shortlist), ("pairs", export.pair_shortlist)), strict=True
    ):
        column.download_button(
            tr(f"ui.scn.csv_{what}"),
            partial(_csv, table_of, ds, evaluation, language),
            file_name=export.export_filename(what, name, "csv"),
            mime="text/csv",
            key=f"scn_csv_{what}",
            help=tr("ui.scn.csv_help"),
            on_click="ignore",
        )
    columns[2].download_button(
        tr("ui.scn.excel"),
        partial(export.workbook_bytes, ds, evaluation, language, plan=plan),
        file_name=export.export_filename("shortlist", name, "xlsx"),
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key="scn_excel",
        help=tr("ui.scn.excel_help"),
        on_click="ignore",
    )
    names = country_names(ds, language)
    scored = list(evaluation.market.table().index)
    brief_country = st.selectbox(
        tr("ui.scn.brief_country"),
        scored,
        index=scored.index("VNM") if "VNM" in scored else 0,
        format_func=lambda i: str(names.get(i, i)),
        key="scn_brief_country",
        help=tr("ui.scn.brief_help"),
    )
    left, right = st.columns(2)
    left.download_button(
        tr("ui.scn.brief", country=str(names.get(brief_country, brief_country))),
        partial(_brief, ds, evaluation, brief_country, language, plan),
        file_name=export.export_filename("brief", name, "html", iso3=brief_country),
        mime="text/html",
        key="scn_brief",
        on_click="ignore",
    )
    left.download_button(
        tr("ui.deck.country", country=str(names.get(brief_country, brief_country))),
        partial(deck_bytes, ds, evaluation, language, plan, [brief_country]),
        file_name=export.export_filename("deck", name, "pptx", iso3=brief_country),
        mime=PPTX_MIME,
        key="scn_deck_country",
        help=tr("ui.deck.country_help"),
        on_click="ignore",
    )
    right.download_button(
        tr("ui.deck.plan"),
        partial(deck_bytes, ds, evaluation, language, plan, None),
        file_name=export.export_filename("deck", name, "pptx"),
        mime=PPTX_MIME,
        key="scn_deck",
        type="primary",
        help=tr("ui.deck.plan_help" if plan is not None else "ui.deck.no_plan_help"),
        on_click="ignore",
    )


def rank_slope(ds: Dataset, ranks: pd.DataFrame, language: Lang) -> go.Figure:
    """Ranks of the top markets across the compared scenarios, one line per country."""
    names = country_names(ds, language)
    slope = go.Figure()
    x = list(ranks.columns)
    for i, (iso3, row) in enumerate(ranks.iterrows()):
        slope.add_scatter(
            x=x,
            y=row.to_numpy(float),
            mode="lines+markers+text",
            name=str(names.get(iso3, iso3)),
            text=[str(names.get(iso3, iso3)) if j in (0, len(x) - 1) else "" for j in range(len(x))],
            textposition=["middle left" if j == 0 else "middle right" for j in range(len(x))],
            line={"color": OKABE_ITO[i % len(OKABE_ITO)], "width": 2},
            hovertemplate="%{x}: " + tr("ui.scn.rank_hover") + "<extra>%{fullData.name}</extra>",
        )
    slope.update_layout(
        height=120 + 32 * len(ranks),
        showlegend=False,
        margin={"l": 140, "r": 140, "t": 20, "b": 30},
        plot_bgcolor="white",
        font=FONT,
        yaxis={"autorange": "reversed", "title": {"text": tr("ui.scn.rank_axis")}, "gridcolor": "#eee", "dtick": 5},
        xaxis={"side": "top"},
    )
    return slope


def weights_comparison(scenarios: dict[str, Scenario], language: Lang) -> None:
    """The pillar weights of each compared scenario as shares, how far apart they are, and the
    model each one uses."""
    pillars = list(market_pillars())
    weights = weight_table(scenarios, pillars)
    weights.index = [label("pillar", p, language) for p in pillars]
    st.dataframe(
        weights,
        column_config={
            c: st.column_config.NumberColumn(tr("ui.scn.col.spread") if c == "spread" else c, format="%.3f")
            for c in weights.columns
        },
        width="stretch",
        key="scn_weights",
    )
    models = [f"{title}: {model_label(s.model, language)}" for title, s in scenarios.items()]
    st.caption(tr("ui.scn.models_compared", items=escape_markdown(tr("fmt.list_sep").join(models))))


def plans_comparison(
    ds: Dataset, scenarios: dict[str, Scenario], evaluations: dict[str, Evaluation], language: Lang
) -> None:
    """Solve each compared scenario's plan on request, then its headline and which entries differ."""
    names = country_names(ds, language)
    st.subheader(tr("ui.scn.plans_title"))
    st.caption(tr("ui.scn.plans_caption"))
    if st.button(tr("ui.scn.plans_run"), key="scn_plans_run"):
        plans = {}
        with st.spinner(tr("ui.pl.solving")):
            for title, s in scenarios.items():
                entries = plan_entries(evaluations[title].opportunity, ds, s.cost_scale)
                plans[title] = solve(entries, s.constraints, s.solver, prerequisites_of(ds.fields))
        st.session_state[Key.SCENARIO_PLANS] = (tuple(scenarios), {k: v.to_json() for k, v in scenarios.items()}, plans)
    kept = st.session_state.get(Key.SCENARIO_PLANS)
    if kept is not None and kept[1] == {k: v.to_json() for k, v in scenarios.items()}:
        plans = kept[2]
        heads = pd.DataFrame(
            {
                title: {
                    tr("ui.scn.plan_status"): tr(f"ui.scn.status.{p.status.replace(' ', '_')}"),
                    tr("ui.home.plan_value"): f"{p.objective:.3f}" if p.has_solution else "-",
                    tr("ui.home.plan_budget"): f"{p.budget_used:.1f} / {scenarios[title].constraints.budget:g}",
                    tr("ui.scn.plan_entries"): str(len(p.selection)),
                }
                for title, p in plans.items()
            }
        )
        st.dataframe(heads, width="stretch", key="scn_plan_heads")
        diff = plan_table(plans).reset_index()
        field_label = field_names(ds, language)
        if len(diff):
            diff.insert(0, "country", diff.pop("iso3").map(lambda i: str(names.get(i, i))))
            diff.insert(1, "field", diff.pop("field_id").map(lambda f: str(field_label.get(f, f))))
            st.dataframe(
                diff,
                column_config={
                    "country": st.column_config.TextColumn(tr("ui.pl.col.country")),
                    "field": st.column_config.TextColumn(tr("ui.rb.col.field")),
                    "in_all": st.column_config.CheckboxColumn(tr("ui.scn.col.in_all")),
                    **{title: st.column_config.CheckboxColumn(title) for title in plans},
                },
                hide_index=True,
                width="stretch",
                key="scn_plan_diff",
            )
            st.caption(tr("ui.scn.plans_diff_caption", n=int((~diff["in_all"]).sum())))
