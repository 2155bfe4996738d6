"""Validate: a YAML node tree becomes plain Python data, or every problem at once.

A schema is a tree of `Field` objects, each with the Chinese label a clerk sees in messages.
Validation never stops at the first problem; it records each with the file, line and column of
the offending value, and keeps the location of every accepted value so later checks can point
back into the file.
"""

from __future__ import annotations

import datetime as _dt
import difflib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

import yaml

from ..load.input_hints import number_hint
from ..errors import Location, Problem, Severity
from ..load.source import Source
from .text import INVISIBLE_NAMES, invisible_characters, strip_invisible

MAX_AMOUNT = Decimal(10) ** 12  # 万亿: no fee or amount in a report comes near it
MAX_ITEMS = 200  # sections, paragraphs or points in one list: a report has dozens
MAX_CHARS = 2_000_000  # characters of all values together, once aliases are expanded
MAX_NODES = 50_000  # YAML aliases can multiply a small file into billions of values
MAX_TEXT = 20_000  # characters in one value: a long paragraph is ~1,000

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_PLAIN_TAGS = {_STR, _INT, _FLOAT, _BOOL, _NULL, _TIMESTAMP, _MAP, _SEQ}

# Characters XML 1.0 cannot hold (and so Word cannot open), plus U+FFFE/U+FFFF.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")


class Abort(Exception):
    """Validation cannot go on (the file is too big once aliases are expanded)."""


@dataclass
class Context:
    source: Source
    problems: list[Problem] = field(default_factory=list)
    locations: dict[str, Location] = field(default_factory=dict)
    prose: list[tuple[str, yaml.ScalarNode]] = field(default_factory=list)
    # Text that is printed as typed (names, labels): (path, node, label); see reportgen.model.plain_refs.
    plain: list[tuple[str, yaml.ScalarNode, str]] = field(default_factory=list)
    nodes_seen: int = 0
    chars_seen: int = 0
    # Where each mapping key sits, by the path of its value: a problem with a whole group of fields
    # (one of them missing) points at the group's name, e.g. `agency:`, not at its first field.
    key_locations: dict[str, Location] = field(default_factory=dict)
    # The parts that failed validation (a problem is reported for each), by path, with their
    # field: what depends on them (references in the text) must not report a second time.
    invalid: dict[str, Field] = field(default_factory=dict)

    def where(self, node: yaml.Node, offset: int = 0) -> Location:
        """Where a node starts, or the character `offset` characters of source text after that
        (see `text_offset`), in the lines and columns an editor shows."""
        return self.source.mark_location(node.start_mark, offset)

    def report(
        self,
        node: yaml.Node,
        path: str,
        label: str,
        message: str,
        code: str,
        *,
        severity: Severity = Severity.ERROR,
        offset: int = 0,
    ) -> None:
        self.report_at(self.where(node, offset), path, label, message, code, severity=severity)

    def report_at(
        self,
        loc: Location,
        path: str,
        label: str,
        message: str,
        code: str,
        *,
        severity: Severity = Severity.ERROR,
    ) -> None:
        self.problems.append(
            Problem(loc, message, path, label, severity, code, self.source.line(loc.line))
        )

    def count(self, node: yaml.Node) -> None:
        """Stop reading a file whose aliases multiply it past the limits."""
        self.nodes_seen += 1
        if isinstance(node, yaml.ScalarNode):
            self.chars_seen += len(node.value)
        for seen, limit, what, code in ((self.chars_seen, MAX_CHARS, "文字超过", "too-many-chars"),
                                        (self.nodes_seen, MAX_NODES, "数据超过", "too-many-nodes")):
            if seen > limit:
                self.report(node, "", "",
                            f"展开锚点和别名（&/*）后{what} {limit} {'字' if code == 'too-many-chars' else '项'}，"
                            "已停止读取：请不要用别名层层复制内容。", code)
                raise Abort


