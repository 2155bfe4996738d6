"""Typed figures in the imported text that are a table figure become references, so next year's
text follows next year's tables: 「全年新收政府信息公开申请79件」 → 「…申请{applications.new.total}件」.

The phrases are recognised by `reportgen.model.mentions` — the same recognition as the TEXT check —
and a figure is replaced only where the typed number agrees with the table (`figures.agrees`) and
names one figure; a number that disagrees stays typed, so the check reports it (TEXT)."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from .imported import Imported

_TABLE_FIGURES = ("applications.", "active_disclosure.", "review_litigation.", "processing_fee")
_PROSE_KEYS = {"preamble", "overview", "problems", "other_matters", "intro", "sections", "closing"}
_NOT_PROSE = {"heading", "style", "run_in", "numbering"}


def figures_to_references(imp: Imported) -> int:
    """Replace, in place, the agreeing typed table figures of `imp`'s text; how many were replaced.
    Nothing is replaced when the imported facts do not validate (their figures are not known)."""
    from ..model import mentions as figures
    from ..errors import FactsError
    from ..checks.run import load_facts
    from .write import facts_text

    with tempfile.TemporaryDirectory(prefix="reportgen-import-") as tmp:
        path = Path(tmp) / "facts.yaml"
        path.write_text(facts_text(imp), encoding="utf-8")
        try:
            known = load_facts(path).references
        except FactsError as exc:
            if any(p.is_error for p in exc.problems):
                return 0
            raise
    known = {k: v for k, v in known.items() if k.startswith(_TABLE_FIGURES)}
    count = 0

    def replace(text: str) -> str:
        nonlocal count
        for m in reversed(figures.mentions(text, known)):
            if len(m.names) == 1 and figures.agrees(m, known):
                text = text[:m.start] + "{" + m.names[0] + "}" + text[m.end:]
                count += 1
        return text

    for key in _PROSE_KEYS & set(imp.data):
        imp.data[key] = _walk(imp.data[key], replace)
    if count:
        imp.note("", f"正文中 {count} 处与表格一致的数字已改为引用（如 {{applications.new.total}}），明年的正文随明年的表格变化")
    return count


def requests_from_text(imp: Imported) -> int:
    """A narrative report's 依申请公开 figures typed in prose (受理申请15件, 同意公开9件 …) become its
    `requests` block, and the text names them ({requests.received}); a figure typed twice with two
    values stays typed. Returns how many figures the block holds."""
    from decimal import Decimal

    from ..model import mentions as figures
    from ..model.formats.narrative_requests import REQUEST_FIGURES

    if imp.data.get("format") != "narrative-2011":
        return 0
    names = {f"requests.{key}": key for key, *_ in REQUEST_FIGURES}
    placeholder = {name: "0" for name in names}
    seen: dict[str, set[Decimal]] = {}

    def collect(text: str) -> str:
        for m in figures.mentions(text, placeholder):
            if len(m.names) == 1:
                seen.setdefault(m.names[0], set()).add(m.value)
        return text

    for key in _PROSE_KEYS & set(imp.data):
        _walk(imp.data[key], collect)
    values = {name: next(iter(vals)) for name, vals in seen.items() if len(vals) == 1}
    values = {name: v for name, v in values.items() if names[name] == "fees" or v == v.to_integral_value()}
    if not values:
        return 0

    def replace(text: str) -> str:
        for m in reversed(figures.mentions(text, placeholder)):
            if len(m.names) == 1 and m.names[0] in values:
                text = text[:m.start] + "{" + m.names[0] + "}" + text[m.end:]
        return text

    for key in _PROSE_KEYS & set(imp.data):
        imp.data[key] = _walk(imp.data[key], replace)
    block = {names[name]: (v if names[name] == "fees" else int(v))
             for name, v in sorted(values.items(), key=lambda kv: list(names).index(kv[0]))}
    data = {}
    for key, value in imp.data.items():
        if key == "intro":
            data["requests"] = block
        data[key] = value
    imp.data = data
    imp.note("requests", "依申请公开的数字取自正文（受理、办结、同意公开……），正文改为引用：请核对")
    return len(block)


def _walk(value: Any, replace: Any) -> Any:
    if isinstance(value, str):
        return replace(value)
    if isinstance(value, list):
        return [_walk(v, replace) for v in value]
    if isinstance(value, dict):
        return {k: (v if k in _NOT_PROSE else _walk(v, replace)) for k, v in value.items()}
    return value
