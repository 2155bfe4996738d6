"""A folder review (`check FOLDER`'s 审阅.html and the 审阅 sheet): what each report gave (`Entry`: its
findings and its key figures, no facts), gathered one report at a time (`FolderReview.add`), and
laid out for the reader (`FolderReview.review`): the top risks first (the reports' own errors, then
readings to verify against the original, then odd figures), the agencies ranked by findings with each
finding's place and kind, each key figure's standing among the agencies of the folder's year, jumps
against last year's folder, and 0, blank, 不适用 and 未读出 counted apart. Pure: no I/O."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from .review_figures import (ZERO_PEER_FLOOR, BLANK, BY_KEY, KEY_FIGURES, NA, UNREAD, ZERO, Figure, agency_key, is_outlier, jump,
                             quartiles, standing, zero_among_large)

REPORT, UNSURE, PUBLICATION = "report", "unsure", "publication"  # importer.notices' kinds, as strings
KIND_LABELS = {REPORT: "报告中的问题", UNSURE: "读取没有把握", PUBLICATION: "发布"}


@dataclass(frozen=True)
class Said:
    """One finding of a report: error or warning, kind, rule code, message (as `check` prints it)."""

    error: bool
    kind: str
    code: str
    message: str

    @property
    def label(self) -> str:
        return f"{'错误' if self.error else '警告'}（{KIND_LABELS.get(self.kind, self.kind)}）"

    @property
    def place(self) -> str:
        return place(self.message)


@dataclass
class Entry:
    """What the review keeps of one report."""

    file: str
    agency: str
    year: int | None
    outcome: str
    findings: list[Said]
    figures: dict[str, Figure]

    @property
    def name(self) -> str:
        return self.agency or "（机关名称没有读出）"

    def count(self, *, error: bool | None = None, kind: str | None = None) -> int:
        return sum(1 for f in self.findings if (error is None or f.error == error) and (kind is None or f.kind == kind))


_TABLE = re.compile(r"表“?([一二三四])、[^”]*”?(?:的?“([^”]+)”(?:行|一栏|项)?)?(?:的?“([^”]+)”(?:列|一栏)?)?")
_PART = re.compile(r"[（(]见“([^”]+)”[)）]|“([一二三四五六][、．.][^”]{1,30})”")
_PARAGRAPH = re.compile(r"第\s*(\d+)\s*段")


def place(message: str) -> str:
    """Where a finding is, as its message names it: 表三 ·（二）部分公开 · 总计 (the table, row and
    column), 一、总体情况（二）依申请公开 · 第 2 段 (the part and paragraph), or 全文 when it names none."""
    m = _TABLE.search(message)
    if m:
        return " · ".join(x for x in (f"表{m.group(1)}", m.group(2), m.group(3)) if x)
    m = _PART.search(message)
    if m:
        para = _PARAGRAPH.search(message)
        return (m.group(1) or m.group(2)) + (f" · 第 {para.group(1)} 段" if para else "")
    return "全文"


@dataclass
class Cell:
    """One key figure of one agency as printed: text, CSS class, a note (the title of the cell)."""

    text: str
    cls: str = ""
    note: str = ""
    value: Decimal | None = None


@dataclass
class Standing:
    """One key figure among the agencies of the folder's year."""

    key: str
    label: str
    where: str
    unit: str
    count: int  # agencies with a number (0 included)
    q: tuple[Decimal, Decimal, Decimal] | None
    states: dict[str, int]  # ZERO, BLANK, NA, UNREAD: reports of the whole folder in each


@dataclass
class Risk:
    group: str  # 报告中的错误, 请对照原报告核对, 数字异常
    agency: str
    file: str
    place: str
    message: str


@dataclass
class Review:
    folder: str
    year: int | None  # the year the standings compare (most reports have it)
    entries: list[Entry]  # ranked by findings: errors, then warnings, then file name
    risks: list[Risk]
    standings: list[Standing]
    cells: dict[str, dict[str, Cell]]  # file → figure key → cell
    jumps: list[Risk]
    previous: str = ""  # last year's folder, when given
    matched: int = 0  # agencies found in last year's folder
    unmatched: list[str] = field(default_factory=list)
    compared: list[str] = field(default_factory=list)  # files whose figures are in the standings

    @property
    def title(self) -> str:
        """The page's and the sheet's title: 政府信息公开工作年度报告审阅（20 份，2025年度）; when the
        reports are not all of the compared year, how many are (（20 份，其中 17 份为2025年度）); no
        year when none was read. The folder's own name is a detail shown below it, not the title."""
        return f"政府信息公开工作年度报告审阅（{self.subtitle}）"

    @property
    def subtitle(self) -> str:
        """The part of `title` in brackets: 20 份，2025年度."""
        count = f"{len(self.entries)} 份"
        if self.year is None:
            return count
        of_year = sum(1 for e in self.entries if e.year == self.year)
        if of_year == len(self.entries):
            return f"{count}，{self.year}年度"
        return f"{count}，其中 {of_year} 份为{self.year}年度"


RISK_GROUPS = ("报告中的错误", "请对照原报告核对", "数字异常")


