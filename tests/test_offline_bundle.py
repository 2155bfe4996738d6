"""The offline installation zip (scripts/make-offline-bundle): installs on Linux with --no-index and
builds the example; holds a fitting wheel of every dependency for Windows and Linux, CPython
3.10–3.13. Building it downloads from PyPI once per test session (about 40 MB)."""

from __future__ import annotations

import email
import os
import re
import shutil
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
    # the full zip: both systems, every Python, and install.bat tries them newest first
    assert "适用于：Windows 10/11（64 位）和 Linux（x86_64）上的 Python 3.10、3.11、3.12 或 3.13（64 位）。" in readme
    assert re.findall(r"for %%V in \(([^)]*)\) do", text) == ["3.13 3.12 3.11 3.10"]
    assert "不能用于" not in readme and "sh install.sh" in readme


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


# -- what the bundle says it fits: worked out from its wheels (scripts/bundle_texts.py) ----------------

def texts():
    import importlib.util

    spec = importlib.util.spec_from_file_location("bundle_texts", ROOT / "scripts" / "bundle_texts.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def fake_wheel(folder: Path, filename: str, requires: tuple[str, ...] = ()) -> Path:
    """A wheel holding only its METADATA (what `held` reads): name, version, Requires-Dist."""
    name, version = filename.split("-")[:2]
    path = folder / filename
    metadata = f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n" + "".join(
        f"Requires-Dist: {r}\n" for r in requires)
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(f"{name}-{version}.dist-info/METADATA", metadata)
    return path


def fake_wheels(folder: Path, *, colorama: bool = True) -> list[Path]:
    """reportgen needs lxml (compiled: Windows 3.12 and Linux 3.11 here), pyyaml (compiled: Windows 3.12
    and 3.13, Linux 3.11) and, on Windows only, colorama (pure Python)."""
    folder.mkdir(exist_ok=True)
    wheels = [fake_wheel(folder, "reportgen-0.1.0-py3-none-any.whl",
                         ("lxml>=5", "PyYAML>=6.0", 'colorama>=0.4; sys_platform == "win32"', 'pytest; extra == "test"')),
              fake_wheel(folder, "lxml-5.3.0-cp312-cp312-win_amd64.whl"),
              fake_wheel(folder, "lxml-5.3.0-cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64.whl"),
              fake_wheel(folder, "lxml-4.9.0-cp313-cp313-win_amd64.whl"),  # too old for lxml>=5: no 3.13
              fake_wheel(folder, "PyYAML-6.0.2-cp312-cp312-win_amd64.whl"),
              fake_wheel(folder, "PyYAML-6.0.2-cp313-cp313-win_amd64.whl"),
              fake_wheel(folder, "PyYAML-6.0.2-cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64.whl")]
    if colorama:
        wheels.append(fake_wheel(folder, "colorama-0.4.6-py2.py3-none-any.whl"))
    return wheels


def test_the_bundle_holds_what_its_wheels_fit_not_what_it_was_asked_for(tmp_path):
    """Each system and Python is checked from reportgen's wheel down: a version too old for the
    requirement does not count (lxml 4.9 for 3.13), a dependency marked for Windows only is needed
    on Windows only (colorama), an extra's is never needed (pytest)."""
    bt = texts()
    assert bt.held(fake_wheels(tmp_path / "a")) == {"win_amd64": ["3.12"], "manylinux_x86_64": ["3.11"]}
    assert bt.held(fake_wheels(tmp_path / "b", colorama=False)) == {"manylinux_x86_64": ["3.11"]}


def test_the_bundle_holds_what_the_version_pip_installs_needs(tmp_path):
    """Review of issue 22: held() followed the first fitting wheel in file order. pip installs the
    highest version: reportgen 1.0 (the bundle's own) needs lxml>=6, which the bundle lacks, so the
    bundle fits nothing, whatever the older 0.9 would need; a dependency is taken at its highest
    fitting version, and a lower one only when the higher one's own needs are missing (pip backtracks)."""
    bt = texts()
    folder = tmp_path / "a"
    folder.mkdir()
    for order in (lambda ws: sorted(ws), lambda ws: sorted(ws, reverse=True)):  # file order does not matter
        wheels = order([fake_wheel(folder, "reportgen-1.0-py3-none-any.whl", ("lxml>=6",)),
                        fake_wheel(folder, "reportgen-0.9-py3-none-any.whl"),
                        fake_wheel(folder, "lxml-5.0-cp312-cp312-win_amd64.whl")])
        assert bt.held(wheels) == {}
    folder = tmp_path / "b"
    folder.mkdir()
    wheels = [fake_wheel(folder, "reportgen-1.0-py3-none-any.whl", ("lxml>=5",)),
              fake_wheel(folder, "lxml-5.0-cp312-cp312-win_amd64.whl"),
              fake_wheel(folder, "lxml-6.0-cp312-cp312-win_amd64.whl", ("cssselect>=1",))]  # its need absent
    assert bt.held(wheels) == {"win_amd64": ["3.12"]}  # pip backtracks to lxml 5.0
    wheels.append(fake_wheel(folder, "cssselect-1.2-py3-none-any.whl"))
    assert bt.held(wheels) == {"win_amd64": ["3.12"]}


