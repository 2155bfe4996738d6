"""Many agencies at once: every facts file in a folder becomes a report, in parallel across cores.

One bad file does not stop the others. The roll-up (汇总.csv: one row per agency, one column per
table figure; reportgen.batch.rollup_csv) is written row by row as reports are made, in file-name
order, so memory stays flat however many files there are; so is 问题清单.txt beside it (every problem
of the failed files, every warning of the others: reportgen.batch.problem_list); then, if asked, the
PDFs (reportgen.publish.pdf, on every core). Which files a folder holds: reportgen.batch.folder.
"""

from __future__ import annotations

import errno
import os
from contextlib import contextmanager
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from ..errors import OutputError, ReportgenError
from ..load.os_reasons import os_reason
from .folder import backups_note, colliding_names, facts_names, output_name, skipped_subfolders
from .problem_list import LIST_NAME, ProblemList, check_target, headline
from .rollup_csv import ROLLUP_NAME, FileResult, RollupWriter, facts_row, typed_identity

Item = TypeVar("Item")
Result = TypeVar("Result")


@dataclass
class BatchResult:
    """What a folder build made. Per-file details are kept only for files that failed or warned
    (so a build of 100,000 files does not hold 100,000 results); the roll-up has every row."""

    rollup: Path
    made: int = 0
    failed: list[FileResult] = field(default_factory=list)
    warned: list[tuple[str, int]] = field(default_factory=list)  # (file name, number of warnings)
    pdfs: list[Path] = field(default_factory=list)
    skipped: list[Path] = field(default_factory=list)  # subfolders holding facts files, not built
    backups: list[str] = field(default_factory=list)  # reportgen's dated backups in the folder, not built
    pdf_error: str = ""  # why some PDFs are missing (the .docx files are all there)
    problem_list: Path | None = None  # 问题清单.txt, when a file failed or warned (else none is left there)
    not_written: list[str] = field(default_factory=list)  # outputs that could not be written: why, one line each

    @property
    def total(self) -> int:
        return self.made + len(self.failed)


def _collision_result(source: Path, others: list[Path]) -> FileResult:
    names = "、".join(o.name for o in others)
    message = (f"与 {names} 的报告同名（都会写成 {output_name(source)}），为免互相覆盖，都没有生成："
               "请把多余的文件改名或移出文件夹。")
    return FileResult(source, error=f"{source}: {message}", problem=message, headline=message,
                      row=typed_identity(source))


def first_problem(exc: ReportgenError, source: Path) -> str:
    """The first problem of a failed build in one short line, for the roll-up's 问题 column: the
    same line the screen gives the file (problem_list.headline), so the two never disagree."""
    return headline(exc, source)


def _folder_in_the_way(output: Path) -> str:
    """The message for a report whose place in the output folder is taken by a folder (a folder
    build names each report itself: the advice of a single build, to give a file name, does not fit)."""
    return f"{output}: 这里已有一个同名的文件夹，报告写不进去：请把这个文件夹改名或移走，再重新生成。"


def _not_written(path: Path, exc: OutputError, stale: str) -> str:
    """Why an output of the folder build was not written, and whether what is there is old: a file
    left from a previous run must never pass for this run's (`stale`: what it still holds)."""
    reason = str(exc).removeprefix(f"{path}: ")
    if os.path.isfile(path):
        return f"{path.name} 没有更新，{stale}：{path} {reason}"
    return f"{path.name} 没有生成：{path} {reason}"


