"""Side-by-side measurements of reportgen against its baselines and targets; prints a table.

    python bench/run.py           # the reported figures (cold N=7; folder builds of 200, 1,000 and
                                  # 10,000 files; 200 PDFs with 1 and 2 LibreOffice processes; ~10 min)
    python bench/run.py --quick   # smoke run (small sizes; about a minute) - not the reported figure

This is a measurement, not a test: it never asserts and always exits 0 unless the bench itself
crashes. A measurement whose command fails is shown as ERROR with the command's output.
See bench/README.md for what each row measures. (Linux and macOS: it reads getrusage.)
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
import sysconfig
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
FACTS = "data/example-2025.yaml"  # relative to ROOT, as a user would type it
TEMPLATE = "templates/national-2021.docx"

# The baseline of comparison 1: start Python, import docxtpl, load the JSON context, render, save.
BASELINE_SCRIPT = """\
import json, sys
from docxtpl import DocxTemplate
template, context_json, output = sys.argv[1:4]
def int_keys(d):  # JSON turns int keys (headings[2]) into strings; give them back
    return {int(k) if k.isdigit() else k: v for k, v in d.items()}
with open(context_json, encoding="utf-8") as f:
    context = json.load(f, object_hook=int_keys)
doc = DocxTemplate(template)
doc.render(context, autoescape=True)
doc.save(output)
"""


# --------------------------------------------------------------------------- helpers

def reportgen_command() -> tuple[list[str], str]:
    """The `reportgen` console script of the running Python environment (not a pyenv/asdf shim on
    PATH, which would add a shell start to every call); `python -m reportgen` if there is none."""
    script = Path(sysconfig.get_path("scripts")) / ("reportgen.exe" if os.name == "nt" else "reportgen")
    if script.is_file() and os.access(script, os.X_OK):
        return [str(script)], f"console script {script}"
    return [sys.executable, "-m", "reportgen"], f"{sys.executable} -m reportgen (no console script found)"


class Failed(Exception):
    pass


ENV: dict[str, str] | None = None  # the environment of every timed subprocess; see bytecode_env()


def bytecode_env(tmp: Path) -> tuple[dict[str, str], str]:
    """Python subprocesses that keep compiled bytecode (in a temporary PYTHONPYCACHEPREFIX, so nothing
    is written into the repository or site-packages), as on a normal install. Without this, a shell
    with PYTHONDONTWRITEBYTECODE=1 and an editable install recompiles every reportgen module on every
    start while docxtpl's installed .pyc files are used: a cost of the environment, not of reportgen."""
    env = dict(os.environ)
    inherited = "PYTHONDONTWRITEBYTECODE=1 inherited" if env.pop("PYTHONDONTWRITEBYTECODE", None) else "none inherited"
    env["PYTHONPYCACHEPREFIX"] = str(tmp / "pycache")
    # reportgen keeps compiled templates in the user's cache folder: use a private one, so runs start
    # alike and the user's is left alone (the warm-up fills it, as any earlier build would).
    env["XDG_CACHE_HOME"] = str(tmp / "xdg-cache")
    return env, (f"cached in a temporary PYTHONPYCACHEPREFIX, warmed up before timing ({inherited}); "
                 "template cache in a temporary XDG_CACHE_HOME; --as-is keeps the inherited environment")


def children_cpu() -> float:
    """User + system CPU seconds of all finished child processes so far (0 where not available)."""
    try:
        import resource
    except ImportError:  # Windows
        return 0.0
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(command: list[str], *, timeout: float = 300, cpu: list[float] | None = None) -> float:
    """Run a command from the repository root; its wall time in seconds (its CPU seconds appended to
    `cpu`). Raises Failed on non-zero exit."""
    cpu_start = children_cpu()
    start = time.perf_counter()
    proc = subprocess.run(command, cwd=ROOT, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, timeout=timeout, env=ENV)
    elapsed = time.perf_counter() - start
    if cpu is not None:
        cpu.append(children_cpu() - cpu_start)
    if proc.returncode != 0:
        out = proc.stdout.decode("utf-8", errors="replace").strip()
        raise Failed(f"exit {proc.returncode}: {' '.join(command)}\n{out[-1500:]}")
    return elapsed


