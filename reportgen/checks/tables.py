"""What the rules of the national format's three tables share (国办公开办函〔2021〕30号; the rules
themselves, statutory-format.md §3, are the modules totals, balance, rulemaking, carry and stock):
the tables named as printed, and their computed rows — only for a table whose every figure is valid,
so a blank or mistyped count (its own error) gives one message, not a wrong sum as well."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..model.formats import national_tables as T
from ..model.formats.national_totals import complete, computed_reviews, computed_rows

if TYPE_CHECKING:
    from ..model.formats.base import FactsView as Facts

NATIONAL = ("national-2021",)  # the format whose tables these are
APPS_TABLE = "表“三、收到和处理政府信息公开申请情况”"
ACTIVE_TABLE = "表“二、主动公开政府信息情况”"
REVIEW_TABLE = "表“四、政府信息公开行政复议、行政诉讼情况”"


def _complete(facts: Facts, key: str) -> bool:
    return complete(facts.data.get(key), facts.format.schema.fields[key])


def application_rows(facts: Facts) -> dict[str, dict[str, int]] | None:
    """Every printed row of table 三 with its computed totals (national_totals.computed_rows), by
    row key; None when a figure of the table is missing or invalid."""
    return computed_rows(facts.data["applications"]) if _complete(facts, "applications") else None


def review_rows(facts: Facts) -> dict[str, dict[str, int]] | None:
    """Table 四's three groups with their computed totals; None when a figure is missing or invalid."""
    return computed_reviews(facts.data["review_litigation"]) if _complete(facts, "review_litigation") else None


def active_complete(facts: Facts) -> bool:
    """Whether every figure of table 二 is valid."""
    return _complete(facts, "active_disclosure")


def sum_text(row: dict[str, Any], columns: tuple[tuple[str, str], ...]) -> str:
    """自然人 3 + 商业企业 1 + … : a row's figures named by their columns."""
    return " + ".join(f"{name} {row[key]}" for key, name in columns)


def short(r: T.AppRow) -> str:
    """A row named briefly: （三）4.保护第三方合法权益 → （三）4.保护第三方合法…"""
    group = r.group[:3] if r.group else ""
    label = r.label if len(r.label) <= 12 else r.label[:11] + "…"
    return group + label
