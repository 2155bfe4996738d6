"""Every PDF the project writes opens in a strict reader (pypdf strict=True), with a cross-reference
table that points at the right objects and the file's last lines as the PDF specification has them
(ISO 32000-1, 7.5.5: startxref, the offset, %%EOF), and its fingerprint still found by the code that
reads it back (reportgen.publish.output.untouched_since_written). Issue 21: the fingerprint used to
be a comment between startxref and %%EOF, and pypdf strict refused every PDF ("startxref not found").

The PDFs: `build --pdf` of each example facts file, a folder build's PDFs, LibreOffice's other entry
(publish.libreoffice.convert_files), and the committed PDF fixtures the fixture scripts made.
"""

from __future__ import annotations

import hashlib
import logging
import re
import shutil
from pathlib import Path

import pypdf
import pytest
from conftest import DATA, FIXTURES, SEED_FACTS

from reportgen.cli import main
from reportgen.publish import libreoffice, pdf_seal
from reportgen.publish.output import untouched_since_written

EXAMPLES = sorted(DATA.glob("*.yaml"))
FIXTURE_PDFS = sorted(FIXTURES.rglob("*.pdf"))


def open_strictly(path: Path, caplog: pytest.LogCaptureFixture) -> pypdf.PdfReader:
    """Open `path` with pypdf strict=True, read every page, and check that pypdf repaired nothing
    (no warning logged) and that each cross-reference entry points at its object's header."""
    data = path.read_bytes()
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="pypdf"):
        reader = pypdf.PdfReader(path, strict=True)
        if not reader.is_encrypted:
            for page in reader.pages:
                page.get_contents()
            reader.metadata  # noqa: B018 - the information dictionary is read too
    assert [r.getMessage() for r in caplog.records if r.name.startswith("pypdf")] == [], path
    m = re.search(rb"startxref\r?\n(\d+)\r?\n%%EOF\r?\n?\Z", data)
    assert m, f"{path}: the file does not end startxref / offset / %%EOF"
    after = data[int(m.group(1)):]
    assert after.startswith(b"xref") or re.match(rb"\d+ \d+ obj", after), path  # a table, or an xref stream
    for generation, entries in reader.xref.items():
        if generation == 65535:
            continue
        for number, offset in entries.items():
            header = re.match(rb"\s*(\d+)\s+(\d+)\s+obj", data[offset:offset + 32])
            assert header and (int(header.group(1)), int(header.group(2))) == (number, generation), \
                f"{path}: xref entry of object {number} {generation} points at {data[offset:offset + 20]!r}"
    return reader


def check_reportgen_pdf(path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """A PDF reportgen wrote: strictly readable, its fingerprint in the information dictionary is the
    SHA-256 of the bytes LibreOffice wrote, and the guard that reads it takes the file as untouched."""
    reader = open_strictly(path, caplog)
    data = path.read_bytes()
    value = str(reader.metadata["/ReportgenFingerprint"])
    assert value.startswith("reportgen-sha256:")
    [entry] = [o for o in reader.xref[0].values() if o == max(reader.xref[0].values())]
    assert hashlib.sha256(data[:entry]).hexdigest() == value.removeprefix("reportgen-sha256:")
    assert untouched_since_written(path)
    assert reader.metadata.title and "年度报告" in reader.metadata.title  # LibreOffice's keys are kept
    # Any change is seen: one byte of the page content, or a line appended.
    at = data.index(b"stream") + 20
    for changed in (data[:at] + bytes([data[at] ^ 1]) + data[at + 1:], data + b"%\n"):
        path.write_bytes(changed)
        assert not untouched_since_written(path)
    path.write_bytes(data)


@pytest.mark.parametrize("facts", EXAMPLES, ids=lambda p: p.name)
def test_build_pdf_of_each_example_opens_strictly(facts, tmp_path, caplog, capsys):
    out = tmp_path / "r.docx"
    assert main(["build", str(facts), "-o", str(out), "--pdf"]) == 0, capsys.readouterr().err
    check_reportgen_pdf(out.with_suffix(".pdf"), caplog)
    # The guard reads the fingerprint back: the next build replaces the untouched PDF without --force.
    assert main(["build", str(facts), "-o", str(out), "--pdf"]) == 0, capsys.readouterr().err


def test_folder_build_pdfs_open_strictly(tmp_path, caplog, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("a", "b"):
        shutil.copy(SEED_FACTS, folder / f"{name}.yaml")
    assert main(["build", str(folder), "-o", str(tmp_path / "out"), "--pdf"]) == 0, capsys.readouterr().err
    pdfs = sorted((tmp_path / "out").glob("*.pdf"))
    assert [p.name for p in pdfs] == ["a.pdf", "b.pdf"]
    for path in pdfs:
        check_reportgen_pdf(path, caplog)


def test_convert_files_pdf_opens_strictly(seed_docx, tmp_path, caplog):
    [made] = libreoffice.convert_files([seed_docx], tmp_path / "out")
    check_reportgen_pdf(made, caplog)


@pytest.mark.parametrize("path", FIXTURE_PDFS, ids=lambda p: str(p.relative_to(FIXTURES)))
def test_committed_pdf_fixtures_open_strictly(path, caplog):
    open_strictly(path, caplog)


def test_a_pdf_of_an_older_reportgen_is_still_taken_as_untouched(seed_docx, tmp_path):
    """Before issue 21 the fingerprint was a comment line before %%EOF: a PDF built so, untouched, is
    still replaced freely (no --force), and one edited after is not."""
    [made] = libreoffice.convert_files([seed_docx], tmp_path)
    data = made.read_bytes()
    start = max(reader_offsets(data))
    original = data[:start]  # the bytes LibreOffice wrote
    at = original.rfind(b"%%EOF")
    legacy = original[:at] + b"%reportgen-sha256:" + hashlib.sha256(original).hexdigest().encode() + b"\n" + original[at:]
    made.write_bytes(legacy)
    assert untouched_since_written(made)
    made.write_bytes(legacy + b"1 0 obj\n<</Type/Annot/Subtype/Stamp>>\nendobj\n%%EOF\n")  # a stamp added
    assert not untouched_since_written(made)


def reader_offsets(data: bytes) -> list[int]:
    return [int(m.group(1)) for m in re.finditer(rb"\n(\d{10}) \d{5} n \n", data[-600:])]


def test_a_pdf_without_a_classic_trailer_is_left_unsealed_not_broken():
    data = b"%PDF-1.7\n1 0 obj\n<</Type/XRef>>\nstream\nendstream\nendobj\nstartxref\n9\n%%EOF\n"
    with pytest.raises(pdf_seal.SealError):
        pdf_seal.seal(data)
    from reportgen.publish.output import seal_pdf

    assert seal_pdf(data) == data
