"""`reportgen init`: a first facts file in the national format (国办公开办函〔2021〕30号), for an
office that has no facts file of last year and no published report to import.

The file is what `reportgen new` leaves for the clerk, without last year: every value of the year
is left blank (a blank is a `Problem` with code "empty" at check time, never a silent 0 or an
invented sentence), each with its Chinese name in a comment; the rows of the three statutory
tables are written one column a line by the same writer as `new` (new_year.row_lines); the first
line points editors at the schema (new_year.SCHEMA_LINE). Only the agency's full name and the year
are filled in, when given. Text blanks are list items or values with nothing after the colon,
each with an example of the usual wording in its comment.

The skeleton is written from the format's own tables (national_tables), so a row the format adds
is in it; tests/test_init_examples.py loads it and finds blanks only.
"""

from __future__ import annotations

import datetime as _dt
import re
from pathlib import Path

from ..load.yaml_text import quoted
from ..model.deadlines import FIRST_YEAR_2021_FORMAT, format_for_year
from ..model.formats import national_tables as T
from .new_year import SCHEMA_LINE, row_lines

#: The format `init` writes.
FORMAT = "national-2021"

# Characters a file name cannot hold on Windows (and / on every system), and control characters.
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]')
_PAD = 28  # the column comments start at, as in the shipped examples


def last_year(today: _dt.date | None = None) -> int:
    """The year a report is written about by default: the last calendar year (reports are written
    early in the next year, 条例第五十条: by 1月31日 or 3月31日)."""
    return (today or _dt.date.today()).year - 1


def default_name(agency: str | None, year: int) -> str:
    """The default file name: `<机关全称>-<年度>.yaml` (示例市示例局-2025.yaml), or `事实文件-<年度>.yaml`
    without a name. The year at the end lets `reportgen new` name next year's file (…-2026.yaml)
    and `check` find last year's beside it. Characters a Windows file name cannot hold are dropped."""
    name = _UNSAFE.sub("", agency or "").strip().strip(".")
    return f"{name or '事实文件'}-{year}.yaml"


def _line(indent: int, key: str, value: str = "", comment: str = "") -> str:
    head = f"{' ' * indent}{key}:" + (f" {value}" if value else "")
    return f"{head.ljust(_PAD)} # {comment}" if comment else head


def _item(indent: int, comment: str) -> str:
    return f"{(' ' * indent + '-').ljust(_PAD)} # {comment}"


_TEXTS = (  # (key, Chinese name, an example of the usual wording) of the report's text, in printed order
    ("intro", "导语", '"{year}年，{agency.short_name}认真贯彻落实《中华人民共和国政府信息公开条例》……"'
                      "（以 { 开头的一段要用英文双引号括起来）"),
    ("active", "（一）主动公开", "全年主动公开政府信息……条，发布政策解读……篇……"),
    ("requests", "（二）依申请公开", "全年新收政府信息公开申请{applications.new.total}件……"),
    ("management", "（三）政府信息管理", "严格落实公开前保密审查制度……"),
    ("platforms", "（四）政府信息公开平台建设", "持续优化门户网站……"),
    ("oversight", "（五）监督保障", "将政务公开纳入年度绩效考核……"),
)


def _header(agency: str | None, year: int) -> list[str]:
    title = f"{agency or '（机关全称）'}{year}年度政府信息公开工作年度报告"
    return [
        f"# {title} —— 事实文件（由 reportgen init 生成）",
        "# 格式：国办公开办函〔2021〕30号 全国统一格式。冒号后面或“-”后面空着的地方都要填写：",
        "#   数字没有就填 0；文字写在“-”后面（注释里是常见写法的例子）；表中各“总计”由程序计算，不用填写。",
        "# 正文中 {名称} 引用事实，例如 {applications.new.total} 是“本年新收申请”的总计。",
        "# 填好后运行 reportgen check 本文件，改到显示“检查通过”，再运行 reportgen build 本文件。",
        f"format: {FORMAT}",
        "",
        _line(0, "agency", comment="机关"),
        _line(2, "name", quoted(agency) if agency else "", "" if agency else "机关全称，用于标题和落款，例如：示例市示例局"),
        _line(2, "short_name", comment="机关简称，正文中用，例如：市示例局"),
        _line(2, "self_name", comment="正文中的自称，例如：我局"),
        "",
        _line(0, "year", str(year), "报告年度"),
        _line(0, "signed", comment=f"成文日期（落款日期），例如 {year + 1}-01-20"),
        "",
    ]


def _text_part() -> list[str]:
    lines = [_line(0, "preamble", comment="前言：报告依据、统计期限、电子版下载和咨询方式"),
             _item(2, "例如：本报告根据《中华人民共和国政府信息公开条例》……要求编制。"),
             "",
             _line(0, "overview", comment="一、总体情况：每段写在一个“-”后面，可以写多段"),]
    for key, name, example in _TEXTS:
        lines += [_line(2, key, comment=name), _item(4, f"例如：{example}")]
    return lines + [""]


