"""A Jinja syntax error in a Word template, said in Chinese and placed by the paragraph's own text.

Jinja counts lines of the template's XML ("line 7"), which means nothing to someone who edited
the template in Word; the paragraph holding the broken tag is what they can find (Ctrl+F).
"""

from __future__ import annotations

import html
import re
import zipfile
from pathlib import Path

import jinja2

_PARAGRAPH = re.compile(r"<w:p[ >].*?</w:p>", re.S)
_TAG = re.compile(r"<[^>]+>")

# Jinja's messages (jinja2 3.x wordings) → what is wrong, in Chinese.
_MESSAGES = [
    (re.compile(r"unexpected '\}'"), "多了一个“}”，或“{{ }}”少写了一半"),
    (re.compile(r"unexpected '%'"), "多了一个“%”，或“{% %}”少写了一半"),
    (re.compile(r"unexpected char '(.+?)'.*"), r"标记中不能有字符“\1”"),
    (re.compile(r"Encountered unknown tag '(\w+)'\. You probably made a nesting mistake.*"
                r"innermost block that needs to be closed is '(\w+)'.*", re.S),
     r"在 {% \1 %} 之前缺少 {% end\2 %}：{% \2 %} 没有配对的结束标记"),
    (re.compile(r"unexpected end of template.*innermost block that needs to be closed is '(\w+)'.*", re.S | re.I),
     r"标记没有结束：缺少 {% end\1 %}"),
    (re.compile(r"unexpected end of template.*", re.S | re.I), "标记没有结束（缺少“}}”或“%}”）"),
    (re.compile(r"Encountered unknown tag '(.+?)'.*", re.S), r"不认识的标记 {% \1 %}（是否拼错了？）"),
    (re.compile(r"expected token 'end of print statement', got '(.+?)'"), r"“{{ }}”里多了“\1”（一个标记只能写一个名称）"),
    (re.compile(r"expected token 'end of statement block', got '(.+?)'"), r"“{% %}”里多了“\1”"),
    (re.compile(r"expected token '(.+?)', got '(.+?)'"), r"这里应为“\1”，写的是“\2”"),
    (re.compile(r"tag name expected"), "“{% %}”里缺少标记名"),
    (re.compile(r"Expected an expression, got '(.+?)'"), r"“{{ }}”里缺少名称（写的是“\1”）"),
]


def _chinese(message: str) -> str:
    for pattern, replacement in _MESSAGES:
        if pattern.search(message):
            return pattern.sub(replacement, message, count=1)
    return f"标记写法不对（Jinja：{message}）"


def paragraph_text(source: str | None, lineno: int | None, limit: int = 60) -> str:
    """The text of the paragraph(s) holding a tag at `lineno` of the XML `source` (those with a
    brace, if any), shortened to `limit` characters; "" when unknown."""
    if not source or not lineno:
        return ""
    lines = source.splitlines()
    if not 0 < lineno <= len(lines):
        return ""
    line = lines[lineno - 1]
    texts = [html.unescape(_TAG.sub("", p)) for p in _PARAGRAPH.findall(line)] or [html.unescape(_TAG.sub("", line))]
    braced = [t for t in texts if "{" in t or "}" in t] or texts
    text = " / ".join(t.strip() for t in braced if t.strip())
    return text if len(text) <= limit else text[: limit - 1] + "…"


_INNERMOST = re.compile(r"innermost block that needs to be closed is '(\w+)'")


def unbalanced_paragraph_text(source: str | None, limit: int = 60) -> str:
    """The text of the first paragraph of `source` whose {{ }} or {% %} do not pair; "" if none."""
    for p in _PARAGRAPH.findall(source or ""):
        text = html.unescape(_TAG.sub("", p)).strip()
        if text.count("{{") != text.count("}}") or text.count("{%") != text.count("%}"):
            return text if len(text) <= limit else text[: limit - 1] + "…"
    return ""


def unclosed_block_text(source: str | None, block: str, limit: int = 60) -> str:
    """The text of the last paragraph of `source` that opens a `block` ({% for %}, {%p if %}…)."""
    opener = re.compile(r"\{%[-+]?[prct]?\s*" + re.escape(block) + r"\b")
    texts = [html.unescape(_TAG.sub("", p)).strip() for p in _PARAGRAPH.findall(source or "")]
    found = [t for t in texts if opener.search(t)]
    if not found:
        return ""
    text = found[-1]
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _template_xml(template: Path | None) -> str:
    """The body, headers and footers of the template as saved (before docxtpl rewrites the tags,
    which can join a broken tag with what follows it); "" when unreadable."""
    if template is None:
        return ""
    try:
        with zipfile.ZipFile(template) as package:
            names = [n for n in package.namelist() if re.fullmatch(r"word/(document|header\d*|footer\d*)\.xml", n)]
            return "".join(package.read(n).decode("utf-8", "replace") for n in sorted(names))
    except (OSError, zipfile.BadZipFile, KeyError, ValueError):
        return ""


def syntax_error_message(exc: jinja2.exceptions.TemplateSyntaxError, template: Path | None = None) -> str:
    """E.g. 模板标记写错了：段落“落款：{{ signature }”中多了一个“}”，或“{{ }}”少写了一半。"""
    source = getattr(exc, "source", None)
    innermost = _INNERMOST.search(exc.message or "")
    # A paragraph whose braces do not pair is the one to fix; else, for a block never closed, the
    # paragraph that opened it; else the paragraph on the line Jinja names.
    where = unbalanced_paragraph_text(_template_xml(template)) or unbalanced_paragraph_text(source)
    if not where and innermost:
        where = unclosed_block_text(source, innermost.group(1))
    if not where:
        where = paragraph_text(source, exc.lineno)
    place = f"段落“{where}”中" if where else ""
    return f"模板标记写错了：{place}{_chinese(exc.message or '')}。请在 Word 中打开模板，找到这一段改正后保存。"
