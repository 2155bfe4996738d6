"""The checks registry (reportgen.checks.registry) is the only list of rules, and says the truth:

- every code a message of reportgen/ carries (a `code=` or a code passed to Problem / Finding / a
  report, a notice, and the （CODE） in a message) is a registered rule or in a family of facts-file
  codes; every registered code is used somewhere; every rule has a test that expects its code;
- a published report gets exactly the rules declared to apply to it, by construction, worded for the
  report: PUNCT and the ○ date reach a hand-built .docx that has them, and the import keeps the
  date as printed so the check can read it;
- `reportgen rules` lists every rule in Chinese, fits the terminal, and `reportgen rules CODE` gives
  one rule with its source; a code it does not know is a usage error.
"""

from __future__ import annotations

import ast
import datetime as dt
import re
from pathlib import Path

import docx
import pytest
from conftest import ROOT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from published_blocks import overview, p, report

from reportgen.checks.listing import columns
from reportgen.checks.registry import CHECKS, FAMILIES, RULES, rule
from reportgen.checks.rule import Family, Rule
from reportgen.cli import main
from reportgen.errors import FactsError, Location, Problem, Severity
from reportgen.importer.document import Block, Para
from reportgen.importer.review import _finding, check_report

PACKAGE = ROOT / "reportgen"
TESTS = ROOT / "tests"
# Calls that make a finding and what they take the code as: (keyword, index of the positional code or None).
MAKERS = {"Problem": ("code", 5), "Finding": ("code", 1), "report": ("code", 4), "report_at": ("code", 4),
          "problem": ("code", None), "warn": ("code", None), "Notice": ("code", 4), "Check": ("code", 2)}
CODE = re.compile(r"^(?:[A-Z]{3,}|[a-z]+(?:-[a-z]+)+)$")
IN_MESSAGE = re.compile(r"（([A-Z]{3,})）")
NOT_CODES = {"BOM"}  # （BOM）: 字节顺序标记（BOM）, an abbreviation in a message, not a code
FACTS_SPEAK = re.compile(r"[a-z_]{4,}|事实|程序计算|删去不填|--previous|\{|unsure|请逐项核对|重新生成")


def _modules() -> list[tuple[Path, ast.Module]]:
    return [(path, ast.parse(path.read_text(encoding="utf-8"))) for path in sorted(PACKAGE.rglob("*.py"))]


def _name(call: ast.Call) -> str:
    return call.func.attr if isinstance(call.func, ast.Attribute) else getattr(call.func, "id", "")


def codes_made() -> dict[str, list[str]]:
    """Every code literal passed to a finding's maker, and every （CODE） in a string: code → where."""
    found: dict[str, list[str]] = {}
    for path, tree in _modules():
        for node in ast.walk(tree):
            where = f"{path.relative_to(ROOT)}:{getattr(node, 'lineno', 0)}"
            if isinstance(node, ast.Call) and _name(node) in MAKERS:
                keyword, index = MAKERS[_name(node)]
                args = [k.value for k in node.keywords if k.arg == keyword]
                if index is not None and len(node.args) > index:
                    args.append(node.args[index])
                for arg in args:
                    if isinstance(arg, ast.Constant) and isinstance(arg.value, str) and CODE.match(arg.value):
                        found.setdefault(arg.value, []).append(where)
            elif isinstance(node, ast.Constant) and isinstance(node.value, str):
                for code in IN_MESSAGE.findall(node.value):
                    if code not in NOT_CODES:
                        found.setdefault(code, []).append(where)
    return found


def literals_outside_declarations() -> set[str]:
    """Every string literal of reportgen/ but the codes a Rule (its first argument) or a Family (its
    third) declares: a code is used when it is written somewhere else."""
    declared: set[int] = set()
    strings: list[ast.Constant] = []
    for _, tree in _modules():
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and _name(node) in ("Rule", "Family"):
                index = 0 if _name(node) == "Rule" else 2
                if len(node.args) > index:
                    declared.update(id(c) for c in ast.walk(node.args[index]) if isinstance(c, ast.Constant))
            elif isinstance(node, ast.Constant) and isinstance(node.value, str):
                strings.append(node)
    return {s.value for s in strings if id(s) not in declared}


