"""Nothing hidden: warnings are listed beside errors; last year's broken file never hides this year's findings;
the fee sentence is printed once, worded for what was charged."""

from __future__ import annotations

from pathlib import Path

from docxutil import paragraph_texts

from reportgen.cli import main

REVIEWER = Path(__file__).parent / "fixtures" / "reviewer"


def test_a_broken_previous_file_is_named_and_this_years_findings_are_all_listed(tmp_path, capsys):
    last = tmp_path / "last.yaml"
    last.write_text((REVIEWER / "previous" / "copy-none.yaml").read_text(encoding="utf-8")
                    .replace("  licensing: 212", "  licensing: 很多"), encoding="utf-8")
    this = REVIEWER / "text-new-differs.yaml"
    assert main(["check", str(this), "--previous", str(last)]) == 1
    err = capsys.readouterr().err
    assert f"{this}:" in err and "（TEXT）" in err  # this year's warning is still there
    assert f"{last}:" in err and "有 1 个错误，没有用它，未做与上年比较的检查" in err and "（PREVIOUS）" not in err
    # this year's two warnings: TEXT (新收60件 against the table's 66) and ANSWERED (60 + 2 carried over < 办结66件)
    assert "1 个错误，2 个警告" in err


def test_a_broken_sibling_is_noted_when_this_year_has_errors(tmp_path, capsys):
    text = (REVIEWER / "nothing-hidden.yaml").read_text(encoding="utf-8")
    (tmp_path / "bureau-2024.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "bureau-2023.yaml").write_text(text.replace("year: 2024", "year: 2023"), encoding="utf-8")
    assert main(["check", str(tmp_path / "bureau-2024.yaml")]) == 1
    err = capsys.readouterr().err
    assert "（TEXT）" in err and "还有 1 处待填：以下各处还没有填写" in err
    # last year's file has the same blank: said as such, not as a mistake
    assert f"提示：旁边的上一年度文件 {tmp_path / 'bureau-2023.yaml'} 还有 1 处待填，没有用它" in err


def _body(path: Path, out: Path) -> str:
    assert main(["build", str(path), "-o", str(out)]) == 0
    return "\n".join(t for _, t in paragraph_texts(out))


def test_fee_statement_in_the_text_is_not_repeated(tmp_path, capsys):
    body = _body(REVIEWER / "fee-stated-once.yaml", tmp_path / "a.docx")
    assert body.count("信息处理费") == 1 and "本年度未收取信息处理费。" in body


def test_without_a_statement_the_sentence_is_worded_for_zero_and_for_an_amount(tmp_path, capsys):
    text = (REVIEWER / "fee-stated-once.yaml").read_text(encoding="utf-8").replace("本年度未收取信息处理费。", "")
    none = tmp_path / "none.yaml"
    none.write_text(text, encoding="utf-8")
    body = _body(none, tmp_path / "none.docx")
    assert body.count("信息处理费") == 1 and "本年度无其他需要报告的事项。\n本年度未收取信息处理费。\n示例区" in body
    some = tmp_path / "some.yaml"
    some.write_text(text.replace("processing_fee: 0", "processing_fee: 120.50"), encoding="utf-8")
    body = _body(some, tmp_path / "some.docx")
    assert body.count("信息处理费") == 1 and "事项。\n全年收取政府信息公开信息处理费120.50元。\n示例区" in body
