"""`reportgen new`: next year's facts file from last year's.

The new file is last year's text, edited in place so the clerk's wording, comments and layout stay:
the year and the date move on one year; every count of the year is left blank (an unfilled count is
an error at check time, never a silent 0) with last year's value in a comment beside it (one note
per line, also where a flow row holds several counts); last year's 结转下年度继续办理 becomes this
year's 上年结转. The first line points editors at the schema. What an import noted about last year's
report goes: its `# 导入：` comments and header, and its `unsure:` marks, except a doubt about 结转下年度
继续办理, which stays as a doubt about this year's 上年结转 (a figure `new` fills in). Years typed in the
text are left as typed; `typed_years` lists where last year's is, for the clerk to decide.

Why not ruamel.yaml's round-trip mode: dumping a shipped example back without any edit already
rewrites 23 of its lines (the values aligned in a column, `new:               [64, …]`, lose their
alignment) and re-indents every list item of a file whose lists sit at the key's column; the
clerk's file is the clerk's. Here the edits are spliced into the text at the positions the
project's own loader (PyYAML with marks) gives, and nothing else moves.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..errors import Location, Problem, Severity
from ..load.input_hints import facts_stem
from ..load.source import Source
from ..load.yaml_text import quoted
from ..model.containers import ListOf, MapOf, Record, label_at
from ..model.facts import Facts
from ..model.formats.national_2021 import CountRow, amount_text, computed_rows
from ..model.formats.national_tables import CARRIED_FORWARD
from ..model.scalars import Amount, Count
from ..model.schema import Field
from ..model.text import date_chinese
from ..model.unsure import KEY as UNSURE_KEY
from .typed_years import typed_year_message, typed_years

SCHEMA_FILE = "reportgen.schema.json"
SCHEMA_LINE = f"# yaml-language-server: $schema=./{SCHEMA_FILE}\n"


@dataclass
class _Edit:
    start: int
    end: int
    text: str


# Notes `new` put in comments, to be replaced (not added to) when a file made by `new` is made
# new again: one 上年 figure per count, last year's, never an older one.
_OLD_NOTE = re.compile(r"（(?:上年：[^）]*|即上年“四、结转下年度继续办理”)）|，?上年：[^，（）#]*$|^即上年“四、结转下年度继续办理”$")
_ANCHOR = re.compile(r"&[^\s,\[\]{}]+[ \t]*")
# What `reportgen import` wrote about last year's report (reportgen/importer/write.py): its header,
# and every note starting 导入：. They speak of last year's report, not of next year's.
_IMPORT_COMMENT = re.compile(r"^[ \t]*#[ \t]*(?:导入：|由 reportgen import 从 |以“导入：”开头的注释).*(?:\r\n|\r|\n)?", re.M)
_SCHEMA_COMMENT = re.compile(r"^# yaml-language-server:.*(?:\r\n|\r|\n)?", re.M)
UNSURE_HEADING = "读取没有把握的数"  # the import's comment above `unsure:`
CARRIED_FORWARD_PATH = "applications.carried_forward"
CARRIED_OVER_PATH = "applications.carried_over"


def merge_note(comment: str, note: str) -> str:
    """A line's comment (`# …` or "") with `note` in it, and any note an earlier `new` put there removed."""
    body = comment[1:].strip() if comment.startswith("#") else ""
    body = _OLD_NOTE.sub("", body).strip()
    return f"# {body}（{note}）" if body else f"# {note}"


def next_year_path(last: Path, year: int) -> Path:
    """example-2025.yaml → example-2026.yaml (also from Notepad's example-2025.yaml.txt); a name
    without the year gets -YYYY added."""
    stem = facts_stem(last)
    if str(year) in stem:
        i = stem.rindex(str(year))
        stem = stem[:i] + str(year + 1) + stem[i + 4:]
    else:
        stem = f"{stem}-{year + 1}"
    return last.with_name(stem + ".yaml")


def row_lines(columns: tuple[tuple[str, str], ...], indent: int, values: dict[str, int | None] | None = None,
              notes: dict[str, str] | None = None) -> list[str]:
    """A row of counts written one column a line, each with its Chinese name in a comment:
    `natural:       # 自然人` (a blank to fill; `notes[key]` added after the name, e.g. 上年：3), or with
    `values`, `natural:    3    # 自然人`. `columns` are (key, Chinese name) in printed order, `indent`
    the spaces before each key. Shared by `new` and `init` (reportgen.authoring.init_file), so a
    blank looks the same in both."""
    width = max(len(key) for key, _ in columns) + 2
    lines = []
    for key, name in columns:
        if values is not None:
            lines.append(f"{' ' * indent}{(key + ':').ljust(width)}{values.get(key)}    # {name}")
        else:
            note = (notes or {}).get(key)
            lines.append(f"{' ' * indent}{(key + ':').ljust(width)}    # {name}" + (f"，{note}" if note else ""))
    return lines


