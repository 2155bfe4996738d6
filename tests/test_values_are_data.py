"""Issue 21, item 2: every value that reaches generated YAML, CSV, HTML, SVG or the .docx's XML goes
through that format's own writer or escaping, and a line break or control character in a name, a
title, a heading or a label is an error at its place in `check` (reportgen/model/scalars.py,
reportgen/load/yaml_text.py)."""

from __future__ import annotations

import csv
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml
from conftest import DATA, FIXTURES

from docxutil import paragraph_texts
from reportgen.cli import main
from reportgen.importer.write import scalar
from reportgen.load.yaml_text import UNSAFE, comment, quoted

FACTS = DATA / "example-2025.yaml"
NAME_LINE = "  name: 示例市示例局\n"


def run(capsys, *args) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def facts_with(path: Path, old: str, new: str) -> Path:
    text = FACTS.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


# -- check: a line break in a one-line field is an error at its place ---------------------------------

@pytest.mark.parametrize("typed, what", [
    ('"乙局\\ntitle: 注入的标题"', "含有换行"),  # \n typed in quotes
    ('"乙局\\ttitle"', "含有制表符（Tab）"),
    ('"乙局\\Ltitle"', "含有换行（U+2028）"),  # YAML's own escape for U+2028
    ('"乙局\\Ntitle"', "含有换行（U+0085）"),
    ('"乙局\\x9btitle"', "含有控制字符 U+009B"),
])
def test_a_line_break_in_the_agency_name_is_an_error_at_its_place(capsys, tmp_path, typed, what):
    facts = facts_with(tmp_path / "b.yaml", NAME_LINE, f"  name: {typed}\n")
    line = facts.read_text(encoding="utf-8").splitlines().index(f"  name: {typed}") + 1
    code, _, err = run(capsys, "check", facts)
    assert code == 1
    # 9 columns of `  name: "` and 乙局: the break is the 12th character of the line.
    assert f"{facts}:{line}:12: 机关全称（第{line}行）：{what}：机关全称只能写一行，请删除它，把文字连成一行" in err
    assert "〔agency.name〕" in err


def test_a_line_break_in_a_title_line_or_a_heading_is_an_error(capsys, tmp_path):
    text = FACTS.read_text(encoding="utf-8")
    facts = tmp_path / "t.yaml"
    facts.write_text(text.replace("year: 2025\n", 'year: 2025\ntitle: "示例局\\n2025年度报告"\n', 1), encoding="utf-8")
    code, _, err = run(capsys, "check", facts)
    line = text.splitlines().index("year: 2025") + 2  # the title line put under it
    assert code == 1 and f"t.yaml:{line}:12: 标题（第{line}行）：含有换行：标题只能写一行" in err and "〔title〕" in err


def test_the_last_line_end_of_a_block_is_not_part_of_the_name(capsys, tmp_path):
    """`name: |` keeps a final line end: around the name it is dropped, as it always printed."""
    facts = facts_with(tmp_path / "block.yaml", NAME_LINE, "  name: |\n    示例市示例局\n")
    assert run(capsys, "build", facts, "-o", tmp_path / "r.docx")[0] == 0
    assert paragraph_texts(tmp_path / "r.docx")[-2] == ("落款", "示例市示例局")


def test_paragraphs_may_still_run_over_lines(capsys, tmp_path):
    line = '  - "{processing_fee_statement}。{agency.self_name}无其他需要报告的事项。"'
    facts = facts_with(tmp_path / "p.yaml", line,
                       '  - "{processing_fee_statement}。\\n{agency.self_name}无其他需要报告的事项。"')
    assert run(capsys, "check", facts)[0] == 0


# -- rollup: names, file names and reasons never become lines of their own ----------------------------

