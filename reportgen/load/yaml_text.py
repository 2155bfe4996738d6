"""Values and comments written into a generated facts file (import, rollup, new), so that a value is
always data: it is read back exactly as it was, on the line it was written on, and never becomes a
key, a comment or a second line.

Kept beside the loader because the two must agree on what a line break is: YAML reads CR, LF, NEL
(U+0085) and the Unicode line and paragraph separators (U+2028, U+2029) as line ends, and the loader's
line scan (load.syntax) refuses the last three raw in a file. PyYAML's emitter writes them raw
inside plain and single-quoted scalars, so a text holding one would come back changed, or not at
all; `quoted` escapes every one of them, and every other control character.
"""

from __future__ import annotations

import json
import re

#: Characters never written raw into a generated facts file: C0 controls (line ends and tab
#: included), DEL and the C1 controls (NEL among them), the Unicode line and paragraph separators,
#: and the byte order mark.
UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff]")

_SHORT = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(ch: str) -> str:
    return _SHORT.get(ch) or f"\\u{ord(ch):04x}"


def quoted(text: str) -> str:
    """`text` as a YAML double-quoted scalar on one line: JSON's escapes (which YAML shares: \\" \\\\
    \\n \\t \\uXXXX …) and, beyond JSON, \\uXXXX for DEL, the C1 controls, U+2028, U+2029 and U+FEFF.
    Other characters (Chinese, emoji, CJK Extension B) are written as they are (UTF-8)."""
    return UNSAFE.sub(lambda m: _escape(m.group()), json.dumps(text, ensure_ascii=False))


def comment(text: str) -> str:
    """`text` made safe to follow `# ` on one comment line: each character of UNSAFE is shown
    escaped (\\n, \\t, \\u2028), so a file name or a reason holding a line break can never start a
    line of its own (and become a key)."""
    return UNSAFE.sub(lambda m: _escape(m.group()), text)


def is_one_line(text: str) -> bool:
    """Whether `text` (a value already written as YAML) holds no character of UNSAFE."""
    return UNSAFE.search(text) is None
