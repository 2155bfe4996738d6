"""The national format of 国办公开办函〔2021〕30号 (reports for 2021 onwards): six sections, three
statutory tables whose totals are computed (the rules the numbers must obey are checks:
reportgen.checks.national and .table_rules)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import yaml

from ...load.input_hints import thousands_comma
from ..containers import Record
from ..document.blocks import Style, document_style, heading_blocks, section_blocks
from ..document.fields import Body, body_parts
from ..fee_statement import REFERENCE as FEE_REFERENCE, fee_statement, fee_words
from ..scalars import Amount, Choice, Count, Flag, Prose, Text
from ..schema import Context, Field, describe, join
from ..unsure import UnsureMarks
from . import common
from . import national_tables as T
from .base import ReportFormat
from .national_totals import amount_text, complete, computed_reviews, computed_rows, lookup  # noqa: F401 (re-exported)

if TYPE_CHECKING:
    from .base import FactsView as Facts


class CountRow(Field):
    """One row of counts: a mapping by column name, or a list in the printed column order.
    A total may be given; it is then compared with the computed one, never trusted."""

    def __init__(self, label: str, columns: tuple[tuple[str, str], ...], doc: str = "", **kw: Any):
        super().__init__(label, doc, **kw)
        self.columns = columns
        self.cells = {key: Count(f"{label} · {name}") for key, name in columns}
        self.cells["total"] = Count(f"{label} · 总计", required=False)

    def _names(self) -> str:
        return "、".join(f"{name}（{key}）" for key, name in self.columns)

    def validate(self, node: yaml.Node, ctx: Context, path: str) -> dict[str, int | None] | None:
        row: dict[str, int | None] = {key: None for key in self.cells}
        comma = thousands_comma(node)
        if comma:  # [1,064, 5, …] is 1 and 064 to YAML: say so, instead of a surprising total
            ctx.report(comma[0], path, self.label, f"“{comma[0].value},{comma[1][len(comma[0].value):]}”中的逗号是千位分隔符，"
                       f"却把一个数分成了两个数：请写 {comma[1]}（数字中不加逗号）。", "thousands-comma")
            return None
        if isinstance(node, yaml.SequenceNode):
            n = len(self.columns)
            if len(node.value) not in (n, n + 1):
                ctx.report(node, path, self.label,
                           f"应有 {n} 个数（{self._names()}，可再加总计），这里有 {len(node.value)} 个。", "row-length")
                return None
            keys = [k for k, _ in self.columns] + ["total"]
            for key, child in zip(keys, node.value):
                row[key] = self.cells[key].check(child, ctx, join(path, key))
            return row
        if isinstance(node, yaml.MappingNode):
            record = Record(self.label, self.cells)
            values = record.validate(node, ctx, path)
            return values if values is None else {**row, **values}
        if isinstance(node, yaml.ScalarNode) and (node.tag.endswith(":null") or not node.value.strip()):
            ctx.report(node, path, self.label, f"还没有填写：请填写 {self._names()} 各列的数（没有就填 0）。", "empty")
            return None
        ctx.report(node, path, self.label,
                   f"应为一行数：[{', '.join('0' for _ in self.columns)}]（{self._names()}），这里写的是{describe(node)}。",
                   "wrong-type")
        return None


def _applications_field() -> Record:
    def row(r: T.AppRow) -> CountRow:
        return CountRow(r.printed, T.APPLICANT_COLUMNS, f"{r.printed}：各类申请人的件数")

    fields: dict[str, Field] = {
        "new": row(T.NEW),
        "carried_over": row(T.CARRIED_OVER),
        "granted": row(T.GRANTED),
        "partially_granted": row(T.PARTIAL),
    }
    for group, group_label, items in T.GROUPS:
        fields[group] = Record(group_label, {
            key: CountRow(f"{group_label} {label}", T.APPLICANT_COLUMNS, f"{group_label} {label}")
            for key, label in items
        }, f"三、本年度办理结果{group_label}")
    fields["results_total"] = CountRow(T.RESULTS_TOTAL.printed, T.APPLICANT_COLUMNS,
                                       "（七）总计：自动计算，可不填；填写时与计算结果核对", required=False)
    fields["carried_forward"] = row(T.CARRIED_FORWARD)
    return Record("三、收到和处理政府信息公开申请情况", fields, "申请情况表：每行按申请人类别填写件数")


def _active_field() -> Record:
    def rules(label: str) -> Record:
        return Record(label, {key: Count(f"{label}{name}") for key, name in T.RULE_COLUMNS}, f"{T.ACTIVE_ITEM_1} {label}")

    fields: dict[str, Field] = {key: rules(label) for key, label in T.RULE_ROWS}
    for key, label, item in T.DECISION_ROWS:
        fields[key] = Count(f"{label}{T.ACTIVE_DECISIONS}", f"{item} {label}：{T.ACTIVE_DECISIONS}")
    key, label, item = T.FEE_ROW
    fields[key] = Amount(f"{label}{T.ACTIVE_FEES}", f"{item} {label}：{T.ACTIVE_FEES}，可有小数（最多 6 位，照写照印）",
                         unit="万元", places=6)
    return Record("二、主动公开政府信息情况", fields, "主动公开情况表")


def _review_field() -> Record:
    return Record("四、政府信息公开行政复议、行政诉讼情况", {
        key: CountRow(label, T.OUTCOME_COLUMNS, f"{label}：结果维持、结果纠正、其他结果、尚未审结的件数")
        for key, label in T.REVIEW_GROUPS
    }, "行政复议、行政诉讼情况表")


def _overview_field() -> Record:
    fields: dict[str, Field] = {"intro": common.paragraphs_field("导语", "“一、总体情况”标题下、各小节之前的段落")}
    for key, label in T.OVERVIEW_PARTS:
        fields[key] = Body(label, f"（{label}）小节的正文段落；或写 heading:（本机关的措辞，如“{label}方面”）、"
                                  "paragraphs:、subsections:", 2,
                           heading_doc=f"小节标题，不写编号；不写时为“{label}”", required=False)
    return Record("一、总体情况", fields, "总体情况：五个小节（主动公开、依申请公开、政府信息管理、平台建设、监督保障）的正文")


def _notes_field() -> Record:
    return Record("表注", {
        "active_disclosure": Prose("表二注", "印在“二、主动公开政府信息情况”表下的注，例如 注：……", required=False),
        "applications": Prose("表三注", "印在“三、收到和处理政府信息公开申请情况”表下的注", required=False),
        "review_litigation": Prose("表四注", "印在“四、政府信息公开行政复议、行政诉讼情况”表下的注", required=False),
    }, "法定表格下的“注：”行（可选）", required=False, default=dict)


class NationalFormat(ReportFormat):
    name = "national-2021"
    label = "全国统一格式（国办公开办函〔2021〕30号）"
    template = "national-2021.docx"
    year_checks = "上年结转 CARRY、现行有效件数 STOCK、异常变化 JUMP、文字雷同 COPY"

    def __init__(self) -> None:
        self.schema = Record("事实文件", {
            "format": Choice("报告格式", {self.name: self.label}, "这份报告用哪种格式"),
            "agency": common.agency_field(),
            "year": common.year_field(),
            **common.signing_fields("arabic"),
            "rulemaking_power": Flag("有规章制定权",
                                     "本机关是否有规章制定权（国务院部门、省级政府、设区的市政府等）；不写时按机关名称判断："
                                     "国务院部门，省、自治区、直辖市、设区的市和自治州的人民政府及其办公厅（办公室）为 true，其他为 false",
                                     required=False, default=None),
            **common.facts_fields(),
            **common.document_fields(),
            "preamble": common.paragraphs_field("前言", "“一、总体情况”之前的段落：报告依据、统计期限、电子版下载和咨询方式"),
            "overview": _overview_field(),
            "active_disclosure": _active_field(),
            "applications": _applications_field(),
            "review_litigation": _review_field(),
            "problems": Body(T.SECTIONS[4], "上年问题的整改情况、本年存在的问题和改进措施：段落，或 paragraphs: 和 "
                                            "subsections:（（一）（二）小节）", 2),
            "other_matters": Body(T.SECTIONS[5], "其他需要报告的事项：段落，或 paragraphs: 和 subsections:", 2,
                                  required=False, default=list),
            "table_notes": _notes_field(),
            "processing_fee": Amount("信息处理费", "全年收取的政府信息公开信息处理费（元）；正文用 {processing_fee} 引用金额，"
                                     "用 {processing_fee_statement} 引用整句（0 元时是“本年度未收取信息处理费”）；"
                                     "报告文字都没有说明时，自动写入第六部分",
                                     unit="元", places=2),
            "fee_sentence": Flag("加写信息处理费", "报告文字没有说明信息处理费时，是否在第六部分加上一句；不写为 true。"
                                 "写 false 时照原文不加（如原报告第六部分只写“无。”），检查时提示报告没有说明信息处理费",
                                 required=False, default=True),
            "local_rules": Text("本地规则文件", "可选：本地政务公开办公室规定的规则文件（如 某市规则.yaml），路径相对于本文件；"
                                "检查时按其中的小节、字数、数字和期限要求提示", required=False),
            "unsure": UnsureMarks(lambda: self.schema),
        })

    def references(self, data: dict[str, Any]) -> dict[str, str]:
        values = common.reference_values(data)
        fields = self.schema.fields
        apps = data.get("applications")
        if complete(apps, fields["applications"]):
            for key, row in computed_rows(apps).items():
                for col, value in row.items():
                    values[f"applications.{key}.{col}"] = str(value)
        active = data.get("active_disclosure")
        if complete(active, fields["active_disclosure"]):
            for key, _ in T.RULE_ROWS:
                for col, _ in T.RULE_COLUMNS:
                    values[f"active_disclosure.{key}.{col}"] = str(active[key][col])
            for key, _, _ in T.DECISION_ROWS:
                values[f"active_disclosure.{key}"] = str(active[key])
            values["active_disclosure.fees"] = amount_text(active["fees"])
        review = data.get("review_litigation")
        if complete(review, fields["review_litigation"]):
            for key, row in computed_reviews(review).items():
                for col, value in row.items():
                    values[f"review_litigation.{key}.{col}"] = str(value)
        if data.get("processing_fee") is not None:
            values["processing_fee"] = amount_text(data["processing_fee"])
            values[FEE_REFERENCE] = fee_words(data["processing_fee"])
        return common.with_figures(data, values)

    def units(self, data: dict[str, Any]) -> dict[str, str]:
        units = common.reference_units(data)
        for name in self.references(data):
            if name.startswith(("applications.", "review_litigation.", "active_disclosure.")):
                units[name] = "件"
        units["active_disclosure.fees"] = "万元"
        units["processing_fee"] = "元"
        return units

    def context(self, facts: Facts) -> dict[str, Any]:
        data, values = facts.data, facts.references
        title, lines = common.title_of(data, values)
        style = document_style(data)
        blocks = common.paragraph_blocks(data["preamble"], values)
        blocks.append({"kind": "h1", "text": common.heading_number(1, 1) + T.SECTIONS[0]})
        overview = data["overview"]
        blocks += common.paragraph_blocks(overview["intro"], values)
        number = 0
        for key, label in T.OVERVIEW_PARTS:
            if overview.get(key) is None:
                continue  # a missing statutory part is a warning (_missing_parts)
            number += 1
            blocks += _part_blocks(overview[key], label, number, values, style)
        closing = [{"kind": "h1", "text": common.heading_number(1, 5) + T.SECTIONS[4]}]
        closing += _part_blocks(data["problems"], None, 0, values, style)
        closing.append({"kind": "h1", "text": common.heading_number(1, 6) + T.SECTIONS[5]})
        closing += _part_blocks(data["other_matters"], None, 0, values, style)
        fee_sentence = fee_statement((node.value for _, node in facts.prose), data["processing_fee"])
        if fee_sentence and data.get("fee_sentence") is not False:
            closing.append({"kind": "p", "text": fee_sentence})
        notes = {key: common.text_of(text, values) for key, text in (data.get("table_notes") or {}).items() if text}
        return common.finish({
            "title": title,
            "title_lines": lines,
            "overview": blocks,
            "notes": {key: notes.get(key, "") for key in ("active_disclosure", "applications", "review_litigation")},
            "headings": {n: common.heading_number(1, n) + T.SECTIONS[n - 1] for n in (2, 3, 4)},
            "active": self._active_cells(data["active_disclosure"]),
            "apps": _nest({k: {c: str(v) for c, v in row.items()} for k, row in computed_rows(data["applications"]).items()}),
            "reviews": {k: {c: str(v) for c, v in row.items()} for k, row in computed_reviews(data["review_litigation"]).items()},
            "closing": closing,
            **common.attachment_parts(data, values),
            **common.signing(data, "arabic"),
        }, fullwidth=facts.fullwidth_punctuation)

    @staticmethod
    def _active_cells(active: dict[str, Any]) -> dict[str, Any]:
        cells: dict[str, Any] = {key: {col: str(active[key][col]) for col, _ in T.RULE_COLUMNS} for key, _ in T.RULE_ROWS}
        for key, _, _ in T.DECISION_ROWS:
            cells[key] = str(active[key])
        cells["fees"] = amount_text(active["fees"])
        return cells


def _part_blocks(value: Any, default_heading: str | None, number: int, values: dict[str, str],
                 style: Style) -> list[dict[str, str]]:
    """One part of a statutory section: under its numbered level-2 heading (the office's wording or
    the format's) when `default_heading` is given, else the section's own text; then its sub-parts."""
    part = body_parts(value)
    below = style.below(part)
    if default_heading is None:
        blocks = common.paragraph_blocks(part.get("paragraphs") or [], values)
        return blocks + section_blocks(part.get("subsections") or [], values, 2, 1, below)
    heading = common.text_of(part["heading"], values) if part.get("heading") else default_heading
    blocks = heading_blocks(2, number, heading, part.get("paragraphs") or [], values, style, part.get("run_in"))
    return blocks + section_blocks(part.get("subsections") or [], values, 3, 1, below)


def _nest(flat: dict[str, Any]) -> dict[str, Any]:
    """{"denied.state_secret": row} → {"denied": {"state_secret": row}}. Group sums ("denied") have
    no printed row and are left out."""
    groups = {group for group, _, _ in T.GROUPS}
    out: dict[str, Any] = {}
    for key, value in flat.items():
        if key in groups:
            continue
        if "." in key:
            group, item = key.split(".", 1)
            out.setdefault(group, {})[item] = value
        else:
            out[key] = value
    return out
