"""Valuers that misbehave, for the runner's tests (importable by worker processes by module name)."""

from __future__ import annotations

import os
from dataclasses import dataclass

import numpy as np

from strategy.analysis.robustness import Rescore
from strategy.optimize import Entries

#: A first pillar weight no sampler draws: the row that carries it is the one that misbehaves.
MARKER = 0.123456789


@dataclass(frozen=True)
class DyingRescore(Rescore):
    """Ends its worker process (as an out-of-memory kill would) on the row whose first weight is MARKER."""

    def __call__(self, pillar_weights: np.ndarray) -> Entries:
        if abs(pillar_weights[0] - MARKER) < 1e-12:
            os._exit(17)
        return super().__call__(pillar_weights)


@dataclass(frozen=True)
class CostlyRescore(Rescore):
    """Doubles every cost on the MARKER row: that sample is not the model's (a mismatch)."""

    def __call__(self, pillar_weights: np.ndarray) -> Entries:
        entries = super().__call__(pillar_weights)
        if abs(pillar_weights[0] - MARKER) < 1e-12:
            return Entries(entries.table.assign(cost=entries.table["cost"] * 2))
        return entries
