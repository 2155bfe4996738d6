"""Inputs at the edges, found by review: each ends in a Chinese message and exit code, never a
traceback, and never in a wrong or unsafe output."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import DATA, ROOT, SEED_FACTS

from docxutil import paragraph_texts
from reportgen.cli import main

EXAMPLE = DATA / "example-2025.yaml"


def variant(tmp_path: Path, source: Path, old: str, new: str, name: str = "f.yaml") -> Path:
    text = source.read_text(encoding="utf-8")
    assert old in text, old
    path = tmp_path / name
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def run(capsys, *args) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out = capsys.readouterr()
    assert "Traceback" not in out.err
    return code, out.out, out.err


def test_a_huge_file_is_refused_without_reading_it_all(tmp_path, capsys):
    big = tmp_path / "big.yaml"
    with big.open("wb") as f:
        f.write(b"format: narrative-2011\nintro: '" + b"a" * (3 * 1024 * 1024) + b"'\n")
    code, _, err = run(capsys, "check", big)
    assert code == 1 and "文件太大（超过 2 MB）" in err


def test_aliases_that_multiply_text_stop_with_a_message(tmp_path, capsys):
    lines = ["format: narrative-2011", f"agency: {{name: 甲, short_name: 甲, self_name: 我, motto: &big \"{'长' * 15000}\"}}",
             "year: 2011", "signed: 2012-03-16", "sections: [{heading: 一}]", "documents:"]
    lines += ["  - *big"] * 180
    facts = tmp_path / "wide.yaml"
    facts.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, _, err = run(capsys, "check", facts)
    assert code == 1 and "展开锚点和别名（&/*）后文字超过" in err


def test_too_many_points_is_a_message(tmp_path, capsys):
    points = "".join(f"          - 第{i}条。\n" for i in range(1000))
    facts = variant(tmp_path, SEED_FACTS, "      - points:\n          - 建立健全", "      - points:\n" + points + "          - 建立健全")
    code, _, err = run(capsys, "build", facts, "-o", tmp_path / "x.docx")
    assert code == 1 and "项目太多（1003 项，上限 200 项）" in err


def test_an_amount_with_too_many_digits_is_a_message(tmp_path, capsys):
    facts = variant(tmp_path, EXAMPLE, "fees: 42.15", "fees: 1234567890123456789012345678901")
    code, _, err = run(capsys, "check", facts)
    assert code == 1 and "active_disclosure.fees" in err and "请检查位数" in err


def test_minus_zero_is_not_an_amount(tmp_path, capsys):
    facts = variant(tmp_path, EXAMPLE, "fees: 42.15", "fees: -0.00")
    code, _, err = run(capsys, "check", facts)
    assert code == 1 and "不能为负数，这里写的是 -0.00" in err


def test_a_very_long_title_still_builds(tmp_path, capsys):
    facts = variant(tmp_path, SEED_FACTS, "signed: 2012-03-16", 'signed: 2012-03-16\ntitle: "{channels.website.columns}{channels.website.columns}"')
    code, _, err = run(capsys, "build", facts, "-o", tmp_path / "x.docx")
    assert code == 0, err


def test_a_zip_that_is_not_a_word_document_as_template(tmp_path, capsys):
    template = tmp_path / "t.docx"
    with zipfile.ZipFile(template, "w") as z:
        z.writestr("hello.txt", "not word")
    code, _, err = run(capsys, "build", SEED_FACTS, "-o", tmp_path / "x.docx", "--template", template)
    assert code == 1 and "不是 Word 文档" in err


def test_a_damaged_report_at_the_output_path_is_kept(tmp_path, capsys):
    out = tmp_path / "r.docx"
    assert main(["build", str(SEED_FACTS), "-o", str(out)]) == 0
    data = bytearray(out.read_bytes())
    data[len(data) // 2: len(data) // 2 + 200] = b"\0" * 200  # a broken member
    out.write_bytes(bytes(data))
    code, _, err = run(capsys, "build", SEED_FACTS, "-o", out)
    assert code == 1 and "被修改过" in err and out.read_bytes() == bytes(data)


def test_an_unexpected_error_is_a_message_not_a_traceback(monkeypatch, capsys):
    import reportgen.api as api

    def boom(*args, **kwargs):
        raise RuntimeError("simulated")

    monkeypatch.setattr(api, "build_report", boom)
    code, _, err = run(capsys, "build", SEED_FACTS)
    assert code == 1 and "内部错误（RuntimeError: simulated）" in err


def test_output_must_be_a_docx(tmp_path, capsys):
    code, _, err = run(capsys, "build", SEED_FACTS, "-o", tmp_path / "r.html", "--html")
    assert code == 2 and "输出文件应以 .docx 结尾" in err
    assert not (tmp_path / "r.html").exists()


def test_output_names_with_glob_characters(tmp_path, capsys):
    other = tmp_path / ".a1.docx.keep.tmp"  # another build's temporary file, not matching "a[1].docx"
    other.write_bytes(b"x")
    code, _, _ = run(capsys, "build", SEED_FACTS, "-o", tmp_path / "a[1].docx")
    assert code == 0 and other.exists() and (tmp_path / "a[1].docx").is_file()


@pytest.mark.parametrize("line, printed", [
    ("  - APP：全年在政务APP发布信息120条。", "APP：全年在政务APP发布信息120条。"),
    ("  - OA:系统上线运行。", "OA：系统上线运行。"),  # text, not a key; printed with a full-width colon
])
def test_text_starting_with_an_upper_case_word_and_a_colon_is_text(tmp_path, capsys, line, printed):
    facts = tmp_path / "f.yaml"
    facts.write_text(SEED_FACTS.read_text(encoding="utf-8") + "\nclosing:\n" + line + "\n", encoding="utf-8")
    code, _, err = run(capsys, "build", facts, "-o", tmp_path / "x.docx")
    assert code == 0, err
    assert paragraph_texts(tmp_path / "x.docx")[-3] == ("Normal", printed)


def test_a_second_yaml_document_is_explained(tmp_path, capsys):
    facts = tmp_path / "two.yaml"
    facts.write_text(SEED_FACTS.read_text(encoding="utf-8") + "---\nyear: 2012\n", encoding="utf-8")
    code, _, err = run(capsys, "check", facts)
    assert code == 1 and "文件里有第二个 YAML 文档" in err


def test_text_figure_message_quotes_the_tables_own_total(tmp_path, capsys):
    facts = variant(tmp_path, EXAMPLE, "全年新收政府信息公开申请{applications.new.total}件", "全年新收政府信息公开申请100件")
    code, _, err = run(capsys, "check", facts)
    assert "“一、本年新收政府信息公开申请数量”的总计是 79。" in err


def test_fee_sentence_is_added_once(tmp_path, capsys):
    facts = variant(tmp_path, EXAMPLE, '  - "{processing_fee_statement}。{agency.self_name}无其他需要报告的事项。"',
                    "  - '{agency.self_name}无其他需要报告的事项。'")
    text = facts.read_text(encoding="utf-8").replace("回应群众关切。", "回应群众关切，全年收取信息处理费{processing_fee}元。", 1)
    facts.write_text(text, encoding="utf-8")
    out = tmp_path / "x.docx"
    code, _, err = run(capsys, "build", facts, "-o", out)
    assert code == 0, err
    body = "\n".join(t for _, t in paragraph_texts(out))
    assert body.count("信息处理费0元") == 1


def test_new_drops_a_typed_results_total_and_survives_the_last_possible_year(tmp_path, capsys):
    last = variant(tmp_path, EXAMPLE, "  carried_forward:   [2, 2, 0, 0, 0, 0]",
                   "  results_total:     [65, 7, 1, 2, 3, 1]\n  carried_forward:   [2, 2, 0, 0, 0, 0]", "e-2025.yaml")
    assert main(["check", str(last)]) == 0
    out = tmp_path / "e-2026.yaml"
    assert main(["new", str(last), "-o", str(out)]) == 0
    assert "  results_total:" not in out.read_text(encoding="utf-8")
    late = variant(tmp_path, SEED_FACTS, "signed: 2012-03-16", "signed: 9999-12-31", "late.yaml")
    assert main(["new", str(late), "-o", str(tmp_path / "late-next.yaml")]) == 0
    capsys.readouterr()


def test_roll_up_cells_are_never_formulas(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    variant(folder, EXAMPLE, "name: 示例市示例局", 'name: "=HYPERLINK(\\"http://x\\")"', "a.yaml")
    code, _, _ = run(capsys, "build", folder, "-o", tmp_path / "out")
    assert code == 0
    with (tmp_path / "out" / "汇总.csv").open(encoding="utf-8-sig", newline="") as f:
        row = next(csv.DictReader(f))
    assert row["机关"] == "'=HYPERLINK(\"http://x\")"


def test_folder_build_reports_warnings_and_html_keeps_punctuation(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    variant(folder, SEED_FACTS, "{year}年，{agency.short_name}认真", "{year}年,{agency.short_name}认真", "a.yaml")
    code, out, err = run(capsys, "build", folder, "-o", tmp_path / "out", "--html")
    assert code == 0
    assert "1 份报告有警告" in err and "a.yaml（1 个）" in err
    assert "；网页版 1 份" in out  # the summary names every kind of output asked for
    with (tmp_path / "out" / "汇总.csv").open(encoding="utf-8-sig", newline="") as f:
        row = next(csv.DictReader(f))
    assert row["警告"].startswith("1 个：第") and "半角标点" in row["警告"]
    assert "2011年，市体育局" in (tmp_path / "out" / "a.html").read_text(encoding="utf-8")
    # --keep-punctuation prints the text as typed, so there is nothing to warn about (issue 11).
    code, _, err = run(capsys, "build", folder, "-o", tmp_path / "kept", "--html", "--keep-punctuation")
    assert code == 0 and "有警告" not in err
    assert "2011年,市体育局" in (tmp_path / "kept" / "a.html").read_text(encoding="utf-8")


@pytest.mark.skipif(os.name == "nt", reason="POSIX permission bits")
def test_compiled_template_cache_is_private(tmp_path, monkeypatch, capsys):
    import reportgen.render.render as render

    cache = tmp_path / "cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache))
    render._COMPILED.clear()
    assert main(["build", str(SEED_FACTS), "-o", str(tmp_path / "a.docx")]) == 0
    folder = cache / "reportgen" / "jinja"
    assert folder.stat().st_mode & 0o077 == 0 and list(folder.glob("*.jinja"))
    folder.chmod(0o777)  # someone else could plant code here: the cache is not used
    for f in folder.glob("*.jinja"):
        f.write_bytes(b"planted")
    render._COMPILED.clear()
    assert main(["build", str(SEED_FACTS), "-o", str(tmp_path / "b.docx")]) == 0
    assert (tmp_path / "a.docx").read_bytes() == (tmp_path / "b.docx").read_bytes()


@pytest.mark.skipif(os.name == "nt", reason="XDG folders")
def test_a_relative_xdg_cache_home_is_ignored(tmp_path, monkeypatch, capsys):
    """The XDG specification: a relative $XDG_CACHE_HOME is invalid and ignored (the cache would
    otherwise follow the working folder, leaving compiled code in the clerk's report folder)."""
    import reportgen.render.render as render

    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_CACHE_HOME", "relative-cache")
    render._COMPILED.clear()
    assert main(["build", str(SEED_FACTS), "-o", str(tmp_path / "a.docx")]) == 0
    assert not (tmp_path / "relative-cache").exists()
    assert list((tmp_path / "home" / ".cache" / "reportgen" / "jinja").glob("*.jinja"))


def test_the_web_page_is_the_same_with_a_warm_a_cold_and_no_template_cache(tmp_path, monkeypatch, capsys):
    """The page template's compiled code is kept in the cache with the Word template's parts (one
    file more than a build without --html leaves); a warm cache, a cold one and none give the same page."""
    import reportgen.publish.html as html
    import reportgen.render.render as render

    def build(cache: str, no_cache: str, *extra: str) -> list[Path]:
        monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / cache))
        monkeypatch.setenv("REPORTGEN_NO_CACHE", no_cache)
        render._COMPILED.clear()  # a fresh process: nothing in memory
        html._TEMPLATES.clear()
        assert main(["build", str(DATA / "example-2025.yaml"), "-o", str(tmp_path / f"{cache}{no_cache}.docx"),
                     *extra]) == 0
        return sorted((tmp_path / cache / "reportgen" / "jinja").glob("*.jinja"))

    word_only = build("word", "")
    assert len(build("page", "", "--html")) == len(word_only) + 1  # cold
    cold = (tmp_path / "page.html").read_bytes()
    build("page", "", "--html")  # warm
    build("none", "1", "--html")
    assert not (tmp_path / "none").exists()
    pages = [cold, (tmp_path / "page.html").read_bytes(), (tmp_path / "none1.html").read_bytes()]
    assert pages[0] == pages[1] == pages[2] and b"<table class=\"applications\">" in pages[0]


