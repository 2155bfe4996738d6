"""Facts files are parsed by libyaml when they can be: the same node tree, marks and messages as
the Python loader, and a file nested thousands deep still ends with a message, never a crash."""

from __future__ import annotations

import subprocess
import sys

import pytest
import yaml

from conftest import DATA, FIXTURES
from reportgen.load import fast_yaml
from reportgen.load.reader import MAX_DEPTH, parse_source

FILES = sorted([*DATA.glob("*.yaml"), *FIXTURES.rglob("*.yaml")])


def tree(node: yaml.Node | None) -> list:
    out: list = []
    stack = [node] if node is not None else []
    while stack:
        n = stack.pop()
        marks = [(m.index, m.line, m.column, m.pointer, m.buffer is not None) for m in (n.start_mark, n.end_mark)]
        out.append((type(n).__name__, n.tag, n.value if isinstance(n, yaml.ScalarNode) else len(n.value),
                    getattr(n, "style", None), getattr(n, "flow_style", None), marks))
        if isinstance(n, yaml.MappingNode):
            stack += [x for pair in n.value for x in pair]
        elif isinstance(n, yaml.SequenceNode):
            stack += n.value
    return out


def test_libyaml_is_there_and_used():
    assert yaml.__with_libyaml__  # PyYAML's wheels for Windows and Linux carry it
    text = (DATA / "example-2025.yaml").read_text(encoding="utf-8")
    assert fast_yaml.compose_fast(text) is not None


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_same_tree_and_messages_as_the_python_loader(path, monkeypatch):
    data = path.read_bytes()
    fast, fast_problems = parse_source(data, path.name)
    monkeypatch.delattr(yaml, "CSafeLoader")
    slow, slow_problems = parse_source(data, path.name)
    assert [p.format() for p in fast_problems] == [p.format() for p in slow_problems]
    assert tree(fast.root if fast else None) == tree(slow.root if slow else None)


@pytest.mark.parametrize("body", [
    "intro: " + "[" * 400_000 + "]" * 400_000,  # flow: libyaml's composer would recurse 400,000 deep
    "intro:\n" + "".join(" " * i + "- \n" for i in range(0, 1200, 2)),  # block: 600 levels
    "intro:\n  " + "- " * 300_000 + "x",  # compact block sequences on one line
])
def test_nesting_thousands_deep_ends_with_a_message(tmp_path, body):
    """In a separate process: a crash of the C stack would take pytest down with it."""
    facts = tmp_path / "deep.yaml"
    facts.write_text("format: narrative-2011\n" + body + "\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "reportgen", "check", str(facts)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1, result.stderr[-500:]
    assert f"嵌套太深（超过 {MAX_DEPTH} 层）" in result.stderr and "Traceback" not in result.stderr


def test_nesting_at_the_limit_is_read_by_libyaml():
    text = "a: " + "[" * (MAX_DEPTH - 2) + "1" + "]" * (MAX_DEPTH - 2) + "\n"  # root map + 38 lists + scalar = 40
    assert fast_yaml.compose_fast(text) is not None
    deeper = "a: " + "[" * (MAX_DEPTH - 1) + "1" + "]" * (MAX_DEPTH - 1) + "\n"
    assert fast_yaml.compose_fast(deeper) is None  # left to the Python loader, which says why
