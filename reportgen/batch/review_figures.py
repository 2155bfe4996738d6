"""The key figures of a folder review (`check FOLDER`'s 审阅.html): which figures of the national
format a reviewer compares across agencies, each figure's state in one report (a number, 0 included;
a blank cell; 不适用; not read), the quartiles of a figure among the folder's agencies, a zero where
peers are large, a high outlier, and a jump against last year's folder. Pure: no I/O.

The figures are those of 国办公开办函〔2021〕30号's tables (model.formats.national_tables):
表三 一、本年新收 (总计), （七）总计 (办结: every result row), （一）予以公开, （三）不予公开 (its eight
items); 表四 行政复议 and 行政诉讼 (未经复议直接起诉 + 复议后起诉) totals; 表二 规章 and 行政规范性文件
(本年制发, 现行有效) and 行政事业性收费 (万元). A figure is the sum of the cells it is made of, as
printed (a typed 总计 that differs from its parts is a finding of the report's own)."""

from __future__ import annotations

import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ..model.formats import national_tables as T

NUMBER, ZERO, BLANK, NA, UNREAD = "number", "zero", "blank", "na", "unread"
STATE_LABELS = {NUMBER: "数值", ZERO: "0", BLANK: "空白", NA: "不适用", UNREAD: "未读出"}

# Jumps against last year (the issue's reviewers' rule: more than 5× or below 0.2× of last year), with
# the floors of the facts-file JUMP rule (model.yoy.jumps: a rise of at least 10, a fall from at least 5)
# so that 1 → 6 or 4 → 0 is not called a jump.
JUMP_UP, JUMP_DOWN = Decimal(5), Decimal("0.2")
MIN_RISE, MIN_LAST_FOR_FALL = Decimal(10), Decimal(5)
# A zero where peers are large: at least this many peers with a number, and three quarters of them
# large (their lower quartile at least this).
ZERO_MIN_PEERS, ZERO_PEER_FLOOR = 4, Decimal(10)
# A high outlier: above Q3 + 3 × IQR (Tukey's far-out fence), at least 10 above Q3, among 5 or more.
OUTLIER_IQR, OUTLIER_MIN_COUNT, OUTLIER_MIN_GAP = Decimal(3), 5, Decimal(10)


@dataclass(frozen=True)
class KeyFigure:
    key: str
    label: str
    where: str  # the table and row, as the report prints them
    leaves: tuple[str, ...]  # dotted paths of the cells summed (facts-file shape)
    unit: str = "件"
    rulemaking: bool = False  # 规章: 不适用 for an agency without rule-making power


def _app(rows: Sequence[str]) -> tuple[str, ...]:
    return tuple(f"applications.{r}.{c}" for r in rows for c, _ in T.APPLICANT_COLUMNS)


def _review(groups: Sequence[str]) -> tuple[str, ...]:
    return tuple(f"review_litigation.{g}.{c}" for g in groups for c, _ in T.OUTCOME_COLUMNS)


_RESULTS = [r.key for r in T.RESULT_ROWS]
_DENIED = [r.key for r in T.GROUP_ROWS if r.key.startswith("denied.")]
KEY_FIGURES: tuple[KeyFigure, ...] = (
    KeyFigure("new", "新收申请", "表三“一、本年新收政府信息公开申请数量”总计", _app([T.NEW.key])),
    KeyFigure("results", "办结", "表三“（七）总计”", _app(_RESULTS)),
    KeyFigure("granted", "予以公开", "表三“（一）予以公开”总计", _app([T.GRANTED.key])),
    KeyFigure("denied", "不予公开", "表三“（三）不予公开”各项总计", _app(_DENIED)),
    KeyFigure("review", "行政复议", "表四“行政复议”总计", _review(["review"])),
    KeyFigure("suits", "行政诉讼", "表四“行政诉讼”总计", _review(["direct_suit", "suit_after_review"])),
    KeyFigure("regs_issued", "规章制发", "表二“规章”本年制发件数", ("active_disclosure.regulations.issued",),
              rulemaking=True),
    KeyFigure("regs_in_force", "规章现行有效", "表二“规章”现行有效件数", ("active_disclosure.regulations.in_force",),
              rulemaking=True),
    KeyFigure("norms_issued", "规范性文件制发", "表二“行政规范性文件”本年制发件数",
              ("active_disclosure.normative_documents.issued",)),
    KeyFigure("norms_in_force", "规范性文件现行有效", "表二“行政规范性文件”现行有效件数",
              ("active_disclosure.normative_documents.in_force",)),
    KeyFigure("fees", "收费", "表二“行政事业性收费”本年收费金额", ("active_disclosure.fees",), unit="万元"),
)
BY_KEY = {f.key: f for f in KEY_FIGURES}


@dataclass(frozen=True)
class Figure:
    """One key figure of one report: its state (NUMBER, ZERO, BLANK, NA, UNREAD), the number (for
    NUMBER and ZERO; a BLANK with some cells printed holds their sum in `partial`), and why."""

    state: str
    value: Decimal | None = None
    note: str = ""  # why 不适用 / 未读出, or 其中 n 格空白
    unsure: bool = False  # a cell of it was read unsurely (compare with the original)

    @property
    def number(self) -> Decimal | None:
        return self.value if self.state in (NUMBER, ZERO) else None

    def text(self) -> str:
        """How the page and the sheet print it: the number, 空白, 不适用, 未读出."""
        if self.state in (NUMBER, ZERO):
            return _plain(self.value or Decimal(0))
        return STATE_LABELS[self.state]


