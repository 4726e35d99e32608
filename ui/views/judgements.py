"""The Data page's judgement tables: field needs, rival strengths, DTTs and memoranda, labelled.

Not a page. Cached by the dataset's ``version`` and the language.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from strategy.data.dataset import Dataset
from strategy.i18n import Lang
from ui.labels import country_names, indicator_names, label
from ui.labels import field_names as _field_names
from ui.labels import rival_names as _rival_names
from ui.texts import t
from ui.views.tables import Table, _source_title, _year_text


@st.cache_data(show_spinner=False, max_entries=16)
def judgement_tables(_ds: Dataset, version: str, language: Lang) -> dict[str, Table]:
    """The editable judgement tables, labelled in the language."""
    ds = _ds
    col = {
        k: t(f"ui.col.{k}", language)
        for k in (
            "field",
            "phase",
            "prerequisites",
            "japan_strength",
            "rationale",
            "reference",
            "cost",
            "staff",
            "cost_staff_rationale",
            "rival",
            "strength",
            "indicator",
            "role",
            "weight",
            "direction",
            "supplier",
            "description",
            "seed_reference",
            "preset",
            "pillar",
        )
    }
    fields = ds.fields
    field_names = _field_names(ds, language)

    def prerequisites(text: str) -> str:
        ids = [s.strip() for s in str(text).split(";") if s.strip()]
        return t("fmt.list_sep", language).join(field_names.get(i, i) for i in ids)

    rationale = f"japan_strength_rationale_{language}"
    description = f"description_{language}"
    field_frame = pd.DataFrame(
        {
            col["field"]: field_names,
            col["phase"]: fields["phase"],
            col["prerequisites"]: [prerequisites(p) for p in fields["prerequisite_fields"]],
            col["japan_strength"]: fields["japan_strength"],
            col["rationale"]: fields[rationale].fillna(fields["japan_strength_rationale_en"]),
            col["reference"]: fields["japan_strength_reference"],
            col["cost"]: fields["cost"],
            col["staff"]: fields["staff"],
            col["cost_staff_rationale"]: fields["cost_staff_rationale"],
        }
    )
    if description in fields:
        field_frame[col["description"]] = fields[description].fillna("")
    if "seed_reference" in fields:
        field_frame[col["seed_reference"]] = fields["seed_reference"].fillna("")
    field_columns = {
        col["field"]: st.column_config.TextColumn(col["field"]),
        col["japan_strength"]: st.column_config.ProgressColumn(
            col["japan_strength"], min_value=0.0, max_value=1.0, format="%.2f"
        ),
        col["rationale"]: st.column_config.TextColumn(col["rationale"], width="large"),
        col["reference"]: st.column_config.TextColumn(col["reference"], width="medium"),
        col["cost_staff_rationale"]: st.column_config.TextColumn(col["cost_staff_rationale"], width="large"),
        col["description"]: st.column_config.TextColumn(col["description"], width="large"),
        col["seed_reference"]: st.column_config.TextColumn(col["seed_reference"], width="large"),
    }

    rival_names = _rival_names(ds, language)
    strength = ds.rival_strength
    strength_frame = pd.DataFrame(
        {
            col["rival"]: strength["rival_id"].map(rival_names).fillna(strength["rival_id"]),
            col["field"]: strength["field_id"].map(field_names).fillna(strength["field_id"]),
            col["strength"]: strength["strength"],
            col["rationale"]: strength["rationale"],
            col["reference"]: strength["reference"],
        }
    )
    strength_columns = {
        col["strength"]: st.column_config.ProgressColumn(col["strength"], min_value=0.0, max_value=1.0, format="%.2f"),
        col["rationale"]: st.column_config.TextColumn(col["rationale"], width="large"),
    }

    drivers = ds.field_drivers
    names = indicator_names(ds.catalog, language)
    driver_frame = pd.DataFrame(
        {
            col["field"]: drivers["field_id"].map(field_names).fillna(drivers["field_id"]),
            col["indicator"]: drivers["indicator"].map(names).fillna(drivers["indicator"]),
            col["role"]: [label("role", r, language) for r in drivers["role"]],
            col["direction"]: [
                t("ui.direction.up" if d >= 0 else "ui.direction.down", language) for d in drivers["direction"]
            ],
            col["weight"]: drivers["weight"],
            col["rationale"]: drivers["rationale"],
        }
    )
    driver_columns = {col["rationale"]: st.column_config.TextColumn(col["rationale"], width="large")}

    origin = ds.cable_supplier_origin
    cable_frame = pd.DataFrame(
        {
            col["supplier"]: origin["supplier"],
            col["rival"]: origin["rival_id"].map(rival_names).fillna(origin["rival_id"]),
            col["rationale"]: origin["rationale"],
            col["reference"]: origin["reference"],
        }
    )
    cable_columns = {col["rationale"]: st.column_config.TextColumn(col["rationale"], width="large")}
    presets = ds.weight_presets
    preset_frame = pd.DataFrame(
        {
            col["preset"]: presets[f"name_{language}"].fillna(presets["name_en"]),
            col["pillar"]: [label("pillar", p, language) for p in presets["pillar"]],
            col["weight"]: presets["weight"],
            col["rationale"]: presets[f"rationale_{language}"].fillna(presets["rationale_en"]),
        }
    )
    preset_columns = {col["rationale"]: st.column_config.TextColumn(col["rationale"], width="large")}
    return {
        "weight_presets": Table(preset_frame.reset_index(drop=True), preset_columns),
        "fields": Table(field_frame.reset_index(drop=True), field_columns),
        "field_drivers": Table(driver_frame.reset_index(drop=True), driver_columns),
        "rival_strength": Table(strength_frame.reset_index(drop=True), strength_columns),
        "cable_supplier_origin": Table(cable_frame.reset_index(drop=True), cable_columns),
    }


@st.cache_data(show_spinner=False, max_entries=16)
def dtt_table(_ds: Dataset, version: str, language: Lang) -> Table:
    ds = _ds
    dtt = ds.dtt_standards
    c = {k: t(f"ui.col.{k}", language) for k in ("country", "standard", "year_adopted", "source", "quote", "note")}
    names = country_names(ds, language)
    source = dtt["source"].fillna("").astype(str)
    frame = pd.DataFrame(
        {
            c["country"]: dtt["iso3"].map(names).fillna(dtt["iso3"]),
            "ISO3": dtt["iso3"],
            c["standard"]: dtt["standard"],
            c["year_adopted"]: [_year_text(y) or t("fmt.na", language) for y in dtt["year_adopted"]],
            c["source"]: source.where(source.str.startswith("http"), None),
            c["quote"]: dtt["quote"],
            c["note"]: dtt["note"] if "note" in dtt else "",
        }
    ).reset_index(drop=True)
    columns = {
        c["country"]: st.column_config.TextColumn(c["country"]),
        c["source"]: st.column_config.LinkColumn(c["source"], width="medium"),
        c["quote"]: st.column_config.TextColumn(c["quote"], width="large"),
        c["note"]: st.column_config.TextColumn(c["note"], width="large"),
    }
    return Table(frame, columns, (t("ui.dtt.caption", language, n=len(frame)),))


@st.cache_data(show_spinner=False, max_entries=16)
def memoranda_table(_ds: Dataset, version: str, language: Lang) -> Table:
    ds = _ds
    memo = ds.memoranda
    c = {k: t(f"ui.col.{k}", language) for k in ("country", "date", "level", "quote", "source")}
    frame = pd.DataFrame(
        {
            c["country"]: memo["iso3"].map(country_names(ds, language)).fillna(memo["iso3"]),
            "ISO3": memo["iso3"],
            c["date"]: memo["date"],
            c["level"]: memo["level"] if "level" in memo else "",
            c["quote"]: memo["quote"],
            c["source"]: [_source_title(ds, s) for s in memo["source_id"].astype(str)],
        }
    ).reset_index(drop=True)
    return Table(frame, {c["country"]: st.column_config.TextColumn(c["country"])})
