"""The texts of the offline bundle (scripts/make-offline-bundle): which systems and Pythons the bundle's
wheels fit (`held`, worked out from the wheels themselves, not from the options it was made with), and
install.bat, install.sh and 说明.txt saying exactly that: each installer tries only the Pythons the
bundle has wheels for, newest first, and when none is installed says which one to install and stops.

Imported by the script (not part of the reportgen package: it runs on the maintainer's machine)."""

from __future__ import annotations

import email
import zipfile
from pathlib import Path
from typing import Any

try:  # pip vendors packaging; a plain `packaging` is used when there is one
    from packaging.requirements import Requirement
    from packaging.tags import compatible_tags, cpython_tags
    from packaging.utils import canonicalize_name, parse_wheel_filename
except ImportError:  # pragma: no cover - depends on the maintainer's environment
    from pip._vendor.packaging.requirements import Requirement  # type: ignore[no-redef]
    from pip._vendor.packaging.tags import compatible_tags, cpython_tags  # type: ignore[no-redef]
    from pip._vendor.packaging.utils import canonicalize_name, parse_wheel_filename  # type: ignore[no-redef]

SYSTEMS = ("win_amd64", "manylinux_x86_64")  # the order the texts name them in
PYTHON_VERSIONS = ("3.10", "3.11", "3.12", "3.13")
# What an installing PC accepts: Windows 64-bit; a Linux with glibc 2.28 (the newest the script asks
# for) accepts every older manylinux too.
ACCEPTED = {
    "win_amd64": ["win_amd64"],
    "manylinux_x86_64": [*(f"manylinux_2_{minor}_x86_64" for minor in range(28, 4, -1)),
                         "manylinux2014_x86_64", "manylinux2010_x86_64", "manylinux1_x86_64"],
}
_MARKERS = {
    "win_amd64": {"sys_platform": "win32", "platform_system": "Windows", "platform_machine": "AMD64", "os_name": "nt"},
    "manylinux_x86_64": {"sys_platform": "linux", "platform_system": "Linux", "platform_machine": "x86_64",
                         "os_name": "posix"},
}
SYSTEM_NAMES = {"win_amd64": "Windows 10/11（64 位）", "manylinux_x86_64": "Linux（x86_64）"}
_SHORT_NAMES = {"win_amd64": "Windows", "manylinux_x86_64": "Linux"}


def _requires(wheel: Path) -> list[Requirement]:
    with zipfile.ZipFile(wheel) as z:
        name = next(n for n in z.namelist() if n.endswith(".dist-info/METADATA") and n.count("/") == 1)
        message = email.message_from_bytes(z.read(name))
    return [Requirement(r) for r in message.get_all("Requires-Dist") or []]


def fits(wheels: list[Path], system: str, python: str, top: str = "reportgen") -> bool:
    """Whether `wheels` install `top` on `system` (a key of ACCEPTED) under CPython `python` ("3.12")
    with no other source, as pip would: `top` at its newest version among the wheels (the bundle's
    own; pip installs the highest, and a bundle that installs an older one does not fit), then from
    its wheel down every requirement (its markers evaluated for that system and Python) met by a
    wheel of a fitting version whose tags that Python accepts, the highest first (pip's choice),
    a lower one only when the higher one's own requirements cannot be met (pip backtracks)."""
    major, minor = map(int, python.split("."))
    abi = f"cp{major}{minor}"
    accepted = {*cpython_tags((major, minor), [abi], ACCEPTED[system]),
                *compatible_tags((major, minor), abi, ACCEPTED[system])}
    environment = {**_MARKERS[system], "python_version": python, "python_full_version": python + ".0",
                   "implementation_name": "cpython", "platform_python_implementation": "CPython", "extra": ""}
    found: dict[str, list[tuple[Any, set, Path]]] = {}
    for wheel in wheels:
        dist, version, _, tags = parse_wheel_filename(wheel.name)
        found.setdefault(canonicalize_name(dist), []).append((version, set(tags), wheel))
    tops = found.get(canonicalize_name(top), [])
    if not tops:
        return False
    newest = max(version for version, _, _ in tops)
    return _installable(Requirement(f"{top}=={newest}"), found, accepted, environment, frozenset())


def _installable(requirement: Requirement, found: dict[str, list[tuple[Any, set, Path]]], accepted: set,
                 environment: dict[str, str], above: frozenset[str]) -> bool:
    """Whether `requirement` is met from `found` (canonical name → (version, tags, wheel)): a wheel
    of a fitting version and an accepted tag, the highest first, whose own requirements are met too;
    a requirement already being met further up (`above`, a cycle) counts as met."""
    if requirement.marker is not None and not requirement.marker.evaluate(environment):
        return True
    name = canonicalize_name(requirement.name)
    if name in above:
        return True
    fitting = sorted((w for w in found.get(name, []) if requirement.specifier.contains(w[0], prereleases=True)
                      and w[1] & accepted), key=lambda w: w[0], reverse=True)
    return any(all(_installable(r, found, accepted, environment, above | {name}) for r in _requires(wheel))
               for _, _, wheel in fitting)