class _Scaffolder:
    def __init__(self, facts: Facts):
        self.facts = facts
        self.text = facts.source.text
        self.newline = "\r\n" if "\r\n" in self.text else "\n"  # keep a Windows file's line ends
        self.edits: list[_Edit] = []
        self.seen: set[int] = set()  # nodes already edited: an alias (*name) is the anchored node again
        self.flow_notes: dict[int, tuple[int, list[str]]] = {}  # line end → (where to look for its comment, 上年 values)
        self.key: yaml.Node | None = None  # the key of the value being walked, in a mapping
        self.carry: dict[str, int] | None = None
        if "applications" in facts.data:
            self.carry = computed_rows(facts.data["applications"])[CARRIED_FORWARD.key]

    # -- text helpers ----------------------------------------------------------------------------
    def _line_end(self, index: int) -> int:
        """Where the line holding `index` ends: before its \\n, or its \\r\\n / \\r (Windows files)."""
        m = re.compile(r"\r\n|\r|\n").search(self.text, index)
        return len(self.text) if m is None else m.start()

    def _indent_of_line(self, index: int) -> int:
        start = self.text.rfind("\n", 0, index) + 1
        line = self.text[start:index]
        return len(line) - len(line.lstrip(" -"))

    def _rest_of_line(self, node: yaml.Node) -> tuple[str, str]:
        """Whitespace and comment after a node on its line (both possibly empty)."""
        rest = self.text[node.end_mark.index:self._line_end(node.end_mark.index)]
        stripped = rest.lstrip()
        return rest[: len(rest) - len(stripped)], stripped

    # -- edits -----------------------------------------------------------------------------------
    def _anchor_at(self, index: int) -> str:
        """The anchor (`&name `) a node's text starts with, to keep it; "" when none."""
        m = _ANCHOR.match(self.text, index)
        return m.group(0) if m else ""

    def blank_scalar(self, node: yaml.ScalarNode, last: str, flow: bool) -> None:
        gap, comment = self._rest_of_line(node)
        note = f"上年：{last}"
        anchor = self._anchor_at(node.start_mark.index)
        if flow:  # inside [..] or {..} a value cannot be left out: ~ is YAML's "nothing"
            self.edits.append(_Edit(node.start_mark.index, node.end_mark.index, anchor + "~"))
            # One note per line, with every count of the line in order: {issued: ~, repealed: ~}  # 上年：1, 0
            end = self._line_end(node.end_mark.index)
            self.flow_notes.setdefault(end, (node.end_mark.index, []))[1].append(last)
            return
        width = node.end_mark.index - node.start_mark.index - len(anchor)
        self.edits.append(_Edit(node.start_mark.index, self._line_end(node.end_mark.index),
                                anchor + " " * width + (gap or "  ") + merge_note(comment, note)))

    def replace_row(self, node: yaml.Node, field: CountRow, values: dict[str, int | None], *, filled: bool,
                    note: str) -> None:
        """Rewrite a row as a block mapping, one column a line."""
        if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and not node.flow_style and node.value:
            # Already a block below its key (a file made by `new`, say): replace its lines whole,
            # at their own indentation, and the note on the key's line.
            first = node.value[0]
            first_index = (first[0] if isinstance(first, tuple) else first).start_mark.index
            start = self.text.rfind("\n", 0, first_index) + 1
            indent = self._indent_of_line(first_index) if isinstance(node, yaml.MappingNode) else node.start_mark.column
            last = node.value[-1]
            last_end = (last[1] if isinstance(last, tuple) else last).end_mark.index
            end = self._line_end(last_end)
            head = ""
            if self.key is not None:
                key_end = self._line_end(self.key.end_mark.index)
                at = self.text.find("#", self.key.end_mark.index, key_end)
                if at >= 0:
                    self.edits.append(_Edit(at, key_end, merge_note(self.text[at:key_end], note)))
                else:
                    self.edits.append(_Edit(key_end, key_end, f"  # {note}"))
        else:
            start = node.start_mark.index
            indent = self._indent_of_line(node.start_mark.index) + 2
            end = self._line_end(node.end_mark.index)
            _, comment = self._rest_of_line(node)
            head = self._anchor_at(start) + merge_note(comment, note) + self.newline
        lines = row_lines(field.columns, indent, values if filled else None,
                          None if filled else {key: f"上年：{values.get(key)}" for key, _ in field.columns})
        self.edits.append(_Edit(start, end, head + self.newline.join(lines)))

    def move_title_year(self, node: yaml.ScalarNode) -> None:
        """A custom title naming the year (嘉兴市体育局2011年度……) names the next one; a title
        written with {year} moves by itself."""
        year = str(self.facts.data["year"])
        raw = self.text[node.start_mark.index:node.end_mark.index]
        moved = re.sub(rf"(?<![0-9]){year}(?![0-9])", str(int(year) + 1), raw)
        if moved != raw:
            self.edits.append(_Edit(node.start_mark.index, node.end_mark.index, moved))

    def remove_entry(self, key_node: yaml.Node, value_node: yaml.Node) -> None:
        """Delete a `key: value` entry, its lines whole."""
        start = self.text.rfind("\n", 0, key_node.start_mark.index) + 1
        last = value_node
        if isinstance(value_node, (yaml.MappingNode, yaml.SequenceNode)) and not value_node.flow_style and value_node.value:
            tail = value_node.value[-1]
            last = tail[1] if isinstance(tail, tuple) else tail
        end = self._line_end(last.end_mark.index)
        end += len(self.newline) if self.text.startswith(self.newline, end) else 0
        self.edits.append(_Edit(start, end, ""))

    # -- the walk ----------------------------------------------------------------------------------
    def walk(self, field: Field, node: yaml.Node, path: str, flow: bool = False) -> None:
        data = self.facts.data
        if id(node) in self.seen:
            return  # an alias: its anchored node is edited once, and the alias stays as typed
        self.seen.add(id(node))
        if path == "title" and isinstance(node, yaml.ScalarNode):
            self.move_title_year(node)
            return
        if path == "year":
            self.edits.append(_Edit(node.start_mark.index, node.end_mark.index, str(data["year"] + 1)))
            return
        if path == "signed":
            signed: _dt.date = data["signed"]
            try:
                moved = signed.replace(year=signed.year + 1)
            except ValueError:  # 29 February, or the year 9999
                moved = signed.replace(day=28) if signed.year >= 9999 else signed.replace(year=signed.year + 1, day=28)
            # Typed in Chinese numerals (二〇二六年一月十六日), it prints so: next year's too.
            typed_chinese = isinstance(node, yaml.ScalarNode) and re.search("[〇○零一二三四五六七八九十]", node.value)
            self.edits.append(_Edit(node.start_mark.index, node.end_mark.index,
                                    date_chinese(moved) if typed_chinese else moved.isoformat()))
            return
        if isinstance(field, CountRow):
            last = _lookup(data, path)
            if path == "applications.carried_over" and self.carry is not None:
                self.replace_row(node, field, self.carry, filled=True, note="即上年“四、结转下年度继续办理”")
            else:
                values = {k: last.get(k) for k, _ in field.columns} if isinstance(last, dict) else {}
                shown = ", ".join(str(values.get(k)) for k, _ in field.columns)
                self.replace_row(node, field, values, filled=False, note=f"上年：{shown}")
            return
        if isinstance(field, Count) and field.setting:
            return  # a heading level or decimal places: a choice of layout, kept as it was
        if isinstance(field, (Count, Amount)) and isinstance(node, yaml.ScalarNode):
            last = _lookup(data, path)
            shown = amount_text(last) if isinstance(field, Amount) else str(last)
            self.blank_scalar(node, shown, flow)
            return
        if isinstance(field, Record) and isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                sub = field.fields.get(key_node.value)
                if f"{path}.{key_node.value}" == "applications.results_total":
                    self.remove_entry(key_node, value_node)  # computed; a typed one would be last year's
                    continue
                if not path and key_node.value == UNSURE_KEY:
                    self.carry_unsure(key_node, value_node)
                    continue
                if sub is not None:
                    self.key = key_node
                    self.walk(sub, value_node, f"{path}.{key_node.value}" if path else key_node.value,
                              flow or bool(node.flow_style))
        elif isinstance(field, MapOf) and isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                self.walk(field.item, value_node, f"{path}.{key_node.value}", flow or bool(node.flow_style))
        elif isinstance(field, ListOf) and isinstance(node, yaml.SequenceNode):
            for i, child in enumerate(node.value):
                self.walk(field.item, child, f"{path}[{i}]", flow or bool(node.flow_style))

    def flow_note_edits(self) -> None:
        """The notes of the counts blanked in flow rows, one comment per line."""
        for end, (after, values) in self.flow_notes.items():
            at = self.text.find("#", after, end)
            note = "上年：" + ", ".join(values)
            if at < 0:
                self.edits.append(_Edit(end, end, f"  # {note}"))
            else:
                self.edits.append(_Edit(at, end, merge_note(self.text[at:end], note)))

    def carry_unsure(self, key_node: yaml.Node, value_node: yaml.Node) -> None:
        """Last year's `unsure:` marks name last year's figures, which are blanked: the entry goes. A
        doubt about 结转下年度继续办理 (or the whole table) stays, as one about this year's 上年结转, which
        `new` fills in from it."""
        marks = self.facts.data.get("unsure") or {}
        kept = {}
        for path, why in marks.items():
            if path == CARRIED_FORWARD_PATH or path.startswith(CARRIED_FORWARD_PATH + "."):
                kept[CARRIED_OVER_PATH + path[len(CARRIED_FORWARD_PATH):]] = why
            elif path == "applications":
                kept[CARRIED_OVER_PATH] = why
        if not kept or self.carry is None:
            self.remove_entry(key_node, value_node)
            # and the import's heading of the marks (# 读取没有把握的数……) on the line above
            start = self.edits[-1].start
            above = self.text.rfind("\n", 0, max(start - 1, 0)) + 1
            if start and self.text[above:start].lstrip().startswith(f"# {UNSURE_HEADING}"):
                self.edits[-1].start = above
            return
        start = self.text.rfind("\n", 0, key_node.start_mark.index) + 1
        indent = " " * (key_node.start_mark.index - start + 2)
        lines = [self.text[start:key_node.end_mark.index] + ":"]
        for path, why in kept.items():
            note = f"即上年“四、结转下年度继续办理”，上年导入时读取没有把握（{why}）：请与上年的报告核对，无误后删去这一条"
            lines.append(f"{indent}{path}: {quoted(note)}")
        self.remove_entry(key_node, value_node)
        removal = self.edits[-1]
        removal.text = self.newline.join(lines) + self.newline

    def import_comment_edits(self) -> None:
        """Remove the import's comment lines (and a schema line, written anew), except inside text
        that another edit already replaces."""
        for pattern in (_IMPORT_COMMENT, _SCHEMA_COMMENT):
            for m in pattern.finditer(self.text):
                if not any(e.start < m.end() and m.start() < e.end for e in self.edits):
                    self.edits.append(_Edit(m.start(), m.end(), ""))

    def result(self) -> str:
        """Next year's text: every edit applied, the schema line first."""
        self.flow_note_edits()
        self.import_comment_edits()
        text = self.text
        for edit in sorted(self.edits, key=lambda e: e.start, reverse=True):
            text = text[: edit.start] + edit.text + text[edit.end:]
        return SCHEMA_LINE.replace("\n", self.newline) + text

    def moved(self, index: int) -> int:
        """Where the character at `index` of last year's text is in `result()` (not inside an edit)."""
        shift = len(SCHEMA_LINE.replace("\n", self.newline))
        return index + shift + sum(len(e.text) - (e.end - e.start) for e in self.edits if e.end <= index)


