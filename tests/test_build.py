"""Building reports through the command line: outputs, exit codes, escaping, templates."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import DATA, FIXTURES, ROOT, SEED_FACTS

from docxutil import paragraph_texts, part
from reportgen.cli import main

OTHER_AGENCY = FIXTURES / "valid" / "haiyan-health-2016.yaml"


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_build_default_output_goes_to_out(capsys, tmp_path):
    code, out, err = run(capsys, "build", str(SEED_FACTS))
    assert code == 0, err
    assert (tmp_path / "out" / "jiaxing-sports-2011.docx").is_file()
    assert "已生成" in out


def test_check_passes_on_the_seed(capsys):
    code, out, _ = run(capsys, "check", str(SEED_FACTS))
    assert code == 0
    assert "检查通过" in out


def test_second_agency_renders_with_the_same_template(capsys, tmp_path):
    out = tmp_path / "haiyan.docx"
    code, _, err = run(capsys, "build", str(OTHER_AGENCY), "-o", str(out))
    assert code == 0, err
    paragraphs = paragraph_texts(out)
    by_style: dict[str, list[str]] = {}
    for style, text in paragraphs:
        by_style.setdefault(style, []).append(text)
    # GB/T 9704: a trapezoid breaking after the agency's name (11 over 13 characters); the earlier
    # break after 年 left a longer line above a shorter one (13 over 10).
    assert by_style["Title"] == ["海盐县卫生和计划生育局\n2016年政府信息公开工作报告"]
    assert by_style["Heading 1"] == ["一、概述", "二、主动公开政府信息情况", "三、依申请公开政府信息情况",
                                     "四、行政复议和行政诉讼情况", "五、存在的问题和改进措施"]
    assert by_style["Heading 2"] == ["（一）组织领导", "（二）制度建设"]
    assert by_style["Heading 3"] == ["1.保密审查", "2.考核评议"]
    body = "\n".join(by_style["Normal"])
    assert "主动公开政府信息412条" in body
    assert "受理依申请公开9件，按时答复9件" in body
    assert "《海盐县卫生和计划生育局政府信息公开保密审查办法》《海盐县卫生和计划生育局依申请公开工作规程》" in body
    assert "一是公开内容还不够全面。二是信息更新还不够及时。下一步，本局将" in body
    assert "开通12320卫生热线、0573-86000000。" in body
    assert paragraphs[-2:] == [("落款", "海盐县卫生和计划生育局"), ("成文日期", "2017年2月28日")]


def test_values_are_escaped_and_appear_literally(capsys, tmp_path):
    facts = tmp_path / "hostile.yaml"
    text = SEED_FACTS.read_text(encoding="utf-8").replace(
        "name: 嘉兴市体育局", 'name: "R&D <x> “引号” \'单\' \\"双\\" </w:t>"', 1)
    facts.write_text(text, encoding="utf-8")
    out = tmp_path / "hostile.docx"
    code, _, err = run(capsys, "build", str(facts), "-o", str(out))
    assert code == 0, err
    paragraphs = paragraph_texts(out)
    assert paragraphs[-2] == ("落款", "R&D <x> “引号” '单' \"双\" </w:t>")
    assert paragraphs[0][1].startswith("R&D <x> “引号”")


def test_failed_build_writes_nothing_and_keeps_existing_output(capsys, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(SEED_FACTS.read_text(encoding="utf-8").replace("year: 2011", "year: -5"), encoding="utf-8")
    out = tmp_path / "report.docx"
    out.write_bytes(b"previous report")
    code, _, err = run(capsys, "build", str(bad), "-o", str(out))
    assert code == 1
    line = SEED_FACTS.read_text(encoding="utf-8").splitlines().index("year: 2011") + 1
    assert f"bad.yaml:{line}:7: 报告年度（第{line}行）：不能小于 1990" in err and "〔year〕" in err
    assert "没有生成任何文件" in err
    assert out.read_bytes() == b"previous report"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".report")] == []


def test_usage_errors_exit_2(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["build"])
    assert exc.value.code == 2
    assert "用法错误" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exc:
        main(["frobnicate"])
    assert exc.value.code == 2
    assert main([]) == 2


def test_missing_facts_file_exits_1(capsys, tmp_path):
    code, _, err = run(capsys, "check", str(tmp_path / "nope.yaml"))
    assert code == 1
    assert "nope.yaml: 找不到这个文件" in err


def _template_with(tmp_path: Path, paragraph: str) -> Path:
    """The narrative template with one more paragraph."""
    import docx

    template = tmp_path / "t.docx"
    shutil.copy(ROOT / "templates" / "narrative-2011.docx", template)
    doc = docx.Document(str(template))
    doc.add_paragraph(paragraph)
    doc.save(str(template))
    return template


def test_template_missing_a_variable_fails(capsys, tmp_path):
    template = _template_with(tmp_path, "{{ agency_motto }}")
    out = tmp_path / "x.docx"
    code, _, err = run(capsys, "build", str(SEED_FACTS), "-o", str(out), "--template", str(template))
    assert code == 1
    assert "agency_motto" in err and "模板用到了事实文件中没有的内容" in err
    assert not out.exists()


def test_template_reaching_for_python_internals_is_refused(capsys, tmp_path):
    template = _template_with(tmp_path, "{{ ''.__class__.__mro__[1].__subclasses__() }}")
    out = tmp_path / "x.docx"
    code, _, err = run(capsys, "build", str(SEED_FACTS), "-o", str(out), "--template", str(template))
    assert code == 1
    assert "不允许" in err
    assert not out.exists()


def test_not_a_docx_template(capsys, tmp_path):
    template = tmp_path / "t.docx"
    template.write_text("not a zip", encoding="utf-8")
    code, _, err = run(capsys, "build", str(SEED_FACTS), "-o", str(tmp_path / "x.docx"), "--template", str(template))
    assert code == 1
    assert "不是 Word 文档" in err


def test_committed_templates_match_the_builder(tmp_path):
    from reportgen.render.template_builder import BUILDERS, make_all

    made = make_all(tmp_path)
    assert {p.name for p in made} == set(BUILDERS)
    for path in made:
        committed = ROOT / "templates" / path.name
        assert _parts(path) == _parts(committed), f"templates/{path.name} is stale: run python scripts/make_templates.py"


def _parts(path: Path) -> dict[str, bytes]:
    import zipfile

    with zipfile.ZipFile(path) as z:
        return {name: z.read(name) for name in z.namelist()}


def _xml(path: Path, name: str) -> bytes:
    return _parts(path)[name]


def _fonts_named(path: Path) -> set[str]:
    """Every font a template's document, styles and footers name (w:rFonts)."""
    import re

    names: set[str] = set()
    for part, data in _parts(path).items():
        if part == "word/document.xml" or part == "word/styles.xml" or part.startswith("word/footer"):
            for attrs in re.findall(rb"<w:rFonts ([^>]*)/?>", data):
                names |= {v.decode() for k, v in re.findall(rb'w:(\w+)="([^"]*)"', attrs) if k != b"hint"}
    return names


