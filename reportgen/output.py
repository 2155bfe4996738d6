"""Publish: write a finished file atomically, so a reader never sees half of it and a failed or
killed build leaves the previous file as it was; and never overwrite a report someone edited.

Every .docx reportgen writes carries, in its custom document properties, a fingerprint of its own
content. Before overwriting a report, the fingerprint is recomputed: if the file is not one
reportgen wrote, or was changed since (edited in Word, say), the build refuses unless forced, and a
forced build first keeps a dated backup copy.
"""

from __future__ import annotations

import datetime as _dt
import glob
import hashlib
import io
import os
import re
import shutil
import tempfile
import zipfile
from pathlib import Path

from .errors import OutputError

FINGERPRINT_PART = "docProps/custom.xml"
_FINGERPRINT = re.compile(r"<vt:lpwstr>reportgen-sha256:([0-9a-f]{64})</vt:lpwstr>")


def write_atomic(path: Path, data: bytes) -> None:
    """Write `data` to `path` through a temporary file in the same folder and one rename."""
    if path.is_dir():
        raise OutputError(f"{path}: 这是一个文件夹，请给出输出文件名，例如 {path / '报告.docx'}。")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{path.parent}: 无法创建输出文件夹（{exc.strerror or exc}）。") from exc
    for stale in path.parent.glob(f".{glob.escape(path.name)}.*.tmp"):  # left by a build that was killed
        stale.unlink(missing_ok=True)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise OutputError(f"{path}: 无法在这个文件夹里写文件（{exc.strerror or exc}）。") from exc
    try:
        # mkstemp makes the file private (0600); a report is an ordinary document: give it the
        # permissions any new file gets here (0644 with the usual umask), as a plain open() would.
        os.chmod(tmp, 0o666 & ~_umask())
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        hint = "如果文件正在 Word 中打开，请先关闭它。" if isinstance(exc, PermissionError) else ""
        raise OutputError(f"{path}: 无法写入（{exc.strerror or exc}）。{hint}") from exc
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


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
    from .determinism import write_package
    from .ooxml_fixes import mend_part

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
    """True if `path` is a .docx reportgen wrote and nobody changed since."""
    try:
        with zipfile.ZipFile(path) as package:
            custom = package.read(FINGERPRINT_PART).decode("utf-8", "replace")
            m = _FINGERPRINT.search(custom)
            return bool(m) and m.group(1) == _content_digest(package)
    except Exception:  # any damage at all means "not as reportgen wrote it"
        return False


def word_lock_file(path: Path) -> Path | None:
    """Word's owner file (~$name.docx) beside a document open in Word."""
    name = path.name
    for candidate in {"~$" + name, "~$" + name[1:], "~$" + name[2:]}:
        lock = path.with_name(candidate)
        if lock.exists():
            return lock
    return None


def backup_path(path: Path, now: _dt.datetime | None = None) -> Path:
    stamp_text = (now or _dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    candidate = path.with_name(f"{path.stem}.备份-{stamp_text}{path.suffix}")
    n = 2
    while candidate.exists():
        candidate = path.with_name(f"{path.stem}.备份-{stamp_text}-{n}{path.suffix}")
        n += 1
    return candidate


def guard_existing(path: Path, *, force: bool) -> Path | None:
    """Refuse to overwrite a report edited since reportgen wrote it (or not written by it); with
    `force`, copy it to a dated backup first and return the backup's path."""
    if not path.exists() or path.is_dir():
        return None
    lock = word_lock_file(path)
    if lock is not None:
        raise OutputError(
            f"{path}: 这个文件正在 Word 中打开（发现 {lock.name}）：请先在 Word 中保存并关闭它，再重新生成。")
    if untouched_since_written(path):
        return None
    if not force:
        raise OutputError(
            f"{path}: 这个文件在 reportgen 生成之后被修改过（或不是 reportgen 生成的），为免丢失修改，没有覆盖它。"
            "请另选输出文件（-o），或加 --force：先把它备份为带日期的副本，再覆盖。")
    backup = backup_path(path)
    try:
        shutil.copy2(path, backup)
    except OSError as exc:
        raise OutputError(f"{path}: 无法备份（{exc.strerror or exc}），没有覆盖它。") from exc
    return backup
