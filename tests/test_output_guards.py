"""Every output of a build is guarded like the .docx: the .html and .pdf beside it, checked all
before any is written; read-only outputs; two builds of the same output at once; OS reasons in
Chinese (reportgen/output.py, reportgen/os_reasons.py)."""

from __future__ import annotations

import errno
import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import DATA, SEED_FACTS, stalled_writer

from docxutil import paragraph_texts
from reportgen.publish import output
from reportgen.cli import main

EXAMPLE = DATA / "example-2025.yaml"


def build(capsys, *args) -> tuple[int, str, str]:
    code = main(["build", *map(str, args)])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _seed_variant(tmp_path: Path, text: str) -> Path:
    """The seed facts with words of its first paragraph changed to `text` (two builds differ visibly)."""
    source = SEED_FACTS.read_text(encoding="utf-8")
    facts = tmp_path / "facts.yaml"
    facts.write_text(source.replace("狠抓群众体育", text, 1) if text else source, encoding="utf-8")
    return facts


def _texts(path: Path) -> str:
    return "".join(t for _, t in paragraph_texts(path))


def test_edited_web_page_is_refused_and_nothing_else_is_written(capsys, tmp_path):
    out, page = tmp_path / "r.docx", tmp_path / "r.html"
    first = _seed_variant(tmp_path, "")
    assert build(capsys, first, "-o", out, "--html")[0] == 0
    assert page.read_text(encoding="utf-8").rstrip().endswith("-->")  # its fingerprint
    report_before = out.read_bytes()
    # Someone adds an analytics line to the published page.
    edited = page.read_text(encoding="utf-8").replace("</head>", "<script src=\"https://stats.example/a.js\"></script></head>")
    page.write_text(edited, encoding="utf-8")
    changed = _seed_variant(tmp_path, "信息公开甲乙丙")
    code, _, err = build(capsys, changed, "-o", out, "--html")
    assert code == 1 and f"{page}: 这个文件在 reportgen 生成之后被修改过" in err and "--force" in err
    assert page.read_text(encoding="utf-8") == edited
    assert out.read_bytes() == report_before  # the .docx was not written either

    code, said, _ = build(capsys, changed, "-o", out, "--html", "--force")
    assert code == 0
    backups = list(tmp_path.glob("r.备份-*.html"))
    assert len(backups) == 1 and backups[0].read_text(encoding="utf-8") == edited and backups[0].name in said
    assert "stats.example" not in page.read_text(encoding="utf-8") and "信息公开甲乙丙" in _texts(out)
    assert not list(tmp_path.glob("r.备份-*.docx"))  # the .docx was untouched: no backup of it


def test_untouched_web_page_is_replaced_and_a_page_reportgen_did_not_write_is_not(capsys, tmp_path):
    out, page = tmp_path / "r.docx", tmp_path / "r.html"
    assert build(capsys, SEED_FACTS, "-o", out, "--html")[0] == 0
    assert build(capsys, SEED_FACTS, "-o", out, "--html")[0] == 0
    page.write_text("<html>本单位自己的网页</html>\n", encoding="utf-8")
    assert build(capsys, SEED_FACTS, "-o", out, "--html")[0] == 1
    assert page.read_text(encoding="utf-8") == "<html>本单位自己的网页</html>\n"


def test_edited_pdf_is_refused_unless_forced(capsys, tmp_path):
    out, pdf = tmp_path / "r.docx", tmp_path / "r.pdf"
    assert build(capsys, SEED_FACTS, "-o", out, "--pdf")[0] == 0
    data = pdf.read_bytes()
    # The fingerprint sits in the document information dictionary; the file ends as the PDF
    # specification says (tests/test_pdf_strict.py opens it with a strict reader).
    assert data.endswith(b"%%EOF\n") and b"/ReportgenFingerprint (reportgen-sha256:" in data[-1500:]
    assert re.search(rb"startxref\n\d+\n%%EOF\n\Z", data)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "嘉兴市体育局" in text  # the fingerprint line does not disturb a PDF reader
    assert build(capsys, SEED_FACTS, "-o", out, "--pdf")[0] == 0  # untouched: replaced
    # A seal stamped on by a PDF editor is an incremental update appended to the file.
    sealed = pdf.read_bytes() + b"\n9 0 obj\n<< /Type /Annot /Subtype /Stamp >>\nendobj\n%%EOF\n"
    pdf.write_bytes(sealed)
    report_before = out.read_bytes()
    code, _, err = build(capsys, _seed_variant(tmp_path, "信息公开甲乙丙"), "-o", out, "--pdf")
    assert code == 1 and f"{pdf}: 这个文件在 reportgen 生成之后被修改过" in err
    assert pdf.read_bytes() == sealed and out.read_bytes() == report_before
    assert build(capsys, SEED_FACTS, "-o", out, "--pdf", "--force")[0] == 0
    backups = list(tmp_path.glob("r.备份-*.pdf"))
    assert len(backups) == 1 and backups[0].read_bytes() == sealed


