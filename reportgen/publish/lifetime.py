"""LibreOffice dies with the build that started it, and the temporary folders of a build that was
killed are removed by the next one.

- POSIX: LibreOffice is started through reportgen/publish/soffice_guard.py (see there), the leader
  of a process group of its own; the build holds the write end of a pipe, the watchdog kills the
  group when that end closes (the build exited, crashed or was killed with SIGKILL).
- Windows: each LibreOffice is put in one Job object of the build's process, created with
  JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE: when the build's process ends, Windows closes its handle to the
  job and ends every process in it, soffice.bin included (children join their parent's job). If the
  job cannot be made (an old Windows where the build itself runs in a job that forbids nesting),
  LibreOffice runs as before, unguarded; nothing fails for it. A process soffice.exe starts in the
  instant before it joins the job is not in it (Popen cannot start a process suspended). (Not
  exercised by the tests, which run on Linux.)

Temporary folders carry their owner's process id in their name (`temp_folder`): PREFIX<pid>-<random>.
`sweep` removes those whose owner is no longer running; folders of an older reportgen, named without a
pid, when they are older than `UNOWNED_AGE` seconds (no build runs that long).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

#: Temporary folders made beside the outputs (PDF staging of publish.pdf and publish.libreoffice, a
#: build's staged outputs of publish.build) and in the system's temporary folder (LibreOffice profiles).
BESIDE_OUTPUTS = (".reportgen-pdf-", ".reportgen-build-")
IN_TEMP = ("reportgen-lo-profile-",)
UNOWNED_AGE = 6 * 3600
_GUARD = Path(__file__).with_name("soffice_guard.py")


def start(command: list[str], env: dict[str, str]) -> subprocess.Popen[bytes]:
    """Start `command` (LibreOffice) with its output piped, bound to this process's life (see the
    module's docstring). Raises OSError when it cannot be started. The process returned is the
    leader of the command's process group (POSIX): `kill_tree` kills the group through it."""
    common: dict[str, object] = {"stdin": subprocess.DEVNULL, "stdout": subprocess.PIPE,
                                 "stderr": subprocess.STDOUT, "env": env}
    if sys.platform == "win32":
        proc = subprocess.Popen(command, creationflags=subprocess.CREATE_NEW_PROCESS_GROUP,
                                **common)  # type: ignore[call-overload]
        _join_job(proc)
        return proc
    if not sys.executable or not _GUARD.is_file():  # an embedded Python: a group of its own, unguarded
        return subprocess.Popen(command, start_new_session=True, **common)  # type: ignore[call-overload]
    read_end, write_end = os.pipe()  # both ends non-inheritable: no other child keeps the write end
    try:
        proc = subprocess.Popen([sys.executable, "-I", "-S", str(_GUARD), str(read_end), *command],
                                start_new_session=True, pass_fds=(read_end,),
                                **common)  # type: ignore[call-overload]
    except BaseException:
        os.close(write_end)
        raise
    finally:
        os.close(read_end)
    proc._reportgen_lifeline = write_end  # type: ignore[attr-defined]
    return proc


def release(proc: subprocess.Popen[bytes]) -> None:
    """Close the build's end of the watchdog's pipe once `proc` has ended (POSIX; nothing on Windows)."""
    fd = getattr(proc, "_reportgen_lifeline", None)
    if fd is not None:
        proc._reportgen_lifeline = None  # type: ignore[attr-defined]
        os.close(fd)


_JOB: list[int] = []  # the build's one Job object (Windows), made on first use, never closed


