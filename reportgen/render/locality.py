"""Apply the facts file's locality options (reportgen.model.locality) to a rendered report.

Fonts live in the Word styles, so the clerk can still change them in Word: every `w:rFonts` of
word/styles.xml (the document defaults and each style) that names a template font the facts
replace names the chosen font instead, and the font table gains an entry describing it. Page
numbers live in the footers: with the `hyphen` style each footer paragraph holding a PAGE field
prints `- 1 -` where the template prints `— 1 —`. Nothing changes when no option is written (the
report is then byte for byte what it was before the options existed).

Shapes: `apply(parts, layout)` edits `parts` (part name → bytes, as reportgen.render.docx_parts
renders them) in place.
"""

from __future__ import annotations

from typing import Any

from lxml import etree

from ..model.locality import chosen_fonts, page_number_style
from .docx_parts import _W, parse, serialize

_CT_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml."
_FONT_ATTRS = tuple(_W + name for name in ("eastAsia", "ascii", "hAnsi", "cs"))
# How the font table describes each font the options allow (charset 86: GB2312; fixed pitch for
# the 仿宋 and 楷体 faces, as Word writes them).
_FIXED = {"仿宋", "方正仿宋_GBK", "楷体", "方正楷体_GBK", "方正黑体_GBK"}
_ALT_NAMES = {"仿宋": "FangSong", "楷体": "KaiTi", "华文中宋": "STZhongsong"}
# The em dashes of GB/T 9704's `— 1 —` and what each style prints instead.
_DASHES = {"hyphen": "-"}


def apply(parts: dict[str, bytes], layout: dict[str, Any] | None) -> None:
    """Set the chosen fonts in the styles and the font table, and the page-number style in the
    footers, of the rendered package `parts` (edited in place)."""
    fonts = chosen_fonts(layout)
    style = page_number_style(layout)
    if not fonts and style not in _DASHES:
        return
    types = _content_types(parts)
    for name, content_type in types.items():
        if content_type == _CT + "styles+xml" and fonts:
            parts[name] = _restyle(parts[name], fonts)
        elif content_type == _CT + "fontTable+xml" and fonts:
            parts[name] = _font_table(parts[name], sorted(set(fonts.values())))
        elif content_type == _CT + "footer+xml" and style in _DASHES:
            parts[name] = _page_numbers(parts[name], _DASHES[style])


def _content_types(parts: dict[str, bytes]) -> dict[str, str]:
    """Part name → content type, for the parts named by an Override of [Content_Types].xml."""
    root = etree.fromstring(parts["[Content_Types].xml"])
    return {o.get("PartName", "").lstrip("/"): o.get("ContentType", "") for o in root.iter(_CT_NS + "Override")
            if o.get("PartName", "").lstrip("/") in parts}


def _restyle(xml: bytes, fonts: dict[str, str]) -> bytes:
    """styles.xml with each font attribute naming a replaced template font naming its choice."""
    root = parse(xml)
    for element in root.iter(_W + "rFonts"):
        for attr in _FONT_ATTRS:
            value = element.get(attr)
            if value in fonts:
                element.set(attr, fonts[value])
    return serialize(root)


def _font_table(xml: bytes, names: list[str]) -> bytes:
    """fontTable.xml with an entry for each of `names` it lacks (a CJK font of charset 86)."""
    root = parse(xml)
    have = {font.get(_W + "name") for font in root.iter(_W + "font")}
    for name in names:
        if name in have:
            continue
        font = etree.SubElement(root, _W + "font", {_W + "name": name})
        if name in _ALT_NAMES:
            etree.SubElement(font, _W + "altName", {_W + "val": _ALT_NAMES[name]})
        etree.SubElement(font, _W + "charset", {_W + "val": "86"})
        etree.SubElement(font, _W + "family", {_W + "val": "modern" if name in _FIXED else "auto"})
        etree.SubElement(font, _W + "pitch", {_W + "val": "fixed" if name in _FIXED else "variable"})
    return serialize(root)


def _page_numbers(xml: bytes, dash: str) -> bytes:
    """A footer whose page-number paragraphs (those holding a PAGE field) print `dash` for each em dash."""
    root = parse(xml)
    for paragraph in root.iter(_W + "p"):
        if not any(" PAGE " in f" {(text.text or '').strip()} " for text in paragraph.iter(_W + "instrText")):
            continue
        for text in paragraph.iter(_W + "t"):
            if text.text and "—" in text.text:
                text.text = text.text.replace("—", dash)
    return serialize(root)