def test_every_target_is_checked_before_any_is_written(capsys, tmp_path):
    out = tmp_path / "r.docx"
    (tmp_path / "r.html").mkdir()
    code, _, err = build(capsys, SEED_FACTS, "-o", out, "--html")
    assert code == 1 and f"{tmp_path / 'r.html'}: 这是一个文件夹" in err
    assert not out.exists()


def test_output_under_a_file_is_refused(capsys, tmp_path):
    (tmp_path / "out").write_text("x", encoding="utf-8")
    code, _, err = build(capsys, SEED_FACTS, "-o", tmp_path / "out" / "r.docx")
    assert code == 1 and "是一个文件，不是文件夹" in err


@pytest.mark.parametrize("suffix", [".docx", ".html"])
def test_read_only_output_is_refused_even_with_force(capsys, tmp_path, suffix):
    out = tmp_path / "r.docx"
    assert build(capsys, SEED_FACTS, "-o", out, "--html")[0] == 0
    target = out.with_suffix(suffix)
    before = target.read_bytes()
    target.chmod(stat.S_IREAD)
    try:
        code, _, err = build(capsys, _seed_variant(tmp_path, "信息公开甲乙丙"), "-o", out, "--html", "--force")
        assert code == 1 and f"{target}: 这个文件是只读的，没有替换它" in err
        assert target.read_bytes() == before and out.with_suffix(".docx").read_bytes() == out.read_bytes()
        assert "信息公开甲乙丙" not in _texts(out)
    finally:
        target.chmod(0o644)


def test_folder_build_with_a_docx_output_is_a_usage_error(capsys, tmp_path):
    folder = tmp_path / "facts"
    folder.mkdir()
    (folder / "a-2011.yaml").write_bytes(SEED_FACTS.read_bytes())
    code, _, err = build(capsys, folder, "-o", tmp_path / "all.docx")
    assert code == 2 and "批量生成时 -o 应为输出文件夹，而不是 .docx 文件" in err
    assert not (tmp_path / "all.docx").exists()


def test_a_write_never_lists_the_folder(tmp_path, monkeypatch):
    """O(1) per write: a folder build of 10,000 reports must not scan the folder 10,000 times (nor
    delete temporary files it finds there)."""
    for name in ("iterdir", "glob", "rglob"):
        monkeypatch.setattr(Path, name, lambda *a, **k: (_ for _ in ()).throw(AssertionError("folder listed")))
    monkeypatch.setattr(os, "scandir", lambda *a, **k: (_ for _ in ()).throw(AssertionError("folder listed")))
    monkeypatch.setattr(os, "listdir", lambda *a, **k: (_ for _ in ()).throw(AssertionError("folder listed")))
    output.write_atomic(tmp_path / "a.txt", b"x")
    assert (tmp_path / "a.txt").read_bytes() == b"x"


