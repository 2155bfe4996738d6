"""How long reading a PDF takes, side by side in one run over the same files:

  (a) pdfplumber: `extract_words()` and every table's cells (`find_tables()` + `extract()`) on
      every page — the baseline the issue names (pdfplumber is in the `bench` extra);
  (b) reportgen's reader: `read_pdf` (PDFium through pypdfium2, layout, tables);
  (c) `reportgen check FILE` in this process: read, recognise, write the facts, every check.

    python bench/pdf_read.py                 # the committed fixture PDFs, the WPS-like ones
                                             # tests/pdf_traits.py writes, and /work/realfiles
    python bench/pdf_read.py --runs 7 DIR_OR_PDF ...

Each file is timed `--runs` times (default 5) after one warm-up, the three alternating; the
median is reported, with the ratios c/a (target ≤ 0.5) and b/a. A figure, not a test: it prints
and writes bench/results-pdf.json, and never asserts.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
REAL = Path("/work/realfiles")


def plumber(path: Path) -> int:
    import pdfplumber

    n = 0
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            n += len(page.extract_words())
            n += sum(len(t.extract()) for t in page.find_tables())
    return n


def ours(path: Path) -> int:
    from reportgen.importer.read_pdf import read_pdf

    return len(read_pdf(path))


def check(path: Path) -> int:
    from reportgen.api import check_report

    return len(check_report(path).findings)


def traits(folder: Path) -> list[Path]:
    """A WPS-like national report (tests/pdf_report.py), when reportlab is installed."""
    sys.path.insert(0, str(ROOT / "tests"))
    try:
        from pdf_report import wps_report
    except ImportError:
        return []
    return [wps_report(folder / "wps-like-national-report.pdf"), wps_report(folder / "word-like-national-report.pdf",
                                                                             rules="fill")]


def files(args: list[str], folder: Path) -> list[Path]:
    if args:
        found = []
        for a in map(Path, args):
            found += sorted(a.rglob("*.pdf")) if a.is_dir() else [a]
        return found
    found = sorted((ROOT / "tests" / "fixtures").rglob("*.pdf")) + traits(folder)
    if REAL.is_dir():
        found += sorted(REAL.rglob("*.pdf"))
    return found


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("paths", nargs="*")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", default=str(ROOT / "bench" / "results-pdf.json"))
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory(prefix="reportgen-bench-pdf-") as tmp:
        for path in files(args.paths, Path(tmp)):
            times: dict[str, list[float]] = {"plumber": [], "read_pdf": [], "check": []}
            errors = {}
            for run in range(args.runs + 1):
                for name, fn in (("plumber", plumber), ("read_pdf", ours), ("check", check)):
                    start = time.perf_counter()
                    try:
                        fn(path)
                    except Exception as exc:  # a file one side cannot read: say so, time the rest
                        errors[name] = f"{type(exc).__name__}: {exc}"[:160]
                    if run:
                        times[name].append(time.perf_counter() - start)
            med = {k: statistics.median(v) for k, v in times.items()}
            row = {"file": str(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path),
                   "pages": _pages(path), **{f"{k}_s": round(v, 4) for k, v in med.items()},
                   "check/plumber": round(med["check"] / med["plumber"], 3),
                   "read_pdf/plumber": round(med["read_pdf"] / med["plumber"], 3), "errors": errors}
            rows.append(row)
            print(f"{row['file'][-48:]:>48}  {row['pages']:>3} p  plumber {med['plumber']:.3f} s  "
                  f"read_pdf {med['read_pdf']:.3f} s  check {med['check']:.3f} s  "
                  f"check/plumber {row['check/plumber']:.2f}  read/plumber {row['read_pdf/plumber']:.2f}"
                  + (f"  errors: {errors}" if errors else ""))
    total = {k: sum(r[f"{k}_s"] for r in rows) for k in ("plumber", "read_pdf", "check")}
    summary = {
        "command": "python bench/pdf_read.py " + " ".join(sys.argv[1:]),
        "files": len(rows),
        "total_seconds": {k: round(v, 3) for k, v in total.items()},
        "check/plumber (all files)": round(total["check"] / total["plumber"], 3) if rows else None,
        "read_pdf/plumber (all files)": round(total["read_pdf"] / total["plumber"], 3) if rows else None,
        "worst check/plumber": max((r["check/plumber"] for r in rows), default=None),
        "target": "check/plumber <= 0.5 on every file",
        "machine": {"nproc": os.cpu_count(), "python": platform.python_version(),
                    "load": os.getloadavg() if hasattr(os, "getloadavg") else None},
    }
    print(json.dumps(summary, ensure_ascii=False, indent=2))
    Path(args.json).write_text(json.dumps({"summary": summary, "files": rows}, ensure_ascii=False, indent=2) + "\n",
                               encoding="utf-8")


def _pages(path: Path) -> int:
    try:
        import pypdfium2 as pdfium

        pdf = pdfium.PdfDocument(path.read_bytes())
        n = len(pdf)
        pdf.close()
        return n
    except Exception:
        return 0


if __name__ == "__main__":
    main()
