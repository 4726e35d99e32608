"""Peak memory and time of previewing and applying an indicator upload at the limits.

``python bench/upload_limits.py long``: a long CSV of MAX_ROWS rows; ``wide``: a wide CSV (one
column per indicator) of about MAX_CELLS cells. Run each in a fresh process, so ``ru_maxrss`` is
that run's peak (the figure includes the bundled dataset, printed first).
"""

from __future__ import annotations

import resource
import sys
import time

from strategy.data.dataset import load_dataset
from strategy.data.upload import preview_upload
from strategy.data.upload_read import MAX_CELLS, MAX_ROWS


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(kind: str) -> None:
    ds = load_dataset()
    iso, cat = list(ds.countries.index), ds.catalog
    fits = [
        i
        for i in cat.index
        if not cat.at[i, "min_value"] > 50 and not cat.at[i, "max_value"] < 50.5 and i not in ds.static_indicators
    ]
    years = range(1960, 2101)
    if kind == "long":
        lines = ["iso3,indicator,year,value,unit"]
        lines += [f"{c},{i},{y},50.5,{cat.at[i, 'unit']}" for i in fits[:4] for y in years for c in iso][:MAX_ROWS]
    else:
        n = MAX_CELLS // (len(iso) * len(years)) - 2
        lines = ["iso3,year," + ",".join(fits[:n])]
        lines += [f"{c},{y}," + ",".join(["50.5"] * n) for y in years for c in iso]
    content = ("\n".join(lines) + "\n").encode()
    base = rss_mb()
    start = time.perf_counter()
    preview = preview_upload(ds, "limit.csv", content)
    took = time.perf_counter() - start
    print(f"{kind}: {len(content) / 1e6:.1f} MB, {len(lines) - 1} rows, {preview.summary.get('rows')} values")
    print(f"preview {took:.2f} s, {len(preview.issues)} issues")
    if preview.ok:
        start = time.perf_counter()
        ds.with_upload(preview)
        print(f"apply {time.perf_counter() - start:.2f} s")
    print(f"peak RSS: {base:.0f} MB with the dataset loaded, {rss_mb():.0f} MB after preview and apply")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "long")
