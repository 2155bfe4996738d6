"""VAGUE and FOLLOWUP: 五、存在的主要问题及改进情况 as assessors read it (statutory-format.md §5: “the
problems part specific, with itemised measures and last year's problems followed up”; 条例第五十条第（五）项
asks for 存在的主要问题及改进情况).

- VAGUE: the whole part is one short general sentence: no figure, no date, no item numbering and no
  verb of a concrete measure (制定, 开展, 组织, 培训, 上线 …). Conservative: a part of two sentences or more,
  or of 80 characters or more, is never flagged, nor a sentence that refers to other reports (见各机关的年度报告:
  the placeholder of a roll-up, reportgen.batch.rollup).
- FOLLOWUP: last year's 五、 named problems or measures (a narrative of 30 characters or more), and this
  year's says nothing of what became of them (no 上年, 去年, 上一年度, 整改, 落实, 已完成 … anywhere in it)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..errors import Problem, Severity
from ..model.document.blocks import text_of
from .rule import WARNING, Check, OnReport, Rule
from .tables import NATIONAL

if TYPE_CHECKING:
    from ..model.formats.base import FactsView as Facts

SHORT = 80  # characters (spaces not counted): a part this long or longer is never VAGUE
LAST_YEAR_SUBSTANCE = 30  # characters last year's 五、 must hold for FOLLOWUP to ask about it

_CONCRETE = re.compile(
    r"[0-9０-９]|[一二三四五六七八九十]是|[（(][一二三四五六七八九十\d][）)]|\d+[、.．]|年底|月底|季度|月前|年内|"
    r"制定|修订|出台|印发|开展|组织|举办|培训|上线|开设|建立|建成|改版|清理|整改|排查|督查|通报|考核|专栏|台账|清单|目录")
_FOLLOWED = re.compile(r"上年|去年|上一年|上年度|前一年|整改|落实情况|已完成|已经完成|已落实|已解决|已建立|已制定|已上线|"
                       r"得到解决|得到改进|有所改进|取得成效|改进情况")
_REFERRAL = re.compile(r"见.{0,12}报告")
_SPACE = re.compile(r"\s+")
_SENTENCE = re.compile(r"[^。！？；]+[。！？；]?")
_SOURCE = "《政府信息公开条例》第五十条第（五）项；第三方评估和政务公开检查的评分要点（问题具体、措施逐项、上年问题有整改）"

VAGUE = Rule("VAGUE", "改进措施笼统", WARNING,
             "“五、存在的主要问题及改进情况”整部分只有一句不到 80 字的话，没有数字、日期、分项，也没有具体措施的用语"
             "（制定、开展、培训、上线等）。", _SOURCE, report=OnReport())
FOLLOWUP = Rule("FOLLOWUP", "没有说明上年问题的整改", WARNING,
                "上一年度报告的“五、”写了问题和措施，本年的“五、”却没有说到上年问题的整改情况"
                "（没有“上年”“去年”“整改”“已完成”等用语）。", _SOURCE, previous=True)


def problems_text(facts: Facts) -> str:
    """The printed text of 五、 (its sub-heads left out), spaces dropped; "" when it has none."""
    out = []
    for path, node in facts.prose:
        if (path == "problems" or path.startswith(("problems.", "problems["))) and not path.endswith("heading"):
            try:
                out.append(text_of(node.value, facts.references))
            except KeyError:
                continue
    return _SPACE.sub("", "".join(out))


def check(facts: Facts, previous: Facts | None) -> list[Problem]:
    """VAGUE (always) and FOLLOWUP (with last year's facts), each at `problems`."""
    text = problems_text(facts)
    found = []
    sentences = [s for s in _SENTENCE.findall(text) if s.strip("。！？；")]
    if text and len(sentences) <= 1 and len(text) < SHORT and not _CONCRETE.search(text) \
            and not _REFERRAL.search(text):
        found.append(facts.problem(
            "problems", f"改进措施笼统（VAGUE）：“五、存在的主要问题及改进情况”只有一句话（“{text}”），没有写出具体的问题和"
            "措施：请逐项写明存在的问题、改进的措施和完成时限（如“一是……二是……”），评估时按是否具体评分。",
            code="VAGUE", severity=Severity.WARNING))
    if previous is not None:
        last = problems_text(previous)
        if len(last) >= LAST_YEAR_SUBSTANCE and text and not _FOLLOWED.search(text):
            found.append(facts.problem(
                "problems", "没有说明上年问题的整改（FOLLOWUP）：上一年度报告的“五、存在的主要问题及改进情况”写了问题和措施"
                f"（“{last[:40]}{'…' if len(last) > 40 else ''}”），本年这一部分没有说到它们的整改情况：请先写上年问题的"
                "整改落实情况，再写本年的问题和措施。", code="FOLLOWUP", severity=Severity.WARNING))
    return found


CHECK = Check((VAGUE, FOLLOWUP), check, formats=NATIONAL)
