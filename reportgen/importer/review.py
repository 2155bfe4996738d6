"""Check a published report without writing a facts file: import it, run every check the facts
would get (BALANCE, typed totals ROWTOTAL/RESULTS/REVIEWTOTAL, TEXT, RULEMAKING, DEADLINE when
the date is known), add what the import itself found (blanks read as 0, miscopied labels, an
older layout) and whether the format fits the year. A folder gives a roll-up, one row per report."""

from __future__ import annotations

import csv
import io
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import FactsError, Problem, Severity
from .recognize import Imported, ReadError, import_document
from .write import facts_text


@dataclass
class Finding:
    severity: Severity
    code: str
    message: str

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def format(self, name: str) -> str:
        return f"{name}: {'错误' if self.is_error else '警告'}：{self.message}"


@dataclass
class ReportCheck:
    source: Path
    findings: list[Finding] = field(default_factory=list)
    imported: Imported | None = None
    unreadable: str = ""  # why the file could not be read at all

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.is_error]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if not f.is_error]


# Where a text sits, named as the report prints it.
_PLACES = {
    "preamble": "前言", "overview.intro": "一、总体情况", "overview.active": "一、总体情况（一）主动公开",
    "overview.requests": "一、总体情况（二）依申请公开", "overview.management": "一、总体情况（三）政府信息管理",
    "overview.platforms": "一、总体情况（四）政府信息公开平台建设", "overview.oversight": "一、总体情况（五）监督保障",
    "problems": "五、存在的主要问题及改进情况", "other_matters": "六、其他需要报告的事项",
}
_FACTS_HINT = re.compile(r"[A-Za-z_]{4,}|\{|程序计算|删去不填|--previous")
_DROP = {"PUNCT"}  # typography of the published text, not the reviewer's concern


def _plain(problem: Problem) -> str:
    """A check's message without the advice meant for someone editing a facts file."""
    sentences = [s for s in re.split(r"(?<=。)", problem.message) if s]
    kept = [s for s in sentences if not _FACTS_HINT.search(s)] or sentences[:1]
    text = "".join(kept)
    place = next((label for path, label in _PLACES.items() if problem.path.startswith(path)), "")
    m = re.match(r"sections\[(\d+)\]", problem.path)
    if m:  # a narrative report's part, by its number
        from ..model.text import chinese_numeral

        place = f"{chinese_numeral(int(m.group(1)) + 1)}、"
    return f"{text}（见“{place}”）" if place and problem.code == "TEXT" else text


def check_report(path: str | Path, *, read: Path | None = None) -> ReportCheck:
    """Every finding on one published report (.docx, .doc, .wps, .html, .pdf). `read` is the file
    to read instead, when `path` (a .doc) was already converted (see `check_folder`)."""
    from ..checks.run import load_facts

    path = Path(path)
    result = ReportCheck(path)
    try:
        imp = import_document(read or path)
        imp.source = path
    except ReadError as exc:
        result.unreadable = str(exc)
        result.findings.append(Finding(Severity.ERROR, "READ", f"无法读取：{exc}"))
        return result
    result.imported = imp
    result.findings += [Finding(Severity.WARNING, "IMPORT", w) for w in imp.warnings]
    with tempfile.TemporaryDirectory(prefix="reportgen-check-") as tmp:
        facts_path = Path(tmp) / "facts.yaml"
        facts_path.write_text(facts_text(imp), encoding="utf-8")
        try:
            problems = list(load_facts(facts_path, display_name=path.name).warnings)
        except FactsError as exc:
            problems = list(exc.problems)
    for p in problems:
        if p.code in _DROP or (not imp.date_known and p.code in ("DEADLINE", "SIGNED")):
            continue
        if p.code and p.code.isupper():
            result.findings.append(Finding(p.severity, p.code, _plain(p)))
        else:  # the import wrote something the schema refuses: a bug of ours, said plainly
            result.findings.append(Finding(Severity.ERROR, "INTERNAL", f"导入结果无法检查（{p.format(show_source=False)}）"))
    result.findings += _format_for_year(imp)
    return result


def _format_for_year(imp: Imported) -> list[Finding]:
    """FORMAT: the format a report of its year must use (2008 条例: narrative until the 2018
    report; 国办公开办函〔2019〕60号 for 2019–2020; 国办公开办函〔2021〕30号 from 2021)."""
    year = imp.data.get("year")
    if not isinstance(year, int):
        return []
    layout = imp.layout or "叙述式年度报告"
    trial = "2019" in layout
    national = imp.data.get("format") == "national-2021"
    if year >= 2021 and (trial or not national):
        return [Finding(Severity.WARNING, "FORMAT", f"{year} 年度报告应使用全国统一格式（国办公开办函〔2021〕30号），"
                                                    f"这份报告用的是{layout}。")]
    if 2019 <= year <= 2020 and national and not trial:
        return [Finding(Severity.WARNING, "FORMAT", f"{year} 年度报告应使用 2019 年试行格式（国办公开办函〔2019〕60号），"
                                                    "这份报告用的是 2021 年的格式。")]
    if year <= 2018 and national:
        return [Finding(Severity.WARNING, "FORMAT", f"{year} 年度报告早于统一表格格式，这份报告却用了统一格式的表格：请核对年度。")]
    return []


def check_folder(folder: Path) -> list[ReportCheck]:
    """Every report in a folder (not its subfolders), in file-name order. The .doc and .wps files
    are converted to .docx in one LibreOffice call first (one start instead of one per file)."""
    files = report_files(folder)
    old = [p for p in files if p.suffix.lower() in (".doc", ".wps")]
    converted: dict[Path, Path] = {}
    with tempfile.TemporaryDirectory(prefix="reportgen-check-") as tmp:
        if old:
            from ..publish.libreoffice import PdfError, convert_files

            try:
                for source, out in zip(old, convert_files(old, Path(tmp), "docx:MS Word 2007 XML")):
                    converted[source] = out
            except PdfError:
                pass  # each is tried alone below, and says why it failed
        return [check_report(p, read=converted.get(p)) for p in files]


def report_files(folder: Path) -> list[Path]:
    from . import READABLE

    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in READABLE
                  and not p.name.startswith(("~$", ".")))


ROLLUP_COLUMNS = ["文件", "机关", "年度", "报告格式", "结果", "错误", "警告", "发现的问题"]


def rollup_row(check: ReportCheck) -> dict[str, str]:
    imp = check.imported
    data = imp.data if imp else {}
    if check.unreadable:
        outcome = "无法读取"
    else:
        outcome = "有错误" if check.errors else ("有警告" if check.warnings else "通过")
    return {
        "文件": check.source.name,
        "机关": str((data.get("agency") or {}).get("name", "")),
        "年度": str(data.get("year", "")),
        "报告格式": (imp.layout or "叙述式年度报告") if imp else "",
        "结果": outcome,
        "错误": str(len(check.errors)),
        "警告": str(len(check.warnings)),
        "发现的问题": "\n".join(f"{'错误' if f.is_error else '警告'}：{f.message}" for f in check.findings),
    }


def rollup_text(checks: list[ReportCheck]) -> str:
    """CSV (with a BOM, so Excel opens the Chinese headers) of one row per report."""
    from ..batch.rollup_csv import excel_text as _cell

    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=ROLLUP_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for check in checks:
        writer.writerow({k: _cell(v) for k, v in rollup_row(check).items()})
    return "\ufeff" + buffer.getvalue()