def document_text(path: Path) -> list[str]:
    """The text runs of a .docx body, to check that the baseline made the same document."""
    import re
    import zipfile

    xml = zipfile.ZipFile(path).read("word/document.xml").decode("utf-8")
    return re.findall(r"<w:t(?:\s[^>]*)?>([^<]*)</w:t>", xml)


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def code_version() -> str:
    """The commit of the working tree, and whether reportgen's files differ from it (read-only git)."""
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                              text=True, timeout=10).stdout.strip()
        dirty = subprocess.run(["git", "--no-optional-locks", "status", "--porcelain", "--", "reportgen", "templates"],
                               cwd=ROOT, capture_output=True, text=True, timeout=10).stdout.splitlines()
    except (OSError, subprocess.SubprocessError):
        return "unknown (no git)"
    if not head:
        return "unknown (not a git checkout)"
    return head + (f" + {len(dirty)} uncommitted change(s) in reportgen/ or templates/" if dirty else " (clean)")


def libreoffice_version() -> str:
    from reportgen.publish.pdf import find_soffice

    soffice = find_soffice()
    if soffice is None:
        return "not found"
    profile = Path(tempfile.mkdtemp(prefix="bench-lo-version-"))
    try:
        out = subprocess.run([soffice, f"-env:UserInstallation={profile.as_uri()}", "--version"],
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=60)
        return out.stdout.decode("utf-8", errors="replace").strip() or f"{soffice} (no version output)"
    except Exception as exc:  # noqa: BLE001 - informational only
        return f"{soffice} ({exc})"
    finally:
        shutil.rmtree(profile, ignore_errors=True)


def result(name: str, label_a: str, a: float | None, label_b: str, b: float | None, *,
           ratio: float | None, target: str, ok: bool | None, note: str = "", error: str = "",
           unit: str = "s", figure: str = "") -> dict:
    """One row: A (reportgen) against B (a baseline, or the same thing at another size); `figure`
    is what the row reports (a ratio, or a value such as ms per report), judged against `target`."""
    scale = 1000 if unit == "ms" else 1
    return {"name": name, "reportgen_label": label_a, "reportgen": None if a is None else round(a * scale, 3),
            "baseline_label": label_b, "baseline": None if b is None else round(b * scale, 3), "unit": unit,
            "ratio": None if ratio is None else round(ratio, 3), "figure": figure or ("-" if ratio is None else f"{ratio:.2f}x"),
            "target": target, "verdict": "ERROR" if error else ("PASS" if ok else "MISS"), "note": note, "error": error}


def measured(command: list[str], timeout: float) -> dict:
    """Run `command` under a small Python wrapper that reports, from the operating system's own
    accounting of the finished command: wall seconds, CPU seconds (user + system, its worker
    processes included) and peak memory (the largest single process among it and its workers)."""
    wrapper = ("import json, resource, subprocess, sys, time\n"
               "t = time.perf_counter()\n"
               "p = subprocess.run(sys.argv[1:], stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)\n"
               "wall = time.perf_counter() - t\n"
               "u = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
               "kib = u.ru_maxrss // 1024 if sys.platform == 'darwin' else u.ru_maxrss\n"
               "print(json.dumps({'rc': p.returncode, 'wall': wall, 'cpu': u.ru_utime + u.ru_stime, 'peak_kib': kib,"
               " 'tail': p.stdout.decode('utf-8', 'replace')[-1500:]}))\n")
    proc = subprocess.run([sys.executable, "-c", wrapper, *command], cwd=ROOT, stdin=subprocess.DEVNULL,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=timeout, env=ENV)
    try:
        info = json.loads(proc.stdout.decode("utf-8", "replace").strip().splitlines()[-1])
    except (ValueError, IndexError):
        raise Failed(f"wrapper failed: {proc.stdout.decode('utf-8', 'replace')[-1500:]}") from None
    if info["rc"] != 0:
        raise Failed(f"exit {info['rc']}: {' '.join(command)}\n{info['tail']}")
    return info


# --------------------------------------------------------------------------- 1. cold single build

