"""Publish: write a finished file atomically, so a reader never sees half of it and a failed or
killed build leaves the previous file as it was."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import OutputError


def write_atomic(path: Path, data: bytes) -> None:
    """Write `data` to `path` through a temporary file in the same folder and one rename."""
    if path.is_dir():
        raise OutputError(f"{path}: 这是一个文件夹，请给出输出文件名，例如 {path / '报告.docx'}。")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{path.parent}: 无法创建输出文件夹（{exc.strerror or exc}）。") from exc
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise OutputError(f"{path}: 无法在这个文件夹里写文件（{exc.strerror or exc}）。") from exc
    try:
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
