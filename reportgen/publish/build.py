"""Build a report: check the facts, render the .docx, and write it and the outputs asked for (the
web page, the PDF, the 图解) atomically and together (staged, then put in place at once:
reportgen.publish.commit), none of them when anything fails. reportgen.api hands
these on as the library's entry points; a folder build (reportgen.batch) calls them directly."""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

from ..checks.run import check
from ..errors import FactsError, OutputError, Problem
from ..load.input_hints import facts_stem
from ..load.os_reasons import os_reason
from ..model.facts import Facts
from .commit import clear_stale_locks, commit, keep_date, left_behind, left_behind_notice, stale_notice, stale_outputs
from .lifetime import sweep, temp_folder
from .output import claim, seal_html, stamp, write_atomic


@dataclass
class BuildResult:
    output: Path
    facts: Facts
    warnings: list[Problem] = field(default_factory=list)
    backup: Path | None = None  # where a forced build kept the edited report it replaced
    backups: list[Path] = field(default_factory=list)  # every backup a forced build kept (.docx, .html, .pdf)
    html: Path | None = None  # the web page, when asked for
    graphic: tuple[Path, Path] | None = None  # the 图解 (.png, .svg), when asked for
    pdf: Path | None = None  # the PDF, when asked for and made here
    notices: list[str] = field(default_factory=list)  # outputs left stale: by an interrupted build, or not rewritten (publish.commit)


def default_output(facts_path: str | Path) -> Path:
    """out/<name>.docx for <name>.yaml (and for Notepad's <name>.yaml.txt)."""
    return Path("out") / (facts_stem(Path(facts_path)) + ".docx")


def build_report(
    facts_path: str | Path,
    output: str | Path | None = None,
    *,
    template: str | Path | None = None,
    previous: str | Path | None = None,
    strict: bool = False,
    force: bool = False,
    keep_punctuation: bool = False,
    html: bool = False,
    pdf: bool = False,
    pdf_later: bool = False,
    graphic: bool = False,
    rules: str | Path | None = None,
) -> BuildResult:
    """Check the facts, render the report and write it atomically to `output`
    (default: out/<facts file name>.docx); with `html`, also the web page beside it (.html); with
    `pdf`, also the PDF beside it (LibreOffice); with `graphic`, also the 图解 (NAME.图解.png and .svg,
    see reportgen.publish.graphic; shown in the web page too); `rules` is a local rules file checked with
the facts (reportgen.model.local_rules; else the one the facts file names). Nothing is written when
anything fails.

    Every output of the build (the .docx, and the .html, .pdf and graphic asked for; `pdf_later` claims the
    .pdf for a caller that converts it afterwards, as a folder build does) is checked before any is
    written: one that is a folder, read-only, open in Word, or edited since reportgen wrote it (or
    not written by it) stops the build with OutputError and nothing is written. `force` replaces
    edited outputs after keeping a dated backup of each. Raises FactsError, TemplateError,
    OutputError (and PdfError from the PDF step, after the other outputs are written). An output
    that is one of the build's inputs (the facts file, the template, last year's file, the rules file) is refused
    before anything is read, `force` or not (reportgen.publish.inputs). The outputs are written to a
    staging folder first (the PDF converted from the staged .docx) and then put in place together
    (reportgen.publish.commit): a build killed at any moment leaves all old or all new, or the next
    build names in `notices` the outputs still of the older build. `notices` also names the .html,
    .pdf and 图解 an earlier build left beside the report that this one did not write and that are
    older than its content (reportgen.publish.commit.left_behind): they show other figures."""
    from ..render.render import render_docx, template_path  # Jinja and lxml: not needed to check
    from .inputs import refuse_inputs

    out = Path(output) if output else default_output(facts_path)
    pictures = graphic_paths(out) if graphic else ()
    targets = ([out, *pictures] + ([out.with_suffix(".html")] if html else [])
               + ([out.with_suffix(".pdf")] if pdf or pdf_later else []))
    refuse_inputs(targets, [(facts_path, "事实文件"), *([(template, "模板文件")] if template else []),
                            *([(previous, "上一年度的事实文件")] if previous else []),
                            *([(rules, "本地规则文件")] if rules else [])])
    facts = check(facts_path, previous=previous, rules=rules)
    facts.fullwidth_punctuation = not keep_punctuation
    if keep_punctuation:  # printed as typed: nothing to warn about (PUNCT says what would be changed)
        facts.warnings = [w for w in facts.warnings if w.code != "PUNCT"]
    if pdf or pdf_later:  # a character no font of the PDF mapping has (reportgen.checks.glyphs)
        from ..checks.glyphs import missing_glyphs

        facts.warnings = sorted(facts.warnings + missing_glyphs(facts), key=Problem.sort_key)
    if strict and facts.warnings:
        raise FactsError(facts.warnings)
    tpl = Path(template) if template else template_path(facts.format.template)
    context = facts.format.context(facts)
    data = render_docx(tpl, context, properties={
        "title": context["title"],
        "author": facts.data["agency"]["name"],
        "date": facts.data["signed"],
    }, layout=facts.data.get("layout"), notes=facts.notes)
    svg = png = None
    if graphic:
        from .graphic import render_graphic

        svg, png = render_graphic(facts)
    page = None
    if html:
        from .html import render_html

        page = seal_html(render_html(facts, graphic=svg))
    result = BuildResult(out, facts, facts.warnings)
    with claim(targets, force=force) as backups:
        stale = stale_outputs(out)
        sweep(out.parent)  # the staging folders of builds that were killed
        try:
            staging = temp_folder(".reportgen-build-", out.parent)
        except OSError as exc:
            raise OutputError(f"{out.parent}: 无法在这个文件夹里写文件（{os_reason(exc)}）。") from exc
        pdf_error = None
        try:
            staged = [(out, stamp(data))]
            if pictures:
                staged += [(pictures[0], png), (pictures[1], svg)]
            if page is not None:
                staged.append((out.with_suffix(".html"), page))
            for path, content in staged:
                (staging / path.name).write_bytes(content)
            pairs = [(staging / path.name, path) for path, _ in staged[1:]]
            if pdf:  # converted from the staged .docx: nothing is replaced while LibreOffice runs
                from .pdf import PdfError, convert_to_pdf

                try:
                    pairs.append((convert_to_pdf([staging / out.name], staging)[0], out.with_suffix(".pdf")))
                except PdfError as exc:
                    pdf_error = exc
            keep_date(staging / out.name, out)
            commit(pairs + [(staging / out.name, out)], out)  # the .docx last
        except OSError as exc:
            raise OutputError(f"{out.parent}: 无法在这个文件夹里写文件（{os_reason(exc)}）。") from exc
        finally:
            shutil.rmtree(staging, ignore_errors=True)
        result.graphic = pictures or None
        result.html = out.with_suffix(".html") if page is not None else None
        result.pdf = out.with_suffix(".pdf") if pdf and pdf_error is None else None
        family = [out.with_suffix(".html"), out.with_suffix(".pdf"), *graphic_paths(out)]
        clear_stale_locks([p for p in family if p not in targets])
        if stale:
            result.notices.append(stale_notice(out, stale, [path for _, path in pairs] + [out]))
        old = left_behind(out, [p for p in family if p not in stale], [path for _, path in pairs] + list(targets))
        if old:
            result.notices.append(left_behind_notice(out, old))
        if pdf_error is not None:
            from .pdf import PdfError

            written = "、".join(str(p) for p in (out, *(result.graphic or ()), result.html) if p is not None)
            old = out.with_suffix(".pdf")
            note = (f"\n{old} 还是上一次生成的 PDF，与新生成的报告不一致：请解决上面的问题后重新生成，"
                    "或先删除它，以免发布旧的版本。") if old.exists() else ""
            raise PdfError(f"已生成 {written}，但 PDF 没有生成：{pdf_error}{note}") from pdf_error
    result.backups = backups
    result.backup = next((b for b in backups if b.suffix.lower() == out.suffix.lower()), None)
    return result


