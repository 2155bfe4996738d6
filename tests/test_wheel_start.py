"""Issue 22's first "done when": from a wheel installed in a fresh venv, in an empty folder outside the
repository, `reportgen init`, the blanks filled, `check`, `build --pdf --html --graphic` and
`reportgen examples` succeed, with the messages a clerk reads.

The wheel is built from a copy of the files the build reads (pyproject.toml, README.md, LICENSE,
reportgen/, templates/, data/), so no build/ folder of an earlier build can slip a stale file in. It
is installed with --no-deps into a new venv; the dependencies come from this test run's own
site-packages through a .pth file (a path a .pth names is put on sys.path, but .pth files there
are not read, so the editable install of this checkout stays out): no network, and `reportgen`
is the wheel's, which the test asserts.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest
from conftest import DATA, ROOT
from init_fill import fill

BUILD_INPUTS = ("pyproject.toml", "README.md", "LICENSE")
BUILD_FOLDERS = ("reportgen", "templates", "data")
EXAMPLES = ("example-2024.yaml", "example-2025.yaml", "example-office-2025.yaml", "rules/local-rules-example.yaml")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
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


def test_the_wheel_holds_the_examples_and_the_templates(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for name in EXAMPLES:
        assert f"reportgen/examples/{name}" in names, name
        assert zipfile.ZipFile(wheel).read(f"reportgen/examples/{name}") == (DATA / name).read_bytes()
    assert "reportgen/templates/national-2021.docx" in names
    assert not any(n.startswith("reportgen/examples/jiaxing") for n in names)  # only what `examples` copies


@pytest.fixture(scope="module")
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


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "PIP_", "VIRTUAL_ENV"))}
    env["PATH"] = os.environ.get("PATH", "")
    return env


def test_a_clerks_first_report_from_the_installed_wheel(installed: Path, tmp_path: Path) -> None:
    folder = tmp_path / "我的报告"
    folder.mkdir()  # empty, outside the repository

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([str(installed / "reportgen"), *args], cwd=folder, env=_env(), capture_output=True,
                              text=True, timeout=600, stdin=subprocess.DEVNULL)

    made = run("init", "--agency", "示例市测试局", "--year", "2025")
    assert made.returncode == 0, made.stderr
    assert made.stdout.startswith("已生成 示例市测试局-2025.yaml：请用记事本等编辑器打开")
    assert sorted(p.name for p in folder.iterdir()) == ["reportgen.schema.json", "示例市测试局-2025.yaml"]
    facts = folder / "示例市测试局-2025.yaml"

    blank = run("check", facts.name)
    assert blank.returncode == 1
    counted = re.search(r"还有 (\d+) 处待填：以下各处还没有填写", blank.stderr)
    assert counted, blank.stderr
    listed = int(counted.group(1))
    filled = fill(facts)
    assert listed == filled == 179  # check names every blank the clerk then fills, no more, no less

    checked = run("check", facts.name)
    assert checked.returncode == 0, checked.stderr
    assert f"{facts.name}: 检查通过：0 个错误" in checked.stdout

    built = run("build", facts.name, "--pdf", "--html", "--graphic")
    assert built.returncode == 0, built.stderr
    out = folder / "out"
    for name in ("示例市测试局-2025.docx", "示例市测试局-2025.pdf", "示例市测试局-2025.html",
                 "示例市测试局-2025.图解.png", "示例市测试局-2025.图解.svg"):
        assert (out / name).is_file() and (out / name).stat().st_size > 0, name
        assert re.search(rf"^已生成 (?:.*、)?out/{re.escape(name)}(?:[（、].*)?$", built.stdout, re.M), name
    xml = zipfile.ZipFile(out / "示例市测试局-2025.docx").read("word/document.xml").decode("utf-8")
    text = "".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", xml))
    assert "示例市测试局2025年度政府信息公开工作年度报告" in text
    assert "全年新收政府信息公开申请5件，予以公开3件，结转下年度继续办理2件。" in text
    assert "示例市测试局" in (out / "示例市测试局-2025.html").read_text(encoding="utf-8")

    copied = run("examples")
    assert copied.returncode == 0, copied.stderr
    assert copied.stdout.startswith("已把 4 个示例文件复制到 示例：")
    for name in EXAMPLES:
        assert (folder / "示例" / name).read_bytes() == (DATA / name).read_bytes(), name
    example = run("build", "示例/example-2025.yaml", "-o", "out/示例.docx")
    assert example.returncode == 0, example.stderr

    typo = run("bulid", facts.name)
    assert typo.returncode == 2 and "没有 bulid 这个命令。是不是 build？" in typo.stderr
