"""Trust: the same input gives the same bytes, edits are never lost, writes are atomic, hostile
values are rendered exactly or refused with a location, in bounded time."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import docx
import pytest
from conftest import DATA, SEED_FACTS, stalled_writer

from docxutil import paragraph_texts
from reportgen.cli import main


def build(capsys, *args: str) -> tuple[int, str]:
    code = main(["build", *map(str, args)])
    return code, capsys.readouterr().err


def test_two_builds_a_second_apart_are_byte_identical(capsys, tmp_path):
    first, second = tmp_path / "a.docx", tmp_path / "b.docx"
    assert build(capsys, SEED_FACTS, "-o", first)[0] == 0
    time.sleep(1.1)
    assert build(capsys, SEED_FACTS, "-o", second)[0] == 0
    assert first.read_bytes() == second.read_bytes()


def test_national_build_is_deterministic_and_properties_come_from_the_facts(capsys, tmp_path):
    first, second = tmp_path / "a.docx", tmp_path / "b.docx"
    build(capsys, DATA / "example-2025.yaml", "-o", first)
    time.sleep(1.1)
    build(capsys, DATA / "example-2025.yaml", "-o", second)
    assert first.read_bytes() == second.read_bytes()
    props = docx.Document(str(first)).core_properties
    assert props.title == "示例市示例局2025年度政府信息公开工作年度报告"
    assert props.author == "示例市示例局"
    assert props.created.date().isoformat() == "2026-01-20"
    with zipfile.ZipFile(first) as z:
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_rebuilding_an_untouched_report_overwrites_it(capsys, tmp_path):
    out = tmp_path / "r.docx"
    assert build(capsys, SEED_FACTS, "-o", out)[0] == 0
    assert build(capsys, SEED_FACTS, "-o", out)[0] == 0


def test_edited_report_is_not_overwritten_and_force_keeps_a_backup(capsys, tmp_path):
    out = tmp_path / "r.docx"
    assert build(capsys, SEED_FACTS, "-o", out)[0] == 0
    edited = docx.Document(str(out))
    edited.add_paragraph("领导批注：同意。")
    edited.save(str(out))
    before = out.read_bytes()

    code, err = build(capsys, SEED_FACTS, "-o", out)
    assert code == 1
    assert "被修改过" in err and "--force" in err
    assert out.read_bytes() == before

    assert main(["build", str(SEED_FACTS), "-o", str(out), "--force"]) == 0
    said = capsys.readouterr().out
    backups = list(tmp_path.glob("r.备份-*.docx"))
    assert len(backups) == 1 and backups[0].name in said
    assert "领导批注：同意。" in [t for _, t in paragraph_texts(backups[0])]
    assert "领导批注：同意。" not in [t for _, t in paragraph_texts(out)]


def test_a_file_reportgen_did_not_write_is_not_overwritten(capsys, tmp_path):
    out = tmp_path / "r.docx"
    out.write_bytes(b"someone's own file")
    code, err = build(capsys, SEED_FACTS, "-o", out)
    assert code == 1 and out.read_bytes() == b"someone's own file"


def test_report_open_in_word_is_named(capsys, tmp_path):
    out = tmp_path / "report.docx"
    assert build(capsys, SEED_FACTS, "-o", out)[0] == 0
    (tmp_path / "~$port.docx").write_bytes(b"owner")
    code, err = build(capsys, SEED_FACTS, "-o", out, "--force")
    assert code == 1
    assert "正在 Word 中打开" in err and "~$port.docx" in err


def test_a_killed_build_leaves_the_previous_report_intact(tmp_path):
    out = tmp_path / "r.docx"
    assert main(["build", str(SEED_FACTS), "-o", str(out)]) == 0
    before = out.read_bytes()
    # A build that stops for good in the middle of writing: after the temporary file is written,
    # before it replaces the report. Killed there, it must leave the report as it was.
    with stalled_writer(out, DATA / "example-2025.yaml") as proc:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
    assert out.read_bytes() == before
    # and the next build (a run of its own, as a user starts it) cleans up
    done = subprocess.run([sys.executable, "-m", "reportgen", "build", str(SEED_FACTS), "-o", str(out)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["r.docx"]


def _seed_with(tmp_path: Path, old: str, new: str) -> Path:
    text = SEED_FACTS.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "facts.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


@pytest.mark.parametrize("value", [
    "R&D <x> “引号” 'single' \\\"double\\\"",
    "表情😀与扩展B区𠀀字",
    "&amp; &lt; ]]> <w:t> {{ not a tag }}",
])
def test_odd_values_appear_literally(capsys, tmp_path, value):
    facts = _seed_with(tmp_path, "name: 嘉兴市体育局", f'name: "{value}"')
    out = tmp_path / "x.docx"
    code, err = build(capsys, facts, "-o", out)
    assert code == 0, err
    expected = value.replace('\\"', '"')
    assert paragraph_texts(out)[-2] == ("落款", expected)


def test_control_character_is_refused_with_its_place(capsys, tmp_path):
    facts = _seed_with(tmp_path, "name: 嘉兴市体育局", 'name: "嘉兴市\\x01体育局"')
    line = facts.read_text(encoding="utf-8").splitlines().index('  name: "嘉兴市\\x01体育局"        # 机关全称：标题和落款') + 1
    code, err = build(capsys, facts, "-o", tmp_path / "x.docx")
    assert code == 1
    assert f"{facts}:{line}:" in err and "U+0001" in err
    assert not (tmp_path / "x.docx").exists()


def test_very_long_value_is_refused_not_rendered(capsys, tmp_path):
    facts = _seed_with(tmp_path, "  - 政务信息公开的载体建设", "  - " + "很长" * 15000 + "政务信息公开的载体建设")
    code, err = build(capsys, facts, "-o", tmp_path / "x.docx")
    assert code == 1 and "文字太长" in err


def test_billion_laughs_ends_quickly_with_a_message(capsys, tmp_path):
    """Aliases nested along the schema's own nesting (sections → subsections → paragraphs →
    points): 50⁵ ≈ 300 million values from a file of a few KiB."""
    many = lambda name: "[" + ", ".join([f"*{name}"] * 50) + "]"  # noqa: E731
    facts = tmp_path / "laughs.yaml"
    facts.write_text("\n".join([
        "format: narrative-2011",
        'agency: {name: 甲, short_name: 甲, self_name: 我, motto: &t "哈哈哈哈"}',
        "year: 2011",
        "signed: 2012-03-16",
        f"intro: [{{points: &p {many('t')}}}]",
        f"closing: &para [{{points: *p}}, {{points: *p}}]",
        "sections:",
        f"  - &s3 {{heading: 三, paragraphs: [{', '.join(['{points: *p}'] * 50)}]}}",
        f"  - &s2 {{heading: 二, subsections: {many('s3')}}}",
        f"  - {{heading: 一, subsections: {many('s2')}}}",
    ]) + "\n", encoding="utf-8")
    started = time.monotonic()
    code, err = build(capsys, facts, "-o", tmp_path / "x.docx")
    assert time.monotonic() - started < 5
    assert code == 1
    assert "锚点和别名" in err


def test_python_tag_is_refused_and_never_runs(capsys, tmp_path):
    marker = tmp_path / "pwned"
    facts = _seed_with(tmp_path, "name: 嘉兴市体育局", f"name: !!python/object/apply:os.system ['touch {marker}']")
    code, err = build(capsys, facts, "-o", tmp_path / "x.docx")
    assert code == 1 and "YAML 标签" in err
    assert not marker.exists()


def test_deep_nesting_is_refused_with_a_message(capsys, tmp_path):
    facts = tmp_path / "deep.yaml"
    facts.write_text("format: narrative-2011\nintro: " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    code, err = build(capsys, facts, "-o", tmp_path / "x.docx")
    assert code == 1
    assert "Traceback" not in err and "嵌套" in err


def test_compiled_template_cache_gives_the_same_bytes(tmp_path, monkeypatch):
    """Compiled templates are cached on disk for the next run; a run with a warm cache, a cold one
    and one with the cache turned off give the same document."""
    import reportgen.render.render as render

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    outputs = []
    for i, no_cache in enumerate(("", "", "1")):
        monkeypatch.setenv("REPORTGEN_NO_CACHE", no_cache)
        render._COMPILED.clear()  # a fresh process: nothing in memory
        out = tmp_path / f"r{i}.docx"
        assert main(["build", str(DATA / "example-2025.yaml"), "-o", str(out)]) == 0
        outputs.append(out.read_bytes())
        if i == 0:
            assert list((tmp_path / "cache" / "reportgen" / "jinja").glob("*.jinja"))
    assert outputs[0] == outputs[1] == outputs[2]


@pytest.mark.skipif(os.name == "nt", reason="POSIX permission bits")
def test_outputs_are_readable_like_any_new_file(capsys, tmp_path):
    old = os.umask(0o022)
    try:
        out = tmp_path / "r.docx"
        assert build(capsys, SEED_FACTS, "-o", out)[0] == 0
        assert out.stat().st_mode & 0o777 == 0o644
    finally:
        os.umask(old)
