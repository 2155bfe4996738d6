"""The 图解's own wording (issue 22, item 5): no software credit (an official publication carries
none), and card captions broken between words, never inside one. The expected lines are typed here
from the format's labels; the SVG (matplotlib writes each line of a text as its own <text>) is read back."""

from __future__ import annotations

import re

import pytest
from conftest import DATA

from reportgen.cli import main
from reportgen.publish.label_lines import label_lines


@pytest.fixture(scope="module")
def svg_lines(tmp_path_factory) -> list[str]:
    out = tmp_path_factory.mktemp("graphic") / "example-2025.docx"
    assert main(["build", str(DATA / "example-2025.yaml"), "-o", str(out), "--graphic"]) == 0
    svg = (out.parent / "example-2025.图解.svg").read_text(encoding="utf-8")
    png = (out.parent / "example-2025.图解.png").read_bytes()
    assert b"reportgen" not in png  # no Software tag either
    return re.findall(r">([^<>]+)</text>", svg)


def test_no_software_credit(svg_lines):
    assert not [line for line in svg_lines if "reportgen" in line or "生成" in line]
    assert "数字取自示例市示例局2025年度政府信息公开工作年度报告的表格" in svg_lines


def test_captions_break_between_words(svg_lines):
    # The 三、 head cards are 13 characters wide: 14-character captions take two lines, cut at a word.
    for first in ("本年新收", "上年结转"):
        i = svg_lines.index(first)
        assert svg_lines[i + 1] == "政府信息公开申请数量"
    assert "本年度办理结果总计" in svg_lines and "结转下年度继续办理" in svg_lines
    # No line starts or ends inside a word of the captions (the old cut: 政府信 / 息公开申请数量).
    for line in svg_lines:
        assert not line.startswith(("息公开", "公开申请", "请数量", "量")), line
        assert not line.endswith(("政府信", "政府信息公", "申")), line


@pytest.mark.parametrize("caption, width, lines", [
    ("本年新收政府信息公开申请数量", 13, ["本年新收", "政府信息公开申请数量"]),
    ("本年新收政府信息公开申请数量", 14, ["本年新收政府信息公开申请数量"]),
    ("行政事业性收费本年收费金额（单位：万元）", 18, ["行政事业性收费本年收费金额", "（单位：万元）"]),
    ("本年度办理结果总计", 5, ["本年度", "办理结果", "总计"]),
    ("某某机关甲乙丙丁戊", 4, ["某某机", "关甲乙", "丙丁戊"]),  # no known word: even parts, nothing overflows
    ("", 8, [""]),
])
def test_label_lines(caption, width, lines):
    assert label_lines(caption, width) == lines
