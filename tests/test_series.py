"""SERIES (a series typed in text with a gap, a repeat, a wrong order, a number in another form) and the
facts-file slips that reach a published report too (issue 20, items 2 and 3).

tests/fixtures/slips/series-2025.yaml is data/example-2025.yaml with five slips typed as real reports
print them (its header lists them). The facts file is checked; then the same report is built to
.docx, .html and .pdf and each is checked as a published report: every slip is found, with its
place in the report and the numbers as typed. Every expected message below was read against the
fixture by hand (the series, the characters around the number, the part of the report)."""

from __future__ import annotations

import glob
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT

from reportgen.checks.run import load_facts
from reportgen.cli import main
from reportgen.errors import FactsError
from reportgen.importer.review import check_report
from reportgen.model.series import CIRCLED, PAREN_ARABIC, PAREN_CHINESE, SHI, Item, markers, slips

SLIPS = ROOT / "tests" / "fixtures" / "slips" / "series-2025.yaml"


# -- the parsing (reportgen.model.series) ---------------------------------------------------------

def _kinds(*paragraphs: str) -> list[tuple[str, str]]:
    """(kind, offending number) of the slips of paragraphs read as one run."""
    items = [Item(m, unit, where=m.typed) for unit, text in enumerate(paragraphs) for m in markers(text)]
    return [(s.kind, s.item.marker.typed) for s in slips(items)]


def test_markers_are_numbers_at_a_sentence_start_outside_quotes() -> None:
    text = "主要做法：一是加强领导，二是完善制度；（1）建立台账（2）定期通报。①②“一是”唯一是《三是》2、3月份1.5倍"
    assert [(m.family, m.n, m.typed) for m in markers(text)] == [
        (SHI, 1, "一是"), (SHI, 2, "二是"), (PAREN_ARABIC, 1, "（1）"), (CIRCLED, 1, "①"), (CIRCLED, 2, "②")]
    # （2） follows 台账 (no punctuation before it): not counted; 唯一是, quoted 一是, 《三是》, 2、3月, 1.5 neither
    assert [m.typed for m in markers("（一）加强领导。（二）完善制度。第五十条第（四）项")] == ["（一）", "（二）"]
    assert [(m.n, m.sep) for m in markers("1、建立台账。2．定期通报。3.加强培训")] == [(1, "、"), (2, "."), (3, ".")]


@pytest.mark.parametrize(("paragraphs", "expected"), [
    (["一是充实人员。三是开展培训。"], [("gap", "三是")]),
    (["一是完善登记。二是严格审查。二是建立会商机制。"], [("repeat", "二是")]),
    (["二是严格审查。一是完善登记。"], [("order", "二是")]),
    (["一是完善登记。三是建立会商机制。二是严格审查。"], [("order", "三是")]),
    (["加强领导。二是完善制度。"], [("start", "二是")]),
    (["1、建立台账；2、定期通报；3、加强培训；4．严格考核。"], [("style", "4．")]),
    (["（1）建立台账；（3）严格考核。"], [("gap", "（3）")]),
    (["①建立台账；①严格考核。"], [("repeat", "①")]),
    (["（一）建立台账。（二）定期通报。（四）严格考核。"], [("gap", "（四）")]),
    # a series goes on into the next paragraph of the part
    (["一是充实人员。", "二是开展培训。", "二是严格考核。"], [("repeat", "二是")]),
])
def test_each_kind_of_slip_is_found_at_the_offending_number(paragraphs: list[str], expected: list) -> None:
    assert _kinds(*paragraphs) == expected


@pytest.mark.parametrize("paragraphs", [
    ["一是充实人员，二是开展培训，三是严格考核。"],
    ["一是充实人员。", "二是开展培训。", "三是严格考核。"],  # one list over three paragraphs
    ["主要做法：一是充实人员，二是开展培训。", "下一步：一是完善制度，二是加强考核。"],  # a list restarts
    ["一是充实人员，二是开展培训。另外，一是完善制度，二是加强考核。"],  # two lists in one paragraph
    ["按照“一是公开、二是规范、三是便民”的要求，一是充实人员，二是开展培训。"],  # a quoted series
    ["第二，加强考核。"], ["1月至3月，2、3月份集中开展。"], ["详见附件2、附件3。"], ["增长1.5倍，占2.3%。"],
    ["。2、定期通报。"],  # a lone Arabic number is no series
])
def test_a_correct_or_unclear_series_is_no_slip(paragraphs: list[str]) -> None:
    assert _kinds(*paragraphs) == []


