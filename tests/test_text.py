import datetime as dt

import pytest

from reportgen.model.text import (chinese_numeral, date_arabic, date_chinese, display_width, heading_number,
                            point_prefix, tidy_prose)


@pytest.mark.parametrize("n, expected", [
    (1, "一"), (7, "七"), (10, "十"), (11, "十一"), (19, "十九"), (20, "二十"), (21, "二十一"),
    (99, "九十九"), (100, "一百"), (101, "一百零一"), (110, "一百一十"), (215, "二百一十五"),
])
def test_chinese_numeral(n, expected):
    assert chinese_numeral(n) == expected


@pytest.mark.parametrize("level, n, expected", [
    (1, 1, "一、"), (1, 12, "十二、"), (2, 3, "（三）"), (3, 4, "4."), (4, 2, "（2）"),
])
def test_heading_number(level, n, expected):
    assert heading_number(level, n) == expected


def test_point_prefix():
    assert [point_prefix(i) for i in (1, 2, 10, 11)] == ["一是", "二是", "十是", "十一是"]


@pytest.mark.parametrize("date, expected", [
    (dt.date(2012, 3, 16), "二〇一二年三月十六日"),
    (dt.date(2010, 10, 1), "二〇一〇年十月一日"),
    (dt.date(2000, 12, 30), "二〇〇〇年十二月三十日"),
])
def test_date_chinese_uses_ideographic_zero(date, expected):
    text = date_chinese(date)
    assert text == expected
    assert "O" not in text and "0" not in text


def test_date_arabic_has_no_padding():
    assert date_arabic(dt.date(2026, 1, 5)) == "2026年1月5日"


def test_display_width_counts_halfwidth_as_half():
    assert display_width("嘉兴市体育局") == 6
    assert display_width("2012年3月16日") == 3 + 3.5


@pytest.mark.parametrize("raw, expected", [
    ("  第一段\n  接着写 ", "第一段接着写"),
    ("在 Word 中打开", "在 Word 中打开"),
    ("中文 中文", "中文中文"),
    ("《条例》 颁布", "《条例》颁布"),
    ("a  b", "a b"),
])
def test_tidy_prose(raw, expected):
    assert tidy_prose(raw) == expected
