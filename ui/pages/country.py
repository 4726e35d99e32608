"""Country profile: everything about one country on one page, the same content as the exported brief.

Headline (market score and rank, best fields, main rival), then the brief's sections drawn from
:func:`strategy.export.country_brief_content` (why this market, which fields, which rival, the
plan), ties with Japan and groups, every indicator with its year, source and licence, and history
charts. The country is in the URL (``?iso3=VNM``) so a link opens the same profile; an unknown code
falls back to Viet Nam with a message. Numbers follow the shared sidebar settings.
"""

from __future__ import annotations

import math
from functools import partial

import streamlit as st

from strategy import export
from strategy.analysis import profile
from strategy.data.dataset import Dataset
from strategy.scenario import Evaluation
from ui import settings as sc
from ui import views
from ui.common import current_dataset, escape_markdown, label, lang, tr
from ui.scenario_state import PLAN_RESULT_KEY, scenario_from_session
from ui.texts import t
from ui.views import country as vc
from ui.views import history as vh
from ui.views import profile as vp

COUNTRY_KEY = "cp_country"
INDICATORS_KEY = "cp_history_indicators"
PEERS_KEY = "cp_history_peers"
URL_KEY = "iso3"
DEFAULT = "VNM"
PERSIST = "session"


def _brief_bytes(ds: Dataset, brief: export.CountryBrief) -> bytes:
    """The HTML brief, written when its button is pressed rather than on every rerun (about 60 ms)."""
    return export.brief_html(ds, brief).encode("utf-8")


ds = current_dataset()
language = lang()
state = sc.controls(ds)
names = views.country_names(ds, language)
field_label = views.field_names(ds, language)

st.title(tr("ui.page.country"))
st.write(tr("ui.cp.pf.intro"))

# --- which country ------------------------------------------------------------------------------------

focus = profile.focus_markets(ds)
rest = sorted((str(i) for i in ds.countries.index if str(i) not in set(focus)), key=lambda i: str(names.get(i, i)))
options = sorted(focus, key=lambda i: str(names.get(i, i))) + [i for i in rest if i != "JPN"]
fallback = DEFAULT if DEFAULT in options else options[0]
requested = st.query_params.get(URL_KEY)
# a code in the URL that this page did not write itself (a shared link, the first visit) selects the country
if requested is not None and requested != st.session_state.get("cp_url_written"):
    code = requested.strip().upper()
    if code in options:
        st.session_state[COUNTRY_KEY] = code
    else:
        st.session_state["cp_unknown"] = requested
if st.session_state.get(COUNTRY_KEY) not in options:
    st.session_state[COUNTRY_KEY] = fallback
iso3 = st.selectbox(
    tr("ui.cp.pf.country"),
    options,
    format_func=lambda i: f"{names.get(i, i)} ({i})",
    key=COUNTRY_KEY,
    help=tr("ui.cp.pf.country_help"),
    persist_state=PERSIST,
)
if st.query_params.get(URL_KEY) != iso3:
    st.query_params[URL_KEY] = iso3
st.session_state["cp_url_written"] = iso3
unknown = st.session_state.pop("cp_unknown", None)
if unknown is not None:
    st.warning(
        tr(
            "ui.cp.pf.unknown",
            code=escape_markdown(str(unknown)[:20]),
            country=escape_markdown(str(names.get(iso3, iso3))),
        )
    )
name = str(names.get(iso3, iso3))

universe = sc.require_countries(ds, state)
market = sc.market(ds, state)
fit = sc.fit(ds, state)
threat = sc.threat(ds, state)
opportunities = sc.opportunities(ds, state)
sc.header(ds, state, len(universe))

# --- headline -------------------------------------------------------------------------------------------

head = profile.headline(market, opportunities, threat, iso3)
st.subheader(tr("ui.cp.pf.headline_title", country=escape_markdown(name)))
m1, m2, m3, m4 = st.columns([1.1, 1.1, 2, 2])
na = tr("fmt.na")
m1.metric(
    tr("ui.cp.pf.score"),
    f"{head.score:.3f}" if head.scored else na,
    help=tr("ui.mk.score_help"),
)
m2.metric(
    tr("ui.cp.pf.rank"),
    tr("ui.cp.pf.rank_value", rank=head.rank, n=head.n_ranked) if head.scored else na,
    help=tr("ui.mk.rank_help"),
)
with m3:
    st.markdown(f"**{tr('ui.cp.pf.best_fields')}**")
    if head.best_fields:
        st.markdown(
            "\n".join(f"{k}. {escape_markdown(str(field_label.get(f, f)))}" for k, f in enumerate(head.best_fields, 1))
        )
    else:
        st.write(na)
    st.caption(tr("ui.cp.pf.best_fields_note"))
