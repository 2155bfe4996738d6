"""The report's text as the facts' sections: the national format's six parts (found by their number
and words, whatever else the office wrote around them), 总体情况's five parts under the office's own
wording (mapped by meaning; a part that is none of them kept as written), 五、 and 六、 with their
（一）（二）, the fee statement; or the narrative format's numbered sections."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from ..model.formats import national_tables as T
from ..model.text import chinese_numeral
from . import structure
from .document import label_key
from .headings import part_key, section_number
from .shape import Shape, escape, paragraphs

if TYPE_CHECKING:
    from .imported import Imported

HEADING_STYLES = tuple(structure.STYLE_PATTERNS)
_LEVEL1 = re.compile(r"^([一二三四五六七八九十]{1,3})、(.+)$")


def national_parts(items: list[Any]) -> tuple[list[Any], dict[int, tuple[str, list[Any]]]]:
    """Items before 一、, and each section found: number → (heading as typed, items under it). A
    section heading is a paragraph numbered 一、 to 六、, after the previous one found, whose words are
    the section's (or which is set as a heading line); text run in after it (六、其他需要报告的事项：无。)
    is the first item under it."""
    found: dict[int, tuple[str, list[Any]]] = {}
    lead: list[Any] = []
    current: list[Any] = lead
    last = 0
    for item in items:
        m = _LEVEL1.match(item) if isinstance(item, str) else None
        n = structure.cn_value(m.group(1)) or 0 if m else 0
        split = _split_heading(n, m.group(2)) if m and last < n <= 6 and n - last <= 3 else None
        if split is None:
            current.append(item)
            continue
        heading, body = split
        current = [body] if body else []
        found[n] = (heading, current)
        last = n
    return lead, found


def _split_heading(n: int, rest: str) -> tuple[str, str] | None:
    """(heading, run-in text) of a paragraph numbered `n`、 when it is section `n`'s heading."""
    for m in re.finditer(r"[。：:]", rest):
        head, body = rest[:m.start()], rest[m.end():].strip()
        if body and section_number(head) == n:
            return head, body
    bare = rest.rstrip("。")
    if section_number(bare) == n or (len(bare) <= 30 and not re.search(r"[。；;，,！？]", bare)):
        return bare, ""
    return None


def _worded_otherwise(heading: str, statutory: str) -> bool:
    """Whether a part's heading differs from the format's: 「政府信息公开工作存在的主要问题及改进情况」 is
    the 条例's own wording (第五十条第（五）项) of 「存在的主要问题及改进情况」, so not a difference."""
    key, want = label_key(heading), label_key(statutory)
    return key != want and key.removeprefix(label_key("政府信息公开工作")) != want


def national_text(texts: list[Any], imp: Imported, shape: Shape) -> tuple[list[Any], dict[int, list[Any]]]:
    """Fill `imp.data`'s preamble, overview, problems and other matters; return the preamble items
    and each section's items (for the tables' notes)."""
    data = imp.data
    lead, found = national_parts(texts)
    for n, (heading, _) in found.items():
        if _worded_otherwise(heading, T.SECTIONS[n - 1]):
            number = chinese_numeral(n)
            imp.warn(f"标题“{number}、{heading}”与统一格式不同：重新生成的报告印作“{number}、{T.SECTIONS[n - 1]}”。",
                     f"标题“{number}、{heading}”与统一格式的“{number}、{T.SECTIONS[n - 1]}”措辞不同。")
    missing = [f"{chinese_numeral(k)}、{T.SECTIONS[k - 1]}" for k in range(1, 7) if k not in found]
    imp.missing_sections = [k for k in range(1, 7) if k not in found]
    if missing:
        imp.warn("没有找到这些部分的标题：" + "、".join(missing) + "。",
                 "没有找到这些部分的标题：" + "、".join(missing) + "（如原报告有这些部分，是没有认出，请对照原报告）。")
    preamble = [t for t in lead if isinstance(t, str)]
    if preamble:
        data["preamble"] = paragraphs(preamble)
    data["overview"] = overview([t for t in found.get(1, ("", []))[1] if isinstance(t, str)], imp, shape)
    data["problems"] = closing_part(found.get(5), shape)
    data["other_matters"] = closing_part(found.get(6), shape)
    return lead, {n: body for n, (_, body) in found.items()}


