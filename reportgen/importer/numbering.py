"""Word's automatic numbering as text: a paragraph numbered by a list (w:numPr, on the paragraph or
its style) shows 一、 or （一） or 1. that is not in its runs. The number is computed here as Word
shows it (numbering.xml: each level's start, format and text such as “%1、” or “（%2）”), so a
heading numbered by Word reads like one typed by hand."""

from __future__ import annotations

from typing import Any

from ..model.text import chinese_numeral

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def _roman(n: int) -> str:
    out = ""
    for value, letters in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
                           (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out, n = out + letters, n - value
    return out


def format_number(n: int, fmt: str) -> str:
    """One level's number in a w:numFmt (decimal 1, chineseCounting 一, ideographTraditional 甲 …)."""
    if fmt in ("chineseCounting", "chineseCountingThousand", "chineseLegalSimplified", "taiwaneseCounting",
               "taiwaneseCountingThousand", "ideographDigital") and 0 < n < 1000:
        return chinese_numeral(n)
    if fmt == "ideographTraditional" and 0 < n <= len(_TIANGAN):
        return _TIANGAN[n - 1]
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 0 < n <= len(_CIRCLED):
        return _CIRCLED[n - 1]
    if fmt == "decimalFullWidth":
        return str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    if fmt in ("upperLetter", "lowerLetter") and n > 0:
        letter = chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return letter if fmt == "upperLetter" else letter.lower()
    if fmt in ("upperRoman", "lowerRoman") and n > 0:
        return _roman(n) if fmt == "upperRoman" else _roman(n).lower()
    if fmt in ("none", "bullet"):
        return ""
    return str(n)


class Numbering:
    """The numbers Word would show, paragraph after paragraph, in document order."""

    def __init__(self, numbering: Any = None, styles: Any = None) -> None:
        self.levels: dict[str, dict[int, tuple[int, str, str, str]]] = {}  # abstract → ilvl → (start, fmt, text, suffix)
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}  # numId → (abstract, start overrides)
        self.style_num: dict[str, tuple[str, int]] = {}
        self.counters: dict[str, list[int]] = {}
        if numbering is not None:
            for abstract in numbering.iter(f"{W}abstractNum"):
                levels = {}
                for lvl in abstract.findall(f"{W}lvl"):
                    levels[int(lvl.get(f"{W}ilvl", "0"))] = (
                        int(_val(lvl, "start") or 1), _val(lvl, "numFmt") or "decimal",
                        _val(lvl, "lvlText") or "", _val(lvl, "suff") or "tab")
                self.levels[abstract.get(f"{W}abstractNumId", "")] = levels
            for num in numbering.iter(f"{W}num"):
                overrides = {}
                for override in num.findall(f"{W}lvlOverride"):
                    start = _val(override, "startOverride")
                    if start is not None:
                        overrides[int(override.get(f"{W}ilvl", "0"))] = int(start)
                self.nums[num.get(f"{W}numId", "")] = (_val(num, "abstractNumId") or "", overrides)
        if styles is not None:
            for style in styles.iter(f"{W}style"):
                num_pr = style.find(f"{W}pPr/{W}numPr")
                if num_pr is not None and _val(num_pr, "numId"):
                    self.style_num[style.get(f"{W}styleId", "")] = (_val(num_pr, "numId") or "",
                                                                    int(_val(num_pr, "ilvl") or 0))

    def prefix(self, p: Any) -> str:
        """The number Word shows before paragraph `p` ("" when it has none); advances the count."""
        ppr = p.find(f"{W}pPr")
        num_id, ilvl = "", 0
        if ppr is not None:
            num_pr = ppr.find(f"{W}numPr")
            style = ppr.find(f"{W}pStyle")
            if num_pr is not None:
                num_id, ilvl = _val(num_pr, "numId") or "", int(_val(num_pr, "ilvl") or 0)
                if not num_id and style is not None:
                    num_id = self.style_num.get(style.get(f"{W}val", ""), ("", 0))[0]
            elif style is not None:
                num_id, ilvl = self.style_num.get(style.get(f"{W}val", ""), ("", 0))
        if not num_id or num_id == "0" or num_id not in self.nums:
            return ""
        abstract, overrides = self.nums[num_id]
        levels = self.levels.get(abstract, {})
        if ilvl not in levels:
            return ""
        counters = self.counters.setdefault(num_id, [])
        while len(counters) <= ilvl:
            level = len(counters)
            start = overrides.get(level, levels.get(level, (1, "", "", ""))[0])
            counters.append(start - 1)
        counters[ilvl] += 1
        del counters[ilvl + 1:]
        _, fmt, text, suffix = levels[ilvl]
        if fmt == "bullet":
            return ""
        for level in range(ilvl + 1):
            level_fmt = levels.get(level, (1, "decimal", "", ""))[1]
            text = text.replace(f"%{level + 1}", format_number(counters[level], level_fmt))
        return text + {"tab": "\t", "space": " "}.get(suffix, "")


def _val(el: Any, name: str) -> str | None:
    child = el.find(f"{W}{name}")
    return None if child is None else child.get(f"{W}val")
