"""Breaking the 图解's card captions into lines between words, never inside one.

Chinese has no spaces, and a break by character count cuts words (政府信 / 息公开申请数量). The
captions are the national format's own labels (国办公开办函〔2021〕30号, tables 二 and 三), so a
short list of the terms they are made of is enough: a caption is cut into these terms (longest
first), breaks fall only between two terms, and the lines are as even as the terms allow. A
character outside every term sticks to the term before it (no break beside it); a run longer than a
line is the only thing ever broken inside, evenly, so nothing overflows the card.
"""

from __future__ import annotations

# The words of the captions, as the format's tables print them (二、主动公开; 三、申请; the fee cards).
TERMS = (
    "政府信息公开申请", "政府信息公开", "信息处理费", "行政规范性文件", "规章", "行政许可", "行政处罚",
    "行政强制", "行政事业性收费", "本年制发件数", "本年废止件数", "现行有效件数", "本年处理决定数量",
    "本年收费金额", "（单位：万元）", "（单位：元）", "本年新收", "上年结转", "申请", "数量", "本年度",
    "办理结果", "总计", "结转", "下年度", "继续办理", "本年", "新收", "上年",
)


def words(text: str) -> list[str]:
    """`text` cut into the longest known terms; characters outside every term join the piece
    before them (本年度办理结果总计 → 本年度 / 办理结果 / 总计)."""
    pieces: list[str] = []
    terms = sorted(TERMS, key=len, reverse=True)
    i, loose = 0, False
    while i < len(text):
        term = next((t for t in terms if text.startswith(t, i)), None)
        if term is None:
            if pieces:
                pieces[-1] += text[i]
            else:
                pieces.append(text[i])
            i, loose = i + 1, True
            continue
        if loose and pieces:
            pieces[-1] += term  # no break right after an unknown character
        else:
            pieces.append(term)
        i, loose = i + len(term), False
    return pieces


def label_lines(text: str, per_line: int) -> list[str]:
    """`text` in as few lines of at most `per_line` characters as its words allow, the longest line
    as short as possible (a tie keeps more on the first line); a word longer than `per_line` is split
    evenly. Returns [""] for an empty text."""
    if not text:
        return [""]
    pieces: list[str] = []
    for word in words(text):
        if len(word) <= per_line:
            pieces.append(word)
        else:  # a run no term covers, longer than a line: even parts
            parts = -(-len(word) // per_line)
            size = -(-len(word) // parts)
            pieces += [word[k:k + size] for k in range(0, len(word), size)]
    best: tuple[tuple[int, ...], list[str]] | None = None
    n = len(pieces)
    for mask in range(1 << (n - 1)):  # every set of breaks (a caption has a handful of words)
        lines, line = [], pieces[0]
        for k in range(1, n):
            if mask >> (k - 1) & 1:
                lines.append(line)
                line = pieces[k]
            else:
                line += pieces[k]
        lines.append(line)
        longest = max(len(x) for x in lines)
        if longest > per_line:
            continue
        key = (len(lines), longest, *(-len(x) for x in lines))
        if best is None or key < best[0]:
            best = (key, lines)
    assert best is not None  # every piece fits a line, so one line per piece always does
    return best[1]
