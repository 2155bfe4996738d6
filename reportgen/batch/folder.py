"""The facts files of a folder build: which files a folder holds (not its subfolders, which are
named instead), and which of them would write reports of the same name (compared ignoring case,
as Windows and macOS do)."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path


FACTS_SUFFIXES = (".yaml", ".yml")

#: The dated copy `--force` keeps of a file it replaces (publish.output.backup_path):
#: NAME.备份-YYYYMMDD-HHMMSS.yaml, or …-HHMMSS-2.yaml when that name was taken.
BACKUP_NAME = re.compile(r".+\.备份-\d{8}-\d{6}(?:-\d+)?\.ya?ml", re.IGNORECASE)


def is_backup(name: str) -> bool:
    """Whether a file name is one of reportgen's own dated backups (BACKUP_NAME), never a facts file."""
    return BACKUP_NAME.fullmatch(name) is not None


def facts_names(folder: Path, *, odd: bool = False, backups: list[str] | None = None) -> list[str]:
    """The names of the facts files of a folder (not its subfolders), in name order. Names, not
    paths: a folder of 100,000 files is held in a few MB (a Path object is five times a name).
    With `odd` (the folder build), an entry named like a facts file that is no regular file (a
    symbolic link that loops or points to nothing, a named pipe) is listed too: its build fails
    with the reason (load.entries), so it is named in the summary and the roll-up instead of
    stopping the folder or going unsaid. Without, such entries are left out.
    reportgen's own dated backups (NAME.备份-20250301-093000.yaml, kept by `init`, `new` and
    `rollup` with --force) are never facts files: they are left out, and their names, in name
    order, appended to `backups` when it is given (for backups_note)."""
    names = []
    left_out = []
    with os.scandir(folder) as entries:
        for entry in entries:
            if os.path.splitext(entry.name)[1].lower() in FACTS_SUFFIXES and (
                    not _is_dir(entry) if odd else _is_file(entry)):
                (left_out if is_backup(entry.name) else names).append(entry.name)
    names.sort()
    if backups is not None:
        backups.extend(sorted(left_out))
    return names


def backups_note(names: list[str]) -> str:
    """One line naming the backups a folder run left out (at most 5 named, the rest counted)."""
    shown = "、".join(names[:5]) + (" 等" if len(names) > 5 else "")
    return (f"跳过 {len(names)} 个备份文件（加 --force 时留下的带日期副本，不是另一个机关的事实文件）：{shown}。"
            "用不着的话可以删掉。")


def _is_dir(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir()
    except OSError:  # a symbolic link that loops: no folder
        return False


def _is_file(entry: os.DirEntry) -> bool:
    try:
        return entry.is_file()
    except OSError:  # a symbolic link that loops: no file
        return False


def facts_files(folder: Path, backups: list[str] | None = None) -> list[Path]:
    """The facts files of a folder (not its subfolders), in name order; backups as in facts_names."""
    return [folder / name for name in facts_names(folder, backups=backups)]


def skipped_subfolders(folder: Path, suffixes: Iterable[str] = FACTS_SUFFIXES) -> list[Path]:
    """The subfolders of `folder` (at any depth below it) that hold files with one of `suffixes`
    (facts files; `check FOLDER` asks for published reports) a folder run does not include, one
    entry per direct subfolder, in name order. Hidden folders (.git, .github …) are not looked at:
    their .yml files are not facts files."""
    found = []
    with os.scandir(folder) as entries:  # not iterdir: no Path object for each of 100,000 files
        subfolders = sorted(folder / e.name for e in entries if not e.name.startswith(".") and _is_dir(e))
    for sub in subfolders:
        for root, dirs, files in os.walk(sub):
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            if any(Path(f).suffix.lower() in suffixes for f in files):
                found.append(sub)
                break
    return found


def output_name(source: Path) -> str:
    """The name of the report a facts file makes in a folder build: its name with .docx."""
    return source.stem + ".docx"


def colliding_outputs(files: list[Path]) -> dict[Path, list[Path]]:
    """Facts files whose reports would have the same name (局-2025.yaml and 局-2025.yml both make
    局-2025.docx): each such file → the others it collides with. Names are compared ignoring case,
    as Windows and macOS do, so a folder that builds on one system builds on every other."""
    groups: dict[str, list[Path]] = {}
    for source in files:
        groups.setdefault(output_name(source).casefold(), []).append(source)
    return {source: [o for o in group if o != source]
            for group in groups.values() if len(group) > 1 for source in group}


def colliding_names(names: list[str]) -> dict[str, list[str]]:
    """colliding_outputs for file names (Path objects made only for the few that collide)."""
    shared = _shared_keys(names)
    found = colliding_outputs([Path(name) for name in names if _output_key(name) in shared])
    return {str(path): [str(other) for other in others] for path, others in found.items()}


def _output_key(name: str) -> str:
    return output_name(Path(name)).casefold()


def _shared_keys(names: list[str]) -> set[str]:
    seen: set[str] = set()
    shared: set[str] = set()
    for name in names:
        key = _output_key(name)
        (shared if key in seen else seen).add(key)
    return shared


def skipped_note(skipped: list[Path]) -> str:
    """One line naming the subfolders whose facts files a folder build left out."""
    return (f"子文件夹中的事实文件没有包括在内：{'、'.join(p.name + '/' for p in skipped)}"
            "（只生成所给文件夹本层的文件；要生成它们，请对子文件夹分别运行 reportgen build）。")
