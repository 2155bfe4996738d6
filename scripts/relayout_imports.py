"""Rewrite imports written against the flat layout of reportgen/ (before issue 19's stage packages).

    python scripts/relayout_imports.py FILE_OR_FOLDER ...

For merging a branch begun before the move: run it on the files the branch added or changed in
importer/, tests/, scripts/ and bench/ (whose place did not change), then read the diff. MODULES
maps every module of the flat layout to its place in the stage packages; NAMES maps each name a
split carried out of its module to the module that now defines it. Every `import` and
`from ... import` of a reportgen module (inside functions and under `if TYPE_CHECKING:` too) is
rewritten: relative inside reportgen/, absolute elsewhere. Imports inside strings (code run by a
subprocess in a test) and the few things named at NAMES are left to do by hand.

The move itself (git mv of each module, then this rewrite) was made with this mapping; it can be
deleted once the branches of that time are merged.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent  # the repository

MODULES: dict[str, str] = {
    # load
    "source": "load.source",
    "input_hints": "load.input_hints",
    "os_reasons": "load.os_reasons",
    # model
    "schema": "model.schema",
    "facts": "model.facts",
    "text": "model.text",
    "prose": "model.prose",
    "yoy": "model.yoy",
    "deadlines": "model.deadlines",
    "figures": "model.mentions",
    "plain_refs": "model.plain_refs",
    "schema_export": "model.schema_export",
    "fee": "model.fee_statement",
    "document": "model.document",
    "document.attachments": "model.document.attachments",
    "document.blocks": "model.document.blocks",
    "document.fields": "model.document.fields",
    "document.figures": "model.document.figures",
    "document.numbering": "model.document.numbering",
    "document.title": "model.document.title",
    "formats": "model.formats",
    "formats.base": "model.formats.base",
    "formats.common": "model.formats.common",
    "formats.narrative_2011": "model.formats.narrative_2011",
    "formats.narrative_requests": "model.formats.narrative_requests",
    "formats.national_2021": "model.formats.national_2021",
    "formats.national_tables": "model.formats.national_tables",
    "formats.national_totals": "model.formats.national_totals",
    # checks
    "formats.national_checks": "checks.table_rules",
    "requests_checks": "checks.requests",
    "figure_checks": "checks.text_figures",
    "year_checks": "checks.years",
    "copies": "checks.copies",
    "glyphs": "checks.glyphs",
    "document.lint": "checks.lint",
    # render
    "render": "render.render",
    "docx_parts": "render.docx_parts",
    "layout": "render.layout",
    "tables": "render.tables",
    "template_builder": "render.template_builder",
    "template_bounds": "render.template_bounds",
    "template_errors": "render.template_errors",
    "determinism": "render.determinism",
    "ooxml_fixes": "render.ooxml_fixes",
    # publish
    "output": "publish.output",
    "pdf": "publish.pdf",
    "html": "publish.html",
    "graphic": "publish.graphic",
    "spreadsheet": "publish.spreadsheet",
    # batch
    "batch": "batch.batch",
    "rollup": "batch.rollup",
    "progress": "batch.progress",
    # beside the stages
    "scaffold": "authoring.new_year",
    "importer.cli": "cli_published",
}
MODULES = {f"reportgen.{old}": f"reportgen.{new}" for old, new in MODULES.items()}

# (module in the flat layout, name) -> the module that defines the name after the splits, with
# ":new_name" where the split renamed it (imported under its old name, so the code reads on). Names
# the modules of MODULES still hand on (api's, pdf's PdfError and find_soffice, layout's fonts) need
# no entry. Left to do by hand: a renamed name reached through its module (source._compose_fast …)
# and ReportFormat.checks(), which is gone (the checks of a format: checks.run.FORMAT_CHECKS).
_SPLIT = {
    "facts": {"load_facts": "checks.run"},
    "fee": {"check": "checks.fee"},
    "source": {"read_source": "load.reader", "parse_source": "load.reader", "lint_lines": "load.syntax",
               "_compose_fast": "load.fast_yaml:compose_fast", "_encoding_problem": "load.source:encoding_problem"},
    "formats.narrative_2011": {"signing_checks": "checks.signing"},
    "formats.common": {"figure_checks": "checks.figures"},
    "schema": {n: "model.scalars" for n in ("Text", "Prose", "Count", "Amount", "Date", "Choice", "Flag",
                                            "FULLWIDTH_DIGITS", "MAX_AMOUNT", "MAX_TEXT")}
              | {n: "model.containers" for n in ("ListOf", "Record", "MapOf", "OneOf", "label_at", "MAX_ITEMS")}
              | {"text_offset": "load.positions"},
    "docx_parts": {n: "render.docxtpl_steps" for n in ("compiled", "finish", "fix_tables", "renumber_drawings",
                                                       "CACHE_FORMAT")} | {"_MEMORY": "render.docxtpl_steps:MEMORY"},
    "pdf": {"convert_files": "publish.libreoffice"},
    "batch": {n: "batch.folder" for n in ("FACTS_SUFFIXES", "facts_names", "facts_files", "skipped_subfolders",
                                          "skipped_note", "output_name", "colliding_outputs")}
             | {n: "batch.rollup_csv" for n in ("ROLLUP_NAME", "FEE_COLUMN", "FileResult", "rollup_columns",
                                                "rollup_row", "RollupWriter", "write_rollup", "read_rollup")}
             | {"_cell": "batch.rollup_csv:excel_text", "_colliding_names": "batch.folder:colliding_names"},
    "spreadsheet": {n: "publish.rollup_sums" for n in ("rows_from_csv", "csv_columns", "text_width", "number",
                                                       "number_format", "active_column", "app_column",
                                                       "review_column", "table_columns", "place",
                                                       "table_layouts", "FORMAT", "BUILT")},
}
NAMES: dict[tuple[str, str], str] = {(f"reportgen.{old}", name): f"reportgen.{new}"
                                     for old, moved in _SPLIT.items() for name, new in moved.items()}

STAGE_PACKAGES = ("load", "model", "checks", "render", "publish", "batch", "authoring")


def module_of(path: Path) -> tuple[str, bool]:
    """The dotted module name of a file under ROOT/reportgen, and whether it is a package's __init__."""
    rel = path.resolve().relative_to(ROOT).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        return ".".join(parts[:-1]), True
    return ".".join(parts), False


