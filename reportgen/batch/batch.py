"""Many agencies at once: every facts file in a folder becomes a report, in parallel across cores.

One bad file does not stop the others. The roll-up (汇总.csv: one row per agency, one column per
table figure) is written row by row as reports are made, in file-name order, so memory stays flat
however many files there are; then, if asked, the PDFs (reportgen.publish.pdf, on every core).
"""

from __future__ import annotations

import csv
import os
import re
import tempfile
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..errors import FactsError, OutputError, ReportgenError, summary
from ..model.formats import national_tables as T
from ..model.scalars import FULLWIDTH_DIGITS

ROLLUP_NAME = "汇总.csv"


@dataclass
class FileResult:
    source: Path
    output: Path | None = None
    error: str = ""  # the messages, when the file failed
    warnings: list[str] = field(default_factory=list)
    row: dict[str, str] = field(default_factory=dict)  # the roll-up row
    problem: str = ""  # the first problem in one short line, for the roll-up's 问题 column


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
    pdf_error: str = ""  # why some PDFs are missing (the .docx files are all there)

    @property
    def total(self) -> int:
        return self.made + len(self.failed)


FACTS_SUFFIXES = (".yaml", ".yml")
FEE_COLUMN = "信息处理费（元）"


def facts_names(folder: Path) -> list[str]:
    """The names of the facts files of a folder (not its subfolders), in name order. Names, not
    paths: a folder of 100,000 files is held in a few MB (a Path object is five times a name)."""
    names = []
    with os.scandir(folder) as entries:
        for entry in entries:
            if os.path.splitext(entry.name)[1].lower() in FACTS_SUFFIXES and entry.is_file():
                names.append(entry.name)
    names.sort()
    return names


def facts_files(folder: Path) -> list[Path]:
    """The facts files of a folder (not its subfolders), in name order."""
    return [folder / name for name in facts_names(folder)]


def skipped_subfolders(folder: Path) -> list[Path]:
    """The subfolders of `folder` (at any depth below it) that hold facts files a folder build does
    not include, one entry per direct subfolder, in name order. Hidden folders (.git, .github …)
    are not looked at: their .yml files are not facts files."""
    found = []
    with os.scandir(folder) as entries:  # not iterdir: no Path object for each of 100,000 files
        subfolders = sorted(folder / e.name for e in entries if not e.name.startswith(".") and e.is_dir())
    for sub in subfolders:
        for root, dirs, files in os.walk(sub):
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            if any(Path(f).suffix.lower() in FACTS_SUFFIXES for f in files):
                found.append(sub)
                break
    return found


def output_name(source: Path) -> str:
    return source.stem + ".docx"


def colliding_outputs(files: list[Path]) -> dict[Path, list[Path]]:
    """Facts files whose reports would have the same name (局-2025.yaml and 局-2025.yml both make
    局-2025.docx): each such file → the others it collides with. Names are compared ignoring case,
    as Windows and macOS do, so a folder that builds on one system builds on every other."""
    groups: dict[str, list[Path]] = {}
    for source in files:
        groups.setdefault(output_name(source).casefold(), []).append(source)
    return {source: [o for o in group if o != source]
            for group in groups.values() if len(group) > 1 for source in group}


def _colliding_names(names: list[str]) -> dict[str, list[str]]:
    """colliding_outputs for file names (Path objects made only for the few that collide)."""
    shared = _shared_keys(names)
    found = colliding_outputs([Path(name) for name in names if _output_key(name) in shared])
    return {str(path): [str(other) for other in others] for path, others in found.items()}


def _output_key(name: str) -> str:
    return output_name(Path(name)).casefold()


def _shared_keys(names: list[str]) -> set[str]:
    seen: set[str] = set()
    shared: set[str] = set()
    for name in names:
        key = _output_key(name)
        (shared if key in seen else seen).add(key)
    return shared


def _collision_result(source: Path, others: list[Path]) -> FileResult:
    names = "、".join(o.name for o in others)
    message = (f"与 {names} 的报告同名（都会写成 {output_name(source)}），为免互相覆盖，都没有生成："
               "请把多余的文件改名或移出文件夹。")
    return FileResult(source, error=f"{source}: {message}", problem=message, row=_identity(source))


def skipped_note(skipped: list[Path]) -> str:
    """One line naming the subfolders whose facts files a folder build left out."""
    return (f"子文件夹中的事实文件没有包括在内：{'、'.join(p.name + '/' for p in skipped)}"
            "（只生成所给文件夹本层的文件；要生成它们，请对子文件夹分别运行 reportgen build）。")


