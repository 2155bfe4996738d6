"""汇总.csv, the roll-up of a folder build: one row per facts file (文件, 机关, 年度, 报告格式, 结果,
问题, 警告, then every figure of the three statutory tables and the 信息处理费), written row by row
in file-name order into a temporary file and renamed into place, so memory stays flat and a
reader never sees half a roll-up. UTF-8 with a BOM, so Excel on Windows reads the headers; a cell
Excel would take for a formula gets a ' (`excel_text`)."""

from __future__ import annotations

import csv
import os
import re
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..errors import OutputError
from ..load.os_reasons import os_reason
from ..model.formats import national_tables as T
from ..model.scalars import FULLWIDTH_DIGITS


ROLLUP_NAME = "汇总.csv"


@dataclass
class FileResult:
    """What the build of one facts file gave, as the roll-up and the summary of a folder build
    need it."""

    source: Path
    output: Path | None = None
    error: str = ""  # the messages, when the file failed
    warnings: list[str] = field(default_factory=list)
    row: dict[str, str] = field(default_factory=dict)  # the roll-up row
    problem: str = ""  # the first problem in one short line, for the roll-up's 问题 column
    headline: str = ""  # a failed file's line on the screen (batch.problem_list.headline)
    details: str = ""  # a built report's warnings in full, for 问题清单.txt (a failure's are in `error`)


FEE_COLUMN = "信息处理费（元）"


def rollup_columns() -> list[str]:
    """The columns of 汇总.csv, in order: the file and its outcome, then every figure of the three
    statutory tables by table·row·column (the labels of national_tables), then FEE_COLUMN."""
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


def facts_row(facts: Any) -> dict[str, str]:
    """The roll-up cells of one built report: 机关, 年度, 报告格式 and, for the national format, every
    figure of the three statutory tables (totals computed, amounts as typed) and the 信息处理费, by
    their columns of `rollup_columns`. `facts` is a validated reportgen.model.facts.Facts."""
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


def typed_identity(source: Path) -> dict[str, str]:
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


def excel_text(value: str) -> str:
    """A value Excel will show as text: one starting with = + - @ (a formula to Excel) gets a '."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def rollup_row(r: FileResult) -> dict[str, str]:
    """The roll-up row of one file, every cell a string as the CSV holds it."""
    row = {**r.row, "文件": r.source.name, "结果": "失败" if r.error else "已生成",
           "问题": r.problem if r.error else "",
           "警告": f"{len(r.warnings)} 个：{_short_warning(r.warnings[0])}" if r.warnings else ""}
    return {key: excel_text(str(value)) for key, value in row.items()}


class RollupWriter:
    """汇总.csv written row by row (UTF-8 with a BOM, so Excel on Windows reads the Chinese headers)
    into a temporary file beside it, renamed into place by `close()`: a reader never sees half a
    roll-up, and a build that stops half-way leaves the previous one. `columns` default to a
    folder build's (`rollup_columns`); `check FOLDER` gives its own (importer.review.ROLLUP_COLUMNS)."""

    def __init__(self, path: Path, columns: list[str] | None = None):
        self.path = path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        except OSError as exc:
            file = next((p for p in path.parents if p.is_file()), None)  # mkdir says only "File exists"
            why = f"{file} 是一个文件，不是文件夹：请换一个汇总表位置" if file else os_reason(exc)
            raise OutputError(f"{path}: 无法写入汇总表（{why}）。") from exc
        self._tmp = Path(tmp)
        self._file = os.fdopen(fd, "w", encoding="utf-8-sig", newline="")
        self._writer = csv.DictWriter(self._file, fieldnames=columns or rollup_columns(), extrasaction="ignore",
                                      lineterminator="\r\n")
        self._writer.writeheader()

    def write(self, result: FileResult) -> None:
        """One built file's row (see `rollup_row`)."""
        self._writer.writerow(rollup_row(result))

    def write_row(self, row: dict[str, str]) -> None:
        """One row given by its cells (column → text), each made safe for Excel (`excel_text`)."""
        self._writer.writerow({key: excel_text(str(value)) for key, value in row.items()})

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
            raise OutputError(f"{self.path}: 无法写入汇总表（{os_reason(exc)}）。{hint}") from exc

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
