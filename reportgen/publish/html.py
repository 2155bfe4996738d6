"""A report as one standalone HTML5 page, for the agency's website.

`render_html(facts)` prints the same derived data as the Word template (`facts.format.context`):
title, numbered headings, paragraphs, the three statutory tables of the national format with the
merged cells of 国办公开办函〔2021〕30号 as rowspan/colspan, then signature and date. The page
loads nothing: one inline <style>, system fonts, no scripts, links or images. Every text is
escaped; the same facts always give the same string.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING, Any

from ..model.formats import national_tables as T

if TYPE_CHECKING:
    from ..model.facts import Facts

# Block kinds of the context → HTML elements: the title is <h1>, so 一、 is <h2>, （一） <h3>, 1. <h4>.
HEADING_TAGS = {"h1": "h2", "h2": "h3", "h3": "h4", "h4": "h5", "h3b": "h4", "h4b": "h5"}

_BODY_FONTS = '"仿宋", "FangSong", "仿宋_GB2312", "FangSong_GB2312", "STFangsong", serif'
_HEI_FONTS = '"黑体", "SimHei", "Heiti SC", "STHeiti", sans-serif'
_KAI_FONTS = '"楷体", "KaiTi", "楷体_GB2312", "KaiTi_GB2312", "STKaiti"'
_TITLE_FONTS = '"方正小标宋简体", "FZXiaoBiaoSong-B05S"'

# The Word styles, for a screen: 仿宋 text with a 2-character first-line indent; 一、 in 黑体,
# （一） in 楷体 (黑体 where there is none), 1. in 黑体; tables scroll sideways inside their wrapper.
STYLE = f"""
*,*::before,*::after{{box-sizing:border-box}}
html{{-webkit-text-size-adjust:100%;text-size-adjust:100%}}
body{{margin:0 auto;max-width:46rem;padding:1.25rem 1rem 3rem;font-family:{_BODY_FONTS};font-size:1.125rem;line-height:1.8;color:#1a1a1a;background:#fff}}
h1,h2,h3,h4{{font-family:{_HEI_FONTS};line-height:1.5;margin:1.4em 0 .5em}}
h1{{font-family:{_TITLE_FONTS}, {_HEI_FONTS};font-size:1.5rem;text-align:center;margin:.5em 0 1.2em}}
h1 span{{display:inline-block}}
h2{{font-size:1.2rem}}
h3{{font-family:{_KAI_FONTS}, {_HEI_FONTS};font-size:1.125rem;font-weight:normal}}
h4,h5{{font-size:1.125rem;font-weight:normal}}
.run-in-1{{font-family:{_HEI_FONTS}}}
.run-in-2{{font-family:{_KAI_FONTS}, {_HEI_FONTS}}}
.run-in-3b,.run-in-4b{{font-weight:bold}}
p.note,p.attachment-label{{text-indent:0}}
p.attachment-list{{margin-top:1em}}
section.attachment{{margin-top:3em}}
p{{margin:0 0 .5em;text-indent:2em;text-align:justify;overflow-wrap:anywhere}}
p.signature,p.date{{text-indent:0;text-align:right;margin:0}}
p.signature{{margin-top:2em}}
.table-wrap{{position:relative;overflow-x:auto;-webkit-overflow-scrolling:touch;margin:.75rem 0 1.5rem;max-width:100%;
background:linear-gradient(to right,#fff 40%,rgba(255,255,255,0)) left/1.5rem 100% no-repeat local,
linear-gradient(to left,#fff 40%,rgba(255,255,255,0)) right/1.5rem 100% no-repeat local,
radial-gradient(farthest-side at 0 50%,rgba(0,0,0,.22),rgba(0,0,0,0)) left/.6rem 100% no-repeat scroll,
radial-gradient(farthest-side at 100% 50%,rgba(0,0,0,.22),rgba(0,0,0,0)) right/.6rem 100% no-repeat scroll}}
.table-wrap:focus-visible{{outline:2px solid #3b6fb6;outline-offset:2px}}
table{{border-collapse:collapse;width:100%;font-size:.875rem;line-height:1.45}}
caption{{position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}}
th,td{{border:1px solid #444;padding:.35em .4em;text-align:center;vertical-align:middle;font-weight:normal}}
thead th,thead td,th[scope="rowgroup"]{{background:rgba(0,0,0,.045)}}
th.label{{text-align:left}}
td.num{{white-space:nowrap;font-variant-numeric:tabular-nums}}
table.active{{min-width:21rem}}
table.active th.item{{width:36%}}
table.applications{{min-width:38rem}}
table.applications td.note{{font-size:.8125rem;color:#333;text-align:left}}
table.applications th.results{{width:2.2em}}
table.applications th.group{{width:5.2em}}
table.applications td.num{{width:3.2em}}
table.reviews{{min-width:40rem}}
table.reviews th,table.reviews td{{width:6.6667%}}
figure.graphic{{margin:0 0 1.5rem}}
figure.graphic .graphic-wrap{{overflow-x:auto;-webkit-overflow-scrolling:touch}}
figure.graphic svg{{display:block;width:100%;height:auto;min-width:36rem;max-width:40rem;margin:0 auto}}
figure.graphic figcaption{{text-align:center;font-size:.875rem;color:#555}}
@media print{{body{{max-width:none}}.table-wrap{{overflow:visible;background:none}}}}
""".strip()


@dataclass(frozen=True)
class Cell:
    text: str
    header: bool = True
    scope: str = ""  # col, row, colgroup, rowgroup (header cells)
    rows: int = 1
    cols: int = 1
    cls: str = ""

    def html(self) -> str:
        tag = "th" if self.header else "td"
        attrs = ""
        if self.scope:
            attrs += f' scope="{self.scope}"'
        if self.rows > 1:
            attrs += f' rowspan="{self.rows}"'
        if self.cols > 1:
            attrs += f' colspan="{self.cols}"'
        if self.cls:
            attrs += f' class="{self.cls}"'
        return f"<{tag}{attrs}>{escape(self.text)}</{tag}>"


def _num(value: str, cols: int = 1) -> Cell:
    return Cell(value, header=False, cols=cols, cls="num")


Row = list[Cell]
Section = tuple[str, list[Row]]  # ("thead" | "tbody", rows)


def _table(cls: str, caption: str, sections: list[Section], labelled_by: str) -> str:
    out = [f'<div class="table-wrap" role="region" aria-labelledby="{labelled_by}" tabindex="0">',
           f'<table class="{cls}">', f"<caption>{escape(caption)}</caption>"]
    for tag, rows in sections:
        out.append(f"<{tag}>")
        out += ["<tr>" + "".join(cell.html() for cell in row) + "</tr>" for row in rows]
        out.append(f"</{tag}>")
    out += ["</table>", "</div>"]
    return "\n".join(out)


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
    def __init__(self) -> None:
        self.parts: list[str] = []
        self.headings = 0

    def heading(self, tag: str, text: str) -> str:
        self.headings += 1
        ident = f"s{self.headings}"
        self.parts.append(f'<{tag} id="{ident}">{escape(text)}</{tag}>')
        return ident

    def blocks(self, blocks: list[dict[str, str]]) -> None:
        for block in blocks:
            tag = HEADING_TAGS.get(block["kind"])
            if tag:
                self.heading(tag, block["text"])
            elif "head" in block:  # a run-in heading: its head in the heading's font, then the text
                self.parts.append(f'<p><span class="run-in-{block["kind"][1:]}">{escape(block["head"])}</span>'
                                  f"{escape(block['text'])}</p>")
            else:
                self.parts.append(f"<p>{escape(block['text'])}</p>")

    def table(self, heading: str, cls: str, caption: str, sections: list[Section]) -> None:
        self.parts.append(_table(cls, caption, sections, self.heading("h2", heading)))


def _graphic(svg: bytes, title: str) -> str:
    from .graphic import inline_svg

    # On a phone the page scrolls sideways (as the tables do) rather than shrink the text unreadably.
    return (f'<figure class="graphic">\n<div class="graphic-wrap" tabindex="0">\n{inline_svg(svg, "图解：" + title)}'
            f"</div>\n<figcaption>图解：{escape(title)}</figcaption>\n</figure>")


def _indent(chars: float) -> str:
    return f"{chars:g}em"


def _attachment(n: int, item: dict[str, Any]) -> str:
    """An attachment (附件N): its label, title, text, table (with the computed total row) and note."""
    page = _Page()
    page.blocks(item["blocks"])
    out = [f'\n<section class="attachment"><p class="attachment-label">{escape(item["label"])}</p>',
           f'<h2 id="attachment{n}">{escape(item["title"])}</h2>', *page.parts]
    if item["columns"]:
        head = [[Cell(c, scope="col") for c in item["columns"]]]
        body = [[Cell(c, header=False) for c in row] for row in item["rows"]]
        out.append(_table("attachment", item["title"], [("thead", head), ("tbody", body)], f"attachment{n}"))
    if item["note"]:
        out.append(f'<p class="note">{escape(item["note"])}</p>')
    out.append("</section>")
    return "\n".join(out)


def render_html(facts: Facts, graphic: bytes | None = None) -> str:
    """The report as a standalone HTML5 page (a str; write it as UTF-8). `graphic`, the SVG of
    reportgen.publish.graphic, is shown inline under the title (text stays text; nothing is loaded)."""
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
                page.parts.append(f'<p class="note">{escape(notes[key])}</p>')
        page.blocks(context["closing"])
    else:
        raise ValueError(f"no HTML layout for the report format {name!r}")

    title = context["title"]
    # Each line of the Word title stays whole on a wide screen; a phone breaks between them.
    lines = context.get("title_lines") or [title]
    title_html = "".join(f"<span>{escape(line)}</span>" for line in lines) if "".join(lines) == title else escape(title)
    # GB/T 9704 §7.3.5.2: signature and date right-aligned, indented from the right as in Word.
    sig_em = context.get("signature_indent_em", context["signature_indent"])
    date_em = context.get("date_indent_em", context["date_indent"])
    style = f"{STYLE}\np.signature{{padding-right:{_indent(sig_em)}}}\np.date{{padding-right:{_indent(date_em)}}}"
    signing = "\n".join(f'<p class="{cls}">{escape(context[key])}</p>'
                        for cls, key in (("signature", "signature"), ("date", "date")) if context[key])
    listing = "".join(f'<p class="attachment-list">{escape(line)}</p>\n' for line in context.get("attachment_list", []))
    signing = listing + signing + "".join(_attachment(n, item) for n, item in enumerate(context.get("attachments", []), 1))
    return "\n".join([
        "<!DOCTYPE html>",
        '<html lang="zh-CN">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title)}</title>",
        f"<style>\n{style}\n</style>",
        "</head>",
        "<body>",
        "<main>",
        f"<h1>{title_html}</h1>",
        *([_graphic(graphic, title)] if graphic else []),
        *page.parts,
        signing,
        "</main>",
        "</body>",
        "</html>",
        "",
    ])


__all__ = ["render_html"]
