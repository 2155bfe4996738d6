"""Publish: write a finished file atomically, so a reader never sees half of it and a failed or
killed build leaves the previous file as it was; and never overwrite an output someone edited.

Every file of a report reportgen writes carries a fingerprint of its own content: the .docx in its
custom document properties, the web page in a comment on its last line, the PDF in its document
information dictionary (an incremental update: reportgen.publish.pdf_seal). Before overwriting one, the fingerprint is recomputed: if the file is not
one reportgen wrote, or was changed since (edited in Word, a seal added to the PDF, an analytics
line added to the page), the build refuses unless forced, and a forced build first keeps a dated
backup copy. A read-only output is always refused.

Concurrency: a write holds an exclusive lock on `.NAME.lock` beside the output (released by the
operating system if the process dies), so only one build at a time writes NAME; another waits up to
`LOCK_WAIT` seconds, then says plainly that another build is writing it. Under the lock the
temporary file has one fixed name, `.NAME.tmp`: a build that was killed leaves at most that one
file, which the next write of NAME reuses; no write ever looks at (let alone deletes) another
output's or another live build's temporary file.

Why not `filelock` (4.3): it leaves .NAME.lock behind on Linux, is re-entrant per lock object (per
path only as a singleton, and per thread), raises on a share that cannot lock (ENOLCK)
where a build here goes on unlocked, and its import adds 16-25 ms to every cold build (all of them
write through this lock); what is left, fcntl/msvcrt and a retry loop, is below.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import errno
import hashlib
import io
import os
import re
import shutil
import stat
import threading
import time
import zipfile
from collections.abc import Iterator, Sequence
from pathlib import Path

from ..errors import OutputError
from ..load.os_reasons import os_reason

FINGERPRINT_PART = "docProps/custom.xml"
#: The outputs that carry a fingerprint; others (the graphic's .png and .svg) are replaced freely.
FINGERPRINTED = (".docx", ".html", ".pdf")
_FINGERPRINT = re.compile(r"<vt:lpwstr>reportgen-sha256:([0-9a-f]{64})</vt:lpwstr>")

#: An existing output larger than this is not one reportgen wrote (a report is well under 1 MB, its
#: PDF a few MB): it is taken as edited without being read.
MAX_OUTPUT_BYTES = 200 * 1024 * 1024

#: Seconds a build waits for another build writing the same output before giving up.
LOCK_WAIT = 30.0

_HELD: dict[Path, int] = {}  # outputs this process holds the lock of → the lock file's descriptor
_HELD_GUARD = threading.Lock()


def write_atomic(path: Path, data: bytes) -> None:
    """Write `data` to `path` through a temporary file in the same folder and one rename, holding
    the output's lock (see the module's docstring). Raises OutputError with the reason in Chinese."""
    path = Path(path)
    _check_target(path)
    with lock(path):
        _write_locked(path, data)


def _write_locked(path: Path, data: bytes) -> None:
    tmp = temp_path(path)
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0), 0o666)
    except OSError as exc:
        raise OutputError(f"{path}: 无法在这个文件夹里写文件（{os_reason(exc)}）。") from exc
    try:
        # A report is an ordinary document: the permissions any new file gets here (0644 with
        # the usual umask), as a plain open() would give; also when a stale temporary file is reused.
        os.chmod(tmp, 0o666 & ~_umask())
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        hint = "如果文件正在 Word、WPS 或 PDF 阅读器中打开，请先关闭它。" if isinstance(exc, PermissionError) else ""
        raise OutputError(f"{path}: 无法写入（{os_reason(exc)}）。{hint}") from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def temp_path(path: Path) -> Path:
    """The one temporary file a write of `path` uses (only under the output's lock)."""
    return path.with_name(f".{path.name}.tmp")


def lock_path(path: Path) -> Path:
    """The lock file of an output (.NAME.lock beside it), held while the output is written."""
    return path.with_name(f".{path.name}.lock")


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# -- one build at a time per output ------------------------------------------------------------------

# errno values meaning "another process holds the lock" (EDEADLOCK: msvcrt's "locked" on Windows).
_BUSY = {errno.EAGAIN, errno.EWOULDBLOCK, errno.EACCES, getattr(errno, "EDEADLOCK", errno.EDEADLK), errno.EDEADLK}


def _try_lock(fd: int) -> bool | None:
    """True when locked; False when another process holds the lock; None when the file system
    cannot lock at all (some network shares): the write then goes on without the lock."""
    try:
        if os.name == "nt":
            import msvcrt

            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except OSError as exc:
        return False if exc.errno in _BUSY else None


def _unlock(fd: int) -> None:
    try:
        if os.name == "nt":
            import msvcrt

            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        else:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_UN)
    except OSError:
        pass


