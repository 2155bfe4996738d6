"""Same input, same bytes: .docx packages written with fixed zip timestamps and member order."""

from __future__ import annotations

import io
import zipfile
from typing import Any

ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)


def write_package(parts: dict[str, bytes]) -> bytes:
    """A .docx (zip) of these parts: every member dated 1980-01-01, [Content_Types].xml first and
    the rest in name order, all deflated the same way."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in sorted(parts, key=lambda n: (n != "[Content_Types].xml", n)):
            info = zipfile.ZipInfo(name, ZIP_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 0
            target.writestr(info, parts[name], compresslevel=6)
    return out.getvalue()


def normalize_package(data: bytes) -> bytes:
    """Rewrite a .docx deterministically (see write_package)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    return write_package({name: source.read(name) for name in source.namelist()})


def document_bytes(document: Any) -> bytes:
    """The bytes of a python-docx Document or docxtpl DocxTemplate, normalized."""
    buffer = io.BytesIO()
    document.save(buffer)
    return normalize_package(buffer.getvalue())
