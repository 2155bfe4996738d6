"""Authoring: next year's file from last year's, the JSON Schema for editors, encodings."""

from __future__ import annotations

import json
import re

import jsonschema
import pytest
import yaml
from conftest import DATA, FIXTURES, SEED_FACTS

from docxutil import paragraph_texts
from reportgen.cli import main

EXAMPLE = DATA / "example-2025.yaml"


def _as_json(path):
    """A facts file as JSON data, dates kept as the text typed (as editors see them)."""

    class Loader(yaml.SafeLoader):
        pass

    Loader.yaml_implicit_resolvers = {
        k: [r for r in v if r[0] != "tag:yaml.org,2002:timestamp"] for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    return yaml.load(path.read_text(encoding="utf-8"), Loader=Loader)


@pytest.fixture(scope="module")
def schema():
    from reportgen.model.schema_export import facts_schema

    return facts_schema()


def test_schema_command_prints_a_valid_json_schema(capsys):
    assert main(["schema"]) == 0
    printed = json.loads(capsys.readouterr().out)
    jsonschema.Draft202012Validator.check_schema(printed)
    assert printed["title"] == "政府信息公开工作年度报告事实文件"


def test_schema_to_file(tmp_path, capsys):
    out = tmp_path / "s.json"
    assert main(["schema", "-o", str(out)]) == 0
    jsonschema.Draft202012Validator.check_schema(json.loads(out.read_text(encoding="utf-8")))


@pytest.mark.parametrize("path", [EXAMPLE, DATA / "example-2024.yaml", SEED_FACTS, DATA / "example-office-2025.yaml",
                                  FIXTURES / "valid" / "haiyan-health-2016.yaml",
                                  FIXTURES / "valid" / "narrative-requests-2013.yaml",
                                  *sorted((FIXTURES / "real").glob("*.yaml"))], ids=lambda p: p.name)
def test_every_valid_example_satisfies_the_schema(schema, path):
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(_as_json(path)))
    assert errors == []


def test_schema_rejects_what_check_rejects(schema):
    data = _as_json(EXAMPLE)
    data["applications"]["new"] = [1, 2]
    data["agency"]["nmae"] = "x"
    assert len(list(jsonschema.Draft202012Validator(schema).iter_errors(data))) >= 1


def test_every_field_has_a_chinese_title(schema):
    def walk(node, path):
        if isinstance(node, dict):
            if "type" in node or "anyOf" in node or "enum" in node:
                assert re.search(r"[\u4e00-\u9fff]", node.get("title", "")), f"{path} has no Chinese title"
            for key, value in node.items():
                if key in ("properties", "patternProperties"):
                    for name, sub in value.items():
                        walk(sub, f"{path}.{name}")
                elif key in ("items",):
                    walk(value, path + "[]")
        elif isinstance(node, list):
            for item in node:
                walk(item, path)

    for branch in schema["oneOf"]:
        walk(branch, branch["properties"]["format"]["const"])


def test_new_makes_next_years_file(tmp_path, capsys):
    out = tmp_path / "X.yaml"
    assert main(["new", str(EXAMPLE), "-o", str(out)]) == 0
    said = capsys.readouterr().out
    assert "请填写其中留空的数字" in said and "改写沿用的上年文字" in said
    text = out.read_text(encoding="utf-8")
    assert text.splitlines()[0] == "# yaml-language-server: $schema=./reportgen.schema.json"
    jsonschema.Draft202012Validator.check_schema(json.loads((tmp_path / "reportgen.schema.json").read_text(encoding="utf-8")))
    data = _as_json(out)
    assert data["year"] == 2026 and data["signed"] == "2027-01-20"
    assert data["agency"]["name"] == "示例市示例局"
    assert data["overview"]["active"][0].startswith("全年通过{channels.website}主动公开政府信息")  # narrative carried over
    # last year's 结转下年度继续办理 is this year's 上年结转
    assert data["applications"]["carried_over"] == {"natural": 2, "business": 2, "research": 0, "nonprofit": 0,
                                                    "legal": 0, "other": 0}
    # the year's counts are empty, last year's value beside each
    assert data["applications"]["new"]["natural"] is None
    assert re.search(r"^    natural: +# 自然人，上年：64$", text, re.M)
    assert data["active_disclosure"]["licensing"] is None
    assert "licensing:                 # 行政许可：本年处理决定数量（上年：1386）" in text
    assert data["processing_fee"] is None


