"""Import and check of published reports: the corpus one by one, and folders of 100 and 1,000
reports of mixed kinds, side by side in one run. A figure, not a test.

    python bench/import_check.py                    # 100 and 1,000 reports (the reported figures)
    python bench/import_check.py --reports 20,100   # smaller

1. The corpus (tests/fixtures/published/, the files with an expected reading): each file imported
   (`import_document` + the facts file's text) and checked (`check_report`) in this process, after
   a warm-up, median of --runs.
2. Folders of N reports, every size from the same pool of sources under distinct names (hard
   links): the corpus's PDFs (printed like WPS and like Word), .docx, web pages, the .doc and the
   .wps, the import fixtures, and reports built here (.docx and web pages of data/example-2025.yaml
   under other agency names) — about 45 % PDF, 25 % .docx, 20 % .html, 10 % .doc/.wps. For each N,
   in a fresh process each:
   - `reportgen check FOLDER -o 汇总.csv` (cli.main in a fresh Python; one process per core, the
     .doc/.wps converted 20 at a time), and again as on a one-core PC (every report in the main
     process, so its own peak is the whole Python side's);
   - importing every report but the .doc/.wps one after the other in one Python process
     (`import_document` + the facts file's text: what `reportgen import` does per file).
   Each child is started by a small launcher and waited for with os.wait4, whose rusage counts the
   child and every process it waited for (worker processes, LibreOffice): CPU = user + system, peak memory = the largest
   resident set of any one of them (ru_maxrss; with .doc files that is LibreOffice), and the main
   process's own peak (getrusage(RUSAGE_SELF), printed by the child). Flat means: CPU per report and peak memory at
   1,000 within a few per cent of 100.

Prints a table and writes bench/results-import.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
CORPUS = ROOT / "tests" / "fixtures" / "published"
FIXTURES = ROOT / "tests" / "fixtures" / "import"
SHARES = {".pdf": 45, ".docx": 25, ".html": 20, "old": 10}  # per cent of a folder; "old": .doc and .wps


def corpus_files() -> list[Path]:
    """The corpus files that have an expected reading (the scan and the locked PDF are refused)."""
    import published

    return [path for path, _ in published.corpus()]


def pool(work: Path) -> dict[str, list[Path]]:
    """The sources of the folders by kind: the corpus, the import fixtures, and reports built here."""
    from reportgen import build_report
    from reportgen.api import write_html
    from reportgen.checks.run import load_facts

    kinds: dict[str, list[Path]] = {".pdf": [], ".docx": [], ".html": [], "old": []}
    for path in corpus_files() + sorted(FIXTURES.iterdir()):
        suffix = path.suffix.lower()
        kind = "old" if suffix in (".doc", ".wps") else suffix
        if kind in kinds:
            kinds[kind].append(path)
    src = (ROOT / "data" / "example-2025.yaml").read_text(encoding="utf-8")
    for i in range(6):
        facts = work / f"agency{i}-2025.yaml"
        facts.write_text(src.replace("name: 示例市示例局", f"name: 示例市第{i + 1}局"), encoding="utf-8")
        kinds[".docx"].append(build_report(facts, work / f"built{i}.docx").output)
        write_html(load_facts(facts), work / f"built{i}.html")
        kinds[".html"].append(work / f"built{i}.html")
    return kinds


def fill(folder: Path, n: int, kinds: dict[str, list[Path]]) -> dict[str, int]:
    """`n` reports in `folder`, hard links to the pool's files under distinct names, by SHARES."""
    folder.mkdir()
    counts = {kind: n * share // 100 for kind, share in SHARES.items()}
    counts[".pdf"] += n - sum(counts.values())
    made: dict[str, int] = {}
    for kind, count in counts.items():
        sources = kinds[kind]
        for i in range(count):
            source = sources[i % len(sources)]
            target = folder / f"r{i:05d}-{kind.strip('.')}-{source.name}"
            try:
                os.link(source, target)
            except OSError:
                shutil.copy(source, target)
            made[source.suffix.lower()] = made.get(source.suffix.lower(), 0) + 1
    return made


# Linux keeps a process's peak resident set across exec: a child forked from this bench process (tens of MB
# after building the reports) would report at least that much. The command is therefore started by a small
# launcher Python (a few MB), which waits for it with os.wait4 and prints its rusage as JSON.
LAUNCHER = """
import json, os, subprocess, sys
child = subprocess.Popen(sys.argv[1:], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
out = child.stdout.read().decode("utf-8", "replace")
_, status, usage = os.wait4(child.pid, 0)
print(json.dumps({"exit": os.waitstatus_to_exitcode(status), "cpu": usage.ru_utime + usage.ru_stime,
                  "maxrss_kb": usage.ru_maxrss, "out": out}))
"""


def measured(command: list[str], env: dict[str, str]) -> dict[str, float | int | str]:
    """Run `command` through LAUNCHER: wall seconds, CPU seconds (user + system of it and every
    process it waited for), peak resident set of the largest of them (MB), the peak of the main
    process alone (MB, printed by the command as `SELF_MAXRSS_KB n`), exit code."""
    start = time.perf_counter()
    run = subprocess.run([sys.executable, "-c", LAUNCHER, *command], capture_output=True, text=True, env=env,
                         check=True)
    wall = time.perf_counter() - start
    got = json.loads(run.stdout)
    out = got["out"].strip().splitlines()
    own = [int(line.split()[1]) for line in out if line.startswith("SELF_MAXRSS_KB ")]
    said = [line for line in out if not line.startswith("SELF_MAXRSS_KB ")]
    return {"wall_s": round(wall, 2), "cpu_s": round(got["cpu"], 2), "peak_mb": round(got["maxrss_kb"] / 1024, 1),
            "main_process_peak_mb": round(own[0] / 1024, 1) if own else None, "exit": got["exit"],
            "last_line": said[-1][:200] if said else ""}


# `reportgen check FOLDER` as the console script runs it (cli.main), then the main process's own peak;
# "serial": as on a one-core PC (os.cpu_count() = 1), every report checked in the main process, so its peak
# is the whole Python side's (LibreOffice aside)
CHECK = """
import os, resource, sys
if sys.argv[1] == "serial":
    os.cpu_count = lambda: 1
from reportgen.cli import main
code = main(sys.argv[2:])
print("SELF_MAXRSS_KB", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
sys.exit(code)
"""
IMPORT_ALL = """
import resource, sys
from pathlib import Path
from reportgen.importer import import_document
from reportgen.importer.write import facts_text
n = 0
for p in sorted(Path(sys.argv[1]).iterdir()):
    if p.suffix.lower() not in (".doc", ".wps"):
        facts_text(import_document(p))
        n += 1
print(n)
print("SELF_MAXRSS_KB", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def folders(sizes: list[int], env: dict[str, str]) -> list[dict]:  # type: ignore[type-arg]
    rows = []
    with tempfile.TemporaryDirectory(prefix="reportgen-bench-import-") as tmp:
        work = Path(tmp) / "pool"
        work.mkdir()
        kinds = pool(work)
        for n in sizes:
            folder = Path(tmp) / f"reports-{n}"
            made = fill(folder, n, kinds)
            csv_path = str(Path(tmp) / f"汇总-{n}.csv")
            check = measured([sys.executable, "-c", CHECK, "parallel", "check", str(folder), "-o", csv_path], env)
            serial = measured([sys.executable, "-c", CHECK, "serial", "check", str(folder), "-o", csv_path], env)
            imported = measured([sys.executable, "-c", IMPORT_ALL, str(folder)], env)
            old = made.get(".doc", 0) + made.get(".wps", 0)
            row = {"reports": n, "kinds": made,
                   "check": {**check, "cpu_ms_per_report": round(1000 * float(check["cpu_s"]) / n, 1),
                             "wall_ms_per_report": round(1000 * float(check["wall_s"]) / n, 1)},
                   "check_one_process": {**serial, "cpu_ms_per_report": round(1000 * float(serial["cpu_s"]) / n, 1),
                                         "wall_ms_per_report": round(1000 * float(serial["wall_s"]) / n, 1)},
                   "import": {**imported, "reports": n - old,
                              "cpu_ms_per_report": round(1000 * float(imported["cpu_s"]) / (n - old), 1)}}
            rows.append(row)
            print(f"{n:>6} reports {made}\n"
                  f"        check FOLDER: {check['wall_s']:>7} s wall, {row['check']['cpu_ms_per_report']:>6} ms CPU "
                  f"per report, peak {check['peak_mb']} MB (main process {check['main_process_peak_mb']} MB), "
                  f"exit {check['exit']}: {check['last_line'][:60]}\n"
                  f"        check, 1 core: {serial['wall_s']:>6} s wall, {row['check_one_process']['cpu_ms_per_report']:>6} ms "
                  f"CPU per report, Python process peak {serial['main_process_peak_mb']} MB\n"
                  f"        import each:  {imported['wall_s']:>7} s wall, {row['import']['cpu_ms_per_report']:>6} ms CPU "
                  f"per report, peak {imported['peak_mb']} MB ({n - old} reports, .doc/.wps left out)")
            shutil.rmtree(folder)
    return rows


def corpus(runs: int) -> list[dict]:  # type: ignore[type-arg]
    from reportgen.api import check_report
    from reportgen.importer import import_document
    from reportgen.importer.write import facts_text

    rows = []
    for path in corpus_files():
        times: dict[str, list[float]] = {"import": [], "check": []}
        for run in range(runs + 1):
            start = time.perf_counter()
            facts_text(import_document(path))
            middle = time.perf_counter()
            findings = len(check_report(path).findings)
            if run:
                times["import"].append(middle - start)
                times["check"].append(time.perf_counter() - middle)
        row = {"file": path.name, "import_s": round(statistics.median(times["import"]), 3),
               "check_s": round(statistics.median(times["check"]), 3), "findings": findings}
        rows.append(row)
        print(f"{path.name:>40}  import {row['import_s']:.3f} s  check {row['check_s']:.3f} s  {findings} findings")
    return rows


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reports", default="100,1000", help="folder sizes, comma-separated")
    parser.add_argument("--runs", type=int, default=3, help="runs per corpus file (median; at least 1)")
    parser.add_argument("--json", default=str(ROOT / "bench" / "results-import.json"))
    args = parser.parse_args()
    sizes = [int(x) for x in args.reports.split(",")]
    env = {**os.environ}
    load_start = os.getloadavg()
    print("== the corpus, one file at a time (in this process)")
    corpus_rows = corpus(args.runs)
    print("== folders of published reports (a fresh process each)")
    folder_rows = folders(sizes, env)
    flat = {}
    if len(folder_rows) >= 2:
        small, large = folder_rows[0], folder_rows[-1]
        for what in ("check", "check_one_process", "import"):
            flat[f"{what}: CPU per report, {large['reports']} vs {small['reports']}"] = round(
                large[what]["cpu_ms_per_report"] / small[what]["cpu_ms_per_report"], 3)
            flat[f"{what}: peak memory, {large['reports']} vs {small['reports']}"] = round(
                large[what]["peak_mb"] / small[what]["peak_mb"], 3)
            flat[f"{what}: peak memory of the main process, {large['reports']} vs {small['reports']}"] = round(
                large[what]["main_process_peak_mb"] / small[what]["main_process_peak_mb"], 3)
    result = {
        "command": "python bench/import_check.py " + " ".join(sys.argv[1:]),
        "flat (1.00 is flat)": flat,
        "folders": folder_rows,
        "corpus": corpus_rows,
        "corpus_total_s": {"import": round(sum(r["import_s"] for r in corpus_rows), 2),
                           "check": round(sum(r["check_s"] for r in corpus_rows), 2)},
        "machine": {"nproc": os.cpu_count(), "python": platform.python_version(),
                    "load_start": [round(x, 2) for x in load_start],
                    "load_end": [round(x, 2) for x in os.getloadavg()]},
    }
    print(json.dumps(flat, ensure_ascii=False, indent=2))
    Path(args.json).write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
