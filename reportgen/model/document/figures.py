"""Figures derived from typed ones, so a clerk never types a computed number: a share of one
figure in another (占比), a sum or a difference of figures, named in text as {figures.NAME}.

```yaml
figures:
  natural_share: {share: [applications.new.natural, applications.new.total], places: 2}   # → 71.91%
  web_and_media: {sum: [counts.website_items, counts.media_items]}                        # → 933
```
Operands are names a text can refer to ({counts.x}, {applications.new.total}, {requests.received}
…); an operand that is not a number, an unknown name or a share of 0 is an error at its place.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any, Callable

from ..containers import LabelledRecord, ListOf, MapOf, Record
from ..scalars import Amount, Count, Text

KINDS = {"share": "占比（前者占后者的百分比）", "sum": "合计", "difference": "差（前者减后者）"}


def figures_field() -> MapOf:
    """The `figures` field: derived figures by name, each a share (part of a whole, in %), a sum or
    a difference of figures a text can name, with the decimal places to round to."""
    operand = Text("引用的数", "可以在正文中引用的一个数的名称，例如 applications.new.total（不加花括号）")
    return MapOf("计算得出的数", Record("计算得出的数", {
        "share": ListOf("占比", operand, "[部分, 整体]：部分占整体的百分比，例如 [applications.granted.total, "
                                       "applications.results_total.total]", required=False, min_items=2),
        "sum": ListOf("合计", operand, "几个数的和", required=False, min_items=2),
        "difference": ListOf("差", operand, "[被减数, 减数]", required=False, min_items=2),
        "places": Count("小数位数", "结果保留几位小数（四舍五入）；占比默认 1 位，和与差默认与所引用的数相同",
                        maximum=6, required=False, setting=True),
    }), "由其他数计算得出、可在正文中用 {figures.名称} 引用的数：占比 share、合计 sum、差 difference",
        required=False, default=dict)


def amounts_field() -> MapOf:
    """The `amounts` field: amounts with decimals by name (a label, the value printed as typed, at
    most 6 decimal places, and a unit), named in the text as {amounts.NAME}."""
    return MapOf("金额", LabelledRecord("金额", {
        "label": Text("说明", "这个金额是什么，例如：政府信息公开工作经费"),
        "value": Amount("数值", "照写照印，最多 6 位小数，例如 1234.567891", places=6),
        "unit": Text("单位", "例如：万元、元", required=False, default=""),
    }), "带小数的金额（照写照印）；正文用 {amounts.名称} 引用", required=False, default=dict)


def amount_values(data: dict[str, Any]) -> dict[str, str]:
    """{amounts.NAME} → the amount exactly as typed (1234.567891 stays 1234.567891)."""
    return {f"amounts.{key}": format(item["value"], "f") for key, item in (data.get("amounts") or {}).items()
            if item and item.get("value") is not None}


def _number(text: str) -> Decimal | None:
    try:
        value = Decimal(text)
    except (InvalidOperation, TypeError):
        return None
    return value if value.is_finite() else None


def _kind(spec: dict[str, Any]) -> tuple[str, list[str]] | None:
    given = [(k, spec[k]) for k in KINDS if spec.get(k)]
    return given[0] if len(given) == 1 else None


def _broken_operand(spec: dict[str, Any]) -> bool:
    """An operand that failed validation (a list or a blank where a name belongs): its own error says so."""
    kind = _kind(spec)
    return kind is not None and not all(isinstance(o, str) for o in kind[1])


def compute(spec: dict[str, Any], values: dict[str, str]) -> tuple[str | None, str]:
    """(the figure as printed, "") or (None, why not, in Chinese)."""
    kind = _kind(spec)
    if kind is None:
        return None, "请在 share（占比）、sum（合计）、difference（差）中选一种，且只写一种。"
    name, operands = kind
    numbers: list[Decimal] = []
    for operand in operands:
        operand = operand.strip().strip("{}").strip()
        if operand not in values:
            return None, f"引用了不存在的数 {operand}。"
        number = _number(values[operand])
        if number is None:
            return None, f"{operand} 不是数（是“{values[operand]}”），不能参与计算。"
        numbers.append(number)
    places = spec.get("places")
    if name == "share":
        if len(numbers) != 2:
            return None, "占比要写两个数：[部分, 整体]。"
        if numbers[1] == 0:
            return None, f"整体 {operands[1]} 是 0，不能计算占比。"
        result = numbers[0] * 100 / numbers[1]
        return _round(result, 1 if places is None else places) + "%", ""
    if name == "difference" and len(numbers) != 2:
        return None, "差要写两个数：[被减数, 减数]。"
    result = numbers[0] - numbers[1] if name == "difference" else sum(numbers, Decimal(0))
    if places is None:
        places = max(-n.as_tuple().exponent for n in numbers) if numbers else 0  # type: ignore[operator]
        places = max(places, 0)
    return _round(result, places), ""


def _round(value: Decimal, places: int) -> str:
    quantum = Decimal(1).scaleb(-places)
    return format(value.quantize(quantum, rounding=ROUND_HALF_UP), "f")


def _operand(raw: str) -> str:
    return raw.strip().strip("{}").strip()


def _figure_operands(spec: dict[str, Any], pending: dict[str, Any]) -> list[str]:
    """The names of the figures still to compute that a figure's operands name (NAME, not figures.NAME)."""
    kind = _kind(spec)
    names = [_operand(o) for o in (kind[1] if kind else [])]
    return [n.removeprefix("figures.") for n in names if n.startswith("figures.") and n.removeprefix("figures.") in pending]


