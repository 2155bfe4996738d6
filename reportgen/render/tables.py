"""The three statutory tables of the national format, built into a Word template with their
labels and merged cells exactly as 国办公开办函〔2021〕30号 prints them. Value cells hold Jinja tags
that the report fills with computed numbers. Used only to make templates (template_builder)."""

from __future__ import annotations

from docx.document import Document as DocumentObject
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm
from docx.table import Table

from ..model.formats import national_tables as T
from .layout import MARGIN_LEFT, MARGIN_RIGHT, PAGE_WIDTH

TEXT_WIDTH_MM = round((PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT) / Mm(1))


# The children of w:tblPr in the order the schema requires (ECMA-376 Part 1, §17.4.60, CT_TblPr).
# Word for the web reports a document whose table properties are out of order as corrupt, and
# Word's repair drops what is misplaced (the cell margins).
TBLPR_ORDER = ("tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize",
               "tblStyleColBandSize", "tblW", "jc", "tblCellSpacing", "tblInd", "tblBorders", "shd",
               "tblLayout", "tblCellMar", "tblLook", "tblCaption", "tblDescription", "tblPrChange")
_ORDERS = {qn("w:tblPr"): tuple(qn(f"w:{name}") for name in TBLPR_ORDER)}


def _set(parent, tag: str, **attrs: str):
    """The child `tag` of `parent` (made if missing, in schema order where the order is known)."""
    el = parent.find(qn(tag))
    if el is None:
        el = OxmlElement(tag)
        order = _ORDERS.get(parent.tag)
        if order is None:
            parent.append(el)
        else:
            rank = order.index(el.tag)
            later = [child for child in parent if child.tag in order and order.index(child.tag) > rank]
            if later:
                later[0].addprevious(el)
            else:
                parent.append(el)
    for key, value in attrs.items():
        el.set(qn(key), value)
    return el


def _table(doc: DocumentObject, rows: int, widths_mm: list[float], header_rows: int = 0,
           keep_together: bool = False) -> Table:
    assert abs(sum(widths_mm) - TEXT_WIDTH_MM) < 0.5, "a statutory table fills the text width"
    table = doc.add_table(rows=rows, cols=len(widths_mm))
    table.style = doc.styles["Table Grid"]
    table.autofit = False
    tbl_pr = table._tbl.tblPr
    _set(tbl_pr, "w:tblW", **{"w:w": str(sum(round(Mm(w).twips) for w in widths_mm)), "w:type": "dxa"})
    _set(tbl_pr, "w:jc", **{"w:val": "center"})
    _set(tbl_pr, "w:tblLayout", **{"w:type": "fixed"})
    margins = _set(tbl_pr, "w:tblCellMar")
    for side, mm in (("top", 0.6), ("left", 0.8), ("bottom", 0.6), ("right", 0.8)):
        _set(margins, f"w:{side}", **{"w:w": str(round(Mm(mm).twips)), "w:type": "dxa"})
    for i, width in enumerate(widths_mm):
        table.columns[i].width = Mm(width)
        for cell in table.columns[i].cells:
            cell.width = Mm(width)
    for index, row in enumerate(table.rows):
        tr_pr = row._tr.get_or_add_trPr()
        _set(tr_pr, "w:cantSplit")
        if index < header_rows:
            _set(tr_pr, "w:tblHeader")  # repeated at the top of each page the table runs onto
    for index, row in enumerate(table.rows):
        for cell in row.cells:
            _set(cell._tc.get_or_add_tcPr(), "w:vAlign", **{"w:val": "center"})
            paragraph = cell.paragraphs[0]
            paragraph.style = doc.styles["表格文字"]
            if keep_together and index < rows - 1:
                # A short table stays on one page: each row keeps with the next.
                paragraph.paragraph_format.keep_with_next = True
    return table


# Header labels of the applications table's 11 mm columns, which hold 3 characters of 小五 a line:
# left alone, Word and LibreOffice break them inside a word (商业企/业, 法律服/务机构). Published
# tables break between words, so the breaks are put in.
HEADER_WORDS = {
    "商业企业": ("商业", "企业"),
    "科研机构": ("科研", "机构"),
    "社会公益组织": ("社会", "公益", "组织"),
    "法律服务机构": ("法律", "服务", "机构"),
}


def _put(table: Table, row: int, col: int, text: str, *, rows: int = 1, cols: int = 1, left: bool = False) -> None:
    """Write `text` in one run of the top-left cell (a header label with a line break between its
    words, see HEADER_WORDS), then merge the span."""
    cell = table.cell(row, col)
    paragraph = cell.paragraphs[0]
    words = HEADER_WORDS.get(text, (text,))
    run = paragraph.add_run(words[0])
    for word in words[1:]:
        run.add_break()
        run.add_text(word)
    if left:
        _set(paragraph._p.get_or_add_pPr(), "w:jc", **{"w:val": "left"})
    if rows > 1 or cols > 1:
        merged = cell.merge(table.cell(row + rows - 1, col + cols - 1))
        # merge() keeps one empty paragraph per absorbed cell; a cell shows only the first.
        for extra in merged.paragraphs[1:]:
            if not extra.text:
                extra._p.getparent().remove(extra._p)


