"""`reportgen init` in a real terminal (a pseudo-terminal): the answers arrive as the terminal's bytes.
A terminal in GBK (an SSH client or an old console on Chinese Windows) types 示例局 as the GBK bytes
CA BE C0 FD BE D6; Python reads them as UTF-8 with the bytes it cannot decode kept as surrogates.
Review of issue 22: that ended in 内部错误（UnicodeEncodeError … surrogates not allowed）."""

from __future__ import annotations

import os
import pty  # POSIX only: CI runs on Linux
import select
import sys
from pathlib import Path


def _init_in_a_terminal(folder: Path, answers: list[bytes]) -> str:
    """Run the installed `reportgen init` in a pseudo-terminal in `folder`, typing each answer when
    it waits; what the terminal showed, decoded."""
    exe = Path(sys.executable).with_name("reportgen")
    pid, fd = pty.fork()
    if pid == 0:  # the child: the command, at a terminal
        os.chdir(folder)
        os.execv(str(exe), [str(exe), "init"])
    out, left = b"", list(answers)
    while True:
        ready, _, _ = select.select([fd], [], [], 3)
        if not ready:
            if left:
                os.write(fd, left.pop(0))
                continue
            break
        try:
            data = os.read(fd, 4096)
        except OSError:
            break
        if not data:
            break
        out += data
    _, status = os.waitpid(pid, 0)
    assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0, out.decode("utf-8", "replace")
    return out.decode("utf-8", "replace")


def test_init_answer_in_gbk_is_read_as_gbk(tmp_path):
    shown = _init_in_a_terminal(tmp_path, ["示例局".encode("gbk") + b"\r", b"2025\r"])
    assert "内部错误" not in shown
    written = tmp_path / "示例局-2025.yaml"
    assert '  name: "示例局"' in written.read_text(encoding="utf-8"), shown
    assert "已生成 示例局-2025.yaml" in shown


def test_init_answer_in_utf8_is_read_as_typed(tmp_path):
    _init_in_a_terminal(tmp_path, ["示例县测试局".encode() + b"\r", b"2024\r"])
    assert '  name: "示例县测试局"' in (tmp_path / "示例县测试局-2024.yaml").read_text(encoding="utf-8")


def test_init_answer_in_no_known_encoding_is_asked_again(tmp_path):
    shown = _init_in_a_terminal(tmp_path, [b"\xff\xfe\xff\r", "示例局".encode() + b"\r", b"2025\r"])
    assert "没有读懂刚才输入的文字" in shown and "内部错误" not in shown
    assert (tmp_path / "示例局-2025.yaml").is_file()


def test_an_answer_kept_as_surrogates_is_read_as_gbk():
    # where Python reads the terminal with surrogateescape (a C or POSIX locale: UTF-8 mode)
    from reportgen.cli_start import typed_text

    assert typed_text("示例局".encode("gbk").decode("utf-8", "surrogateescape")) == "示例局"
    assert typed_text("示例局") == "示例局"
    assert typed_text(b"\xff\xfe".decode("utf-8", "surrogateescape")) is None