# -- the registry --------------------------------------------------------------------------------

def test_every_code_a_message_carries_is_registered() -> None:
    made = codes_made()
    assert len(made) > 60, sorted(made)  # the scan finds the makers (it would pass vacuously otherwise)
    family_codes = {c for f in FAMILIES for c in f.codes}
    unknown = {code: where for code, where in made.items() if code not in RULES and code not in family_codes}
    assert unknown == {}, "codes no rule or family declares (add them to the registry): " + repr(unknown)


def test_every_registered_code_is_used() -> None:
    used = literals_outside_declarations() | set(codes_made())
    declared = list(RULES) + [c for f in FAMILIES for c in f.codes]
    assert [code for code in declared if code not in used] == []


def test_a_code_is_declared_once() -> None:
    rules = [r.code for check in CHECKS for r in check.rules]
    family_codes = [c for f in FAMILIES for c in f.codes]
    assert len(rules) == len(set(rules)) == len(RULES)
    assert len(family_codes) == len(set(family_codes)) and not set(family_codes) & set(rules)
    assert all(c.islower() for c in family_codes)


def test_every_rule_declares_what_a_reader_needs() -> None:
    for r in RULES.values():
        assert r.name and r.checks.endswith("。") and r.source, r.code
        assert r.facts or r.report, f"{r.code} applies to nothing"
        assert not (r.previous and r.report and not r.report.by_import), f"{r.code}: a published report has no last year's"
    for check in CHECKS:
        assert (check.run is None) == bool(check.made_by), [r.code for r in check.rules]


def _test_texts() -> dict[Path, str]:
    out = {}
    for path in TESTS.rglob("*"):
        if path.is_file() and (path.suffix in (".py", ".expected") or path.name.endswith(".expected.txt")):
            out[path] = path.read_text(encoding="utf-8", errors="replace")
    return out


def test_every_rule_has_a_test_that_expects_it() -> None:
    """Each rule's code is in some test's expectations: a test's assertion, a reviewer or invalid case's
    expected messages, a published report's `slip:` line."""
    texts = _test_texts()
    missing = [code for code in RULES
               if not any(re.search(rf"(?<![\w-]){re.escape(code)}(?![\w-])", t) for p_, t in texts.items()
                          if p_.name != "test_rules.py" or code in TRIGGERED)]
    assert missing == []


# -- a published report gets the rules that apply to it ------------------------------------------

def _problem(code: str, message: str = "消息。", path: str = "overview.active") -> Problem:
    return Problem(Location("facts.yaml", 3, 5), message, path, "", Severity.WARNING, code, "  active: 消息")


@pytest.mark.parametrize("code", list(RULES))
def test_a_published_report_gets_a_rule_exactly_as_declared(code: str) -> None:
    declared = rule(code)
    assert declared is not None
    finding = _finding(_problem(code, f"某处不对（{code}）：请改正。"))
    if declared.report is None or declared.report.by_import:
        assert finding is None
    else:
        assert finding is not None and finding.code == code and finding.kind == declared.report.kind


@pytest.mark.parametrize("code", [f.codes[0] for f in FAMILIES])
def test_a_facts_file_code_on_a_published_report_is_our_bug(code: str) -> None:
    finding = _finding(_problem(code, "不认识的字段 x。"))
    assert finding is not None and finding.code == "INTERNAL" and finding.is_error
    assert finding.kind == "unsure"  # our reading failed, not the report: 读取没有把握, never 报告中的问题
    assert finding.message.startswith("导入结果无法检查（facts.yaml:3:5: 警告：一、总体情况（一）主动公开（第3行）：不认识的字段 x。〔overview.active〕")


