"""An out-of-date PDF, web page or 图解 left beside a new report is named by the build (issue 22, found by
a new user following the README): `build X.yaml --pdf --html --graphic`, then a figure edited and
`build X.yaml` without the options wrote only the .docx and said nothing, while out/X.pdf, out/X.html
and out/X.图解.* still showed the old figure."""

from __future__ import annotations

import os
import shutil

import pytest
from conftest import DATA

from reportgen.cli import main

EXTRAS = ("X.html", "X.pdf", "X.图解.png", "X.图解.svg")


@pytest.fixture
def built(tmp_path, monkeypatch, capsys):
    """A folder where X.yaml was built with every output (out/X.docx, .html, .pdf, .图解.png/.svg)."""
    monkeypatch.chdir(tmp_path)
    shutil.copy(DATA / "example-2025.yaml", "X.yaml")
    assert main(["build", "X.yaml", "--pdf", "--html", "--graphic"]) == 0
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(["X.docx", *EXTRAS])
    capsys.readouterr()
    return tmp_path


def _edit_figure(path):
    text = path.read_text(encoding="utf-8")
    assert "  normative_documents:       # 行政规范性文件\n    issued: 5\n" in text
    path.write_text(text.replace("  normative_documents:       # 行政规范性文件\n    issued: 5\n",
                                 "  normative_documents:       # 行政规范性文件\n    issued: 6\n"), encoding="utf-8")


def test_old_pdf_html_and_graphic_beside_a_new_report_are_named_with_the_fix(built, capsys):
    _edit_figure(built / "X.yaml")
    before = {name: (built / "out" / name).read_bytes() for name in EXTRAS}
    assert main(["build", "X.yaml"]) == 0
    out, err = capsys.readouterr()
    assert "已生成 out/X.docx（0 个错误，0 个警告）" in out
    lines = [line for line in err.splitlines() if "更早一次生成" in line]
    assert len(lines) == 1, err
    line = lines[0]
    for name in EXTRAS:  # each old file by its path, and none of them touched
        assert os.path.join("out", name) in line
        assert (built / "out" / name).read_bytes() == before[name]
    assert "与这次生成的 out/X.docx 内容不一致" in line
    assert "请加 --pdf --html --graphic 重新生成，或删去旧文件" in line
    # still said on the next build while they are still old
    assert main(["build", "X.yaml"]) == 0
    assert "out/X.pdf" in capsys.readouterr().err


def test_only_the_outputs_not_written_again_are_named(built, capsys):
    _edit_figure(built / "X.yaml")
    assert main(["build", "X.yaml", "--html", "--graphic"]) == 0
    err = capsys.readouterr().err
    line = next(line for line in err.splitlines() if "更早一次生成" in line)
    assert line.startswith("警告：out/X.pdf 是更早一次生成的") and "请加 --pdf 重新生成" in line
    assert "X.html" not in line and "图解" not in line
    assert main(["build", "X.yaml", "--pdf"]) == 0  # the PDF made anew: all match again
    assert "更早一次生成" not in capsys.readouterr().err


def test_quiet_when_the_outputs_beside_match_the_report(built, capsys):
    assert main(["build", "X.yaml"]) == 0  # nothing changed: the old PDF is the same report
    assert main(["build", "X.yaml", "--html"]) == 0
    out, err = capsys.readouterr()
    assert "更早一次生成" not in err and "已生成 out/X.docx" in out


def test_deleted_old_outputs_are_not_named(built, capsys):
    _edit_figure(built / "X.yaml")
    for name in EXTRAS:
        (built / "out" / name).unlink()
    assert main(["build", "X.yaml"]) == 0
    assert "更早一次生成" not in capsys.readouterr().err
