"""The README and the guides stay true: every command they show runs and does what they say, every command,
option and facts key is documented, and the README stays short and Chinese first.

Each document's commands run in document order in one folder holding copies of the files the commands
name (data/, tests/fixtures/import/, tests/fixtures/real/, tests/fixtures/readme-mistakes.yaml, and the offline
bundle's 示例/ folder), so a guide's steps can build on each other as a clerk's do:

- ```bat blocks hold the Windows commands a clerk types: `.venv\\Scripts\\reportgen ARGS` runs as `reportgen ARGS`
  with `\\` read as `/` and must exit 0; `notepad FILE` stands for the clerk filling in a new file's blanks (every
  empty count becomes 0, at the place `check` names); the other lines are install steps, not run (listed in
  NOT_RUN, so a misspelt command cannot hide among them).
- ```bash blocks hold Linux commands: their `reportgen …` commands (also after `&&`) run the same way.
- ```console blocks are transcripts: `> ` (Windows) or `$ ` (Linux) then the command, below it the output exactly
  as the user sees it (stderr, then stdout; in a Windows transcript the paths with `\\`); a line `……` stands for
  any number of lines. The exit code must be 1 when the output says the check failed (or blanks remain) or a report
  has an error.
- ```python blocks run as they are.
"""

from __future__ import annotations

import contextlib
import importlib.util
import io
import json
import re
import shlex
import shutil
from pathlib import Path

import pytest
from conftest import DATA, FIXTURES, ROOT

from reportgen.cli import _parser, main

README = ROOT / "README.md"
GUIDE = ROOT / "docs" / "用户指南.md"
REVIEW = ROOT / "docs" / "审核指南.md"
MAINTAINERS = ROOT / "docs" / "maintainers.md"
DOCS = [README, GUIDE, REVIEW, MAINTAINERS]
DOC_IDS = ["readme", "user-guide", "reviewer-guide", "maintainers"]
BUNDLE_EXAMPLES = ("example-2025.yaml", "example-2024.yaml")  # scripts/make-offline-bundle: EXAMPLES → 示例/

NOT_RUN = [  # install steps and other programs: shown, not run here (the bundle and CI tests run them)
    r"py -m venv \.venv",
    r"\.venv\\Scripts\\python -m pip install -e \.",
    r"python3 scripts/make-offline-bundle",
    r"sudo bash scripts/install-system-deps.sh",
    r"python3 -m venv \.venv && \.venv/bin/pip install -q -e '\.\[test\]' && \.venv/bin/python -m pytest",
    r"python3 -m venv \.venv && \.venv/bin/pip install -q -e '\.\[test\]' && \.venv/bin/python -m pytest$",
]
WINDOWS = re.compile(r"^\.venv\\Scripts\\reportgen (.+)$")
LINUX = re.compile(r"(?:^|&& )(?:\.venv/bin/)?reportgen ([^&#]+)$")
FAILED = re.compile(r"检查未通过|还没有填完|[1-9]\d* 份有错误|[1-9]\d* 份失败")
# Paths the commands name or print, as a Windows user sees them.
PATHS = re.compile(r"(?<![\w./\\-])((?:out|data|tests|报告|审核|示例)/[^\s:：，。；（）「」、]*)")


def _text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def blocks(text: str) -> list[tuple[str, str]]:
    """The fenced blocks of a Markdown text: (language, body)."""
    return re.findall(r"^```(\w*)\n(.*?)^```", text, re.S | re.M)


def windows_args(command: str) -> list[str]:
    """`build data\\x.yaml -o out\\y.docx` → ["build", "data/x.yaml", "-o", "out/y.docx"]."""
    return shlex.split(command.replace("\\", "/"))


def as_windows(output: str) -> str:
    return PATHS.sub(lambda m: m.group(1).replace("/", "\\"), output)


def fill_in(path: Path) -> None:
    """What the clerk does between `new` and `check`: every count `check` says is still empty gets 0."""
    from reportgen import FactsError, check

    try:
        check(path)
        return
    except FactsError as error:
        blanks = [p for p in error.problems if p.code == "empty"]
    assert blanks, f"{path}: nothing to fill in"
    lines = path.read_text(encoding="utf-8").split("\n")
    for problem in sorted(blanks, key=lambda p: (p.location.line, p.location.column), reverse=True):
        row, col = problem.location.line - 1, problem.location.column - 1
        text = lines[row]
        lines[row] = text[:col] + "0" + text[col + 1:] if text[col:col + 1] == "~" else text[:col] + " 0" + text[col:]
    path.write_text("\n".join(lines), encoding="utf-8")


def matches(expected: list[str], actual: list[str]) -> bool:
    """`actual` is `expected`, where a line `……` stands for any number of lines."""
    if "……" not in expected:
        return expected == actual
    segments: list[list[str]] = [[]]
    for line in expected:
        if line == "……":
            segments.append([])
        else:
            segments[-1].append(line)
    head, *middle, tail = segments
    if actual[:len(head)] != head or (tail and actual[-len(tail):] != tail) or len(actual) < len(head) + len(tail):
        return False
    rest = actual[len(head):len(actual) - len(tail)]
    for segment in middle:
        at = next((i for i in range(len(rest) - len(segment) + 1) if rest[i:i + len(segment)] == segment), None)
        if at is None:
            return False
        rest = rest[at + len(segment):]
    return True


