"""Where a field path sits in the report, in words a clerk reads: `sections[0].paragraphs[1]` →
第1部分第2段, `overview.management[1].points[0]` → 一、总体情况（三）政府信息管理第2段第1点, and which
part of the report a blank belongs to (`applications.new.natural` → 三、收到和处理政府信息公开申请情况).

Used by reportgen.errors (a message without a Chinese label) and reportgen.blanks (the list of
blanks by part). Pure: no other module of reportgen is imported, so errors.py may use it freely.
The parts' titles are the national format's (国办公开办函〔2021〕30号, its six parts); the narrative
format's numbered `sections` are named by their number.
"""

from __future__ import annotations

import re

# A facts file's top-level keys → the part of the report they fill, as printed (the national format).
_PARTS = {
    "preamble": "前言",
    "intro": "导语",
    "closing": "结尾",
    "counts": "正文引用的数量（counts）",
    "meetings": "正文引用的会议（meetings）",
    "overview": "一、总体情况",
    "active_disclosure": "二、主动公开政府信息情况",
    "applications": "三、收到和处理政府信息公开申请情况",
    "review_litigation": "四、政府信息公开行政复议、行政诉讼情况",
    "problems": "五、存在的主要问题及改进情况",
    "other_matters": "六、其他需要报告的事项",
    "processing_fee": "六、其他需要报告的事项（信息处理费）",
    "requests": "依申请公开情况",
    "agency": "机关",
    "attachments": "附件",
}
_OVERVIEW = {"intro": "导语", "active": "（一）主动公开", "requests": "（二）依申请公开",
             "management": "（三）政府信息管理", "platforms": "（四）政府信息公开平台建设", "oversight": "（五）监督保障"}
# A key inside a part → its words; an index after it is counted with the unit given.
_INNER = {"sections": ("第{}部分", ""), "subsections": ("第{}小节", ""), "paragraphs": ("第{}段", ""),
          "points": ("第{}点", ""), "inline_points": ("第{}点", ""), "heading": ("", "标题"), "tail": ("", "结尾一句"),
          "title": ("", "标题"), "attachments": ("附件{}", "")}
_STEP = re.compile(r"\.?([A-Za-z_]\w*)|\[(\d+)\]")


def _steps(path: str) -> list[str | int]:
    return [int(m.group(2)) if m.group(2) else m.group(1) for m in _STEP.finditer(path)]


def part_of(path: str) -> str:
    """The part of the report the field at `path` fills (its top-level key's part: 二、主动公开政府信息情况),
    a narrative report's part by its number (sections[2] → 第3部分); "" when not known."""
    steps = _steps(path)
    if not steps:
        return ""
    if steps[0] == "sections" and len(steps) > 1 and isinstance(steps[1], int):
        return f"第{steps[1] + 1}部分"
    return _PARTS.get(str(steps[0]), "")


def readable(path: str) -> str:
    """`path` said in Chinese (第1部分第2段, 五、存在的主要问题及改进情况第2段第1点, 一、总体情况（一）主动公开第1段),
    or "" when a step of it has no Chinese name (the caller then shows the path alone)."""
    steps = _steps(path)
    if not steps or not isinstance(steps[0], str):
        return ""
    words: list[str] = []
    rest = steps
    if steps[0] == "overview" and len(steps) > 1 and steps[1] in _OVERVIEW:
        words.append(_PARTS["overview"] + _OVERVIEW[str(steps[1])])
        rest = steps[2:]
        unit = "第{}段"
    elif steps[0] in _INNER:
        unit = ""
    elif steps[0] in _PARTS:
        words.append(_PARTS[str(steps[0])])
        rest = steps[1:]
        unit = "第{}段"
    else:
        return ""
    for step in rest:
        if isinstance(step, int):
            if not unit:
                return ""
            words.append(unit.format(step + 1))
            unit = ""
        elif step in _INNER:
            counted, named = _INNER[step]
            if named:
                words.append(named)
            unit = counted
        else:
            return ""
    return "".join(words)
