"""The plan page (④ 計画) runs headless with ``streamlit.testing.v1.AppTest``.

It renders in both languages; solving gives an optimal plan with a non-empty portfolio; an impossible
setup names the clashing constraints in plain words (never a traceback); the budget changes the plan.
Small time limits keep it fast.
"""

from __future__ import annotations

import pytest
from apptest_helpers import assert_clean, open_app
from apptest_helpers import page_texts as texts
from streamlit.testing.v1 import AppTest

from strategy.i18n import LANGS
from ui.texts import t

PLAN = "ui/pages/plan.py"


pytestmark = pytest.mark.usefixtures("bundled_data")


def start(lang: str = "en") -> AppTest:
    return open_app(PLAN, lang, timeout=120)


def solve(at: AppTest, **values: object) -> AppTest:
    at.number_input(key="plan_time_limit").set_value(10.0)
    for key, value in values.items():
        widget = at.multiselect(key=key) if key.startswith("plan_must") or key.startswith("plan_exclude") else None
        (widget or at.number_input(key=key)).set_value(value)
    at.button(key="plan_solve").click()
    return at.run()


def portfolio(at: AppTest):
    return next(df.value for df in at.dataframe if "country" in df.value.columns and "field" in df.value.columns)


@pytest.mark.parametrize("lang", LANGS)
def test_plan_page_renders_in_both_languages(lang: str) -> None:
    at = start(lang)
    assert_clean(at)
    assert at.title[0].value == t("ui.page.plan", lang)
    assert t("ui.pl.press_solve", lang) in texts(at)
    assert t("ui.pl.judgement_note", lang) in texts(at)


@pytest.mark.parametrize("lang", LANGS)
def test_solve_gives_an_optimal_plan(lang: str) -> None:
    at = solve(start(lang))
    assert_clean(at)
    assert any(s.value.startswith(t("ui.pl.status.optimal", lang, seconds="")[:8]) for s in at.success)
    table = portfolio(at)
    assert len(table) > 0
    assert table["cost"].sum() <= 30.0
    assert set(table["period"]) <= {1, 2, 3}
    assert len(at.get("plotly_chart")) >= 2  # Sankey and roadmap
    assert t("ui.pl.greedy_title", lang) in texts(at)
    # which package, financed how, before which rival: every entry says its route and its rival
    assert (table["route"] != "").all() and (table["rival"] != "").all()
    assert table["act_soon"].dtype == bool


@pytest.mark.parametrize("lang", LANGS)
def test_impossible_setup_names_the_clash(lang: str) -> None:
    at = solve(start(lang), plan_min_asean=5, plan_max_countries=2)
    assert not at.exception
    message = "\n".join(w.value for w in at.warning).replace("\\", "")
    assert t("ui.pl.status.infeasible", lang) in message
    assert t("optimize.group.countries", lang) in message
    assert t("optimize.group.group_min", lang, group="ASEAN") in message
    assert "Traceback" not in texts(at)


def test_changing_budget_changes_the_plan() -> None:
    at = solve(start("en"), plan_budget=30.0)
    small = portfolio(at)
    at = solve(at, plan_budget=8.0)
    assert_clean(at)
    large_total, small_total = small["cost"].sum(), portfolio(at)["cost"].sum()
    assert small_total <= 8.0 < large_total
    assert list(portfolio(at)["field"]) != list(small["field"]) or len(portfolio(at)) != len(small)


def test_marginal_values_and_frontier() -> None:
    at = solve(start("en"))
    at.button(key="plan_marginal").click()
    at = at.run()
    assert_clean(at)
    assert "One more unit of budget adds" in texts(at)
    at.button(key="plan_frontier").click()
    at = at.run()
    assert_clean(at)
    frontier = next(df.value for df in at.dataframe if "budget" in df.value.columns)
    assert len(frontier) == 9
    assert frontier["value"].dropna().is_monotonic_increasing


def test_cbc_and_a_budget_per_period_spread_the_plan() -> None:
    at = start("en")
    at.radio(key="plan_solver").set_value("cbc")
    at = solve(at, plan_period_budget=12.0)
    assert_clean(at)
    assert at.success or at.warning  # optimal, or feasible with its gap said
    table = portfolio(at)
    assert len(table) > 0 and table["period"].nunique() > 1
    assert t("ui.pl.one_period_note", "en") not in texts(at)


@pytest.mark.parametrize("lang", LANGS)
def test_a_budget_per_period_that_cannot_bind_is_said_so(lang: str) -> None:
    at = solve(start(lang), plan_budget=30.0, plan_period_budget=30.0)
    assert_clean(at)
    assert set(portfolio(at)["period"]) == {1}
    assert t("ui.pl.idle_period_note", lang, period="30", total="30") in texts(at)


def test_a_plan_from_older_settings_says_so() -> None:
    at = solve(start("en"))
    assert t("ui.pl.stale", "en") not in texts(at)
    at.selectbox(key="sc_scope").set_value("focus")
    at = at.run()
    assert_clean(at)
    assert t("ui.pl.stale", "en") in texts(at)
    assert len(portfolio(at)) > 0  # the solved plan stays until the planner solves again


def test_cost_multiplier_scales_the_costs_the_optimizer_sees() -> None:
    at = start("en")
    at.session_state["plan_cost_scale"] = {"VNM": 3.0}  # as if edited in the table earlier
    at = solve(at.run())
    assert_clean(at)
    result = at.session_state["plan_result"]
    assert result["cost_scale"] == {"VNM": 3.0}
    table = result["entries"].table.set_index(["iso3", "field_id"])["cost"]
    fields = table.xs("VNM").index
    ratio = table.xs("VNM") / table.xs("THA").reindex(fields)
    assert ratio.dropna().round(9).eq(3.0).all() and len(ratio.dropna()) > 0
    assert "×3.00" in texts(at)
