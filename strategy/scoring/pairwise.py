"""A pairwise comparison matrix as a planner types or pastes it (from a workshop sheet, Excel).

Two forms are read by :func:`read_pairwise`:

- a table, comma, semicolon or tab separated, the pillar names in the first row and the first
  column (the corner cell is ignored); values such as ``3``, ``1/3``, ``0.333`` (``0,333`` with ``;``
  or tab separators)::

      ,size,growth
      size,1,3
      growth,1/3,1

- JSON: ``{"labels": ["size", "growth"], "matrix": [[1, 3], [0.333, 1]]}``.

Every problem is an :class:`~strategy.scoring.weights.AHPError` with translated messages naming the
cell by its row and column, as typed; the values then go through
:func:`~strategy.scoring.weights.check_pairwise` (reciprocals within 2 %, so 0.1111 reads as 1/9)
and must lie on Saaty's scale 1/9 to 9, like the sliders.
"""

from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Mapping
from fractions import Fraction

import numpy as np
import pandas as pd

from strategy.i18n import Message
from strategy.scoring.weights import RECIPROCAL_TOLERANCE, SAATY_RANDOM_INDEX, AHPError, check_pairwise, number_text

#: The longest text read (a 10 × 10 table of fractions is about 600 characters).
MAX_CHARS = 20_000
SAATY_MAX = 9.0


def parse_number(raw: object) -> float | None:
    """A typed judgement as a number: ``3``, ``0.333``, ``0,333``, ``1/3``; None when it is not one.

    >>> parse_number("1/3"), parse_number(" 0,5 "), parse_number("abc"), parse_number("")
    (0.3333333333333333, 0.5, None, None)
    """
    if isinstance(raw, bool) or raw is None:
        return None
    if isinstance(raw, int | float):
        return float(raw)
    if not isinstance(raw, str):
        return None
    text = raw.strip().replace("\u3000", "").replace(",", ".")
    if not text:
        return None
    try:
        if "/" in text:
            return float(Fraction(text.replace(" ", "")))
        return float(text)
    except (ValueError, ZeroDivisionError, OverflowError):
        return None


def _rows_from_text(text: str) -> list[list[str]]:
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        raise AHPError([Message.of("ahp.err.empty")])
    sample = "\n".join(lines)
    delimiter = "\t" if "\t" in sample else ";" if ";" in lines[0] else ","
    rows = [list(r) for r in csv.reader(io.StringIO(sample), delimiter=delimiter)]
    width = len(rows[0])
    for row in rows:  # a trailing separator (Excel, a typed comma) adds empty cells beyond the header
        while len(row) > width and not row[-1].strip():
            row.pop()
    for line, row in enumerate(rows, start=1):
        if len(row) != width:
            raise AHPError([Message.of("ahp.err.ragged", line=line, cells=len(row), expected=width)])
    return rows


def _frame_from_json(data: object) -> pd.DataFrame:
    if isinstance(data, list):
        raise AHPError([Message.of("ahp.err.no_labels")])
    if not isinstance(data, dict) or not isinstance(data.get("matrix"), list):
        raise AHPError([Message.of("ahp.err.unreadable")])
    labels, matrix = data.get("labels"), data["matrix"]
    if not isinstance(labels, list) or not all(isinstance(x, str) for x in labels):
        raise AHPError([Message.of("ahp.err.no_labels")])
    if not matrix:
        raise AHPError([Message.of("ahp.err.empty")])
    for row in matrix:
        if not isinstance(row, list) or len(row) != len(labels):
            cells = len(row) if isinstance(row, list) else 1
            raise AHPError([Message.of("ahp.err.not_square", rows=len(matrix), columns=max(cells, len(labels)))])
    if len(matrix) != len(labels):
        raise AHPError([Message.of("ahp.err.not_square", rows=len(matrix), columns=len(labels))])
    return pd.DataFrame(matrix, index=labels, columns=labels, dtype=object)


def _frame_from_table(rows: list[list[str]]) -> pd.DataFrame:
    header = [c.strip() for c in rows[0][1:]]
    body = rows[1:]
    if not header and not body:
        raise AHPError([Message.of("ahp.err.empty")])
    if header and all(parse_number(c) is not None for c in header):
        raise AHPError([Message.of("ahp.err.no_labels")])
    if not body or not header:
        raise AHPError([Message.of("ahp.err.not_square", rows=len(body), columns=len(header))])
    if len(body) != len(header):
        raise AHPError([Message.of("ahp.err.not_square", rows=len(body), columns=len(header))])
    index = [r[0].strip() for r in body]
    return pd.DataFrame([r[1:] for r in body], index=index, columns=header, dtype=object)


