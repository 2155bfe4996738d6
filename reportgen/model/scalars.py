"""The fields that hold one value: text (Text; Prose, report text that may name facts as {name}),
whole numbers (Count), exact amounts (Amount), dates (Date), one of fixed options (Choice) and yes
or no (Flag). Each takes what a clerk types as it is meant (full-width digits, 2012年3月16日, 是/否),
and says what is wrong, with the fix, when it cannot."""

from __future__ import annotations

import datetime as _dt
import difflib
import re
from decimal import Decimal, InvalidOperation
from typing import Any

import yaml

from ..errors import Severity
from ..load.input_hints import number_hint
from ..load.positions import text_offset
from .schema import BOOL_TAG, NULL_TAG, Context, Field, describe
from .text import INVISIBLE_NAMES, invisible_characters, strip_invisible

MAX_AMOUNT = Decimal(10) ** 12  # 万亿: no fee or amount in a report comes near it


MAX_TEXT = 20_000  # characters in one value: a long paragraph is ~1,000


# Characters XML 1.0 cannot hold (and so Word cannot open), plus U+FFFE/U+FFFF.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")


def _check_text(value: str, node: yaml.Node, ctx: Context, path: str, label: str) -> bool:
    bad = _XML_ILLEGAL.search(value)
    if bad:
        offset = text_offset(node, bad.start()) or 0
        ctx.report(
            node, path, label,
            f"含有不能写入文档的控制字符 U+{ord(bad.group()):04X}：请删除它（常见于从网页或其他软件复制的文字）。",
            "control-char", offset=offset,
        )
        return False
    if len(value) > MAX_TEXT:
        ctx.report(
            node, path, label,
            f"文字太长（{len(value)} 字，上限 {MAX_TEXT} 字）：请分成几段。", "text-too-long",
        )
        return False
    return True


# A line break or control character in a name, a title or a label (a one-line field): it would
# break the title and the signing block, and a roll-up's or an import's comment line. Tab, CR, LF,
# NEL, the C0 and C1 controls and the Unicode line and paragraph separators.
_LINE_BREAK_OR_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_CONTROL_NAMES = {"\n": "换行", "\r": "回车", "\t": "制表符（Tab）", "\x85": "换行（U+0085）",
                  "\u2028": "换行（U+2028）", "\u2029": "换段（U+2029）"}


def _one_line(value: str, node: yaml.Node, ctx: Context, path: str, label: str) -> str | None:
    """`value` for a one-line field: an error at the first line break or control character inside
    it; one only around it (the last line end of a `|` block) is dropped with the spaces around it."""
    inner = value.strip()
    bad = _LINE_BREAK_OR_CONTROL.search(inner)
    if bad:
        what = _CONTROL_NAMES.get(bad.group(), f"控制字符 U+{ord(bad.group()):04X}")
        offset = text_offset(node, value.index(inner) + bad.start()) or 0
        at = node.start_mark.index + offset
        if bad.group() in "\x85\u2028\u2029" and ctx.source.text[at:at + 1] == bad.group():
            return value  # typed raw: the line scan already said so, at this place (hidden-line-break)
        ctx.report(node, path, label,
                   f"含有{what}：{label}只能写一行，请删除它，把文字连成一行"
                   "（常见于从网页或 Word 复制的文字；引号里写的 \\n 也是换行）。",
                   "line-break", offset=offset)
        return None
    return inner if _LINE_BREAK_OR_CONTROL.search(value) else value


def _report_invisible(ch: str, node: yaml.Node, ctx: Context, path: str, label: str, offset: int) -> None:
    """INVISIBLE: a character that prints as nothing, at its place. Never printed; in the agency's
    name an error, because a name with it no longer matches last year's file."""
    what = f"看不见的字符 U+{ord(ch):04X}（{INVISIBLE_NAMES.get(ch, '不可见字符')}）"
    if path == "agency.name":
        ctx.report(node, path, label, f"含有{what}：机关全称中有它，就与上一年度文件中的全称对不上。请删除它"
                   "（常见于从网页或聊天软件复制的文字）。", "INVISIBLE", offset=offset)
    else:
        ctx.report(node, path, label, f"含有{what}（INVISIBLE）：报告中不会印出它；请删除它"
                   "（常见于从网页或聊天软件复制的文字）。", "INVISIBLE", severity=Severity.WARNING, offset=offset)


