"""Issue 21, item 3: unbounded work is refused with a message naming the limit. A 1 MB PDF whose
stream inflates to 1 GB (before: 2 GB of memory, 9 s, exit 0), a PDF of 10,000 pages (before:
still reading after 120 s), a web page nested 100,000 deep (before: "no text at all"), and a user
template asking for a 400,000,000-character string (before: 2.7 GB, report written) or for nested
loops (before: ran until killed). Memory is read as the peak RSS of the command run in a child
process (ru_maxrss of its children), against a generous bound; nothing here depends on POSIX
resource limits (the limits are counters and clocks inside the readers and the sandbox)."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT, SEED_FACTS

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import hostile_inputs as H  # noqa: E402
import published as P  # noqa: E402

from reportgen.cli import main  # noqa: E402
from reportgen.importer import pdf_bounds  # noqa: E402
from reportgen.render.render import TEMPLATES  # noqa: E402

PEAK_BOUND_MB = 600
_PEAK = """
import json, resource, subprocess, sys
run = subprocess.run(sys.argv[1:], capture_output=True, text=True, timeout=300)
print(json.dumps({"code": run.returncode, "err": run.stderr, "out": run.stdout,
                  "peak_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))
"""


def run_measured(*args: object) -> dict:
    """`reportgen ARGS` in a child process: exit code, stderr, stdout and the child's peak RSS (MB;
    Linux reports ru_maxrss in KB). A fresh Python runs it, so no earlier child of the test run counts."""
    command = [sys.executable, "-c", _PEAK, sys.executable, "-m", "reportgen", *map(str, args)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=600, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    H.inflating_pdf(folder / "inflating.pdf")
    H.many_pages_pdf(folder / "pages.pdf")
    H.deep_html(folder / "deep.html")
    return folder


# -- PDF --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("command", ["check", "import"])
def test_a_pdf_inflating_to_a_gigabyte_is_refused_in_bounded_memory(hostile, tmp_path, command):
    pdf = hostile / "inflating.pdf"
    assert pdf.stat().st_size < 1.5 * 1024 * 1024  # small on disk
    before = digest(pdf)
    out = tmp_path / "facts.yaml"
    done = run_measured(command, pdf, *(["-o", out] if command == "import" else []))
    assert done["code"] == 1
    said = done["err"] + done["out"]
    assert "这个 PDF 的内容解压后超过 256 MB（上限；文件本身只有 1.0 MB）" in said, said
    assert done["peak_mb"] < PEAK_BOUND_MB, done["peak_mb"]
    assert digest(pdf) == before and not out.exists()


def test_a_pdf_of_ten_thousand_pages_is_refused_naming_the_limit(hostile, tmp_path):
    done = run_measured("import", hostile / "pages.pdf", "-o", tmp_path / "facts.yaml")
    assert done["code"] == 1
    assert "这个 PDF 有 10,000 页，超过上限 2,000 页" in done["err"], done["err"]
    assert done["peak_mb"] < PEAK_BOUND_MB
    assert not (tmp_path / "facts.yaml").exists()


def test_a_pdf_of_pages_within_the_limit_is_read(tmp_path):
    # the limit is not a refusal of every PDF this shape: 20 pages of the same kind are read
    pdf = H.many_pages_pdf(tmp_path / "twenty.pdf", pages=20)
    from reportgen.importer.pdf_page import read_pages

    pages = read_pages(pdf)
    assert len(pages) == 20 and "".join(c.text for c in pages[19].chars).startswith("年度报告政府信息")


def test_a_page_over_the_character_limit_and_a_reading_over_time_are_named(monkeypatch):
    from reportgen.importer.pdf_page import read_pages
    from reportgen.importer.read_docx import ReadError

    pdf = P.CORPUS / "linhu-district-2023.pdf"
    monkeypatch.setattr(pdf_bounds, "MAX_PAGE_CHARS", 100)
    with pytest.raises(ReadError, match=r"第 1 页有 [\d,]+ 个字符，超过上限 100 个"):
        read_pages(pdf)
    monkeypatch.setattr(pdf_bounds, "MAX_PAGE_CHARS", 100_000)
    monkeypatch.setattr(pdf_bounds, "MAX_SECONDS", -1.0)
    with pytest.raises(ReadError, match=r"读到第 1 页已用了 -1 秒（上限），没有读完"):
        read_pages(pdf)


def test_a_stream_compressed_twice_is_refused():
    # one FlateDecode checked would see 1 MB; PDFium would inflate both layers (to 1 GB)
    inner = H.zlib.compress(b" " * (64 << 20), 9)
    data = H._pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>",
                   H._stream(H.zlib.compress(inner, 9), b"/Filter [/FlateDecode /FlateDecode] ")])
    from reportgen.importer.read_docx import ReadError

    with pytest.raises(ReadError, match="压缩了不止一次（FlateDecode、FlateDecode）"):
        pdf_bounds.check_pdf_bytes(data)


def test_lzw_and_run_length_are_counted_as_they_inflate():
    # LZW of 200 bytes "A": codes 65, 258, 259 … each one byte longer than the one before
    assert pdf_bounds._run_length_size(bytes([255, 65, 2, 1, 2, 3, 128]), 10**9) == 2 + 3
    codes, total, n = [256, 65], 1, 2
    while total + n <= 200:
        codes.append(256 + n)  # 258 = "AA", 259 = "AAA", …
        total += n
        n += 1
    codes.append(257)
    bits = "".join(format(c, "09b") for c in codes)  # all below 511: 9 bits each
    raw = int(bits + "0" * (-len(bits) % 8), 2).to_bytes((len(bits) + 7) // 8, "big")
    assert pdf_bounds._lzw_size(raw, 10**9) == total


def test_the_corpus_pdfs_are_well_within_the_limits():
    for pdf in sorted(P.CORPUS.glob("*.pdf")):
        pdf_bounds.check_pdf_bytes(pdf.read_bytes())


# -- web pages ------------------------------------------------------------------------------------

def test_a_page_nested_beyond_the_limit_is_refused_naming_it(hostile, tmp_path):
    page = hostile / "deep.html"
    before = digest(page)
    done = run_measured("check", page)
    assert done["code"] == 1
    # libxml2 stops at 256 levels and drops the rest: before, this read as "no text at all"
    assert "网页的元素嵌套了 256 层，超过上限 100 层" in done["out"] + done["err"]
    assert "没有读出任何文字" not in done["out"] + done["err"]
    assert digest(page) == before and done["peak_mb"] < PEAK_BOUND_MB


def test_a_table_whose_spans_multiply_is_refused(tmp_path, capsys):
    page = tmp_path / "spans.html"
    cells = "<td rowspan=100 colspan=100>1</td>" * 100
    page.write_text(f"<html><body><p>年度报告。</p><table><tr>{cells}</tr></table></body></html>", encoding="utf-8")
    code = main(["check", str(page)])
    said = "".join(capsys.readouterr())
    assert code == 1 and "网页的一个表格有超过 100,000 个单元格位置" in said


def test_the_corpus_pages_are_read_as_before():
    from reportgen.importer.read_html import read_html

    for page in sorted(P.CORPUS.glob("*.html")):
        assert read_html(page)


# -- user templates -------------------------------------------------------------------------------

def template_with(tmp_path: Path, tag: str) -> Path:
    """The narrative template with `tag` typed into its signature paragraph (as a user would in Word)."""
    out = tmp_path / "t.docx"
    with zipfile.ZipFile(TEMPLATES / "narrative-2011.docx") as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for part in src.namelist():
            data = src.read(part)
            if part == "word/document.xml":
                data = data.decode("utf-8").replace("{{ signature }}", "落款" + tag, 1).encode("utf-8")
            dst.writestr(part, data)
    return out


def test_a_template_asking_for_a_huge_string_is_refused_in_bounded_memory(tmp_path):
    template = template_with(tmp_path, "{{ 'x' * 400000000 }}")
    before = digest(template)
    done = run_measured("build", SEED_FACTS, "-o", tmp_path / "r.docx", "--template", template)
    assert done["code"] == 1
    assert "模板要生成一段 400,000,000 个字符的文字（上限 1,000,000 个字符），已停止渲染，没有写出报告" in done["err"]
    assert done["peak_mb"] < PEAK_BOUND_MB, done["peak_mb"]
    assert not (tmp_path / "r.docx").exists() and digest(template) == before


def test_nested_loops_in_a_template_stop_at_the_step_limit(tmp_path):
    loops = "{% for a in range(100000) %}{% for b in range(100000) %}{{ b }}{% endfor %}{% endfor %}"
    done = run_measured("build", SEED_FACTS, "-o", tmp_path / "r.docx", "--template", template_with(tmp_path, loops))
    assert done["code"] == 1
    assert "模板中的循环和调用超过了 200,000 次（上限），已停止渲染" in done["err"]
    assert done["peak_mb"] < PEAK_BOUND_MB
    assert not (tmp_path / "r.docx").exists()


@pytest.mark.parametrize("tag, said", [
    ("{% set ns = namespace(s='x') %}{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}",
     "模板要生成一段 1,048,576 个字符的文字（上限 1,000,000 个字符）"),
    ("{{ 'x'|center(400000000) }}", "模板要生成一段 400,000,000 个字符的文字"),
    ("{{ 'x'.ljust(400000000) }}", "模板要生成一段 400,000,000 个字符的文字"),
    ("{{ '%400000000d' % 1 }}", "模板要生成一段 400,000,000 个字符的文字"),
    ("{{ '{:>{}}'.format(1, 400000000) }}", "宽度由参数给出"),
    ("{{ [1] * 400000000 }}", "模板要生成一个 400,000,000 项的列表（上限 100,000 项）"),
    ("{{ 10 ** 1000000 }}", "超过 10,000 位（二进制）的数"),  # Jinja reads 10 ** 10 ** 10 as (10 ** 10) ** 10
    ("{{ (['x' * 900000] * 1000)|join }}", "模板要生成一段 900,000,000 个字符的文字"),  # refused as the list is made
    ("{{ range(1000)|map('string')|map('center', 900000)|join }}", "模板要生成一段 1,800,000 个字符的文字"),
    ("{{ ''.join(['x' * 600000, 'y' * 600000]) }}", "模板要生成一段 1,200,000 个字符的文字"),
    ("{{ ('x' * 1000 ~ '\t')|replace('\t', '\t' * 1000)|replace('x', 'x' * 1000) }}",
     "模板要生成一段 1,001,000 个字符的文字"),
    ("{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}", "调用自己的层数太多"),
])
def test_a_template_amplifying_text_is_refused_naming_the_limit(capsys, tmp_path, tag, said):
    code = main(["build", str(SEED_FACTS), "-o", str(tmp_path / "r.docx"), "--template", str(template_with(tmp_path, tag))])
    err = capsys.readouterr().err
    assert code == 1 and said in err, err
    assert "内部错误" not in err and not (tmp_path / "r.docx").exists()


@pytest.mark.parametrize("tag, word", [
    ("{% include 'word/header1.xml' %}", "include"),
    ("{% import 'x' as x %}", "import"),
    ("{% from 'x' import y %}", "from … import"),
    ("{% extends 'x' %}", "extends"),
])
def test_include_import_and_extends_are_refused_with_a_message(capsys, tmp_path, tag, word):
    # before: 内部错误 (TypeError: no loader for this environment)
    code = main(["build", str(SEED_FACTS), "-o", str(tmp_path / "r.docx"), "--template", str(template_with(tmp_path, tag))])
    err = capsys.readouterr().err
    assert code == 1, err
    assert f"段落“落款{tag}”中的 {{% {word} %}} 不能使用：模板只能是一个 Word 文件" in err, err
    assert "内部错误" not in err and "TypeError" not in err


def test_a_template_within_the_limits_renders_loops_and_arithmetic(capsys, tmp_path):
    tag = "{% for i in range(3) %}{{ i * 2 }}{% endfor %}{{ 'ab' * 2 }}{{ '%05d' % 42 }}{{ ['a', 'b']|join('-') }}"
    out = tmp_path / "r.docx"
    code = main(["build", str(SEED_FACTS), "-o", str(out), "--template", str(template_with(tmp_path, tag))])
    assert code == 0, capsys.readouterr().err
    with zipfile.ZipFile(out) as package:
        text = package.read("word/document.xml").decode("utf-8")
    assert "落款024abab00042a-b" in text


# -- Word documents ---------------------------------------------------------------------------------

def _docx_with(tmp_path: Path, name: str, body_start: bytes) -> Path:
    """A corpus .docx with `body_start` put first in its body."""
    out = tmp_path / name
    with zipfile.ZipFile(P.CORPUS / "haibin-gazetteer-office-2023.docx") as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for part in src.namelist():
            data = src.read(part)
            if part == "word/document.xml":
                data = data.replace(b"<w:body>", b"<w:body>" + body_start, 1)
            dst.writestr(part, data)
    return out


@pytest.mark.parametrize("body_start, said", [
    (b"<w:sdt><w:sdtContent>" * 300 + b"<w:p/>" + b"</w:sdtContent></w:sdt>" * 300, "Word 文档的内容嵌套超过 256 层（上限）"),
    (b"<w:p/>" * 250_000, "Word 文档有 250,"),  # and the corpus file's own paragraphs
])
def test_a_word_document_over_a_limit_is_refused_naming_it(tmp_path, capsys, body_start, said):
    docx = _docx_with(tmp_path, "odd.docx", body_start)
    code = main(["check", str(docx)])
    out = "".join(capsys.readouterr())
    assert code == 1 and said in out, out
    assert "超过上限 200,000 个" in out or "256 层" in out


def test_a_styles_part_that_inflates_past_the_limit_is_refused_before_it_is_read(tmp_path, capsys):
    docx = tmp_path / "bomb.docx"
    with zipfile.ZipFile(P.CORPUS / "haibin-gazetteer-office-2023.docx") as src, \
            zipfile.ZipFile(docx, "w", zipfile.ZIP_DEFLATED) as dst:
        for part in src.namelist():
            if part != "word/styles.xml":
                dst.writestr(part, src.read(part))
        with dst.open("word/styles.xml", "w") as handle:
            for _ in range(30):
                handle.write(b" " * (1 << 20))
    code = main(["check", str(docx)])
    out = "".join(capsys.readouterr())
    assert code == 1 and "Word 文档的 word/styles.xml 解压后有 31.5 MB，超过上限 20 MB" in out, out


def test_a_filter_given_by_reference_is_measured_all_the_same():
    data = H._pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>",
                   H._stream(H.zlib.compress(b" " * (300 << 20), 9), b"/Filter 4 0 R "), b"/FlateDecode"])
    from reportgen.importer.read_docx import ReadError

    with pytest.raises(ReadError, match="解压后超过 256 MB"):
        pdf_bounds.check_pdf_bytes(data)
