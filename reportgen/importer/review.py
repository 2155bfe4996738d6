"""Check a published report without writing a facts file: import it, run the registry's checks
(reportgen.checks.registry) on the facts it wrote, and keep the findings of every rule declared to
apply to a published report, each worded for the report by its rule (BALANCE, the totals, TEXT, PUNCT,
the ○ date, DEADLINE when the date is printed …); add what the import itself found (blanks read as 0,
miscopied labels, an older layout, unsure readings) and whether the format fits the year. A folder
gives a roll-up, one row per report (`rollup_row`, written by review_folder).

Every finding has a kind (`notices`): the report's own slip (报告中的问题), an unsure reading
(读取没有把握: a figure we could not read surely, or a table not found — compare with the original),
or about the publication (发布: late). A check that a reading accounts for (`crosscheck`) is not
shown as a slip; a report with unsure readings is never shown as plain 通过. Messages speak of the
report, never of a facts file the reviewer did not write."""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import FactsError, Problem, Severity
from .notices import KIND_LABELS, PUBLICATION, REPORT, UNSURE
from .imported import Imported
from .read_docx import ReadError
from .recognize import import_document
from .scan import check_finding, inspect, rollup_label
from .write import facts_text


@dataclass
class Finding:
    severity: Severity
    code: str
    message: str
    kind: str = REPORT  # notices.REPORT, UNSURE or PUBLICATION

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    @property
    def label(self) -> str:
        """错误（报告中的问题）, 警告（读取没有把握）, …"""
        return f"{'错误' if self.is_error else '警告'}（{KIND_LABELS[self.kind]}）"

    def format(self, name: str) -> str:
        return f"{name}: {self.label}：{self.message}"


@dataclass
class ReportCheck:
    source: Path
    findings: list[Finding] = field(default_factory=list)
    imported: Imported | None = None
    unreadable: str = ""  # why the file could not be read at all
    scan: str = ""  # a scanned PDF (or pages of one), as the roll-up says it (see scan.rollup_label)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.is_error]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if not f.is_error]

    def of_kind(self, kind: str) -> list[Finding]:
        return [f for f in self.findings if f.kind == kind]


def _finding(p: Problem) -> Finding | None:
    """A finding of `load_facts` on the facts the import wrote, as the report gets it: by its rule's
    declaration (reportgen.checks.registry) — worded for the report, or None when the rule does not
    apply to a published report or the import says it itself (by_import). A code that is no rule
    (how a facts file is written: unknown-field …) means the import wrote something the schema
    refuses: a bug of ours, said plainly."""
    from ..checks.registry import rule
    from ..checks.wording import plain

    found = rule(p.code)
    if found is None:
        return Finding(Severity.ERROR, "INTERNAL", f"导入结果无法检查（{p.format(show_source=False)}）", UNSURE)
    if found.report is None or found.report.by_import:
        return None
    message = (found.report.wording or plain)(p)
    return None if message is None else Finding(p.severity, p.code, message, found.report.kind)