def _keep_rows_together(table: Table, first: int, count: int) -> None:
    """The rows of a merged label (（三）不予公开 1.–8.) stay on one page: every paragraph of each row
    but the last keeps with the next, as Word's "keep with next" does for table rows. Split by a page
    break, the merged label is printed on one side only and the rows on the other lose it."""
    for tr in table._tbl.tr_lst[first:first + count - 1]:
        for tc in tr.tc_lst:
            for p in tc.p_lst:
                p.get_or_add_pPr().get_or_add_keepNext()  # in schema order


def active_disclosure(doc: DocumentObject) -> Table:
    """Add table 二、主动公开政府信息情况 to the template: its rows and columns as the format prints
    them, each value cell a {{ active.… }} tag."""
    label_width = 46.0
    value_width = (TEXT_WIDTH_MM - label_width) / 3
    table = _table(doc, 14, [label_width] + [value_width] * 3, keep_together=True)
    _put(table, 0, 0, T.ACTIVE_ITEM_1, cols=4)
    _put(table, 1, 0, T.ACTIVE_CONTENT)
    for i, (_, name) in enumerate(T.RULE_COLUMNS, start=1):
        _put(table, 1, i, name)
    for r, (key, label) in enumerate(T.RULE_ROWS, start=2):
        _put(table, r, 0, label)
        for i, (col, _) in enumerate(T.RULE_COLUMNS, start=1):
            _put(table, r, i, f"{{{{ active.{key}.{col} }}}}")
    row = 4
    for item, header, rows in T.ACTIVE_VALUE_BLOCKS:
        _put(table, row, 0, item, cols=4)
        _put(table, row + 1, 0, T.ACTIVE_CONTENT)
        _put(table, row + 1, 1, header, cols=3)
        for offset, (key, label) in enumerate(rows, start=2):
            _put(table, row + offset, 0, label)
            _put(table, row + offset, 1, f"{{{{ active.{key} }}}}", cols=3)
        row += 2 + len(rows)
    assert row == 14
    return table


def _app_values(table: Table, row: int, key: str) -> None:
    path = ".".join(f"{part}" for part in key.split("."))
    for i, (col, _) in enumerate((*T.APPLICANT_COLUMNS, T.TOTAL), start=3):
        _put(table, row, i, f"{{{{ apps.{path}.{col} }}}}")


def applications(doc: DocumentObject) -> Table:
    """Add table 三、收到和处理政府信息公开申请情况 to the template: the three header rows, the 25 rows
    of the format with their merged label cells, each value cell an {{ apps.… }} tag."""
    value_width = 11.0
    label_widths = [12.0, 18.0, TEXT_WIDTH_MM - 30.0 - 7 * value_width]
    table = _table(doc, 3 + 25, label_widths + [value_width] * 7, header_rows=3)
    _put(table, 0, 0, T.APPLICATION_NOTE, rows=3, cols=3)
    _put(table, 0, 3, T.APPLICANTS, cols=7)
    _put(table, 1, 3, T.APPLICANT_COLUMNS[0][1], rows=2)
    _put(table, 1, 4, T.LEGAL_PERSONS, cols=5)
    _put(table, 1, 9, T.TOTAL[1], rows=2)
    for i, (_, name) in enumerate(T.APPLICANT_COLUMNS[1:], start=4):
        _put(table, 2, i, name)

    row = 3
    for r in (T.NEW, T.CARRIED_OVER):
        _put(table, row, 0, r.label, cols=3, left=True)
        _app_values(table, row, r.key)
        row += 1
    results_first = row
    for r in (T.GRANTED, T.PARTIAL):
        _put(table, row, 1, r.label, cols=2, left=True)
        _app_values(table, row, r.key)
        row += 1
    for group, group_label, items in T.GROUPS:
        _put(table, row, 1, group_label, rows=len(items))
        _keep_rows_together(table, row, len(items))
        for key, label in items:
            _put(table, row, 2, label, left=True)
            _app_values(table, row, f"{group}.{key}")
            row += 1
    _put(table, row, 1, T.RESULTS_TOTAL.label, cols=2, left=True)
    _app_values(table, row, T.RESULTS_TOTAL.key)
    row += 1
    _put(table, results_first, 0, T.RESULTS_LABEL, rows=row - results_first)
    _put(table, row, 0, T.CARRIED_FORWARD.label, cols=3, left=True)
    _app_values(table, row, T.CARRIED_FORWARD.key)
    assert row == 27
    return table


def review_litigation(doc: DocumentObject) -> Table:
    """Add table 四、政府信息公开行政复议、行政诉讼情况 to the template: the three header rows
    and the row of values, each cell a {{ reviews.… }} tag."""
    n = len(T.OUTCOME_COLUMNS) + 1
    table = _table(doc, 4, [TEXT_WIDTH_MM / (3 * n)] * (3 * n), header_rows=3, keep_together=True)
    outcomes = (*T.OUTCOME_COLUMNS, T.TOTAL)
    (review_key, review_label), *suits = T.REVIEW_GROUPS
    _put(table, 0, 0, review_label, cols=n)
    _put(table, 0, n, T.LITIGATION, cols=2 * n)
    for i, (_, name) in enumerate(outcomes):
        _put(table, 1, i, name, rows=2)
    for g, (_, label) in enumerate(suits, start=1):
        _put(table, 1, g * n, label, cols=n)
        for i, (_, name) in enumerate(outcomes):
            _put(table, 2, g * n + i, name)
    for g, (key, _) in enumerate(T.REVIEW_GROUPS):
        for i, (col, _) in enumerate(outcomes):
            _put(table, 3, g * n + i, f"{{{{ reviews.{key}.{col} }}}}")
    return table