def write_pdf(docx_path: str | Path, *, force: bool = False) -> Path:
    """Convert a built report to PDF beside it, through LibreOffice headless. An existing PDF there
    that was edited since reportgen wrote it is refused (OutputError) unless `force`, which keeps a
    dated backup first."""
    from .pdf import convert_to_pdf

    docx = Path(docx_path)
    with claim([docx.with_suffix(".pdf")], force=force):
        return convert_to_pdf([docx], docx.parent)[0]


def write_html(facts: Facts, output: str | Path, *, graphic: bytes | None = None, force: bool = False) -> Path:
    """Write the standalone web page of a report (see reportgen.publish.html); with `graphic` (the SVG of
    `write_graphic`), the page shows it inline under the title. An existing page there that was
    edited since reportgen wrote it is refused (OutputError) unless `force` (dated backup first)."""
    from .html import render_html

    out = Path(output)
    page = seal_html(render_html(facts, graphic=graphic))
    with claim([out], force=force):
        write_atomic(out, page)
    return out


def graphic_paths(docx_path: str | Path) -> tuple[Path, Path]:
    """Where the graphic of a report goes: NAME.图解.png and NAME.图解.svg beside NAME.docx."""
    docx = Path(docx_path)
    return docx.with_name(docx.stem + ".图解.png"), docx.with_name(docx.stem + ".图解.svg")


def write_graphic(facts: Facts, docx_path: str | Path) -> tuple[Path, Path, bytes]:
    """Draw the 图解 of a national-format report (see reportgen.publish.graphic) and write its PNG and SVG
    beside the report. Returns (png path, svg path, svg bytes). GraphicError (a ReportgenError)
    for a format without tables or when no CJK font is installed; nothing is written then."""
    from .graphic import render_graphic

    svg, png = render_graphic(facts)
    png_path, svg_path = graphic_paths(docx_path)
    write_atomic(png_path, png)
    write_atomic(svg_path, svg)
    return png_path, svg_path, svg
