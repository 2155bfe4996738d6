"""The package reads as the data's flow, and stays so.

reportgen/ is laid out by stage, earlier first:

    load → model → checks → render → publish → batch

(bytes → YAML tree with positions; schema, facts, document model, formats; every rule that makes a
finding; the .docx; the outputs written; folders of facts files). Beside them, importer/ (published
reports → facts) and authoring/ (next year's file from last year's) use the stages; at the top,
the entry points (cli, api, errors, the package's __init__ and __main__).

Every import of a reportgen module is read with `ast`, wherever it stands (at the top, inside a
function, under `if TYPE_CHECKING:`): a lazy import is a dependency all the same. The tests fail on
an import circle, on a stage importing a later stage (or importer/, authoring/, api, cli), on more
than ten modules at the top, on a module over 400 lines, and on a public module-level function
without a docstring.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable, Mapping
from pathlib import Path

from conftest import ROOT

PACKAGE = ROOT / "reportgen"
STAGES = ("load", "model", "checks", "render", "publish", "batch")  # earlier first
BESIDE = ("importer", "authoring")  # use the stages; no stage uses them
BASE = "reportgen.errors"  # the errors every stage raises and reports: importable from anywhere
MAX_TOP_MODULES = 10
MAX_LINES = 400


# -- reading the package ----------------------------------------------------------------------------

def module_name(path: Path, root: Path = PACKAGE) -> str:
    """reportgen/model/facts.py → reportgen.model.facts; a package's __init__.py → the package."""
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def package_modules(root: Path = PACKAGE) -> dict[str, Path]:
    """Every module of the package by its dotted name."""
    return {module_name(path, root): path for path in sorted(root.rglob("*.py"))}


def imported_modules(tree: ast.AST, module: str, is_package: bool, known: Iterable[str]) -> set[str]:
    """The reportgen modules a module's code imports, anywhere in it. `from P import N` is module
    P.N when that is a module, else P (a name P defines)."""
    known = set(known)
    package = module if is_package else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                parts = package.split(".")
                base = ".".join(parts[: len(parts) - node.level + 1] + ([node.module] if node.module else []))
            else:
                base = node.module or ""
            targets = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base for alias in node.names]
        else:
            continue
        for target in targets:
            while target and target not in known:  # reportgen.x.Name → reportgen.x
                target = target.rpartition(".")[0]
            if target and target != module:
                found.add(target)
    return found


def import_graph(root: Path = PACKAGE) -> dict[str, set[str]]:
    """module → the reportgen modules it imports."""
    modules = package_modules(root)
    return {name: imported_modules(ast.parse(path.read_text(encoding="utf-8")), name,
                                   path.name == "__init__.py", modules)
            for name, path in modules.items()}


# -- the rules, as functions a test can feed a made-up graph --------------------------------------------