class Text(Field):
    """Text. A value YAML would read as a number, a yes/no or a date is taken exactly as typed."""

    holds_text = True

    single_line_default = True  # names and labels; report text (Prose) may run over lines

    def __init__(self, label: str, doc: str = "", *, max_length: int | None = None, blank: bool = False,
                 single_line: bool | None = None, **kw: Any):
        super().__init__(label, doc, **kw)
        self.max_length = max_length
        self.blank = blank  # a blank value is text too (a table cell left empty: printed empty)
        # One line: a line break or control character in it is an error (`_one_line`).
        self.single_line = self.single_line_default if single_line is None else single_line

    def placeholder(self) -> str:
        return "…"

    def validate(self, node: yaml.Node, ctx: Context, path: str) -> str | None:
        if not self.expect_scalar(node, ctx, path, "文字"):
            return None
        if self.blank and (node.tag == NULL_TAG or node.value.strip() == ""):
            return ""
        if node.tag == NULL_TAG or (node.value.strip() == "" and node.style is None):
            self.missing(node, ctx, path, "文字")
            return None
        value = node.value
        if not _check_text(value, node, ctx, path, self.label):
            return None
        if self.single_line:
            one = _one_line(value, node, ctx, path, self.label)
            if one is None:
                return None
            value = one
        for index in invisible_characters(value):
            _report_invisible(value[index], node, ctx, path, self.label, text_offset(node, index) or 0)
        value = strip_invisible(value)
        if value.strip() == "":
            self.missing(node, ctx, path, "文字")
            return None
        if self.max_length and len(value.strip()) > self.max_length:
            ctx.report(
                node, path, self.label,
                f"太长（{len(value.strip())} 字），最多 {self.max_length} 字。", "text-too-long",
            )
            return None
        if type(self) is Text:
            ctx.plain.append((path, node, self.label))
        return value


class Prose(Text):
    """Report text that may refer to facts as {name}; the references are checked after validation.
    It may run over several lines, unless `single_line` (a title, a heading)."""

    single_line_default = False

    def validate(self, node: yaml.Node, ctx: Context, path: str) -> str | None:
        value = super().validate(node, ctx, path)
        if value is not None:
            ctx.prose.append((path, node))
        return value


_INT_TEXT = re.compile(r"^[+-]?[0-9]+$")


# Digits typed with a Chinese input method in full-width mode (４) mean just what they show.
FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


_NUMBER_IN_TEXT = re.compile(r"^\s*([+-]?[0-9][0-9,，]*(?:\.[0-9]+)?)\s*([^\s0-9].*)?$")


class Count(Field):
    """A whole number of things (件、条、次). Blank is an error, never a silent 0. `setting=True`: a number
    that is a choice of layout (a heading level, decimal places), not a figure of the year: `reportgen new`
    keeps it."""

    def __init__(self, label: str, doc: str = "", *, minimum: int = 0, maximum: int = 10**9,
                 unit: str = "", setting: bool = False, **kw: Any):
        super().__init__(label, doc, **kw)
        self.minimum = minimum
        self.maximum = maximum
        self.unit = unit
        self.setting = setting

    def placeholder(self) -> int:
        return self.minimum

    def validate(self, node: yaml.Node, ctx: Context, path: str) -> int | None:
        if not self.expect_scalar(node, ctx, path, "整数"):
            return None
        raw = node.value.strip().translate(FULLWIDTH_DIGITS)
        if node.tag == NULL_TAG or raw == "":
            self.missing(node, ctx, path, "整数（没有就填 0）")
            return None
        if not _INT_TEXT.match(raw):
            hint = number_hint(raw) or _count_hint(raw, node)  # number_hint: 1e3, 0x10, 1_268
            ctx.report(node, path, self.label, f"应为整数，这里写的是{describe(node)}{hint}。", "not-integer")
            return None
        value = int(raw)  # leading zeros ("010") are read as decimal: a count is never octal
        if value < self.minimum:
            limit = "不能为负数" if self.minimum == 0 else f"不能小于 {self.minimum}"
            ctx.report(node, path, self.label, f"{limit}，这里写的是 {value}。", "out-of-range")
            return None
        if value > self.maximum:
            ctx.report(node, path, self.label, f"不能大于 {self.maximum}，这里写的是 {value}。", "out-of-range")
            return None
        return value


def _count_hint(raw: str, node: yaml.ScalarNode) -> str:
    """What to write instead of a count typed with its unit, as yes/no, or with decimals."""
    m = _NUMBER_IN_TEXT.match(raw)
    if m and m.group(2) and "." not in m.group(1):
        return f"：请只写数字，例如 {m.group(1).replace(',', '').replace('，', '')}"
    if node.tag == BOOL_TAG:
        return "：这里需要数字，不是是/否"
    if m and "." in m.group(1):
        return "：只能是整数，不能有小数"
    return ""


