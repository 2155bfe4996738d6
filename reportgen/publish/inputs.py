"""The run's inputs are never its outputs: every command that writes (build, import, rollup, `check
FOLDER`'s CSV, new, schema) names what it reads and what it writes, and an output that is one of the
inputs — the facts file, the published report, the template, a file of the folder being read — is
refused before anything is read or written. `--force` never applies here: it replaces an output
someone edited (reportgen.publish.output keeps a dated backup first), never an input.

Paths are compared as the file system sees them: the same file through a symlink, a `..`, another
case on a case-insensitive disk (Windows, macOS) or a hard link is the same file (os.path.samefile
when both exist, else the normalised real paths).

`claim_new` (import, new), `claim_replace` (rollup), `claim_foreign` (schema) and `hold` (check
FOLDER's CSV) hold the output's lock (reportgen.publish.output.lock) while the file is made: a second
run writing the same file at the same time is refused at once, in Chinese, instead of both saying
已生成. An existing file is never replaced by import and new, only with --force (after a dated backup)
by rollup, and only when reportgen wrote it by schema and check FOLDER (`refuse_foreign`).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from ..errors import OutputError
from .output import keep_backup, lock

#: A run that writes a file another run is writing is refused at once (seconds waited): the two
#: would only overwrite each other (import, new, rollup, schema; builds wait for each other).
NO_WAIT = 0.0


def same_file(a: str | Path, b: str | Path) -> bool:
    """True when paths `a` and `b` name one file (or folder): os.path.samefile when both exist
    (symlinks, hard links, letter case on a case-insensitive disk), else their normalised real
    paths (os.path.normcase of os.path.realpath) are equal."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return _key(a) == _key(b)


def _key(path: str | Path) -> str:
    return os.path.normcase(os.path.realpath(path))


def is_inside(path: str | Path, folder: str | Path) -> bool:
    """True when `path` lies directly in `folder` (not in a subfolder), the two resolved as in `same_file`."""
    return same_file(Path(os.path.realpath(path)).parent, folder)


def refuse_inputs(outputs: Iterable[str | Path], inputs: Iterable[tuple[str | Path, str]], *,
                  has_force: bool = True) -> None:
    """Raise OutputError (in Chinese, naming the file, what it is and the fix) when one of `outputs`
    is one of `inputs`, given as (path, what it is to this run: 事实文件, 已发布的报告, 模板文件,
    一个机关的事实文件 …). Checked before anything is read or written; `--force` does not lift it
    (said only when the command has `--force`: `has_force`)."""
    inputs = [(Path(p), what) for p, what in inputs]
    for out in outputs:
        if not os.path.lexists(out):
            continue  # nothing there is no input (a folder check of 100,000 reports: one stat, not 100,000)
        for source, what in inputs:
            if same_file(out, source):
                same = "" if os.path.normcase(str(out)) == os.path.normcase(str(source)) else f"（就是 {source}）"
                raise OutputError(
                    f"{out}: 这是这次要读入的{what}{same}，不能同时作为输出文件：写入会把它覆盖掉，所以什么也没有写"
                    + ("（加 --force 也不行）" if has_force else "")
                    + "。请用 -o 另选一个输出文件名，例如写到 out 文件夹里。")


def refuse_read_back(output: str | Path, folder: str | Path, suffixes: Iterable[str], what: str) -> None:
    """Raise OutputError when `output` would lie in the input `folder` with one of `suffixes`: the
    next run over that folder would read it as one of its `what` (e.g. a CSV named .docx among the
    reports a folder check reads)."""
    out = Path(output)
    if out.suffix.lower() in {s.lower() for s in suffixes} and is_inside(out, folder):
        raise OutputError(
            f"{out}: 输出文件在要读的文件夹 {folder} 里，又以 {out.suffix} 结尾，下次会被当作{what}读入，"
            "所以什么也没有写。请用 -o 写到这个文件夹之外，例如 out 文件夹里。")


def _busy(path: Path, command: str) -> str:
    return (f"{path}: 另一个 reportgen {command}正在写入这个文件，为免两次互相覆盖，这次没有写入。"
            f"请等那次结束后再看结果，或用 -o 另选输出文件名。")


