"""Property-based: any valid facts file gives a .docx that opens and holds every input string
exactly; a sample of them converts to PDF with LibreOffice."""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

import docx
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reportgen import build_report
from reportgen.checks.lint import _TYPED_POINT
from reportgen.publish.pdf import convert_to_pdf

# Common Chinese characters, Latin letters and digits, the characters XML must escape, emoji and a
# rare character from CJK Extension B. Left out on purpose: whitespace (joined away between
# Chinese characters), braces (references), and half-width ,;:?!() (printed in full width).
ALPHABET = st.sampled_from(
    list("的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处理府研质"
    "ABCDEFGXYZabcxyz0123456789" "&<>\"'" "😀🎉" "𠀀𠀁"))


def text(min_size: int = 1, max_size: int = 30) -> st.SearchStrategy[str]:
    """Valid text for any field: never starting with a number of its own (一、, 1., 一是 …), which a
    heading or point may not carry (HEADNUM: the program numbers them)."""
    return st.text(ALPHABET, min_size=min_size, max_size=max_size).filter(lambda s: not _TYPED_POINT.match(s))


@st.composite
def facts_files(draw) -> dict:
    sections = draw(st.lists(st.fixed_dictionaries({
        "heading": text(1, 20),
        "paragraphs": st.lists(st.one_of(
            text(1, 60),
            st.fixed_dictionaries({"points": st.lists(text(1, 40), min_size=1, max_size=3)}),
        ), max_size=3),
    }), min_size=1, max_size=4))
    return {
        "format": "narrative-2011",
        "agency": {"name": draw(text(2, 20)), "short_name": draw(text(1, 10)), "self_name": draw(text(1, 5))},
        "year": draw(st.integers(2008, 2030)),
        "signed": f"{draw(st.integers(2031, 2040))}-0{draw(st.integers(1, 9))}-1{draw(st.integers(0, 9))}",
        "intro": draw(st.lists(text(1, 60), max_size=2)),
        "sections": sections,
    }


def strings_of(facts: dict) -> list[str]:
    out = [facts["agency"]["name"]]
    for p in facts["intro"]:
        out.append(p)
    for s in facts["sections"]:
        out.append(s["heading"])
        for p in s["paragraphs"]:
            out += [p] if isinstance(p, str) else p["points"]
    return out


def write(facts: dict, folder: Path) -> Path:
    path = folder / "facts.yaml"
    path.write_text(yaml.safe_dump(facts, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def document_text(path: Path) -> str:
    return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)


@settings(max_examples=40, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(facts_files())
def test_any_valid_facts_file_builds_a_document_holding_every_string(facts):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        result = build_report(write(facts, folder), folder / "r.docx")
        body = document_text(result.output)
        for s in strings_of(facts):
            assert s in body, s


@settings(max_examples=3, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(facts_files(), min_size=3, max_size=3))
def test_a_sample_converts_to_pdf(sample):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        outputs = []
        for i, facts in enumerate(sample):
            sub = folder / str(i)
            sub.mkdir()
            outputs.append(build_report(write(facts, sub), folder / f"r{i}.docx").output)
        pdfs = convert_to_pdf(outputs, folder)
        for pdf, facts in zip(pdfs, sample):
            info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
            assert "Pages:" in info
            text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
            heading = facts["sections"][0]["heading"]
            plain = "".join(ch for ch in heading if ord(ch) < 0x1F000 and ch.isalnum())
            assert "".join(plain.split()) in "".join(text.split())
