"""Every table read is cross-checked, and what is doubtful is marked `unsure:` — never a wrong
number in silence.

The checks are what the format guarantees (国办公开办函〔2021〕30号, shared reference §3): each row's
总计 = its six columns (ROWTOTAL); （七）总计 = the sum of the results (RESULTS); 一 + 二 = （七）+ 四 in
each column (BALANCE); each 复议/诉讼 总计 = its four outcomes (REVIEWTOTAL); and the text's own
figures (受理申请36件, TEXT, read by `figures.mentions` as the TEXT check reads them).

Which failure is an *unsure reading* and which the report's own *slip*:
1. A cell the reader marked (`Cell.unsure`: digits that may belong to a neighbouring row, OCR, a
   header not recognised) is always marked unsure; every failed check it takes part in is put down
   to that reading (its findings are shown as 读取没有把握, not as the report's slips).
2. The cells of a .docx, .html, .doc/.wps are the file's own: a failed check there is the report's
   slip (ROWTOTAL, RESULTS, BALANCE, REVIEWTOTAL, TEXT), never an unsure reading.
3. A PDF's text layer is exact text, but its cells are placed by position. A failed check in a PDF
   is a slip too, unless one cell alone explains every failed check — correcting it makes them all
   hold and breaks none that holds — and its value is one a misplaced reading gives: digits joined
   from a neighbouring row (22 for 2), digits lost (3 for 36), or a count lost (0 or blank where the
   sums want one; not a 总计, since a 总计 left 0 is a slip reviewers find in real reports). That cell
   is marked unsure, with the value the sums want.
A mark never changes a value: the facts keep what was read; the reason says what the checks want."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..model.formats import national_tables as T
from .notices import UNSURE

if TYPE_CHECKING:
    from .imported import Imported
    from .table_cells import Read

SIX = [k for k, _ in T.APPLICANT_COLUMNS]
PRINTED_COLUMN = "applications.results_total.total:printed"  # the finding of the printed 总计 column's RESULTS
OUTCOMES = [k for k, _ in T.OUTCOME_COLUMNS]
_ROWS = (T.NEW, T.CARRIED_OVER, *T.RESULT_ROWS, T.CARRIED_FORWARD)


@dataclass
class Check:
    terms: dict[str, int]  # cell path → coefficient; the check holds when Σ coef·value + constant = 0
    constant: int
    code: str  # the finding it mirrors: ROWTOTAL, RESULTS, BALANCE, REVIEWTOTAL, TEXT
    finding: str  # the path of that finding, or for TEXT the figure's name
    says: str  # what the check wants, for a reason: 本行各列之和为 36
    printed: bool = False  # over the printed 总计 column: a check the facts file cannot hold (see `table_checks`)

    def residual(self, values: dict[str, int]) -> int:
        return sum(c * values.get(p, 0) for p, c in self.terms.items()) + self.constant


def cell_values(read: dict[str, Read]) -> dict[str, int]:
    """Every cell as read, by path (typed totals included; a blank total is left out)."""
    values: dict[str, int] = {}
    apps = read["applications"].data if "applications" in read else {}
    for r in (*_ROWS, T.RESULTS_TOTAL):
        row = _lookup(apps, r.key)
        for col, v in zip([*SIX, "total"], row or []):
            if isinstance(v, int):
                values[f"applications.{r.key}.{col}"] = v
    for key, row in (read["reviews"].data if "reviews" in read else {}).items():
        for col, v in zip([*OUTCOMES, "total"], row):
            if isinstance(v, int):
                values[f"review_litigation.{key}.{col}"] = v
    for key, v in (read["active"].data if "active" in read else {}).items():
        if isinstance(v, dict):
            values.update({f"active_disclosure.{key}.{c}": n for c, n in v.items()})
        elif isinstance(v, int):
            values[f"active_disclosure.{key}"] = v
    return values


def _lookup(apps: dict[str, Any], key: str) -> Any:
    for part in key.split("."):
        apps = apps.get(part) if isinstance(apps, dict) else None  # type: ignore[assignment]
    return apps


def _row_sum(key: str) -> dict[str, int]:
    return {f"applications.{key}.{c}": 1 for c in SIX}


def table_checks(values: dict[str, int]) -> list[Check]:
    """The sums the format guarantees, over the cells read (a check needs its typed cells)."""
    checks = []
    for r in (*_ROWS, T.RESULTS_TOTAL):
        total = f"applications.{r.key}.total"
        if total in values and r is not T.RESULTS_TOTAL:
            checks.append(Check({**_row_sum(r.key), total: -1}, 0, "ROWTOTAL", total, "本行各列之和"))
    for col in [*SIX, "total"]:
        typed = f"applications.results_total.{col}"
        if typed in values:
            cells = {f"applications.{r.key}.{c}": 1 for r in T.RESULT_ROWS for c in (SIX if col == "total" else [col])}
            checks.append(Check({**cells, typed: -1}, 0, "RESULTS", typed, "（一）至（六）各行之和"))
    typed = "applications.results_total.total"
    if typed in values and any(f"applications.{r.key}.total" in values for r in T.RESULT_ROWS):
        # the 总计 column as printed: （七）总计 = the results' typed 总计 (a row left blank: its six)
        terms = {f"applications.{r.key}.total": 1 for r in T.RESULT_ROWS if f"applications.{r.key}.total" in values}
        terms.update({f"applications.{r.key}.{c}": 1 for r in T.RESULT_ROWS
                      if f"applications.{r.key}.total" not in values for c in SIX})
        checks.append(Check({**terms, typed: -1}, 0, "RESULTS", PRINTED_COLUMN, "“总计”一栏各办理结果之和", printed=True))
    if any(p.startswith("applications.new.") for p in values):
        for col in SIX:
            terms = {f"applications.new.{col}": 1, f"applications.carried_over.{col}": 1,
                     f"applications.carried_forward.{col}": -1}
            terms.update({f"applications.{r.key}.{col}": -1 for r in T.RESULT_ROWS})
            checks.append(Check(terms, 0, "BALANCE", f"applications.carried_forward.{col}", "一加二减去（七）"))
    for key, _ in T.REVIEW_GROUPS:
        total = f"review_litigation.{key}.total"
        if total in values:
            terms = {f"review_litigation.{key}.{c}": 1 for c in OUTCOMES}
            checks.append(Check({**terms, total: -1}, 0, "REVIEWTOTAL", total, "四种结果之和"))
    return checks


def figure_cells(name: str) -> dict[str, int]:
    """The cells a figure the text may name is computed from ({applications.new.total} → the six)."""
    parts = name.split(".")
    if parts[0] == "applications":
        row, col = ".".join(parts[1:-1]), parts[-1]
        cols = SIX if col == "total" else [col]
        rows = [r.key for r in T.RESULT_ROWS] if row == "results_total" else \
            [r.key for r in T.GROUP_ROWS if r.key.startswith(row + ".")] or [row]
        return {f"applications.{r}.{c}": 1 for r in rows for c in cols}
    if parts[0] == "review_litigation":
        cols = OUTCOMES if parts[-1] == "total" else [parts[-1]]
        return {f"review_litigation.{parts[1]}.{c}": 1 for c in cols}
    return {name: 1} if parts[0] == "active_disclosure" else {}


def text_checks(values: dict[str, int], texts: list[Any]) -> list[Check]:
    """A typed figure of the text (受理申请36件) against the cells its figure is computed from."""
    from ..model import mentions as figures

    names = {f"applications.{r.key}.{c}" for r in (*_ROWS, T.RESULTS_TOTAL) for c in [*SIX, "total"]}
    names |= {f"applications.{g}.{c}" for g, _, _ in T.GROUPS for c in [*SIX, "total"]}
    names |= {f"review_litigation.{g}.{c}" for g, _ in T.REVIEW_GROUPS for c in [*OUTCOMES, "total"]}
    names |= {p for p in values if p.startswith("active_disclosure.")}
    known = {}
    for name in names:
        cells = figure_cells(name)
        if cells and all(p in values for p in cells):
            known[name] = str(sum(values[p] for p in cells))
    checks = []
    for text in texts:
        if not isinstance(text, str):
            continue
        for m in figures.mentions(text, known):
            if len(m.names) != 1 or m.value != m.value.to_integral_value():
                continue
            if any(m.value == sum(int(known[n]) for n in alt) for alt in m.alternatives if all(n in known for n in alt)):
                continue  # another right reading (受理 may include 上年结转) agrees
            cells = figure_cells(m.names[0])
            checks.append(Check(cells, -int(m.value), "TEXT", m.names[0], f"正文写的是 {m.value}"))
    return checks


def _marked(path: str, doubt: dict[str, str]) -> str:
    """The reader's doubt about a cell: its own, or its row's, or its table's."""
    while path:
        if path in doubt:
            return doubt[path]
        path = path.rsplit(".", 1)[0] if "." in path else ""
    return ""