def test_a_rollup_never_lets_a_name_or_a_file_name_inject_a_key(capsys, tmp_path):
    folder = tmp_path / "agencies"
    folder.mkdir()
    shutil.copy(FACTS, folder / "a-2025.yaml")
    facts_with(folder / "b-2025.yaml", NAME_LINE, '  name: "乙局\\ntitle: 注入的标题"\n')
    shutil.copy(FACTS, folder / "c\ntitle: 文件名注入-2025.yaml")  # a file name holding a line break
    code, _, err = run(capsys, "rollup", folder, "-o", tmp_path / "r.yaml")
    assert code == 0, err
    assert "没有计入 b-2025.yaml：有错误，第7行：含有换行" in err
    text = (tmp_path / "r.yaml").read_text(encoding="utf-8")
    body = [line for line in text.splitlines() if line and not line.startswith("#")]
    assert body[0] == "format: national-2021"  # the header is comments only
    assert "c\\ntitle: 文件名注入-2025.yaml" in text  # named, escaped, on its comment line
    assert "title" not in yaml.safe_load(text)
    assert run(capsys, "check", tmp_path / "r.yaml")[0] == 0


def test_rollup_refuses_an_agency_name_holding_a_line_break(capsys, tmp_path):
    folder = tmp_path / "agencies"
    folder.mkdir()
    shutil.copy(FACTS, folder / "a-2025.yaml")
    code, _, err = run(capsys, "rollup", folder, "-o", tmp_path / "r.yaml", "--agency", "区政府\ntitle: x")
    assert code == 1 and "--agency “区政府\\ntitle: x”：机关名称只能写一行文字" in err
    assert not (tmp_path / "r.yaml").exists()


# -- the YAML writers: quoted and comment ---------------------------------------------------------

HOSTILE = ["a\nb", "a\n", "\r\n", "a\x85b", "a\u2028b", "a\u2029b", "\ufeffa", "a\tb", "\x00\x01\x1f\x7f\x9b",
           'x: "y"', "# c", "- a", "{x}", "[a", "&a *b", "!!python/object", "yes", "~", "", " lead", "trail ",
           "a\\nb", "😀𠀀字", "'single'", '"double"', "key: value\ntitle: x", "---", "...", "%YAML"]


@pytest.mark.parametrize("text", HOSTILE)
def test_quoted_and_scalar_read_back_exactly_on_one_line(text):
    for written in (quoted(text), scalar(text)):
        assert "\n" not in written and not UNSAFE.search(written), written
        assert yaml.safe_load(f"k:\n  v: {written}\n  w: 1\n") == {"k": {"v": text, "w": 1}}, written


def test_comment_never_breaks_its_line():
    for text in HOSTILE:
        line = "# " + comment(text)
        assert "\n" not in line and not UNSAFE.search(line)
        assert yaml.safe_load(line + "\nk: 1\n") == {"k": 1}


def test_import_of_a_report_whose_file_name_holds_a_line_break(capsys, tmp_path):
    name = "r\ntitle: 注入.docx"
    shutil.copy(FIXTURES / "published" / "lanzhou-eco-bureau-2023.docx", tmp_path / name)
    code, _, err = run(capsys, "import", tmp_path / name, "-o", tmp_path / "out.yaml")
    assert code in (0, 1), err
    text = (tmp_path / "out.yaml").read_text(encoding="utf-8")
    assert text.splitlines()[0].startswith("# 由 reportgen import 从 r\\ntitle: 注入.docx 导入")
    assert "title" not in (yaml.safe_load(text) or {})


# -- CSV, HTML, SVG, the .docx's XML ------------------------------------------------------------

