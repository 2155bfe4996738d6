"""PDF conversion through LibreOffice (reportgen/publish/pdf.py, publish/libreoffice.py) and the shipped fontconfig file.

These tests run the real soffice, pdffonts and fc-match (scripts/install-system-deps.sh
installs them); they fail, not skip, when the tools are missing.
"""

from __future__ import annotations

import os
import re
import subprocess
import time
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Pt

from reportgen.publish import libreoffice, pdf
from reportgen.publish.pdf import PdfError, convert_to_pdf

TEXT = "关于政府信息公开工作年度报告 国务院 发布 2023年"

# Official font name in the .docx → what pdffonts must show for the font embedded by LibreOffice.
# (Noto CJK's embedded name reads "NotoSerifCJKjp-…" for every region: the .ttc shares one CFF;
# the simplified-Chinese glyphs are still chosen through the SC face's character map.)
EMBEDDED = {
    "仿宋_GB2312": re.compile(r"\+FandolFang-Regular\b"),
    "楷体_GB2312": re.compile(r"\+UKaiCN\b"),
    "黑体": re.compile(r"\+NotoSansCJK\w*-Regular"),
    "方正小标宋简体": re.compile(r"\+NotoSerifCJK\w*-Bold"),
    "宋体": re.compile(r"\+NotoSerifCJK\w*-Regular"),
}


def make_docx(path: Path, font: str = "仿宋_GB2312", text: str = TEXT) -> Path:
    """A one-paragraph .docx whose run names ``font`` for East Asian and Latin text alike."""
    document = Document()
    run = document.add_paragraph().add_run(text)
    run.font.size = Pt(16)
    # python-docx's font.name leaves w:eastAsia unset; Chinese text would then use another font.
    r_fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        r_fonts.set(qn(attribute), font)
    document.save(str(path))
    return path


def embedded_fonts(pdf_path: Path) -> str:
    result = subprocess.run(
        ["pdffonts", str(pdf_path)], capture_output=True, text=True, check=True
    )
    return result.stdout


def pdf_text(pdf_path: Path) -> str:
    result = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf_path), "-"],
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


