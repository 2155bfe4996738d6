"""What a folder review keeps of each report (`check FOLDER`, batch.review_model): its findings and its
key figures (batch.review_figures), made while the imported facts are still at hand, so that the
folder check holds no report's facts after its row (last year's folder: importer.previous_folder)."""

from __future__ import annotations

from ..batch.review_figures import KEY_FIGURES, NA, Figure, figure_of
from ..batch.review_model import Entry, Said
from .imported import Imported
from .review import ReportCheck, outcome


def figures(imp: Imported | None, why: str = "") -> dict[str, Figure]:
    """The key figures of one imported report: a blank cell is the import's note “为空白” at its
    path; a table not found (imp.missing_tables) is 未读出; a narrative report (no statutory tables)
    is 不适用 throughout; 规章 of an agency without rule-making power (rulemaking_power, else what its
    name shows: model.deadlines.makes_rules) is 不适用 when its row is 0. `imp` None: 未读出 (`why`)."""
    from ..batch.review_figures import UNREAD
    from ..model.deadlines import makes_rules

    if imp is None:
        return {f.key: Figure(UNREAD, note=why or "报告没有读出") for f in KEY_FIGURES}
    data = imp.data
    if data.get("format") != "national-2021":
        return {f.key: Figure(NA, note="叙述式报告，没有统一格式的表格") for f in KEY_FIGURES}
    blank = {path for path, notes in imp.notes.items() if any("为空白" in n for n in notes)}
    power = data.get("rulemaking_power")
    if power is None:
        power = makes_rules(str((data.get("agency") or {}).get("name") or ""))
    out = {}
    for f in KEY_FIGURES:
        missing = next((f"没有读出{_table(t)}" for t in imp.missing_tables if any(p.startswith(t + ".")
                                                                            for p in f.leaves)), "")
        row_missing = next((n for p in f.leaves for q in (p, p.rsplit(".", 1)[0])
                            for n in imp.notes.get(q, []) if n.startswith("原表没有")), "")
        unsure = any(_same_cell_or_row(p, u) for p in f.leaves for u in imp.unsure)
        out[f.key] = figure_of(f, data, blank, unsure, missing or row_missing, bool(power))
    return out


def _same_cell_or_row(leaf: str, unsure: str) -> bool:
    """Whether an unsure reading at `unsure` (a cell, a row or a whole table) touches the cell `leaf`,
    or another cell of its row of 表三 or 表四 (a row's typed 总计 read unsurely)."""
    if leaf == unsure or leaf.startswith(unsure + "."):
        return True
    row = leaf.rsplit(".", 1)[0]
    return leaf.startswith(("applications.", "review_litigation.")) and unsure.startswith(row + ".")


def _table(prefix: str) -> str:
    return {"active_disclosure": "表二", "applications": "表三", "review_litigation": "表四"}.get(prefix, "表格")


def entry(check: ReportCheck) -> Entry:
    """A report's entry of the review: file, agency, year, outcome, findings, key figures (call it
    before `check.imported` is dropped)."""
    imp = check.imported
    data = imp.data if imp else {}
    year = data.get("year")
    why = "扫描件，没有读取" if check.scan and imp is None else ("无法读取" if check.unreadable else "")
    return Entry(check.source.name, str((data.get("agency") or {}).get("name") or ""),
                 year if isinstance(year, int) else None, outcome(check),
                 [Said(f.is_error, f.kind, f.code, f.message) for f in check.findings], figures(imp, why))
