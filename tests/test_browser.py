"""The app in a real headless browser (Debian chromium driven by Playwright).

Starts ``streamlit run app.py`` on a free port, opens it, switches the language, visits the data
page and its tabs, and saves full-page screenshots to ``test-artifacts/``. Fails on any browser
console error, any Streamlit exception box, and any request that leaves the machine (the app must
work offline).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest

from strategy.data.upload_read import MAX_UPLOAD_MB
from ui.texts import t

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parent.parent
ARTIFACTS = REPO / "test-artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}


def _chromium() -> str | None:
    for candidate in (os.environ.get("CHROMIUM_PATH"), "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    return None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_until_up(url: str, process: subprocess.Popen, log: Path, timeout: float = 90.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"streamlit exited with code {process.returncode}:\n{log.read_text(errors='replace')}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.3)
    pytest.fail(f"streamlit did not answer within {timeout:.0f} s:\n{log.read_text(errors='replace')}")


@pytest.fixture(scope="module")
def chromium_path() -> str:
    path = _chromium()
    if path is None:
        pytest.skip("no chromium found at $CHROMIUM_PATH or /usr/bin/chromium (apt-get install chromium)")
    pytest.importorskip("playwright.sync_api", reason="the playwright python package is not installed")
    return path


@contextlib.contextmanager
def _streamlit(tmp_path_factory: pytest.TempPathFactory, *options: str) -> Iterator[str]:
    """``streamlit run app.py`` on a free port with extra ``options``; its whole process group is
    stopped afterwards."""
    port = _free_port()
    log = tmp_path_factory.mktemp("streamlit") / "server.log"
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        "app.py",
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--server.headless",
        "true",
        "--server.fileWatcherType",
        "none",
        "--browser.gatherUsageStats",
        "false",
        *options,
    ]
    with log.open("wb") as out:
        # a throwaway scenario store: the tests never touch the user's ~/.ict_strategy
        env = {**os.environ, "ICT_STRATEGY_DB_URL": f"sqlite:///{log.parent / 'scenarios.sqlite'}"}
        process = subprocess.Popen(
            command, cwd=REPO, stdout=out, stderr=subprocess.STDOUT, start_new_session=True, env=env
        )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(url, process, log)
        yield url
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=15)


@pytest.fixture(scope="module")
def server(chromium_path: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A streamlit server for this module."""
    with _streamlit(tmp_path_factory) as url:
        yield url


@pytest.fixture()
def browser_page(chromium_path: str):
    """A fresh page that records console errors and blocks (and records) any non-local request."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path, headless=True, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1440, "height": 900}, locale="ja-JP")
        page = context.new_page()
        page.console_errors = []  # type: ignore[attr-defined]
        page.external_requests = []  # type: ignore[attr-defined]
        page.on(
            "console",
            lambda message: (
                page.console_errors.append(f"{message.text} ({message.location.get('url', '')})")
                if message.type == "error"
                else None
            ),
        )
        page.on("pageerror", lambda error: page.console_errors.append(str(error)))

        def guard(route) -> None:
            host = urlparse(route.request.url).hostname or ""
            if route.request.url.startswith(("data:", "blob:")) or host in LOCAL_HOSTS:
                route.continue_()
            else:
                page.external_requests.append(route.request.url)
                route.abort()

        page.route("**/*", guard)
        try:
            yield page
        finally:
            context.close()
            browser.close()


def _settle(page, timeout: float = 60_000) -> None:
    """Wait until Streamlit has finished running the script and drawing."""
    page.wait_for_selector('[data-testid="stApp"]', timeout=timeout)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"
        " && document.querySelector('[data-testid=\"stApp\"]')?.dataset?.teststate !== 'running'",
        timeout=timeout,
    )
    page.wait_for_timeout(500)  # let charts and grids paint


def _open(page, url: str, heading: str) -> None:
    """Go to ``url`` and wait until the page shows the heading ``heading`` and the app is idle."""
    page.goto(url, wait_until="domcontentloaded")
    page.get_by_role("heading", name=heading).wait_for(timeout=60_000)
    _settle(page)


def _go_to(page, sidebar, title: str) -> None:
    """Follow the sidebar link to the page ``title`` and wait until its heading shows and the app is idle."""
    sidebar.get_by_role("link", name=title).click()
    page.get_by_role("heading", name=title).wait_for(timeout=60_000)
    _settle(page)


def _is_base_path_probe(error: str) -> bool:
    """Streamlit's frontend, opened on a page URL such as /data, first probes /data/_stcore/health and
    /data/_stcore/host-config to find its base path; the 404s it logs are expected, nothing else is."""
    return "404" in error and error.rstrip(")").endswith(("/_stcore/health", "/_stcore/host-config"))


def _check_clean(page) -> None:
    exceptions = page.locator('[data-testid="stException"]')
    assert exceptions.count() == 0, exceptions.first.inner_text()
    assert page.external_requests == [], f"the app must make no network calls: {page.external_requests}"
    errors = [e for e in page.console_errors if not _is_base_path_probe(e)]
    assert errors == [], errors


def _section_button(page, text: str):
    """A button of the section switch (segmented control) on the data page."""
    return page.locator('[data-testid="stButtonGroup"]').get_by_text(text, exact=True)


CONTENT_HEIGHT_JS = """() => Math.max(
    ...['stMain', 'stAppViewContainer', 'stSidebarContent'].map(
        (id) => document.querySelector('[data-testid="' + id + '"]')?.scrollHeight || 0))"""


def _shot(page, name: str) -> None:
    """Full-page screenshot. Streamlit scrolls inside its main container, not the document, so the
    viewport is stretched to the content's height for the shot and restored afterwards."""
    ARTIFACTS.mkdir(exist_ok=True)
    viewport = page.viewport_size
    height = min(max(int(page.evaluate(CONTENT_HEIGHT_JS)), viewport["height"]), 12_000)
    page.set_viewport_size({"width": viewport["width"], "height": height})
    page.wait_for_timeout(400)
    page.screenshot(path=str(ARTIFACTS / name), full_page=True)
    page.set_viewport_size(viewport)


