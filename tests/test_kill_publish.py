"""Kill-safe publishing (issue 21, item 5): `build --pdf --html --graphic` killed with SIGKILL at
random moments (the build process only, as a crash or a closed window would) leaves its five outputs
all of one build, or the next build names the ones still of the older build; no LibreOffice of it
keeps running; the next build leaves no temporary folder behind (beside the outputs, or LibreOffice
profiles in the temporary folder).

Two variants of the example report tell the builds apart: A (示例市示例局) and B (示例市样例局). The
.docx, .html, .png and .svg are byte-identical from build to build, so each is recognised by its
SHA-256 against a reference build of each variant; the PDF (LibreOffice stamps a time in it) by its
title, after a strict reader opened it and its fingerprint was checked.
"""

from __future__ import annotations

import hashlib
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pypdf
from conftest import DATA

from reportgen.cli import main
from reportgen.publish.commit import journal_path
from reportgen.publish.output import untouched_since_written

RUNS = 30
AGENCY = {"A": "示例市示例局", "B": "示例市样例局"}
OPTIONS = ["--pdf", "--html", "--graphic"]


def outputs(docx: Path) -> list[Path]:
    return [docx, docx.with_name(docx.stem + ".图解.png"), docx.with_name(docx.stem + ".图解.svg"),
            docx.with_suffix(".html"), docx.with_suffix(".pdf")]


def variant_facts(folder: Path) -> dict[str, Path]:
    text = (DATA / "example-2025.yaml").read_text(encoding="utf-8")
    assert "  name: 示例市示例局\n" in text
    facts = {"A": folder / "a.yaml", "B": folder / "b.yaml"}
    facts["A"].write_text(text, encoding="utf-8")
    facts["B"].write_text(text.replace("  name: 示例市示例局\n", "  name: 示例市样例局\n", 1), encoding="utf-8")
    return facts


def build_in_process(capsys, facts: Path, docx: Path) -> str:
    code = main(["build", str(facts), "-o", str(docx), *OPTIONS])
    err = capsys.readouterr().err
    assert code == 0, err
    return err


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def which_build(path: Path, references: dict[str, dict[str, str]]) -> str | None:
    """'A' or 'B' (the variant the file was built from), None when absent; fails on anything else
    (a half-written or unknown file)."""
    if not path.exists():
        return None
    if path.suffix == ".pdf":
        title = pypdf.PdfReader(path, strict=True).metadata.title
        assert untouched_since_written(path), f"{path}: not a whole PDF as reportgen wrote it"
        [found] = [v for v, name in AGENCY.items() if name in title]
        return found
    [found] = [v for v, ref in references.items() if ref[path.name] == digest(path)] or [f"unknown {path.name}"]
    return found


def ours(marker: str) -> list[str]:
    """Processes whose command line names `marker` (this test's temporary folder): LibreOffice's
    profile lives there, so soffice, oosplash, soffice.bin and the watchdog all name it."""
    done = subprocess.run(["pgrep", "-a", "-f", marker], capture_output=True, text=True)
    return [line for line in done.stdout.splitlines() if "pgrep" not in line]


