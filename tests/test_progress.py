"""The progress display of a folder build: one line redrawn in place that fits the terminal (a
Chinese character takes two columns), a summary line at the end, plain lines when not a terminal."""

from __future__ import annotations

import io
import re

from conftest import SEED_FACTS
from reportgen.cli import main
from reportgen.batch.progress import Progress, display_width, duration, shorten

LONG = "浙江省嘉兴市南湖区人民政府办公室政府信息公开工作年度报告（二〇二五年度）最终定稿版本.yaml"


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def drawn_lines(output: str) -> list[str]:
    """What a terminal shows at each redraw: the text after each \\r, without the erase-line code."""
    return [part.replace("\033[K", "") for part in output.split("\r") if part]


def test_a_line_at_80_columns_with_long_chinese_names():
    stream, clock = io.StringIO(), Clock()
    progress = Progress(3, stream, width=80, tty=True, clock=clock)
    progress.step(LONG, True)
    progress.step("短名.yaml", True)
    clock.now = 65.2
    progress.step("甲" * 60 + ".yaml", False)
    summary = progress.finish()
    out = stream.getvalue()
    first, second, third, last = drawn_lines(out)
    # Each redraw starts at the line's beginning and fits in 79 columns (never wraps).
    for line in (first, second, third):
        assert display_width(line) <= 79, line
    # By hand: 79 usable columns; the bar takes (79 - 3 - 4) // 3 = 24 cells, 1/3 of them filled (8);
    # "[…] 1/3 " is 31 columns, so the name gets 48: "…" (2) and 46 shared between its head (at
    # most 23: 11 characters) and its tail (年度）最终定稿版本.yaml, 23 columns).
    assert first == "[" + "#" * 8 + "." * 16 + "] 1/3 浙江省嘉兴市南湖区人民…年度）最终定稿版本.yaml"
    assert second == "[" + "#" * 16 + "." * 8 + "] 2/3 短名.yaml"
    # " ✗ 失败" takes 8 columns (✗ counted as 2): the bar gets (79 - 3 - 8 - 4) // 3 = 21 cells, all filled
    assert third.startswith("[" + "#" * 21 + "] 3/3 甲甲") and third.endswith("甲.yaml ✗ 失败")
    # The summary replaces the progress line and ends it.
    assert last == "2 份成功，1 份失败，用时 1 分 05 秒\n" == summary + "\n"
    assert out.count("\n") == 1


def test_not_a_terminal_gives_one_plain_line_per_file():
    stream = io.StringIO()
    progress = Progress(2, stream, width=80, tty=False, clock=Clock())
    progress.step(LONG, True)
    progress.step("b.yaml", False)
    progress.finish()
    assert stream.getvalue().splitlines() == [f"[1/2] {LONG}", "[2/2] b.yaml ✗ 失败", "1 份成功，1 份失败，用时 0.0 秒"]
    assert "\r" not in stream.getvalue() and "\033" not in stream.getvalue()


def test_shorten_counts_chinese_characters_as_two_columns():
    assert shorten("报告.yaml", 20) == "报告.yaml"
    short = shorten("一二三四五六七八九十.yaml", 12)
    assert display_width(short) <= 12 and short.startswith("一二") and short.endswith("ml")
    assert short == "一二….yaml"  # "…" takes 2 of the 12 columns; the head up to 5 (2 characters: 4), the tail up to 6 (.yaml)
    assert display_width("示例a") == 5


def test_durations_read_as_chinese():
    assert [duration(s) for s in (0.42, 12.4, 65, 3725)] == ["0.4 秒", "12 秒", "1 分 05 秒", "1 小时 02 分"]


def test_folder_build_prints_the_summary(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("甲局-报告.yaml", "乙局-报告.yaml"):
        (folder / name).write_text(SEED_FACTS.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "丙局-报告.yaml").write_text("format: narrative-2011\n", encoding="utf-8")
    assert main(["build", str(folder), "-o", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err.splitlines()
    # captured stderr is not a terminal: plain lines, in file-name order, then the summary
    assert err[:3] == ["[1/3] 丙局-报告.yaml ✗ 失败", "[2/3] 乙局-报告.yaml", "[3/3] 甲局-报告.yaml"]
    assert re.fullmatch(r"2 份成功，1 份失败，用时 \d+\.\d 秒", err[3])