def test_home_language_switch_and_data_page(server: str, browser_page) -> None:
    page = browser_page
    _open(page, server, t("ui.home.focus_title", "ja"))
    page.locator('[data-testid="stDataFrame"]').first.wait_for()
    _check_clean(page)
    _shot(page, "home_ja.png")

    sidebar = page.locator('[data-testid="stSidebar"]')
    sidebar.get_by_text(t("ui.lang.en", "en"), exact=True).click()
    page.get_by_role("heading", name=t("ui.home.focus_title", "en")).wait_for(timeout=60_000)
    _settle(page)
    assert page.get_by_text(t("ui.home.q1.title", "en"), exact=True).is_visible()
    assert "lang=en" in page.url
    _check_clean(page)
    _shot(page, "home_en.png")

    _go_to(page, sidebar, t("ui.page.data", "en"))
    assert _section_button(page, t("ui.tab.judgement", "en")).is_visible()
    _check_clean(page)
    _shot(page, "data_sources_en.png")

    for key, name in (
        ("ui.tab.coverage", "data_coverage_en.png"),
        ("ui.tab.dtt", "data_dtt_en.png"),
        ("ui.tab.sources", "data_licences_en.png"),
        ("ui.tab.judgement", "data_judgement_en.png"),
        ("ui.tab.upload", "data_upload_en.png"),
    ):
        _section_button(page, t(key, "en")).click()
        _settle(page)
        _check_clean(page)
        _shot(page, name)

    sidebar.get_by_text(t("ui.lang.ja", "ja"), exact=True).click()
    page.get_by_role("heading", name=t("ui.page.data", "ja")).wait_for(timeout=60_000)
    _settle(page)
    _section_button(page, t("ui.tab.coverage", "ja")).click()
    _settle(page)
    _check_clean(page)
    _shot(page, "data_coverage_ja.png")


def test_upload_errors_and_success_in_the_browser(server: str, browser_page) -> None:
    page = browser_page
    _open(page, f"{server}/data", t("ui.page.data", "ja"))
    _section_button(page, t("ui.tab.upload", "ja")).click()
    _settle(page)
    uploads = Path(__file__).parent / "data" / "uploads"
    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(
        str(uploads / "bad_unknown_iso3.csv")
    )
    alert = page.locator('[data-testid="stAlertContentError"]')
    alert.wait_for(timeout=60_000)
    _settle(page)
    text = alert.inner_text()
    assert "bad_unknown_iso3.csv" in text and "3行目" in text and "列「iso3」" in text
    assert "\\" not in text  # markdown escapes do not show
    _check_clean(page)
    _shot(page, "data_upload_error_ja.png")

    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(uploads / "good_utf8.csv"))
    apply = page.get_by_role("button", name=t("ui.upload.apply", "ja"))  # the preview comes first
    page.get_by_text(t("ui.upload.preview_title", "ja")).wait_for(timeout=60_000)
    _settle(page)
    apply.click()
    page.locator('[data-testid="stAlertContentSuccess"]').wait_for(timeout=60_000)
    _settle(page)
    assert page.locator('[data-testid="stAlertContentError"]').count() == 0
    _check_clean(page)
    _shot(page, "data_upload_success_ja.png")


