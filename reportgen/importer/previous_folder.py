"""Last year's folder of a folder review (`check FOLDER --previous LAST_FOLDER`): each report imported
(not checked) on every core for its agency's name, year and key figures (folder_figures.figures), in
file-name order, its facts dropped at once."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from ..batch.review_figures import Figure
from .folder_figures import figures


class _Figures:
    """import_document on one report of last year's folder → (agency, year, figures) or None."""

    def __init__(self, ocr: bool):
        self.ocr = ocr

    def __call__(self, item: tuple[Path, Path | None]) -> tuple[str, int | None, dict[str, Figure]] | None:
        from .read_docx import ReadError
        from .recognize import import_document

        path, read = item
        try:
            imp = import_document(read or path, ocr=self.ocr)
        except (ReadError, OSError, ValueError):
            return None  # not read: its agency has no last year's figures (the page says it was not found)
        name = str((imp.data.get("agency") or {}).get("name") or "")
        year = imp.data.get("year")
        return (name, year if isinstance(year, int) else None, figures(imp)) if name else None


def previous_figures(folder: Path, *, ocr: bool = False,
                     jobs: int | None = None) -> Iterator[tuple[str, int | None, dict[str, Figure]]]:
    """(agency name, year, key figures) of every report of last year's `folder` that could be read,
    in file-name order, imported on `jobs` processes (not checked; the facts dropped at once)."""
    from ..batch.batch import in_order, worker_pool
    from .review import report_files
    from .review_folder import _converted

    files = report_files(folder)
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(files) or 1))
    with worker_pool(jobs) as pool, tempfile.TemporaryDirectory(prefix="reportgen-previous-") as tmp:
        for got in in_order(pool, _Figures(ocr), _converted(files, Path(tmp)), 4 * jobs):
            if got is not None:
                yield got
