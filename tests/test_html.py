"""The report as a standalone web page (reportgen.publish.html): structure, tables cell by cell with their
merges (the same grids as the Word golden test), no external resources, escaping."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from conftest import DATA, SEED_FACTS
from test_national_tables import EXPECTED_ACTIVE, EXPECTED_APPS, EXPECTED_REVIEWS, OUTCOMES

from reportgen import load_facts
from reportgen.publish.html import render_html

EXAMPLE = DATA / "example-2025.yaml"

SECTIONS = ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
            "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"]


# -- a tiny reader of the page ---------------------------------------------------------------------

class Cell:
    def __init__(self, tag: str, attrs: dict[str, str | None], section: str):
        self.tag, self.attrs, self.section = tag, attrs, section
        self.rows = int(attrs.get("rowspan") or 1)
        self.cols = int(attrs.get("colspan") or 1)
        self.text = ""


class Table:
    def __init__(self) -> None:
        self.caption = ""
        self.rows: list[list[Cell]] = []

    @property
    def cells(self) -> list[Cell]:
        return [cell for row in self.rows for cell in row]

    def cell(self, text: str) -> Cell:
        found = [c for c in self.cells if c.text == text]
        assert len(found) == 1, f"{len(found)} cells read {text!r}"
        return found[0]

    def grid(self) -> list[list[str]]:
        """Rows of texts with rowspan/colspan expanded: a merged cell's text fills every slot."""
        grid: dict[tuple[int, int], str] = {}
        for r, row in enumerate(self.rows):
            c = 0
            for cell in row:
                while (r, c) in grid:
                    c += 1
                for dr in range(cell.rows):
                    for dc in range(cell.cols):
                        assert (r + dr, c + dc) not in grid, f"cells overlap at row {r + dr}, column {c + dc}"
                        grid[(r + dr, c + dc)] = cell.text
                c += cell.cols
        height = max(r for r, _ in grid) + 1
        width = max(c for _, c in grid) + 1
        assert height == len(self.rows), "a rowspan runs past the last row"
        assert len(grid) == height * width, "the table is not rectangular"
        return [[grid[(r, c)] for c in range(width)] for r in range(height)]