def write_docx(blocks: list[Block], path: Path) -> Path:
    """A .docx as a clerk's Word makes it: each Para a paragraph, each Table a table whose merged cells
    (the same Cell object over several positions) are merged."""
    doc = docx.Document()
    for b in blocks:
        if isinstance(b, Para):
            para = doc.add_paragraph()
            para.add_run(b.text).bold = b.bold or None
            if b.align:
                para.alignment = {"center": WD_ALIGN_PARAGRAPH.CENTER, "right": WD_ALIGN_PARAGRAPH.RIGHT}[b.align]
            continue
        rows, cols = len(b.rows), len(b.rows[0])
        table = doc.add_table(rows, cols)
        table.style = "Table Grid"
        done: set[int] = set()
        for r, row in enumerate(b.rows):
            for c, cell in enumerate(row):
                if id(cell) in done:
                    continue
                done.add(id(cell))
                r2, c2 = r, c
                while r2 + 1 < rows and b.rows[r2 + 1][c] is cell:
                    r2 += 1
                while c2 + 1 < cols and b.rows[r][c2 + 1] is cell:
                    c2 += 1
                target = table.cell(r, c) if (r2, c2) == (r, c) else table.cell(r, c).merge(table.cell(r2, c2))
                target.text = cell.text
    doc.save(str(path))
    return path


SLIPS = report(
    overview_blocks=overview([
        p("（一）主动公开情况。全年在政府门户网站主动公开政府信息1136条,其中政策文件42条。"),
        p("（二）依申请公开情况。全年新收政府信息公开申请36件，均在法定期限内答复。"),
        p("（三）政府信息管理情况。严格执行“先审后发”制度。"),
        p("（四）政府信息公开平台建设情况。加强政府网站和政务新媒体监管。"),
        p("（五）政府信息公开监督保障情况。将政务公开纳入全区各部门年度绩效考核，开展政务公开社会评议，全年未发生责任追究情况。")]),
    signing=[p("示例区人民政府", align="right"), p("二○二四年一月二十日", align="right")])


def test_a_hand_made_docx_without_slips_gets_no_finding(tmp_path: Path) -> None:
    """The docx writer itself is sound: the report the slips are added to is clean."""
    assert check_report(write_docx(report(), tmp_path / "clean.docx")).findings == []


def test_a_published_report_gets_punct_and_the_circle_date(tmp_path: Path) -> None:
    """PUNCT and date-zero reached a facts file only; a .docx with a half-width comma between Chinese
    characters and 二○二四年 (○ U+25CB for 〇) in its date gets both, worded for the report: the
    characters around the mark (8 each side) and the part it is in, since a report has no line numbers."""
    findings = check_report(write_docx(SLIPS, tmp_path / "report.docx")).findings
    assert [(f.code, f.severity, f.kind, f.message) for f in findings] == [
        ("date-zero", Severity.WARNING, "report",
         "成文日期“二○二四年一月二十日”年份里的零写成了圆圈“○”（U+25CB）：公文日期用汉字写时，零应为“〇”（U+3007，GB/T 9704—1999）。"),
        ("PUNCT", Severity.WARNING, "report",
         "半角标点“,”夹在汉字之间（“…府信息1136条,其中政策文件42…”，见“一、总体情况（一）主动公开”）："
         "中文里应使用全角“，”（GB/T 15834—2011《标点符号用法》）。"),
    ]
    for f in findings:
        assert not FACTS_SPEAK.search(f.message), f.message


def test_the_import_keeps_a_circle_date_as_printed(tmp_path: Path) -> None:
    """The date is what date-zero reads: the facts file an import writes keeps 二○二四年一月二十日 (it
    prints 〇 when built), and checking it warns, as it would a clerk who typed it."""
    from reportgen.checks.run import load_facts
    from reportgen.importer import import_document
    from reportgen.importer.write import facts_text

    text = facts_text(import_document(write_docx(SLIPS, tmp_path / "report.docx")))
    assert re.search(r"^signed: 二○二四年一月二十日$", text, re.M)
    (tmp_path / "imported.yaml").write_text(text, encoding="utf-8")
    facts = load_facts(tmp_path / "imported.yaml")
    assert facts.data["signed"] == dt.date(2024, 1, 20)
    assert [w.code for w in facts.warnings if w.path == "signed"] == ["date-zero"]


