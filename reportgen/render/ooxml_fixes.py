"""Known schema slips of other programs, mended in every report reportgen writes.

A custom template (`--template`) re-saved by LibreOffice carries `w:val="true"` on table-row and
table-cell switches whose schema type (ST_OnOffOnly: only "on" or "off") does not allow it; Microsoft's
Open XML SDK validator reports each one, and Word for the web may refuse the document. The meaning
is unchanged: "true"/"1" → "on", "false"/"0" → "off".
"""

from __future__ import annotations

import re

# ECMA-376 Part 1 (transitional, as the Open XML SDK reads it): trPr/cantSplit, trPr/tblHeader,
# tcPr/noWrap, tcPr/tcFitText, tcPr/hideMark are CT_OnOffOnly.
_ON_OFF_ONLY = re.compile(rb'(<w:(?:cantSplit|tblHeader|noWrap|tcFitText|hideMark)\b[^>]*?\bw:val=")(true|false|1|0)(")')
_VALUES = {b"true": b"on", b"1": b"on", b"false": b"off", b"0": b"off"}

# Parts that hold body text, tables, headers and footers.
_PARTS = re.compile(r"word/(document|header\d*|footer\d*|footnotes|endnotes)\.xml")


def mend_part(name: str, data: bytes) -> bytes:
    """The part `name` (a path inside the package) with the slips above mended; other parts as they are."""
    if not _PARTS.fullmatch(name) or b'w:val="' not in data:
        return data
    return _ON_OFF_ONLY.sub(lambda m: m.group(1) + _VALUES[m.group(2)] + m.group(3), data)
