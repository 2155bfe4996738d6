"""`--pdf` on Windows (issue 22): reportgen finds LibreOffice where its Windows installer puts it
(C:\\Program Files\\LibreOffice\\program\\soffice.exe) without PATH; when LibreOffice is nowhere, the build
says so in Chinese with the fix and where it looked, and the .docx is written all the same."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from conftest import DATA

from reportgen.cli import main
from reportgen.publish import libreoffice

WINDOWS_SOFFICE = r"C:\Program Files\LibreOffice\program\soffice.exe"


@pytest.fixture
def windows(monkeypatch, tmp_path):
    """This process as if on Windows with an empty PATH and no %ProgramFiles% variables set."""
    monkeypatch.setattr(sys, "platform", "win32")
    for name in ("ProgramFiles", "ProgramFiles(x86)"):
        monkeypatch.delenv(name, raising=False)
    empty = tmp_path / "empty"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))


def test_the_windows_install_place_comes_first(windows):
    assert libreoffice._install_places() == [WINDOWS_SOFFICE, r"C:\Program Files (x86)\LibreOffice\program\soffice.exe"]


def test_soffice_is_found_in_program_files_when_not_on_path(windows, monkeypatch):
    real_isfile = os.path.isfile
    monkeypatch.setattr(os.path, "isfile", lambda p: p == WINDOWS_SOFFICE or real_isfile(p))
    monkeypatch.setattr(os, "access", lambda p, mode: p == WINDOWS_SOFFICE)
    assert libreoffice.find_soffice() == WINDOWS_SOFFICE


def test_soffice_is_found_under_another_program_files(windows, monkeypatch):
    """Windows installed on D:: %ProgramFiles% is D:\\Program Files."""
    monkeypatch.setenv("ProgramFiles", r"D:\Program Files")
    wanted = r"D:\Program Files\LibreOffice\program\soffice.exe"
    real_isfile = os.path.isfile
    monkeypatch.setattr(os.path, "isfile", lambda p: p == wanted or real_isfile(p))
    monkeypatch.setattr(os, "access", lambda p, mode: p == wanted)
    assert libreoffice.find_soffice() == wanted


def test_on_windows_the_missing_libreoffice_message_names_where_it_looked(windows):
    hint = libreoffice.install_hint()
    assert hint.startswith("生成 PDF 需要 LibreOffice，但没有找到（soffice）。请先安装 LibreOffice：")
    assert "https://www.libreoffice.org/download/" in hint and WINDOWS_SOFFICE in hint
    assert "请把 soffice 所在的文件夹加进 PATH" in hint


def test_a_build_without_libreoffice_says_so_and_writes_the_docx(capsys, monkeypatch, tmp_path):
    """PATH emptied and no install place holding LibreOffice (this machine has it in /usr/lib)."""
    empty = tmp_path / "empty"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    monkeypatch.setattr(libreoffice, "_install_places", lambda: [])
    out = tmp_path / "out" / "example-2025.docx"
    code = main(["build", str(DATA / "example-2025.yaml"), "-o", str(out), "--pdf"])
    err = capsys.readouterr().err
    assert code == 1
    assert f"已生成 {out}，但 PDF 没有生成：生成 PDF 需要 LibreOffice，但没有找到（soffice）。请先安装 LibreOffice" in err
    assert "Windows / macOS：从 https://www.libreoffice.org/download/ 下载安装" in err
    assert "已经找过：PATH 中的 soffice 和 libreoffice" in err
    assert out.is_file() and not out.with_suffix(".pdf").exists()
