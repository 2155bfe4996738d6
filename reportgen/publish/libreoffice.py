"""LibreOffice (soffice), found and run headless: each call with a fresh user profile of its own
(processes sharing one silently lose files), the fontconfig file that maps the official fonts to
free ones (reportgen.model.typography.FONTCONFIG_FILE), a timeout that kills the whole process
tree, and LibreOffice's own output quoted in the error when it fails. `convert_files` converts
files in one call (a .doc to .docx for the importer, say); reportgen.publish.pdf converts many
reports to PDF on every core.
"""

from __future__ import annotations

import glob
import ntpath
import os
import shutil
import signal
import subprocess
import sys
import zipfile
from pathlib import Path

from ..errors import ReportgenError
from ..load.os_reasons import os_reason
from ..model.typography import FONTCONFIG_FILE
from .lifetime import release, start, sweep, temp_folder

INSTALL_HINT = (
    "生成 PDF 需要 LibreOffice，但没有找到（soffice）。请先安装 LibreOffice：\n"
    "  Windows / macOS：从 https://www.libreoffice.org/download/ 下载安装；\n"
    "  Debian / Ubuntu：sudo apt-get install --no-install-recommends libreoffice-writer-nogui\n"
)


def install_hint() -> str:
    """INSTALL_HINT and where reportgen looked (PATH, then the install places of this system)."""
    return (INSTALL_HINT + f"已经找过：PATH 中的 soffice 和 libreoffice，以及 {'、'.join(_install_places())}。"
            "装在默认位置就能找到；装在别处时，请把 soffice 所在的文件夹加进 PATH。")


_OUTPUT_TAIL = 2000  # characters of LibreOffice's own output quoted in an error


class PdfError(ReportgenError):
    """Raised when a PDF cannot be made: LibreOffice is missing, times out, fails,
    or does not write every expected PDF. ``made``: the PDFs that were made all the same."""

    made: list[Path] = []
    output: str = ""


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
    """Where LibreOffice's installers put soffice on this system (Windows: C:\\Program Files\\LibreOffice\\
    program\\soffice.exe, or under %ProgramFiles% when Windows is elsewhere)."""
    if sys.platform == "win32":
        roots = [
            os.environ.get("ProgramFiles", r"C:\Program Files"),
            os.environ.get("ProgramFiles(x86)", r"C:\Program Files (x86)"),
            r"C:\Program Files",
            r"C:\Program Files (x86)",
        ]
        places = [ntpath.join(root, "LibreOffice", "program", "soffice.exe") for root in roots]
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


def conversion(inputs: list[Path], target: str = "pdf") -> str:
    """What a conversion is called in messages: "PDF 转换" for a PDF, else by the inputs' type
    (".doc 转换", ".doc、.wps 转换"), so that a failed .doc conversion never speaks of a PDF."""
    if target.split(":")[0].lower() == "pdf":
        return "PDF 转换"
    return "、".join(sorted({p.suffix.lower() or "（无扩展名）" for p in inputs})) + " 转换"


def prepare(docx_paths: list[Path], outdir: Path, target: str = "pdf") -> tuple[str, list[Path]] | None:
    """What every conversion does first: the inputs checked (`check_inputs`), LibreOffice found, the
    output folder made, the temporary folders of killed runs removed (reportgen.publish.lifetime.sweep).
    Returns (soffice, the inputs resolved, each once) or None when there are none. Raises PdfError
    (LibreOffice missing, an input unusable, the folder not writable)."""
    inputs = [Path(p).resolve() for p in docx_paths]
    if not inputs:
        return None
    check_inputs(inputs, target)
    soffice = find_soffice()
    if soffice is None:
        what = conversion(inputs, target)
        hint = install_hint()
        raise PdfError(hint if what == "PDF 转换" else hint.replace("生成 PDF ", f"{what}", 1))
    try:
        Path(outdir).mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise PdfError(f"无法在输出目录 {outdir} 中写入文件：{os_reason(exc)}") from exc
    sweep(Path(outdir))
    sweep()
    return soffice, list(dict.fromkeys(inputs))  # the same file twice is converted once