def circles(graph: Mapping[str, Iterable[str]]) -> list[list[str]]:
    """Every group of modules that import each other in a loop (Tarjan's strongly connected
    components of more than one module), each as its modules in name order."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0

    def visit(start: str) -> None:  # iterative: a deep graph must not hit the recursion limit
        nonlocal counter
        work = [(start, iter(sorted(graph.get(start, ()))))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    group = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        group.append(member)
                        if member == node:
                            break
                    if len(group) > 1:
                        found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(found)


def place(module: str) -> str:
    """Where a module stands: a stage's name, "importer" or "authoring", "base" (errors), or "top"
    (the package itself, api, cli and the other entry points)."""
    if module == BASE:
        return "base"
    parts = module.split(".")
    if len(parts) > 2 or (len(parts) == 2 and parts[1] in STAGES + BESIDE):
        return parts[1]
    return "top"


def backward_imports(graph: Mapping[str, Iterable[str]]) -> list[str]:
    """Each import that runs against the flow, as "A → B (why)": a stage importing a later stage,
    importer/, authoring/ or an entry point; importer/ or authoring/ importing the other, or an
    entry point. Every module may import errors."""
    wrong = []
    for module, targets in sorted(graph.items()):
        here = place(module)
        if here == "top":
            continue
        for target in sorted(targets):
            there = place(target)
            if here == "base":
                why = "errors.py is the base every module imports: it imports nothing of reportgen"
            elif there == "base" or there == here:
                continue
            elif there == "top":
                why = f"{here}/ must not import the entry points (api, cli, the package's __init__)"
            elif here in STAGES and there in BESIDE:
                why = f"a stage must not import {there}/, which stands beside the stages and uses them"
            elif here in BESIDE and there in BESIDE:
                why = f"{here}/ and {there}/ stand side by side: neither imports the other"
            elif here in STAGES and STAGES.index(there) > STAGES.index(here):
                why = f"{here} comes before {there} in the flow {' → '.join(STAGES)}"
            else:
                continue
            wrong.append(f"{module} → {target} ({why})")
    return wrong


def long_modules(root: Path = PACKAGE) -> list[str]:
    """Modules over MAX_LINES lines."""
    out = []
    for path in sorted(root.rglob("*.py")):
        rel = path.relative_to(root.parent).as_posix()
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > MAX_LINES:
            out.append(f"{rel}: {lines} lines")
    return out


def undocumented(root: Path = PACKAGE) -> list[str]:
    """Public functions at module level (no leading underscore) without a docstring."""
    out = []
    for path in sorted(root.rglob("*.py")):
        rel = path.relative_to(root.parent).as_posix()
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if (isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and not node.name.startswith("_")
                    and ast.get_docstring(node) is None):
                out.append(f"{rel}:{node.lineno} {node.name}")
    return out


# -- the package as it is ---------------------------------------------------------------------------

def test_no_import_circle():
    found = circles(import_graph())
    assert not found, "import circles (each: the modules that import each other in a loop):\n" + "\n".join(
        " ↔ ".join(group) for group in found)


def test_imports_run_with_the_flow():
    wrong = backward_imports(import_graph())
    assert not wrong, "imports against the flow:\n" + "\n".join(wrong)


def test_every_module_has_its_place():
    """Nothing but the entry points at the top, at most ten of them; every folder is a stage or
    stands beside them (a new folder needs its place in this test, and in pyproject.toml)."""
    top = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert len(top) <= MAX_TOP_MODULES, top
    folders = sorted(p.name for p in PACKAGE.iterdir()
                     if p.is_dir() and (p / "__init__.py").is_file())
    assert set(folders) <= set(STAGES + BESIDE), folders
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    listed = set(re.findall(r'"(reportgen(?:\.\w+)*)"', text.split("[tool.setuptools]", 1)[1].split("\n[", 1)[0]))
    packages = {module_name(p) for p in PACKAGE.rglob("__init__.py")}
    assert packages <= listed, f"packages missing from pyproject.toml: {sorted(packages - listed)}"


def test_no_module_over_400_lines():
    assert not long_modules(), long_modules()


def test_public_functions_have_docstrings():
    assert not undocumented(), "public functions without a docstring:\n" + "\n".join(undocumented())


# -- the checker can fail -------------------------------------------------------------------------------

def test_the_checker_sees_a_circle_and_names_its_modules():
    graph = {
        "reportgen.model.facts": {"reportgen.checks.run", "reportgen.model.schema"},
        "reportgen.checks.run": {"reportgen.checks.years"},
        "reportgen.checks.years": {"reportgen.model.facts"},  # back to the start: a circle of three
        "reportgen.model.schema": {"reportgen.load.source"},
        "reportgen.load.source": set(),
        "reportgen.api": {"reportgen.cli"},
        "reportgen.cli": {"reportgen.api"},  # and a second one, at the top
    }
    assert circles(graph) == [["reportgen.api", "reportgen.cli"],
                              ["reportgen.checks.run", "reportgen.checks.years", "reportgen.model.facts"]]
    assert circles({"a": {"b"}, "b": {"c"}, "c": set()}) == []


def test_the_checker_sees_an_import_against_the_flow():
    graph = {
        "reportgen.model.facts": {"reportgen.checks.run", "reportgen.load.source", "reportgen.errors"},
        "reportgen.render.render": {"reportgen.model.text", "reportgen.api"},
        "reportgen.batch.batch": {"reportgen.publish.build", "reportgen.importer.review"},
        "reportgen.importer.review": {"reportgen.batch.batch", "reportgen.authoring.new_year"},
        "reportgen.authoring.new_year": {"reportgen.model.facts", "reportgen.checks.run"},
        "reportgen.cli": {"reportgen.batch.batch", "reportgen.importer.review"},
        "reportgen.errors": set(),
    }
    assert backward_imports(graph) == [
        "reportgen.batch.batch → reportgen.importer.review (a stage must not import importer/, which stands "
        "beside the stages and uses them)",
        "reportgen.importer.review → reportgen.authoring.new_year (importer/ and authoring/ stand side by side: "
        "neither imports the other)",
        "reportgen.model.facts → reportgen.checks.run (model comes before checks in the flow "
        "load → model → checks → render → publish → batch)",
        "reportgen.render.render → reportgen.api (render/ must not import the entry points (api, cli, the "
        "package's __init__))",
    ]


def test_the_reader_finds_lazy_and_type_checking_imports(tmp_path):
    """Imports inside a function and under `if TYPE_CHECKING:` count, relative ones are resolved,
    and `from package import module` names the module."""
    pkg = tmp_path / "reportgen"
    for rel, text in {
        "__init__.py": "",
        "errors.py": "",
        "model/__init__.py": "",
        "model/facts.py": ("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from ..checks.run import x\n"
                           "def f():\n    from ..errors import E\n    from . import text\n"),
        "model/text.py": "",
        "checks/__init__.py": "",
        "checks/run.py": "import reportgen.model.facts as facts\n",
    }.items():
        (pkg / rel).parent.mkdir(parents=True, exist_ok=True)
        (pkg / rel).write_text(text, encoding="utf-8")
    graph = import_graph(pkg)
    assert graph["reportgen.model.facts"] == {"reportgen.checks.run", "reportgen.errors", "reportgen.model.text"}
    assert circles(graph) == [["reportgen.checks.run", "reportgen.model.facts"]]
    assert backward_imports(graph) == [
        "reportgen.model.facts → reportgen.checks.run (model comes before checks in the flow "
        "load → model → checks → render → publish → batch)"]
