"""`reportgen check` on published reports (and folders of them) and `reportgen import`: what the
user sees, messages and exit codes."""

from __future__ import annotations

import csv
import shutil
import sys
from pathlib import Path

import pytest
from conftest import DATA, FIXTURES, SEED_FACTS, import_fixture_module

from reportgen import build_report
from reportgen.cli import main

IMPORT = FIXTURES / "import"


def _makers():  # type: ignore[no-untyped-def]
    return import_fixture_module("make_fixtures")


def _edited(tmp_path: Path, edit) -> Path:  # type: ignore[no-untyped-def]
    """The district report (qu-zhengfuban-2023) with one thing changed, as a .docx."""
    doc = _makers().qu_zhengfuban_2023()
    edit(doc)
    out = tmp_path / "edited.docx"
    doc.save(out)
    return out


def _set(cell, text: str) -> None:  # type: ignore[no-untyped-def]
    for run in cell.paragraphs[0].runs:
        run.text = ""
    cell.paragraphs[0].runs[-1].text = text


def test_a_typed_total_that_does_not_add_up_is_named_by_table_row_and_column(capsys) -> None:
    assert main(["check", str(IMPORT / "shuiwu-2023.docx")]) == 1
    err = capsys.readouterr().err.splitlines()
    assert ("shuiwu-2023.docx: 错误（报告中的问题）：复议诉讼总计不符（REVIEWTOTAL）：表“四、政府信息公开行政复议、行政诉讼情况”“行政复议”的“总计”"
            "填的是 0，但 结果维持 6 + 结果纠正 2 + 其他结果 1 + 尚未审结 2 = 11。") in err


def test_a_row_total_typed_wrong_is_an_error(tmp_path: Path, capsys) -> None:
    # 一、本年新收: 34 + 1 + 0 + 0 + 1 + 0 = 36, typed 0.
    report = _edited(tmp_path, lambda doc: _set(doc.tables[1].rows[3].cells[9], "0"))
    assert main(["check", str(report)]) == 1
    err = capsys.readouterr().err
    assert ("行总计不符（ROWTOTAL）：表“三、收到和处理政府信息公开申请情况”“一、本年新收政府信息公开申请数量”行的“总计”填的是 0，"
            "但 自然人 34 + 商业企业 1 + 科研机构 0 + 社会公益组织 0 + 法律服务机构 1 + 其他 0 = 36。") in err


def test_balance_and_text_in_a_published_report(tmp_path: Path, capsys) -> None:
    def edit(doc):  # type: ignore[no-untyped-def]
        _set(doc.tables[1].rows[27].cells[3], "5")  # 四、结转下年度 自然人 2 → 5: the columns no longer balance
        for p in doc.paragraphs:
            if "全年新收政府信息公开申请36件" in p.text:
                p.runs[0].text = p.runs[0].text.replace("36件", "63件")

    assert main(["check", str(_edited(tmp_path, edit))]) == 1
    err = capsys.readouterr().err
    assert "勾稽关系不平（BALANCE）：表“三、收到和处理政府信息公开申请情况”“自然人”列，一、本年新收 34 + 二、上年结转 2 = 36，" in err
    assert "正文写的是“新收政府信息公开申请63件”" in err and "（见“一、总体情况（二）依申请公开”）" in err
    assert "applications" not in err  # no advice about facts files for a published report


def test_a_late_report_is_warned_and_an_undated_page_is_not(tmp_path: Path, capsys) -> None:
    def late(doc):  # type: ignore[no-untyped-def]
        doc.paragraphs[-1].runs[0].text = "2024年3月5日"

    assert main(["check", str(_edited(tmp_path, late))]) == 0
    assert "晚于法定期限（DEADLINE）" in capsys.readouterr().err

    def undated(doc):  # type: ignore[no-untyped-def]
        for p in doc.paragraphs[-3:]:
            p.runs[0].text = "" if p.runs else ""

    assert main(["check", str(_edited(tmp_path, undated))]) == 0
    err = capsys.readouterr().err
    assert "DEADLINE" not in err and "没有找到成文日期" in err


