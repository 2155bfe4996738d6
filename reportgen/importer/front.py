"""The title, agency, signature and date of a published report, from whichever place holds them:
the page heading or <title> (the HTML reader puts it first), the first lines (an agency name set
above the title), the signature under the text; a date typed without its year (1月20日) is kept as
the date, its year inferred and marked unsure."""

from __future__ import annotations

import datetime as _dt
import re
from typing import TYPE_CHECKING, Any

from . import structure
from .document import Block, Para

if TYPE_CHECKING:
    from .imported import Imported

META = re.compile(r"^(发布(日期|时间|机构|单位)|来源|信息来源|日期[：:]|浏览|点击|字号|索引号|发文(机关|日期)|主题分类|"
                  r"成文日期|文号|分享|打印|关闭|【|\[|当前位置|您所在的位置|首页)")
# a title: …政府信息公开工作年度报告, …年度信息公开工作报告, 2023年度…政务公开工作报告, …年度报告
REPORT = re.compile(r"信息公开.{0,10}报告|政务公开.{0,10}报告|年度报告|(?:19|20)\d\d\s*年度?.{0,30}工作报告")
_YEARLESS = re.compile(r"^(\d{1,2})\s*月\s*(\d{1,2})\s*日$|^([一二三四五六七八九十]{1,2})月([一二三四五六七八九十]{1,3})日$")
_SELF_NAMES = ("我局", "我委", "我办", "我区", "我县", "我市", "我镇", "我乡", "我街道", "我中心", "我院", "我校", "我厅",
               "我部", "我署", "我所", "本局", "本机关", "本单位", "我单位", "本院", "本中心")
_AGENCY_END = re.compile(r"(人民政府|政府|办公室|办公厅|委员会|局|厅|委|办|署|院|中心|街道办事处|街道|镇|乡|所|站|队|会|馆)$")


def _title_like(b: Block) -> bool:
    return isinstance(b, Para) and bool(REPORT.search(b.text)) and len(b.text) <= 90 and "。" not in b.text \
        and not META.match(b.text)


def title(paras: list[Block], imp: Imported) -> tuple[int, str]:
    """Index of the first block after the title, and the title (its lines joined). Among the first
    40 blocks, a line set as a title (the page heading, centred, larger, bold) is preferred to the
    first line that merely reads like one."""
    found = [i for i, b in enumerate(paras[:40]) if _title_like(b)]
    if not found:
        imp.warn("没有找到报告标题（“……政府信息公开工作年度报告”）：机关名称和年度请核对。",
                 "没有认出报告的标题：机关名称和年度可能读错，请对照原报告。", kind="unsure")
        return 0, ""
    set_as_title = [i for i in found if isinstance(paras[i], Para) and (
        paras[i].style == "Title" or paras[i].align == "center" or paras[i].size >= 18 or paras[i].bold)]
    i = (set_as_title or found)[0]
    b = paras[i]
    assert isinstance(b, Para)
    first, text = i, b.text
    prev = paras[i - 1] if i else None
    if (isinstance(prev, Para) and len(prev.text) <= 40 and "。" not in prev.text and not META.match(prev.text)
            and not structure.parse_date(prev.text) and not _title_like(prev)
            and (prev.align == "center" or prev.style == "Title"
                 or structure.parse_title(prev.text + b.text)[0] and not structure.parse_title(b.text)[0])):
        first, text = i - 1, prev.text + b.text
    nxt = paras[i + 1] if i + 1 < len(paras) else None
    if not text.endswith("报告") and isinstance(nxt, Para) and nxt.text.endswith("报告") and len(nxt.text) <= 40:
        text += nxt.text
        i += 1
    dropped = [x.text for x in paras[:first] if isinstance(x, Para) and "。" in x.text]
    if dropped:
        imp.warn(f"标题之前的 {len(dropped)} 段文字没有导入（网页的栏目、导航等）。", None)
    return i + 1, text


def parse_yearless(text: str) -> tuple[int, int, str] | None:
    """(month, day, style) of a date typed without its year: 1月20日, 一月二十日."""
    m = _YEARLESS.match(text.replace(" ", ""))
    if not m:
        return None
    if m.group(1):
        month, day, style = int(m.group(1)), int(m.group(2)), "arabic"
    else:
        month, day, style = structure.cn_value(m.group(3)) or 0, structure.cn_value(m.group(4)) or 0, "chinese"
    return (month, day, style) if 1 <= month <= 12 and 1 <= day <= 31 else None