class Amount(Field):
    """A non-negative decimal amount (e.g. 万元), kept exact as a Decimal."""

    def __init__(self, label: str, doc: str = "", *, unit: str = "", places: int = 4, **kw: Any):
        super().__init__(label, doc, **kw)
        self.unit = unit
        self.places = places

    def placeholder(self) -> Decimal:
        return Decimal(0)

    def _unit_hint(self, raw: str) -> str:
        """What to write instead of an amount typed with a unit (0元, 42.15万元, 421500元 for 万元)."""
        m = _NUMBER_IN_TEXT.match(raw)
        if not (m and m.group(2) and self.unit):
            return ""
        if m.group(2).strip() == self.unit:
            return f"：单位已是{self.unit}，请只写数字 {m.group(1).replace(',', '').replace('，', '')}"
        return f"：单位是{self.unit}，请换算成{self.unit}再只写数字（例如 12.5）"

    def validate(self, node: yaml.Node, ctx: Context, path: str) -> Decimal | None:
        if not self.expect_scalar(node, ctx, path, "数字"):
            return None
        raw = node.value.strip().translate(FULLWIDTH_DIGITS)
        if node.tag == NULL_TAG or raw == "":
            self.missing(node, ctx, path, "金额（没有就填 0）")
            return None
        try:
            value = Decimal(raw)
        except InvalidOperation:
            value = None
        if value is None or not value.is_finite() or not re.match(r"^[+-]?[0-9]+(\.[0-9]+)?$", raw):
            ctx.report(node, path, self.label,
                       f"应为数字（单位：{self.unit}），这里写的是{describe(node)}{self._unit_hint(raw)}。", "not-number")
            return None
        if value < 0 or raw.startswith("-"):
            ctx.report(node, path, self.label, f"不能为负数，这里写的是 {raw}。", "out-of-range")
            return None
        if value >= MAX_AMOUNT:
            ctx.report(node, path, self.label, f"不能大于 {MAX_AMOUNT}，这里写的是 {raw}：请检查位数。", "out-of-range")
            return None
        if -value.as_tuple().exponent > self.places:
            ctx.report(node, path, self.label, f"最多 {self.places} 位小数，这里写的是 {raw}。", "out-of-range")
            return None
        return value


_DATE_FORMS = [
    re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"),
    re.compile(r"^(\d{4})\.(\d{1,2})\.(\d{1,2})$"),
    re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$"),
]


class Date(Field):
    """A calendar date: 2012-03-16 (also accepted: 2012.3.16, 2012/3/16, 2012年3月16日)."""

    def placeholder(self) -> _dt.date:
        return _dt.date(2000, 1, 1)

    def validate(self, node: yaml.Node, ctx: Context, path: str) -> _dt.date | None:
        if not self.expect_scalar(node, ctx, path, "日期"):
            return None
        raw = node.value.strip()
        if node.tag == NULL_TAG or raw == "":
            self.missing(node, ctx, path, "日期，例如 2012-03-16")
            return None
        for form in _DATE_FORMS:
            m = form.match(raw)
            if m:
                y, mo, d = (int(g) for g in m.groups())
                try:
                    return _dt.date(y, mo, d)
                except ValueError:
                    if not 1 <= mo <= 12:
                        why = f"没有 {mo} 月"
                    else:
                        why = f"{y}年{mo}月没有{d}日"
                    ctx.report(node, path, self.label, f"日期不存在：{why}。", "bad-date")
                    return None
        ctx.report(
            node, path, self.label,
            f"应为日期，写成 2012-03-16（或 2012年3月16日），这里写的是{describe(node)}。", "bad-date",
        )
        return None


class Choice(Field):
    def __init__(self, label: str, choices: dict[str, str], doc: str = "", **kw: Any):
        super().__init__(label, doc, **kw)
        self.choices = choices  # value → Chinese description

    def placeholder(self) -> str | None:
        return next(iter(self.choices), None)

    def _by_name(self, raw: str) -> list[str]:
        """The one option whose Chinese name holds what was typed (全国统一格式, 政府部门, 乡镇), if one."""
        if len(raw) < 2:
            return []
        names = {key: label.split("（")[0] for key, label in self.choices.items()}
        found = [key for key, name in names.items() if raw in name or (len(name) >= 2 and name in raw)]
        return found if len(found) == 1 else []

    def validate(self, node: yaml.Node, ctx: Context, path: str) -> str | None:
        if not self.expect_scalar(node, ctx, path, "选项"):
            return None
        raw = node.value.strip()
        if raw in self.choices:
            return raw
        options = "、".join(f"{k}（{v}）" for k, v in self.choices.items())
        guess = difflib.get_close_matches(raw, list(self.choices), n=1, cutoff=0.6) or self._by_name(raw)
        hint = f"你是不是想写 {guess[0]}？" if guess else ""
        ctx.report(node, path, self.label, f"不认识{describe(node)}。{hint}可选：{options}。", "bad-choice")
        return None


_TRUE = {"true", "yes", "on", "是", "有"}


_FALSE = {"false", "no", "off", "否", "无", "没有"}


class Flag(Field):
    """Yes or no: true/false (also accepted: 是/否, yes/no)."""

    def placeholder(self) -> bool:
        return False

    def validate(self, node: yaml.Node, ctx: Context, path: str) -> bool | None:
        if not self.expect_scalar(node, ctx, path, "是或否"):
            return None
        raw = node.value.strip().lower()
        if raw in _TRUE:
            return True
        if raw in _FALSE:
            return False
        ctx.report(node, path, self.label, f"应为 true（是）或 false（否），这里写的是{describe(node)}。", "not-flag")
        return None
