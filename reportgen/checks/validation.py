"""The rules whose findings are made while a facts file is validated (reportgen.model: the field
knows the value as typed), declared here so they are in the registry like every other: INVISIBLE (a
character that prints as nothing), date-zero (a date's zero typed as ○ or 零), title-line (a title
line too wide for the 2号 title). And the families of lower-case codes of how a facts file is written
(a file that cannot be read, a YAML slip, a field filled in wrongly, a `{reference}` that names
nothing): not rules of the report, but listed, so every code a message carries is known here."""

from __future__ import annotations

import re

from ..errors import Problem
from .rule import EITHER, WARNING, Check, Family, OnReport, Rule
from .wording import place, printed_around

_INVISIBLE = re.compile(r"看不见的字符 U\+[0-9A-F]{4,6}（[^（）]*）")
_ZERO = re.compile(r"年份里的零写成了(.+?)：")


def invisible_for_report(problem: Problem) -> str:
    """INVISIBLE in a published report's text: which character, and where."""
    m = _INVISIBLE.search(problem.message)
    what = m.group() if m else "看不见的字符"
    where = place(problem.path) or ("机关名称" if problem.path.startswith("agency") else "")
    aside = f"（见“{where}”）" if where else ""
    return (f"报告的文字里有{what}{aside}：屏幕上看不到，但复制、检索这段文字时会出错"
            "（常见于从网页或聊天软件复制的文字）。")


def date_zero_for_report(problem: Problem) -> str:
    """date-zero on a published report's date, as printed."""
    m = _ZERO.search(problem.message)
    date = printed_around(problem, 20)
    return (f"成文日期{f'“{date}”' if date else ''}年份里的零写成了{m.group(1) if m else '别的字符'}："
            "公文日期用汉字写时，零应为“〇”（U+3007，GB/T 9704—1999）。")


INVISIBLE = Rule("INVISIBLE", "看不见的字符", EITHER,
                 "文字里有零宽字符、软连字符、BOM 或文字方向控制符（报告里不印它）：在机关全称里是错误，别处是警告。",
                 "reportgen 的做法：看不见的字符使机关全称与上一年度的对不上，复制、检索时出错",
                 report=OnReport(wording=invisible_for_report, checks="报告的文字里有看不见的字符（零宽字符、软连字符、文字方向控制符）：屏幕上看不到，复制、检索时出错。"))
DATE_ZERO = Rule("date-zero", "日期里的零", WARNING,
                 "汉字写的成文日期（二〇二四年……）年份里的零写成了圆圈“○”、“零”或字母 O，而不是“〇”（U+3007）；生成的报告印作“〇”（show_date_year: false 不印年份时，印出的日期不受影响，仍提醒改正）。",
                 "GB/T 9704—1999《国家行政机关公文格式》：成文日期用汉字，零写作“〇”",
                 report=OnReport(wording=date_zero_for_report, checks="汉字写的成文日期（二〇二四年……）年份里的零写成了圆圈“○”、“零”或字母 O，而不是“〇”（U+3007）。"))
TITLE_LINE = Rule("title-line", "标题一行太长", WARNING,
                  "title 分行写时，某一行超过 20 字宽（2号小标宋一行排得下的字数）。",
                  "GB/T 9704—2012《党政机关公文格式》：标题用 2号小标宋体字，分一行或多行居中排布")

CHECK = Check((INVISIBLE, DATE_ZERO, TITLE_LINE),
              made_by="reportgen.model: scalars (INVISIBLE), document.fields (date-zero, title-line)")

FAMILIES = (
    Family("文件读取", "文件打不开、不是 UTF-8 或 GBK 编码的文字、太大、层次太深，或者是别的文件（Word、Excel）改了扩展名。",
           ("file-missing", "file-is-dir", "file-unreadable", "file-too-large", "not-facts", "encoding",
            "empty-file", "too-deep", "too-many-chars", "too-many-nodes")),
    Family("YAML 写法", "“字段名: 值”写错了：冒号后没有空格、用了全角冒号、用 Tab、全角空格或不换行空格缩进、有看不见的换行或控制字符、同一个字段写了两次。",
           ("yaml-syntax", "tab-indent", "fullwidth-indent", "nbsp-indent", "fullwidth-colon", "colon-no-space", "fullwidth-space",
            "hidden-line-break", "control-char", "yaml-tag", "merge-key", "duplicate-key")),
    Family("字段填写", "字段名不认识、该有的字段没有，或者值不对：不是整数、金额、日期，不是可选的值，超出范围，文字太长，"
           "名称、标题里有换行或控制字符，一行的个数不对。",
           ("not-a-mapping", "unknown-field", "missing-field", "wrong-type", "bad-choice", "bad-date", "bad-key",
            "not-flag", "not-integer", "not-number", "out-of-range", "text-too-long", "line-break", "too-few",
            "too-many", "row-length", "thousands-comma")),
    Family("花括号引用", "正文里的 {名称} 引用了没有的数，花括号不成对，或者在不能引用的地方（机关名称、落款等）引用。",
           ("unknown-reference", "stray-brace", "reference-in-plain-text")),
)
