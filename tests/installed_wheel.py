"""reportgen as a clerk gets it: a wheel built from this checkout and installed in a fresh venv, shared by
the tests that run the installed `reportgen` (tests/test_wheel_start.py, tests/test_wheel_walkthrough.py);
the fixtures are session-scoped and registered in conftest.py, so the wheel is built and installed once.

The wheel is built from a copy of the files the build reads (pyproject.toml, README.md, LICENSE,
reportgen/, templates/, data/), so no build/ folder of an earlier build can slip a stale file in. It
is installed with --no-deps into a new venv; the dependencies come from this test run's own
site-packages through a .pth file (a path a .pth names is put on sys.path, but .pth files there
are not read, so the editable install of this checkout stays out): no network, and `reportgen`
is the wheel's, which the fixture asserts.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BUILD_INPUTS = ("pyproject.toml", "README.md", "LICENSE")
BUILD_FOLDERS = ("reportgen", "templates", "data")


@pytest.fixture(scope="session")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The reportgen-*.whl built from a clean copy of this checkout."""
    source = tmp_path_factory.mktemp("source")
    for name in BUILD_INPUTS:
        shutil.copy(ROOT / name, source / name)
    for name in BUILD_FOLDERS:
        shutil.copytree(ROOT / name, source / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    out = tmp_path_factory.mktemp("wheels")
    done = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index",
                           "-w", str(out), str(source)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    [made] = out.glob("reportgen-*.whl")
    return made


@pytest.fixture(scope="session")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv with the wheel installed (no dependencies from any index); its bin/ folder."""
    venv = tmp_path_factory.mktemp("fresh") / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    python = venv / "bin" / "python"
    done = subprocess.run([str(python), "-m", "pip", "install", "-q", "--no-deps", "--no-index", str(wheel)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    purelib = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                             capture_output=True, text=True, check=True).stdout.strip()
    (Path(purelib) / "test-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    where = subprocess.run([str(python), "-c", "import reportgen, docx; print(reportgen.__file__)"],
                           capture_output=True, text=True, cwd=venv)
    assert where.returncode == 0, where.stderr
    assert where.stdout.strip().startswith(str(venv)), where.stdout  # the wheel's reportgen, not this checkout's
    return venv / "bin"


def clean_env() -> dict[str, str]:
    """The environment for the installed `reportgen`: no PYTHON*, PIP_* or VIRTUAL_ENV of this test run."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "PIP_", "VIRTUAL_ENV"))}
    env["PATH"] = os.environ.get("PATH", "")
    return env


def runner(installed: Path, folder: Path):  # type: ignore[no-untyped-def]
    """`run(*args)`: the installed `reportgen ARGS` in `folder`, as a clerk runs it (no terminal on stdin)."""
    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([str(installed / "reportgen"), *args], cwd=folder, env=clean_env(),
                              capture_output=True, text=True, timeout=600, stdin=subprocess.DEVNULL)

    return run
