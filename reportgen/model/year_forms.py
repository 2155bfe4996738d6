"""How a clerk types a year before 年 (2023年, ２０２３年度, 二〇二三年), and where a text writes one as
the report's own year: shared by `reportgen new` (reportgen.authoring.typed_years lists every year of
last year's it carries over) and the check OLDYEAR (reportgen.checks.old_year, only the report's own)."""

from __future__ import annotations

import re

from .text import chinese_year

_CHINESE = "〇一二三四五六七八九"
_FULLWIDTH = "０１２３４５６７８９"
_ANY_DIGIT = "0-9０-９〇零○一二三四五六七八九十"


def year_pattern(year: int) -> re.Pattern[str]:
    """`year` as a clerk types it before 年: Arabic, full-width or Chinese digits (〇, 零 or ○ for zero),
    not part of a longer number."""
    forms = []
    for d in str(year):
        n = int(d)
        zero = "零○" if n == 0 else ""
        forms.append(f"[{d}{_FULLWIDTH[n]}{_CHINESE[n]}{zero}]")
    return re.compile(f"(?<![{_ANY_DIGIT}])" + "".join(forms) + r"(?=[ \t\u3000]*年)")


# After a year typed as in `year_pattern`: the words that make it the report's own year, not a year
# named in passing (自2023年起施行, 2023年12月, 2023年度报告): 2023年，…… 2023年度，…… 2023年全年……
_AS_REPORT_YEAR = re.compile(r"[ \t\u3000]*年(?:度)?[ \t\u3000]*(?:[，,]|全年)")


def report_year_places(text: str, year: int) -> list[tuple[int, str]]:
    """(index in `text`, the year as typed) of each place where `year` is written as a report's own
    year: `year_pattern`, followed by 年，/年度，/年全年 (“2023年，区统计局坚持……”, “2023年全年共……”).
    A year named in passing (自2023年起施行, 2023年12月, 2023年度报告) is not listed: it may well be
    meant; `typed_years` lists those too, for `new`, where the clerk decides each."""
    return [(m.start(), m.group(0)) for m in year_pattern(year).finditer(text)
            if _AS_REPORT_YEAR.match(text, m.end())]


def next_year_as_typed(typed: str, year: int) -> str:
    """What to type instead of `typed` (last year, `year`) to name the report's year: `{year}` for
    Arabic digits (it prints the year and moves on by itself), else next year in the same digits."""
    if typed.isascii():
        return "{year}"
    if typed[0] in _FULLWIDTH:
        return str(year + 1).translate(str.maketrans("0123456789", _FULLWIDTH))
    return chinese_year(year + 1)