def test_a_second_build_of_the_same_output_says_another_is_writing_it(capsys, tmp_path, monkeypatch):
    out = tmp_path / "r.docx"
    monkeypatch.setattr(output, "LOCK_WAIT", 0.5)
    proc = stalled_writer(out, EXAMPLE)
    try:
        # the other build's staged report (reportgen.publish.commit), in a folder named by its pid
        [live] = tmp_path.glob(f".reportgen-build-{proc.pid}-*/r.docx")
        live_bytes = live.read_bytes()
        code, _, err = build(capsys, SEED_FACTS, "-o", out)
        assert code == 1 and f"{out}: 另一个 reportgen 正在写入这个文件" in err
        assert live.read_bytes() == live_bytes  # the other build's temporary file is left alone
        assert not out.exists()
    finally:
        proc.kill()
        proc.wait(timeout=10)
        proc.stdout.close()
    # its lock died with it; the next run (a process of its own) removes its staging folder too
    done = subprocess.run([sys.executable, "-m", "reportgen", "build", str(SEED_FACTS), "-o", str(out)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.docx"]


def test_two_builds_at_once_both_end_well(tmp_path):
    out = tmp_path / "r.docx"
    command = [sys.executable, "-m", "reportgen", "build", str(EXAMPLE), "-o", str(out)]
    procs = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    results = [(p.wait(timeout=120), p.stderr.read()) for p in procs]
    for p in procs:
        p.stdout.close()
        p.stderr.close()
    assert [code for code, _ in results] == [0, 0], results
    assert output.untouched_since_written(out)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.docx"]


def test_os_reasons_are_in_chinese(capsys, tmp_path, monkeypatch):
    long_name = tmp_path / ("报告" * 100 + ".docx")  # 600 bytes in UTF-8: too long a name anywhere
    code, _, err = build(capsys, SEED_FACTS, "-o", long_name)
    assert code == 1 and "文件名或路径太长" in err and "File name too long" not in err

    def full(src, dst):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(output.os, "replace", full)
    code, _, err = build(capsys, SEED_FACTS, "-o", tmp_path / "r.docx")
    assert code == 1 and "磁盘空间不足" in err and "No space" not in err
    assert not (tmp_path / "r.docx").exists() and not output.temp_path(tmp_path / "r.docx").exists()


@pytest.mark.parametrize("exc, said", [
    (PermissionError(errno.EACCES, "Permission denied"), "没有权限"),
    (OSError(errno.EROFS, "Read-only file system"), "只读的"),
    (OSError(errno.ENAMETOOLONG, "File name too long"), "文件名或路径太长"),
    (OSError(errno.ENOSPC, "No space left on device"), "磁盘空间不足"),
    (OSError(errno.ENOTSUP, "Operation not supported"), "系统错误：Operation not supported"),
])
def test_os_reason_names_the_cause_in_chinese(exc, said):
    from reportgen.load.os_reasons import os_reason

    assert said in os_reason(exc)


def test_windows_sharing_violation_names_the_program(monkeypatch):
    from reportgen.load.os_reasons import os_reason

    exc = PermissionError(errno.EACCES, "The process cannot access the file")
    exc.winerror = 32  # ERROR_SHARING_VIOLATION: open in Word, WPS or a PDF reader
    assert "正被其他程序" in os_reason(exc)


def test_folder_build_guards_each_web_page(capsys, tmp_path):
    folder, out = tmp_path / "facts", tmp_path / "out"
    folder.mkdir()
    for name in ("a-2011.yaml", "b-2011.yaml"):
        (folder / name).write_bytes(SEED_FACTS.read_bytes())
    assert main(["build", str(folder), "-o", str(out), "--html", "--jobs", "1"]) == 0
    edited = (out / "a-2011.html").read_text(encoding="utf-8").replace("</body>", "<p>访问量统计</p></body>")
    (out / "a-2011.html").write_text(edited, encoding="utf-8")
    capsys.readouterr()
    assert main(["build", str(folder), "-o", str(out), "--html", "--jobs", "1"]) == 1
    err = capsys.readouterr().err
    assert "a-2011.yaml 生成失败" in err and "a-2011.html: 这个文件在 reportgen 生成之后被修改过" in err
    assert "b-2011.yaml 生成失败" not in err
    assert (out / "a-2011.html").read_text(encoding="utf-8") == edited


def test_a_failed_pdf_step_says_the_report_was_written(capsys, tmp_path, monkeypatch):
    import reportgen.publish.libreoffice as libreoffice

    monkeypatch.setattr(libreoffice, "find_soffice", lambda: None)
    code, _, err = build(capsys, SEED_FACTS, "-o", tmp_path / "r.docx", "--pdf")
    assert code == 1 and f"已生成 {tmp_path / 'r.docx'}，但 PDF 没有生成：生成 PDF 需要 LibreOffice" in err
    assert (tmp_path / "r.docx").is_file() and not (tmp_path / "r.pdf").exists()


def test_a_zip_bomb_where_the_report_should_be_is_not_expanded(capsys, tmp_path, monkeypatch):
    import time
    import zipfile

    real_open = zipfile.ZipFile.open
    expanded = []  # (an exception here would be taken for damage, so it is recorded instead)

    def no_expanding(self, name, *args, **kwargs):
        if Path(str(self.filename)) == out:
            expanded.append(name)
        return real_open(self, name, *args, **kwargs)

    out = tmp_path / "r.docx"
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as bomb:
        with bomb.open("word/document.xml", "w") as handle:
            for _ in range(150):
                handle.write(bytes(1024 * 1024))
    before = out.read_bytes()
    monkeypatch.setattr(zipfile.ZipFile, "open", no_expanding)
    start = time.monotonic()
    code, _, err = build(capsys, SEED_FACTS, "-o", out)
    assert time.monotonic() - start < 5
    assert code == 1 and "被修改过（或不是 reportgen 生成的）" in err and out.read_bytes() == before
    assert expanded == []


@pytest.mark.skipif(os.name == "nt", reason="POSIX flock (Windows locks with msvcrt)")
def test_a_file_system_without_locks_still_gets_its_report(capsys, tmp_path, monkeypatch):
    """Some network shares cannot lock files (ENOLCK): the build goes on, as atomic as ever."""
    import fcntl

    def no_locks(fd, op):
        if op & fcntl.LOCK_EX:
            raise OSError(errno.ENOLCK, "No locks available")

    monkeypatch.setattr(fcntl, "flock", no_locks)
    code, _, err = build(capsys, SEED_FACTS, "-o", tmp_path / "r.docx")
    assert code == 0, err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.docx"]


def test_graphic_targets_are_checked_with_the_others(capsys, tmp_path):
    out = tmp_path / "r.docx"
    (tmp_path / "r.图解.svg").mkdir()
    code, _, err = build(capsys, EXAMPLE, "-o", out, "--graphic", "--html")
    assert code == 1 and "r.图解.svg: 这是一个文件夹" in err
    assert not out.exists() and not (tmp_path / "r.图解.png").exists() and not (tmp_path / "r.html").exists()
    (tmp_path / "r.图解.svg").rmdir()
    assert build(capsys, EXAMPLE, "-o", out, "--graphic", "--html")[0] == 0
    (tmp_path / "r.图解.png").write_bytes(b"an older picture")  # not fingerprinted: replaced freely
    assert build(capsys, EXAMPLE, "-o", out, "--graphic", "--html")[0] == 0
    assert (tmp_path / "r.图解.png").read_bytes().startswith(b"\x89PNG")
