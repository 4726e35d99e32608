"""Shared drawing helpers for the pages: tables, charts, maps, country panels.

Pages write ``from ui import views`` and ``views.Table``; the modules behind it may change:
``tables`` (the Table every page draws), ``charts`` (colours, fonts), ``maps`` (offline world maps),
``data`` and ``judgements`` (Home and Data pages), ``markets``, ``fields``, ``rivals`` (the scoring
pages), ``country``, ``history``, ``profile`` and ``country_profile`` (the comparison and Country profile
pages), ``scenarios`` (the Scenarios page), ``widgets`` (pickers several pages share).
Name look-ups are in :mod:`ui.labels`.
"""

from __future__ import annotations

from strategy.i18n import format_value
from ui.labels import country_names, field_names, indicator_names, label, rival_label
from ui.views.charts import FONT, OKABE_ITO
from ui.views.data import (
    added_summary,
    added_table,
    catalogue_table,
    coverage_figure,
    focus_table,
    scope_countries,
    scope_label,
    scope_options,
    sources_table,
    summary,
    template_xlsx,
)
from ui.views.fields import HEATMAP_MEASURES, best_markets, field_drivers_table, fit_drivers, fit_heatmap
from ui.views.freshness import freshness_table
from ui.views.judgements import dtt_table, judgement_tables, memoranda_table
from ui.views.maps import groups_map, map_config, score_map
from ui.views.markets import (
    decomposition,
    excluded_summary,
    excluded_table,
    group_members,
    groups_table,
    indicator_weight_frame,
    market_table,
    show_decomposition,
    weights_table,
)
from ui.views.rivals import country_threat_table, evidence_items, head_to_head, threat_heatmap, white_space_table
from ui.views.tables import Table, ordinal

__all__ = [
    "FONT",
    "OKABE_ITO",
    "Table",
    "added_summary",
    "added_table",
    "best_markets",
    "catalogue_table",
    "country_names",
    "country_threat_table",
    "coverage_figure",
    "decomposition",
    "show_decomposition",
    "dtt_table",
    "evidence_items",
    "excluded_summary",
    "excluded_table",
    "field_drivers_table",
    "field_names",
    "fit_drivers",
    "fit_heatmap",
    "HEATMAP_MEASURES",
    "focus_table",
    "format_value",
    "freshness_table",
    "group_members",
    "groups_map",
    "groups_table",
    "head_to_head",
    "indicator_names",
    "indicator_weight_frame",
    "judgement_tables",
    "label",
    "map_config",
    "market_table",
    "memoranda_table",
    "ordinal",
    "rival_label",
    "scope_countries",
    "scope_label",
    "scope_options",
    "score_map",
    "sources_table",
    "summary",
    "template_xlsx",
    "threat_heatmap",
    "weights_table",
    "white_space_table",
]
