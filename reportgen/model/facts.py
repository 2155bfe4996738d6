"""A validated facts file: load → validate (schema, references) → check (the format's rules)."""

from __future__ import annotations

import copy
import dataclasses
import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..checks import copies, text_figures as figure_checks, years as year_checks
from . import prose, yoy
from ..checks.lint import lost_items, typed_heading_numbers
from ..load.input_hints import trial_format_message
from .plain_refs import plain_reference_problems
from .text import punctuation_fixes, unpaired_punctuation
from ..errors import FactsError, Location, Problem, Severity
from .formats import FORMATS, ReportFormat
from .schema import Choice, Context, label_at, text_offset, validate
from ..load.source import Source, read_source


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
        (as `schema.text_offset` gives it)."""
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


def _punctuation(facts: Facts) -> list[Problem]:
    """PUNCT: half-width punctuation in Chinese text, one warning at each mark that prints in full
    width (text.punctuation_fixes; pairs of brackets and quotes both or neither)."""
    found = []
    keep = "（生成时加 --keep-punctuation 则保留原样）"
    for path, node in facts.prose:
        for offset, typed, printed in punctuation_fixes(node.value):
            where = "夹在汉字之间" if typed in ",;:?!" else "用在中文里"
            pair = "（与另一半成对改）" if typed in "()\"" else ""
            loc = facts.source_location(node, text_offset(node, offset))
            found.append(Problem(
                loc, f"半角标点“{typed}”{where}：报告中会印成全角“{printed}”{pair}{keep}。", path, "",
                Severity.WARNING, "PUNCT", facts.source.line(loc.line)))
        for offset in unpaired_punctuation(node.value):
            mark = node.value[offset]
            loc = facts.source_location(node, text_offset(node, offset))
            found.append(Problem(
                loc, f"半角标点“{mark}”没有配对的另一半：报告中照原样印出“{mark}”；请补上另一半"
                f"（全角{'（）' if mark in '()' else '“”'}），或删去它（PUNCT）。", path, "",
                Severity.WARNING, "PUNCT", facts.source.line(loc.line)))
    return found


def _rendered_texts(facts: Facts) -> list[tuple[tuple[str, yaml.ScalarNode], str]]:
    """Each text of the report as printed, but headings (the format fixes them)."""
    from .document.blocks import text_of

    out = []
    for path, node in facts.prose:
        if path.endswith("heading") or path == "title":
            continue
        try:
            out.append(((path, node), text_of(node.value, facts.references)))
        except KeyError:  # a year-over-year name: differs by nature
            continue
    return out


def _copies(facts: Facts, previous: Facts) -> list[Problem]:
    """COPY: a text that reads as last year's but for the years and figures (copies.py)."""
    found = []
    for hit in copies.copies(_rendered_texts(facts), _rendered_texts(previous)):
        (path, node), (_, last_node) = hit.key, hit.last_key  # type: ignore[misc]
        loc = facts.source_location(node)
        how = "完全相同" if hit.ratio == 1 else f"几乎相同（相似度 {int(hit.ratio * 100)}%）"
        found.append(Problem(
            loc, f"与上一年度报告（{previous.source_location(last_node)}）的文字{how}，年份和数字不计（COPY）："
            "请按本年的情况改写。年度报告内容雷同的，按统一格式要求会被追责。", path, "", Severity.WARNING, "COPY",
            facts.source.line(loc.line)))
    return found


def _jumps(facts: Facts, values: dict[str, str], previous: Facts) -> list[Problem]:
    found = []
    for name, now, last in yoy.jumps(values, previous.references):
        how = "是上年的十倍以上" if now else "降为 0"
        found.append(facts.problem(
            name,
            f"与上年相比变化异常（JUMP）：{facts.figure_label(name)}今年是 {now}，上年是 {last}"
            f"（{previous.where(name)}），{how}，请确认是否填错。",
            code="JUMP", severity=Severity.WARNING))
    return found


