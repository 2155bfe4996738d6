"""Schema fields of the document model (every key with its Chinese label), shared by the formats.

Keys (all optional unless marked):
- `title`: text, or a list of lines (标题各行) to choose where the title breaks.
- `numbering`: {level1 … level4: style} — the numbering style of each heading level (编号样式),
  for the whole document; a section's own `numbering` applies to the levels below it.
- `run_in`: [2, 3] — the heading levels run in with their first paragraph (接排标题).
- `show_signature`, `show_date`: false leaves the signature or the date out (印出落款、印出成文日期).
- section: `heading` (required), `paragraphs`, `subsections`, `run_in` (true/false), `numbering`.
- paragraph: text (a blank line in a `|` block starts a new paragraph); `points` (each its own
  paragraph) or `inline_points` (in one paragraph), each with an optional `style` (要点编号样式).
"""

from __future__ import annotations

import datetime as _dt
import re
from typing import Any, Callable

import yaml

from ...errors import Severity
from ...load.positions import text_offset
from ..containers import ListOf, OneOf, Record
from ..scalars import _FALSE, Choice, Count, Date, Flag, Prose
from ..schema import Context, Field, describe
from . import numbering as N
from .title import MAX_WIDTH, line_width


class StyleChoice(Choice):
    """A numbering style; half-width look-alikes ((一), 1,) are read as the style they mean."""

    def validate(self, node: yaml.Node, ctx: Context, path: str) -> str | None:
        if isinstance(node, yaml.ScalarNode) and node.value.strip() in N.ALIASES:
            node = yaml.ScalarNode(node.tag, N.ALIASES[node.value.strip()], node.start_mark, node.end_mark)
        return super().validate(node, ctx, path)


def numbering_field(doc: str = "各级标题的编号样式；不写时为 一、（一）1.（1）（GB/T 9704）") -> Record:
    """The `numbering` field: the numbering style of each heading level (level1 … level4), each
    chosen from numbering.HEADING_STYLES; `doc` says where it applies."""
    return Record("编号样式", {
        f"level{n}": StyleChoice(f"{n}级标题编号", N.HEADING_STYLES, f"第{n}级标题的编号样式，默认 {N.DEFAULT_HEADINGS[n]}",
                                 required=False)
        for n in range(1, N.MAX_LEVEL + 1)
    }, doc, required=False, default=dict)


def run_in_field() -> ListOf:
    """The `run_in` field: the heading levels (1–4) run in with their first paragraph."""
    return ListOf("接排标题级别", Count("标题级别", "1 至 4", minimum=1, maximum=N.MAX_LEVEL, setting=True),
                  "这些级别的标题与其后第一段正文排在同一段，例如 [2, 3]：（一）主动公开情况。全年……",
                  required=False, default=list, accept_single=True)


def bold_field() -> ListOf:
    """The `bold_headings` field: the heading ranks (3: 1. and 1、, 4: （1）) printed bold."""
    return ListOf("加粗的标题", Count("标题类别", "3 表示编号为 1. 或 1、 的标题，4 表示（1）", minimum=3, maximum=N.MAX_LEVEL,
                                   setting=True),
                  "这些标题加粗（仿宋加粗），例如 [3]：1.、1、 开头的标题印成粗体", required=False, default=list,
                  accept_single=True)


def signing_extra_fields() -> dict[str, Field]:
    """The fields that can leave out the signature (`show_signature`), the date (`show_date`) or
    the date's year (`show_date_year`: the office prints 三月二十五日)."""
    return {
        "show_signature": Flag("印出落款", "false 时不印署名（网页发布的报告常常没有）；不写为 true",
                               required=False, default=True),
        "show_date": Flag("印出成文日期", "false 时不印成文日期；这时可以不写 signed（不写就不检查公布期限）；不写为 true",
                          required=False, default=True),
        "show_date_year": Flag("成文日期印出年份", "false 时成文日期不印年份，如“三月二十五日”“3月25日”（signed 仍写完整日期，"
                               "检查公布期限时用它的年份）；不写为 true", required=False, default=True),
    }


def paragraph_field() -> OneOf:
    """One paragraph of report text: a text; or `points:` (each point its own paragraph, numbered
    一是、二是…); or `inline_points:` (points within one paragraph, with a lead and a tail)."""
    point = Prose("要点", "一条要点的文字，不写“一是”，编号自动生成")
    style = StyleChoice("要点编号样式", N.POINT_STYLES, f"要点的编号；不写时为 {N.DEFAULT_POINTS}", required=False)
    return OneOf("段落", Prose("段落", "一段正文"), {
        "points": Record("分段要点", {
            "points": ListOf("要点", point, "每条要点单独成段，自动加“一是、二是……”", min_items=1),
            "style": style,
        }, "每条要点单独成段"),
        "inline_points": Record("段内要点", {
            "lead": Prose("引导语", "要点之前的文字", required=False),
            "inline_points": ListOf("要点", point, "各要点接在同一段内，自动加“一是、二是……”", min_items=1),
            "tail": Prose("结束语", "要点之后的文字", required=False),
            "style": style,
        }, "要点接在同一段内"),
    }, "一段正文；或 points:（每条要点单独成段）；或 inline_points:（要点接在同一段内）")


