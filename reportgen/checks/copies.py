"""COPY: text carried over from last year's report unchanged (雷同), the fault inspections mark most.

The national format's notice (国办公开办函〔2021〕30号) holds agencies accountable for reports whose
content is copied (内容雷同). A copied paragraph rarely reads word for word as last year's: the year and
the figures were changed (2024→2025, 79件→86件). So texts are compared after masking every year and
figure, and a paragraph counts as copied when it is at least `THRESHOLD` similar to one of last year's
(difflib's ratio: 2 × matching characters / total characters). Paragraphs, single points and short
items are compared alike; headings (fixed by the format), the fixed sentences every report carries
(the fee statement, 无其他需要报告的事项, the 条例's own wording) and the clauses that state a figure are
left out: what is compared is the narrative a clerk has to write anew.

A clause that states a figure is not left out when it reads exactly as last year's, figures and
all (全年主动公开政府信息50条，其中统计数据信息6条 in both years): its figures are last year's too.
The clauses of a text holding a figure (years masked, figures kept: `figure_clauses`) are compared
whole and exactly; at least `MIN_FIGURES` figures other than 0 are needed, so that a clause that
reads alike by nature (上年结转0件, 20个工作日) says nothing of copying.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import yaml

from ..errors import Problem, Severity
from ..model.document.blocks import text_of
from ..model.facts import Facts
from .rule import WARNING, Check, Rule

THRESHOLD = 0.9  # ≥ 90 % similar after masking years and figures
MIN_LENGTH = 15  # characters left to compare: fewer (所有申请均在法定期限内答复。) say nothing of copying

MIN_FIGURES = 2  # figures other than 0 in a text's figure clauses before they count as copied
_YEARS = re.compile(r"(?:[0-9０-９]{4}|[〇零○一二三四五六七八九]{4})(?=\s*年)")
_NUMBERS = re.compile(r"[0-9０-９][0-9０-９,，.．%％]*|[〇零一二两三四五六七八九十百千万]{2,}(?=[年件条次个项元万%])")
_SPACE = re.compile(r"\s+")
# Sentences every year's report may carry word for word (fixed by law or by the format): a sentence
# in which one of these is found is left out.
FIXED = (
    re.compile(r"(?:未|没有|不)收取[^。]*(?:信息处理费|费用)|收取[^。]*信息处理费#元|信息处理费[^。]*为[#零〇]"),
    re.compile(r"无其他需要报告的事项"),
    re.compile(r"《中华人民共和国政府信息公开条例》[^。]*(?:编制|编写|发布|公布)|(?:编制|编写)本(?:年度)?报告"),
    re.compile(r"统计期限|本报告的?电子版|对本报告有任何疑问"),
)


def mask(text: str) -> str:
    """The text with every year and figure replaced by # and spaces dropped: what is left is what a
    clerk would have to rewrite."""
    return _SPACE.sub("", _NUMBERS.sub("#", text))


_SENTENCE = re.compile(r"[^。；！？]+[。；！？]?")
_CLAUSE = re.compile(r"[^，,、；。！？：]+[，,、；。！？：]?")


def narrative(masked: str) -> str:
    """What of a masked text a clerk writes anew each year: the text without its fixed statutory
    sentences (FIXED) and without its statements of figures (every clause holding a figure:
    全年新收申请#件，上年结转#件…; the format asks for them every year, so they read alike by
    nature, not by copying)."""
    kept = []
    for m in _SENTENCE.finditer(masked):
        sentence = m.group()
        if any(p.search(sentence) for p in FIXED):
            continue
        kept += [c.group() for c in _CLAUSE.finditer(sentence) if "#" not in c.group()]
    return "".join(kept)


def figure_clauses(text: str) -> str:
    """The clauses of `text` that state a figure, as printed but with the years masked (#) and spaces
    dropped, fixed sentences (FIXED) left out; "" when they hold fewer than MIN_FIGURES figures other
    than 0. Equal for two texts whose statements of figures are the same, figures and all."""
    text = _SPACE.sub("", _YEARS.sub("#", text))
    kept, figures = [], 0
    for m in _SENTENCE.finditer(text):
        sentence = m.group()
        if any(p.search(mask(sentence)) for p in FIXED):
            continue
        for c in _CLAUSE.finditer(sentence):
            found = [n.group() for n in _NUMBERS.finditer(c.group())]
            if found:
                kept.append(c.group())
                figures += sum(1 for n in found if n.strip("0０,，.．%％〇零") != "")
    return "".join(kept) if figures >= MIN_FIGURES else ""


@dataclass(frozen=True)
class Copy:
    key: object  # the caller's handle of this year's text
    last_key: object  # and of last year's
    ratio: float  # 0..1
    figures: bool = False  # its statements of figures are last year's, figures and all (`figure_clauses`)


def copies(now: Iterable[tuple[object, str]], last: Iterable[tuple[object, str]],
           threshold: float = THRESHOLD, fresh: Callable[[object], bool] | None = None) -> list[Copy]:
    """This year's texts (key, printed text) that read as one of last year's, after masking years and
    figures and leaving out fixed and statistical sentences (`narrative`); each with the most similar
    of last year's. Texts with fewer than MIN_LENGTH characters left are not compared. A text whose
    statements of figures are exactly one of last year's (`figure_clauses`, MIN_LENGTH characters or
    more) is a copy too, with `figures` set — unless `fresh(key)` says its figures are this year's
    (the same figures two years running are no stale copy; the text is then compared as any other)."""
    last = list(last)
    previous = [(key, narrative(mask(text))) for key, text in last]
    previous = [(key, m) for key, m in previous if len(m) >= MIN_LENGTH]
    exact = {m: key for key, m in previous}
    same_figures = {f: key for key, f in ((key, figure_clauses(text)) for key, text in last) if len(f) >= MIN_LENGTH}
    found = []
    for key, text in now:
        figures = figure_clauses(text)
        if figures in same_figures and not (fresh is not None and fresh(key)):
            found.append(Copy(key, same_figures[figures], 1.0, figures=True))
            continue
        masked = narrative(mask(text))
        if len(masked) < MIN_LENGTH:
            continue
        if masked in exact:
            found.append(Copy(key, exact[masked], 1.0))
            continue
        best: tuple[float, object] | None = None
        for last_key, other in previous:
            matcher = difflib.SequenceMatcher(None, masked, other, autojunk=False)
            if matcher.real_quick_ratio() < threshold or matcher.quick_ratio() < threshold:
                continue
            ratio = matcher.ratio()
            if ratio >= threshold and (best is None or ratio > best[0]):
                best = (ratio, last_key)
        if best is not None:
            found.append(Copy(key, best[1], best[0]))
    return found


def _rendered_texts(facts: Facts) -> list[tuple[tuple[str, yaml.ScalarNode], str]]:
    """Each text of the report as printed, but headings (the format fixes them)."""
    out = []
    for path, node in facts.prose:
        if path.endswith("heading") or path == "title":
            continue
        try:
            out.append(((path, node), text_of(node.value, facts.references)))
        except KeyError:  # a year-over-year name: differs by nature
            continue
    return out


RULE = Rule("COPY", "与上年文字雷同", WARNING,
            "遮去年份和数字、去掉固定的句子后，一段文字与上一年度报告的某段相似度在 90% 以上；"
            "“五、存在的主要问题及改进情况”逐句比较，与上年这一部分的句子相同的也算；"
            "一段里陈述数字的分句连数字也与上年一字不差（至少两个不为 0 的数）的也算。",
            "国办公开办函〔2021〕30号“明确责任”：年度报告内容雷同的追责；《政府信息公开条例》第四十七条",
            previous=True)


def check(facts: Facts, previous: Facts | None) -> list[Problem]:
    """COPY (`copied_from_last_year`); nothing without last year's facts."""
    return [] if previous is None else copied_from_last_year(facts, previous)


