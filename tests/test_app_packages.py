"""ICT packages and funding pools on the Plan page, and the route per field on the Country page
(``streamlit.testing.v1.AppTest``): packages on gives a packages table whose members are in the
portfolio, a small pool binds and is named, a pool over the budget is refused in words."""

from __future__ import annotations

import pytest
from apptest_helpers import assert_clean, open_app
from apptest_helpers import page_texts as texts
from streamlit.testing.v1 import AppTest

from strategy.i18n import LANGS
from ui.texts import t

PLAN = "ui/pages/plan.py"
COUNTRY = "ui/pages/country.py"

pytestmark = pytest.mark.usefixtures("bundled_data")


def solve(lang: str, packages: bool = False, **numbers: float) -> AppTest:
    at = open_app(PLAN, lang, timeout=120)
    at.number_input(key="plan_time_limit").set_value(10.0)
    at.toggle(key="plan_use_packages").set_value(packages)
    for key, value in numbers.items():
        at.number_input(key=key).set_value(value)
    at.button(key="plan_solve").click()
    return at.run()


#: A column only each table has (AppTest does not expose a dataframe's key).
MARK = {"plan_table": "period", "plan_packages_table": "members", "country_routes": "rule"}


def frame(at: AppTest, key: str):
    return next((df.value for df in at.dataframe if MARK[key] in df.value.columns), None)


@pytest.mark.parametrize("lang", LANGS)
def test_packages_on_names_the_packages_and_their_members(lang: str) -> None:
    at = solve(lang, packages=True, plan_budget=60.0, plan_staff=60.0)
    assert_clean(at)
    table = frame(at, "plan_table")
    assert {"package", "route"} <= set(table.columns)
    packages = frame(at, "plan_packages_table")
    assert packages is not None and len(packages) > 0
    for country, package in zip(packages["country"], packages["package"], strict=True):
        rows = table[(table["country"] == country) & (table["package"] == package)]
        assert len(rows) >= 2  # the members are in the portfolio, each marked with the package
    assert t("ui.pl.pk.table_title", lang) in texts(at)


def test_a_small_pool_binds_and_is_named() -> None:
    at = solve("en", plan_pool_commercial=1.0)
    assert_clean(at)
    table = frame(at, "plan_table")
    commercial = t("label.route.commercial", "en")
    assert table.loc[table["route"] == commercial, "cost"].sum() <= 1.0 + 1e-9
    assert t("optimize.group.pool", "en", route=commercial) in texts(at)


@pytest.mark.parametrize("lang", LANGS)
def test_a_pool_over_the_budget_is_refused_in_words(lang: str) -> None:
    at = solve(lang, plan_budget=10.0, plan_pool_yen_loan=20.0)
    assert not at.exception
    message = "\n".join(e.value for e in at.error)
    assert t("schema.err.pool_over_budget", lang, value="20", budget="10") in message
    assert "Traceback" not in texts(at)


@pytest.mark.parametrize("lang", LANGS)
def test_country_page_shows_the_route_per_field(lang: str) -> None:
    at = open_app(COUNTRY, lang, timeout=120)
    assert_clean(at)
    routes = frame(at, "country_routes")
    assert routes is not None and len(routes) > 0
    labels = {t(f"label.route.{r}", lang) for r in ("technical_cooperation", "grant_aid", "yen_loan", "commercial")}
    assert set(routes["route"]) <= labels
    assert t("ui.cp.route.title", lang) in texts(at)


@pytest.mark.parametrize("lang", LANGS)
def test_data_page_shows_the_package_and_rule_tables(lang: str) -> None:
    at = open_app(lang=lang, timeout=60).switch_page("ui/pages/data_sources.py").run()
    at.segmented_control(key="data_section").set_value("judgement")
    at.run()
    assert_clean(at)
    frames = [d.value for d in at.dataframe]
    packages = next(f for f in frames if "members" in f.columns and "why" in f.columns)  # column ids, not labels
    rules = next(f for f in frames if "lending" in f.columns)
    assert len(packages) == 8 and len(rules) >= 5
    assert rules["rule"].iloc[0] == "high_income"
    assert set(rules["route"]) <= {
        t(f"label.route.{r}", lang) for r in ("technical_cooperation", "grant_aid", "yen_loan", "commercial")
    }
    assert t("ui.judgement.financing_rules", lang) in texts(at)