def _run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(args)
    captured = capsys.readouterr()
    return code, captured.err + captured.out


def run_document(path: Path, capsys: pytest.CaptureFixture[str]) -> int:
    """Run every command `path` shows, in order; the number run."""
    ran = 0
    for language, body in blocks(_text(path)):
        if language in ("bat", "bash"):
            for line in body.splitlines():
                line = line.split("  #")[0].strip() if language == "bash" else line.strip()
                if not line or line.startswith("#"):
                    continue
                windows, linux = WINDOWS.match(line), LINUX.search(line)
                if language == "bat" and line.startswith("notepad "):
                    fill_in(Path(line.split(None, 1)[1].replace("\\", "/")))
                    ran += 1
                elif language == "bat" and windows:
                    code, said = _run(windows_args(windows.group(1)), capsys)
                    assert code == 0, f"{path.name}: {line}\n{said}"
                    ran += 1
                elif language == "bash" and linux:
                    code, said = _run(shlex.split(linux.group(1).strip()), capsys)
                    assert code == 0, f"{path.name}: {line}\n{said}"
                    ran += 1
                else:
                    assert any(re.fullmatch(p, line) for p in NOT_RUN), f"{path.name}: a command no test runs: {line}"
        elif language == "console":
            for chunk in re.split(r"^(?=[>$] )", body, flags=re.M):
                if not chunk.strip():
                    continue
                command, _, shown = chunk.partition("\n")
                prompt, command = command[0], command[2:].strip()
                if prompt == ">":
                    m = WINDOWS.match(command)
                    assert m, f"{path.name}: not a reportgen command: {command}"
                    code, said = _run(windows_args(m.group(1)), capsys)
                    said = as_windows(said)
                else:
                    code, said = _run(shlex.split(command)[1:], capsys)
                assert matches(shown.splitlines(), said.splitlines()), f"{path.name}: {command}\n--- shown\n{shown}--- real\n{said}"
                assert code == (1 if FAILED.search(shown) else 0), f"{path.name}: {command}: exit {code}"
                ran += 1
        elif language == "python":
            with contextlib.redirect_stdout(io.StringIO()):
                exec(compile(body, f"{path.name}:python", "exec"), {})
            ran += 1
    return ran


