"""How well and how fast OCR reads the scanned example report (tests/fixtures/scan). A figure, not
a test (tests/test_scan.py asserts what this measures).

    python bench/ocr_scan.py            # table 三 page and the whole 5-page scan
    python bench/ocr_scan.py --page     # only the one-page scan of table 三

Prints table 三 as OCR read it beside the figures of data/example-2025.yaml (a cell OCR got wrong
is shown as `got≠want`), the share of figures read right, the misses with their unsure notes,
and the time per page: wall clock, and CPU of this process plus Tesseract's.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

import yaml  # noqa: E402

from reportgen.importer import read_document  # noqa: E402
from reportgen.importer.document import Table, number_text  # noqa: E402

SCANS = ROOT / "tests" / "fixtures" / "scan"
LABELS = ["一、本年新收", "二、上年结转", "（一）予以公开", "（二）部分公开", *(f"（三）{n}" for n in range(1, 9)),
          *(f"（四）{n}" for n in range(1, 4)), *(f"（五）{n}" for n in range(1, 6)), *(f"（六）{n}" for n in range(1, 4)),
          "（七）总计", "四、结转下年度"]


def _cpu() -> float:
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def table_three_page(truth: list[list[int]]) -> None:
    path = SCANS / "table3-scan.pdf"
    wall, cpu = time.perf_counter(), _cpu()
    blocks = read_document(path, ocr=True)
    wall, cpu = time.perf_counter() - wall, _cpu() - cpu
    table = next(b for b in blocks if isinstance(b, Table))
    right, misses = 0, []
    print(f"\n{path.name}: table 三 as OCR read it (value columns; got≠want where wrong)")
    print(f"{'':16}" + "".join(f"{h:>8}" for h in ("自然人", "商业", "科研", "公益", "法律", "其他", "总计")))
    for label, row, want in zip(LABELS, table.rows[3:], truth):
        shown = []
        for col, value in enumerate(want):
            cell = row[3 + col]
            if number_text(cell.text) == str(value):
                right += 1
                shown.append(cell.text)
            else:
                shown.append(f"{cell.text}≠{value}")
                misses.append(f"  {label} column {col + 1}: read {cell.text!r}, is {value} — {cell.unsure}")
        print(f"{label:<16}" + "".join(f"{s:>8}" for s in shown))
    doubted = sum(1 for row in table.rows[3:] for c in row[3:] if c.unsure != "OCR 识别，请核对")
    print(f"figures read right: {right}/{len(truth) * 7} = {100 * right / (len(truth) * 7):.1f} %"
          f"  ({doubted} with a stronger note than the plain OCR one)")
    print("\n".join(misses) or "  no miss")
    print(f"time: 1 page, wall {wall:.1f} s, CPU {cpu:.1f} s")


def whole_scan() -> None:
    from test_scan import EXAMPLE, _facts_values

    from reportgen import api

    path = SCANS / "example-2025-scan.pdf"
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "scan.yaml"
        wall, cpu = time.perf_counter(), _cpu()
        result = api.import_report(path, out, ocr=True)
        wall, cpu = time.perf_counter() - wall, _cpu() - cpu
        data = yaml.safe_load(out.read_text(encoding="utf-8"))
    expected, got = _facts_values(EXAMPLE), _facts_values(data)
    misses = [f"  {k}: read {got.get(k)!r}, is {v!r}" for k, v in expected.items() if got.get(k) != v]
    print(f"\n{path.name}: reportgen import --ocr: {len(expected) - len(misses)}/{len(expected)} table figures of "
          f"data/example-2025.yaml right ({100 * (len(expected) - len(misses)) / len(expected):.1f} %)")
    print("\n".join(misses) or "  no miss")
    print(f"import warnings: {len(result.warnings)}; check findings on the written file: "
          + ", ".join(sorted({p.code for p in result.problems})))
    print(f"time: 5 pages, wall {wall:.1f} s ({wall / 5:.1f} s a page), CPU {cpu:.1f} s ({cpu / 5:.1f} s a page)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--page", action="store_true", help="only the one-page scan of table 三")
    args = parser.parse_args()
    from test_scan import EXAMPLE, _applications_rows

    table_three_page(_applications_rows(EXAMPLE))
    if not args.page:
        whole_scan()


if __name__ == "__main__":
    main()
