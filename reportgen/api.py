"""The library's entry points: check a facts file, build its report."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .errors import FactsError, OutputError, Problem
from .checks.run import load_facts
from .model.facts import Facts
from .load.input_hints import facts_stem
from .publish.output import claim, seal_html, stamp, write_atomic


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


def sibling_previous(facts_path: str | Path) -> Path | None:
    """Last year's file beside this one: the same name with its year one less
    (example-2025.yaml → example-2024.yaml), if it exists; with this file's ending first, else
    .yaml, .yml or Notepad's .yaml.txt (`new` writes 名称-2026.yaml from 名称-2025.yaml.txt)."""
    path = Path(facts_path)
    name = facts_stem(path)
    years = list(re.finditer(r"(?<!\d)(19|20)\d\d(?!\d)", name))
    if not years:
        return None
    m = years[-1]
    stem = name[: m.start()] + str(int(m.group(0)) - 1) + name[m.end():]
    ending = path.name[len(name):]
    for suffix in dict.fromkeys((ending, ".yaml", ".yml", ".yaml.txt", ".yml.txt")):
        candidate = path.with_name(stem + suffix)
        if candidate.is_file():
            return candidate
    return None


def _previous(facts_path: str | Path, previous: str | Path | None) -> tuple[Facts | None, str, FactsError | None]:
    """Last year's facts: the file given with --previous, else the sibling file (used only if it
    loads cleanly; load_facts drops it unless it is the same agency's previous year). The second
    item says why there is none, when it matters; the third is the error of a --previous file that
    did not load (this year's file is still checked in full)."""
    if previous:
        try:
            return load_facts(previous), "", None
        except FactsError as exc:
            errors = sum(1 for p in exc.problems if p.is_error)
            return None, f"--previous 给的上一年度文件 {previous} 有 {errors} 个错误，没有用它", exc
    sibling = sibling_previous(facts_path)
    if sibling is None:
        return None, "没有找到上一年度的事实文件", None
    try:
        return load_facts(sibling), "", None
    except FactsError as exc:
        errors = sum(1 for p in exc.problems if p.is_error)
        return None, f"旁边的上一年度文件 {sibling} 有 {errors} 个错误，没有用它", None


def _broken_previous(exc: FactsError, why: str, year_checks: str = "") -> Problem:
    """The error a --previous file with errors gives: named once, with its first problem, beside
    this year's findings (never instead of them)."""
    first = next(p for p in exc.problems if p.is_error)
    which = f"（{year_checks}）" if year_checks else ""
    return Problem(first.location, f"{why}，未做与上年比较的检查{which}。它的第一个错误：{first.message}"
                   "请先改正它（reportgen check 上一年度文件）。", "", "", code="PREVIOUS",
                   source_line=first.source_line)