def copied_from_last_year(facts: Facts, previous: Facts) -> list[Problem]:
    """COPY: a warning at each text that reads as last year's but for the years and figures
    (`copies`), naming where last year's text is and how similar the two are."""
    found = []
    mine, theirs = _rendered_texts(facts), _rendered_texts(previous)
    hits = copies(mine, theirs, fresh=lambda key: _this_years_figures(key[1].value, facts))  # type: ignore[index]
    printed = {id(key[1]): _SPACE.sub("", _YEARS.sub("#", text)) for key, text in mine + theirs}  # type: ignore[index]
    for hit in hits:
        (path, node), (_, last_node) = hit.key, hit.last_key  # type: ignore[misc]
        loc = facts.source_location(node)
        how = "完全相同" if hit.ratio == 1 else f"几乎相同（相似度 {int(hit.ratio * 100)}%）"
        said = f"与上一年度报告（{previous.source_location(last_node)}）的文字{how}，年份和数字不计（COPY）"
        if hit.figures:
            whole = printed[id(node)] == printed[id(last_node)]
            said = (f"{'' if whole else '写数字的语句'}与上一年度报告（{previous.source_location(last_node)}）的"
                    f"{'文字' if whole else ''}完全相同，连数字也是上一年度的（COPY）")
        found.append(Problem(
            loc, f"{said}：请按本年的情况改写{'，数字请改为本年的' if hit.figures else ''}。"
            "年度报告内容雷同的，按统一格式要求会被追责。", path, "", Severity.WARNING, "COPY",
            facts.source.line(loc.line)))
    return found + _problems_copied(facts, previous, {hit.key[0] for hit in hits})  # type: ignore[index]