def paragraphs_field(label: str, doc: str, *, required: bool = False) -> ListOf:
    """A list of paragraphs (`paragraph_field`) under `label`; a single text stands for a list of one."""
    return ListOf(label, paragraph_field(), doc, required=required, default=list, accept_single=True)


_LEVEL_NAMES = {1: "一级标题（一、）", 2: "二级标题（（一））", 3: "三级标题（1.）", 4: "四级标题（（1））"}


def section_fields(level: int, *, heading_required: bool = True, heading_doc: str = "") -> dict[str, Field]:
    """The fields of a section at heading `level` (1–4): its heading, paragraphs, run-in and
    numbering, and below level 4 its subsections (one level down)."""
    names = _LEVEL_NAMES[level]
    fields: dict[str, Field] = {
        "heading": Prose("标题", heading_doc or f"{names}的文字，不写编号，编号自动生成", max_length=60,
                         single_line=True,
                         required=heading_required),
        "paragraphs": paragraphs_field("段落", "标题下的正文段落"),
        "run_in": Flag("接排", "true：标题与第一段正文排在同一段；不写时按 run_in 的级别", required=False),
        "numbering": numbering_field("本节下各级标题的编号样式"),
    }
    if level < N.MAX_LEVEL:
        fields["subsections"] = ListOf(
            "下级标题", section_field(level + 1), "本节下的各个小节", required=False, default=list,
        )
    return fields


def section_field(level: int = 1) -> Record:
    """A section at heading `level` as a record (`section_fields`)."""
    return Record("章节", section_fields(level), f"一节：{_LEVEL_NAMES[level]}和它的正文")


_BODY_KEYS = {"heading", "paragraphs", "subsections", "run_in", "numbering"}


class Body(Field):
    """A part of a report whose heading is fixed by the format: its paragraphs (a list, as before), or
    a mapping with `paragraphs`, `subsections` and optionally its own `heading` wording."""

    def __init__(self, label: str, doc: str, level: int, *, heading_doc: str = "", **kw: Any):
        """`heading_doc` empty: the part's heading is fixed (五、存在的主要问题及改进情况), no `heading` key."""
        super().__init__(label, doc, **kw)
        self.paragraphs = paragraphs_field(label, doc)
        fields = section_fields(level, heading_required=False, heading_doc=heading_doc)
        if not heading_doc:
            del fields["heading"], fields["run_in"]
        self.record = Record(label, fields, doc)

    def placeholder(self) -> Any:
        return []

    def validate(self, node: yaml.Node, ctx: Context, path: str) -> Any:
        if isinstance(node, yaml.MappingNode):
            keys = {k.value for k, _ in node.value if isinstance(k, yaml.ScalarNode)}
            if keys & _BODY_KEYS and not keys & {"points", "inline_points"}:
                return self.record.validate(node, ctx, path)
        return self.paragraphs.validate(node, ctx, path)

    def json_schema(self, convert: Callable[[Field], dict[str, Any]]) -> dict[str, Any]:
        return {"title": self.label, "description": self.doc,
                "anyOf": [convert(self.paragraphs), convert(self.record)]}


def body_parts(value: Any) -> dict[str, Any]:
    """A Body's value as a section-like mapping (a plain list is its paragraphs)."""
    if isinstance(value, dict):
        return value
    return {"paragraphs": value or []}


class TitleField(Field):
    """The title: one text (broken into lines by itself), or a list of its lines."""

    holds_text = True

    def __init__(self, label: str, doc: str, **kw: Any):
        super().__init__(label, doc, **kw)
        self.text = Prose(label, doc, max_length=80, single_line=True)
        self.lines = ListOf("标题各行", Prose("标题的一行", "一行最多 20 字", max_length=40, single_line=True),
                            "标题分成的各行",
                            min_items=1)

    def placeholder(self) -> str:
        return "…"

    def validate(self, node: yaml.Node, ctx: Context, path: str) -> Any:
        if isinstance(node, yaml.SequenceNode):
            lines = self.lines.validate(node, ctx, path)
            for i, (line, child) in enumerate(zip(lines or [], node.value)):
                if line and "{" not in line and line_width(line.strip()) > MAX_WIDTH:
                    ctx.report(child, f"{path}[{i}]", "标题的一行",
                               f"这一行有 {line_width(line.strip()):g} 字宽，2号标题一行只能排 {MAX_WIDTH:g} 字，"
                               "Word 会在行内自动回行：请把它分成两行。", "title-line", severity=Severity.WARNING)
            return lines
        return self.text.validate(node, ctx, path)

    def json_schema(self, convert: Callable[[Field], dict[str, Any]]) -> dict[str, Any]:
        return {"title": self.label, "description": self.doc, "anyOf": [convert(self.text), convert(self.lines)]}