def _without_indent_echoes(schema_problems: list[Problem], line_problems: list[Problem],
                           source: Source) -> list[Problem]:
    """A key indented with a full-width space or a tab lands in the wrong mapping: the line scan
    already said so at that line, so the unknown key there and the same field missing elsewhere are
    echoes of one mistake, not more mistakes."""
    lines = {p.location.line for p in line_problems if p.code in ("fullwidth-indent", "tab-indent")}
    if not lines:
        return schema_problems
    keys = {source.line(n).strip(" \t\u3000-").split(":", 1)[0] for n in lines}
    return [p for p in schema_problems
            if not (p.code == "unknown-field" and p.location.line in lines)
            and not (p.code == "missing-field" and p.path.rsplit(".", 1)[-1] in keys)]


def _yoy_unresolved(facts: Facts, previous: Facts | None) -> list[Problem]:
    """A text names a year-over-year figure that cannot be computed: last year's facts are not at
    hand, or they lack that figure."""
    found = []
    for path, node in facts.prose:
        for ref in prose.references(node.value):
            if not yoy.is_yoy(ref.name) or ref.name in facts.references:
                continue
            loc = facts.source_location(node, text_offset(node, ref.start))
            if previous is None:
                why = ("要和上一年度比较，但没有找到上一年度的事实文件：请用 --previous 指定，"
                       "或把上年的文件（文件名中的年份减一）放在这个文件旁边。")
            else:
                why = f"要和上一年度比较，但上一年度的事实文件 {previous.source.name} 里没有这个数。"
            found.append(Problem(loc, f"{{{ref.name}}} {why}", path, "", Severity.ERROR, "no-previous",
                                 facts.source.line(loc.line)))
    return found


def _own_checks(facts: Facts) -> list[Problem]:
    """The checks of the text and the year that every format shares (TEXT, FORMAT, FILENAME,
    PUNCT), run on whatever is valid."""
    text, notes = figure_checks.text_figures(facts)
    facts.notes += notes
    return [*text, *year_checks.year_checks(facts), *_punctuation(facts),
            *lost_items(facts.prose, facts.source_location, facts.source.line),
            *typed_heading_numbers(facts.prose, facts.source_location, facts.source.line)]


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
    problems += _without_indent_echoes(ctx.problems, problems, source)
    if data is None:
        raise FactsError(problems)
    values = fmt.references(data)
    problems += plain_reference_problems(ctx)
    problems += _reference_problems(ctx, {**values, **dict.fromkeys(yoy.names(values), "")}, fmt, data)
    facts = Facts(path, source, fmt, data, ctx.locations, values, ctx.prose)
    if ctx.invalid:
        names, unknown = _names_if_valid(fmt, data, ctx)
        facts.unsure = frozenset(names - values.keys()) | {f"{top}." for top in unknown}
    if any(p.is_error for p in problems):
        # The checks still run on every part that is valid: all the problems in one run, the
        # warnings too (nothing hidden behind an error).
        problems += fmt.checks(facts, None)
        problems += _own_checks(facts)
        if previous is not None and _is_last_year(facts, previous):
            # COPY masks the figures, so it holds with counts still to fill in (right after `new`).
            problems += _copies(facts, previous)
        raise FactsError(problems)
    if previous is not None and not _is_last_year(facts, previous):
        if previous_required:
            problems.append(facts.problem(
                "year",
                f"--previous 给的文件 {previous.source.name} 是“{previous.agency_name}”{previous.year} 年的报告，"
                f"而核对结转数需要“{facts.agency_name}”{facts.year - 1} 年的报告：请检查给的文件。",
                code="PREVIOUS"))
        previous = None
    facts.previous = previous
    if previous is not None:
        facts.references.update(yoy.values(values, previous.references, fmt.units(data)))
        problems += _jumps(facts, values, previous)
        problems += _copies(facts, previous)
    problems += _yoy_unresolved(facts, previous)
    problems += fmt.checks(facts, previous)
    problems += _own_checks(facts)
    if any(p.is_error for p in problems):
        raise FactsError(problems)
    facts.warnings = sorted(problems, key=Problem.sort_key)
    return facts
