"""Convert .docx files to PDF with LibreOffice (soffice) in headless mode.

Facts about LibreOffice this module is shaped by:

- One call costs about a second of start-up; each extra file in the same call costs little.
  So every file goes in one call.
- Concurrent calls sharing a user profile silently lose files, so each call gets a fresh
  profile of its own (``-env:UserInstallation``), removed afterwards.
- It exits 0 even when it wrote nothing, so every expected PDF is checked afterwards.
- The official Chinese fonts (仿宋_GB2312, 楷体_GB2312, …) are not free. On Linux the
  fontconfig file shipped in ``fonts/fonts.conf`` maps them to free fonts; it is passed
  through ``FONTCONFIG_FILE``. ``scripts/install-system-deps.sh`` installs those fonts.

PDFs are written into a staging folder inside ``outdir`` and moved into place only when
every one of them was produced, so a failed run never leaves a half-written or stale PDF
that looks fresh.
"""

from __future__ import annotations

import glob
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from .errors import ReportgenError
from .os_reasons import os_reason

__all__ = ["FONTCONFIG_FILE", "PdfError", "convert_to_pdf", "find_soffice"]

#: fontconfig file mapping the official font names to free fonts (used on Linux).
FONTCONFIG_FILE = Path(__file__).parent / "fonts" / "fonts.conf"

_INSTALL_HINT = (
    "生成 PDF 需要 LibreOffice，但没有找到（soffice）。请先安装 LibreOffice：\n"
    "  Windows / macOS：从 https://www.libreoffice.org/download/ 下载安装；\n"
    "  Debian / Ubuntu：sudo apt-get install --no-install-recommends libreoffice-writer-nogui\n"
    "安装后请确认 soffice 在 PATH 中，或位于默认安装位置。"
)

_OUTPUT_TAIL = 2000  # characters of LibreOffice's own output quoted in an error


class PdfError(ReportgenError):
    """Raised when a PDF cannot be made: LibreOffice is missing, times out, fails,
    or does not write every expected PDF."""


def find_soffice() -> str | None:
    """Return the path of LibreOffice's ``soffice`` program, or None when it is not installed.

    Looks on PATH first (``soffice``, then ``libreoffice``), then in the usual install places
    on Windows, macOS and Linux.
    """
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    for candidate in _install_places():
        if os.path.isfile(candidate) and os.access(candidate, os.X_OK):
            return candidate
    return None


def _install_places() -> list[str]:
    if sys.platform == "win32":
        roots = [
            os.environ.get("ProgramFiles", r"C:\Program Files"),
            os.environ.get("ProgramFiles(x86)", r"C:\Program Files (x86)"),
            r"C:\Program Files",
            r"C:\Program Files (x86)",
        ]
        places = [os.path.join(root, "LibreOffice", "program", "soffice.exe") for root in roots]
        return list(dict.fromkeys(places))
    if sys.platform == "darwin":
        return [
            "/Applications/LibreOffice.app/Contents/MacOS/soffice",
            os.path.expanduser("~/Applications/LibreOffice.app/Contents/MacOS/soffice"),
        ]
    # Linux and other Unix: the distribution package, then the upstream .deb/.rpm builds
    # (/opt/libreoffice7.6/…), newest version first.
    places = ["/usr/lib/libreoffice/program/soffice", "/usr/lib64/libreoffice/program/soffice"]
    places += sorted(glob.glob("/opt/libreoffice*/program/soffice"), reverse=True)
    return places


def convert_to_pdf(docx_paths: list[Path], outdir: Path, timeout: float = 120) -> list[Path]:
    """Convert every file in ``docx_paths`` to PDF in a single LibreOffice call.

    Each PDF is written to ``outdir`` under the input's name with the suffix ``.pdf``
    (replacing any PDF of that name). Returns the PDF paths in the order of ``docx_paths``.
    Raises PdfError if LibreOffice is missing, takes longer than ``timeout`` seconds, fails,
    or leaves any PDF missing or empty.
    """
    return convert_files(docx_paths, outdir, "pdf", timeout)


