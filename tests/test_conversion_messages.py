"""Messages of LibreOffice conversions name the conversion (issue 21, item 7): a .doc read by
`reportgen import` or `check` is converted to .docx, and its failures used to speak of "PDF 转换".
Each message says what failed and what to do, and never mentions a PDF for a .doc."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reportgen.cli import main
from reportgen.publish import libreoffice
from reportgen.publish.libreoffice import PdfError, convert_files

DOCX = "docx:MS Word 2007 XML"


def word97(path: Path) -> Path:
    """A file that starts as a Word 97-2003 document does (the OLE2 signature), so it goes to
    LibreOffice, and then holds nothing LibreOffice can load."""
    path.write_bytes(bytes.fromhex("D0CF11E0A1B11AE1") + bytes(504) + b"junk" * 100)
    return path


def fake_soffice(folder: Path, body: str) -> str:
    script = folder / "soffice"
    script.write_text("#!/bin/sh\n" + body + "\n", encoding="utf-8")
    script.chmod(0o755)
    return str(script)


def test_a_doc_conversion_that_fails_says_doc_not_pdf(tmp_path, monkeypatch, capsys):
    doc = word97(tmp_path / "报告.doc")
    monkeypatch.setattr(libreoffice, "find_soffice", lambda: fake_soffice(tmp_path, "echo 'Error: crashed' >&2; exit 3"))
    code = main(["import", str(doc), "-o", str(tmp_path / "报告.yaml")])
    err = capsys.readouterr().err
    assert code == 1
    assert f"{doc}" in err and "用 LibreOffice 把 .doc 转换为 .docx 失败：LibreOffice .doc 转换失败（退出码 3）" in err
    assert "Error: crashed" in err  # LibreOffice's own words quoted
    assert "PDF" not in err
    assert not (tmp_path / "报告.yaml").exists()


def test_a_doc_conversion_that_times_out_says_doc(tmp_path, monkeypatch):
    doc = word97(tmp_path / "报告.doc")
    monkeypatch.setattr(libreoffice, "find_soffice", lambda: fake_soffice(tmp_path, "sleep 30"))
    with pytest.raises(PdfError) as caught:
        convert_files([doc], tmp_path / "out", DOCX, timeout=0.5)
    assert str(caught.value) == ".doc 转换超时（0.5 秒），LibreOffice 已被终止"
    assert list((tmp_path / "out").iterdir()) == []


def test_a_doc_without_libreoffice_says_what_needs_it(tmp_path, monkeypatch):
    monkeypatch.setattr(libreoffice, "find_soffice", lambda: None)
    with pytest.raises(PdfError) as caught:
        convert_files([word97(tmp_path / "a.doc"), word97(tmp_path / "b.wps")], tmp_path / "out", DOCX)
    message = str(caught.value)
    assert message.startswith(".doc、.wps 转换需要 LibreOffice，但没有找到（soffice）。请先安装 LibreOffice")
    assert "PDF" not in message


def test_a_doc_that_libreoffice_cannot_load_names_the_docx_it_did_not_make(tmp_path):
    doc = word97(tmp_path / "报告.doc")
    with pytest.raises(PdfError) as caught:
        convert_files([doc], tmp_path / "out", DOCX, timeout=120)
    assert str(caught.value).startswith(f"LibreOffice 没有生成以下文件的 .docx（共 1 个）：{doc}")
    assert "PDF" not in str(caught.value)


def test_the_pdf_wording_is_unchanged_for_a_pdf(tmp_path, monkeypatch):
    monkeypatch.setattr(libreoffice, "find_soffice", lambda: fake_soffice(tmp_path, "exit 5"))
    from docx import Document

    Document().save(str(tmp_path / "r.docx"))
    with pytest.raises(PdfError) as caught:
        convert_files([tmp_path / "r.docx"], tmp_path / "out")
    assert str(caught.value) == "LibreOffice PDF 转换失败（退出码 5）"
    assert os.listdir(tmp_path / "out") == []