def test_non_editable_install_finds_its_templates(tmp_path):
    """`pip install .` (no -e) puts the templates inside the package (the Word templates and the web
    page's); a build from there works.

    The package is installed (without its dependencies) into a folder of its own that comes first
    on the path of this test's own Python, so the dependencies come from the same environment as
    the tests' (never from the system Python: a fresh machine has none there)."""
    target = tmp_path / "site"
    installed = subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target",
                                str(target), str(ROOT)], capture_output=True, text=True)
    assert installed.returncode == 0, installed.stderr
    out = tmp_path / "r.docx"
    result = subprocess.run([sys.executable, "-c", "import sys; sys.path.insert(0, sys.argv.pop(1)); "
                             "import reportgen.render.render as r; print(r.TEMPLATES); "
                             "from reportgen.cli import main; sys.exit(main(sys.argv[1:]))",
                             str(target), "build", str(EXAMPLE), "-o", str(out), "--html"],
                            capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert Path(result.stdout.splitlines()[0]) == target / "reportgen" / "templates" and out.is_file()
    assert (target / "reportgen" / "publish" / "templates" / "page.html.jinja").is_file()
    assert "<h1><span>示例市<wbr>示例局</span><span>2025年度<wbr>政府信息公开<wbr>工作<wbr>年度报告</span></h1>" in out.with_suffix(".html").read_text(
        encoding="utf-8")
