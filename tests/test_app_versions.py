"""The Scenarios page's History view and roles, headless with AppTest on a throwaway SQLite store.

Laptop mode: saves are authored "local", the history lists every version with its author, the diff
of version 2 names the weight that moved, a restore is a new version and overwrites nothing, the
workbook's settings sheet carries the version and author. Team mode (an ``[auth]`` secrets section
and a roles file; ``AppTest.user`` plays the signed-in user): a signed-out visitor sees the sign-in
screen and no data, a viewer's save button is disabled and the store refuses the viewer anyway, a
planner saves under their e-mail, only an admin can delete.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from apptest_helpers import assert_clean, open_app
from streamlit.testing.v1 import AppTest

from strategy.i18n import LANGS
from strategy.scenario import Scenario
from strategy.store import ENV_URL, PermissionDeniedError, ScenarioStore, sqlite_url
from strategy.team.roles import ENV_ROLES, Actor, Role
from ui.texts import t

PAGE = "ui/pages/scenarios.py"
pytestmark = pytest.mark.usefixtures("bundled_data")

SECRETS = {
    "auth": {
        "redirect_uri": "http://localhost:8501/oauth2callback",
        "cookie_secret": "not-a-real-secret-only-for-tests-0123456789",
        "client_id": "ict-app",
        "client_secret": "not-a-real-client-secret",
        "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration",
    }
}
ROLES = """
[users]
"vera@example.org" = "viewer"
"paul@example.org" = "planner"
"ada@example.org" = "admin"
"""


@pytest.fixture(autouse=True)
def _store(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> str:
    url = sqlite_url(tmp_path / "scenarios.sqlite")
    monkeypatch.setenv(ENV_URL, url)
    return url


@pytest.fixture
def roles(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    file = tmp_path / "roles.toml"
    file.write_text(ROLES, encoding="utf-8")
    monkeypatch.setenv(ENV_ROLES, str(file))
    return file


def team_app(email: str | None, lang: str = "en") -> AppTest:
    at = AppTest.from_file(str(Path(__file__).resolve().parent.parent / "app.py"), default_timeout=120)
    at.query_params["lang"] = lang
    at.secrets.update(SECRETS)
    at.user = {"is_logged_in": False} if email is None else {"is_logged_in": True, "email": email}
    at.run()
    return at.switch_page(PAGE).run()


def save_as(at: AppTest, name: str) -> AppTest:
    at.text_input(key="scn_name").set_value(name)
    at.button(key="scn_save").click()
    return at.run()


def frame(at: AppTest, column: str) -> pd.DataFrame:
    """The first table on the page with ``column`` (the history has "author", the diff "path")."""
    return next(d.value for d in at.dataframe if column in d.value.columns and "updated" not in d.value.columns)


@pytest.mark.parametrize("lang", LANGS)
def test_history_diff_and_restore(lang: str, _store: str) -> None:
    at = open_app(PAGE, lang, timeout=120)
    at = save_as(at, "Audit")
    at.slider(key="sc_w_growth").set_value(4.0).run()
    at.button(key="scn_save").click().run()
    assert_clean(at)
    with ScenarioStore(_store) as store:
        history = store.history("Audit")
    assert [(h.version, h.author) for h in history] == [(2, "local"), (1, "local")]
    at.selectbox(key="scn_chosen").set_value("Audit").run()
    table = frame(at, "author")
    assert list(table["version"]) == [2, 1] and list(table["author"]) == ["local", "local"]
    diff = frame(at, "path")
    growth = diff[diff["path"] == "market_weights.pillars.growth"]
    assert len(growth) == 1 and growth["after"].iloc[0] == "4.0"
    assert growth["section"].iloc[0] == t("ui.ver.section.market_weights", lang)
    # restore version 1 as version 3
    at.selectbox(key="scn_hist_version").set_value(1).run()
    at.button(key="scn_restore").click().run()
    assert_clean(at)
    assert t("ui.ver.restored", lang, name="Audit", version=1, new=3) in [s.value for s in at.success]
    with ScenarioStore(_store) as store:
        assert [(h.version, h.restored_from) for h in store.history("Audit")] == [(3, 1), (2, None), (1, None)]
        assert store.load("Audit")[0] == store.load_version("Audit", 1)


def test_signed_out_visitor_sees_only_the_sign_in_screen(roles: Path, _store: str) -> None:
    with ScenarioStore(_store) as store:
        store.save(Scenario(name="secret plan"), None)
    at = team_app(None)
    assert not at.exception
    assert [b.proto.label for b in at.button] == [t("ui.team.sign_in", "en")]
    texts = " ".join(str(e.value) for kind in ("title", "markdown", "caption", "info") for e in at.get(kind))
    assert "secret plan" not in texts
    assert not at.dataframe and not at.get("download_button") and not at.selectbox


def test_roles_on_the_page(roles: Path, _store: str) -> None:
    with ScenarioStore(_store) as store:
        store.save(Scenario(name="shared"), None, actor=Actor("ada@example.org", Role.ADMIN))
    viewer = team_app("vera@example.org")
    assert_clean(viewer)
    assert viewer.button(key="scn_save").disabled and viewer.button(key="scn_rename").disabled
    assert viewer.checkbox(key="scn_delete_sure").disabled
    assert t("ui.team.signed_in", "en", user="vera@example.org", role="viewer") in [
        c.value for c in viewer.sidebar.caption
    ]
    viewer.switch_page("ui/pages/plan.py").run()  # a viewer may not run plans either
    assert_clean(viewer)
    assert viewer.button(key="plan_solve").disabled
    with ScenarioStore(_store, default_actor=None) as store, pytest.raises(PermissionDeniedError):
        store.save(Scenario(name="by the viewer"), None, actor=Actor("vera@example.org", Role.VIEWER))

    planner = save_as(team_app("paul@example.org"), "Paul's plan")
    assert_clean(planner)
    with ScenarioStore(_store) as store:
        assert [(h.version, h.author) for h in store.history("Paul's plan")] == [(1, "paul@example.org")]
    assert planner.checkbox(key="scn_delete_sure").disabled  # a planner may not delete
    planner.switch_page("ui/pages/plan.py").run()
    assert not planner.button(key="plan_solve").disabled

    admin = team_app("ada@example.org")
    admin.selectbox(key="scn_chosen").set_value("Paul's plan")
    admin.checkbox(key="scn_delete_sure").check().run()
    admin.button(key="scn_delete").click().run()
    assert_clean(admin)
    with ScenarioStore(_store) as store:
        assert store.names() == ["shared"]


def test_a_user_without_a_role_and_a_broken_setup_see_no_data(
    roles: Path, _store: str, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    at = team_app("stranger@example.org")
    assert t("ui.team.no_role", "en", user="stranger@example.org") in [w.value for w in at.warning]
    assert not at.dataframe and not at.get("download_button")
    monkeypatch.setenv(ENV_ROLES, str(roles.parent / "missing.toml"))
    broken = team_app("ada@example.org")
    assert [e.value for e in broken.error] == [t("ui.team.unavailable", "en")]
    assert not broken.dataframe and not broken.exception
    assert "not-a-real" not in " ".join(str(e.value) for e in broken.error)
    # the admin finds the reason in the server log: the setting, never a secret's value
    logged = " ".join(r.getMessage() for r in caplog.records if r.name == "ict_strategy.auth")
    assert "missing.toml" in logged and "not-a-real" not in logged
    monkeypatch.setenv(ENV_ROLES, str(roles))
    no_secret = {"auth": {k: v for k, v in SECRETS["auth"].items() if k != "client_secret"}}
    at = AppTest.from_file(str(Path(__file__).resolve().parent.parent / "app.py"), default_timeout=120)
    at.secrets.update(no_secret)
    at.user = {"is_logged_in": True, "email": "ada@example.org"}
    at.run()
    assert [e.value for e in at.error] == [t("ui.team.unavailable", "ja")] and not at.exception
    logged = " ".join(r.getMessage() for r in caplog.records if r.name == "ict_strategy.auth")
    assert "auth.client_secret" in logged and "not-a-real" not in logged


def test_the_workbook_says_which_version_and_who(_store: str, dataset) -> None:
    from strategy.export import settings_table
    from strategy.scenario import evaluate
    from ui.views.versions import provenance

    with ScenarioStore(_store) as store:
        store.save(Scenario.default(dataset, "Shared"), None, actor=Actor("paul@example.org", Role.PLANNER))
        scenario, version = store.load("Shared")
        store.save(scenario, version, actor=Actor("ada@example.org", Role.ADMIN))
        given = provenance(store, {"name": "Shared", "version": 1}, Actor("vera@example.org", Role.VIEWER))
    assert given == {"scenario.version": 1, "scenario.author": "paul@example.org", "exported_by": "vera@example.org"}
    table = settings_table(dataset, evaluate(dataset, scenario), "en", provenance=given)
    table.columns = ["section", "parameter", "label", "value"]  # (localised headers)
    table = table.set_index("parameter")
    assert table.loc["scenario.author", "value"] == "paul@example.org"
    assert table.loc["scenario.version", "value"] == 1
    assert table.loc["exported_by", "label"] == t("ex.param.exported_by", "en")
    assert provenance(store, None, None) == {"scenario.version": "", "scenario.author": "", "exported_by": ""}
