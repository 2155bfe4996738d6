"""Issue 20 item 5: a local rules file (data/rules/local-rules-example.yaml, modelled on a real city notice)
applied by `check` and `build` (--rules, or `local_rules:` in the facts file) and by `check` of a
published report; its own mistakes reported at its file, line and column.

The facts are data/example-2025.yaml (a 区级部门's 2025 report) and variants of it made here. Expected
lines and columns are read off the file by hand: its line 41 is `  intro:` (where `overview`'s value
starts, column 3), line 44 the first paragraph of 主动公开 and line 49 the first of 政府信息管理 (column 7,
after `    - `), line 12 `signed: 2026-01-20` (value at column 9)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import DATA

from reportgen.checks.run import check
from reportgen.cli import main
from reportgen.errors import FactsError

RULES = DATA / "rules" / "local-rules-example.yaml"
NOTICE = "示例市政务公开办公室《关于做好2025年度政府信息公开工作年度报告编制发布工作的通知》（示例政务公开办〔2025〕3号）"
EXAMPLE = (DATA / "example-2025.yaml").read_text(encoding="utf-8")
ACTIVE_LINE = ("    - 全年通过{channels.website}主动公开政府信息{counts.published}条，发布政策解读{counts.interpretations}篇。")
# 主动公开 with every figure the rules ask for: the website, new media, 政策解读, 回应关切.
ACTIVE_FULL = ACTIVE_LINE.replace("篇。", "篇；通过政务微信公众号发布信息320条，在“回应关切”栏目发布回应16条。")
MANAGEMENT_LINE = "    - 严格落实公开前保密审查制度"
# 政府信息管理 with the 规范性文件 issued (5), repealed (3, already in the points) and in force (43), as 表二.
MANAGEMENT_FULL = ("    - 本年制发行政规范性文件{active_disclosure.normative_documents.issued}件，"
                   "现行有效{active_disclosure.normative_documents.in_force}件。严格落实公开前保密审查制度")


def within_limits() -> str:
    text = EXAMPLE.replace(ACTIVE_LINE, ACTIVE_FULL, 1).replace(MANAGEMENT_LINE, MANAGEMENT_FULL, 1)
    assert text.count("公众号发布信息320条") == 1 and text.count("本年制发行政规范性文件{") == 1
    return text


def write(tmp_path: Path, text: str, name: str = "facts-2025.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def local(facts) -> list[tuple[str, int, int, str]]:  # type: ignore[no-untyped-def]
    return [(w.code, w.location.line, w.location.column, w.message) for w in facts.warnings
            if w.code.startswith("LOCAL")]


def test_a_report_within_every_limit_gets_no_finding(tmp_path: Path) -> None:
    facts = check(write(tmp_path, within_limits()), rules=RULES)
    assert facts.local_rules is not None and facts.local_rules.source == NOTICE
    assert local(facts) == []
    assert facts.warnings == []  # and the additions raised nothing else either


def test_the_example_misses_the_figures_the_notice_asks_for(tmp_path: Path) -> None:
    """example-2025 states no new-media count and no 回应关切 count in 主动公开, and its 政府信息管理 names
    the repealed 规范性文件 (in a point) but not those issued or in force (it says them in 主动公开)."""
    found = local(check(write(tmp_path, EXAMPLE), rules=RULES))
    assert [(c, line, col) for c, line, col, _ in found] == [
        ("LOCALFIGURE", 44, 5), ("LOCALFIGURE", 44, 5), ("LOCALFIGURE", 49, 5), ("LOCALFIGURE", 49, 5)]
    messages = [m for *_, m in found]
    assert messages[0].startswith("缺少本地规则要求的数字（LOCALFIGURE）：“主动公开”小节没有写明通过政务新媒体发布的信息数量"
                                  "（没有一句话同时含有“新媒体”或“公众号”或“微博”或“视频号”和数字）")
    assert "没有写明回应关切发布数量" in messages[1]
    assert "“政府信息管理”小节没有写明本年制发行政规范性文件件数" in messages[2]
    assert "“政府信息管理”小节没有写明现行有效行政规范性文件件数" in messages[3]
    assert all(f"依据：{NOTICE}" in m for m in messages)


def test_the_list_item_places_are_those_of_the_paragraphs(tmp_path: Path) -> None:
    """(The column is the list item's: `    - ` puts the text at column 7, the item at 5.)"""
    lines = EXAMPLE.splitlines()
    assert lines[43].startswith("    - 全年通过") and lines[48].startswith("    - 严格落实")


@pytest.mark.parametrize(("change", "expected"), [
    # a part left out: at `overview` (line 41, column 3), naming the figures it should state
    (lambda t: _without_platforms(t),
     ("LOCALPART", 41, 3, "缺少本地规则要求的小节（LOCALPART）：“一、总体情况”没有“平台建设”小节（platforms）")),
    # a number other than the table's: 表二 has 43 in force
    (lambda t: t.replace("现行有效{active_disclosure.normative_documents.in_force}件。严格", "现行有效42件。严格", 1),
     ("LOCALFIGURE", 49, 5, "“政府信息管理”小节写的现行有效行政规范性文件件数（“现行有效42件”：42）与表格中的 43 不同")),
    # signed after the notice's 1月20日 (but before the law's 1月31日 for a department: no DEADLINE)
    (lambda t: t.replace("signed: 2026-01-20", "signed: 2026-01-26", 1),
     ("LOCALDEADLINE", 12, 9, "晚于本地规则的公布期限（LOCALDEADLINE）：成文日期 2026-01-26 晚于规则规定的 2026年1月20日")),
    # over 1,000 characters: 主动公开 made 1,000 characters longer
    (lambda t: t.replace(ACTIVE_FULL, ACTIVE_FULL + "持续做好重点领域信息公开。" * 77, 1),
     ("LOCALLENGTH", 41, 3, "总体情况超过本地规则的字数（LOCALLENGTH）：“一、总体情况”正文")),
])
def test_each_local_rule_is_found_at_its_place(tmp_path: Path, change, expected) -> None:  # type: ignore[no-untyped-def]
    facts = check(write(tmp_path, change(within_limits())), rules=RULES)
    found = local(facts)
    assert [(c, line, col) for c, line, col, _ in found] == [expected[:3]]
    assert expected[3] in found[0][3] and f"依据：{NOTICE}" in found[0][3]
    # PART says a part is missing by the national format, TEXT that 42 is not the table's 43: both true too
    assert {w.code for w in facts.warnings} - {"LOCALPART", "LOCALFIGURE", "LOCALDEADLINE", "LOCALLENGTH", "PART",
                                               "TEXT"} == set()


def _without_platforms(text: str) -> str:
    start = text.index("  platforms:\n")
    end = text.index("  oversight:\n")
    return text[:start] + text[end:]


def test_a_sub_head_without_the_notices_wording(tmp_path: Path) -> None:
    text = within_limits().replace("  platforms:\n    - 持续优化",
                                   "  platforms:\n    heading: 网站运维\n    paragraphs:\n      - 持续优化", 1)
    found = local(check(write(tmp_path, text), rules=RULES))
    line = text.splitlines().index("    heading: 网站运维") + 1
    assert [(c, ln, col) for c, ln, col, _ in found] == [("LOCALPART", line, 14)]
    assert "小节标题“网站运维”没有规则要求的用语“平台建设”" in found[0][3]


def test_the_facts_file_names_its_rules_file(tmp_path: Path) -> None:
    """`local_rules:` beside the facts file, relative to it; the same findings as --rules."""
    (tmp_path / "规则").mkdir()
    shutil.copy(RULES, tmp_path / "规则" / "某市规则.yaml")
    text = EXAMPLE.replace("year: 2025\n", "year: 2025\nlocal_rules: 规则/某市规则.yaml\n", 1)
    facts = check(write(tmp_path, text))
    assert [c for c, *_ in local(facts)] == ["LOCALFIGURE"] * 4
    assert check(write(tmp_path, EXAMPLE, "plain-2025.yaml")).local_rules is None


def test_build_and_check_take_rules(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    path = write(tmp_path, EXAMPLE)
    assert main(["build", str(path), "--rules", str(RULES), "-o", "out.docx"]) == 0
    err = capsys.readouterr().err
    assert err.count("（LOCALFIGURE）") == 4 and "facts-2025.yaml:44:5: 警告：一、总体情况（一）主动公开（第44行）：缺少本地规则要求的数字" in err
    assert main(["build", str(path), "-o", "plain.docx"]) == 0
    assert "LOCAL" not in capsys.readouterr().err
    assert main(["check", str(path), "--rules", str(RULES), "--strict"]) == 1
    assert "（LOCALFIGURE）" in capsys.readouterr().err


def test_a_malformed_rules_file_is_reported_at_each_mistake(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Every mistake at once, each at its file:line:col with the fix; nothing is built."""
    bad = tmp_path / "坏规则.yaml"
    bad.write_text(
        "source: 某市通知\n"                                  # 1
        "deadline: 1月32日\n"                                 # 2: no such day
        "overview:\n"                                          # 3
        "  max_char: 1000\n"                                   # 4: misspelt max_chars
        "  parts:\n"                                           # 5
        "    active:\n"                                        # 6
        "      figures:\n"                                     # 7
        "        - name: 现行有效件数\n"                      # 8
        "          words: [现行有效]\n"                        # 9
        "          equals: active_disclosure.rules.in_force\n",  # 10: no such figure of 表二
        encoding="utf-8")
    with pytest.raises(FactsError) as exc:
        check(write(tmp_path, EXAMPLE), rules=bad)
    where = [(p.location.file, p.location.line, p.location.column, p.code) for p in exc.value.problems if p.is_error]
    assert where == [(str(bad), 2, 11, "bad-date"), (str(bad), 4, 3, "unknown-field"),
                     (str(bad), 10, 19, "unknown-reference")]
    text = str(exc.value)
    assert f"{bad}:2:11: 公布期限（第2行）：应为报告年度次年的某月某日，例如 1月20日，这里写的是“1月32日”。〔deadline〕" in text
    assert "你是不是想写 max_chars" in text
    assert "不认识的表格数字“active_disclosure.rules.in_force”" in text
    syntax = tmp_path / "语法.yaml"
    syntax.write_text("source: 某市通知\noverview:\n  max_chars: [1000\n", encoding="utf-8")
    assert main(["check", str(write(tmp_path, EXAMPLE)), "--rules", str(syntax)]) == 1
    err = capsys.readouterr().err
    assert f"{syntax}:" in err and "检查未通过" in err


def test_check_of_a_published_report_applies_the_rules(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                       monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A .docx built from the facts, checked with --rules: the figures it lacks are found, worded for the
    report (no key, no facts-file line); the report within every limit gets no local finding."""
    monkeypatch.chdir(tmp_path)
    lacking = write(tmp_path, EXAMPLE)
    full = write(tmp_path, within_limits(), "full-2025.yaml")
    assert main(["build", str(lacking), "-o", "lacking.docx"]) == 0
    assert main(["build", str(full), "-o", "full.docx"]) == 0
    capsys.readouterr()
    assert main(["check", "lacking.docx", "--rules", str(RULES)]) == 0
    err = capsys.readouterr().err
    lines = [line for line in err.splitlines() if "LOCAL" in line]
    assert len(lines) == 4 and all(line.startswith("lacking.docx: 警告（报告中的问题）：缺少本地规则要求的数字（LOCALFIGURE）")
                                   for line in lines), err
    assert "“主动公开”小节没有写明通过政务新媒体发布的信息数量" in lines[0] and "(active)" not in err and "（active）" not in err
    assert main(["check", "full.docx", "--rules", str(RULES)]) == 0
    assert "LOCAL" not in capsys.readouterr().err
    assert main(["check", "lacking.docx"]) == 0
    assert "LOCAL" not in capsys.readouterr().err
    bad = tmp_path / "bad.yaml"
    bad.write_text("source: 某市通知\ndeadline: 13月1日\n", encoding="utf-8")
    assert main(["check", "lacking.docx", "--rules", str(bad)]) == 1
    assert f"{bad}:2:11: 公布期限（第2行）：" in capsys.readouterr().err


def test_a_narrative_report_says_the_rules_were_not_applied(tmp_path: Path) -> None:
    """The rules are of the national format's 总体情况: a narrative (2008 条例) report is not checked
    against them, and the check says so rather than passing in silence."""
    facts = check(DATA / "jiaxing-sports-2011.yaml", rules=RULES)
    assert local(facts) == []
    assert any(note.startswith(f"本地规则文件 {RULES} 的要求") and "没有按它检查" in note for note in facts.notes)