def check(facts_path: str | Path, *, previous: str | Path | None = None) -> Facts:
    """Validate and check a facts file. Raises FactsError with every problem; returns the facts
    (whose `.warnings` lists the warnings, and `.notes` what was not checked) when there is no error.

    Last year's facts (`previous`, or the same agency's previous-year file beside this one, see
    `sibling_previous`) enable the checks that compare years (CARRY, STOCK, JUMP, COPY). A `previous`
    file with errors is an error, listed with every finding of this year's file."""
    prev, why, broken = _previous(facts_path, previous)
    try:
        facts = load_facts(facts_path, previous=prev, previous_required=bool(previous))
    except FactsError as exc:
        if broken is not None:
            raise FactsError([*exc.problems, _broken_previous(broken, why)]) from None
        if why.startswith("旁边"):
            exc.notes = [f"{why}，未做与上年比较的检查：可用 --previous 指定上一年度的文件。"]
        raise
    if broken is not None:
        raise FactsError([*facts.warnings, _broken_previous(broken, why, facts.format.year_checks)])
    if facts.previous is None:
        why = why or "旁边的上一年度文件不是同一机关上一年的"
        facts.notes.append(f"{why}，未做与上年比较的检查（{facts.format.year_checks}）："
                           "可用 --previous 指定上一年度的文件。")
    return facts


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
) -> BuildResult:
    """Check the facts, render the report and write it atomically to `output`
    (default: out/<facts file name>.docx); with `html`, also the web page beside it (.html); with
    `pdf`, also the PDF beside it (LibreOffice); with `graphic`, also the 图解 (NAME.图解.png and .svg,
    see reportgen.publish.graphic; shown in the web page too). Nothing is written when anything fails.

    Every output of the build (the .docx, and the .html, .pdf and graphic asked for; `pdf_later` claims the
    .pdf for a caller that converts it afterwards, as a folder build does) is checked before any is
    written: one that is a folder, read-only, open in Word, or edited since reportgen wrote it (or
    not written by it) stops the build with OutputError and nothing is written. `force` replaces
    edited outputs after keeping a dated backup of each. Raises FactsError, TemplateError,
    OutputError (and PdfError from the PDF step, after the .docx and .html are written)."""
    from .render.render import render_docx, template_path  # Jinja and lxml: not needed to check

    facts = check(facts_path, previous=previous)
    facts.fullwidth_punctuation = not keep_punctuation
    if keep_punctuation:  # printed as typed: nothing to warn about (PUNCT says what would be changed)
        facts.warnings = [w for w in facts.warnings if w.code != "PUNCT"]
    if pdf or pdf_later:  # a character no font of the PDF mapping has (reportgen.checks.glyphs)
        from .checks.glyphs import missing_glyphs

        facts.warnings = sorted(facts.warnings + missing_glyphs(facts), key=Problem.sort_key)
    if strict and facts.warnings:
        raise FactsError(facts.warnings)
    out = Path(output) if output else default_output(facts_path)
    tpl = Path(template) if template else template_path(facts.format.template)
    context = facts.format.context(facts)
    data = render_docx(tpl, context, properties={
        "title": context["title"],
        "author": facts.data["agency"]["name"],
        "date": facts.data["signed"],
    })
    svg = png = None
    if graphic:
        from .publish.graphic import render_graphic

        svg, png = render_graphic(facts)
    page = None
    if html:
        from .publish.html import render_html

        page = seal_html(render_html(facts, graphic=svg))
    pictures = graphic_paths(out) if graphic else ()
    targets = ([out, *pictures] + ([out.with_suffix(".html")] if html else [])
               + ([out.with_suffix(".pdf")] if pdf or pdf_later else []))
    result = BuildResult(out, facts, facts.warnings)
    with claim(targets, force=force) as backups:
        write_atomic(out, stamp(data))
        if pictures:
            write_atomic(pictures[0], png)
            write_atomic(pictures[1], svg)
            result.graphic = pictures
        if page is not None:
            result.html = out.with_suffix(".html")
            write_atomic(result.html, page)
        if pdf:
            from .publish.pdf import PdfError, convert_to_pdf

            try:
                result.pdf = convert_to_pdf([out], out.parent)[0]
            except PdfError as exc:
                written = "、".join(str(p) for p in (out, *(result.graphic or ()), result.html) if p is not None)
                raise PdfError(f"已生成 {written}，但 PDF 没有生成：{exc}") from exc
    result.backups = backups
    result.backup = next((b for b in backups if b.suffix.lower() == out.suffix.lower()), None)
    return result


def write_schema(output: str | Path) -> Path:
    """Write the JSON Schema of facts files (for editors) to `output`."""
    from .model.schema_export import facts_schema_text

    out = Path(output)
    write_atomic(out, facts_schema_text().encode("utf-8"))
    return out


