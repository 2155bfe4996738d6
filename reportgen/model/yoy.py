"""Year over year: each figure's change from last year, as report text. Pure, no I/O.

A text may name, for any figure {X} it can name, {X.last_year} (last year's figure),
{X.change} (比上年增加5件 / 比上年减少3件 / 与上年持平) and {X.growth} (增长8.1% / 下降3.2% / 增幅为0).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal

SUFFIXES = ("last_year", "change", "growth")
_NUMBER = re.compile(r"^\d+(\.\d+)?$")
_NOT_FIGURES = {"year", "next_year"}


def figures(values: Mapping[str, str]) -> list[str]:
    """The names whose value is a figure that can change from year to year."""
    return [name for name, value in values.items() if name not in _NOT_FIGURES and _NUMBER.match(value)]


def names(values: Mapping[str, str]) -> set[str]:
    """Every year-over-year name of the figures of `values` ({X.last_year}, {X.change}, {X.growth})."""
    return {f"{name}.{suffix}" for name in figures(values) for suffix in SUFFIXES}


def is_yoy(name: str) -> bool:
    """Whether `name` is a year-over-year name (ends in .last_year, .change or .growth)."""
    return name.rsplit(".", 1)[-1] in SUFFIXES


def _plain(number: Decimal) -> str:
    text = format(number, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def change_text(now: Decimal, last: Decimal, unit: str = "") -> str:
    """The change from `last` to `now` as report text: 比上年增加5件, 比上年减少3件, 与上年持平
    (`unit` after the number)."""
    diff = now - last
    if diff > 0:
        return f"比上年增加{_plain(diff)}{unit}"
    if diff < 0:
        return f"比上年减少{_plain(-diff)}{unit}"
    return "与上年持平"


def growth_text(now: Decimal, last: Decimal) -> str:
    """增长8.1% / 下降3.2% / 增幅为0 (only when nothing changed) / 上年为0: the change in per cent of
    last year's figure, rounded half up to one decimal, or to the first non-zero digit."""
    if last == 0:
        return "增幅为0" if now == 0 else "上年为0"
    exact = (now - last) / last * 100
    # 四舍五入 (ROUND_HALF_UP, as people round, never to even) to one decimal, or more when a change
    # would otherwise print as 0 (增长0.04% is a change; 增幅为0 is reserved for none).
    places = Decimal("0.1")
    pct = exact.quantize(places, rounding=ROUND_HALF_UP)
    while pct == 0 and exact != 0 and places > Decimal("0.000001"):
        places /= 10
        pct = exact.quantize(places, rounding=ROUND_HALF_UP)
    if pct > 0:
        return f"增长{_plain(pct)}%"
    if pct < 0:
        return f"下降{_plain(-pct)}%"
    return "增幅为0"


def values(now: Mapping[str, str], last: Mapping[str, str], units: Mapping[str, str]) -> dict[str, str]:
    """The year-over-year texts of every figure known in both years."""
    out: dict[str, str] = {}
    for name in figures(now):
        if name not in last or not _NUMBER.match(last[name]):
            continue
        a, b = Decimal(now[name]), Decimal(last[name])
        out[f"{name}.last_year"] = last[name]
        out[f"{name}.change"] = change_text(a, b, units.get(name, ""))
        out[f"{name}.growth"] = growth_text(a, b)
    return out


def jumps(now: Mapping[str, str], last: Mapping[str, str]) -> list[tuple[str, Decimal, Decimal]]:
    """Figures that look mistyped: ten times last year's or more, or fallen to zero. Only
    totals and single figures are compared (a column of a table row is too small to judge)."""
    found = []
    for name in figures(now):
        if name not in last or not _NUMBER.match(last[name]):
            continue
        if name.startswith(("applications.", "review_litigation.")) and not name.endswith(".total"):
            continue
        a, b = Decimal(now[name]), Decimal(last[name])
        if (b > 0 and a >= 10 * b and a - b >= 10) or (b >= 5 and a == 0):
            found.append((name, a, b))
    return found
