"""The 信息处理费 statement: found in the text, added once when missing, an error when it contradicts."""

from decimal import Decimal

import pytest

from reportgen.model.fee_statement import contradictions, fee_statement, statements


@pytest.mark.parametrize("text, charged", [
    ("本年度未收取信息处理费。", Decimal(0)),
    ("全年收取信息处理费350元。", Decimal(350)),
    ("全年共收取信息处理费0.035万元。", Decimal(350)),
    ("依申请公开未收取任何费用。", Decimal(0)),
    ("本年度信息处理费为0元。", Decimal(0)),
    ("全年收取政府信息公开信息处理费{processing_fee}元。", None),
    # Said this way in real reports; before, not a statement: a second sentence was added, which
    # contradicted it when the fee was not 0 (「不存在收取……的情况」 above 「全年收取……350元」).
    ("本年度不存在收取信息处理费的情况。", Decimal(0)),
    ("本机关不涉及收取政府信息公开信息处理费。", Decimal(0)),
])
def test_statements(text, charged):
    (s,) = statements(text)
    assert s.charged == charged


@pytest.mark.parametrize("text", ["不断降低行政成本费用。", "本年度无其他需要报告的事项。", "免费发放政策汇编。"])
def test_not_statements(text):
    assert statements(text) == []


def test_sentence_added_only_without_a_statement():
    assert fee_statement(["我局无其他需要报告的事项。"], Decimal(0)) == "本年度未收取信息处理费。"
    assert fee_statement(["我局无其他需要报告的事项。"], Decimal("350.00")) == "全年收取政府信息公开信息处理费350.00元。"
    assert fee_statement(["本年度未收取信息处理费。"], Decimal(0)) is None
    assert fee_statement(["收取信息处理费{processing_fee}元。"], Decimal(5)) is None
    # A statement that contradicts the fact is still a statement: no second, contradicting sentence.
    assert fee_statement(["本年度未收取信息处理费。"], Decimal(350)) is None


def test_contradictions():
    assert [s.typed for s in contradictions("本年度未收取信息处理费。", Decimal(350))] == ["未收取信息处理费"]
    assert [s.charged for s in contradictions("全年收取信息处理费120元。", Decimal(0))] == [Decimal(120)]
    assert contradictions("全年收取信息处理费350元。", Decimal("350.00")) == []
    assert contradictions("收取信息处理费{processing_fee}元。", Decimal(350)) == []
    assert [s.charged for s in contradictions("本年度不存在收取信息处理费的情况。", Decimal(350))] == [Decimal(0)]