def held(wheels: list[Path]) -> dict[str, list[str]]:
    """The systems the wheels install reportgen on, each with its Python versions (oldest first);
    a system with none is left out."""
    out = {system: [p for p in PYTHON_VERSIONS if fits(wheels, system, p)] for system in SYSTEMS}
    return {system: pythons for system, pythons in out.items() if pythons}


def versions_text(pythons: list[str]) -> str:
    """3.12 / 3.11 或 3.12 / 3.10、3.11、3.12 或 3.13."""
    return pythons[0] if len(pythons) == 1 else "、".join(pythons[:-1]) + " 或 " + pythons[-1]


def fits_text(combos: dict[str, list[str]]) -> str:
    """The bundle's systems and Pythons in one sentence, as 说明.txt and the README say them."""
    pythons = set(map(tuple, combos.values()))
    if len(pythons) == 1:
        systems = "和 ".join(SYSTEM_NAMES[s] for s in combos)
        return f"{systems}上的 Python {versions_text(next(iter(combos.values())))}（64 位）"
    return "；".join(f"{SYSTEM_NAMES[s]}上的 Python {versions_text(p)}（64 位）" for s, p in combos.items())


def _tuples(pythons: list[str]) -> str:
    return ", ".join(f"({p.replace('.', ', ')})" for p in pythons)


def install_bat(pythons: list[str]) -> str:
    """install.bat for the Windows Pythons `pythons`: `py -X.Y` for each, newest first (the launcher
    python.org's installer puts on every PC), then `python` on PATH if it is one of them; each must
    be 64-bit. None: which Python to install, and stop. cmd.exe parses no ( ) inside quotes, and the
    texts echoed inside a block use full-width parentheses only."""
    newest_first = " ".join(reversed(pythons))
    names = versions_text(pythons)
    check = "import struct, sys; sys.exit(struct.calcsize('P') - 8)"
    path_check = f"import struct, sys; sys.exit(struct.calcsize('P') - 8 or sys.version_info[:2] not in [{_tuples(pythons)}])"
    return f"""@echo off
rem 安装 reportgen（不需要联网）：在本文件夹中建立 .venv，从 wheels 安装。
rem 本安装包只有 Python {names}（64 位）的安装文件：只试这些版本，新的先试。
cd /d "%~dp0"
set "PY="
rem py 是 python.org 的 Python 安装的启动器；py -3.12 运行 Python 3.12（没有装时失败）
for %%V in ({newest_first}) do (
  if not defined PY (
    py -%%V -c "{check}" >nul 2>nul && set "PY=py -%%V"
  )
)
rem 没有 py 启动器时：PATH 中的 python，只要它是上面的版本之一，而且是 64 位
if not defined PY (
  python -c "{path_check}" >nul 2>nul && set "PY=python"
)
if not defined PY (
  echo 没有找到本安装包适用的 Python：本安装包只有 Python {names}（64 位）的安装文件。
  echo 请先安装 Python {pythons[-1]}（64 位，从 python.org 下载，拷到这台电脑上不联网也能安装），再双击 install.bat。
  pause
  exit /b 1
)
echo 使用 %PY%
%PY% -m venv .venv
if errorlevel 1 goto failed
rem only the wheels of this folder: no internet, no pip configuration of this PC
set "PIP_CONFIG_FILE=nul"
.venv\\Scripts\\python -m pip --isolated install --no-index --find-links wheels reportgen
if errorlevel 1 goto failed
echo.
echo 安装完成。试一试：
echo   .venv\\Scripts\\reportgen build 示例\\example-2025.yaml
pause
exit /b 0
:failed
echo.
echo 安装没有完成：请看上面的提示。如果以前装过一次，可以先删除本文件夹中的 .venv 文件夹再试。
pause
exit /b 1
"""