def blocked_outputs(outdir: Path) -> list[str]:
    """Before a folder build: a note for each of 汇总.csv, 汇总.xlsx, 问题清单.txt in `outdir` that
    cannot be replaced now (a folder of that name; a file locked — open in Excel on Windows — or
    immutable), so the clerk can close it while the files are built (the end of the build says
    again whatever could not be written). A read-only file on Linux or macOS is no obstacle (the new
    file is renamed over it), so it is not named."""
    notes = []
    for name, hint in ((ROLLUP_NAME, "如果它正在 Excel 或 WPS 中打开，请在生成结束前关闭它"),
                       ("汇总.xlsx", "如果它正在 Excel 或 WPS 中打开，请在生成结束前关闭它"),
                       (LIST_NAME, "如果它正在记事本等程序中打开，请在生成结束前关闭它")):
        path = outdir / name
        if path.is_dir():
            notes.append(f"{path} 是一个文件夹，{name} 写不进去：请在生成结束前把这个文件夹改名或移走，否则 {name} 不会生成。")
            continue
        if not path.is_file():
            continue
        try:
            os.close(os.open(path, os.O_RDWR))  # opens without changing it; fails when locked or immutable
        except PermissionError as exc:
            if os.name != "nt" and exc.errno == errno.EACCES:
                continue  # only the file's mode: the rename replaces it all the same
            notes.append(f"{path} 现在写不进去（{os_reason(exc)}）：{hint}，否则它不会更新。")
        except OSError as exc:
            notes.append(f"{path} 现在写不进去（{os_reason(exc)}）：{hint}，否则它不会更新。")
    return notes


def _finish_outputs(batch: BatchResult, writer: RollupWriter, listing: ProblemList) -> None:
    """Put 汇总.csv, 问题清单.txt and 汇总.xlsx in place. One that cannot be written (open in Excel,
    a folder of that name) does not stop the others nor the summary: it is said in
    `batch.not_written`, and a previous run's file left in its place is said to be old."""
    from ..publish.spreadsheet import write_rollup_workbook

    xlsx = batch.rollup.with_name("汇总.xlsx")
    try:
        writer.close()
    except OutputError as exc:
        batch.not_written.append(_not_written(batch.rollup, exc, "里面还是上次的数字"))
        csv_error: OutputError | None = exc
    except BaseException:
        listing.abort()
        raise
    else:
        csv_error = None
    listed = listing.count
    try:
        batch.problem_list = listing.close()
    except OutputError as exc:
        old = "里面还是上次的问题" if listed else "里面是上次的问题，这次已不适用"
        batch.not_written.append(_not_written(listing.path, exc, old))
    if csv_error is not None:  # the workbook is made from the CSV's rows: not from a previous run's
        batch.not_written.append(_not_written(xlsx, OutputError(f"{xlsx}: 无法生成（汇总.csv 没有写成，见上）。"),
                                              "里面还是上次的数字"))
        return
    try:
        write_rollup_workbook(batch.rollup, xlsx)  # 汇总.xlsx beside it, from the CSV's rows
    except OutputError as exc:
        batch.not_written.append(_not_written(xlsx, exc, "里面还是上次的数字") + "这次的数字见 汇总.csv。")


def build_one(source: Path, outdir: Path, force: bool = False, strict: bool = False,
              keep_punctuation: bool = False, html: bool = False, pdf: bool = False) -> FileResult:
    """Build one report (and its web page); never raises for a problem in that file. With `pdf`,
    the .pdf beside it is checked too (converted later, with the others, in one LibreOffice call)."""
    from ..publish.build import build_report

    result = FileResult(source)
    output = outdir / output_name(source)
    try:
        if output.is_dir():
            raise OutputError(_folder_in_the_way(output))
        built = build_report(source, output, force=force, strict=strict,
                             keep_punctuation=keep_punctuation, html=html, pdf_later=pdf)
    except ReportgenError as exc:
        result.error = str(exc)
        result.problem = first_problem(exc, source)
        result.headline = headline(exc, source)
        result.row = typed_identity(source)
    else:
        result.output = built.output
        result.warnings = [w.format(show_source=False) for w in built.warnings]
        result.details = "\n".join(w.format() for w in built.warnings)
        result.row = facts_row(built.facts)
    return result


def in_order(pool: Executor | None, work: Callable[[Item], Result], files: Iterable[Item],
             window: int) -> Iterator[Result]:
    """Results of `work` over `files`, in their order, at most `window` files handed out at a time
    (so a folder of 100,000 files never has 100,000 tasks and results waiting in memory); with no
    `pool`, one after the other in this process. Used by the folder build and by `check FOLDER`
    (reportgen.importer.review_folder)."""
    if pool is None:
        for source in files:
            yield work(source)
        return
    pending: deque = deque()
    upcoming = iter(files)
    for source in upcoming:
        pending.append(pool.submit(work, source))
        if len(pending) >= window:
            break
    while pending:
        result = pending.popleft().result()
        following = next(upcoming, None)
        if following is not None:
            pending.append(pool.submit(work, following))
        yield result


