"""The library's entry points: check a facts file, build its report, write next year's file and
the schema, import and check published reports.

The work is done in the stage packages; this module hands it on under the names the library has
always had: `check` (reportgen.checks.run), `build_report` and the writers of the outputs
(reportgen.publish.build).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .checks.run import check, load_facts, sibling_previous
from .errors import FactsError, OutputError, Problem
from .model.facts import Facts
from .publish.build import (BuildResult, build_report, default_output, graphic_paths, write_graphic, write_html,
                            write_pdf)
from .publish.output import write_atomic

__all__ = [
    "BuildResult", "Facts", "ImportResult", "build_report", "check", "check_report", "check_reports", "default_output",
    "graphic_paths", "import_report", "init_facts", "load_facts", "new_year", "sibling_previous", "write_graphic", "write_html",
    "write_pdf", "write_schema",
]


def write_schema(output: str | Path) -> Path:
    """Write the JSON Schema of facts files (for editors) to `output`."""
    from .model.schema_export import facts_schema_text

    from .publish.inputs import claim_foreign

    out = Path(output)
    with claim_foreign(out, command="schema", ours=_is_schema, what="事实文件的 JSON Schema"):
        write_atomic(out, facts_schema_text().encode("utf-8"))
    return out


def _is_schema(data: bytes) -> bool:
    """Whether a file's bytes are a JSON Schema reportgen wrote (its $id), and so may be replaced."""
    from .model.schema_export import SCHEMA_ID

    return f'"$id": "{SCHEMA_ID}"'.encode() in data


def new_year(last_path: str | Path, output: str | Path | None = None, *,
             on_warning: Callable[[Problem], None] | None = None) -> Path:
    """Write next year's facts file from last year's (see reportgen.authoring.new_year), and the schema file
    its first line points at, beside it. Refuses to overwrite an existing file. Raises FactsError
    (nothing written) when last year's file has errors. `on_warning` is given each place of the new
    file whose text still names last year as a year (located in the new file), once it is written."""
    from .authoring.new_year import SCHEMA_FILE, next_year, next_year_path

    from .publish.inputs import claim_new, refuse_foreign, refuse_inputs

    if output:  # the input is never the output: said before last year's file is even read
        refuse_inputs([output, Path(output).parent / SCHEMA_FILE], [(last_path, "上一年度的事实文件")], has_force=False)
    facts = load_facts(last_path)
    out = Path(output) if output else next_year_path(Path(last_path), facts.year)
    refuse_inputs([out, out.parent / SCHEMA_FILE], [(last_path, "上一年度的事实文件")], has_force=False)
    refuse_foreign(out.parent / SCHEMA_FILE, ours=_is_schema, what="事实文件的 JSON Schema")
    with claim_new(out, command="new "):
        text, warnings = next_year(facts, str(out))
        # In the encoding it was read in (a GBK Notepad file stays GBK; a BOM stays), line ends kept.
        write_atomic(out, text.encode(facts.source.encoding))
    write_schema(out.parent / SCHEMA_FILE)
    if on_warning is not None:
        for warning in warnings:
            on_warning(warning)
    return out


def init_facts(output: str | Path | None = None, *, agency: str | None = None, year: int,
               force: bool = False) -> tuple[Path, Path | None]:
    """Write a first facts file of the national format for `agency` (None: left blank) and `year`,
    every value of the year left blank (see reportgen.authoring.init_file), to `output` (default
    `<机关全称>-<年度>.yaml` in the current folder), and the schema file beside it. An existing file is
    refused (OutputError), or with `force` kept first as a dated backup; `output` an existing folder
    gets the default name in it. Returns the file written
    and the backup (None when there was none)."""
    from .authoring.init_file import default_path, init_text
    from .authoring.new_year import SCHEMA_FILE
    from .publish.inputs import claim_replace, refuse_foreign

    out = Path(output) if output else default_path(agency, year)
    if out.is_dir():  # a folder: the default name in it
        out = default_path(agency, year, out)
    refuse_foreign(out.parent / SCHEMA_FILE, ours=_is_schema, what="事实文件的 JSON Schema")
    refusal = "文件已经存在，为免覆盖已填写的内容，没有写入。请另给一个文件名，或加 --force（先把原文件备份为带日期的副本再写）。"
    with claim_replace(out, command="init ", force=force, refusal=refusal) as backup:
        write_atomic(out, init_text(agency, year).encode("utf-8"))
    write_schema(out.parent / SCHEMA_FILE)
    return out, backup


