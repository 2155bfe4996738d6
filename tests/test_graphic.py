"""The 图解 (`build --graphic`): every figure read back from the SVG text and compared with numbers
computed here from data/example-2025.yaml and example-2024.yaml (not by reportgen); no glyph missing;
the same bytes for the same facts; the web page shows it inline and loads nothing."""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest
import yaml
from conftest import DATA, SEED_FACTS

from reportgen import check
from reportgen.cli import main

SVG_NS = "{http://www.w3.org/2000/svg}"
GROUPS = {"denied": 8, "unable": 3, "not_processed": 5, "other_handling": 3}
APPLICANTS = ["natural", "business", "research", "nonprofit", "legal", "other"]
OUTCOMES = ["upheld", "corrected", "other", "pending"]


def expected_figures(path) -> dict[str, str]:
    """The graphic's figures of a facts file, computed from the YAML lists by hand."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    apps, active, reviews = data["applications"], data["active_disclosure"], data["review_litigation"]
    out = {}
    for key in ("regulations", "normative_documents"):
        if key == "regulations" and not any(active[key].values()):
            continue  # an agency with no 规章 (most have no power to make them): the row is left out
        for col in ("issued", "repealed", "in_force"):
            out[f"active_disclosure.{key}.{col}"] = str(active[key][col])
    for key in ("licensing", "penalty", "enforcement", "fees"):
        out[f"active_disclosure.{key}"] = str(active[key])
    for key in ("new", "carried_over", "carried_forward", "granted", "partially_granted"):
        out[f"applications.{key}.total"] = str(sum(apps[key]))
    for i, col in enumerate(APPLICANTS):
        out[f"applications.new.{col}"] = str(apps["new"][i])
    results = sum(apps["granted"]) + sum(apps["partially_granted"])
    for group, rows in GROUPS.items():
        assert len(apps[group]) == rows
        total = sum(sum(row) for row in apps[group].values())
        out[f"applications.{group}.total"] = str(total)
        results += total
    out["applications.results_total.total"] = str(results)
    for key, row in reviews.items():
        for col in OUTCOMES:
            out[f"review_litigation.{key}.{col}"] = str(row[col])
        out[f"review_litigation.{key}.total"] = str(sum(row.values()))
    out["processing_fee"] = str(data["processing_fee"])
    return out


def change(now: str, last: str, unit: str) -> str:
    diff = Decimal(now) - Decimal(last)
    return (f"比上年增加{diff}{unit}" if diff > 0 else f"比上年减少{-diff}{unit}" if diff < 0 else "与上年持平")


def svg_figures(svg: bytes) -> dict[str, str]:
    """id → text of every element whose id starts rg- (one number each)."""
    root = ET.fromstring(svg)
    out = {}
    for group in root.iter(f"{SVG_NS}g"):
        ident = group.get("id", "")
        if ident.startswith("rg-"):
            out[ident[3:]] = "".join(t.text or "" for t in group.iter(f"{SVG_NS}text"))
    return out


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("graphic") / "example-2025.docx"
    assert main(["build", str(DATA / "example-2025.yaml"), "-o", str(out), "--graphic", "--html"]) == 0
    return out


def test_every_figure_on_the_graphic_is_the_facts_figure(built):
    svg = (built.parent / "example-2025.图解.svg").read_bytes()
    shown = svg_figures(svg)
    now = expected_figures(DATA / "example-2025.yaml")
    numbers = {k: v for k, v in shown.items() if not k.endswith(".change")}
    assert numbers == now
    # Spot checks against the printed tables (test_national_tables.EXPECTED_*): 79 new, 1386 licences.
    assert numbers["applications.new.total"] == "79" and numbers["active_disclosure.licensing"] == "1386"
    # With example-2024.yaml beside it, the headline figures carry their change from last year.
    last = expected_figures(DATA / "example-2024.yaml")
    changes = {k[: -len(".change")]: v for k, v in shown.items() if k.endswith(".change")}
    assert set(changes) >= {"applications.new.total", "applications.results_total.total",
                            "active_disclosure.licensing", "active_disclosure.fees", "processing_fee"}
    for name, text in changes.items():
        unit = "元" if name == "processing_fee" else "万元" if name.endswith(".fees") else "件"
        assert text == change(now[name], last[name], unit), name
    assert changes["applications.new.total"] == "比上年增加18件"  # as the README's example says
    text = svg.decode("utf-8")
    assert "示例市示例局" in text and "2025年度政府信息公开工作年度报告" in text


def test_labels_come_from_the_format(built):
    svg = (built.parent / "example-2025.图解.svg").read_text(encoding="utf-8")
    texts = set(re.findall(r">([^<>]+)</text>", svg))
    for label in ("二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况", "四、政府信息公开行政复议、行政诉讼情况",
                  "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他",
                  "予以公开", "部分公开", "不予公开", "无法提供", "不予处理", "其他处理",
                  "结果维持", "结果纠正", "其他结果", "尚未审结", "行政复议"):
        assert label in texts, label


def test_no_glyph_is_missing(tmp_path):
    """Drawing the PNG under filterwarnings=error: matplotlib's "Glyph … missing from font(s)" would
    fail the test; and the font's character map covers every character drawn."""
    import matplotlib

    from reportgen.publish.graphic import cjk_font, draw, missing_glyphs, render_graphic, texts

    facts = check(DATA / "example-2025.yaml")
    svg, png = render_graphic(facts)
    assert png.startswith(b"\x89PNG")
    family, font_file, index = cjk_font()
    assert family == "Noto Sans CJK SC"  # 黑体 as reportgen/fonts/fonts.conf maps it
    with matplotlib.rc_context({"font.family": [family]}):
        fig = draw(facts)
        drawn = "".join(texts(fig))
        assert "主动公开" in drawn and "1386" in drawn
        assert missing_glyphs(fig, font_file, index) == set()


