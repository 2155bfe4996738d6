"""Limits on a published PDF, checked on the file's bytes before PDFium is given them, and on the
pages while they are read: PDFium inflates a stream whole when it parses a page, so a 1 MB file
whose content stream inflates to 1 GB took 2 GB of memory (and 9 s) before these checks.

- `check_pdf_bytes(data)`: the file's size (MAX_FILE_BYTES); its objects, counted in the file and
  in its object streams (MAX_OBJECTS); every stream inflated with a streaming decompressor that
  stops at the limit (zlib's max_length for FlateDecode, a counting decoder for LZWDecode and
  RunLengthDecode), so nothing larger than a chunk is ever held: all non-image streams together
  (MAX_INFLATED_BYTES), one image (MAX_IMAGE_BYTES, and MAX_IMAGE_PIXELS by its declared size: it
  is decoded only when a scan is read by OCR); two inflating filters on one stream are refused.
- `Budget`: the pages (MAX_PAGES), the characters of one page (MAX_PAGE_CHARS) and the time of the
  whole reading (MAX_SECONDS, checked between pages), for the readers that go page by page.
Nesting depth is PDFium's own (it refuses objects nested deeper than 64 and forms drawn in forms
deeper than a small fixed number). Each limit reached raises ReadError, whose Chinese message
names the limit. The limits are generous: the 19 PDFs the project reads in its tests (corpus
and real reports) have at most 7 pages, 1,002 characters a page, 61 objects and 1.5 MB of
inflated streams; checking one takes 10–20 ms (a scan with Flate images: 0.3 s)."""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
import time
import zlib

from .read_docx import ReadError

MAX_FILE_BYTES = 200 * 1024 * 1024
MAX_OBJECTS = 500_000
MAX_INFLATED_BYTES = 256 * 1024 * 1024  # all streams but images, inflated
MAX_IMAGE_BYTES = 256 * 1024 * 1024  # one image, inflated
MAX_IMAGE_PIXELS = 200_000_000  # one image, by its declared /Width × /Height (a page at 600 dpi: 35 M)
MAX_PAGES = 2_000
MAX_PAGE_CHARS = 100_000  # a page of 5-pt text holds about 10,000
MAX_SECONDS = 300.0  # one PDF read (a real report: under 10 s)

_FIX = "这不像一份年度报告（可能已损坏，或是恶意构造的文件），没有读取。请向发布单位要原文件，或在 WPS 或 Word 里打开它、另存为 PDF 后再导入。"
_MB = 1024 * 1024
_CHUNK = 1 << 20

_OBJ = re.compile(rb"(?<![0-9])\d{1,10}\s+\d{1,5}\s+obj\b")
_STREAM = re.compile(rb"(?<!end)stream(?:\r\n|\n|\r)")
_FILTER = re.compile(rb"/Filter\s*(\[[^\]]*\]|/[A-Za-z0-9]+)")
_NAME = re.compile(rb"/([A-Za-z0-9]+)")
_INT = {key: re.compile(rb"/" + key + rb"\s+(\d{1,12})\b") for key in (b"Width", b"Height", b"N")}
_INFLATING = {b"FlateDecode": "Flate", b"Fl": "Flate", b"LZWDecode": "LZW", b"LZW": "LZW",
              b"RunLengthDecode": "RL", b"RL": "RL"}
_SHRINKING = {b"ASCIIHexDecode", b"AHx", b"ASCII85Decode", b"A85"}


def refused(what: str) -> ReadError:
    """The ReadError of a limit reached: `what` names the limit (e.g. 页数 12,000 超过上限 2,000)."""
    return ReadError(f"这个 PDF {what}。{_FIX}")


_VERDICTS: dict[bytes, str] = {}  # the file's digest → "" (within the limits) or the refusal


def check_pdf_bytes(data: bytes) -> None:
    """Raise ReadError when the PDF `data` is over one of the limits of the file (see the module's
    docstring). Time: about 1 s for each 1 GB a stream would inflate to, stopped at the limit; the
    verdict is kept for the same bytes (check of a report opens it twice: scan.inspect, then the reader)."""
    key = hashlib.sha256(data).digest()
    if key not in _VERDICTS:
        if len(_VERDICTS) > 16:
            _VERDICTS.clear()
        try:
            _check(data)
            _VERDICTS[key] = ""
        except ReadError as exc:
            _VERDICTS[key] = str(exc)
    if _VERDICTS[key]:
        raise ReadError(_VERDICTS[key])


def _check(data: bytes) -> None:
    if len(data) > MAX_FILE_BYTES:
        raise refused(f"有 {len(data) / _MB:,.0f} MB，超过上限 {MAX_FILE_BYTES // _MB} MB")
    objects = sum(1 for _ in _OBJ.finditer(data))
    inflated = 0
    for match in _STREAM.finditer(data):
        head = data[max(0, match.start() - 4096):match.start()]
        head = head[head.rfind(b"obj") + 3:] if b"obj" in head else head
        if b"/ObjStm" in head and (n := _INT[b"N"].search(head)):
            objects += int(n.group(1))
        filters = _filters(head)
        if not any(f in _INFLATING for f in filters) and b"/Image" not in head:
            continue
        end = data.find(b"endstream", match.end())
        raw = data[match.end():end if end >= 0 else len(data)]
        image = b"/Image" in head
        if image:
            width, height = (int(m.group(1)) if (m := _INT[key].search(head)) else 0 for key in (b"Width", b"Height"))
            if width * height > MAX_IMAGE_PIXELS:
                raise refused(f"有一张 {width} × {height} 像素的图片，超过上限 {MAX_IMAGE_PIXELS:,} 像素")
        limit = MAX_IMAGE_BYTES if image else MAX_INFLATED_BYTES - inflated
        size = _inflated_size(raw, filters, limit)
        if size > limit:
            if image:
                raise refused(f"有一张图片解压后超过 {MAX_IMAGE_BYTES // _MB} MB（上限）")
            raise refused(f"的内容解压后超过 {MAX_INFLATED_BYTES // _MB} MB（上限；文件本身只有 {len(data) / _MB:,.1f} MB）")
        if not image:
            inflated += size
    if objects > MAX_OBJECTS:
        raise refused(f"有 {objects:,} 个对象，超过上限 {MAX_OBJECTS:,} 个")


