"""Numbering styles of headings and points, computed (a facts file never types a number).

A style is named by how its first item prints: 一、 （一） 1. 1、 （1） for headings; the same, plus
一是 and 第一， for points. GB/T 9704-2012 §7.3.3 gives the default sequence 一、（一）1.（1）. Pure.
"""

from __future__ import annotations

from ..text import chinese_numeral

# style → (how item n prints, the heading rank whose font it takes: 1 黑体, 2 楷体, 3 and 4 仿宋)
_STYLES: dict[str, tuple[str, int]] = {
    "一、": ("{c}、", 1),
    "（一）": ("（{c}）", 2),
    "1.": ("{n}.", 3),
    "1、": ("{n}、", 3),
    "（1）": ("（{n}）", 4),
    "一是": ("{c}是", 4),
    "第一，": ("第{c}，", 4),
}

HEADING_STYLES = {
    "一、": "一、二、三、（黑体）",
    "（一）": "（一）（二）（三）（楷体）",
    "1.": "1. 2. 3.（仿宋）",
    "1、": "1、2、3、（仿宋，很多机关这样写）",
    "（1）": "（1）（2）（3）（仿宋）",
    "一是": "一是、二是（仿宋；多与接排合用：一是积极推动主动公开工作。……）",
}
POINT_STYLES = {
    "一是": "一是、二是、三是……（默认）",
    "第一，": "第一，第二，……",
    "1、": "1、2、3、",
    "1.": "1. 2. 3.",
    "（1）": "（1）（2）（3）",
    "（一）": "（一）（二）（三）",
}
# Half-width and other look-alike spellings a clerk types for a style, and what they mean.
ALIASES = {"(一)": "（一）", "(1)": "（1）", "1．": "1.", "一.": "一、", "一,": "一、", "一，": "一、",
           "第一": "第一，", "第一,": "第一，", "1,": "1、", "1，": "1、"}

DEFAULT_HEADINGS = {1: "一、", 2: "（一）", 3: "1.", 4: "（1）"}
DEFAULT_POINTS = "一是"
MAX_LEVEL = 4


def number(style: str, n: int) -> str:
    """Item `n` (from 1) in `style`: number("（一）", 3) → （三）; number("1、", 12) → 12、."""
    pattern, _ = _STYLES[style]
    return pattern.format(c=chinese_numeral(n) if "{c}" in pattern else "", n=n)


def rank(style: str) -> int:
    """The heading rank whose font a style takes (1 黑体, 2 楷体, 3 仿宋, 4 仿宋): a level-2 heading
    numbered 1. prints in 仿宋 like a level-3 one, as offices that number so print it."""
    return _STYLES[style][1]


def levels(base: dict[int, str], override: dict[str, str] | None) -> dict[int, str]:
    """`base` with the styles a `numbering:` mapping (level1 … level4) chooses."""
    out = dict(base)
    for key, style in (override or {}).items():
        if style:
            out[int(key.removeprefix("level"))] = style
    return out
