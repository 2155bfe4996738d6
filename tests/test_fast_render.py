"""The report is rendered part by part (reportgen.render.docx_parts), without python-docx: the package must
be the one docxtpl + python-docx made, part for part and byte for byte."""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from docxtpl_reference import reference_docx

from conftest import DATA, FIXTURES, ROOT
from reportgen.checks.run import load_facts
from reportgen.render.render import render_docx, template_path

def _buildable() -> list[Path]:
    """Every example and fixture that builds (the invalid ones stop before rendering)."""
    from reportgen.errors import FactsError

    found = []
    for path in [*sorted(DATA.glob("*.yaml")), *sorted(FIXTURES.rglob("*.yaml"))]:
        try:
            load_facts(path)
        except (FactsError, OSError):
            continue
        found.append(path)
    return found


FACTS = _buildable()


def parts(data: bytes) -> dict[str, bytes]:
    package = zipfile.ZipFile(io.BytesIO(data))
    return {name: package.read(name) for name in package.namelist()}


def both(template: Path, context: dict, properties: dict) -> tuple[dict, dict]:
    return parts(render_docx(template, context, properties=properties)), parts(reference_docx(template, context, properties))


def test_the_examples_and_fixtures_are_compared():
    assert len(FACTS) > 20 and DATA / "example-2025.yaml" in FACTS


@pytest.mark.parametrize("facts_path", FACTS, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_part_as_docxtpl_made_it(facts_path):
    facts = load_facts(facts_path)
    context = facts.format.context(facts)
    properties = {"title": context["title"], "author": facts.data["agency"]["name"], "date": facts.data["signed"]}
    ours, theirs = both(template_path(facts.format.template), context, properties)
    assert sorted(ours) == sorted(theirs)
    for name in theirs:
        assert ours[name] == theirs[name], name
    # the signing indents are there (on the 落款 and 成文日期 paragraphs, when the report is signed)
    assert (b'w:rightChars="' in ours["word/document.xml"]) == bool(context.get("signature") or context.get("date"))


def custom_template(path: Path) -> Path:
    """A template of the kind a user makes in Word: a tag in the header, a value with tabs and line
    breaks, a table whose columns come from a loop, a tag in a core property, a signature style."""
    from docx import Document
    from docx.enum.style import WD_STYLE_TYPE

    doc = Document()
    doc.styles.add_style("落款", WD_STYLE_TYPE.PARAGRAPH)
    doc.sections[0].header.paragraphs[0].text = "{{ agency }} 内部"
    doc.add_paragraph("{{ text }}")
    doc.add_paragraph("{{ signature }}", style="落款")
    table = doc.add_table(rows=2, cols=3)
    table.cell(0, 0).text = "{%tc for c in columns %}"
    table.cell(0, 1).text = "{{ c }}"
    table.cell(0, 2).text = "{%tc endfor %}"
    table.cell(1, 0).text = "固定"
    doc.core_properties.subject = "{{ agency }}年报"
    doc.core_properties.comments = "第二行\r\n"
    doc.save(path)
    return path


def test_a_custom_template_as_docxtpl_renders_it(tmp_path):
    template = custom_template(tmp_path / "custom.docx")
    context = {"agency": "示例局 & <委员会>", "text": "甲\t乙\n丙\f丁\a戊", "signature": "示例局",
               "signature_indent": 4, "date_indent": None, "columns": ["一", "二", "三", "四", "五"]}
    properties = {"title": "标题", "author": "示例局", "date": None}
    ours, theirs = both(template, context, properties)
    for name in theirs:
        if name in ("[Content_Types].xml",) or name.endswith(".rels"):
            continue  # python-docx rewrites these for its own template; ours keeps them as they are
        assert ours[name] == theirs[name], name
    assert "示例局 &amp; &lt;委员会&gt; 内部" in ours["word/header1.xml"].decode()
    # docxtpl renders core properties with autoescape, then python-docx escapes the text again
    assert "<dc:subject>示例局 &amp;amp; &amp;lt;委员会&amp;gt;年报</dc:subject>" in ours["docProps/core.xml"].decode()
    assert "<dc:description>第二行</dc:description>" in ours["docProps/core.xml"].decode()  # Jinja drops the end of line
    assert ours["word/document.xml"].count(b"<w:gridCol ") == 5  # grid follows the rendered cells


def test_a_cold_build_imports_neither_python_docx_nor_docxtpl(tmp_path):
    """python-docx and docxtpl cost ~75 ms of imports: a build whose template cache is warm needs neither."""
    code = ("import sys; from reportgen.cli import main; rc = main(sys.argv[1:]); "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('docx', 'docxtpl'))); sys.exit(rc)")
    command = [sys.executable, "-c", code, "build", str(DATA / "example-2025.yaml"), "-o", str(tmp_path / "r.docx")]
    first = subprocess.run(command, capture_output=True, text=True, cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    again = subprocess.run(command, capture_output=True, text=True, cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    assert again.stdout.splitlines()[-1] == "[]"


def test_templates_carry_no_unused_parts():
    for template in (ROOT / "templates").glob("*.docx"):
        names = zipfile.ZipFile(template).namelist()
        assert "word/stylesWithEffects.xml" not in names and not any(n.startswith("customXml/") for n in names)
        rels = zipfile.ZipFile(template).read("word/_rels/document.xml.rels").decode()
        assert "stylesWithEffects" not in rels and "customXml" not in rels
