"""Markets (どこで戦うか): ranked markets, world map, why a country ranks where it does, market groups, weights."""

from __future__ import annotations

import streamlit as st

from strategy.i18n import window_text
from strategy.scoring.groups import DEFAULT_GROUP_INDICATORS
from ui import settings as sc
from ui import views
from ui.common import bullets, escape_markdown, tr
from ui.labels import label
from ui.page import open_page
from ui.session import Key
from ui.texts import t
from ui.views import ahp as views_ahp
from ui.views import widgets

SECTIONS = ("ranking", "why", "groups", "weights")

ds, language, state, universe = open_page("ui.page.markets", "ui.mk.intro")
market = sc.market(ds, state)

section = widgets.section_picker("ui.mk.section", "ui.mk.tab", SECTIONS, Key.MARKETS_SECTION, language)
focus_only = state.scope == "focus" or len(universe) <= 40


if section == "ranking":
    n_ranked, n_excluded = len(market.score), len(market.excluded)
    st.subheader(tr("ui.mk.ranking_title", n=n_ranked))
    st.plotly_chart(
        views.score_map(ds, market, language, fit=focus_only),
        width="stretch",
        config=views.map_config(),
        key="markets_map",
    )
    st.caption(tr("ui.mk.map_caption"))
    if market.method != "weighted_sum":
        st.caption(tr(f"ui.mk.method_note.{market.method}"))
    views.market_table(ds, market, language).show(rows=15, key="markets_table")
    st.caption(
        tr(
            "ui.mk.table_caption",
            year=market.criteria.reference_year,
            window=window_text(state.settings.max_age, language),
        )
    )
    if n_excluded:
        st.info(escape_markdown(views.excluded_summary(ds, market, language, state.settings.min_coverage)))
        with st.expander(tr("ui.mk.excluded_detail")):
            views.excluded_table(ds, market, language).show(rows=12)
    else:
        st.caption(tr("ui.mk.none_excluded"))

elif section == "why":
    ranked = list(market.table().index)
    focus_ranked = [i for i in ranked if i in set(ds.focus)]
    default = st.session_state.get(Key.MARKETS_COUNTRY)
    if default not in ranked:
        st.session_state[Key.MARKETS_COUNTRY] = "VNM" if "VNM" in ranked else (focus_ranked or ranked)[0]
    names = views.country_names(ds, language)
    iso3 = widgets.labelled(
        st.selectbox,
        "ui.mk.country",
        ranked,
        lambda i: f"{ranked.index(i) + 1}. {names.get(i, i)}",
        Key.MARKETS_COUNTRY,
        language,
        persist=False,
    )
    rank = int(market.rank[iso3])
    st.subheader(
        tr(
            "ui.mk.why_title",
            country=names.get(iso3, iso3),
            rank=views.ordinal(rank, language),
            n=len(ranked),
            score=f"{market.score[iso3]:.3f}",
        )
    )
    views.show_decomposition(ds, market, iso3, state.settings.max_age, language, "markets_decomposition")

elif section == "groups":
    st.subheader(tr("ui.mk.groups_title"))
    st.caption(tr("ui.mk.groups_intro"))
    left, middle, right = st.columns([1, 1, 2])
    with left:
        st.session_state.setdefault("markets_k", 4)
        k = st.slider(tr("ui.mk.k"), 2, 8, key="markets_k", help=tr("ui.mk.k_help"), persist_state="session")
    with middle:
        st.session_state.setdefault("markets_group_method", "kmeans")
        method = st.radio(
            tr("ui.mk.group_method"),
            ("kmeans", "hierarchical"),
            format_func=lambda m: t(f"ui.mk.group_method.{m}", language),
            key="markets_group_method",
            help=tr("ui.mk.group_method_help"),
            persist_state="session",
        )
    with right:
        st.session_state.setdefault("markets_group_indicators", list(DEFAULT_GROUP_INDICATORS))
        names = views.indicator_names(ds.catalog, language)
        chosen = st.multiselect(
            tr("ui.mk.group_indicators"),
            list(ds.catalog.index),
            format_func=lambda i: str(names.get(i, i)),
            key="markets_group_indicators",
            help=tr("ui.mk.group_indicators_help"),
            persist_state="session",
        )
    if not chosen:
        st.warning(tr("ui.mk.group_need_indicator"))
    else:
        result = sc.groups(ds, state, int(k), tuple(chosen), str(method))
        if isinstance(result, ValueError):
            st.warning(tr("ui.mk.group_too_few"))
        else:
            metric, note = st.columns([1, 3])
            metric.metric(tr("ui.mk.silhouette"), f"{result.silhouette:.2f}", help=tr("ui.mk.silhouette_help"))
            note.caption(tr("ui.mk.silhouette_note"))
            st.plotly_chart(
                views.groups_map(ds, result, language, fit=focus_only),
                width="stretch",
                config=views.map_config(),
                key="markets_groups_map",
            )
            views.groups_table(ds, result, language).show(rows=8, key="markets_groups_table")
            st.caption(tr("ui.mk.groups_caption"))
            st.markdown("  \n".join(views.group_members(ds, result, language)))
            if len(result.left_out):
                left_names = views.country_names(ds, language).reindex(result.left_out).fillna("")
                st.caption(
                    tr("ui.mk.groups_left_out", n=len(result.left_out), names=tr("fmt.list_sep").join(left_names))
                )

