"""The Workshop page, headless with AppTest in team mode (``AppTest.user`` plays each participant).

An admin opens a workshop on a saved scenario; a planner gives slider weights, a viewer an
inconsistent pairwise matrix (flagged, left out), the admin a consistent one; the page's group
weights are the library's geometric mean; the consensus is saved as a scenario; a viewer cannot
open or close a workshop; in both languages the page renders clean.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from apptest_helpers import assert_clean
from streamlit.testing.v1 import AppTest

from strategy.i18n import LANGS
from strategy.scenario import Scenario
from strategy.store import ENV_URL, ScenarioStore, sqlite_url
from strategy.team.roles import ENV_ROLES, Actor, Role
from strategy.team.workshop import aggregate
from ui.texts import t

PAGE = "ui/pages/workshop.py"
APP = Path(__file__).resolve().parent.parent / "app.py"
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
ROLES = '[users]\n"vera@example.org" = "viewer"\n"paul@example.org" = "planner"\n"ada@example.org" = "admin"\n'
CRITERIA = ["size", "growth", "digital"]
INCONSISTENT = ",size,growth,digital\nsize,1,9,1/9\ngrowth,1/9,1,9\ndigital,9,1/9,1\n"
CONSISTENT = ",size,growth,digital\nsize,1,2,4\ngrowth,1/2,1,2\ndigital,1/4,1/2,1\n"


@pytest.fixture(autouse=True)
def _env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> str:
    url = sqlite_url(tmp_path / "scenarios.sqlite")
    monkeypatch.setenv(ENV_URL, url)
    roles = tmp_path / "roles.toml"
    roles.write_text(ROLES, encoding="utf-8")
    monkeypatch.setenv(ENV_ROLES, str(roles))
    with ScenarioStore(url) as store:
        store.save(Scenario(name="ASEAN"), None, actor=Actor("ada@example.org", Role.ADMIN))
    return url


def as_user(email: str, lang: str = "en") -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=120)
    at.query_params["lang"] = lang
    at.secrets.update(SECRETS)
    at.user = {"is_logged_in": True, "email": email}
    at.run()
    return at.switch_page(PAGE).run()


@pytest.mark.parametrize("lang", LANGS)
def test_page_renders_and_a_viewer_cannot_open_a_workshop(lang: str) -> None:
    at = as_user("vera@example.org", lang)
    assert_clean(at)
    assert at.title[0].value == t("ui.page.workshop", lang)
    assert at.button(key="ws_open").disabled


def test_three_participants_one_flagged_and_the_consensus_saved(_env: str) -> None:
    admin = as_user("ada@example.org")
    admin.multiselect(key="ws_criteria").set_value(CRITERIA).run()
    admin.button(key="ws_open").click().run()
    assert_clean(admin)
    with ScenarioStore(_env) as store:
        (workshop,) = store.workshops()
    wid = workshop.id
    assert workshop.criteria == tuple(CRITERIA) and workshop.opened_by == "ada@example.org"

    planner = as_user("paul@example.org")
    for pillar, value in zip(CRITERIA, (2.0, 1.0, 1.0), strict=True):
        planner.slider(key=f"ws_w_{wid}_{pillar}").set_value(value)
    planner.run()
    planner.button(key="ws_submit").click().run()
    assert_clean(planner)
    assert planner.button(key="ws_close").disabled  # only admins close

    viewer = as_user("vera@example.org")  # viewers take part too
    viewer.radio(key=f"ws_mode_{wid}").set_value("pairwise").run()
    viewer.text_area(key=f"ws_matrix_{wid}").set_value(INCONSISTENT).run()
    assert any("CR" in w.value for w in viewer.warning)  # flagged while typing
    viewer.button(key="ws_submit").click().run()
    assert not viewer.exception

    admin = as_user("ada@example.org")
    admin.radio(key=f"ws_mode_{wid}").set_value("pairwise").run()
    admin.text_area(key=f"ws_matrix_{wid}").set_value(CONSISTENT).run()
    admin.button(key="ws_submit").click().run()
    assert not admin.exception

    with ScenarioStore(_env) as store:
        judgements = store.judgements(wid)
    assert [j.participant for j in judgements] == ["ada@example.org", "paul@example.org", "vera@example.org"]
    expected = aggregate(judgements, CRITERIA)
    assert expected.excluded == ("vera@example.org",)
    flagged = [w.value for w in admin.warning if "vera@example.org" in w.value]
    assert len(flagged) == 1 and "0.1" in flagged[0]
    group = next(d.value for d in admin.dataframe if t("ui.ws.col.group", "en") in d.value.columns)
    shown = group[t("ui.ws.col.group", "en")].to_numpy()
    assert shown == pytest.approx((expected.weights * 100).round(1).to_numpy())

    admin.text_input(key="ws_name").set_value("ASEAN consensus").run()
    admin.button(key="ws_save").click().run()
    assert not admin.exception
    with ScenarioStore(_env) as store:
        saved, version = store.load("ASEAN consensus")
        assert store.history("ASEAN consensus")[0].author == "ada@example.org"
    pillars = saved.market_weights.pillars
    total = sum(pillars.values())
    # the workshop's pillars share what they had in the scenario, split by the group's weights
    base = Scenario(name="x").market_weights.pillars
    room = sum(base[c] for c in CRITERIA) / sum(base.values())
    for c in CRITERIA:
        assert pillars[c] / total == pytest.approx(expected.weights[c] * room)
    admin.button(key="ws_close").click().run()
    with ScenarioStore(_env) as store:
        assert not store.workshop(wid).is_open
