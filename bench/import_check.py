"""How long `reportgen check FOLDER` takes on 100 published reports (import + every check), and
`reportgen import` on the same 100 one by one in one process. A figure, not a test.

    python bench/import_check.py            # 100 reports (the reported figure)
    python bench/import_check.py --reports 20

The 100 reports are made in a temp folder: 30 national-format .docx built from
data/example-2025.yaml under 30 agency names, 10 narrative .docx (the seed report), 20 web pages
(the project's own), 20 PDFs (converted in one LibreOffice call, not timed) and 20 copies of the
import fixtures (hand-typed .docx, a PDF, a CMS page and .doc files, which `check` converts in
one LibreOffice call, timed). Prints seconds and reports per second; writes bench/results-import.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FIXTURES = ROOT / "tests" / "fixtures" / "import"
MIX = ["qu-zhengfuban-2023.docx", "shuiwu-2023.docx", "tongjiju-2023.pdf", "jiedao-2024.doc",
       "wenguangju-2012.docx", "xiangyang-cms-2023.html"]


def make_reports(folder: Path, n: int) -> None:
    from reportgen import build_report
    from reportgen.api import write_html
    from reportgen.checks.run import load_facts
    from reportgen.publish.pdf import convert_to_pdf

    src = (ROOT / "data" / "example-2025.yaml").read_text(encoding="utf-8")
    seed = ROOT / "data" / "jiaxing-sports-2011.yaml"
    work = folder.parent / "facts"
    work.mkdir()
    counts = {"docx": n * 30 // 100, "seed": n * 10 // 100, "html": n * 20 // 100, "pdf": n * 20 // 100}
    counts["fixtures"] = n - sum(counts.values())
    pdf_sources = []
    for i in range(counts["docx"] + counts["html"] + counts["pdf"]):
        facts = work / f"agency{i:03d}-2025.yaml"
        facts.write_text(src.replace("name: 示例市示例局", f"name: 示例市第{i + 1}局"), encoding="utf-8")
        if i < counts["docx"]:
            build_report(facts, folder / f"agency{i:03d}.docx")
        elif i < counts["docx"] + counts["html"]:
            write_html(load_facts(facts), folder / f"agency{i:03d}.html")
        else:
            pdf_sources.append(build_report(facts, work / f"agency{i:03d}.docx").output)
    convert_to_pdf(pdf_sources, folder)
    for i in range(counts["seed"]):
        build_report(seed, folder / f"narrative{i:03d}.docx")
    for i in range(counts["fixtures"]):
        name = MIX[i % len(MIX)]
        shutil.copy(FIXTURES / name, folder / f"fixture{i:03d}-{name}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reports", type=int, default=100)
    parser.add_argument("--json", default=str(ROOT / "bench" / "results-import.json"))
    args = parser.parse_args()
    exe = Path(sys.prefix) / "bin" / "reportgen"
    command = [str(exe)] if exe.exists() else [sys.executable, "-m", "reportgen"]
    with tempfile.TemporaryDirectory(prefix="reportgen-bench-import-") as tmp:
        folder = Path(tmp) / "reports"
        folder.mkdir()
        make_reports(folder, args.reports)
        kinds: dict[str, int] = {}
        for p in folder.iterdir():
            kinds[p.suffix] = kinds.get(p.suffix, 0) + 1
        env = {**os.environ, "REPORTGEN_NO_CACHE": os.environ.get("REPORTGEN_NO_CACHE", "")}
        start = time.perf_counter()
        run = subprocess.run([*command, "check", str(folder), "-o", str(Path(tmp) / "汇总.csv")],
                             capture_output=True, text=True, env=env)
        check_seconds = time.perf_counter() - start
        from reportgen.importer import import_document
        from reportgen.importer.write import facts_text

        start = time.perf_counter()
        for p in sorted(folder.iterdir()):
            if p.suffix != ".doc":  # .doc alone costs a LibreOffice start each; `check` batches them
                facts_text(import_document(p))
        import_seconds = time.perf_counter() - start
        imported = sum(1 for p in folder.iterdir() if p.suffix != ".doc")
    result = {
        "command": f"reportgen check FOLDER -o 汇总.csv ({args.reports} reports: {kinds})",
        "check_folder_seconds": round(check_seconds, 2),
        "reports_per_second": round(args.reports / check_seconds, 1),
        "check_exit_code": run.returncode,
        "check_summary": run.stdout.strip().splitlines()[-1] if run.stdout.strip() else run.stderr[-300:],
        "import_only_seconds": round(import_seconds, 2),
        "import_only_reports": imported,
        "machine": {"nproc": os.cpu_count(), "python": platform.python_version()},
    }
    print(json.dumps(result, ensure_ascii=False, indent=2))
    Path(args.json).write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