def closing_part(node: tuple[str, list[Any]] | None, shape: Shape) -> Any:
    """五、 or 六、: its paragraphs, or {paragraphs, subsections} when it has （一）（二）."""
    if node is None:
        return []
    body = [t for t in node[1] if isinstance(t, str)]
    lead, found, style = structure.parts(body, HEADING_STYLES, ("一、",), depth=3)
    if not found:
        return paragraphs(body)
    return {"paragraphs": paragraphs(lead), "subsections": shape.sections(found, 2, style)}


def _lenient_parts(items: list[str]) -> tuple[list[Any], list[structure.Part], str]:
    """（一）主动公开方面，全年……: parts whose heading ends at a comma (which `structure.parts` takes
    for a sentence), when every （N） paragraph in turn opens with a part's words."""
    starts = [i for i, t in enumerate(items) if re.match(r"^（[一二三四五六七八九十]+）", t)]
    numbered = [structure.cn_value(re.match(r"^（([一二三四五六七八九十]+)）", items[i]).group(1)) for i in starts]  # type: ignore[union-attr]
    if len(starts) < 2 or numbered != list(range(1, len(starts) + 1)):
        return list(items), [], ""
    found = []
    for k, i in enumerate(starts):
        rest = items[i][items[i].index("）") + 1:]
        m = re.search(r"[。：:，,]", rest)
        if not m or m.start() > 16 or part_key(rest[:m.start()], []) is None:
            return list(items), [], ""
        head = structure.Head("（一）", k + 1, rest[:m.start()], rest[m.end():])
        end = starts[k + 1] if k + 1 < len(starts) else len(items)
        found.append(structure.Part(head, [head.body] + items[i + 1:end]))
    return items[:starts[0]], found, "（一）"


_POINT_HEAD = re.compile(r"^([一二三四五六七八九十]+)是(.+)$")


def _point_parts(items: list[str]) -> tuple[list[Any], list[structure.Part], str]:
    """一是积极推动主动公开工作。……二是做好依申请公开工作。……: the parts written as 一是, 二是 …
    paragraphs, each run in (its head up to the first 。), when every one in turn opens with a
    part's words (a list of 一是 points about other things stays points)."""
    starts = [i for i, t in enumerate(items) if _POINT_HEAD.match(t)]
    numbered = [structure.cn_value(_POINT_HEAD.match(items[i]).group(1)) for i in starts]  # type: ignore[union-attr]
    if len(starts) < 2 or numbered != list(range(1, len(starts) + 1)):
        return list(items), [], ""
    found, used = [], []
    for k, i in enumerate(starts):
        rest = _POINT_HEAD.match(items[i]).group(2)  # type: ignore[union-attr]
        m = re.search(r"[。：:]", rest)
        if not m or m.start() > 20 or re.search(r"[，,；;]", rest[:m.start()]):
            return list(items), [], ""
        key = part_key(rest[:m.start()], used)
        if key is None:
            return list(items), [], ""
        used.append(key)
        head = structure.Head("一是", k + 1, rest[:m.start()], rest[m.end():])
        end = starts[k + 1] if k + 1 < len(starts) else len(items)
        found.append(structure.Part(head, ([head.body] if head.body else []) + items[i + 1:end]))
    return items[:starts[0]], found, "一是"


