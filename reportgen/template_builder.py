"""Make the Word templates in templates/ from the shared GB/T 9704 layout (reportgen.layout).

Run `python scripts/make_templates.py` after changing this file or layout.py; a test checks that
the committed templates match what this module makes. Each template is generic: nothing in it
belongs to one agency, and every tag sits in a run of its own.
"""

from __future__ import annotations

from pathlib import Path

from docx.document import Document as DocumentObject

from . import tables
from .layout import add_paragraph, new_document

BLOCK_STYLES = {"h1": "Heading 1", "h2": "Heading 2", "h3": "Heading 3"}


def add_title(doc: DocumentObject) -> None:
    add_paragraph(doc, '{{ title_lines|join("\\n") }}', "Title")


def add_blocks(doc: DocumentObject, variable: str = "blocks") -> None:
    """A loop printing derived blocks: headings in their heading style, the rest as body text."""
    add_paragraph(doc, f"{{%p for b in {variable} %}}")
    for i, (kind, style) in enumerate(BLOCK_STYLES.items()):
        add_paragraph(doc, f'{{%p {"if" if i == 0 else "elif"} b.kind == "{kind}" %}}')
        add_paragraph(doc, "{{ b.text }}", style)
    add_paragraph(doc, "{%p else %}")
    add_paragraph(doc, "{{ b.text }}", "Normal")
    add_paragraph(doc, "{%p endif %}")
    add_paragraph(doc, "{%p endfor %}")


def add_signing(doc: DocumentObject) -> None:
    add_paragraph(doc, "{{ signature }}", "落款")
    add_paragraph(doc, "{{ date }}", "成文日期")


def narrative_2011() -> DocumentObject:
    doc = new_document()
    add_title(doc)
    add_blocks(doc)
    add_signing(doc)
    return doc


def national_2021() -> DocumentObject:
    doc = new_document()
    add_title(doc)
    add_blocks(doc, "overview")
    add_paragraph(doc, "{{ headings[2] }}", "Heading 1")
    tables.active_disclosure(doc)
    add_paragraph(doc, "{{ headings[3] }}", "Heading 1")
    tables.applications(doc)
    add_paragraph(doc, "{{ headings[4] }}", "Heading 1")
    tables.review_litigation(doc)
    add_blocks(doc, "closing")
    add_signing(doc)
    return doc


BUILDERS = {"narrative-2011.docx": narrative_2011, "national-2021.docx": national_2021}


def make_all(folder: Path) -> list[Path]:
    from .determinism import save_deterministic

    written = []
    for name, builder in BUILDERS.items():
        path = folder / name
        save_deterministic(builder(), path)
        written.append(path)
    return written