def _holder(path: str, doubt: dict[str, str]) -> str:
    while path and path not in doubt:
        path = path.rsplit(".", 1)[0] if "." in path else ""
    return path


def _misread(read: int, want: int, is_total: bool) -> bool:
    """Whether `read` is what a misplaced reading of `want` gives: digits joined or lost, or a count lost."""
    if want < 0 or read == want:
        return False
    a, b = str(read), str(want)
    if read and want and (b in a or a in b):
        return True
    return read == 0 and want > 0 and not is_total


def run(imp: Imported, read: dict[str, Read], texts: list[Any]) -> None:
    """Mark the doubtful cells of `imp` (`imp.unsure`) and the findings they account for
    (`imp.explained`: (code, path or figure name))."""
    values = cell_values(read)
    doubt = {p: why for r in read.values() for p, why in r.doubt.items()}
    sums = table_checks(values)
    said = text_checks(values, texts)
    reasons: dict[str, list[str]] = {}
    for check in [*sums, *said]:
        e = check.residual(values)
        marked = [p for p in check.terms if _marked(p, doubt)]
        if e and marked:
            for p in marked:
                if p in doubt:
                    reasons.setdefault(p, []).append(_why(check, p, values, e))
                else:  # the row's or table's doubt: said once, there
                    reasons.setdefault(_holder(p, doubt), []).append(f"表中有合计对不上（{check.code}）")
            imp.explained.add(f"{check.code}:{check.finding}")
    failed = [c for c in sums if c.residual(values) and f"{c.code}:{c.finding}" not in imp.explained]
    if failed and not imp.exact:
        cell = _one_cell(failed, sums, values)
        if cell:
            path, want = cell
            reasons.setdefault(path, []).append(
                f"以 PDF 版面推断的格子读作 {values.get(path, 0)}，表中合计要求它是 {want}")
            for check in [*failed, *said]:
                if path in check.terms and check.residual({**values, path: want}) == 0:
                    imp.explained.add(f"{check.code}:{check.finding}")
                    if check.code == "TEXT":
                        reasons[path].append(check.says)
    _printed_column(imp, sums, values)
    for path, why in doubt.items():
        if path in values and path not in reasons:
            reasons[path] = []
    for path in sorted(set(reasons) | {p for p in doubt if p not in values}, key=_order):
        own = doubt.get(path) or _marked(path, doubt)
        text = "；".join(dict.fromkeys(([own] if own else []) + reasons.get(path, [])))
        imp.unsure[path] = text or "读取没有把握"
    _collapse(imp.unsure, doubt)
    for path, why in imp.unsure.items():
        imp.warn(f"读取没有把握：{path}：{why}。已在事实文件的 unsure: 下标出，请与原报告核对。", None, kind=UNSURE)
        imp.note(path, f"读取没有把握：{why}（见文件末尾的 unsure:）")


