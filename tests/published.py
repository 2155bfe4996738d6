"""The yardstick of issue 18: how well import and check read the published corpus.

    python tests/published.py [FOLDER]        # default: tests/fixtures/published

For every FILE with a FILE-stem.expected.txt beside it (format: tests/fixtures/published/README.md):

- lines: each expected paragraph (headings, signature and date included; the title is its own
  field) is found when a paragraph the block reader (`read_document`) gives has the same text,
  whitespace dropped and punctuation widths unified (NFKC); "extra" counts the paragraphs read that
  are neither expected nor part of the title (page numbers, headers, a paragraph cut in two …);
- cells: the expected tables' rows are aligned, in order, with the rows of every table read (a
  table split over pages may come back as two); a row's values are its rightmost cells. Each
  expected value is equal, wrong, missing, or unsure (read differently, but the reader marked the
  cell `Cell.unsure`); labels are counted as found when their text is among the cells read;
- facts: every number of the three statutory tables as the facts file `import_document` makes
  holds it (a blank counts as 0 there; a row's 总计 is computed, so not compared, except table
  四's typed totals), against the expected table;
- meta: the title, agency, year and date `import_document` finds;
- check: each slip listed (`slip: CODE[fragment]`) must be among `check_report`'s findings (with
  the fragment in its message); a finding about the report's content that no slip explains is a
  false alarm.

Also a library: `score(path, expected)` → `Score`, used by tests/test_published_corpus.py."""

from __future__ import annotations

import difflib
import re
import sys
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "fixtures" / "published"
sys.path.insert(0, str(CORPUS))
sys.path.insert(0, str(ROOT))

import expected as E  # noqa: E402

SUFFIXES = (".pdf", ".docx", ".doc", ".wps", ".html", ".htm")
# findings about the report's content: each must be explained by a listed slip
CONTENT_CODES = {"PART", "SIGNED", "DEADLINE", "BALANCE", "RESULTS", "ROWTOTAL", "REVIEWTOTAL", "TEXT", "FEE",
                 "FORMAT", "CARRY", "RULEMAKING", "STOCK", "COPY", "JUMP", "READ", "INTERNAL", "OVERSIGHT", "NONE"}
_SPACE = re.compile(r"\s+")


def norm(text: str) -> str:
    """Text compared whatever its whitespace and punctuation widths."""
    return _SPACE.sub("", unicodedata.normalize("NFKC", text))


_PERCENT = re.compile(r"^\d+(\.\d+)?[%％]$")


def is_value(text: str) -> bool:
    """A count, an amount, a share or a blank: what a table's value cell holds."""
    from reportgen.importer.document import number_text

    return number_text(text) is not None or bool(_PERCENT.match(norm(text)))


def _value(text: str) -> str:
    from reportgen.importer.document import number_text

    n = number_text(text)
    return norm(text) if n is None else n


@dataclass
class Score:
    name: str
    source: Path
    error: str = ""
    lines: int = 0
    found: int = 0
    missing_lines: list[str] = field(default_factory=list)
    extra_lines: list[str] = field(default_factory=list)
    values: int = 0
    equal: int = 0
    wrong: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    unsure: list[str] = field(default_factory=list)
    labels: int = 0
    labels_found: int = 0
    meta: dict[str, tuple[str, str]] = field(default_factory=dict)  # field → (expected, got)
    facts_values: int = 0  # the statutory tables' numbers in the facts `import_document` writes
    facts_equal: int = 0
    facts_wrong: list[str] = field(default_factory=list)
    facts_unsure: list[str] = field(default_factory=list)  # wrong, but the import noted the value
    slips_missed: list[str] = field(default_factory=list)
    false_alarms: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def line_share(self) -> float:
        return self.found / self.lines if self.lines else 1.0

    @property
    def meta_wrong(self) -> list[str]:
        return [k for k, (want, got) in self.meta.items() if norm(want) != norm(got)]


def _expected_rows(table: E.Table) -> list[tuple[str, list[str], list[str]]]:
    """(key, labels, values) per printed row: labels are the text cells covering the row (a cell
    merged down counts in every row it covers), values the numeric or blank cells starting there."""
    texts = table.texts()
    out = []
    for r, row in enumerate(table.grid):
        labels, values = [], []
        for c, cell in enumerate(row):
            if cell == E.LEFT:
                continue
            text = texts[r][c]
            if cell != E.UP and is_value(text):
                values.append(text)
            elif text and (not labels or labels[-1] != text):
                labels.append(text)
        key = norm(labels[-1]) if labels else ""
        out.append((key if values else norm("".join(labels)), labels, values))
    return out


