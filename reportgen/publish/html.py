"""A report as one standalone HTML5 page, for the agency's website.

`render_html(facts)` prints the same derived data as the Word template (`facts.format.context`):
title, numbered headings, paragraphs, the three statutory tables of the national format with the
merged cells of 国办公开办函〔2021〕30号 as rowspan/colspan, then signature and date. The page
loads nothing: one inline <style>, system fonts, no scripts, links or images. Every text is
escaped; the same facts always give the same string.

The markup and the style are a Jinja2 template, templates/page.html.jinja (package data), rendered
with autoescape on; this module gives it the page's parts (`page_context`): the tables as rows of
`Cell`s, laid out as the format merges them (reportgen.publish.rollup_sums places the same cells
in 汇总.xlsx).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..model.formats import national_tables as T

if TYPE_CHECKING:
    from ..model.facts import Facts

# Block kinds of the context → HTML elements: the title is <h1>, so 一、 is <h2>, （一） <h3>, 1. <h4>.
HEADING_TAGS = {"h1": "h2", "h2": "h3", "h3": "h4", "h4": "h5", "h3b": "h4", "h4b": "h5"}

#: The page's template (markup and style), shipped inside the package.
TEMPLATE = Path(__file__).resolve().parent / "templates" / "page.html.jinja"


@dataclass(frozen=True)
class Cell:
    text: str
    header: bool = True
    scope: str = ""  # col, row, colgroup, rowgroup (header cells)
    rows: int = 1
    cols: int = 1
    cls: str = ""

    @property
    def tag(self) -> str:
        return "th" if self.header else "td"


def _num(value: str, cols: int = 1) -> Cell:
    return Cell(value, header=False, cols=cols, cls="num")


Row = list[Cell]
Section = tuple[str, list[Row]]  # ("thead" | "tbody", rows)


def _table(cls: str, caption: str, sections: list[Section], labelled_by: str) -> dict[str, Any]:
    return {"kind": "table", "cls": cls, "caption": caption, "sections": sections, "labelled_by": labelled_by}


# -- the three statutory tables (labels from national_tables, numbers from the context) -----------

def active_table(active: dict[str, Any]) -> list[Section]:
    """二、主动公开政府信息情况: four blocks, each a title row across the table, a header row and
    its data rows. The first block's title and header are the table head."""
    content = Cell(T.ACTIVE_CONTENT, scope="col", cls="item")
    first: list[Row] = [
        [Cell(T.ACTIVE_ITEM_1, scope="colgroup", cols=4)],
        [content] + [Cell(name, scope="col") for _, name in T.RULE_COLUMNS],
    ]
    rules: list[Row] = [
        [Cell(label, scope="row")] + [_num(active[key][col]) for col, _ in T.RULE_COLUMNS]
        for key, label in T.RULE_ROWS
    ]
    sections: list[Section] = [("thead", first), ("tbody", rules)]
    for item, header, items in T.ACTIVE_VALUE_BLOCKS:
        rows: list[Row] = [
            [Cell(item, scope="rowgroup", cols=4)],
            [content, Cell(header, scope="col", cols=3)],
        ]
        rows += [[Cell(label, scope="row"), _num(active[key], cols=3)] for key, label in items]
        sections.append(("tbody", rows))
    return sections


def _app_numbers(apps: dict[str, Any], key: str) -> Row:
    row = apps
    for part in key.split("."):
        row = row[part]
    return [_num(row[col]) for col, _ in (*T.APPLICANT_COLUMNS, T.TOTAL)]