def test_a_number_the_program_prints_is_never_the_slip_but_counts() -> None:
    """Points 一是、二是 printed by the program, then a typed 二是: the typed one is the repeat."""
    auto = [Item(m, u, auto=True) for u, m in enumerate(markers("一是") + markers("二是"))]
    typed = [Item(m, 2) for m in markers("二是加强考核。")]
    [slip] = slips(auto + typed)
    assert (slip.kind, slip.item.auto, slip.series) == ("repeat", False, ("一是", "二是", "二是"))


# -- the facts file --------------------------------------------------------------------------------

def run(capsys, *args: str) -> tuple[int, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out + captured.err


GAP = "序号不连续：“一是……三是”缺了“二是”（“…，明确专人负责。三是开展业务培训，…”）：请补上缺的一项，或把序号依次改正。"
REPEAT = ("序号重复：“一是……二是……二是”中“二是”出现了两次（“…格审查答复文书。二是建立疑难申请会…”）："
          "后一个应为“三是”，请把它和后面的序号依次改正。")
STYLE = "编号样式不一：“1、……2、……3、……4．”中“4．”与前面的“3、”写法不同（“4．加强政务公开专…”）：请统一写成“4、”。"


def test_the_slips_are_found_in_the_facts_file(capsys) -> None:
    code, out = run(capsys, "check", str(SLIPS))
    assert code == 0, out  # warnings only
    name = str(SLIPS)
    # line 61: "    - 加强公开工作队伍建设。一是充实工作人员，明确专人负责。三是…": 三是 is character 34
    # each said at the part of the report and its paragraph (management: 印发…, points, then line 61 the 3rd)
    assert f"{name}:61:34: 警告：一、总体情况（三）政府信息管理第3段（第61行）：{GAP}〔overview.management[2]〕" in out
    assert f"{name}:62:37: 警告：一、总体情况（三）政府信息管理第4段（第62行）：{REPEAT}〔overview.management[3]〕" in out
    assert f"{name}:69:7: 警告：一、总体情况（四）政府信息公开平台建设第2段（第69行）：{STYLE}〔overview.platforms[1]〕" in out
    assert f"{name}:72:50: 警告：一、总体情况（五）监督保障第1段（第72行）：半角标点“,”夹在汉字之间" in out
    assert f"{name}:20:10: 警告：成文日期（第20行）：年份里的零写成了圆圈“○”（U+25CB）" in out
    assert "检查通过：0 个错误，5 个警告" in out


# -- the published report, built from it -------------------------------------------------------------

@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, Path]:
    """The fixture built to .docx, .html and .pdf (half-width marks kept, as a clerk's Word keeps them);
    and the same three with the date as the fixture types it (二○二六年: the build prints 〇), the
    .pdf of those converted from the edited .docx by LibreOffice, as the build does."""
    from reportgen.publish.pdf import convert_to_pdf

    out = tmp_path_factory.mktemp("series")
    assert main(["build", str(SLIPS), "--pdf", "--html", "--keep-punctuation", "-o", str(out / "series-2025.docx")]) == 0
    files = {suffix: out / f"series-2025{suffix}" for suffix in (".docx", ".html", ".pdf")}
    circle = out / "circle"
    circle.mkdir()
    html = files[".html"].read_text(encoding="utf-8")
    assert html.count("二〇二六年一月二十日") == 1
    (circle / "series-2025.html").write_text(html.replace("二〇二六年一月二十日", "二○二六年一月二十日"), encoding="utf-8")
    with zipfile.ZipFile(files[".docx"]) as src, zipfile.ZipFile(circle / "series-2025.docx", "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "word/document.xml":
                assert data.decode().count("二〇二六年一月二十日") == 1
                data = data.decode().replace("二〇二六年一月二十日", "二○二六年一月二十日").encode()
            dst.writestr(item, data)
    convert_to_pdf([circle / "series-2025.docx"], circle)
    files.update({f"circle{suffix}": circle / f"series-2025{suffix}" for suffix in (".docx", ".html", ".pdf")})
    return files


REPORT_FINDINGS = [
    f"警告（报告中的问题）：{GAP}（见“一、总体情况（三）政府信息管理”）",
    f"警告（报告中的问题）：{REPEAT}（见“一、总体情况（三）政府信息管理”）",
    f"警告（报告中的问题）：{STYLE}（见“一、总体情况（四）政府信息公开平台建设”）",
    "警告（报告中的问题）：半角标点“,”夹在汉字之间（“…公开业务培训3次,覆盖全体工作人员…”，见“一、总体情况（五）监督保障”）："
    "中文里应使用全角“，”（GB/T 15834—2011《标点符号用法》）。",
]
CIRCLE_DATE = ("警告（报告中的问题）：成文日期“二○二六年一月二十日”年份里的零写成了圆圈“○”（U+25CB）："
               "公文日期用汉字写时，零应为“〇”（U+3007，GB/T 9704—1999）。")


def _findings(out: str, name: str) -> list[str]:
    return sorted(line.removeprefix(f"{name}: ") for line in out.splitlines() if line.startswith(f"{name}: 警告"))


@pytest.mark.parametrize("form", [".docx", ".html", ".pdf"])
def test_the_slips_are_found_in_the_published_report(capsys, built, form: str) -> None:
    """Each slip, at its part of the report, with the series as printed. The 4． (after points printed
    1、2、3、) is read back by the import as a paragraph under the third of three headings numbered 1、:
    SERIES says it there, in the report's words."""
    code, out = run(capsys, "check", str(built[form]))
    assert code == 0, out
    assert _findings(out, f"series-2025{form}") == sorted(REPORT_FINDINGS), out


@pytest.mark.parametrize("form", [".docx", ".html", ".pdf"])
def test_a_circle_in_the_printed_date_is_found_in_every_form(capsys, built, form: str) -> None:
    code, out = run(capsys, "check", str(built[f"circle{form}"]))
    assert code == 0, out
    assert _findings(out, f"series-2025{form}") == sorted([*REPORT_FINDINGS, CIRCLE_DATE]), out


def test_a_heading_typed_4_among_headings_numbered_1_is_found_in_the_published_report(capsys, tmp_path) -> None:
    """The 4． slip as reports print it between headings: 总体情况（四） with three headings numbered 1、
    (numbering level3: 1、) and, under the third, a line typed 4．加强政务公开专区建设 set like a
    heading. The import used to take the headings 2、 and 3、 for unnumbered parts of 总体情况 and
    print （一）2、…, so the 4． was lost among them; now the three are read as 1、2、3、 and the 4． is said."""
    text = SLIPS.read_text(encoding="utf-8")
    start, end = text.index("  platforms:\n"), text.index("  oversight:\n")
    facts = tmp_path / "headings-2025.yaml"
    facts.write_text(text[:start] + """  platforms:
    numbering: {level3: 1、}
    subsections:
      - heading: 优化网站栏目设置
        paragraphs: [调整网站栏目12个。]
      - heading: 完善政务新媒体管理
        paragraphs: [清理关停政务新媒体账号2个。]
      - heading: 规范政府公报发布
        paragraphs:
          - 全年编发政府公报12期。
          - 4．加强政务公开专区建设
          - 在政务服务中心设立查阅点。
""" + text[end:], encoding="utf-8")
    style = ("编号样式不一：“1、……2、……3、……4．”中“4．”与前面的“3、”写法不同（“4．加强政务公开专…”）：请统一写成“4、”。")
    code, out = run(capsys, "check", str(facts))
    assert code == 0 and f"一、总体情况（四）政府信息公开平台建设第3小节第2段（第" in out, out  # 规范政府公报发布's 2nd paragraph
    assert f"：{style}〔overview.platforms.subsections[2].paragraphs[1]〕" in out, out
    assert main(["build", str(facts), "-o", str(tmp_path / "headings-2025.docx")]) == 0
    code, out = run(capsys, "check", str(tmp_path / "headings-2025.docx"))
    assert code == 0, out
    assert f"headings-2025.docx: 警告（报告中的问题）：{style}（见“一、总体情况（四）政府信息公开平台建设”）" in out.splitlines()
    assert "（一）2、" not in out and "（二）3、" not in out


def test_a_list_under_a_heading_is_no_heading_typed_in(tmp_path) -> None:
    """Under the second heading numbered 1、, a list 1. 2. 3. one item a paragraph: its 3. is the
    number k+1 after heading 2、 but the third of its own list, not a third heading typed in."""
    text = (ROOT / "data" / "example-2025.yaml").read_text(encoding="utf-8")
    start, end = text.index("  platforms:\n"), text.index("  oversight:\n")
    facts = tmp_path / "list-2025.yaml"
    facts.write_text(text[:start] + """  platforms:
    numbering: {level3: 1、}
    subsections:
      - heading: 优化网站栏目设置
        paragraphs: [调整网站栏目12个。]
      - heading: 完善政务新媒体管理
        paragraphs:
          - 1.清理关停政务新媒体账号2个。
          - 2.开展政务新媒体检查4次。
          - 3.建立政务新媒体值班制度。
""" + text[end:], encoding="utf-8")
    assert [w for w in load_facts(facts).warnings if w.code == "SERIES"] == []


# -- no false alarm on correct reports --------------------------------------------------------------

FACTS = sorted({*glob.glob(str(ROOT / "data" / "*.yaml")), *glob.glob(str(ROOT / "tests/fixtures/real/*.yaml")),
                *glob.glob(str(ROOT / "tests/fixtures/valid/**/*.yaml"), recursive=True),
                *glob.glob(str(ROOT / "tests/fixtures/reviewer/clean-*.yaml"))})
PUBLISHED = sorted(p for folder in ("published", "published/variants", "import")
                   for p in (ROOT / "tests" / "fixtures" / folder).glob("*.*")
                   if p.suffix in (".pdf", ".docx", ".doc", ".wps", ".html") and "scan" not in p.name
                   and "locked" not in p.name)


def test_series_gives_no_finding_on_a_correct_facts_file() -> None:
    """No SERIES on any example, real or valid fixture (read by hand: none has a series slip)."""
    found = []
    for path in FACTS:
        try:
            problems = load_facts(path).warnings
        except FactsError as exc:
            problems = exc.problems
        found += [p.format(show_source=False) for p in problems if p.code == "SERIES"]
    assert len(FACTS) >= 15 and found == []


TEXTS = sorted([*(ROOT / "tests/fixtures/real").glob("*.txt"), *(ROOT / "tests/fixtures/published").glob("*.expected.txt")])
_HEADING = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]|\d+[.．、])")