def cold_single(tmp: Path, runs: int, rg: list[str]) -> dict:
    import reportgen

    facts = reportgen.load_facts(ROOT / FACTS)
    context = facts.format.context(facts)  # computed once, here, outside the timed baseline
    context_json = tmp / "context.json"
    context_json.write_text(json.dumps(context, ensure_ascii=False), encoding="utf-8")
    script = tmp / "baseline_docxtpl.py"
    script.write_text(BASELINE_SCRIPT, encoding="utf-8")
    outdir = tmp / "cold"
    outdir.mkdir()
    target = "<= 1.0x"

    def ours(i: int) -> list[str]:  # a fresh output path every run: never an existing report
        return [*rg, "build", FACTS, "-o", str(outdir / f"reportgen-{i}.docx")]

    def base(i: int) -> list[str]:
        return [sys.executable, str(script), TEMPLATE, str(context_json), str(outdir / f"docxtpl-{i}.docx")]

    mine: list[float] = []
    theirs: list[float] = []
    mine_cpu: list[float] = []
    theirs_cpu: list[float] = []
    try:
        run(ours(-1)), run(base(-1))  # warm-up, not counted: page cache and .pyc files, for both
        same = document_text(outdir / "reportgen--1.docx") == document_text(outdir / "docxtpl--1.docx")
        first = None
        if ENV is not None:  # one more, not counted: the first build after install or a template change
            shutil.rmtree(Path(ENV["XDG_CACHE_HOME"]), ignore_errors=True)
            first = run(ours(-2))
        for i in range(runs):  # alternate, so drift in machine load hits both alike
            if i % 2 == 0:
                mine.append(run(ours(i), cpu=mine_cpu)); theirs.append(run(base(i), cpu=theirs_cpu))
            else:
                theirs.append(run(base(i), cpu=theirs_cpu)); mine.append(run(ours(i), cpu=mine_cpu))
    except Failed as exc:
        return result("cold single build", "reportgen build", None, "plain docxtpl script", None,
                      ratio=None, target=target, ok=None, error=str(exc))
    a, b = statistics.median(mine), statistics.median(theirs)
    pairs = sorted(x / y for x, y in zip(mine, theirs))
    note = (f"median of {runs} alternated runs each (one warm-up each not counted); median of the pairwise "
            f"ratios {statistics.median(pairs):.2f}x; "
            f"baseline document text {'identical to' if same else 'DIFFERS FROM'} reportgen's; "
            + (f"reportgen with an empty template cache (not counted) {first:.3f} s; " if first is not None else "")
            + f"reportgen min/max {min(mine):.3f}/{max(mine):.3f} s, docxtpl min/max {min(theirs):.3f}/{max(theirs):.3f} s")
    a_cpu, b_cpu = statistics.median(mine_cpu), statistics.median(theirs_cpu)
    if b_cpu > 0:  # CPU time is less disturbed by other load on a shared machine than wall time
        note += (f"; median CPU time (user+sys, less sensitive to other load): reportgen {a_cpu:.3f} s, "
                 f"docxtpl {b_cpu:.3f} s, ratio {a_cpu / b_cpu:.2f}x")
    return result("cold single build", "reportgen build", a, "plain docxtpl script", b,
                  ratio=a / b, target=target, ok=a / b <= 1.0, note=note)


# --------------------------------------------------------------------------- 2. folder builds at three sizes

def make_facts(folder: Path, count: int) -> None:
    """`count` facts files named agency-NNNNN.yaml (no year in the name, so no previous-year sibling
    is looked up), each a copy of the example with the agency renamed 示例市第N局."""
    text = (ROOT / FACTS).read_text(encoding="utf-8")
    folder.mkdir()
    for n in range(1, count + 1):
        body = text.replace("示例市示例局", f"示例市第{n}局").replace("市示例局", f"市第{n}局")
        (folder / f"agency-{n:05d}.yaml").write_text(body, encoding="utf-8")