def applications_table(apps: dict[str, Any]) -> list[Section]:
    """三、收到和处理政府信息公开申请情况: 3 header rows under a note cell, 25 rows."""
    legal_persons = len(T.APPLICANT_COLUMNS) - 1
    head: list[Row] = [
        [Cell(T.APPLICATION_NOTE, header=False, rows=3, cols=3, cls="note"),
         Cell(T.APPLICANTS, scope="colgroup", cols=len(T.APPLICANT_COLUMNS) + 1)],
        [Cell(T.APPLICANT_COLUMNS[0][1], scope="col", rows=2),
         Cell(T.LEGAL_PERSONS, scope="colgroup", cols=legal_persons),
         Cell(T.TOTAL[1], scope="col", rows=2)],
        [Cell(name, scope="col") for _, name in T.APPLICANT_COLUMNS[1:]],
    ]
    received = [[Cell(r.label, scope="row", cols=3, cls="label")] + _app_numbers(apps, r.key)
                for r in (T.NEW, T.CARRIED_OVER)]
    results: list[Row] = [[Cell(r.label, scope="row", cols=2, cls="label")] + _app_numbers(apps, r.key)
                          for r in (T.GRANTED, T.PARTIAL)]
    for group, group_label, items in T.GROUPS:
        for i, (key, label) in enumerate(items):
            lead = [Cell(group_label, scope="row", rows=len(items), cls="group")] if i == 0 else []
            results.append(lead + [Cell(label, scope="row", cls="label")] + _app_numbers(apps, f"{group}.{key}"))
    results.append([Cell(T.RESULTS_TOTAL.label, scope="row", cols=2, cls="label")]
                   + _app_numbers(apps, T.RESULTS_TOTAL.key))
    results[0].insert(0, Cell(T.RESULTS_LABEL, scope="rowgroup", rows=len(results), cls="results"))
    forward = [[Cell(T.CARRIED_FORWARD.label, scope="row", cols=3, cls="label")]
               + _app_numbers(apps, T.CARRIED_FORWARD.key)]
    return [("thead", head), ("tbody", received), ("tbody", results), ("tbody", forward)]


def reviews_table(reviews: dict[str, Any]) -> list[Section]:
    """四、政府信息公开行政复议、行政诉讼情况: 3 header rows, one row of 15 numbers."""
    outcomes = (*T.OUTCOME_COLUMNS, T.TOTAL)
    n = len(outcomes)
    (_, review_label), *suits = T.REVIEW_GROUPS
    head: list[Row] = [
        [Cell(review_label, scope="colgroup", cols=n), Cell(T.LITIGATION, scope="colgroup", cols=n * len(suits))],
        [Cell(name, scope="col", rows=2) for _, name in outcomes]
        + [Cell(label, scope="colgroup", cols=n) for _, label in suits],
        [Cell(name, scope="col") for _ in suits for _, name in outcomes],
    ]
    body = [[_num(reviews[key][col]) for key, _ in T.REVIEW_GROUPS for col, _ in outcomes]]
    return [("thead", head), ("tbody", body)]


# -- the page --------------------------------------------------------------------------------------

class _Page:
    """The page's body as parts for the template: headings (numbered ids, one series for the whole
    page), paragraphs, run-in headings, tables and notes."""

    def __init__(self) -> None:
        self.parts: list[dict[str, Any]] = []
        self.headings = 0

    def heading(self, tag: str, text: str) -> str:
        self.headings += 1
        ident = f"s{self.headings}"
        self.parts.append({"kind": "heading", "tag": tag, "id": ident, "text": text})
        return ident

    def blocks(self, blocks: list[dict[str, str]]) -> None:
        for block in blocks:
            tag = HEADING_TAGS.get(block["kind"])
            if tag:
                self.heading(tag, block["text"])
            elif "head" in block:  # a run-in heading: its head in the heading's font, then the text
                self.parts.append({"kind": "run-in", "level": block["kind"][1:], "head": block["head"],
                                   "text": block["text"]})
            else:
                self.parts.append({"kind": "p", "text": block["text"]})

    def table(self, heading: str, cls: str, caption: str, sections: list[Section]) -> None:
        self.parts.append(_table(cls, caption, sections, self.heading("h2", heading)))

    def note(self, text: str) -> None:
        self.parts.append({"kind": "note", "text": text})

    def attachment(self, n: int, item: dict[str, Any]) -> dict[str, Any]:
        """An attachment (附件N): its label, title, text, table (with the computed total row) and note;
        its `caption` (附件1：标题 on one line, attachment_caption: one_line) or "" (label and title apart)."""
        body = _Page()
        body.headings = self.headings
        body.blocks(item["blocks"])
        self.headings = body.headings
        table = None
        if item["columns"]:
            head = [[Cell(c, scope="col") for c in item["columns"]]]
            rows = [[Cell(c, header=False) for c in row] for row in item["rows"]]
            table = _table("attachment", item["title"], [("thead", head), ("tbody", rows)], f"attachment{n}")
        return {"label": item["label"], "caption": item.get("caption", ""), "id": f"attachment{n}",
                "title": item["title"], "parts": body.parts,
                "table": table, "note": item["note"]}


