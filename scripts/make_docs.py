#!/usr/bin/env python3
"""Write the parts of the guides that come from the code, between their markers:

    docs/用户指南.md
    <!-- BEGIN generated: keys -->      … <!-- END generated: keys -->       every facts-file key,
                                                                            from `reportgen schema`
    <!-- BEGIN generated: rules -->     … <!-- END generated: rules -->      every rule, from the checks
                                                                            registry (reportgen.checks.registry)
    <!-- BEGIN generated: commands -->  … <!-- END generated: commands -->   every command and option,
                                                                            from the command's own help
    docs/审核指南.md
    <!-- BEGIN generated: report-rules --> … <!-- END generated: report-rules -->  the rules a published
                                                                            report gets, from the registry

    python scripts/make_docs.py           # rewrite the guides' generated parts
    python scripts/make_docs.py --check   # exit 1 (and say which guide) when one is stale

The key table is read from the JSON Schema the `reportgen schema` command prints (its Chinese titles
and descriptions are the schema's own), so a key added to the schema is a row here once this script
runs; the rule tables from reportgen.checks.listing (each rule's declaration), so a rule added to the
registry is a row here; tests/test_docs.py fails while a committed guide differs from what this script
writes.

Structures that recur (a paragraph, a section, a table row of six numbers, the numbering styles) are
described once: a later key of the same shape says 写法同 `the first one`.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

# A one-line text's pattern, as reportgen.model.schema_export.ONE_LINE_PATTERN writes it into the schema.
ONE_LINE_PATTERN = r"^\s*[^\u0000-\u001f\u007f-\u009f\u2028\u2029]*\s*$"

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "docs" / "用户指南.md"
REVIEW = ROOT / "docs" / "审核指南.md"
NAME = "名称"  # a key the clerk names (meetings.名称, counts.名称 …)
Row = tuple[str, str, str, str]  # key path, Chinese title, what to write, description


def facts_schema() -> dict[str, Any]:
    """The JSON Schema as `reportgen schema` prints it (the command, so this script does not
    depend on where the schema's module lives)."""
    out = subprocess.run([sys.executable, "-m", "reportgen", "schema"], capture_output=True, check=True)
    return json.loads(out.stdout.decode("utf-8"))


# --- shapes -------------------------------------------------------------------------------------

def _is_paragraph(node: dict[str, Any]) -> bool:
    """A paragraph: text, or points (`points:`), or inline points (`inline_points:`)."""
    variants = node.get("anyOf", [])
    props = [set(v.get("properties", {})) for v in variants]
    return any("points" in p for p in props) and all(
        v.get("type") == "string" or {"points", "inline_points"} & p for v, p in zip(variants, props))


def _is_paragraph_list(node: dict[str, Any]) -> bool:
    """One paragraph or a list of them."""
    if node.get("type") == "array":
        return _is_paragraph(node.get("items", {}))
    variants = node.get("anyOf", [])
    return len(variants) == 2 and _is_paragraph_list(variants[0]) and _is_paragraph(variants[1])


def _variants(node: dict[str, Any]) -> list[dict[str, Any]]:
    """The alternatives a node allows, nested anyOf flattened (a paragraph is one alternative)."""
    if "anyOf" not in node or _is_paragraph(node) or _is_paragraph_list(node):
        return [node]
    return [v for sub in node["anyOf"] for v in _variants(sub)]


def _count_row(node: dict[str, Any]) -> dict[str, Any] | None:
    """The array variant of a table row (six numbers, or four), when the node is one."""
    variants = node.get("anyOf", [])
    if len(variants) == 2 and variants[0].get("type") == "array" and variants[1].get("type") == "object" \
            and variants[0].get("items", {}).get("type") == "integer":
        return variants[0]
    return None


def kind(node: dict[str, Any]) -> str:
    """What to write for a key, in Chinese."""
    if _is_paragraph_list(node):
        return "一段或几段（见“段落的写法”）"
    if _is_paragraph(node):
        return "一段（见“段落的写法”）"
    row = _count_row(node)
    if row is not None:
        return f"一行 {row['minItems']} 个数，或按列写（见“三张法定表格”）"
    if "anyOf" in node:
        kinds: list[str] = []
        for variant in node["anyOf"]:
            k = kind(variant)
            if k not in kinds:
                kinds.append(k)
        return "；或 ".join(kinds)
    if "enum" in node:
        return "、".join(f"`{v}`" for v in node["enum"]) + ("（选一个）" if len(node["enum"]) > 1 else "")
    t = node.get("type")
    if t == "boolean":
        return "`true` 或 `false`"
    if t == "integer":
        low, high = node.get("minimum"), node.get("maximum")
        return f"整数（{low}–{high}）" if low and high else "整数"
    if t == "number":
        return "数，可有小数"
    if t == "string":
        one = "一行" if node.get("pattern") == ONE_LINE_PATTERN else ""
        if "pattern" in node and not one:
            return "日期"
        return f"{one}文字（最多 {node['maxLength']} 字）" if "maxLength" in node else f"{one}文字"
    if t == "array":
        return "列表，每项：" + kind(node.get("items", {}))
    if t == "object":
        return "下一级字段（见下）" if "properties" in node else f"下一级：`{NAME}:` 各一项（见下）"
    raise ValueError(f"no wording for {node}")


def _objects(node: dict[str, Any], path: str) -> list[tuple[str, dict[str, Any]]]:
    """The objects below a key whose own keys get rows: (path, object). Paragraphs have none here:
    they are described once, in 段落的写法."""
    found = []
    for variant in _variants(node):
        if _is_paragraph(variant) or _is_paragraph_list(variant):
            continue
        if variant.get("type") == "object" and ("properties" in variant or "patternProperties" in variant):
            found.append((path, variant))
        elif variant.get("type") == "array":
            found += _objects(variant.get("items", {}), path + "[]")
    return found


def _signature(obj: dict[str, Any]) -> tuple[str, ...]:
    return tuple(sorted(obj.get("properties", {})))


def _cell(text: str) -> str:
    return re.sub(r"\s+", " ", text).replace("|", "\\|").strip()


def rows(obj: dict[str, Any], path: str, seen: dict[tuple[str, ...], str], only: set[str] | None = None) -> list[Row]:
    """One row per key of `obj`, then the rows of the keys below it; a shape seen before (same keys,
    at least two) is not listed again but referred to."""
    out: list[Row] = []
    keys = list(obj.get("properties", {}).items()) + [(NAME, v) for v in obj.get("patternProperties", {}).values()]
    for name, sub in keys:
        if only is not None and name not in only:
            continue
        here = f"{path}.{name}" if path else name
        description, what = sub.get("description", ""), kind(sub)
        below: list[Row] = []
        for at, child in _objects(sub, here):
            sig = _signature(child)
            if len(sig) >= 2 and sig in seen:
                description += f"{'；' if description else ''}下一级写法同 `{seen[sig]}`"
                what = what.replace("（见下）", "")
                continue
            if len(sig) >= 2:
                seen[sig] = at
            below += rows(child, at, seen)
        out.append((here, sub.get("title", ""), what, description))
        out += below
    return out


def table(found: list[Row]) -> str:
    lines = ["| 字段 | 名称 | 怎么写 | 说明 |", "|---|---|---|---|"]
    lines += [f"| `{p}` | {_cell(t)} | {_cell(k)} | {_cell(d)} |" for p, t, k, d in found]
    return "\n".join(lines)


def _paragraph_node(schema: dict[str, Any]) -> dict[str, Any]:
    def find(node: Any) -> dict[str, Any] | None:
        if isinstance(node, dict):
            if _is_paragraph(node):
                return node
            for value in node.values():
                hit = find(value)
                if hit:
                    return hit
        elif isinstance(node, list):
            for value in node:
                hit = find(value)
                if hit:
                    return hit
        return None

    hit = find(schema)
    assert hit is not None, "the schema has no paragraph with points"
    return hit


def _paragraph_rows(paragraph: dict[str, Any]) -> list[Row]:
    out: list[Row] = []
    for variant in paragraph["anyOf"]:
        if variant.get("type") == "string":
            out.append(("（直接写文字）", variant.get("title", ""), kind(variant), variant.get("description", "")))
        for name, sub in variant.get("properties", {}).items():
            if name not in {r[0] for r in out}:
                out.append((name, sub.get("title", ""), kind(sub), sub.get("description", "")))
    return out


def keys_section(schema: dict[str, Any]) -> str:
    """The generated key reference: the keys both formats share, then each format's own, then the
    recurring shapes."""
    branches = {b["properties"]["format"]["const"]: b for b in schema["oneOf"]}
    national, narrative = branches["national-2021"], branches["narrative-2011"]
    shared = {k for k, v in national["properties"].items()
              if json.dumps(v, sort_keys=True) == json.dumps(narrative["properties"].get(k), sort_keys=True)}
    seen: dict[tuple[str, ...], str] = {}
    common = rows(national, "", seen, only=shared)
    own = {}
    for name, branch in (("national-2021", national), ("narrative-2011", narrative)):
        own[name] = rows(branch, "", dict(seen), only=set(branch["properties"]) - shared)
    parts = [
        "### 两种格式都有的字段", "", table(common), "",
        "### 全国统一格式（`format: national-2021`）的字段", "", table(own["national-2021"]), "",
        "### 叙述式报告（`format: narrative-2011`）的字段", "", table(own["narrative-2011"]), "",
        "### 段落的写法", "",
        "凡是写“段落”的地方，每一项可以是一段文字，也可以是下面两种要点写法之一。", "",
        table(_paragraph_rows(_paragraph_node(schema))), "",
    ]
    return "\n".join(parts)


# --- commands -----------------------------------------------------------------------------------

def commands_section() -> str:
    """Every command with its arguments and options, worded as its -h help is."""
    from reportgen.cli import _parser

    parser = _parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    out: list[str] = []
    for name, command in sub.choices.items():
        positionals = [a for a in command._actions if not a.option_strings]
        usage = " ".join(["reportgen", name, *(a.metavar or a.dest for a in positionals)])
        out += [f"### `{usage}`", "", command.description or "", ""]
        out += ["| 参数或选项 | 作用 |", "|---|---|"]
        for action in command._actions:
            if action.option_strings and "--help" in action.option_strings:
                continue
            if action.option_strings:
                first, *others = action.option_strings
                flags = f"`{first}{' ' + action.metavar if action.metavar else ''}`"
                flags += "".join(f"（也可写 `{other}`）" for other in others)
            else:
                flags = f"`{action.metavar or action.dest}`"
            out.append(f"| {_cell(flags)} | {_cell(action.help or '')} |")
        out.append("")
    return "\n".join(out)


# --- the guide ----------------------------------------------------------------------------------

def _block(name: str) -> re.Pattern[str]:
    return re.compile(rf"(<!-- BEGIN generated: {name} [^>]*-->\n)(.*?)(<!-- END generated: {name} -->)", re.S)


def _write(text: str, parts: dict[str, str], name: Path) -> str:
    for part, body in parts.items():
        pattern = _block(part)
        if not pattern.search(text):
            raise SystemExit(f"{name}: no <!-- BEGIN generated: {part} … --> … <!-- END generated: {part} --> markers")
        text = pattern.sub(lambda m: m.group(1) + "\n" + body.rstrip("\n") + "\n\n" + m.group(3), text)
    return text


def generated(text: str, schema: dict[str, Any] | None = None) -> str:
    """The user guide's text with its generated parts written afresh."""
    from reportgen.checks.listing import markdown_rules

    parts = {"keys": keys_section(schema or facts_schema()), "rules": markdown_rules(), "commands": commands_section()}
    return _write(text, parts, GUIDE)


def generated_review(text: str) -> str:
    """The reviewer guide's text with its generated part (the rules a published report gets) written afresh."""
    from reportgen.checks.listing import markdown_report_rules

    return _write(text, {"report-rules": markdown_report_rules()}, REVIEW)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only say whether the guides are up to date")
    args = parser.parse_args(argv)
    stale = 0
    for path, make in ((GUIDE, generated), (REVIEW, generated_review)):
        text = path.read_text(encoding="utf-8")
        new = make(text)
        if new == text:
            continue
        if args.check:
            print(f"{path.relative_to(ROOT)} is stale: run python scripts/make_docs.py", file=sys.stderr)
            stale = 1
        else:
            path.write_text(new, encoding="utf-8")
            print(f"updated {path.relative_to(ROOT)}")
    return stale


if __name__ == "__main__":
    sys.exit(main())
