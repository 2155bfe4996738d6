"""The three statutory tables read cell for cell by their printed labels, whatever the column
widths, the merges and the spacing inside labels (总 计). Each reader returns the facts of its
table and notes on what it had to assume (a blank read as 0, a miscopied label, an older layout).

Labels are those of `model.formats.national_tables` (国办公开办函〔2021〕30号); the 2019 trial layout
(国办公开办函〔2019〕60号) is recognised and read with notes."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ..model.formats import national_tables as T
from .document import Cell, Table, label_key, number_text
from .notices import UNSURE
from .table_cells import Read, best, count, distinct_cells, fill_missing, split
from .trial2019 import read_active_2019


def kind(table: Table) -> str:
    """"active", "applications", "reviews" or "" for a table that is none of the three."""
    text = label_key("".join(c.text for row in table.rows[:6] for c in row))
    if "申请人情况" in text or "本年新收" in label_key("".join(c.text for row in table.rows for c in row[:3])):
        return "applications"
    if "结果维持" in text and ("行政复议" in text or "行政诉讼" in text):
        return "reviews"
    if "信息内容" in text or "第二十条" in text:
        return "active"
    return ""


# -- 二、主动公开政府信息情况 --------------------------------------------------------------------------

def read_active(table: Table) -> Read:
    """Table 二、主动公开政府信息情况 read by its row labels (the 2021 format's, or the 2019 trial
    format's, flagged `trial_2019`): the facts of `active_disclosure`, with a note at each value the
    reader was unsure of and a warning for each row it did not find."""
    read = Read()
    text = label_key("".join(c.text for row in table.rows for c in row))
    if "本年新制作数量" in text or "第二十条第（九）项" in text or "上一年项目数量" in text:
        return read_active_2019(table, read)
    rows: dict[str, tuple[str, Any]] = {label_key(label): ("rule", key) for key, label in T.RULE_ROWS}
    rows.update({label_key(label): ("decision", key) for key, label, _ in T.DECISION_ROWS})
    rows[label_key(T.FEE_ROW[1])] = ("fee", T.FEE_ROW[0])
    data: dict[str, Any] = {}
    for row in table.rows:
        labels, values = split(row)
        if not labels or not values:
            continue
        found, key, ratio = best(labels[-1], rows, 0.75)
        if found is None:
            continue
        what, name = found
        if ratio < 1:
            read.warn(f"表“二、主动公开政府信息情况”的行标签“{labels[-1]}”按“{key}”读取（原表的标签与统一格式不同）。")
        for k, (col, _) in enumerate(values[:3]):
            path = f"active_disclosure.{name}" + (f".{T.RULE_COLUMNS[k][0]}" if what == "rule" else "")
            if row[col].unsure and (what == "rule" or k == 0):
                read.doubt[path] = row[col].unsure
        if what == "rule":
            cells = {}
            for (col_key, col_label), (_, value) in zip(T.RULE_COLUMNS, values[:3] + [(0, "")] * (3 - len(values[:3]))):
                cells[col_key] = count(value, f"active_disclosure.{name}.{col_key}", read,
                                        f"{labels[-1]}·{col_label}")
            data[name] = cells
        elif what == "decision":
            data[name] = count(values[0][1], f"active_disclosure.{name}", read, labels[-1])
        else:
            raw = values[0][1]
            if raw == "":
                read.notes[f"active_disclosure.{name}"] = f"原表“{labels[-1]}”为空白，按 0 读取"
            data[name] = Decimal(raw or "0")
    fill_missing(data, read)
    read.data = data
    return read


# -- 三、收到和处理政府信息公开申请情况 ----------------------------------------------------------------

def _app_rows() -> dict[str, T.AppRow]:
    rows = {label_key(r.label): r for r in (T.NEW, T.CARRIED_OVER, T.GRANTED, T.PARTIAL, T.RESULTS_TOTAL,
                                             T.CARRIED_FORWARD)}
    for r in T.GROUP_ROWS:
        rows[label_key(r.group + r.label)] = r
    return rows


def _columns(table: Table) -> list[int] | None:
    """Grid columns of 自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他, 总计 (by header labels)."""
    wanted = [label_key(name) for _, name in (*T.APPLICANT_COLUMNS, T.TOTAL)]
    found: dict[str, int] = {}
    for row in table.rows[:6]:
        for col, c in enumerate(row):
            key = label_key(c.text)
            if key in wanted and key not in found and col >= 1:
                if key == "总计" and any(c is row[j] for j in range(col)):
                    continue
                found[key] = col
    if len(found) < 6:
        return None
    return [found.get(k, -1) for k in wanted]


def read_applications(table: Table) -> Read:
    """Table 三、收到和处理政府信息公开申请情况 read by its row and column labels (seven numbers a row:
    自然人 … 其他, 总计; the last seven of each row, with a warning, when the header is not
    recognized): the facts of `applications`, each row its six counts and the 总计 as typed (None
    when blank; the blank ones named in a warning). A row the table lacks is 0, with a note; a row
    label unlike the format's is read as the closest row, with a warning."""
    read = Read()
    columns = _columns(table)
    if columns is None and table.rows:
        read.warn("表“三、收到和处理政府信息公开申请情况”的表头没有认出，按每行最后 7 个数读取（自然人……其他、总计）。", None)
        read.doubt["applications"] = "表头没有认出，各列按每行最后 7 个数的次序读取"
    known = _app_rows()
    rows: dict[str, dict[str, Any]] = {}
    old_other: list[int] | None = None
    by_label = {label_key(r.label): r for r in T.GROUP_ROWS}
    first_value = min((c for c in columns if c >= 0), default=None) if columns else None
    group = ""
    for row in table.rows:
        if first_value is not None:
            labels = [c.text for c in distinct_cells(row[:first_value]) if c.text.strip()]
            values = [(col, number_text(row[col].text)) for col in columns if col >= 0]  # type: ignore[union-attr]
            if any(v is None for _, v in values):
                continue  # a header row repeated after a page break
            values = [(col, v or "") for col, v in values]
        else:
            labels, values = split(row)
        if not values or not labels or all(v == "" for _, v in values) and not any(
                label_key(x).startswith(("一.", "二.", "三.", "四.", "（", "1", "2", "3", "4", "5", "6", "7", "8")) for x in labels):
            continue
        label = labels[-1]
        named = next((x for x in labels if label_key(x).startswith(("（三）", "（四）", "（五）", "（六）"))), "")
        if named:
            group = named
        elif not label_key(label)[:1].isdigit():
            group = ""
        if label_key(label).startswith("（六）其他处理") and label_key(label) == label_key(group):
            old_other = _numbers(row, values, columns, read, "applications.other_handling.other", label)
            continue
        label = _without_bleed(label, known, group)
        key_text = label if not group or label == group else group + label
        found, key, ratio = best(key_text, known)
        if ratio < 1 and label_key(label) in by_label:
            found, ratio = by_label[label_key(label)], 1.0
        if found is None:
            read.warn(f"表“三、收到和处理政府信息公开申请情况”中不认识的行“{''.join(labels)}”，没有读取。", kind=UNSURE)
            continue
        if ratio < 1:
            printed = found.printed
            read.warn(f"表“三、收到和处理政府信息公开申请情况”的行标签“{label}”按“{printed}”读取（原表的标签与统一格式不同）。")
        rows[found.key] = {"cells": _numbers(row, values, columns, read, f"applications.{found.key}", found.printed)}
    data: dict[str, Any] = {}
    for r in (T.NEW, T.CARRIED_OVER, T.GRANTED, T.PARTIAL):
        data[r.key] = _row_or_zero(rows, r, read)
    for group, group_label, items in T.GROUPS:
        data[group] = {}
        for item, _ in items:
            r = next(x for x in T.GROUP_ROWS if x.key == f"{group}.{item}")
            if group == "other_handling" and old_other is not None and not any(k.startswith("other_handling.") for k in rows):
                data[group][item] = old_other if item == "other" else [0] * 6
                continue
            data[group][item] = _row_or_zero(rows, r, read)
    if old_other is not None and not any(k.startswith("other_handling.") for k in rows):
        read.warn("表“三、收到和处理政府信息公开申请情况”的“（六）其他处理”只有一行（2019 年试行格式的写法）："
                             "已记作“3.其他”，“1.申请人无正当理由逾期不补正……”和“2.申请人逾期未按收费通知要求缴纳费用……”记作 0。",
                  "表“三、收到和处理政府信息公开申请情况”的“（六）其他处理”只有一行，是 2019 年试行格式的写法"
                  "（2021 年格式分为 1.、2.、3. 三项）。", code="FORMAT")
        read.notes["applications.other_handling"] = "原表“（六）其他处理”只有一行，记作 3.其他；1.、2. 记作 0"
    if T.RESULTS_TOTAL.key in rows:
        data[T.RESULTS_TOTAL.key] = rows[T.RESULTS_TOTAL.key]["cells"]
    if read.blank_totals and columns and columns[-1] >= 0:
        shown = "、".join(f"“{x}”" for x in read.blank_totals[:3]) + ("等" if len(read.blank_totals) > 3 else "")
        read.warn(f"表“三、收到和处理政府信息公开申请情况”有 {len(read.blank_totals)} 行的“总计”是空白（{shown}）："
                  "重新生成的报告会印出计算的总计。",
                  f"表“三、收到和处理政府信息公开申请情况”有 {len(read.blank_totals)} 行的“总计”是空白（{shown}）。")
    data[T.CARRIED_FORWARD.key] = _row_or_zero(rows, T.CARRIED_FORWARD, read)
    read.data = data
    return read


def _without_bleed(label: str, known: dict[str, T.AppRow], group: str) -> str:
    """A label without the characters of the vertical 三、本年度办理结果 that a PDF's reading put at
    its end or start (（一）予以公开三, 1.属于国家秘密度办), when what is left reads more like a label
    of the table."""
    bleed = "".join(set(T.RESULTS_LABEL))
    cuts = [cut for cut in (label.rstrip(bleed), label.lstrip(bleed)) if cut and cut != label]
    if not cuts:  # nothing at either end that the vertical label could have left (most labels): no scoring
        return label

    def score(text: str) -> float:
        return max(best(text if not group or text == group else group + text, known)[2], best(text, known)[2])

    chosen, best_score = label, score(label)
    for cut in cuts:
        if score(cut) > best_score:
            chosen, best_score = cut, score(cut)
    return chosen


def _numbers(row: list[Cell], values: list[tuple[int, str]], columns: list[int] | None, read: Read,
             path: str, label: str) -> list[int]:
    """Six counts and the typed 总计 of one row (7 numbers; a blank 总计 is left None)."""
    if columns:
        by_col = dict(values)
        raw = [by_col.get(c, "") if c >= 0 else "" for c in columns]
        cols = list(columns)
        # A merged cell spanning several value columns has one number: it belongs to the first.
    else:
        raw = [v for _, v in values][-7:]
        raw = [""] * (7 - len(raw)) + raw
        cols = [-1] * (7 - len(values[-7:])) + [c for c, _ in values[-7:]]
    for i, (key, _) in enumerate((*T.APPLICANT_COLUMNS, T.TOTAL)):
        if 0 <= cols[i] < len(row) and row[cols[i]].unsure:
            read.doubt[f"{path}.{key}"] = row[cols[i]].unsure
    out = []
    for i, (key, name) in enumerate((*T.APPLICANT_COLUMNS, T.TOTAL)):
        if key == "total":
            if raw[i] == "":
                read.blank_totals.append(label)
            out.append(None if raw[i] == "" else count(raw[i], f"{path}.total", read, f"{label}·{name}"))
        else:
            out.append(count(raw[i], f"{path}.{key}", read, f"{label}·{name}"))
    return out


def _row_or_zero(rows: dict[str, dict[str, Any]], r: T.AppRow, read: Read) -> list[int | None]:
    if r.key in rows:
        return rows[r.key]["cells"]
    read.notes[f"applications.{r.key}"] = f"原表没有“{r.printed}”行，按 0 填写"
    read.missing.append((f"applications.{r.key}", r.printed))
    return [0] * 6 + [None]


# -- 四、政府信息公开行政复议、行政诉讼情况 ----------------------------------------------------------------

def read_reviews(table: Table) -> Read:
    """Table 四、政府信息公开行政复议、行政诉讼情况 read from its last row of numbers (for 行政复议,
    未经复议直接起诉 and 复议后起诉 each: 结果维持, 结果纠正, 其他结果, 尚未审结, 总计): the facts of
    `review_litigation`. A table with no
    row of numbers is read as all 0, with a warning and a note at each group."""
    read = Read()
    data_rows = [r for r in table.rows if sum(1 for c in distinct_cells(r) if number_text(c.text) not in (None,)) >= 10]
    data: dict[str, Any] = {}
    if not data_rows:
        read.warn("表“四、政府信息公开行政复议、行政诉讼情况”没有找到数字行，全部按 0 填写。",
                  "表“四、政府信息公开行政复议、行政诉讼情况”没有读出数字行：表中的数没有检查，请对照原报告。", kind=UNSURE)
        read.doubt["review_litigation"] = "表中没有读出数字行，各项按 0 填写"
        read.empty = True
        for key, _ in T.REVIEW_GROUPS:
            data[key] = [0, 0, 0, 0, None]
            read.notes[f"review_litigation.{key}"] = "原表没有读到数字，按 0 填写"
        read.data = data
        return read
    values_row = data_rows[-1]
    header = table.rows[: table.rows.index(values_row)]
    outcomes = [label_key(n) for _, n in (*T.OUTCOME_COLUMNS, T.TOTAL)]
    groups: dict[str, list[str]] = {key: [""] * 5 for key, _ in T.REVIEW_GROUPS}
    order = []
    for col, c in enumerate(values_row):
        if col and values_row[col - 1] is c:
            continue
        heads = [label_key(h[col].text) for h in header if col < len(h)]
        joined = "".join(heads)
        if "复议后起诉" in joined:
            group = "suit_after_review"
        elif "未经复议" in joined or "直接起诉" in joined:
            group = "direct_suit"
        elif "行政复议" in joined:
            group = "review"
        else:
            group = ""
        outcome = next((i for i, o in enumerate(outcomes) if o in joined), None)
        order.append((group, outcome, number_text(c.text) or "", c.unsure))
    doubts: dict[str, list[str]] = {key: [""] * 5 for key, _ in T.REVIEW_GROUPS}
    pairs = [(g, o) for g, o, _, _ in order]
    if all(g and o is not None for g, o in pairs) and len(set(pairs)) == len(pairs):
        for group, outcome, raw, why in order:
            groups[group][outcome] = raw
            doubts[group][outcome] = why
    else:  # no usable header: the printed order, 15 numbers
        nums = [raw for _, _, raw, _ in order][-15:]
        whys = [why for _, _, _, why in order][-15:]
        nums = [""] * (15 - len(nums)) + nums
        whys = [""] * (15 - len(whys)) + whys
        for i, (key, _) in enumerate(T.REVIEW_GROUPS):
            groups[key] = nums[i * 5:(i + 1) * 5]
            doubts[key] = whys[i * 5:(i + 1) * 5]
        read.warn("表“四、政府信息公开行政复议、行政诉讼情况”的表头没有认出，按统一格式的列序读取 15 个数。", None)
        read.doubt["review_litigation"] = "表头没有认出，15 个数按统一格式的列序读取"
    for key, label in T.REVIEW_GROUPS:
        raw = groups[key]
        cells: list[int | None] = [
            count(raw[i], f"review_litigation.{key}.{col}", read, f"{label}·{name}")
            for i, (col, name) in enumerate(T.OUTCOME_COLUMNS)
        ]
        cells.append(None if raw[4] == "" else count(raw[4], f"review_litigation.{key}.total", read, f"{label}·总计"))
        for why, (col, _) in zip(doubts[key], (*T.OUTCOME_COLUMNS, T.TOTAL)):
            if why:
                read.doubt[f"review_litigation.{key}.{col}"] = why
        data[key] = cells
    read.data = data
    return read
