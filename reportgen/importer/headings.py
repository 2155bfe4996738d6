"""Headings found by their numbering and by how they are set, not by exact wording.

Published reports number and set their headings freely: 一、 总体情况, 一．总体情况, 一 总体情况 (a
space the text's cleaning removes), (一) with half-width brackets, the number in a paragraph of its
own (a separate run, a PDF line), a heading cut over two lines, a heading with no number at all
set bold on its own line. `normalize` rewrites such paragraphs as 一、总体情况 / （一）… so that the
section finders (`sections`, `structure`) see one spelling; body text is never touched: a
paragraph is rewritten only when it is set as a heading (short, on its own line, no sentence in
it) and, where its number is not written as a heading number, when its words are those of one of
the six statutory sections (国办公开办函〔2021〕30号)."""

from __future__ import annotations

import difflib
import re

from ..model.formats import national_tables as T
from .document import Block, Para, label_key
from .structure import cn_value

_CN = "一二三四五六七八九十"
_LEVEL1 = re.compile(rf"^([{_CN}]{{1,3}})\s*[、．.，]\s*(.*)$")
_LEVEL2 = re.compile(rf"^[（(]\s*([{_CN}]{{1,3}})\s*[)）]\s*[、．.]?\s*(.*)$")
_BARE = re.compile(rf"^([{_CN}]{{1,2}})\s*(\D.*)$")
_ARABIC_NUMBERED = re.compile(r"^\s*(?:[0-9０-９]+\s*[、.．]|[（(]\s*[0-9０-９]+\s*[)）])")  # 1、 1. （1）: a lower heading
_NUMBER_ALONE = re.compile(rf"^(?:[{_CN}]{{1,3}}\s*[、．.]?|[（(]\s*[{_CN}]{{1,3}}\s*[)）])$")
# the words each statutory section is known by, whatever the office's wording around them
_SECTION_WORDS = (("总体情况", "总体"), ("主动公开",), ("申请",), ("复议", "诉讼"), ("问题", "改进"), ("其他", "其它"))


def section_score(text: str) -> tuple[int, float]:
    """(1–6, how alike) when `text` (a heading without its number) is worded as one of the six
    sections, else (0, 0)."""
    key = label_key(text).rstrip("。:：")
    if not key or len(key) > 40:
        return 0, 0.0
    best, number = 0.0, 0
    for n, name in enumerate(T.SECTIONS, 1):
        ratio = difflib.SequenceMatcher(None, key, label_key(name)).ratio()
        if ratio > best:
            best, number = ratio, n
    if best >= 0.75 or best >= 0.45 and any(w in key for w in _SECTION_WORDS[number - 1]):
        return number, best
    return 0, 0.0


def section_number(text: str) -> int:
    """1–6 when `text` (a heading without its number) is worded as one of the six sections, else 0."""
    return section_score(text)[0]


# the words of each part of 总体情况 (国办公开办函〔2021〕30号), as offices word them
_PART_WORDS = {
    "active": ("主动公开", "信息发布", "公开发布", "发布"),
    "requests": ("依申请", "申请公开", "申请"),
    "management": ("信息管理", "政府信息管理", "管理"),
    "platforms": ("平台", "网站", "载体", "渠道", "新媒体"),
    "oversight": ("监督", "保障", "考核", "评议", "责任追究", "追责", "培训"),
}


def part_key(heading: str, used: list[str]) -> str | None:
    """The part of 总体情况 a heading is about: the one whose words come first in it, longest
    words first (信息管理 before 管理); None for another topic."""
    best: tuple[int, int, str] | None = None
    for key, words in _PART_WORDS.items():
        if key in used:
            continue
        for w in words:
            at = heading.find(w)
            if at != -1 and (best is None or (at, -len(w)) < best[:2]):
                best = (at, -len(w), key)
    return best[2] if best else None


def _heading_like(p: Para, body_size: float) -> bool:
    text = p.text
    return len(text) <= 40 and not re.search(r"[。；;！？]", text[:-1]) and (
        p.bold or p.style.lower().startswith(("heading", "标题")) or (body_size and p.size > body_size + 0.5)
        or len(text) <= 30)