def test_a_character_the_font_lacks_is_refused_not_drawn_as_a_box(tmp_path):
    from reportgen.publish.graphic import GraphicError, render_graphic

    text = (DATA / "example-2025.yaml").read_text(encoding="utf-8").replace("name: 示例市示例局", "name: 示例市示例局🏛")
    facts_path = tmp_path / "emoji-2025.yaml"
    facts_path.write_text(text, encoding="utf-8")
    with pytest.raises(GraphicError, match="缺少这些字：🏛"):
        render_graphic(check(facts_path))


def test_a_long_agency_name_fits_the_page(tmp_path):
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from reportgen.publish.graphic import WIDTH, cjk_font, draw

    long_name = "示例省示例市示例区" * 4 + "人民政府办公室"
    text = (DATA / "example-2025.yaml").read_text(encoding="utf-8").replace("name: 示例市示例局", f"name: {long_name}")
    facts_path = tmp_path / "long-2025.yaml"
    facts_path.write_text(text, encoding="utf-8")
    with matplotlib.rc_context({"font.family": [cjk_font()[0]]}):
        fig = draw(check(facts_path))
        renderer = FigureCanvasAgg(fig).get_renderer()
        page = fig.bbox.width
        boxes = [item.get_window_extent(renderer) for item in fig.texts if long_name in item.get_text()]
    assert len(boxes) == 2  # the title and the footer
    for box in boxes:
        assert box.x0 >= 0 and box.x1 <= page, (box, page, WIDTH)


