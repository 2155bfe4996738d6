"""ROWTOTAL, RESULTS and REVIEWTOTAL: a 总计 the report prints must be the sum of what it totals
(国办公开办函〔2021〕30号 表三: each row's 总计 is the sum of the six applicant columns, 三（七）总计 the sum
of （一）至（六）; 表四: each group's 总计 the sum of 结果维持、结果纠正、其他结果、尚未审结). A facts file
need not give the totals (they are computed): one it gives must agree."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..errors import Problem
from ..model.formats import national_tables as T
from ..model.formats.national_totals import lookup
from .rule import EITHER, ERROR, Check, OnReport, Rule
from .tables import APPS_TABLE, NATIONAL, REVIEW_TABLE, application_rows, review_rows, short, sum_text

if TYPE_CHECKING:
    from ..model.formats.base import FactsView as Facts

_FORMAT = "国办公开办函〔2021〕30号《政府信息公开工作年度报告格式》"
ROWTOTAL = Rule("ROWTOTAL", "行总计不符", ERROR, "表三某一行的“总计”不等于自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他六列之和。",
                f"{_FORMAT}表三“申请人情况”各列", report=OnReport())
RESULTS = Rule("RESULTS", "办理结果总计不符", EITHER, "表三“（七）总计”一行的某一列不等于“（一）予以公开”至“（六）其他处理”各行之和。",
               f"{_FORMAT}表三“三、本年度办理结果”",
               report=OnReport(checks="表三“（七）总计”一行的某一列不等于“（一）予以公开”至“（六）其他处理”各行之和（错误）；"
                                      "只有“总计”一栏相加不等于（七）总计，而各列都对得上时（多是某一行的“总计”填错了，"
                                      "那一行另有 ROWTOTAL），是警告。"))
REVIEWTOTAL = Rule("REVIEWTOTAL", "复议诉讼总计不符", ERROR,
                   "表四“行政复议”“未经复议直接起诉”“复议后起诉”的“总计”不等于结果维持、结果纠正、其他结果、尚未审结之和。",
                   f"{_FORMAT}表四", report=OnReport())


def check(facts: Facts, previous: Facts | None) -> list[Problem]:
    """ROWTOTAL and RESULTS (table 三) then REVIEWTOTAL (table 四): an error at each total the file
    gives that differs from the computed one, with the terms. A table with an invalid figure: nothing."""
    rows, reviews = application_rows(facts), review_rows(facts)
    return (application_totals(facts, rows) if rows is not None else []) + (
        review_totals(facts, reviews) if reviews is not None else [])


def application_totals(facts: Facts, rows: dict[str, dict[str, int]]) -> list[Problem]:
    """ROWTOTAL and RESULTS: a total the file gives must equal the computed one."""
    found: list[Problem] = []
    apps = facts.data["applications"]
    for r in (T.NEW, T.CARRIED_OVER, *T.RESULT_ROWS, T.CARRIED_FORWARD):
        typed = lookup(apps, r.key).get("total")
        if typed is not None and typed != rows[r.key]["total"]:
            found.append(facts.problem(
                f"applications.{r.key}.total",
                f"行总计不符（ROWTOTAL）：{APPS_TABLE}“{r.printed}”行的“总计”填的是 {typed}，"
                f"但 {sum_text(lookup(apps, r.key), T.APPLICANT_COLUMNS)} = {rows[r.key]['total']}。"
                "总计由程序计算，可以删去不填。", code="ROWTOTAL"))
    typed_row = apps.get("results_total")
    if typed_row:
        for key, name in (*T.APPLICANT_COLUMNS, T.TOTAL):
            typed = typed_row.get(key)
            want = rows[T.RESULTS_TOTAL.key][key]
            if typed is not None and typed != want:
                parts = "、".join(f"{short(r)} {rows[r.key][key]}" for r in T.RESULT_ROWS if rows[r.key][key])
                found.append(facts.problem(
                    f"applications.results_total.{key}",
                    f"办理结果总计不符（RESULTS）：{APPS_TABLE}“（七）总计”行“{name}”列填的是 {typed}，"
                    f"但（一）至（六）各行之和为 {want}（{parts or '各行均为 0'}）。（七）总计由程序计算，可以删去不填。",
                    code="RESULTS"))
    return found


def review_totals(facts: Facts, reviews: dict[str, dict[str, int]]) -> list[Problem]:
    """REVIEWTOTAL: a 复议/诉讼 total the file gives must equal the computed one."""
    found: list[Problem] = []
    review = facts.data["review_litigation"]
    for key, label in T.REVIEW_GROUPS:
        typed = review[key].get("total")
        if typed is not None and typed != reviews[key]["total"]:
            found.append(facts.problem(
                f"review_litigation.{key}.total",
                f"复议诉讼总计不符（REVIEWTOTAL）：{REVIEW_TABLE}“{label}”的“总计”填的是 {typed}，"
                f"但 {sum_text(review[key], T.OUTCOME_COLUMNS)} = {reviews[key]['total']}。总计由程序计算，可以删去不填。",
                code="REVIEWTOTAL"))
    return found


CHECK = Check((ROWTOTAL, RESULTS, REVIEWTOTAL), check, formats=NATIONAL)
