"""The corpus of malformed facts files in tests/fixtures/invalid (see its README.md).

Each `<category>-<case>.yaml` is checked against `<category>-<case>.expected`:

    exit: 1                      optional header, default 1
    xfail: why                   optional header: a known tool bug, the check test is xfail(strict)
    LINE:COL: text               one line per expected finding
    LINE: 待填 name              one line per expected blank (a value still to fill in)

A finding matches when a message line of stderr starts with `FILE:LINE:COL: ` and contains the
text; the number of `FILE:LINE:COL:` message lines must equal the number of expected findings.
A blank matches a line `    第LINE行 name` of the list of blanks (they are listed, not reported
as mistakes); the number of listed blanks must equal the number expected.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from reportgen.cli import main

CORPUS = Path(__file__).parent / "fixtures" / "invalid"
CATEGORIES = ("syntax", "schema", "encoding", "value", "reference")
_FINDING = re.compile(r"^(\d+):(\d+): (.+)$")
_BLANK = re.compile(r"^(\d+): 待填 (.+)$")


@dataclass
class Expected:
    exit: int
    xfail: str | None
    findings: list[tuple[int, int, str]]
    blanks: list[tuple[int, str]]


def parse_expected(path: Path) -> Expected:
    exit_code, xfail, findings, blanks = 1, None, [], []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        if line.startswith("exit:") and not findings:
            exit_code = int(line.split(":", 1)[1])
        elif line.startswith("xfail:") and not findings:
            xfail = line.split(":", 1)[1].strip()
        elif _BLANK.match(line):
            m = _BLANK.match(line)
            blanks.append((int(m.group(1)), m.group(2)))
        else:
            m = _FINDING.match(line)
            assert m, f"{path}:{number}: expected `LINE:COL: text` or `LINE: 待填 name`, got {line!r}"
            findings.append((int(m.group(1)), int(m.group(2)), m.group(3)))
    assert findings or blanks, f"{path}: no expected finding"
    return Expected(exit_code, xfail, findings, blanks)


CASES = sorted(CORPUS.glob("*.yaml"))


def _params(*, with_xfail: bool) -> list:
    params = []
    for path in CASES:
        marks = []
        if with_xfail:
            reason = parse_expected(path.with_suffix(".expected")).xfail
            if reason:
                marks.append(pytest.mark.xfail(strict=True, reason=reason))
        params.append(pytest.param(path, id=path.stem, marks=marks))
    return params


def message_lines(stderr: str, file: str) -> list[str]:
    """The `FILE:LINE:COL: ...` head lines of the messages (not the quoted source or caret)."""
    head = re.compile(re.escape(file) + r":\d+:\d+: ")
    return [line for line in stderr.splitlines() if head.match(line)]


def assert_findings(stderr: str, file: str, expected: Expected) -> None:
    assert "Traceback" not in stderr, stderr
    lines = message_lines(stderr, file)
    unmatched = list(lines)
    for line_no, col, text in expected.findings:
        prefix = f"{file}:{line_no}:{col}: "
        hit = next((m for m in unmatched if m.startswith(prefix) and text in m), None)
        assert hit is not None, f"no message `{prefix}…{text}…` in stderr:\n{stderr}"
        unmatched.remove(hit)
    assert len(lines) == len(expected.findings), (
        f"{len(lines)} located messages, {len(expected.findings)} expected; unexpected:\n"
        + "\n".join(unmatched) + f"\n--- stderr:\n{stderr}"
    )
    listed = [line for line in stderr.splitlines() if line.startswith("    第")]
    for line_no, name in expected.blanks:
        assert f"    第{line_no}行 {name}" in listed, f"no blank `第{line_no}行 {name}` listed in stderr:\n{stderr}"
    assert len(listed) == len(expected.blanks), f"{len(listed)} blanks listed, {len(expected.blanks)} expected:\n{stderr}"
    if expected.blanks:
        assert f"{file}: 还有 {len(expected.blanks)} 处待填：以下各处还没有填写" in stderr, stderr


def test_corpus_is_well_formed() -> None:
    assert len(CASES) >= 30
    for path in CASES:
        category = path.stem.split("-", 1)[0]
        assert category in CATEGORIES and "-" in path.stem, f"{path.name}: name must be <category>-<case>.yaml"
        assert path.with_suffix(".expected").is_file(), f"{path.name}: missing .expected"
        parse_expected(path.with_suffix(".expected"))
    for path in CORPUS.glob("*.expected"):
        assert path.with_suffix(".yaml").is_file(), f"{path.name}: no matching .yaml"


@pytest.mark.parametrize("path", _params(with_xfail=True))
def test_check_reports_expected(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    expected = parse_expected(path.with_suffix(".expected"))
    code = main(["check", str(path)])
    captured = capsys.readouterr()
    assert code == expected.exit, captured.err
    assert_findings(captured.err, str(path), expected)


@pytest.mark.parametrize("path", _params(with_xfail=False))
def test_build_writes_nothing(path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "x.docx"
    code = main(["build", str(path), "-o", str(out)])
    captured = capsys.readouterr()
    assert code == 1, captured.err
    assert "Traceback" not in captured.err
    assert not out.exists()
    assert list(tmp_path.iterdir()) == []  # no temporary file left behind either


@pytest.mark.parametrize("path", _params(with_xfail=False))
def test_build_keeps_existing_output(path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "x.docx"
    before = b"PK\x03\x04 last year's report, must survive a failed build"
    out.write_bytes(before)
    code = main(["build", str(path), "-o", str(out)])
    capsys.readouterr()
    assert code == 1
    assert out.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.docx"]


@pytest.mark.parametrize("name", ["schema-several-mistakes", "encoding-raw-vt", "schema-python-tag"])
def test_real_process_has_no_traceback(name: str, tmp_path: Path) -> None:
    path = CORPUS / f"{name}.yaml"
    expected = parse_expected(path.with_suffix(".expected"))
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    proc = subprocess.run(
        [sys.executable, "-m", "reportgen", "check", str(path)],
        capture_output=True, env=env, cwd=tmp_path, timeout=60,
    )
    stderr = proc.stderr.decode("utf-8")
    assert proc.returncode == expected.exit, stderr
    assert "Traceback" not in stderr, stderr
    if not expected.xfail:
        assert_findings(stderr, str(path), expected)
    assert not (tmp_path / "pwned").exists()


def test_fullwidth_digits_are_read_as_digits(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A count typed with a Chinese input method in full-width mode (４) means what it shows: it is
    accepted, not an error. (value-fullwidth-digits checks the hint when a unit follows: ４次.)"""
    from reportgen.api import check

    text = (CORPUS / "value-fullwidth-digits.yaml").read_text(encoding="utf-8")
    assert "count: ４次" in text
    path = tmp_path / "fullwidth.yaml"
    path.write_text(text.replace("count: ４次", "count: ４").replace("year: 2011", "year: ２０１１"),
                    encoding="utf-8")
    assert main(["check", str(path)]) == 0, capsys.readouterr().err
    facts = check(path)
    assert facts.data["meetings"]["planning"]["count"] == 4
    assert facts.year == 2011


def test_source_line_is_shown_whole(capsys: pytest.CaptureFixture[str]) -> None:
    """The quoted source line is not cut at an invisible character, which is shown visibly."""
    path = CORPUS / "encoding-raw-vt.yaml"
    assert main(["check", str(path)]) == 1
    err = capsys.readouterr().err
    assert "\n      self_name: 我␋局\n" in err, err
