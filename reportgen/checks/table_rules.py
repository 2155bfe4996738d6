"""The rules the national format's numbers must obey (the reference the project was built from, shared/reference/statutory-format.md §3; README “Checks”), as findings that
name the table, row and column by their printed labels, give the numbers, and point into the file."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..errors import Problem, Severity
from ..model.formats import national_tables as T

if TYPE_CHECKING:
    from ..model.formats.base import FactsView as Facts

APPS_TABLE = "表“三、收到和处理政府信息公开申请情况”"
ACTIVE_TABLE = "表“二、主动公开政府信息情况”"
REVIEW_TABLE = "表“四、政府信息公开行政复议、行政诉讼情况”"


def run_all(facts: Facts, previous: Facts | None) -> list[Problem]:
    """Every rule whose figures are all valid. A table with a problem already reported (a blank or
    mistyped count) is left out, so one mistake gives one message, not a wrong sum as well."""
    from ..model.formats.national_totals import complete, computed_reviews, computed_rows

    data, fields = facts.data, facts.format.schema.fields
    rows = computed_rows(data["applications"]) if complete(data.get("applications"), fields["applications"]) else None
    reviews = (computed_reviews(data["review_litigation"])
               if complete(data.get("review_litigation"), fields["review_litigation"]) else None)
    active_ok = complete(data.get("active_disclosure"), fields["active_disclosure"])
    found: list[Problem] = []
    if rows is not None:
        found += application_totals(facts, rows)
        found += balance(facts, rows)
    if reviews is not None:
        found += review_totals(facts, reviews)
    if active_ok:
        found += rulemaking(facts)
    if previous is not None and previous.format is facts.format:
        if rows is not None:
            found += carry(facts, previous, rows, computed_rows(previous.data["applications"]))
        if active_ok:
            found += stock(facts, previous)
    return found


def _sum_text(row: dict[str, Any], columns: tuple[tuple[str, str], ...]) -> str:
    return " + ".join(f"{name} {row[key]}" for key, name in columns)


def application_totals(facts: Facts, rows: dict[str, dict[str, int]]) -> list[Problem]:
    """ROWTOTAL and RESULTS: a total the file gives must equal the computed one."""
    found: list[Problem] = []
    apps = facts.data["applications"]
    from ..model.formats.national_totals import lookup

    for r in (T.NEW, T.CARRIED_OVER, *T.RESULT_ROWS, T.CARRIED_FORWARD):
        typed = lookup(apps, r.key).get("total")
        if typed is not None and typed != rows[r.key]["total"]:
            found.append(facts.problem(
                f"applications.{r.key}.total",
                f"行总计不符（ROWTOTAL）：{APPS_TABLE}“{r.printed}”行的“总计”填的是 {typed}，"
                f"但 {_sum_text(lookup(apps, r.key), T.APPLICANT_COLUMNS)} = {rows[r.key]['total']}。"
                "总计由程序计算，可以删去不填。", code="ROWTOTAL"))
    typed_row = apps.get("results_total")
    if typed_row:
        for key, name in (*T.APPLICANT_COLUMNS, T.TOTAL):
            typed = typed_row.get(key)
            want = rows[T.RESULTS_TOTAL.key][key]
            if typed is not None and typed != want:
                parts = "、".join(f"{_short(r)} {rows[r.key][key]}" for r in T.RESULT_ROWS if rows[r.key][key])
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
                f"但 {_sum_text(review[key], T.OUTCOME_COLUMNS)} = {reviews[key]['total']}。总计由程序计算，可以删去不填。",
                code="REVIEWTOTAL"))
    return found


def _short(r: T.AppRow) -> str:
    """A row named briefly: （三）4.保护第三方合法权益 → （三）4.保护第三方合法…"""
    group = r.group[:3] if r.group else ""
    label = r.label if len(r.label) <= 12 else r.label[:11] + "…"
    return group + label


def balance(facts: Facts, rows: dict[str, dict[str, int]]) -> list[Problem]:
    """BALANCE: 一 + 二 = 三（七）+ 四, in every applicant column (the 总计 column follows)."""
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


def carry(facts: Facts, previous: Facts, rows: dict[str, dict[str, int]],
          last_rows: dict[str, dict[str, int]]) -> list[Problem]:
    """CARRY: this year's 上年结转 equals last year's 结转下年度继续办理, column by column."""
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


def rulemaking(facts: Facts) -> list[Problem]:
    """RULEMAKING: only agencies with rule-making power can have 规章 (《立法法》第九十一条、第九十三条):
    `rulemaking_power` when the file says, else what the agency's name shows (model.deadlines.
    makes_rules: a province-level or 自治州 government and its office)."""
    from ..model.deadlines import makes_rules

    power = facts.data.get("rulemaking_power")
    if power is None:
        power = makes_rules(str((facts.data.get("agency") or {}).get("name") or ""))
    if power:
        return []
    regs = facts.data["active_disclosure"]["regulations"]
    nonzero = [f"{name} {regs[key]}" for key, name in T.RULE_COLUMNS if regs[key]]
    if not nonzero:
        return []
    first = next(key for key, _ in T.RULE_COLUMNS if regs[key])
    return [facts.problem(
        f"active_disclosure.regulations.{first}",
        f"规章数不为零（RULEMAKING）：{ACTIVE_TABLE}“规章”行 {'，'.join(nonzero)}，但只有国务院部门、省级政府和设区的市、"
        "自治州政府等有规章制定权。请确认这些是否为行政规范性文件；如本机关确有规章制定权，请写 rulemaking_power: true。",
        code="RULEMAKING", severity=Severity.WARNING)]


def stock(facts: Facts, previous: Facts) -> list[Problem]:
    """STOCK: 现行有效件数 ≈ last year's + 本年制发 − 本年废止 (plausibility)."""
    found: list[Problem] = []
    for key, label in T.RULE_ROWS:
        now = facts.data["active_disclosure"][key]
        last = previous.data["active_disclosure"][key]["in_force"]
        expected = last + now["issued"] - now["repealed"]
        if now["in_force"] != expected:
            found.append(facts.problem(
                f"active_disclosure.{key}.in_force",
                f"现行有效件数对不上（STOCK）：{ACTIVE_TABLE}“{label}”的现行有效件数是 {now['in_force']}，"
                f"按上年 {last} + 本年制发 {now['issued']} − 本年废止 {now['repealed']} 应为 {expected}。"
                "如有清理、失效等其他变动可忽略本提示。",
                code="STOCK", severity=Severity.WARNING))
    return found
