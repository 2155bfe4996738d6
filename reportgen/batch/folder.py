"""The facts files of a folder build: which files a folder holds (not its subfolders, which are
named instead), and which of them would write reports of the same name (compared ignoring case,
as Windows and macOS do)."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path


FACTS_SUFFIXES = (".yaml", ".yml")


def facts_names(folder: Path, *, odd: bool = False) -> list[str]:
    """The names of the facts files of a folder (not its subfolders), in name order. Names, not
    paths: a folder of 100,000 files is held in a few MB (a Path object is five times a name).
    With `odd` (the folder build), an entry named like a facts file that is no regular file (a
    symbolic link that loops or points to nothing, a named pipe) is listed too: its build fails
    with the reason (load.entries), so it is named in the summary and the roll-up instead of
    stopping the folder or going unsaid. Without, such entries are left out."""
    names = []
    with os.scandir(folder) as entries:
        for entry in entries:
            if os.path.splitext(entry.name)[1].lower() in FACTS_SUFFIXES and (
                    not _is_dir(entry) if odd else _is_file(entry)):
                names.append(entry.name)
    names.sort()
    return names


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


def facts_files(folder: Path) -> list[Path]:
    """The facts files of a folder (not its subfolders), in name order."""
    return [folder / name for name in facts_names(folder)]


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