def _lookup(data: object, path: str) -> object:
    for part in re.findall(r"[^.\[\]]+", path):
        if isinstance(data, list):
            data = data[int(part)]
        elif isinstance(data, dict):
            data = data.get(part)
        else:
            return None
    return data


_PLAIN_START = re.compile(r"[ ]*(?:-[ ]+)*(?:[^\s#'\"{\[-][^:#'\"]*:[ ]+)?")


def next_year(facts: Facts, name: str) -> tuple[str, list[Problem]]:
    """Next year's facts file from last year's validated facts: its text, and a warning (located
    in that text, `name` being its file name) at each year typed in the text that is last year's
    (reportgen.authoring.typed_years), which `new` leaves for the clerk to decide."""
    scaffolder = _Scaffolder(facts)
    assert facts.source.root is not None
    scaffolder.walk(facts.format.schema, facts.source.root, "")
    text = scaffolder.result()
    made = Source(name, text, facts.source.encoding)
    warnings = []
    for index, path, typed, places in typed_years(facts.source.root, facts.source.text, facts.year,
                                                  frozenset({"title", UNSURE_KEY})):
        line, column = made.position(scaffolder.moved(index))
        label = label_at(facts.format.schema, re.sub(r"\[\d+\]", "", path).split("."))
        # `- 2025年，…` (no quotes): `{year}` typed there would start a YAML mapping
        opens_plain = _PLAIN_START.fullmatch(made.line(line)[:column - 1]) is not None
        warnings.append(Problem(Location(name, line, column),
                                typed_year_message(typed, facts.year, places, opens_plain=opens_plain), path, label,
                                Severity.WARNING, "typed-year", made.line(line)))
    return text, warnings


def next_year_text(facts: Facts) -> str:
    """The text of next year's facts file, made from last year's validated facts."""
    return next_year(facts, facts.source.name)[0]
