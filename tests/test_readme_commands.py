"""What the README's command table and set-up blocks show, followed literally: `reportgen schema`
alone prints 12,000-odd lines of JSON on the screen, so the row shows `-o`; Debian has no `python`,
so the Linux (```bash) blocks say `python3`."""

from __future__ import annotations

import json
import re
import shlex

from conftest import ROOT

from reportgen.cli import main

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_schema_row_writes_the_file_it_describes(tmp_path, monkeypatch, capsys):
    [row] = [ln for ln in README.splitlines() if ln.startswith("| `reportgen schema")]
    command = re.match(r"\| `reportgen ([^`]+)`", row).group(1)
    assert "-o" in shlex.split(command), row
    monkeypatch.chdir(tmp_path)
    assert main(shlex.split(command)) == 0
    out = capsys.readouterr().out
    assert len(out.splitlines()) < 5  # not the schema on the screen
    schema = json.loads((tmp_path / "reportgen.schema.json").read_text(encoding="utf-8"))
    assert schema["title"] == "政府信息公开工作年度报告事实文件"


def test_linux_blocks_say_python3():
    shell = "\n".join(re.findall(r"```bash\n(.*?)```", README, re.S))
    assert "python3 scripts/make-offline-bundle" in shell
    assert not re.search(r"(?m)(^|&& )python ", shell), shell