elif section == "weights":
    st.subheader(tr("ui.mk.weights_title"))
    weights = dict(state.pillar_weights)
    st.markdown(f"**{escape_markdown(sc.weights_label(ds, state, language))}**")
    views.weights_table(ds, weights, state.preset, language, state.mode).show(rows=10, key="markets_weights_table")
    if state.mode == "sliders":
        st.caption(tr("ui.mk.preset_judgement"))

    st.markdown(f"#### {tr('ui.mk.ahp_title')}")
    st.caption(tr("ui.mk.ahp_intro"))
    sc.ahp_inputs(language)
    result = sc.ahp_from_session(ds)
    if result is None:
        st.info(tr("ui.sc.ahp_need_two"))
    else:
        shares = tr("fmt.list_sep").join(
            f"{label('pillar', p, language)} {w * 100:.0f}%"
            for p, w in result.weights.sort_values(ascending=False).items()
        )
        st.markdown(tr("ui.mk.ahp_result", weights=escape_markdown(shares), cr=f"{result.cr:.2f}"))
        if result.consistent:
            st.success(tr("ui.mk.ahp_consistent", cr=f"{result.cr:.2f}"))
        else:
            st.warning(sc.ahp_warning(result, language))
        if state.mode != "ahp":
            st.caption(tr("ui.mk.ahp_use"))
    with st.expander(tr("ui.mk.ahp_matrix_title"), expanded=bool(st.session_state.get(views_ahp.MATRIX_KEY))):
        views_ahp.matrix_input(language)

    st.markdown(f"#### {tr('ui.mk.indicator_weights_title')}")
    st.caption(tr("ui.mk.indicator_weights_intro"))
    stored = dict(st.session_state.get(Key.INDICATOR_WEIGHTS, {}))
    frame = views.indicator_weight_frame(ds, stored, language)

    def _store_indicator_weights() -> None:
        edits = st.session_state.get(Key.INDICATOR_EDITOR, {}).get("edited_rows", {})
        current = dict(st.session_state.get(Key.INDICATOR_WEIGHTS, {}))
        for row, change in edits.items():
            if "weight" in change and change["weight"] is not None:
                indicator = frame["indicator_id"].iloc[int(row)]
                value = max(0.0, min(float(change["weight"]), sc.INDICATOR_WEIGHT_MAX))
                if abs(value - 1.0) < 1e-12:
                    current.pop(indicator, None)
                else:
                    current[indicator] = value
        st.session_state[Key.INDICATOR_WEIGHTS] = current

    st.data_editor(
        frame,
        column_config={
            "indicator_id": None,
            "pillar": st.column_config.TextColumn(tr("ui.col.pillar"), disabled=True),
            "indicator": st.column_config.TextColumn(tr("ui.col.indicator"), disabled=True, width="large"),
            "unit": st.column_config.TextColumn(tr("ui.col.unit"), disabled=True),
            "weight": st.column_config.NumberColumn(
                tr("ui.mk.indicator_weight"),
                min_value=0.0,
                max_value=sc.INDICATOR_WEIGHT_MAX,
                step=0.5,
                format="%.1f",
                help=tr("ui.mk.indicator_weight_help"),
            ),
        },
        hide_index=True,
        width="stretch",
        height=35 * 12 + 3,
        key=Key.INDICATOR_EDITOR,
        on_change=_store_indicator_weights,
    )
    changed = st.session_state.get(Key.INDICATOR_WEIGHTS, {})
    if changed:
        names = views.indicator_names(ds.catalog, language)
        st.caption(
            bullets(
                tr("ui.mk.indicator_weights_changed", n=len(changed)),
                [f"{names.get(i, i)}: {w:g}" for i, w in sorted(changed.items())],
            )
        )
    st.button(tr("ui.mk.indicator_weights_reset"), on_click=sc.reset_indicator_weights, key="markets_reset_indicators")