@pytest.mark.parametrize("name", ["narrative-2011.docx", "national-2021.docx"])
def test_template_package_carries_no_python_docx_leftovers(name):
    from lxml import etree

    template = ROOT / "templates" / name
    parts = _parts(template)
    app = etree.fromstring(parts["docProps/app.xml"])
    fields = {etree.QName(child).localname: child.text for child in app}
    assert fields == {"Application": "reportgen"}  # no Word name, page count or word count
    assert not [p for p in parts if "thumbnail" in p]
    assert b"thumbnail" not in parts["_rels/.rels"]
    assert b'Extension="jpeg"' not in parts["[Content_Types].xml"]

    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    fonts = {f.get(w + "name"): f for f in etree.fromstring(parts["word/fontTable.xml"])}
    assert set(fonts) == _fonts_named(template) == {
        "仿宋_GB2312", "楷体_GB2312", "黑体", "方正小标宋简体", "宋体", "Times New Roman"}
    for font_name, font in fonts.items():
        charset = font.find(w + "charset").get(w + "val")
        assert charset == ("00" if font_name == "Times New Roman" else "86"), font_name  # 86 = GB2312
        assert font.find(w + "family") is not None and font.find(w + "pitch") is not None
    assert fonts["仿宋_GB2312"].find(w + "altName").get(w + "val") == "仿宋"
    assert fonts["楷体_GB2312"].find(w + "altName").get(w + "val") == "楷体"


def test_report_inherits_the_clean_package(capsys, tmp_path):
    import docx

    out = tmp_path / "x.docx"
    code, _, err = run(capsys, "build", str(DATA / "example-2025.yaml"), "-o", str(out))
    assert code == 0, err
    parts = _parts(out)
    assert b"Microsoft" not in parts["docProps/app.xml"] and b"\xef\xbc\xad\xef\xbc\xb3" not in parts["word/fontTable.xml"]
    assert not [p for p in parts if "thumbnail" in p]
    assert docx.Document(str(out)).paragraphs  # python-docx opens it


def test_module_entry_point_runs_without_traceback(tmp_path):
    out = tmp_path / "x.docx"
    result = subprocess.run([sys.executable, "-m", "reportgen", "build", str(SEED_FACTS), "-o", str(out)],
                            capture_output=True, text=True, encoding="utf-8")
    assert result.returncode == 0, result.stderr
    assert out.is_file()


def test_template_of_the_other_format_is_named_as_such(capsys, tmp_path):
    out = tmp_path / "x.docx"
    code, _, err = run(capsys, "build", str(DATA / "example-2025.yaml"), "-o", str(out),
                       "--template", str(ROOT / "templates" / "narrative-2011.docx"))
    assert code == 1
    assert "这是 narrative-2011 格式的模板，而事实文件是 national-2021 格式" in err
    assert not out.exists()