def install_sh(pythons: list[str]) -> str:
    """install.sh for the Linux Pythons `pythons`: $PYTHON if given (refused, saying why, when the
    bundle has no wheels for it), else python3.Y for each, newest first, then python3 if it is one
    of them. None: which Python to install, and stop."""
    names = versions_text(pythons)
    candidates = " ".join(f"python{p}" for p in reversed(pythons))
    check = (f'import platform, sys; sys.exit(not (platform.machine() == "x86_64" and sys.version_info[:2] in '
             f'[{_tuples(pythons)}]))')
    return f"""#!/bin/sh
# 安装 reportgen（不需要联网）：在本文件夹中建立 .venv，从 wheels/ 安装。
# 本安装包只有 Python {names}（x86_64）的安装文件：只用这些版本，新的先用。
# 用法：sh install.sh        （也可指定 Python：PYTHON=python{pythons[-1]} sh install.sh）
set -e
cd "$(dirname "$0")"
fits() {{
  "$1" -c '{check}' >/dev/null 2>&1
}}
if [ -n "$PYTHON" ]; then
  if ! fits "$PYTHON"; then
    echo "不能用 PYTHON=$PYTHON：本安装包只有 Python {names}（x86_64）的安装文件。请指定其中一个，例如 PYTHON=python{pythons[-1]}。" >&2
    exit 1
  fi
  PY="$PYTHON"
else
  PY=""
  for candidate in {candidates} python3; do
    if command -v "$candidate" >/dev/null 2>&1 && fits "$candidate"; then
      PY="$candidate"
      break
    fi
  done
  if [ -z "$PY" ]; then
    echo "没有找到本安装包适用的 Python：本安装包只有 Python {names}（x86_64）的安装文件。" >&2
    echo "请先安装 Python {pythons[-1]}（Debian/Ubuntu 还要装它的 venv 软件包），或用 PYTHON=… 指定已经装好的一个。" >&2
    exit 1
  fi
fi
echo "使用 $PY"
"$PY" -m venv .venv
# 只用本文件夹里的 wheel：不联网，也不读本机的 pip 配置和 PIP_ 环境变量
PIP_CONFIG_FILE=/dev/null .venv/bin/python -m pip --isolated install --no-index --find-links wheels reportgen
echo
echo "安装完成。试一试："
echo "  .venv/bin/reportgen build 示例/example-2025.yaml"
"""


def readme(version: str, combos: dict[str, list[str]], examples: tuple[str, ...] = ()) -> str:
    """说明.txt: what the bundle fits (exactly its systems and Pythons), how to install and use it, and
    the files of 示例/ (`examples`, paths below it; the sentence is left out when none are given)."""
    windows, linux = combos.get("win_amd64"), combos.get("manylinux_x86_64")
    install, use, trouble = [], [], []
    if windows:
        install.append(f"  Windows：先安装 Python {versions_text(windows)}（64 位，从 python.org 下载；安装时勾选"
                       "“Add python.exe to PATH”），\n           然后双击本文件夹中的 install.bat。"
                       "电脑上还有别的 Python 版本也没关系，install.bat 只用上面的版本。")
        use.append("  Windows（在本文件夹中打开 PowerShell 或命令提示符）：\n    .venv\\Scripts\\reportgen build 示例\\example-2025.yaml")
    if linux:
        install.append(f"  Linux：  需要 Python {versions_text(linux)}；在本文件夹中运行 sh install.sh。")
        use.append("  Linux：\n    .venv/bin/reportgen build 示例/example-2025.yaml")
    missing = [SYSTEM_NAMES[s] for s in SYSTEMS if s not in combos]
    if missing:
        trouble.append(f"  本安装包不能用于 {'、'.join(missing)}：请向信息化部门要包含它的安装包。")
    newest = {system: max(pythons, key=lambda p: tuple(map(int, p.split(".")))) for system, pythons in combos.items()}
    if len(set(newest.values())) == 1:
        example = f"Python {next(iter(newest.values()))}"
    else:  # each system its own: a Windows clerk told 3.13 that only Linux holds gets install.bat's refusal
        example = "，".join(f"{_SHORT_NAMES[system]} 上装 Python {python}" for system, python in newest.items())
    trouble.insert(0, f"  “没有找到本安装包适用的 Python”：请安装上面说的 Python 版本（例如 {example}，64 位）。")
    pdf = ["  加 --pdf 需要另行安装 LibreOffice（https://www.libreoffice.org/ 下载后拷入内网安装）。"]
    if windows:
        pdf.append("  Windows：装在默认位置（C:\\Program Files\\LibreOffice）即可，reportgen 会找到它。PDF 用这台电脑\n"
                   "  装的字体：电脑上没有方正小标宋简体、仿宋_GB2312、楷体_GB2312 时，LibreOffice 会换用别的字体，\n"
                   "  PDF 的字形就不是公文字体了（Word 也一样）。")
    return (f"reportgen {version} 离线安装包（不需要联网）\n\n"
            f"适用于：{fits_text(combos)}。\n本安装包只有这些系统和 Python 版本的安装文件，别的版本装不上。\n\n"
            "一、安装\n" + "\n".join(install) + "\n"
            "  安装程序会在本文件夹中建立 .venv 文件夹，只使用 wheels 文件夹里的文件，不联网。\n\n"
            "二、使用（不需要“激活”环境）\n" + "\n".join(use) + "\n"
            "  生成的报告在 out 文件夹中。把“示例”中的文件另存一份，改成本单位的内容即可。\n"
            + (f"  “示例”文件夹里有：{'、'.join(examples)}（虚构机关的事实文件和本地规则文件，"
               "与 reportgen examples 复制出的相同）。\n" if examples else "") + "\n"
            "三、生成 PDF（可选）\n" + "\n".join(pdf) + "\n\n"
            "四、遇到问题\n" + "\n".join(trouble) + "\n")