def _filters(head: bytes) -> list[bytes]:
    """The stream's filters by name; a filter given by reference (/Filter 5 0 R), which is not
    looked up, is taken for FlateDecode: its data is inflated to be measured all the same."""
    found = _FILTER.search(head)
    names = _NAME.findall(found.group(1)) if found else []
    if b"/Filter" in head and not names:
        return [b"FlateDecode"]
    return names


def _inflated_size(raw: bytes, filters: list[bytes], limit: int) -> int:
    """The size of `raw` decoded by `filters`, or a number over `limit` once it is known to be over
    (only a chunk is held at a time). A stream that does not decode counts as its raw size: PDFium
    stops where the data breaks."""
    inflating = [f for f in filters if f in _INFLATING]
    if len(inflating) > 1:
        raise refused("的一个数据流被压缩了不止一次（" + "、".join(f.decode() for f in inflating) + "）")
    for name in filters:
        if name in _INFLATING:
            kind = _INFLATING[name]
            if kind == "Flate":
                return _flate_size(raw, limit)
            return _lzw_size(raw, limit) if kind == "LZW" else _run_length_size(raw, limit)
        if name in _SHRINKING:
            raw = _shrink(raw, name)
        else:
            return len(raw)  # an image codec (DCT, JPX, JBIG2, CCITT): its size is the picture's, checked above
    return len(raw)


def _shrink(raw: bytes, name: bytes) -> bytes:
    try:
        if name in (b"ASCIIHexDecode", b"AHx"):
            text = re.sub(rb"\s", b"", raw.split(b">")[0])
            return binascii.unhexlify(text + b"0" * (len(text) % 2))
        return base64.a85decode(raw.strip().removeprefix(b"<~").split(b"~>")[0], adobe=False)
    except (ValueError, binascii.Error):
        return raw


def _flate_size(raw: bytes, limit: int) -> int:
    inflater = zlib.decompressobj()
    size = 0
    tail = raw
    try:
        while tail and size <= limit:
            size += len(inflater.decompress(tail, _CHUNK))
            tail = inflater.unconsumed_tail
            if inflater.eof:
                break
    except zlib.error:
        pass
    return size


def _lzw_size(raw: bytes, limit: int) -> int:
    """The length LZW decoding (PDF's: 9–12-bit codes, early change) gives, counted without the
    data: each new code is one byte longer than the code before it."""
    lengths: list[int] = [1] * 256 + [0, 0]
    size, previous, width, bits, nbits = 0, 0, 9, 0, 0
    for byte in raw:
        bits = (bits << 8) | byte
        nbits += 8
        while nbits >= width:
            nbits -= width
            code = (bits >> nbits) & ((1 << width) - 1)
            if code == 256:
                del lengths[258:]
                previous, width = 0, 9
                continue
            if code == 257:
                return size
            length = lengths[code] if code < len(lengths) else previous + 1
            if previous and len(lengths) < 4096:
                lengths.append(previous + 1)
            size += length
            if size > limit:
                return size
            previous = length
            if len(lengths) + 1 >= (1 << width) and width < 12:
                width += 1
    return size


def _run_length_size(raw: bytes, limit: int) -> int:
    size, k = 0, 0
    while k < len(raw) and size <= limit:
        n = raw[k]
        if n == 128:
            break
        if n < 128:
            size, k = size + n + 1, k + n + 2
        else:
            size, k = size + 257 - n, k + 2
    return size


class Budget:
    """The limits of a reading that goes page by page: call `pages(n)` once with the page count,
    `page(k, chars)` before reading page k (0-based) with its character count."""

    def __init__(self) -> None:
        self.deadline = time.monotonic() + MAX_SECONDS

    @staticmethod
    def pages(count: int) -> None:
        """Raise ReadError when `count` is over MAX_PAGES."""
        if count > MAX_PAGES:
            raise refused(f"有 {count:,} 页，超过上限 {MAX_PAGES:,} 页")

    def page(self, number: int, chars: int) -> None:
        """Raise ReadError when page `number` (0-based) holds over MAX_PAGE_CHARS characters, or the
        reading has taken over MAX_SECONDS."""
        if chars > MAX_PAGE_CHARS:
            raise refused(f"第 {number + 1} 页有 {chars:,} 个字符，超过上限 {MAX_PAGE_CHARS:,} 个")
        if time.monotonic() > self.deadline:
            raise refused(f"读到第 {number + 1} 页已用了 {MAX_SECONDS:g} 秒（上限），没有读完")
