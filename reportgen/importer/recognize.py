"""A published report → facts in the shape of a facts file, with a note on every unsure value.

`import_document(path)` reads the file (see `read_document`), finds the title, agency, year,
signature and date (`structure`), tells the format (national 2021 — its 2019 trial tables named
as such — or the narrative reports of the 2008 条例), and turns the text back into sections,
paragraphs and points and the tables into counts (`statutory`). What the facts cannot say yet (a
preamble before 一、, text between a table and its heading, a heading worded otherwise than the
format prints it) is said in a warning and, where it is kept, in a comment."""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from ..model.formats import national_tables as T
from ..model.text import chinese_numeral
from . import statutory, structure
from .document import Block, Para, Table, clean, label_key
from .read_docx import ReadError

__all__ = ["Imported", "ReadError", "import_document", "read_document"]


@dataclass
class Imported:
    """What an import found. `data` is in the shape (and key order) of a facts file; `notes` maps
    a dotted path to a comment for the value there (key "" for the file's head)."""

    source: Path
    data: dict[str, Any]
    notes: dict[str, list[str]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    layout: str = ""  # the format as found: 全国统一格式（2021）, 2019 年试行格式, 叙述式
    date_known: bool = True

    def note(self, path: str, text: str) -> None:
        self.notes.setdefault(path, []).append(text)


def read_document(path: Path) -> list[Block]:
    """The blocks of a .docx, .html/.htm, .pdf, or .doc/.wps (converted to .docx by LibreOffice
    first, see reportgen.pdf.convert_files). Raises ReadError with a Chinese message."""
    suffix = path.suffix.lower()
    if not path.is_file():
        raise ReadError("找不到这个文件。")
    if suffix == ".docx":
        from .read_docx import read_docx

        return read_docx(path)
    if suffix in (".html", ".htm"):
        from .read_html import read_html

        return read_html(path)
    if suffix == ".pdf":
        from .read_pdf import read_pdf

        return read_pdf(path)
    if suffix in (".doc", ".wps"):
        from ..publish.libreoffice import PdfError, convert_files
        from .read_docx import read_docx

        with tempfile.TemporaryDirectory(prefix="reportgen-import-") as tmp:
            try:
                out = convert_files([path], Path(tmp), "docx:MS Word 2007 XML", timeout=120)[0]
            except PdfError as exc:
                raise ReadError(f"用 LibreOffice 把 {suffix} 转换为 .docx 失败：{exc}") from exc
            return read_docx(out)
    raise ReadError(f"不认识的文件类型 {suffix or '（无扩展名）'}：可以导入 .docx、.doc、.wps、.html、.pdf。")


_META = re.compile(r"^(发布(日期|时间|机构|单位)|来源|信息来源|日期[：:]|浏览|点击|字号|索引号|发文(机关|日期)|主题分类|"
                   r"成文日期|文号|分享|打印|关闭|【|\[|当前位置|您所在的位置|首页)")
_REPORT = re.compile(r"政府信息公开.{0,8}报告|年度报告")
_SELF_NAMES = ("我局", "我委", "我办", "我区", "我县", "我市", "我镇", "我乡", "我街道", "我中心", "我院", "我校", "我厅",
               "我部", "我署", "我所", "本局", "本机关", "本单位", "我单位", "本院", "本中心")


def _escape(text: str) -> str:
    """Report text as a facts file holds it: braces doubled, as they are not references."""
    return text.replace("{", "{{").replace("}", "}}")


def import_document(path: str | Path) -> Imported:
    path = Path(path)
    blocks = read_document(path)
    imp = Imported(path, {})
    # a line break typed inside a paragraph (Shift+Enter, a title set on two lines) is no space in Chinese
    paras = [b if isinstance(b, Table) else Para(clean(b.text.replace("\n", "")), b.align, b.style, b.bold) for b in blocks]
    paras = [b for b in paras if isinstance(b, Table) or b.text]
    start, title = _title(paras, imp)
    paras, attachments = _attachments(paras, start)
    end, signature, signed = _signing(paras, start, imp)
    body = paras[start:end]
    if attachments:  # the 附件：1.…… list under the text is printed from the attachments
        body = _without_attachment_list(body)
    while body and isinstance(body[0], Para) and _META.match(body[0].text):
        body.pop(0)
    agency, year, default_title = structure.parse_title(title)
    texts = [b.text if isinstance(b, Para) else b for b in body]
    if year is None:
        year = _guess_year(texts, signed, imp)
    tables = [b for b in body if isinstance(b, Table) and statutory.kind(b)]
    national = bool(tables)
    data = imp.data
    data["format"] = "national-2021" if national else "narrative-2011"
    data["agency"] = _agency(agency, texts, imp)
    data["year"] = year
    if signed is None:
        import datetime as _dt

        imp.date_known = False
        data["signed"] = _dt.date(year + 1, 1, 20)
        data["show_date"] = False
        imp.note("signed", "报告没有成文日期，暂填次年1月20日（不印出）：请改为实际日期")
        imp.warnings.append("报告末尾没有找到成文日期：事实文件里暂填了一个日期（show_date: false，不印出），请改正。")
        style = "arabic"
    else:
        data["signed"], style = signed
    default_style = "arabic" if national else "chinese"
    if title and not default_title:
        data["title"] = _escape(title)
    if signature and signature != data["agency"]["name"]:
        data["signature"] = signature
    if not signature:
        data["show_signature"] = False
        imp.note("show_signature", "原报告没有落款，不印落款")
    if style != default_style:
        data["date_style"] = style
    if national:
        _national(texts, tables, imp)
    else:
        _narrative(texts, imp)
    if attachments:
        imp.data["attachments"] = attachments
    return imp


_ATTACHMENT = re.compile(r"^附件\s*(\d*)\s*[:：]?$")
_ATTACHMENT_LIST = re.compile(r"^附件\s*[:：]")


def _attachments(paras: list[Block], start: int) -> tuple[list[Block], list[dict[str, Any]]]:
    """The 附件 after the date (附件1, its title, paragraphs, a table, a 注： line), taken off the
    blocks; each as a facts file's attachment. A table's last row that sums its columns under a
    label (合计) is its `total`, computed again."""
    first = next((i for i in range(start + 1, len(paras)) if isinstance(paras[i], Para)
                  and _ATTACHMENT.match(paras[i].text) and isinstance(paras[i - 1], Para)
                  and structure.parse_date(paras[i - 1].text)), None)
    if first is None:
        return paras, []
    found: list[dict[str, Any]] = []
    for b in paras[first:]:
        if isinstance(b, Para) and _ATTACHMENT.match(b.text):
            found.append({"title": None, "paragraphs": []})
        elif isinstance(b, Para) and found[-1]["title"] is None:
            found[-1]["title"] = _escape(b.text)
        elif isinstance(b, Table) and "table" not in found[-1]:
            found[-1]["table"] = _attachment_table(b)
        elif isinstance(b, Para) and "table" in found[-1] and b.text.startswith("注") and "note" not in found[-1]:
            found[-1]["note"] = _escape(b.text)
        elif isinstance(b, Para):
            found[-1]["paragraphs"].append(b.text)
    out = []
    for item in found:
        item["paragraphs"] = _paragraphs(item["paragraphs"])
        if not item["paragraphs"]:
            del item["paragraphs"]
        if item["title"] is None:
            item["title"] = "（请填写附件标题）"
        out.append(item)
    return paras[:first], out


def _attachment_table(table: Table) -> dict[str, Any]:
    from .document import number_text

    grid = [[c.text.strip() for c in statutory.distinct_cells(row)] for row in table.rows]
    columns, rows = grid[0], grid[1:]
    out: dict[str, Any] = {"columns": [_escape(c) for c in columns], "rows": [[_escape(c) for c in r] for r in rows]}
    if len(rows) >= 2:
        last, above = rows[-1], rows[:-1]
        sums_ok = True
        for col in range(1, len(columns)):
            cells = [r[col] for r in above if col < len(r)]
            numbers = [number_text(c) for c in cells]
            if cells and all(n not in (None, "") for n in numbers):
                total = sum(Decimal(n) for n in numbers if n)
                sums_ok = sums_ok and col < len(last) and number_text(last[col]) not in (None, "") \
                    and Decimal(number_text(last[col]) or "0") == total
            elif col < len(last) and last[col]:
                sums_ok = False
        if sums_ok and number_text(last[0]) is None and last[0]:
            out["rows"] = out["rows"][:-1]
            out["total"] = _escape(last[0])
    return out


def _without_attachment_list(body: list[Block]) -> list[Block]:
    """The body without its closing 附件：1.…… 2.…… lines."""
    for i in range(len(body) - 1, -1, -1):
        b = body[i]
        if isinstance(b, Para) and _ATTACHMENT_LIST.match(b.text):
            rest = body[i + 1:]
            if all(isinstance(x, Para) and re.match(r"^\d+[.．、]", x.text) for x in rest):
                return body[:i]
    return body


def _title(paras: list[Block], imp: Imported) -> tuple[int, str]:
    """Index of the first block after the title, and the title (lines joined)."""
    for i, b in enumerate(paras[:40]):
        if isinstance(b, Para) and _REPORT.search(b.text) and len(b.text) <= 90 and "。" not in b.text:
            first, title = i, b.text
            prev = paras[i - 1] if i else None
            if (isinstance(prev, Para) and len(prev.text) <= 40 and "。" not in prev.text and not _META.match(prev.text)
                    and not structure.parse_date(prev.text)
                    and (prev.align == "center" or prev.style == "Title"
                         or structure.parse_title(prev.text + b.text)[0] and not structure.parse_title(b.text)[0])):
                first, title = i - 1, prev.text + b.text
            nxt = paras[i + 1] if i + 1 < len(paras) else None
            if (not title.endswith("报告") and isinstance(nxt, Para) and nxt.text.endswith("报告")
                    and len(nxt.text) <= 40):
                title += nxt.text
                i += 1
            dropped = [b.text for b in paras[:first] if isinstance(b, Para) and "。" in b.text]
            if dropped:
                imp.warnings.append(f"标题之前的 {len(dropped)} 段文字没有导入（网页的栏目、导航等）。")
            return i + 1, title
    imp.warnings.append("没有找到报告标题（“……政府信息公开工作年度报告”）：机关名称和年度请核对。")
    return 0, ""


def _signing(paras: list[Block], start: int, imp: Imported) -> tuple[int, str, tuple[Any, str] | None]:
    """Index of the first block after the body, the signature and the (date, style)."""
    for i in range(len(paras) - 1, max(start, len(paras) - 8) - 1, -1):
        b = paras[i]
        if not isinstance(b, Para):
            continue
        date = structure.parse_date(b.text)
        if date is None:
            continue
        after = [x.text for x in paras[i + 1:] if isinstance(x, Para) and "。" in x.text]
        if after:
            imp.warnings.append(f"成文日期之后的 {len(after)} 段文字没有导入。")
        prev = paras[i - 1] if i - 1 >= start else None
        if isinstance(prev, Para) and len(prev.text) <= 40 and "。" not in prev.text and not any(
                structure.head_of(prev.text, style) for style in structure.STYLE_PATTERNS):
            return i - 1, prev.text, date
        return i, "", date
    return len(paras), "", None


def _guess_year(texts: list[Any], signed: tuple[Any, str] | None, imp: Imported) -> int:
    if signed is not None:
        year = signed[0].year - 1
    else:
        found = [int(m) for t in texts if isinstance(t, str) for m in re.findall(r"((?:19|20)\d\d)年", t)]
        year = max(set(found), key=found.count) if found else 2000
    imp.note("year", "标题里没有年度，按正文和成文日期推断：请核对")
    return year


def _agency(name: str, texts: list[Any], imp: Imported) -> dict[str, str]:
    joined = "".join(t for t in texts if isinstance(t, str))
    if not name:
        name = "（请填写机关全称）"
        imp.note("agency.name", "标题里没有机关名称：请填写")
    counts = {s: joined.count(s) for s in _SELF_NAMES}
    self_name = max(counts, key=lambda s: counts[s]) if any(counts.values()) else "我单位"
    imp.note("agency.self_name", f"按正文中最常见的自称填写（出现 {counts.get(self_name, 0)} 次）：请核对")
    short = name
    m = None
    for m in re.finditer(r"[省市区县州旗镇乡]", name[:-1]):
        pass
    if m is not None and m.end() < len(name):
        short = name[m.start():]
    imp.note("agency.short_name", "正文里的简称是推测的" + ("（正文中出现过）" if short in joined else "（正文中没有出现）")
             + "：请核对")
    return {"name": name, "short_name": short, "self_name": self_name}


# -- the narrative format ---------------------------------------------------------------------------

def _narrative(texts: list[Any], imp: Imported) -> None:
    if any(isinstance(t, Table) for t in texts):
        imp.warnings.append("叙述式报告中的表格没有导入（这种格式只有正文）。")
    items = [t for t in texts if isinstance(t, str)]
    shape = _Shape()
    lead, found, style = structure.parts(items, _HEADING_STYLES, depth=4)
    imp.data["intro"] = [_escape_paragraph(p) for p in structure.paragraphs(lead)]
    if not found:
        imp.warnings.append("没有找到“一、”开头的标题：全文记作一个部分，请补上标题。")
        imp.data["sections"] = [{"heading": "（请填写标题）", "paragraphs": []}]
        imp.note("sections", "原报告没有“一、”标题")
    else:
        imp.data["sections"] = shape.sections(found, 1, style)
    imp.data["closing"] = []
    shape.finish(imp.data)


_HEADING_STYLES = tuple(structure.STYLE_PATTERNS)


class _Shape:
    """Collects how each level is numbered and whether its headings are run in, then writes the
    document's `numbering:` and `run_in:` and, where a part differs, the part's own."""

    def __init__(self, first_level: int = 1) -> None:
        self.styles: dict[int, list[str]] = {}
        self.run_in: dict[int, list[bool]] = {}
        self.first_level = first_level
        self.nodes: list[tuple[int, dict[str, Any], bool, str]] = []  # (level, section, run in, child style)

    def sections(self, found: list[structure.Part], level: int, style: str) -> list[dict[str, Any]]:
        self.styles.setdefault(level, []).append(style)
        out = []
        for part in found:
            run_in = bool(part.head.body)
            self.run_in.setdefault(level, []).append(run_in)
            section: dict[str, Any] = {"heading": _escape(part.head.heading),
                                       "paragraphs": _paragraphs(part.body)}
            if part.children:
                section["subsections"] = self.sections(part.children, level + 1, part.child_style)
            self.nodes.append((level, section, run_in, part.child_style))
            out.append(section)
        return out

    def part(self, level: int, section: dict[str, Any], run_in: bool, child_style: str) -> None:
        """An overview part (level 2) found and filled by the caller."""
        self.styles.setdefault(level, []).append(section.pop("_style"))
        self.run_in.setdefault(level, []).append(run_in)
        self.nodes.append((level, section, run_in, child_style))

    def finish(self, data: dict[str, Any]) -> None:
        from ..model.document.numbering import DEFAULT_HEADINGS

        numbering: dict[str, str] = {}
        chosen: dict[int, str] = {}
        for level, styles in sorted(self.styles.items()):
            style = max(set(styles), key=styles.count)
            chosen[level] = style
            if style != DEFAULT_HEADINGS.get(level):
                numbering[f"level{level}"] = style
        run_in = sorted(level for level, flags in self.run_in.items() if flags and all(flags))
        for level, section, flag, child_style in self.nodes:
            if flag != (level in run_in):
                section["run_in"] = flag
            if child_style and child_style != chosen.get(level + 1):
                section["numbering"] = {f"level{level + 1}": child_style}
        if numbering:
            data["numbering"] = numbering
        if run_in:
            data["run_in"] = run_in


def _paragraphs(items: list[Any]) -> list[Any]:
    return [_escape_paragraph(p) for p in structure.paragraphs([t for t in items if isinstance(t, str)])]


def _escape_paragraph(p: Any) -> Any:
    if isinstance(p, str):
        return _escape(p)
    return {k: ([_escape(x) for x in v] if isinstance(v, list) else _escape(v)) for k, v in p.items()}


# -- the national format ---------------------------------------------------------------------------

_PART_WORDS = {"active": ("主动公开",), "requests": ("依申请",), "management": ("管理",),
               "platforms": ("平台",), "oversight": ("监督", "保障", "考核")}


def _national(texts: list[Any], tables: list[Table], imp: Imported) -> None:
    data = imp.data
    lead, sections, _ = structure.parts(texts, ("一、",), depth=1, whole_line=True)
    by_number = {n.head.number: n for n in sections}
    for n in sections:
        if n.head.number <= 6 and label_key(n.head.heading) != label_key(T.SECTIONS[n.head.number - 1]):
            imp.warnings.append(f"标题“{chinese_numeral(n.head.number)}、{n.head.heading}”与统一格式不同：重新生成的报告印作"
                                f"“{chinese_numeral(n.head.number)}、{T.SECTIONS[n.head.number - 1]}”。")
    missing = [f"{chinese_numeral(k)}、{T.SECTIONS[k - 1]}" for k in range(1, 7) if k not in by_number]
    if missing:
        imp.warnings.append("没有找到这些部分的标题：" + "、".join(missing) + "。")
    shape = _Shape(2)
    preamble = [t for t in lead if isinstance(t, str)]
    if preamble:
        data["preamble"] = _paragraphs(preamble)
    overview = by_number.get(1)
    data["overview"] = _overview(overview.body if overview else [], imp, shape)
    read = _tables(tables, imp)
    notes: dict[str, str] = {}
    for k, key in ((2, "active_disclosure"), (3, "applications"), (4, "review_litigation")):
        node = by_number.get(k)
        body = node.body if node else []
        after_table = [t for i, t in enumerate(body) if isinstance(t, str) and i and isinstance(body[i - 1], Table)]
        if after_table and after_table[0].startswith("注"):
            notes[key] = _escape(after_table[0])
        dropped = [t for t in body if isinstance(t, str) and t != (after_table[0] if after_table and key in notes else None)]
        if dropped:
            imp.warnings.append(f"“{chinese_numeral(k)}、{T.SECTIONS[k - 1]}”标题下表格以外的 {len(dropped)} 段文字没有导入：" +
                                "；".join(d[:30] for d in dropped) + "。")
    data["problems"] = _closing_part(by_number.get(5), shape)
    others = _closing_part(by_number.get(6), shape)
    data["active_disclosure"] = read["active"]
    data["applications"] = read["applications"]
    data["review_litigation"] = read["reviews"]
    if isinstance(others, dict):
        others["paragraphs"], data["processing_fee"] = _fee(others.get("paragraphs", []), data, imp)
        data["other_matters"] = others
    else:
        data["other_matters"], data["processing_fee"] = _fee(others, data, imp)
    if notes:
        data["table_notes"] = notes
    shape.finish(data)
    _plain_parts(data["overview"])
    # the file's order: overview, tables, problems, other matters, fee
    order = ["format", "agency", "year", "signed", "title", "signature", "date_style", "show_signature", "show_date",
             "numbering", "run_in", "preamble", "overview", "active_disclosure", "applications", "review_litigation",
             "table_notes", "problems", "other_matters", "processing_fee", "attachments"]
    imp.data = {k: data[k] for k in order if k in data}


def _closing_part(node: structure.Part | None, shape: _Shape) -> Any:
    """五、 or 六、: its paragraphs, or {paragraphs, subsections} when it has （一）（二）."""
    if node is None:
        return []
    lead, found, style = structure.parts(node.body, _HEADING_STYLES, ("一、",), depth=3)
    if not found:
        return _paragraphs(node.body)
    return {"paragraphs": _paragraphs(lead), "subsections": shape.sections(found, 2, style)}


def _overview(items: list[Any], imp: Imported, shape: _Shape) -> dict[str, Any]:
    lead, found, style = structure.parts([t for t in items if isinstance(t, str)], _HEADING_STYLES, ("一、",), depth=3)
    out: dict[str, Any] = {"intro": _paragraphs(lead)}
    expected = dict(T.OVERVIEW_PARTS)
    order = [k for k, _ in T.OVERVIEW_PARTS]
    used: list[str] = []
    last = None
    for node in found:
        heading = node.head.heading
        bare = heading.rstrip("。：:")
        key = next((k for k, words in _PART_WORDS.items()
                    if k not in used and any(w in bare for w in words)
                    and (not used or order.index(k) > order.index(used[-1]))), None)
        if key is None:
            imp.warnings.append(f"“一、总体情况”下的小标题“{structure.number_text(node.head)}{heading}”不是统一格式的五个方面之一，"
                                "已并入上一小节的正文。")
            target = out[last] if last else out
            texts = [structure.number_text(node.head) + heading + node.head.body] + node.body[1 if node.head.body else 0:]
            (target["paragraphs"] if last else target["intro"]).extend(_paragraphs(texts))
            continue
        part: dict[str, Any] = {"paragraphs": _paragraphs(node.body)}
        if heading != expected[key]:
            part = {"heading": _escape(heading), **part}
        if node.children:
            part["subsections"] = shape.sections(node.children, 3, node.child_style)
        part["_style"] = style
        shape.part(2, part, bool(node.head.body), node.child_style)
        used.append(key)
        out[key] = part
        last = key
    skipped = [f"（{label}）" for k, label in T.OVERVIEW_PARTS if k not in out]
    if found and skipped:
        imp.warnings.append("“一、总体情况”下没有这些小节：" + "、".join(skipped) + "（检查时会提示 PART）。")
    if not found:
        imp.warnings.append("“一、总体情况”下没有找到小标题：全部正文放在导语（intro）中，检查时会提示缺少五个方面（PART）。")
    return out


def _plain_parts(overview: dict[str, Any]) -> None:
    """A part worded and laid out as the format prints it is just its paragraphs (after `_Shape.finish`,
    which may give a part its own `run_in`)."""
    for key, value in overview.items():
        if key != "intro" and isinstance(value, dict) and set(value) == {"paragraphs"}:
            overview[key] = value["paragraphs"]


def _tables(tables: list[Table], imp: Imported) -> dict[str, Any]:
    found: dict[str, statutory.Read] = {}
    readers = {"active": statutory.read_active, "applications": statutory.read_applications,
               "reviews": statutory.read_reviews}
    prefix = {"active": "active_disclosure", "applications": "applications", "reviews": "review_litigation"}
    parts: dict[str, Table] = {}
    for table in tables:  # a table typed as several (one per block, or cut in two) is read as one
        k = statutory.kind(table) or ""
        if k in parts:
            width = max(len(parts[k].rows[0]), len(table.rows[0]))
            parts[k] = Table([[r[0]] * (width - len(r)) + r for r in parts[k].rows + table.rows])
        else:
            parts[k] = table
    for k, table in parts.items():
        found[k] = readers[k](table)
    out: dict[str, Any] = {}
    trial = False
    for k, reader in readers.items():
        if k not in found:
            imp.warnings.append(f"没有找到“{_TABLE_NAMES[k]}”表：各项按 0 填写，请补上。")
            found[k] = reader(Table([]))
            imp.note(prefix[k], "原报告没有这张表，按 0 填写")
        r = found[k]
        trial = trial or r.trial_2019
        if r.blanks and k in {t for t in map(statutory.kind, tables)}:
            imp.warnings.append(f"表“{_TABLE_NAMES[k]}”有 {r.blanks} 个格子是空白（或“/”）而不是 0：已按 0 读取。"
                                "统一格式要求没有的填 0，空白会被误读为漏填。")
        imp.warnings += r.warnings
        for path, text in r.notes.items():
            imp.note(path, text)
        out[k] = r.data
    out["applications"] = _app_facts(out["applications"], imp)
    out["reviews"] = _review_facts(out["reviews"])
    imp.layout = "2019 年试行格式（国办公开办函〔2019〕60号）" if trial else "全国统一格式（国办公开办函〔2021〕30号）"
    return out


_TABLE_NAMES = {"active": "二、" + T.SECTIONS[1], "applications": "三、" + T.SECTIONS[2], "reviews": "四、" + T.SECTIONS[3]}


def _app_facts(apps: dict[str, Any], imp: Imported) -> dict[str, Any]:
    """Rows of six counts; a typed 总计 is kept (as a seventh number) only where it does not equal
    the sum, so `check` reports it; a typed （七）总计 row likewise."""
    def row(cells: list[Any]) -> list[int]:
        six, total = cells[:6], cells[6] if len(cells) > 6 else None
        return six + [total] if total is not None and total != sum(six) else six

    out: dict[str, Any] = {}
    sums = [0] * 6
    for key, value in apps.items():
        if key == T.RESULTS_TOTAL.key:
            continue
        if isinstance(value, dict):
            out[key] = {k: row(v) for k, v in value.items()}
            for v in value.values():
                sums = [a + b for a, b in zip(sums, v[:6])]
        else:
            out[key] = row(value)
            if key in (T.GRANTED.key, T.PARTIAL.key):
                sums = [a + b for a, b in zip(sums, value[:6])]
    typed = apps.get(T.RESULTS_TOTAL.key)
    if typed is not None:
        six = [x if x is not None else 0 for x in typed[:6]]
        total = typed[6] if len(typed) > 6 else None
        if six != sums or (total is not None and total != sum(sums)):
            ordered = {k: v for k, v in out.items() if k != T.CARRIED_FORWARD.key}
            ordered[T.RESULTS_TOTAL.key] = six + ([total] if total is not None else [])
            ordered[T.CARRIED_FORWARD.key] = out[T.CARRIED_FORWARD.key]
            out = ordered
    return out


def _review_facts(reviews: dict[str, Any]) -> dict[str, Any]:
    out = {}
    for key, cells in reviews.items():
        row = {col: cells[i] for i, (col, _) in enumerate(T.OUTCOME_COLUMNS)}
        if cells[4] is not None and cells[4] != sum(cells[:4]):
            row["total"] = cells[4]
        out[key] = row
    return out


def _fee(paragraphs: list[Any], data: dict[str, Any], imp: Imported) -> tuple[list[Any], Decimal]:
    """The 信息处理费 the report states (reportgen.fee reads the statement as the check does: 收取……
    350元, 未收取信息处理费 → 0); the text stays as typed, as it states the fee, no sentence is added."""
    from ..model.fee_statement import statements

    texts = [t for p in paragraphs for t in ([p] if isinstance(p, str) else _texts_of(p))]
    texts += [t for part in (data.get("overview") or {}).values() for t in _all_texts(part)]
    for text in texts:
        for statement in statements(text):
            if statement.charged is not None:
                return paragraphs, statement.charged
    imp.note("processing_fee", "原报告没有写信息处理费，按 0 填写；重新生成的报告会在第六部分加上“本年度未收取信息处理费。”")
    imp.warnings.append("“六、其他需要报告的事项”没有写信息处理费：按 0 填写，重新生成的报告会加上一句。")
    return paragraphs, Decimal(0)


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
