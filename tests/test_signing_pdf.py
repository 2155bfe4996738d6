"""The signature block in the PDF (GB/T 9704-2012 §7.3.5.2, unsealed): the date's first character
two characters right of the signature's; the longer of the two ends two characters from the right
margin. Measured in PDFs LibreOffice makes, for dates in Chinese numerals (all full-width) and in
Arabic digits (half-width digits, with the space LibreOffice puts where digits meet characters)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from conftest import DATA, ROOT, SEED_FACTS

from reportgen import build_report
from reportgen.publish.pdf import convert_to_pdf

CHAR = 16.0  # pt, 3号
RIGHT_MARGIN = 595.28 - 26 / 25.4 * 72  # pt from the page's left edge
_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>')


def lines_of_last_page(pdf: Path) -> list[tuple[float, float, str]]:
    """(start, end, text) of each line of the PDF's last page."""
    xml = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    page = xml.rsplit("<page ", 1)[1]
    rows: dict[float, list[tuple[float, float, str]]] = {}
    for x0, y0, x1, text in _WORD.findall(page):
        rows.setdefault(round(float(y0)), []).append((float(x0), float(x1), text))
    return [(min(w[0] for w in ws), max(w[1] for w in ws), "".join(w[2] for w in sorted(ws))) for _, ws in sorted(rows.items())]


CASES = {
    # name: (facts text transform, signature, date)
    "chinese-date-longer": (SEED_FACTS, None, "嘉兴市体育局", "二〇一二年三月十六日"),
    "arabic-date-longer": (DATA / "example-2025.yaml", None, "示例市示例局", "2026年1月20日"),
    "arabic-signature-longer": (DATA / "example-2025.yaml", ("name: 示例市示例局", "name: 示例市示例局信息公开工作办公室"),
                                "示例市示例局信息公开工作办公室", "2026年1月20日"),
}


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("signing")
    docs = []
    for name, (facts, change, _, _) in CASES.items():
        source = facts
        if change:
            source = folder / f"{name}.yaml"
            source.write_text(facts.read_text(encoding="utf-8").replace(*change), encoding="utf-8")
        docs.append(folder / f"{name}.docx")
        build_report(source, docs[-1])
    return {pdf.stem: pdf for pdf in convert_to_pdf(docs, folder / "pdf")}


@pytest.mark.parametrize("name", list(CASES))
def test_date_starts_two_characters_right_of_the_signature(pdfs, name):
    _, _, signature, date = CASES[name]
    lines = lines_of_last_page(pdfs[name])
    texts = [text for _, _, text in lines]
    i = texts.index(signature)
    sig_start, sig_end, _ = lines[i]
    date_start, date_end, date_text = lines[i + 1]
    assert date_text == date
    assert abs((date_start - sig_start) - 2 * CHAR) <= 0.25 * CHAR, (sig_start, date_start)
    longer_end = max(sig_end, date_end)
    assert abs((RIGHT_MARGIN - longer_end) - 2 * CHAR) <= 0.25 * CHAR, (longer_end, RIGHT_MARGIN)
    assert min(RIGHT_MARGIN - sig_end, RIGHT_MARGIN - date_end) >= 2 * CHAR - 0.25 * CHAR


@pytest.mark.parametrize("facts, signature, date", [
    ("tests/fixtures/real/county-gov-2023.yaml", "青屏县人民政府", "2024年1月17日"),
    ("tests/fixtures/valid/narrative-requests-2013.yaml", "某某市某某局", "二〇一四年三月二十日"),
])
def test_the_signature_never_stands_alone_on_a_page(tmp_path, facts, signature, date):
    """GB/T 9704: the signature and date are not printed on a page without text. The real county
    report's text ends a few lines above the foot of page 5, too near for the blank line, signature
    and date: they went to page 6 alone; the 2013 report's 附件：list filled page 1 and its signature
    and date stood alone on page 2, before the attachments. The last paragraph (and the 附件：list)
    is kept with them, so it moves too."""
    docx = tmp_path / "report.docx"
    build_report(ROOT / facts, docx)
    (pdf,) = convert_to_pdf([docx], tmp_path / "pdf")
    xml = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = [["".join(ln.split()) for ln in p.splitlines() if ln.strip()] for p in xml.split("\f")]
    lines = next(p for p in pages if date in p)
    at = lines.index(date) - 1
    assert lines[at] == signature and at > 0, lines  # text above it on its page (the page number is below)


def test_a_merged_label_of_table_three_is_on_the_page_of_its_rows(pdfs):
    """（三）不予公开 1.–8., （四）无法提供 1.–3. … stay on one page (their rows keep with the next):
    before, the example's page 3 ended with （四）'s first row and its label was printed on page 4."""
    from reportgen.model.formats import national_tables as T

    pdf = pdfs["arabic-date-longer"]  # data/example-2025.yaml as it is
    pages = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                           check=True).stdout.split("\f")
    flat = [re.sub(r"\s+", "", page) for page in pages]

    def page_of(text: str) -> int:
        found = [n for n, page in enumerate(flat) if re.sub(r"\s+", "", text) in page]
        assert len(found) == 1, (text, found)
        return found[0]

    checked = 0
    for _, group_label, items in T.GROUPS:
        label = re.sub(r"[（）()]", "", group_label)[:2]  # the label wraps in its narrow cell: （四）无法 / 提供
        first, last = page_of(items[0][1][:8]), page_of(items[-1][1][:8])
        assert first == last, (group_label, first, last)
        assert label in re.sub(r"[\s（）()]", "", pages[first]), (group_label, first)
        checked += 1
    assert checked == 4