def test_check_of_a_new_file_lists_every_unfilled_count(tmp_path, capsys):
    out = tmp_path / "X.yaml"
    assert main(["new", str(EXAMPLE), "-o", str(out)]) == 0
    capsys.readouterr()
    assert main(["check", str(out)]) == 1
    err = capsys.readouterr().err
    said = err.rstrip().splitlines()
    # 23 rows × 6 applicant columns (上年结转 is filled in), 3 × 4 outcomes, 2 × 3 rule counts,
    # 3 decisions, 2 amounts (fees, processing_fee), and the example's 3 named counts: blanks, not errors
    blanks = 23 * 6 + 3 * 4 + 2 * 3 + 3 + 2 + 3
    assert said[0] == f"{out}: 还有 {blanks} 处待填：以下各处还没有填写，请填写整数（没有就填 0）："
    assert said[-2] == f"还有 {blanks} 处待填，0 个错误，0 个警告"
    assert said[-1] == f"还没有填完：填好上面列出的各处，再运行 reportgen check {out}。"
    assert [ln for ln in said if ln.startswith(f"{out}:")] == said[:1], "nothing but the blanks"
    # by part of the report, in the order of the file
    parts = [ln.strip() for ln in said if ln.startswith("  ") and not ln.startswith("    ")]
    assert parts == ["正文引用的数量（counts）", "二、主动公开政府信息情况",
                     "三、收到和处理政府信息公开申请情况（下列各行的 自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他 都待填）",
                     "四、政府信息公开行政复议、行政诉讼情况（下列各行的 结果维持、结果纠正、其他结果、尚未审结 都待填）",
                     "六、其他需要报告的事项（信息处理费）"]
    # one short line per blank, a table row's blank cells on one line: 3 + 10 + 23 + 3 + 1
    items = [ln for ln in said if ln.startswith("    第")]
    assert len(items) == 3 + 10 + 23 + 3 + 1 and len(said) == 1 + len(parts) + len(items) + 2
    text = out.read_text(encoding="utf-8").splitlines()
    licensing = next(n for n, ln in enumerate(text, 1) if ln.startswith("  licensing:"))
    new = next(n for n, ln in enumerate(text, 1) if ln.startswith("  new:"))
    assert f"    第{licensing}行 行政许可本年处理决定数量" in items
    assert f"    第{new + 1}–{new + 6}行 一、本年新收政府信息公开申请数量" in items  # natural … other, one a line
    assert "    第{}行 门户网站主动公开政府信息（数值）".format(text.index("    value:       # 上年：1268") + 1) in items
    assert items[-1].endswith(" 信息处理费：请填写金额（没有就填 0）")
    # every line listed is a line of the file left empty, in file order
    listed = [int(n) for ln in items for n in re.findall(r"\d+", ln.split("行")[0])]
    assert listed == sorted(listed)
    for n in listed:
        assert re.fullmatch(r"\s*\w+:\s*(#.*)?", text[n - 1]), text[n - 1]


def test_new_refuses_to_overwrite(tmp_path, capsys):
    out = tmp_path / "X.yaml"
    out.write_text("mine", encoding="utf-8")
    assert main(["new", str(EXAMPLE), "-o", str(out)]) == 1
    assert out.read_text(encoding="utf-8") == "mine"
    assert "已经存在" in capsys.readouterr().err


def test_new_default_name_moves_the_year(tmp_path, capsys):
    last = tmp_path / "example-2025.yaml"
    last.write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    assert main(["new", str(last)]) == 0
    assert (tmp_path / "example-2026.yaml").is_file()


def test_new_from_the_narrative_seed(tmp_path, capsys):
    out = tmp_path / "next.yaml"
    assert main(["new", str(SEED_FACTS), "-o", str(out)]) == 0
    data = _as_json(out)
    assert data["year"] == 2012 and data["signed"] == "2013-03-16"
    assert data["counts"]["website_items"]["value"] is None
    assert data["meetings"]["planning"]["count"] is None


@pytest.mark.parametrize("encoding, bom", [("gbk", b""), ("gb18030", b""), ("utf-8", b"\xef\xbb\xbf")])
def test_seed_saved_as_gbk_or_with_bom_builds_the_same_document(tmp_path, capsys, encoding, bom):
    reference, other = tmp_path / "utf8.docx", tmp_path / "other.docx"
    assert main(["build", str(SEED_FACTS), "-o", str(reference)]) == 0
    saved = tmp_path / SEED_FACTS.name
    saved.write_bytes(bom + SEED_FACTS.read_text(encoding="utf-8").encode(encoding))
    assert main(["build", str(saved), "-o", str(other)]) == 0
    assert paragraph_texts(other) == paragraph_texts(reference)
    assert other.read_bytes() == reference.read_bytes()