def _read_rows(tables) -> list[tuple[str, list, list]]:  # type: ignore[no-untyped-def]
    """(key, label texts, cells) per row of every table read, a merged cell once per row."""
    out = []
    for t in tables:
        for row in t.rows:
            cells = []
            for cell in row:
                if not cells or cells[-1] is not cell:
                    cells.append(cell)
            labels = [c.text for c in cells if c.text.strip() and not is_value(c.text)]
            dedup = [x for i, x in enumerate(labels) if not i or labels[i - 1] != x]
            out.append((norm(dedup[-1]) if dedup else "", dedup, cells))
    return out


def _score_tables(exp: E.Expected, tables, s: Score) -> None:  # type: ignore[no-untyped-def]
    got = _read_rows(tables)
    all_read = [norm(c.text) for _, _, cells in got for c in cells]
    pool = list(all_read)
    at = 0
    for table in exp.tables:
        for key, labels, values in _expected_rows(table):
            for label in labels:
                s.labels += 1
                if norm(label) in pool:
                    pool.remove(norm(label))
                    s.labels_found += 1
            if not values:
                continue
            where = f"{table.tag}“{labels[-1] if labels else ''}”"
            best, best_ratio = None, 0.0
            for j in range(at, min(len(got), at + 40)):
                ratio = difflib.SequenceMatcher(None, key, got[j][0]).ratio() if key else float(not got[j][0])
                if ratio > best_ratio + 1e-9:
                    best, best_ratio = j, ratio
            s.values += len(values)
            if best is None or best_ratio < 0.7:
                s.missing += [f"{where}第{i + 1}个数（应为 {v or '空白'}）：没有读到这一行" for i, v in enumerate(values)]
                continue
            at = best + 1
            cells = got[best][2]
            read = cells[-len(values):] if len(cells) >= len(values) else [None] * (len(values) - len(cells)) + cells
            for i, (want, cell) in enumerate(zip(values, read)):
                if cell is None:
                    s.missing.append(f"{where}第{i + 1}个数（应为 {want or '空白'}）：没有读到")
                elif _value(cell.text) == _value(want):
                    s.equal += 1
                elif getattr(cell, "unsure", ""):
                    s.unsure.append(f"{where}第{i + 1}个数：读作 {cell.text!r}（标为不确定：{cell.unsure}），应为 {want or '空白'}")
                else:
                    s.wrong.append(f"{where}第{i + 1}个数：读作 {cell.text!r}，应为 {want or '空白'}")


def _score_lines(exp: E.Expected, paras: list[str], s: Score) -> None:
    want = [norm(t) for t in exp.lines]
    got = [norm(t) for t in paras if norm(t)]
    title = norm(exp.get("title"))
    pool = list(got)
    s.lines = len(want)
    for text, raw in zip(want, exp.lines):
        if text in pool:
            pool.remove(text)
            s.found += 1
        else:
            s.missing_lines.append(raw)
    s.extra_lines = [t for t in pool if not (title and len(t) >= 3 and t in title)]