def _this_years_figures(typed: str, facts: Facts) -> bool:
    """Whether every figure other than 0 typed in `typed` (a text as the facts file has it; a
    `{reference}` is this year's by nature) is one of this year's facts: read as a figure of the tables
    or counts (model.mentions) and agreeing with it. A statement true of both years (新收申请3件，均予以
    公开 two years running) is then no stale copy; a figure not read, or not this year's, keeps it one."""
    from ..model.mentions import agrees, mentions
    from .text_figures import labels

    known = facts.references
    named = labels(facts)
    units = facts.format.units(facts.data) if named else {}
    agreeing = {m.start for m in mentions(typed, known, named, units) if agrees(m, known)}
    masked = _YEARS.sub(lambda m: "#" * len(m.group()), typed)
    numbers = [n for n in _NUMBERS.finditer(masked) if n.group().strip("0０,，.．%％〇零") != ""]
    return all(n.start() in agreeing for n in numbers)


def _sentences(facts: Facts, done: set[str] = frozenset()) -> list[tuple[tuple[str, yaml.ScalarNode, int], str]]:
    """Each sentence of 五、存在的主要问题及改进情况 as printed (sub-heads left out), keyed by its text's
    (path, node) and its place in it; texts in `done` (paths) left out."""
    out = []
    for (path, node), text in _rendered_texts(facts):
        if (path == "problems" or path.startswith(("problems.", "problems["))) and path not in done:
            out += [((path, node, i), m.group()) for i, m in enumerate(_SENTENCE.finditer(text))]
    return out


def _problems_copied(facts: Facts, previous: Facts, done: set[str]) -> list[Problem]:
    """COPY of 五、 sentence by sentence: a text of this year's 五、 (not already found copied whole)
    holding sentences that read as one of last year's 五、's, one warning at the text, quoting the first."""
    by_text: dict[str, list[tuple[yaml.ScalarNode, str]]] = {}
    mine = _sentences(facts, done)
    text_of_key = dict(mine)
    for hit in copies(mine, _sentences(previous)):
        path, node, _ = hit.key  # type: ignore[misc]
        by_text.setdefault(path, []).append((node, text_of_key[hit.key]))
    found = []
    for path, hits in by_text.items():
        node, first = hits[0]
        loc = facts.source_location(node)
        found.append(Problem(
            loc, f"“五、存在的主要问题及改进情况”有 {len(hits)} 句与上一年度报告这一部分的句子相同或几乎相同，年份和数字不计"
            f"（COPY），如“{first.strip()}”：问题和措施应按本年的情况写，上年的问题请写明整改结果。", path, "",
            Severity.WARNING, "COPY", facts.source.line(loc.line)))
    return found


CHECK = Check((RULE,), check, previous=True)