def old_modules() -> set[str]:
    """Every module name an import may mean: those of the flat layout and those on disk now."""
    found = {"reportgen"}
    for path in (ROOT / "reportgen").rglob("*.py"):
        found.add(module_of(path)[0])
    return found | set(MODULES)


def new_name(module: str) -> str:
    """Where a module of the flat layout is now (itself when it did not move)."""
    return MODULES.get(module, module)


def relative(package: str, target: str) -> str:
    """`target` as a relative import from inside `package` ("..model.facts")."""
    pkg, tgt = package.split("."), target.split(".")
    common = 0
    while common < min(len(pkg), len(tgt)) and pkg[common] == tgt[common]:
        common += 1
    return "." * (len(pkg) - common + 1) + ".".join(tgt[common:])


class Rewriter:
    """The new spelling of one import statement (None: not an import of reportgen)."""

    def __init__(self, known: set[str]):
        self.known = known

    def base(self, node: ast.ImportFrom, module: str, is_pkg: bool) -> str:
        if not node.level:
            return node.module or ""
        package = module if is_pkg else module.rsplit(".", 1)[0]
        parts = package.split(".")
        parts = parts[: len(parts) - node.level + 1]
        return ".".join(parts + ([node.module] if node.module else []))

    def spell(self, target: str, new_package: str | None) -> str:
        return relative(new_package, target) if new_package else target

    def rewrite_from(self, node: ast.ImportFrom, module: str, is_pkg: bool,
                     new_package: str | None) -> list[str] | None:
        base = self.base(node, module, is_pkg)
        if base != "reportgen" and not base.startswith("reportgen."):
            return None
        groups: dict[str, list[str]] = {}
        for alias in node.names:
            full = f"{base}.{alias.name}"
            if full in self.known:  # a module imported by name from its package
                new = new_name(full)
                parent, _, last = new.rpartition(".")
                shown = alias.asname or alias.name
                spelled = last if last == shown else f"{last} as {shown}"
                groups.setdefault(parent, []).append(spelled)
            else:
                target = NAMES.get((base, alias.name)) or new_name(base)
                target, _, renamed = target.partition(":")  # "module:new_name" for a name renamed too
                shown = alias.asname or alias.name
                spelled = f"{renamed} as {shown}" if renamed else alias.name + (f" as {alias.asname}" if alias.asname else "")
                groups.setdefault(target, []).append(spelled)
        lines = [f"from {self.spell(target, new_package)} import {', '.join(names)}" for target, names in groups.items()]
        return lines

    def rewrite_import(self, node: ast.Import) -> list[str] | None:
        if not any(a.name == "reportgen" or a.name.startswith("reportgen.") for a in node.names):
            return None
        out = []
        for alias in node.names:
            name = new_name(alias.name) if alias.name in self.known else alias.name
            out.append(f"import {name}" + (f" as {alias.asname}" if alias.asname else ""))
        return out


