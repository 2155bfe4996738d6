"""Reading what a user sees in a .docx: paragraphs, styles, fonts, footers, tables."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}


def q(tag: str) -> str:
    prefix, name = tag.split(":")
    return f"{{{W}}}{name}"


def part(path: Path, name: str) -> etree._Element:
    with zipfile.ZipFile(path) as z:
        return etree.fromstring(z.read(name))


def style(styles: etree._Element, style_id: str) -> etree._Element:
    found = styles.find(f"w:style[@w:styleId='{style_id}']", NS)
    assert found is not None, f"style {style_id} missing"
    return found


def attr(el: etree._Element | None, name: str) -> str | None:
    return None if el is None else el.get(q(f"w:{name}"))


def paragraph_texts(path: Path) -> list[tuple[str, str]]:
    """(style name, text) of each non-empty body paragraph, in order."""
    import docx

    doc = docx.Document(str(path))
    return [(p.style.name, p.text) for p in doc.paragraphs if p.text.strip()]


_HALF_TO_FULL = str.maketrans({",": "，", "(": "（", ")": "）", ";": "；", ":": "：", "?": "？", "!": "！"})


def normalize(text: str) -> str:
    """Up to whitespace and half-/full-width punctuation."""
    return re.sub(r"\s+", "", text).translate(_HALF_TO_FULL)
