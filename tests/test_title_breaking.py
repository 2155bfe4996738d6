"""Title breaking (GB/T 9704-2012 §7.3.3): never inside a word, no line of one or two characters, no
line wider than the 20 characters a 22 pt line holds, trapezoid or diamond. Expected lines are
written by hand."""

from __future__ import annotations

import pytest

from reportgen.model.document.title import break_title
from reportgen.model.text import display_width

TAIL = "政府信息公开工作年度报告"

# (title, the lines a typesetter would choose)
CASES = [
    ("示例市示例局2025年度" + TAIL, ["示例市示例局", "2025年度政府信息公开工作年度报告"]),
    ("嘉兴市体育局2011年度" + TAIL, ["嘉兴市体育局", "2011年度政府信息公开工作年度报告"]),
    ("国家税务总局嘉兴市南湖区税务局第一税务所2023年度" + TAIL,  # a 20-character tax office name
     ["国家税务总局嘉兴市", "南湖区税务局第一税务所", "2023年度政府信息公开工作年度报告"]),
    ("国家税务总局浙江省税务局2022年" + TAIL, ["国家税务总局浙江省税务局", "2022年政府信息公开工作年度报告"]),
    ("龙游县人民政府办公室2023年" + TAIL, ["龙游县人民政府办公室", "2023年政府信息公开工作年度报告"]),
    ("浙江省人民政府办公厅2023年" + TAIL, ["浙江省人民政府办公厅", "2023年政府信息公开工作年度报告"]),
    ("浙江省嘉兴市市场监督管理局2023年度" + TAIL, ["浙江省嘉兴市市场监督管理局", "2023年度政府信息公开工作年度报告"]),
    ("海盐县卫生和计划生育局2016年政府信息公开工作报告", ["海盐县卫生和计划生育局", "2016年政府信息公开工作报告"]),
    ("某某市第一人民医院（某某大学附属第一医院）2023年度" + TAIL,  # brackets stay with their name
     ["某某市", "第一人民医院（某某大学附属第一医院）", "2023年度政府信息公开工作年度报告"]),
    ("中共某某市委机构编制委员会办公室2023年度" + TAIL, ["中共某某市委机构编制委员会办公室", "2023年度政府信息公开工作年度报告"]),
    ("龙游县横山镇人民政府2023年" + TAIL, ["龙游县横山镇人民政府", "2023年政府信息公开工作年度报告"]),
    # A joint report of two agencies: the 顿号 ends a line, never begins one (it did: 「、示例市医疗保障局」).
    ("示例市卫生健康委员会、示例市医疗保障局2025年度" + TAIL,
     ["示例市卫生健康委员会、", "示例市医疗保障局2025年度", "政府信息公开工作年度报告"]),
]


@pytest.mark.parametrize("title, lines", CASES)
def test_breaks_where_a_typesetter_would(title, lines):
    assert break_title(title) == lines


def test_a_year_counts_the_gap_word_and_libreoffice_put_around_it():
    """Where a Chinese character meets a digit, Word and LibreOffice add a gap of about a fifth of a
    character (measured 4.4 pt at 22 pt in LibreOffice 7.4). This title is 20 characters by count, but
    with the gaps before and after 2013 it is 20.4 wide: printed on one line, its last character fell to
    a line of its own in the PDF. So it breaks, at a word end."""
    title = "某某市某某局2013年政府信息公开情况统计表"
    assert display_width(title) == 20
    assert break_title(title) == ["某某市某某局", "2013年政府信息公开情况统计表"]


def test_a_title_that_fits_is_one_line():
    assert break_title("某局2023年" + TAIL) == ["某局2023年" + TAIL]  # 2 + 3 + 12 = 17 characters wide


AGENCIES = ["某局", "市体育局", "嘉兴市体育局", "龙游县横山镇人民政府", "桐庐县人民政府", "国家税务总局芜湖市镜湖区税务局",
            "中华人民共和国杭州海关", "国家统计局某某调查队", "某某市某某区某某街道办事处", "某某县人民医院", "某某市第一中学",
            "国家税务总局嘉兴市南湖区税务局第一税务所", "某某省某某市城市管理行政执法局", "某某市住房和城乡建设局（人防办）"]
WORDS = ["税务局", "税务所", "人民政府", "办公厅", "办公室", "办事处", "政府信息公开", "年度报告", "人民医院", "市场",
         "城市管理", "城乡建设", "调查队", "海关", "工作年度"]


@pytest.mark.parametrize("agency", AGENCIES)
@pytest.mark.parametrize("year", ["2023年度", "2023年", "二〇一二年"])
def test_every_title_breaks_as_gbt_9704_asks(agency, year):
    title = agency + year + TAIL
    lines = break_title(title)
    assert "".join(lines) == title
    widths = [display_width(line) for line in lines]
    assert all(w <= 20 for w in widths), lines
    if len(lines) > 1:
        assert all(w >= 3 for w in widths), lines  # never one or two characters on a line
        # a trapezoid (each line at least as long as the one above, one character of slack) or a diamond
        rising = all(b >= a - 1 for a, b in zip(widths, widths[1:]))
        top = widths.index(max(widths))
        diamond = 0 < top < len(widths) - 1
        assert rising or diamond, lines
    for a, b in zip(lines, lines[1:]):
        joint = a[-3:] + "|" + b[:3]
        for word in WORDS:
            for cut in range(1, len(word)):
                assert word[:cut] + "|" + word[cut:] not in joint, f"{word} split: {lines}"
        assert not a.endswith(("（", "(")) and not b.startswith(("）", ")")), lines