with m4:
    st.markdown(f"**{tr('ui.cp.pf.main_rival')}**")
    if head.main_rival:
        st.markdown(
            tr(
                "ui.cp.pf.main_rival_value",
                rival=escape_markdown(views.rival_label(ds, head.main_rival, language)),
                n=head.main_rival_fields,
                total=head.n_fields,
                measured=head.main_rival_measured,
            )
        )
    else:
        st.write(tr("ui.cp.pf.no_rival") if head.n_fields else na)
    st.caption(tr("ui.cp.pf.main_rival_note"))
if head.reason is not None:
    territory = (
        head.reason == "outside" and state.universe.sovereign_only and ds.countries.at[iso3, "is_sovereign"] != 1
    )
    reason = tr(
        "ui.cp.pf.reason.territory" if territory else f"ui.cp.pf.reason.{head.reason}",
        country=escape_markdown(name),
        pct=f"{head.coverage * 100:.0f}" if not math.isnan(head.coverage) else "-",
    )
    st.info(reason)

# the brief: built from the current settings, exactly what the download contains
scenario = scenario_from_session(ds, state, str(st.session_state.get("scn_name") or tr("ui.scn.default_name")))
evaluation = Evaluation(scenario, universe, sc.criteria(ds, state), market, fit, threat, opportunities)
solved = st.session_state.get(PLAN_RESULT_KEY)
plan = solved["plan"] if solved and solved.get("signature") == sc.opportunity_key(ds, state) else None
brief = None
if head.scored:
    try:
        brief = profile.brief(ds, evaluation, iso3, language, plan)
    except export.ExportError as exc:
        st.info(escape_markdown(exc.message(language)))
if brief is not None:
    st.download_button(
        tr("ui.cp.pf.download", country=name),
        partial(_brief_bytes, ds, brief),
        file_name=export.export_filename("brief", scenario.name, "html", iso3=iso3),
        mime="text/html",
        key="cp_download",
        help=tr("ui.cp.pf.download_help"),
        icon=":material/download:",
        # nothing on the page changes after a download: a rerun would only race the next click
        on_click="ignore",
    )

# --- 1. why this market ----------------------------------------------------------------------------------

