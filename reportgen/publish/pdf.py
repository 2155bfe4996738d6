"""Convert .docx files to PDF with LibreOffice (soffice) in headless mode, on every core.

Facts about LibreOffice this module is shaped by:

- One start costs about a second; each extra file in the same call costs little. But one
  LibreOffice converts on one core: so there is one LibreOffice per core (at most
  ``MAX_PROCESSES``), files dealt out between them in turn, each converting its share in as few
  calls as the command line allows.
- Concurrent LibreOffice processes sharing a user profile silently lose files, so each process
  gets a fresh profile of its own (``-env:UserInstallation``), removed afterwards.
- Windows limits a command line to 32,767 characters: a call names at most ``COMMAND_LIMIT``
  characters of file names (measured as Windows quotes them), more files take more calls.
- It exits 0 even when it wrote nothing, so every expected PDF is checked afterwards (present,
  and ending with the PDF trailer ``%%EOF``: a conversion killed half-way leaves a cut-off file).
- The official Chinese fonts (仿宋_GB2312, 楷体_GB2312, …) are not free. On Linux the
  fontconfig file shipped in ``fonts/fonts.conf`` maps them to free fonts; it is passed
  through ``FONTCONFIG_FILE``. ``scripts/install-system-deps.sh`` installs those fonts.

PDFs are written into a staging folder inside ``outdir`` and moved into place once checked, so no
half-written or stale PDF ever looks fresh. One file that fails does not cost the others: they are
kept, and the error names the files without a PDF.
"""

from __future__ import annotations

import glob
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import zipfile
from collections.abc import Callable
from pathlib import Path

from ..errors import ReportgenError
from ..load.os_reasons import os_reason
from ..model.typography import FONTCONFIG_FILE

__all__ = ["FONTCONFIG_FILE", "PdfError", "convert_to_pdf", "find_soffice"]

_INSTALL_HINT = (
    "生成 PDF 需要 LibreOffice，但没有找到（soffice）。请先安装 LibreOffice：\n"
    "  Windows / macOS：从 https://www.libreoffice.org/download/ 下载安装；\n"
    "  Debian / Ubuntu：sudo apt-get install --no-install-recommends libreoffice-writer-nogui\n"
    "安装后请确认 soffice 在 PATH 中，或位于默认安装位置。"
)

_OUTPUT_TAIL = 2000  # characters of LibreOffice's own output quoted in an error
MAX_PROCESSES = 8  # LibreOffice processes at once (each takes 150–250 MB of memory)
COMMAND_LIMIT = 30_000  # characters of one LibreOffice command line (Windows allows 32,767)


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


def convert_to_pdf(docx_paths: list[Path], outdir: Path, timeout: float | None = None, *,
                   processes: int | None = None,
                   progress: Callable[[str, bool], None] | None = None) -> list[Path]:
    """Convert every file in ``docx_paths`` to PDF, with ``processes`` LibreOffice processes at
    once (default: one per core, at most MAX_PROCESSES, never more than files).

    Each PDF is written to ``outdir`` under the input's name with the suffix ``.pdf`` (replacing
    any PDF of that name). Returns the PDF paths in the order of ``docx_paths``. ``timeout`` bounds
    each LibreOffice call, in seconds (default: 60 + 3 per file of the call). ``progress(name, ok)``
    is called as each PDF appears (name: the .docx file's name), and for each file that failed.
    Raises PdfError if LibreOffice is missing, or if any PDF is missing or cut off after its call
    (failed, timed out); the PDFs that were made are kept then, in ``PdfError.made``.
    """
    inputs = [Path(p).resolve() for p in docx_paths]
    if not inputs:
        return []
    _check_inputs(inputs)

    soffice = find_soffice()
    if soffice is None:
        raise PdfError(_INSTALL_HINT)

    outdir = Path(outdir)
    unique = list(dict.fromkeys(inputs))  # the same file twice is converted once
    lanes = max(1, min(processes or os.cpu_count() or 1, MAX_PROCESSES, len(unique)))
    try:
        outdir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise PdfError(f"无法在输出目录 {outdir} 中写入文件：{os_reason(exc)}") from exc
    work = [_Lane(soffice, outdir, chunks(unique[i::lanes]), timeout) for i in range(lanes)]
    threads = [threading.Thread(target=lane.run, daemon=True) for lane in work]
    for thread in threads:
        thread.start()
    reported: set[Path] = set()
    try:
        while any(thread.is_alive() for thread in threads):
            for thread in threads:
                thread.join(0.25)
            if progress:
                for lane in work:
                    for path in lane.seen():
                        if path not in reported:
                            reported.add(path)
                            progress(path.name, True)
    except BaseException:
        for lane in work:
            lane.stop()
        for thread in threads:
            thread.join()
        raise
    made = {path for lane in work for path in lane.made}
    if progress:
        for path in unique:
            if path in made and path not in reported:
                progress(path.name, True)
        for path in unique:
            if path not in made:
                progress(path.name, False)
    failures = [f for lane in work for f in lane.failures]
    if failures:
        error = PdfError(_failure_message(failures, [p for p in unique if p not in made], len(made)))
        error.made = [outdir / (p.stem + ".pdf") for p in inputs if p in made]
        raise error
    return [outdir / (p.stem + ".pdf") for p in inputs]


def command_length(command: list[str]) -> int:
    """Characters of a command line as Windows passes it (arguments quoted as needed)."""
    return len(subprocess.list2cmdline(command))