def convert_files(docx_paths: list[Path], outdir: Path, target: str = "pdf", timeout: float = 120) -> list[Path]:
    """Convert files to ``target`` (a LibreOffice filter name such as ``pdf`` or ``docx``) in one
    call, as `convert_to_pdf` does: own profile, timeout, every output checked."""
    inputs = [Path(p).resolve() for p in docx_paths]
    if not inputs:
        return []
    _check_inputs(inputs)

    soffice = find_soffice()
    if soffice is None:
        raise PdfError(_INSTALL_HINT)

    outdir = Path(outdir)
    unique = list(dict.fromkeys(inputs))  # the same file twice is converted once
    try:
        outdir.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".reportgen-pdf-", dir=outdir))
    except OSError as exc:
        raise PdfError(f"无法在输出目录 {outdir} 中写入文件：{os_reason(exc)}") from exc
    profile: Path | None = None
    try:
        profile = Path(tempfile.mkdtemp(prefix="reportgen-lo-profile-"))
        command = [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            target,
            "--outdir",
            str(staging),
            *(str(p) for p in unique),
        ]
        output = _run(command, timeout)
        suffix = "." + target.split(":")[0]
        missing = [p for p in unique if not _non_empty(staging / (p.stem + suffix))]
        if missing:
            names = "、".join(str(p) for p in missing)
            raise PdfError(
                f"LibreOffice 没有生成以下文件的 {target.split(':')[0].upper()}（共 {len(missing)} 个）：{names}"
                + _quote(output)
            )
        from .output import seal_pdf

        for path in unique:
            name = path.stem + suffix
            try:
                staged = staging / name
                if suffix == ".pdf":
                    staged.write_bytes(seal_pdf(staged.read_bytes()))  # its fingerprint (reportgen.output)
                os.replace(staged, outdir / name)
            except OSError as exc:
                raise PdfError(f"无法写入 {outdir / name}：{os_reason(exc)}") from exc
        return [outdir / (p.stem + suffix) for p in inputs]
    finally:
        if profile is not None:
            shutil.rmtree(profile, ignore_errors=True)
        shutil.rmtree(staging, ignore_errors=True)


def _check_inputs(inputs: list[Path]) -> None:
    missing = [p for p in inputs if not p.is_file()]
    if missing:
        raise PdfError("找不到要转换为 PDF 的文件：" + "、".join(str(p) for p in missing))
    # LibreOffice imports a broken .docx as plain text and converts that without complaint.
    broken = [p for p in inputs if p.suffix.lower() == ".docx" and not zipfile.is_zipfile(p)]
    if broken:
        raise PdfError("以下文件不是有效的 Word 文档（.docx）：" + "、".join(str(p) for p in broken))
    seen: dict[str, Path] = {}
    for path in inputs:
        key = path.stem.casefold() + ".pdf"
        if key in seen and seen[key] != path:
            raise PdfError(
                f"{seen[key]} 和 {path} 会生成同名的 PDF（{path.stem}.pdf），"
                "请改名后再转换"
            )
        seen[key] = path


def _run(command: list[str], timeout: float) -> str:
    """Run LibreOffice, return its combined output; kill the whole process tree on timeout."""
    env = os.environ.copy()
    if FONTCONFIG_FILE.is_file():
        env["FONTCONFIG_FILE"] = str(FONTCONFIG_FILE)
    popen_kwargs: dict[str, object] = {}
    if sys.platform == "win32":
        popen_kwargs["creationflags"] = subprocess.CREATE_NEW_PROCESS_GROUP
    else:
        # soffice is a wrapper that starts soffice.bin: give them a process group of their own.
        popen_kwargs["start_new_session"] = True
    try:
        proc = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            env=env,
            **popen_kwargs,  # type: ignore[call-overload]
        )
    except OSError as exc:
        raise PdfError(f"无法启动 LibreOffice（{command[0]}）：{os_reason(exc)}") from exc
    try:
        raw, _ = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill_tree(proc)
        proc.communicate()
        raise PdfError(f"PDF 转换超时（{timeout:g} 秒），LibreOffice 已被终止") from None
    except BaseException:
        _kill_tree(proc)
        proc.communicate()
        raise
    output = raw.decode("utf-8", errors="replace")
    if proc.returncode != 0:
        raise PdfError(f"LibreOffice 转换 PDF 失败（退出码 {proc.returncode}）" + _quote(output))
    return output


def _kill_tree(proc: subprocess.Popen[bytes]) -> None:
    if sys.platform == "win32":
        subprocess.run(
            ["taskkill", "/F", "/T", "/PID", str(proc.pid)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            check=False,
        )
        proc.kill()
        return
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def _non_empty(path: Path) -> bool:
    try:
        return path.is_file() and path.stat().st_size > 0
    except OSError:
        return False


def _quote(output: str) -> str:
    output = output.strip()
    if not output:
        return ""
    if len(output) > _OUTPUT_TAIL:
        output = "…" + output[-_OUTPUT_TAIL:]
    return "\nLibreOffice 输出：\n" + output