AFTER_CONTENT_JS = """(selector) => {
    const element = document.querySelector(selector);
    return element ? getComputedStyle(element, '::after').content : null;
}"""


def _after_content(page, selector: str, expected: str, tries: int = 50) -> str | None:
    """The CSS ``::after`` content of ``selector``, polled until it is ``expected`` (the style
    element and the widget are drawn in separate steps) or ``tries`` × 200 ms have passed."""
    content = None
    for _ in range(tries):
        content = page.evaluate(AFTER_CONTENT_JS, selector)
        if content == f'"{expected}"':
            break
        page.wait_for_timeout(200)
    return content


def test_upload_over_the_server_cap_is_refused_in_the_users_language(
    chromium_path: str, tmp_path_factory: pytest.TempPathFactory, browser_page
) -> None:
    """Streamlit's browser side refuses a file over ``server.maxUploadSize`` in English; the app
    draws the refusal, and the button's label, in the user's language over it. A server with a
    1 MB cap stands in for the real 200 MB one, so the file can stay small."""
    page = browser_page
    big = tmp_path_factory.mktemp("upload") / "indicators.csv"
    big.write_text("iso3,indicator,year,value,unit\n" + "PHL,gdp,2020,1.0,x\n" * 80_000, encoding="utf-8")
    with _streamlit(tmp_path_factory, "--server.maxUploadSize", "1") as url:
        _open(page, f"{url}/data", t("ui.page.data", "ja"))
        _section_button(page, t("ui.tab.upload", "ja")).click()
        _settle(page)
        page.locator("[data-testid='stFileUploaderDropzone'] button").wait_for(timeout=60_000)
        button = _after_content(page, "[data-testid='stFileUploaderDropzone'] button p", t("ui.upload.button", "ja"))
        assert button == f'"{t("ui.upload.button", "ja")}"'
        page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(big))
        chip = page.locator("[data-testid='stFileChip'][aria-invalid='true']")
        chip.wait_for(timeout=60_000)
        expected = t("ui.upload.too_large", "ja", limit=f"{MAX_UPLOAD_MB} MB", server_limit="1 MB")
        refused = _after_content(page, "[data-testid='stFileChip'][aria-invalid='true']", expected)
        assert refused == f'"{expected}"'
        assert page.locator("[data-testid='stFileUploaderDropzoneInstructions']").is_hidden()
        _check_clean(page)
        _shot(page, "data_upload_too_large_ja.png")


def test_url_language_parameter_opens_english(server: str, browser_page) -> None:
    page = browser_page
    _open(page, f"{server}/data?lang=en", t("ui.page.data", "en"))
    _check_clean(page)


# --- scoring pages: markets, fields, competitors ----------------------------------------------


def _map_paths(page, min_paths: int = 100, timeout: float = 60_000) -> int:
    """Wait until plotly has drawn the choropleth's country shapes (SVG paths); return how many."""
    page.wait_for_function(
        f"() => document.querySelectorAll('.choroplethlayer path.choroplethlocation').length >= {min_paths}",
        timeout=timeout,
    )
    return page.locator(".choroplethlayer path.choroplethlocation").count()


def _sidebar_slider(page, label: str):
    """The range input of the sidebar slider with this label (it takes arrow keys)."""
    return page.locator(f'[data-testid="stSidebar"] input[type="range"][aria-label="{label}"]')


def _first_ranked(page) -> str:
    """ISO3 (third column) of the first row of the ranked market table, from the grid's accessible table."""
    cell = page.locator('[data-testid="stDataFrame"]').first.locator("td").nth(2)
    cell.wait_for(state="attached", timeout=60_000)
    return cell.inner_text().strip()


