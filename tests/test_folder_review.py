"""`reportgen check FOLDER --previous LAST_FOLDER`: the review page 审阅.html and the sheet 审阅 a reviewer
reads (issue 20, item 4), on a folder of twenty reports: the fifteen published fixtures (tests/fixtures/
published: thirteen reports, a locked copy and a scan; nancang-street-2025.html with its 行政规范性文件
本年制发 cell emptied, as reports print a blank for 0) and five reports built here from the real-modelled
facts files of tests/fixtures/real, renamed to five made-up agencies of 2023:

- 东湖县人民政府办公室: county-office-2023 with 6,000 more 新收 and 予以公开 (自然人) — a digit typed in
  excess: far above its peers, and 6,014 against 14 in last year's folder (a jump of more than 5×);
- 西湖县人民政府办公室: county-office-2023 with table 三 all 0 — a zero where peers are large, and
  below 0.2× of last year's 14;
- 南湖县人民政府办公室, 北湖区生态环境局, 中湖县人民政府: county-office, city-bureau and county-gov as they are.

Last year's folder holds 东湖 and 西湖 built from the unchanged county-office-2023 facts (新收 14).
The page is opened in headless Chromium at 1280 and 390 px: no page-wide sideways scroll on a phone.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from conftest import ROOT
from reportgen.cli import main

PUBLISHED = ROOT / "tests" / "fixtures" / "published"
REAL = ROOT / "tests" / "fixtures" / "real"
REPORT_SUFFIXES = {".docx", ".doc", ".wps", ".html", ".pdf"}


def _facts(source: str, name: str, change=None) -> str:  # type: ignore[no-untyped-def]
    """A real-modelled facts file renamed to `name` (its old name replaced in every text), changed."""
    text = (REAL / source).read_text(encoding="utf-8")
    old = yaml.safe_load(text)["agency"]["name"]
    data = yaml.safe_load(text.replace(old, name))
    if change:
        change(data)
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def _more_requests(data) -> None:  # type: ignore[no-untyped-def]
    data["applications"]["new"][0] += 6000
    data["applications"]["granted"][0] += 6000


def _no_requests(data) -> None:  # type: ignore[no-untyped-def]
    def zero(node):  # type: ignore[no-untyped-def]
        return {k: zero(v) for k, v in node.items()} if isinstance(node, dict) else [0] * len(node)
    data["applications"] = zero(data["applications"])


def _build(tmp: Path, files: dict[str, str], into: Path) -> None:
    src, out = tmp / f"facts-{into.name}", tmp / f"built-{into.name}"
    src.mkdir()
    for name, text in files.items():
        (src / f"{name}.yaml").write_text(text, encoding="utf-8")
    assert main(["build", str(src), "-o", str(out)]) == 0
    for docx in out.glob("*.docx"):
        shutil.copy(docx, into / docx.name)


@pytest.fixture(scope="module")
def reviewed(tmp_path_factory):  # type: ignore[no-untyped-def]
    tmp = tmp_path_factory.mktemp("review")
    now, last, out = tmp / "2023年报告", tmp / "2022年报告", tmp / "out"
    now.mkdir()
    last.mkdir()
    for path in PUBLISHED.iterdir():
        if path.suffix.lower() in REPORT_SUFFIXES:
            shutil.copy(path, now / path.name)
    page = (now / "nancang-street-2025.html").read_bytes().decode("gb18030")
    cell = '<td><p>行政规范性文件</p></td><td><p align="center">0</p></td>'
    assert page.count(cell) == 1
    (now / "nancang-street-2025.html").write_bytes(
        page.replace(cell, '<td><p>行政规范性文件</p></td><td><p align="center"></p></td>').encode("gb18030"))
    _build(tmp, {
        "donghu-2023": _facts("county-office-2023.yaml", "东湖县人民政府办公室", _more_requests),
        "xihu-2023": _facts("county-office-2023.yaml", "西湖县人民政府办公室", _no_requests),
        "nanhu-2023": _facts("county-office-2023.yaml", "南湖县人民政府办公室"),
        "beihu-2023": _facts("city-bureau-2023.yaml", "北湖区生态环境局"),
        "zhonghu-2023": _facts("county-gov-2023.yaml", "中湖县人民政府"),
    }, now)
    _build(tmp, {
        "donghu-2022": _facts("county-office-2023.yaml", "东湖县人民政府办公室"),
        "xihu-2022": _facts("county-office-2023.yaml", "西湖县人民政府办公室"),
    }, last)
    assert len([p for p in now.iterdir() if p.suffix.lower() in REPORT_SUFFIXES]) == 20
    code = main(["check", str(now), "--previous", str(last), "-o", str(out / "检查汇总.csv")])
    return code, out, now


def _text(page: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


def _section(page: str, start: str, end: str) -> str:
    return page[page.index(start):page.index(end)]


def _figure_rows(page: str) -> dict[str, list[tuple[str, str]]]:
    """The agencies × key figures table: agency → [(cell text, cell class)]."""
    table = page[page.index("<th>机关</th><th>年度</th>"):]
    table = table[:table.index("</table>")]
    rows = {}
    for row in re.findall(r"<tr>(.*?)</tr>", table, re.S)[1:]:
        cells = re.findall(r'<td class="([^"]*)"[^>]*>(.*?)</td>', row)
        rows[html.unescape(cells[0][1])] = [(html.unescape(t), cls.removeprefix("num ")) for cls, t in cells[2:]]
    return rows


def test_the_page_and_the_workbook_are_written_beside_the_csv(reviewed) -> None:
    code, out, now = reviewed
    assert code == 1  # linhu-district-2023 and jiangdong-transport-2022 have errors
    assert sorted(p.name for p in out.iterdir()) == ["审阅.html", "检查汇总.csv", "检查汇总.xlsx"]
    page = (out / "审阅.html").read_text(encoding="utf-8")
    assert not re.search(r"<script|<link|<img|src=|url\(|@import", page)  # nothing loaded
    assert "共 20 份报告" in page
    # A Chinese title, not the folder's own name; the folder is a detail under it.
    assert re.search(r"<title>政府信息公开工作年度报告审阅（20 份，(其中 \d+ 份为)?20\d\d年度）</title>", page)
    assert "<p class=\"lead\">文件夹：2023年报告；共 20 份报告" in page


def test_top_risks_come_first_errors_then_readings_then_figures(reviewed) -> None:
    _, out, _ = reviewed
    page = (out / "审阅.html").read_text(encoding="utf-8")
    risks = _text(_section(page, "一、首先要看的问题", "二、各机关按发现的问题排序"))
    first, second, third = (risks.index(h) for h in ("报告中的错误", "请对照原报告核对", "数字异常"))
    assert first < second < third
    errors = risks[first:second]
    # the REVIEWTOTAL slips of linhu-district-2023 (复议 3+1 typed 0) with their place
    assert "linhu-district-2023.pdf" in errors and "表四 · 行政复议 · 总计" in errors
    assert "无法读取" in risks[second:third]  # the locked PDF: read it by hand
    odd = risks[third:]
    assert "西湖县人民政府办公室" in odd and "新收申请为 0" in odd
    assert "东湖县人民政府办公室" in odd and "远高于其他机关" in odd


def test_agencies_are_ranked_by_findings(reviewed) -> None:
    """Ranked by errors, then warnings: linhu-district-2023 (2 errors, 3 warnings), then
    jiangdong-transport-2022 (1 error, 2 warnings), then the locked PDF (1 error: 无法读取), as
    `check` prints each report's findings (tests/fixtures/published/*.expected.txt)."""
    _, out, _ = reviewed
    page = (out / "审阅.html").read_text(encoding="utf-8")
    ranking = _section(page, "二、各机关按发现的问题排序", "<details")
    files = re.findall(r"<td>([\w.-]+\.(?:pdf|docx|doc|wps|html))</td>", ranking)
    assert files[:3] == ["linhu-district-2023.pdf", "jiangdong-transport-2022.pdf",
                         "chengling-county-office-2023-locked.pdf"]
    assert len(files) == 20
    # each finding with its place and kind
    details = _text(page[page.index("<details"):page.index("三、关键数字")])
    assert "错误（报告中的问题）" in details and "表四 · 复议后起诉 · 总计" in details
    assert "警告（读取没有把握）" in details and "警告（发布）" in details


