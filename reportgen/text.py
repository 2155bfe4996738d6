"""Chinese numerals, heading numbers, dates and text widths. Pure functions, no I/O."""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata

_DIGITS = "〇一二三四五六七八九"  # 〇 is U+3007 IDEOGRAPHIC NUMBER ZERO, never the letter O or digit 0


def chinese_numeral(n: int) -> str:
    """Counting numeral: 1 → 一, 10 → 十, 11 → 十一, 20 → 二十, 105 → 一百零五."""
    if n < 0:
        raise ValueError("negative numbers have no heading numeral")
    if n < 10:
        return _DIGITS[n] if n else "零"
    if n < 100:
        tens, ones = divmod(n, 10)
        return ("" if tens == 1 else _DIGITS[tens]) + "十" + (_DIGITS[ones] if ones else "")
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        if rest == 0:
            tail = ""
        elif rest < 10:
            tail = "零" + _DIGITS[rest]
        else:
            tail = chinese_numeral(rest) if rest >= 20 else "一" + chinese_numeral(rest)
        return _DIGITS[hundreds] + "百" + tail
    raise ValueError("numbers of 1000 and above have no heading numeral here")


def heading_number(level: int, n: int) -> str:
    """The GB/T 9704 numbering of heading levels 1–4: 一、 （一） 1. （1）."""
    if level == 1:
        return f"{chinese_numeral(n)}、"
    if level == 2:
        return f"（{chinese_numeral(n)}）"
    if level == 3:
        return f"{n}."
    if level == 4:
        return f"（{n}）"
    raise ValueError(f"heading level {level} is not used in reports")


def point_prefix(n: int) -> str:
    """Enumerated points in running text: 一是、二是……"""
    return f"{chinese_numeral(n)}是"


def chinese_year(year: int) -> str:
    """2012 → 二〇一二 (digit by digit, 〇 for zero)."""
    return "".join(_DIGITS[int(d)] for d in str(year))


def date_chinese(d: _dt.date) -> str:
    """二〇一二年三月十六日, as GB/T 9704-1999 documents wrote the date."""
    return f"{chinese_year(d.year)}年{chinese_numeral(d.month)}月{chinese_numeral(d.day)}日"


def date_arabic(d: _dt.date) -> str:
    """2012年3月16日, as GB/T 9704-2012 writes the date (no zero padding)."""
    return f"{d.year}年{d.month}月{d.day}日"


def display_width(text: str) -> float:
    """Width in full-width characters: CJK and full-width forms count 1, everything else ½."""
    return sum(1.0 if unicodedata.east_asian_width(ch) in ("W", "F", "A") else 0.5 for ch in text)


_CJK = r"\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef\U00020000-\U0003ffff"
_SPACE_BETWEEN_CJK = re.compile(rf"(?<=[{_CJK}“”‘’《》—…])\s+(?=[{_CJK}“”‘’《》—…])")


def tidy_prose(text: str) -> str:
    """Join a paragraph typed over several lines: outer whitespace goes, whitespace between two
    Chinese characters goes (Chinese has no spaces between words), other runs become one space."""
    text = text.strip()
    text = _SPACE_BETWEEN_CJK.sub("", text)
    return re.sub(r"\s+", " ", text)


FULLWIDTH = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
_HAN = rf"[{_CJK}“”‘’《》]"
_HALF_PUNCT = re.compile(rf"(?<={_HAN})[,;:?!()]|[,;:?!()](?={_HAN})")


def halfwidth_punctuation(text: str) -> list[int]:
    """Offsets of half-width punctuation next to a Chinese character (「2011年,市体育局」)."""
    return [m.start() for m in _HALF_PUNCT.finditer(text)]


def fullwidth_punctuation(text: str) -> str:
    """The same text with half-width punctuation next to Chinese characters in full width;
    punctuation between Latin letters or digits (3.5, a:b, (1)) is left as it is."""
    return _HALF_PUNCT.sub(lambda m: FULLWIDTH[m.group()], text)