@dataclass
class FolderReview:
    """The entries of a folder check, added in file-name order, and last year's figures by agency."""

    folder: str
    entries: list[Entry] = field(default_factory=list)
    previous: dict[str, dict[str, Figure]] = field(default_factory=dict)
    previous_folder: str = ""
    written: list[Path] = field(default_factory=list)  # the page and the workbook: never read as reports

    def add(self, entry: Entry) -> None:
        """Keep one report's entry (findings and key figures, a few hundred bytes)."""
        self.entries.append(entry)

    def add_previous(self, agency: str, figures: dict[str, Figure]) -> None:
        """Last year's key figures of `agency` (the first report of that agency counts)."""
        self.previous.setdefault(agency_key(agency), figures)

    def review(self) -> Review:
        """The review laid out for the page and the sheet (see the module's docstring)."""
        years = Counter(e.year for e in self.entries if e.year is not None
                        and any(f.number is not None for f in e.figures.values()))
        year = max(years, key=lambda y: (years[y], y)) if years else None
        peers: dict[str, Entry] = {}
        for e in self.entries:  # one report per agency compared (the first with figures)
            if e.year == year and any(f.number is not None for f in e.figures.values()):
                peers.setdefault(agency_key(e.agency) or e.file, e)
        compared = [e.file for e in peers.values()]
        cells: dict[str, dict[str, Cell]] = {e.file: {} for e in self.entries}
        standings, odd = [], []
        for kf in KEY_FIGURES:
            values = [(e, e.figures[kf.key].number) for e in peers.values() if e.figures[kf.key].number is not None]
            numbers = [v for _, v in values if v is not None]
            q = quartiles(numbers)
            states = Counter(e.figures[kf.key].state for e in self.entries)
            standings.append(Standing(kf.key, kf.label, kf.where, kf.unit, len(numbers), q,
                                      {s: states.get(s, 0) for s in (ZERO, BLANK, NA, UNREAD)}))
            for e in self.entries:
                fig = e.figures[kf.key]
                cell = Cell(fig.text(), fig.state, fig.note, fig.number)
                if fig.unsure:
                    cell.cls += " unsure"
                    cell.note = "；".join(x for x in (cell.note, "读取没有把握，请对照原报告") if x)
                v = fig.number
                if e.file in compared and v is not None and q is not None:
                    where = standing(v, q)
                    cell.note = "；".join(x for x in (cell.note, where) if x)
                    cell.cls += " high" if where.startswith("高于") else (" low" if where.startswith("低于") else "")
                    others = [n for o, n in values if o is not e and n is not None]
                    median = zero_among_large(v, others)
                    if median is not None:
                        cell.cls += " flag"
                        cell.note += f"；其他机关的中位数是 {plain(median)}"
                        odd.append(Risk(RISK_GROUPS[2], e.name, e.file, kf.where,
                                        f"{kf.label}为 0，而其他 {len(others)} 个机关中四分之三以上不少于 {plain(ZERO_PEER_FLOOR)}{kf.unit}"
                                        f"（中位数 {plain(median)}{kf.unit}）："
                                        "请核对是否漏填或填错了行。"))
                    elif is_outlier(v, q, len(numbers)):
                        cell.cls += " flag"
                        odd.append(Risk(RISK_GROUPS[2], e.name, e.file, kf.where,
                                        f"{kf.label}为 {plain(v)}{kf.unit}，远高于其他机关（上四分位数 {plain(q[2])}，"
                                        f"中位数 {plain(q[1])}）：请核对是否多打了一位数。"))
                elif e.file not in compared and v is not None:
                    cell.cls += " other"
                    cell.note = "；".join(x for x in (cell.note, "不参与比较（其他年度或同一机关的另一份报告）") if x)
                cells[e.file][kf.key] = cell
        jumps, matched, unmatched = self._jumps(cells)
        ranked = sorted(self.entries, key=lambda e: (-e.count(error=True), -e.count(error=False), e.file))
        return Review(self.folder, year, ranked, self._risks(ranked) + odd + jumps, standings, cells, jumps,
                      self.previous_folder, matched, unmatched, compared)

    def _jumps(self, cells: dict[str, dict[str, Cell]]) -> tuple[list[Risk], int, list[str]]:
        if not self.previous_folder:
            return [], 0, []
        found, matched, unmatched = [], 0, []
        for e in self.entries:
            last = self.previous.get(agency_key(e.agency)) if e.agency else None
            if last is None:
                if e.agency:
                    unmatched.append(e.agency)
                continue
            matched += 1
            for kf in KEY_FIGURES:
                now, before = e.figures[kf.key].number, last[kf.key].number
                how = jump(now, before) if now is not None and before is not None else ""
                if how:
                    cell = cells[e.file][kf.key]
                    cell.cls += " jump"
                    cell.note = "；".join(x for x in (cell.note, how) if x)
                    found.append(Risk(RISK_GROUPS[2], e.name, e.file, kf.where,
                                      f"与上年相比：{kf.label}今年 {plain(now)}{kf.unit}，{how}：请核对。"))
        return found, matched, unmatched

    @staticmethod
    def _risks(ranked: list[Entry]) -> list[Risk]:
        errors, doubts = [], []
        for e in ranked:
            for f in e.findings:
                if f.kind == REPORT and f.error:
                    errors.append(Risk(RISK_GROUPS[0], e.name, e.file, f.place, f.message))
                elif f.kind == UNSURE or f.code in ("READ", "SCAN"):
                    doubts.append(Risk(RISK_GROUPS[1], e.name, e.file, f.place, f.message))
        return errors + doubts


def figure_label(key: str) -> str:
    """A key figure's short label (新收申请 …)."""
    return BY_KEY[key].label


def plain(value: Decimal) -> str:
    """A number as printed: 12, 3.5 (no trailing zeros)."""
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text
