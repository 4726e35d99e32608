"""Cold start: from launching ``streamlit run app.py`` to the first page drawn in a real browser.

Run:  .venv/bin/python bench/bench_cold_start.py [runs]   (prints a Markdown table)

Each run starts a fresh server process (nothing cached: data loaded and validated, the overview
scored), opens headless Debian chromium with Playwright and stops the clock when the Overview's
title and its top-markets box are on screen. Reported: time to the server's health endpoint
answering, and time to the first rendered page. Target: under 5 s to the first page.
"""

from __future__ import annotations

import os
import platform
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
TARGET_S = 5.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_healthy(port: int, deadline: float) -> None:
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=1) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.05)
    raise TimeoutError("server did not start")


def one_run(browser) -> tuple[float, float]:
    port = free_port()
    t0 = time.monotonic()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(REPO / "app.py"),
            "--server.headless",
            "true",
            "--server.port",
            str(port),
            "--browser.gatherUsageStats",
            "false",
        ],
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_healthy(port, t0 + 60)
        healthy = time.monotonic() - t0
        page = browser.new_page()
        page.goto(f"http://127.0.0.1:{port}/?lang=ja")
        page.get_by_text("有望市場（市場スコア上位）").wait_for(timeout=60_000)
        first = time.monotonic() - t0
        page.close()
        return healthy, first
    finally:
        server.terminate()
        server.wait(timeout=30)


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        results = [one_run(browser) for _ in range(runs)]
        browser.close()
    healthy = [h for h, _ in results]
    first = [f for _, f in results]
    print(
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
        f"{time.strftime('%Y-%m-%d')}; {runs} cold starts\n"
    )
    print("| step | median (s) | max (s) | target |")
    print("|---|---:|---:|---|")
    print(f"| server answers /_stcore/health | {statistics.median(healthy):.2f} | {max(healthy):.2f} | |")
    print(
        f"| Overview drawn in chromium (top markets visible) | {statistics.median(first):.2f} | {max(first):.2f} "
        f"| < {TARGET_S:.0f} s |"
    )


if __name__ == "__main__":
    main()