def test_a_quartile_checked_by_hand(reviewed) -> None:
    """新收申请 among the ten agencies of 2023 with figures: 0 (海滨 地方志办公室), 0 (西湖), 14 (澄岭,
    南湖), 23 (临湖), 163 (青屏, 中湖), 276 (澜州, 北湖), 6014 (东湖). QUARTILE.INC: Q1 at position
    1 + 9 × 0.25 = 3.25 → 14; the median at 5.5 → (23 + 163) / 2 = 93; Q3 at 7.75 → 163 + 0.75 × 113
    = 247.75."""
    _, out, _ = reviewed
    page = (out / "审阅.html").read_text(encoding="utf-8")
    row = re.search(r"<tr><th scope=\"row\">新收申请（件）</th>(.*?)</tr>", page).group(1)
    cells = [html.unescape(re.sub(r"<[^>]+>", "", c)) for c in re.findall(r"<td[^>]*>(.*?)</td>", row)]
    assert cells[1:5] == ["10", "14", "93", "247.75"]
    assert "在 2023 年度的 10 个机关之间比较" in page


def test_zero_among_large_peers_outlier_and_jumps_are_flagged(reviewed) -> None:
    _, out, _ = reviewed
    rows = _figure_rows((out / "审阅.html").read_text(encoding="utf-8"))
    xihu, donghu, nanhu = rows["西湖县人民政府办公室"], rows["东湖县人民政府办公室"], rows["南湖县人民政府办公室"]
    assert xihu[0][0] == "0" and "flag" in xihu[0][1] and "jump" in xihu[0][1]  # 新收 0, peers large, 14 last year
    assert donghu[0][0] == "6014" and "flag" in donghu[0][1] and "jump" in donghu[0][1]
    assert nanhu[0][0] == "14" and "flag" not in nanhu[0][1]
    page = (out / "审阅.html").read_text(encoding="utf-8")
    jumps = _text(_section(page, "四、与上年相比", "</body>"))
    assert "找到 2 个机关的上年报告" in jumps
    assert "新收申请今年 6014件，是上年（14）的 429.6 倍" in jumps  # 6014 / 14 = 429.57
    assert "新收申请今年 0件，不到上年（14）的五分之一" in jumps


