"""Render: derived facts + a Word template → .docx bytes. The only module that knows docxtpl.

Templates are not trusted: they render in a Jinja sandbox, every value is XML-escaped, and a
variable the template uses that the facts lack is an error, never empty text.
"""

from __future__ import annotations

import datetime as _dt
import zipfile
from pathlib import Path
from typing import Any

import jinja2
from docx.oxml.ns import qn
from docxtpl import DocxTemplate
from jinja2.sandbox import SandboxedEnvironment

from .determinism import document_bytes
from .errors import TemplateError

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


def template_path(name: str) -> Path:
    return TEMPLATES / name


def environment() -> SandboxedEnvironment:
    return SandboxedEnvironment(undefined=jinja2.StrictUndefined, autoescape=True)


def _open(path: Path) -> DocxTemplate:
    if not path.is_file():
        raise TemplateError(f"{path}: 找不到模板文件。")
    if not zipfile.is_zipfile(path):
        raise TemplateError(f"{path}: 不是 Word 文档（.docx）：请在 Word 中另存为 .docx 格式。")
    try:
        return DocxTemplate(str(path))
    except Exception as exc:  # python-docx raises assorted errors on a damaged package
        raise TemplateError(f"{path}: 模板文件已损坏，无法打开（{exc}）。") from exc


def render_docx(template: Path, context: dict[str, Any], *, properties: dict[str, Any]) -> bytes:
    """Render `template` with `context`; returns the .docx bytes (deterministic for equal input)."""
    doc = _open(template)
    try:
        doc.render(context, jinja_env=environment(), autoescape=True)
    except jinja2.exceptions.SecurityError as exc:
        raise TemplateError(f"{template}: 模板试图访问不允许的内部属性，已拒绝渲染（{exc}）。") from exc
    except jinja2.exceptions.UndefinedError as exc:
        raise TemplateError(
            f"{template}: 模板用到了事实文件中没有的内容（{_undefined_name(exc)}）：请检查模板中的 {{{{ }}}} 标记。"
        ) from exc
    except jinja2.exceptions.TemplateSyntaxError as exc:
        raise TemplateError(f"{template}: 模板标记写错了（第 {exc.lineno} 处附近：{exc.message}）。") from exc
    except jinja2.exceptions.TemplateError as exc:
        raise TemplateError(f"{template}: 模板渲染失败：{exc}。") from exc
    _apply_signing_indents(doc, context)
    _set_properties(doc, properties)
    return document_bytes(doc)


def _undefined_name(exc: jinja2.exceptions.UndefinedError) -> str:
    message = str(exc)
    return message.replace(" is undefined", "").replace("'", "")


def _apply_signing_indents(doc: DocxTemplate, context: dict[str, Any]) -> None:
    """Right indents of the signature and date paragraphs, in characters (GB/T 9704 §7.3.5.2)."""
    indents = {"落款": context.get("signature_indent"), "成文日期": context.get("date_indent")}
    for paragraph in doc.docx.paragraphs:
        name = paragraph.style.name if paragraph.style is not None else ""
        chars = indents.get(name)
        if chars is None:
            continue
        ind = paragraph._p.get_or_add_pPr().get_or_add_ind()
        ind.set(qn("w:rightChars"), str(round(chars * 100)))
        ind.set(qn("w:right"), str(round(chars * 16 * 20)))


def _set_properties(doc: DocxTemplate, properties: dict[str, Any]) -> None:
    """Document properties come from the facts, not the clock, so equal facts give equal bytes."""
    core = doc.docx.core_properties
    stamp = properties.get("date")
    moment = _dt.datetime.combine(stamp, _dt.time()) if isinstance(stamp, _dt.date) else _dt.datetime(2000, 1, 1)
    core.created = core.modified = moment
    core.last_printed = moment
    core.title = properties.get("title", "")
    core.author = properties.get("author", "")
    core.last_modified_by = properties.get("author", "")
    core.revision = 1
