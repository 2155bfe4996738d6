"""Is a folder entry a file reportgen can read? Said before it is opened, in Chinese, so that one
bad entry of a folder is named (in the summary and in the roll-up) instead of stopping the run
(the readers ask `not_regular` before they open a file, and say `open_reason` when opening fails):

- a symbolic link that loops (a → b → a) or points to nothing;
- a named pipe (FIFO), socket or device: opening a named pipe for reading waits for a writer,
  forever, so its kind is looked at with os.stat first and it is never opened;
- a file that cannot be opened: no permission (Linux chmod 000), or locked by another program
  (Windows: WPS or Word holding it open, opening raises PermissionError, winerror 32/33).

Works the same on Windows (os.stat and the stat module; no POSIX-only call)."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from .os_reasons import os_reason

_KINDS = ((stat.S_ISFIFO, "命名管道"), (stat.S_ISSOCK, "套接字（socket）"),
          (stat.S_ISCHR, "字符设备"), (stat.S_ISBLK, "块设备"))


def not_regular(path: Path) -> str:
    """Why `path` (which exists, or is a link) is not a regular file to read, in Chinese; "" when it
    is a regular file or a folder, or does not exist at all (the callers say those their own way)."""
    try:
        info = os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "是一个循环的符号链接（链接最终又指向自己），没有指向任何文件：请删除或修正这个链接"
        if isinstance(exc, FileNotFoundError) and os.path.islink(path):
            return f"是一个符号链接，指向的文件 {os.readlink(path)} 不存在：请删除这个链接，或把文件放回原处"
        if isinstance(exc, FileNotFoundError):
            return ""
        return f"无法读取：{os_reason(exc)}"
    for test, kind in _KINDS:
        if test(info.st_mode):
            return f"不是普通文件，而是{kind}，没有读取：请把真正的文件放到这里"
    return ""


def open_reason(exc: OSError) -> str:
    """Why a file could not be opened for reading, in Chinese: locked by another program (Windows
    winerror 32/33), no permission (or locked: Windows says only "access denied" for some locks), or
    the system's reason (load.os_reasons)."""
    if getattr(exc, "winerror", None) in (32, 33) or not isinstance(exc, PermissionError):
        return os_reason(exc)
    return "没有读取它的权限，或它正被其他程序（如 WPS、Word）打开锁定：请关闭打开它的程序，或请管理员开放读取权限后重试"
