"""Apply the facts file's locality options (reportgen.model.locality) to a rendered report.

Fonts live in the Word styles, so the clerk can still change them in Word: each option has a role
(body_font: the default paragraph style Normal; heading1_font: heading 1; heading2_font: heading 2;
title_font: Title), the role's font is the one the template gives that style (GB/T 9704's in the
shipped templates; another in a clerk's own --template, such as 方正仿宋简体), and every `w:rFonts`
of word/styles.xml (the document defaults and each style) that names it names the chosen font
instead; the font table gains an entry describing it. What cannot be applied (the template lacks
the role's style, or gives two roles one font and the options choose two) is said in a note. Page
numbers live in the footers: with the `hyphen` style each footer paragraph holding a PAGE field
prints `- 1 -` where the template prints `— 1 —`. Nothing changes when no option is written (the
report is then byte for byte what it was before the options existed).

Shapes: `apply(parts, layout)` edits `parts` (part name → bytes, as reportgen.render.docx_parts
renders them) in place and returns the notes (Chinese) on the options it could not apply.
"""

from __future__ import annotations

from typing import Any

from lxml import etree

from ..model.locality import FONT_KEYS, page_number_style
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


# The style whose font each option replaces (by the style's name, as Word lists it), and its label.
_ROLES = {"body_font": ("Normal", "正文"), "heading1_font": ("heading 1", "一级标题"),
          "heading2_font": ("heading 2", "二级标题"), "title_font": ("Title", "标题")}


def apply(parts: dict[str, bytes], layout: dict[str, Any] | None) -> list[str]:
    """Set the chosen fonts in the styles and the font table, and the page-number style in the
    footers, of the rendered package `parts` (edited in place). Returns a note (Chinese) for each
    font option the template does not let apply, [] when all were applied."""
    chosen = {key: (layout or {}).get(key) for key in FONT_KEYS if (layout or {}).get(key)}
    style = page_number_style(layout)
    notes: list[str] = []
    if not chosen and style not in _DASHES:
        return notes
    types = _content_types(parts)
    styles = [name for name, content_type in types.items() if content_type == _CT + "styles+xml"]
    fonts = _replacements(parse(parts[styles[0]]), chosen, notes) if styles and chosen else {}
    for name, content_type in types.items():
        if content_type == _CT + "styles+xml" and fonts:
            parts[name] = _restyle(parts[name], fonts)
        elif content_type == _CT + "fontTable+xml" and fonts:
            parts[name] = _font_table(parts[name], sorted(set(fonts.values())))
        elif content_type == _CT + "footer+xml" and style in _DASHES:
            parts[name] = _page_numbers(parts[name], _DASHES[style])
    return notes


def _replacements(root: etree._Element, chosen: dict[str, str], notes: list[str]) -> dict[str, str]:
    """{the template's font of the role: the chosen font} for each chosen option (layout key →
    font) whose font differs from the template's; a note for each option that cannot apply."""
    out: dict[str, str] = {}
    by_font: dict[str, str] = {}
    for key, font in chosen.items():
        style_name, label = _ROLES[key]
        current = _style_font(root, style_name)
        if current is None:
            notes.append(f"layout: {key}: {font} 没有用上：模板里没有“{style_name}”样式（{label}），或它没有设中文字体；"
                         f"模板的字体保持不变。请在模板中设好该样式，或不用 --template。")
        elif current in by_font and out.get(current, current) != font:
            other = by_font[current]
            notes.append(f"layout: {key}: {font} 没有用上：模板的{label}与 {other} 所指的样式用同一字体“{current}”，"
                         f"已换成 {out.get(current, current)}；要分别设置，请在模板中给这两种样式设不同的字体。")
        else:
            by_font.setdefault(current, key)
            if font != current:
                out[current] = font
    return out


def _style_font(root: etree._Element, style_name: str) -> str | None:
    """The East Asian font of the paragraph style named `style_name` in styles.xml `root`: its own,
    else the style it is based on (and so on), else the document defaults'; None without the style."""
    styles = {s.get(_W + "styleId"): s for s in root.iter(_W + "style")}
    by_name = {}
    for s in styles.values():
        name = s.find(_W + "name")
        if name is not None:
            by_name[name.get(_W + "val")] = s
    style = by_name.get(style_name)
    if style is None and style_name == "Normal":  # the default paragraph style, whatever its name
        style = next((s for s in styles.values() if s.get(_W + "type") == "paragraph"
                      and s.get(_W + "default") in ("1", "true", "on")), None)
    if style is None:
        return None
    seen = set()
    while style is not None and id(style) not in seen:
        seen.add(id(style))
        fonts = style.find(f"{_W}rPr/{_W}rFonts")
        if fonts is not None and fonts.get(_W + "eastAsia"):
            return fonts.get(_W + "eastAsia")
        based = style.find(_W + "basedOn")
        style = styles.get(based.get(_W + "val")) if based is not None else None
    fonts = root.find(f"{_W}docDefaults/{_W}rPrDefault/{_W}rPr/{_W}rFonts")
    return fonts.get(_W + "eastAsia") if fonts is not None else None


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
