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
_IDEOGRAPHIC_SPACES = re.compile("\u3000+")


def tidy_prose(text: str) -> str:
    """Join a paragraph typed over several lines: outer whitespace goes, whitespace between two
    Chinese characters goes (Chinese has no spaces between words) but for full-width spaces typed
    inside a line, other runs become one space."""
    text = text.strip()
    # A full-width space typed inside a line (王　伟, a name spaced to two characters) is kept; a break
    # between lines, and other whitespace between Chinese characters, goes.
    text = _SPACE_BETWEEN_CJK.sub(lambda m: m.group() if _IDEOGRAPHIC_SPACES.fullmatch(m.group()) else "", text)
    return re.sub(r"\s+", lambda m: m.group() if _IDEOGRAPHIC_SPACES.fullmatch(m.group()) else " ", text)


FULLWIDTH = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）", ".": "。",
             "...": "……", '"': "“”"}
_HAN = rf"[{_CJK}“”‘’《》]"
_IS_HAN = re.compile(_HAN)
_HALF_PUNCT = re.compile(rf"(?<={_HAN})[,;:?!]|[,;:?!](?={_HAN})")
_ELLIPSIS = re.compile(rf"(?<={_HAN})\.{{3,6}}|\.{{3,6}}(?={_HAN})")
_PERIOD = re.compile(rf"(?<=[{_CJK}“”‘’《》\"）)])(?<!\.)\.(?!\.)(?={_HAN}|\s*$)")


def _han(text: str, i: int) -> bool:
    return 0 <= i < len(text) and bool(_IS_HAN.match(text[i]))


def _pairs(text: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]], list[int]]:
    """The bracket pairs and quote pairs of a text, half- or full-width, as (open, close) offsets, and the
    offsets of half-width ( ) " that have no other half. A half-width " after an open “ closes it
    (“放管服"改革), unless a ” later in the text still closes that “ (“他说"好"”: a quote inside)."""
    brackets: list[tuple[int, int]] = []
    quotes: list[tuple[int, int]] = []
    lone: list[int] = []
    bracket_stack: list[int] = []
    quote_stack: list[int] = []
    closers_after = text.count("”")
    for i, ch in enumerate(text):
        if ch in "(（":
            bracket_stack.append(i)
        elif ch in ")）":
            if bracket_stack:
                brackets.append((bracket_stack.pop(), i))
            elif ch == ")":
                lone.append(i)
        elif ch == "“":
            quote_stack.append(i)
        elif ch == "”":
            closers_after -= 1
            if quote_stack:
                quotes.append((quote_stack.pop(), i))
        elif ch == '"':
            top = quote_stack[-1] if quote_stack else None
            open_full = sum(1 for j in quote_stack if text[j] == "“")
            if top is not None and (text[top] == '"' or closers_after < open_full):
                quotes.append((quote_stack.pop(), i))
            else:
                quote_stack.append(i)
    lone += [i for i in bracket_stack + quote_stack if text[i] in '("']
    return brackets, quotes, sorted(lone)


def unpaired_punctuation(text: str) -> list[int]:
    """Offsets of half-width ( ) " with no other half in a text that is not all ASCII: printed as typed,
    since which full-width mark was meant is unknown (PUNCT)."""
    if text.isascii():
        return []
    return _pairs(text)[2]


