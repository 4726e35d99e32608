"""A sweep in and out: axis values from text (the command line and the page), a result as JSON (the
scenario store keeps the last one) and as the tables people read (CSV, Excel, the page).

Values are written as a comma-separated list (``20,30,40``, ``balanced,digital_gap``) or, for the
numeric axes, as a range ``start:stop:step`` with the stop included (``10:50:10``); a cost axis is
``TARGET=values`` (``VNM=1,2``, ``asean=1,1.5``). Bad text is a :class:`~strategy.analysis.sweep.SweepError`
naming the axis.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from strategy.analysis.sweep import (
    AxisKind,
    PointResult,
    SweepAxis,
    SweepDefinition,
    SweepError,
    SweepResult,
    canonical_target,
)
from strategy.i18n import Lang, Message, t
from strategy.optimize.groups import ConstraintGroup, GroupKind, group_text
from strategy.scenario_schema import MAX_SWEEP_POINTS, Vocabulary

#: Version of the JSON a result is stored as (:func:`result_to_json`).
FORMAT = 1
_TEXT_AXES = ("preset", "method")


# --- text -> axes ---------------------------------------------------------------------------------


def parse_values(kind: AxisKind, text: str, target: str | None = None) -> tuple[Any, ...]:
    """The values of an axis of ``kind`` from text: ``a,b,c`` or (numbers) ``start:stop:step``."""
    label = SweepAxis(kind, (), target).label
    items = [part.strip() for part in str(text).split(",") if part.strip()]
    if not items:
        raise SweepError([Message.of("sweep.err.empty", axis=label)])
    if kind in _TEXT_AXES:
        return tuple(items)
    values: list[float] = []
    problems: list[Message] = []
    for item in items:
        if ":" in item:
            try:
                values += _range(item, label, MAX_SWEEP_POINTS + 1 - len(values))
            except SweepError as exc:
                problems += exc.problems
            continue
        number = _float(item)
        if number is None:
            problems.append(Message.of("sweep.err.not_number", axis=label, value=item[:40]))
        else:
            values.append(number)
    if problems:
        raise SweepError(problems)
    return tuple(values)


def _float(text: str) -> float | None:
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def _range(text: str, label: Message, most: int) -> list[float]:
    parts = [p.strip() for p in text.split(":")]
    numbers = [_float(p) for p in parts]
    if len(parts) != 3 or any(n is None for n in numbers):
        raise SweepError([Message.of("sweep.err.range_text", axis=label, value=text[:40])])
    start, stop, step = numbers  # type: ignore[misc]
    if step <= 0:
        raise SweepError([Message.of("sweep.err.bad_step", axis=label, value=text[:40])])
    if stop < start:
        raise SweepError([Message.of("sweep.err.empty_range", axis=label, value=text[:40])])
    count = math.floor((stop - start) / step + 1e-9) + 1
    if count > most:  # said before the values are made
        raise SweepError([Message.of("sweep.err.too_many", n=f"{count:,}+", max=f"{MAX_SWEEP_POINTS:,}")])
    return [round(start + k * step, 10) for k in range(count)]


def parse_cost_axis(text: str, vocabulary: Vocabulary) -> SweepAxis:
    """A cost axis from ``TARGET=values`` (``VNM=1,2``): the target as the data spells it."""
    target_text, sep, values = str(text).partition("=")
    target = canonical_target(target_text, vocabulary)
    if not sep or not target_text.strip():
        label = SweepAxis("cost_scale", (), target_text.strip() or "?").label
        raise SweepError([Message.of("sweep.err.cost_text", axis=label, value=str(text)[:60])])
    if target is None:
        label = SweepAxis("cost_scale", (), target_text.strip()).label
        raise SweepError([Message.of("sweep.err.unknown_target", axis=label, value=target_text.strip()[:40])])
    return SweepAxis("cost_scale", parse_values("cost_scale", values, target), target)


# --- result <-> JSON ------------------------------------------------------------------------------


def _plain(value: Any) -> Any:
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def _group(group: ConstraintGroup) -> list[Any]:
    subject = list(group.subject) if isinstance(group.subject, tuple) else group.subject
    return [group.kind.value, subject]


def result_to_json(result: SweepResult) -> str:
    """The result as JSON text (what the scenario store keeps; :func:`result_from_json` reads it)."""
    points = [
        {
            "index": p.index,
            "values": [[k, _plain(v)] for k, v in p.values],
            "status": p.status,
            "value": _plain(p.value),
            "gap": _plain(p.gap),
            "chosen": [list(c) for c in p.chosen],
            "binding": [_group(g) for g in p.binding],
            "budget_used": _plain(p.budget_used),
            "staff_used": _plain(p.staff_used),
            "seconds": _plain(p.seconds),
            "derived_from": p.derived_from,
        }
        for p in result.points
    ]
    body = {
        "format": FORMAT,
        "definition": result.definition.to_dict(),
        "requested": result.requested,
        "cancelled": result.cancelled,
        "seconds": result.seconds,
        "basis": result.basis,
        "points": points,
    }
    return json.dumps(body, ensure_ascii=False, separators=(",", ":"))


def _number(value: Any) -> float:
    return float("nan") if value is None else float(value)


def result_from_json(text: str | bytes) -> SweepResult:
    """A result from :func:`result_to_json`'s text; ``ValueError`` when it cannot be read."""
    try:
        body = json.loads(text)
        if not isinstance(body, Mapping) or body.get("format") != FORMAT:
            raise ValueError("not a sweep result of this format")
        points = [
            PointResult(
                index=int(p["index"]),
                values=tuple((str(k), v) for k, v in p["values"]),
                status=str(p["status"]),
                value=_number(p["value"]),
                gap=None if p["gap"] is None else float(p["gap"]),
                chosen=tuple((str(k), str(f), int(n)) for k, f, n in p["chosen"]),
                binding=tuple(
                    ConstraintGroup(GroupKind(k), tuple(s) if isinstance(s, list) else s) for k, s in p["binding"]
                ),
                budget_used=_number(p["budget_used"]),
                staff_used=_number(p["staff_used"]),
                seconds=_number(p["seconds"]),
                derived_from=None if p.get("derived_from") is None else int(p["derived_from"]),
            )
            for p in body["points"]
        ]
        definition = SweepDefinition.from_dict(body["definition"])
        return SweepResult.of(
            definition,
            points,
            int(body["requested"]),
            bool(body["cancelled"]),
            float(body["seconds"]),
            str(body.get("basis", "")),
        )
    except (KeyError, TypeError, ValueError, json.JSONDecodeError) as exc:
        raise ValueError(f"unreadable sweep result: {exc}") from exc


