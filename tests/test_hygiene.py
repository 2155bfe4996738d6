"""Text hygiene reviewers mark (GB/T 15834-2011): punctuation as pairs, 书名号 lists, full-width spaces in
names, invisible characters, growth rates 四舍五入."""

from decimal import Decimal

import pytest

from reportgen.model.prose import join_list, join_titles
from reportgen.model.text import (fullwidth_punctuation, invisible_characters, punctuation_fixes, strip_invisible, tidy_prose,
                            unpaired_punctuation)
from reportgen.model.yoy import growth_text


@pytest.mark.parametrize("typed, printed", [
    ("等(2)", "等（2）"),             # the closing half sits at the end: still converted, as a pair
    ("(1)加强领导", "（1）加强领导"),  # the opening half at the start: never （1) or (1）
    ("第(2）项", "第（2）项"),         # one half already full width
    ("开展\"放管服\"改革", "开展“放管服”改革"),
    ("规定...下一步", "规定……下一步"),
    ("工作完成了.", "工作完成了。"),
    ("2011年,市体育局", "2011年，市体育局"),
    # Left as typed: no Chinese character next to them.
    ("a (b) c", "a (b) c"), ("版本3.5", "版本3.5"), ("10:30开会", "10:30开会"), ('"OK"', '"OK"'),
    ("http://x.gov.cn。", "http://x.gov.cn。"),
    # A half-width quote closing a full-width one is a closing quote, never a second opening one.
    ("“放管服\"改革", "“放管服”改革"), ("开展\"放管服”改革", "开展“放管服”改革"),
    ("“他说\"好\"”", "“他说“好””"),  # a quote inside a quote: its own pair (as before)
    # A half without its other half is printed as typed (and warned: test_unpaired_marks).
    ("其中(一条", "其中(一条"), ("“放管服\"改革\"推进", "“放管服”改革\"推进"),
])
def test_punctuation_pairs(typed, printed):
    assert fullwidth_punctuation(typed) == printed


def test_unpaired_marks():
    assert unpaired_punctuation("其中(一条，见（2）") == [2]
    assert unpaired_punctuation("规定)。") == [2]
    assert unpaired_punctuation("“放管服\"改革\"推进") == [7]
    assert unpaired_punctuation("a (b") == []  # Latin text: not ours to judge


def test_each_conversion_has_its_place():
    assert punctuation_fixes("等(2)，见\"附件\".") == [
        (1, "(", "（"), (3, ")", "）"), (6, '"', "“"), (9, '"', "”"), (10, ".", "。")]


def test_no_enumeration_comma_between_titles():
    assert join_titles(["甲办法", "《乙规程》"]) == "《甲办法》《乙规程》"
    assert join_list(["示例日报", "《示例晚报》", "《示例周刊》"]) == "示例日报、《示例晚报》《示例周刊》"
    assert join_list(["网站", "微信"]) == "网站、微信"


def test_fullwidth_space_inside_a_name_is_kept():
    assert tidy_prose("联系人：王　伟，电话") == "联系人：王　伟，电话"
    assert tidy_prose("第一行\n  第二行") == "第一行第二行"  # a line break still joins


def test_invisible_characters():
    text = "嘉兴市\u200b体育局\u202e"
    assert invisible_characters(text) == [3, 7]
    assert strip_invisible(text) == "嘉兴市体育局"


@pytest.mark.parametrize("ch", ["\u200e", "\u200f", "\u061c", "\u00ad", "\u2061", "\u2064", "\u180e", "\u034f",
                                "\u3164", "\uffa0"])
def test_marks_and_fillers_copied_from_web_pages_are_invisible_too(ch):
    """Direction marks (LRM, RLM, ALM), the soft hyphen, invisible operators, the Hangul fillers: none prints a
    visible character where it sits, and each makes a name differ from last year's."""
    assert invisible_characters(f"嘉兴市{ch}体育局") == [3]
    assert strip_invisible(f"嘉兴市{ch}体育局") == "嘉兴市体育局"


@pytest.mark.parametrize("now, last, text", [
    ("10025", "10000", "增长0.3%"),     # 0.25 → 0.3 (half up; half-even would print 0.2)
    ("10035", "10000", "增长0.4%"),
    ("100001", "100000", "增长0.001%"),  # a change never prints as 0
    ("99999", "100000", "下降0.001%"),
    ("5", "5", "增幅为0"),
])
def test_growth_rounds_half_up_and_never_hides_a_change(now, last, text):
    assert growth_text(Decimal(now), Decimal(last)) == text


def test_invisible_characters_are_never_printed_and_keep_punctuation_keeps_quiet(tmp_path, capsys):
    from pathlib import Path

    from docxutil import paragraph_texts

    from reportgen.cli import main

    reviewer = Path(__file__).parent / "fixtures" / "reviewer"
    out = tmp_path / "a.docx"
    assert main(["build", str(reviewer / "invisible-in-text.yaml"), "-o", str(out)]) == 0
    body = "".join(t for _, t in paragraph_texts(out))
    assert "重点领域信息。" in body and "\u200b" not in body
    capsys.readouterr()
    assert main(["build", str(reviewer / "punct-quotes.yaml"), "-o", str(out), "--force", "--keep-punctuation"]) == 0
    err = capsys.readouterr().err
    assert "（PUNCT）" not in err and "半角标点" not in err
    assert "坚持\"先审查、后公开\"" in "".join(t for _, t in paragraph_texts(out))
