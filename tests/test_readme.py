"""The README stays true: it documents every command, and the commands it shows work as shown."""

from __future__ import annotations

import re
import shlex
import shutil

import pytest
from conftest import ROOT

from reportgen.cli import _parser, main

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_documents_every_command():
    sub = next(a for a in _parser()._actions if a.dest == "command")
    for name in sub.choices:
        assert f"`reportgen {name}" in README, name


def test_readme_documents_every_option():
    sub = next(a for a in _parser()._actions if a.dest == "command")
    for parser in sub.choices.values():
        for action in parser._actions:
            flags = [f for f in action.option_strings if f not in ("-h", "--help")]
            if flags:
                assert any(f"`{flag} " in README or f"`{flag}`" in README or f"[{flag} " in README
                           for flag in flags), flags


def test_error_example_is_the_real_output(capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    block = re.search(r"\$ reportgen check tests/fixtures/readme-mistakes.yaml\n(.*?)```", README, re.S).group(1)
    assert main(["check", "tests/fixtures/readme-mistakes.yaml"]) == 1
    assert capsys.readouterr().err == block


def _shown_commands() -> list[str]:
    commands = []
    for block in re.findall(r"```bash\n(.*?)```", README, re.S):
        for line in block.splitlines():
            line = line.split("  #")[0].strip()
            m = re.search(r"(?:^|&& )(?:\.venv/bin/)?(reportgen [^&#]+)$", line)
            if m:
                commands.append(m.group(1).strip())
    return commands


def test_readme_shows_commands():
    assert "reportgen build data/example-2025.yaml" in _shown_commands()


@pytest.mark.parametrize("command", _shown_commands())
def test_shown_command_works(tmp_path, monkeypatch, capsys, command):
    shutil.copytree(ROOT / "data", tmp_path / "data")
    monkeypatch.chdir(tmp_path)
    args = shlex.split(command)[1:]
    if args[0] == "check" and "2026" in args[1]:  # the README's "next year" pair: new, then check
        assert main(["new", "data/example-2025.yaml", "-o", args[1]]) == 0
        assert main(args) == 1  # lists every count still to fill in
        assert "还没有填写" in capsys.readouterr().err
        return
    assert main(args) == 0, capsys.readouterr().err
