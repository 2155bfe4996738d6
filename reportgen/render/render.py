"""Render: derived facts + a Word template → .docx bytes.

Templates are not trusted: they render in a Jinja sandbox, every value is XML-escaped, and a
variable the template uses that the facts lack is an error, never empty text.

The template is read once per process and rendered part by part (reportgen.render.docx_parts): the same
document docxtpl makes, without importing python-docx or docxtpl on the way (only docxtpl's
clean-up of a template part's XML runs, once, when the user's cache does not hold it yet).
"""

from __future__ import annotations

import datetime as _dt
import io
import os
import sys
import zipfile
from pathlib import Path
from typing import Any

import jinja2

from ..errors import TemplateError
from . import attachment_indents, docx_parts, locality
from .docxtpl_steps import MEMORY
from .template_bounds import check_template_bounds
from .template_sandbox import BoundedEnvironment, TemplateLimit

def _templates_folder() -> Path:
    """templates/ of a source checkout (or an editable install); reportgen/templates when installed."""
    package = Path(__file__).resolve().parent.parent  # reportgen/
    for folder in (package.parent / "templates", package / "templates"):
        if (folder / "national-2021.docx").is_file():
            return folder
    return package.parent / "templates"


TEMPLATES = _templates_folder()


def template_path(name: str) -> Path:
    """The path of a shipped template by its file name (TEMPLATES / name)."""
    return TEMPLATES / name


def environment() -> BoundedEnvironment:
    """The Jinja environment templates render in: a sandbox with limits on steps, sizes and time
    (template_sandbox), values XML-escaped, and an undefined name an error (never empty text)."""
    return BoundedEnvironment(undefined=jinja2.StrictUndefined, autoescape=True)


_ENV = environment()
_COMPILED = MEMORY  # everything kept in memory for the process (templates, compiled parts)


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
    """Where compiled templates are kept: %LOCALAPPDATA%\\reportgen\\cache\\jinja on Windows,
    $XDG_CACHE_HOME/reportgen/jinja (~/.cache when unset, or not an absolute path, as the XDG
    specification says) elsewhere; None with REPORTGEN_NO_CACHE set, or without LOCALAPPDATA.

    Why not platformdirs' user_cache_dir: on the systems the offline bundle installs on (Windows and
    Linux) it names these same folders (Windows folder names ignore case), and importing it adds
    about 3 ms to every cold build (measured after a build's own imports, median of 12 runs)."""
    if os.environ.get("REPORTGEN_NO_CACHE"):
        return None
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA")
        return Path(base) / "reportgen" / "cache" / "jinja" if base else None
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    base = Path(xdg) if os.path.isabs(xdg) else Path.home() / ".cache"
    return base / "reportgen" / "jinja"


def _open(path: Path) -> docx_parts.Prepared:
    """The template, read once per process (again when the file changed)."""
    if not path.is_file():
        raise TemplateError(f"{path}: 找不到模板文件。")
    check_template_bounds(path)
    if not zipfile.is_zipfile(path):
        raise TemplateError(f"{path}: 不是 Word 文档（.docx）：请在 Word 中另存为 .docx 格式。")
    info = path.stat()
    key = ("template", str(path.resolve()), info.st_mtime_ns, info.st_size)
    prepared = _COMPILED.get(key)
    if prepared is None:
        try:
            prepared = docx_parts.prepare(path)
        except OSError as exc:  # no permission to read it, a network drive gone…
            from ..load.os_reasons import os_reason

            raise TemplateError(f"{path}: 无法读取模板文件（{os_reason(exc)}）。") from exc
        except Exception as exc:  # a zip that is not a Word document, damaged XML, a missing part
            raise TemplateError(f"{path}: 模板文件已损坏或不是 Word 文档，无法使用（{type(exc).__name__}）。") from exc
        _COMPILED[key] = prepared
    return prepared