def chunks(paths: list[Path], limit: int | None = None) -> list[list[Path]]:
    """`paths` in consecutive groups whose LibreOffice command line stays within `limit` characters
    (COMMAND_LIMIT), leaving room for the program, its options and the folders (1,000 characters)."""
    budget = (limit or COMMAND_LIMIT) - 1_000
    groups: list[list[Path]] = []
    size = budget + 1
    for path in paths:
        cost = len(subprocess.list2cmdline([str(path)])) + 1
        if size + cost > budget:
            groups.append([])
            size = 0
        groups[-1].append(path)
        size += cost
    return groups


class _Failure:
    def __init__(self, files: list[Path], reason: str, output: str = ""):
        self.files, self.reason, self.output = files, reason, output


def _failure_message(failures: list[_Failure], missing: list[Path], made: int) -> str:
    """The reason first (a timeout or an exit code, else that PDFs are missing), then the files."""
    reasons = [f.reason for f in failures if f.reason]
    names = "、".join(str(p) for p in missing)
    if reasons:
        text = reasons[0] + (f"；以下文件没有生成 PDF（共 {len(missing)} 个）：{names}" if missing else "")
    else:
        text = f"LibreOffice 没有生成以下文件的 PDF（共 {len(missing)} 个）：{names}"
    if made:
        text += f"\n其余 {made} 个文件的 PDF 已生成。"
    output = next((f.output for f in failures if f.output), "")
    return text + _quote(output)


class _Lane:
    """One LibreOffice process's share of the files: its own profile, its calls one after another,
    each into a staging folder of its own; the checked PDFs moved into ``outdir``."""

    def __init__(self, soffice: str, outdir: Path, groups: list[list[Path]], timeout: float | None):
        self.soffice, self.outdir, self.groups, self.timeout = soffice, outdir, groups, timeout
        self.made: list[Path] = []
        self.failures: list[_Failure] = []
        self.staging: Path | None = None
        self.group: list[Path] = []
        self._stopped = False
        self.proc_holder: list[subprocess.Popen[bytes]] = []

    def seen(self) -> list[Path]:
        """Inputs whose PDF is made, or being written in the current call."""
        found = list(self.made)
        staging, group = self.staging, self.group
        if staging is not None:
            try:
                names = set(os.listdir(staging))
            except OSError:
                names = set()
            found += [p for p in group if p.stem + ".pdf" in names]
        return found

    def stop(self) -> None:
        self._stopped = True
        for proc in list(self.proc_holder):
            _kill_tree(proc)

    def run(self) -> None:
        profile = None
        try:
            profile = Path(tempfile.mkdtemp(prefix="reportgen-lo-profile-"))
            for group in self.groups:
                if self._stopped:
                    break
                self._convert(group, profile)
        except Exception as exc:  # never lose a lane's failure in its thread
            self.failures.append(_Failure([], f"PDF 转换出错：{exc}"))
        finally:
            if profile is not None:
                shutil.rmtree(profile, ignore_errors=True)

    def _convert(self, group: list[Path], profile: Path) -> None:
        from .output import seal_pdf

        try:
            staging = Path(tempfile.mkdtemp(prefix=".reportgen-pdf-", dir=self.outdir))
        except OSError as exc:
            self.failures.append(_Failure(group, f"无法在输出目录 {self.outdir} 中写入文件：{os_reason(exc)}"))
            return
        self.staging, self.group = staging, group
        try:
            command = [self.soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
                       "--convert-to", "pdf", "--outdir", str(staging), *(str(p) for p in group)]
            timeout = self.timeout if self.timeout is not None else 60 + 3 * len(group)
            reason, output = "", ""
            try:
                output = _run(command, timeout, self.proc_holder)
            except PdfError as exc:
                reason = str(exc).split("\nLibreOffice 输出：")[0]
                output = getattr(exc, "output", "")
            missing = []
            for path in group:
                name = path.stem + ".pdf"
                if _complete_pdf(staging / name):
                    try:
                        staged = staging / name
                        staged.write_bytes(seal_pdf(staged.read_bytes()))  # its fingerprint (reportgen.publish.output)
                        os.replace(staged, self.outdir / name)
                    except OSError as exc:
                        reason = reason or f"无法写入 {self.outdir / name}：{os_reason(exc)}"
                        missing.append(path)
                        continue
                    self.made.append(path)
                else:
                    missing.append(path)
            if missing or reason:
                self.failures.append(_Failure(missing, reason, output))
        finally:
            self.staging, self.group = None, []
            shutil.rmtree(staging, ignore_errors=True)


def _complete_pdf(path: Path) -> bool:
    """A PDF LibreOffice finished writing: not empty, and its last bytes hold the %%EOF marker."""
    try:
        with path.open("rb") as handle:
            handle.seek(0, os.SEEK_END)
            size = handle.tell()
            if size == 0:
                return False
            handle.seek(max(0, size - 1024))
            return b"%%EOF" in handle.read()
    except OSError:
        return False


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
                    staged.write_bytes(seal_pdf(staged.read_bytes()))  # its fingerprint (reportgen.publish.output)
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


def _run(command: list[str], timeout: float, running: list | None = None) -> str:
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
    if running is not None:
        running.append(proc)  # so that another thread can stop it
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
    finally:
        if running is not None:
            running.remove(proc)
    output = raw.decode("utf-8", errors="replace")
    if proc.returncode != 0:
        error = PdfError(f"LibreOffice 转换 PDF 失败（退出码 {proc.returncode}）" + _quote(output))
        error.output = output
        raise error
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
