"""Score `reportgen import` against the published corpus's hand-written expected files.

usage: python bench/import_scores.py [--code DIR] [--corpus DIR] FILE...
  --code DIR    the folder holding the reportgen package to score (default: the installed one)
  --corpus DIR  the folder of NAME.expected.txt and expected.py (default: tests/fixtures/published)

Per file: lines = expected paragraphs (title excluded) found, exactly, among the paragraphs of the
report rebuilt from the imported facts; cells = expected non-blank value cells of 表二/表三/表四
equal to the rebuilt table's cell at the same grid position (blank expected cells are counted
apart: read as 0). Counts left blank by the import (a table not found) are filled with 0 only to
build, so they score as misses where the expected value is not 0."""

from __future__ import annotations

import re
import sys
import tempfile
from pathlib import Path

args = sys.argv[1:]
CORPUS = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "published"
while args and args[0] in ("--code", "--corpus"):
    if args[0] == "--code":
        sys.path.insert(0, args[1])
    else:
        CORPUS = Path(args[1])
    args = args[2:]
sys.path.insert(0, str(CORPUS))
import expected as E  # noqa: E402

from reportgen import api  # noqa: E402
from reportgen.importer.document import Table, clean  # noqa: E402
from reportgen.importer.read_docx import read_docx  # noqa: E402
from reportgen.importer.recognize import import_document  # noqa: E402
from reportgen.importer.write import facts_text  # noqa: E402
from reportgen.model.formats import FORMATS  # noqa: E402

for _f in FORMATS.values():  # build whatever the numbers say: the checks are not what is scored here
    type(_f).checks = lambda self, facts, previous: []  # type: ignore[method-assign]


def _fill(value):  # type: ignore[no-untyped-def]
    if isinstance(value, dict):
        return {k: _fill(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_fill(v) for v in value]
    return 0 if value is None else value


def score(path: Path) -> str:
    name = path.name.split(".")[0]
    exp = E.load(CORPUS / f"{name}.expected.txt")
    try:
        imp = import_document(path)
    except Exception as exc:  # noqa: BLE001
        return f"{path.name}: not read ({type(exc).__name__}: {str(exc)[:60]})"
    numbers = _numbers(imp.data)
    for key in ("active_disclosure", "applications", "review_litigation"):
        if key in imp.data:
            imp.data[key] = _fill(_untotalled(imp.data[key]))
    with tempfile.TemporaryDirectory() as tmp:
        facts = Path(tmp) / "f.yaml"
        facts.write_text(facts_text(imp), encoding="utf-8")
        try:
            out = api.build_report(facts, Path(tmp) / "f.docx").output
        except Exception as exc:  # noqa: BLE001
            msgs = getattr(exc, "problems", [])
            first = [p.format() for p in msgs if p.is_error][:1]
            return f"{path.name}: not built ({first or exc})"
        blocks = read_docx(out)
    got = [clean(b.text) for b in blocks if not isinstance(b, Table)]
    got_set = set(got)
    lines = [clean(x) for x in exp.lines]
    hit = sum(1 for x in lines if x in got_set)
    missed = [x for x in lines if x not in got_set]
    import difflib
    cells = blank = cell_hit = 0
    bad = []
    for tag, key in (("表二", "active_disclosure"), ("表三", "applications"), ("表四", "review_litigation")):
        t = exp.table(tag)
        if t is None:
            continue
        want = [text for r, c, h, w, text in t.spans() if re.fullmatch(r"[\d.]+", text)]
        blank += sum(1 for r, c, h, w, text in t.spans() if text == "" and _value_col(tag, t.grid, r, c))
        got_n = numbers.get(key, [])
        sm = difflib.SequenceMatcher(None, want, got_n, autojunk=False)
        hit_n = sum(b.size for b in sm.get_matching_blocks())
        cells += len(want)
        cell_hit += hit_n
        for op, a1, a2, b1, b2 in sm.get_opcodes():
            if op != "equal":
                bad.append(f"{tag} {want[a1:a2][:4]}→{got_n[b1:b2][:4]}")
    unsure = len(getattr(imp, "unsure", {}))
    return (f"{path.name}: lines {hit}/{len(lines)}  cells {cell_hit}/{cells} (+{blank} blank)  unsure {unsure}  "
            f"errors {len(getattr(imp, 'errors', []))}" + ("\n    missed: " + " | ".join(m[:40] for m in missed[:6]) if missed else "")
            + ("\n    cells: " + ", ".join(bad[:8]) if bad else ""))


def _numbers(data):  # type: ignore[no-untyped-def]
    """Each table's numbers in printed order (typed totals where kept, else computed)."""
    from reportgen.model.formats import national_tables as T
    out = {}
    a = data.get("active_disclosure") or {}
    if a:
        seq = []
        for k, _ in T.RULE_ROWS:
            seq += [a[k][c] for c, _ in T.RULE_COLUMNS]
        seq += [a[k] for k, _, _ in T.DECISION_ROWS] + [a["fees"]]
        out["active_disclosure"] = [_t(x) for x in seq]
    apps = data.get("applications") or {}
    if apps:
        seq = []
        def row(v):
            if isinstance(v, dict):
                v = [v.get(c) for c in ("natural", "business", "research", "nonprofit", "legal", "other")] + [v.get("total")]
            six = list(v[:6]); tot = v[6] if len(v) > 6 and v[6] is not None else (sum(six) if None not in six else None)
            return six + [tot]
        sums = [0] * 7
        for r in T.ALL_APP_ROWS:
            if r.key == "results_total":
                typed = apps.get("results_total")
                seq += row(typed) if typed else sums
                continue
            v = apps
            for part in r.key.split("."):
                v = v.get(part) if isinstance(v, dict) else None
            if v is None:
                continue
            rv = row(v)
            seq += rv
            if r in T.RESULT_ROWS and None not in rv:
                sums = [x + y for x, y in zip(sums, rv)]
        out["applications"] = [_t(x) for x in seq]
    rev = data.get("review_litigation") or {}
    if rev:
        seq = []
        for g, _ in T.REVIEW_GROUPS:
            v = rev[g]
            four = [v.get(c) for c in ("upheld", "corrected", "other", "pending")]
            seq += four + [v.get("total") if v.get("total") is not None else (sum(four) if None not in four else None)]
        out["review_litigation"] = [_t(x) for x in seq]
    return out


def _t(x):  # type: ignore[no-untyped-def]
    from decimal import Decimal
    if x is None:
        return "?"
    return format(x.normalize(), "f") if isinstance(x, Decimal) else str(x)


def _untotalled(v):  # type: ignore[no-untyped-def]
    if isinstance(v, dict):
        return {k: _untotalled(x) for k, x in v.items() if k not in ("total", "results_total")}
    if isinstance(v, list) and len(v) == 7:
        return v[:6]
    return v


def _value_col(tag: str, grid, r: int, c: int) -> bool:  # type: ignore[no-untyped-def]
    return (tag == "表三" and c >= 3 and r >= 3) or (tag == "表四" and r >= 3) or (tag == "表二" and c >= 1)


for arg in args:
    print(score(Path(arg)))
