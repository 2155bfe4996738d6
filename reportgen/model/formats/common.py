"""What every report format shares: the agency, the signing, and narrative made of sections,
paragraphs and enumerated points, with numbering computed (一、（一）1. and 一是、二是)."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable
from typing import Any

from .. import prose
from ..containers import LabelledRecord, ListOf, MapOf, Record
from ..deadlines import KINDS, infer_kind
from ..document import attachments as _attachments
from ..document import blocks as _blocks
from ..document import fields as _doc
from ..document import figures as _figures
from ..document.title import break_title
from ..locality import layout_field
from ..scalars import Choice, Count, Text
from ..schema import Field
from ..text import date_arabic, date_chinese, display_width, fix_year_zeros, fullwidth_punctuation, heading_number  # noqa: F401

# The document model lives in reportgen.model.document; these names stay here for the formats and
# templates that use them.
text_of = _blocks.text_of
paragraph_blocks = _blocks.paragraph_blocks
paragraph_field = _doc.paragraph_field
paragraphs_field = _doc.paragraphs_field
section_field = _doc.section_field


def agency_field() -> Record:
    """The `agency` field: its full name (title and signature), short name and self-name used in the
    text, and its kind, which decides the legal deadline (条例第四十九条)."""
    return Record("机关", {
        "name": Text("机关全称", "发布报告的机关全称，用于标题和落款，例如：嘉兴市体育局", max_length=60),
        "short_name": Text("机关简称", "正文中对本机关的简称，例如：市体育局", max_length=30),
        "self_name": Text("自称", "正文中本机关的自称，例如：我局", max_length=10),
        "kind": Choice("机关类别", KINDS, "决定法定公布期限（条例第四十九条）；不写时按机关全称判断："
                       "…人民政府为 government，…乡、镇、街道为 township，其余为 department", required=False),
    }, "发布报告的机关")


def agency_kind(data: dict[str, Any]) -> str:
    """The agency's kind (deadlines.KINDS): as written, else inferred from its name and title."""
    agency = data.get("agency") or {}
    title = data.get("title")
    if isinstance(title, (list, tuple)):  # a title given line by line
        title = "".join(str(line) for line in title)
    return agency.get("kind") or infer_kind(str(agency.get("name") or ""), title if isinstance(title, str) else None)


def year_field() -> Count:
    """The `year` field: the year the report is about (1990–2100)."""
    return Count("报告年度", "报告所述的年度，例如 2011", minimum=1990, maximum=2100)


def signing_fields(default_date_style: str) -> dict[str, Field]:
    """The fields of the title and signing block: `signed` (the date), `title`, `signature`,
    `date_style` (chinese or arabic; `default_date_style` when not written) and what to leave out."""
    return {
        "signed": _doc.SigningDate("成文日期", "报告落款的日期，例如 2012-03-16（也可写 二〇一二年三月十六日）；"
                                   "报告不印日期（show_date: false）时可以不写"),
        "title": _doc.TitleField("标题", "报告标题；不写时为“{机关全称}{年度}年度政府信息公开工作年度报告”；"
                                 "写成列表时每项是标题的一行", required=False),
        "signature": Text("落款", "报告末尾的署名；不写时用机关全称", required=False, max_length=60),
        "date_style": Choice("日期写法", {
            "chinese": "汉字，如 二〇一二年三月十六日（GB/T 9704-1999）",
            "arabic": "阿拉伯数字，如 2012年3月16日（GB/T 9704-2012）",
        }, f"落款日期的写法；不写时为 {default_date_style}（日期用汉字写时为 chinese）", required=False),
        **_doc.signing_extra_fields(),
    }


def document_fields() -> dict[str, Field]:
    """The document model's keys every format offers: numbering styles, run-in levels, derived figures."""
    return {
        "numbering": _doc.numbering_field(),
        "run_in": _doc.run_in_field(),
        "bold_headings": _doc.bold_field(),
        "amounts": _figures.amounts_field(),
        "figures": _figures.figures_field(),
        "attachments": _attachments.attachments_field(),
        "layout": layout_field(),
        **_attachments.attachment_option_fields(),
    }


