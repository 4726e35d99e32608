"""Load the curated data into one immutable, validated :class:`Dataset`.

The app and the tests read only ``data/countries/``. Loading validates every table (columns, ids,
numbers, references between tables) and raises :class:`DataValidationError` listing every problem,
so a broken edit of a judgement table is reported by file, row and column instead of failing later.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
import pandas as pd

from strategy.data.build_donors import COLUMNS as DONOR_COLUMNS
from strategy.data.catalog_spec import PILLARS
from strategy.data.model_tables import AID_COLUMNS, GATE_COLUMNS, typed_model_tables, validate_model_tables
from strategy.data.paths import DATA_DIR
from strategy.data.plan_tables import PACKAGE_COLUMNS, typed_plan_tables, validate_plan_tables
from strategy.data.plan_tables import RULE_COLUMNS as FINANCING_RULE_COLUMNS
from strategy.data.timing_tables import RULE_COLUMNS as MOMENTUM_RULE_COLUMNS
from strategy.data.timing_tables import TIMELINE_COLUMNS, typed_timing_tables, validate_timing_tables
from strategy.data.upload import UploadOptions, UploadPreview, preview_upload
from strategy.data.validation import (
    DataValidationError,
    ValidationIssue,
    check_columns,
    check_in,
    check_numeric,
    check_required_text,
    check_unique,
    check_windows,
    check_years,
    parse_windows,
    read_table,
    validate_indicator_values,
)

FILES: dict[str, str] = {
    "countries": "countries.csv",
    "indicators": "indicators.csv",
    "catalog": "indicator_catalog.csv",
    "sources": "sources.csv",
    "fields": "fields.csv",
    "field_drivers": "field_drivers.csv",
    "rivals": "rivals.csv",
    "rival_strength": "rival_strength.csv",
    "rival_presence": "rival_presence.csv",
    "dtt_standards": "dtt_standards.csv",
    "memoranda": "japan_ict_memoranda.csv",
    "donor_presence": "donor_presence.csv",
    "cable_supplier_origin": "cable_supplier_origin.csv",
    "weight_presets": "weight_presets.csv",
    "field_gates": "field_gates.csv",
    "aid_financed_fields": "aid_financed_fields.csv",
    "ict_packages": "ict_packages.csv",
    "financing_rules": "financing_rules.csv",
    "rival_timeline": "rival_timeline.csv",
    "momentum_rules": "momentum_rules.csv",
}

#: Tables that hold judgements (editable, with rationale), as opposed to measured data.
JUDGEMENT_TABLES: tuple[str, ...] = (
    "fields",
    "field_drivers",
    "rival_strength",
    "cable_supplier_origin",
    "weight_presets",
    "field_gates",
    "aid_financed_fields",
    "ict_packages",
    "financing_rules",
    "momentum_rules",
)
#: Columns of ``fields`` that are judgements; the UI labels them so.
FIELD_JUDGEMENT_COLUMNS: tuple[str, ...] = ("japan_strength", "cost", "staff")

_REQUIRED: dict[str, tuple[str, ...]] = {
    "countries": ("iso3", "name_en", "name_ja", "un_region", "income_group", "is_sovereign", "focus"),
    "indicators": ("iso3", "indicator", "year", "value", "source_id"),
    "catalog": (
        "indicator",
        "name_en",
        "name_ja",
        "unit",
        "direction",
        "pillar",
        "theme",
        "transform",
        "min_value",
        "max_value",
        "source_id",
        "licence",
        "description",
        "max_age",
    ),
    "sources": ("source_id", "publisher", "title", "licence"),
    "fields": (
        "field_id",
        "name_en",
        "name_ja",
        "phase",
        "prerequisite_fields",
        "japan_strength",
        "japan_strength_rationale_en",
        "japan_strength_rationale_ja",
        "japan_strength_reference",
        "cost",
        "staff",
        "cost_staff_rationale",
    ),
    "field_drivers": ("field_id", "indicator", "role", "direction", "weight", "rationale"),
    "rivals": ("rival_id", "name_en", "name_ja", "is_home"),
    "rival_strength": ("rival_id", "field_id", "strength", "rationale", "reference"),
    "rival_presence": ("iso3", "rival_id", "field_id", "evidence", "value", "unit", "year", "source_id", "detail"),
    "dtt_standards": ("iso3", "standard", "year_adopted", "source", "quote"),
    "memoranda": ("iso3", "date", "source_id", "quote"),
    "donor_presence": DONOR_COLUMNS,
    "cable_supplier_origin": ("supplier", "rival_id", "rationale", "reference"),
    "weight_presets": ("preset_id", "name_en", "name_ja", "pillar", "weight", "rationale_en", "rationale_ja"),
    "field_gates": GATE_COLUMNS,
    "aid_financed_fields": AID_COLUMNS,
    "ict_packages": PACKAGE_COLUMNS,
    "financing_rules": FINANCING_RULE_COLUMNS,
    "rival_timeline": TIMELINE_COLUMNS,
    "momentum_rules": MOMENTUM_RULE_COLUMNS,
}


T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Dataset:
    """Everything the scoring needs, validated. Treat every frame as read-only.

    Attributes are indexed by their id where they have one: ``countries`` by iso3, ``catalog`` by
    indicator, ``sources`` by source_id, ``fields`` by field_id, ``rivals`` by rival_id.
    ``indicators`` is long: iso3, indicator, year, value, source_id (all years from 2000, except
    Japan's net aid, which keeps Brunei's and Singapore's last flow in 1995 so its age shows).
    ``donor_presence`` has one row per aid recipient and donor group (JPN, KOR, USA, EUR, AUS): the
    group's share of eight DAC donors' absolute net bilateral aid over the latest five years, and
    ``relative`` = that share over the largest group's (1.0 for the largest donor); a country that
    receives no DAC aid has no rows. ``rival_id`` is blank for Australia (not a rival).
    ``rival_timeline`` is long: iso3, rival_id, field_id (blank for donor aid), evidence, year,
    value, unit, amount_usd, source_id, detail, one row per measured year
    (:mod:`strategy.data.build_timeline`); ``momentum_rules`` (a judgement) is indexed by evidence.
    ``version`` is a hash of the files read (plus any upload), to key caches and scenarios.
    """

    countries: pd.DataFrame
    indicators: pd.DataFrame
    catalog: pd.DataFrame
    sources: pd.DataFrame
    fields: pd.DataFrame
    field_drivers: pd.DataFrame
    rivals: pd.DataFrame
    rival_strength: pd.DataFrame
    rival_presence: pd.DataFrame
    dtt_standards: pd.DataFrame
    memoranda: pd.DataFrame
    donor_presence: pd.DataFrame
    cable_supplier_origin: pd.DataFrame
    weight_presets: pd.DataFrame
    field_gates: pd.DataFrame
    aid_financed_fields: pd.DataFrame
    ict_packages: pd.DataFrame
    financing_rules: pd.DataFrame
    rival_timeline: pd.DataFrame
    momentum_rules: pd.DataFrame
    version: str
    #: values derived from the frames alone (names, the latest year), computed once per dataset:
    #: pages ask for them hundreds of times a rerun. Not an init field, so ``replace`` (an upload)
    #: starts a new one.
    _derived: dict[Hashable, Any] = field(default_factory=dict, init=False, repr=False, compare=False)

    def derived(self, key: Hashable, compute: Callable[[], T], *, for_: Hashable = None) -> T:
        """``compute()``, once per dataset and ``key``; the frames never change, so neither does it.
        With ``for_`` (e.g. the countries it covers) only the value for the latest ``for_`` is
        kept, so a value per universe does not pile up. Callers must not modify what it returns."""
        kept = self._derived.get(key)
        if kept is not None and kept[0] == for_:
            return kept[1]
        value = compute()
        self._derived[key] = (for_, value)
        return value

    @property
    def static_indicators(self) -> pd.Index:
        """Indicators of the catalogue's 'geography' theme: they describe the place, not a year
        (a coastline as of the Factbook's final edition), so no reference year makes them stale."""
        return self.derived(
            "static_indicators", lambda: self.catalog.index[self.catalog["theme"].fillna("").eq("geography")]
        )

    @property
    def latest_year(self) -> int:
        """The latest year of the time series: the default reference year.

        Indicators of the catalogue's 'geography' theme (a coastline, as of the Factbook's final
        edition) describe the place, not a year, so they do not date the data.
        """
        return self.derived("latest_year", self._latest_year)

    def _latest_year(self) -> int:
        years = self.indicators["year"][~self.indicators["indicator"].isin(self.static_indicators)]
        return int((years if len(years) else self.indicators["year"]).max())

    @property
    def focus(self) -> pd.Index:
        """ISO3 codes of the focus markets (ASEAN-10 + India)."""
        return self.derived("focus", lambda: self.countries.index[self.countries["focus"] == 1])

    def windows(self, max_age: int | None = None) -> pd.Series:
        """Freshness window in years per catalogue indicator (NaN = no limit).

        ``max_age=None`` gives each indicator its catalogue window (``max_age`` column); an int
        gives that one window to every indicator, as the single global window did before.
        """
        if max_age is None:
            return self.catalog["max_age"].astype(float).rename("max_age")
        return pd.Series(float(max_age), index=self.catalog.index, name="max_age")

    def latest_values(
        self,
        reference_year: int | None = None,
        max_age: int | Mapping[str, float | None] | pd.Series | None = None,
    ) -> pd.DataFrame:
        """Latest value per (iso3, indicator) at or before ``reference_year``.

        Returns a long frame iso3, indicator, year, value, source_id, age (reference year minus
        the value's year). ``max_age`` leaves out values older than a window: one number of years
        for every indicator, or a window per indicator (a mapping or Series by indicator id, as
        :meth:`windows` gives; None/NaN = no limit, as for an indicator the mapping does not list).
        ``None`` keeps every latest value, however old.
        """
        data = self.indicators
        ref = self.latest_year if reference_year is None else int(reference_year)
        data = data[data["year"] <= ref]
        latest = data.loc[data.groupby(["iso3", "indicator"], sort=False)["year"].idxmax()].copy()
        latest["age"] = ref - latest["year"]
        if max_age is not None:
            if isinstance(max_age, int | float | np.integer | np.floating):
                latest = latest[latest["age"] <= max_age]
            else:
                windows = pd.Series(max_age, dtype=float)
                window = latest["indicator"].astype(str).map(windows).to_numpy(dtype=float)
                latest = latest[np.isnan(window) | (latest["age"].to_numpy() <= window)]
        return latest.reset_index(drop=True)

    def indicator_summary(self) -> pd.DataFrame:
        """Per indicator, from the data itself (so it stays right after an upload): countries with a
        value, first and last year, and whether the indicator came from an upload."""
        data = self.indicators
        grouped = data.groupby("indicator", observed=True)
        out = pd.DataFrame(
            {
                "n_countries": grouped["iso3"].nunique(),
                "year_min": grouped["year"].min(),
                "year_max": grouped["year"].max(),
            }
        ).reindex(self.catalog.index)
        out["uploaded"] = self.catalog["source_id"].eq("upload")
        return out

    def uploaded_rows(self) -> pd.DataFrame:
        """What uploads added: rows, countries and years per indicator, and whether it is new."""
        rows = self.indicators[self.indicators["source_id"] == "upload"]
        grouped = rows.groupby("indicator", observed=True)
        out = pd.DataFrame(
            {
                "rows": grouped.size(),
                "countries": grouped["iso3"].nunique(),
                "year_min": grouped["year"].min(),
                "year_max": grouped["year"].max(),
            }
        )
        out["new_indicator"] = self.catalog["source_id"].reindex(out.index).eq("upload")
        return out

    def coverage(self, reference_year: int | None = None, countries: pd.Index | None = None) -> pd.DataFrame:
        """Age in years of each country's latest value per indicator (NaN = no value at all).

        Rows are countries (iso3), columns indicators in catalogue order.
        """
        latest = self.latest_values(reference_year)
        table = latest.pivot(index="iso3", columns="indicator", values="age")
        index = self.countries.index if countries is None else countries
        return table.reindex(index=index, columns=self.catalog.index)

    def with_indicator_upload(self, name: str, content: bytes, options: UploadOptions | None = None) -> Dataset:
        """Return a new dataset with the indicator rows of an uploaded CSV or Excel file added.

        Any shape :mod:`strategy.data.upload` recognises (long, wide by indicator, wide by year);
        new indicators are defined in a second sheet ``catalog`` (Excel) with the catalogue columns.
        Raises :class:`DataValidationError` with every problem; the dataset itself is never changed.
        """
        return self.with_upload(preview_upload(self, name, content, options))

    def with_upload(self, preview: UploadPreview) -> Dataset:
        """Return a new dataset with a previewed upload applied (refused if it has any problem)."""
        if preview.issues:
            raise DataValidationError(preview.issues)
        clean = preview.values
        catalog = self.catalog
        if preview.new_catalog is not None:
            new = preview.new_catalog[~preview.new_catalog.index.isin(catalog.index)]
            catalog = pd.concat([catalog, new])
        added = clean.assign(source_id="upload", year=clean["year"].astype(int))[self.indicators.columns]
        indicators = pd.concat([self.indicators, added], ignore_index=True)
        indicators = indicators.drop_duplicates(["iso3", "indicator", "year"], keep="last")
        sources = self.sources
        if "upload" not in sources.index:
            upload = pd.DataFrame(
                [{"publisher": "user upload", "title": preview.file, "licence": "as stated by the user"}],
                index=pd.Index(["upload"], name="source_id"),
            )
            sources = pd.concat([sources, upload])
        version = hashlib.sha256(self.version.encode() + preview.digest.encode()).hexdigest()[:16]
        return replace(
            self, indicators=indicators.reset_index(drop=True), catalog=catalog, sources=sources, version=version
        )


def _read(folder: Path, table: str) -> tuple[pd.DataFrame | None, list[ValidationIssue], bytes]:
    path = folder / FILES[table]
    if not path.exists():
        return None, [ValidationIssue(FILES[table], "err.missing_file")], b""
    content = path.read_bytes()
    sheets = read_table(path.name, content)
    frame = sheets["values"]
    issues = check_columns(frame, _REQUIRED[table], path.name)
    return frame, issues, content


def _validate(tables: dict[str, pd.DataFrame]) -> list[ValidationIssue]:
    """Cross-table and per-table checks of the curated data."""
    issues: list[ValidationIssue] = []
    name = FILES
    countries, catalog, fields, rivals = tables["countries"], tables["catalog"], tables["fields"], tables["rivals"]
    issues += check_unique(countries, ["iso3"], name["countries"])
    issues += check_unique(catalog, ["indicator"], name["catalog"])
    issues += check_in(catalog, "pillar", PILLARS, name["catalog"], "err.bad_choice", allowed=", ".join(PILLARS))
    issues += check_in(catalog, "direction", ["1", "-1"], name["catalog"], "err.bad_choice", allowed="1, -1")
    issues += check_in(
        catalog,
        "source_id",
        tables["sources"]["source_id"],
        name["catalog"],
        "err.bad_reference",
        target=name["sources"],
    )
    issues += check_unique(tables["sources"], ["source_id"], name["sources"])
    issues += check_windows(catalog, "max_age", name["catalog"])

    ind = tables["indicators"]
    file = name["indicators"]
    codes = set(countries["iso3"])
    issues += check_in(ind, "iso3", codes, file, "err.unknown_iso3")
    issues += check_in(ind, "indicator", catalog["indicator"], file, "err.unknown_indicator")
    issues += check_in(
        ind, "source_id", tables["sources"]["source_id"], file, "err.bad_reference", target=name["sources"]
    )
    issues += check_years(ind, "year", file)[1]
    issues += check_numeric(ind, "value", file)[1]
    if not issues:
        issues += validate_indicator_values(
            ind.assign(unit=ind["indicator"].map(catalog.set_index("indicator")["unit"])),
            file,
            catalog.set_index("indicator"),
            codes,
        )[1]

    file = name["fields"]
    issues += check_unique(fields, ["field_id"], file)
    issues += check_in(fields, "phase", ["1", "2", "3"], file, "err.bad_choice", allowed="1, 2, 3")
    issues += check_numeric(fields, "japan_strength", file, low=0.0, high=1.0)[1]
    issues += check_numeric(fields, "cost", file, low=0.0)[1]
    issues += check_numeric(fields, "staff", file, low=0.0)[1]
    issues += check_required_text(
        fields,
        [
            "japan_strength_rationale_en",
            "japan_strength_rationale_ja",
            "japan_strength_reference",
            "cost_staff_rationale",
        ],
        file,
    )
    prereq = fields[["prerequisite_fields"]].fillna("").astype(str)
    field_ids = set(fields["field_id"])
    for i, text in enumerate(prereq["prerequisite_fields"]):
        for ref in filter(None, (s.strip() for s in text.split(";"))):
            if ref not in field_ids:
                issues.append(
                    ValidationIssue(
                        file, "err.bad_reference", i + 2, "prerequisite_fields", {"value": ref, "target": file}
                    )
                )

    file = name["field_drivers"]
    drivers = tables["field_drivers"]
    issues += check_in(drivers, "field_id", field_ids, file, "err.bad_reference", target=name["fields"])
    issues += check_in(drivers, "indicator", catalog["indicator"], file, "err.unknown_indicator")
    issues += check_in(drivers, "role", ["need", "readiness"], file, "err.bad_choice", allowed="need, readiness")
    issues += check_in(drivers, "direction", ["1", "-1"], file, "err.bad_choice", allowed="1, -1")
    issues += check_numeric(drivers, "weight", file, low=0.0)[1]
    issues += check_unique(drivers, ["field_id", "indicator", "role"], file)

    rival_ids = set(rivals["rival_id"])
    issues += check_unique(rivals, ["rival_id"], name["rivals"])
    if "home_strength" in rivals:
        issues += check_numeric(rivals, "home_strength", name["rivals"], low=0.0, high=1.0)[1]
    file = name["rival_strength"]
    strength = tables["rival_strength"]
    issues += check_in(strength, "rival_id", rival_ids, file, "err.bad_reference", target=name["rivals"])
    issues += check_in(strength, "field_id", field_ids, file, "err.bad_reference", target=name["fields"])
    issues += check_numeric(strength, "strength", file, low=0.0, high=1.0)[1]
    issues += check_required_text(strength, ["rationale", "reference"], file)
    issues += check_unique(strength, ["rival_id", "field_id"], file)

    file = name["rival_presence"]
    presence = tables["rival_presence"]
    issues += check_in(presence, "iso3", codes, file, "err.unknown_iso3")
    issues += check_in(presence, "rival_id", rival_ids, file, "err.bad_reference", target=name["rivals"])
    issues += check_in(presence, "field_id", field_ids, file, "err.bad_reference", target=name["fields"])
    issues += check_numeric(presence, "value", file, low=0.0)[1]
    issues += check_years(presence, "year", file, allow_blank=True)[1]

    origin = tables["cable_supplier_origin"]
    issues += check_in(
        origin,
        "rival_id",
        rival_ids | {"OTHER"},
        name["cable_supplier_origin"],
        "err.bad_reference",
        target=name["rivals"],
    )
    presets = tables["weight_presets"]
    file = name["weight_presets"]
    issues += check_in(presets, "pillar", PILLARS, file, "err.bad_choice", allowed=", ".join(PILLARS))
    issues += check_numeric(presets, "weight", file, low=0.0)[1]
    issues += check_unique(presets, ["preset_id", "pillar"], file)
    issues += check_required_text(presets, ["rationale_en", "rationale_ja"], file)
    issues += check_in(tables["memoranda"], "iso3", codes, name["memoranda"], "err.unknown_iso3")
    issues += check_in(tables["dtt_standards"], "iso3", codes, name["dtt_standards"], "err.unknown_iso3")
    issues += validate_model_tables(tables, name)
    issues += validate_plan_tables(tables, name)
    issues += validate_timing_tables(tables, name, rival_ids, field_ids)

    file = name["donor_presence"]
    donors = tables["donor_presence"]
    issues += check_in(donors, "iso3", codes, file, "err.unknown_iso3")
    # blank rival_id: a donor kept for the denominator only (Australia)
    issues += check_in(donors, "rival_id", rival_ids | {""}, file, "err.bad_reference", target=name["rivals"])
    issues += check_in(
        donors, "source_id", tables["sources"]["source_id"], file, "err.bad_reference", target=name["sources"]
    )
    for column in ("year_from", "year_to"):
        issues += check_years(donors, column, file)[1]
    issues += check_numeric(donors, "n_years", file, low=0.0)[1]
    for column in ("flow_usd", "all_donors_flow_usd"):
        issues += check_numeric(donors, column, file, low=0.0)[1]
    for column in ("share", "relative"):
        issues += check_numeric(donors, column, file, low=0.0, high=1.0)[1]
    issues += check_unique(donors, ["iso3", "donor"], file)
    return issues


def _typed(tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Convert validated text tables to typed, indexed frames."""
    num = lambda s: pd.to_numeric(s, errors="coerce")  # noqa: E731
    out = dict(tables)
    countries = tables["countries"].copy()
    flag_columns = [c for c in countries.columns if c.startswith("is_") or c == "focus"]
    countries[flag_columns] = countries[flag_columns].apply(num).fillna(0).astype(int)
    out["countries"] = countries.set_index("iso3")
    ind = tables["indicators"]
    out["indicators"] = pd.DataFrame(
        {
            "iso3": ind["iso3"].astype("category"),
            "indicator": ind["indicator"].astype("category"),
            "year": num(ind["year"]).astype(np.int16),
            "value": num(ind["value"]).astype(float),
            "source_id": ind["source_id"].astype("category"),
        }
    )
    catalog = tables["catalog"].copy()
    catalog["direction"] = num(catalog["direction"]).astype(int)
    for column in ("min_value", "max_value", "n_countries", "year_min", "year_max", "ended"):
        if column in catalog:
            catalog[column] = num(catalog[column])
    catalog["max_age"] = parse_windows(catalog["max_age"])  # NaN = no limit
    for column in ("ended", "ended_note", "max_age_note"):
        if column not in catalog:
            catalog[column] = np.nan if column == "ended" else ""
    for column in ("ended_note", "max_age_note"):
        catalog[column] = catalog[column].fillna("").astype(str)
    out["catalog"] = catalog.set_index("indicator")
    out["sources"] = tables["sources"].set_index("source_id")
    fields = tables["fields"].copy()
    fields["phase"] = num(fields["phase"]).astype(int)
    for column in FIELD_JUDGEMENT_COLUMNS:
        fields[column] = num(fields[column]).astype(float)
    fields["prerequisite_fields"] = fields["prerequisite_fields"].fillna("").astype(str)
    out["fields"] = fields.set_index("field_id")
    drivers = tables["field_drivers"].copy()
    drivers["direction"] = num(drivers["direction"]).astype(int)
    drivers["weight"] = num(drivers["weight"]).astype(float)
    out["field_drivers"] = drivers
    rivals = tables["rivals"].copy()
    rivals["is_home"] = num(rivals["is_home"]).fillna(0).astype(int)
    for column in ("home_iso3", "home_membership"):
        rivals[column] = rivals[column].fillna("").astype(str).str.strip() if column in rivals else ""
    rivals["home_strength"] = num(rivals["home_strength"]).astype(float) if "home_strength" in rivals else 1.0
    out["rivals"] = rivals.set_index("rival_id")
    strength = tables["rival_strength"].copy()
    strength["strength"] = num(strength["strength"]).astype(float)
    out["rival_strength"] = strength
    presence = tables["rival_presence"].copy()
    presence["value"] = num(presence["value"]).astype(float)
    presence["year"] = num(presence["year"]).astype("Int64")
    out["rival_presence"] = presence
    dtt = tables["dtt_standards"].copy()
    dtt["year_adopted"] = num(dtt["year_adopted"]).astype("Int64")
    out["dtt_standards"] = dtt
    donors = tables["donor_presence"].copy()
    donors["rival_id"] = donors["rival_id"].fillna("").astype(str)
    for column in ("year_from", "year_to", "n_years"):
        donors[column] = num(donors[column]).astype(int)
    for column in ("flow_usd", "all_donors_flow_usd", "share", "relative"):
        donors[column] = num(donors[column]).astype(float)
    out["donor_presence"] = donors
    presets = tables["weight_presets"].copy()
    presets["weight"] = num(presets["weight"]).astype(float)
    out["weight_presets"] = presets
    out.update(typed_model_tables(tables))
    out.update(typed_plan_tables(tables))
    out.update(typed_timing_tables(tables))
    return out


def load_dataset(folder: Path | str = DATA_DIR) -> Dataset:
    """Read and validate every table in ``folder``; raise :class:`DataValidationError` on problems."""
    folder = Path(folder)
    tables: dict[str, pd.DataFrame] = {}
    issues: list[ValidationIssue] = []
    digest = hashlib.sha256()
    for table in FILES:
        frame, found, content = _read(folder, table)
        issues += found
        digest.update(content)
        if frame is not None:
            tables[table] = frame
    if issues:
        raise DataValidationError(issues)
    issues = _validate(tables)
    if issues:
        raise DataValidationError(issues)
    typed = _typed(tables)
    return Dataset(**typed, version=digest.hexdigest()[:16])
