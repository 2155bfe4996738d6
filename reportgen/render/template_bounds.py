"""Bounds on a Word template (`--template`), checked before anything in it is read.

A .docx is a zip: a small file can expand to gigabytes (a "zip bomb": 1 MB expanding to 1 GB took
40 s and 3 GB of memory before this check). The zip's central directory states each part's size;
Python's zipfile never reads past a part's stated size (and a part whose data does not match is an
error), so checking the stated sizes bounds what is read. The limits are generous for any real
template (the shipped ones are about 20 KB and expand to about 100 KB; a template with a seal or
logo picture is a few MB) and are stated in the README.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from ..errors import TemplateError

MAX_FILE_BYTES = 20 * 1024 * 1024  # the .docx file itself
MAX_EXPANDED_BYTES = 100 * 1024 * 1024  # all its parts, uncompressed
MAX_PARTS = 1000  # parts (files) in the package


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):g} MB"


def check_template_bounds(path: Path) -> None:
    """Raise TemplateError when the template at `path` is larger than MAX_FILE_BYTES, has more than
    MAX_PARTS parts, or its parts expand past MAX_EXPANDED_BYTES. A file that is missing or not a
    zip passes (the caller names those)."""
    try:
        size = path.stat().st_size
    except OSError:
        return
    if size > MAX_FILE_BYTES:
        raise TemplateError(f"{path}: 模板文件太大（{_mb(size)}，上限 {_mb(MAX_FILE_BYTES)}），没有使用它。"
                            "请删去模板中的大图片，或压缩图片后另存。")
    try:
        with zipfile.ZipFile(path) as package:
            parts = package.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return
    if len(parts) > MAX_PARTS:
        raise TemplateError(f"{path}: 模板文件包含 {len(parts)} 个部件（上限 {MAX_PARTS}），不像 Word 文档，没有使用它。")
    expanded = sum(part.file_size for part in parts)
    if expanded > MAX_EXPANDED_BYTES:
        raise TemplateError(f"{path}: 模板文件解压后有 {_mb(expanded)}（上限 {_mb(MAX_EXPANDED_BYTES)}），"
                            "可能是损坏或恶意构造的文件（“压缩炸弹”），没有使用它。")