def attachment_parts(data: dict[str, Any], values: dict[str, str]) -> dict[str, Any]:
    """The context of the attachments: the 附件说明 lines under the text (none when
    `show_attachment_list: false`) and each attachment (captioned on one line when
    `attachment_caption: one_line`)."""
    items = _attachments.attachment_context(data.get("attachments") or [], values,
                                            data.get("attachment_caption") == "one_line")
    listed = _attachments.attachment_list(items) if data.get("show_attachment_list") is not False else []
    return {"attachments": items, "attachment_list": listed}


def facts_fields() -> dict[str, Field]:
    """Structured facts that narrative text refers to; each is typed once."""
    return {
        "meetings": MapOf("会议", Record("会议", {
            "name": Text("会议名称", "例如：政务公开专题会议"),
            "count": Count("次数", "全年召开的次数", unit="次"),
        }), "全年召开的会议，正文用 {meetings.名称} 引用次数", required=False, default=dict),
        "documents": ListOf("制度文件", Text("文件标题", "不带书名号，引用时自动加《》"),
                            "本年制定出台的制度文件，正文用 {documents} 引用", required=False, default=list),
        "channels": Record("公开渠道", {
            "website": Record("门户网站", {
                "name": Text("网站名称", "例如：市体育局门户网站"),
                "url": Text("网址", required=False),
                "columns": ListOf("栏目", Text("栏目名称"), "网站上与公开有关的栏目", required=False, default=list),
            }, required=False),
            "media": ListOf("报刊媒体", Text("媒体名称"), "合作的报纸、电视、网络媒体", required=False, default=list),
            "notice_boards": ListOf("公开栏", Text("公开栏名称"), required=False, default=list),
            "hotlines": ListOf("热线电话", Text("热线"), required=False, default=list),
        }, "公开信息的渠道，正文用 {channels.media} 等引用", required=False, default=dict),
        "counts": MapOf("数量", LabelledRecord("数量", {
            "label": Text("说明", "这个数量是什么，例如：门户网站公布信息"),
            "value": Count("数值"),
            "unit": Text("单位", "例如：条、件、次", required=False, default=""),
        }), "其他数量，例如公布信息条数；正文用 {counts.名称} 引用", required=False, default=dict),
    }


def reference_values(data: dict[str, Any]) -> dict[str, str]:
    """Every fact a paragraph may name, as the text it prints."""
    values: dict[str, str] = {}
    agency = data.get("agency") or {}
    for key in ("name", "short_name", "self_name"):
        if agency.get(key):
            values[f"agency.{key}"] = agency[key]
    if data.get("year") is not None:
        values["year"] = str(data["year"])
        values["next_year"] = str(data["year"] + 1)
    for key, meeting in (data.get("meetings") or {}).items():
        if meeting and meeting.get("count") is not None:
            values[f"meetings.{key}"] = str(meeting["count"])
            values[f"meetings.{key}.name"] = meeting.get("name") or ""
    docs = [d for d in data.get("documents") or [] if d]
    if docs:
        values["documents"] = prose.join_titles(docs)
    channels = data.get("channels") or {}
    website = channels.get("website") or {}
    if website.get("name"):
        values["channels.website"] = website["name"]
    if website.get("url"):
        values["channels.website.url"] = website["url"]
    if website.get("columns"):
        values["channels.website.columns"] = prose.join_list([c for c in website["columns"] if c])
    for key in ("media", "notice_boards", "hotlines"):
        items = [c for c in channels.get(key) or [] if c]
        if items:
            values[f"channels.{key}"] = prose.join_list(items)
    for key, count in (data.get("counts") or {}).items():
        if count and count.get("value") is not None:
            values[f"counts.{key}"] = str(count["value"])
    return values


def with_figures(data: dict[str, Any], values: dict[str, str]) -> dict[str, str]:
    """`values`, the amounts ({amounts.NAME}, as typed) and the figures derived from them ({figures.NAME})."""
    values.update(_figures.amount_values(data))
    values.update(_figures.figure_values(data, values))
    return values


