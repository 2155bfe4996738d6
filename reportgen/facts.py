"""A validated facts file: load → validate (schema, references) → check (the format's rules)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from . import prose
from .errors import FactsError, Location, Problem, Severity
from .formats import FORMATS, ReportFormat
from .schema import Choice, Context, text_offset, validate
from .source import Source, read_source


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
    warnings: list[Problem] = field(default_factory=list)

    @property
    def agency_name(self) -> str:
        return str(self.data["agency"]["name"])

    @property
    def year(self) -> int:
        return int(self.data["year"])

    def source_location(self, node: yaml.Node, offset: int | None = None) -> Location:
        mark = node.start_mark
        return Location(self.source.name, mark.line + 1, mark.column + 1 + (offset or 0))

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
        loc = Location(source.name, root.start_mark.line + 1 if root else 1, 1)
        return None, [Problem(loc, "事实文件应由“字段名: 值”组成，第一行通常是 format: 报告格式。", code="not-a-mapping")]
    for key, value in root.value:
        if isinstance(key, yaml.ScalarNode) and key.value == "format":
            ctx = Context(source)
            name = _FORMAT_FIELD.check(value, ctx, "format")
            return (FORMATS[name] if name else None), ctx.problems
    options = "、".join(f"{n}（{f.label}）" for n, f in FORMATS.items())
    return None, [Problem(Location(source.name, 1, 1), f"缺少这个字段：请在文件开头写明 format: 报告格式，可选：{options}。",
                          "format", "报告格式", code="missing-field", source_line=source.line(1))]


def _reference_problems(ctx: Context, values: dict[str, str]) -> list[Problem]:
    found: list[Problem] = []
    for path, node in ctx.prose:
        for ref in prose.references(node.value):
            if ref.name in values:
                continue
            offset = text_offset(node, ref.start)
            loc = ctx.where(node, offset or 0)
            found.append(Problem(loc, prose.unknown_message(ref.name, values), path, "", Severity.ERROR,
                                 "unknown-reference", ctx.source.line(loc.line)))
    return found


def _is_last_year(facts: Facts, previous: Facts) -> bool:
    return (previous.agency_name == facts.agency_name and previous.year == facts.year - 1
            and previous.format is facts.format)


def load_facts(path: str | Path, *, previous: Facts | None = None, previous_required: bool = False,
               display_name: str | None = None) -> Facts:
    """Read, validate and check a facts file. Raises FactsError listing every problem at once;
    on success the returned Facts carries the warnings.

    `previous` is last year's facts, for the checks that compare years. If it is not the same
    agency's previous year it is an error when `previous_required` (the user named it), and is
    ignored otherwise (it was found beside this file)."""
    path = Path(path)
    source, problems = read_source(path, display_name)
    if source is None or source.root is None:
        raise FactsError(problems)
    fmt, format_problems = _pick_format(source)
    problems += format_problems
    if fmt is None:
        raise FactsError(problems)
    data, ctx = validate(fmt.schema, source)
    problems += ctx.problems
    if data is None:
        raise FactsError(problems)
    values = fmt.references(data)
    problems += _reference_problems(ctx, values)
    if any(p.is_error for p in problems):
        raise FactsError(problems)
    facts = Facts(path, source, fmt, data, ctx.locations, values, ctx.prose)
    if previous is not None and not _is_last_year(facts, previous):
        if previous_required:
            problems.append(facts.problem(
                "year",
                f"--previous 给的文件 {previous.source.name} 是“{previous.agency_name}”{previous.year} 年的报告，"
                f"而核对结转数需要“{facts.agency_name}”{facts.year - 1} 年的报告：请检查给的文件。",
                code="PREVIOUS"))
        previous = None
    problems += fmt.checks(facts, previous)
    if any(p.is_error for p in problems):
        raise FactsError(problems)
    facts.warnings = sorted(problems, key=Problem.sort_key)
    return facts