def render_docx(template: Path, context: dict[str, Any], *, properties: dict[str, Any],
                layout: dict[str, Any] | None = None, notes: list[str] | None = None) -> bytes:
    """Render `template` with `context`; returns the .docx package, its parts stored uncompressed
    (`output.stamp` compresses them once, in the final, deterministic order). `layout`, the facts'
    locality options (reportgen.model.locality), sets the styles' fonts and the page-number style;
    what the template does not let apply is added to `notes` (Chinese)."""
    prepared = _open(template)
    cache = cache_folder()
    try:
        parts = prepared.render(context, _ENV, cache,
                                after_body=lambda body, template: _after_body(body, template, context))
        prepared.render_core(parts, context, _ENV, cache, _core_values(properties), _moment(properties))
        said = locality.apply(parts, layout)
        if notes is not None:
            notes.extend(said)
    except TemplateLimit as exc:
        raise TemplateError(f"{template}: {exc}") from exc
    except RecursionError as exc:
        raise TemplateError(f"{template}: 模板中的宏（macro）或循环调用自己的层数太多，已停止渲染，没有写出报告："
                            "请检查模板中调用自己的 {% macro %} 或 loop()。") from exc
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
        # XML Word would not open either (a tag that breaks the markup when rendered, say).
        raise TemplateError(f"{template}: 模板文件已损坏或不是 Word 文档，无法使用（{type(exc).__name__}）。") from exc
    return _stored_zip(parts)


def cache_folder() -> Path | None:
    """The folder of compiled templates (see `_cache_folder`) when it is private to this user (see
    `_private`), else None: templates are then compiled in memory only."""
    folder = _cache_folder()
    return folder if folder is not None and _private(folder) else None


def _stored_zip(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as package:
        for name, data in parts.items():
            package.writestr(zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0)), data)
    return buffer.getvalue()


def etree_errors() -> type[Exception]:
    """lxml's base error class (imported only when a render fails), for the errors render_docx turns
    into TemplateError."""
    from lxml import etree

    return etree.LxmlError


def _template_names(path: Path) -> set[str]:
    """The names a template prints or loops over (its undeclared Jinja variables); empty if unreadable."""
    try:
        from docxtpl import DocxTemplate  # only on failure, for a better message

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




def _after_body(body: Any, prepared: docx_parts.Prepared, context: dict[str, Any]) -> None:
    """The indents set per report on the rendered body: the signing block's and the 附件说明's."""
    _apply_signing_indents((body, prepared), context)
    attachment_indents.apply(body, prepared)


def _apply_signing_indents(doc: tuple[Any, docx_parts.Prepared], context: dict[str, Any]) -> None:
    """Right indents of the signature and date paragraphs, in characters (GB/T 9704 §7.3.5.2), for
    templates made before the indents were template tags: set on the rendered body's (`doc`: the
    body and its template) paragraphs of style 落款 and 成文日期, w:ind where the schema puts it."""
    indents = {"落款": context.get("signature_indent"), "成文日期": context.get("date_indent")}
    if all(chars is None for chars in indents.values()):
        return
    body, prepared = doc
    w = docx_parts._W
    for paragraph in body.iterchildren(w + "p"):
        chars = indents.get(prepared.style_name(paragraph))
        if chars is None:
            continue
        ppr, ind = docx_parts.paragraph_ind(paragraph)
        ind.set(w + "rightChars", str(round(chars * 100)))
        ind.set(w + "right", str(round(chars * 16 * 20)))
        if prepared.style_name(paragraph) == "成文日期" and context.get("date_before_twips"):
            _space_before(ppr, context["date_before_twips"])


_PPR_AFTER_SPACING = ("ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc")


def _space_before(ppr: Any, twips: int) -> None:
    """Space above a paragraph (`w:spacing w:before`, twips), where the schema puts it in `ppr`: a
    date with no signature above it stands one blank line below the text (GB/T 9704 §7.3.5)."""
    from lxml import etree

    w = docx_parts._W
    spacing = ppr.find(w + "spacing")
    if spacing is None:
        spacing = etree.Element(w + "spacing", nsmap={"w": docx_parts.W})
        after = {w + name for name in _PPR_AFTER_SPACING}
        later = next((child for child in ppr if child.tag in docx_parts.PPR_AFTER_IND or child.tag in after), None)
        if later is None:
            ppr.append(spacing)
        else:
            later.addprevious(spacing)
    spacing.set(w + "before", str(twips))


def _moment(properties: dict[str, Any]) -> _dt.datetime:
    """Document dates come from the facts, not the clock, so equal facts give equal bytes."""
    stamp = properties.get("date")
    return _dt.datetime.combine(stamp, _dt.time()) if isinstance(stamp, _dt.date) else _dt.datetime(2000, 1, 1)


def _core_values(properties: dict[str, Any]) -> dict[str, str]:
    author = str(properties.get("author", ""))
    return {"dc:title": str(properties.get("title", "")), "dc:creator": author,
            "cp:lastModifiedBy": author, "cp:revision": "1"}