def test_scoring_pages_walkthrough(server: str, browser_page) -> None:
    page = browser_page
    topojson: list[str] = []
    page.on("request", lambda request: topojson.append(request.url) if request.url.endswith(".json") else None)

    # Markets, English: the world map is drawn from the app's own static files
    _open(page, f"{server}/markets?lang=en", t("ui.page.markets", "en"))
    drawn = _map_paths(page)
    assert drawn >= 150, drawn
    assert any(url.endswith("/app/static/world_50m.json") for url in topojson), topojson
    _check_clean(page)
    first = _first_ranked(page)

    # change a weight: the 'Growth' slider from 1 to 4, by keyboard (at 3 Singapore still leads)
    thumb = _sidebar_slider(page, t("label.pillar.growth", "en"))
    before = thumb.input_value()
    thumb.focus()
    for _ in range(6):
        page.keyboard.press("ArrowRight")
    page.get_by_text(t("ui.sc.modified", "en", name="Balanced (default)")).wait_for(timeout=60_000)
    _settle(page)
    assert thumb.input_value() != before
    _map_paths(page)
    assert _first_ranked(page) != first  # growth weighs more: the ranking changed
    _check_clean(page)
    _shot(page, "markets_en.png")

    sidebar = page.locator('[data-testid="stSidebar"]')

    # why this rank: decomposition chart
    _section_button(page, t("ui.mk.tab.why", "en")).click()
    _settle(page)
    page.locator(".js-plotly-plot .barlayer").first.wait_for(timeout=60_000)
    _check_clean(page)
    _shot(page, "markets_why_en.png")

    # Fields: the fit heatmap for the focus markets; the settings came along
    _go_to(page, sidebar, t("ui.page.fields", "en"))
    page.locator(".js-plotly-plot .heatmaplayer").first.wait_for(timeout=60_000)
    assert page.get_by_text(t("ui.sc.modified", "en", name="Balanced (default)")).is_visible()
    _check_clean(page)
    _shot(page, "fields_en.png")
    _section_button(page, t("ui.fd.tab.profile", "en")).click()
    _settle(page)
    page.get_by_text(t("ui.fd.rationale_judgement", "en"), exact=True).wait_for(timeout=60_000)
    _check_clean(page)
    _shot(page, "fields_profile_en.png")

    # Competitors: threat heatmap, then the evidence behind one country
    _go_to(page, sidebar, t("ui.page.competitors", "en"))
    page.locator(".js-plotly-plot .heatmaplayer").first.wait_for(timeout=60_000)
    _check_clean(page)
    _shot(page, "competitors_en.png")
    _section_button(page, t("ui.cp.tab.evidence", "en")).click()
    _settle(page)
    page.get_by_text("Southeast Asia-Japan Cable 2", exact=False).first.wait_for(timeout=60_000)
    _check_clean(page)
    _shot(page, "competitors_evidence_en.png")
    _section_button(page, t("ui.cp.tab.white_space", "en")).click()
    _settle(page)
    _check_clean(page)
    _shot(page, "competitors_white_space_en.png")

    # back to Markets in Japanese: the map again, with the changed weight still in place
    sidebar.get_by_text(t("ui.lang.ja", "ja"), exact=True).click()
    page.get_by_role("heading", name=t("ui.page.competitors", "ja")).wait_for(timeout=60_000)
    _settle(page)
    _go_to(page, sidebar, t("ui.page.markets", "ja"))
    _section_button(page, t("ui.mk.tab.ranking", "ja")).click()
    _settle(page)
    assert _map_paths(page) >= 150
    assert _sidebar_slider(page, t("label.pillar.growth", "ja")).input_value() != before
    _check_clean(page)
    _shot(page, "markets_ja.png")

    # the method goes into the URL as an id (the same link works in either language)
    combobox = sidebar.locator('.st-key-method input[role="combobox"]')
    combobox.click()
    combobox.fill(t("label.method.topsis", "ja"))
    page.keyboard.press("Enter")
    page.wait_for_url("**method=topsis**", timeout=60_000)
    _settle(page)
    assert _map_paths(page) >= 150
    _check_clean(page)


