"""What people give by mistake is named as such (reportgen/input_hints.py and its callers). The
messages of single mistakes are in tests/fixtures/invalid (the corpus); these tests cover what a
corpus case cannot: other file names, other encodings, files beside the one named."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from conftest import DATA, SEED_FACTS

from docxutil import paragraph_texts
from reportgen.cli import main
from reportgen.load.input_hints import number_hint, syntax_hint, thousands_comma

EXAMPLE = DATA / "example-2025.yaml"


def run(capsys, *args) -> tuple[int, str]:
    code = main([*map(str, args)])
    return code, capsys.readouterr().err


def test_utf16_with_bom_is_read_like_utf8(capsys, tmp_path):
    """Notepad's “Unicode” (UTF-16 LE with BOM) and “Unicode big endian” give the same report."""
    text = SEED_FACTS.read_text(encoding="utf-8")
    for codec, bom in (("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff")):
        facts = tmp_path / f"{codec}.yaml"
        facts.write_bytes(bom + text.encode(codec))
        assert run(capsys, "build", facts, "-o", tmp_path / f"{codec}.docx")[0] == 0
    assert run(capsys, "build", SEED_FACTS, "-o", tmp_path / "utf8.docx")[0] == 0
    expected = paragraph_texts(tmp_path / "utf8.docx")
    assert paragraph_texts(tmp_path / "utf-16-le.docx") == expected == paragraph_texts(tmp_path / "utf-16-be.docx")


def test_utf32_with_bom_is_read_like_utf8(capsys, tmp_path):
    """UTF-32 with its BOM (FF FE 00 00 also starts a UTF-16 LE BOM): read, not reported as a file full of
    U+0000 control characters (LE) or an unreadable byte 0xFE (BE)."""
    text = SEED_FACTS.read_text(encoding="utf-8")
    for codec, bom in (("utf-32-le", b"\xff\xfe\x00\x00"), ("utf-32-be", b"\x00\x00\xfe\xff")):
        facts = tmp_path / f"{codec}.yaml"
        facts.write_bytes(bom + text.encode(codec))
        code, err = run(capsys, "build", facts, "-o", tmp_path / f"{codec}.docx")
        assert code == 0, err
    assert run(capsys, "build", SEED_FACTS, "-o", tmp_path / "utf8.docx")[0] == 0
    expected = paragraph_texts(tmp_path / "utf8.docx")
    assert paragraph_texts(tmp_path / "utf-32-le.docx") == expected == paragraph_texts(tmp_path / "utf-32-be.docx")


def _xlsx() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr("xl/workbook.xml", "<workbook/>")
    return out.getvalue()


