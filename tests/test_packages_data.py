"""The ICT package and financing rule tables: loading, errors by file/row/column, the routes the rules
give, and the plan's entries carrying routes and packages."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from data_helpers import broken_copy, load_issues

from strategy.data.dataset import Dataset
from strategy.data.plan_tables import ROUTES, country_facts, financing_routes
from strategy.optimize import Constraints
from strategy.scenario import Scenario, ScenarioError
from strategy.scoring.financing import entry_routes


def found(tmp_path: Path, table: str, cells: dict[tuple[int, str], str]) -> set[tuple]:
    return {(i.file, i.code, i.row, i.column) for i in load_issues(broken_copy(tmp_path, table, cells))}


def test_packages_load_with_members_from_the_field_table(dataset: Dataset) -> None:
    packages = dataset.ict_packages
    assert {"disaster", "smart_city", "gspace", "education", "agriculture", "broadcasting", "govtech", "health"} <= set(
        packages.index
    )
    for members in packages["members"]:
        assert members and set(members) <= set(dataset.fields.index)
    assert packages["value_bonus"].between(0, 1).all() and packages["cost_saving"].between(0, 0.5).all()


def test_package_errors_name_file_row_and_column(tmp_path: Path) -> None:
    issues = found(
        tmp_path,
        "ict_packages",
        {
            (0, "members"): "digital_tv;warp_drive",
            (1, "value_bonus"): "1.5",
            (2, "cost_saving"): "0.9",
            (3, "members"): "",
        },
    )
    assert ("ict_packages.csv", "err.bad_reference", 2, "members") in issues
    assert ("ict_packages.csv", "err.out_of_range", 3, "value_bonus") in issues
    assert ("ict_packages.csv", "err.out_of_range", 4, "cost_saving") in issues
    assert ("ict_packages.csv", "pkg.err.empty_package", 5, "members") in issues


def test_rule_errors_name_file_row_and_column(tmp_path: Path) -> None:
    issues = found(
        tmp_path,
        "financing_rules",
        {(0, "route"): "gift", (1, "income_groups"): "Very high income", (2, "is_ldc"): "yes"},
    )
    assert ("financing_rules.csv", "pkg.err.unknown_route", 2, "route") in issues
    assert ("financing_rules.csv", "err.bad_choice", 3, "income_groups") in issues
    assert ("financing_rules.csv", "err.bad_choice", 4, "is_ldc") in issues


def test_a_rule_matching_no_country_is_refused(tmp_path: Path) -> None:
    # high income and an IDA-only LDC at once: no country is both
    issues = found(tmp_path, "financing_rules", {(0, "is_ldc"): "1", (0, "lending_categories"): "IBRD"})
    assert ("financing_rules.csv", "pkg.err.rule_matches_nothing", 2, None) in issues


def test_first_matching_rule_wins() -> None:
    facts = pd.DataFrame(
        {
            "income_group": ["High income", "Low income", "Upper middle income", "Upper middle income"],
            "lending_category": ["", "IDA", "IBRD", "IBRD"],
            "is_ldc": [0, 1, 0, 0],
            "japan_aid_share": [float("nan"), 5.0, 30.0, 10.0],
        },
        index=["HHH", "LLL", "UJP", "UMX"],
    )
    fields = pd.DataFrame(index=["net", "cert"])
    rules = pd.DataFrame(
        {
            "rule_id": ["rich", "cert", "ldc", "japan", "rest"],
            "income_groups": [("High income",), (), (), ("Upper middle income",), ()],
            "lending_categories": [(), (), (), (), ()],
            "is_ldc": pd.array([pd.NA, pd.NA, 1, pd.NA, pd.NA], dtype="Int64"),
            "aid_financed": pd.array([pd.NA] * 5, dtype="Int64"),
            "fields": [(), ("cert",), (), (), ()],
            "min_japan_aid_share": [float("nan"), float("nan"), float("nan"), 20.0, float("nan")],
            "route": ["commercial", "technical_cooperation", "grant_aid", "yen_loan", "commercial"],
        }
    )
    out = financing_routes(facts, fields, pd.Series({"net": 0, "cert": 1}), rules).set_index(["iso3", "field_id"])
    assert out.loc[("HHH", "cert"), "rule_id"] == "rich"  # first match, though 'cert' matches too
    assert out.loc[("LLL", "cert"), "route"] == "technical_cooperation"
    assert out.loc[("LLL", "net"), "route"] == "grant_aid"
    assert out.loc[("UJP", "net"), "route"] == "yen_loan"
    assert out.loc[("UMX", "net"), "rule_id"] == "rest"  # Japan's share below the threshold


def test_routes_of_the_bundled_rules(dataset: Dataset) -> None:
    routes = entry_routes(dataset).set_index(["iso3", "field_id"])
    assert set(routes["route"]) <= set(ROUTES)
    assert len(routes) == len(dataset.countries) * len(dataset.fields)
    assert routes.loc[("JPN", "broadband_mobile"), "route"] == "commercial"  # high income
    facts = country_facts(dataset.countries, dataset.indicators)
    ldc = facts.index[facts["is_ldc"] == 1]
    aid_fields = dataset.aid_financed_fields.index[dataset.aid_financed_fields["aid_financed"]]
    for k in ldc[:5]:
        for f in aid_fields:
            assert routes.loc[(k, f), "route"] in ("grant_aid", "technical_cooperation")


def test_scenario_round_trips_packages_and_pools() -> None:
    s = Scenario(constraints=Constraints(use_packages=True, pool_budget={"grant_aid": 5.0, "yen_loan": 12.0}))
    back = Scenario.from_json(s.to_json())
    assert back == s and back.constraints.pool_budget == {"grant_aid": 5.0, "yen_loan": 12.0}
    assert Scenario.from_json(Scenario().to_json()).constraints.use_packages is False


def test_scenario_pool_errors_name_the_field_in_both_languages() -> None:
    data = Scenario().to_dict()
    data["constraints"].update(budget=20.0, pool_budget={"gift": 1.0, "yen_loan": 25.0, "grant_aid": -1.0})
    with pytest.raises(ScenarioError) as info:
        Scenario.from_dict(data)
    found = {(path, key) for path, key, _ in info.value.problems}
    assert ("constraints.pool_budget.gift", "schema.err.unknown_route") in found
    assert ("constraints.pool_budget.yen_loan", "schema.err.pool_over_budget") in found
    assert ("constraints.pool_budget.grant_aid", "schema.err.range") in found
    ja, en = info.value.messages("ja"), info.value.messages("en")
    assert any("資金枠（25）が総予算（20）を超えています" in m for m in ja)
    assert any("Financing route 'gift' is not known" in m for m in en)