def punctuation_fixes(text: str) -> list[tuple[int, str, str]]:
    """Half-width punctuation in Chinese text and what GB/T 15834-2011 prints instead, as
    (offset, typed, printed), in text order:
    , ; : ? ! next to a Chinese character → ，；：？！;
    ( ) as a pair, both or neither: a pair touching a Chinese character, or one half already full width
        (第(2）项), becomes （ ）: never （2) or (2）;
    "…" as a pair around or next to Chinese text → “…”;  ... next to Chinese → ……;
    . after a Chinese character, at the end or before another → 。.
    Punctuation between Latin letters or digits (3.5, a:b, (1), "OK") is left as it is."""
    fixes: dict[int, tuple[str, str]] = {}
    for m in _HALF_PUNCT.finditer(text):
        fixes[m.start()] = (m.group(), FULLWIDTH[m.group()])
    for m in _ELLIPSIS.finditer(text):
        fixes[m.start()] = (m.group(), "……")
    for m in _PERIOD.finditer(text):
        if _han(text, m.start() - 1) or _IS_HAN.search(text[:m.start()]):
            fixes[m.start()] = (".", "。")
    brackets, quotes, _ = _pairs(text)
    for j, i in brackets:
        if text[j] == "（" and text[i] == "）":
            continue
        if (text[j] == "（" or text[i] == "）" or _han(text, j - 1) or _han(text, i + 1)
                or _IS_HAN.search(text[j + 1:i])):
            if text[j] == "(":
                fixes[j] = ("(", "（")
            if text[i] == ")":
                fixes[i] = (")", "）")
    for a, b in quotes:
        if text[a] == "“" or text[b] == "”" or _han(text, a - 1) or _han(text, b + 1) or _IS_HAN.search(text[a + 1:b]):
            if text[a] == '"':
                fixes[a] = ('"', "“")
            if text[b] == '"':
                fixes[b] = ('"', "”")
    return [(i, *fixes[i]) for i in sorted(fixes)]


def fullwidth_punctuation(text: str) -> str:
    """The same text with the half-width punctuation of Chinese text in full width
    (punctuation_fixes); punctuation between Latin letters or digits is left as it is."""
    out = text
    for i, typed, printed in reversed(punctuation_fixes(text)):
        out = out[:i] + printed + out[i + len(typed):]
    return out


# Characters that print as nothing but break searching and matching (copied from web pages, PDFs and chat
# apps): zero-width space/joiners, a byte-order mark inside the text, bidirectional controls and marks, the
# soft hyphen (printed only where a line breaks), invisible operators, fillers that look like blank space.
INVISIBLE = re.compile("[\u200b-\u200f\u2060-\u2064\ufeff\u202a-\u202e\u2066-\u2069\u061c\u00ad\u180e\u034f"
                       "\u115f\u1160\u3164\uffa0]")
INVISIBLE_NAMES = {
    "\u200b": "零宽空格", "\u200c": "零宽不连字", "\u200d": "零宽连字", "\u2060": "零宽不换行空格",
    "\ufeff": "字节顺序标记（BOM）", "\u00ad": "软连字符", "\u180e": "蒙古文元音分隔符", "\u034f": "组合字形连接符",
    **{chr(c): "文字方向控制符" for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C)},
    **{chr(c): "不可见运算符" for c in range(0x2061, 0x2065)},
    **{chr(c): "韩文填充符，看似空白" for c in (0x115F, 0x1160, 0x3164, 0xFFA0)},
}


def invisible_characters(text: str) -> list[int]:
    """Offsets of characters that print as nothing (INVISIBLE)."""
    return [m.start() for m in INVISIBLE.finditer(text)]


def strip_invisible(text: str) -> str:
    """`text` without its invisible characters (INVISIBLE: zero-width spaces, BOMs, …)."""
    return INVISIBLE.sub("", text)


# A year written in Chinese numerals (二〇二五年) whose zero is typed as the circle ○ (U+25CB) or 零:
# GB/T 9704-1999 writes it 〇 (U+3007). Four numerals before 年, the first 一 or 二 (a placeholder
# ○○○○年 is no year), at least one zero typed otherwise.
_YEAR = re.compile(r"(?<![〇一二三四五六七八九○零])[一二][〇一二三四五六七八九○零]{3}(?=年)")
_ZERO_SLIPS = "○零"


def year_zero_slips(text: str) -> list[tuple[int, str, str]]:
    """(offset, character, year) of the first zero typed as ○ or 零 in each year written in Chinese
    numerals in `text` (二○二五年 → (1, "○", "二○二五年")); [] when there is none."""
    found = []
    for m in _YEAR.finditer(text):
        slip = next((i for i, ch in enumerate(m.group()) if ch in _ZERO_SLIPS), None)
        if slip is not None:
            found.append((m.start() + slip, m.group()[slip], m.group() + "年"))
    return found


def fix_year_zeros(text: str) -> str:
    """`text` with each year in Chinese numerals written with 〇 (U+3007): 二○二五年 → 二〇二五年."""
    return _YEAR.sub(lambda m: m.group().replace("○", "〇").replace("零", "〇"), text)
