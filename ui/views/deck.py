"""The briefing deck's download: built when its button is pressed, never on a rerun.

Not a page. The deck itself is :func:`strategy.export.deck.plan_deck`; python-pptx and
matplotlib are imported only when a deck is made, so pages do not pay for them on start-up.
"""

from __future__ import annotations

from collections.abc import Sequence

from strategy.data.dataset import Dataset
from strategy.i18n import Lang
from strategy.scenario import Evaluation

PPTX_MIME = "application/vnd.openxmlformats-officedocument.presentationml.presentation"


def deck_bytes(
    ds: Dataset, evaluation: Evaluation, language: Lang, plan: object, countries: Sequence[str] | None
) -> bytes:
    """The deck of ``plan`` (None: without a plan) with slides for ``countries`` (None: the plan's)."""
    from strategy.export.deck import plan_deck

    return plan_deck(ds, evaluation, plan, language, countries=list(countries) if countries is not None else None)
