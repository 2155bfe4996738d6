"""The summary a folder build prints once its progress is over: short whatever the files hold, so it
stays on the screen (a file fresh from `reportgen new` has 164 blanks; they go to 问题清单.txt, see
reportgen.batch.problem_list).

    新建-2025.yaml 生成失败：数值（第30行，counts.published.value）：还没有填写：…；还有 163 处待填。
    1 份报告有警告：example-2025.yaml（1 个）
    已生成 2 份报告，1 份失败，1 份有警告；汇总表：out/汇总.csv、out/汇总.xlsx
    全部问题（每处的行号和改法）见问题清单：out/问题清单.txt

The notes (failed files, warnings, skipped subfolders, a failed PDF step) go to stderr, the last two
lines to stdout, always last.
"""

from __future__ import annotations

from .batch import BatchResult
from .folder import backups_note, skipped_note

#: Failed files given a line each; more are counted (their details are in 问题清单.txt).
NAMED = 20


def _names(names: list[str]) -> str:
    shown = "、".join(names[:NAMED])
    return shown + (f" 等 {len(names)} 个" if len(names) > NAMED else "")


def summary_lines(batch: BatchResult, *, html: bool = False, pdf: bool = False) -> tuple[list[str], list[str]]:
    """The summary of a folder build as (notes for stderr, the closing lines for stdout): one line
    per failed file (the first NAMED) with its first problem and how many more (FileResult.headline),
    the files built with warnings, the subfolders and backups left out, a failed PDF step; then the counts —
    built, failed, with warnings — the roll-up's paths and 问题清单.txt's path when there is one; last,
    each output that could not be written (`BatchResult.not_written`: an old 汇总.xlsx said to be old)."""
    notes: list[str] = []
    for r in batch.failed[:NAMED]:
        notes.append(f"{r.source.name} 生成失败：{r.headline or r.problem}")
    if len(batch.failed) > NAMED:
        notes.append(f"另有 {len(batch.failed) - NAMED} 份失败，原因见问题清单。")
    if batch.warned:
        notes.append(f"{len(batch.warned)} 份报告有警告（已生成；警告见问题清单）："
                     + _names([f"{name}（{count} 个）" for name, count in batch.warned]))
    if batch.skipped:
        notes.append(skipped_note(batch.skipped))
    if batch.backups:
        notes.append(backups_note(batch.backups))
    if batch.pdf_error:
        notes.append(f"reportgen：PDF 步骤失败（报告 .docx 都已生成）：{batch.pdf_error}")
    counts = f"已生成 {batch.made} 份报告，{len(batch.failed)} 份失败"
    if batch.warned:
        counts += f"，{len(batch.warned)} 份有警告"
    tables = [p for p in (batch.rollup, batch.rollup.with_name("汇总.xlsx"))
              if not any(line.startswith(p.name + " ") for line in batch.not_written)]
    closing = [counts + (f"；汇总表：{'、'.join(map(str, tables))}" if tables else "")
               + (f"；网页版 {batch.made} 份" if html else "") + (f"；PDF {len(batch.pdfs)} 份" if pdf else "")]
    if batch.problem_list is not None:
        closing.append(f"全部问题（每处的行号和改法）见问题清单：{batch.problem_list}")
    closing += [f"注意：{line}" for line in batch.not_written]  # last: an old file must not pass for new
    return notes, closing