def test_the_readme_names_each_systems_python_when_they_differ():
    """Windows holds 3.12, Linux 3.13: the trouble line told everyone 例如 Python 3.13, and a Windows
    clerk who installs it gets install.bat's refusal (review of issue 22)."""
    bt = texts()
    trouble = bt.readme("1.0", {"win_amd64": ["3.12"], "manylinux_x86_64": ["3.13"]}).split("四、遇到问题")[1]
    assert "（例如 Windows 上装 Python 3.12，Linux 上装 Python 3.13，64 位）" in trouble
    trouble = bt.readme("1.0", {"win_amd64": ["3.11", "3.12"], "manylinux_x86_64": ["3.12"]}).split("四、遇到问题")[1]
    assert "（例如 Python 3.12，64 位）" in trouble


def test_a_bundle_for_one_windows_python_says_so_and_its_installer_tries_only_that_python(tmp_path):
    """The issue's case: made with --platforms win_amd64 --pythons 3.12, the bundle said it fits
    Linux and 3.10–3.13, and install.bat took the newest Python installed (3.13) first."""
    bt = texts()
    import runpy

    script = runpy.run_path(str(ROOT / "scripts" / "make-offline-bundle"), run_name="make_offline_bundle")
    wheels = fake_wheels(tmp_path / "w", colorama=True)
    for path in wheels:  # the Windows 3.12 ones only
        if "manylinux" in path.name or "cp313" in path.name:
            path.unlink()
    target, combos = script["write_bundle"](tmp_path / "dist", "0.1.0", tmp_path / "w")
    assert combos == {"win_amd64": ["3.12"]}
    z = zipfile.ZipFile(target)
    folder = "reportgen-offline-0.1.0/"
    assert folder + "install.sh" not in z.namelist()  # no Linux installer in a Windows bundle
    readme = z.read(folder + "说明.txt").decode("utf-8-sig").replace("\r\n", "\n")
    assert "适用于：Windows 10/11（64 位）上的 Python 3.12（64 位）。\n" in readme
    assert "先安装 Python 3.12（64 位" in readme and "sh install.sh" not in readme
    assert not re.search(r"3\.1[013]", readme) and "本安装包不能用于 Linux（x86_64）" in readme
    assert r"C:\Program Files\LibreOffice" in readme  # where reportgen finds LibreOffice for --pdf
    bat = z.read(folder + "install.bat").decode("gbk").replace("\r\n", "\n")
    assert re.findall(r"for %%V in \(([^)]*)\) do", bat) == ["3.12"]
    assert 'py -%%V -c "import struct, sys; sys.exit(struct.calcsize(\'P\') - 8)"' in bat  # 64-bit only
    assert "sys.version_info[:2] not in [(3, 12)]" in bat  # python on PATH only if it is 3.12
    assert "请先安装 Python 3.12（64 位" in bat and not re.search(r"3\.1[013]", bat)
    # No ASCII ) inside an echo of a parenthesised block (cmd.exe would end the block there).
    for line in bat.splitlines():
        if line.strip().startswith("echo "):
            assert ")" not in line, line
    bat = bt.install_bat(["3.11", "3.12", "3.13"])
    assert re.findall(r"for %%V in \(([^)]*)\) do", bat) == ["3.13 3.12 3.11"]  # newest first
    assert "[(3, 11), (3, 12), (3, 13)]" in bat and "Python 3.11、3.12 或 3.13（64 位）" in bat