def folder_builds(tmp: Path, sizes: tuple[int, int, int], rg: list[str]) -> tuple[list[dict], Path | None]:
    """One folder build at each size, smallest first, each into a fresh, empty output folder."""
    small, middle, large = sizes
    master = tmp / "facts-master"
    make_facts(master, large)
    runs: dict[int, dict] = {}
    try:
        for size in sorted(set(sizes)):
            folder = tmp / f"facts-{size}"
            folder.mkdir()
            for n in range(1, size + 1):  # hard links: the same files, no more disk
                name = f"agency-{n:05d}.yaml"
                os.link(master / name, folder / name)
            print(f"      folder build of {size} files ...", file=sys.stderr, flush=True)
            runs[size] = measured([*rg, "build", str(folder), "-o", str(tmp / f"out-{size}")], timeout=120 + 2 * size)
            made = len(list((tmp / f"out-{size}").glob("*.docx")))
            if made != size:
                raise Failed(f"folder build of {size} made {made} reports")
    except Failed as exc:
        return [result("folder build", "-", None, "-", None, ratio=None, target="", ok=None, error=str(exc))], None
    info = {size: run for size, run in runs.items()}
    jobs = os.cpu_count()
    cpu_per = {size: r["cpu"] / size for size, r in info.items()}
    wall_per = {size: r["wall"] / size for size, r in info.items()}
    detail = "; ".join(f"{size} files: {r['wall']:.1f} s wall, {cpu_per[size] * 1000:.1f} ms CPU a report, "
                       f"peak {r['peak_kib'] / 1024:.0f} MiB" for size, r in sorted(info.items()))
    rows = [
        result(f"CPU per report, folder build of {small}", f"{small} files", cpu_per[small], "target", 0.030,
               ratio=cpu_per[small] / 0.030, target="<= 30 ms", ok=cpu_per[small] <= 0.030, unit="ms",
               figure=f"{cpu_per[small] * 1000:.1f} ms",
               note=f"user+sys CPU of the whole command (parent and its {jobs} workers, start-up included) / "
                    f"files; {detail}"),
        result(f"time per report, {large} vs {small} files", f"{large} files", wall_per[large],
               f"{small} files", wall_per[small], ratio=wall_per[large] / wall_per[small], target="<= 1.10x",
               ok=wall_per[large] / wall_per[small] <= 1.10, unit="ms",
               note="wall time of the whole command / files (start-up included, which favours the larger size)"),
        result(f"peak memory, {large} vs {middle} files", f"{large} files", info[large]["peak_kib"] / 1024,
               f"{middle} files", info[middle]["peak_kib"] / 1024,
               ratio=info[large]["peak_kib"] / info[middle]["peak_kib"], target="<= 1.2x",
               ok=info[large]["peak_kib"] / info[middle]["peak_kib"] <= 1.2, unit="MiB",
               note="largest single process (the parent or a worker), as the operating system accounts it"),
    ]
    return rows, tmp / f"out-{small}"


# --------------------------------------------------------------------------- 3. PDFs

def pdfs(tmp: Path, count: int, docx_folder: Path | None) -> dict:
    from reportgen.publish.pdf import PdfError, convert_to_pdf, find_soffice

    name, label_a, label_b, target = f"{count} PDFs", "2 LibreOffice processes", "1 LibreOffice process", ">= 1.8x"
    if find_soffice() is None:
        return result(name, label_a, None, label_b, None, ratio=None, target=target, ok=None,
                      error="LibreOffice (soffice) not found")
    docs = sorted(docx_folder.glob("*.docx"))[:count] if docx_folder else []
    if len(docs) < count:
        return result(name, label_a, None, label_b, None, ratio=None, target=target, ok=None,
                      error=f"only {len(docs)} built .docx files available (the folder builds failed?)")
    try:
        cpu = children_cpu()
        one = timed(lambda: convert_to_pdf(docs, tmp / "pdf-1", processes=1))
        cpu_one, cpu = children_cpu() - cpu, children_cpu()
        two = timed(lambda: convert_to_pdf(docs, tmp / "pdf-2", processes=2))
        cpu_two = children_cpu() - cpu
    except PdfError as exc:
        return result(name, label_a, None, label_b, None, ratio=None, target=target, ok=None, error=str(exc))
    note = (f"reportgen.publish.pdf.convert_to_pdf(the {count} reports of the smallest folder build, processes=1, then 2), "
            f"in this process; one run each; {os.cpu_count()} cores; LibreOffice CPU (user+sys) {cpu_one:.1f} s "
            f"with 1 process, {cpu_two:.1f} s with 2: a wall time well above the CPU time means the machine "
            f"gave LibreOffice less than its cores (other load), which caps the speed-up")
    return result(name, label_a, two, label_b, one, ratio=one / two, target=target, ok=one / two >= 1.8,
                  figure=f"{one / two:.2f}x faster", note=note)


# --------------------------------------------------------------------------- main

def _value(value: float | None, unit: str) -> str:
    return "-" if value is None else f"{value:.3f} {unit}" if unit == "s" else f"{value:.1f} {unit}"


def _width(text: str) -> int:  # CJK characters take two columns in a terminal
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def print_table(machine: dict, results: list[dict], quick: bool) -> None:
    print()
    print("reportgen benchmark" + ("  [QUICK MODE: smoke run only, NOT the reported figure]" if quick else ""))
    for key, value in machine.items():
        print(f"  {key:<12} {value}")
    print()
    rows = [("measurement", "A", "value", "B", "value", "figure", "target", "verdict")]
    for r in results:
        rows.append((r["name"], r["reportgen_label"], _value(r["reportgen"], r["unit"]), r["baseline_label"],
                     _value(r["baseline"], r["unit"]), r["figure"], r["target"], r["verdict"]))
    widths = [max(_width(row[i]) for row in rows) for i in range(len(rows[0]))]
    right = {2, 4, 5}
    for n, row in enumerate(rows):
        cells = [(" " * (w - _width(c)) + c) if i in right else (c + " " * (w - _width(c)))
                 for i, (c, w) in enumerate(zip(row, widths))]
        print("  ".join(cells).rstrip())
        if n == 0:
            print("  ".join("-" * w for w in widths))
    print()
    print("figure: cold = reportgen / docxtpl (lower is better); CPU per report (lower is better);")
    print("        N vs M files = the N figure / the M figure (1.00x is flat); PDFs = 1 process / 2 processes.")
    for r in results:
        if r["note"]:
            print(f"  {r['name']}: {r['note']}")
        if r["error"]:
            print(f"  {r['name']}: ERROR {r['error']}")
    if quick:
        print("\nQUICK MODE: small sizes, fewer runs; not the reported figure (run without --quick).")


