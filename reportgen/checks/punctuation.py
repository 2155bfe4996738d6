"""PUNCT: half-width punctuation typed in Chinese text (GB/T 15834: Chinese text takes full-width
marks). A mark that prints in full width is a warning at its place saying what will be printed;
a bracket or quote without its other half is printed as typed, and the warning says to add it."""

from __future__ import annotations

import re

from ..errors import Problem, Severity
from ..load.positions import text_offset
from ..model.facts import Facts
from ..model.text import punctuation_fixes, unpaired_punctuation
from .rule import WARNING, Check, OnReport, Rule
from .wording import where_printed

_FIXED = re.compile(r"^半角标点“(.+?)”(夹在汉字之间|用在中文里)：报告中会印成全角“(.+?)”")
_UNPAIRED = re.compile(r"^半角标点“(.)”没有配对的另一半")


def for_report(problem: Problem) -> str:
    """A half-width mark in a published report's text, where it is (the characters around it and
    the part of the report), and the mark GB/T 15834 asks for."""
    where = where_printed(problem)
    aside = f"（{where}）" if where else ""
    m = _FIXED.match(problem.message)
    if m:
        return f"半角标点“{m[1]}”{m[2]}{aside}：中文里应使用全角“{m[3]}”（GB/T 15834—2011《标点符号用法》）。"
    m = _UNPAIRED.match(problem.message)
    mark = m[1] if m else ""
    pair = "括号“（）”" if mark in "()" else "引号“”"
    return f"半角标点“{mark}”没有配对的另一半{aside}：中文里应使用成对的全角{pair}（GB/T 15834—2011《标点符号用法》）。"


RULE = Rule("PUNCT", "半角标点", WARNING,
            "中文里用了半角标点（, ; : ? ! ( ) \" ...）：每个标点处提示一次；生成的报告印成全角，成对的括号、引号一起改。",
            "GB/T 15834—2011《标点符号用法》：中文使用全角标点",
            report=OnReport(wording=for_report, checks="报告的中文里用了半角标点（, ; : ? ! ( ) \" ...）：每个标点处提示一次，写出前后的几个字和所在的部分。"))


def check(facts: Facts, previous: Facts | None) -> list[Problem]:
    """PUNCT (`half_width_punctuation`)."""
    return half_width_punctuation(facts)


def half_width_punctuation(facts: Facts) -> list[Problem]:
    """PUNCT: half-width punctuation in Chinese text, one warning at each mark that prints in full
    width (text.punctuation_fixes; pairs of brackets and quotes both or neither)."""
    found = []
    keep = "（生成时加 --keep-punctuation 则保留原样）"
    for path, node in facts.prose:
        for offset, typed, printed in punctuation_fixes(node.value):
            where = "夹在汉字之间" if typed in ",;:?!" else "用在中文里"
            pair = "（与另一半成对改）" if typed in "()\"" else ""
            loc = facts.source_location(node, text_offset(node, offset))
            found.append(Problem(
                loc, f"半角标点“{typed}”{where}：报告中会印成全角“{printed}”{pair}{keep}。", path, "",
                Severity.WARNING, "PUNCT", facts.source.line(loc.line)))
        for offset in unpaired_punctuation(node.value):
            mark = node.value[offset]
            loc = facts.source_location(node, text_offset(node, offset))
            found.append(Problem(
                loc, f"半角标点“{mark}”没有配对的另一半：报告中照原样印出“{mark}”；请补上另一半"
                f"（全角{'（）' if mark in '()' else '“”'}），或删去它（PUNCT）。", path, "",
                Severity.WARNING, "PUNCT", facts.source.line(loc.line)))
    return found


CHECK = Check((RULE,), check)
