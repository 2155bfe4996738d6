"""The fields that hold other fields: a list of one kind (ListOf), a fixed set of named fields
(Record: an unknown name is an error with a did-you-mean; LabelledRecord: its value named by its label), entries the clerk names (MapOf), and
text or one of several records told apart by a marker key (OneOf); and `label_at`, the Chinese
label of the field at a path (reportgen.model.schema has the machinery they share)."""

from __future__ import annotations

import copy
import difflib
import re
from collections.abc import Callable
from typing import Any

import yaml

from .schema import NULL_TAG, Context, Field, describe, join, misread_text_hint
from .text import INVISIBLE_NAMES, invisible_characters, strip_invisible

MAX_ITEMS = 200  # sections, paragraphs or points in one list: a report has dozens


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
        if isinstance(node, yaml.ScalarNode) and node.tag == NULL_TAG:
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
        if isinstance(node, yaml.ScalarNode) and node.tag == NULL_TAG:
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
            elif sub.required and sub.needed(result):
                ctx.report_at(
                    where, join(path, key), sub.label,
                    f"缺少这个字段：请在{('“' + self.label + '”') if path else '文件'}中加上 {key}: 。", "missing-field",
                )
                ctx.invalid[join(path, key)] = sub
            if not sub.required or not sub.needed(result):
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


class LabelledRecord(Record):
    """A record whose `value` is named in messages by the record's own `label` (`counts` and
    `amounts` entries: 门户网站主动公开政府信息（数值）), so that a blank value says what it is."""

    def validate(self, node: yaml.Node, ctx: Context, path: str) -> dict[str, Any] | None:
        said = None
        if isinstance(node, yaml.MappingNode):
            said = next((v.value for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == "label"
                         and isinstance(v, yaml.ScalarNode) and v.value.strip()), None)
        if said is None:
            return super().validate(node, ctx, path)
        value = copy.copy(self.fields["value"])
        value.label = f"{said.strip()}（{value.label}）"
        return Record(self.label, {**self.fields, "value": value}).validate(node, ctx, path)


_ID = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


class MapOf(Field):
    """Entries the clerk names: an identifier (letters, digits, _) → a value of one kind."""

    def __init__(self, label: str, item: Field, doc: str = "", **kw: Any):
        super().__init__(label, doc, **kw)
        self.item = item

    def validate(self, node: yaml.Node, ctx: Context, path: str) -> dict[str, Any] | None:
        if isinstance(node, yaml.ScalarNode) and node.tag == NULL_TAG:
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