def _plain(value: Decimal) -> str:
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def leaf(data: Mapping[str, Any], path: str) -> Any:
    """The value at a leaf path of facts-file data (a row of 表三 is a list of six counts, indexed by
    the column's key); None where nothing is."""
    node: Any = data
    for part in path.split("."):
        if isinstance(node, Mapping):
            node = node.get(part)
        elif isinstance(node, list):
            keys = [c for c, _ in T.APPLICANT_COLUMNS]
            node = node[keys.index(part)] if part in keys and keys.index(part) < len(node) else None
        else:
            return None
    return node


def figure_of(figure: KeyFigure, data: Mapping[str, Any], blank: set[str], unsure: bool,
              missing: str, rulemaking: bool) -> Figure:
    """The figure in one report's facts `data`: UNREAD with `missing` (why) when its table was not
    read; BLANK when every cell was printed blank (paths in `blank`); NA for 规章 of an agency without
    rule-making power when the row is 0; else the sum (ZERO or NUMBER, with the blank cells counted)."""
    if missing:
        return Figure(UNREAD, note=missing, unsure=unsure)
    values = [leaf(data, p) for p in figure.leaves]
    if any(v is None or isinstance(v, bool) or not isinstance(v, (int, Decimal, float)) for v in values):
        return Figure(UNREAD, note="表中没有读出这一项", unsure=unsure)
    blanks = sum(1 for p in figure.leaves if p in blank)
    total = sum((Decimal(str(v)) for v in values), Decimal(0))
    if blanks == len(figure.leaves):
        return Figure(BLANK, note="原表为空白（或“/”“—”），不是 0", unsure=unsure)
    if figure.rulemaking and not rulemaking and total == 0:
        return Figure(NA, Decimal(0), "没有规章制定权的机关不制定规章（表中为 0）", unsure)
    note = f"其中 {blanks} 格空白" if blanks else ""
    return Figure(ZERO if total == 0 else NUMBER, total, note, unsure)


def quartiles(values: Sequence[Decimal]) -> tuple[Decimal, Decimal, Decimal] | None:
    """(Q1, median, Q3) by linear interpolation between the sorted values, the way Excel's
    QUARTILE.INC counts (statistics.quantiles, method "inclusive"): position 1 + (n − 1) × p.
    None for fewer than 2 values."""
    if len(values) < 2:
        return None
    q1, q2, q3 = statistics.quantiles(sorted(values), n=4, method="inclusive")
    return Decimal(q1), Decimal(q2), Decimal(q3)


def standing(value: Decimal, q: tuple[Decimal, Decimal, Decimal]) -> str:
    """Where a value stands among its peers: 高于 Q3, 中位数至 Q3, Q1 至中位数, 低于 Q1."""
    q1, q2, q3 = q
    if value > q3:
        return "高于上四分位数"
    if value >= q2:
        return "中位数至上四分位数"
    if value >= q1:
        return "下四分位数至中位数"
    return "低于下四分位数"


def zero_among_large(value: Decimal, peers: Sequence[Decimal]) -> Decimal | None:
    """The peers' median when `value` is 0 while at least ZERO_MIN_PEERS other agencies have a
    number and three quarters of them are large (their lower quartile, QUARTILE.INC, is
    ZERO_PEER_FLOOR or more: a row most likely left out); else None."""
    q = quartiles(peers)
    if value != 0 or len(peers) < ZERO_MIN_PEERS or q is None:
        return None
    return q[1] if q[0] >= ZERO_PEER_FLOOR else None


def is_outlier(value: Decimal, q: tuple[Decimal, Decimal, Decimal], count: int) -> bool:
    """A value far above its peers: above Q3 + 3 × IQR and at least OUTLIER_MIN_GAP above Q3, among
    OUTLIER_MIN_COUNT agencies or more (Tukey's far-out fence; a digit typed twice looks so)."""
    q1, _, q3 = q
    return count >= OUTLIER_MIN_COUNT and value > q3 + OUTLIER_IQR * (q3 - q1) and value - q3 >= OUTLIER_MIN_GAP


def jump(now: Decimal, last: Decimal) -> str:
    """"" or how a figure jumped against last year's: more than 5 × last year's (and at least 10
    more), or below 0.2 × last year's (from 5 or more)."""
    if last > 0 and now > JUMP_UP * last and now - last >= MIN_RISE:
        return f"是上年（{_plain(last)}）的 {_plain((now / last).quantize(Decimal('0.1')))} 倍"
    if last >= MIN_LAST_FOR_FALL and now < JUMP_DOWN * last:
        return f"不到上年（{_plain(last)}）的五分之一"
    return ""


def agency_key(name: str) -> str:
    """An agency's name as matched across two folders: spaces and full-width forms ignored."""
    import unicodedata

    return "".join(unicodedata.normalize("NFKC", name).split())
