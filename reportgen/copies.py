"""COPY: text carried over from last year's report unchanged (雷同), the fault inspections mark most.

The national format's notice (国办公开办函〔2021〕30号) holds agencies accountable for reports whose
content is copied (内容雷同). A copied paragraph rarely reads word for word as last year's: the year and
the figures were changed (2024→2025, 79件→86件). So texts are compared after masking every year and
figure, and a paragraph counts as copied when it is at least `THRESHOLD` similar to one of last year's
(difflib's ratio: 2 × matching characters / total characters). Paragraphs, single points and short
items are compared alike; headings (fixed by the format), the fixed sentences every report carries
(the fee statement, 无其他需要报告的事项, the 条例's own wording) and statistical sentences (mostly figures
and their names: the format asks for them every year) are not.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass

THRESHOLD = 0.9  # ≥ 90 % similar after masking years and figures
MIN_LENGTH = 8  # characters after masking: shorter texts (无。) say nothing about copying

_NUMBERS = re.compile(r"[0-9０-９][0-9０-９,，.．%％]*|[〇零一二两三四五六七八九十百千万]{2,}(?=[年件条次个项元万%])")
_SPACE = re.compile(r"\s+")
# Sentences every year's report may carry word for word (fixed by law or by the format).
FIXED = (
    re.compile(r"^[^。]*(?:未|没有|不)收取[^。]*(?:信息处理费|费用)[^。]*。?$"),
    re.compile(r"^[^。]*收取[^。]*信息处理费#元。?$"),
    re.compile(r"^(?:本年度|本机关|我[局委办厅])?无其他需要报告的事项。?$"),
    re.compile(r"^[^。]*(?:根据|依据|按照)《中华人民共和国政府信息公开条例》[^。]*(?:编制|发布|公布)本(?:年度)?报告[^。]*。?$"),
    re.compile(r"^[^。]*本报告(?:中)?所列数据的统计期限[^。]*。?$"),
    re.compile(r"^[^。]*本报告的电子版[^。]*。?$"),
    re.compile(r"^[^。]*如对本报告有任何疑问[^。]*。?$"),
)


def mask(text: str) -> str:
    """The text with every year and figure replaced by # and spaces dropped: what is left is what a
    clerk would have to rewrite."""
    return _SPACE.sub("", _NUMBERS.sub("#", text))


STATISTICAL = (3, 25)  # at least 3 figures, at most 25 other characters per figure


def is_fixed(masked: str) -> bool:
    """A fixed statutory sentence, or a statistical one: a text made of figures and their names
    (全年新收申请#件，上年结转#件，办结#件……) reads alike every year by nature, not by copying."""
    if any(p.match(masked) for p in FIXED):
        return True
    figures = masked.count("#")
    return figures >= STATISTICAL[0] and len(masked) - figures <= STATISTICAL[1] * figures


def similarity(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


@dataclass(frozen=True)
class Copy:
    key: object  # the caller's handle of this year's text
    last_key: object  # and of last year's
    ratio: float  # 0..1


def copies(now: Iterable[tuple[object, str]], last: Iterable[tuple[object, str]],
           threshold: float = THRESHOLD) -> list[Copy]:
    """This year's texts (key, printed text) that read as one of last year's, after masking years and
    figures; each with the most similar of last year's. Fixed statutory sentences and texts shorter
    than MIN_LENGTH are left out."""
    previous = [(key, mask(text)) for key, text in last]
    previous = [(key, m) for key, m in previous if len(m) >= MIN_LENGTH and not is_fixed(m)]
    exact = {m: key for key, m in previous}
    found = []
    for key, text in now:
        masked = mask(text)
        if len(masked) < MIN_LENGTH or is_fixed(masked):
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
