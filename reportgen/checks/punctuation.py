"""PUNCT: half-width punctuation typed in Chinese text (GB/T 15834: Chinese text takes full-width
marks). A mark that prints in full width is a warning at its place saying what will be printed;
a bracket or quote without its other half is printed as typed, and the warning says to add it."""

from __future__ import annotations

from ..errors import Problem, Severity
from ..load.positions import text_offset
from ..model.facts import Facts
from ..model.text import punctuation_fixes, unpaired_punctuation


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