def test_plan_sensitivity_and_overview_walkthrough(server: str, browser_page) -> None:
    page = browser_page

    # Plan, Japanese: solve with the default rules; the status is said in words, Sankey and roadmap drawn
    _open(page, f"{server}/plan?lang=ja", t("ui.page.plan", "ja"))
    _check_clean(page)
    page.get_by_role("button", name=t("ui.pl.solve", "ja"), exact=True).click()
    optimal = t("ui.pl.status.optimal", "ja", seconds="@").split("@")[0]
    page.get_by_text(optimal, exact=False).first.wait_for(timeout=120_000)
    _settle(page)
    page.locator(".js-plotly-plot .sankey").first.wait_for(timeout=60_000)
    _check_clean(page)
    _shot(page, "plan_ja.png")

    # Overview: the plan's headline is there, with the top markets of the same scenario
    sidebar = page.locator('[data-testid="stSidebar"]')
    sidebar.get_by_role("link", name=t("ui.page.home", "ja")).click()
    page.get_by_text(t("ui.home.now_title", "ja")).wait_for(timeout=60_000)
    _settle(page)
    page.get_by_text(t("ui.home.plan_budget", "ja")).wait_for(timeout=60_000)
    assert page.get_by_text(t("ui.home.plan_none", "ja")).count() == 0
    _check_clean(page)
    _shot(page, "home_ja.png")

    # Sensitivity, English: the acceptability heatmap and the stability intervals are drawn
    sidebar.get_by_text(t("ui.lang.en", "en"), exact=True).click()
    page.get_by_text(t("ui.home.now_title", "en")).wait_for(timeout=60_000)
    _settle(page)
    sidebar.get_by_role("link", name=t("ui.page.sensitivity", "en")).click()
    page.get_by_role("heading", name=t("ui.page.sensitivity", "en")).wait_for(timeout=60_000)
    _settle(page, timeout=120_000)
    page.locator(".js-plotly-plot .heatmaplayer").first.wait_for(timeout=60_000)
    _check_clean(page)
    _shot(page, "sensitivity_en.png")


def test_scenario_save_and_export_walkthrough(server: str, browser_page, tmp_path: Path) -> None:
    page = browser_page
    _open(page, f"{server}/scenarios?lang=en", t("ui.page.scenarios", "en"))
    _check_clean(page)

    # export the market shortlist: a real download, UTF-8 with BOM, Japanese-Excel friendly
    with page.expect_download(timeout=60_000) as info:
        page.get_by_role("button", name=t("ui.scn.csv_markets", "en")).click()
    saved = tmp_path / info.value.suggested_filename
    info.value.save_as(saved)
    assert saved.suffix == ".csv" and saved.read_bytes().startswith(b"\xef\xbb\xbf")
    assert saved.read_bytes().count(b"\n") > 100  # every scored country
    _settle(page)

    # the HTML brief opens offline: no script or link to another host
    with page.expect_download(timeout=60_000) as info:
        page.get_by_role("button", name=t("ui.scn.brief", "en", country="Vietnam")).click()
    brief = tmp_path / "brief.html"
    info.value.save_as(brief)
    text = brief.read_text(encoding="utf-8")
    assert "<svg" in text and "Vietnam" in text
    # citations are links (<a href>); nothing is loaded from elsewhere (scripts, images, styles, fonts)
    loads = r"""<(script|img|iframe|link|source)[^>]+(src|href)\s*=\s*["']?(https?:)?//|url\(\s*["']?(https?:)?//"""
    assert not re.search(loads, text, flags=re.IGNORECASE), "the brief must not load anything from the network"
    _check_clean(page)
    _shot(page, "scenarios_en.png")


