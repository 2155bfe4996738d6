"""Where a long title breaks (GB/T 9704-2012 §7.3.3: 回行时要做到词意完整，排列对称，长短适宜，
间距恰当，多行标题排列应当使用梯形或菱形). Pure, no I/O, no word segmenter to load.

A 22 pt (2号) title line holds 20 characters of the 156 mm text block. The title is cut into
words by a small curated lexicon of the words titles are made of (administrative levels, organ
names, the report's fixed words); a run of other characters (a place name, 体育, 第一) is glued to
the word after it (嘉兴 + 市, 体育 + 局, 第一 + 税务所) and a bracketed part to the word before it, so
a line never ends inside a name. Among the breaks at word ends, it picks the fewest lines; then a
trapezoid (each line at least as long as the one above, one character of slack) or, from three
lines, a diamond; then the strongest breaks (after the agency's name or the year before the
report's fixed words); then the most even lines. No line is wider than 20 characters (counting the
gap Word and LibreOffice put between a Chinese character and a digit) or shorter than 3.
"""

from __future__ import annotations

import itertools
import re

from ..text import display_width

MAX_WIDTH = 20.0  # characters a 22 pt line holds
MIN_WIDTH = 3.0  # never a line of one or two characters

# Words a title is made of. A word in this list stands alone; a run of characters not in it is
# glued to the next word. Longest match first.
_LEVELS = ("特别行政区", "自治区", "自治州", "自治县", "自治旗", "地区", "街道", "省", "市", "县", "区", "旗", "盟",
           "州", "镇", "乡", "村", "社区")
_ORGANS = (
    "国家税务总局", "税务局", "税务分局", "税务所", "海关", "统计局", "调查队", "人民政府", "政府", "办公厅", "办公室",
    "委员会", "管理委员会", "管委会", "街道办事处", "办事处", "人民医院", "中医院", "医院", "卫生院", "疾病预防控制中心",
    "大学", "学院", "中学", "小学", "学校", "幼儿园", "中心", "总局", "分局", "局", "厅", "委", "办", "院", "所", "署",
    "部", "站", "队", "馆", "会", "公司", "集团", "监狱", "法院", "检察院", "公安局", "派出所", "支队", "大队",
)
_REPORT = ("政府信息公开", "政务公开", "信息公开", "工作", "年度报告", "报告", "年度")
# Words that contain a level character but are not a level (市场监督管理局 must not break after 市).
_NOT_LEVELS = ("市场", "城市", "都市", "市民", "市政", "区域", "社区", "小区", "园区", "景区", "县域", "省级", "乡村",
               "城乡", "镇域", "州府", "地区")
_LEXICON = sorted(set(_LEVELS + _ORGANS + _REPORT + _NOT_LEVELS), key=len, reverse=True)
_GLUE_ONLY = set(_NOT_LEVELS) - set(_LEVELS)  # words that never end a name by themselves
_YEAR = re.compile(r"[0-9０-９]{4}年度?|[〇一二三四五六七八九]{4}年度?")
_BRACKET = re.compile(r"[（(【〔\[][^）)】〕\]]*[）)】〕\]]")

STRONG, NAME, WEAK = 3, 2, 1

# Where a Chinese character meets a Latin letter or digit (2025年, 第1), Word and LibreOffice add a gap
# of about a fifth of a character (autospace; measured 4.4 pt at 22 pt in LibreOffice 7.4): a
# 20-character line holding a year is wider than 20 characters.
AUTOSPACE = 0.2


def line_width(line: str) -> float:
    """The printed width of a title line, in 22 pt characters: display_width plus AUTOSPACE at each
    boundary between a wide character and a half-width letter or digit."""
    width = display_width(line)
    for a, b in zip(line, line[1:]):
        wide_a, wide_b = display_width(a) == 1, display_width(b) == 1
        if wide_a != wide_b and (b if wide_a else a).isascii() and (b if wide_a else a).isalnum():
            width += AUTOSPACE
    return width


