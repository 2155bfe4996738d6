"""The offline installation zip (scripts/make-offline-bundle): installs on Linux with --no-index and
builds the example; holds a fitting wheel of every dependency for Windows and Linux, CPython
3.10–3.13. Building it downloads from PyPI once per test session (about 40 MB)."""

from __future__ import annotations

import email
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.tags import compatible_tags, cpython_tags
from packaging.utils import canonicalize_name, parse_wheel_filename

from conftest import ROOT

try:
    import tomllib
except ImportError:  # Python 3.10
    from pip._vendor import tomli as tomllib  # type: ignore[no-redef]

VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
PYTHONS = ("3.10", "3.11", "3.12", "3.13")
# What a Linux with glibc 2.28 (the newest the bundle asks for) accepts: every older manylinux too.
LINUX = [*(f"manylinux_2_{minor}_x86_64" for minor in range(28, 4, -1)),
         "manylinux2014_x86_64", "manylinux2010_x86_64", "manylinux1_x86_64"]


@pytest.fixture(scope="session")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    cache = tmp_path_factory.mktemp("pip-cache")  # downloads kept for this test session only
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "make-offline-bundle"), "--out", str(out),
                           "--cache", str(cache)], capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stdout + done.stderr
    path = out / f"reportgen-offline-{VERSION}.zip"
    assert path.is_file() and f"已生成 {path}" in done.stdout
    return path


def test_the_linux_bundle_installs_without_an_index_and_builds_the_example(bundle, tmp_path):
    with zipfile.ZipFile(bundle) as z:
        z.extractall(tmp_path)
    folder = tmp_path / f"reportgen-offline-{VERSION}"
    script = (folder / "install.sh").read_text(encoding="utf-8")
    assert "--no-index --find-links wheels" in script
    # No other source of packages: no pip configuration, index or find-links of this machine.
    env = {k: v for k, v in os.environ.items() if not k.startswith("PIP_")}
    env["PYTHON"] = sys.executable
    installed = subprocess.run(["sh", "install.sh"], cwd=folder, env=env, capture_output=True, text=True, timeout=600)
    assert installed.returncode == 0, installed.stdout + installed.stderr
    assert "安装完成" in installed.stdout
    reportgen = folder / ".venv" / "bin" / "reportgen"
    built = subprocess.run([str(reportgen), "build", "示例/example-2025.yaml", "-o", "out/示例.docx"], cwd=folder,
                           env=env, capture_output=True, text=True, timeout=120)
    assert built.returncode == 0, built.stderr
    document = zipfile.ZipFile(folder / "out" / "示例.docx").read("word/document.xml").decode("utf-8")
    texts = re.findall(r"<w:t[^>]*>([^<]*)</w:t>", document)
    title = texts[:texts.index("一、总体情况")]  # the title, over lines broken as GB/T 9704 says
    assert "".join(title) == "示例市示例局2025年度政府信息公开工作年度报告" and len(title) >= 2
    # the installed package is the bundle's, not this checkout's
    where = subprocess.run([str(folder / ".venv" / "bin" / "python"), "-c", "import reportgen; print(reportgen.__file__)"],
                           capture_output=True, text=True, env=env)
    assert str(folder / ".venv") in where.stdout


def supported(python: str, platforms: list[str]) -> set:
    major, minor = map(int, python.split("."))
    abi = f"cp{major}{minor}"
    return {*cpython_tags((major, minor), [abi], platforms), *compatible_tags((major, minor), abi, platforms)}


def wheels_of(bundle: Path) -> dict[str, list[tuple[str, object, set, zipfile.ZipFile]]]:
    z = zipfile.ZipFile(bundle)
    found: dict = {}
    for name in z.namelist():
        if name.endswith(".whl"):
            dist, version, _, tags = parse_wheel_filename(name.rsplit("/", 1)[1])
            found.setdefault(dist, []).append((name, version, set(tags), z))
    return found


def requirements_of(wheel: tuple, z: zipfile.ZipFile) -> list[Requirement]:
    inner = zipfile.ZipFile(z.open(wheel[0]))
    metadata = next(n for n in inner.namelist() if n.endswith(".dist-info/METADATA"))
    message = email.message_from_bytes(inner.read(metadata))
    return [Requirement(r) for r in message.get_all("Requires-Dist") or []]