@contextlib.contextmanager
def lock(path: Path, wait: float | None = None, busy: str = "") -> Iterator[None]:
    """Hold the exclusive lock of output `path` (reentrant within a process). Waits up to `wait`
    seconds (default LOCK_WAIT) for another build, then raises OutputError saying so (`busy`, if given)."""
    key = Path(os.path.abspath(path))
    with _HELD_GUARD:
        if key in _HELD:
            held = True
        else:
            held = False
    if held:
        yield
        return
    try:
        key.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{key.parent}: 无法创建输出文件夹（{os_reason(exc)}）。") from exc
    name = lock_path(key)
    deadline = time.monotonic() + (LOCK_WAIT if wait is None else wait)
    while True:
        try:
            fd = os.open(name, os.O_RDWR | os.O_CREAT, 0o666)
        except OSError as exc:
            raise OutputError(f"{path}: 无法在这个文件夹里写文件（{os_reason(exc)}）。") from exc
        locked = _try_lock(fd)
        if locked is None:  # no locking here: as before locks existed (the rename is still atomic)
            os.close(fd)
            with contextlib.suppress(OSError):
                os.unlink(name)
            yield
            return
        if locked:
            try:  # the lock file may have been removed and made anew since it was opened
                same = os.path.samestat(os.fstat(fd), os.stat(name))
            except OSError:
                same = False
            if same:
                break
            _unlock(fd)
        os.close(fd)
        if time.monotonic() >= deadline:
            raise OutputError(busy or f"{path}: 另一个 reportgen 正在写入这个文件（已等待 {LOCK_WAIT:g} 秒）。"
                              "请等那次生成结束后再试，或用 -o 另选输出文件。")
        time.sleep(0.05)
    with _HELD_GUARD:
        _HELD[key] = fd
    try:
        yield
    finally:
        with _HELD_GUARD:
            _HELD.pop(key, None)
        if os.name != "nt":
            with contextlib.suppress(OSError):
                os.unlink(name)  # while still locked: a waiting build then opens a new file
        _unlock(fd)
        os.close(fd)
        if os.name == "nt":
            with contextlib.suppress(OSError):  # fails while another build has it open: fine
                os.unlink(name)


# -- every output of a build checked before any is written -----------------------------------------

def _check_target(path: Path) -> None:
    """Refuse, before anything is written, a target that is a folder, lies under a file, or is
    read-only."""
    if path.is_dir():
        raise OutputError(f"{path}: 这是一个文件夹，请给出输出文件名，例如 {path / ('报告' + (path.suffix or '.docx'))}。")
    for parent in path.parents:
        if parent.exists():
            if not parent.is_dir():
                raise OutputError(f"{path}: 无法创建输出文件夹：{parent} 是一个文件，不是文件夹。")
            break
    try:
        mode = path.stat().st_mode
    except OSError:
        return
    if not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
        raise OutputError(f"{path}: 这个文件是只读的，没有替换它。如确需重新生成，请先在文件属性中取消“只读”，"
                          "或用 -o 另选输出文件。")


@contextlib.contextmanager
def claim(targets: Sequence[Path], *, force: bool) -> Iterator[list[Path]]:
    """Lock every output of one build, check them all (folder, read-only, open in Word, edited since
    reportgen wrote it), and only then, with `force`, back up the edited ones; yields the backups.
    Nothing is written or backed up when any target is refused."""
    paths = [Path(p) for p in targets]
    for path in paths:
        _check_target(path)
    with contextlib.ExitStack() as stack:
        for path in sorted(paths, key=lambda p: os.path.abspath(p)):  # one order: no deadlock
            stack.enter_context(lock(path))
        edited = [path for path in paths if _needs_backup(path, force=force)]
        yield [keep_backup(path) for path in edited]

# -- fingerprints: was this file written by reportgen, and left as it was? ---------------------------

def _content_digest(package: zipfile.ZipFile) -> str:
    return _digest({name: package.read(name) for name in package.namelist()})


_CUSTOM_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
_CUSTOM_TYPE = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
_CUSTOM_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
    'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="reportgen">'
    "<vt:lpwstr>reportgen-sha256:{digest}</vt:lpwstr></property></Properties>"
)


def stamp(data: bytes) -> bytes:
    """Add a custom document property holding the fingerprint of the package's other parts.
    Deterministic: [Content_Types].xml first, then parts in name order, fixed timestamps."""
    from ..render.determinism import write_package
    from ..render.ooxml_fixes import mend_part

    source = zipfile.ZipFile(io.BytesIO(data))
    parts = {name: mend_part(name, source.read(name)) for name in source.namelist() if name != FINGERPRINT_PART}
    types = parts["[Content_Types].xml"].decode("utf-8")
    if "/docProps/custom.xml" not in types:
        types = types.replace("</Types>", f'<Override PartName="/docProps/custom.xml" ContentType="{_CUSTOM_TYPE}"/></Types>')
        parts["[Content_Types].xml"] = types.encode("utf-8")
    rels = parts["_rels/.rels"].decode("utf-8")
    if _CUSTOM_REL not in rels:
        rels = rels.replace("</Relationships>",
                            f'<Relationship Id="rIdReportgen" Type="{_CUSTOM_REL}" Target="docProps/custom.xml"/></Relationships>')
        parts["_rels/.rels"] = rels.encode("utf-8")
    digest = _digest(parts)
    parts[FINGERPRINT_PART] = _CUSTOM_XML.replace("{digest}", digest).encode("utf-8")
    return write_package(parts)


