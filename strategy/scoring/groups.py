"""Market groups: cluster countries by economic level, political system and size (seed 002, どこで戦うか)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

from strategy.data.dataset import Dataset

#: The seed's three dimensions: economic level, political system, population size.
DEFAULT_GROUP_INDICATORS: tuple[str, ...] = ("gni_pc_ppp", "wgi_voice_accountability", "population")
LEVEL_CUTS = (-0.5, 0.5)  # z-score bounds between 'low', 'mid' and 'high'


@dataclass(frozen=True)
class MarketGroups:
    """Cluster label per country, silhouette, and each group's profile.

    ``profile`` is groups × indicators of the mean z-score; ``levels`` the same as 'low' / 'mid' /
    'high' so that the UI can name a group ('high income, open, large') in either language.
    ``left_out`` lists countries without every grouping indicator.
    """

    labels: pd.Series
    silhouette: float
    profile: pd.DataFrame
    levels: pd.DataFrame
    sizes: pd.Series
    left_out: pd.Index


def market_groups(
    dataset: Dataset,
    countries: pd.Index,
    k: int = 4,
    indicators: tuple[str, ...] = DEFAULT_GROUP_INDICATORS,
    method: Literal["kmeans", "hierarchical"] = "kmeans",
    reference_year: int | None = None,
    max_age: int | None = None,
    seed: int = 0,
) -> MarketGroups:
    """Cluster ``countries`` on standardised (log for sizes) indicators into ``k`` groups.

    Values count within ``max_age`` years (None: each indicator's catalogue window), as in the scoring.
    """
    latest = dataset.latest_values(reference_year, dataset.windows(max_age))
    latest = latest[latest["iso3"].isin(countries) & latest["indicator"].isin(indicators)]
    table = latest.pivot(index="iso3", columns="indicator", values="value").reindex(
        index=countries, columns=list(indicators)
    )
    transforms = dataset.catalog.loc[list(indicators), "transform"]
    for indicator, kind in transforms.items():
        if kind in ("log", "log1p"):
            table[indicator] = np.log1p(table[indicator].clip(lower=0))
    complete = table.dropna()
    if len(complete) <= k:
        raise ValueError(f"only {len(complete)} countries have every grouping indicator; choose fewer groups")
    z = (complete - complete.mean()) / complete.std(ddof=0).replace(0, 1)
    # imported here: scikit-learn takes about 0.7 s to import, and only the market-groups view needs it
    from sklearn.cluster import AgglomerativeClustering, KMeans
    from sklearn.metrics import silhouette_score

    if method == "kmeans":
        model = KMeans(n_clusters=k, n_init=10, random_state=seed)
    else:
        model = AgglomerativeClustering(n_clusters=k, linkage="ward")
    raw_labels = model.fit_predict(z.to_numpy())
    # Number groups by descending economic level so labels are stable across runs and methods.
    first = z.groupby(raw_labels)[indicators[0]].mean().sort_values(ascending=False)
    relabel = {old: new for new, old in enumerate(first.index)}
    labels = pd.Series([relabel[v] for v in raw_labels], index=z.index, name="group")
    profile = z.groupby(labels).mean()
    levels = profile.apply(
        lambda col: pd.cut(col, [-np.inf, *LEVEL_CUTS, np.inf], labels=["low", "mid", "high"]).astype(str)
    )
    return MarketGroups(
        labels=labels,
        silhouette=float(silhouette_score(z.to_numpy(), labels.to_numpy())),
        profile=profile,
        levels=levels,
        sizes=labels.value_counts().sort_index(),
        left_out=countries.difference(z.index),
    )
