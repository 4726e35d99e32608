"""Page speed: how long a page rerun takes after a slider change, measured with Streamlit's AppTest.

Run:  .venv/bin/python bench/bench_pages.py [page ...]   (prints a Markdown table for docs/benchmarks_pages.md)

Each row moves one slider to a value it has not had before (so no cached result can answer) and
times ``AppTest.run()``: the whole script of the page (sidebar controls, cached scoring steps, tables
and figures turned into protobuf), as the server would run it, minus the browser's drawing time.
Target: under 300 ms median.

Pages without sliders that matter (Data & sources) are timed on their ordinary interaction instead:
switching between their sections, the first visit of each section (its tables built and cached)
and later visits.
"""

from __future__ import annotations

import platform
import statistics
import sys
import time
from pathlib import Path

from streamlit.testing.v1 import AppTest

REPO = Path(__file__).resolve().parent.parent
RUNS = 20
TARGET_MS = 300.0

#: Slider positions to step through: pillar weights (0 to 5 by 0.5) and shares (0 to 1 by 0.05).
WEIGHTS = [0.5 * i for i in range(11)]
SHARES = [0.05 * i for i in range(21)]

#: The segmented controls that pick a page's section.
MK, FD, CP = "markets_section", "fields_section", "competitors_section"

#: (page, section key and value or None, slider key, values to step through, what it re-runs)
CASES: tuple[tuple[str, tuple[str, str] | None, str, list[float], str], ...] = (
    ("home", None, "sc_w_growth", WEIGHTS, "overview: top markets, fields, rivals"),
    ("focus", None, "sc_w_size", WEIGHTS, "ASEAN + India: radar, histories, heatmaps"),
    ("country", None, "sc_w_income", WEIGHTS, "country profile: headline, brief sections, tables"),
    ("scenarios", None, "sc_w_digital", WEIGHTS, "scenario from the session, exports on click"),
    ("plan", None, "sc_w_growth", WEIGHTS, "opportunities and the plan form (no re-solve)"),
    ("sensitivity", None, "sc_w_size", WEIGHTS, "SMAA 10,000 samples, tornado, intervals"),
    ("markets", (MK, "ranking"), "sc_w_growth", WEIGHTS, "market score, ranked table and map"),
    ("markets", (MK, "why"), "sc_w_size", WEIGHTS, "market score and the decomposition chart"),
    ("fields", (FD, "heatmap"), "sc_fit_need", SHARES, "field fit and heatmap"),
    ("fields", (FD, "profile"), "sc_opp_position", SHARES[1:], "opportunity table, best markets, fit decomposition"),
    ("competitors", (CP, "threat"), "sc_w_income", WEIGHTS, "market score (country order) and threat heatmap"),
    ("competitors", (CP, "white_space"), "sc_presence_default", SHARES, "rival threat (not cached) and white space"),
    ("competitors", (CP, "timing"), "sc_w_income", WEIGHTS, "timeline, first movers (cached), window flags"),
    ("competitors", (CP, "timing"), "sc_momentum_weight", SHARES[1:], "rival threat with momentum, window flags"),
)

#: A second slider moved once per pass through the values, so every rerun is a new combination.
PARTNER: dict[str, tuple[str, tuple[float, ...]]] = {
    "sc_w_growth": ("sc_w_digital", (1.5, 2.0, 2.5)),
    "sc_w_size": ("sc_w_digital", (1.5, 2.0, 2.5)),
    "sc_w_income": ("sc_w_digital", (1.5, 2.0, 2.5)),
    "sc_w_digital": ("sc_w_stability", (1.5, 2.0, 2.5)),
    "sc_fit_need": ("sc_fit_strength", (0.35, 0.4, 0.5)),
    "sc_opp_position": ("sc_opp_market", (0.4, 0.5, 0.6)),
    "sc_presence_default": ("sc_white_space", (0.35, 0.4, 0.45)),
    "sc_momentum_weight": ("sc_presence_default", (0.45, 0.4, 0.35)),
}


