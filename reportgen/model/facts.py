"""A validated facts file: read (reportgen.load) → pick the format → validate (schema) → resolve
the references of the text. Running the checks on it is the next stage's (reportgen.checks.run)."""

from __future__ import annotations

import copy
import dataclasses
import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..errors import Location, Problem, Severity
from ..load.input_hints import trial_format_message
from ..load.positions import text_offset
from ..load.reader import read_source
from ..load.source import Source
from . import prose, yoy
from .containers import label_at
from .formats import FORMATS, ReportFormat
from .indent_slips import explain_slips, schemas_for
from .plain_refs import plain_reference_problems
from .scalars import Choice
from .schema import Context, validate


@dataclass
class Facts:
    """One agency's facts for one year, validated. `data` is plain Python (dicts, lists, str, int,
    Decimal, date); `locations` maps each field path to where it sits in the file."""

    path: Path
    source: Source
    format: ReportFormat
    data: dict[str, Any]
    locations: dict[str, Location]
    references: dict[str, str]
    prose: list[tuple[str, yaml.ScalarNode]] = field(default_factory=list)  # (path, node) of each text
    fullwidth_punctuation: bool = True  # print ,;:?!() next to Chinese characters in full width
    warnings: list[Problem] = field(default_factory=list)
    previous: Facts | None = None  # last year's facts, when they were at hand and matched
    local_rules: Any = None  # a local rules file's LocalRules (reportgen.model.local_rules), when given
    notes: list[str] = field(default_factory=list)  # what could not be checked, and why
    # Names missing only because a part failed validation (an error said elsewhere), or "top." for any
    # name under a top-level field whose failed part has no known shape: not a second error where used.
    unsure: frozenset[str] = frozenset()

    @property
    def agency_name(self) -> str:
        return str(self.data["agency"]["name"])

    @property
    def year(self) -> int:
        return int(self.data["year"])

    def source_location(self, node: yaml.Node, offset: int | None = None) -> Location:
        """Where a node starts, or the character `offset` characters of source text after that
        (as reportgen.load.positions.text_offset gives it)."""
        return self.source.mark_location(node.start_mark, offset or 0)

    def figure_label(self, name: str) -> str:
        """A figure a text can name, as the clerk knows it: its Chinese label."""
        parts = name.split(".")
        if parts[0] == "counts" and len(parts) == 2:
            return str(self.data["counts"][parts[1]].get("label") or name)
        if parts[0] == "meetings" and len(parts) == 2:
            return str(self.data["meetings"][parts[1]].get("name") or name)
        field = label_at(self.format.schema, parts)
        return field or name

    def where(self, path: str) -> Location:
        """The location of a field, or of its nearest parent that is in the file."""
        while path:
            if path in self.locations:
                return self.locations[path]
            path = path.rsplit(".", 1)[0] if "." in path else ""
        return Location(self.source.name, 1, 1)

    def problem(self, path: str, message: str, *, code: str, severity: Severity = Severity.ERROR,
                label: str = "") -> Problem:
        loc = self.where(path)
        return Problem(loc, message, path, label, severity, code, self.source.line(loc.line))


_FORMAT_FIELD = Choice("报告格式", {name: f.label for name, f in FORMATS.items()}, "这份报告用哪种格式")


def _pick_format(source: Source) -> tuple[ReportFormat | None, list[Problem]]:
    root = source.root
    if not isinstance(root, yaml.MappingNode):
        loc = Location(source.name, source.mark_location(root.start_mark).line if root else 1, 1)
        return None, [Problem(loc, "事实文件应由“字段名: 值”组成，第一行通常是 format: 报告格式。", code="not-a-mapping")]
    for key, value in root.value:
        if isinstance(key, yaml.ScalarNode) and key.value == "format":
            ctx = Context(source)
            name = _FORMAT_FIELD.check(value, ctx, "format")
            if name is None and isinstance(value, yaml.ScalarNode) and ctx.problems:
                trial = trial_format_message(value.value.strip(), "、".join(f"{n}（{f.label}）" for n, f in FORMATS.items()))
                if trial:
                    ctx.problems[-1] = dataclasses.replace(ctx.problems[-1], message=trial)
            return (FORMATS[name] if name else None), ctx.problems
    options = "、".join(f"{n}（{f.label}）" for n, f in FORMATS.items())
    # No `format:`. A misspelt one (or its Chinese label) still names the format: validate with it,
    # and the schema reports the key once, with its did-you-mean (not also as missing).
    for key, value in root.value:
        if isinstance(key, yaml.ScalarNode) and (
            key.value == _FORMAT_FIELD.label or difflib.get_close_matches(key.value, ["format"], n=1, cutoff=0.7)
        ):
            if isinstance(value, yaml.ScalarNode) and value.value.strip() in FORMATS:
                return FORMATS[value.value.strip()], []
            loc = source.mark_location(key.start_mark)
            return None, [Problem(loc, f"不认识的字段 {key.value}。你是不是想写 format（报告格式）？可选：{options}。",
                                  key.value, "", code="unknown-field", source_line=source.line(loc.line))]
    return None, [Problem(Location(source.name, 1, 1), f"缺少这个字段：请在文件开头写明 format: 报告格式，可选：{options}。",
                          "format", "报告格式", code="missing-field", source_line=source.line(1))]


_PATH_STEP = re.compile(r"\.?([^.\[\]]+)|\[(\d+)\]")