def rollup_columns() -> list[str]:
    columns = ["文件", "机关", "年度", "报告格式", "结果", "问题", "警告"]
    for _, rule_label in T.RULE_ROWS:
        columns += [f"主动公开·{rule_label}·{name}" for _, name in T.RULE_COLUMNS]
    columns += [f"主动公开·{label}·{T.ACTIVE_DECISIONS}" for _, label, _ in T.DECISION_ROWS]
    columns.append(f"主动公开·{T.FEE_ROW[1]}·{T.ACTIVE_FEES}")
    for r in T.ALL_APP_ROWS:
        columns += [f"申请·{r.printed}·{name}" for _, name in (*T.APPLICANT_COLUMNS, T.TOTAL)]
    for _, label in T.REVIEW_GROUPS:
        columns += [f"复议诉讼·{label}·{name}" for _, name in (*T.OUTCOME_COLUMNS, T.TOTAL)]
    columns.append(FEE_COLUMN)
    return columns


def _rollup_row(facts: Any) -> dict[str, str]:
    from ..model.formats.national_totals import amount_text, computed_reviews, computed_rows

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
    if data.get("processing_fee") is not None:
        row[FEE_COLUMN] = amount_text(data["processing_fee"])
    return row


def _identity(source: Path) -> dict[str, str]:
    """机关, 年度 and 报告格式 as typed in a facts file that failed, when they can be read at all
    (the file parses as YAML and has them as plain values); nothing is checked here."""
    from ..model.formats import FORMATS
    from ..load.reader import read_source

    try:
        parsed, _ = read_source(source)
    except Exception:  # only for the roll-up: a file that cannot be read simply leaves them blank
        return {}
    root = parsed.root if parsed is not None else None
    top = _scalars(root)
    row = {}
    name = _scalars(top.get("agency")).get("name")
    if isinstance(name, yaml.ScalarNode) and name.value.strip():
        row["机关"] = " ".join(name.value.split())
    year = top.get("year")
    if isinstance(year, yaml.ScalarNode):
        digits = year.value.strip().translate(FULLWIDTH_DIGITS)
        if re.fullmatch(r"(19|20)\d\d", digits):
            row["年度"] = digits
    fmt = top.get("format")
    if isinstance(fmt, yaml.ScalarNode) and fmt.value.strip() in FORMATS:
        row["报告格式"] = fmt.value.strip()
    return row


def _scalars(node: Any) -> dict[str, Any]:
    """The values of a YAML mapping node by their (plain) key; {} for anything else."""
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {key.value: value for key, value in node.value if isinstance(key, yaml.ScalarNode)}


def first_problem(exc: ReportgenError, source: Path) -> str:
    """The first error of a failed build in one short line, for the roll-up: its line number
    instead of the file name, no quoted source line, and how many more there are."""
    if isinstance(exc, FactsError):
        errors = [p for p in exc.problems if p.is_error] or exc.problems
        if errors:
            first = errors[0]
            head = f"第{first.location.line}行：" if first.location.line else ""
            if first.path:
                head += first.path + (f"（{first.label}）" if first.label else "") + "："
            text = head + first.message.splitlines()[0]
            if len(errors) > 1:
                text += f"（共 {summary(exc.problems)}）"
            return text
    line = (str(exc).strip().splitlines() or [""])[0]
    for prefix in (f"{source}: ", f"{source.name}: "):
        if line.startswith(prefix):
            line = line[len(prefix):]
    return line


def build_one(source: Path, outdir: Path, force: bool = False, strict: bool = False,
              keep_punctuation: bool = False, html: bool = False, pdf: bool = False) -> FileResult:
    """Build one report (and its web page); never raises for a problem in that file. With `pdf`,
    the .pdf beside it is checked too (converted later, with the others, in one LibreOffice call)."""
    from ..publish.build import build_report

    result = FileResult(source)
    try:
        built = build_report(source, outdir / output_name(source), force=force, strict=strict,
                             keep_punctuation=keep_punctuation, html=html, pdf_later=pdf)
    except ReportgenError as exc:
        result.error = str(exc)
        result.problem = first_problem(exc, source)
        result.row = _identity(source)
    else:
        result.output = built.output
        result.warnings = [w.format(show_source=False) for w in built.warnings]
        result.row = _rollup_row(built.facts)
    return result


