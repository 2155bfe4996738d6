"""What every report format shares: the agency, the signing, and narrative made of sections,
paragraphs and enumerated points, with numbering computed (一、（一）1. and 一是、二是)."""

from __future__ import annotations

import datetime as _dt
from typing import Any

from .. import prose
from ..deadlines import KINDS, infer_kind
from ..schema import Choice, Count, Date, Field, ListOf, MapOf, OneOf, Prose, Record, Text
from ..text import (date_arabic, date_chinese, display_width, fullwidth_punctuation, heading_number, point_prefix,
                    tidy_prose)

MAX_HEADING_LEVEL = 3


def agency_field() -> Record:
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
    return Count("报告年度", "报告所述的年度，例如 2011", minimum=1990, maximum=2100)


def signing_fields(default_date_style: str) -> dict[str, Field]:
    return {
        "signed": Date("成文日期", "报告落款的日期，例如 2012-03-16"),
        "title": Prose("标题", "报告标题；不写时为“{机关全称}{年度}年度政府信息公开工作年度报告”",
                       required=False, max_length=80),
        "signature": Text("落款", "报告末尾的署名；不写时用机关全称", required=False, max_length=60),
        "date_style": Choice("日期写法", {
            "chinese": "汉字，如 二〇一二年三月十六日（GB/T 9704-1999）",
            "arabic": "阿拉伯数字，如 2012年3月16日（GB/T 9704-2012）",
        }, f"落款日期的写法；不写时为 {default_date_style}", required=False, default=default_date_style),
    }


def paragraph_field() -> OneOf:
    point = Prose("要点", "一条要点的文字，不写“一是”，编号自动生成")
    return OneOf("段落", Prose("段落", "一段正文"), {
        "points": Record("分段要点", {
            "points": ListOf("要点", point, "每条要点单独成段，自动加“一是、二是……”", min_items=1),
        }, "每条要点单独成段"),
        "inline_points": Record("段内要点", {
            "lead": Prose("引导语", "要点之前的文字", required=False),
            "inline_points": ListOf("要点", point, "各要点接在同一段内，自动加“一是、二是……”", min_items=1),
            "tail": Prose("结束语", "要点之后的文字", required=False),
        }, "要点接在同一段内"),
    }, "一段正文；或 points:（每条要点单独成段）；或 inline_points:（要点接在同一段内）")


def paragraphs_field(label: str, doc: str, *, required: bool = False) -> ListOf:
    return ListOf(label, paragraph_field(), doc, required=required, default=list, accept_single=True)


def section_field(level: int = 1) -> Record:
    names = {1: "一级标题（一、）", 2: "二级标题（（一））", 3: "三级标题（1.）"}
    fields: dict[str, Field] = {
        "heading": Prose("标题", f"{names[level]}的文字，不写编号，编号自动生成", max_length=60),
        "paragraphs": paragraphs_field("段落", "标题下的正文段落"),
    }
    if level < MAX_HEADING_LEVEL:
        fields["subsections"] = ListOf(
            "下级标题", section_field(level + 1), "本节下的各个小节", required=False, default=list,
        )
    return Record("章节", fields, f"一节：{names[level]}和它的正文")


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
        "counts": MapOf("数量", Record("数量", {
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


def reference_units(data: dict[str, Any]) -> dict[str, str]:
    units = {f"meetings.{key}": "次" for key in (data.get("meetings") or {})}
    for key, count in (data.get("counts") or {}).items():
        units[f"counts.{key}"] = (count or {}).get("unit") or ""
    return units


# -- derive: facts → the blocks a template prints --------------------------------------------------

def text_of(raw: str, values: dict[str, str]) -> str:
    return tidy_prose(prose.expand(raw, values))


def paragraph_blocks(paragraphs: list[Any], values: dict[str, str]) -> list[dict[str, str]]:
    blocks: list[dict[str, str]] = []
    for item in paragraphs:
        if isinstance(item, str):
            blocks.append({"kind": "p", "text": text_of(item, values)})
        elif "points" in item:
            for i, point in enumerate(item["points"], start=1):
                blocks.append({"kind": "p", "text": point_prefix(i) + text_of(point, values)})
        else:
            parts = [text_of(item["lead"], values)] if item.get("lead") else []
            parts += [point_prefix(i) + text_of(p, values) for i, p in enumerate(item["inline_points"], 1)]
            if item.get("tail"):
                parts.append(text_of(item["tail"], values))
            blocks.append({"kind": "p", "text": "".join(parts)})
    return blocks


def section_blocks(sections: list[dict[str, Any]], values: dict[str, str], level: int = 1,
                   first_number: int = 1) -> list[dict[str, str]]:
    blocks: list[dict[str, str]] = []
    for n, section in enumerate(sections, start=first_number):
        blocks.append({"kind": f"h{level}", "text": heading_number(level, n) + text_of(section["heading"], values)})
        blocks += paragraph_blocks(section.get("paragraphs") or [], values)
        blocks += section_blocks(section.get("subsections") or [], values, level + 1)
    return blocks


def default_title(data: dict[str, Any]) -> str:
    return f"{data['agency']['name']}{data['year']}年度政府信息公开工作年度报告"


def title_lines(title: str, max_width: float = 20) -> list[str]:
    """Break a long title where a word ends, shorter line first (a trapezoid), each line at most
    `max_width` characters wide (a 22 pt title fills 20 characters of the 156 mm text block)."""
    if display_width(title) <= max_width:
        return [title]
    for marker in ("年度", "年"):
        cut = title.find(marker)
        if cut > 0:
            head, tail = title[: cut + len(marker)], title[cut + len(marker):]
            if display_width(head) <= max_width and display_width(tail) <= max_width:
                return [head, tail]
    # No natural break fits: cut near the middle.
    half = len(title) // 2
    return [title[:half], title[half:]]


def signing(data: dict[str, Any]) -> dict[str, Any]:
    """Signature and date, with the right indents GB/T 9704 §7.3.5.2 asks of an unsealed document:
    signature 2 characters from the right, the date's first character 2 to the right of the
    signature's; if the date is the longer, the date keeps 2 from the right and the signature moves."""
    signature = data.get("signature") or data["agency"]["name"]
    signed: _dt.date = data["signed"]
    date = date_chinese(signed) if data.get("date_style") == "chinese" else date_arabic(signed)
    ws, wd = display_width(signature), display_width(date)
    if wd <= ws - 2:
        sig_indent, date_indent = 2.0, ws - wd
    else:
        date_indent, sig_indent = 2.0, 4 + wd - ws
    return {"signature": signature, "date": date,
            "signature_indent": sig_indent, "date_indent": date_indent}


def finish(context: dict[str, Any], *, fullwidth: bool) -> dict[str, Any]:
    """The last step of every format's context: half-width punctuation typed between Chinese
    characters is printed in full width, unless the facts' text is to be kept as typed."""
    if not fullwidth:
        return context
    context["title"] = fullwidth_punctuation(context["title"])
    context["title_lines"] = [fullwidth_punctuation(line) for line in context["title_lines"]]
    for key in ("blocks", "overview", "closing"):
        for block in context.get(key, []):
            block["text"] = fullwidth_punctuation(block["text"])
    return context
