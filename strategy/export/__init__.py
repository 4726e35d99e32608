"""Hand the analysis over: ranked shortlists as CSV and Excel, and a printable country brief in HTML.

- :mod:`strategy.export.safety`: formula-safe cells (:func:`neutralise`), safe file and sheet names.
- :mod:`strategy.export.tables`: the tables, column headers in the chosen language (``ja`` / ``en``).
- :mod:`strategy.export.workbook`: CSV with a byte order mark and the Excel workbook.
- :mod:`strategy.export.brief`: the country brief's content (:func:`country_brief_content`, which
  the app's country profile page draws as well) and its self-contained HTML page
  (:mod:`strategy.export.render` draws the HTML pieces and SVG charts).

Display names of ids (:func:`country_names`, ...) come from :mod:`strategy.labels`.
"""

from strategy.export.brief import (
    CountryBrief,
    ExportError,
    brief_html,
    country_brief_content,
    country_brief_html,
    resolve_country,
)
from strategy.export.render import svg_bars
from strategy.export.safety import FORMULA_PREFIXES, export_filename, neutralise, safe_filename, safe_sheet_name
from strategy.export.tables import (
    field_judgements,
    localise,
    market_shortlist,
    pair_shortlist,
    plan_table,
    rival_judgements,
    score_decomposition,
    sensitivity_table,
    settings_table,
    sources_table,
)
from strategy.export.workbook import safe_frame, to_csv_bytes, workbook_bytes, workbook_from_frames, workbook_sheets
from strategy.labels import country_names, field_names, indicator_names, pillar_label, rival_names

__all__ = [
    "FORMULA_PREFIXES",
    "neutralise",
    "safe_filename",
    "safe_sheet_name",
    "export_filename",
    "country_names",
    "field_names",
    "rival_names",
    "indicator_names",
    "pillar_label",
    "localise",
    "market_shortlist",
    "pair_shortlist",
    "score_decomposition",
    "settings_table",
    "plan_table",
    "sources_table",
    "field_judgements",
    "rival_judgements",
    "sensitivity_table",
    "safe_frame",
    "to_csv_bytes",
    "workbook_from_frames",
    "workbook_sheets",
    "workbook_bytes",
    "ExportError",
    "resolve_country",
    "svg_bars",
    "CountryBrief",
    "country_brief_content",
    "country_brief_html",
    "brief_html",
]