def check_report(path: str | Path, *, read: Path | None = None, ocr: bool = False,
                 rules: str | Path | None = None) -> ReportCheck:
    """Every finding on one published report (.docx, .doc, .wps, .html, .pdf). `read` is the file
    to read instead, when `path` (a .doc) was already converted (see review_folder). A scanned
    PDF is a SCAN finding, its figures read by OCR when `ocr` and not checked otherwise. `rules`: a
    local rules file whose rules apply too (its own mistakes are errors at its line and column)."""
    from ..checks.run import load_facts

    from ..load.entries import not_regular

    path = Path(path)
    result = ReportCheck(path)
    odd = not_regular(path)  # never opened: a named pipe would wait forever
    if odd:
        result.unreadable = f"这个文件{odd}。"
        result.findings.append(Finding(Severity.ERROR, "READ", f"无法读取：{result.unreadable}", PUBLICATION))
        return result
    scan = inspect(path) if path.suffix.lower() == ".pdf" else None
    if scan is not None and scan.kind != "text":  # about the publication, not the figures (see scan)
        result.findings.append(Finding(Severity.WARNING, "SCAN", check_finding(scan, path, ocr), PUBLICATION))
        result.scan = rollup_label(scan, ocr)
        if scan.unreadable and not ocr:
            return result
    try:
        imp = import_document(read or path, ocr=ocr)
        imp.source = path
    except ReadError as exc:
        result.unreadable = str(exc)
        result.findings.append(Finding(Severity.ERROR, "READ", f"无法读取：{exc}", PUBLICATION))
        return result
    result.imported = imp
    trial_year = _trial_year(imp)
    result.findings += [Finding(Severity.ERROR if n.error else Severity.WARNING, n.code, n.report, n.kind)
                        for n in imp.notices if n.report and not (trial_year and n.code == "FORMAT")]
    result.findings += _unsure_findings(imp)
    with tempfile.TemporaryDirectory(prefix="reportgen-check-") as tmp:
        facts_path = Path(tmp) / "facts.yaml"
        facts_path.write_text(facts_text(imp), encoding="utf-8")
        try:
            problems = list(load_facts(facts_path, display_name=path.name, rules=rules).warnings)
        except FactsError as exc:
            problems = list(exc.problems)
    for p in problems:
        finding = None if _accounted(p, imp) else _finding(p)
        if finding is not None:
            result.findings.append(finding)
    result.findings += _format_for_year(imp)
    return result


def _accounted(p: Problem, imp: Imported) -> bool:
    """A problem said otherwise: a check an unsure reading accounts for (said in its UNSURE finding),
    the blanks of a table not found (said once, as that), and a date the report does not print (the
    import's placeholder: said once, that the date was not found)."""
    if any(p.path == t or p.path.startswith(t + ".") for t in imp.missing_tables):
        return True
    if not imp.date_known and p.path == "signed":
        return True
    if p.code == "PART" and 1 in imp.missing_sections:
        return True  # 一、总体情况 itself was not found: said so once, not as five missing parts
    if p.code == "TEXT":
        from ..checks.text_figures import figure_name

        names = [e.split(":", 1)[1] for e in imp.explained if e.startswith("TEXT:")]
        return any(_figure_name(figure_name, n) in p.message for n in names)
    return f"{p.code}:{p.path}" in imp.explained


def _figure_name(figure_name, name: str) -> str:  # type: ignore[no-untyped-def]
    try:
        return str(figure_name(None, name))
    except (AttributeError, KeyError, TypeError):
        return name


def _unsure_findings(imp: Imported) -> list[Finding]:
    """One finding per figure read unsurely: where it is in the report, and why."""
    from ..model.formats import FORMATS
    from ..model.unsure import figure_text

    schema = FORMATS[imp.data["format"]].schema
    return [Finding(Severity.WARNING, "UNSURE", f"{figure_text(schema, path)}没有把握读对："
                    f"{_PLEASE_CHECK.sub('', why)}。请对照原报告核对。", UNSURE) for path, why in imp.unsure.items()]


# The readers end a note with 请核对; the finding says it once, at its end.
_PLEASE_CHECK = re.compile(r"[，,；;]?\s*请核对$")


# The formats as a reviewer's finding names them (model.deadlines.format_for_year's names; "" the 2019 trial).
_FORMAT_NAMES = {"national-2021": "全国统一格式（国办公开办函〔2021〕30号）", "": "2019 年试行格式（国办公开办函〔2019〕60号）"}


