"""A custom template is bounded (reportgen/template_bounds.py) and its syntax errors are said in
Chinese, placed by the paragraph's text (reportgen/template_errors.py)."""

from __future__ import annotations

import os
import time
import zipfile
from pathlib import Path

import pytest
from conftest import SEED_FACTS

from reportgen.render import template_bounds
from reportgen.cli import main
from reportgen.render.render import TEMPLATES

NARRATIVE = TEMPLATES / "narrative-2011.docx"


def build(capsys, *args) -> tuple[int, str]:
    code = main(["build", *map(str, args)])
    return code, capsys.readouterr().err


def _template_with(tmp_path: Path, name: str, edit=None, extra: tuple[str, int] | None = None) -> Path:
    """A copy of the narrative template: word/document.xml through `edit`; `extra` adds a part of
    that many zero bytes (compressed, a few KB per MB)."""
    out = tmp_path / name
    with zipfile.ZipFile(NARRATIVE) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for part in src.namelist():
            data = src.read(part)
            if edit and part == "word/document.xml":
                data = edit(data.decode("utf-8")).encode("utf-8")
            dst.writestr(part, data)
        if extra:
            with dst.open(extra[0], "w") as handle:
                chunk = bytes(1024 * 1024)
                for _ in range(extra[1]):
                    handle.write(chunk)
    return out


def test_zip_bomb_template_is_refused_at_once(capsys, tmp_path):
    bomb = _template_with(tmp_path, "bomb.docx", extra=("word/media/image1.png", 150))
    assert bomb.stat().st_size < 1024 * 1024  # small on disk
    start = time.monotonic()
    code, err = build(capsys, SEED_FACTS, "-o", tmp_path / "r.docx", "--template", bomb)
    assert time.monotonic() - start < 5
    assert code == 1 and "模板文件解压后有" in err and "上限 100 MB" in err and "压缩炸弹" in err
    assert not (tmp_path / "r.docx").exists()


def test_template_over_the_size_limit_is_refused(capsys, tmp_path):
    big = tmp_path / "big.docx"
    with zipfile.ZipFile(big, "w", zipfile.ZIP_STORED) as dst:  # incompressible: the file itself is large
        dst.writestr("word/media/image1.png", os.urandom(template_bounds.MAX_FILE_BYTES + 1))
    code, err = build(capsys, SEED_FACTS, "-o", tmp_path / "r.docx", "--template", big)
    assert code == 1 and "模板文件太大" in err and "上限 20 MB" in err


def test_template_with_too_many_parts_is_refused(capsys, tmp_path):
    many = tmp_path / "many.docx"
    with zipfile.ZipFile(many, "w") as dst:
        for i in range(template_bounds.MAX_PARTS + 1):
            dst.writestr(f"x/{i}.xml", b"")
    code, err = build(capsys, SEED_FACTS, "-o", tmp_path / "r.docx", "--template", many)
    assert code == 1 and f"包含 {template_bounds.MAX_PARTS + 1} 个部件" in err


def test_shipped_templates_are_well_within_the_limits():
    for template in TEMPLATES.glob("*.docx"):
        template_bounds.check_template_bounds(template)
        with zipfile.ZipFile(template) as package:
            assert sum(p.file_size for p in package.infolist()) < template_bounds.MAX_EXPANDED_BYTES / 100


@pytest.mark.parametrize("broken, expected", [
    ("{{ signature }", "段落“落款{{ signature }"),  # docxtpl joins what follows a broken tag: only the start is checked
    ("{% for x in blocks %}{{ signature }}", "在 {% endif %} 之前缺少 {% endfor %}"),
    ("{{ signature date }}", "“{{ }}”里多了“date”"),
    ("{% foo %}", "不认识的标记 {% foo %}"),
])
def test_template_syntax_error_quotes_the_paragraph(capsys, tmp_path, broken, expected):
    template = _template_with(tmp_path, "t.docx", edit=lambda xml: xml.replace("{{ signature }}", "落款" + broken, 1))
    code, err = build(capsys, SEED_FACTS, "-o", tmp_path / "r.docx", "--template", template)
    assert code == 1 and "模板标记写错了" in err and expected in err, err
    assert "第 " not in err and "unexpected" not in err and "expected token" not in err
    assert not (tmp_path / "r.docx").exists()


def test_a_template_that_cannot_be_read_says_why_in_chinese(capsys, tmp_path, monkeypatch):
    import errno

    import reportgen.render.render as render

    template = tmp_path / "t.docx"
    template.write_bytes(NARRATIVE.read_bytes())

    def denied(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied", str(template))

    monkeypatch.setattr(render.docx_parts, "prepare", denied)  # where the template file is read
    code, err = build(capsys, SEED_FACTS, "-o", tmp_path / "r.docx", "--template", template)
    assert code == 1 and f"{template}: 无法读取模板文件（没有权限" in err and "Permission denied" not in err
