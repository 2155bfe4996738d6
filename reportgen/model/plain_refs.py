"""References in text that is printed as typed: names, labels, units, web addresses.

Only report text (paragraphs, headings, the title: `scalars.Prose`) has its `{name}` references
filled in. A `{name}` in a name field would be printed with its braces (`name: "{agency.short_name}"`
put 「{agency.short_name}」 in the title), so it is an error at its place; and where such fields
name each other in a circle (`name: "{agency.short_name}"`, `short_name: "{agency.name}"`) the
message names the circle. `{{` and `}}` are not references.
"""

from __future__ import annotations

from ..errors import Problem, Severity
from ..load.positions import text_offset
from .prose import references
from .schema import Context


def _cycle(start: str, refs: dict[str, list[str]]) -> list[str]:
    """The shortest circle of references from `start` back to it ([] if none): [a, b, …, a]."""
    paths = [[start]]
    seen = {start}
    while paths:
        longer = []
        for path in paths:
            for name in refs.get(path[-1], []):
                if name == start:
                    return path + [start]
                if name not in seen:
                    seen.add(name)
                    longer.append(path + [name])
        paths = longer
    return []


def plain_reference_problems(ctx: Context) -> list[Problem]:
    """One error per `{name}` typed in a field that is printed as typed (see the module)."""
    refs = {path: [ref.name for ref in references(node.value)] for path, node, _ in ctx.plain}
    found = []
    for path, node, label in ctx.plain:
        for ref in references(node.value):
            offset = text_offset(node, ref.start)
            loc = ctx.where(node, offset or 0)
            circle = _cycle(path, refs) if ref.name in refs else []
            if circle:
                chain = " → ".join("{" + name + "}" for name in circle)
                message = (f"引用形成了循环：{chain}，哪一处都得不到文字。{label}要直接写出文字，"
                           f"不要引用 {{{ref.name}}}：请至少在其中一处直接写出文字。")
            else:
                message = (f"这里不能引用事实 {{{ref.name}}}（会原样印出花括号）：{label}要直接写出文字。"
                           "只有正文段落、各级标题和报告标题（title）中可以用 {名称} 引用事实。")
            found.append(Problem(loc, message, path, label, Severity.ERROR, "reference-in-plain-text",
                                 ctx.source.line(loc.line)))
    return found
