"""The PDF's fingerprint, kept where the PDF specification allows it: in the document information
dictionary (ISO 32000-1, 14.3.3: a document may add keys of its own), written as an incremental
update (7.5.6): the Info object again under its own number with the key /ReportgenFingerprint
added, a cross-reference section for that one object, a trailer whose /Prev points at LibreOffice's
cross-reference table, and the file's last lines as 7.5.5 has them: ``startxref``, the offset,
``%%EOF``. Strict readers (pypdf strict=True) open it; the page content is untouched.

The fingerprint is the SHA-256 of the file as LibreOffice wrote it (ending in a line break), that
is, of every byte before the update. A sealed file is "as reportgen wrote it" when sealing those
bytes again gives the file exactly (`sealed_intact`): anything appended (a stamp added by a PDF
editor is another incremental update), removed or changed fails.

Until this module, the fingerprint was a comment line between ``startxref`` and ``%%EOF``
(``%reportgen-sha256:…``), which strict readers refuse; PDFs sealed so are still recognised
(`legacy_sealed_intact`), so a report built by an older reportgen is still replaced freely.
"""

from __future__ import annotations

import hashlib
import re

KEY = b"/ReportgenFingerprint"
_PREFIX = b"reportgen-sha256:"

_STARTXREF = re.compile(rb"startxref\s+(\d+)\s+%%EOF\s*\Z")
_TRAILER_KEYS = {
    "size": re.compile(rb"/Size\s+(\d+)"),
    "root": re.compile(rb"/Root\s+(\d+\s+\d+\s+R)"),
    "info": re.compile(rb"/Info\s+(\d+)\s+(\d+)\s+R"),
    "id": re.compile(rb"/ID\s*(\[[^\]]*\])"),
}
_SUBSECTION = re.compile(rb"\s*(\d+)[ ]+(\d+)[ ]*\r?\n")
_OBJECT = re.compile(rb"\d+\s+\d+\s+obj\s*<<(.*)>>\s*endobj", re.S)
_LEGACY = re.compile(rb"%reportgen-sha256:([0-9a-f]{64})\n(?=%%EOF\s*\Z)")


class SealError(ValueError):
    """The PDF's structure is not the one LibreOffice writes (a classic cross-reference table and
    trailer): it cannot be sealed by an incremental update here."""


def seal(data: bytes) -> bytes:
    """The PDF `data` (as LibreOffice wrote it) with its fingerprint added by an incremental update
    that replaces the document information dictionary (or adds one). Deterministic: the same
    bytes in give the same bytes out. Raises SealError for a PDF without a classic trailer."""
    base = data if data.endswith((b"\n", b"\r")) else data + b"\n"
    prev = _last_startxref(base)
    trailer = _trailer_at(base, prev)
    size = int(_need(trailer, "size").group(1))
    root = _need(trailer, "root").group(1)
    info = _TRAILER_KEYS["info"].search(trailer)
    if info:
        number, generation = int(info.group(1)), int(info.group(2))
        body = _info_body(base, prev, number)
    else:
        number, generation, body = size, 0, b""
        size += 1
    digest = hashlib.sha256(base).hexdigest().encode()
    offset = len(base)
    obj = (b"%d %d obj\n<<" % (number, generation) + body + KEY + b" (" + _PREFIX + digest + b")>>\nendobj\n")
    xref_at = offset + len(obj)
    ident = _TRAILER_KEYS["id"].search(trailer)
    # The free list's head restated first (0 1): readers such as pypdf take a table whose first
    # subsection is not object 0 for a mis-numbered one.
    tail = (b"xref\n0 1\n0000000000 65535 f \n%d 1\n%010d %05d n \n" % (number, offset, generation)
            + b"trailer\n<</Size %d/Root " % size + root + b"/Info %d %d R" % (number, generation)
            + (b"/ID " + ident.group(1) if ident else b"") + b"/Prev %d>>\n" % prev
            + b"startxref\n%d\n%%%%EOF\n" % xref_at)
    return base + obj + tail


def sealed_intact(data: bytes) -> bool:
    """True when `data` is a PDF sealed by `seal` and not changed since (nothing appended, removed
    or altered); False for any other bytes. Never raises."""
    try:
        at = _last_startxref(data)
        section = data[at:at + 80]
        m = re.match(rb"xref\n0 1\n0000000000 65535 f \n\d+ 1\n(\d{10}) \d{5} n \n", section)
        if not m or KEY not in data[-4096:]:
            return False
        return seal(data[:int(m.group(1))]) == data
    except (SealError, ValueError):
        return False


def legacy_sealed_intact(data: bytes) -> bool:
    """True for an untouched PDF of an older reportgen: its fingerprint in a comment line before
    the final %%EOF, the SHA-256 of the file without that line."""
    found = None
    for found in _LEGACY.finditer(data):
        pass
    if found is None:
        return False
    return hashlib.sha256(data[:found.start()] + data[found.end():]).hexdigest() == found.group(1).decode()


def _last_startxref(data: bytes) -> int:
    m = _STARTXREF.search(data[-1024:])
    if not m:
        raise SealError("no startxref before the final %%EOF")
    at = int(m.group(1))
    if at >= len(data):
        raise SealError("startxref points past the end of the file")
    return at


def _trailer_at(data: bytes, xref_at: int) -> bytes:
    if not data.startswith(b"xref", xref_at):
        raise SealError("startxref does not point at a cross-reference table (a stream, perhaps)")
    start = data.find(b"trailer", xref_at)
    end = data.find(b"startxref", start)
    if start < 0 or end < 0:
        raise SealError("no trailer after the cross-reference table")
    return data[start:end]


def _need(trailer: bytes, key: str) -> re.Match[bytes]:
    m = _TRAILER_KEYS[key].search(trailer)
    if not m:
        raise SealError(f"the trailer has no /{key.capitalize()}")
    return m


def _info_body(data: bytes, xref_at: int, number: int) -> bytes:
    """The keys of the information dictionary (the bytes between << and >>), found through the
    cross-reference table's entry for its object."""
    pos = xref_at + len(b"xref")
    while True:
        m = _SUBSECTION.match(data, pos)
        if not m:
            raise SealError(f"object {number} is not in the cross-reference table")
        first, count = int(m.group(1)), int(m.group(2))
        entries = m.end()
        if first <= number < first + count:
            entry = data[entries + 20 * (number - first):entries + 20 * (number - first) + 20]
            offset = int(entry[:10])
            end = data.find(b"endobj", offset)
            found = _OBJECT.match(data, offset, end + len(b"endobj")) if end > 0 else None
            if not found:
                raise SealError(f"object {number} is not a dictionary where the table says")
            return found.group(1).strip()
        pos = entries + 20 * count