def main() -> int:
    parser = argparse.ArgumentParser(description="reportgen benchmark (times and ratios; never asserts)")
    parser.add_argument("--quick", action="store_true",
                        help="smoke run: N=3, folder builds of 20/50/200 files, 10 PDFs (not the reported figure)")
    parser.add_argument("--runs", type=int, help="cold single build: runs of each command (default 7; quick 3)")
    parser.add_argument("--sizes", type=lambda t: tuple(int(x) for x in t.split(",")),
                        help="folder builds: SMALL,MIDDLE,LARGE files (default 200,1000,10000; quick 20,50,200)")
    parser.add_argument("--pdfs", type=int, help="PDFs in the PDF comparison (default 200; quick 10)")
    parser.add_argument("--as-is", action="store_true",
                        help="run the subprocesses in the inherited environment (e.g. PYTHONDONTWRITEBYTECODE=1: "
                             "no bytecode cache) instead of a temporary bytecode cache")
    parser.add_argument("--json", type=Path,
                        help="results file (default bench/results.json; bench/results-quick.json with --quick)")
    args = parser.parse_args()
    sys.stdout.reconfigure(line_buffering=True)  # keep stdout and the stderr progress lines in order
    runs = args.runs or (3 if args.quick else 7)
    sizes = args.sizes or ((20, 50, 200) if args.quick else (200, 1000, 10000))
    if len(sizes) != 3:
        parser.error("--sizes takes three numbers: SMALL,MIDDLE,LARGE")
    npdf = min(args.pdfs or (10 if args.quick else 200), sizes[0])
    json_path = args.json or BENCH / ("results-quick.json" if args.quick else "results.json")

    sys.path.insert(0, str(ROOT))  # the working tree's reportgen, even if not installed
    rg, rg_desc = reportgen_command()
    machine = {
        "nproc": os.cpu_count(),
        "python": f"{platform.python_version()} ({sys.executable})",
        "libreoffice": libreoffice_version(),
        "platform": platform.platform(),
        "reportgen": rg_desc,
        "code": code_version(),
        "mode": "quick (NOT the reported figure)" if args.quick else "full",
        "sizes": f"N={runs} cold runs, folder builds of {'/'.join(map(str, sizes))} files, {npdf} PDFs",
    }
    if hasattr(os, "getloadavg"):
        machine["load"] = "load average at start %.2f %.2f %.2f (1/5/15 min)" % os.getloadavg()
    started = time.perf_counter()
    tmp = Path(tempfile.mkdtemp(prefix="reportgen-bench-"))
    global ENV
    if args.as_is:
        flag = os.environ.get("PYTHONDONTWRITEBYTECODE")
        machine["bytecode"] = f"inherited environment (--as-is; PYTHONDONTWRITEBYTECODE={flag or 'unset'})"
    else:
        ENV, machine["bytecode"] = bytecode_env(tmp)
    results: list[dict] = []
    try:
        print(f"[1/3] cold single build, {runs} runs each ...", file=sys.stderr, flush=True)
        results.append(cold_single(tmp, runs, rg))
        print(f"[2/3] folder builds of {', '.join(map(str, sizes))} files ...", file=sys.stderr, flush=True)
        rows, built = folder_builds(tmp, sizes, rg)
        results += rows
        print(f"[3/3] {npdf} PDFs: 1 LibreOffice process, then 2 ...", file=sys.stderr, flush=True)
        results.append(pdfs(tmp, npdf, built))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    machine["bench_wall_s"] = round(time.perf_counter() - started, 1)
    if hasattr(os, "getloadavg"):
        machine["load"] += ", at end %.2f %.2f %.2f" % os.getloadavg()
    print_table(machine, results, args.quick)
    payload = {"machine": machine, "when": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "results": results}
    json_path.write_text(json.dumps(payload, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"\nresults written to {json_path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
