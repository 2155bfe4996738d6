"""BALANCE: table 三's own relation, printed in its top-left cell (国办公开办函〔2021〕30号 表三:
「本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和」): in every applicant column,
一、本年新收 + 二、上年结转 = 三、本年度办理结果（七）总计 + 四、结转下年度继续办理."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..errors import Problem
from ..model.formats import national_tables as T
from .rule import ERROR, Check, OnReport, Rule
from .tables import APPS_TABLE, NATIONAL, application_rows

if TYPE_CHECKING:
    from ..model.formats.base import FactsView as Facts

RULE = Rule("BALANCE", "勾稽关系不平", ERROR,
            "表三某一类申请人一列：一、本年新收 + 二、上年结转，不等于 三、本年度办理结果（七）总计 + 四、结转下年度继续办理。",
            "国办公开办函〔2021〕30号《政府信息公开工作年度报告格式》表三左上角：“第一项加第二项之和，等于第三项加第四项之和”",
            report=OnReport())


def check(facts: Facts, previous: Facts | None) -> list[Problem]:
    """BALANCE: an error at 四、结转下年度继续办理 of each applicant column (the 总计 column follows
    from them) where 一 + 二 ≠ 三（七）+ 四, with the four figures. A table with an invalid figure: nothing."""
    rows = application_rows(facts)
    if rows is None:
        return []
    found: list[Problem] = []
    for key, name in T.APPLICANT_COLUMNS:
        new, old = rows["new"][key], rows["carried_over"][key]
        done, forward = rows["results_total"][key], rows["carried_forward"][key]
        if new + old != done + forward:
            found.append(facts.problem(
                f"applications.carried_forward.{key}",
                f"勾稽关系不平（BALANCE）：{APPS_TABLE}“{name}”列，一、本年新收 {new} + 二、上年结转 {old} = {new + old}，"
                f"但 三、本年度办理结果（七）总计 {done} + 四、结转下年度继续办理 {forward} = {done + forward}。"
                f"请核对 applications 下 new、carried_over、各办理结果和 carried_forward 的 {key}（{name}）。",
                code="BALANCE"))
    return found


CHECK = Check((RULE,), check, formats=NATIONAL)
