"""CARRY: this year's 二、上年结转 is last year's 四、结转下年度继续办理, column by column (国办公开办函〔2021〕30号
表三; the same agency's two reports: what was carried forward is what is carried over)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..errors import Problem
from ..model.formats import national_tables as T
from ..model.formats.national_totals import computed_rows
from .rule import ERROR, Check, Rule
from .tables import APPS_TABLE, NATIONAL, application_rows

if TYPE_CHECKING:
    from ..model.formats.base import FactsView as Facts

RULE = Rule("CARRY", "上年结转不符", ERROR,
            "表三“二、上年结转政府信息公开申请数量”某一列不等于上一年度报告“四、结转下年度继续办理”的同一列。",
            "国办公开办函〔2021〕30号《政府信息公开工作年度报告格式》表三第二项与上一年度的第四项", previous=True)


def check(facts: Facts, previous: Facts | None) -> list[Problem]:
    """CARRY: an error at each column of 二、上年结转 that differs from last year's 四、结转下年度继续办理,
    naming where last year's figure is. Without last year's facts (of the same format), or with an
    invalid figure in this year's table: nothing."""
    rows = application_rows(facts)
    if previous is None or previous.format is not facts.format or rows is None:
        return []
    last_rows = computed_rows(previous.data["applications"])
    found: list[Problem] = []
    for key, name in T.APPLICANT_COLUMNS:
        this, last = rows["carried_over"][key], last_rows["carried_forward"][key]
        if this != last:
            where = previous.where(f"applications.carried_forward.{key}")
            found.append(facts.problem(
                f"applications.carried_over.{key}",
                f"上年结转不符（CARRY）：{APPS_TABLE}“二、上年结转政府信息公开申请数量”行“{name}”列是 {this}，"
                f"但上一年度报告“四、结转下年度继续办理”的“{name}”是 {last}（{where}）。",
                code="CARRY"))
    return found


CHECK = Check((RULE,), check, formats=NATIONAL, previous=True, with_errors=False)