def _cell(value: str) -> str:
    """A value Excel will show as text: one starting with = + - @ (a formula to Excel) gets a '."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def rollup_row(r: FileResult) -> dict[str, str]:
    """The roll-up row of one file, every cell a string as the CSV holds it."""
    row = {**r.row, "文件": r.source.name, "结果": "失败" if r.error else "已生成",
           "问题": r.problem if r.error else "",
           "警告": f"{len(r.warnings)} 个：{_short_warning(r.warnings[0])}" if r.warnings else ""}
    return {key: _cell(str(value)) for key, value in row.items()}


class RollupWriter:
    """汇总.csv written row by row (UTF-8 with a BOM, so Excel on Windows reads the Chinese headers)
    into a temporary file beside it, renamed into place by `close()`: a reader never sees half a
    roll-up, and a build that stops half-way leaves the previous one."""

    def __init__(self, path: Path):
        self.path = path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        except OSError as exc:
            raise OutputError(f"{path}: 无法写入汇总表（{exc.strerror or exc}）。") from exc
        self._tmp = Path(tmp)
        self._file = os.fdopen(fd, "w", encoding="utf-8-sig", newline="")
        self._writer = csv.DictWriter(self._file, fieldnames=rollup_columns(), extrasaction="ignore",
                                      lineterminator="\r\n")
        self._writer.writeheader()

    def write(self, result: FileResult) -> None:
        self._writer.writerow(rollup_row(result))

    def close(self) -> None:
        try:
            self._file.flush()
            os.fsync(self._file.fileno())
            self._file.close()
            mask = os.umask(0)
            os.umask(mask)
            os.chmod(self._tmp, 0o666 & ~mask)  # as any new file here (mkstemp makes it private)
            os.replace(self._tmp, self.path)
        except OSError as exc:
            self.abort()
            hint = "如果汇总表正在 Excel 中打开，请先关闭它。" if isinstance(exc, PermissionError) else ""
            raise OutputError(f"{self.path}: 无法写入汇总表（{exc.strerror or exc}）。{hint}") from exc

    def abort(self) -> None:
        if not self._file.closed:
            self._file.close()
        self._tmp.unlink(missing_ok=True)


def write_rollup(results: Iterable[FileResult], path: Path) -> None:
    """The roll-up of `results` (in file-name order) at `path`."""
    writer = RollupWriter(path)
    try:
        for r in sorted(results, key=lambda r: r.source.name):
            writer.write(r)
    except BaseException:
        writer.abort()
        raise
    writer.close()


def read_rollup(path: Path) -> Iterator[dict[str, str]]:
    """The rows of a written roll-up, one at a time (for other formats of the same table)."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        yield from csv.DictReader(handle)


def _short_warning(text: str) -> str:
    """The first warning without its file name: 第12行：…"""
    head, _, rest = text.partition(": ")
    parts = head.rsplit(":", 2)
    return f"第{parts[1]}行：{rest}" if len(parts) == 3 and parts[1].isdigit() else text


def _in_order(pool: Executor | None, work: Callable[[Path], FileResult], files: Iterable[Path],
              window: int) -> Iterator[FileResult]:
    """Results of `work` over `files`, in their order, at most `window` files handed out at a time
    (so a folder of 100,000 files never has 100,000 tasks and results waiting in memory)."""
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
    `progress(name, ok)` is called after each file, in file-name order; `pdf_progress` after each PDF."""
    names = facts_names(folder)
    skipped = skipped_subfolders(folder)
    if not names:
        inside = (f"子文件夹 {'、'.join(p.name + '/' for p in skipped)} 里有，但批量生成只处理所给文件夹本层的文件："
                  "请对子文件夹分别运行 reportgen build。") if skipped else ""
        raise ReportgenError(f"{folder}: 文件夹里没有事实文件（.yaml）。{inside}")
    collisions = _colliding_names(names)
    buildable = len(names) - len(collisions)
    jobs = max(1, min(jobs or os.cpu_count() or 1, buildable or 1))
    batch = BatchResult(outdir / ROLLUP_NAME, skipped=skipped)
    made: list[Path] | None = [] if pdf else None
    writer = RollupWriter(batch.rollup)
    pool = ProcessPoolExecutor(max_workers=jobs) if jobs > 1 else None
    try:
        todo = (folder / name for name in names if name not in collisions)
        built = _in_order(pool, _Work(outdir, force, strict, keep_punctuation, html, pdf), todo, 4 * jobs)
        for name in names:
            if name in collisions:
                r = _collision_result(folder / name, [folder / other for other in collisions[name]])
            else:
                r = next(built)
            writer.write(r)
            r.row = {}  # written: not kept
            if r.error:
                batch.failed.append(r)
            else:
                batch.made += 1
                if r.warnings:
                    batch.warned.append((r.source.name, len(r.warnings)))
                if made is not None and r.output is not None:
                    made.append(r.output)
            if progress:
                progress(r.source.name, not r.error)
    except BaseException:
        writer.abort()
        raise
    finally:
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
    writer.close()
    from ..publish.spreadsheet import write_rollup_workbook

    write_rollup_workbook(batch.rollup)  # 汇总.xlsx beside it, from the CSV's rows
    if made:
        from ..publish.pdf import PdfError, convert_to_pdf

        try:
            batch.pdfs = convert_to_pdf(made, outdir, progress=pdf_progress)
        except PdfError as exc:  # the reports stay; the PDFs that were made too
            batch.pdfs, batch.pdf_error = exc.made, str(exc)
    return batch