def test_the_format_must_fit_the_year(tmp_path: Path, capsys) -> None:
    # A narrative report (no statutory tables) for 2023: the national format was due.
    def later(doc):  # type: ignore[no-untyped-def]
        doc.paragraphs[0].runs[0].text = "青山县文化广电新闻出版局2023年度政府信息公开工作年度报告"
        doc.paragraphs[-1].runs[0].text = "2024年1月15日"

    doc = _makers().wenguangju_2012()
    later(doc)
    doc.save(tmp_path / "narrative-2023.docx")
    # An error, not a warning: without the three tables the report lacks what 条例第五十条 asks
    # (依申请公开, 行政复议和行政诉讼 figures), none of its numbers was checked, and a file cut
    # short (a page saved in part) looks the same: the reviewer must open the original.
    assert main(["check", str(tmp_path / "narrative-2023.docx")]) == 1
    err = capsys.readouterr().err
    assert ("错误（报告中的问题）：2023 年度报告应使用全国统一格式（国办公开办函〔2021〕30号），"
            "这份报告里却没有找到统一格式的表格") in err
    assert "请确认年度和格式" not in err  # said once, about the report (not again as the facts file's FORMAT)


def test_unreadable_reports_get_a_message_not_a_traceback(tmp_path: Path, capsys) -> None:
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"not a zip")
    assert main(["check", str(broken)]) == 1
    err = capsys.readouterr().err
    assert "broken.docx: 错误（发布）：无法读取：不是有效的 Word 文档（.docx）" in err and "Traceback" not in err
    assert main(["import", str(broken), "-o", str(tmp_path / "x.yaml")]) == 1
    assert "无法导入" in capsys.readouterr().err and not (tmp_path / "x.yaml").exists()
    text = tmp_path / "report.txt"
    text.write_text("x", encoding="utf-8")
    assert main(["import", str(text)]) == 1
    assert "不认识的文件类型 .txt" in capsys.readouterr().err


def test_a_folder_of_ten_reports_gives_a_rollup(tmp_path: Path, capsys) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    for f in IMPORT.iterdir():
        if f.suffix in (".docx", ".doc", ".pdf", ".html"):
            shutil.copy(f, folder / f.name)
    for facts in (DATA / "example-2025.yaml", DATA / "example-2024.yaml", SEED_FACTS):
        build_report(facts, folder / f"{facts.stem}.docx")
    (folder / "~$locked.docx").write_bytes(b"Word's lock file")  # left out
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4 nothing else")
    assert len([p for p in folder.iterdir() if not p.name.startswith("~$")]) == 10
    assert main(["check", str(folder), "-o", str(tmp_path / "汇总.csv")]) == 1
    out = capsys.readouterr().out
    assert "已检查 10 份报告：2 份有错误" in out
    raw = (tmp_path / "汇总.csv").read_bytes()
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
    assert [r["文件"] for r in rows] == sorted(p.name for p in folder.iterdir() if not p.name.startswith("~$"))
    by_name = {r["文件"]: r for r in rows}
    assert by_name["shuiwu-2023.docx"]["结果"] == "有错误"
    assert "REVIEWTOTAL" in by_name["shuiwu-2023.docx"]["发现的问题"]
    assert by_name["qu-zhengfuban-2023.docx"] | {} == {**by_name["qu-zhengfuban-2023.docx"], "结果": "通过", "错误": "0",
                                                       "警告": "0", "机关": "东川区人民政府办公室", "年度": "2023"}
    assert by_name["broken.pdf"]["结果"] == "无法读取"
    assert by_name["jiaxing-sports-2011.docx"]["报告格式"] == "叙述式年度报告"
    assert by_name["tongjiju-2023.pdf"]["结果"] == "有警告"


def test_import_writes_a_commented_facts_file_and_checks_it(tmp_path: Path, capsys) -> None:
    out = tmp_path / "last.yaml"
    assert main(["import", str(IMPORT / "tongjiju-2023.pdf"), "-o", str(out)]) == 0
    captured = capsys.readouterr()
    assert f"已生成 {out}" in captured.out and "检查结果：0 个错误，0 个警告" in captured.out
    assert "导入提示：表“三、收到和处理政府信息公开申请情况”有 150 个格子是空白" in captured.err
    text = out.read_text(encoding="utf-8")
    assert ("  # 导入：natural：原表“一、本年新收政府信息公开申请数量·自然人”为空白，按 0 读取\n" in text)
    assert ("  # 导入：other：原表“一、本年新收政府信息公开申请数量·其他”为空白，按 0 读取\n"
            "  new: [0, 0, 0, 0, 0, 0]   # 一、本年新收政府信息公开申请数量\n") in text
    assert main(["build", str(out), "-o", str(tmp_path / "r.docx")]) == 0
    # never overwrites
    assert main(["import", str(IMPORT / "tongjiju-2023.pdf"), "-o", str(out)]) == 1
    assert "文件已经存在" in capsys.readouterr().err