def _set_path(data: Any, path: str, value: Any) -> None:
    """Put `value` at a field path such as `sections[0].heading` of validated data, if the
    containers on the way are there."""
    steps: list[str | int] = [int(m.group(2)) if m.group(2) else m.group(1) for m in _PATH_STEP.finditer(path)]
    for step in steps[:-1]:
        if isinstance(step, int):
            data = data[step] if isinstance(data, list) and step < len(data) else None
        else:
            data = data.get(step) if isinstance(data, dict) else None
    last = steps[-1] if steps else None
    if isinstance(data, dict) and isinstance(last, str):
        data[last] = value
    elif isinstance(data, list) and isinstance(last, int) and last < len(data):
        data[last] = value


def _has_gap(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, dict):
        return any(_has_gap(v) for v in value.values())
    if isinstance(value, list):
        return any(_has_gap(v) for v in value)
    return False


def _names_if_valid(fmt: ReportFormat, data: dict[str, Any], ctx: Context) -> tuple[set[str], set[str]]:
    """What a paragraph could refer to had every part that failed validation been valid: the
    names (from the data with each failed part replaced by a valid stand-in), and the top-level
    fields holding a failed part whose shape is unknown (any name under them may exist)."""
    repaired = copy.deepcopy(data)
    unknown: set[str] = set()
    for path, sub in sorted(ctx.invalid.items(), key=lambda item: item[0].count(".") + item[0].count("[")):
        stand_in = sub.placeholder()
        if _has_gap(stand_in):  # e.g. names the clerk chooses, or a field with no stand-in
            unknown.add(path.split(".", 1)[0].split("[", 1)[0])
        _set_path(repaired, path, stand_in)
    try:
        names = set(fmt.references(repaired))
    except (KeyError, TypeError, AttributeError, ValueError, ArithmeticError):
        # Stand-ins the format did not expect: fall back to the names that exist (a follow-on
        # message is better than none).
        names = set()
    return names, unknown


def _is_defined_figure(name: str, data: dict[str, Any]) -> bool:
    """{figures.NAME} of a figure the file defines: when it cannot be computed, that is said at its
    definition (FIGURE), not again at each text that names it."""
    return name.startswith("figures.") and name.removeprefix("figures.") in (data.get("figures") or {})


def _reference_problems(ctx: Context, values: dict[str, str], fmt: ReportFormat,
                        data: dict[str, Any]) -> list[Problem]:
    """Unknown {name}s in the text. A name is unknown only if it would still be unknown had every
    part that failed validation been valid: a bad count must not also make each reference to it
    a second error."""
    found: list[Problem] = []
    if_valid: tuple[set[str], set[str]] | None = None
    for path, node in ctx.prose:
        for ref in prose.references(node.value):
            if ref.name in values or _is_defined_figure(ref.name, data):
                continue
            if ctx.invalid:
                if if_valid is None:
                    if_valid = _names_if_valid(fmt, data, ctx)
                names, unknown = if_valid
                if ref.name in names or ref.name.split(".", 1)[0] in unknown:
                    continue
            offset = text_offset(node, ref.start)
            loc = ctx.where(node, offset or 0)
            guesses = [*values, *sorted(if_valid[0] - values.keys())] if if_valid else None
            found.append(Problem(loc, prose.unknown_message(ref.name, values, guesses), path, "", Severity.ERROR,
                                 "unknown-reference", ctx.source.line(loc.line)))
        for offset, message in prose.stray_braces(node.value):
            loc = ctx.where(node, text_offset(node, offset) or 0)
            found.append(Problem(loc, message, path, "", Severity.ERROR, "stray-brace", ctx.source.line(loc.line)))
    return found


def _without_indent_echoes(schema_problems: list[Problem], line_problems: list[Problem],
                           source: Source) -> list[Problem]:
    """A key indented with a full-width space or a tab lands in the wrong mapping: the line scan
    already said so at that line, so the unknown key there and the same field missing elsewhere are
    echoes of one mistake, not more mistakes."""
    lines = {p.location.line for p in line_problems if p.code in ("fullwidth-indent", "tab-indent", "nbsp-indent")}
    if not lines:
        return schema_problems
    keys = {source.line(n).strip(" \t\u3000\u00a0-").split(":", 1)[0] for n in lines}
    return [p for p in schema_problems
            if not (p.code == "unknown-field" and p.location.line in lines)
            and not (p.code == "missing-field" and p.path.rsplit(".", 1)[-1] in keys)]


def read_facts(path: Path, display_name: str | None = None) -> tuple[Facts | None, list[Problem]]:
    """Read a facts file, pick its format, validate it and resolve the references of its text: the
    Facts (None when the file cannot be read or parsed, names no format, or cannot be validated at
    all) and every problem found on the way, in the order found. Nothing is checked beyond the
    schema and the references: reportgen.checks.run.load_facts runs the checks on the Facts, also
    when problems were found (on whatever is valid)."""
    source, problems = read_source(path, display_name)
    if source is None or source.root is None:  # an indentation slip is said as such (model.indent_slips)
        return None, problems if source is None else explain_slips(problems, source, schemas_for(source))
    fmt, format_problems = _pick_format(source)
    problems += format_problems
    if fmt is None:
        return None, problems
    data, ctx = validate(fmt.schema, source)
    problems += _without_indent_echoes(ctx.problems, problems, source)
    problems = explain_slips(problems, source, [fmt.schema])
    if data is None:
        return None, problems
    values = fmt.references(data)
    problems += plain_reference_problems(ctx)
    problems += _reference_problems(ctx, {**values, **dict.fromkeys(yoy.names(values), "")}, fmt, data)
    facts = Facts(path, source, fmt, data, ctx.locations, values, ctx.prose)
    if ctx.invalid:
        names, unknown = _names_if_valid(fmt, data, ctx)
        facts.unsure = frozenset(names - values.keys()) | {f"{top}." for top in unknown}
    return facts, problems