def test_build_killed_at_random_moments(tmp_path, capsys, monkeypatch):
    scratch = tmp_path / "tmp"  # the builds' temporary folder (LibreOffice profiles)
    scratch.mkdir()
    monkeypatch.setenv("TMPDIR", str(scratch))
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    facts = variant_facts(tmp_path)
    references: dict[str, dict[str, str]] = {}
    for v in "AB":
        ref = tmp_path / f"ref-{v}" / "r.docx"
        build_in_process(capsys, facts[v], ref)
        references[v] = {p.name: digest(p) for p in outputs(ref)[:4]}
    assert references["A"] != references["B"] and all(
        references["A"][name] != references["B"][name] for name in references["A"])

    docx = tmp_path / "out" / "r.docx"
    command = [sys.executable, "-m", "reportgen", "build", "-o", str(docx), *OPTIONS]
    env = {**os.environ, "TMPDIR": str(scratch)}
    start = time.monotonic()
    assert subprocess.run([*command, str(facts["A"])], env=env, capture_output=True).returncode == 0
    duration = time.monotonic() - start  # of a whole build in a process of its own
    current = "A"
    seed = int(os.environ.get("REPORTGEN_FAULT_SEED", random.randrange(1 << 30)))
    rng = random.Random(seed)
    log = []
    for run in range(RUNS):
        new = "B" if current == "A" else "A"
        delay = rng.uniform(0.05, duration * 1.2)
        proc = subprocess.Popen([*command, str(facts[new])], env=env, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        time.sleep(delay)
        lo_running = any("soffice" in line or "oosplash" in line for line in ours(str(scratch)))
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
        # LibreOffice dies with the build (its watchdog kills the group at once; allow 5 seconds).
        deadline = time.monotonic() + 5
        while ours(str(scratch)) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert ours(str(scratch)) == [], f"run {run} (seed {seed}): LibreOffice outlived the build"
        kinds = {p.name: which_build(p, references) for p in outputs(docx)}
        seen = set(kinds.values())
        outcome = "old" if seen == {current} else "new" if seen == {new} else "mixed"
        if outcome == "mixed":
            assert journal_path(docx).exists(), f"run {run} (seed {seed}): outputs of two builds, no journal: {kinds}"
        log.append((delay / duration, lo_running, outcome))
        if outcome != "mixed" and run % 3 != 2 and run != RUNS - 1:
            current = new if outcome == "new" else current
            continue  # the next killed build is the next run; every third run goes to its end
        # The next run: the same build again, to its end, in a process of its own (as a user runs
        # it). It names what is stale and cleans up after every killed build before it.
        done = subprocess.run([*command, str(facts[new])], env=env, capture_output=True, text=True)
        err = done.stderr
        assert done.returncode == 0, err
        stale = sorted(name for name, kind in kinds.items() if kind == current) if outcome == "mixed" else []
        for name in stale:
            assert f"{docx.parent / name}" in err and "还是更早一次生成的" in err, err
        if not stale:
            assert "还是更早一次生成的" not in err, err
        assert {which_build(p, references) for p in outputs(docx)} == {new}
        left = sorted(p.name for p in docx.parent.iterdir())
        assert left == sorted(p.name for p in outputs(docx)), f"run {run} (seed {seed}): left behind: {left}"
        assert list(scratch.iterdir()) == [], f"run {run} (seed {seed}): left in TMPDIR: {list(scratch.iterdir())}"
        current = new
    summary = {k: sum(1 for *_, o in log if o == k) for k in ("old", "new", "mixed")}
    print(f"\n{RUNS} kills (seed {seed}), whole build {duration:.1f} s; moments (fraction of the build): "
          + ", ".join(f"{f:.2f}{'*' if lo else ''}" for f, lo, _ in log)
          + f" (* LibreOffice running); outcomes {summary}; LibreOffice running at {sum(lo for _, lo, _ in log)} kills")
    assert sum(lo for _, lo, _ in log) >= RUNS // 5  # the kills did land while LibreOffice converted


def test_a_build_killed_between_two_renames_is_named_by_the_next(tmp_path, capsys):
    """The one window where outputs of two builds can stand together: killed after the 图解 and the
    web page were put in place, before the PDF and the .docx. The next build names those two."""
    facts = variant_facts(tmp_path)
    docx = tmp_path / "out" / "r.docx"
    build_in_process(capsys, facts["A"], docx)
    before = {p.name: p.read_bytes() for p in outputs(docx)}
    script = f"""
import os, sys, time
real = os.replace
def stall(src, dst):
    if str(dst) == {str(docx.with_suffix(".pdf"))!r}:  # the commit's rename, not LibreOffice's staging
        print("stalled", flush=True)
        time.sleep(60)
    return real(src, dst)
os.replace = stall
from reportgen.cli import main
sys.exit(main(["build", {str(facts["B"])!r}, "-o", {str(docx)!r}, "--pdf", "--html", "--graphic"]))
"""
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "stalled"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=10)
    proc.stdout.close()
    after = {p.name: p.read_bytes() for p in outputs(docx)}
    changed = sorted(name for name in before if before[name] != after[name])
    assert changed == ["r.html", "r.图解.png", "r.图解.svg"]
    assert journal_path(docx).exists()
    # A build without --pdf: it rewrites the .docx, and says the PDF is still the old one and how to fix it.
    done = subprocess.run([sys.executable, "-m", "reportgen", "build", str(facts["B"]), "-o", str(docx), "--html",
                           "--graphic"], capture_output=True, text=True)
    err = done.stderr
    assert done.returncode == 0, err
    assert (f"注意：上一次生成 {docx} 时在写入途中被中断，{docx.with_suffix('.pdf')}、{docx} 还是更早一次生成的"
            in err), err
    assert f"这次生成没有重新写入 {docx.with_suffix('.pdf')}：请加上 --pdf 重新生成" in err
    assert not journal_path(docx).exists()
    assert sorted(p.name for p in docx.parent.iterdir()) == sorted(p.name for p in outputs(docx))
    shutil.rmtree(tmp_path / "out")


def test_only_the_temporary_folders_of_runs_that_ended_are_removed(tmp_path, monkeypatch):
    from reportgen.publish import lifetime

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    dead = subprocess.Popen([sys.executable, "-c", ""])
    dead.wait()
    live = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        names = {
            f".reportgen-pdf-{dead.pid}-abc": False, f".reportgen-build-{dead.pid}-abc": False,
            f".reportgen-pdf-{live.pid}-abc": True, f".reportgen-build-{os.getpid()}-abc": True,
            ".reportgen-pdf-old1234x": False, ".reportgen-pdf-young123": True,  # an older reportgen's: by age
            f"reportgen-lo-profile-{dead.pid}-abc": True,  # beside the outputs only the two kinds above
        }
        for name in names:
            (tmp_path / name).mkdir()
            (tmp_path / name / "r.pdf").write_bytes(b"%PDF")
        old = time.time() - lifetime.UNOWNED_AGE - 60
        os.utime(tmp_path / ".reportgen-pdf-old1234x", (old, old))
        profiles = {f"reportgen-lo-profile-{dead.pid}-x": False, f"reportgen-lo-profile-{live.pid}-x": True}
        for name in profiles:
            (tmp_path / "tmp" / name).mkdir()
        removed = lifetime.sweep(tmp_path) + lifetime.sweep()
        assert sorted(p.name for p in removed) == sorted(
            [n for n, kept in names.items() if not kept] + [n for n, kept in profiles.items() if not kept])
        assert sorted(p.name for p in tmp_path.iterdir()) == sorted([n for n, kept in names.items() if kept] + ["tmp"])
    finally:
        live.kill()
        live.wait()
