"""Team mode in a real headless browser: Streamlit's OIDC sign-in against a real OpenID Connect
provider (``oidc-provider-mock`` on a loopback port), a roles file, and a throwaway store.

A signed-out visitor gets the sign-in screen and no data, on every URL; a viewer, a planner and an
admin sign in through the provider's authorisation form and each can do what their role allows
(viewer: save disabled; planner: saves, recorded under their e-mail; admin: may delete); the client
secret and the cookie secret appear neither on the pages nor in the server log.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
import test_browser as tb  # the app server, the browser page and the waiting helpers

from strategy.store import ScenarioStore
from strategy.team.roles import ENV_ROLES
from ui.texts import t

pytestmark = pytest.mark.browser
pytest.importorskip("oidc_provider_mock", reason="oidc-provider-mock is not installed (pip install oidc-provider-mock)")

chromium_path = tb.chromium_path
_free_port = tb._free_port  # the real one: the servers below patch tb's to name the app's port
browser_page = tb.browser_page

ROLES = """
[users]
"vera@example.org" = "viewer"
"paul@example.org" = "planner"
"ada@example.org" = "admin"
"""
CLIENT_SECRET = "cs-" + secrets.token_hex(16)
COOKIE_SECRET = "ck-" + secrets.token_hex(24)


@contextlib.contextmanager
def _provider() -> Iterator[str]:
    """``oidc-provider-mock`` on a free loopback port; its process group is stopped afterwards."""
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "oidc_provider_mock", "--port", str(port), "--host", "127.0.0.1"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{url}/.well-known/openid-configuration", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail("oidc-provider-mock did not start")
                time.sleep(0.3)
        yield url
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=15)


@pytest.fixture(scope="module")
def team_server(chromium_path: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path, str]]:
    """(app URL, its server log, its store URL): the app in team mode against a live provider."""
    folder = tmp_path_factory.mktemp("team")
    roles = folder / "roles.toml"
    roles.write_text(ROLES, encoding="utf-8")
    port = _free_port()
    with _provider() as issuer, pytest.MonkeyPatch.context() as mp:
        secrets_file = folder / "secrets.toml"
        secrets_file.write_text(
            "[auth]\n"
            f'redirect_uri = "http://127.0.0.1:{port}/oauth2callback"\n'
            f'cookie_secret = "{COOKIE_SECRET}"\n'
            'client_id = "ict-strategy"\n'
            f'client_secret = "{CLIENT_SECRET}"\n'
            f'server_metadata_url = "{issuer}/.well-known/openid-configuration"\n',
            encoding="utf-8",
        )
        mp.setenv(ENV_ROLES, str(roles))
        mp.setattr(tb, "_free_port", lambda: port)  # the redirect URI names the app's port
        with tb._streamlit(tmp_path_factory, "--secrets.files", str(secrets_file)) as url:
            log = _newest_log(tmp_path_factory)
            yield url, log, f"sqlite:///{log.parent / 'scenarios.sqlite'}"


def _newest_log(factory: pytest.TempPathFactory) -> Path:
    """The log of the server started last (``_streamlit`` makes streamlit0, streamlit1, ...)."""
    folders = [p for p in factory.getbasetemp().glob("streamlit*") if p.name.removeprefix("streamlit").isdigit()]
    return max(folders, key=lambda p: int(p.name.removeprefix("streamlit"))) / "server.log"


def _sign_in(page, url: str, email: str) -> None:
    """Open the app, press Sign in, give the provider's form the e-mail (its subject), come back."""
    tb._open(page, url, t("ui.app_title", "ja"))
    page.get_by_role("button", name=t("ui.team.sign_in", "ja")).click()
    page.locator('input[name="sub"]').wait_for(timeout=60_000)
    page.locator('input[name="sub"]').fill(email)
    page.get_by_role("button", name="Authorize").click()
    page.get_by_text(email, exact=False).first.wait_for(timeout=60_000)
    tb._settle(page)


def _scenarios(page, url: str) -> None:
    tb._open(page, f"{url}/scenarios", t("ui.page.scenarios", "ja"))


def _no_secrets(page, log: Path) -> None:
    for secret in (CLIENT_SECRET, COOKIE_SECRET):
        assert secret not in page.content()
        assert secret not in log.read_text(errors="replace")


def _exceptions(page) -> int:
    return page.locator('[data-testid="stException"]').count()


def _seed(store_url: str) -> None:
    with ScenarioStore(store_url) as store:
        if "Confidential plan" not in store:
            store.save(store.import_json('{"name": "Confidential plan"}'), None)


