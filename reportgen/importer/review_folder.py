"""`reportgen check FOLDER`: every published report in a folder checked (review.check_report), one
row of the roll-up each, streamed — like a folder build (reportgen.batch): the reports are checked
on every core but handed on in file-name order (batch.batch.in_order, a bounded window), each row
is written to the CSV as it comes (batch.rollup_csv.RollupWriter: a temporary file renamed into
place at the end) and each report's findings handed to the caller, then dropped. Memory stays flat
however many reports the folder holds.

The .doc and .wps files are converted to .docx by LibreOffice CONVERT_BATCH at a time, when the
first of a batch is reached (one start per batch instead of one per file, and never a whole large
folder's files at once); each converted file is deleted once its report is checked."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .notices import UNSURE
from .reading import needs_conversion
from .review import ROLLUP_COLUMNS, ReportCheck, check_report, outcome, report_files, rollup_row

CONVERT_BATCH = 20  # .doc/.wps files per LibreOffice call


@dataclass
class FolderCheck:
    """What `check FOLDER` found, counted (the findings went to the caller one report at a time)."""

    rollup: Path
    checked: int = 0
    with_errors: int = 0  # reports with an error
    warned: int = 0  # reports with warnings only
    passed: int = 0  # reports that passed: no finding, no unsure reading, no scan (outcome 通过)
    unsure: int = 0  # reports with an unsure reading
    scans: int = 0  # scanned PDFs, or PDFs with pages that are pictures
    subfolders: list[str] = field(default_factory=list)  # names of the subfolders holding reports, not checked
    others: list[str] = field(default_factory=list)  # names of the files that are no report, not checked
    page: Path | None = None  # the folder review 审阅.html, once written (api.check_reports)
    workbook: Path | None = None  # and its workbook (sheet 审阅)


class _Check:
    """check_report with the folder's options, giving the check and its roll-up row (a picklable
    callable for the worker processes; the imported facts are dropped once the row is made)."""

    def __init__(self, ocr: bool, review: bool = False):
        self.ocr, self.review = ocr, review

    def __call__(self, item: tuple[Path, Path | None]) -> tuple[ReportCheck, dict[str, str], Any]:
        path, read = item
        check = check_report(path, read=read, ocr=self.ocr)
        row = rollup_row(check)
        kept = None
        if self.review:  # the folder review's entry: findings and key figures (folder_figures), no facts
            from .folder_figures import entry

            kept = entry(check)
        check.imported = None
        return check, row, kept


def _converted(files: list[Path], tmp: Path) -> Iterator[tuple[Path, Path | None]]:
    """(report, the .docx to read instead or None), in order; the .doc/.wps converted a batch at a
    time (a batch holds no two files of the same name, whose .docx would collide). A batch that
    fails leaves its files unconverted: each is then tried alone by check_report, which says why."""
    from ..publish.libreoffice import PdfError, convert_files

    ready: dict[Path, Path] = {}
    tried: set[Path] = set()
    for n, path in enumerate(files):
        if needs_conversion(path) and path not in tried:
            batch: list[Path] = []
            for other in files[n:]:
                if needs_conversion(other) and other not in tried \
                        and other.stem.lower() not in {b.stem.lower() for b in batch}:
                    batch.append(other)
                    if len(batch) == CONVERT_BATCH:
                        break
            tried.update(batch)
            out = Path(tempfile.mkdtemp(dir=tmp))
            try:
                ready.update(zip(batch, convert_files(batch, out, "docx:MS Word 2007 XML")))
            except PdfError:
                pass
        yield path, ready.pop(path, None)


def check_folder(folder: Path, rollup: Path, *, ocr: bool = False, jobs: int | None = None,
                 each: Callable[[ReportCheck], None] | None = None, review: Any = None) -> FolderCheck:
    """Check every report in `folder` (not its subfolders; review.report_files), write the roll-up
    CSV (review.ROLLUP_COLUMNS, one row per report in file-name order) to `rollup`, and call
    `each(check)` for every report in that order (its findings; `imported` is not kept). `jobs`
    processes (default: one per core). Scanned PDFs are read by OCR when `ocr`. `review` (a
    batch.review_model.FolderReview) gets each report's entry (folder_figures.entry), and the files
    it writes beside the roll-up (`review.written`) are not read as reports. Raises OutputError
    when the roll-up cannot be written, or before anything is read when `rollup` is one of the
    reports, would be read as one next time (a report's suffix, in `folder`), is a file reportgen
    did not write, or is being written by another check (reportgen.publish.inputs)."""
    from .reading import READABLE

    from ..publish.inputs import hold, refuse_foreign, refuse_inputs, refuse_read_back

    written = {_real(p) for p in getattr(review, "written", ())}
    files = [p for p in report_files(folder) if _real(p) not in written]
    # The CSV never replaces a report of the folder, never lands there to be read as one next time,
    # never replaces a file of the user's own; one check writes it at a time.
    refuse_inputs([rollup], [(f, "已发布的报告") for f in files])
    refuse_read_back(rollup, folder, READABLE, "一份已发布的报告")
    refuse_foreign(rollup, ours=is_check_csv, what="检查汇总表")
    with hold(rollup, "检查"):
        return _check_folder(folder, files, rollup, ocr=ocr, jobs=jobs, each=each, review=review,
                             written=written)


def _real(path: Path) -> Path:
    """The path with its links followed, as far as they go: a looping link (a bad entry the check
    names, reportgen.load.entries) is not followed, where Path.resolve would raise."""
    return Path(os.path.realpath(path))


def is_check_csv(head: bytes) -> bool:
    """Whether a file starting with `head` is a roll-up CSV reportgen wrote (UTF-8 with a BOM, its
    first column 文件), or empty: such a file may be replaced by the next `check FOLDER`."""
    return not head or head.startswith("\ufeff文件,".encode("utf-8"))


def _check_folder(folder: Path, files: list[Path], rollup: Path, *, ocr: bool, jobs: int | None,
                  each: Callable[[ReportCheck], None] | None, review: Any, written: set[Path]) -> FolderCheck:
    from ..batch.batch import in_order, worker_pool
    from ..batch.folder import skipped_subfolders
    from .reading import READABLE
    from ..batch.rollup_csv import RollupWriter

    jobs = max(1, min(jobs or os.cpu_count() or 1, len(files) or 1))
    result = FolderCheck(rollup)
    result.subfolders = [p.name for p in skipped_subfolders(folder, READABLE)]
    result.others = sorted(p.name for p in folder.iterdir() if p.is_file() and p not in files
                           and not p.name.startswith(("~$", ".")) and _real(p) != _real(rollup)
                           and _real(p) not in written)
    writer = RollupWriter(rollup, ROLLUP_COLUMNS)
    try:
        with worker_pool(jobs) as pool:
            with tempfile.TemporaryDirectory(prefix="reportgen-check-") as tmp:
                reads: dict[Path, Path | None] = {}

                def todo() -> Iterator[tuple[Path, Path | None]]:
                    for path, read in _converted(files, Path(tmp)):
                        reads[path] = read
                        yield path, read

                for check, row, kept in in_order(pool, _Check(ocr, review is not None), todo(), 4 * jobs):
                    writer.write_row(row)
                    if kept is not None:
                        review.add(kept)
                    read = reads.pop(check.source, None)
                    if read is not None:
                        read.unlink(missing_ok=True)
                    _count(result, check)
                    if each is not None:
                        each(check)
    except BaseException:
        writer.abort()
        raise
    writer.close()
    return result


def _count(result: FolderCheck, check: ReportCheck) -> None:
    result.checked += 1
    if check.errors:
        result.with_errors += 1
    elif check.warnings:
        result.warned += 1
    if check.of_kind(UNSURE):
        result.unsure += 1
    if check.scan:
        result.scans += 1
    if outcome(check) == "通过":
        result.passed += 1
