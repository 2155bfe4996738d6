"""`reportgen new` leaves behind what spoke of last year's report (reportgen/authoring/new_year.py,
typed_years.py): the import's `# 导入：` notes and `unsure:` marks (but a doubt about 结转下年度继续办理
follows it into 上年结转), one 上年 note per line of a flow row, and a warning at each year typed in
the text that is last year's."""

from __future__ import annotations

import re

import yaml
from conftest import DATA, FIXTURES

from reportgen.cli import main

EXAMPLE = DATA / "example-2025.yaml"
PUBLISHED = FIXTURES / "published"


def run(capsys, *args) -> tuple[int, str, str]:
    code = main([*map(str, args)])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _comments(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip().startswith("#")]


def test_new_from_an_imported_file_drops_the_import_notes_and_keeps_the_rest(tmp_path, capsys):
    last, made = tmp_path / "haibin-2023.yaml", tmp_path / "haibin-2024.yaml"
    assert run(capsys, "import", PUBLISHED / "haibin-gazetteer-office-2023.docx", "-o", last)[0] == 0
    imported = last.read_text(encoding="utf-8")
    # what the import wrote about its reading of the 2023 report: its header and two notes
    assert imported.startswith("# 由 reportgen import 从 haibin-gazetteer-office-2023.docx 导入：")
    assert "  # 导入：正文里的简称是推测的（正文中出现过）：请核对\n" in imported
    import_lines = [c for c in _comments(imported) if "导入：" in c]
    assert len(import_lines) == 4
    assert run(capsys, "new", last, "-o", made)[0] == 0
    text = made.read_text(encoding="utf-8")
    assert "导入" not in text and "reportgen import" not in text
    # every other comment stays, in its order (the section headings the import wrote among them)
    kept = [c for c in _comments(imported) if c not in import_lines]
    assert "# 一、总体情况" in kept
    new_comments = _comments(text)
    assert [c for c in new_comments if c in kept] == kept
    # and the file is still next year's file: nothing but blank counts to fill
    code, _, err = run(capsys, "check", made)
    errors = [ln for ln in err.splitlines() if ln.startswith(f"{made}:") and "警告：" not in ln]
    assert code == 1 and errors and all("还没有填写" in ln for ln in errors), err


def _with_unsure(tmp_path, marks: str):
    text = EXAMPLE.read_text(encoding="utf-8") + "\n# 读取没有把握的数（与原报告核对后删去那一条）\nunsure:\n" + marks
    last = tmp_path / "e-2025.yaml"
    last.write_text(text, encoding="utf-8")
    return last, tmp_path / "e-2026.yaml"


def test_unsure_marks_of_last_years_figures_do_not_follow_them(tmp_path, capsys):
    last, made = _with_unsure(tmp_path, "  applications.new.business: 扫描件经文字识别读出\n"
                                        "  active_disclosure.licensing: 以 PDF 版面推断的格子\n")
    code, _, err = run(capsys, "check", last)
    assert code == 0 and err.count("（UNSURE）") == 2  # the marks were valid, and warned of last year
    assert run(capsys, "new", last, "-o", made)[0] == 0
    text = made.read_text(encoding="utf-8")
    assert "unsure" not in text and "读取没有把握" not in text and "扫描件" not in text
    assert "UNSURE" not in run(capsys, "check", made)[2]


def test_a_doubt_about_last_years_carried_forward_follows_it_into_carried_over(tmp_path, capsys):
    """上年结转 is filled in by `new` from last year's 结转下年度继续办理: a figure read unsurely there must
    not become a sure figure of this year's table in silence."""
    last, made = _with_unsure(tmp_path, "  applications.carried_forward.natural: 以 PDF 版面推断的格子读作 2\n"
                                        "  applications.new.business: 扫描件经文字识别读出\n")
    assert run(capsys, "new", last, "-o", made)[0] == 0
    data = yaml.safe_load(made.read_text(encoding="utf-8"))
    assert data["applications"]["carried_over"]["natural"] == 2  # last year's carried_forward, as read
    [(path, why)] = data["unsure"].items()
    assert path == "applications.carried_over.natural"
    assert why.startswith("即上年“四、结转下年度继续办理”，上年导入时读取没有把握（以 PDF 版面推断的格子读作 2）")
    code, _, err = run(capsys, "check", made)
    unsure = [ln for ln in err.splitlines() if "（UNSURE）" in ln]
    assert len(unsure) == 1 and "二、上年结转" in unsure[0] and "自然人" in unsure[0], err