@pytest.fixture
def sandbox(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder like the project's (and the offline bundle's) with the files the documents' commands name."""
    shutil.copytree(DATA, tmp_path / "data")
    shutil.copytree(FIXTURES / "import", tmp_path / "tests" / "fixtures" / "import")
    shutil.copytree(FIXTURES / "real", tmp_path / "tests" / "fixtures" / "real")
    shutil.copy(FIXTURES / "readme-mistakes.yaml", tmp_path / "tests" / "fixtures")
    (tmp_path / "示例").mkdir()
    for name in BUNDLE_EXAMPLES:
        shutil.copy(DATA / name, tmp_path / "示例" / name)
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize("doc", DOCS, ids=DOC_IDS)
def test_every_command_shown_works_as_shown(doc: Path, sandbox: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_document(doc, capsys) > 0


def test_the_year_in_five_steps_makes_the_report(sandbox: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """README: import last year's published PDF → new → fill in → check → build and publish, as shown."""
    run_document(README, capsys)
    made = {p.name for p in (sandbox / "out").iterdir()}
    assert {"统计局-2024.docx", "统计局-2024.pdf", "统计局-2024.html", "统计局-2024.图解.png"} <= made
    text = (sandbox / "报告" / "统计局-2024.yaml").read_text(encoding="utf-8")
    assert re.search(r"^year: 2024$", text, re.M) and "西城区统计局" in text


def test_the_readme_is_short_and_chinese_first() -> None:
    text = _text(README)
    assert len(text) <= 15_000
    half = text[:len(text) // 2]
    prose = re.sub(r"`[^`]*`", "", re.sub(r"^```.*?^```", "", half, flags=re.S | re.M))
    chinese, latin = len(re.findall(r"[\u4e00-\u9fff]", prose)), len(re.findall(r"[A-Za-z]", prose))
    assert chinese / (chinese + latin) >= 0.6, (chinese, latin)
    assert text.index("## English") > len(text) // 2 and text.index("## English") == text.rindex("## ")


def test_the_readme_keeps_the_set_up_commands_ci_runs() -> None:
    """A fresh machine: one line builds the example, one runs the tests; .ci/run runs the same test command."""
    readme = _text(README)
    shell = "\n".join(body for language, body in blocks(readme) if language == "bash")
    assert "python3 -m venv .venv && .venv/bin/pip install -q -e . && .venv/bin/reportgen build data/example-2025.yaml" in shell
    assert "sudo bash scripts/install-system-deps.sh" in shell
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    test_command = ci[ci.index("# README test command:") + 1]
    assert test_command in shell.splitlines()
    assert "bash scripts/install-system-deps.sh" in ci


def _command_sections() -> dict[str, str]:
    text = _text(GUIDE)
    part = text[text.index("<!-- BEGIN generated: commands"):text.index("<!-- END generated: commands -->")]
    return {m.group(1): m.group(2) for m in re.finditer(r"^### `reportgen (\w+)[^\n]*\n(.*?)(?=^### |\Z)", part, re.S | re.M)}


def test_the_user_guide_documents_every_command_and_option() -> None:
    sections = _command_sections()
    sub = next(a for a in _parser()._actions if a.dest == "command")
    assert set(sections) == set(sub.choices)
    for name, parser in sub.choices.items():
        for action in parser._actions:
            for flag in action.option_strings:
                if flag not in ("-h", "--help"):
                    assert f"`{flag}" in sections[name], (name, flag)
    guide = _text(GUIDE)
    assert "`reportgen --version`" in guide
    for name in sub.choices:  # the README names every command too
        assert f"`reportgen {name}" in _text(README), name


def _make_docs():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("make_docs", ROOT / "scripts" / "make_docs.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_guides_generated_parts_are_current() -> None:
    """The key table, the rule table and the command reference are what scripts/make_docs.py writes today."""
    text = _text(GUIDE)
    assert _make_docs().generated(text) == text, "run: python scripts/make_docs.py"


def test_the_reviewer_guide_lists_the_rules_a_published_report_gets() -> None:
    """Its table of rules is what scripts/make_docs.py writes from the checks registry today: one row
    per rule that applies to a published report, no other."""
    from reportgen.checks.registry import RULES

    text = _text(REVIEW)
    assert _make_docs().generated_review(text) == text, "run: python scripts/make_docs.py"
    part = text[text.index("<!-- BEGIN generated: report-rules"):text.index("<!-- END generated: report-rules -->")]
    listed = re.findall(r"^\| ([A-Za-z-]+) \|", part, re.M)
    assert listed == [code for code, rule in RULES.items() if rule.report is not None]
    assert {"PUNCT", "date-zero", "OVERSIGHT", "BALANCE"} <= set(listed) and "COPY" not in listed


def test_every_facts_key_is_in_the_user_guide(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    names: set[str] = set()

    def walk(node: object) -> None:
        if isinstance(node, dict):
            names.update(node.get("properties", {}))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(schema)
    assert len(names) > 100
    guide = _text(GUIDE)
    missing = [n for n in sorted(names) if not re.search(rf"`[^`\n]*\b{re.escape(n)}\b[^`\n]*`", guide)]
    assert missing == []


def test_the_error_example_is_shown_whole() -> None:
    """The user guide's error example is the real output line for line (no …… in it): run_document checks it."""
    guide = _text(GUIDE)
    block = next(body for language, body in blocks(guide)
                 if language == "console" and "readme-mistakes.yaml" in body.splitlines()[0])
    assert "……" not in block and block.rstrip().endswith("4 个错误，0 个警告\n检查未通过。")


def _slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


@pytest.mark.parametrize("doc", DOCS, ids=DOC_IDS)
def test_links_lead_somewhere(doc: Path) -> None:
    text = _text(doc)
    anchors = {_slug(h) for h in re.findall(r"^#+ (.+)$", text, re.M)}
    for target in re.findall(r"\]\(([^)\s]+)\)", text):
        if target.startswith(("http://", "https://")):
            continue
        file, _, anchor = target.partition("#")
        if file:
            assert (doc.parent / file).exists(), (doc.name, target)
        if anchor and not file:
            assert anchor in anchors, (doc.name, target)


def test_the_reviewer_guide_names_the_columns_of_the_roll_up(sandbox: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """审核指南 三、汇总表的各列: the columns it lists are the header of the 检查汇总.csv its folder check writes."""
    run_document(REVIEW, capsys)
    header = (sandbox / "out" / "检查汇总.csv").read_text(encoding="utf-8-sig").splitlines()[0].split(",")
    text = _text(REVIEW)
    section = text[text.index("## 三、汇总表的各列"):text.index("## 四、")]
    listed = re.findall(r"^\| (\S+) \| ", section, re.M)[1:]  # the rows after the table's header
    assert listed == header
    outcomes = re.search(r"^\| 结果 \| (.+) \|$", section, re.M).group(1).split(" / ")
    rows = (sandbox / "out" / "检查汇总.csv").read_text(encoding="utf-8-sig")
    assert {"通过", "有警告", "有错误"} <= {o for o in outcomes if o in rows} and "无法读取" in outcomes


@pytest.mark.parametrize("doc", DOCS, ids=DOC_IDS)
def test_every_yaml_example_is_yaml(doc: Path) -> None:
    """The facts-file snippets the guides show can be typed as they are: each parses."""
    import yaml

    for language, body in blocks(_text(doc)):
        if language == "yaml":
            assert isinstance(yaml.safe_load(body), (dict, list)), body