def convert_files(docx_paths: list[Path], outdir: Path, target: str = "pdf", timeout: float = 120) -> list[Path]:
    """Convert files to ``target`` (a LibreOffice filter name such as ``pdf`` or ``docx``) in one
    call, as `convert_to_pdf` does: own profile, timeout, every output checked."""
    prepared = prepare(docx_paths, outdir, target)
    if prepared is None:
        return []
    soffice, unique = prepared
    outdir = Path(outdir)
    what = conversion(unique, target)
    try:
        staging = temp_folder(".reportgen-pdf-", outdir)
    except OSError as exc:
        raise PdfError(f"无法在输出目录 {outdir} 中写入文件：{os_reason(exc)}") from exc
    profile: Path | None = None
    try:
        profile = temp_folder("reportgen-lo-profile-")
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
        output = run_soffice(command, timeout, what=what, profile=profile)
        suffix = "." + target.split(":")[0]
        missing = [p for p in unique if not _non_empty(staging / (p.stem + suffix))]
        if missing:
            names = "、".join(str(p) for p in missing)
            made = "PDF" if what == "PDF 转换" else "." + target.split(":")[0]
            raise PdfError(f"LibreOffice 没有生成以下文件的 {made}（共 {len(missing)} 个）：{names}" + quote_output(output))
        from .output import seal_pdf

        for path in unique:
            name = path.stem + suffix
            try:
                staged = staging / name
                if suffix == ".pdf":
                    staged.write_bytes(seal_pdf(staged.read_bytes()))  # its fingerprint (reportgen.publish.output)
                os.replace(staged, outdir / name)
            except OSError as exc:
                raise PdfError(f"无法写入 {outdir / name}：{os_reason(exc)}") from exc
        return [outdir / (p.stem + suffix) for p in map(Path, docx_paths)]  # one per input, as given
    finally:
        if profile is not None:
            shutil.rmtree(profile, ignore_errors=True)
        shutil.rmtree(staging, ignore_errors=True)


def check_inputs(inputs: list[Path], target: str = "pdf") -> None:
    """Raise PdfError, before LibreOffice starts, for inputs that are missing, a .docx that is not
    a zip (LibreOffice would convert it as plain text without complaint), or two that would make
    PDFs of the same name."""
    missing = [p for p in inputs if not p.is_file()]
    if missing:
        kind = target.split(":")[0].upper() if target.split(":")[0] == "pdf" else "." + target.split(":")[0]
        raise PdfError(f"找不到要转换为 {kind} 的文件：" + "、".join(str(p) for p in missing))
    # LibreOffice imports a broken .docx as plain text and converts that without complaint.
    broken = [p for p in inputs if p.suffix.lower() == ".docx" and not zipfile.is_zipfile(p)]
    if broken:
        raise PdfError("以下文件不是有效的 Word 文档（.docx）：" + "、".join(str(p) for p in broken))
    seen: dict[str, Path] = {}
    ext = "." + target.split(":")[0].lower()
    for path in inputs:
        key = path.stem.casefold() + ext
        if key in seen and seen[key] != path:
            kind = "PDF" if ext == ".pdf" else ext
            raise PdfError(f"{seen[key]} 和 {path} 会生成同名的 {kind}（{path.stem}{ext}），请改名后再转换")
        seen[key] = path


def run_soffice(command: list[str], timeout: float, running: list | None = None, *, what: str = "PDF 转换",
                profile: Path | None = None) -> str:
    """Run LibreOffice, return its combined output; kill the whole process tree on timeout. LibreOffice
    runs in a process group of its own and dies with this process however it ends
    (reportgen.publish.lifetime.start). `what`: the conversion's name in messages (`conversion`).
    `profile`: the call's profile folder; LibreOffice's own temporary files (lu*.tmp) go inside it,
    so that a killed run's are removed with it (reportgen.publish.lifetime.sweep)."""
    env = os.environ.copy()
    if FONTCONFIG_FILE.is_file():
        env["FONTCONFIG_FILE"] = str(FONTCONFIG_FILE)
    if profile is not None:
        scratch = profile / "tmp"
        try:
            scratch.mkdir(exist_ok=True)
            env["TMPDIR"] = env["TMP"] = env["TEMP"] = str(scratch)
        except OSError:
            pass  # LibreOffice's temporary files then go where they always went
    try:
        proc = start(command, env)
    except OSError as exc:
        raise PdfError(f"无法启动 LibreOffice（{command[0]}）：{os_reason(exc)}") from exc
    if running is not None:
        running.append(proc)  # so that another thread can stop it
    try:
        raw, _ = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        kill_tree(proc)
        proc.communicate()
        raise PdfError(f"{what}超时（{timeout:g} 秒），LibreOffice 已被终止") from None
    except BaseException:
        kill_tree(proc)
        proc.communicate()
        raise
    finally:
        release(proc)
        if running is not None:
            running.remove(proc)
    output = raw.decode("utf-8", errors="replace")
    if proc.returncode != 0:
        error = PdfError(f"LibreOffice {what}失败（退出码 {proc.returncode}）" + quote_output(output))
        error.output = output
        raise error
    return output


def kill_tree(proc: subprocess.Popen[bytes]) -> None:
    """Kill a LibreOffice process and the processes it started (soffice starts soffice.bin)."""
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


def quote_output(output: str) -> str:
    """LibreOffice's output for an error message, its last _OUTPUT_TAIL characters ("" if none)."""
    output = output.strip()
    if not output:
        return ""
    if len(output) > _OUTPUT_TAIL:
        output = "…" + output[-_OUTPUT_TAIL:]
    return "\nLibreOffice 输出：\n" + output