def signing(paras: list[Block], start: int, imp: Imported) -> tuple[int, str, Any]:
    """Index of the first block after the body, the signature, and the date: (date, style) as
    typed, ("yearless", month, day, style) for a date without its year, or None. With no date, a
    last line that is a signature (`_signature_alone`) is the signature (a report printed with
    show_date: false), else there is none ("")."""
    for i in range(len(paras) - 1, max(start, len(paras) - 8) - 1, -1):
        b = paras[i]
        if not isinstance(b, Para):
            continue
        date: Any = structure.parse_date(b.text)
        if date is None:
            yearless = parse_yearless(b.text)
            date = ("yearless", *yearless) if yearless else None
        if date is None:
            continue
        after = [x.text for x in paras[i + 1:] if isinstance(x, Para) and "。" in x.text]
        if after:
            imp.warn(f"成文日期之后的 {len(after)} 段文字没有导入。", None)
        prev = paras[i - 1] if i - 1 >= start else None
        if isinstance(prev, Para) and len(prev.text) <= 40 and "。" not in prev.text and not any(
                structure.head_of(prev.text, style) for style in structure.STYLE_PATTERNS):
            return i - 1, prev.text, date
        return i, "", date
    last = paras[-1] if len(paras) > start else None
    if isinstance(last, Para) and _signature_alone(last):  # a signature printed without a date
        return len(paras) - 1, last.text, None
    return len(paras), "", None


def _signature_alone(b: Para) -> bool:
    """Whether the last paragraph, with no date under it, is a signature: a short line with no
    sentence punctuation and no heading's number, set as a signature (right-aligned, a 落款 or
    Signature style) or reading as an agency's name (…局, …人民政府)."""
    text = b.text
    if len(text) > 40 or re.search(r"[。，；：:,;！？]", text) or META.match(text) or any(
            structure.head_of(text, style) for style in structure.STYLE_PATTERNS):
        return False
    style = b.style.lower()
    return b.align == "right" or "落款" in style or "signature" in style or bool(_AGENCY_END.search(text))


def resolve_date(signed: Any, year: int, imp: Imported) -> tuple[_dt.date, str] | None:
    """A yearless date as the date of the year after the report's (the year inferred, marked
    unsure); a full date as it is."""
    if not (isinstance(signed, tuple) and signed and signed[0] == "yearless"):
        return signed
    _, month, day, style = signed
    try:
        date = _dt.date(year + 1, month, day)
    except ValueError:
        return None
    typed = f"{month}月{day}日"
    imp.unsure["signed"] = f"原报告的成文日期只写了“{typed}”，年份按报告年度推断为 {year + 1} 年"
    imp.note("signed", f"原报告的日期没有年份（{typed}），按报告年度推断：请核对")
    imp.warn(f"成文日期“{typed}”没有写年份：按报告年度记作 {date.isoformat()}，请核对。", None)
    return date, style


def guess_year(texts: list[Any], signed: Any, imp: Imported) -> int:
    """The report's year when the title has none: the year before the signing date's, else the year
    the text names most (2023年), else 2000; a note asks the user to check it."""
    if isinstance(signed, tuple) and signed and isinstance(signed[0], _dt.date):
        year = signed[0].year - 1
    else:
        found = [int(m) for t in texts if isinstance(t, str) for m in re.findall(r"((?:19|20)\d\d)年", t)]
        year = max(set(found), key=found.count) if found else 2000
    imp.note("year", "标题里没有年度，按正文和成文日期推断：请核对")
    return year


def agency(name: str, signature: str, texts: list[Any], imp: Imported) -> dict[str, str]:
    """The agency: from the title, else from the signature (a name, not a date or a heading)."""
    joined = "".join(t for t in texts if isinstance(t, str))
    if not name and signature and _AGENCY_END.search(signature):
        name = signature
        imp.note("agency.name", "标题里没有机关名称，取自落款：请核对")
    elif not name:
        name = "（请填写机关全称）"
        imp.note("agency.name", "标题里没有机关名称：请填写")
    counts = {s: joined.count(s) for s in _SELF_NAMES}
    self_name = max(counts, key=lambda s: counts[s]) if any(counts.values()) else "我单位"
    if counts.get(self_name):
        imp.note("agency.self_name", f"按正文中最常见的自称填写（出现 {counts[self_name]} 次）：请核对")
    else:
        imp.note("agency.self_name", "正文里没有找到自称（我局、我办、本机关……），先写作“我单位”：请改为本机关的自称")
    short = name
    m = None
    for m in re.finditer(r"[省市区县州旗镇乡]", name[:-1]):
        pass
    if m is not None and m.end() < len(name):
        short = name[m.start():]
    imp.note("agency.short_name", "正文里的简称是推测的" + ("（正文中出现过）" if short in joined else "（正文中没有出现）")
             + "：请核对")
    return {"name": name, "short_name": short, "self_name": self_name}
