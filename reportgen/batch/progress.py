"""Progress of a long run (a folder build, its PDFs) on stderr, and the summary line at its end.

On a terminal: one line redrawn in place, never wider than the terminal (a file name is shortened in
its middle to fit, counting display columns: a Chinese character takes two), so it never wraps into
a stack of half lines. Elsewhere (a log file, a pipe, CI): one plain line per file, nothing redrawn.
The run ends with a summary: `N 份成功，M 份失败，用时 1 分 05 秒`.

Why not tqdm or rich: both count the ambiguous-width characters (…, ·, ✗) as one column, which a
Chinese Windows console draws as two; at 80 columns tqdm cuts a long Chinese name at its end and
drops the count and bar, and redraws with \r into a log file; importing either costs 25-40 ms.
"""

from __future__ import annotations

import shutil
import sys
import time
import unicodedata
from typing import Any, TextIO


def char_width(ch: str) -> int:
    """Columns a character takes in a terminal: 2 for wide and full-width (CJK) characters, and for
    the "ambiguous" ones (…, ·, █, ✗…) that a Chinese Windows console draws two columns wide; 0
    for combining marks and zero-width characters; else 1."""
    if unicodedata.combining(ch) or ch in "\u200b\u200c\u200d\ufeff":
        return 0
    if ch in "✓✗":  # drawn wide by many CJK fonts
        return 2
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F", "A") else 1


def display_width(text: str) -> int:
    """Columns `text` takes in a terminal: the sum of `char_width` over its characters."""
    return sum(char_width(ch) for ch in text)


def shorten(text: str, width: int) -> str:
    """`text` in at most `width` columns: its beginning and end kept, the middle replaced by …
    (a name's end, such as 局-2025.yaml, tells files apart as much as its beginning)."""
    if display_width(text) <= width:
        return text
    if width <= 2:
        return ""
    room = width - 2  # the ellipsis takes two columns in a Chinese console
    head_room = (room + 1) // 2
    head, used = "", 0
    for ch in text:
        if used + char_width(ch) > head_room:
            break
        head, used = head + ch, used + char_width(ch)
    tail, tail_used = "", 0
    for ch in reversed(text[len(head):]):
        if used + tail_used + char_width(ch) > room:
            break
        tail, tail_used = ch + tail, tail_used + char_width(ch)
    return head + "…" + tail


def duration(seconds: float) -> str:
    """用时 in Chinese: 0.4 秒, 12 秒, 1 分 05 秒, 2 小时 03 分."""
    if seconds < 10:
        return f"{seconds:.1f} 秒"
    whole = int(round(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours} 小时 {minutes:02d} 分"
    if minutes:
        return f"{minutes} 分 {secs:02d} 秒"
    return f"{secs} 秒"


class Progress:
    """Progress of `total` steps on `stream` (stderr by default). `step(name, ok)` after each file;
    `finish()` prints the summary line and returns it. `width` overrides the terminal's width, and
    `tty` whether the stream is a terminal (both found out by default)."""

    def __init__(self, total: int, stream: TextIO | None = None, *, label: str = "", width: int | None = None,
                 tty: bool | None = None, clock: Any = time.monotonic):
        self.total, self.done, self.failed = total, 0, 0
        self.stream = stream or sys.stderr
        self.tty = (hasattr(self.stream, "isatty") and self.stream.isatty()) if tty is None else tty
        self.label = label
        self._width = width
        self._clock = clock
        self.started = clock()
        self._drawn = False

    def width(self) -> int:
        if self._width is not None:
            return self._width
        return shutil.get_terminal_size((80, 24)).columns

    def line(self, name: str, ok: bool) -> str:
        """The progress line after a step, fitted to the width (one column spare: a line that fills
        the last column makes some terminals wrap)."""
        columns = max(self.width() - 1, 20)
        count = f"{self.done}/{self.total}"
        mark = "" if ok else " ✗ 失败"
        head = f"{self.label} " if self.label else ""
        bar_width = max(0, min(30, (columns - display_width(head + count + mark) - 4) // 3))
        filled = bar_width * self.done // max(self.total, 1)
        bar = f"[{'#' * filled}{'.' * (bar_width - filled)}] " if bar_width >= 5 else ""  # ASCII: 1 column anywhere
        fixed = f"{head}{bar}{count} "
        return fixed + shorten(name, columns - display_width(fixed) - display_width(mark)) + mark

    def step(self, name: str, ok: bool = True) -> None:
        self.done += 1
        self.failed += 0 if ok else 1
        if self.tty:
            self.stream.write("\r" + self.line(name, ok) + "\033[K")
            self._drawn = True
        else:
            head = f"{self.label} " if self.label else ""
            self.stream.write(f"{head}[{self.done}/{self.total}] {name}{'' if ok else ' ✗ 失败'}\n")
        self.stream.flush()

    def finish(self, what: str = "份") -> str:
        """Clear the progress line; print and return `N 份成功，M 份失败，用时 …`."""
        made = self.done - self.failed
        text = f"{self.label}{'：' if self.label else ''}{made} {what}成功，{self.failed} {what}失败，" \
               f"用时 {duration(self._clock() - self.started)}"
        if self.tty and self._drawn:
            self.stream.write("\r\033[K")
        self.stream.write(text + "\n")
        self.stream.flush()
        return text
