"""When a report is due and which format its year uses, by the law of its time. Pure: no I/O.

- 2008 条例 (reports for 2008–2018) 第三十一条: every agency publishes its report before 3月31日.
- 2019 条例 (in force from 2019-05-15; reports for 2019 onwards) 第四十九条: 县级以上人民政府部门 submit and
  publish theirs before 1月31日; the 政府信息公开工作主管部门 (the government's office, 办公室/办公厅) publishes
  the 县级以上地方人民政府's own report before 3月31日. The article names no date for 乡镇人民政府 and
  街道办事处: their reports get the later date here (a warning only where the law is plain).
- Who makes 规章 (《立法法》第九十一条、第九十三条): 国务院各部门 and the 人民政府 of 省、自治区、直辖市 and
  of 设区的市、自治州; the office (办公厅/办公室) that publishes a government's report lists that
  government's 规章. `makes_rules` tells them by name: a 设区的市 from the list in model.prefecture_cities
  (a 县级市 such as 昆山市 is not in it), a 国务院部门 from model.state_council.
- Formats: 2008–2018 narrative reports (format `narrative-2011`); 2019 and 2020 the trial format
  (国办公开办函〔2019〕60号); 2021 onwards the revised format (国办公开办函〔2021〕30号, `national-2021`).
"""

from __future__ import annotations

import re

from .prefecture_cities import PREFECTURE_CITIES, PREFECTURE_CITIES_BY_PROVINCE
from .state_council import RULEMAKING_DEPARTMENTS

KINDS = {
    "department": "人民政府部门（1月31日前公布）",
    "government": "人民政府本级的报告，含由其办公室（办公厅）代为发布的（3月31日前公布）",
    "township": "乡镇人民政府、街道办事处",
}
KIND_LABELS = {"department": "政府部门", "government": "人民政府", "township": "乡镇人民政府、街道办事处"}

_TOWNSHIP = re.compile(r"(?:乡|镇|街道)(?:人民政府|办事处)?$|街道办事处$|(?:乡|镇)政府$")
_GOVERNMENT_TITLE = re.compile(r"(?:人民)?政府(?!办公)(?:\d{4}|[〇一二三四五六七八九]{4})年")
# a place alone: the report of its whole region, which the government publishes (淮安市, 昆山市, 洪泽区, 2022年上海市…报告);
# not a 开发区 or 园区 (a 管委会's), nor a township (told first)
_PLACE = re.compile(r"^[^局委办厅处室院所站队会司署馆校]{1,14}?(?:省|自治区|市|自治州|县|自治县|旗|自治旗|区)$")
_ZONE = re.compile(r"(?:开发|高新|园|试验|示范|保税|合作|管理|风景|景|社|校|小|片|辖)区$")

# 省、自治区、直辖市 and 自治州 governments, and their offices: 江东省人民政府办公厅, 上海市人民政府, 延边朝鲜族自治州人民政府办公室
_RULEMAKING_GOVERNMENT = re.compile(
    r"(?:^[^省市县区州旗]{2,4}省|自治区|^(?:北京|天津|上海|重庆)市|自治州)人民政府(?:办公厅|办公室)?$")
# a government or its office: 淮安市人民政府, 江苏省淮安市人民政府办公室, 淮安市政府办公室 → 江苏省淮安市, 淮安市;
# a place alone names the report of its whole region, which its government publishes (2022年上海市政府信息公开工作年度报告)
_GOVERNMENT_OF = re.compile(r"^(?P<place>.+?)(?:(?:人民)?政府(?:办公厅|办公室)?)?$")
_PROVINCE_LEVEL = re.compile(r"^(?:[^省市县区州旗]{2,4}省|.{2,8}自治区|北京市|天津市|上海市|重庆市|.{2,12}自治州)$")

FIRST_YEAR_2019 = 2019  # first report year under the 2019 条例 (published 2020)
FIRST_YEAR_2021_FORMAT = 2021


