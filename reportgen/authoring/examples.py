"""`reportgen examples`: copy the shipped example facts files into a folder of the clerk's.

The examples are data/ of a source checkout; a wheel carries the same files as the package
`reportgen.examples` (pyproject.toml maps it to data/, no second copy in the repository), found the
way the Word templates are (reportgen.render.render._templates_folder).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from ..errors import OutputError

#: The files copied, relative to the examples folder: three offices' facts files and a local rules file.
EXAMPLES = ("example-2024.yaml", "example-2025.yaml", "example-office-2025.yaml", "rules/local-rules-example.yaml")

#: The folder `reportgen examples` writes when none is given.
DEFAULT_FOLDER = "示例"


def examples_folder() -> Path:
    """data/ of a source checkout (or an editable install); reportgen/examples when installed from a wheel."""
    package = Path(__file__).resolve().parent.parent  # reportgen/
    for folder in (package.parent / "data", package / "examples"):
        if (folder / EXAMPLES[0]).is_file():
            return folder
    return package / "examples"


def free_folder(folder: Path) -> Path:
    """A folder beside `folder` that is not there yet, for the advice when `folder` holds the
    examples already: 示例 → 示例2, or 示例3 when 示例2 is there too (示例2 → 示例3)."""
    base = re.sub(r"\d+$", "", folder.name) or folder.name
    n = 2
    while os.path.lexists(folder.with_name(f"{base}{n}")):
        n += 1
    return folder.with_name(f"{base}{n}")


def copy_examples(folder: str | Path) -> list[Path]:
    """Copy every file of EXAMPLES into `folder` (made when missing), keeping rules/ below it; the
    paths written, in EXAMPLES order. Raises OutputError, writing nothing, when one of them is
    already there (a copy the clerk may have edited is never replaced), when `folder` is a file,
    or when a shipped example is missing (a broken installation)."""
    source, out = examples_folder(), Path(folder)
    if out.exists() and not out.is_dir():
        raise OutputError(f"{out}: 这是一个文件，不是文件夹，没有写入。请给出一个文件夹名，例如 reportgen examples 示例。")
    missing = [name for name in EXAMPLES if not (source / name).is_file()]
    if missing:
        raise OutputError(f"安装的 reportgen 缺少示例文件 {'、'.join(missing)}（应在 {source}）：请重新安装 reportgen。")
    there = [out / name for name in EXAMPLES if os.path.lexists(out / name)]
    if there:
        shown = "、".join(str(p) for p in there)
        raise OutputError(f"{shown}: 文件已经存在，为免覆盖改过的内容，什么也没有写。"
                          f"请另给一个文件夹，例如 reportgen examples {free_folder(out)}。")
    from ..publish.output import write_atomic

    written = []
    for name in EXAMPLES:
        target = out / name
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(target, (source / name).read_bytes())
        written.append(target)
    return written
