"""A key indented one step wrong, said as such: which key the line belongs under and how far to indent it.

An indentation slip shows up as something else. One space short or too many is a YAML syntax error
(缩进不一致, or — when the line above holds text — a "continuation" that seems to want quotes); a tab is
found by the line scan; a key pulled to column 1, or pushed under the sibling above it, parses well
but lands in the wrong mapping: an unknown field there, and the field (and the keys below it)
missing where they belong — four or five errors, none naming the heading the key belongs under.

Here the keys open above the line are read from the text (each one's indentation and line), and the
schema says under which of them the key is a field. The message then names the parent and the
sibling to align with: ``licensing 的缩进不对：它属于 active_disclosure（第59行），应与第63行的
normative_documents 对齐（缩进 2 个空格），这里缩进了 1 个空格。`` The echoes of the same slip (the
fields missing where the moved lines belong) are dropped: the slip itself stays an error.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable

from ..errors import Location, Problem
from ..load.source import Source
from .containers import MapOf, Record
from .item_slips import item_slip
from .schema import Field

_KEY_LINE = re.compile(r"^([ \t\u3000\u00a0]*)([a-z_][a-z0-9_]*)[ \t]*:(?=\s|$)")
_KEY_VALUE = re.compile(r"^ *[a-z_][a-z0-9_]*[ \t]*:[ \t]+[^\s#]")  # `  licensing: 1386`, a key with its value
_SLIP_CODES = ("yaml-syntax", "tab-indent", "fullwidth-indent", "nbsp-indent", "unknown-field")
_STEP = 2  # the indentation step of every file reportgen writes (`new`, `import`, the examples)


@dataclasses.dataclass(frozen=True)
class Slip:
    """Where a key belongs: its field path, its field, the parent key's line (0 at the top), the
    sibling to align with (key, line; "" when it is the first under its parent) and the indentation."""

    path: tuple[str, ...]
    field: Field
    parent_line: int
    sibling: str
    sibling_line: int
    indent: int
    parent_indent: int = -_STEP
    at: int = 0  # the line of the slip when it is not the line asked about (the sibling above it)


def _levels(source: Source, line_no: int) -> list[tuple[int, str | None, int]]:
    """The lines open above `line_no`, innermost first: (indentation, key or None for a list item or
    text, line number), each less indented than the one before, down to column 1."""
    levels: list[tuple[int, str | None, int]] = []
    limit: int | None = None
    for n in range(line_no - 1, 0, -1):
        text = source.line(n)
        if not text.strip() or text.lstrip().startswith("#"):
            continue
        indent = len(text) - len(text.lstrip(" "))
        if limit is not None and indent >= limit:
            continue
        m = _KEY_LINE.match(text)
        levels.append((indent, m.group(2) if m and not m.group(1).strip(" ") else None, n))
        limit = indent
        if indent == 0:
            break
    return levels


def _field_at(schemas: Iterable[Record], path: tuple[str, ...]) -> Field | None:
    """The field at `path` in the first schema that has one (records by key, a MapOf's entries by any name)."""
    for schema in schemas:
        field: Field | None = schema
        for key in path:
            if isinstance(field, Record):
                field = field.fields.get(key)
            elif isinstance(field, MapOf):
                field = field.item
            else:
                field = None
            if field is None:
                break
        if field is not None:
            return field
    return None


def find_slip(source: Source, line_no: int, schemas: Iterable[Record]) -> Slip | None:
    """Where the key on line `line_no` belongs, by the keys open above it and the schema (`schemas`:
    the file's format's, or every format's when the file could not be parsed): the level whose
    parent has this key as a field, the one nearest to the line's own indentation; None when the
    line holds no key, or no level above takes it, or it is already where it belongs."""
    m = _KEY_LINE.match(source.line(line_no))
    if not m:
        return None
    key, typed = m.group(2), m.group(1)
    width = len(typed.replace("\t", " ").replace("\u3000", "  "))  # a no-break space is one wide
    schemas = list(schemas)
    levels = _levels(source, line_no)
    found: list[tuple[int, Slip]] = []
    for i, (indent, sibling, line) in enumerate(levels):
        outer = levels[i + 1:]
        if sibling is None or any(k is None for _, k, _ in outer):
            continue
        path = tuple(k for _, k, _ in reversed(outer)) + (key,)  # type: ignore[misc]
        field = _field_at(schemas, path)
        if field is not None:
            found.append((abs(indent - width), Slip(path, field, outer[0][2] if outer else 0, sibling, line, indent,
                                                    outer[0][0] if outer else -_STEP)))
    if levels and levels[0][1] is not None and all(k is not None for _, k, _ in levels):
        path = tuple(k for _, k, _ in reversed(levels)) + (key,)  # type: ignore[misc]
        field = _field_at(schemas, path)
        if field is not None:  # the first key under the line above
            indent = levels[0][0] + _STEP
            found.append((abs(indent - width), Slip(path, field, levels[0][2], "", 0, indent, levels[0][0])))
    if not found:
        return None
    slip = min(found, key=lambda f: f[0])[1]  # the nearest level (the innermost, on a tie)
    if slip.indent == width and typed == " " * width:
        return None
    step = slip.parent_indent + _STEP
    if slip.sibling and slip.indent != step and width == step and _first_under_parent(source, slip):
        # `issued` one space short, the first under its parent: YAML takes its indentation as the
        # level's, and stumbles on the next line. The slip is the sibling's.
        path = slip.path[:-1] + (slip.sibling,)
        field = _field_at(schemas, path)
        if field is not None:
            return dataclasses.replace(slip, path=path, field=field, sibling="", sibling_line=0, indent=step,
                                       at=slip.sibling_line)
    return slip


def _first_under_parent(source: Source, slip: Slip) -> bool:
    """Whether the sibling of `slip` is the first key under its parent (nothing but blanks and comments between)."""
    return all(not source.line(n).strip() or source.line(n).lstrip().startswith("#")
               for n in range(slip.parent_line + 1, slip.sibling_line))


def slip_message(source: Source, line_no: int, slip: Slip) -> str:
    """The words: licensing 的缩进不对：它属于 active_disclosure（第59行），应与第63行的 normative_documents
    对齐（缩进 2 个空格），这里缩进了 1 个空格。 A tab or a full-width space in the indentation is named."""
    typed = _KEY_LINE.match(source.line(line_no))
    assert typed is not None
    key, lead = typed.group(2), typed.group(1)
    spaces = f"缩进 {slip.indent} 个空格" if slip.indent else "顶格写，不缩进"
    parent = (f"它属于 {slip.path[-2]}（第{slip.parent_line}行）" if len(slip.path) > 1
              else "它是最外层的字段")
    where = "上一行" if slip.sibling_line == line_no - 1 else f"第{slip.sibling_line}行"
    align = f"应与{where}的 {slip.sibling} 对齐" if slip.sibling else f"应写在 {slip.path[-2]} 下面"
    odd = ("制表符（Tab）" if "\t" in lead else "全角空格" if "\u3000" in lead
           else "不换行空格（U+00A0，看起来和空格一样，常见于从网页或 Word 复制来的文字）" if "\u00a0" in lead else "")
    if odd:
        return (f"{key} 的缩进里有{odd}：YAML 只能用半角空格缩进。{parent}，{align}：请把缩进换成 "
                f"{slip.indent} 个半角空格。" if slip.indent else f"{key} 的缩进里有{odd}：{parent}，应顶格写，不缩进。")
    now = f"这里缩进了 {len(lead)} 个空格" if lead else "这里顶格写了"
    return f"{key} 的缩进不对：{parent}，{align}（{spaces}），{now}。"


def _misplaced(source: Source, line_no: int, schemas: list[Record]) -> bool:
    """Whether the key on `line_no` is no field where its indentation puts it (under the keys open
    above it that are less indented)."""
    m = _KEY_LINE.match(source.line(line_no))
    if not m:
        return False
    width = len(m.group(1))
    outer = [(indent, key) for indent, key, _ in _levels(source, line_no) if indent < width]
    if any(key is None for _, key in outer):
        return False
    return _field_at(schemas, tuple(k for _, k in reversed(outer)) + (m.group(2),)) is None  # type: ignore[misc]


def _moved_keys(source: Source, line_no: int) -> set[str]:
    """The key on `line_no` and the keys of the lines indented under it (they moved with it)."""
    first = _KEY_LINE.match(source.line(line_no))
    keys = {first.group(2)} if first else set()
    depth = len(source.line(line_no)) - len(source.line(line_no).lstrip())
    for n in range(line_no + 1, len(source.lines) + 1):
        text = source.line(n)
        if not text.strip() or text.lstrip().startswith("#"):
            continue
        if len(text) - len(text.lstrip()) <= depth:
            break
        m = _KEY_LINE.match(text)
        if m:
            keys.add(m.group(2))
    return keys


def _child_line(source: Source, line_no: int, path: str) -> bool:
    """Whether `line_no` holds a key other than the last of `path`: the fields YAML put under that
    key (a wrong-type problem about a mapping where a value was due) start there."""
    m = _KEY_LINE.match(source.line(line_no))
    return bool(m) and m.group(2) != path.rsplit(".", 1)[-1]


def _slip_below(source: Source, line_no: int, schemas: list[Record]) -> Slip | None:
    """The slip of the next line that holds something, when it is indented deeper than `line_no`:
    `   penalty: 93` (one space too many) under `  licensing: 1386` makes YAML stop at licensing's
    value (syntax.py then blames the value, as for `new: 0` over its rows), and ` new: [64, …]`
    (one short) above `  carried_over:` makes it stop there. The slip, not the value, is the cause;
    None when the line below is where it belongs (a value typed over its own fields)."""
    depth = len(source.line(line_no)) - len(source.line(line_no).lstrip(" "))
    for n in range(line_no + 1, len(source.lines) + 1):
        text = source.line(n)
        if not text.strip() or text.lstrip().startswith("#"):
            continue
        if len(text) - len(text.lstrip(" ")) <= depth:
            return None
        slip = find_slip(source, n, schemas)
        return dataclasses.replace(slip, at=slip.at or n) if slip is not None else None
    return None


def schemas_for(source: Source) -> list[Record]:
    """The schema of the format a file that YAML could not read names on its `format:` line; every
    format's when it names none that is known."""
    from .formats import FORMATS

    for text in source.lines:
        m = re.match(r"format:\s*['\"]?([\w-]+)", text)
        if m and m.group(1) in FORMATS:
            return [FORMATS[m.group(1)].schema]
    return [f.schema for f in FORMATS.values()]


def explain_slips(problems: list[Problem], source: Source, schemas: Iterable[Record]) -> list[Problem]:
    """`problems` with each indentation slip said as such (find_slip): a syntax error about
    indentation (also one YAML put at the `key: value` line above the slip), a tab, full-width or
    no-break space in it, an unknown field that is a known field one level out or in, or a value
    that "holds fields" because the key below it is indented too far, gets the slip's message at
    its line, the field's path and Chinese name; the fields missing where the moved lines belong
    (echoes of the slip) are dropped. A syntax error about indentation inside a list is said by
    model.item_slips. Other problems are returned as they are."""
    schemas = list(schemas)
    out: list[Problem] = []
    echoes: set[str] = set()
    for problem in problems:
        line = problem.location.line
        below = (_slip_below(source, line, schemas) if problem.code == "yaml-syntax" and line
                 and _KEY_VALUE.match(source.line(line)) else None)
        if problem.code == "wrong-type" and line and _child_line(source, line, problem.path):
            pass  # `   penalty:` one space too many under a blank `  licensing:`: licensing "holds fields"
        elif problem.code not in _SLIP_CODES or not line or (
                problem.code == "yaml-syntax" and not problem.message.startswith("缩进")
                and not _misplaced(source, line, schemas) and below is None):
            out.append(problem)
            continue
        slip = find_slip(source, line, schemas) or below
        if slip is None and problem.code == "yaml-syntax":  # the key above it, pulled out of place, is the cause
            for _, key, above in _levels(source, line):
                if key is not None and _misplaced(source, above, schemas):
                    slip = find_slip(source, above, schemas)
                    if slip is not None:
                        slip = dataclasses.replace(slip, at=slip.at or above)
                        break
        if slip is None:
            listed = item_slip(source, line, schemas) if problem.code == "yaml-syntax" else None
            if listed is not None:  # a slip inside a list (model.item_slips)
                problem = dataclasses.replace(problem, location=Location(problem.location.file, line, listed[0]),
                                              message=listed[1], source_line=source.line(line))
            out.append(problem)
            continue
        line = slip.at or line
        message = slip_message(source, line, slip)
        lead = _KEY_LINE.match(source.line(line))
        column = len(lead.group(1)) + 1 if lead else problem.location.column
        if problem.code in ("tab-indent", "fullwidth-indent", "nbsp-indent") and line == problem.location.line:
            column = problem.location.column  # at the odd character itself
        path = ".".join(slip.path)
        out.append(dataclasses.replace(problem, location=Location(problem.location.file, line, column),
                                       message=message, path=path, label=slip.field.label,
                                       source_line=source.line(line)))
        parent = ".".join(slip.path[:-1])
        echoes |= {f"{parent}.{k}" if parent else k for k in _moved_keys(source, line)}
    return [p for p in out if not (p.code == "missing-field" and p.path in echoes)]
