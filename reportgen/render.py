"""Render: derived facts + a Word template → .docx bytes. The only module that knows docxtpl.

Templates are not trusted: they render in a Jinja sandbox, every value is XML-escaped, and a
variable the template uses that the facts lack is an error, never empty text.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import io
import marshal
import os
import sys
import zipfile
from pathlib import Path
from typing import Any

import jinja2
from docx.oxml.ns import qn
from docxtpl import DocxTemplate
from jinja2.sandbox import SandboxedEnvironment

from .errors import TemplateError
from .template_bounds import check_template_bounds

def _templates_folder() -> Path:
    """templates/ of a source checkout (or an editable install); reportgen/templates when installed."""
    here = Path(__file__).resolve().parent
    for folder in (here.parent / "templates", here / "templates"):
        if (folder / "national-2021.docx").is_file():
            return folder
    return here.parent / "templates"


TEMPLATES = _templates_folder()


def template_path(name: str) -> Path:
    return TEMPLATES / name


def environment() -> SandboxedEnvironment:
    return SandboxedEnvironment(undefined=jinja2.StrictUndefined, autoescape=True)


_ENV = environment()
_COMPILED: dict[str, jinja2.Template] = {}
_PATCHED: dict[str, str] = {}


class _CachingTemplate(DocxTemplate):
    """docxtpl compiles each part's XML with Jinja on every render; a batch renders the same
    template hundreds of times, so compiled parts are kept, keyed by their exact source text."""

    def render_xml_part(self, src_xml, part, context, jinja_env=None):  # type: ignore[override]
        return super().render_xml_part(src_xml, part, context, _CachedEnv(jinja_env or _ENV))

    def patch_xml(self, xml):  # type: ignore[override]
        # docxtpl's clean-up of the template XML (many regular expressions over the whole part)
        # depends on the XML alone: done once per template part and process, not once per report.
        patched = _PATCHED.get(xml)
        if patched is None:
            if len(_PATCHED) > 64:
                _PATCHED.clear()
            patched = _PATCHED[xml] = super().patch_xml(xml)
        return patched


class _CachedEnv:
    """Compiled parts are kept in memory for the process, and on disk (a Jinja bytecode cache in
    the user's cache folder) for the next process: compiling a report's XML is most of the time of
    one build. The disk cache is keyed by the source text and the Python and Jinja versions; any
    trouble with it is ignored (it is only a cache)."""

    def __init__(self, env: jinja2.Environment):
        self.env = env

    def from_string(self, source: str) -> jinja2.Template:
        template = _COMPILED.get(source)
        if template is None:
            if len(_COMPILED) > 64:
                _COMPILED.clear()
            template = _COMPILED[source] = self._load(source)
        return template

    def _load(self, source: str) -> jinja2.Template:
        key = hashlib.sha256(
            f"{sys.version}|{jinja2.__version__}|{type(self.env).__name__}|{self.env.autoescape}".encode()
            + source.encode("utf-8")).hexdigest()
        folder = _cache_folder()
        path = folder / f"{key}.jinja" if folder and _private(folder) else None
        code = None
        if path is not None:
            try:
                code = marshal.loads(path.read_bytes())
            except (OSError, ValueError, EOFError, TypeError):
                code = None
        if code is None:
            code = self.env.compile(source)
            if path is not None:
                try:
                    tmp = path.with_suffix(f".{os.getpid()}.tmp")
                    tmp.write_bytes(marshal.dumps(code))
                    os.replace(tmp, path)
                except OSError:
                    pass
        return self.env.template_class.from_code(self.env, code, self.env.make_globals(None), None)


def _private(folder: Path) -> bool:
    """The cache holds code that runs: use it only from a folder of this user's that nobody else
    can write to (made so when missing)."""
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if os.name == "nt":
            return True  # under the user's own %LOCALAPPDATA%
        info = folder.stat()
        return info.st_uid == os.getuid() and not info.st_mode & 0o022
    except OSError:
        return False


def _cache_folder() -> Path | None:
    if os.environ.get("REPORTGEN_NO_CACHE"):
        return None
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA")
        return Path(base) / "reportgen" / "cache" / "jinja" if base else None
    base = os.environ.get("XDG_CACHE_HOME") or (Path.home() / ".cache")
    return Path(base) / "reportgen" / "jinja"


def _open(path: Path) -> DocxTemplate:
    if not path.is_file():
        raise TemplateError(f"{path}: 找不到模板文件。")
    check_template_bounds(path)
    if not zipfile.is_zipfile(path):
        raise TemplateError(f"{path}: 不是 Word 文档（.docx）：请在 Word 中另存为 .docx 格式。")
    try:
        return _CachingTemplate(str(path))
    except OSError as exc:  # no permission to read it, a network drive gone…
        from .os_reasons import os_reason

        raise TemplateError(f"{path}: 无法读取模板文件（{os_reason(exc)}）。") from exc
    except Exception as exc:  # python-docx raises assorted errors on a damaged package
        raise TemplateError(f"{path}: 模板文件已损坏，无法打开（{exc}）。") from exc


def render_docx(template: Path, context: dict[str, Any], *, properties: dict[str, Any]) -> bytes:
    """Render `template` with `context`; returns the .docx package as python-docx writes it
    (`output.stamp` turns it into the final, deterministic bytes)."""
    doc = _open(template)
    try:
        doc.render(context, jinja_env=_ENV, autoescape=True)
    except jinja2.exceptions.SecurityError as exc:
        raise TemplateError(f"{template}: 模板试图访问不允许的内部属性，已拒绝渲染（{exc}）。") from exc
    except jinja2.exceptions.UndefinedError as exc:
        mismatch = _format_mismatch(template, context)
        if mismatch:
            raise TemplateError(f"{template}: {mismatch}") from exc
        raise TemplateError(
            f"{template}: 模板用到了事实文件中没有的内容（{_undefined_name(exc)}）：请检查模板中的 {{{{ }}}} 标记。"
        ) from exc
    except jinja2.exceptions.TemplateSyntaxError as exc:
        from .template_errors import syntax_error_message

        raise TemplateError(f"{template}: {syntax_error_message(exc, template)}") from exc
    except jinja2.exceptions.TemplateError as exc:
        raise TemplateError(f"{template}: 模板渲染失败：{exc}。") from exc
    except (KeyError, ValueError, zipfile.BadZipFile, etree_errors()) as exc:
        # python-docx opens the package only now: a zip that is not a Word document, or XML Word
        # would not open either.
        raise TemplateError(f"{template}: 模板文件已损坏或不是 Word 文档，无法使用（{type(exc).__name__}）。") from exc
    _apply_signing_indents(doc, context)
    _set_properties(doc, properties)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()  # output.stamp writes the final, deterministic package


def etree_errors() -> type[Exception]:
    from lxml import etree

    return etree.LxmlError


def _template_names(path: Path) -> set[str]:
    """The names a template prints or loops over (its undeclared Jinja variables); empty if unreadable."""
    try:
        return DocxTemplate(str(path)).get_undeclared_template_variables(_ENV)
    except Exception:  # only for a better message: any trouble means "no hint"
        return set()


def _format_mismatch(template: Path, context: dict[str, Any]) -> str:
    """When a template was made for another report format than the facts' (it uses the names that
    only another format's shipped template uses), say so plainly; else "". Called on failure only."""
    used, provided = _template_names(template), set(context)
    if not used - provided:
        return ""
    shipped = {path.stem: _template_names(path) for path in sorted(TEMPLATES.glob("*.docx"))}
    theirs = [name for name, names in shipped.items() if names - provided and names - provided <= used]
    ours = [name for name, names in shipped.items() if names and names <= provided]
    if not theirs:
        return ""
    own = f"，而事实文件是 {ours[0]} 格式" if ours else "，与事实文件的报告格式不同"
    advice = f"请改用 {ours[0]} 格式的模板（如 templates/{ours[0]}.docx）" if ours else "请改用与事实文件格式相同的模板"
    return f"这是 {theirs[0]} 格式的模板{own}：{advice}，或不用 --template（使用自带模板）。"


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
    core.title = str(properties.get("title", ""))[:255]  # the property holds at most 255 characters
    core.author = str(properties.get("author", ""))[:255]
    core.last_modified_by = str(properties.get("author", ""))[:255]
    core.revision = 1