def join(path: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


def tag_text(tag: str) -> str:
    """A tag as the user typed it: `!!python/object` for tag:yaml.org,2002:python/object."""
    prefix = "tag:yaml.org,2002:"
    return "!!" + tag[len(prefix):] if tag.startswith(prefix) else tag


def describe(node: yaml.Node) -> str:
    """How a clerk would name what they typed."""
    if isinstance(node, yaml.MappingNode):
        return "一组字段"
    if isinstance(node, yaml.SequenceNode):
        return "一个列表"
    if node.tag == _NULL:
        return "空值"
    value = node.value if len(node.value) <= 30 else node.value[:30] + "…"
    return f"“{value}”"


class Field:
    """One value in the facts file. `label` is its Chinese name; `doc` says what it holds."""

    holds_text = False  # text, so a mapping in its place is likely text YAML misread

    def __init__(self, label: str, doc: str = "", *, required: bool = True, default: Any = None):
        self.label = label
        self.doc = doc
        self.required = required
        self.default = default

    # Subclasses return the Python value, or None after reporting a problem.
    def validate(self, node: yaml.Node, ctx: Context, path: str) -> Any:
        raise NotImplementedError

    def placeholder(self) -> Any:
        """Some valid value of this field, standing in for one that failed validation when working
        out what depends on it; None if its shape cannot be known (e.g. names the clerk chooses)."""
        return None

    def check(self, node: yaml.Node, ctx: Context, path: str) -> Any:
        ctx.count(node)
        before = len(ctx.problems)
        if node.tag not in _PLAIN_TAGS:
            ctx.report(
                node, path, self.label,
                f"不支持 YAML 标签 {tag_text(node.tag)}：事实文件只能写文字、数字、日期、列表和字段，请删除这个标签。",
                "yaml-tag",
            )
            value = None
        else:
            ctx.locations[path] = ctx.where(node)
            value = self.validate(node, ctx, path)
        if value is None and any(p.is_error for p in ctx.problems[before:]):
            ctx.invalid[path] = self
        return value

    def expect_scalar(self, node: yaml.Node, ctx: Context, path: str, what: str) -> bool:
        if isinstance(node, yaml.ScalarNode):
            return True
        hint = misread_text_hint(node) if self.holds_text else ""
        message = hint or f"应为{what}，这里写的是{describe(node)}。"
        ctx.report(node, path, self.label, message, "wrong-type")
        return False

    def missing(self, node: yaml.Node, ctx: Context, path: str, what: str) -> None:
        ctx.report(node, path, self.label, f"还没有填写：请填写{what}。", "empty")


def misread_text_hint(node: yaml.Node) -> str:
    """Why text was read as a mapping, when it is a common slip ("" if not): a reference at its
    start (`- {agency.name}`), or a colon and a space in it (`- 按照要求: 做好……`)."""
    if not isinstance(node, yaml.MappingNode):
        return ""
    if node.flow_style and all(isinstance(v, yaml.ScalarNode) and v.tag == _NULL for _, v in node.value):
        return "以 { 开头的文字会被当作映射：请把整段文字用引号括起来，例如 \"{year}年……\"。"
    if len(node.value) == 1 and not node.flow_style:
        key, value = node.value[0]
        if (isinstance(key, yaml.ScalarNode) and key.style is None
                and isinstance(value, yaml.ScalarNode) and value.tag != _NULL
                and key.end_mark.line == value.start_mark.line):
            return ("这段文字里的“冒号加空格”（: ）让它被读成了“字段名: 值”：请把整段文字用引号括起来，"
                    "或把冒号改成全角“：”。")
    return ""


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

    def __init__(self, label: str, doc: str = "", *, max_length: int | None = None, **kw: Any):
        super().__init__(label, doc, **kw)
        self.max_length = max_length

    def placeholder(self) -> str:
        return "…"

    def validate(self, node: yaml.Node, ctx: Context, path: str) -> str | None:
        if not self.expect_scalar(node, ctx, path, "文字"):
            return None
        if node.tag == _NULL or (node.value.strip() == "" and node.style is None):
            self.missing(node, ctx, path, "文字")
            return None
        value = node.value
        if not _check_text(value, node, ctx, path, self.label):
            return None
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
    """Report text that may refer to facts as {name}; the references are checked after validation."""

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
        if node.tag == _NULL or raw == "":
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
    if node.tag == _BOOL:
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
        if node.tag == _NULL or raw == "":
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
        if node.tag == _NULL or raw == "":
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


class ListOf(Field):
    def __init__(self, label: str, item: Field, doc: str = "", *, min_items: int = 0,
                 accept_single: bool = False, **kw: Any):
        super().__init__(label, doc, **kw)
        self.item = item
        self.min_items = min_items
        self.accept_single = accept_single  # a lone value stands for a one-item list

    def placeholder(self) -> list[Any] | None:
        item = self.item.placeholder()
        return None if item is None else [item]

    def validate(self, node: yaml.Node, ctx: Context, path: str) -> list[Any] | None:
        if isinstance(node, yaml.ScalarNode) and node.tag == _NULL:
            if self.min_items:
                self.missing(node, ctx, path, f"至少 {self.min_items} 项")
                return None
            return []
        if not isinstance(node, yaml.SequenceNode):
            if self.accept_single:
                return [self.item.check(node, ctx, join(path, 0))]
            ctx.report(
                node, path, self.label,
                f"应为列表（每项一行，以“- ”开头），这里写的是{describe(node)}。", "wrong-type",
            )
            return None
        if len(node.value) < self.min_items:
            ctx.report(node, path, self.label, f"至少要有 {self.min_items} 项。", "too-few")
        if len(node.value) > MAX_ITEMS:
            ctx.report(node, path, self.label, f"项目太多（{len(node.value)} 项，上限 {MAX_ITEMS} 项）。", "too-many")
            return None
        return [self.item.check(child, ctx, join(path, i)) for i, child in enumerate(node.value)]


def _mapping_pairs(node: yaml.MappingNode, ctx: Context, path: str, label: str,
                   label_of: Callable[[str], str]) -> list[tuple[str, yaml.Node, yaml.Node]]:
    """Key text, key node and value node of each entry; reports duplicate and non-text keys.
    `label` names the mapping, `label_of(key)` the field under a key (a repeated field is named by
    its own label). Records where each key sits in `ctx.key_locations`."""
    pairs: list[tuple[str, yaml.Node, yaml.Node]] = []
    seen: dict[str, yaml.Node] = {}
    for key_node, value_node in node.value:
        ctx.count(key_node)
        if not isinstance(key_node, yaml.ScalarNode):
            ctx.report(key_node, path, label, "字段名必须是一个词，这里写的是一组值。", "bad-key")
            continue
        if key_node.tag == "tag:yaml.org,2002:merge":
            ctx.report(key_node, path, label, "不支持合并键“<<”：请把字段直接写出来。", "merge-key")
            continue
        key = key_node.value
        if key in seen:
            first = ctx.where(seen[key]).line
            ctx.report(key_node, join(path, key), label_of(key),
                       f"字段 {key} 重复了（第 {first} 行已经写过）：请删除其中一个。", "duplicate-key")
            continue
        seen[key] = key_node
        ctx.key_locations[join(path, key)] = ctx.where(key_node)
        pairs.append((key, key_node, value_node))
    return pairs


class Record(Field):
    """A fixed set of named fields. Unknown names are errors with a did-you-mean."""

    def __init__(self, label: str, fields: dict[str, Field], doc: str = "", **kw: Any):
        super().__init__(label, doc, **kw)
        self.fields = fields

    def placeholder(self) -> dict[str, Any]:
        return {key: sub.placeholder() for key, sub in self.fields.items()}

    def validate(self, node: yaml.Node, ctx: Context, path: str) -> dict[str, Any] | None:
        if isinstance(node, yaml.ScalarNode) and node.tag == _NULL:
            self.missing(node, ctx, path, "下面的各个字段")
            return None
        if not isinstance(node, yaml.MappingNode):
            ctx.report(
                node, path, self.label,
                f"应为一组字段（“字段名: 值”，每个一行，缩进对齐），这里写的是{describe(node)}。", "wrong-type",
            )
            return None
        result: dict[str, Any] = {}
        given = set()
        meant = set()  # fields an unknown key was probably meant to be (its message says so)
        label_of = lambda key: self.fields[key].label if key in self.fields else ""  # noqa: E731
        for key, key_node, value_node in _mapping_pairs(node, ctx, path, self.label, label_of):
            sub = self.fields.get(key)
            if sub is None:
                guess = self._guess(key)
                ctx.report(key_node, join(path, key), "", self._unknown(key, guess), "unknown-field")
                if guess:
                    meant.add(guess)
                continue
            given.add(key)
            result[key] = sub.check(value_node, ctx, join(path, key))
        # A missing field is reported where the group is named (`agency:`), or for the whole file
        # and a list item, where its first field is.
        where = ctx.key_locations.get(path) or ctx.where(node)
        for key, sub in self.fields.items():
            if key in given:
                continue
            if key in meant:
                # Misspelt, or written as its Chinese label: already reported once, as such.
                ctx.invalid[join(path, key)] = sub
            elif sub.required:
                ctx.report_at(
                    where, join(path, key), sub.label,
                    f"缺少这个字段：请在{('“' + self.label + '”') if path else '文件'}中加上 {key}: 。", "missing-field",
                )
                ctx.invalid[join(path, key)] = sub
            if not sub.required:
                result[key] = sub.default() if callable(sub.default) else sub.default
        return result

    def _guess(self, key: str) -> str | None:
        """The field an unknown key was probably meant to be: a close spelling, or its label."""
        by_label = {f.label: k for k, f in self.fields.items()}
        guess = difflib.get_close_matches(key, list(self.fields), n=1, cutoff=0.7)
        if not guess and key in by_label:
            guess = [by_label[key]]
        if not guess:
            guess = [by_label[g] for g in difflib.get_close_matches(key, list(by_label), n=1, cutoff=0.7)]
        if not guess and re.search(r"[\u4e00-\u9fff]", key):
            # A Chinese word that is part of exactly one field's label (行政处罚 → 行政处罚本年处理决定数量).
            within = [k for label, k in by_label.items() if key in label or label in key]
            guess = within if len(within) == 1 else []
        return guess[0] if guess else None

    def _unknown(self, key: str, guess: str | None) -> str:
        hidden = [key[i] for i in invisible_characters(key)]
        if hidden and strip_invisible(key) in self.fields:  # cou\u200bnts looks exactly like counts
            ch = hidden[0]
            return (f"字段名 {strip_invisible(key)} 里有看不见的字符 U+{ord(ch):04X}（{INVISIBLE_NAMES.get(ch, '不可见字符')}），"
                    "所以认不出来：请删掉这个字段名重新输入（常见于从网页或聊天软件复制的文字）。")
        hint = f"你是不是想写 {guess}（{self.fields[guess].label}）？" if guess else ""
        known = "、".join(f"{k}（{f.label}）" for k, f in self.fields.items())
        return f"不认识的字段 {key}。{hint}这里可以写：{known}。"


_ID = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


class MapOf(Field):
    """Entries the clerk names: an identifier (letters, digits, _) → a value of one kind."""

    def __init__(self, label: str, item: Field, doc: str = "", **kw: Any):
        super().__init__(label, doc, **kw)
        self.item = item

    def validate(self, node: yaml.Node, ctx: Context, path: str) -> dict[str, Any] | None:
        if isinstance(node, yaml.ScalarNode) and node.tag == _NULL:
            return {}
        if not isinstance(node, yaml.MappingNode):
            ctx.report(node, path, self.label, f"应为一组“名称: 内容”，这里写的是{describe(node)}。", "wrong-type")
            return None
        result: dict[str, Any] = {}
        for key, key_node, value_node in _mapping_pairs(node, ctx, path, self.label, lambda _: self.item.label):
            if not _ID.match(key):
                ctx.report(
                    key_node, join(path, key), self.label,
                    "名称只能用英文字母、数字和下划线（例如 website_items），因为正文用 {名称} 引用它。", "bad-key",
                )
                continue
            result[key] = self.item.check(value_node, ctx, join(path, key))
        return result


class OneOf(Field):
    """Text, or one of several records told apart by a marker key (e.g. ``points``)."""

    def __init__(self, label: str, text: Field, records: dict[str, Record], doc: str = "", **kw: Any):
        super().__init__(label, doc, **kw)
        self.text = text
        self.records = records  # marker key → record

    def placeholder(self) -> Any:
        return self.text.placeholder()

    def validate(self, node: yaml.Node, ctx: Context, path: str) -> Any:
        if isinstance(node, yaml.ScalarNode):
            return self.text.validate(node, ctx, path)
        if isinstance(node, yaml.MappingNode):
            keys = {k.value for k, _ in node.value if isinstance(k, yaml.ScalarNode)}
            for marker, record in self.records.items():
                if marker in keys:
                    return record.validate(node, ctx, path)
            known = {key for record in self.records.values() for key in record.fields}
            hint = misread_text_hint(node) if not keys & known else ""
            shapes = "；或".join(f"{m}:（{r.label}）" for m, r in self.records.items())
            ctx.report(node, path, self.label, hint or f"不认识这种写法：这里可以写一段文字；或{shapes}。", "wrong-type")
            return None
        ctx.report(
            node, path, self.label,
            misread_text_hint(node) or "应为一段文字或一组要点，这里写的是一个列表：要点请写在 points: 下面。",
            "wrong-type",
        )
        return None


def validate(schema: Field, source: Source) -> tuple[Any, Context]:
    """Validate a parsed source against a schema: the data (None if unusable) and the context
    holding every problem, the location of every value and the prose strings met."""
    ctx = Context(source)
    assert source.root is not None
    try:
        data = schema.check(source.root, ctx, "")
    except Abort:
        data = None
    return data, ctx


_YAML_BREAKS = "\r\n\x85\u2028\u2029"
_YAML_SPACE = " \t" + _YAML_BREAKS
_ESCAPES = {
    "0": "\0", "a": "\x07", "b": "\x08", "t": "\t", "\t": "\t", "n": "\n", "v": "\x0b", "f": "\x0c",
    "r": "\r", "e": "\x1b", " ": " ", '"': '"', "/": "/", "\\": "\\", "N": "\x85", "_": "\xa0",
    "L": "\u2028", "P": "\u2029",
}
_ESCAPE_CODES = {"x": 2, "u": 4, "U": 8}


def _source_pieces(raw: str, style: str | None) -> Iterator[tuple[int, str, bool]]:
    """The source text of one scalar, as (index in `raw`, text it stands for, is it content).
    Content is what the value holds character for character (a character, an escape, `''`);
    the rest (spaces, line breaks, indentation) YAML folds, so the value holds it or not."""
    i = 0
    while i < len(raw) and raw[i] in "!&":  # a tag or an anchor before the value
        while i < len(raw) and raw[i] not in _YAML_SPACE:
            i += 1
        while i < len(raw) and raw[i] in _YAML_SPACE:
            i += 1
    end = len(raw)
    if style in ("'", '"'):
        i, end = i + 1, end - 1  # the quotes
    elif style in ("|", ">"):
        while i < end and raw[i] not in _YAML_BREAKS:  # the header: `|`, `>-`, `|2`, a comment
            i += 1
    while i < end:
        ch = raw[i]
        if ch in _YAML_SPACE:
            yield i, ch, False
            i += 1
        elif style == '"' and ch == "\\":
            code = raw[i + 1] if i + 1 < end else ""
            if code in _ESCAPES:
                yield i, _ESCAPES[code], True
                i += 2
            elif code in _ESCAPE_CODES:
                digits = raw[i + 2:i + 2 + _ESCAPE_CODES[code]]
                try:
                    yield i, chr(int(digits, 16)), True
                except ValueError:
                    return
                i += 2 + len(digits)
            else:  # an escaped line break: the break and the next line's indentation vanish
                i += 1
        elif style == "'" and raw.startswith("''", i):
            yield i, "'", True
            i += 2
        else:
            yield i, ch, True
            i += 1


def text_offset(node: yaml.ScalarNode, index: int) -> int | None:
    """Where character `index` of a scalar's value is in the file, as a number of characters of
    source text after the node's start (give it to `Context.where` or `Facts.source_location`);
    None if it cannot be told. Follows every style: plain, quoted with escapes, and block (`|`,
    `>`) scalars over several lines. On a single line without escapes it is the column offset."""
    buffer = node.start_mark.buffer
    value = node.value
    if buffer is None or not 0 <= index < len(value):
        return None
    raw = buffer[node.start_mark.pointer:node.end_mark.pointer]
    i = 0  # characters of the value accounted for
    for pos, text, content in _source_pieces(raw, node.style):
        if i >= len(value):
            break
        if not content:
            # Whitespace in the value comes from the source's whitespace (folded or not); source
            # whitespace the value lacks (indentation, a folded break) is skipped.
            if value[i] in _YAML_SPACE:
                if i == index:
                    return pos
                i += 1
            continue
        while not value.startswith(text, i):
            if i >= len(value) or value[i] not in _YAML_SPACE:
                return None  # the source does not read as this value: do not guess
            i += 1  # whitespace made of several folded source characters
            if i > index:
                return pos
        if i <= index < i + len(text):
            return pos
        i += len(text)
    return None


def label_at(field: Field, parts: list[str]) -> str:
    """The Chinese label of the field at a dotted path below `field` ("" if there is none). A
    field with `cells` (a row of counts) is walked like a record."""
    for part in parts:
        fields = getattr(field, "fields", None) or getattr(field, "cells", None)
        if isinstance(field, MapOf):
            field = field.item
            continue
        if fields and part in fields:
            field = fields[part]
        elif isinstance(field, Record) and part == "total":
            return f"{field.label} · 合计"  # a group's sum, which has no field of its own
        else:
            return ""
    return field.label
