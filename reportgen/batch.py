"""Many agencies at once: every facts file in a folder becomes a report, in parallel across cores.

One bad file does not stop the others. The run ends with a roll-up (汇总.csv: one row per agency,
one column per table figure) and, if asked, the PDFs of all reports made in one LibreOffice call.
"""

from __future__ import annotations

import csv
import io
import os
import sys
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import FactsError, ReportgenError
from .formats import national_tables as T
from .output import write_atomic

ROLLUP_NAME = "汇总.csv"


@dataclass
class FileResult:
    source: Path
    output: Path | None = None
    error: str = ""  # the messages, when the file failed
    warnings: list[str] = field(default_factory=list)
    row: dict[str, str] = field(default_factory=dict)  # the roll-up row


@dataclass
class BatchResult:
    results: list[FileResult]
    rollup: Path
    pdfs: list[Path] = field(default_factory=list)

    @property
    def failed(self) -> list[FileResult]:
        return [r for r in self.results if r.error]


def facts_files(folder: Path) -> list[Path]:
    """The facts files of a folder (not its subfolders), in name order."""
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in (".yaml", ".yml"))


def rollup_columns() -> list[str]:
    columns = ["文件", "机关", "年度", "报告格式", "结果"]
    for _, rule_label in T.RULE_ROWS:
        columns += [f"主动公开·{rule_label}·{name}" for _, name in T.RULE_COLUMNS]
    columns += [f"主动公开·{label}·{T.ACTIVE_DECISIONS}" for _, label, _ in T.DECISION_ROWS]
    columns.append(f"主动公开·{T.FEE_ROW[1]}·{T.ACTIVE_FEES}")
    for r in T.ALL_APP_ROWS:
        columns += [f"申请·{r.printed}·{name}" for _, name in (*T.APPLICANT_COLUMNS, T.TOTAL)]
    for _, label in T.REVIEW_GROUPS:
        columns += [f"复议诉讼·{label}·{name}" for _, name in (*T.OUTCOME_COLUMNS, T.TOTAL)]
    return columns


def _rollup_row(facts: Any) -> dict[str, str]:
    from .formats.national_2021 import amount_text, computed_reviews, computed_rows

    row = {"机关": facts.agency_name, "年度": str(facts.year), "报告格式": facts.format.name}
    data = facts.data
    if facts.format.name != "national-2021":
        return row
    active = data["active_disclosure"]
    for key, rule_label in T.RULE_ROWS:
        for col, name in T.RULE_COLUMNS:
            row[f"主动公开·{rule_label}·{name}"] = str(active[key][col])
    for key, label, _ in T.DECISION_ROWS:
        row[f"主动公开·{label}·{T.ACTIVE_DECISIONS}"] = str(active[key])
    row[f"主动公开·{T.FEE_ROW[1]}·{T.ACTIVE_FEES}"] = amount_text(active["fees"])
    rows = computed_rows(data["applications"])
    for r in T.ALL_APP_ROWS:
        for col, name in (*T.APPLICANT_COLUMNS, T.TOTAL):
            row[f"申请·{r.printed}·{name}"] = str(rows[r.key][col])
    reviews = computed_reviews(data["review_litigation"])
    for key, label in T.REVIEW_GROUPS:
        for col, name in (*T.OUTCOME_COLUMNS, T.TOTAL):
            row[f"复议诉讼·{label}·{name}"] = str(reviews[key][col])
    return row


def build_one(source: Path, outdir: Path, force: bool = False, strict: bool = False,
              keep_punctuation: bool = False) -> FileResult:
    """Build one report; never raises for a problem in that file (the batch goes on)."""
    from .api import build_report

    result = FileResult(source)
    try:
        built = build_report(source, outdir / (source.stem + ".docx"), force=force, strict=strict,
                             keep_punctuation=keep_punctuation)
    except FactsError as exc:
        result.error = str(exc)
    except ReportgenError as exc:
        result.error = str(exc)
    else:
        result.output = built.output
        result.warnings = [w.format(show_source=False) for w in built.warnings]
        result.row = _rollup_row(built.facts)
    return result


def write_rollup(results: list[FileResult], path: Path) -> None:
    """CSV with a BOM, so Excel on Windows opens the Chinese headers correctly."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=rollup_columns(), extrasaction="ignore", lineterminator="\r\n")
    writer.writeheader()
    for r in sorted(results, key=lambda r: r.source.name):
        writer.writerow({**r.row, "文件": r.source.name, "结果": "失败" if r.error else "已生成"})
    write_atomic(path, ("\ufeff" + buffer.getvalue()).encode("utf-8"))


class Progress:
    """A one-line progress bar on stderr (a plain line per file when stderr is not a terminal)."""

    def __init__(self, total: int, stream: Any = None):
        self.total, self.done = total, 0
        self.stream = stream or sys.stderr
        self.tty = hasattr(self.stream, "isatty") and self.stream.isatty()

    def step(self, name: str, ok: bool) -> None:
        self.done += 1
        width = 30
        filled = width * self.done // max(self.total, 1)
        bar = "█" * filled + "·" * (width - filled)
        mark = "" if ok else "  ✗ 失败"
        if self.tty:
            end = "\n" if self.done == self.total else ""
            self.stream.write(f"\r[{bar}] {self.done}/{self.total} {name}{mark}\033[K{end}")
        else:
            self.stream.write(f"[{bar}] {self.done}/{self.total} {name}{mark}\n")
        self.stream.flush()


def build_folder(folder: Path, outdir: Path, *, jobs: int | None = None, pdf: bool = False,
                 force: bool = False, strict: bool = False, keep_punctuation: bool = False,
                 progress: Callable[[str, bool], None] | None = None) -> BatchResult:
    """Build every facts file in `folder` into `outdir`, `jobs` at a time (default: one per core)."""
    files = facts_files(folder)
    if not files:
        raise ReportgenError(f"{folder}: 文件夹里没有事实文件（.yaml）。")
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(files)))
    results: list[FileResult] = []
    if jobs == 1:
        for source in files:
            results.append(build_one(source, outdir, force, strict, keep_punctuation))
            if progress:
                progress(source.name, not results[-1].error)
    else:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            futures = [pool.submit(build_one, source, outdir, force, strict, keep_punctuation) for source in files]
            for future in as_completed(futures):
                results.append(future.result())
                if progress:
                    progress(results[-1].source.name, not results[-1].error)
    results.sort(key=lambda r: r.source.name)
    rollup = outdir / ROLLUP_NAME
    write_rollup(results, rollup)
    pdfs: list[Path] = []
    if pdf:
        from .pdf import convert_to_pdf

        made = [r.output for r in results if r.output]
        if made:
            pdfs = convert_to_pdf(made, outdir, timeout=60 + 3 * len(made))
    return BatchResult(results, rollup, pdfs)