def tokens(title: str) -> list[tuple[str, int]]:
    """The title as (word, strength of a break before it); strength 0 means no break there."""
    out: list[tuple[str, int]] = []
    pending = ""  # characters not in the lexicon, glued to the next word
    i = 0
    while i < len(title):
        m = _YEAR.match(title, i) or _BRACKET.match(title, i)
        if m:
            word, i = m.group(), m.end()
        else:
            word = next((w for w in _LEXICON if title.startswith(w, i)), "")
            if not word:
                pending += title[i]
                i += 1
                continue
            i += len(word)
        if _BRACKET.fullmatch(word) and out and not pending:
            out[-1] = (out[-1][0] + word, out[-1][1])  # （筹）, （试行） belong to the word before
            continue
        text = pending + word
        pending = ""
        if word in _GLUE_ONLY:
            pending = text  # 市场, 城市 …: part of a longer name, never its end
            continue
        out.append((text, 0))
    if pending:
        if out:
            out[-1] = (out[-1][0] + pending, out[-1][1])
        else:
            out.append((pending, 0))
    # Strengths of the breaks before each token: the end of the agency's name (before the year) is
    # best; after the year, or between two names (国家税务总局 | 嘉兴市), good; between a place and
    # the organ it names (南湖区 | 税务局) or inside the report's fixed words, weak.
    result: list[tuple[str, int]] = []
    for n, (word, _) in enumerate(out):
        before = out[n - 1][0] if n else ""
        if n == 0:
            strength = 0
        elif _YEAR.fullmatch(word):
            strength = STRONG
        elif _YEAR.fullmatch(before):
            strength = NAME
        elif word in _REPORT:
            strength = WEAK
        elif before.endswith(_LEVELS) and not word.endswith(_LEVELS):
            strength = WEAK
        else:
            strength = NAME
        result.append((word, strength))
    return result


def _shape_ok(widths: list[float]) -> tuple[bool, int]:
    """(acceptable, how good: 0 trapezoid, 1 diamond)."""
    if all(b >= a - 1 for a, b in zip(widths, widths[1:])):
        return True, 0
    if len(widths) >= 3:
        top = widths.index(max(widths))
        if 0 < top < len(widths) - 1 and all(b >= a - 1 for a, b in zip(widths[:top], widths[1:top + 1])) \
                and all(b <= a + 1 for a, b in zip(widths[top:], widths[top + 1:])):
            return True, 1
    return False, 9


# Marks that never begin a line (GB/T 15834 and every typesetter's 避头点): they stay with the word before.
_NO_LINE_START = "、，。；：！？）》」』】〕”’,.;:!?)"


def _closing_marks_stay(words: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """`words` with a mark that begins a word (，示例市 of 委员会，示例市医疗保障局) moved to the end of the word
    before it, so no line starts with it."""
    out: list[tuple[str, int]] = []
    for word, strength in words:
        lead = len(word) - len(word.lstrip(_NO_LINE_START)) if out else 0
        if lead:
            out[-1] = (out[-1][0] + word[:lead], out[-1][1])
            word = word[lead:]
        if word:
            out.append((word, strength))
    return out


def break_title(title: str, max_width: float = MAX_WIDTH) -> list[str]:
    """The lines of `title` (see the module's docstring). A title that fits is one line."""
    if line_width(title) <= max_width:
        return [title]
    words = _closing_marks_stay(tokens(title))
    cuts = [n for n, (_, strength) in enumerate(words) if n and strength]
    best: tuple[tuple[float, ...], list[str]] | None = None
    for count in range(2, 6):
        for chosen in itertools.combinations(cuts, count - 1):
            bounds = (0, *chosen, len(words))
            lines = ["".join(w for w, _ in words[a:b]) for a, b in zip(bounds, bounds[1:])]
            widths = [line_width(line) for line in lines]
            if max(widths) > max_width or min(widths) < MIN_WIDTH:
                continue
            ok, shape = _shape_ok(widths)
            if not ok:
                continue
            strength = sum(words[c][1] for c in chosen)
            key = (count, shape, -strength, max(widths) - min(widths))
            if best is None or key < best[0]:
                best = (key, lines)
        if best is not None:
            return best[1]
    return _fallback(title, max_width)


def _fallback(title: str, max_width: float) -> list[str]:
    """No word end gives acceptable lines (a name of unknown words): even lines, each full but the first."""
    lines: list[str] = []
    rest = title
    count = int(line_width(title) // max_width) + 1
    while rest:
        target = line_width(rest) / count
        line = ""
        while rest and line_width(line + rest[0]) <= max(target, MIN_WIDTH) + 0.01:
            line, rest = line + rest[0], rest[1:]
        if not line:
            line, rest = rest[0], rest[1:]
        lines.append(line)
        count = max(count - 1, 1)
    return lines


__all__ = ["break_title", "line_width", "tokens", "MAX_WIDTH", "MIN_WIDTH"]