def test_a_flow_row_gets_one_note_with_each_of_its_counts(tmp_path, capsys):
    text = EXAMPLE.read_text(encoding="utf-8").replace(
        "  normative_documents:       # 行政规范性文件\n    issued: 5\n    repealed: 3\n    in_force: 43\n",
        "  normative_documents: {issued: 5, repealed: 3, in_force: 43}   # 行政规范性文件\n", 1)
    text = text.replace("  regulations:               # 规章\n    issued: 0\n    repealed: 0\n    in_force: 0\n",
                        "  regulations: {issued: 2, repealed: 1, in_force: 7}\n", 1)
    last, made, after = tmp_path / "e-2025.yaml", tmp_path / "e-2026.yaml", tmp_path / "e-2027.yaml"
    last.write_text(text, encoding="utf-8")
    assert run(capsys, "check", last)[0] == 0
    assert run(capsys, "new", last, "-o", made)[0] == 0
    lines = made.read_text(encoding="utf-8").splitlines()
    assert "  regulations: {issued: ~, repealed: ~, in_force: ~}  # 上年：2, 1, 7" in lines
    assert "  normative_documents: {issued: ~, repealed: ~, in_force: ~}   # 行政规范性文件（上年：5, 3, 43）" in lines
    # A year on, filled in (here: last year's file as 2026's, with the note `new` wrote): the note
    # holds that year's figures only, once.
    filled = text.replace("year: 2025", "year: 2026", 1).replace("signed: 2026-01-20", "signed: 2027-01-20", 1).replace(
        "{issued: 5, repealed: 3, in_force: 43}   # 行政规范性文件",
        "{issued: 6, repealed: 0, in_force: 49}   # 行政规范性文件（上年：5, 3, 43）", 1)
    (tmp_path / "later").mkdir()  # (away from e-2025.yaml, whose 结转 and 现行有效 it does not follow)
    made, after = tmp_path / "later" / "e-2026.yaml", tmp_path / "later" / "e-2027.yaml"
    made.write_text(filled, encoding="utf-8")
    assert run(capsys, "check", made)[0] == 0
    assert run(capsys, "new", made, "-o", after)[0] == 0
    later = after.read_text(encoding="utf-8")
    assert "  normative_documents: {issued: ~, repealed: ~, in_force: ~}   # 行政规范性文件（上年：6, 0, 49）\n" in later
    assert "5, 3, 43" not in later  # two years back: gone


def test_new_says_where_the_text_still_names_last_year(tmp_path, capsys):
    text = EXAMPLE.read_text(encoding="utf-8")
    text = text.replace('    - "{year}年，{agency.short_name}坚持', '    - "2025年，{agency.short_name}坚持', 1)
    # a document number and a date that is not the year's: no warning
    text = text.replace("均按规定在网站“政策文件”栏目集中公开。",
                        "均按规定在网站“政策文件”栏目集中公开，示政发〔2025〕3号自二〇二五年三月起施行，2025年底前完成清理。", 1)
    last, made = tmp_path / "e-2025.yaml", tmp_path / "e-2026.yaml"
    last.write_text(text, encoding="utf-8")
    code, said, err = run(capsys, "new", last, "-o", made)
    assert code == 0 and f"已生成 {made}" in said
    warnings = [ln for ln in err.splitlines() if ln.startswith(f"{made}:")]
    assert len(warnings) == 2, err
    new_lines = made.read_text(encoding="utf-8").splitlines()
    # each names the place in the NEW file (line and column of the year as typed)
    for warning, typed in zip(warnings, ("2025", "二〇二五")):
        line, column = map(int, warning.split(":")[1:3])
        assert new_lines[line - 1][column - 1:].startswith(typed), (warning, new_lines[line - 1])
    line = int(warnings[0].split(":")[1])  # checked above against the new file's text
    assert warnings[0].endswith(f"警告：一、总体情况导语第1段（第{line}行）：这段文字写着上年的年度“2025年”，生成 2026 年度的文件时没有改动。"
                                "如果指的是报告年度，请改为“{year}年”（会印成“2026年”，以后每年自动更新）；"
                                "如果确指 2025 年，保留即可。〔overview.intro[0]〕")
    assert "这段文字有 2 处写着上年的年度“二〇二五年”（这里是第一处）" in warnings[1]
    assert "请改为“二〇二六年”" in warnings[1]
    # the text itself is left as typed
    assert any(ln.startswith('    - "2025年，{agency.short_name}坚持') for ln in new_lines)
    assert any("示政发〔2025〕3号自二〇二五年三月起施行，2025年底前" in ln for ln in new_lines)


def test_a_file_written_with_year_references_gets_no_year_warning(tmp_path, capsys):
    code, _, err = run(capsys, "new", EXAMPLE, "-o", tmp_path / "e-2026.yaml")
    assert code == 0 and "上年的年度" not in err
    assert not re.search(r"警告", err)


def test_the_library_gives_each_year_warning_with_its_rule(tmp_path):
    """`api.new_year`'s warnings carry the registered rule `typed-year` (reportgen rules typed-year)."""
    from reportgen.api import new_year
    from reportgen.checks.registry import rule

    text = EXAMPLE.read_text(encoding="utf-8")
    text = text.replace('    - "{year}年，{agency.short_name}坚持', '    - "2025年，{agency.short_name}坚持', 1)
    last = tmp_path / "e-2025.yaml"
    last.write_text(text, encoding="utf-8")
    found = []
    new_year(last, tmp_path / "e-2026.yaml", on_warning=found.append)
    assert [(p.code, p.path) for p in found] == [("typed-year", "overview.intro[0]")]
    assert rule("typed-year") is not None and rule("typed-year").name == "写着上年的年度"