def test_same_facts_same_bytes(built, tmp_path):
    """A second build in a fresh process (new object ids, new font cache) gives the same bytes."""
    code = ("import sys; from reportgen.cli import main; "
            f"sys.exit(main(['build', {str(DATA / 'example-2025.yaml')!r}, '-o', "
            f"{str(tmp_path / 'example-2025.docx')!r}, '--graphic']))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    for suffix in (".图解.svg", ".图解.png"):
        assert (tmp_path / f"example-2025{suffix}").read_bytes() == (built.parent / f"example-2025{suffix}").read_bytes()
    svg = (tmp_path / "example-2025.图解.svg").read_text(encoding="utf-8")
    assert "<dc:date>" not in svg and "Matplotlib v" not in svg


def test_html_shows_the_graphic_inline_and_loads_nothing(built):
    page = built.with_suffix(".html").read_text(encoding="utf-8")
    assert page.count("<svg") == 1 and 'role="img"' in page and "<figure class=\"graphic\">" in page
    assert page.index("<svg") < page.index("一、总体情况")
    for forbidden in ("http://", "https://", "src=", "<link", "<script", "<img", "<iframe", "@import", "href"):
        assert forbidden not in page, forbidden
    assert re.findall(r"url\(([^)]*)\)", page) and all(u.startswith("#") for u in re.findall(r"url\(([^)]*)\)", page))
    inline = page[page.index("<svg"):page.index("</svg>") + 6]
    shown = svg_figures(inline.replace("<svg ", f'<svg xmlns="{SVG_NS[1:-1]}" ', 1).encode("utf-8"))
    assert {k: v for k, v in shown.items() if not k.endswith(".change")} == expected_figures(DATA / "example-2025.yaml")


def test_narrative_format_has_no_graphic(tmp_path, capsys):
    assert main(["build", str(SEED_FACTS), "-o", str(tmp_path / "seed.docx"), "--graphic"]) == 1
    err = capsys.readouterr().err
    assert "图解只适用于全国统一格式（national-2021）的报告" in err and "Traceback" not in err
    assert not (tmp_path / "seed.图解.png").exists()


def test_no_cjk_font_is_a_clear_message(monkeypatch, tmp_path, capsys):
    import reportgen.publish.graphic as graphic

    monkeypatch.setattr(graphic, "CJK_FAMILIES", ("No Such Font SC",))
    assert main(["build", str(DATA / "example-2025.yaml"), "-o", str(tmp_path / "x.docx"), "--graphic"]) == 1
    err = capsys.readouterr().err
    assert "没有找到中文黑体字体，无法生成图解" in err and "fonts-noto-cjk" in err
    assert not (tmp_path / "x.图解.png").exists() and not (tmp_path / "x.docx").exists()  # nothing written


def test_folder_build_refuses_graphic(tmp_path, capsys):
    assert main(["build", str(DATA), "-o", str(tmp_path), "--graphic"]) == 2
    assert "批量生成暂不支持 --graphic" in capsys.readouterr().err


def test_plain_build_loads_neither_matplotlib_nor_openpyxl(tmp_path):
    code = ("import sys; from reportgen.cli import main; "
            f"rc = main(['build', {str(DATA / 'example-2025.yaml')!r}, '-o', {str(tmp_path / 'x.docx')!r}]); "
            "print(rc, 'matplotlib' in sys.modules, 'openpyxl' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.stdout.split()[-3:] == ["0", "False", "False"], result.stderr


def test_regulations_row_when_the_agency_makes_them(tmp_path):
    from reportgen.publish.graphic import render_graphic

    text = (DATA / "example-2025.yaml").read_text(encoding="utf-8")
    text = text.replace("rulemaking_power: false", "rulemaking_power: true")
    text = text.replace("  regulations:               # 规章\n    issued: 0\n    repealed: 0\n    in_force: 0",
                        "  regulations:               # 规章\n    issued: 2\n    repealed: 1\n    in_force: 17")
    path = tmp_path / "rules-2025.yaml"
    path.write_text(text, encoding="utf-8")
    svg, _ = render_graphic(check(path))
    shown = {k: v for k, v in svg_figures(svg).items() if not k.endswith(".change")}
    assert shown == expected_figures(path)
    assert shown["active_disclosure.regulations.in_force"] == "17"
    assert "规章本年制发件数" in svg.decode("utf-8")


def test_layout_fits_the_page_with_or_without_the_regulations_row(tmp_path):
    """Every text inside the page, every chart at least an inch tall, for the 5 and the 6 boxes of 主动公开."""
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.text import Text

    from reportgen.publish.graphic import cjk_font, draw

    text = (DATA / "example-2025.yaml").read_text(encoding="utf-8").replace(
        "  regulations:               # 规章\n    issued: 0", "  regulations:               # 规章\n    issued: 3")
    (tmp_path / "rules-2025.yaml").write_text(text.replace("rulemaking_power: false", "rulemaking_power: true"),
                                              encoding="utf-8")
    heights = []
    for path in (DATA / "example-2025.yaml", tmp_path / "rules-2025.yaml"):
        with matplotlib.rc_context({"font.family": [cjk_font()[0]]}):
            fig = draw(check(path))
            canvas = FigureCanvasAgg(fig)
            canvas.draw()  # lays out the legend
            renderer = canvas.get_renderer()
            page = fig.bbox
            for item in fig.findobj(Text):
                if item.get_text() and item.get_visible():
                    box = item.get_window_extent(renderer)
                    assert page.x0 <= box.x0 and box.x1 <= page.x1 and page.y0 <= box.y0 and box.y1 <= page.y1, \
                        item.get_text()
            for ax in fig.axes:
                assert ax.get_position().height * fig.get_figheight() >= 1.0
            heights.append(fig.get_figheight())
    assert heights[0] == pytest.approx(11.69) and heights[1] > heights[0]  # A4, then one row longer


def test_the_guides_picture_is_the_graphic():
    from conftest import ROOT

    guide = (ROOT / "docs" / "用户指南.md").read_text(encoding="utf-8")
    assert "![图解 of data/example-2025.yaml](图解示例.png)" in guide
    head = (ROOT / "docs" / "图解示例.png").read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n" and (int.from_bytes(head[16:20], "big"), int.from_bytes(head[20:24], "big")) == (1240, 1753)
    assert "1240 × 1753 像素" in guide


def test_a_ten_digit_figure_stays_inside_its_box(tmp_path):
    """本年新收 999999999 + 15 = 1000000014 and 999999999 许可 (the largest counts a file may hold): each number
    is drawn inside its box (at 22 pt the ten digits overflowed it, over the next box)."""
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.patches import FancyBboxPatch

    from reportgen.publish.graphic import cjk_font, draw

    text = (DATA / "example-2025.yaml").read_text(encoding="utf-8")
    text = re.sub(r"licensing: \d+", "licensing: 999999999", text)
    text = re.sub(r"(\n  new: +\[)(\d+)", r"\g<1>999999999", text)
    text = re.sub(r"(\n  carried_forward: +\[)(\d+)", lambda m: m.group(1) + str(int(m.group(2)) + 999999999 - 64), text)
    path = tmp_path / "big-2025.yaml"
    path.write_text(text, encoding="utf-8")
    facts = check(path)
    assert facts.references["applications.new.total"] == str(999999999 + 15)
    with matplotlib.rc_context({"font.family": [cjk_font()[0]]}):
        fig = draw(facts)
        renderer = FigureCanvasAgg(fig).get_renderer()
        cards = [p.get_window_extent(renderer) for p in fig.findobj(FancyBboxPatch)]
        values = [t for t in fig.texts if (t.get_gid() or "").startswith("rg-") and not t.get_gid().endswith(".change")]
        assert values
        for item in values:
            box = item.get_window_extent(renderer)
            centre = ((box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2)
            card = next(c for c in cards if c.contains(*centre))
            assert card.x0 <= box.x0 and box.x1 <= card.x1, (item.get_text(), box, card)


def test_no_review_or_suit_is_a_sentence_not_a_chart_of_zeros(tmp_path):
    """Part 四 with every figure 0 (most offices' year): the 图解 says so in a sentence, rather than
    an empty chart with a legend and a row of zeros."""
    from reportgen.publish.graphic import render_graphic

    text = (DATA / "example-2025.yaml").read_text(encoding="utf-8")
    for key, row in (("review:           ", "{upheld: 3, corrected: 1, other: 1, pending: 1}"),
                     ("direct_suit:      ", "{upheld: 1, corrected: 0, other: 0, pending: 1}"),
                     ("suit_after_review:", "{upheld: 1, corrected: 0, other: 0, pending: 0}")):
        assert f"  {key} {row}" in text
        text = text.replace(f"  {key} {row}", f"  {key} {{upheld: 0, corrected: 0, other: 0, pending: 0}}")
    path = tmp_path / "none-2025.yaml"
    path.write_text(text, encoding="utf-8")
    svg, _ = render_graphic(check(path))
    shown = svg_figures(svg)
    assert shown["review_litigation.none"] == "本年度没有因政府信息公开引起的行政复议、行政诉讼。"
    assert not [k for k in shown if k.startswith("review_litigation.") and k != "review_litigation.none"]
    page = svg.decode("utf-8")
    for legend in ("结果维持", "结果纠正", "尚未审结"):  # the outcome columns' names: no legend
        assert legend not in page
    # with a single case the chart is back
    one = text.replace("  review:            {upheld: 0,", "  review:            {upheld: 1,", 1)
    path.write_text(one, encoding="utf-8")
    svg, _ = render_graphic(check(path))
    shown = svg_figures(svg)
    assert "review_litigation.none" not in shown and shown["review_litigation.review.upheld"] == "1"
    assert "结果维持" in svg.decode("utf-8")