def test_the_bundle_holds_the_examples_reportgen_examples_copies(tmp_path, capsys):
    """The bundle's 示例/ held two of the four files `reportgen examples` copies; it holds the same
    files now, byte for byte, rules/ below 示例/ as there, and 说明.txt names them."""
    import runpy

    from reportgen.cli import main

    script = runpy.run_path(str(ROOT / "scripts" / "make-offline-bundle"), run_name="make_offline_bundle")
    fake_wheels(tmp_path / "w")
    target, _ = script["write_bundle"](tmp_path / "dist", "0.1.0", tmp_path / "w")
    assert main(["examples", str(tmp_path / "copied")]) == 0
    capsys.readouterr()
    copied = {p.relative_to(tmp_path / "copied").as_posix(): p.read_bytes()
              for p in (tmp_path / "copied").rglob("*") if p.is_file()}
    assert len(copied) == 4 and "rules/local-rules-example.yaml" in copied and "example-office-2025.yaml" in copied
    folder = "reportgen-offline-0.1.0/示例/"
    with zipfile.ZipFile(target) as z:
        held = {n[len(folder):]: z.read(n) for n in z.namelist() if n.startswith(folder)}
        readme = z.read("reportgen-offline-0.1.0/说明.txt").decode("utf-8-sig").replace("\r\n", "\n")
    assert held == copied
    assert f"“示例”文件夹里有：{'、'.join(held)}（" in readme
    assert r".venv\Scripts\reportgen build 示例\example-2025.yaml" in readme and "example-2025.yaml" in held


def run_install_sh(folder: Path, path_dir: Path, **env: str) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith("PIP_") and k != "PYTHON"}
    return subprocess.run(["/bin/sh", "install.sh"], cwd=folder, env={**base, "PATH": str(path_dir), **env},
                          capture_output=True, text=True, timeout=600)


def fake_path(tmp_path: Path) -> Path:
    """A PATH with dirname and a python3 that is no Python the bundle fits (as a 3.9 would be)."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "dirname").symlink_to(shutil.which("dirname"))
    (bin_dir / "python3").write_text("#!/bin/sh\nexit 1\n", encoding="utf-8")
    (bin_dir / "python3").chmod(0o755)
    return bin_dir


def test_install_sh_without_a_fitting_python_says_which_to_install(tmp_path):
    folder = tmp_path / "bundle"
    folder.mkdir()
    (folder / "install.sh").write_text(texts().install_sh(["3.12", "3.13"]), encoding="utf-8")
    bin_dir = fake_path(tmp_path)
    done = run_install_sh(folder, bin_dir)
    assert done.returncode == 1 and not (folder / ".venv").exists()
    assert "没有找到本安装包适用的 Python：本安装包只有 Python 3.12 或 3.13（x86_64）的安装文件。" in done.stderr
    assert "请先安装 Python 3.13" in done.stderr
    done = run_install_sh(folder, bin_dir, PYTHON=str(bin_dir / "python3"))
    assert done.returncode == 1 and f"不能用 PYTHON={bin_dir / 'python3'}" in done.stderr


def test_install_sh_picks_the_python_its_wheels_fit_and_installs(bundle, tmp_path):
    """A bundle of the Linux wheels for this machine's Python only (taken from the full bundle):
    install.sh passes over python3 (here one it does not fit) and installs with python3.X."""
    python = f"{sys.version_info.major}.{sys.version_info.minor}"
    others = [f"-cp3{minor}-" for minor in (10, 11, 12, 13) if f"3.{minor}" != python]
    wheels = tmp_path / "wheels"
    wheels.mkdir()
    with zipfile.ZipFile(bundle) as z:
        for name in z.namelist():
            base = name.rsplit("/", 1)[1]
            if name.endswith(".whl") and "win" not in base and not any(o in base for o in others):
                (wheels / base).write_bytes(z.read(name))
    import runpy

    script = runpy.run_path(str(ROOT / "scripts" / "make-offline-bundle"), run_name="make_offline_bundle")
    target, combos = script["write_bundle"](tmp_path / "dist", VERSION, wheels)
    assert combos == {"manylinux_x86_64": [python]}
    with zipfile.ZipFile(target) as z:
        z.extractall(tmp_path / "x")
        assert f"reportgen-offline-{VERSION}/install.bat" not in z.namelist()
    folder = tmp_path / "x" / f"reportgen-offline-{VERSION}"
    readme = (folder / "说明.txt").read_text(encoding="utf-8-sig")
    assert f"适用于：Linux（x86_64）上的 Python {python}（64 位）。" in readme
    bin_dir = fake_path(tmp_path)
    (bin_dir / f"python{python}").symlink_to(os.path.realpath(sys.executable))
    done = run_install_sh(folder, bin_dir)
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"使用 python{python}" in done.stdout and "安装完成" in done.stdout
    version = subprocess.run([str(folder / ".venv" / "bin" / "python"), "-c", "import sys, reportgen; "
                              "print(sys.version_info[:2], reportgen.__file__)"], capture_output=True, text=True)
    assert version.stdout.startswith(str(sys.version_info[:2])) and str(folder / ".venv") in version.stdout