def reference_units(data: dict[str, Any]) -> dict[str, str]:
    """The unit of each count and meeting a text can name (次 for meetings, a count's own unit) and
    of each derived figure, by name."""
    units = {f"meetings.{key}": "次" for key in (data.get("meetings") or {})}
    for key, count in (data.get("counts") or {}).items():
        units[f"counts.{key}"] = (count or {}).get("unit") or ""
    units.update(_figures.figure_units(data))
    return units


# -- derive: facts → the blocks a template prints --------------------------------------------------

def section_blocks(sections: list[dict[str, Any]], values: dict[str, str], level: int = 1,
                   first_number: int = 1, style: _blocks.Style | None = None) -> list[dict[str, str]]:
    """The blocks of `sections` (see reportgen.model.document.blocks.section_blocks)."""
    return _blocks.section_blocks(sections, values, level, first_number, style)


def default_title(data: dict[str, Any]) -> str:
    """The title when the facts give none: {机关全称}{年度}年度政府信息公开工作年度报告."""
    return f"{data['agency']['name']}{data['year']}年度政府信息公开工作年度报告"


def title_lines(title: str, max_width: float = 20) -> list[str]:
    """Break a long title where a word ends, as GB/T 9704 asks (see reportgen.model.document.title)."""
    return break_title(title, max_width)


def title_of(data: dict[str, Any], values: dict[str, str]) -> tuple[str, list[str]]:
    """The title and its lines: the clerk's lines when `title` is a list, else broken by rule."""
    given = data.get("title")
    if isinstance(given, list):
        lines = [text_of(line, values) for line in given]
        return "".join(lines), lines
    title = text_of(given, values) if given else default_title(data)
    return title, title_lines(title)


# How wide a line of the signing block prints, in characters of 16 pt (3号): each character is
# condensed by 0.3 pt (layout.CONDENSE_TWENTIETHS), half-width ones are half as wide, and where
# Chinese characters meet Arabic digits both LibreOffice and Word (autospace) put a fifth of a
# character (3.2 pt, measured in the PDF): 2026年1月20日 is 6.5 characters of text, 7.7 printed.
_CJK_PT, _HALF_PT, _AUTOSPACE_PT, _CHAR_PT = 15.7, 7.7, 3.2, 16.0


def printed_width(text: str) -> float:
    """How wide `text` prints in the signing block, in characters of 16 pt (3号): condensed CJK
    characters, half-width ones, and the autospace where Chinese meets Arabic digits."""
    width, previous = 0.0, None
    for ch in text:
        wide = display_width(ch) == 1
        width += _CJK_PT if wide else _HALF_PT
        if previous is not None and wide != previous and (ch.isalnum() or not wide):
            width += _AUTOSPACE_PT
        previous = wide
    return width / _CHAR_PT


def signing_date(data: dict[str, Any], default_style: str = "arabic") -> str:
    """The date as printed: in Chinese numerals or Arabic digits (`date_style`, else as typed, else
    `default_style`), without its year when `show_date_year: false` (三月二十五日, 3月25日); "" when
    `show_date: false` or no date is given."""
    signed: _dt.date | None = data.get("signed")
    if signed is None or data.get("show_date") is False:
        return ""
    style = data.get("date_style") or ("chinese" if isinstance(signed, _doc.TypedChineseDate) else default_style)
    date = date_chinese(signed) if style == "chinese" else date_arabic(signed)
    if data.get("show_date_year") is False:
        date = date.split("年", 1)[1]
    return date


# A date printed with no signature above it: GB/T 9704-2012 §7.3.5.1 and §7.3.5.3 place a date
# that no signature line stands over 右空四字; like the signature it replaces (§7.3.5.2), it is set
# one blank line below the text. In twips: one line of the 22-line grid (layout.LINE_PITCH_TWIPS).
ALONE_DATE_INDENT = 4.0
BLANK_LINE_TWIPS = 579


