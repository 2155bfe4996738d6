"""`reportgen build FOLDER`: the folder build as the command line shows it (progress, notes on stderr,
the closing lines last on stdout). The work is reportgen.batch.batch.build_folder."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

EXIT_OK, EXIT_PROBLEM, EXIT_USAGE = 0, 1, 2


def build_folder_command(args: argparse.Namespace) -> int:
    """`reportgen build FOLDER`: every facts file of the folder, with progress, then the summary last
    (reportgen.batch.build_summary). Exit 0 all built; 1 a file failed, a PDF step failed or an output
    could not be written; 2 an option a folder build does not take."""
    from .batch.batch import build_folder
    from .batch.folder import facts_names
    from .batch.progress import Progress

    if args.graphic:
        print("reportgen：用法错误：批量生成暂不支持 --graphic：请对需要图解的事实文件分别运行 reportgen build FACTS.yaml --graphic。",
              file=sys.stderr)
        return EXIT_USAGE
    if args.rules:
        print("reportgen：用法错误：批量生成时不能用 --rules：请在各事实文件中写 local_rules: 规则文件。", file=sys.stderr)
        return EXIT_USAGE
    if args.template or args.previous:
        print("reportgen：用法错误：批量生成时不能用 --template 或 --previous（上一年度文件按文件名自动查找）。",
              file=sys.stderr)
        return EXIT_USAGE
    if args.output and Path(args.output).suffix.lower() == ".docx":
        print(f"reportgen：用法错误：{args.facts} 是文件夹，批量生成时 -o 应为输出文件夹，而不是 .docx 文件"
              f"（{args.output}）。每份报告按事实文件名命名，例如 -o out。", file=sys.stderr)
        return EXIT_USAGE
    from .load.input_hints import txt_lookalikes, txt_lookalikes_note

    outdir = Path(args.output) if args.output else Path("out")
    folder = Path(args.facts)
    lookalikes = txt_lookalikes(folder)
    if lookalikes:
        print(txt_lookalikes_note(lookalikes), file=sys.stderr)
    from .batch.batch import blocked_outputs

    for note in blocked_outputs(outdir):  # said now, so it can be closed while the files are built
        print(f"提示：{note}", file=sys.stderr)
    progress = Progress(len(facts_names(folder, odd=True)))
    pdf_progress: list[Progress] = []

    def pdf_step(name: str, ok: bool) -> None:
        if not pdf_progress:  # the first PDF: the reports are all written
            progress.finish()
            pdf_progress.append(Progress(progress.done - progress.failed, label="PDF"))
        pdf_progress[0].step(name, ok)

    batch = build_folder(folder, outdir, jobs=args.jobs, pdf=args.pdf, force=args.force, strict=args.strict,
                         keep_punctuation=args.keep_punctuation, html=args.html, progress=progress.step,
                         pdf_progress=pdf_step)
    if pdf_progress:
        pdf_progress[0].finish()
    else:
        progress.finish()
    from .batch.build_summary import summary_lines

    notes, closing = summary_lines(batch, html=args.html, pdf=args.pdf)
    if notes:  # a blank line after the progress; the closing lines last, after everything on stderr
        print("\n" + "\n".join(notes), file=sys.stderr)
    sys.stderr.flush()
    print("\n".join(closing), flush=True)
    return EXIT_PROBLEM if batch.failed or batch.pdf_error or batch.not_written else EXIT_OK