def new_year(last_path: str | Path, output: str | Path | None = None) -> Path:
    """Write next year's facts file from last year's (see reportgen.authoring.new_year), and the schema file
    its first line points at, beside it. Refuses to overwrite an existing file. Raises FactsError
    (nothing written) when last year's file has errors."""
    from .authoring.new_year import SCHEMA_FILE, next_year_path, next_year_text

    facts = load_facts(last_path)
    out = Path(output) if output else next_year_path(Path(last_path), facts.year)
    if out.exists():
        raise OutputError(f"{out}: 文件已经存在，为免覆盖已填写的内容，没有写入。请用 -o 指定另一个文件名。")
    # In the encoding it was read in (a GBK Notepad file stays GBK; a BOM stays), line ends kept.
    write_atomic(out, next_year_text(facts).encode(facts.source.encoding))
    write_schema(out.parent / SCHEMA_FILE)
    return out


def write_pdf(docx_path: str | Path, *, force: bool = False) -> Path:
    """Convert a built report to PDF beside it, through LibreOffice headless. An existing PDF there
    that was edited since reportgen wrote it is refused (OutputError) unless `force`, which keeps a
    dated backup first."""
    from .publish.pdf import convert_to_pdf

    docx = Path(docx_path)
    with claim([docx.with_suffix(".pdf")], force=force):
        return convert_to_pdf([docx], docx.parent)[0]


def write_html(facts: Facts, output: str | Path, *, graphic: bytes | None = None, force: bool = False) -> Path:
    """Write the standalone web page of a report (see reportgen.publish.html); with `graphic` (the SVG of
    `write_graphic`), the page shows it inline under the title. An existing page there that was
    edited since reportgen wrote it is refused (OutputError) unless `force` (dated backup first)."""
    from .publish.html import render_html

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
    from .publish.graphic import render_graphic

    svg, png = render_graphic(facts)
    png_path, svg_path = graphic_paths(docx_path)
    write_atomic(png_path, png)
    write_atomic(svg_path, svg)
    return png_path, svg_path, svg


# -- published reports: import and check (see reportgen.importer) -----------------------------------

@dataclass
class ImportResult:
    output: Path
    warnings: list[str]  # what the import assumed or could not carry over, in Chinese
    problems: list[Problem]  # what `check` found in the written file at once


def import_report(report: str | Path, output: str | Path | None = None) -> ImportResult:
    """Read a published report (.docx, .doc, .wps, .html, .pdf), write its facts file to `output`
    (default: the report's name with .yaml, in the current folder), then check that file.
    Refuses to overwrite an existing file (OutputError); an unreadable report is an OutputError
    naming it."""
    from .importer import ReadError, import_document
    from .importer.write import facts_text

    report = Path(report)
    out = Path(output) if output else Path(report.stem + ".yaml")
    if out.exists():
        raise OutputError(f"{out}: 文件已经存在，为免覆盖已填写的内容，没有写入。请用 -o 指定另一个文件名。")
    from .importer.references import figures_to_references, requests_from_text

    try:
        imported = import_document(report)
    except ReadError as exc:
        raise OutputError(f"{report}: 无法导入：{exc}") from exc
    requests_from_text(imported)
    figures_to_references(imported)
    write_atomic(out, facts_text(imported).encode("utf-8"))
    try:
        problems = list(check(out).warnings)
    except FactsError as exc:
        problems = list(exc.problems)
    return ImportResult(out, imported.warnings, problems)


def check_report(report: str | Path):  # type: ignore[no-untyped-def]
    """Check a published report without writing a facts file: a `ReportCheck` with its findings
    (see reportgen.importer.review)."""
    from .importer.review import check_report as run

    return run(report)


def check_reports(folder: str | Path, rollup: str | Path) -> list:  # type: ignore[type-arg]
    """Check every report in a folder (not its subfolders) and write the roll-up CSV, one row per
    report, to `rollup`. Returns the `ReportCheck`s in file-name order."""
    from .importer.review import check_folder, rollup_text

    checks = check_folder(Path(folder))
    write_atomic(Path(rollup), rollup_text(checks).encode("utf-8"))
    return checks
