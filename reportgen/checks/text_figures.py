"""TEXT: a figure typed in the prose that contradicts the figure it is about (any cell or group sum of
the national tables, the narrative format's structured requests, a count or meeting by its label).

The statutory duty is accuracy (条例第四十九条; the format's tables are the report's numbers): a reviewer
reads 「受理申请97件」 next to a table that says 79 and marks the report. Which typed number is about
which figure is told by reportgen.model.mentions; this module turns its findings into warnings at the typed number,
and into one note listing typed numbers that agree (better written as references, so they follow the
table when it is corrected).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..errors import Problem, Severity
from ..load.positions import text_offset
from ..model.formats import national_tables as T
from ..model.mentions import agrees, expected, mentions
from ..model.relations import about_last_year
from .rule import WARNING, Check, OnReport, Rule
from .wording import plain_with_place

if TYPE_CHECKING:
    from ..model.facts import Facts

APPS_TABLE = "表“三、收到和处理政府信息公开申请情况”"
ACTIVE_TABLE = "表“二、主动公开政府信息情况”"
REVIEW_TABLE = "表“四、政府信息公开行政复议、行政诉讼情况”"


def figure_name(facts: Facts, name: str) -> str:
    """A figure as a reviewer reads it in the report: the table, row and column, or its label."""
    parts = name.split(".")
    if parts[0] == "applications" and parts[-1] == "total":
        row = ".".join(parts[1:-1])
        group = next((label for key, label, _ in T.GROUPS if key == row), None)
        if group:
            return f"{APPS_TABLE}“{group}”各项的总计之和"
        printed = next((r.printed for r in T.ALL_APP_ROWS if r.key == row), row)
        return f"{APPS_TABLE}“{printed}”的总计"
    if parts[0] == "review_litigation" and parts[-1] == "total":
        return f"{REVIEW_TABLE}“{dict(T.REVIEW_GROUPS).get(parts[1], parts[1])}”的总计"
    if parts[0] == "active_disclosure":
        if len(parts) == 3:
            return f"{ACTIVE_TABLE}“{dict(T.RULE_ROWS)[parts[1]]}”的{dict(T.RULE_COLUMNS)[parts[2]]}"
        if parts[1] == "fees":
            return f"{ACTIVE_TABLE}“{T.FEE_ROW[1]}”的本年收费金额（万元）"
        label = next((lab for key, lab, _ in T.DECISION_ROWS if key == parts[1]), parts[1])
        return f"{ACTIVE_TABLE}“{label}”的{T.ACTIVE_DECISIONS}"
    if name == "processing_fee":
        return "信息处理费（processing_fee）"
    return f"“{facts.figure_label(name)}”"


def _names_text(facts: Facts, names: tuple[str, ...]) -> str:
    """One figure's name, or a sum's: 表“三、……”“（一）予以公开”的总计与“（二）部分公开……”的总计之和."""
    texts = [figure_name(facts, n) for n in names]
    for table in (APPS_TABLE, ACTIVE_TABLE, REVIEW_TABLE):
        if len(texts) > 1 and all(t.startswith(table) for t in texts):
            texts = [texts[0]] + [t[len(table):] for t in texts[1:]]
    return texts[0] if len(texts) == 1 else "与".join(texts) + "之和"


_TABLE_FIGURES = ("applications.", "active_disclosure.", "review_litigation.")


def _plain(value: object) -> str:
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def labels(facts: Facts) -> dict[str, str]:
    """Figures a text names by their label: counts (说明) and meetings (会议名称)."""
    out: dict[str, str] = {}
    for key, count in (facts.data.get("counts") or {}).items():
        if count and count.get("label"):
            out[f"counts.{key}"] = str(count["label"])
    for key, meeting in (facts.data.get("meetings") or {}).items():
        if meeting and meeting.get("name"):
            out[f"meetings.{key}"] = str(meeting["name"])
    return out


def _year(facts: Facts) -> int | None:
    """The report's year, or None when the file does not give a usable one."""
    try:
        return int(facts.data.get("year"))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


RULE = Rule("TEXT", "正文数字与表格不一致", WARNING,
            "正文里直接写出的数字（如“受理申请97件”）与它说的那个数（表格的一格或几格之和、所填的数）不一致。",
            "《政府信息公开条例》第五十条；国办公开办函〔2021〕30号“明确责任”（内容不准确的追责）：正文与表格的数据一致",
            report=OnReport(wording=plain_with_place))


def check(facts: Facts, previous: Facts | None) -> list[Problem]:
    """TEXT (`text_figures`); its note on typed figures that agree goes to `facts.notes`."""
    found, notes = text_figures(facts)
    facts.notes += notes
    return found


def text_figures(facts: Facts) -> tuple[list[Problem], list[str]]:
    """TEXT warnings for typed figures that differ from their figure, and the note (if any) for
    typed figures that agree. Figures of a part with a problem are not known, so not compared."""
    known = facts.references
    named = labels(facts)
    units = facts.format.units(facts.data) if named else {}
    found: list[Problem] = []
    agreeing: list[str] = []
    for path, node in facts.prose:
        for m in mentions(node.value, known, named, units):
            if about_last_year(node.value, node.value.rfind(m.phrase, 0, m.end + len(m.phrase)), _year(facts)):
                continue  # 上年收到申请61件 is last year's figure (LASTYEAR compares it with last year's facts)
            loc = facts.source_location(node, text_offset(node, m.start))
            refs = "+".join(f"{{{n}}}" for n in m.names)
            if agrees(m, known):
                agreeing.append(f"{loc.line}:{loc.column}“{m.phrase}”→ {refs}")
                continue
            if m.names == ("processing_fee",):
                continue  # a contradicting fee statement is an error of its own (fee.check, FEE)
            want = _plain(expected(m, known))
            what = "表格" if all(n.startswith(_TABLE_FIGURES) for n in m.names) else "所填的数"
            found.append(Problem(
                loc,
                f"正文里的数字与{what}不一致（TEXT）：正文写的是“{m.phrase}”，而{_names_text(facts, m.names)}是 {want}。"
                f"请核对；引用 {refs} 可使正文与表格始终一致。",
                path, "", Severity.WARNING, "TEXT", facts.source.line(loc.line)))
    notes = []
    if agreeing:
        more = f"等 {len(agreeing)} 处" if len(agreeing) > 3 else ""
        notes.append("正文中直接写了与表格一致的数字（" + "；".join(agreeing[:3]) + f"{more}），"
                     "建议改用花括号引用，表格改动时正文随之改变。")
    return found, notes


CHECK = Check((RULE,), check)
