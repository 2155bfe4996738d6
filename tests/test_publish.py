"""Publishing: PDF through LibreOffice (real, installed by .ci/run), and many agencies in one run."""

from __future__ import annotations

import csv
import re
import subprocess
from pathlib import Path

import pytest
from conftest import DATA, SEED_FACTS

from reportgen.cli import main


@pytest.fixture(scope="module")
def seed_pdf(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("pdf") / "seed.docx"
    assert main(["build", str(SEED_FACTS), "-o", str(out), "--pdf"]) == 0
    pdf = out.with_suffix(".pdf")
    assert pdf.is_file()
    return pdf


def _pdftext(pdf: Path, page: int) -> list[str]:
    text = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), "-layout", str(pdf), "-"],
                          capture_output=True, text=True, check=True).stdout
    return [line for line in text.splitlines() if line.strip()]


def test_seed_pdf_body_is_fandolfang(seed_pdf):
    fonts = subprocess.run(["pdffonts", str(seed_pdf)], capture_output=True, text=True, check=True).stdout
    assert "FandolFang" in fonts  # 仿宋_GB2312 mapped by reportgen/fonts/fonts.conf


def test_seed_pdf_full_body_page_has_22_lines_of_28_characters(seed_pdf):
    lines = _pdftext(seed_pdf, 2)  # page 2 is all body text
    body, footer = lines[:-1], lines[-1]
    assert "".join(footer.split()) == "—2—"
    assert len(body) == 22
    widths = [len("".join(line.split())) for line in body]
    # A full line holds 28 characters (a run of digits such as "2011" takes the room of two).
    assert max(widths) in (28, 29, 30) and sum(1 for w in widths if w >= 27) >= 15, widths


def test_seed_pdf_page_numbers_alternate_sides(seed_pdf):
    odd, even = _pdftext(seed_pdf, 1)[-1], _pdftext(seed_pdf, 2)[-1]
    assert "".join(odd.split()) == "—1—" and "".join(even.split()) == "—2—"
    assert len(odd) - len(odd.lstrip()) > len(even) - len(even.lstrip())  # odd right, even left


