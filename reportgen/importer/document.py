"""What every reader gives: a report as a flat list of blocks in reading order.

A `Para` is one paragraph's text with the few formatting hints recognition uses (alignment, the
style's name, whether it is bold). A `Table` is a grid: every row has one `Cell` per grid column,
a merged cell appearing at each position it covers (the same `Cell` object, so merges can be
told apart from equal neighbours)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field


@dataclass
class Para:
    text: str
    align: str = ""  # "", "center", "right"
    style: str = ""  # the paragraph style's name, when the source has one (Title, Heading 1 …)
    bold: bool = False
    # How the paragraph is set, where the reader can tell (0 / "" when it cannot): the font size in
    # points, the font family (a PDF subset's ABCDEF+ prefix taken off), the first line's indent in
    # characters. Recognition uses them to tell headings from body text whatever their wording.
    size: float = 0.0
    font: str = ""
    indent: float = 0.0
    # Why the reader is not sure it read this paragraph right ("" when it is): text recognised
    # by OCR. As `Cell.unsure`; recognition carries it to the facts file.
    unsure: str = ""


@dataclass(eq=False)
class Cell:
    text: str
    # Why the reader is not sure it read this cell right ("" when it is): digits that may belong to
    # a neighbouring row, text recognised by OCR, … Recognition turns it into an *unsure reading*.
    unsure: str = ""


@dataclass
class Table:
    rows: list[list[Cell]] = field(default_factory=list)

    def texts(self) -> list[list[str]]:
        return [[c.text for c in row] for row in self.rows]


Block = Para | Table

_SPACES = re.compile(r"[\s\u3000\u00a0\u2002-\u200b\ufeff]+")
_CJK = r"\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef“”‘’《》—…"
_SPACE_IN_CJK = re.compile(rf"(?<=[{_CJK}])[ \t]+|[ \t]+(?=[{_CJK}])")


def clean(text: str) -> str:
    """A paragraph's text as the facts hold it: line breaks and spaces next to a Chinese character
    dropped (Chinese has none between words; typed ones come from justification or copying),
    other runs of whitespace one space, control characters gone."""
    text = "".join(ch for ch in text if ch in "\t\n" or unicodedata.category(ch) != "Cc")
    text = _SPACES.sub(" ", text).strip()
    return _SPACE_IN_CJK.sub("", text)


_LABEL_PUNCT = str.maketrans({"(": "（", ")": "）", "．": ".", "、": ".", "\"": "“", "”": "“", "：": ":",
                              "，": ",", "；": ";"})


def label_key(text: str) -> str:
    """A table label compared whatever its spacing and bracket widths (总 计 = 总计, (一) = （一））."""
    text = unicodedata.normalize("NFKC", text).replace("(", "（").replace(")", "）")
    return _SPACES.sub("", text).translate(_LABEL_PUNCT)


_NUMBER = re.compile(r"^[+-]?\d+(?:\.\d+)?$")


def number_text(text: str) -> str | None:
    """The number a table cell holds ("1,234", "１２" and "12 " as typed), "" for a blank or a
    dash, None for text."""
    raw = unicodedata.normalize("NFKC", text)
    raw = _SPACES.sub("", raw).replace(",", "")
    if raw in ("", "-", "—", "/", "／", "——", "无"):
        return ""
    raw = re.sub(r"(?<=\d)(件|个|项|条|次|起|万元|元)$", "", raw)  # a unit typed in the cell
    return raw if _NUMBER.match(raw) else None