tx = lambda key, **v: t(f"ex.brief.{key}", language, **v)  # noqa: E731
if brief is not None:
    st.header(tx("why"))
    st.markdown(
        escape_markdown(
            tx(
                "rank_line",
                country=name,
                rank=brief.rank,
                n=brief.n_ranked,
                score=f"{brief.score:.3f}",
                coverage=f"{brief.coverage:.0%}",
            )
        )
    )
    if brief.strongest:
        st.markdown(escape_markdown(tx("strongest", items=tr("fmt.list_sep").join(brief.strongest_names))))
    left, right = st.columns([3, 2])
    pillars = market.pillars.loc[iso3]
    peers = market.pillars.reindex([c for c in focus if c in market.pillars.index]).median()
    with left:
        st.plotly_chart(
            vp.pillar_bars(ds, pillars, peers, language, tr("ui.cp.pf.focus_median")),
            width="stretch",
            config={"displaylogo": False},
            key="cp_pillars_chart",
        )
    with right:
        vp.brief_table(brief.pillars, {tx("col.pillar_score"): "%.2f", tx("col.weight_share"): "%.2f"}).show(
            rows=10, key="cp_pillars"
        )
    st.caption(tx("pillar_note") + " " + tr("ui.cp.pf.median_note"))
    with st.expander(tr("ui.cp.pf.decomposition")):
        figure, table = views.decomposition(ds, market, iso3, language)
        st.caption(tr(f"ui.mk.decomp_note.{market.method}"))
        st.plotly_chart(figure, width="stretch", config={"displaylogo": False}, key="cp_decomposition")
        table.show(rows=40, key="cp_decomposition_table")
        st.caption(tr("ui.mk.decomp_caption", year=market.criteria.reference_year, age=state.settings.max_age))

    # --- 2. which fields ----------------------------------------------------------------------------------
    st.header(tx("fields"))
    vp.brief_table(
        brief.fields,
        {tx("col.pair_rank"): "%d", tx("col.margin"): "%+.2f", tx("col.strength"): "%.2f"},
        {
            tx("col.strength"): tr("ui.cp.strength_help"),
            tx("col.main_rival"): tr("ui.cp.assumed_help"),
            tx("col.margin"): tr("ui.cp.margin_help"),
        },
    ).show(rows=10, key="cp_fields")
    st.plotly_chart(
        vp.position_chart(ds, brief.best, language), width="stretch", config={"displaylogo": False}, key="cp_position"
    )
    st.caption(tx("fields_note"))
    with st.expander(tr("ui.cp.pf.all_fields")):
        vp.country_fields_table(ds, profile.country_fields(ds, fit, threat, opportunities, iso3), language).show(
            rows=18, key="cp_all_fields"
        )
        st.caption(tr("ui.cp.strength_note"))

    # --- 3. which rival -----------------------------------------------------------------------------------
    st.header(tx("rivals"))
    if len(brief.rivals):
        vp.brief_table(
            brief.rivals, {tx("col.max_threat"): "%.2f"}, {tx("col.max_threat"): tr("ui.cp.threat_help")}
        ).show(rows=8, key="cp_rivals")
    else:
        st.info(tx("no_evidence"))
    st.caption(tx("rivals_note", default=brief.presence_default))
    st.markdown(f"#### {tr('ui.cp.pf.threat_title')}")
    st.plotly_chart(
        vp.rival_heatmap(ds, profile.rival_detail(ds, threat, iso3), language),
        width="stretch",
        config={"displaylogo": False},
        key="cp_threat",
    )
    st.caption(tr("ui.cp.pf.threat_caption"))
    with st.expander(tr("ui.cp.pf.evidence")):
        items = views.evidence_items(ds, iso3, language)
        st.markdown("\n".join(items) if items else tr("ui.cp.no_evidence"))

    # --- 4. in the plan -----------------------------------------------------------------------------------
    if brief.plan is not None:
        st.header(tx("plan"))
        if len(brief.plan):
            st.markdown(escape_markdown(tx("plan_in", n=len(brief.plan), status=brief.plan_status)))
            vp.brief_table(brief.plan, {}).show(rows=10, key="cp_plan")
        else:
            st.markdown(escape_markdown(tx("plan_out", status=brief.plan_status)))

# --- ties with Japan, groups ---------------------------------------------------------------------------------

st.header(tr("ui.cp.pf.ties_title"))
ties, groups, latest = vp.country_data(ds, ds.version, iso3, state.settings.reference_year, state.settings.max_age)
t1, t2, t3 = st.columns(3)
with t1.container(border=True):
    st.markdown(f"**{tr('ui.fc.col.aid')}**")
    if math.isnan(float(ties["aid_usd"])):
        st.write(tr("ui.fc.aid_none"))
    else:
        old = int(ties["aid_age"]) > state.settings.max_age
        st.markdown(f"### {views.format_value(ties['aid_usd'], 'US$', language)}")
        st.caption(
            tr(
                "ui.cp.pf.aid_year_old" if old else "ui.cp.pf.aid_year",
                year=int(ties["aid_year"]),
                age=int(ties["aid_age"]),
            )
        )
    st.caption(tr("ui.fc.col.aid_help"))
with t2.container(border=True):
    st.markdown(f"**{tr('ui.fc.col.memoranda')}**")
    st.markdown(f"### {escape_markdown(vc.memoranda_text(ties['memoranda'], language))}")
    if ties["memorandum_quote"]:
        st.caption(tr("ui.cp.pf.memo_quote", quote=escape_markdown(ties["memorandum_quote"])))
    st.caption(tr("ui.fc.col.memoranda_help"))
with t3.container(border=True):
    st.markdown(f"**{tr('ui.fc.col.dtt')}**")
    standard = ties["dtt_standard"] or tr("ui.fc.dtt_unknown")
    year = "" if ties["dtt_year"] is None or str(ties["dtt_year"]) == "<NA>" else f" ({int(ties['dtt_year'])})"
    st.markdown(f"### {escape_markdown(standard)}{year}")
    st.caption(tr("ui.cp.pf.isdbt_yes" if ties["isdbt"] else "ui.cp.pf.isdbt_no"))
    if ties["dtt_source"].startswith(("http://", "https://")):
        st.caption(f"{tr('ui.fc.col.dtt_source')}: {escape_markdown(ties['dtt_source'])}")
