"""Operating-system errors in Chinese: why a file could not be read or written, and what to do.

`strerror` is in the system's language (English on most servers, and in any case not what a
clerk can act on); the reasons people meet are named here by errno (POSIX) or winerror (Windows).
"""

from __future__ import annotations

import errno

_BY_ERRNO = {
    errno.ENOSPC: "磁盘空间不足：请清理磁盘或换一个输出位置",
    errno.ENAMETOOLONG: "文件名或路径太长：请用短一些的文件名，或放到层级浅一些的文件夹",
    errno.EACCES: "没有权限：请换一个自己有写权限的文件夹，或请管理员开放权限",
    errno.EPERM: "操作不被允许（没有权限）：请换一个自己有写权限的文件夹",
    errno.EROFS: "所在的磁盘是只读的：请换一个输出位置",
    errno.ENOENT: "找不到文件或文件夹",
    errno.ENOTDIR: "路径中的某一级不是文件夹",
    errno.EISDIR: "这是一个文件夹，不是文件",
    errno.EEXIST: "文件已经存在",
    errno.EBUSY: "文件正被其他程序占用：请关闭它后重试",
    errno.EMFILE: "同时打开的文件太多",
    errno.EIO: "磁盘读写出错（输入/输出错误）：请检查磁盘或 U 盘",
    errno.EFBIG: "文件太大",
    errno.ELOOP: "符号链接循环指向自己（链接最终又指回自己），没有指向任何文件：请删除或修正这个链接",
}
if hasattr(errno, "EDQUOT"):
    _BY_ERRNO[errno.EDQUOT] = "超出了磁盘配额：请清理文件或换一个输出位置"

# Windows system error codes (winerror) that carry more than their errno.
_BY_WINERROR = {
    32: "文件正被其他程序（如 Word、WPS 或 PDF 阅读器）打开：请关闭它后重试",
    33: "文件的一部分被其他程序锁定：请关闭打开它的程序后重试",
    112: "磁盘空间不足：请清理磁盘或换一个输出位置",
    206: "文件名或路径太长：请用短一些的文件名，或放到层级浅一些的文件夹",
}


def os_reason(exc: OSError) -> str:
    """The reason of `exc` in Chinese (the system's own wording, in brackets, when unknown)."""
    winerror = getattr(exc, "winerror", None)
    if winerror in _BY_WINERROR:
        return _BY_WINERROR[winerror]
    if exc.errno in _BY_ERRNO:
        return _BY_ERRNO[exc.errno]
    return f"系统错误：{exc.strerror or exc}"