class Page(HTMLParser):
    """Headings, paragraphs and tables of the page, in document order, texts unescaped."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, str]] = []  # (tag, text) of h1–h4, p, and ("table", caption)
        self.tables: list[Table] = []
        self.metas: list[dict[str, str | None]] = []
        self.starts: list[tuple[str, dict[str, str | None]]] = []
        self.section = ""
        self._text: list[str] | None = None
        self._cell: Cell | None = None
        self._in_caption = False
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.starts.append((tag, attrs))
        if tag == "meta":
            self.metas.append(attrs)
        elif tag in ("h1", "h2", "h3", "h4", "p"):
            self._text = []
        elif tag == "table":
            self.tables.append(Table())
        elif tag == "caption":
            self._in_caption = True
        elif tag in ("thead", "tbody", "tfoot"):
            self.section = tag
        elif tag == "tr":
            self.tables[-1].rows.append([])
        elif tag in ("td", "th"):
            self._cell = Cell(tag, attrs, self.section)
            self.tables[-1].rows[-1].append(self._cell)

    def handle_endtag(self, tag):
        if tag in ("h1", "h2", "h3", "h4", "p") and self._text is not None:
            self.elements.append((tag, "".join(self._text)))
            self._text = None
        elif tag == "caption":
            self._in_caption = False
            self.elements.append(("table", self.tables[-1].caption))
        elif tag in ("td", "th"):
            self._cell = None

    def handle_data(self, data):
        if self._text is not None:
            self._text.append(data)
        if self._cell is not None:
            self._cell.text += data
        if self._in_caption:
            self.tables[-1].caption += data

    def texts(self, tag: str) -> list[str]:
        return [text for t, text in self.elements if t == tag]


@pytest.fixture(scope="module")
def example_html() -> str:
    return render_html(load_facts(EXAMPLE))


@pytest.fixture(scope="module")
def page(example_html) -> Page:
    return Page(example_html)


@pytest.fixture(scope="module")
def seed_page() -> Page:
    return Page(render_html(load_facts(SEED_FACTS)))


# -- the document ----------------------------------------------------------------------------------

def test_standalone_html5_document(example_html, page):
    assert example_html.startswith("<!DOCTYPE html>\n")
    assert ("html", {"lang": "zh-CN"}) in page.starts
    assert {"charset": "utf-8"} in page.metas
    assert {"name": "viewport", "content": "width=device-width, initial-scale=1"} in page.metas
    assert example_html.count("<style>") == 1


def test_loads_nothing_from_anywhere(example_html, page):
    lowered = example_html.lower()
    for forbidden in ("http://", "https://", "src=", "<link", "<script", "<img", "<iframe", "@import",
                      "url(", "href=", "@font-face"):
        assert forbidden not in lowered, forbidden
    assert not any("style" in attrs for _, attrs in page.starts), "styles live only in the <style> element"


def test_phone_friendly_style(example_html):
    style = example_html.split("<style>", 1)[1].split("</style>", 1)[0]
    assert "max-width:" in style
    assert "overflow-x:auto" in style.split(".table-wrap{", 1)[1].split("}", 1)[0]
    assert '"仿宋", "FangSong"' in style and "serif" in style
    assert '"黑体", "SimHei"' in style and "sans-serif" in style


def test_every_table_scrolls_inside_its_wrapper(example_html):
    assert example_html.count('<div class="table-wrap"') == example_html.count("<table") == 3
    before = example_html.split("<table")
    assert all(chunk.rstrip().endswith('tabindex="0">') for chunk in before[:-1])


def test_deterministic(example_html):
    assert render_html(load_facts(EXAMPLE)) == example_html


# -- the national format ---------------------------------------------------------------------------

def test_headings_in_order(page):
    assert page.texts("h1") == ["示例市示例局2025年度政府信息公开工作年度报告"]
    assert page.texts("h2") == SECTIONS
    assert page.texts("h3") == ["（一）主动公开", "（二）依申请公开", "（三）政府信息管理", "（四）政府信息公开平台建设",
                                "（五）监督保障"]
    assert page.texts("h4") == []


def test_tables_sit_under_their_headings(page):
    order = [(t, text) for t, text in page.elements if t in ("h2", "table")]
    assert order == [
        ("h2", SECTIONS[0]),
        ("h2", SECTIONS[1]), ("table", "主动公开政府信息情况"),
        ("h2", SECTIONS[2]), ("table", "收到和处理政府信息公开申请情况"),
        ("h2", SECTIONS[3]), ("table", "政府信息公开行政复议、行政诉讼情况"),
        ("h2", SECTIONS[4]),
        ("h2", SECTIONS[5]),
    ]


def test_active_disclosure_grid(page):
    assert page.tables[0].grid() == EXPECTED_ACTIVE


def test_applications_grid(page):
    rows = page.tables[1].grid()
    assert len(rows) == len(EXPECTED_APPS) == 28
    for number, (got, want) in enumerate(zip(rows, EXPECTED_APPS)):
        assert got == want, f"row {number}"


def test_review_litigation_grid(page):
    assert page.tables[2].grid() == EXPECTED_REVIEWS


def spans(cell: Cell) -> tuple[int, int]:
    return cell.rows, cell.cols


def test_active_disclosure_merges(page):
    table = page.tables[0]
    for item in ("第二十条第（一）项", "第二十条第（五）项", "第二十条第（六）项", "第二十条第（八）项"):
        assert spans(table.cell(item)) == (1, 4)
    titles = [c for c in table.cells if c.cols == 4]
    assert [c.attrs["scope"] for c in titles] == ["colgroup", "rowgroup", "rowgroup", "rowgroup"]
    for header in [c for c in table.cells if c.text in ("本年处理决定数量", "本年收费金额（单位：万元）")]:
        assert spans(header) == (1, 3) and header.attrs["scope"] == "col"
    for value in ("1386", "93", "9", "42.15"):
        assert spans(table.cell(value)) == (1, 3)
    assert [c.text for c in table.cells if c.attrs.get("scope") == "row"] == [
        "规章", "行政规范性文件", "行政许可", "行政处罚", "行政强制", "行政事业性收费"]


def test_applications_merges(page):
    table = page.tables[1]
    note = table.cell("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）")
    assert spans(note) == (3, 3) and note.tag == "td" and note.section == "thead"
    assert spans(table.cell("申请人情况")) == (1, 7)
    assert spans(table.cell("自然人")) == (2, 1)
    assert spans(table.cell("法人或其他组织")) == (1, 5)
    assert spans(table.cell("总计")) == (2, 1)
    assert spans(table.cell("三、本年度办理结果")) == (22, 1)
    assert spans(table.cell("（三）不予公开")) == (8, 1)
    assert spans(table.cell("（四）无法提供")) == (3, 1)
    assert spans(table.cell("（五）不予处理")) == (5, 1)
    assert spans(table.cell("（六）其他处理")) == (3, 1)
    for label in ("一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量", "四、结转下年度继续办理"):
        assert spans(table.cell(label)) == (1, 3)
    for label in ("（一）予以公开", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "（七）总计"):
        assert spans(table.cell(label)) == (1, 2)
    assert [len(row) for row in table.rows[:3]] == [2, 3, 5]
    assert all(c.section == "thead" for row in table.rows[:3] for c in row)
    assert all(c.section == "tbody" for row in table.rows[3:] for c in row)


def test_applications_header_scopes(page):
    table = page.tables[1]
    scope = {c.text: c.attrs.get("scope") for c in table.cells if c.tag == "th"}
    assert scope["申请人情况"] == scope["法人或其他组织"] == "colgroup"
    assert all(scope[name] == "col" for name in ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"))
    assert scope["三、本年度办理结果"] == "rowgroup"
    assert scope["（三）不予公开"] == scope["1.属于国家秘密"] == scope["（七）总计"] == "row"
    # Every header cell says what it heads; every number is a data cell.
    assert all(c.attrs.get("scope") in ("col", "row", "colgroup", "rowgroup") for c in table.cells if c.tag == "th")
    assert all(c.tag == "td" for c in table.cells if c.text.isdigit())


def test_review_litigation_merges(page):
    table = page.tables[2]
    assert spans(table.cell("行政复议")) == (1, 5)
    assert spans(table.cell("行政诉讼")) == (1, 10)
    assert spans(table.cell("未经复议直接起诉")) == (1, 5)
    assert spans(table.cell("复议后起诉")) == (1, 5)
    assert [spans(c) for c in table.rows[1][:5]] == [(2, 1)] * 5
    assert [c.attrs["scope"] for c in table.rows[0]] == ["colgroup", "colgroup"]
    assert all(c.attrs["scope"] == "col" for c in table.rows[2])
    assert [c.section for c in table.cells] == ["thead"] * 19 + ["tbody"] * 15


def test_captions_thead_and_centred_numbers(page, example_html):
    assert [t.caption for t in page.tables] == [
        "主动公开政府信息情况", "收到和处理政府信息公开申请情况", "政府信息公开行政复议、行政诉讼情况"]
    for table in page.tables:
        assert any(c.section == "thead" for c in table.cells)
        assert any(c.tag == "th" and c.attrs.get("scope") for c in table.cells)
        numbers = [c for c in table.cells if c.tag == "td" and c.text.replace(".", "").isdigit()]
        assert numbers and all(c.attrs.get("class") == "num" for c in numbers)
    assert "td.num{" in example_html and "text-align:center" in example_html.split("th,td{", 1)[1].split("}", 1)[0]


def test_closing_and_signature(page):
    paragraphs = page.texts("p")
    assert paragraphs[-3] == "本年度未收取信息处理费。我局无其他需要报告的事项。"  # fee 0: none charged, not 收取……0元
    assert paragraphs[-2:] == ["示例市示例局", "2026年1月20日"]
    assert ("p", {"class": "signature"}) in page.starts and ("p", {"class": "date"}) in page.starts


def test_signature_and_date_right_aligned(example_html):
    style = example_html.split("<style>", 1)[1].split("</style>", 1)[0]
    assert "p.signature,p.date{text-indent:0;text-align:right" in style
    assert "p.signature{padding-right:4.5em}" in style and "p.date{padding-right:2em}" in style


# -- the narrative format --------------------------------------------------------------------------

def test_narrative_headings_and_signing(seed_page):
    assert seed_page.texts("h1") == ["嘉兴市体育局2011年度政府信息公开工作年度报告"]
    assert seed_page.texts("h2") == ["一、领导重视，组织有序", "二、广泛宣传，营造氛围", "三、结合实际，健全制度",
                                     "四、明确职能，规范流程", "五、创新载体，拓展途径", "六、强化监督，落实任务",
                                     "七、下一步努力方向"]
    assert seed_page.tables == []
    paragraphs = seed_page.texts("p")
    assert paragraphs[-2:] == ["嘉兴市体育局", "二〇一二年三月十六日"]
    assert paragraphs[0].startswith("2011年，市体育局认真贯彻落实《中华人民共和国政府信息公开条例》")


def test_subsection_levels_map_to_h3_and_h4(tmp_path):
    text = SEED_FACTS.read_text(encoding="utf-8")
    marker = "  - heading: 广泛宣传，营造氛围\n"
    assert marker in text
    nested = ("    subsections:\n      - heading: 第二层\n        paragraphs: [二级正文。]\n"
              "        subsections:\n          - heading: 第三层\n            paragraphs: [三级正文。]\n\n")
    path = tmp_path / "nested-2011.yaml"
    path.write_text(text.replace(marker, nested + marker), encoding="utf-8")
    page = Page(render_html(load_facts(path)))
    assert page.texts("h3") == ["（一）第二层"]
    assert page.texts("h4") == ["1.第三层"]
    order = [t for t, _ in page.elements]
    assert order[order.index("h3") - 1] == "p" and order[order.index("h3") + 2] == "h4"


# -- escaping --------------------------------------------------------------------------------------

@pytest.mark.parametrize("source", [EXAMPLE, SEED_FACTS], ids=["national", "narrative"])
def test_text_is_escaped(tmp_path, source):
    name = "R&D <x> “引号”"
    text = source.read_text(encoding="utf-8")
    original = text.split("  name: ", 1)[1].split()[0]
    text = text.replace(f"  name: {original}", "  name: 'R&D <x> “引号”'", 1)
    path = tmp_path / source.name
    path.write_text(text, encoding="utf-8")
    facts = load_facts(path)
    assert facts.agency_name == name
    html = render_html(facts)
    page = Page(html)
    assert page.texts("h1") == [f"{name}{facts.year}年度政府信息公开工作年度报告"]
    assert page.texts("p")[-2] == name
    assert "&amp;" in html and "&lt;x&gt;" in html
    assert "<x>" not in html and "R&D " not in html


def test_quotes_and_ampersands_in_paragraphs(tmp_path):
    text = EXAMPLE.read_text(encoding="utf-8")
    marker = '  - "{processing_fee_statement}'
    assert marker in text
    text = text.replace(marker, "  - '引用 \"双引号\" 与 ''单引号'' 及 a<b && c>d。'\n" + marker, 1)
    path = tmp_path / "quotes-2025.yaml"
    path.write_text(text, encoding="utf-8")
    facts = load_facts(path)
    facts.fullwidth_punctuation = False  # as typed (--keep-punctuation): this test is about escaping
    html = render_html(facts)
    assert "引用 \"双引号\" 与 '单引号' 及 a<b && c>d。" in Page(html).texts("p")
    assert "引用 &#34;双引号&#34; 与 &#39;单引号&#39; 及 a&lt;b &amp;&amp; c&gt;d。" in html  # MarkupSafe's entities
