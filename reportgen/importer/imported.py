"""What an import found (`Imported`): the facts in the shape of a facts file, the notes written as
its comments, the `unsure:` marks, and the notices said to the clerk and the reviewer. Every step
of recognition (`front`, `sections`, `counts`, `crosscheck`, `attach`, `scan`) fills one; `write`
turns it into the facts file's text and `review` into `check`'s findings."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .notices import Notice, Notices


@dataclass
class Imported(Notices):
    """What an import found. `data` is in the shape (and key order) of a facts file; `notes` maps
    a dotted path to a comment for the value there (key "" for the file's head); `unsure` maps a
    field path to why its reading is not sure (written as the facts' `unsure:`); `exact` is False
    when the tables were placed by position (a PDF) rather than read from cells the file holds."""

    source: Path
    data: dict[str, Any]
    notes: dict[str, list[str]] = field(default_factory=dict)
    notices: list[Notice] = field(default_factory=list)
    unsure: dict[str, str] = field(default_factory=dict)
    explained: set[str] = field(default_factory=set)  # paths of sum findings an unsure reading accounts for
    missing_tables: list[str] = field(default_factory=list)
    missing_sections: list[int] = field(default_factory=list)  # 1–6: the national sections not found
    layout: str = ""  # the format as found: 全国统一格式（2021）, 2019 年试行格式, 叙述式
    date_known: bool = True
    exact: bool = True

    def note(self, path: str, text: str) -> None:
        """Add a comment at `path` of the facts file ("" for the file's head)."""
        self.notes.setdefault(path, []).append(text)