def overview(items: list[str], imp: Imported, shape: Shape) -> dict[str, Any]:
    """一、总体情况: its intro and five parts, each under its key whatever its wording (numbered
    （一）…, or written as 一是…二是… paragraphs); a part about another topic is kept, as written,
    in the part before it (or the intro)."""
    lead, found, style = structure.parts(items, HEADING_STYLES, ("一、",), depth=3)
    if not found:
        lead, found, style = _lenient_parts(items)
    if not found:
        lead, found, style = _point_parts(items)
    out: dict[str, Any] = {"intro": paragraphs(lead)}
    expected = dict(T.OVERVIEW_PARTS)
    order = [k for k, _ in T.OVERVIEW_PARTS]
    used: list[str] = []
    last = None
    for node in found:
        heading = node.head.heading
        key = part_key(heading.rstrip("。：:"), used)
        if key is None:
            number = structure.number_text(node.head)
            imp.warn(f"“一、总体情况”下的小标题“{number}{heading}”不是统一格式的五个方面之一，已连同编号并入上一小节的正文。", None)
            texts = [number + heading + ("。" if node.head.body else "") + node.head.body] + \
                node.body[1 if node.head.body else 0:]
            target = out[last] if last else out
            (target["paragraphs"] if last else target["intro"]).extend(paragraphs(texts))
            continue
        if used and order.index(key) < order.index(used[-1]):
            imp.warn(f"“一、总体情况”的小节“{heading}”排在“{expected[used[-1]]}”之后：重新生成的报告按统一格式的顺序排列。",
                     None)
        part: dict[str, Any] = {"paragraphs": paragraphs(node.body)}
        if heading != expected[key]:
            part = {"heading": escape(heading), **part}
        if node.children:
            part["subsections"] = shape.sections(node.children, 3, node.child_style)
        part["_style"] = style
        shape.part(2, part, bool(node.head.body), node.child_style)
        used.append(key)
        out[key] = part
        last = key
    skipped = [f"（{label}）" for k, label in T.OVERVIEW_PARTS if k not in out]
    if found and skipped:
        imp.warn("“一、总体情况”下没有这些小节：" + "、".join(skipped) + "（检查时会提示 PART）。", None)
    if not found:
        imp.warn("“一、总体情况”下没有找到小标题：全部正文放在导语（intro）中，检查时会提示缺少五个方面（PART）。", None)
    return {k: out[k] for k in ["intro", *order] if k in out}


def plain_parts(overview: dict[str, Any]) -> None:
    """A part worded and laid out as the format prints it is just its paragraphs (after
    `Shape.finish`, which may give a part its own `run_in`)."""
    for key, value in overview.items():
        if key != "intro" and isinstance(value, dict) and set(value) == {"paragraphs"}:
            overview[key] = value["paragraphs"]


def narrative(texts: list[Any], imp: Imported) -> None:
    """The narrative format: intro, numbered sections (up to four levels), closing."""
    from .document import Table

    if any(isinstance(t, Table) for t in texts):
        imp.warn("叙述式报告中的表格没有导入（这种格式只有正文）。", None)
    items = [t for t in texts if isinstance(t, str)]
    shape = Shape()
    lead, found, style = structure.parts(items, HEADING_STYLES, depth=4)
    imp.data["intro"] = paragraphs(lead)
    if not found:
        imp.warn("没有找到“一、”开头的标题：全文记作一个部分，请补上标题。", "没有找到“一、”开头的标题。")
        imp.data["sections"] = [{"heading": "（请填写标题）", "paragraphs": []}]
        imp.note("sections", "原报告没有“一、”标题")
    else:
        imp.data["sections"] = shape.sections(found, 1, style)
    imp.data["closing"] = []
    shape.finish(imp.data)


# -- 六、: the fee statement ------------------------------------------------------------------------

def fee(paragraphs: list[Any], data: dict[str, Any], imp: Imported) -> Decimal:
    """The 信息处理费 the report states (model.fee_statement reads the statement as the check does:
    收取……350元, 未收取信息处理费 → 0), looked for in 六、's `paragraphs` and in 总体情况 (`data`'s
    overview). A report that states none keeps its text as written: `fee_sentence: false` is set
    (no sentence is added on rebuild; `processing_fee` 0 is not printed) and 0 returned."""
    from ..model.fee_statement import statements

    texts = [t for p in paragraphs for t in ([p] if isinstance(p, str) else _texts_of(p))]
    texts += [t for part in (data.get("overview") or {}).values() for t in _all_texts(part)]
    for text in texts:
        for statement in statements(text):
            if statement.charged is not None:
                return statement.charged
    data["fee_sentence"] = False
    imp.note("processing_fee", "原报告没有写信息处理费：按 0 填写（不印出）")
    imp.note("fee_sentence", "原报告第六部分没有说明信息处理费：重新生成时照原文，不加这一句")
    imp.warn("“六、其他需要报告的事项”没有写信息处理费：processing_fee 按 0 填写，重新生成的报告照原文不加这一句"
             "（fee_sentence: false）。", None)
    return Decimal(0)


def _texts_of(paragraph: dict[str, Any]) -> list[str]:
    return [t for v in paragraph.values() for t in (v if isinstance(v, list) else [v]) if isinstance(t, str)]


def _all_texts(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [t for item in value for t in _all_texts(item)]
    if isinstance(value, dict):
        return [t for k, v in value.items() if k != "heading" for t in _all_texts(v)]
    return []