@pytest.mark.parametrize("name, data, named", [
    ("统计.xlsx", _xlsx(), "这是一个 Excel 表格（.xlsx），不是事实文件"),
    ("报告.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "这是一个 PDF 文件，不是事实文件"),
    ("报告.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), "这是一个旧版 Office 文档（.doc 或 .xls），不是事实文件"),
])
def test_office_files_given_as_facts_are_named(capsys, tmp_path, name, data, named):
    path = tmp_path / name
    path.write_bytes(data)
    code, err = run(capsys, "build", path, "-o", tmp_path / "r.docx")
    assert code == 1 and f"{path}:1:1: {named}" in err and "没有生成任何文件" in err
    assert not (tmp_path / "r.docx").exists()


@pytest.mark.parametrize("typed, actual", [
    ("名称.yaml", "名称.yaml.txt"),  # Notepad added .txt; Windows hides it
    ("名称", "名称.yaml"),  # typed without .yaml
    ("名称.yaml", "名称.yml"),
])
def test_a_missing_facts_file_gets_a_did_you_mean(capsys, tmp_path, typed, actual):
    (tmp_path / actual).write_bytes(SEED_FACTS.read_bytes())
    code, err = run(capsys, "check", tmp_path / typed)
    assert code == 1 and f"找不到这个文件，请检查路径和文件名。你是不是想写 {tmp_path / actual}？" in err


def test_a_missing_file_with_nothing_similar_has_no_guess(capsys, tmp_path):
    code, err = run(capsys, "check", tmp_path / "没有.yaml")
    assert code == 1 and "找不到这个文件" in err and "你是不是想写" not in err


@pytest.mark.parametrize("raw, meant", [
    ("1e3", "意思是 1000，请直接写 1000"), ("2.5e2", "意思是 250"), ("0x10", "意思是 16"),
    ("0o17", "意思是 15"), ("0b101", "意思是 5"), ("1_268", "请写 1268"), ("12_000_000", "请写 12000000"),
])
def test_number_hints(raw, meant):
    assert meant in number_hint(raw)


@pytest.mark.parametrize("raw", ["12", "12件", "1.5", "abc", "0x", "1e", "_1"])
def test_no_number_hint_for_other_text(raw):
    assert number_hint(raw) is None


def test_a_count_in_a_mapping_row_with_a_thousands_comma(capsys, tmp_path):
    facts = tmp_path / "f.yaml"
    facts.write_text(EXAMPLE.read_text(encoding="utf-8").replace(
        "  new:               [64, 8, 1, 2, 3, 1]",
        "  new:               {natural: 1,064, business: 8, research: 1, nonprofit: 2, legal: 3, other: 1}", 1),
        encoding="utf-8")
    code, err = run(capsys, "check", facts)
    assert code == 1 and "1,064" in err and "1064" in err and "ROWTOTAL" not in err


def test_a_row_typed_without_spaces_is_not_taken_for_thousands(capsys, tmp_path):
    """`[64,8,1,2,3,100]`: every separator is a bare comma, so `3,100` is two numbers."""
    import yaml

    node = yaml.compose("[64,8,1,2,3,100]")
    assert thousands_comma(node) is None
    node = yaml.compose("[64, 8, 1, 2, 3,100]")
    assert thousands_comma(node)[1] == "3100"


@pytest.mark.parametrize("line, column, text", [
    ("  new: [821, 35, , 0]", 18, "有一项空着"),
    ("  new: [, 35, 0, 0]", 9, "有一项空着"),
    ("    count: -", 12, "单独一个“-”"),
    ("  - !注意 文字", 5, "以 ! 开头"),
    ("title: %50", 8, "以 % 开头"),
])
def test_syntax_hints(line, column, text):
    found = syntax_hint(line)
    assert found is not None and found[0] == column and text in found[1]


@pytest.mark.parametrize("value", ["national-2020", "2019", "试行格式"])
def test_the_2019_trial_format_is_named_as_not_supported(capsys, tmp_path, value):
    facts = tmp_path / "f.yaml"
    facts.write_text(SEED_FACTS.read_text(encoding="utf-8").replace("format: narrative-2011", f"format: {value}", 1),
                     encoding="utf-8")
    code, err = run(capsys, "check", facts)
    assert code == 1 and "国办公开办函〔2019〕60号" in err and "还不支持" in err and "national-2021" in err


_HEAD = "format: narrative-2011\nagency:\n  name: 嘉兴市体育局\n  short_name: 市体育局\n  self_name: 我局\nyear: 2011\nsigned: 2012-03-16\n"


@pytest.mark.parametrize("tail", [
    'title: "a\\q"',            # unknown escape
    'title: "a\\x4"',           # short escape sequence
    "title: |x",               # block scalar header
    "title: [1, 2",            # unclosed bracket
    "title: {a: 1",            # unclosed brace
    "title: a: b",             # colon in text
    "title: &a x\nfoo: *b",    # undefined alias
    "title: !重要 x",           # tag
    "title: %x",               # directive character
    "title: x\n...\nfoo: 1",   # document end marker, then more
    "title: x\n---\nfoo: 1",   # a second document
    "%YAML 1.1\n%YAML 1.1\n---\ntitle: x",  # duplicate directive
    "title: -",                # a dash alone
    "title: 'open",            # unclosed quote
    "title: x\n\tfoo: 1",      # tab
    "title: `x`",
    "title: @x",
    "title: x\n  foo: 1",      # a key indented under text
])
def test_every_yaml_syntax_message_is_in_chinese(capsys, tmp_path, tail):
    facts = tmp_path / "f.yaml"
    facts.write_text(_HEAD + tail + "\n", encoding="utf-8")
    code, err = run(capsys, "check", facts)
    first = err.splitlines()[0]
    assert code == 1 and first.startswith(f"{facts}:")
    message = first[len(str(facts)):]
    # No English of PyYAML's ("expected", "found", "while scanning" …) in what the clerk reads.
    shown = re.sub(r"\{[^}]*\}|\"[^\"]*\"|YAML|Tab", "", message)  # examples in braces or quotes
    assert not re.search(r"[A-Za-z]{4,}", shown), message


def test_folder_build_names_files_notepad_saved_as_txt(capsys, tmp_path):
    folder = tmp_path / "facts"
    folder.mkdir()
    (folder / "a-2011.yaml").write_bytes(SEED_FACTS.read_bytes())
    (folder / "b-2011.yaml.txt").write_bytes(SEED_FACTS.read_bytes())
    code = main(["build", str(folder), "-o", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == 0 and "b-2011.yaml.txt 的名字以 .txt 结尾" in err and "去掉" in err
    # Only .txt lookalikes: the folder has no facts file, and the message says why.
    (folder / "a-2011.yaml").unlink()
    code = main(["build", str(folder), "-o", str(tmp_path / "out2")])
    err = capsys.readouterr().err
    assert code == 1 and "b-2011.yaml.txt 的名字以 .txt 结尾" in err and "没有事实文件" in err


def test_a_notepad_txt_facts_file_builds_a_report_named_without_yaml_txt(capsys, tmp_path, monkeypatch):
    """`reportgen build 名称-2011.yaml.txt` (Notepad's name) writes out/名称-2011.docx, not
    out/名称-2011.yaml.docx, and `new` proposes 名称-2012.yaml, not 名称-2012.yaml.yaml."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "名称-2011.yaml.txt").write_bytes(SEED_FACTS.read_bytes())
    assert main(["build", "名称-2011.yaml.txt"]) == 0
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["名称-2011.docx"]
    assert main(["new", "名称-2011.yaml.txt"]) == 0
    assert (tmp_path / "名称-2012.yaml").is_file()
    assert not (tmp_path / "名称-2012.yaml.yaml").exists()


def test_last_years_file_is_found_beside_whatever_its_ending(tmp_path):
    """`new` turns Notepad's 名称-2025.yaml.txt into 名称-2026.yaml: checking that file still finds
    last year's beside it (and a .yaml file finds a .yml one of last year)."""
    from reportgen.api import sibling_previous

    (tmp_path / "名称-2025.yaml.txt").write_text("", encoding="utf-8")
    assert sibling_previous(tmp_path / "名称-2026.yaml") == tmp_path / "名称-2025.yaml.txt"
    (tmp_path / "甲-2025.yml").write_text("", encoding="utf-8")
    assert sibling_previous(tmp_path / "甲-2026.yaml") == tmp_path / "甲-2025.yml"
    (tmp_path / "乙-2025.yaml").write_text("", encoding="utf-8")
    (tmp_path / "乙-2025.yaml.txt").write_text("", encoding="utf-8")
    assert sibling_previous(tmp_path / "乙-2026.yaml") == tmp_path / "乙-2025.yaml"  # its own ending first
    assert sibling_previous(tmp_path / "丙-2026.yaml") is None


@pytest.mark.parametrize("old, new, fix", [
    ("processing_fee: 0 ", "processing_fee: 0元 ", "应为数字（单位：元），这里写的是“0元”：单位已是元，请只写数字 0。"),
    ("fees: 42.15", "fees: 42.15万元", "这里写的是“42.15万元”：单位已是万元，请只写数字 42.15。"),
    ("fees: 42.15", "fees: 421500元", "这里写的是“421500元”：单位是万元，请换算成万元再只写数字（例如 12.5）。"),
    # a choice typed by its Chinese name (the options are listed as key（中文名）) names the key
    ("format: national-2021", "format: 全国统一格式", "不认识“全国统一格式”。你是不是想写 national-2021？"),
    ("  self_name: 我局\n", "  self_name: 我局\n  kind: 政府部门\n", "不认识“政府部门”。你是不是想写 department？"),
])
def test_a_value_typed_as_a_clerk_would_says_what_to_write(capsys, tmp_path, old, new, fix):
    text = (DATA / "example-2025.yaml").read_text(encoding="utf-8")
    assert text.count(old) == 1
    path = tmp_path / "example-2025.yaml"
    path.write_text(text.replace(old, new), encoding="utf-8")
    code, err = run(capsys, "check", path)
    assert code == 1 and fix in err, err


