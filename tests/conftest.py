from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEED_FACTS = DATA / "jiaxing-sports-2011.yaml"
# The seed report as published (a copy of shared/seeds/000_92796daa87a38da5.txt).
SEED_TEXT = FIXTURES / "seed-jiaxing-sports-2011.txt"

from installed_wheel import installed, wheel  # noqa: E402,F401  (session fixtures: the wheel is built once)


def import_fixture_module(name: str):  # type: ignore[no-untyped-def]
    """A script of tests/fixtures/import/ (make_fixtures, cms_page) loaded as a module: the scripts that
    make the import fixtures, used by the tests to make variants of them."""
    import importlib.util
    import sys

    folder = FIXTURES / "import"
    spec = importlib.util.spec_from_file_location(name, folder / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.path.insert(0, str(folder))
    try:
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(folder))
    return module


@pytest.fixture(scope="session")
def _cache_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("cache")


@pytest.fixture(autouse=True)
def _isolated_cwd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, _cache_home: Path) -> None:
    """Every test runs in its own empty folder, so default outputs (out/) never touch the repo,
    and the compiled-template cache lives in a folder of the test session's own."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_CACHE_HOME", str(_cache_home))


@pytest.fixture(scope="session")
def seed_docx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from reportgen import build_report

    out = tmp_path_factory.mktemp("seed") / "seed.docx"
    build_report(SEED_FACTS, out)
    return out


def pytest_configure(config: pytest.Config) -> None:
    os.environ.setdefault("PYTHONIOENCODING", "utf-8")


def stalled_writer(out: Path, facts: Path) -> subprocess.Popen:
    """Another build of `facts` to `out` that stops after writing its temporary file, before the rename
    (it prints "writing" then sleeps: kill it, or let a second build find its lock)."""
    script = textwrap.dedent(f"""
        import os, sys, time
        import reportgen.publish.output as output
        real_replace = os.replace
        def stall(src, dst):
            if str(dst) != {str(out)!r}:
                return real_replace(src, dst)  # the compiled-template cache, say
            print("writing", flush=True)
            time.sleep(60)
        output.os.replace = stall
        from reportgen.cli import main
        sys.exit(main(["build", {str(facts)!r}, "-o", {str(out)!r}]))
    """)
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "writing"
    return proc