# --- tables for people ----------------------------------------------------------------------------


def axis_value_text(axis: SweepAxis, value: Any, lang: Lang, presets: Mapping[str, str] | None = None) -> str:
    """One value of an axis as people read it (a preset's name, a method's label, a number)."""
    if axis.kind == "preset":
        return (presets or {}).get(str(value), str(value))
    if axis.kind == "method":
        from strategy.labels import method_label

        return method_label(value, lang)
    return f"{float(value):g}"


def axis_title(axis: SweepAxis, lang: Lang) -> str:
    """An axis's name in ``lang``."""
    label = axis.label
    return t(label.key, lang, **dict(label.params))


def status_text(status: str, lang: Lang) -> str:
    """A point's status in ``lang``."""
    return t(f"sweep.status.{status.replace(' ', '_')}", lang)


def points_frame(
    result: SweepResult,
    lang: Lang,
    countries: Mapping[str, str] | None = None,
    fields: Mapping[str, str] | None = None,
    presets: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """The points table with headers and values in ``lang`` (the file and the page show this)."""
    table = result.table
    out = pd.DataFrame({t("sweep.col.point", lang): table["point"] + 1})
    for axis in result.definition.axes:
        out[axis_title(axis, lang)] = [axis_value_text(axis, v, lang, presets) for v in table[axis.name]]
    out[t("sweep.col.status", lang)] = [status_text(s, lang) for s in table["status"]]
    out[t("sweep.col.value", lang)] = table["value"].to_numpy(dtype=float)
    out[t("sweep.col.entries", lang)] = table["entries"].to_numpy(dtype=int)
    out[t("sweep.col.budget_used", lang)] = table["budget_used"].to_numpy(dtype=float)
    out[t("sweep.col.staff_used", lang)] = table["staff_used"].to_numpy(dtype=float)
    out[t("sweep.col.binding", lang)] = [
        ", ".join(group_text(g, lang, countries, fields) for g in p.binding) for p in result.points
    ]
    out[t("sweep.col.chosen", lang)] = [
        ", ".join(f"{(countries or {}).get(k, k)} × {(fields or {}).get(f, f)}" for k, f, _ in p.chosen)
        for p in result.points
    ]
    out[t("sweep.col.seconds", lang)] = table["seconds"].to_numpy(dtype=float).round(2)
    out[t("sweep.col.derived", lang)] = [None if p.derived_from is None else p.derived_from + 1 for p in result.points]
    return out


def frequency_frame(
    result: SweepResult, lang: Lang, countries: Mapping[str, str] | None = None, fields: Mapping[str, str] | None = None
) -> pd.DataFrame:
    """How often each entry is chosen, with headers and names in ``lang``."""
    f = result.frequency
    return pd.DataFrame(
        {
            t("sweep.col.country", lang): [(countries or {}).get(k, k) for k in f["iso3"]],
            t("sweep.col.iso3", lang): f["iso3"].to_numpy(),
            t("sweep.col.field", lang): [(fields or {}).get(k, k) for k in f["field_id"]],
            t("sweep.col.chosen_points", lang): f["chosen"].to_numpy(dtype=int),
            t("sweep.col.share", lang): f["share"].to_numpy(dtype=float).round(4),
            t("sweep.col.mean_period", lang): f["mean_period"].to_numpy(dtype=float).round(2),
        }
    )


def sheets(
    result: SweepResult,
    lang: Lang,
    countries: Mapping[str, str] | None = None,
    fields: Mapping[str, str] | None = None,
    presets: Mapping[str, str] | None = None,
) -> dict[str, pd.DataFrame]:
    """The two sheets of the Excel file: points and entry frequency."""
    return {
        t("sweep.sheet.points", lang): points_frame(result, lang, countries, fields, presets),
        t("sweep.sheet.entries", lang): frequency_frame(result, lang, countries, fields),
    }