def rewrite_text(text: str, module: str, is_pkg: bool, new_module: str | None, known: set[str]) -> str:
    """The text with its reportgen imports rewritten. `module` is the file's module name when the
    imports were written (for relative imports); `new_module` its name afterwards (None: outside
    the package, imports absolute)."""
    tree = ast.parse(text)
    rw = Rewriter(known)
    new_package = None
    if new_module is not None:
        new_package = new_module if is_pkg else new_module.rsplit(".", 1)[0]
    lines = text.splitlines(keepends=True)
    edits = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            new = rw.rewrite_from(node, module, is_pkg, new_package)
        elif isinstance(node, ast.Import):
            new = rw.rewrite_import(node)
        else:
            continue
        if new is None:
            continue
        edits.append((node, new))
    for node, new in sorted(edits, key=lambda e: e[0].lineno, reverse=True):
        first, last = node.lineno - 1, node.end_lineno - 1
        head = lines[first][: node.col_offset]
        tail = lines[last][node.end_col_offset:]
        old = ast.get_source_segment(text, node)
        single = [n.strip() for n in new]
        # keep the original spelling (line breaks, parentheses) when only the module changes
        if len(single) == 1 and isinstance(node, ast.ImportFrom):
            mod_new = single[0].split(" import ", 1)[0][len("from "):]
            names_new = single[0].split(" import ", 1)[1]
            names_old = ", ".join(a.name + (f" as {a.asname}" if a.asname else "") for a in node.names)
            if names_new == names_old:
                mod_old = "." * node.level + (node.module or "")
                assert old.startswith(f"from {mod_old} import"), (old, mod_old)
                replaced = f"from {mod_new} import" + old[len(f"from {mod_old} import"):]
                lines[first:last + 1] = [head + replaced + tail]
                continue
        indent = head
        joined = ("\n" + indent).join(single)
        lines[first:last + 1] = [head + joined + tail]
    return "".join(lines)


def main(argv: list[str]) -> int:
    if not argv or argv[0] in ("-h", "--help"):
        print(__doc__)
        return 2
    known = old_modules()
    package = (ROOT / "reportgen").resolve()
    for arg in argv:
        path = Path(arg)
        for file in sorted(path.rglob("*.py")) if path.is_dir() else [path]:
            inside = package in file.resolve().parents
            if inside and module_of(file)[0].split(".")[1:2] and module_of(file)[0].split(".")[1] in STAGE_PACKAGES:
                print(f"skipped {file}: it moved in the layout change (rewrite only files that stayed)", file=sys.stderr)
                continue
            module, is_pkg = module_of(file) if inside else ("__outside__", False)
            text = file.read_text(encoding="utf-8")
            new_text = rewrite_text(text, module, is_pkg, module if inside else None, known)
            if new_text != text:
                file.write_text(new_text, encoding="utf-8")
                print(f"rewrote {file}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