def _printed_column(imp: Imported, sums: list[Check], values: dict[str, int]) -> None:
    """RESULTS in the printed 总计 column: the results' typed 总计 do not add up to the typed （七）总计
    while the six columns do (so the facts file, whose row totals are computed, cannot show it: a
    row's wrong 总计 is its ROWTOTAL). Said as the report's slip unless a reading accounts for it."""
    column = next((c for c in sums if c.printed), None)
    six = next((c for c in sums if c.code == "RESULTS" and c.finding == "applications.results_total.total"
                and not c.printed), None)
    if column is None or not column.residual(values) or (six is not None and six.residual(values)) \
            or f"RESULTS:{PRINTED_COLUMN}" in imp.explained:
        return
    typed = values["applications.results_total.total"]
    added = typed + column.residual(values)
    rows = [r.printed for r in T.RESULT_ROWS if f"applications.{r.key}.total" in values
            and values[f"applications.{r.key}.total"] != sum(values.get(f"applications.{r.key}.{c}", 0) for c in SIX)]
    cause = f"（由“{rows[0]}”行的“总计”填错而来）" if len(rows) == 1 else ""
    text = (f"办理结果总计不符（RESULTS）：表“三、收到和处理政府信息公开申请情况”的“总计”一栏，（一）至（六）各行的“总计”"
            f"相加为 {added}，但“（七）总计”填的是 {typed}{cause}。")
    imp.warn(text, code="RESULTS")


def _why(check: Check, path: str, values: dict[str, int], e: int) -> str:
    if check.code == "TEXT":
        return check.says
    want = values.get(path, 0) - e * check.terms[path]
    return f"{check.says}要求它是 {want}"


def _one_cell(failed: list[Check], checks: list[Check], values: dict[str, int]) -> tuple[str, int] | None:
    """The one cell whose correction makes every failed check hold and breaks none, if its value
    reads as a misplaced reading of the corrected one."""
    found = []
    for path in set(failed[0].terms):
        if not all(path in c.terms for c in failed):
            continue
        d = -failed[0].residual(values) * failed[0].terms[path]
        after = {**values, path: values.get(path, 0) + d}
        if all(c.residual(after) == 0 for c in checks if path in c.terms or c in failed):
            found.append((path, after[path]))
    plausible = [(p, want) for p, want in found if _misread(values.get(p, 0), want, p.endswith(".total"))]
    return plausible[0] if len(plausible) == 1 else None


def _order(path: str) -> tuple[int, str]:
    top = path.split(".")[0]
    return (["active_disclosure", "applications", "review_litigation"].index(top) if top in
            ("active_disclosure", "applications", "review_litigation") else 3, path)


def _collapse(unsure: dict[str, str], doubt: dict[str, str]) -> None:
    """A table (or row) whose every cell is unsure for one reason (a scan read by OCR) is one entry."""
    for prefix in ("active_disclosure", "applications", "review_litigation"):
        cells = {p: w for p, w in unsure.items() if p.startswith(prefix + ".")}
        if len(cells) >= 12 and len(set(cells.values())) == 1 and len(cells) >= 0.9 * _cells_in(prefix):
            why = next(iter(cells.values()))
            for p in cells:
                del unsure[p]
            unsure[prefix] = why


def _cells_in(prefix: str) -> int:
    return {"active_disclosure": 11, "applications": 6 * len(_ROWS), "review_litigation": 15}[prefix]