def hold(path: str | Path, command: str):  # type: ignore[no-untyped-def]
    """The lock of output `path` (output.lock), refused at once with a message in Chinese naming
    `command` (导入, 汇总 …) when another run holds it; a context manager."""
    for parent in Path(path).parents:  # said before the lock's folder is made
        if parent.exists():
            if not parent.is_dir():
                raise OutputError(f"{path}: 无法创建输出文件夹：{parent} 是一个文件，不是文件夹。请换一个输出位置。")
            break
    return lock(Path(path), wait=NO_WAIT, busy=_busy(Path(path), command))


@contextlib.contextmanager
def claim_new(path: str | Path, *, command: str) -> Iterator[Path]:
    """Hold `path`'s lock for a command that makes a new file (import, new): refused at once when
    another run holds it, or when the file already exists (a file the clerk may have filled in is
    never replaced). Write it with output.write_atomic inside the block (the lock is re-entrant)."""
    out = Path(path)
    with hold(out, command):
        if out.exists() or out.is_symlink():
            raise OutputError(f"{out}: 文件已经存在，为免覆盖已填写的内容，没有写入。请用 -o 指定另一个文件名。")
        yield out


@contextlib.contextmanager
def claim_replace(path: str | Path, *, command: str, force: bool, refusal: str) -> Iterator[Path | None]:
    """Hold `path`'s lock for a command whose existing output is replaced only with `force`
    (rollup): without it an existing file is refused with `refusal` (the sentence after the path);
    with it, the file is first kept as a dated backup (output.keep_backup), yielded (None when
    there was nothing to keep)."""
    out = Path(path)
    with hold(out, command):
        if not out.exists():
            yield None
            return
        if not force:
            raise OutputError(f"{out}: {refusal}")
        if out.is_dir():
            raise OutputError(f"{out}: 这是一个文件夹，请给出输出文件名。")
        yield keep_backup(out)


#: Bytes read from the start of an existing output to tell whether reportgen wrote it.
HEAD_BYTES = 4096


def refuse_foreign(path: str | Path, *, ours: Callable[[bytes], bool], what: str) -> None:
    """Raise OutputError when `path` exists and its first HEAD_BYTES bytes are not those of a
    `what` reportgen writes (`ours`): a file of the user's own at the output's place (a facts file
    given as `schema -o`, a spreadsheet given as `check FOLDER -o`) is never replaced."""
    import stat

    out = Path(path)
    try:
        mode = out.stat().st_mode
    except OSError:
        return  # nothing there: the write says so in its own words when it cannot write
    if stat.S_ISDIR(mode):
        return  # a folder: the write says so
    if not stat.S_ISREG(mode):  # a named pipe or a device: never opened (a pipe would wait for ever)
        raise OutputError(f"{out}: 这不是一个普通文件（是管道或设备），没有写入。请用 -o 另选一个文件名。")
    try:
        with out.open("rb") as handle:
            head = handle.read(HEAD_BYTES)
    except OSError as exc:  # unreadable: whose it is cannot be told, so it is kept
        from ..load.os_reasons import os_reason

        raise OutputError(f"{out}: 这个文件已经存在，但无法读取（{os_reason(exc)}），不知道是不是 reportgen 写的，"
                          "为免覆盖，没有写入。请用 -o 另选一个文件名。") from exc
    if not ours(head):
        raise OutputError(f"{out}: 这个文件已经存在，不是 reportgen 写的{what}，为免覆盖，没有写入。"
                          "请用 -o 另选一个文件名。")


@contextlib.contextmanager
def claim_foreign(path: str | Path, *, command: str, ours: Callable[[bytes], bool], what: str) -> Iterator[Path]:
    """Hold `path`'s lock (a second run at once is refused) and refuse it when it holds a file that is
    not a `what` reportgen wrote (`refuse_foreign`); one reportgen wrote is replaced."""
    out = Path(path)
    with hold(out, command):
        refuse_foreign(out, ours=ours, what=what)
        yield out
