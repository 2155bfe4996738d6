"""Imported facts → the text of a facts file: keys in the documented order, table rows on one
line each as `reportgen new` writes them, and every note as a `# 导入：` comment above its value
(`reportgen new` removes those notes: they are about the report read, not next year's).

Written as text, with PyYAML quoting each text value: ruamel.yaml's round trip keeps the comments
of a file it read, which a fresh file has none of, and its YAML 1.2 leaves `yes`/`on` unquoted,
which the PyYAML loader reads as booleans."""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal
from typing import Any

import yaml

from ..load.yaml_text import comment, is_one_line, quoted
from ..model.formats.national_2021 import amount_text
from .recognize import Imported

_ROW_COMMENTS = {
    "new": "一、本年新收政府信息公开申请数量", "carried_over": "二、上年结转政府信息公开申请数量",
    "granted": "（一）予以公开", "partially_granted": "（二）部分公开", "denied": "（三）不予公开",
    "unable": "（四）无法提供", "not_processed": "（五）不予处理", "other_handling": "（六）其他处理",
    "results_total": "（七）总计（原表所填，与各行之和不符）", "carried_forward": "四、结转下年度继续办理",
    "overview": "一、总体情况", "active_disclosure": "二、主动公开政府信息情况",
    "applications": "三、收到和处理政府信息公开申请情况（各行六个数：自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他）",
    "review_litigation": "四、政府信息公开行政复议、行政诉讼情况", "problems": "五、存在的主要问题及改进情况",
    "other_matters": "六、其他需要报告的事项", "processing_fee": "信息处理费（元）",
    "unsure": "读取没有把握的数（与原报告核对后删去那一条）",
}


def scalar(value: Any) -> str:
    """One value as YAML text for a facts file: "" for None (a count left to fill), true/false, an
    integer, an amount as `amount_text` writes it, a date as YYYY-MM-DD, and text as PyYAML quotes it
    (plain where it can be; a text starting with { or [ is double-quoted, never read as a mapping)."""
    if value is None:  # a count left to fill, as `reportgen new` leaves it
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Decimal):
        return amount_text(value)
    if isinstance(value, _dt.date):  # a date printed with a slip the check reads (structure.PrintedDate) as printed
        return getattr(value, "printed", "") or value.isoformat()
    text = yaml.safe_dump(str(value), allow_unicode=True, width=1 << 30, default_flow_style=True)
    text = text[:-len("\n...\n")] if text.endswith("\n...\n") else text.rstrip("\n")
    if not is_one_line(text) or text.startswith(("{", "[")):
        # PyYAML writes NEL, U+2028 and line ends raw (read back changed, or refused by the loader);
        # a text starting with { or [ would be read as a mapping: double-quoted, every one escaped.
        return quoted(str(value))
    return text


def _flow(value: Any) -> str | None:
    """A row of counts on one line: [1, 2, 3] or {upheld: 1, …}; None for anything else."""
    if isinstance(value, list) and value and all(isinstance(v, int) and not isinstance(v, bool) for v in value):
        return "[" + ", ".join(str(v) for v in value) + "]"
    if isinstance(value, dict) and value and all(v is None or isinstance(v, int) and not isinstance(v, bool)
                                                 for v in value.values()):
        return "{" + ", ".join(f"{k}: {'' if v is None else v}" for k, v in value.items()) + "}"
    return None


def facts_text(imp: Imported) -> str:
    """The imported facts as the text of a facts file (UTF-8, \\n line ends): a header naming the
    source report and its layout, then every key in the order of `imp.data`, each note of
    `imp.notes` as a `# 导入：` comment above the value it is about."""
    lines = [
        f"# 由 reportgen import 从 {comment(imp.source.name)} 导入：{comment(imp.layout or '叙述式年度报告')}。",
        "# 以“导入：”开头的注释是导入时不确定、需要核对的地方；核对后可删去注释。",
    ]
    for note in imp.notes.get("", []):
        lines.append(f"# 导入：{comment(note)}")
    _mapping(imp.data, "", 0, lines, imp)
    return "\n".join(lines) + "\n"


def _comments(path: str, indent: int, lines: list[str], imp: Imported) -> None:
    pad = " " * indent
    for note in imp.notes.get(path, []):
        lines.append(f"{pad}# 导入：{comment(note)}")


def _mapping(data: dict[str, Any], path: str, indent: int, lines: list[str], imp: Imported) -> None:
    pad = " " * indent
    for key, value in data.items():
        sub = f"{path}.{key}" if path else key
        if not path and key in _ROW_COMMENTS:
            lines.append(f"{pad}# {_ROW_COMMENTS[key]}")
        _comments(sub, indent, lines, imp)
        # notes on the cells of a row sit above the row
        for cell_path, notes in imp.notes.items():
            if cell_path.startswith(sub + ".") and cell_path.count(".") == sub.count(".") + 1 and _flow(value) is not None:
                for note in notes:
                    lines.append(f"{pad}# 导入：{comment(cell_path.rsplit('.', 1)[1])}：{comment(note)}")
        trailer = f"   # {_ROW_COMMENTS[key]}" if path.startswith("applications") and key in _ROW_COMMENTS else ""
        flow = _flow(value)
        if flow is not None:
            lines.append(f"{pad}{key}: {flow}{trailer}")
        elif isinstance(value, dict):
            if not value:
                lines.append(f"{pad}{key}: {{}}")
                continue
            lines.append(f"{pad}{key}:{trailer}")
            _mapping(value, sub, indent + 2, lines, imp)
        elif isinstance(value, list):
            if not value:
                lines.append(f"{pad}{key}: []")
                continue
            lines.append(f"{pad}{key}:")
            _sequence(value, sub, indent + 2, lines, imp)
        else:
            lines.append(f"{pad}{key}: {scalar(value)}")


def _sequence(items: list[Any], path: str, indent: int, lines: list[str], imp: Imported) -> None:
    pad = " " * indent
    for i, item in enumerate(items):
        if isinstance(item, dict):
            inner: list[str] = []
            _mapping(item, f"{path}[{i}]", indent + 2, inner, imp)
            first = next(n for n, line in enumerate(inner) if not line.lstrip().startswith("#"))
            lines += inner[:first]
            lines.append(f"{pad}- " + inner[first][indent + 2:])
            lines += inner[first + 1:]
        elif isinstance(item, list):  # a row of an attachment's table: its cells on one line
            cells = ", ".join(quoted(c) if isinstance(c, str) else scalar(c) for c in item)
            lines.append(f"{pad}- {_flow(item) or '[' + cells + ']'}")
        else:
            lines.append(f"{pad}- {scalar(item)}")