members = [label("member", g, language) for g in profile.MEMBERSHIPS if bool(groups[g])]
st.markdown(
    tr(
        "ui.cp.pf.groups_line",
        income=label("income", groups["income_group"], language) or tr("fmt.na"),
        region=escape_markdown(label("fc.subregion", groups["un_subregion"], language) or tr("fmt.na")),
        groups=escape_markdown(tr("fmt.list_sep").join(members)) if members else tr("ui.fc.none_recorded"),
    )
)

# --- every indicator ------------------------------------------------------------------------------------------

st.header(tr("ui.cp.pf.indicators_title"))
# the indicators this country's own score uses (an old or missing value has weight 0)
used = set(market.weights.columns[market.weights.loc[iso3] > 0].astype(str)) if iso3 in market.weights.index else set()
counts = latest["status"].value_counts()
st.caption(
    tr(
        "ui.cp.pf.indicators_caption",
        current=int(counts.get("current", 0)),
        old=int(counts.get("old", 0)),
        missing=int(counts.get("missing", 0)),
        age=state.settings.max_age,
        year=market.criteria.reference_year,
    )
)
vp.indicator_table(ds, latest, used, state.settings.max_age, language).show(rows=15, key="cp_indicators")
if brief is not None:
    st.caption(
        tx(
            "years",
            start=brief.year_min if brief.year_min is not None else "-",
            end=brief.year_max if brief.year_max is not None else "-",
            ref=brief.reference_year,
            age=brief.max_age,
        )
    )
st.caption(tx("judgement_note"))

# --- history ------------------------------------------------------------------------------------------------

st.header(tr("ui.cp.pf.history_title"))
catalogue = list(ds.catalog.index)
indicator_label = views.indicator_names(ds.catalog, language)
st.session_state.setdefault(INDICATORS_KEY, list(vh.key_indicators(ds, ds.version)[:6]))
st.session_state[INDICATORS_KEY] = [i for i in st.session_state[INDICATORS_KEY] if i in set(catalogue)]
st.session_state.setdefault(PEERS_KEY, [])
left, right = st.columns([3, 2])
with left:
    chosen = st.multiselect(
        tr("ui.cp.pf.history_indicators"),
        catalogue,
        format_func=lambda i: str(indicator_label.get(i, i)),
        key=INDICATORS_KEY,
        max_selections=12,
        help=tr("ui.cp.pf.history_indicators_help"),
        persist_state=PERSIST,
    )
peer_options = [i for i in options if i != iso3]
st.session_state[PEERS_KEY] = [i for i in st.session_state[PEERS_KEY] if i in set(peer_options)]
with right:
    peers_chosen = st.multiselect(
        tr("ui.cp.pf.history_peers"),
        peer_options,
        format_func=lambda i: str(names.get(i, i)),
        key=PEERS_KEY,
        max_selections=vc.MAX_HIGHLIGHT - 1,
        help=tr("ui.cp.pf.history_peers_help"),
        persist_state=PERSIST,
    )
if not chosen:
    st.info(tr("ui.cp.pf.history_pick"))
else:
    shown = [iso3, *peers_chosen]
    history = profile.indicator_history(ds, shown, chosen)
    st.plotly_chart(
        vh.history_figure(
            ds,
            ds.version,
            tuple(shown),
            tuple(chosen),
            tuple(shown),
            tuple(focus),
            language,
            tr("ui.fc.median", n=len(focus)),
        ),
        width="stretch",
        config={"displaylogo": False},
        key="cp_history",
    )
    missing = [
        indicator_label.get(i, i)
        for i in chosen
        if history[(history["indicator"] == i) & (history["iso3"] == iso3)].empty
    ]
    if missing:
        st.caption(
            tr(
                "ui.cp.pf.history_missing",
                country=escape_markdown(name),
                items=escape_markdown(tr("fmt.list_sep").join(missing)),
            )
        )
    st.caption(tr("ui.fc.history_caption", start=profile.HISTORY_START, n=math.ceil(len(focus) / 2)))
    with st.expander(tr("ui.fc.history_sources")):
        st.caption("  \n".join(escape_markdown(line) for line in vh.history_notes(ds, history, chosen, language)))
st.page_link("ui/pages/focus.py", label=tr("ui.cp.pf.go_compare"), icon=":material/arrow_forward:")
