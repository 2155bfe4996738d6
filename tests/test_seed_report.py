"""The seed report (嘉兴市体育局, 2011) reproduced line for line from data/jiaxing-sports-2011.yaml.

One deliberate difference from the published text: it joined two document titles with a 顿号
(《……实施意见》、《……基本目录》), a slip against GB/T 15834-2011 4.5.3.5 (no 顿号 between items in 书名号);
the fixture's line 12 writes what was meant, 《……实施意见》《……基本目录》, as reportgen prints it."""

from __future__ import annotations

from conftest import SEED_TEXT

from docxutil import normalize, paragraph_texts


def test_seed_report_text_line_for_line(seed_docx):
    expected = [normalize(line) for line in SEED_TEXT.read_text(encoding="utf-8").splitlines() if line.strip()]
    actual = [normalize(text) for _, text in paragraph_texts(seed_docx)]
    assert len(actual) == len(expected)
    for number, (want, got) in enumerate(zip(expected, actual), start=1):
        assert got == want, f"seed line {number} differs"


def test_seed_report_structure(seed_docx):
    paragraphs = paragraph_texts(seed_docx)
    styles = [s for s, _ in paragraphs]
    assert styles[0] == "Title"
    headings = [t for s, t in paragraphs if s == "Heading 1"]
    assert headings == ["一、领导重视，组织有序", "二、广泛宣传，营造氛围", "三、结合实际，健全制度", "四、明确职能，规范流程",
                        "五、创新载体，拓展途径", "六、强化监督，落实任务", "七、下一步努力方向"]
    assert paragraphs[-2] == ("落款", "嘉兴市体育局")
    assert paragraphs[-1] == ("成文日期", "二〇一二年三月十六日")
    assert "\u3007" in paragraphs[-1][1]