def test_zero_blank_and_not_applicable_are_kept_apart(reviewed) -> None:
    """规范性文件制发 over the whole folder (by hand from the reports): blank in the altered
    nancang-street-2025 only; 不适用 in the two narrative reports (state-tax-2010, xinmin-street-2012);
    未读出 for the locked PDF and the scan (not read); 0 in baishi-town-2021, haibin-gazetteer-office-2023,
    jingwan-tax-2022 and tongxi-hospital-2021 (东湖, 西湖 and 南湖 keep county-office's 17)."""
    _, out, _ = reviewed
    page = (out / "审阅.html").read_text(encoding="utf-8")
    row = re.search(r"<tr><th scope=\"row\">规范性文件制发（件）</th>(.*?)</tr>", page).group(1)
    cells = [html.unescape(re.sub(r"<[^>]+>", "", c)) for c in re.findall(r"<td[^>]*>(.*?)</td>", row)]
    assert cells[-4:] == ["4", "1", "2", "2"]  # 0, 空白, 不适用, 未读出
    rows = _figure_rows(page)
    blank = rows["溪山市枫林区南仓街道办事处"][8]
    assert blank == ("空白", "blank")
    assert rows["国家示例税务总局"][8] == ("不适用", "na")
    assert rows["海滨市人民政府地方志办公室"][8][0] == "0" and rows["海滨市人民政府地方志办公室"][8][1].startswith("zero")


def test_the_sheet_holds_the_same_review(reviewed) -> None:
    from openpyxl import load_workbook

    _, out, _ = reviewed
    wb = load_workbook(out / "检查汇总.xlsx", read_only=True)
    assert wb.sheetnames == ["审阅"]
    rows = [tuple(c for c in r) for r in wb["审阅"].iter_rows(values_only=True)]
    flat = [r for r in rows if r and r[0] is not None]
    assert flat[0][0] == _text((out / "审阅.html").read_text(encoding="utf-8").split("<title>")[1].split("</title>")[0])
    assert flat[0][0].startswith("政府信息公开工作年度报告审阅（20 份，") and flat[1][0] == "文件夹：2023年报告"
    standing = next(r for r in flat if r[0] == "新收申请")
    assert standing[2] == 10 and standing[5:8] == (14, 93, 247.75)
    figures = next(r for r in flat if r[0] == "溪山市枫林区南仓街道办事处" and r[1] == "nancang-street-2025.html")
    assert figures[3 + 8] == "空白"  # a blank is text, never 0
    donghu = next(r for r in flat if r[0] == "东湖县人民政府办公室" and r[1] == "donghu-2023.docx")
    assert donghu[3] == 6014
    assert any(r[0] == "数字异常" and "是上年（14）的 429.6 倍" in (r[4] or "") for r in flat)


def test_previous_is_refused_for_one_report(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["check", str(PUBLISHED / "haibin-gazetteer-office-2023.docx"), "--previous", str(PUBLISHED)]) == 2
    assert "检查一份已发布的报告时不能用 --previous" in capsys.readouterr().err


# -- the page in a real browser -------------------------------------------------------------------------