def test_the_real_texts_series_have_no_slip() -> None:
    """The texts the real and published fixtures are modelled on, one printed paragraph a line, read
    part by part (a heading line ends a run): they type over 100 numbers of a series (一是…, （1）…,
    1、…), all in order, and none is taken for a slip."""
    seen, found = 0, []
    for path in TEXTS:
        run: list[Item] = []
        for unit, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
            if line.startswith(("#", "|", "[")):
                continue
            if _HEADING.match(line) and len(line) < 40:
                found += [(path.name, s.item.where) for s in slips(run)]
                run = []
                continue
            typed = markers(line)
            seen += len(typed)
            run += [Item(m, unit, where=line[m.start:m.start + 12]) for m in typed]
        found += [(path.name, s.item.where) for s in slips(run)]
    assert found == [] and seen >= 100, (found, seen)


@pytest.mark.parametrize("path", PUBLISHED, ids=lambda p: p.name)
def test_series_gives_no_finding_on_a_published_report(path: Path) -> None:
    """Every published and import fixture (their slips are listed in their expected files and
    tests/fixtures/published/README.md: none is a series slip)."""
    assert [f.message for f in check_report(path).findings if f.code == "SERIES"] == []


def test_the_published_corpus_is_all_there() -> None:
    assert len(PUBLISHED) >= 25 and shutil.which("soffice")
    assert not [p for p in PUBLISHED if not re.search(r"\.(pdf|docx|doc|wps|html)$", p.name)]
