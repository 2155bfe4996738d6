"""What a clerk does between `reportgen init` and `reportgen check`: fill every blank of the file,
by editing its text (not through reportgen's loader), the way tests/test_docs.py's `fill_in` stands
for filling a file from `new`.

A blank is a line whose value is empty: `key:` with only a comment after it, a list item `-`
with only a comment, or a `~` in a one-line row such as `{issued: ~, repealed: ~}` (what `new` leaves). Each is filled by what its key path is: the two names and the date as text,
a paragraph as text, every other value a count. The counts are 0 except the few in COUNTS, chosen
by hand so the tables add up (5 new applications, 3 granted, 2 carried forward: 5 + 0 = 3 + 2);
the texts name some of the figures so the report's text can be compared with its tables.
"""

from __future__ import annotations

import re
from pathlib import Path

BLANK_KEY = re.compile(r"^(?P<indent> *)(?P<key>[a-z_]+):(?P<gap>[ \t]*)(?P<comment>#.*)?$")
BLANK_ITEM = re.compile(r"^(?P<indent> *)-(?P<gap>[ \t]+)(?P<comment>#.*)$")
# A row `new` writes on one line, its blanks as YAML's "nothing": `regulations: {issued: ~, repealed: ~}  # 上年：…`
FLOW_ROW = re.compile(r"^(?P<indent> *)(?P<key>[a-z_]+): \{(?P<items>[^}]*)\}(?P<rest>.*)$")
FLOW_BLANK = re.compile(r"(?P<key>[a-z_]+): ~")

COUNTS = {
    "applications.new.natural": "5",
    "applications.granted.natural": "3",
    "applications.carried_forward.natural": "2",
    "active_disclosure.licensing": "12",
    "active_disclosure.normative_documents.in_force": "7",
    "active_disclosure.fees": "1.5",
}
TEXTS = {
    "agency.name": "示例市测试局",
    "agency.short_name": "市测试局",
    "agency.self_name": "我局",
    "signed": "2026-01-18",
    "preamble": "本报告根据《中华人民共和国政府信息公开条例》要求编制，统计期限为{year}年1月1日至12月31日。",
    "overview.intro": "{year}年，{agency.short_name}认真贯彻落实《中华人民共和国政府信息公开条例》，推进政务公开。",
    "overview.active": "全年作出行政许可决定{active_disclosure.licensing}件，现行有效行政规范性文件{active_disclosure.normative_documents.in_force}件。",
    "overview.requests": "全年新收政府信息公开申请{applications.new.total}件，予以公开{applications.granted.total}件，结转下年度继续办理{applications.carried_forward.total}件。",
    "overview.management": "严格落实公开前保密审查制度，动态调整政府信息公开目录。",
    "overview.platforms": "持续优化门户网站，完善政策文件栏目。",
    "overview.oversight": "将政务公开纳入年度绩效考核，开展业务培训。",
    "problems": "主动公开的深度还需拓展。下一步，{agency.self_name}将加强业务培训，提高公开质量。",
    "other_matters": "{agency.self_name}无其他需要报告的事项。",
}


def fill(path: Path) -> int:
    """Fill every blank of the facts file at `path` in place; the number of blanks filled."""
    lines = path.read_text(encoding="utf-8").split("\n")
    keys: list[tuple[int, str]] = []  # (indent, key) of the mappings above the current line
    filled = 0
    for i, line in enumerate(lines):
        item, key, row = BLANK_ITEM.match(line), BLANK_KEY.match(line), FLOW_ROW.match(line)
        if row and FLOW_BLANK.search(row["items"]):
            where = ".".join([k for n, k in keys if n < len(row["indent"])] + [row["key"]])
            items, n = FLOW_BLANK.subn(lambda m: f"{m['key']}: {COUNTS.get(where + '.' + m['key'], '0')}", row["items"])
            lines[i] = f"{row['indent']}{row['key']}: {{{items}}}{row['rest']}"
            filled += n
            continue
        if item:
            parent = ".".join(k for _, k in keys)
            lines[i] = f"{item['indent']}- {quote(TEXTS[parent])}{item['gap']}{item['comment']}"
            filled += 1
            continue
        if not key or line.lstrip().startswith("#"):
            continue
        indent = len(key["indent"])
        keys = [(n, k) for n, k in keys if n < indent] + [(indent, key["key"])]
        is_parent = i + 1 < len(lines) and _indent_of_next(lines, i) > indent
        if is_parent:
            continue
        where = ".".join(k for _, k in keys)
        value = quote(TEXTS[where]) if where in TEXTS else COUNTS.get(where, "0")
        lines[i] = f"{key['indent']}{key['key']}: {value}{key['gap'] or ' '}{key['comment'] or ''}".rstrip()
        filled += 1
    path.write_text("\n".join(lines), encoding="utf-8")
    return filled


def _indent_of_next(lines: list[str], i: int) -> int:
    for line in lines[i + 1:]:
        if line.strip() and not line.lstrip().startswith("#"):
            return len(line) - len(line.lstrip(" "))
    return 0


def quote(text: str) -> str:
    """A YAML double-quoted scalar (the texts start with { or hold a colon)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
