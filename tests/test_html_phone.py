"""The web page (`build --html`) on a phone (390 px, an iPhone 12–15's CSS width) and a desktop (1280 px),
measured in headless Chromium (tests/chromium.py): no page-wide sideways scroll, wide tables in their own
scroll box under a visible hint (only where they do not fit), the 图解 no wider than the screen, and no
heading or title line of only 1–2 characters (each line read back character by character with Range
rects). Issue 22 item 5: the page was 485 px wide at 390, tables 三/四 and the 图解 cut at the right,
and 四、 ended on a line of its own 况."""

from __future__ import annotations

import pytest
from chromium import measure
from conftest import DATA

from reportgen.cli import main

LONG_NAME = "示例省示例市示例区市场监督管理局示例分局"


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    folder = tmp_path_factory.mktemp("phone")
    plain = folder / "example-2025.docx"
    assert main(["build", str(DATA / "example-2025.yaml"), "-o", str(plain), "--html", "--graphic"]) == 0
    text = (DATA / "example-2025.yaml").read_text(encoding="utf-8")
    assert "  name: 示例市示例局\n" in text
    long = folder / "long-2025.yaml"
    long.write_text(text.replace("  name: 示例市示例局\n", f"  name: {LONG_NAME}\n"), encoding="utf-8")
    assert main(["build", str(long), "-o", str(folder / "long-2025.docx"), "--html"]) == 0
    # A subsection heading with no punctuation to break at (as narrative reports have), put in the page.
    page = (folder / "example-2025.html").read_text(encoding="utf-8")
    assert page.count('<h3 id="s3">') == 1
    (folder / "heading-2025.html").write_text(page.replace(
        '<h3 id="s3">', "<h3>关于进一步加强和改进政府信息公开工作的情况说明及下一步计划安排</h3>" + '<h3 id="s3">'),
        encoding="utf-8")
    return {"example": folder / "example-2025.html", "long": folder / "long-2025.html",
            "heading": folder / "heading-2025.html"}, folder


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("name", ["example", "long"])
def test_page_fits_the_screen(pages, name, width):
    paths, folder = pages
    m = measure(paths[name], width, folder)
    assert m["width"] == width
    assert m["scrollWidth"] <= width, m["scrollWidth"]  # no page-wide sideways scroll
    assert m["outside"] == []  # nothing but a scroll box's content reaches past the screen
    for box in m["boxes"]:
        assert box["right"] <= width, box
        wide = box["scrollWidth"] > box["clientWidth"]
        if box["cls"] == "graphic-wrap":
            assert not wide, box  # the 图解 scales to the screen (max-width 100%)
        elif wide:
            assert box["overflowX"] == "auto" and box["hint"] == "左右滑动查看全表 →", box
        else:
            assert box["hint"] == "", box  # no hint where the whole table shows
    wide = [b for b in m["boxes"] if b["scrollWidth"] > b["clientWidth"]]
    if width == 390:
        assert len(wide) == 2  # tables 三 and 四 scroll in their boxes; table 二 fits
    else:
        assert wide == []


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("name", ["example", "long", "heading"])
def test_no_heading_line_of_one_or_two_characters(pages, name, width):
    paths, folder = pages
    m = measure(paths[name], width, folder)
    headings = m["headings"]
    assert len(headings) >= 8
    for lines in headings:
        if len("".join(lines)) >= 3:
            assert all(len(line) >= 3 for line in lines), lines
    title = headings[0]
    if width == 390:
        # The title breaks only between its words (the .docx's title rules), never inside 政府信息公开.
        assert not any(line.endswith(("政府信", "政府信息", "信息公")) for line in title), title
        four = next(lines for lines in headings if "".join(lines).startswith("四、"))
        assert len(four) == 2 and four[-1] == "行政诉讼情况", four
    else:
        assert len(title) <= 2  # the .docx's title lines, each whole
