"""Glyphs the PDF cannot draw (reportgen/checks/glyphs.py) and the fallback font for CJK Extension B
(reportgen/fonts/fonts.conf → HanaMinB from fonts-hanazono, installed by scripts/install-system-deps.sh)."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

from conftest import SEED_FACTS

from reportgen.checks import glyphs
from reportgen.cli import main
from reportgen.model.typography import FONTCONFIG_FILE


def _facts(tmp_path: Path, inserted: str) -> Path:
    text = SEED_FACTS.read_text(encoding="utf-8")
    assert "狠抓群众体育、" in text
    facts = tmp_path / "f-2011.yaml"
    facts.write_text(text.replace("狠抓群众体育、", f"狠抓群众体育{inserted}、", 1), encoding="utf-8")
    return facts


def _pdf_text(pdf: Path) -> str:
    return re.sub(r"\s+", "", subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                                             check=True).stdout)


def test_extension_b_character_is_drawn_by_the_fallback_font_in_its_place(tmp_path, capsys):
    facts = _facts(tmp_path, "𠀀")
    assert main(["build", str(facts), "-o", str(tmp_path / "r.docx"), "--pdf"]) == 0
    err = capsys.readouterr().err
    assert "GLYPH" not in err and "U+20000" not in err
    fonts = subprocess.run(["pdffonts", str(tmp_path / "r.pdf")], capture_output=True, text=True, check=True).stdout
    assert "HanaMin" in fonts  # the fallback drew it (no other installed font has U+20000)
    assert "狠抓群众体育𠀀、竞技体育" in _pdf_text(tmp_path / "r.pdf")


def test_a_character_no_mapped_font_has_is_a_warning_at_its_place(tmp_path, capsys):
    facts = _facts(tmp_path, "𰀀")  # U+30000, CJK Extension G: not in HanaMinB either
    line_no, line = next((i, l) for i, l in enumerate(facts.read_text(encoding="utf-8").splitlines(), 1) if "𰀀" in l)
    column = line.index("𰀀") + 1
    assert main(["build", str(facts), "-o", str(tmp_path / "r.docx"), "--pdf"]) == 0
    err = capsys.readouterr().err
    assert f"{facts}:{line_no}:{column}: 警告：字符“𰀀”（U+30000）在生成 PDF 所用的字体" in err
    assert "HanaMinB" in err and err.count("U+30000") == 1
    assert main(["build", str(facts), "-o", str(tmp_path / "s.docx"), "--pdf", "--strict"]) == 1
    assert not (tmp_path / "s.docx").exists()


def test_no_glyph_check_without_pdf(tmp_path, capsys):
    facts = _facts(tmp_path, "𰀀")
    assert main(["build", str(facts), "-o", str(tmp_path / "r.docx")]) == 0
    assert "U+30000" not in capsys.readouterr().err


def test_the_mapping_resolves_extension_b_to_hanamin():
    env = {**os.environ, "FONTCONFIG_FILE": str(FONTCONFIG_FILE.resolve())}
    found = subprocess.run(["fc-match", "--format=%{family[0]}", "仿宋_GB2312:charset=20000"],
                           capture_output=True, text=True, env=env, check=True).stdout
    assert found.startswith("HanaMin")
    names, ranges = glyphs.coverage()
    assert "HanaMinB" in names and "FandolFang" in names
    assert glyphs.covered(0x20000, ranges) and glyphs.covered(ord("嘉"), ranges) and not glyphs.covered(0x30000, ranges)


def test_charset_text_is_read_as_ranges():
    assert glyphs._ranges("20-7e 3000 20000-2a6d6") == [(0x20, 0x7E), (0x3000, 0x3000), (0x20000, 0x2A6D6)]