def _indent(chars: float) -> str:
    return f"{chars:g}em"


def _words(line: str) -> list[str]:
    """A title line as the words a phone may break it between (the .docx's title rules,
    reportgen.model.document.title.tokens: 2025年度 / 政府信息公开 / 工作 / 年度报告; a name stays whole)."""
    from ..model.document.title import tokens

    words: list[str] = []
    for word, strength in tokens(line):
        if strength or not words:
            words.append(word)
        else:
            words[-1] += word
    return words if "".join(words) == line else [line]


def page_context(facts: Facts, graphic: bytes | None = None) -> dict[str, Any]:
    """What the page template shows, from the same derived data as the Word template
    (`facts.format.context`). ValueError for a format without a web layout."""
    name = facts.format.name
    context = facts.format.context(facts)
    page = _Page()
    if name == "narrative-2011":
        page.blocks(context["blocks"])
    elif name == "national-2021":
        page.blocks(context["overview"])
        headings = context["headings"]
        notes = context.get("notes") or {}
        for n, cls, key, sections in ((2, "active", "active_disclosure", active_table(context["active"])),
                                      (3, "applications", "applications", applications_table(context["apps"])),
                                      (4, "reviews", "review_litigation", reviews_table(context["reviews"]))):
            page.table(headings[n], cls, T.SECTIONS[n - 1], sections)
            if notes.get(key):
                page.note(notes[key])
        page.blocks(context["closing"])
    else:
        raise ValueError(f"no HTML layout for the report format {name!r}")
    from markupsafe import Markup

    from ..model.locality import page_font_leads

    title = context["title"]
    lines = context.get("title_lines") or [title]
    svg = None
    if graphic:
        from .graphic import inline_svg

        svg = Markup(inline_svg(graphic, "图解：" + title))  # noqa: S704 (the SVG reportgen drew; its texts are escaped)
    attachments = [page.attachment(n, item) for n, item in enumerate(context.get("attachments", []), 1)]
    return {
        "title": title,
        "title_lines": [_words(line) for line in lines] if "".join(lines) == title else None,
        "signature_indent": _indent(context.get("signature_indent_em", context["signature_indent"])),
        "date_indent": _indent(context.get("date_indent_em", context["date_indent"])),
        "graphic": svg,
        "parts": page.parts,
        "attachment_list": context.get("attachment_list", []),
        "signing": [{"cls": cls, "text": context[key]} for cls, key in (("signature", "signature"), ("date", "date"))
                    if context[key]],
        "attachments": attachments,
        # the fonts the facts chose (reportgen.model.locality), tried first by each font list
        "font_leads": {role: Markup(lead)  # noqa: S704 (font names from the whitelists, quoted)
                       for role, lead in page_font_leads(facts.data.get("layout")).items()},
    }


_TEMPLATES: dict[str, Any] = {}  # the compiled page template, once per process


def page_template() -> Any:
    """The page template (jinja2.Template): autoescape on, an undefined name an error, whitespace as
    written. Compiled once per process, its code kept in the user's private cache folder beside the
    Word template's parts (reportgen.render.render.cache_folder), which saves a cold build with
    --html about 20 ms of compiling."""
    if "page" not in _TEMPLATES:
        import jinja2

        from ..render.docxtpl_steps import compiled
        from ..render.render import cache_folder

        env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True,
                                 lstrip_blocks=True, keep_trailing_newline=True, auto_reload=False)
        _TEMPLATES["page"] = compiled(TEMPLATE.read_text(encoding="utf-8"), env, cache_folder(), patch=False)
    return _TEMPLATES["page"]


def render_html(facts: Facts, graphic: bytes | None = None) -> str:
    """The report as a standalone HTML5 page (a str; write it as UTF-8). `graphic`, the SVG of
    reportgen.publish.graphic, is shown inline under the title (text stays text; nothing is loaded)."""
    return page_template().render(page_context(facts, graphic))


__all__ = ["page_context", "render_html"]