def open_page(page: str) -> AppTest:
    """The app in Japanese, switched to ``page`` (first run done)."""
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=120)
    at.query_params["lang"] = "ja"
    at.run()
    at.switch_page(f"ui/pages/{page}.py").run()
    return at


def measure(page: str, section: tuple[str, str] | None, key: str, values: list[float]) -> list[float]:
    at = open_page(page)
    if section is not None:
        at.segmented_control(key=section[0]).set_value(section[1]).run()
    at.run()  # warm: everything that does not depend on the slider is cached now
    samples = []
    current = at.slider(key=key).value
    sequence = [v for v in values if abs(v - current) > 1e-9]
    partner = PARTNER[key]
    for i in range(RUNS):
        # a (slider, partner) pair never seen before, so no cached score can answer
        at.slider(key=key).set_value(round(sequence[i % len(sequence)], 6))
        at.slider(key=partner[0]).set_value(partner[1][i // len(sequence)])
        start = time.perf_counter()
        at.run()
        samples.append((time.perf_counter() - start) * 1000)
        if at.exception:
            raise RuntimeError(at.exception[0].value)
    return samples


#: (page, segmented-control key, its values, what a switch re-runs)
SECTION_CASES: tuple[tuple[str, str, tuple[str, ...], str], ...] = (
    (
        "data_sources",
        "data_section",
        ("catalog", "coverage", "sources", "judgement", "dtt", "memoranda", "upload"),
        "Data & sources: catalogue, coverage, sources, judgement tables, digital TV, memoranda, upload",
    ),
)
SECTION_PASSES = 4


def measure_sections(page: str, key: str, values: tuple[str, ...]) -> tuple[dict[str, float], list[float]]:
    """Milliseconds of the first switch to each section, and of every later switch (3 more passes)."""
    at = open_page(page)
    first: dict[str, float] = {}
    again: list[float] = []
    for n in range(SECTION_PASSES):
        for value in values[1:] + values[:1]:  # the page opens on values[0]: start with a switch away
            at.segmented_control(key=key).set_value(value)
            start = time.perf_counter()
            at.run()
            ms = (time.perf_counter() - start) * 1000
            if at.exception:
                raise RuntimeError(at.exception[0].value)
            if n == 0 and value not in first:
                first[value] = ms
            else:
                again.append(ms)
    return first, again


def main() -> None:
    print(
        f"Machine: {platform.processor() or platform.machine()}, Python {platform.python_version()}; {RUNS} reruns each."
    )
    print()
    print("| page | view | slider changed | re-runs | median ms | p90 ms | max ms |")
    print("|---|---|---|---|---:|---:|---:|")
    worst = 0.0
    only = set(sys.argv[1:])  # page names to measure (default: all)
    for page, section, key, values, note in CASES:
        if only and page not in only:
            continue
        samples = sorted(measure(page, section, key, values))
        median = statistics.median(samples)
        worst = max(worst, median)
        p90 = samples[int(0.9 * (len(samples) - 1))]
        view = section[1] if section else "-"
        print(f"| {page} | {view} | `{key}` | {note} | {median:.0f} | {p90:.0f} | {samples[-1]:.0f} |")
    for page, key, values, note in SECTION_CASES:
        if only and page not in only:
            continue
        first, again = measure_sections(page, key, values)
        again.sort()
        slowest = max(first, key=first.get)
        worst = max(worst, statistics.median(again))
        print(
            f"| {page} | section switch | `{key}` | {note} | {statistics.median(again):.0f} | "
            f"{again[int(0.9 * (len(again) - 1))]:.0f} | {again[-1]:.0f} |"
        )
        print(
            f"| {page} | first visit of each section | `{key}` | (tables built and cached) | "
            f"{statistics.median(first.values()):.0f} | – | {first[slowest]:.0f} ({slowest}) |"
        )
    print()
    verdict = "met" if worst < TARGET_MS else "NOT met"
    print(f"Slowest median {worst:.0f} ms; target < {TARGET_MS:.0f} ms: {verdict}.")


if __name__ == "__main__":
    main()
