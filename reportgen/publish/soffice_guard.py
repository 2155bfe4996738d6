"""The watchdog a build starts LibreOffice through on POSIX, so that LibreOffice dies with the build.

Run as a script (``python -I -S soffice_guard.py FD COMMAND...``; standard library only, nothing of
reportgen imported), as the leader of a process group of its own: it starts COMMAND (soffice, which
starts oosplash, which starts soffice.bin: all in this group) and waits. FD is the read end of a
pipe whose write end only the build holds. When the build ends in any way, SIGKILL included, the
kernel closes that end, the read returns end-of-file, and the watchdog kills its whole group
(SIGKILL), itself included. When COMMAND ends first, the watchdog exits with its exit status.

Why not prctl(PR_SET_PDEATHSIG) alone: it is Linux-only, it is cleared in every child a process
forks, and soffice.bin is a grandchild (oosplash forks it), so it survived a killed build: tried on
LibreOffice 7.4. A pipe's end-of-file reaches the watchdog whatever killed the build.
"""

import os
import signal
import subprocess
import sys
import threading


def _guard(fd: int) -> None:
    """Block until the build's end of the pipe is closed, then kill this whole process group."""
    try:
        while os.read(fd, 4096):
            pass
    except OSError:
        pass
    os.killpg(0, signal.SIGKILL)


def main(argv: list[str]) -> int:
    """Start the command of argv[1:] in this process group, guarded by the pipe fd argv[0]."""
    fd = int(argv[0])
    threading.Thread(target=_guard, args=(fd,), daemon=True).start()
    try:
        child = subprocess.Popen(argv[1:], stdin=subprocess.DEVNULL)  # close_fds: the pipe stays ours
    except OSError as exc:
        print(f"cannot start {argv[1]}: {exc}", flush=True)
        return 127
    code = child.wait()
    return code if code >= 0 else 128 - code


if __name__ == "__main__":
    os._exit(main(sys.argv[1:]))