def _active_part() -> list[str]:
    lines = [_line(0, "active_disclosure", comment=f"二、{T.SECTIONS[1]}（件数，没有就填 0）")]
    for key, label in T.RULE_ROWS:
        lines.append(_line(2, key, comment=label))
        lines += row_lines(T.RULE_COLUMNS, 4)
    for key, label, _ in T.DECISION_ROWS:
        lines.append(_line(2, key, comment=f"{label}：{T.ACTIVE_DECISIONS}"))
    key, label, _ = T.FEE_ROW
    lines.append(_line(2, key, comment=f"{label}：本年收费金额（万元，可有小数）"))
    return lines + [""]


def _applications_part() -> list[str]:
    lines = [_line(0, "applications", comment=f"三、{T.SECTIONS[2]}"),
             "  # 每行按申请人类别填写件数，没有就填 0；各行总计和（七）总计由程序计算"]
    rows = [(T.NEW.key, T.NEW.label), (T.CARRIED_OVER.key, T.CARRIED_OVER.label),
            (T.GRANTED.key, T.GRANTED.label), (T.PARTIAL.key, T.PARTIAL.label)]
    for key, label in rows:
        lines.append(_line(2, key, comment=label))
        lines += row_lines(T.APPLICANT_COLUMNS, 4)
    for group, group_label, items in T.GROUPS:
        lines.append(_line(2, group, comment=group_label))
        for key, label in items:
            lines.append(_line(4, key, comment=label))
            lines += row_lines(T.APPLICANT_COLUMNS, 6)
    lines.append(_line(2, T.CARRIED_FORWARD.key, comment=T.CARRIED_FORWARD.label))
    lines += row_lines(T.APPLICANT_COLUMNS, 4)
    return lines + [""]


def _review_part() -> list[str]:
    lines = [_line(0, "review_litigation", comment=f"四、{T.SECTIONS[3]}（件数，没有就填 0；总计由程序计算）")]
    for key, label in T.REVIEW_GROUPS:
        lines.append(_line(2, key, comment=label if key == "review" else f"{T.LITIGATION}：{label}"))
        lines += row_lines(T.OUTCOME_COLUMNS, 4)
    return lines + [""]


def _closing_part() -> list[str]:
    return [
        _line(0, "problems", comment=f"五、{T.SECTIONS[4]}"),
        _item(2, "例如：针对上年度报告提出的问题……；本年存在的主要问题是……；下一步……"),
        "",
        _line(0, "other_matters", comment=f"六、{T.SECTIONS[5]}"),
        _item(2, "例如：{agency.self_name}无其他需要报告的事项。"),
        "",
        _line(0, "processing_fee", comment="全年收取的信息处理费（元），没有收取就填 0"),
    ]


def init_text(agency: str | None, year: int) -> str:
    """The text of a first facts file (national-2021) for `agency` (its full name; None leaves it
    blank) and `year`: the schema line, then every value of the year left blank with its Chinese
    name in a comment. Lines end with \\n; the file is UTF-8."""
    lines = [*_header(agency, year), *_text_part(), *_active_part(), *_applications_part(), *_review_part(),
             *_closing_part()]
    return SCHEMA_LINE + "\n".join(lines) + "\n"


def parse_year(text: str) -> int | None:
    """A year typed by the clerk (2025, ２０２５, 2025年), or None when it is not one from 1990 to 2100
    (the range `year` accepts, reportgen.model.formats.common.year_field)."""
    import unicodedata

    value = unicodedata.normalize("NFKC", text).strip().removesuffix("年度").removesuffix("年").strip()
    if not value.isdigit() or not 1990 <= int(value) <= 2100:
        return None
    return int(value)


# The first year reports were written for: the 2008 条例 (国务院令第492号) took force on 2008-05-01
# (statutory-format.md §1.2).
FIRST_YEAR_REPORTS = 2008


def year_refusal(year: int) -> str | None:
    """Why `init` does not write a file for `year` (Chinese), or None when it does: the file it
    writes is the national format of 国办公开办函〔2021〕30号, which reports for 2021 and later use
    (reportgen.model.deadlines.format_for_year; statutory-format.md §2: the 2019 trial format was
    used for the 2019 and 2020 reports, the 2008 条例's narrative reports before)."""
    if year >= FIRST_YEAR_2021_FORMAT:
        return None
    only = f"reportgen init 只写 {FIRST_YEAR_2021_FORMAT} 年度起的事实文件（全国统一格式，国办公开办函〔2021〕30号）"
    if year < FIRST_YEAR_REPORTS:
        return (f"{year} 年还没有政府信息公开工作年度报告（《政府信息公开条例》2008年5月1日起施行，"
                f"年度报告从 {FIRST_YEAR_REPORTS} 年度开始）；{only}")
    _, description = format_for_year(year)
    return (f"{year} 年度的报告不用全国统一格式（{FIRST_YEAR_2021_FORMAT} 年度起使用），而用{description}；{only}。"
            f"更早年度的报告请用 reportgen import 导入已发布的原报告")


def default_path(agency: str | None, year: int, folder: Path | None = None) -> Path:
    """`default_name` in `folder` (the current folder when None)."""
    return (folder or Path()) / default_name(agency, year)
