"""HASHCUT: a text cut at ` #`, which YAML reads as the start of a comment.

`- ……开通咨询电话 0123-4567 #2 转人工，明确……。` parses well: YAML ends the text at the space
before `#` and drops the rest as a comment, so the report prints the sentence cut (……0123-4567),
and nothing else says so. A comment is told from cut text by how it looks: the comments reportgen
writes (`init`, `new`, `import`) start with `# ` and a word of their own (例如：, 上年：, 导入：, or a
field's Chinese name after an aligned value), while cut text goes on right after the `#` (#2, #号)
or follows a paragraph that lacks its closing punctuation.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import yaml

from ..errors import Location, Problem, Severity
from .lint import list_texts
from .rule import WARNING, Check, Rule

if TYPE_CHECKING:
    from ..model.facts import Facts

HASHCUT = Rule("HASHCUT", "文字在“ #”处被截断", WARNING,
               "一段文字在同一行的“ #”（空格加 #）处断开：YAML 把“ #”及其后的内容当作注释，报告里只印出前半句。",
               "reportgen 事实文件的写法（用户指南“段落的写法”）；YAML 1.1：以空格加 # 开始的是注释")

_COMMENT = re.compile(r"([ \t]+)#([^\n]*)")
_TOOL_COMMENT = ("例如", "上年", "导入", "yaml-language-server")  # what init/new/import write after a value
_CLOSED = tuple("。；！？…”’）)」』.;!?")
_TEXT_START = re.compile(r"[0-9A-Za-z\u3400-\u9fff\uff10-\uff19（(“]")
_STR = "tag:yaml.org,2002:str"


def _texts(root: yaml.Node | None) -> list[tuple[str, yaml.ScalarNode]]:
    """(path, node) of every text value of the tree (mapping values and list items), as `agency.name`."""
    found = list_texts(root)

    def walk(node: yaml.Node | None, path: str) -> None:
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                sub = f"{path}.{key.value}" if path else str(key.value)
                if isinstance(value, yaml.ScalarNode):
                    found.append((sub, value))
                else:
                    walk(value, sub)
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                walk(item, f"{path}[{i}]")

    walk(root, "")
    return found


def cut_texts(facts: Facts, previous: Facts | None = None) -> list[Problem]:
    """One warning per plain text value whose line goes on after ` #` with what looks like more of
    the text, not a comment: the comment starts right after the `#` with a digit, letter or Chinese
    character (#2 转人工), or the text is a paragraph (or point) without its closing punctuation
    (。；！？…), one space before the `#`, and the comment starts with such a character. Comments reportgen writes (例如：, 上年：, 导入：)
    are never taken for text. The warning is at the `#`, quotes the text as it will print, and says
    the fix (quotes, or ＃ / 号)."""
    paragraphs = {id(node) for _, node in facts.prose}
    found: list[Problem] = []
    seen: set[int] = set()
    for path, node in [*facts.prose, *_texts(facts.source.root)]:
        if id(node) in seen or node.style or node.tag != _STR or node.end_mark.buffer is None:
            continue
        seen.add(id(node))
        m = _COMMENT.match(node.end_mark.buffer, node.end_mark.pointer)
        if not m:
            continue
        body = m.group(2)
        if body.strip().startswith(_TOOL_COMMENT) or not _TEXT_START.match(body.lstrip()):
            continue
        glued = _TEXT_START.match(body) is not None  # `#2`: no space after the `#`
        unclosed = (id(node) in paragraphs and path.endswith(("]", ".tail")) and m.group(1) == " "
                    and not node.value.rstrip().endswith(_CLOSED))  # a paragraph or point, not a title
        if not (glued or unclosed):
            continue
        loc = facts.source.mark_location(node.end_mark, len(m.group(1)))
        value = node.value.replace("\n", " ")
        shown = value if len(value) <= 16 else "……" + value[-14:]
        rest = body.strip()
        rest = rest if len(rest) <= 16 else rest[:14] + "……"
        found.append(Problem(
            loc, f"这段文字在“ #”处被截断了：YAML 把空格后的“#”及其后的内容当作注释，报告里只印到“{shown}”，"
            f"后面的“#{rest}”不会印出。如果它是正文，请把整段文字用引号括起来，或把“#”改写成全角的“＃”或“号”"
            "（例如“转2号键”）；如果它确是注释，可以不改。",
            path, "", Severity.WARNING, "HASHCUT", facts.source.line(loc.line)))
    return found


CHECK = Check((HASHCUT,), cut_texts)