def _seed_variant(tmp_path, old: str, new: str):
    """The seed facts with `old` typed as `new`, and where to build it."""
    facts = tmp_path / "f.yaml"
    facts.write_text(SEED_FACTS.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    return facts, tmp_path / "r.docx"


def _seed_as_typed(tmp_path):
    """The seed's first paragraph as the 2011 report typed it: 「2011年,市体育局」."""
    text = SEED_FACTS.read_text(encoding="utf-8").replace("{year}年，{agency.short_name}认真", "{year}年,{agency.short_name}认真")
    path = tmp_path / "typed.yaml"
    path.write_text(text, encoding="utf-8")
    line = next(i for i, ln in enumerate(text.splitlines(), 1) if "{year}年,{agency.short_name}" in ln)
    column = text.splitlines()[line - 1].index(",") + 1
    return path, line, column


def test_halfwidth_punctuation_is_warned_with_its_place_and_printed_fullwidth(tmp_path, capsys):
    facts, line, column = _seed_as_typed(tmp_path)
    out = tmp_path / "r.docx"
    assert main(["build", str(facts), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert f"{facts}:{line}:{column}: 警告：导语第1段（第{line}行）：半角标点“,”夹在汉字之间：报告中会印成全角“，”" in err
    assert "〔intro[0]〕" in err
    assert paragraph_texts(out)[1][1].startswith("2011年，市体育局认真贯彻落实")


def test_keep_punctuation_prints_the_text_as_typed(tmp_path, capsys):
    facts, _, _ = _seed_as_typed(tmp_path)
    out = tmp_path / "r.docx"
    assert main(["build", str(facts), "-o", str(out), "--keep-punctuation"]) == 0
    assert paragraph_texts(out)[1][1].startswith("2011年,市体育局认真贯彻落实")


@pytest.mark.parametrize("typed, printed", [
    ("short_name: yes", "yes"),          # yes/no/on/off where text was meant: kept as typed
    ("short_name: off", "off"),
    ("short_name: 010", "010"),
])
def test_yaml_surprises_in_text_fields_are_taken_as_typed(tmp_path, capsys, typed, printed):
    facts, out = _seed_variant(tmp_path, "short_name: 市体育局", typed)
    assert main(["build", str(facts), "-o", str(out)]) == 0, capsys.readouterr().err
    assert paragraph_texts(out)[1][1].startswith(f"2011年，{printed}认真贯彻落实")


@pytest.mark.parametrize("typed, value", [
    ("count: 010", "先后召开10次专题会议"),   # leading zero: read as decimal, never octal
    ("count: ４", "先后召开4次专题会议"),      # full-width digits
])
def test_numbers_as_people_type_them(tmp_path, capsys, typed, value):
    facts, out = _seed_variant(tmp_path, "count: 4", typed)
    assert main(["build", str(facts), "-o", str(out)]) == 0, capsys.readouterr().err
    assert any(value in t for _, t in paragraph_texts(out))


@pytest.mark.parametrize("typed", ["signed: 2012.3.16", "signed: 2012年3月16日", "signed: 2012/03/16"])
def test_dates_in_other_styles_are_accepted(tmp_path, capsys, typed):
    facts, out = _seed_variant(tmp_path, "signed: 2012-03-16", typed)
    assert main(["build", str(facts), "-o", str(out)]) == 0
    assert paragraph_texts(out)[-1][1] == "二〇一二年三月十六日"


def test_new_from_a_windows_file_keeps_crlf_and_stays_valid(tmp_path, capsys):
    last = tmp_path / "win-2025.yaml"
    last.write_bytes(EXAMPLE.read_bytes().replace(b"\n", b"\r\n"))
    out = tmp_path / "win-2026.yaml"
    assert main(["new", str(last), "-o", str(out)]) == 0
    data = out.read_bytes()
    assert b"\r\n" in data and b"\n" not in data.replace(b"\r\n", b"")
    assert main(["check", str(out)]) == 1
    err = capsys.readouterr().err
    findings = [ln for ln in err.splitlines() if ln.startswith(f"{out}:") and not ln.split(": ", 1)[1].startswith("警告：")]
    assert findings == [f"{out}: 还有 164 处待填：以下各处还没有填写，请填写整数（没有就填 0）："]  # blanks only, no mistake
    assert "还有 164 处待填，0 个错误，" in err  # (COPY warns at the copied text)