def read_pairwise(text: str | bytes, aliases: Mapping[str, str] | None = None) -> pd.DataFrame:
    """The pairwise comparison matrix in ``text`` (a table or JSON, see the module), checked, with
    rows and columns in the order of its columns, exactly reciprocal.

    ``aliases`` maps the names a planner may type (case-insensitive: ids, English and Japanese
    names) to the pillar ids the result is labelled with; without it the labels are kept as typed.
    Raises :class:`~strategy.scoring.weights.AHPError` with translated messages.

    >>> read_pairwise(",a,b\\na,1,9\\nb,0.1111,1").round(2).to_numpy().tolist()
    [[1.0, 9.0], [0.11, 1.0]]
    """
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise AHPError([Message.of("ahp.err.unreadable")]) from None
    text = text.lstrip("\ufeff")
    if len(text) > MAX_CHARS:
        raise AHPError([Message.of("ahp.err.too_long", size=len(text), limit=MAX_CHARS)])
    if text.strip()[:1] in ("{", "["):
        try:
            data = json.loads(text)
        except (ValueError, RecursionError):
            raise AHPError([Message.of("ahp.err.unreadable")]) from None
        frame = _frame_from_json(data)
    else:
        frame = _frame_from_table(_rows_from_text(text))
    frame = _match_labels(frame, aliases)
    n = len(frame)
    if n < 2:
        raise AHPError([Message.of("ahp.err.too_small", n=n)])
    if n > len(SAATY_RANDOM_INDEX):
        raise AHPError([Message.of("ahp.err.too_large", n=n, max=len(SAATY_RANDOM_INDEX))])
    numbers = frame.map(lambda raw: _typed(raw))
    values = check_pairwise(numbers)
    _check_scale(numbers)
    ids = [aliases.get(str(x).casefold(), str(x)) if aliases else str(x) for x in frame.columns]
    return pd.DataFrame(values, index=ids, columns=ids)


def _typed(raw: object) -> object:
    """A cell for :func:`check_pairwise`: its number, or the text as typed when it is not one."""
    value = parse_number(raw)
    if value is None:
        return "" if raw is None else raw
    return value


def _match_labels(frame: pd.DataFrame, aliases: Mapping[str, str] | None) -> pd.DataFrame:
    """Rows put in the order of the columns; unknown or repeated pillars refused."""
    rows = [str(x).strip() for x in frame.index]
    columns = [str(x).strip() for x in frame.columns]
    frame = frame.set_axis(rows, axis=0).set_axis(columns, axis=1)
    if aliases is not None:
        known = ", ".join(dict.fromkeys(aliases.values()))
        for label in [*columns, *rows]:
            if label.casefold() not in aliases:
                raise AHPError([Message.of("ahp.err.unknown_label", label=label[:40], known=known)])
        key = {label: aliases[label.casefold()] for label in [*rows, *columns]}
    else:
        key = {label: label for label in [*rows, *columns]}
    for labels in (rows, columns):
        twice = next((x for x in labels if [key[y] for y in labels].count(key[x]) > 1), None)
        if twice is not None:
            raise AHPError([Message.of("ahp.err.duplicate_label", label=twice[:40])])
    if sorted(key[r] for r in rows) != sorted(key[c] for c in columns):
        raise AHPError([Message.of("ahp.err.labels_differ", rows=", ".join(rows), columns=", ".join(columns))])
    by_pillar = {key[r]: r for r in rows}
    order = [by_pillar[key[c]] for c in columns]
    return frame.loc[order].set_axis(columns, axis=0)


def _check_scale(numbers: pd.DataFrame) -> None:
    """Every judgement on Saaty's scale 1/9 .. 9 (what the sliders can hold), rounding allowed."""
    low, high = 1 / SAATY_MAX / (1 + RECIPROCAL_TOLERANCE), SAATY_MAX * (1 + RECIPROCAL_TOLERANCE)
    problems = []
    n = len(numbers)
    for i in range(n):
        for j in range(i + 1, n):
            value = float(numbers.iat[i, j])
            if not low <= value <= high:
                problems.append(
                    Message.of(
                        "ahp.err.out_of_scale",
                        row=str(numbers.index[i]),
                        column=str(numbers.columns[j]),
                        i=i + 1,
                        j=j + 1,
                        value=number_text(value),
                    )
                )
    if problems:
        raise AHPError(problems)


def saaty_step(value: float) -> int:
    """The slider step nearest to a judgement on a log scale: 0 for 1, -k for k + 1 (the first
    pillar more important), +k for 1 / (k + 1).

    >>> saaty_step(3), saaty_step(0.1111), saaty_step(1.1), saaty_step(2.4)
    (-2, 8, 0, -1)
    """
    candidates = {step: (1 - step if step <= 0 else 1 / (1 + step)) for step in range(-8, 9)}
    return min(candidates, key=lambda s: abs(math.log(candidates[s]) - math.log(value)))


def is_on_scale(value: float) -> bool:
    """Whether a judgement is (within rounding) one of the slider's values (1..9 and 1/2..1/9)."""
    step = saaty_step(value)
    exact = 1 - step if step <= 0 else 1 / (1 + step)
    return bool(np.isclose(value, exact, rtol=RECIPROCAL_TOLERANCE))
