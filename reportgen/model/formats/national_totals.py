"""The computed parts of the national format's tables (国办公开办函〔2021〕30号): every printed row of
the applications table and of the review table with its totals, derived from the counts a facts file
gives. Pure: no YAML, no docx; used by the format, its checks, the roll-ups and `reportgen new`."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from . import national_tables as T


def _row_sum(rows: list[dict[str, int | None]], columns: tuple[tuple[str, str], ...]) -> dict[str, int]:
    out = {key: sum(r[key] or 0 for r in rows) for key, _ in columns}
    out["total"] = sum(out.values())
    return out


def computed_rows(apps: dict[str, Any]) -> dict[str, dict[str, int]]:
    """Every printed row of the applications table with computed totals, by row key."""
    rows: dict[str, dict[str, int]] = {}
    for r in (T.NEW, T.CARRIED_OVER, *T.RESULT_ROWS, T.CARRIED_FORWARD):
        rows[r.key] = _row_sum([lookup(apps, r.key)], T.APPLICANT_COLUMNS)
    rows[T.RESULTS_TOTAL.key] = _row_sum([rows[r.key] for r in T.RESULT_ROWS], T.APPLICANT_COLUMNS)
    for group, _, items in T.GROUPS:
        rows[group] = _row_sum([rows[f"{group}.{k}"] for k, _ in items], T.APPLICANT_COLUMNS)
    return rows


def computed_reviews(review: dict[str, Any]) -> dict[str, dict[str, int]]:
    """Each group of the review table (行政复议; 行政诉讼 未经复议直接起诉 and 复议后起诉) with its four
    outcomes and their computed 总计, by key."""
    return {key: _row_sum([review[key]], T.OUTCOME_COLUMNS) for key, _ in T.REVIEW_GROUPS}


def lookup(data: dict[str, Any], dotted: str) -> Any:
    """The value at a dotted path of nested mappings ("denied.state_secret" → data["denied"]["state_secret"]);
    KeyError when a step is missing."""
    for part in dotted.split("."):
        data = data[part]
    return data


def amount_text(value: Decimal) -> str:
    """An amount as typed (7730.28 stays 7730.28), never in exponent form."""
    return format(value, "f")


def complete(value: Any, field: Any = None) -> bool:
    """Every count below is there and valid (optional typed totals aside): a part with a problem
    already reported offers no references, so one mistake gives one message."""
    fields = getattr(field, "fields", None) or getattr(field, "cells", None)  # a Record or a CountRow
    if isinstance(fields, dict):
        if not isinstance(value, dict):
            return False
        return all(complete(value.get(k), sub) for k, sub in fields.items() if sub.required)
    return value is not None