def infer_kind(name: str, title: str | None = None) -> str:
    """The kind of agency from its name (and the report's title, for an office that reports for its
    government: title 「XX市人民政府2025年政府信息公开工作年度报告」, agency XX市人民政府办公室). A name that
    is a place alone (淮安市, 洪泽区: a title 「淮安市2025年政府信息公开工作年度报告」 names the region) or ends
    with 政府 (淮安市政府) is the government's report; a 开发区 or 园区 is not told as one."""
    name = name.strip()
    if _TOWNSHIP.search(name):
        return "township"
    if name.endswith("政府") or (_PLACE.match(name) and not _ZONE.search(name)):
        return "government"
    if isinstance(title, str) and _GOVERNMENT_TITLE.search(title) and re.search(r"政府(?:办公室|办公厅)$", name):
        return "government"
    return "department"


def makes_rules(name: str) -> bool:
    """Whether the agency named `name` has rule-making power (规章) by what its name shows
    (《立法法》第八十一条、第九十一条、第九十三条): a 国务院部门 of model.state_council (交通运输部, 中华人民共和国
    教育部, 国家税务总局 — the whole name, not a local branch); the 人民政府 of a 省、自治区、直辖市、自治州, or
    of a 设区的市 (one of model.prefecture_cities.PREFECTURE_CITIES, alone or after its own province:
    淮安市人民政府, 江苏省淮安市人民政府, 淮安市政府办公室), or its 办公厅/办公室 (which reports the government's
    规章); the place alone (淮安市, 上海市, 江苏省: a title that names the region, the report its government
    publishes). False for a 县级市's government (昆山市人民政府), a city's bureau (淮安市教育局), a district
    (淮安市清江浦区人民政府), and where the name cannot tell: a 国家局 run by a ministry says so with
    `rulemaking_power: true`."""
    name = name.strip()
    if _RULEMAKING_GOVERNMENT.search(name) or name.removeprefix("中华人民共和国") in RULEMAKING_DEPARTMENTS:
        return True
    government = _GOVERNMENT_OF.match(name)
    if not government:
        return False
    place = government["place"]
    if place in PREFECTURE_CITIES or _PROVINCE_LEVEL.match(place):
        return True
    # 江苏省淮安市: the city of that province (the whole name, so not 江苏省淮安市清江浦区)
    return any(place.startswith(province) and place[len(province):] in cities
               for province, cities in PREFECTURE_CITIES_BY_PROVINCE.items())


def deadline(kind: str, year: int) -> tuple[int, int, str]:
    """(month, day, the rule) a report for `year` is due by, in the following year."""
    if year < FIRST_YEAR_2019:
        return 3, 31, "2008年《政府信息公开条例》第三十一条：每年3月31日前公布"
    if kind == "department":
        return 1, 31, "《政府信息公开条例》第四十九条：县级以上人民政府部门每年1月31日前公布"
    if kind == "government":
        return 3, 31, "《政府信息公开条例》第四十九条：县级以上地方人民政府的年度报告每年3月31日前公布"
    return 3, 31, "《政府信息公开条例》第四十九条未规定乡镇、街道的期限，按3月31日核对"


def format_for_year(year: int) -> tuple[str, str]:
    """(format name, description) of the format reports for `year` use; the name is "" when
    reportgen has no module for it (the 2019 trial format)."""
    if year < FIRST_YEAR_2019:
        return "narrative-2011", "2008年条例时期的叙述式年度报告（format: narrative-2011）"
    if year < FIRST_YEAR_2021_FORMAT:
        return "", "2019年试行的统一格式（国办公开办函〔2019〕60号）"
    return "national-2021", "全国统一格式（国办公开办函〔2021〕30号，format: national-2021）"


_FILE_YEAR = re.compile(r"(?<!\d)(19\d\d|20\d\d)(?!\d)")


def years_in_file_name(stem: str) -> list[int]:
    """The years a file name carries (示例局-2026 → [2026]; a date such as 20260120 is not one)."""
    return [int(y) for y in _FILE_YEAR.findall(stem)]


def year_in_file_name(stem: str) -> int | None:
    """The last year a file name carries (示例局-2026 → 2026), or None."""
    years = years_in_file_name(stem)
    return years[-1] if years else None
