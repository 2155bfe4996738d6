"""The outputs of one build (the .docx, its 图解 .png and .svg, the .html, the .pdf) put in place
together, and a build killed while putting them in place named by the next one.

A build writes every output into a staging folder beside them first (the PDF too: LibreOffice
converts the staged .docx), so a build killed before `commit` leaves every old output as it was.
`commit` then moves the staged files onto the outputs, one rename each (milliseconds in all). A
kill in those milliseconds would leave some outputs new and some old, so before the first rename
`commit` writes a journal beside the outputs, `.NAME.docx.publishing.json`, holding each output's
SHA-256 before and after; it removes the journal after the last rename. A journal found by the next
build means the one before was stopped half-way: `stale_outputs` compares each output with the
journal and names those still of the older build. A single output needs no journal: its rename is
atomic by itself.

Renaming onto the outputs (not copying) keeps each replacement atomic; the journal is written through
a temporary file, flushed and renamed, so it is either complete or absent.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from pathlib import Path

from ..errors import OutputError
from ..load.os_reasons import os_reason


def journal_path(docx: Path) -> Path:
    """The journal of the outputs of the report `docx` (.NAME.docx.publishing.json beside it)."""
    return docx.with_name(f".{docx.name}.publishing.json")


def commit(pairs: list[tuple[Path, Path]], docx: Path) -> None:
    """Move each staged file onto its output ((staged, output) pairs, in that order; the staged
    files on the same disk as the outputs), with the journal of `docx` written before the first
    rename and removed after the last when there is more than one. Raises OutputError naming the
    outputs replaced and those not when a rename fails (an output open in a PDF reader on Windows)."""
    for staged, _ in pairs:
        _fsync_file(staged)
    journal = journal_path(docx)
    if len(pairs) > 1:
        entries = [{"name": out.name, "old": _digest(out), "new": _digest(staged)} for staged, out in pairs]
        _write_journal(journal, {"outputs": entries})
    done: list[Path] = []
    for staged, out in pairs:
        try:
            os.replace(staged, out)
        except OSError as exc:
            left = [o for _, o in pairs if o not in done]
            hint = "如果文件正在 Word、WPS 或 PDF 阅读器中打开，请先关闭它，再重新生成。" if isinstance(exc, PermissionError) else ""
            message = f"{out}: 无法写入（{os_reason(exc)}）。{hint}"
            if done:
                message += (f"已更新：{'、'.join(str(o) for o in done)}；没有更新（还是上一次生成的，"
                            f"与已更新的文件不一致）：{'、'.join(str(o) for o in left)}。")
            raise OutputError(message) from exc
        done.append(out)
    _fsync_folder(docx.parent)
    with contextlib.suppress(FileNotFoundError):
        journal.unlink()


def stale_outputs(docx: Path) -> list[Path]:
    """The outputs a build of `docx` that was stopped while putting its outputs in place left from
    the build before it (its journal says so; see the module's docstring), in the journal's order:
    [] when there is no journal, or when every output is of one build (all old: it stopped before
    the first rename; all new: after the last). An output changed since (neither old nor new) is
    not named here: the edit guards of reportgen.publish.output look after it."""
    try:
        record = json.loads(journal_path(docx).read_text(encoding="utf-8"))
        entries = [(docx.with_name(e["name"]), e["old"], e["new"]) for e in record["outputs"]
                   if isinstance(e["name"], str) and "/" not in e["name"] and "\\" not in e["name"]]
    except (OSError, ValueError, KeyError, TypeError):
        return []
    states = [(path, _digest(path), old, new) for path, old, new in entries]
    new = [path for path, now, old, after in states if now == after and now != old]
    old = [path for path, now, before, after in states if now is not None and now == before and now != after]
    return old if new and old else []


def stale_notice(docx: Path, stale: list[Path], rewritten: list[Path]) -> str:
    """What a build says about the outputs `stale_outputs` named: which are of an older build, and
    that this build replaced them, or how to replace those it did not write (the option that makes
    each)."""
    names = "、".join(str(p) for p in stale)
    text = (f"注意：上一次生成 {docx} 时在写入途中被中断，{names} 还是更早一次生成的，"
            f"与同一组的其他文件不是同一次生成的内容。")
    missed = [p for p in stale if p not in rewritten]
    if not missed:
        return text + "这次生成已把它们全部重新写入。"
    options = sorted({_option(p) for p in missed})
    return (text + f"这次生成没有重新写入 {'、'.join(str(p) for p in missed)}：请加上 {' '.join(options)} "
            "重新生成，或删除这些文件，以免发布新旧不一致的版本。")


def keep_date(staged: Path, docx: Path) -> None:
    """Give the staged report `staged` the modification time of the report `docx` it replaces when
    the two are the same bytes (a rebuild with nothing changed; reportgen.publish.output.stamp makes
    the .docx deterministic): a report's date is when its content was made, which `left_behind`
    compares the other outputs with. Best effort: nothing happens when either cannot be read."""
    with contextlib.suppress(OSError):
        if docx.is_file() and _digest(staged) == _digest(docx):
            info = docx.stat()
            os.utime(staged, ns=(info.st_atime_ns, info.st_mtime_ns))


def left_behind(docx: Path, family: list[Path], rewritten: list[Path]) -> list[Path]:
    """The outputs of `family` (the .html, .pdf and 图解 beside the report `docx`) that this build did
    not write (`rewritten`) and that are older than the report just put in place: an earlier build
    made them from other facts (a report rebuilt unchanged keeps its date: `keep_date`), so they
    no longer show what the .docx shows. [] when the report cannot be read."""
    try:
        made = docx.stat().st_mtime_ns
    except OSError:
        return []
    old = []
    for path in family:
        with contextlib.suppress(OSError):
            if path not in rewritten and path.is_file() and path.stat().st_mtime_ns < made:
                old.append(path)
    return old


def left_behind_notice(docx: Path, old: list[Path]) -> str:
    """What a build says about the outputs `left_behind` named (one line, Chinese): which files,
    that they do not match the new report, and the options that make them anew."""
    options = " ".join(sorted({_option(p) for p in old}, key=["--pdf", "--html", "--graphic"].index))
    return (f"警告：{'、'.join(str(p) for p in old)} 是更早一次生成的，与这次生成的 {docx} 内容不一致"
            f"（这次没有重新生成）：请加 {options} 重新生成，或删去旧文件，以免发布新旧不一致的版本。")


def clear_stale_locks(paths: list[Path]) -> None:
    """Remove the lock files (.NAME.lock, reportgen.publish.output.lock) a killed build left beside
    outputs this build does not write: each is taken (never waiting) and released, which removes it;
    one another build holds is left alone."""
    from .output import lock, lock_path

    for path in paths:
        if lock_path(path).exists():
            with contextlib.suppress(OutputError), lock(path, wait=0):
                pass


def _option(path: Path) -> str:
    name = path.name.lower()
    if name.endswith(".pdf"):
        return "--pdf"
    if name.endswith(".html"):
        return "--html"
    if ".图解." in name:
        return "--graphic"
    return "--pdf --html --graphic"


def _digest(path: Path) -> str | None:
    try:
        with path.open("rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest() if hasattr(hashlib, "file_digest") \
                else hashlib.sha256(handle.read()).hexdigest()
    except OSError:
        return None


def _write_journal(journal: Path, record: dict) -> None:
    tmp = journal.with_name(journal.name + ".tmp")
    try:
        with tmp.open("w", encoding="utf-8") as handle:
            json.dump(record, handle, ensure_ascii=False)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, journal)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise OutputError(f"{journal.parent}: 无法在这个文件夹里写文件（{os_reason(exc)}）。") from exc
    _fsync_folder(journal.parent)


def _fsync_file(path: Path) -> None:
    with contextlib.suppress(OSError), path.open("rb+") as handle:
        os.fsync(handle.fileno())


def _fsync_folder(folder: Path) -> None:
    """Make the renames in `folder` durable (POSIX; Windows has no directory handles to flush)."""
    if os.name == "nt":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
