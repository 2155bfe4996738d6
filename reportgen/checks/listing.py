"""The registry's rules as people read them, all from reportgen.checks.registry: `reportgen rules`
(plain text for a terminal, columns measured in display columns: a Chinese character takes two),
`reportgen rules CODE` (one rule with its source), and the Markdown tables scripts/make_docs.py
writes into docs/用户指南.md (every rule) and docs/审核指南.md (the rules a published report gets)."""

from __future__ import annotations

import re

from .registry import CHECKS, FAMILIES, RULES, find, report_rules
from .rule import PUBLICATION, REPORT, UNSURE, Family, Rule

KIND_LABELS = {REPORT: "报告中的问题", UNSURE: "读取没有把握", PUBLICATION: "发布"}
_APPLIES = {"两者": "事实文件和已发布的报告", "事实文件": "只检查事实文件", "已发布报告": "只检查已发布的报告"}


def columns(text: str) -> int:
    """Columns `text` takes in a terminal: 2 for a wide (CJK, full-width or ambiguous) character,
    else 1 (reportgen.model.text.display_width counts in full-width characters)."""
    from ..model.text import display_width

    return round(display_width(text) * 2)


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - columns(text))


# Marks a line must not begin with (the rule of Chinese typesetting): they stay at the end of the line before.
_NO_LINE_START = set("，。、；：？！）》」』”’…—%")
_NO_LINE_END = set("（《「『“‘")


def wrap(text: str, width: int) -> list[str]:
    """`text` cut into lines of at most `width` columns: never inside a run of ASCII letters and
    digits (a code, a number) unless it alone is wider, never before a closing mark (，。）” …: what
    stands before it goes down with it) nor after an opening one (（“《)."""
    lines: list[str] = []
    line: list[str] = []
    for piece in re.findall(r"[{}A-Za-z0-9._+/-]+|.", text):
        if not line or columns("".join(line) + piece) <= width:
            line.append(piece)
            continue
        carried = [piece]
        if piece[0] in _NO_LINE_START:  # the closing marks before it, and one more piece, go down too
            while len(line) > 1 and line[-1][-1] in _NO_LINE_START:
                carried.insert(0, line.pop())
            if len(line) > 1:
                carried.insert(0, line.pop())
        while len(line) > 1 and line[-1] in _NO_LINE_END:  # an opening mark goes down with what it opens
            carried.insert(0, line.pop())
        lines.append("".join(line).rstrip())
        line = carried
        while line and not line[0].strip():
            line.pop(0)
    if "".join(line).strip():
        lines.append("".join(line).rstrip())
    return lines


def _indented(text: str, width: int, first: str = "    ", rest: str = "    ") -> list[str]:
    """`text` wrapped to `width` columns, its first line after `first`, the others after `rest`."""
    lines = wrap(text, width - columns(rest))
    if lines and columns(first) != columns(rest):
        head = wrap(text, width - columns(first))[0]
        lines = [head] + wrap(text[len(head):].lstrip(), width - columns(rest))
    return [(first if i == 0 else rest) + line for i, line in enumerate(lines)]


_HEAD = ("代码", "名称", "轻重", "适用于", "上一年度")


def _row(rule: Rule) -> tuple[str, str, str, str, str]:
    return rule.code, rule.name, rule.severity_text, rule.applies_text, "需要" if rule.previous else ""