class PopenSpy:
    """Wraps subprocess.Popen to record every command started (``pdf.subprocess`` is the
    ``subprocess`` module itself, so read ``commands`` before running other tools)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.commands: list[list[str]] = []
        self._real = subprocess.Popen
        monkeypatch.setattr(pdf.subprocess, "Popen", self)

    def __call__(self, command, *args, **kwargs):  # type: ignore[no-untyped-def]
        self.commands.append(list(command))
        return self._real(command, *args, **kwargs)


@pytest.fixture(scope="module")
def official_fonts_pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """One PDF per official font name, all converted in one LibreOffice call."""
    src = tmp_path_factory.mktemp("src")
    docs = [make_docx(src / f"font{i}.docx", font) for i, font in enumerate(EMBEDDED)]
    pdfs = convert_to_pdf(docs, tmp_path_factory.mktemp("out"))
    return dict(zip(EMBEDDED, pdfs))


def test_fangsong_gb2312_is_rendered_with_fandolfang(tmp_path: Path) -> None:
    docx = make_docx(tmp_path / "仿宋 报告.docx", "仿宋_GB2312")

    [out] = convert_to_pdf([docx], tmp_path / "pdf")

    assert out == tmp_path / "pdf" / "仿宋 报告.pdf"
    assert out.read_bytes().startswith(b"%PDF-")
    fonts = embedded_fonts(out)
    assert "FandolFang" in fonts, fonts
    assert "关于政府信息公开工作年度报告" in pdf_text(out)


@pytest.mark.parametrize("font", list(EMBEDDED))
def test_official_font_names_map_to_free_fonts(
    official_fonts_pdfs: dict[str, Path], font: str
) -> None:
    fonts = embedded_fonts(official_fonts_pdfs[font])
    assert EMBEDDED[font].search(fonts), f"{font}:\n{fonts}"


@pytest.mark.parametrize(
    ("requested", "family", "style"),
    [
        ("仿宋_GB2312", "FandolFang R", "Regular"),
        ("仿宋", "FandolFang R", "Regular"),
        ("FangSong", "FandolFang R", "Regular"),
        ("FangSong_GB2312", "FandolFang R", "Regular"),
        ("楷体_GB2312", "AR PL UKai CN", "Book"),
        ("楷体", "AR PL UKai CN", "Book"),
        ("KaiTi", "AR PL UKai CN", "Book"),
        ("KaiTi_GB2312", "AR PL UKai CN", "Book"),
        ("黑体", "Noto Sans CJK SC", "Regular"),
        ("SimHei", "Noto Sans CJK SC", "Regular"),
        ("方正小标宋简体", "Noto Serif CJK SC", "Bold"),
        ("方正小标宋_GBK", "Noto Serif CJK SC", "Bold"),
        ("小标宋", "Noto Serif CJK SC", "Bold"),
        ("宋体", "Noto Serif CJK SC", "Regular"),
        ("SimSun", "Noto Serif CJK SC", "Regular"),
    ],
)
def test_fonts_conf_aliases(requested: str, family: str, style: str) -> None:
    env = {**os.environ, "FONTCONFIG_FILE": str(pdf.FONTCONFIG_FILE)}
    result = subprocess.run(
        ["fc-match", "-f", "%{family}|%{style}", requested],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    families, styles = result.stdout.split("|")
    assert family in families.split(","), result.stdout
    assert style in styles.split(","), result.stdout


def test_fonts_conf_leaves_other_fonts_alone() -> None:
    # The system rules append "SimSun, 宋体" as serif fallbacks; the aliases must not turn
    # those into strong matches that replace Latin fonts.
    env = {**os.environ, "FONTCONFIG_FILE": str(pdf.FONTCONFIG_FILE)}
    with_conf = subprocess.run(
        ["fc-match", "-f", "%{family}", "Times New Roman"],
        capture_output=True, text=True, check=True, env=env,
    ).stdout
    without_conf = subprocess.run(
        ["fc-match", "-f", "%{family}", "Times New Roman"],
        capture_output=True, text=True, check=True,
        env={k: v for k, v in os.environ.items() if k != "FONTCONFIG_FILE"},
    ).stdout
    assert with_conf == without_conf


def test_three_files_in_one_call(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    spy = PopenSpy(monkeypatch)
    docs = [make_docx(tmp_path / f"{name}.docx", text=f"{name} {TEXT}") for name in "cab"]

    pdfs = convert_to_pdf(docs, tmp_path / "out", processes=1)
    commands = list(spy.commands)

    assert len(commands) == 1
    command = commands[0]
    assert [str(d) for d in docs] == command[-3:]
    assert {"--headless", "--norestore", "--convert-to", "pdf"} <= set(command)
    # A fresh profile per call, removed afterwards.
    [profile_arg] = [a for a in command if a.startswith("-env:UserInstallation=file:///")]
    profile_uri = profile_arg.split("=", 1)[1]
    profile_dir = Path(profile_uri.removeprefix("file://"))
    assert not profile_dir.exists()
    # The PDFs come back in input order, each holding its own document.
    assert pdfs == [tmp_path / "out" / f"{name}.pdf" for name in "cab"]
    for name, out in zip("cab", pdfs):
        assert out.stat().st_size > 0
        assert pdf_text(out).startswith(f"{name} 关于")
    # Nothing but the PDFs is left in the output folder.
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["a.pdf", "b.pdf", "c.pdf"]


def test_missing_pdf_is_an_error_even_though_libreoffice_exits_0(tmp_path: Path) -> None:
    good = make_docx(tmp_path / "good.docx")
    junk = tmp_path / "junk.docx"  # a zip, but not a Word document: LibreOffice cannot load it
    with zipfile.ZipFile(junk, "w") as archive:
        archive.writestr("data.bin", bytes(range(256)) * 8)
    outdir = tmp_path / "out"

    with pytest.raises(PdfError) as excinfo:
        convert_to_pdf([good, junk], outdir, processes=1)

    message = str(excinfo.value)
    assert message.startswith("LibreOffice 没有生成以下文件的 PDF（共 1 个）：")
    assert str(junk) in message
    assert str(good) not in message.splitlines()[0]
    assert "其余 1 个文件的 PDF 已生成。" in message
    # The one that failed costs no other: good.pdf is kept, complete; nothing else is left.
    assert sorted(p.name for p in outdir.iterdir()) == ["good.pdf"]
    assert excinfo.value.made == [outdir / "good.pdf"]
    assert pdf_text(outdir / "good.pdf").startswith("关于")


def test_files_are_dealt_out_to_one_libreoffice_per_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    spy = PopenSpy(monkeypatch)
    docs = [make_docx(tmp_path / f"{name}.docx", text=f"{name} {TEXT}") for name in "abcd"]
    seen: list[tuple[str, bool]] = []

    pdfs = convert_to_pdf(docs, tmp_path / "out", processes=2, progress=lambda name, ok: seen.append((name, ok)))
    commands = list(spy.commands)

    assert len(commands) == 2
    assert sorted(tuple(c[-2:]) for c in commands) == [(str(docs[0]), str(docs[2])), (str(docs[1]), str(docs[3]))]
    profiles = {a for c in commands for a in c if a.startswith("-env:UserInstallation=")}
    assert len(profiles) == 2  # a profile of its own for each process
    for name, out in zip("abcd", pdfs):
        assert pdf_text(out).startswith(f"{name} 关于")
    assert sorted(seen) == [(f"{name}.docx", True) for name in "abcd"]  # progress for every file


def test_command_lines_stay_under_the_windows_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Windows allows 32,767 characters a command line: many files (long Chinese paths) take several
    calls, each within the limit (made small here so that five files need three calls)."""
    spy = PopenSpy(monkeypatch)
    folder = tmp_path / ("政府信息公开工作年度报告" * 4)
    folder.mkdir()
    docs = [make_docx(folder / f"{'示例市示例局' * 5}-{n}.docx", text=f"{n} {TEXT}") for n in range(5)]
    one = len(subprocess.list2cmdline([str(docs[0])])) + 1
    monkeypatch.setattr(pdf, "COMMAND_LIMIT", 1_000 + 2 * one)

    pdfs = convert_to_pdf(docs, tmp_path / "out", processes=1)

    assert len(spy.commands) == 3
    assert all(pdf.command_length(c) <= pdf.COMMAND_LIMIT for c in spy.commands)
    assert [c for command in spy.commands for c in command if c.endswith(".docx")] == [str(d) for d in docs]
    assert all(out.stat().st_size > 0 for out in pdfs)


