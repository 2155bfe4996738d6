"""问题清单.txt, every detail of a folder build beside 汇总.csv, and the one line a failed file gets
on the screen.

The screen of a folder build stays readable however many problems a file has (one fresh from
`reportgen new` has 164 blanks): each failed file gets one line (`headline`: its first problem, in
Chinese with its line, and how many more), and the details go to 问题清单.txt — every problem of
every failed file, and every warning of the reports built with warnings, grouped by file in
file-name order, each as Problem.format() writes it (with the source line and the caret).

The list is an output like the others (reportgen.publish.inputs): it is written into a temporary
file beside it as the files are built (memory stays flat) and renamed into place under its lock
(reportgen.publish.output.lock); it is never one of the build's inputs (refused before anything is
built), and a file of that name reportgen did not write is never replaced. It is never left over
from a previous run: a run with nothing to list removes the previous run's list. UTF-8 with a BOM
and CRLF line ends, so Notepad on any Windows shows the Chinese right.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from ..errors import FactsError, OutputError, Problem, ReportgenError
from ..load.os_reasons import os_reason
from ..publish.inputs import refuse_foreign, refuse_inputs
from ..publish.output import lock

LIST_NAME = "问题清单.txt"
#: The list's first line (after the BOM): how a list reportgen wrote is told from a file of the user's.
HEADER = "问题清单（reportgen 批量生成）"
BLANK = "empty"  # Problem.code of a value `new`/`init` left for the clerk to fill (the issue-22 contract)


def _ours(head: bytes) -> bool:
    return head.startswith(("\ufeff" + HEADER).encode("utf-8"))


def blank_and_error_counts(problems: Iterable[Problem]) -> tuple[int, int]:
    """(blanks, errors) among `problems`: a blank is a Problem with code "empty" (whatever its
    severity), an error any other error-level problem; warnings are not counted."""
    blanks = errors = 0
    for p in problems:
        if p.code == BLANK:
            blanks += 1
        elif p.is_error:
            errors += 1
    return blanks, errors


def headline(exc: ReportgenError, source: Path) -> str:
    """A failed file's one line on the screen and in the roll-up's 问题 column (without its name):
    its first error (by position in the file), or its first blank when it has no error (a wrong
    value matters more than a blank), in Chinese with its line —
    `数值（第30行，counts.published.value）：还没有填写：…` — and how many more: `还有 163 处待填`
    (blanks), `另有 2 个错误` (other errors). For a failure that is no list of problems (an
    unreadable file, an output that cannot be written): the first line of the message, without the
    file's path."""
    if isinstance(exc, FactsError):
        stops = [p for p in exc.problems if p.is_error or p.code == BLANK]
        if stops:
            first = next((p for p in stops if p.code != BLANK), stops[0])
            blanks, errors = blank_and_error_counts(stops)
            if first.code == BLANK:
                blanks -= 1
                more = [f"还有 {blanks} 处待填"] if blanks else []
            else:
                errors -= 1
                more = [f"另有 {errors} 个错误"] if errors else []
                more += [f"还有 {blanks} 处待填"] if blanks else []
            text = _where(first) + (first.message.splitlines() or [""])[0]
            return text.rstrip().rstrip("。") + "；" + "，".join(more) + "。" if more else text
    line = (str(exc).strip().splitlines() or [""])[0]
    for prefix in (f"{source}: ", f"{source.name}: "):
        if line.startswith(prefix):
            return line[len(prefix):]
    return line


def _where(p: Problem) -> str:
    """`中文名（第30行，key.path）：`, the parts known; without a Chinese name (a check across a
    table, BALANCE), the line first: `第238行（key.path）：` — the key path never leads."""
    at = f"第{p.location.line}行" if p.location.line else ""
    if p.label:
        inside = "，".join(part for part in (at, p.path) if part)
        return f"{p.label}（{inside}）：" if inside else f"{p.label}："
    if p.path:
        return f"{at}（{p.path}）：" if at else f"{p.path}："
    return f"{at}：" if at else ""


def check_target(path: Path, inputs: Iterable[tuple[Path, str]]) -> None:
    """Before a folder build: raise OutputError when the list's place `path` is one of the build's
    `inputs` ((path, what it is), reportgen.publish.inputs.refuse_inputs), or holds a file reportgen
    did not write (never replaced, nor removed)."""
    if os.path.lexists(path):
        refuse_inputs([path], inputs)
        refuse_foreign(path, ours=_ours, what="问题清单")


class ProblemList:
    """问题清单.txt at `path`, written file by file (`add`) into a temporary file beside it and put in
    place by `close()`, which returns the list's path, or None when nothing was added (then the
    previous run's list, if any, is removed). `abort()` drops the temporary file."""

    def __init__(self, path: Path, folder: Path):
        self.path = path
        self.count = 0
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        except OSError as exc:
            raise OutputError(f"{path}: 无法写入问题清单（{os_reason(exc)}）。") from exc
        self._tmp = Path(tmp)
        self._file = os.fdopen(fd, "w", encoding="utf-8-sig", newline="\r\n")
        self._file.write(f"{HEADER}\n文件夹：{folder}\n"
                         "下面按文件名顺序列出每个生成失败的文件的全部问题，以及已生成但有警告的报告的全部警告。"
                         "每条问题写明所在的行和列；改正后再运行一次 reportgen build。\n")

    def add(self, name: str, outcome: str, details: str) -> None:
        """One file's section: `name`, its `outcome` (生成失败 …) and its problems, one per line
        (`details`, as Problem.format() and FactsError write them)."""
        self.count += 1
        self._file.write(f"\n==== {name}：{outcome} ====\n{details.rstrip()}\n")

    def close(self) -> Path | None:
        try:
            self._file.close()
            with lock(self.path):
                if self.count:
                    mask = os.umask(0)
                    os.umask(mask)
                    os.chmod(self._tmp, 0o666 & ~mask)  # as any new file here (mkstemp makes it private)
                    os.replace(self._tmp, self.path)
                    return self.path
                self._tmp.unlink(missing_ok=True)
                if self.path.is_file() and not self.path.is_symlink():
                    with self.path.open("rb") as handle:
                        if _ours(handle.read(64)):
                            self.path.unlink()  # the previous run's: nothing of it holds any more
                return None
        except OSError as exc:
            self.abort()
            hint = "如果问题清单正在记事本等程序中打开，请先关闭它。" if isinstance(exc, PermissionError) else ""
            raise OutputError(f"{self.path}: 无法写入问题清单（{os_reason(exc)}）。{hint}") from exc

    def abort(self) -> None:
        if not self._file.closed:
            self._file.close()
        self._tmp.unlink(missing_ok=True)
