"""Validate: a YAML node tree becomes plain Python data, or every problem at once.

A schema is a tree of `Field` objects, each with the Chinese label a clerk sees in messages.
Validation never stops at the first problem; it records each with the file, line and column of
the offending value, and keeps the location of every accepted value so later checks can point
back into the file.

This module holds the machinery: `Field`, the `Context` a validation collects into, and
`validate`. The kinds of field are in reportgen.model.scalars (Text, Prose, Count, Amount, Date,
Choice, Flag) and reportgen.model.containers (ListOf, Record, MapOf, OneOf).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from ..errors import Location, Problem, Severity
from ..load.source import Source

MAX_CHARS = 2_000_000  # characters of all values together, once aliases are expanded
MAX_NODES = 50_000  # YAML aliases can multiply a small file into billions of values

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
BOOL_TAG = "tag:yaml.org,2002:bool"
NULL_TAG = "tag:yaml.org,2002:null"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_PLAIN_TAGS = {_STR, _INT, _FLOAT, BOOL_TAG, NULL_TAG, _TIMESTAMP, _MAP, _SEQ}


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
    """The field path of `key` under `path`: sections[2] for an index, agency.name for a key."""
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
    if node.tag == NULL_TAG:
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

    def needed(self, siblings: dict[str, Any]) -> bool:
        """Whether a required field must be written, given the values of the fields beside it
        (`siblings`, as validated so far). True unless a field says otherwise (`signed` is not
        needed when `show_date: false` says no date is printed)."""
        return True

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
    if node.flow_style and all(isinstance(v, yaml.ScalarNode) and v.tag == NULL_TAG for _, v in node.value):
        return "以 { 开头的一段文字要用英文双引号括起来，例如 - \"{year}年，……\"。"
    if len(node.value) == 1 and not node.flow_style:
        key, value = node.value[0]
        if (isinstance(key, yaml.ScalarNode) and key.style is None
                and isinstance(value, yaml.ScalarNode) and value.tag != NULL_TAG
                and key.end_mark.line == value.start_mark.line):
            return ("这段文字里的“冒号加空格”（: ）让它被读成了“字段名: 值”：请把整段文字用引号括起来，"
                    "或把冒号改成全角“：”。")
    return ""


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