def test_signed_out_visitor_sees_no_data(team_server, browser_page) -> None:
    url, log, store_url = team_server
    _seed(store_url)
    page = browser_page
    for path in ("", "/scenarios", "/markets", "/data"):
        tb._open(page, url + path, t("ui.app_title", "ja"))
        assert page.get_by_role("button", name=t("ui.team.sign_in", "ja")).is_visible()
        body = page.locator('[data-testid="stApp"]').inner_text()
        assert "Confidential plan" not in body
        assert page.locator('[data-testid="stDataFrame"]').count() == 0
        assert page.locator('[data-testid="stSidebarNav"]').count() == 0  # not even the page list
        assert _exceptions(page) == 0
    _no_secrets(page, log)


def test_viewer_planner_and_admin(team_server, browser_page) -> None:
    url, log, store_url = team_server
    _seed(store_url)
    page = browser_page
    save = t("ui.scn.save", "ja")

    _sign_in(page, url, "vera@example.org")
    assert page.get_by_text(t("ui.team.signed_in", "ja", user="vera@example.org", role="閲覧者")).is_visible()
    _scenarios(page, url)
    assert page.get_by_role("button", name=save).is_disabled()
    assert _exceptions(page) == 0
    assert page.get_by_role("button", name=t("ui.team.sign_out", "ja")).is_visible()

    page.context.clear_cookies()  # the next user (sign-out goes through the provider's own page)
    _sign_in(page, url, "paul@example.org")
    _scenarios(page, url)
    name_box = page.get_by_role("textbox", name=t("ui.scn.name", "ja"))
    name_box.fill("Paul の案")
    name_box.press("Enter")
    tb._settle(page)
    page.get_by_role("button", name=save).click()
    page.get_by_text(t("ui.scn.saved", "ja", name="Paul の案", version=1)).wait_for(timeout=60_000)
    with ScenarioStore(store_url) as store:
        assert [(h.version, h.author) for h in store.history("Paul の案")] == [(1, "paul@example.org")]
    delete_sure = page.get_by_role("checkbox", name=t("ui.scn.delete_sure", "ja", name="Confidential plan"))
    assert delete_sure.is_disabled()  # a planner may not delete
    assert _exceptions(page) == 0

    page.context.clear_cookies()
    _sign_in(page, url, "ada@example.org")
    _scenarios(page, url)
    assert page.get_by_role("button", name=save).is_enabled()
    delete_sure = page.get_by_role("checkbox", name=t("ui.scn.delete_sure", "ja", name="Confidential plan"))
    assert delete_sure.is_enabled()  # an admin may delete
    assert _exceptions(page) == 0
    _no_secrets(page, log)


def test_an_unreachable_provider_shows_visitors_no_traceback(chromium_path, browser_page, tmp_path_factory) -> None:
    """A provider that does not answer (wrong URL, server down): pressing Sign in must not show a
    traceback or any secret; the visitor stays without data."""
    folder = tmp_path_factory.mktemp("team_down")
    roles = folder / "roles.toml"
    roles.write_text(ROLES, encoding="utf-8")
    port, dead = _free_port(), _free_port()
    secrets_file = folder / "secrets.toml"
    secrets_file.write_text(
        "[auth]\n"
        f'redirect_uri = "http://127.0.0.1:{port}/oauth2callback"\n'
        f'cookie_secret = "{COOKIE_SECRET}"\n'
        'client_id = "ict-strategy"\n'
        f'client_secret = "{CLIENT_SECRET}"\n'
        f'server_metadata_url = "http://127.0.0.1:{dead}/.well-known/openid-configuration"\n',
        encoding="utf-8",
    )
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv(ENV_ROLES, str(roles))
        mp.setattr(tb, "_free_port", lambda: port)
        with tb._streamlit(tmp_path_factory, "--secrets.files", str(secrets_file)) as url:
            page = browser_page
            tb._open(page, url, t("ui.app_title", "ja"))
            page.get_by_role("button", name=t("ui.team.sign_in", "ja")).click()
            page.wait_for_timeout(3000)
            text = page.locator("body").inner_text()
            for leak in ("Traceback", CLIENT_SECRET, COOKIE_SECRET):
                assert leak not in text and leak not in page.content()
            assert page.locator('[data-testid="stDataFrame"]').count() == 0
            log = _newest_log(tmp_path_factory)
            logged = log.read_text(errors="replace")
            assert "auth.server_metadata_url" in logged  # the admin is told which setting to check
            assert CLIENT_SECRET not in logged and COOKIE_SECRET not in logged
