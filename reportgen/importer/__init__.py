"""Import: a published report (.docx, .html, .pdf, .doc/.wps) becomes a facts file, and a
published report can be checked without writing one.

One module per concern, data flowing one way:

    reading         which reader reads a file (read_docx / read_html / read_pdf / scan, .doc and
                    .wps converted to .docx first): bytes → `document.Block`s (paragraphs, table grids)
      pdf_page → pdf_lines, pdf_grid, pdf_tables  a PDF by position: PDFium characters and rules,
                                                  lines and page furniture, ruled and unruled tables
    scan            a PDF without a usable text layer (a scan): refused, a SCAN finding, or read by
                    ocr (ocr_grid: ruled tables in a page image; tesseract: the OCR program;
                    ocr_text: lines → paragraphs), every block marked unsure
    structure       blocks → title, agency, year, signature, date, sections, points
    statutory       table grids → the three tables of 国办公开办函〔2021〕30号, by printed labels
    recognize       everything above → facts data, with a note on every unsure value
    write           facts data → YAML text with those notes as comments
    review          check published reports; a folder gives a roll-up
"""

from __future__ import annotations

from .imported import Imported
from .read_docx import ReadError
from .reading import READABLE, read_document
from .recognize import import_document

__all__ = ["Imported", "READABLE", "ReadError", "import_document", "read_document"]
