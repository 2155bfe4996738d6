"""Locality options: the fonts and the page-number style an office prints with, chosen in the facts
file (`layout:`), not by editing the Word template.

GB/T 9704-2012 names 仿宋_GB2312 for the text, 黑体 for 一、 headings, 楷体_GB2312 for （一） headings
and 方正小标宋简体 for the title (§7.3.3, §7.2, and the standard's own samples), and page numbers
`— 1 —` in 4号 half-width 宋体, odd pages at the right, even pages at the left (§7.5). Offices that
need characters the GB2312 fonts lack print with 仿宋 and 楷体 (or 方正's _GBK fonts) instead, and a
report printed with WPS's page-number preset shows `- 1 -` (the 2023 and 2024 reports of 淮安市洪泽区,
read from their published PDFs). Each option is a short whitelist of fonts real offices use; an
unknown name is an error that lists them.

Shapes: `layout_field()` is the schema's `layout` Record; `chosen_fonts(layout)` maps each template
font (the GB/T 9704 default) to the font chosen in its place, only where it differs.
"""

from __future__ import annotations

from typing import Any

from .containers import Record
from .scalars import Choice
from .typography import FANGSONG, HEITI, KAITI, XIAOBIAOSONG

#: Fonts for the text (and 1. / （1） headings, table text and notes), the template's 仿宋_GB2312 first.
BODY_FONTS = {
    FANGSONG: "GB/T 9704 所用，默认",
    "仿宋": "Windows 自带，比 仿宋_GB2312 多生僻字",
    "方正仿宋_GBK": "GBK 字符集，含生僻字",
}
#: Fonts for 一、 headings (and the 附件 label, also 黑体 in GB/T 9704).
HEADING1_FONTS = {
    HEITI: "GB/T 9704 所用，默认",
    "方正黑体_GBK": "GBK 字符集，含生僻字",
}
#: Fonts for （一） headings.
HEADING2_FONTS = {
    KAITI: "GB/T 9704 所用，默认",
    "楷体": "Windows 自带，比 楷体_GB2312 多生僻字",
    "方正楷体_GBK": "GBK 字符集，含生僻字",
}
#: Fonts for the title.
TITLE_FONTS = {
    XIAOBIAOSONG: "GB/T 9704 所用，默认",
    "方正小标宋_GBK": "GBK 字符集，含生僻字",
    "华文中宋": "没有装方正小标宋的电脑常用",
}
#: Page-number styles: the text around the number, and where it stands.
PAGE_NUMBERS = {
    "gbt9704": "— 1 —：4号半角宋体，单页居右、双页居左，各空一字（GB/T 9704，默认）",
    "hyphen": "- 1 -：短横线，位置同上（WPS 的页码样式，一些机关发布的报告这样印）",
}
DEFAULT_PAGE_NUMBERS = "gbt9704"

#: key → (the template's font it replaces, the choices)
FONT_KEYS = {
    "body_font": (FANGSONG, BODY_FONTS),
    "heading1_font": (HEITI, HEADING1_FONTS),
    "heading2_font": (KAITI, HEADING2_FONTS),
    "title_font": (XIAOBIAOSONG, TITLE_FONTS),
}


def layout_field() -> Record:
    """The `layout` field (版式): the fonts of the text, the 一、 and （一） headings and the title,
    and the page-number style; each optional, GB/T 9704's when not written."""
    return Record("版式", {
        "body_font": Choice("正文字体", BODY_FONTS, "正文（以及 1.、（1）标题和表格文字）的字体",
                            required=False),
        "heading1_font": Choice("一级标题字体", HEADING1_FONTS, "“一、”标题（以及“附件”标识）的字体",
                                required=False),
        "heading2_font": Choice("二级标题字体", HEADING2_FONTS, "“（一）”标题的字体",
                                required=False),
        "title_font": Choice("标题字体", TITLE_FONTS, "报告标题的字体", required=False),
        "page_numbers": Choice("页码样式", PAGE_NUMBERS, "页脚页码的样式", required=False),
    }, "字体和页码的本地习惯（可选）；不写时按 GB/T 9704 排版。这些设置写入 Word 的样式和页脚，"
       "仍可在 Word 中修改", required=False, default=dict)


def chosen_fonts(layout: dict[str, Any] | None) -> dict[str, str]:
    """{template font: chosen font} for each font option written with a value other than the
    default (empty for no `layout`, or one that repeats the defaults)."""
    layout = layout or {}
    out = {}
    for key, (default, _) in FONT_KEYS.items():
        chosen = layout.get(key)
        if chosen and chosen != default:
            out[default] = chosen
    return out


def page_number_style(layout: dict[str, Any] | None) -> str:
    """The page-number style's key (PAGE_NUMBERS), gbt9704 when not written."""
    return (layout or {}).get("page_numbers") or DEFAULT_PAGE_NUMBERS


# The family each font list of the web page (reportgen/publish/templates/page.html.jinja) starts
# with, by option; and the Latin names browsers know some fonts by.
_PAGE_HEADS = {"body_font": "仿宋", "heading1_font": "黑体", "heading2_font": "楷体", "title_font": XIAOBIAOSONG}
_CSS_ALIASES = {"仿宋": "FangSong", "楷体": "KaiTi", "华文中宋": "STZhongsong"}


def page_font_leads(layout: dict[str, Any] | None) -> dict[str, str]:
    """CSS put before each font list of the web page so it tries the chosen font first, by option
    key without `_font` (body, heading1, heading2, title): `"方正仿宋_GBK", ` or "" when the list
    already starts with the chosen font (or nothing is chosen). Names come from the whitelists only."""
    leads = {}
    for key in FONT_KEYS:
        chosen = (layout or {}).get(key)
        lead = ""
        if chosen and chosen != _PAGE_HEADS[key]:
            lead = "".join(f'"{name}", ' for name in (chosen, _CSS_ALIASES.get(chosen)) if name)
        leads[key.removesuffix("_font")] = lead
    return leads
