"""Which way up a PDF page is read: the quarter turn that sets most of its characters upright.

A page is normally read as displayed (its /Rotate applied: a landscape table page turned for
printing reads like the paper). But a page can be displayed on its side or upside down — turned in
a viewer and saved (/Rotate 90 on a portrait page whose text is upright in the page's own space),
or printed sideways into a landscape page — and then every character is "not upright" and the
reader, which leaves such characters out (watermarks, turned labels), would read nothing. Reading
such a page the way its text runs is what a reader of the paper does: turn it."""

from __future__ import annotations

import math
from collections import Counter

SAMPLE = 200  # characters looked at: enough to outvote a watermark or a few turned labels


def reading_turn(textpage, displayed: int) -> int:  # type: ignore[no-untyped-def]
    """The rotation (0, 90, 180 or 270, clockwise like /Rotate) to read the page with: `displayed`
    (the page's /Rotate, mod 360) unless more than half of the first SAMPLE characters (fewer once one turn holds more than half of SAMPLE) (spaces and
    characters without Unicode left out) are upright under another quarter turn, then that one.
    `textpage` is a `pypdfium2.PdfTextPage`."""
    import pypdfium2.raw as raw

    tp = textpage.raw
    m = raw.FS_MATRIX()
    turns: Counter[int] = Counter()
    for i in range(raw.FPDFText_CountChars(tp)):
        if sum(turns.values()) >= SAMPLE or (turns and turns.most_common(1)[0][1] * 2 > SAMPLE):
            break  # looked at enough, or one turn already holds the majority of any sample
        code = raw.FPDFText_GetUnicode(tp, i)
        if code in (0, 0xFFFE, 0xFFFF) or chr(code).isspace() or not raw.FPDFText_GetMatrix(tp, i, m):
            continue
        angle = -math.degrees(math.atan2(-m.b, m.a))  # the /Rotate under which this character stands upright
        if abs(math.remainder(angle, 90.0)) <= 3.0:
            turns[round(angle / 90.0) * 90 % 360] += 1
    if not turns or turns[displayed] * 2 >= sum(turns.values()):
        return displayed
    turn, count = turns.most_common(1)[0]
    return turn if count * 2 > sum(turns.values()) else displayed