class TypedChineseDate(_dt.date):
    """A date the clerk typed in Chinese numerals (二〇一二年三月十六日): printed the same way unless
    `date_style` says otherwise."""


_CN_DIGITS = {"〇": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_ZERO_LOOKALIKES = "○零OoΟ０0"  # ○ U+25CB, 零, the letters O/o, Greek Ο, full-width and plain zero
_CN_DATE = re.compile(rf"^([〇一二三四五六七八九{_ZERO_LOOKALIKES}]{{4}})年([一二三四五六七八九十]{{1,3}})月"
                      r"([一二三四五六七八九十]{1,3})日$")


def _cn_small(text: str) -> int | None:
    """一 … 三十一 → 1 … 31."""
    if text == "十":
        return 10
    if "十" in text:
        tens, _, ones = text.partition("十")
        t = _CN_DIGITS.get(tens, -1) if tens else 1
        o = _CN_DIGITS.get(ones, -1) if ones else 0
        return None if t < 1 or o < 0 else t * 10 + o
    return _CN_DIGITS.get(text) if len(text) == 1 else None


def _year_printed(ctx: Context, path: str) -> bool:
    """Whether the date at `path` prints its year: not when the mapping holding it says
    `show_date_year: false` (read from the source, as that key may come after the date)."""
    node: Any = ctx.source.root
    for key in path.split(".")[:-1]:
        if not isinstance(node, yaml.MappingNode):
            return True
        node = next((v for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == key), None)
    if not isinstance(node, yaml.MappingNode):
        return True
    flag = next((v for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == "show_date_year"), None)
    return not (isinstance(flag, yaml.ScalarNode) and flag.value.strip().lower() in _FALSE)  # as Flag reads it


class SigningDate(Date):
    """成文日期: 2012-03-16, 2012.3.16, 2012/3/16, 2012年3月16日, or in Chinese numerals
    二〇一二年三月十六日. A zero typed as ○ (U+25CB), 零 or the letter O is a warning at its place;
    the date prints with 〇 (U+3007), as GB/T 9704-1999 writes it."""

    # Not needed when this sibling has this value: a report that prints no date (`show_date:
    # false`) needs no date invented for it. The editor schema says the same (schema_export).
    not_needed_when = ("show_date", False)

    def needed(self, siblings: dict[str, Any]) -> bool:
        key, value = self.not_needed_when
        return siblings.get(key) is not value

    def validate(self, node: yaml.Node, ctx: Context, path: str) -> _dt.date | None:
        if isinstance(node, yaml.ScalarNode):
            raw = node.value.strip()
            m = _CN_DATE.match(raw)
            if m:
                year_text = m.group(1)
                for i, ch in enumerate(year_text):
                    if ch in _ZERO_LOOKALIKES:
                        offset = text_offset(node, node.value.index(raw) + i) if isinstance(node, yaml.ScalarNode) else 0
                        name = {"○": "圆圈“○”（U+25CB）", "零": "“零”"}.get(ch, f"“{ch}”")
                        printed = ("报告中印作“〇”。" if _year_printed(ctx, path) else
                                   "这份报告不印年份（show_date_year: false），印出的日期不受影响，"
                                   "但请改为“〇”，以免以后印出年份时出错。")
                        ctx.report(node, path, self.label,
                                   f"年份里的零写成了{name}：公文日期的零应为“〇”（U+3007），{printed}",
                                   "date-zero", severity=Severity.WARNING, offset=offset or 0)
                        break
                year = int("".join(str(_CN_DIGITS.get(ch, 0)) for ch in year_text))
                month, day = _cn_small(m.group(2)), _cn_small(m.group(3))
                try:
                    if month is None or day is None:
                        raise ValueError
                    return TypedChineseDate(year, month, day)
                except ValueError:
                    ctx.report(node, path, self.label, f"日期不存在：{describe(node)}。", "bad-date")
                    return None
        return super().validate(node, ctx, path)

    def json_schema(self, convert: Callable[[Field], dict[str, Any]]) -> dict[str, Any]:
        zero = "〇" + _ZERO_LOOKALIKES
        return {"title": self.label, "description": self.doc, "type": "string",
                "pattern": rf"^\d{{4}}([-./])\d{{1,2}}\1\d{{1,2}}$|^\d{{4}}年\d{{1,2}}月\d{{1,2}}日$"
                           rf"|^[{zero}一二三四五六七八九]{{4}}年[一二三四五六七八九十]{{1,3}}月[一二三四五六七八九十]{{1,3}}日$"}


__all__ = ["Body", "SigningDate", "StyleChoice", "TitleField", "body_parts", "numbering_field", "paragraph_field",
           "paragraphs_field", "run_in_field", "section_field", "signing_extra_fields"]
