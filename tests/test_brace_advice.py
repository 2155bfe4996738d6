"""A paragraph that starts with {year} must be quoted ("{year}年，……"), or YAML reads it as a
mapping. A clerk follows the advice `new` gives (请改为“{year}年”) or the example in the file
`init` writes, types `- {year}年，…` without quotes, and gets told about a 映射 — a word that means
nothing to a clerk. The message says what to type, with the quotes; `new`'s advice and `init`'s
example show them too."""

from __future__ import annotations

import re

from conftest import DATA

from reportgen import FactsError, load_facts
from reportgen.cli import main

EXAMPLE = DATA / "example-2025.yaml"
QUOTED = '- "{year}年，……"'


def _unquoted(year: str) -> str:
    """The example with its first paragraph unquoted and opening with `year`: `- 2025年，…`."""
    lines = EXAMPLE.read_text(encoding="utf-8").splitlines()
    [i] = [i for i, ln in enumerate(lines) if ln.startswith('    - "{year}年，{agency.short_name}坚持')]
    assert lines[i].endswith('"')
    lines[i] = "    - " + year + lines[i][len('    - "{year}'):-1]
    return "\n".join(lines) + "\n"


def _run(capsys, *args) -> tuple[int, str, str]:
    code = main([*map(str, args)])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_an_unquoted_year_at_a_paragraph_start_says_to_quote_it(tmp_path, capsys):
    text = _unquoted("{year}")
    assert "    - {year}年，" in text
    facts = tmp_path / "e-2025.yaml"
    facts.write_text(text, encoding="utf-8")
    code, out, err = _run(capsys, "check", facts)
    assert code != 0
    said = out + err
    assert "以 { 开头的一段文字要用英文双引号括起来，例如 " + QUOTED in said, said
    assert "映射" not in said


def test_new_shows_the_quotes_where_the_year_opens_an_unquoted_paragraph(tmp_path, capsys):
    text = _unquoted("2025")
    last, made = tmp_path / "e-2025.yaml", tmp_path / "e-2026.yaml"
    last.write_text(text, encoding="utf-8")
    code, _, err = _run(capsys, "new", last, "-o", made)
    assert code == 0
    [warning] = [ln for ln in err.splitlines() if ln.startswith(f"{made}:")]
    assert "请改为“{year}年”" in warning and QUOTED in warning, warning
    # the advice followed literally: the paragraph quoted, {year} for 2025 — it checks (blanks aside)
    line = int(warning.split(":")[1])
    lines = made.read_text(encoding="utf-8").splitlines()
    assert lines[line - 1].startswith("    - 2025年，")
    lines[line - 1] = '    - "' + lines[line - 1][len("    - "):].replace("2025年", "{year}年", 1) + '"'
    made.write_text("\n".join(lines) + "\n", encoding="utf-8")
    try:
        load_facts(made)
    except FactsError as exc:
        assert all(p.code == "empty" for p in exc.problems), [p.message for p in exc.problems]


def test_new_adds_nothing_where_the_paragraph_is_quoted_already(tmp_path, capsys):
    text = EXAMPLE.read_text(encoding="utf-8")
    text = text.replace('    - "{year}年，{agency.short_name}坚持', '    - "2025年，{agency.short_name}坚持', 1)
    last, made = tmp_path / "e-2025.yaml", tmp_path / "e-2026.yaml"
    last.write_text(text, encoding="utf-8")
    _, _, err = _run(capsys, "new", last, "-o", made)
    [warning] = [ln for ln in err.splitlines() if ln.startswith(f"{made}:")]
    assert "请改为“{year}年”" in warning and "双引号" not in warning


def test_the_init_example_shows_the_quotes(tmp_path, capsys):
    made = tmp_path / "e-2025.yaml"
    assert _run(capsys, "init", "--agency", "示例市测试局", "--year", "2025", made)[0] == 0
    [comment] = [ln for ln in made.read_text(encoding="utf-8").splitlines() if "{year}年，" in ln]
    assert re.search(r'# 例如："\{year\}年，\{agency\.short_name\}[^"]*"（以 \{ 开头的一段要用英文双引号括起来）', comment), comment
