"""Published files in odd shapes (issue 18: read them right, or say that you cannot): pages turned
on their side, a file that reads as nothing, two reports on one page, a file whose content is not
what its extension says. Every fixture is made here from a corpus file (tests/fixtures/published/),
so its expected reading is the corpus file's, typed and checked by hand."""

from __future__ import annotations

import sys
from pathlib import Path

import pikepdf
import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import published as P  # noqa: E402

LINHU = P.CORPUS / "linhu-district-2023.pdf"
LINHU_EXP = P.E.load(P.CORPUS / "linhu-district-2023.expected.txt")


def _turned(source: Path, out: Path, how: str) -> Path:
    """`source` with every page shown turned: /Rotate 90 or 180 on the page (turned in a viewer and
    saved), or the page drawn sideways into a landscape page ("content90", no /Rotate)."""
    with pikepdf.open(source) as pdf:
        if how.startswith("rotate"):
            for page in pdf.pages:
                page.Rotate = int(how[len("rotate"):])
            pdf.save(out)
            return out
        turned = pikepdf.new()
        for page in pdf.pages:
            w, h = float(page.mediabox[2]), float(page.mediabox[3])
            form = turned.copy_foreign(page.as_form_xobject())
            new = turned.add_blank_page(page_size=(h, w))
            new.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(P=form))
            new.Contents = turned.make_stream(f"q 0 1 -1 0 {h} 0 cm /P Do Q".encode())
        turned.save(out)
    return out


@pytest.mark.parametrize("how", ["rotate90", "rotate180", "rotate270", "content90"])
def test_a_page_shown_on_its_side_is_read_turned_upright(tmp_path, how):
    # before: every character was "not upright" and left out, the import read an empty narrative
    # report (year 2000) and `check` passed it with exit code 0
    score = P.score(_turned(LINHU, tmp_path / f"linhu.{how}.pdf", how), LINHU_EXP)
    assert not score.error
    assert score.found == score.lines, score.missing_lines
    assert score.facts_equal == score.facts_values > 160, score.facts_wrong
    assert not score.slips_missed and not score.false_alarms
