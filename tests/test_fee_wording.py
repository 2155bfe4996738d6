"""The 信息处理费 sentence as the built report prints it (issue 22, item 5): idiomatic for 0 (本年度未收取
信息处理费) and for an amount, in the examples, in a file that names {processing_fee_statement}, and in
`rollup`'s output. Expected sentences are typed here by hand; the .docx text is read back with
python-docx, the roll-up's sum computed here."""

from __future__ import annotations

from decimal import Decimal

import docx
import pytest
from agencies import agency_data, dump
from conftest import DATA

from reportgen import build_report, check
from reportgen.cli import main
from reportgen.model.fee_statement import fee_statement, fee_words


def _text(path) -> str:
    return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)


def _part_six(text: str) -> str:
    return text[text.index("六、其他需要报告的事项"):]


def test_fee_words_for_none_and_for_an_amount():
    assert fee_words(Decimal(0)) == "本年度未收取信息处理费"
    assert fee_words(Decimal("0.00")) == "本年度未收取信息处理费"
    assert fee_words(Decimal("120.50")) == "全年收取政府信息公开信息处理费120.50元"
    # A text naming the reference states the fee: no second sentence is added.
    assert fee_statement(["{processing_fee_statement}。我局无其他需要报告的事项。"], Decimal(0)) is None
    assert fee_statement(["我局无其他需要报告的事项。"], Decimal(0)) == "本年度未收取信息处理费。"


@pytest.mark.parametrize("example", ["example-2025.yaml", "example-office-2025.yaml", "example-2024.yaml"])
@pytest.mark.parametrize("fee, sentence", [
    ("0", "本年度未收取信息处理费。"),
    ("120.50", "全年收取政府信息公开信息处理费120.50元。"),
])
def test_examples_print_the_fee_idiomatically(tmp_path, example, fee, sentence):
    text = (DATA / example).read_text(encoding="utf-8")
    assert "processing_fee: 0 " in text
    facts = tmp_path / example
    facts.write_text(text.replace("processing_fee: 0 ", f"processing_fee: {fee} "), encoding="utf-8")
    check(facts)  # raises FactsError on any error
    out = tmp_path / "r.docx"
    build_report(facts, out)
    six = _part_six(_text(out))
    assert sentence in six
    assert six.count("信息处理费") == 1  # stated once, never twice
    assert "处理费0元" not in six and "（0元）" not in six


def test_rollup_says_none_charged_for_0_and_the_sum_otherwise(tmp_path, capsys):
    folder = tmp_path / "district"
    folder.mkdir()
    datas = [agency_data(i) for i in range(3)]
    for i, data in enumerate(datas):
        data["processing_fee"] = Decimal(0)
        (folder / f"{i:02d}-2025.yaml").write_text(dump(data), encoding="utf-8")
    none = tmp_path / "none.yaml"
    assert main(["rollup", str(folder), "-o", str(none)]) == 0
    assert "本年度各机关均未收取信息处理费。" in none.read_text(encoding="utf-8")
    build_report(none, tmp_path / "none.docx")
    six = _part_six(_text(tmp_path / "none.docx"))
    assert "本年度各机关均未收取信息处理费。" in six and "处理费0元" not in six
    assert six.count("信息处理费") == 1

    for i, (data, fee) in enumerate(zip(datas, ("12.5", "0", "30"))):
        data["processing_fee"] = Decimal(fee)
        (folder / f"{i:02d}-2025.yaml").write_text(dump(data), encoding="utf-8")
    some = tmp_path / "some.yaml"
    assert main(["rollup", str(folder), "-o", str(some)]) == 0
    capsys.readouterr()
    build_report(some, tmp_path / "some.docx")
    six = _part_six(_text(tmp_path / "some.docx"))
    assert "全年各机关共收取政府信息公开信息处理费42.5元。" in six  # 12.5 + 0 + 30
    assert six.count("信息处理费") == 1
