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

Finding and running LibreOffice (one call, its profile, its timeout, its output in an error) is
reportgen.publish.libreoffice; this module deals the files out between the processes.

PDFs are written into a staging folder inside ``outdir`` and moved into place once checked, so no
half-written or stale PDF ever looks fresh. LibreOffice dies with the process that started it, and
the staging folders and profiles of a killed run are removed by the next (reportgen.publish.lifetime). One file that fails does not cost the others: they are
kept, and the error names the files without a PDF.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import threading
from collections.abc import Callable
from pathlib import Path

from ..load.os_reasons import os_reason
from ..model.typography import FONTCONFIG_FILE
from .libreoffice import PdfError, find_soffice, kill_tree, prepare, quote_output, run_soffice
from .lifetime import temp_folder

__all__ = ["FONTCONFIG_FILE", "PdfError", "convert_to_pdf", "find_soffice"]

MAX_PROCESSES = 8  # LibreOffice processes at once (each takes 150–250 MB of memory)
COMMAND_LIMIT = 30_000  # characters of one LibreOffice command line (Windows allows 32,767)


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
    prepared = prepare(docx_paths, outdir)
    if prepared is None:
        return []
    soffice, unique = prepared
    inputs = [Path(p).resolve() for p in docx_paths]  # one PDF path per input, as given
    outdir = Path(outdir)
    lanes = max(1, min(processes or os.cpu_count() or 1, MAX_PROCESSES, len(unique)))
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
    return text + quote_output(output)


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
            kill_tree(proc)

    def run(self) -> None:
        profile = None
        try:
            profile = temp_folder("reportgen-lo-profile-")
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
            staging = temp_folder(".reportgen-pdf-", self.outdir)
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
                output = run_soffice(command, timeout, self.proc_holder, profile=profile)
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