def _circle(name: str, pending: dict[str, Any]) -> str:
    """Why a figure left over once everything computable is computed cannot be: the circle it is in, or
    the figure of a circle it depends on."""
    path = [name]
    while True:
        following = _figure_operands(pending[path[-1]], pending)[0]
        if following in path:
            circle = path[path.index(following):] + [following]
            break
        path.append(following)
    if circle == [name, name]:
        return "它引用了它自己：请改为引用表格、counts 或 requests 中的数。"
    if name in circle:
        return ("引用形成了循环：" + " → ".join(f"figures.{n}" for n in circle)
                + "，这些数都无法计算：请让其中一个改为引用表格、counts 或 requests 中的数。")
    return ""  # it only uses a figure of a circle: that circle is the one mistake


def resolve(data: dict[str, Any], values: dict[str, str]) -> tuple[dict[str, str], dict[str, str]]:
    """Every derived figure of `data["figures"]`: ({"figures.NAME": printed value}, {NAME: why it cannot be
    computed, in Chinese; "" when it only uses another figure that cannot be}). A figure may use figures
    written before or after it; figures that refer to each other in a circle (or to themselves) are named
    as such, not as unknown names."""
    pending = {name: spec for name, spec in (data.get("figures") or {}).items() if spec}
    out: dict[str, str] = {}
    why: dict[str, str] = {}
    progress = True
    while pending and progress:
        progress = False
        for name, spec in list(pending.items()):
            if _broken_operand(spec):
                del pending[name]
                progress = True
                why[name] = ""  # its operand's own error is the one message
                continue
            if _figure_operands(spec, pending):
                continue  # waits for a figure it uses
            del pending[name]
            progress = True
            kind = _kind(spec)
            failed = [_operand(o) for o in (kind[1] if kind else [])
                      if _operand(o).removeprefix("figures.") in why and _operand(o).startswith("figures.")]
            if failed:
                why[name] = ""  # it only uses a figure that cannot be computed: that one is the mistake
                continue
            value, reason = compute(spec, {**values, **out})
            if value is None:
                why[name] = reason
            else:
                out[f"figures.{name}"] = value
    for name in pending:
        why[name] = _circle(name, pending)
    return out, why


def figure_values(data: dict[str, Any], values: dict[str, str]) -> dict[str, str]:
    """{figures.NAME} → printed value, for every figure that can be computed (others are problems,
    see `figure_problems`)."""
    return resolve(data, values)[0]


_MONEY = ("元", "万元")


def mixed_money(spec: dict[str, Any], units: dict[str, str]) -> str:
    """Why a sum or difference cannot be taken: an amount of money with a figure in another unit (万元 with
    元, 元 with 件), in Chinese; "" when the units agree, or are not money, or are not known."""
    kind = _kind(spec)
    if kind is None or kind[0] == "share":
        return ""
    named = [(o, units.get(o, "")) for o in map(_operand, kind[1])]
    found = {u for _, u in named if u}
    if len(found) < 2 or not found & set(_MONEY):
        return ""
    said = "，".join(f"{o} 的单位是{u}" for o, u in named if u)
    return f"单位不同，不能相加减：{said}。请只用同一单位的数（金额请先换算成同一单位，写在 amounts 中）。"


def figure_problems(data: dict[str, Any], values: dict[str, str],
                    problem: Callable[[str, str], Any], unsure: frozenset[str] = frozenset(),
                    units: dict[str, str] | None = None) -> list[Any]:
    """One problem per figure that cannot be computed, in file order: `problem(path, message)` makes it.
    `unsure`: names that are missing only because of an error reported elsewhere (a table row with a
    blank count), or "top." for any name under a top-level field with such an error: a figure that uses
    one is not a second error. `units` (name → 件, 元, 万元 …): a sum or difference of money in another unit is
    one too (mixed_money)."""
    figures = {name: spec for name, spec in (data.get("figures") or {}).items() if spec}
    _, why = resolve(data, values)
    found = []
    for name, spec in figures.items():
        if name not in why and units and mixed_money(spec, units):
            kind = _kind(spec)
            found.append(problem(f"figures.{name}.{kind[0]}" if kind else f"figures.{name}",
                                 f"无法计算 {{figures.{name}}}：{mixed_money(spec, units or {})}"))
            continue
        if not why.get(name):
            continue
        kind = _kind(spec)
        if kind and any(_operand(o) not in values and (_operand(o) in unsure or _operand(o).split(".")[0] + "." in unsure)
                        for o in kind[1]):
            continue
        found.append(problem(f"figures.{name}.{kind[0]}" if kind else f"figures.{name}",
                             f"无法计算 {{figures.{name}}}：{why[name]}"))
    return found


def figure_units(data: dict[str, Any]) -> dict[str, str]:
    """{amounts.NAME: its `unit` ("" when none)} and {figures.NAME: "%"} for shares: the unit TEXT compares a
    typed number in (a sum has no unit of its own)."""
    units = {f"amounts.{key}": (item or {}).get("unit") or "" for key, item in (data.get("amounts") or {}).items()}
    units.update({f"figures.{name}": "%" for name, spec in (data.get("figures") or {}).items() if (spec or {}).get("share")})
    return units


__all__ = ["amounts_field", "amount_values", "figures_field", "figure_values", "figure_problems", "figure_units", "compute",
           "resolve", "KINDS"]


