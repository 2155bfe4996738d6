"""The command's help and usage errors are in Chinese, like every other message; usage errors exit 2."""

from __future__ import annotations

import subprocess
import sys

import pytest

from reportgen.cli import main

# What argparse prints in English when left alone.
ENGLISH = ("usage:", "positional arguments", "optional arguments", "options:", "show this help message",
           "show program's version", "choose from", "invalid choice", "the following arguments are required",
           "unrecognized arguments", "expected one argument", "invalid int value", "argument ", "error:")

COMMANDS = ["build", "check", "new", "schema"]


def _exit(capsys, argv: list[str]) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exc:
        main(argv)
    captured = capsys.readouterr()
    return exc.value.code, captured.out, captured.err


def _no_english(text: str) -> None:
    lowered = text.lower()
    assert not [word for word in ENGLISH if word in lowered], text


@pytest.mark.parametrize("argv", [["-h"], ["--help"], *([c, "-h"] for c in COMMANDS)])
def test_help_is_chinese(capsys, argv):
    code, out, err = _exit(capsys, argv)
    assert code == 0 and err == ""
    _no_english(out)
    assert out.startswith("用法：reportgen")
    assert "-h, --help" in out and "显示帮助并退出" in out
    assert "选项：" in out


def test_top_level_help_lists_the_commands(capsys):
    _, out, _ = _exit(capsys, ["-h"])
    assert "命令：" in out and "显示版本号并退出" in out
    for command in COMMANDS:
        assert f"    {command} " in out


def test_build_help_names_its_argument_group(capsys):
    _, out, _ = _exit(capsys, ["build", "-h"])
    assert "参数：\n  FACTS.yaml|FOLDER" in out


def test_no_command_prints_chinese_help_and_exits_2(capsys):
    assert main([]) == 2
    captured = capsys.readouterr()
    _no_english(captured.err)
    assert captured.err.startswith("用法：reportgen") and captured.out == ""


@pytest.mark.parametrize(("argv", "expected"), [
    (["frobnicate"], "没有 frobnicate 这个命令。可用的命令：build、check、new、init、examples、schema、rollup、import、rules。"),
    (["build"], "缺少参数：FACTS.yaml|FOLDER"),
    (["check", "a.yaml", "b.yaml"], "不认识的参数：b.yaml"),
    (["check", "a.yaml", "--bogus"], "reportgen check 没有 --bogus 这个选项（reportgen check -h 列出全部选项）。"),
    (["build", "a.yaml", "-o"], "参数 -o/--output：需要一个值"),
    (["build", "a.yaml", "--jobs", "many"], "参数 --jobs：应为正整数，这里写的是“many”"),
    (["build", "a.yaml", "--jobs", "0"], "参数 --jobs：应为正整数（至少 1），这里写的是“0”"),
])
def test_usage_errors_are_chinese_on_stderr_and_exit_2(capsys, argv, expected):
    code, out, err = _exit(capsys, argv)
    assert code == 2 and out == ""
    _no_english(err)
    usage, message = err.rstrip("\n").rsplit("\n", 1)
    assert usage.startswith("用法：reportgen")
    assert message == f"reportgen：用法错误：{expected}"


def test_help_through_the_installed_command():
    result = subprocess.run([sys.executable, "-m", "reportgen", "build", "--help"],
                            capture_output=True, text=True, encoding="utf-8")
    assert result.returncode == 0
    _no_english(result.stdout)
    assert "显示帮助并退出" in result.stdout