def test_a_government_report_without_assessment_gets_oversight_worded_for_the_report(tmp_path: Path) -> None:
    """OVERSIGHT (条例第五十条第（四）项) on a published district government's report whose 监督保障 names no
    社会评议 and no 责任追究: one warning naming both, without the facts file's advice."""
    blocks = report(overview_blocks=overview([
        p("（一）主动公开情况。全年在政府门户网站主动公开政府信息1136条。"),
        p("（二）依申请公开情况。全年新收政府信息公开申请36件，均在法定期限内答复。"),
        p("（三）政府信息管理情况。严格执行“先审后发”制度。"),
        p("（四）政府信息公开平台建设情况。加强政府网站和政务新媒体监管。"),
        p("（五）政府信息公开监督保障情况。将政务公开纳入全区各部门年度绩效考核。")]))
    findings = check_report(write_docx(blocks, tmp_path / "report.docx")).findings
    assert [(f.code, f.message) for f in findings] == [(
        "OVERSIGHT", "人民政府的年度报告没有写到社会评议、责任追究结果的情况（OVERSIGHT）：《政府信息公开条例》第五十条第（四）项"
                     "要求各级人民政府的年度报告包括工作考核、社会评议和责任追究结果情况（没有开展或没有发生的，也应写明）。")]


# -- rules whose findings no other test names by code --------------------------------------------

NATIONAL = ROOT / "data" / "example-2025.yaml"
TRIGGERED = ("no-previous", "FIGURE", "LEVELS", "TABLE")


def _variant(tmp_path: Path, old: str, new: str, name: str = "示例局-2025.yaml") -> Path:
    text = NATIONAL.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / name
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def _problems(path: Path) -> list[Problem]:
    from reportgen.checks.run import load_facts

    try:
        return load_facts(path).warnings
    except FactsError as exc:
        return exc.problems


def test_no_previous_a_year_over_year_figure_without_last_year(tmp_path: Path) -> None:
    path = _variant(tmp_path, "无其他需要报告的事项。", "新收申请比上年{applications.new.total.change}。无其他需要报告的事项。")
    found = [p_ for p_ in _problems(path) if p_.code == "no-previous"]
    assert [p_.message for p_ in found] == [
        "{applications.new.total.change} 要和上一年度比较，但没有找到上一年度的事实文件：请用 --previous 指定，"
        "或把上年的文件（文件名中的年份减一）放在这个文件旁边。"]


def test_figure_a_derived_figure_naming_nothing(tmp_path: Path) -> None:
    path = _variant(tmp_path, "\nprocessing_fee: 0", "\nfigures:\n  rate: {share: [applications.nothing.total, applications.new.total]}\n"
                    "processing_fee: 0")
    assert [p_.code for p_ in _problems(path) if p_.path.startswith("figures")] == ["FIGURE"]


def test_levels_a_first_level_numbering_in_the_national_format(tmp_path: Path) -> None:
    path = _variant(tmp_path, "\nprocessing_fee: 0", "\nnumbering:\n  level1: 一、\nprocessing_fee: 0")
    found = [p_ for p_ in _problems(path) if p_.code == "LEVELS"]
    assert [(p_.path, p_.severity) for p_ in found] == [("numbering.level1", Severity.WARNING)]


def test_table_a_published_report_without_its_table_three(tmp_path: Path) -> None:
    blocks = report(applications=[p("三、收到和处理政府信息公开申请情况", bold=True)])
    found = [f for f in check_report(write_docx(blocks, tmp_path / "report.docx")).findings if f.code == "TABLE"]
    assert [(f.is_error, f.kind) for f in found] == [(True, "unsure")]
    assert "三、收到和处理政府信息公开申请情况" in found[0].message


