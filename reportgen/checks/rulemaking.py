"""RULEMAKING: 规章 in table 二 from an agency without the power to make them. Only 国务院部门 and the
people's governments of provinces, autonomous regions, municipalities, 设区的市 and 自治州 make 规章
(《中华人民共和国立法法》第九十一条、第九十三条; 第八十一条 gives 东莞、中山、嘉峪关、三沙、儋州 a 设区的市's
power); a township, a 县级市, a district or a bureau with 规章 ≠ 0 has most often typed its 行政规范性文件 in
the 规章 row (statutory-format.md §3, mistakes found in real reports: 8). The agency's power is told from
its name (model.deadlines.makes_rules: the 设区的市 from model.prefecture_cities, the 国务院部门 from
model.state_council) unless the file says."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..errors import Problem, Severity
from ..model.deadlines import makes_rules
from ..model.formats import national_tables as T
from .rule import WARNING, Check, OnReport, Rule
from .tables import ACTIVE_TABLE, NATIONAL, active_complete

if TYPE_CHECKING:
    from ..model.formats.base import FactsView as Facts

_POWER = ("国务院各部、委员会、中国人民银行、审计署和直属机构（按全称），省、自治区、直辖市、设区的市、自治州的人民政府及其办公厅、办公室，"
          "按名称认作有规章制定权（只写地名的，如“淮安市”，认作该地人民政府的报告；设区的市按全国地级市的名单认）；"
          "县级市、区县、乡镇的人民政府和地方政府部门不算")
RULE = Rule("RULEMAKING", "规章数不为零", WARNING,
            f"表二“规章”一行的件数不是 0，而机关没有规章制定权（{_POWER}；其他有规章制定权的机关，如部委管理的国家局，在事实文件里写 rulemaking_power: true）。",
            "《中华人民共和国立法法》第九十一条、第九十三条：规章由国务院部门和省、自治区、直辖市、设区的市、自治州的人民政府制定；"
            "第八十一条：东莞、中山、嘉峪关、三沙、儋州比照设区的市；国办公开办函〔2021〕30号 表二 第二十条第（一）项“规章”",
            report=OnReport(checks=f"表二“规章”一行的件数不是 0，而机关没有规章制定权（常见的是把行政规范性文件填进了规章一行；{_POWER}）。"))
_WHO = "而规章只由国务院部门和省、自治区、直辖市、设区的市、自治州的人民政府制定（《立法法》第九十一条、第九十三条）"

def check(facts: Facts, previous: Facts | None) -> list[Problem]:
    """RULEMAKING: one warning at the first 规章 figure that is not 0, naming them all, unless the
    agency has the power: `rulemaking_power` when the file says, else what the agency's name shows
    (model.deadlines.makes_rules: a 国务院部门; a province-level, 设区的市 or 自治州 government and its office). Table 二
    with an invalid figure: nothing."""
    name = str((facts.data.get("agency") or {}).get("name") or "").strip()
    power = facts.data.get("rulemaking_power")
    if power is None:
        power = makes_rules(name)
    if power or not active_complete(facts):
        return []
    regs = facts.data["active_disclosure"]["regulations"]
    nonzero = [f"{label} {regs[key]}" for key, label in T.RULE_COLUMNS if regs[key]]
    if not nonzero:
        return []
    first = next(key for key, _ in T.RULE_COLUMNS if regs[key])
    if facts.data.get("rulemaking_power") is False:
        whose = "，事实文件写明本机关没有规章制定权（rulemaking_power: false）"
    elif name:
        whose = f"，从机关名称“{name}”看，本机关不是其中之一（县级市、区县、乡镇的人民政府和地方政府部门没有规章制定权）"
    else:
        whose = ""
    return [facts.problem(
        f"active_disclosure.regulations.{first}",
        f"规章数不为零（RULEMAKING）：{ACTIVE_TABLE}“规章”行 {'，'.join(nonzero)}，{_WHO}{whose}。"
        "请确认这些是否为行政规范性文件（应填在“行政规范性文件”一行）。"
        "如本机关确有规章制定权（如部委管理的国家局），请在事实文件里写 rulemaking_power: true。",
        code="RULEMAKING", severity=Severity.WARNING)]


CHECK = Check((RULE,), check, formats=NATIONAL)