def _facts_pairs(exp: E.Expected, data: dict) -> list[tuple[str, str, str, object]]:  # type: ignore[type-arg]
    """(where, facts path, expected text, value in the facts) for every number of the three statutory tables
    the facts file holds (2021 layout; the 2019 table 二 has other rows and is left out). A row's
    总计 is not in the facts (it is computed), except table 四's typed totals."""
    from reportgen.model.formats import national_tables as T

    pairs: list[tuple[str, str, str, object]] = []
    active = data.get("active_disclosure") or {}
    rows = {norm(labels[-1]): values for table in exp.tables if table.tag == "表二"
            and not any("本年新制作数量" in cell for row in table.grid for cell in row)  # the 2019 table
            for _, labels, values in _expected_rows(table) if labels and values}
    for key, label in T.RULE_ROWS:
        for (col, _), want in zip(T.RULE_COLUMNS, rows.get(norm(label), [])):
            pairs.append((f"表二“{label}”{col}", f"active_disclosure.{key}", want, (active.get(key) or {}).get(col)))
    for key, label, _ in (*T.DECISION_ROWS, T.FEE_ROW):
        if norm(label) in rows:
            pairs.append((f"表二“{label}”", f"active_disclosure.{key}", rows[norm(label)][0], active.get(key)))
    apps = data.get("applications") or {}
    by_label = {row.label: row.key for row in T.ALL_APP_ROWS}
    for table in exp.tables:
        if table.tag != "表三":
            continue
        for _, labels, values in _expected_rows(table):
            if len(values) != 7 or not labels:
                continue
            close = difflib.get_close_matches(labels[-1], list(by_label), n=1, cutoff=0.75)  # a miscopied label
            key = by_label.get(labels[-1]) or (by_label[close[0]] if close else None)
            path = f"applications.{key or 'other_handling'}"
            if labels[-1] == "（六）其他处理":  # the one-row layout: the three rows of the facts added up
                got = [sum((apps.get("other_handling") or {}).get(k, [0] * 6)[i] for k in ("no_correction", "unpaid_fees", "other"))
                       for i in range(6)]
            elif key and key != "results_total":
                node = apps
                for part in key.split("."):
                    node = (node or {}).get(part) if isinstance(node, dict) else None
                got = node if isinstance(node, list) else [None] * 6
            else:
                continue
            for i, want in enumerate(values[:6]):
                pairs.append((f"表三“{labels[-1]}”第{i + 1}列", path, want, got[i] if i < len(got) else None))
    t4 = exp.table("表四")
    reviews = data.get("review_litigation") or {}
    if t4:
        numbers = _expected_rows(t4)[-1][2]
        for g, (group, _) in enumerate(T.REVIEW_GROUPS):
            node = reviews.get(group) or {}
            cols = [k for k, _ in T.OUTCOME_COLUMNS]
            values = [node.get(k) for k in cols]
            total = node.get("total", sum(v or 0 for v in values))
            for i, want in enumerate(numbers[5 * g:5 * g + 5]):
                pairs.append((f"表四“{group}”第{i + 1}列", f"review_litigation.{group}", want, (values + [total])[i]))
    return pairs


def _score_facts(exp: E.Expected, data: dict, notes: dict, s: Score) -> None:  # type: ignore[type-arg]
    """Each number equal, or wrong; a wrong one the import marked (a note on its path or a parent's:
    the "# 导入：" comment the facts file gets) is counted as unsure instead."""
    for where, path, want, got in _facts_pairs(exp, data):
        s.facts_values += 1
        expected_number = float(_value(want) or 0)  # a blank is 0 in the facts (and said so)
        try:
            ok = got is not None and abs(float(str(got)) - expected_number) < 1e-9
        except ValueError:
            ok = False
        noted = [n for n in notes if n and (n == path or n.startswith(path + ".") or path.startswith(n + "."))]
        if ok:
            s.facts_equal += 1
        elif noted:
            s.facts_unsure.append(f"{where}：事实文件里是 {got!r}（有导入提示：{notes[noted[0]][0]}），应为 {want or '空白'}")
        else:
            s.facts_wrong.append(f"{where}：事实文件里是 {got!r}，应为 {want or '空白'}")


def _meta(exp: E.Expected, path: Path, s: Score) -> None:
    from reportgen.importer import import_document

    imp = import_document(path)
    data = imp.data
    _score_facts(exp, data, imp.notes, s)
    agency = (data.get("agency") or {}).get("name", "")
    year = data.get("year", "")
    title = data.get("title") or f"{agency}{year}年度政府信息公开工作年度报告"
    s.meta["title"] = (exp.get("title"), title)
    s.meta["agency"] = (exp.get("agency"), agency)
    s.meta["year"] = (exp.get("year"), str(year))
    s.meta["date"] = (exp.get("signed"), str(data.get("signed", "")) if imp.date_known else "")


def _check(exp: E.Expected, path: Path, s: Score) -> None:
    from reportgen.api import check_report

    findings = check_report(path).findings
    explained = set()
    for slip, why in exp.slips:
        found = False
        for choice in slip.split("|"):  # CODE[fragment]|OTHER[fragment]: any of them will do
            code, _, rest = choice.partition("[")
            fragment = rest.rstrip("]")
            found = found or any(f.code == code and fragment in f.message for f in findings)
            explained.update(i for i, f in enumerate(findings) if f.code == code and fragment in f.message)
        if not found:
            s.slips_missed.append(f"{slip} {why}")
    for i, f in enumerate(findings):
        if i in explained:
            continue
        # an import that says the report lacks what it has (a heading, a table, its title, a date it prints)
        lacks = f.code == "IMPORT" and re.search(r"没有找到|没有认出|不是统一格式", f.message) and not (
            "成文日期" in f.message and not exp.get("signed"))
        if f.code in CONTENT_CODES or lacks:
            s.false_alarms.append(f"{f.code}：{f.message}")