def _join_job(proc: subprocess.Popen[bytes]) -> None:
    try:
        import ctypes
        from ctypes import wintypes

        kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined]
        if not _JOB:
            class Limits(ctypes.Structure):
                _fields_ = [("PerProcessUserTimeLimit", ctypes.c_int64), ("PerJobUserTimeLimit", ctypes.c_int64),
                            ("LimitFlags", wintypes.DWORD), ("MinimumWorkingSetSize", ctypes.c_size_t),
                            ("MaximumWorkingSetSize", ctypes.c_size_t), ("ActiveProcessLimit", wintypes.DWORD),
                            ("Affinity", ctypes.c_size_t), ("PriorityClass", wintypes.DWORD),
                            ("SchedulingClass", wintypes.DWORD)]

            class Extended(ctypes.Structure):
                _fields_ = [("Basic", Limits), ("IoInfo", ctypes.c_uint64 * 6),
                            ("ProcessMemoryLimit", ctypes.c_size_t), ("JobMemoryLimit", ctypes.c_size_t),
                            ("PeakProcessMemoryUsed", ctypes.c_size_t), ("PeakJobMemoryUsed", ctypes.c_size_t)]

            kernel32.CreateJobObjectW.restype = wintypes.HANDLE
            job = kernel32.CreateJobObjectW(None, None)
            if not job:
                return
            info = Extended()
            info.Basic.LimitFlags = 0x2000  # JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE
            if not kernel32.SetInformationJobObject(wintypes.HANDLE(job), 9, ctypes.byref(info), ctypes.sizeof(info)):
                return  # 9: JobObjectExtendedLimitInformation
            _JOB.append(job)
        kernel32.AssignProcessToJobObject(wintypes.HANDLE(_JOB[0]), wintypes.HANDLE(int(proc._handle)))  # type: ignore[attr-defined]
    except Exception:  # never fail a conversion for its guard
        return


# -- temporary folders of killed builds -------------------------------------------------------------

def temp_folder(prefix: str, folder: Path | None = None) -> Path:
    """A new temporary folder named PREFIX<this process's id>-<random> in `folder` (default: the
    system's temporary folder), so that `sweep` can tell when its owner is gone. Raises OSError."""
    return Path(tempfile.mkdtemp(prefix=f"{prefix}{os.getpid()}-", dir=folder))


_SWEPT: set[str] = set()  # folders this process has swept already


def sweep(folder: Path | None = None) -> list[Path]:
    """Remove the temporary folders of reportgen runs that are no longer running: in `folder` (the
    prefixes of BESIDE_OUTPUTS) or, when None, in the system's temporary folder (IN_TEMP). Returns
    what was removed; a folder that cannot be read or removed is left as it is. Each folder is swept
    once a process: a folder build of 10,000 reports into one folder lists it once, not 10,000 times."""
    where = Path(tempfile.gettempdir()) if folder is None else Path(folder)
    prefixes = IN_TEMP if folder is None else BESIDE_OUTPUTS
    removed: list[Path] = []
    key = os.path.abspath(where)
    if key in _SWEPT:
        return removed
    _SWEPT.add(key)
    try:
        entries = [e for e in os.scandir(where) if e.name.startswith(prefixes)]
    except OSError:
        return removed
    now = time.time()
    for entry in entries:
        prefix = next(p for p in prefixes if entry.name.startswith(p))
        m = re.match(r"(\d+)-", entry.name[len(prefix):])
        try:
            if not entry.is_dir(follow_symlinks=False):
                continue
            if m:
                if int(m.group(1)) == os.getpid() or pid_alive(int(m.group(1))):
                    continue
            elif now - entry.stat(follow_symlinks=False).st_mtime < UNOWNED_AGE:
                continue
        except OSError:
            continue
        shutil.rmtree(entry.path, ignore_errors=True)
        if not os.path.exists(entry.path):
            removed.append(Path(entry.path))
    return removed


def pid_alive(pid: int) -> bool:
    """Whether a process of id `pid` is running (or cannot be told: then True, so nothing of a live
    run is ever removed)."""
    if pid <= 0:
        return False
    if sys.platform == "win32":
        return _windows_pid_alive(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # EPERM: another user's process
    return True


def _windows_pid_alive(pid: int) -> bool:
    try:
        import ctypes

        from ctypes import wintypes

        kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined]
        kernel32.OpenProcess.restype = wintypes.HANDLE
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return ctypes.get_last_error() == 5  # ERROR_ACCESS_DENIED: it exists
        try:
            code = ctypes.c_ulong()
            if not kernel32.GetExitCodeProcess(wintypes.HANDLE(handle), ctypes.byref(code)):
                return True
            return code.value == 259  # STILL_ACTIVE
        finally:
            kernel32.CloseHandle(wintypes.HANDLE(handle))
    except Exception:
        return True