def _digest(parts: dict[str, bytes]) -> str:
    digest = hashlib.sha256()
    for name in sorted(parts):
        if name == FINGERPRINT_PART:
            continue
        digest.update(name.encode("utf-8") + b"\0")
        digest.update(hashlib.sha256(parts[name]).digest())
    return digest.hexdigest()


def untouched_since_written(path: Path) -> bool:
    """True if `path` is a file reportgen wrote (a .docx, .html or .pdf) and nobody changed since."""
    from ..render.template_bounds import MAX_EXPANDED_BYTES

    suffix = path.suffix.lower()
    try:
        if path.stat().st_size > MAX_OUTPUT_BYTES:
            return False  # larger than anything reportgen writes: not read at all
        if suffix == ".html":
            return _sealed_intact(path.read_bytes(), _HTML_SEAL)
        if suffix == ".pdf":
            from .pdf_seal import legacy_sealed_intact, sealed_intact

            data = path.read_bytes()
            return sealed_intact(data) or legacy_sealed_intact(data)
        with zipfile.ZipFile(path) as package:
            if sum(part.file_size for part in package.infolist()) > MAX_EXPANDED_BYTES:
                return False  # a zip bomb where a report should be: never expanded
            custom = package.read(FINGERPRINT_PART).decode("utf-8", "replace")
            m = _FINGERPRINT.search(custom)
            return bool(m) and m.group(1) == _content_digest(package)
    except Exception:  # any damage at all means "not as reportgen wrote it"
        return False


# The web page: a comment after </html> on its last line, holding the SHA-256 of the file without it.
_HTML_SEAL = re.compile(rb"<!-- reportgen-sha256:([0-9a-f]{64}) -->\n\Z")


def seal_html(page: str) -> bytes:
    """The web page's bytes (UTF-8) with its fingerprint comment appended."""
    data = page.encode("utf-8")
    if not data.endswith(b"\n"):
        data += b"\n"
    return data + b"<!-- reportgen-sha256:" + hashlib.sha256(data).hexdigest().encode() + b" -->\n"


def seal_pdf(data: bytes) -> bytes:
    """The PDF with its fingerprint in its document information dictionary (reportgen.publish.pdf_seal:
    an incremental update; the file still ends startxref, offset, %%EOF). A PDF whose structure is
    not LibreOffice's (no classic trailer) is returned as it is: unsealed, never malformed."""
    from .pdf_seal import SealError, seal

    try:
        return seal(data)
    except SealError:
        return data


def _sealed_intact(data: bytes, seal: re.Pattern[bytes]) -> bool:
    found = None
    for found in seal.finditer(data):
        pass
    if found is None:
        return False
    return hashlib.sha256(data[:found.start()] + data[found.end():]).hexdigest() == found.group(1).decode()


def word_lock_file(path: Path) -> Path | None:
    """Word's owner file (~$name.docx) beside a document open in Word."""
    name = path.name
    for candidate in {"~$" + name, "~$" + name[1:], "~$" + name[2:]}:
        lock = path.with_name(candidate)
        if lock.exists():
            return lock
    return None


def backup_path(path: Path, now: _dt.datetime | None = None) -> Path:
    """Where `--force` keeps an edited output before overwriting it: NAME.备份-YYYYMMDD-HHMMSS.SUFFIX beside
    it (local time `now`, default the current time), with -2, -3 … when that name is taken."""
    stamp_text = (now or _dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    candidate = path.with_name(f"{path.stem}.备份-{stamp_text}{path.suffix}")
    n = 2
    while candidate.exists():
        candidate = path.with_name(f"{path.stem}.备份-{stamp_text}-{n}{path.suffix}")
        n += 1
    return candidate


def _needs_backup(path: Path, *, force: bool) -> bool:
    """Whether the existing output at `path` must be backed up before it is replaced; raises
    OutputError when it must not be replaced (open in Word; edited and not `force`)."""
    if not path.exists() or path.is_dir() or path.suffix.lower() not in FINGERPRINTED:
        return False
    lock = word_lock_file(path) if path.suffix.lower() == ".docx" else None
    if lock is not None:
        raise OutputError(
            f"{path}: 这个文件正在 Word 中打开（发现 {lock.name}）：请先在 Word 中保存并关闭它，再重新生成。")
    if untouched_since_written(path):
        return False
    if not force:
        raise OutputError(
            f"{path}: 这个文件在 reportgen 生成之后被修改过（或不是 reportgen 生成的），为免丢失修改，没有覆盖它"
            "（这次生成的其他文件也都没有写）。"
            "请另选输出文件（-o），或加 --force：先把它备份为带日期的副本，再覆盖。")
    return True


def keep_backup(path: Path) -> Path:
    """Copy `path` to its dated backup (backup_path) before it is replaced; the backup's path.
    Raises OutputError (nothing replaced) when the copy cannot be made."""
    backup = backup_path(path)
    try:
        shutil.copy2(path, backup)
    except OSError as exc:
        raise OutputError(f"{path}: 无法备份（{os_reason(exc)}），没有覆盖它。") from exc
    return backup