def test_batch_folder_with_one_broken_file(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    template = (DATA / "example-2025.yaml").read_text(encoding="utf-8")
    for i in range(1, 21):
        text = template.replace("name: 示例市示例局", f"name: 示例市第{i}局")
        if i == 7:
            text = text.replace("processing_fee: 0 ", "processing_fee: 120.50")
        (folder / f"agency{i:02d}.yaml").write_text(text, encoding="utf-8")
    (folder / "broken.yaml").write_text(template.replace("licensing: 1386", "licensing: 很多"), encoding="utf-8")
    outdir = tmp_path / "out"
    code = main(["build", str(folder), "-o", str(outdir), "--jobs", "2"])
    captured = capsys.readouterr()
    assert code == 1
    assert sorted(p.name for p in outdir.glob("*.docx")) == [f"agency{i:02d}.docx" for i in range(1, 21)]
    assert "broken.yaml 生成失败" in captured.err and "licensing" in captured.err
    assert "已生成 20 份报告，1 份失败" in captured.out
    with (outdir / "汇总.csv").open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 21
    by_file = {r["文件"]: r for r in rows}
    broken = by_file["broken.yaml"]
    assert broken["结果"] == "失败"
    # Why it failed, in one line without the file path; who and which year, read from the file as typed.
    # the Chinese name and line first, as on the screen (review of issue 22)
    assert re.fullmatch(r"[^（]+（第\d+行，active_disclosure\.licensing）：应为整数，这里写的是“很多”。", broken["问题"])
    assert broken["机关"] == "示例市示例局" and broken["年度"] == "2025"
    assert by_file["agency01.yaml"]["问题"] == ""
    row = by_file["agency07.yaml"]
    assert row["机关"] == "示例市第7局" and row["结果"] == "已生成"
    assert row["申请·一、本年新收政府信息公开申请数量·总计"] == "79"
    assert row["申请·（三）不予公开 6.属于四类过程性信息·商业企业"] == "1"
    assert row["复议诉讼·行政复议·总计"] == "6"
    assert row["主动公开·行政事业性收费·本年收费金额（单位：万元）"] == "42.15"
    assert row["信息处理费（元）"] == "120.50" and by_file["agency01.yaml"]["信息处理费（元）"] == "0"


def _rollup(outdir: Path) -> dict[str, dict[str, str]]:
    with (outdir / "汇总.csv").open(encoding="utf-8-sig", newline="") as f:
        return {r["文件"]: r for r in csv.DictReader(f)}


def test_batch_files_whose_reports_would_collide_are_not_built(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    facts = (DATA / "example-2025.yaml").read_text(encoding="utf-8")
    for name in ("局-2025.yaml", "局-2025.yml", "other.yaml"):
        (folder / name).write_text(facts, encoding="utf-8")
    outdir = tmp_path / "out"
    code = main(["build", str(folder), "-o", str(outdir), "--jobs", "1"])
    captured = capsys.readouterr()
    assert code == 1
    assert sorted(p.name for p in outdir.glob("*.docx")) == ["other.docx"]  # neither 局-2025 is built
    assert "局-2025.yaml 生成失败" in captured.err and "局-2025.yml 生成失败" in captured.err
    assert "与 局-2025.yml 的报告同名（都会写成 局-2025.docx）" in captured.err
    assert "已生成 1 份报告，2 份失败" in captured.out
    rows = _rollup(outdir)
    assert rows["局-2025.yaml"]["结果"] == rows["局-2025.yml"]["结果"] == "失败"
    assert "同名" in rows["局-2025.yml"]["问题"] and rows["局-2025.yml"]["机关"] == "示例市示例局"


def test_colliding_outputs_ignore_case():
    from reportgen.batch.folder import colliding_outputs

    files = [Path("A.yaml"), Path("a.yml"), Path("b.yaml"), Path("b.json.yaml")]
    assert colliding_outputs(files) == {Path("A.yaml"): [Path("a.yml")], Path("a.yml"): [Path("A.yaml")]}


def test_batch_says_subfolders_were_not_included(tmp_path, capsys):
    folder = tmp_path / "in"
    (folder / "县区" / "2025").mkdir(parents=True)
    (folder / ".github").mkdir()
    (folder / "附件").mkdir()
    seed = SEED_FACTS.read_text(encoding="utf-8")
    (folder / "a.yaml").write_text(seed, encoding="utf-8")
    (folder / "县区" / "2025" / "b.yaml").write_text(seed, encoding="utf-8")
    (folder / ".github" / "ci.yml").write_text("on: push\n", encoding="utf-8")
    (folder / "附件" / "note.txt").write_text("x", encoding="utf-8")
    assert main(["build", str(folder), "-o", str(tmp_path / "out")]) == 0
    err = capsys.readouterr().err
    notes = [line for line in err.splitlines() if "子文件夹" in line]
    assert notes == ["子文件夹中的事实文件没有包括在内：县区/（只生成所给文件夹本层的文件；要生成它们，"
                     "请对子文件夹分别运行 reportgen build）。"]
    assert sorted(p.name for p in (tmp_path / "out").glob("*.docx")) == ["a.docx"]


def test_batch_without_subfolders_says_nothing_about_them(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.yaml").write_text(SEED_FACTS.read_text(encoding="utf-8"), encoding="utf-8")
    assert main(["build", str(folder), "-o", str(tmp_path / "out")]) == 0
    assert "子文件夹" not in capsys.readouterr().err


def test_batch_pdfs_in_one_conversion(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("a", "b", "c"):
        (folder / f"{name}.yaml").write_text(SEED_FACTS.read_text(encoding="utf-8"), encoding="utf-8")
    assert main(["build", str(folder), "-o", str(tmp_path / "out"), "--pdf"]) == 0
    assert sorted(p.name for p in (tmp_path / "out").glob("*.pdf")) == ["a.pdf", "b.pdf", "c.pdf"]
    assert "PDF 3 份" in capsys.readouterr().out


def test_empty_folder_is_an_error(tmp_path, capsys):
    (tmp_path / "empty").mkdir()
    assert main(["build", str(tmp_path / "empty")]) == 1
    assert "没有事实文件" in capsys.readouterr().err


def test_folder_with_facts_only_in_a_subfolder_says_where_they_are(tmp_path, capsys):
    (tmp_path / "in" / "2025").mkdir(parents=True)
    (tmp_path / "in" / "2025" / "a.yaml").write_text(SEED_FACTS.read_text(encoding="utf-8"), encoding="utf-8")
    assert main(["build", str(tmp_path / "in")]) == 1
    err = capsys.readouterr().err
    assert "没有事实文件" in err and "子文件夹 2025/ 里有" in err


def test_no_punctuation_is_lost_in_the_pdf(seed_pdf):
    """Every punctuation mark of the document is drawn in the PDF: LibreOffice once dropped a
    justified line's hanging mark (a comma at the 29th place) when characters were 15.75 pt wide."""
    import collections
    import re
    import zipfile

    xml = zipfile.ZipFile(seed_pdf.with_suffix(".docx")).read("word/document.xml").decode("utf-8")
    docx_text = "".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", xml))
    pdf_text = subprocess.run(["pdftotext", str(seed_pdf), "-"], capture_output=True, text=True, check=True).stdout
    marks = "，。、；：“”《》（）！？"
    want = collections.Counter(ch for ch in docx_text if ch in marks)
    got = collections.Counter(ch for ch in pdf_text if ch in marks)
    assert got == want