def _body_size(blocks: list[Block]) -> float:
    sizes = sorted(b.size for b in blocks if isinstance(b, Para) and b.size and len(b.text) > 40)
    return sizes[len(sizes) // 2] if sizes else 0.0


def _with(p: Para, text: str) -> Para:
    return Para(text, p.align, p.style, p.bold, p.size, p.font, p.indent)


def normalize(blocks: list[Block], said: list[str] | None = None) -> list[Block]:
    """The blocks with heading paragraphs spelt 一、… and （一）…, split headings joined; the parts
    of 总体情况 set as headings without numbers (主动公开情况, bold, on its own line) numbered （一）…
    (what was done is added to `said`)."""
    size = _body_size(blocks)
    typed = {n for b in blocks if isinstance(b, Para) for m in [_LEVEL1.match(b.text)] if m
             for n in [cn_value(m.group(1)) or 0] if n and section_number(m.group(2)) == n}
    out: list[Block] = []
    section, parts = 0, 0
    i = 0
    while i < len(blocks):
        b = blocks[i]
        nxt = blocks[i + 1] if i + 1 < len(blocks) else None
        if not isinstance(b, Para):
            out.append(b)
            i += 1
            continue
        text = b.text
        # the number in a paragraph of its own, its heading in the next
        if _NUMBER_ALONE.match(text) and isinstance(nxt, Para) and _heading_after_number(text, nxt, size):
            b, text = _with(b, text + nxt.text), text + nxt.text
            i += 1
            nxt = blocks[i + 1] if i + 1 < len(blocks) else None
        m1, m2 = _LEVEL1.match(text), _LEVEL2.match(text)
        if m2:
            text = f"（{m2.group(1)}）{m2.group(2)}"
        elif m1 and cn_value(m1.group(1)):
            text = f"{m1.group(1)}、{m1.group(2)}"
            rest, n = m1.group(2), cn_value(m1.group(1)) or 0
            # a section heading cut over two lines: 二、主动公开政府 / 信息情况
            if (isinstance(nxt, Para) and n <= 6 and _heading_like(b, size) and len(nxt.text) <= 20
                    and not re.search(r"[。；;！？，]", nxt.text) and not _LEVEL1.match(nxt.text)
                    and not _LEVEL2.match(nxt.text) and section_score(rest + nxt.text)[0] == n
                    and section_score(rest + nxt.text)[1] > section_score(rest)[1]):
                text += nxt.text
                i += 1
        elif _heading_like(b, size):
            bare = _BARE.match(text)
            if bare and cn_value(bare.group(1)) and section_number(bare.group(2)) == cn_value(bare.group(1)):
                text = f"{bare.group(1)}、{bare.group(2)}"  # 一 总体情况, the space cleaned away
            elif (b.bold or size and b.size > size + 0.5) and section_number(text) \
                    and section_number(text) not in typed and section_number(text) > section:
                number = section_number(text)
                text = f"{_CN[number - 1]}、{text}"  # a section heading set bold, without its number
            elif section == 1 and _set_apart(b, size) and len(text) <= 20 and part_key(text, []) \
                    and not _ARABIC_NUMBERED.match(text) \
                    and isinstance(nxt, Para) and len(nxt.text) > len(text):
                parts += 1
                text = f"（{_CN[parts - 1]}）{text}"  # a part of 总体情况 set as a heading, no number
                if parts == 1 and said is not None:
                    said.append("“一、总体情况”的小标题原来没有编号：已按顺序认作（一）（二）……，重新生成的报告会印出编号。")
        m = _LEVEL1.match(text)
        if m and cn_value(m.group(1)) and section_number(m.group(2)) == cn_value(m.group(1)):
            section = cn_value(m.group(1)) or 0
        out.append(_with(b, text) if text != b.text else b)
        i += 1
    return out


def _heading_after_number(number: str, nxt: Para, body_size: float) -> bool:
    """`nxt` is the rest of a heading whose number (一、 or （一）) stands alone in the paragraph before:
    set as a heading line, and either set apart (bold, a heading style, larger) or worded as the
    section (一、 … 总体情况) or as a part of 总体情况 (（一） … 主动公开情况) that number opens; a
    sentence or a bare figure after a lone 一 is body text."""
    if not _heading_like(nxt, body_size) or _LEVEL1.match(nxt.text) or _LEVEL2.match(nxt.text):
        return False
    if _set_apart(nxt, body_size):
        return True
    if re.search(r"[。；;！？]$", nxt.text):
        return False
    value = cn_value(re.sub(r"[^一二三四五六七八九十]", "", number)) or 0
    if number.lstrip().startswith(("（", "(")):
        return part_key(nxt.text, []) is not None
    return section_number(nxt.text) == value


def _set_apart(p: Para, body_size: float) -> bool:
    """Set as a heading by its look: bold, a heading style, or larger than the body."""
    return p.bold or p.style.lower().startswith(("heading", "标题")) or bool(body_size and p.size > body_size + 0.5)
