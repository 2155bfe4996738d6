"""Hostile published files, made here (nothing large is committed): run as a script to write them
into a folder, e.g. `python tests/hostile_inputs.py /tmp/hostile`, for measuring by hand.

- `inflating_pdf`: a one-page PDF of about 1 MB whose content stream (FlateDecode) inflates to
  `inflated` bytes of spaces followed by one line of text: PDFium inflates the whole stream to
  parse the page (before the limits: 2 GB of memory, exit 0).
- `many_pages_pdf`: a PDF of `pages` pages, each with one line of text (a few hundred KB).
- `deep_html`: a web page with elements nested `depth` deep around a report's title.
The PDFs are written by hand (objects, xref table, trailer) so that nothing here depends on a PDF
library's own limits."""

from __future__ import annotations

import sys
import zlib
from pathlib import Path

# A CJK font not embedded (as many WPS PDFs refer to 宋体), its text mapped to Unicode by a
# ToUnicode CMap: CIDs 1–8 are 年度报告政府信息 (so the text layer reads as Chinese, not garbage).
_CHARS = "年度报告政府信息"
_CMAP = ("/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /RG def "
         "1 begincodespacerange <0000> <FFFF> endcodespacerange "
         f"{len(_CHARS)} beginbfchar "
         + " ".join(f"<{k + 1:04X}> <{ord(ch):04X}>" for k, ch in enumerate(_CHARS))
         + " endbfchar endcmap CMapName currentdict /CMap defineresource pop end end").encode()
_TEXT = b"BT /F1 12 Tf 72 720 Td <" + "".join(f"{k + 1:04X}" for k in range(len(_CHARS))).encode() + b"> Tj ET"


def _font_objects(first: int) -> list[bytes]:
    """The font's three objects, to be numbered `first`, `first` + 1, `first` + 2."""
    return [
        b"<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H "
        b"/DescendantFonts [%d 0 R] /ToUnicode %d 0 R >>" % (first + 1, first + 2),
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun /CIDSystemInfo "
        b"<< /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 1000 >>",
        _stream(_CMAP),
    ]


def _pdf(objects: list[bytes]) -> bytes:
    """A PDF of `objects` (numbered from 1; object 1 is the catalog) with its xref table."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s>>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def inflating_pdf(path: Path, inflated: int = 1 << 30) -> Path:
    """A one-page PDF whose content stream inflates to `inflated` bytes (default 1 GiB)."""
    text = b"\n" + _TEXT * 4 + b"\n"
    packer = zlib.compressobj(9)
    chunk = b" " * (1 << 20)
    parts = [packer.compress(chunk) for _ in range((inflated - len(text)) >> 20)]
    parts.append(packer.compress(text) + packer.flush())
    content = b"".join(parts)
    path.write_bytes(_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> "
        b"/Contents 4 0 R >>",
        _stream(content, b"/Filter /FlateDecode "),
    ] + _font_objects(5)))
    return path


def many_pages_pdf(path: Path, pages: int = 10_000) -> Path:
    """A PDF of `pages` pages, one line of text each, all sharing one content stream and font."""
    first_page = 6
    kids = b" ".join(b"%d 0 R" % (first_page + k) for k in range(pages))
    page = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> "
            b"/Contents 3 0 R >>")
    path.write_bytes(_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % pages,
        _stream(_TEXT * 4),
    ] + _font_objects(4) + [page] * pages))
    return path


def deep_html(path: Path, depth: int = 100_000) -> Path:
    """A web page with `depth` nested <div>s around a report title and one paragraph."""
    body = ("<div>" * depth + "<p>2023年政府信息公开工作年度报告</p>" + "</div>" * depth)
    path.write_text(f"<!DOCTYPE html><html><head><meta charset='utf-8'></head><body>{body}</body></html>",
                    encoding="utf-8")
    return path


if __name__ == "__main__":
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else ".")
    folder.mkdir(parents=True, exist_ok=True)
    for made in (inflating_pdf(folder / "inflating.pdf"), many_pages_pdf(folder / "pages-10000.pdf"),
                 deep_html(folder / "deep.html")):
        print(made, made.stat().st_size)
