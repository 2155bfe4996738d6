"""The three statutory tables read (`statutory`) → the facts' counts. A table not found is left
blank — as `reportgen new` leaves counts to fill — with an import error naming it, never zeros;
a typed 总计 is kept only where it differs from the sum, so `check` reports it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..model.formats import national_tables as T
from . import statutory
from .document import Table
from .notices import UNSURE

if TYPE_CHECKING:
    from .imported import Imported

TABLE_NAMES = {"active": "二、" + T.SECTIONS[1], "applications": "三、" + T.SECTIONS[2], "reviews": "四、" + T.SECTIONS[3]}
PREFIX = {"active": "active_disclosure", "applications": "applications", "reviews": "review_litigation"}
_READERS = {"active": statutory.read_active, "applications": statutory.read_applications,
            "reviews": statutory.read_reviews}


def blank(kind: str) -> dict[str, Any]:
    """A table's counts left to fill (None), in the facts' shape."""
    if kind == "active":
        out: dict[str, Any] = {key: {col: None for col, _ in T.RULE_COLUMNS} for key, _ in T.RULE_ROWS}
        out.update({key: None for key, _, _ in T.DECISION_ROWS})
        out[T.FEE_ROW[0]] = None
        return out
    if kind == "reviews":
        return {key: {col: None for col, _ in T.OUTCOME_COLUMNS} for key, _ in T.REVIEW_GROUPS}
    six = {col: None for col, _ in T.APPLICANT_COLUMNS}
    out = {r.key: dict(six) for r in (T.NEW, T.CARRIED_OVER, T.GRANTED, T.PARTIAL)}
    for group, _, items in T.GROUPS:
        out[group] = {item: dict(six) for item, _ in items}
    out[T.CARRIED_FORWARD.key] = dict(six)
    return out


def read_tables(tables: list[Table], imp: Imported) -> dict[str, statutory.Read]:
    """Each statutory table found, read (a table typed as several, or cut in two, read as one);
    `imp.data` gets the counts of each, blank for a table not found."""
    parts: dict[str, Table] = {}
    second: set[str] = set()  # kinds with a second whole table (two reports on one page): not merged
    for table in tables:
        k = statutory.kind(table) or ""
        if k in second:
            continue
        if k in _READERS and k in parts and _whole(k, parts[k]) and _whole(k, table):
            second.add(k)
            if _READERS[k](parts[k]).data != _READERS[k](table).data:
                what = f"报告里有两张表“{TABLE_NAMES[k]}”，数不相同（可能一个文件里有两份报告）"
                imp.warn(f"{what}：只导入了第一张，请对照原报告核对。", f"{what}：只检查了第一张，请对照原报告核对。",
                         kind=UNSURE, error=True, code="TABLE")
                imp.note(PREFIX[k], "报告里有两张这样的表，数不相同：这里是第一张的数，请对照原报告核对")
            continue
        if k in parts:
            width = max(len(parts[k].rows[0]), len(table.rows[0]))
            parts[k] = Table([[r[0]] * (width - len(r)) + r for r in parts[k].rows + table.rows])
        else:
            parts[k] = table
    found = {k: _READERS[k](table) for k, table in parts.items() if k in _READERS}
    unread = set()
    for k, r in list(found.items()):  # a table whose figures could not be read at all is as one not found
        if r.empty or (k == "applications" and len(r.missing) >= 20) or (k == "active" and len(r.missing) >= 5):
            del found[k]
            unread.add(k)
    trial = False
    for k in _READERS:
        name = TABLE_NAMES[k]
        if k not in found:
            what = f"表“{name}”找到了，但表中的数一个也没有读出" if k in unread else f"没有找到表“{name}”"
            imp.warn(f"{what}：表中各项留空，请对照原报告填写。",
                     f"{what}：表中的数没有检查，请对照原报告。", kind=UNSURE, error=True,
                     code="TABLE")
            imp.note(PREFIX[k], "原报告中没有找到这张表：各项留空，请对照原报告填写")
            imp.data[PREFIX[k]] = blank(k)
            imp.missing_tables.append(PREFIX[k])
            continue
        r = found[k]
        trial = trial or r.trial_2019
        if r.blanks:
            imp.warn(f"表“{name}”有 {r.blanks} 个格子是空白（或“/”）而不是 0：已按 0 读取。"
                     "统一格式要求没有的填 0，空白会被误读为漏填。",
                     f"表“{name}”有 {r.blanks} 个格子是空白（或“/”）而不是 0：统一格式要求没有的填 0。")
        imp.notices += r.notices
        if not r.trial_2019:
            for path, label in r.missing:
                if imp.exact:
                    imp.warn(f"表“{name}”中没有“{label}”这一行：按 0 填写，请对照原报告。",
                             f"表“{name}”缺少“{label}”这一行。")
                else:  # a row the format prints, not found where the PDF was read: lost, not 0
                    r.doubt[path] = "表中没有读到这一行（可能被分页或排版打乱），按 0 填写"
        for path, text in r.notes.items():
            imp.note(path, text)
        imp.data[PREFIX[k]] = r.data
    if "applications" in found:
        imp.data["applications"] = app_facts(found["applications"].data)
    if "reviews" in found:
        imp.data["review_litigation"] = review_facts(found["reviews"].data)
    imp.layout = "2019 年试行格式（国办公开办函〔2019〕60号）" if trial else "全国统一格式（国办公开办函〔2021〕30号）"
    return found


def _whole(k: str, table: Table) -> bool:
    """Whether `table` alone is a whole statutory table of kind `k` (every row found, figures read),
    not a part of one cut by a page break or typed as several."""
    r = _READERS[k](table)
    return not r.empty and not r.missing


def app_facts(apps: dict[str, Any]) -> dict[str, Any]:
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


def review_facts(reviews: dict[str, Any]) -> dict[str, Any]:
    """Table 四's groups as the facts' mappings of four outcomes; a typed 总计 is kept (`total`)
    only where it does not equal the sum, so `check` reports it (REVIEWTOTAL)."""
    out = {}
    for key, cells in reviews.items():
        row = {col: cells[i] for i, (col, _) in enumerate(T.OUTCOME_COLUMNS)}
        if cells[4] is not None and cells[4] != sum(cells[:4]):
            row["total"] = cells[4]
        out[key] = row
    return out
