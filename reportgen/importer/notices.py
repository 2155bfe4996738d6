"""What an import says about what it found, worded twice: for the clerk who gets a facts file
(`reportgen import`: 按 0 填写、请补上), and for the reviewer who checks the published report and never
sees a facts file (`reportgen check`: what the report holds, or that we could not read it).

Each notice has a kind, shown apart in `check`'s output and roll-up:
- REPORT (报告中的问题): the report itself has a slip — a total that does not add up, a blank for 0;
- UNSURE (读取没有把握): we could not read it surely — compare with the original report;
- PUBLICATION (发布): about how the report was published — late, a scan, a locked file."""

from __future__ import annotations

from dataclasses import dataclass

REPORT, UNSURE, PUBLICATION = "report", "unsure", "publication"
KIND_LABELS = {REPORT: "报告中的问题", UNSURE: "读取没有把握", PUBLICATION: "发布"}


@dataclass
class Notice:
    text: str  # the import's wording (may speak of the facts file it writes)
    report: str | None = None  # `check`'s wording, about the report; None: no finding of `check`
    kind: str = REPORT
    error: bool = False
    code: str = "IMPORT"


class Notices:
    """A list of notices, with the import's wordings as `warnings` (and `errors`)."""

    def __init__(self) -> None:
        self.notices: list[Notice] = []

    def warn(self, text: str, report: str | None = "", *, kind: str = REPORT, error: bool = False,
             code: str = "IMPORT") -> None:
        """Say `text` on import; on check say `report` ("" = the same words, None = nothing)."""
        self.notices.append(Notice(text, text if report == "" else report, kind, error, code))

    @property
    def warnings(self) -> list[str]:
        return [n.text for n in self.notices if not n.error]

    @property
    def errors(self) -> list[str]:
        return [n.text for n in self.notices if n.error]