def test_scenario_json_download_edit_and_import(server: str, browser_page, tmp_path: Path) -> None:
    """The hand-over a planner does by e-mail: download the scenario JSON, edit it, import it back.
    A broken file is refused naming the file and the field; a good one changes the sidebar."""
    page = browser_page
    _open(page, f"{server}/scenarios?lang=en", t("ui.page.scenarios", "en"))
    with page.expect_download(timeout=60_000) as info:
        page.get_by_role("button", name=t("ui.scn.download_json", "en")).click()
    exported = tmp_path / "exported.json"
    info.value.save_as(exported)
    scenario = json.loads(exported.read_text(encoding="utf-8"))
    assert scenario["market_weights"]["pillars"]["ties"] != 3.0  # the edit below is a real change
    _settle(page)

    uploader = page.locator('[data-testid="stFileUploader"] input[type="file"]')
    broken = json.loads(json.dumps(scenario))
    broken["market_weights"]["pillars"]["ties"] = "heavy"
    bad_file = tmp_path / "broken_scenario.json"
    bad_file.write_text(json.dumps(broken), encoding="utf-8")
    uploader.set_input_files(str(bad_file))
    alert = page.locator('[data-testid="stAlertContentError"]')
    alert.wait_for(timeout=60_000)
    _settle(page)
    text = alert.inner_text()
    assert "broken_scenario.json" in text and "market_weights.pillars.ties" in text, text
    assert page.get_by_role("button", name=t("ui.scn.import_apply", "en")).count() == 0
    _check_clean(page)

    edited = json.loads(json.dumps(scenario))
    edited["name"] = "Ties first"
    edited["market_weights"]["pillars"]["ties"] = 3.0
    good_file = tmp_path / "ties_first.json"
    good_file.write_text(json.dumps(edited, ensure_ascii=False), encoding="utf-8")
    uploader.set_input_files(str(good_file))
    page.locator('[data-testid="stAlertContentSuccess"]').wait_for(timeout=60_000)
    _settle(page)
    assert page.locator('[data-testid="stAlertContentError"]').count() == 0
    page.get_by_role("button", name=t("ui.scn.import_apply", "en")).click()
    page.get_by_text(t("ui.scn.imported_from", "en", name="Ties first")).wait_for(timeout=60_000)
    _settle(page)
    assert float(_sidebar_slider(page, t("label.pillar.ties", "en")).input_value()) == 3.0
    assert page.get_by_label(t("ui.scn.name", "en"), exact=True).input_value() == "Ties first"
    _check_clean(page)
    _shot(page, "scenarios_import_en.png")


def test_asean_comparison_and_country_profile(server: str, browser_page) -> None:
    page = browser_page
    _open(page, f"{server}/asean?lang=ja&add=KOR", t("ui.fc.radar_title", "ja"))
    page.locator(".js-plotly-plot .scatterpolar, .js-plotly-plot .polarlayer").first.wait_for(timeout=60_000)
    assert page.get_by_text("大韓民国").count() > 0  # the added country from the URL is in the comparison
    _check_clean(page)
    _shot(page, "asean_ja.png")

    _open(page, f"{server}/country?iso3=PHL&lang=en", t("ui.cp.pf.headline_title", "en", country="Philippines"))
    _check_clean(page)
    _shot(page, "country_phl_en.png")

    # the profile's brief is the same content as a file: downloaded, it names the country and its data
    with page.expect_download(timeout=60_000) as info:
        page.get_by_role("button", name=t("ui.cp.pf.download", "en", country="Philippines")).click()
    text = Path(info.value.path()).read_text(encoding="utf-8")
    assert "Philippines" in text and "<svg" in text and "US$" in text
    # and as a briefing deck: a PowerPoint file with the country's own slide
    with page.expect_download(timeout=120_000) as info:
        page.get_by_role("button", name=t("ui.deck.country", "en", country="Philippines")).click()
    from pptx import Presentation

    titles = [s.shapes[0].text_frame.text for s in Presentation(info.value.path()).slides]
    assert titles[0] == t("ex.deck.title", "en") and "Philippines" in titles
    _check_clean(page)


def test_plan_robustness_progress_and_cancel_in_the_browser(server: str, browser_page) -> None:
    # the run goes on in a background thread: the progress bar moves (a polling fragment) and Cancel
    # stops it, keeping the samples solved so far
    page = browser_page
    _open(page, f"{server}/sensitivity?lang=en", t("ui.page.sensitivity", "en"))
    samples = page.get_by_role("spinbutton", name=t("ui.rb.n", "en"))
    samples.fill("400")
    samples.press("Enter")
    _settle(page, timeout=120_000)
    page.get_by_role("button", name=t("ui.rb.run", "en")).click()
    page.get_by_role("button", name=t("ui.rbx.cancel", "en")).wait_for(timeout=120_000)
    moving = t("ui.rb.progress", "en", done="@", total=400).split("@")[0]
    page.get_by_text(re.compile(re.escape(moving) + r"[1-9]")).first.wait_for(timeout=180_000)
    page.get_by_role("button", name=t("ui.rbx.cancel", "en")).click()
    cancelled = t("ui.rbx.cancelled", "en", tried="@", requested=400).split("@")[0]
    page.get_by_text(cancelled, exact=False).first.wait_for(timeout=60_000)
    _settle(page)
    assert page.get_by_role("button", name=t("ui.rbx.cancel", "en")).count() == 0
    _check_clean(page)