# -- published reports: import and check (see reportgen.importer) -----------------------------------

@dataclass
class ImportResult:
    output: Path
    warnings: list[str]  # what the import assumed or could not carry over, in Chinese
    problems: list[Problem]  # what `check` found in the written file at once
    errors: list[str] = field(default_factory=list)  # what the import could not read (a table not found), in Chinese


def import_report(report: str | Path, output: str | Path | None = None, *, ocr: bool = False) -> ImportResult:
    """Read a published report (.docx, .doc, .wps, .html, .pdf), write its facts file to `output`
    (default: the report's name with .yaml, in the current folder), then check that file.
    Refuses to overwrite an existing file (OutputError); an unreadable report is an OutputError
    naming it, a scanned PDF too unless `ocr` (then read by OCR, see importer.scan)."""
    from .importer import ReadError, import_document
    from .importer.write import facts_text

    from .importer.references import figures_to_references, requests_from_text
    from .publish.inputs import claim_new, refuse_inputs

    report = Path(report)
    out = Path(output) if output else Path(report.stem + ".yaml")
    refuse_inputs([out], [(report, "已发布的报告")])
    with claim_new(out, command="导入"):  # held while reading: a second import to `out` is refused at once
        try:
            imported = import_document(report, ocr=ocr)
        except ReadError as exc:
            raise OutputError(f"{report}: 无法导入：{exc}") from exc
        if report.suffix.lower() == ".pdf":  # pages that are pictures, OCR used: said, and noted at the file's head
            from .importer.scan import mark_import

            mark_import(imported, ocr)
        requests_from_text(imported)
        figures_to_references(imported)
        write_atomic(out, facts_text(imported).encode("utf-8"))
    try:
        problems = list(check(out).warnings)
    except FactsError as exc:
        problems = list(exc.problems)
    return ImportResult(out, imported.warnings, problems, imported.errors)


def check_report(report: str | Path, *, ocr: bool = False, rules: str | Path | None = None):  # type: ignore[no-untyped-def]
    """Check a published report without writing a facts file: a `ReportCheck` with its findings
    (see reportgen.importer.review); a scanned PDF is read by OCR when `ocr`; a local rules file
    (reportgen.model.local_rules) is applied too when `rules` names one."""
    from .importer.review import check_report as run

    return run(report, ocr=ocr, rules=rules)


def check_reports(folder: str | Path, rollup: str | Path, *, ocr: bool = False, jobs: int | None = None,
                  each=None, previous: str | Path | None = None):  # type: ignore[no-untyped-def]
    """Check every report in a folder (not its subfolders), one at a time on `jobs` processes
    (default: one per core), and write the roll-up CSV, one row per report in file-name order, to
    `rollup` as they come; `each(check)` is called with every `ReportCheck` in that order (its
    findings: the checks are not kept, so memory stays flat). Beside the CSV, the folder review: the
    page 审阅.html and the workbook of the CSV's name (.xlsx) with its sheet 审阅 (batch.review_model;
    only each report's findings and key figures are kept); `previous`, last year's folder, adds the
    jumps of each agency's key figures (matched by the agency's name). Returns the counts
    (importer.review_folder.FolderCheck). Scanned PDFs are read by OCR when `ocr`."""
    from .batch.review_model import FolderReview
    from .batch.review_page import PAGE_NAME, write_review_page
    from .batch.review_sheet import write_review_sheet
    from .importer.review_folder import check_folder

    rollup = Path(rollup)
    page = rollup.with_name(PAGE_NAME)
    book = rollup.with_suffix(".xlsx") if rollup.suffix.lower() != ".xlsx" else rollup.with_name(rollup.stem + "-审阅.xlsx")
    review = FolderReview(Path(folder).name or str(folder), written=[page, book])
    if previous is not None:
        from .importer.previous_folder import previous_figures

        review.previous_folder = str(previous)
        for agency, _year, figures in previous_figures(Path(previous), ocr=ocr, jobs=jobs):
            review.add_previous(agency, figures)
    done = check_folder(Path(folder), rollup, ocr=ocr, jobs=jobs, each=each, review=review)
    laid_out = review.review()
    write_review_page(laid_out, page)
    write_review_sheet(laid_out, book)
    done.page, done.workbook = page, book
    return done
