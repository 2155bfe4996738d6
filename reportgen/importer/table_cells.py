"""What the three statutory tables' readers share (`statutory`, and `trial2019` for the 2019 trial
layout): `Read`, what a reader found; a row's label and value cells (`split`, `distinct_cells`);
a cell's text as a count with a note when it is blank or not a count (`count`); a printed label
matched to the format's (`best`); the rows of table 二 a table lacks (`fill_missing`)."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from ..model.formats import national_tables as T
from .document import Cell, label_key, number_text
from .notices import Notice, Notices


@dataclass
class Read(Notices):
    """What a table reader found: facts by path, notes by path (unsure values), notices (see
    `notices`), and the reader's doubts: path → why a cell's reading is not sure (`Cell.unsure`, a
    header not recognised). `typed` keeps every row as read, typed totals included (7 numbers)."""

    data: dict[str, Any] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)
    doubt: dict[str, str] = field(default_factory=dict)
    notices: list[Notice] = field(default_factory=list)
    missing: list[tuple[str, str]] = field(default_factory=list)  # (path, label) of rows not found, read as 0
    empty: bool = False  # the table was found but no figure could be read from it
    trial_2019: bool = False
    blanks: int = 0  # cells left blank (or “/”) and read as 0
    blank_totals: list[str] = field(default_factory=list)  # rows whose 总计 was left blank


def distinct_cells(row: list[Cell]) -> list[Cell]:
    """A row's cells with a merged cell (the same object repeated across the columns it spans) once."""
    out: list[Cell] = []
    for c in row:
        if not out or out[-1] is not c:
            out.append(c)
    return out


def split(row: list[Cell]) -> tuple[list[str], list[tuple[int, str]]]:
    """A row's label texts (distinct cells) and its value cells as (grid column, number text)."""
    labels: list[str] = []
    values: list[tuple[int, str]] = []
    seen: set[int] = set()
    for col, c in enumerate(row):
        if id(c) in seen:
            continue
        seen.add(id(c))
        num = number_text(c.text)
        if num is None:
            if not values:
                labels.append(c.text)
        else:
            values.append((col, num))
    return labels, values


def count(text: str, path: str, read: Read, what: str) -> int:
    """A cell's number text as a count: "" (blank, or “/”) is 0 with a note at `path` and counted
    in `read.blanks`; a fraction or a negative number is not a count, 0 with a note. `what` names
    the cell in the note (row label · column label)."""
    if text == "":
        read.notes[path] = f"原表“{what}”为空白，按 0 读取"
        read.blanks += 1
        return 0
    try:
        value = Decimal(text)
    except InvalidOperation:
        value = Decimal(0)
    if value != value.to_integral_value() or value < 0:
        read.notes[path] = f"原表“{what}”是 {text}，不是件数，按 0 读取"
        return 0
    return int(value)


def best(label: str, choices: dict[str, Any], cutoff: float = 0.6) -> tuple[Any, str, float]:
    """The choice whose key reads most like `label` (keys and label compared by `label_key`)."""
    key = label_key(label)
    if key in choices:
        return choices[key], key, 1.0
    scored = [(difflib.SequenceMatcher(None, key, k).ratio(), k) for k in choices]
    if not scored:
        return None, "", 0.0
    ratio, closest = max(scored)
    return (choices[closest], closest, ratio) if ratio >= cutoff else (None, "", ratio)


def fill_missing(data: dict[str, Any], read: Read) -> None:
    """Table 二's rows the table lacks, as 0 in `data` with a note (and in `read.missing`, so the
    import warns of each, or in a PDF marks it unsure); a missing 收费金额 is 0 with a note."""
    for key, label in T.RULE_ROWS:
        if key not in data:
            data[key] = {col: 0 for col, _ in T.RULE_COLUMNS}
            read.notes[f"active_disclosure.{key}"] = f"原表没有“{label}”行，按 0 填写"
            read.missing.append((f"active_disclosure.{key}", label))
    for key, label, _ in T.DECISION_ROWS:
        if key not in data:
            data[key] = 0
            read.notes[f"active_disclosure.{key}"] = f"原表没有“{label}”行，按 0 填写"
            read.missing.append((f"active_disclosure.{key}", label))
    if T.FEE_ROW[0] not in data:
        data[T.FEE_ROW[0]] = Decimal(0)
        read.notes["active_disclosure.fees"] = f"原表没有“{T.FEE_ROW[1]}”的收费金额，按 0 填写"
        read.missing.append(("active_disclosure.fees", T.FEE_ROW[1]))  # not read is not 0: unsure, or said
