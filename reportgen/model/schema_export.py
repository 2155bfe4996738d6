"""The JSON Schema of facts files, for editors: VS Code's YAML extension reads it (offline) to
complete keys and show each field's Chinese name and description as the clerk types."""

from __future__ import annotations

import json
from typing import Any

from .containers import ListOf, MapOf, OneOf, Record
from .formats import FORMATS
from .formats.national_2021 import CountRow
from .scalars import Amount, Choice, Count, Date, Flag, Text
from .schema import Field

SCHEMA_ID = "https://reportgen.invalid/facts.schema.json"
DIALECT = "https://json-schema.org/draft/2020-12/schema"


def _doc(field: Field) -> dict[str, str]:
    out = {"title": field.label}
    if field.doc:
        out["description"] = field.doc
    return out


def field_schema(field: Field) -> dict[str, Any]:
    """The JSON Schema of one field, titled with its Chinese label."""
    if hasattr(field, "json_schema"):  # a field of its own kind (reportgen.model.document.fields) says how
        return field.json_schema(field_schema)
    if isinstance(field, CountRow):
        n = len(field.columns)
        names = "、".join(name for _, name in field.columns)
        return {**_doc(field), "anyOf": [
            {"type": "array", "items": {"type": "integer", "minimum": 0}, "minItems": n, "maxItems": n + 1,
             "description": f"依次为：{names}（可再加总计）"},
            {"type": "object", "additionalProperties": False, "required": [k for k, _ in field.columns],
             "properties": {k: field_schema(sub) for k, sub in field.cells.items()}},
        ]}
    if isinstance(field, Record):
        out = {**_doc(field), "type": "object", "additionalProperties": False,
               "required": [k for k, f in field.fields.items() if f.required and not hasattr(f, "not_needed_when")],
               "properties": {k: field_schema(f) for k, f in field.fields.items()}}
        # a field needed unless a sibling says otherwise (signed, unless show_date: false)
        for key, sub in field.fields.items():
            if sub.required and hasattr(sub, "not_needed_when"):
                other, value = sub.not_needed_when
                out.setdefault("allOf", []).append({
                    "if": {"properties": {other: {"const": value}}, "required": [other]},
                    "else": {"required": [key]}})
        return out
    if isinstance(field, MapOf):
        return {**_doc(field), "type": "object", "additionalProperties": False,
                "patternProperties": {"^[A-Za-z_][A-Za-z0-9_]*$": field_schema(field.item)}}
    if isinstance(field, ListOf):
        array = {"type": "array", "items": field_schema(field.item)}
        if field.min_items:
            array["minItems"] = field.min_items
        if field.accept_single:
            return {**_doc(field), "anyOf": [array, field_schema(field.item)]}
        return {**_doc(field), **array}
    if isinstance(field, OneOf):
        return {**_doc(field), "anyOf": [field_schema(field.text), *(field_schema(r) for r in field.records.values())]}
    if isinstance(field, Choice):
        return {**_doc(field), "enum": list(field.choices),
                "description": (field.doc + "：" if field.doc else "") + "；".join(f"{k}：{v}" for k, v in field.choices.items())}
    if isinstance(field, Flag):
        return {**_doc(field), "type": "boolean"}
    if isinstance(field, Count):
        return {**_doc(field), "type": "integer", "minimum": field.minimum, "maximum": field.maximum}
    if isinstance(field, Amount):
        return {**_doc(field), "type": "number", "minimum": 0}
    if isinstance(field, Date):
        return {**_doc(field), "type": "string",
                "pattern": r"^\d{4}([-./])\d{1,2}\1\d{1,2}$|^\d{4}年\d{1,2}月\d{1,2}日$"}
    if isinstance(field, Text):
        schema: dict[str, Any] = {**_doc(field), "type": "string"}
        if field.max_length:
            schema["maxLength"] = field.max_length
        if field.single_line:  # one line: no line break or control character inside (scalars._one_line)
            schema["pattern"] = ONE_LINE_PATTERN
        return schema
    raise TypeError(f"no JSON Schema for {type(field).__name__}")


#: The pattern of a one-line text: no line break or control character inside (surrounding white space,
#: a `|` block's last line end among it, is dropped by the check).
ONE_LINE_PATTERN = r"^\s*[^\u0000-\u001f\u007f-\u009f\u2028\u2029]*\s*$"


def facts_schema() -> dict[str, Any]:
    """One schema for every format: the file's `format:` picks the branch."""
    branches = []
    for name, fmt in FORMATS.items():
        branch = field_schema(fmt.schema)
        branch["title"] = f"{fmt.label}（format: {name}）"
        branch["properties"]["format"] = {**branch["properties"]["format"], "const": name}
        branches.append(branch)
    return {
        "$schema": DIALECT,
        "$id": SCHEMA_ID,
        "title": "政府信息公开工作年度报告事实文件",
        "description": "reportgen 的事实文件：一个机关一年的事实。format 字段决定报告格式。",
        "oneOf": branches,
    }


def facts_schema_text() -> str:
    """The JSON Schema of facts files (`facts_schema`) as the text of reportgen.schema.json."""
    return json.dumps(facts_schema(), ensure_ascii=False, indent=2, sort_keys=False) + "\n"