def score(path: Path, exp: E.Expected, *, check: bool = True) -> Score:
    """Read, import and check one corpus file against its expected reading."""
    from reportgen.importer import ReadError, read_document
    from reportgen.importer.document import Para, Table

    s = Score(exp.name, path)
    start = time.perf_counter()
    try:
        blocks = read_document(path)
    except ReadError as exc:
        s.error = str(exc)
        s.lines = len(exp.lines)
        s.missing_lines = list(exp.lines)
        return s
    _score_lines(exp, [b.text for b in blocks if isinstance(b, Para)], s)
    _score_tables(exp, [b for b in blocks if isinstance(b, Table)], s)
    try:
        _meta(exp, path, s)
    except Exception as exc:  # an import that crashes is a score of its own
        s.error = f"import_document: {type(exc).__name__}: {exc}"
    if check:
        _check(exp, path, s)
    s.seconds = time.perf_counter() - start
    return s


def corpus(folder: Path = CORPUS) -> list[tuple[Path, E.Expected]]:
    """(file, expected) for every NAME.expected.txt in `folder` that has its file beside it."""
    out = []
    for exp in E.all_expected(folder):
        files = [folder / f"{exp.name}{suffix}" for suffix in SUFFIXES]
        out += [(f, exp) for f in files if f.is_file()]
    return out


def report(scores: list[Score]) -> str:
    """The per-file table printed by `python tests/published.py`."""
    head = f"{'file':44} {'lines':>11} {'extra':>5} {'cells ok':>11} {'wrong':>5} {'miss':>5} {'unsure':>6} " \
           f"{'labels':>9} {'facts ok':>9} {'meta wrong':18} {'slips missed':>12} {'false alarms':>12} {'s':>5}"
    rows = [head, "-" * len(head)]
    for s in scores:
        lines = f"{s.found}/{s.lines}"
        cells = f"{s.equal}/{s.values}"
        labels = f"{s.labels_found}/{s.labels}"
        meta = ",".join(s.meta_wrong) or ("ERROR" if s.error else "-")
        facts = f"{s.facts_equal}/{s.facts_values}"
        rows.append(f"{s.source.name:44} {lines:>7} {100 * s.line_share:3.0f}% {len(s.extra_lines):>5} {cells:>11} "
                    f"{len(s.wrong):>5} {len(s.missing):>5} {len(s.unsure):>6} {labels:>9} {facts:>9} {meta:18} "
                    f"{len(s.slips_missed):>12} {len(s.false_alarms):>12} {s.seconds:5.1f}")
    tl, tf = sum(s.lines for s in scores), sum(s.found for s in scores)
    tv, te = sum(s.values for s in scores), sum(s.equal for s in scores)
    rows.append(f"total: lines {tf}/{tl} ({100 * tf / max(tl, 1):.1f}%), table values {te}/{tv} "
                f"({100 * te / max(tv, 1):.1f}%), wrong {sum(len(s.wrong) for s in scores)}, "
                f"missing {sum(len(s.missing) for s in scores)}, unsure {sum(len(s.unsure) for s in scores)}; "
                f"facts {sum(s.facts_equal for s in scores)}/{sum(s.facts_values for s in scores)}")
    return "\n".join(rows)


def main(argv: list[str]) -> int:
    """`python tests/published.py [-v] [FOLDER]`: the table; with -v every miss, slip and false alarm."""
    paths = [a for a in argv if a != "-v"]
    folder = Path(paths[0]) if paths else CORPUS
    verbose = "-v" in argv
    scores = [score(path, exp) for path, exp in corpus(folder)]
    print(report(scores))
    if verbose:
        for s in scores:
            print(f"\n== {s.source.name}" + (f"  ERROR {s.error}" if s.error else ""))
            for k in s.meta_wrong:
                print(f"  meta {k}: expected {s.meta[k][0]!r}, got {s.meta[k][1]!r}")
            for label, items in (("missing line", s.missing_lines), ("extra line", s.extra_lines),
                                 ("wrong", s.wrong), ("missing", s.missing), ("unsure", s.unsure),
                                 ("facts wrong", s.facts_wrong), ("facts unsure", s.facts_unsure),
                                 ("slip not found", s.slips_missed), ("false alarm", s.false_alarms)):
                for item in items:
                    print(f"  {label}: {item[:150]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