def _chromium(page: Path, width: int, out: Path) -> tuple[int, int]:
    """Open `page` in headless Chromium in a frame `width` px wide (a headless window is at least 500 px
    wide, so a phone's 390 px is a frame of that width in a wider window); screenshot to `out`. Returns the
    page's document scroll width and its window's inner width, as the page itself measures them."""
    probe = page.with_name(f"probe-{width}.html")
    probe.write_text(page.read_text(encoding="utf-8").replace(
        "</body>", "<script>parent.postMessage(document.documentElement.scrollWidth + ',' + window.innerWidth, '*');"
        "</script></body>"), encoding="utf-8")
    host = page.with_name(f"host-{width}.html")
    host.write_text(f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>?</title>
<script>addEventListener('message', e => {{ document.title = 'W=' + e.data; }});</script>
<style>body {{ margin: 0; }} iframe {{ border: 0; width: {width}px; height: 2400px; display: block; }}</style>
</head><body><iframe src="{probe.name}"></iframe></body></html>""", encoding="utf-8")
    base = ["chromium", "--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
            f"--window-size={max(width, 600)},2400", "--virtual-time-budget=5000"]
    try:
        dom = subprocess.run(base + ["--dump-dom", host.as_uri()], capture_output=True, text=True, timeout=120,
                             check=True)
        subprocess.run(base + [f"--screenshot={out}", host.as_uri()], capture_output=True, timeout=120, check=True)
    finally:
        probe.unlink()
        host.unlink()
    m = re.search(r"<title>W=(\d+),(\d+)</title>", dom.stdout)
    assert m, dom.stdout[:500]
    return int(m.group(1)), int(m.group(2))


@pytest.mark.parametrize("width", [1280, 390])
def test_the_page_in_chromium_has_no_sideways_scroll(reviewed, width) -> None:  # type: ignore[no-untyped-def]
    _, out, _ = reviewed
    shot = out.parent / f"审阅-{width}.png"
    scroll, inner = _chromium(out / "审阅.html", width, shot)
    assert inner == width
    assert scroll <= width, f"{width} px: the page scrolls sideways ({scroll} px wide)"
    assert shot.stat().st_size > 10_000
    page = (out / "审阅.html").read_text(encoding="utf-8")
    assert page.count('<div class="scroll">') >= 4  # every table in its own scroll box
    screenshots = Path("/tmp/reportgen-review-shots")  # kept for a human to look at
    screenshots.mkdir(exist_ok=True)
    shutil.copy(shot, screenshots / shot.name)


def test_decimal_of_fees_is_printed_plainly() -> None:
    from reportgen.batch.review_figures import jump, quartiles

    assert quartiles([Decimal(0), Decimal(0), Decimal(2376.45).quantize(Decimal("0.01")), Decimal(6841.57).quantize(
        Decimal("0.01"))]) == (Decimal(0), Decimal("1188.225"), Decimal("3492.7300"))
    assert jump(Decimal(6), Decimal(1)) == ""  # more than 5× but only 5 more: too small to judge
    assert jump(Decimal(0), Decimal(4)) == ""  # from under 5


def test_a_figure_tells_blank_from_zero_and_not_applicable() -> None:
    """figure_of on made-up facts: a cell printed blank is 空白, not 0; a row with one blank cell is the
    sum of the others with the blank counted; 规章 0 of an agency without rule-making power is 不适用, but
    规章 3 stays a number (RULEMAKING warns of it); a table not read is 未读出."""
    from reportgen.batch.review_figures import BLANK, BY_KEY, NA, NUMBER, UNREAD, ZERO, figure_of

    data = {"applications": {"new": [2, 0, 0, 0, 1, 0]},
            "active_disclosure": {"regulations": {"issued": 0, "repealed": 0, "in_force": 3},
                                  "normative_documents": {"issued": 0}}}
    norms = figure_of(BY_KEY["norms_issued"], data, {"active_disclosure.normative_documents.issued"}, False, "", False)
    assert (norms.state, norms.text()) == (BLANK, "空白")
    zero = figure_of(BY_KEY["norms_issued"], data, set(), False, "", False)
    assert (zero.state, zero.text()) == (ZERO, "0")
    new = figure_of(BY_KEY["new"], data, {"applications.new.business"}, False, "", False)
    assert (new.state, new.text(), new.note) == (NUMBER, "3", "其中 1 格空白")
    assert figure_of(BY_KEY["regs_issued"], data, set(), False, "", False).state == NA
    assert figure_of(BY_KEY["regs_issued"], data, set(), False, "", True).state == ZERO  # with the power: 0
    assert figure_of(BY_KEY["regs_in_force"], data, set(), False, "", False).text() == "3"
    assert figure_of(BY_KEY["review"], data, set(), False, "没有读出表四", False).state == UNREAD