def test_check_folder_csv_cells_are_never_formulas(capsys, tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    shutil.copy(FIXTURES / "published" / "lanzhou-eco-bureau-2023.docx", folder / "=HYPERLINK(1).docx")
    assert run(capsys, "check", folder, "-o", tmp_path / "c.csv")[0] in (0, 1)
    with (tmp_path / "c.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows[0]["文件"] == "'=HYPERLINK(1).docx"


ODD = "R&D <b>示例</b> ]]> &amp; 局"


def test_odd_name_is_text_in_docx_html_and_svg(capsys, tmp_path):
    facts = facts_with(tmp_path / "odd.yaml", NAME_LINE, f'  name: "{ODD}"\n')
    out = tmp_path / "r.docx"
    code, _, err = run(capsys, "build", facts, "-o", out, "--html", "--graphic")
    assert code == 0, err
    texts = paragraph_texts(out)
    assert texts[-2] == ("落款", ODD)  # the .docx: escaped by its XML writer, printed as typed
    assert ODD in "".join(t for _, t in texts[:3])  # and in the title (it starts with the agency's name)
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "<b>示例</b>" not in page and "R&amp;D &lt;b&gt;示例&lt;/b&gt; ]]&gt; &amp;amp; 局" in page
    svg = ET.parse(tmp_path / "r.图解.svg")  # well-formed XML, the name a text of it
    assert any(ODD in "".join(e.itertext()) for e in svg.iter())


def test_a_control_character_in_the_title_is_refused_before_the_docx(capsys, tmp_path):
    text = FACTS.read_text(encoding="utf-8")
    facts = tmp_path / "t.yaml"
    facts.write_text(text.replace("year: 2025\n", 'year: 2025\ntitle: "示例局<&]]>\\x0b年度报告"\n', 1),
                     encoding="utf-8")
    code, _, err = run(capsys, "build", facts, "-o", tmp_path / "r.docx")
    line = text.splitlines().index("year: 2025") + 2  # the title line put under it
    assert code == 1 and f"标题（第{line}行）：含有不能写入文档的控制字符 U+000B" in err and "〔title〕" in err
    assert not (tmp_path / "r.docx").exists()


def test_new_carries_an_unsure_reason_as_data(capsys, tmp_path):
    """`new` keeps last year's doubt about 结转 as one about this year's 上年结转, its reason quoted:
    a line break typed in the reason (\\u2028 or \\n) stays inside the value."""
    last = tmp_path / "last-2025.yaml"
    reason = "扫描件\u2028title: 注入\n第二行"
    last.write_text(FACTS.read_text(encoding="utf-8")
                    + '\nunsure:\n  applications.carried_forward: "扫描件\\Ltitle: 注入\\n第二行"\n', encoding="utf-8")
    code, _, err = run(capsys, "new", last, "-o", tmp_path / "next.yaml")
    assert code == 0, err
    text = (tmp_path / "next.yaml").read_text(encoding="utf-8")
    assert not any(ch in text for ch in "\u2028\u2029\x85")
    data = yaml.safe_load(text)
    assert "title" not in data and reason in data["unsure"]["applications.carried_over"]


def test_a_control_character_in_a_failed_files_name_never_stops_the_folders_workbook(capsys, tmp_path):
    """Before: 内部错误 (IllegalCharacterError) from openpyxl, and no 汇总.xlsx."""
    from openpyxl import load_workbook

    folder = tmp_path / "agencies"
    folder.mkdir()
    facts_with(folder / "a-2025.yaml", NAME_LINE, '  name: "甲\\x01局"\n')
    shutil.copy(FACTS, folder / "b-2025.yaml")
    code, out, err = run(capsys, "build", folder, "-o", tmp_path / "out")
    assert code == 1 and "内部错误" not in err and "已生成 1 份报告，1 份失败" in out
    book = load_workbook(tmp_path / "out" / "汇总.xlsx", read_only=True)
    try:
        rows = [[c.value for c in row] for row in book["各机关"].iter_rows()]
    finally:
        book.close()
    assert rows[1][:2] == ["a-2025.yaml", "甲[U+0001]局"]
    assert "控制字符 U+0001" in rows[1][5]


def test_the_editor_schema_says_a_name_is_one_line():
    import jsonschema

    from reportgen.model.schema_export import facts_schema

    for branch in facts_schema()["oneOf"]:
        name = branch["properties"]["agency"]["properties"]["name"]
        jsonschema.validate("示例市示例局", name)
        jsonschema.validate("示例市示例局\n", name)  # a `|` block's last line end: accepted by check too
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate("乙局\ntitle: 注入", name)


def test_the_guide_generator_knows_the_one_line_pattern():
    """scripts/make_docs.py runs `reportgen schema` and words a field by its schema: its copy of the
    pattern must be the schema's, or every name would be described as a date."""
    import re as _re

    from conftest import ROOT

    from reportgen.model.schema_export import ONE_LINE_PATTERN

    script = (ROOT / "scripts" / "make_docs.py").read_text(encoding="utf-8")
    m = _re.search(r'^ONE_LINE_PATTERN = r"(.*)"$', script, _re.M)
    assert m and m.group(1) == ONE_LINE_PATTERN