def test_import_default_output_is_beside_in_the_current_folder(tmp_path: Path, capsys, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["import", str(IMPORT / "wenguangju-2012.docx")]) == 0
    assert (tmp_path / "wenguangju-2012.yaml").is_file()


@pytest.mark.parametrize("args", [["check", "x.docx", "--previous", "y.yaml"]])
def test_check_of_a_report_refuses_previous(args, capsys, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copy(IMPORT / "qu-zhengfuban-2023.docx", tmp_path / "x.docx")
    assert main(args) == 2
    assert "不能用 --previous" in capsys.readouterr().err


def test_a_wps_file_is_read_through_libreoffice(tmp_path: Path, capsys) -> None:
    # WPS Office saves .wps files in the Word 97 binary format; LibreOffice opens them as such.
    shutil.copy(IMPORT / "jiedao-2024.doc", tmp_path / "jiedao-2024.wps")
    assert main(["import", str(tmp_path / "jiedao-2024.wps"), "-o", str(tmp_path / "j.yaml")]) == 0
    assert "name: 滨河街道办事处" in (tmp_path / "j.yaml").read_text(encoding="utf-8")


def test_a_folder_without_reports_says_so(tmp_path: Path, capsys) -> None:
    # (a folder of facts files is checked as such since issue 22: tests/test_init_examples.py)
    (tmp_path / "说明.txt").write_text("不是报告", encoding="utf-8")
    assert main(["check", str(tmp_path)]) == 1
    assert "中没有报告文件" in capsys.readouterr().err


def test_a_folder_check_names_what_it_did_not_check(tmp_path: Path, capsys) -> None:
    # before: the reports in subfolders (a district's folder of 2023/ and 2024/) were skipped in silence;
    # a subfolder without a report (旧/) is not named
    folder = tmp_path / "reports"
    (folder / "2023").mkdir(parents=True)
    (folder / "旧").mkdir()
    shutil.copy(IMPORT / "shuiwu-2023.docx", folder / "b.docx")
    shutil.copy(IMPORT / "shuiwu-2023.docx", folder / "2023" / "c.docx")
    (folder / "说明.txt").write_text("x", encoding="utf-8")
    (folder / "~$b.docx").write_bytes(b"lock")  # Word's lock file: not named
    main(["check", str(folder), "-o", str(folder / "汇总.csv")])
    said = capsys.readouterr()
    assert "已检查 1 份报告" in said.out
    assert ("没有检查：子文件夹 1 个（2023），不是报告的文件 1 个（说明.txt）（只检查这个文件夹里的 .docx .doc .wps "
            ".html .pdf；子文件夹里的报告请另外检查）。") in said.err
    main(["check", str(folder), "-o", str(folder / "汇总.csv")])  # its own roll-up is not named either
    assert "汇总.csv）" not in capsys.readouterr().err


def test_a_typed_results_total_and_blank_totals(tmp_path: Path, capsys) -> None:
    def edit(doc):  # type: ignore[no-untyped-def]
        apps = doc.tables[1]
        _set(apps.rows[26].cells[3], "43")  # （七）总计 自然人: the rows above add up to 34
        for r in (7, 8):  # 总计 left blank in two rows, as some published tables have it
            _set(apps.rows[r].cells[9], "")

    assert main(["check", str(_edited(tmp_path, edit))]) == 1
    err = capsys.readouterr().err
    assert "办理结果总计不符（RESULTS）：表“三、收到和处理政府信息公开申请情况”“（七）总计”行“自然人”列填的是 43，但（一）至（六）各行之和为 34" in err
    assert ("有 2 行的“总计”是空白（“（三）不予公开 1.属于国家秘密”、“（三）不予公开 2.其他法律行政法规禁止公开”）" in err)


def test_a_build_loads_nothing_of_the_import(tmp_path: Path) -> None:
    """A cold `reportgen build` stays as fast as before: the importer and the PDF libraries (PDFium
    through pypdfium2, pdfplumber) are loaded only by `import` and by `check` of a published report."""
    import subprocess

    code = ("import sys; from reportgen.cli import main; main(['build', sys.argv[1], '-o', sys.argv[2]]); "
            "print(sorted(m for m in sys.modules if m.startswith(('reportgen.importer', 'pdfplumber', 'pdfminer', 'pypdfium2'))))")
    out = subprocess.run([sys.executable, "-c", code, str(DATA / "example-2025.yaml"), str(tmp_path / "r.docx")],
                         capture_output=True, text=True, check=True).stdout
    assert out.strip().splitlines()[-1] == "[]"


def test_a_2023_report_with_the_2019_trial_active_table_is_named_as_such(tmp_path: Path, capsys) -> None:
    def trial(doc):  # type: ignore[no-untyped-def]
        header = doc.tables[0].rows[1].cells
        for cell, text in zip(header[1:], ("本年新制作数量", "本年新公开数量", "对外公开总数量")):
            _set(cell, text)

    assert main(["check", str(_edited(tmp_path, trial))]) == 0
    err = capsys.readouterr().err
    assert "表“二、主动公开政府信息情况”用的是 2019 年试行格式（国办公开办函〔2019〕60号），不是 2021 年的格式。" in err
    assert "请逐项核对" not in err  # the import's advice on the facts file it writes is not the reviewer's
    assert "警告（报告中的问题）：2023 年度报告应使用全国统一格式（国办公开办函〔2021〕30号），这份报告用的是2019 年试行格式（国办公开办函〔2019〕60号）。" in err


def test_a_folder_check_streams_and_converts_doc_and_wps_a_batch_at_a_time(tmp_path: Path, capsys,
                                                                         monkeypatch) -> None:
    """check FOLDER: the .doc/.wps are converted CONVERT_BATCH at a time (here 3), a batch never
    holding two files whose .docx would have the same name (a.doc, a.wps); every report is read;
    the findings are printed and the rows written in file-name order, as each report is checked."""
    from reportgen.importer import review_folder
    from reportgen.publish import libreoffice

    folder = tmp_path / "reports"
    folder.mkdir()
    for name in ("a.doc", "a.wps", "c.doc"):
        shutil.copy(IMPORT / "jiedao-2024.doc", folder / name)
    shutil.copy(IMPORT / "shuiwu-2023.docx", folder / "b.docx")
    calls: list[list[str]] = []
    convert = libreoffice.convert_files

    def counted(files, *args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append([Path(f).name for f in files])
        return convert(files, *args, **kwargs)

    monkeypatch.setattr(libreoffice, "convert_files", counted)
    monkeypatch.setattr(review_folder, "CONVERT_BATCH", 3)
    seen: list[str] = []
    done = review_folder.check_folder(folder, tmp_path / "汇总.csv", jobs=2, each=lambda c: seen.append(c.source.name))
    assert calls == [["a.doc", "c.doc"], ["a.wps"]]
    assert seen == ["a.doc", "a.wps", "b.docx", "c.doc"] and done.checked == 4 and done.with_errors == 1
    rows = list(csv.DictReader((tmp_path / "汇总.csv").read_bytes().decode("utf-8-sig").splitlines()))
    assert [r["文件"] for r in rows] == seen
    assert [r["机关"] for r in rows] == ["滨河街道办事处"] * 2 + [rows[2]["机关"], "滨河街道办事处"] and rows[2]["机关"]
    assert rows[2]["结果"] == "有错误"  # b.docx: shuiwu's REVIEWTOTAL slip


def test_a_2019_report_in_the_trial_format_of_its_own_year_has_no_format_slip(capsys) -> None:
    """jiangdong-province-office-2019.html is a 2019 report: the trial format (国办公开办函〔2019〕60号)
    is the one its year must use, so its table 二 and its one-row （六）其他处理 are no slip; and its
    五、 heading 「政府信息公开工作存在的主要问题及改进情况」 is the 条例第五十条's own wording. Its
    real slips (blanks for 0, blank 总计 cells) are still found."""
    report = Path(__file__).parent / "fixtures" / "published" / "jiangdong-province-office-2019.html"
    main(["check", str(report)])
    err = capsys.readouterr().err
    assert "试行格式" not in err and "措辞不同" not in err
    assert "有 106 个格子是空白（或“/”）而不是 0" in err
    assert "有 19 行的“总计”是空白" in err