def test_chunks_use_the_real_limit() -> None:
    paths = [Path("C:/报告/" + "示例局" * 30 + f"-{n}.docx") for n in range(2_000)]
    groups = pdf.chunks(paths)
    assert len(groups) > 1 and [p for g in groups for p in g] == paths
    assert all(pdf.command_length(["soffice", *map(str, g)]) < pdf.COMMAND_LIMIT - 900 for g in groups)
    assert pdf.COMMAND_LIMIT < 32_767


def test_not_a_docx_is_refused_before_libreoffice_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    spy = PopenSpy(monkeypatch)
    text = tmp_path / "text.docx"
    text.write_text("not a Word document", encoding="utf-8")

    with pytest.raises(PdfError, match=r"^以下文件不是有效的 Word 文档（\.docx）："):
        convert_to_pdf([text], tmp_path / "out")
    assert spy.commands == []


def test_missing_input_file(tmp_path: Path) -> None:
    with pytest.raises(PdfError, match="^找不到要转换为 PDF 的文件：.*nope.docx$"):
        convert_to_pdf([tmp_path / "nope.docx"], tmp_path / "out")


def test_same_pdf_name_twice_is_refused(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    docs = [make_docx(tmp_path / "a" / "report.docx"), make_docx(tmp_path / "b" / "report.docx")]

    with pytest.raises(PdfError, match=r"会生成同名的 PDF（report\.pdf）"):
        convert_to_pdf(docs, tmp_path / "out")


def processes_mentioning(needle: str) -> list[str]:
    """Command lines of live processes containing ``needle`` (Linux /proc)."""
    found = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            text = cmdline.read_bytes().replace(b"\0", b" ").decode("utf-8", "replace")
        except OSError:
            continue
        if needle in text:
            found.append(text)
    return found


def test_timeout_kills_libreoffice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    spy = PopenSpy(monkeypatch)
    docx = make_docx(tmp_path / "slow.docx")

    with pytest.raises(PdfError, match=r"^PDF 转换超时（0\.5 秒）"):
        convert_to_pdf([docx], tmp_path / "out", timeout=0.5)

    assert list((tmp_path / "out").iterdir()) == []
    # No LibreOffice process of this call survives (soffice.bin included, not only the wrapper).
    [profile_arg] = [a for a in spy.commands[0] if a.startswith("-env:UserInstallation=")]
    deadline = time.monotonic() + 3
    while processes_mentioning(profile_arg) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert processes_mentioning(profile_arg) == []


def test_soffice_not_found(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(libreoffice, "find_soffice", lambda: None)
    docx = make_docx(tmp_path / "report.docx")

    with pytest.raises(PdfError) as excinfo:
        convert_to_pdf([docx], tmp_path / "out")

    message = str(excinfo.value)
    assert message.startswith("生成 PDF 需要 LibreOffice，但没有找到（soffice）")
    assert "https://www.libreoffice.org/download/" in message
    assert "apt-get install --no-install-recommends libreoffice-writer-nogui" in message
    assert not (tmp_path / "out").exists()


def test_find_soffice_on_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake = tmp_path / "soffice"
    fake.write_text("#!/bin/sh\n", encoding="utf-8")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", str(tmp_path))

    assert pdf.find_soffice() == str(fake)


def test_no_inputs_no_call(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    spy = PopenSpy(monkeypatch)
    assert convert_to_pdf([], tmp_path / "out") == []
    assert spy.commands == []
