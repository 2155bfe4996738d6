"""What a careful reviewer marks (tests/fixtures/reviewer, see its README.md): each case is a small
report with one fault (or none, a false-alarm probe) and, beside it, exactly the findings `check`
must print for it:

    exit: 1                       optional, default 0
    previous: previous/X.yaml     optional: last year's file, given with --previous
    note: text                    optional: a 提示 line containing the text
    LINE:COL: text                one per finding; `none` when there is none
    LINE: 待填 name               one per blank (a value still to fill in, listed apart as 第LINE行 name)

Every `FILE:LINE:COL:` line of the output is a finding; their number must equal the expected ones,
so a false alarm fails as surely as a missed fault; so must the number of blanks listed.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reportgen.cli import main

CASES_DIR = Path(__file__).parent / "fixtures" / "reviewer"
CASES = sorted(p for p in CASES_DIR.glob("*.yaml"))
_FINDING = re.compile(r"^(\d+):(\d+): (.+)$")
_BLANK = re.compile(r"^(\d+): 待填 (.+)$")


def parse(path: Path) -> tuple[int, str | None, list[str], list[tuple[int, int, str]], list[str]]:
    exit_code, previous, notes, findings, blanks = 0, None, [], [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("exit:"):
            exit_code = int(line.split(":", 1)[1])
        elif line.startswith("previous:"):
            previous = line.split(":", 1)[1].strip()
        elif line.startswith("note:"):
            notes.append(line.split(":", 1)[1].strip())
        elif line.strip() == "none":
            continue
        elif _BLANK.match(line):
            m = _BLANK.match(line)
            blanks.append(f"    第{m.group(1)}行 {m.group(2)}")
        elif line.strip():
            m = _FINDING.match(line)
            assert m, f"{path}: bad line {line!r}"
            findings.append((int(m.group(1)), int(m.group(2)), m.group(3)))
    return exit_code, previous, notes, findings, blanks


def test_there_are_at_least_thirty_cases():
    assert len(CASES) >= 30
    assert all(p.with_suffix(".expected").is_file() for p in CASES)


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_exactly_the_expected_findings(path, capsys):
    exit_code, previous, notes, expected, blanks = parse(path.with_suffix(".expected"))
    args = ["check", str(path)]
    if previous:
        args += ["--previous", str(CASES_DIR / previous)]
    code = main(args)
    err = capsys.readouterr().err
    assert "Traceback" not in err
    prefix = f"{path}:"
    got = [line for line in err.splitlines() if line.startswith(prefix) and re.match(r"\d+:\d+: ", line[len(prefix):])]
    assert len(got) == len(expected), "\n".join(got) or err
    for (line, column, text), finding in zip(expected, got):
        assert finding.startswith(f"{path}:{line}:{column}: "), (finding, line, column)
        assert text in finding, (text, finding)
    assert [line for line in err.splitlines() if line.startswith("    第")] == blanks, err
    for note in notes:
        assert any(ln.startswith("提示：") and note in ln for ln in err.splitlines()), err
    assert code == exit_code, err