def signing(data: dict[str, Any], default_style: str = "arabic") -> dict[str, Any]:
    """Signature and date, with the right indents GB/T 9704 §7.3.5.2 asks of an unsealed document:
    signature 2 characters from the right, the date's first character 2 to the right of the
    signature's; if the date is the longer, the date keeps 2 from the right and the signature moves.
    A date with no signature is set 4 characters from the right, one blank line below the text
    (`date_before_twips`; 0 when the signature above it has that line)."""
    signature = data.get("signature") or data["agency"]["name"]
    date = signing_date(data, default_style)
    if data.get("show_signature") is False:
        signature = ""
    sig_indent, date_indent = (round(x, 3) for x in _indents(printed_width(signature), printed_width(date),
                                                             bool(signature and date)))
    # On a web page characters are not condensed and no space is put between characters and digits.
    sig_em, date_em = _indents(display_width(signature), display_width(date), bool(signature and date))
    if date and not signature:
        date_indent = date_em = ALONE_DATE_INDENT
    return {"signature": signature, "date": date, "signature_indent": sig_indent,
            "date_before_twips": BLANK_LINE_TWIPS if date and not signature else 0,
            "date_indent": date_indent, "signature_indent_em": sig_em, "date_indent_em": date_em,
            # the same indents as Word attributes: hundredths of a character, and twips of 16 pt characters
            "signature_right_chars": round(sig_indent * 100), "signature_right_twips": round(sig_indent * 16 * 20),
            "date_right_chars": round(date_indent * 100), "date_right_twips": round(date_indent * 16 * 20)}


def _indents(ws: float, wd: float, both: bool) -> tuple[float, float]:
    """Right indents (characters) of signature and date, from their widths."""
    if not both:  # one line alone: 2 characters from the right margin
        return 2.0, 2.0
    if wd <= ws - 2:
        return 2.0, ws - wd
    return 4 + wd - ws, 2.0


def keep_with_signing(context: dict[str, Any]) -> None:
    """The text's last paragraph becomes kind "pk", kept on one page with what follows it: the
    附件：list (its style keeps with the next too), the signature and the date (GB/T 9704: no page
    holds only the signature and date). Not when nothing is signed."""
    if not (context.get("signature") or context.get("date")):
        return
    text = context.get("closing") or context.get("blocks") or []
    if text and text[-1]["kind"] == "p":
        text[-1]["kind"] = "pk"


def finish(context: dict[str, Any], *, fullwidth: bool) -> dict[str, Any]:
    """The last step of every format's context: the last paragraph kept with the signature; a year
    in Chinese numerals typed with ○ or 零 printed with 〇 (the YEARZERO check says where); and
    half-width punctuation typed between Chinese characters printed in full width, unless the
    facts' text is to be kept as typed."""
    keep_with_signing(context)
    each_text(context, fix_year_zeros)
    if fullwidth:
        each_text(context, fullwidth_punctuation)
    return context


def each_text(context: dict[str, Any], change: Callable[[str], str]) -> None:
    """Apply `change` to every text of the context the facts' prose prints in: the title and its
    lines, the 附件说明 lines, the attachments' titles, captions, notes and cells, every block."""
    context["title"] = change(context["title"])
    context["title_lines"] = [change(line) for line in context["title_lines"]]
    context["attachment_list"] = [change(line) for line in context.get("attachment_list", [])]
    for item in context.get("attachments", []):
        for key in ("title", "note"):
            item[key] = change(item[key])
        item["title_lines"] = [change(line) for line in item.get("title_lines", [])]
        item["caption"] = change(item.get("caption", ""))
        item["columns"] = [change(c) for c in item["columns"]]
        item["rows"] = [[change(c) for c in row] for row in item["rows"]]
    blocks = [b for key in ("blocks", "overview", "closing") for b in context.get(key, [])]
    blocks += [b for item in context.get("attachments", []) for b in item["blocks"]]
    for block in blocks:
        block["text"] = change(block["text"])
        if "head" in block:
            block["head"] = change(block["head"])