@contextmanager
def worker_pool(jobs: int) -> Iterator[Executor | None]:
    """`jobs` worker processes for `in_order` (None when jobs is 1: the work runs in this process),
    shut down on leaving, the tasks not yet started cancelled (an error or Ctrl+C stops them all).
    Used by the folder build and by `check FOLDER` (reportgen.importer.review_folder)."""
    pool = ProcessPoolExecutor(max_workers=jobs) if jobs > 1 else None
    try:
        yield pool
    finally:
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)


class _Work:
    """build_one with the folder build's options (a picklable callable for the worker processes)."""

    def __init__(self, outdir: Path, force: bool, strict: bool, keep_punctuation: bool, html: bool, pdf: bool):
        self.args = (outdir, force, strict, keep_punctuation, html, pdf)

    def __call__(self, source: Path) -> FileResult:
        return build_one(source, *self.args)


def build_folder(folder: Path, outdir: Path, *, jobs: int | None = None, pdf: bool = False,
                 force: bool = False, strict: bool = False, keep_punctuation: bool = False, html: bool = False,
                 progress: Callable[[str, bool], None] | None = None,
                 pdf_progress: Callable[[str, bool], None] | None = None) -> BatchResult:
    """Build every facts file in `folder` into `outdir`, `jobs` at a time (default: one per core).
    `progress(name, ok)` is called after each file, in file-name order; `pdf_progress` after each PDF.
    Beside 汇总.csv, 问题清单.txt with every detail (`BatchResult.problem_list`; none when no file
    failed or warned, and a previous run's is then removed). OutputError, before anything is built,
    when the list's place holds one of the facts files or a file reportgen did not write."""
    backups: list[str] = []
    names = facts_names(folder, odd=True, backups=backups)
    skipped = skipped_subfolders(folder)
    if not names:
        inside = (f"子文件夹 {'、'.join(p.name + '/' for p in skipped)} 里有，但批量生成只处理所给文件夹本层的文件："
                  "请对子文件夹分别运行 reportgen build。") if skipped else ""
        raise ReportgenError(f"{folder}: 文件夹里没有事实文件（.yaml）。{inside}"
                             + (backups_note(backups) if backups else ""))
    collisions = colliding_names(names)
    buildable = len(names) - len(collisions)
    jobs = max(1, min(jobs or os.cpu_count() or 1, buildable or 1))
    batch = BatchResult(outdir / ROLLUP_NAME, skipped=skipped, backups=backups)
    made: list[Path] | None = [] if pdf else None
    check_target(outdir / LIST_NAME, ((folder / name, "事实文件") for name in names))
    writer = RollupWriter(batch.rollup)
    try:
        listing = ProblemList(outdir / LIST_NAME, folder)
    except BaseException:
        writer.abort()
        raise
    try:
        with worker_pool(jobs) as pool:
            todo = (folder / name for name in names if name not in collisions)
            built = in_order(pool, _Work(outdir, force, strict, keep_punctuation, html, pdf), todo, 4 * jobs)
            for name in names:
                if name in collisions:
                    r = _collision_result(folder / name, [folder / other for other in collisions[name]])
                else:
                    r = next(built)
                writer.write(r)
                r.row = {}  # written: not kept
                if r.error:
                    listing.add(r.source.name, "生成失败", r.error)
                    batch.failed.append(r)
                else:
                    if r.details:
                        listing.add(r.source.name, f"已生成，有 {len(r.warnings)} 个警告", r.details)
                        r.details = ""
                    batch.made += 1
                    if r.warnings:
                        batch.warned.append((r.source.name, len(r.warnings)))
                    if made is not None and r.output is not None:
                        made.append(r.output)
                if progress:
                    progress(r.source.name, not r.error)
    except BaseException:
        writer.abort()
        listing.abort()
        raise
    _finish_outputs(batch, writer, listing)
    if made:
        from ..publish.pdf import PdfError, convert_to_pdf

        try:
            batch.pdfs = convert_to_pdf(made, outdir, progress=pdf_progress)
        except PdfError as exc:  # the reports stay; the PDFs that were made too
            batch.pdfs, batch.pdf_error = exc.made, str(exc)
    return batch
