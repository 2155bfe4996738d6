"""Every kind of .docx reportgen writes is valid Office Open XML, as Microsoft's own Open XML SDK
validator sees it (npm @ooxml-tools/validate, Microsoft 365 profile; installed into
tools/ooxml-validate by scripts/install-system-deps.sh, run offline under Node), and passes the
structural checks the SDK does not make (tests/ooxml_structure.py).

Validated: both shipped templates; the report of every valid facts file under data/ and
tests/fixtures/ (globbed, so a fixture added later is validated too); and the report built from
each shipped template after LibreOffice re-saved it (what a clerk's custom template often is).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from conftest import DATA, FIXTURES, ROOT
from ooxml_structure import structure_problems

from reportgen import build_report
from reportgen.publish.pdf import find_soffice
from reportgen.render.render import TEMPLATES

VALIDATOR = ROOT / "tools" / "ooxml-validate"
RUNNER = VALIDATOR / "validate.mjs"


def _facts_files() -> list[Path]:
    """Every valid facts file: data/*.yaml and tests/fixtures/**.yaml (and .yml), except those made
    invalid on purpose: in a folder named invalid, with an .expected file beside them (the corpus
    convention), or the user guide's mistakes file (tests/fixtures/readme-mistakes.yaml)."""
    found = sorted(DATA.glob("*.y*ml")) + sorted(FIXTURES.rglob("*.y*ml"))
    return [p for p in found
            if p.suffix in (".yaml", ".yml") and "invalid" not in p.relative_to(ROOT).parts
            and not p.with_suffix(".expected").exists() and p.name != "readme-mistakes.yaml"]


FACTS = _facts_files()
SHIPPED = sorted(TEMPLATES.glob("*.docx"))
# A facts file of each format, for the report built from a template LibreOffice re-saved.
FORMAT_EXAMPLE = {"national-2021": DATA / "example-2025.yaml", "narrative-2011": DATA / "jiaxing-sports-2011.yaml"}

CASES = ([f"template:{p.name}" for p in SHIPPED]
         + [f"report:{p.relative_to(ROOT).as_posix()}" for p in FACTS]
         + [f"libreoffice-template:{name}" for name in FORMAT_EXAMPLE]
         + ["report:odd-values"])

# Values that must reach the XML escaped and intact: markup, quotes, emoji, CJK Extension B.
ODD_VALUES = "R&D <w:t> “引号” 'single' \"double\" ]]> {{ not a tag }} 表情😀与扩展B区𠀀字"


def validate(paths: list[Path], version: str = "Microsoft365") -> dict[str, list[dict]]:
    """Errors per file from the Open XML SDK validator (one Node process for all files)."""
    node = shutil.which("node")
    installed = (VALIDATOR / "node_modules" / "@ooxml-tools" / "validate" / "package.json").is_file()
    assert node and installed, "Open XML SDK validator missing: run scripts/install-system-deps.sh (as root)"
    result = subprocess.run([node, str(RUNNER), "--office-version", version, *map(str, paths)],
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def _resave_with_libreoffice(templates: list[Path], outdir: Path) -> list[Path]:
    soffice = find_soffice()
    assert soffice, "LibreOffice missing: run scripts/install-system-deps.sh"
    profile = outdir / "profile"
    subprocess.run([soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
                    "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(outdir), *map(str, templates)],
                   check=True, capture_output=True, timeout=300)
    return [outdir / p.name for p in templates]


@pytest.fixture(scope="session")
def documents(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("ooxml")
    docs: dict[str, Path] = {f"template:{p.name}": p for p in SHIPPED}
    for i, facts in enumerate(FACTS):
        docs[f"report:{facts.relative_to(ROOT).as_posix()}"] = build_report(facts, folder / f"r{i}.docx").output
    odd = folder / "odd-2011.yaml"
    seed = (DATA / "jiaxing-sports-2011.yaml").read_text(encoding="utf-8")
    assert "狠抓群众体育" in seed
    typed = ODD_VALUES.replace("{{", "{{{{").replace("}}", "}}}}").replace('"', '\\"')  # in a "…" YAML string
    odd.write_text(seed.replace("狠抓群众体育", typed, 1), encoding="utf-8")
    docs["report:odd-values"] = build_report(odd, folder / "odd.docx").output
    resaved = _resave_with_libreoffice([TEMPLATES / f"{name}.docx" for name in FORMAT_EXAMPLE], folder / "lo")
    for (name, facts), template in zip(FORMAT_EXAMPLE.items(), resaved):
        docs[f"libreoffice-template:{name}"] = build_report(facts, folder / f"lo-{name}.docx", template=template).output
    return docs


@pytest.fixture(scope="session")
def sdk_errors(documents: dict[str, Path]) -> dict[str, list[dict]]:
    by_path = validate(list(documents.values()))
    return {case: by_path[str(path)] for case, path in documents.items()}


def _real(errors: list[dict]) -> list[dict]:
    """Errors other than an attribute whose value is still a Jinja tag ('{{ date_right_twips }}'):
    a template holds those until a report fills them in (the reports are validated in full)."""
    return [e for e in errors if not re.search(r"'\{[{%].*?[}%]\}'", e["description"])]


@pytest.mark.parametrize("case", CASES)
def test_open_xml_sdk_finds_no_error(case, sdk_errors):
    found = _real(sdk_errors[case]) if case.startswith("template:") else sdk_errors[case]
    errors = [f"{e['path']['partUri']} {e['path']['xpath']}: {e['id']}: {e['description']}" for e in found]
    assert errors == []


@pytest.mark.parametrize("case", CASES)
def test_tables_and_fields_are_well_formed(case, documents):
    assert structure_problems(documents[case]) == []


def test_every_valid_facts_file_is_covered():
    """The glob finds the shipped examples and the fixtures (a broken glob would validate nothing)."""
    names = {p.name for p in FACTS}
    assert {"example-2025.yaml", "jiaxing-sports-2011.yaml", "haiyan-health-2016.yaml"} <= names


def test_settings_say_current_word(sdk_errors):
    """compatibilityMode 15: Word 2013 to Microsoft 365 open the report normally, not in 兼容模式."""
    for template in SHIPPED:
        with zipfile.ZipFile(template) as package:
            settings = package.read("word/settings.xml").decode()
        assert 'w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"' in settings


# -- the checks can fail ----------------------------------------------------------------------------

def _with_document(tmp_path: Path, source: Path, edit) -> Path:
    """A copy of `source` whose word/document.xml went through `edit` (bytes → bytes)."""
    out = tmp_path / f"edited-{len(list(tmp_path.iterdir()))}.docx"
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in src.namelist():
            data = src.read(name)
            dst.writestr(name, edit(data) if name == "word/document.xml" else data)
    return out


def test_validator_reports_misordered_table_properties(tmp_path):
    """The slip this project once shipped (w:jc after w:tblLook in w:tblPr) is an error to the SDK;
    a LibreOffice-style w:cantSplit w:val="true" too (mended in reports by reportgen.render.ooxml_fixes)."""
    national = TEMPLATES / "national-2021.docx"

    def misorder(xml: bytes) -> bytes:
        return re.sub(rb'(<w:jc w:val="center"/>)(.*?)(<w:tblLook[^>]*/>)', rb"\2\3\1", xml, count=1)

    bad_order = _with_document(tmp_path, national, misorder)
    true_val = _with_document(tmp_path, national, lambda x: x.replace(b"<w:cantSplit/>", b'<w:cantSplit w:val="true"/>', 1))
    errors = {path: _real(found) for path, found in validate([bad_order, true_val]).items()}
    assert [e["path"]["xpath"].rsplit("/", 1)[-1] for e in errors[str(bad_order)]] == ["w:tblPr[1]"]
    assert "'true'" in errors[str(true_val)][0]["description"]


def test_structure_check_finds_each_kind_of_slip(tmp_path):
    national = TEMPLATES / "national-2021.docx"
    assert structure_problems(national) == []
    extra_cell = _with_document(tmp_path, national, lambda x: x.replace(b'<w:gridSpan w:val="4"/>', b'<w:gridSpan w:val="5"/>', 1))
    assert "gridSpan 之和为 5，而 tblGrid 有 4 列" in " ".join(structure_problems(extra_cell))
    orphan = _with_document(tmp_path, national, lambda x: x.replace(b'<w:vMerge w:val="restart"/>', b"<w:vMerge/>", 1))
    assert "vMerge continue 的上方没有" in " ".join(structure_problems(orphan))
    no_end = _with_document(tmp_path, national,
                            lambda x: x.replace(b"</w:body>", b'<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r></w:p></w:body>'))
    assert structure_problems(no_end) == ["word/document.xml：1 个 fldChar begin 没有 end"]


def test_the_odd_values_report_holds_them_exactly(documents):
    from docxutil import paragraph_texts

    assert any(ODD_VALUES in text for _, text in paragraph_texts(documents["report:odd-values"]))