# -- reportgen rules -----------------------------------------------------------------------------

def test_rules_lists_every_rule_in_chinese_within_the_terminal(capsys: pytest.CaptureFixture[str],
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    assert main(["rules"]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert all(columns(line) <= 79 for line in lines), [line for line in lines if columns(line) > 79]
    assert ["代码", "名称", "轻重", "适用于", "上一年度"] in [line.split() for line in lines]
    rows = {line.split()[0]: line.split()[1:] for line in lines if line[:1].isalpha() and line.split()[0] in RULES}
    assert list(rows) == list(RULES)
    assert rows["BALANCE"] == ["勾稽关系不平", "错误", "两者"]
    assert rows["CARRY"] == ["上年结转不符", "错误", "事实文件", "需要"]
    assert rows["READ"] == ["无法读取", "错误", "已发布报告"]
    assert rows["INVISIBLE"] == ["看不见的字符", "错误或警告", "两者"]
    # what it checks, on the lines below, wrapped but whole
    body = "".join(line.strip() for line in lines)
    for r in RULES.values():
        assert r.checks.replace(" ", "") in body.replace(" ", ""), r.code
    for family in FAMILIES:
        assert all(code in out for code in family.codes)


def test_rules_narrow_terminal_keeps_every_rule(capsys: pytest.CaptureFixture[str],
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "50")
    assert main(["rules"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert all(columns(line) <= 49 for line in lines)
    assert "CARRY 上年结转不符（错误；事实文件；需要上一年度）" in [a + b.strip() for a, b in zip(lines, lines[1:] + [""])] + lines


def test_rules_code_prints_one_rule_with_its_source(capsys: pytest.CaptureFixture[str],
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """One rule, each item on a line of its own (a long one continues on lines indented by two spaces),
    never wider than the terminal (at most 120 columns: longer lines are hard to read)."""
    monkeypatch.setenv("COLUMNS", "200")
    assert main(["rules", "balance"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert all(columns(line) <= 119 for line in lines)
    items: list[str] = []
    for line in lines:
        items[-1:] = [items[-1] + line[2:]] if line.startswith("  ") else items[-1:] + [line]
    assert items == [
        "BALANCE 勾稽关系不平", "轻重：错误", "适用于：事实文件和已发布的报告", "需要上一年度的事实文件：否",
        "检查什么：表三某一类申请人一列：一、本年新收 + 二、上年结转，不等于 三、本年度办理结果（七）总计 + 四、结转下年度继续办理。",
        "已发布报告上的归类：报告中的问题",
        "依据：国办公开办函〔2021〕30号《政府信息公开工作年度报告格式》表三左上角：“第一项加第二项之和，等于第三项加第四项之和”"]


def test_rules_code_of_a_family(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "unknown-field"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("unknown-field（字段填写）：事实文件写法的错误，不是报告的检查规则。")


def test_rules_unknown_code_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "NOSUCH"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == "reportgen：没有代码为“NOSUCH”的规则。（reportgen rules 列出全部规则和代码）\n"


@pytest.mark.parametrize("typed, meant", [("balanse", "BALANCE"), ("BALANSE", "BALANCE"), ("unknown-feild", "unknown-field")])
def test_rules_misspelt_code_names_the_closest(capsys: pytest.CaptureFixture[str], typed: str, meant: str) -> None:
    """A misspelt code, in either case, is named with the rule meant, written as `rules` lists it."""
    assert main(["rules", typed]) == 2
    captured = capsys.readouterr()
    assert captured.err == (f"reportgen：没有代码为“{typed}”的规则。是不是 {meant}？"
                            f"（reportgen rules {meant} 显示它；reportgen rules 列出全部规则和代码）\n")
    assert main(["rules", meant]) == 0  # and the code it names works
    capsys.readouterr()


def test_rule_and_family_types() -> None:
    assert all(isinstance(r, Rule) for r in RULES.values()) and all(isinstance(f, Family) for f in FAMILIES)