def _format_for_year(imp: Imported) -> list[Finding]:
    """FORMAT: the format a report of its year must use (model.deadlines.format_for_year: 2008 条例
    narrative until the 2018 report; 国办公开办函〔2019〕60号 for 2019–2020; 〔2021〕30号 from 2021).
    A report due in a tabled format with no statutory table at all is an error: nothing was checked."""
    from ..model.deadlines import format_for_year

    year = imp.data.get("year")
    if not isinstance(year, int):
        return []
    layout = imp.layout or "叙述式年度报告"
    due = format_for_year(year)[0]
    used = "" if "2019" in layout else imp.data.get("format")
    if used == due:
        return []
    if due == "narrative-2011":
        return [Finding(Severity.WARNING, "FORMAT", f"{year} 年度报告早于统一表格格式，这份报告却用了统一格式的表格：请核对年度。")]
    if used == "narrative-2011":  # no statutory table at all
        return [Finding(Severity.ERROR, "FORMAT", f"{year} 年度报告应使用{_FORMAT_NAMES[due]}，这份报告里却没有找到统一格式的表格"
                        "（主动公开、依申请公开、行政复议和行政诉讼三张表）：原报告确实没有这些表格的，是没有按统一格式写；"
                        "原报告有的，可能是文件不完整（如网页只保存了一部分）或表格是图片，这些数没有检查：请对照原报告核对。")]
    described = layout if used == "" else "2021 年的格式"
    return [Finding(Severity.WARNING, "FORMAT", f"{year} 年度报告应使用{_FORMAT_NAMES[due]}，这份报告用的是{described}。")]


def _trial_year(imp: Imported) -> bool:
    """Whether the report's year is one of the 2019 trial format (2019, 2020): the import's notices of
    a table in the trial layout (code FORMAT) are then no slip, only how the figures were read."""
    from ..model.deadlines import format_for_year

    year = imp.data.get("year")
    return isinstance(year, int) and format_for_year(year)[0] == "" and year >= 2019


def report_files(folder: Path) -> list[Path]:
    """The published reports in `folder` (not its subfolders) that check reads (`reading.READABLE`),
    in file-name order; Office's lock files (~$…) and hidden files left out. An entry named like a
    report that is no regular file (a symbolic link that loops or points to nothing, a named pipe)
    is listed too: check_report says why it is not read (load.entries), a row of the roll-up."""
    from ..load.entries import not_regular
    from .reading import READABLE

    return sorted(p for p in folder.iterdir() if p.suffix.lower() in READABLE and not p.name.startswith(("~$", "."))
                  and (p.is_file() or not p.is_dir() and not_regular(p)))


ROLLUP_COLUMNS = ["文件", "机关", "年度", "报告格式", "结果", "错误", "警告", "报告中的问题", "读取没有把握", "发布",
                  "发现的问题"]


def outcome(check: ReportCheck) -> str:
    """无法读取, 有错误, 读取没有把握 (never plain 通过 while a reading is unsure), 有警告, 通过; a scan's
    outcome starts with what the scan is (扫描件，数字未检查：…), so it never reads as plain 通过."""
    if check.scan:
        return f"{check.scan}：{_outcome(check)}"
    return _outcome(check)


def _outcome(check: ReportCheck) -> str:
    if check.unreadable:
        return "无法读取"
    if check.errors:
        return "有错误"
    if check.of_kind(UNSURE):
        return "读取没有把握，待核对"
    return "有警告" if check.warnings else "通过"


def rollup_row(check: ReportCheck) -> dict[str, str]:
    """One report's row of the roll-up (the columns of ROLLUP_COLUMNS): file, agency, year, format,
    outcome, the findings counted by severity and by kind, and every finding's text."""
    imp = check.imported
    data = imp.data if imp else {}
    return {
        "文件": check.source.name,
        "机关": str((data.get("agency") or {}).get("name", "")),
        "年度": str(data.get("year", "")),
        "报告格式": (imp.layout or "叙述式年度报告") if imp else "",
        "结果": outcome(check),
        "错误": str(len(check.errors)),
        "警告": str(len(check.warnings)),
        "报告中的问题": str(len(check.of_kind(REPORT))),
        "读取没有把握": str(len(check.of_kind(UNSURE))),
        "发布": str(len(check.of_kind(PUBLICATION))),
        "发现的问题": "\n".join(f"{f.label}：{f.message}" for f in check.findings),
    }