def rules_text(width: int = 100) -> str:
    """Every rule, one row each (code, name, severity, what it applies to, whether it needs last
    year's) with what it checks on the lines below, wrapped at `width` columns; then the families of
    lower-case codes of how a facts file is written."""
    rows = [_HEAD] + [_row(r) for r in RULES.values()]
    widths = [max(columns(row[i]) for row in rows) + 2 for i in range(len(_HEAD) - 1)]
    out = [*wrap(f"reportgen 的检查规则（共 {len(RULES)} 条）。适用于：两者 = 事实文件和已发布的报告；"
                 "上一年度：需要上一年度的事实文件才检查。", width), ""]
    narrow = sum(widths) + columns(_HEAD[-1]) > width  # a terminal too narrow for the columns
    for i, row in enumerate(rows):
        if narrow and i:
            out += _indented(f"{row[0]} {row[1]}（{row[2]}；{row[3]}{'；需要上一年度' if row[4] else ''}）", width, "", "  ")
        elif not narrow:
            out.append(("".join(_pad(cell, w) for cell, w in zip(row, widths)) + row[-1]).rstrip())
        if i:
            out += _indented(RULES[row[0]].checks, width)
    out += ["", *wrap("事实文件写法的错误（小写代码；不是报告的检查规则，而是文件本身写得不对）：", width)]
    for family in FAMILIES:
        out += _indented(f"{family.name}：{'、'.join(family.codes)}", width, "  ")
        out += _indented(family.checks, width)
    out += ["", *wrap("reportgen rules 代码：显示一条规则的详细说明和依据，例如 reportgen rules BALANCE。", width)]
    return "\n".join(out) + "\n"


def rule_text(code: str, width: int = 100) -> str | None:
    """One rule (or the family of a lower-case code) with its source, whatever the code's case;
    None when no rule or family has that code."""
    found = find(code)
    if found is None:
        return None
    if isinstance(found, Family):
        lines = [f"{code.lower()}（{found.name}）：事实文件写法的错误，不是报告的检查规则。",
                 f"检查什么：{found.checks}", f"同一类的代码：{'、'.join(found.codes)}", f"依据：{found.source}"]
    else:
        lines = [f"{found.code} {found.name}", f"轻重：{found.severity_text}", f"适用于：{_APPLIES[found.applies_text]}",
                 f"需要上一年度的事实文件：{'是' if found.previous else '否'}", f"检查什么：{found.checks}"]
        if found.report is not None:
            if found.report_checks != found.checks:
                lines.append(f"在已发布的报告上：{found.report_checks}")
            lines.append(f"已发布报告上的归类：{KIND_LABELS[found.report.kind]}")
        lines.append(f"依据：{found.source}")
    return "\n".join(out for line in lines for out in _indented(line, width, "", "  ")) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def markdown_rules() -> str:
    """The user guide's rule table: every rule in registry order, then the families."""
    lines = ["| 代码 | 名称 | 轻重 | 适用于 | 检查什么 | 依据 |", "|---|---|---|---|---|---|"]
    for rule in RULES.values():
        applies = rule.applies_text + ("（需要上一年度的文件）" if rule.previous else "")
        lines.append(f"| {rule.code} | {rule.name} | {rule.severity_text} | {applies} | {_cell(rule.checks)} | "
                     f"{_cell(rule.source)} |")
    lines += ["", "事实文件写法的错误（小写代码，都是错误；不是报告的检查规则，而是文件本身写得不对，提示里说明怎么改）：", "",
              "| 类别 | 检查什么 | 代码 |", "|---|---|---|"]
    lines += [f"| {f.name} | {_cell(f.checks)} | {'、'.join(f.codes)} |" for f in FAMILIES]
    return "\n".join(lines) + "\n"


def markdown_report_rules() -> str:
    """The reviewer guide's table: the rules a published report gets, with the kind of finding."""
    lines = ["| 代码 | 名称 | 轻重 | 归类 | 检查什么 | 依据 |", "|---|---|---|---|---|---|"]
    for rule in report_rules():
        assert rule.report is not None
        lines.append(f"| {rule.code} | {rule.name} | {rule.severity_text} | {KIND_LABELS[rule.report.kind]} | "
                     f"{_cell(rule.report_checks)} | {_cell(rule.source)} |")
    skipped = [r.code for r in RULES.values() if r.report is None and r.previous]
    own = "、".join(r.code for r in RULES.values() if r.report is None and not r.previous)
    lines += ["", f"不检查的：需要上一年度的文件的几项（{'、'.join(skipped)}），见下文“比较两年的报告”；"
              f"只关乎事实文件的写法和生成报告的几项（{own}）。"]
    return "\n".join(lines) + "\n"


__all__ = ["CHECKS", "markdown_report_rules", "markdown_rules", "rule_text", "rules_text", "wrap"]
