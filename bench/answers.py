"""What the default scenario answers, in the figures issue 12 tracks (before/after).

Not a timing: it prints the distributions a reviewer reads to judge the default answers —
field-fit and opportunity spread, how much of the main rivals' presence is measured, how many
ranked countries have a measured tie with Japan, the focus markets among the top 50 pairs, and
the ten top pairs. Run ``PYTHONPATH=. python bench/answers.py [--json out.json]``.
"""

from __future__ import annotations

import argparse
import json

import numpy as np

from strategy.data.dataset import load_dataset
from strategy.scenario import Scenario, evaluate


def answers() -> dict:
    dataset = load_dataset()
    scenario = Scenario.default(dataset)
    ev = evaluate(dataset, scenario)
    table = ev.opportunity
    fit = table["fit"].to_numpy(dtype=float)
    opp = table["opportunity"].to_numpy(dtype=float)
    top100 = table.head(100)
    top50 = table.head(50)
    ties_cols = [i for i in ev.criteria.available.columns if dataset.catalog.at[i, "pillar"] == "ties"]
    ranked = table["iso3"].astype(str).unique()
    ties_any = ev.criteria.available.loc[ranked, ties_cols].any(axis=1) if ties_cols else None
    focus = set(dataset.focus)
    quant = lambda a: {q: round(float(np.nanquantile(a, q)), 3) for q in (0.1, 0.5, 0.9)}  # noqa: E731
    return {
        "pairs": len(table),
        "fit": quant(fit),
        "opportunity": quant(opp),
        "main_rival_measured_top100": int(top100["main_measured"].astype(bool).sum()),
        "main_rival_basis_top100": (
            top100["main_basis"].value_counts().to_dict() if "main_basis" in top100 else "measured/assumed only"
        ),
        "ties_measured_countries": int(ties_any.sum()) if ties_any is not None else 0,
        "ranked_countries": len(ranked),
        "focus_in_top50": sorted(set(top50["iso3"].astype(str)) & focus),
        "top10": [
            f"{r.iso3} × {r.field_id}: {r.opportunity:.3f} (rival {r.main_rival or '-'})"
            for r in table.head(10).itertuples()
        ],
        "top_markets": list(dict.fromkeys(table["iso3"].astype(str)).keys())[:10],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args()
    result = answers()
    text = json.dumps(result, ensure_ascii=False, indent=2)
    print(text)
    if args.json:
        with open(args.json, "w", encoding="utf-8") as fh:
            fh.write(text + "\n")


if __name__ == "__main__":
    main()