@pytest.mark.parametrize("system", ["windows", "linux"])
@pytest.mark.parametrize("python", PYTHONS)
def test_a_wheel_of_every_dependency_for_each_python(bundle, system, python):
    """From reportgen's own wheel down: each requirement (markers evaluated for that Python and
    system) has a wheel in the bundle whose version fits and whose tags that Python accepts
    (win_amd64 or manylinux x86_64, or py3-none-any)."""
    platforms = ["win_amd64"] if system == "windows" else LINUX
    tags = supported(python, platforms)
    environment = {"python_version": python, "python_full_version": python + ".0", "sys_platform":
                   "win32" if system == "windows" else "linux", "platform_system":
                   "Windows" if system == "windows" else "Linux", "platform_machine":
                   "AMD64" if system == "windows" else "x86_64", "os_name": "nt" if system == "windows" else "posix",
                   "implementation_name": "cpython", "platform_python_implementation": "CPython", "extra": ""}
    wheels = wheels_of(bundle)
    [own] = wheels[canonicalize_name("reportgen")]
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    runtime = {str(r) for r in requirements_of(own, own[3]) if r.marker is None}
    assert runtime == {str(Requirement(d)) for d in declared}  # pyproject's list, whatever it holds
    todo, seen = list(requirements_of(own, own[3])), set()
    while todo:
        requirement = todo.pop()
        if requirement.marker is not None and not requirement.marker.evaluate(environment):
            continue
        name = canonicalize_name(requirement.name)
        fitting = [w for w in wheels.get(name, []) if w[1] in requirement.specifier and w[2] & tags]
        assert fitting, f"no wheel of {requirement} for Python {python} on {system}"
        if name not in seen:
            seen.add(name)
            todo += requirements_of(fitting[0], fitting[0][3])
    assert {"lxml", "pyyaml", "markupsafe"} <= seen  # the compiled ones were among them


def test_the_windows_files_read_on_a_chinese_windows(bundle):
    z = zipfile.ZipFile(bundle)
    folder = f"reportgen-offline-{VERSION}/"
    bat = z.read(folder + "install.bat")
    text = bat.decode("gbk")  # cmd.exe reads a batch file in the console's code page, 936 on Chinese Windows
    assert "\r\n" in text and "\n" not in text.replace("\r\n", "")
    assert "--no-index --find-links wheels" in text and r".venv\Scripts\reportgen build" in text
    readme = z.read(folder + "说明.txt").decode("utf-8")
    assert readme.startswith("\ufeff") and r".venv\Scripts\reportgen build 示例\example-2025.yaml" in readme


def test_a_dependency_published_only_as_source_is_built_into_a_wheel(tmp_path, tmp_path_factory):
    """docxcompose 2.0.2 is on PyPI as a .tar.gz only (a pure-Python package, as a future dependency
    might be): the bundle gets a py3-none-any wheel built from it, and its dependencies' wheels."""
    import runpy

    script = runpy.run_path(str(ROOT / "scripts" / "make-offline-bundle"), run_name="make_offline_bundle")
    wheels = tmp_path / "wheels"
    wheels.mkdir()
    script["download"](["docxcompose==2.0.2"], wheels, ["win_amd64"], "3.12", tmp_path_factory.mktemp("pip-cache"))
    names = sorted(p.name for p in wheels.glob("*.whl"))
    assert "docxcompose-2.0.2-py3-none-any.whl" in names
    assert any(n.startswith("lxml-") and n.endswith("-cp312-cp312-win_amd64.whl") for n in names)


def test_without_network_the_bundle_says_so_in_chinese_and_keeps_pip_output_in_a_log(tmp_path):
    """Issue 21: building the bundle on a PC without network printed pip's raw English output. Here
    the package index is a closed port on this machine (no network is used): the message names what
    failed, why and the fix, in Chinese; pip's own output is in the log file it names."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PIP_")}
    env.update(PIP_CONFIG_FILE=os.devnull, PIP_INDEX_URL="http://127.0.0.1:9/simple/", PIP_RETRIES="0",
               PIP_DEFAULT_TIMEOUT="2")
    out = tmp_path / "dist"
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "make-offline-bundle"), "--out", str(out),
                           "--platforms", "win_amd64", "--pythons", "3.12"],
                          capture_output=True, text=True, env=env, timeout=300)
    log = out / "make-offline-bundle.log"
    assert done.returncode == 1
    assert done.stderr.startswith("无法构建 reportgen 自己的安装包（wheel）：连不上软件包索引 http://127.0.0.1:9/simple/"), done.stderr
    assert "请在能上网的电脑上运行本脚本" in done.stderr and "HTTPS_PROXY" in done.stderr
    assert done.stderr.rstrip().endswith(f"pip 的完整输出已保存在 {log}。")
    assert not re.search(r"[A-Za-z]{4,} [a-z]{3,} [a-z]{3,}", done.stderr.replace(str(log), "")), done.stderr  # no English
    assert "No matching distribution found for setuptools" in log.read_text(encoding="utf-8")
    assert sorted(p.name for p in out.iterdir()) == ["make-offline-bundle.log"]  # no zip, no half of one
