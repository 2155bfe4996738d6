"""The `reportgen` command: arguments in, one library call, problems out as messages and exit codes.

Exit codes: 0 all well; 1 a problem in the facts, template or output; 2 bad usage.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from . import api
from .errors import FactsError, Problem, ReportgenError, summary

EXIT_OK, EXIT_PROBLEM, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse's own usage errors, in Chinese, exit 2
        message = (message.replace("the following arguments are required", "缺少参数")
                   .replace("unrecognized arguments", "不认识的参数")
                   .replace("invalid choice", "无效的选择")
                   .replace("expected one argument", "需要一个值"))
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"reportgen：用法错误：{message}\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="reportgen", description="把 YAML 事实文件生成政府信息公开工作年度报告（Word）。")
    parser.add_argument("--version", action="version", version="reportgen 0.1.0")
    sub = parser.add_subparsers(dest="command", metavar="命令", parser_class=_Parser)

    build = sub.add_parser("build", help="检查事实文件并生成报告 .docx",
                           description="检查事实文件并生成报告 .docx；给一个文件夹时，生成其中每个事实文件的报告和汇总表。")
    build.add_argument("facts", metavar="FACTS.yaml|FOLDER", help="事实文件，或装有多个事实文件的文件夹")
    build.add_argument("-o", "--output", metavar="OUT.docx|OUTDIR",
                       help="输出文件（默认 out/<事实文件名>.docx）；批量时为输出文件夹（默认 out/）")
    build.add_argument("--pdf", action="store_true", help="同时生成 PDF（需要 LibreOffice）")
    build.add_argument("--html", action="store_true", help="同时生成网页版 .html（可直接发布到网站）")
    build.add_argument("--keep-punctuation", action="store_true",
                       help="保留文字中夹在汉字之间的半角标点（默认在报告中改为全角）")
    build.add_argument("--jobs", type=int, metavar="N", help="批量时同时处理的文件数（默认等于 CPU 核数）")
    build.add_argument("--template", metavar="T.docx", help="自定义 Word 模板（默认用报告格式自带的模板）")
    build.add_argument("--force", action="store_true",
                       help="输出文件生成后被修改过时，先备份为带日期的副本再覆盖（默认拒绝覆盖）")

    check = sub.add_parser("check", help="只检查事实文件，不生成报告", description="只检查事实文件，不生成报告。")
    check.add_argument("facts", metavar="FACTS.yaml", help="事实文件")

    new = sub.add_parser("new", help="用上一年度的事实文件生成新一年的事实文件",
                         description="用上一年度的事实文件生成新一年的事实文件：年度和日期顺延，各项数字留空待填，"
                                     "旁边注明上年数，上年“结转下年度继续办理”自动填入“上年结转”。")
    new.add_argument("last", metavar="LAST.yaml", help="上一年度的事实文件")
    new.add_argument("-o", "--output", metavar="NEXT.yaml", help="新文件（默认把文件名中的年份加一）")

    schema = sub.add_parser("schema", help="输出事实文件的 JSON Schema（供编辑器补全和提示）",
                            description="输出事实文件的 JSON Schema；不给 -o 时打印到标准输出。")
    schema.add_argument("-o", "--output", metavar="FILE", help="写入这个文件")

    for command in (build, check):
        command.add_argument("--previous", metavar="LAST.yaml", help="上一年度的事实文件（用于核对结转数）")
        command.add_argument("--strict", action="store_true", help="有警告也视为失败")
    return parser


def _print_problems(problems: Sequence[Problem]) -> None:
    for problem in problems:
        print(problem.format(), file=sys.stderr)


def _build_folder(args: argparse.Namespace) -> int:
    from .batch import Progress, build_folder

    if args.template or args.previous:
        print("reportgen：用法错误：批量生成时不能用 --template 或 --previous（上一年度文件按文件名自动查找）。",
              file=sys.stderr)
        return EXIT_USAGE
    outdir = Path(args.output) if args.output else Path("out")
    folder = Path(args.facts)
    total = len([p for p in folder.iterdir() if p.suffix.lower() in (".yaml", ".yml") and p.is_file()])
    progress = Progress(total)
    batch = build_folder(folder, outdir, jobs=args.jobs, pdf=args.pdf, force=args.force, strict=args.strict,
                         keep_punctuation=args.keep_punctuation, progress=progress.step)
    if args.html:
        for r in batch.results:
            if r.output:
                api.write_html(api.check(r.source), r.output.with_suffix(".html"))
    for r in batch.failed:
        print(f"\n{r.source.name} 生成失败：\n{r.error}", file=sys.stderr)
    made = len(batch.results) - len(batch.failed)
    print(f"已生成 {made} 份报告，{len(batch.failed)} 份失败；汇总表：{batch.rollup}"
          + (f"；PDF {len(batch.pdfs)} 份" if args.pdf else ""))
    if batch.failed:
        print("失败的文件：" + "、".join(r.source.name for r in batch.failed), file=sys.stderr)
        return EXIT_PROBLEM
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        # A Windows console in GBK cannot show every character (𠀀, emoji): never crash on output.
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="replace")
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        if args.command == "schema":
            if args.output:
                print(f"已生成 {api.write_schema(args.output)}")
            else:
                from .schema_export import facts_schema_text

                sys.stdout.write(facts_schema_text())
            return EXIT_OK
        if args.command == "new":
            out = api.new_year(args.last, args.output)
            print(f"已生成 {out}：请填写其中留空的数字（旁边注释是上年数），然后运行 reportgen check {out}")
            return EXIT_OK
        if args.command == "check":
            facts = api.check(args.facts, previous=args.previous)
            _print_problems(facts.warnings)
            if args.strict and facts.warnings:
                print(f"{args.facts}: 检查未通过（--strict：警告也算失败）：{summary(facts.warnings)}", file=sys.stderr)
                return EXIT_PROBLEM
            print(f"{args.facts}: 检查通过：{summary(facts.warnings)}")
            return EXIT_OK
        if Path(args.facts).is_dir():
            return _build_folder(args)
        result = api.build_report(args.facts, args.output, template=args.template,
                                  previous=args.previous, strict=args.strict, force=args.force,
                                  keep_punctuation=args.keep_punctuation)
        _print_problems(result.warnings)
        if result.backup:
            print(f"原文件已被修改过，已备份为 {result.backup}")
        print(f"已生成 {result.output}（{summary(result.warnings)}）")
        if args.html:
            print(f"已生成 {api.write_html(result.facts, result.output.with_suffix('.html'))}")
        if args.pdf:
            print(f"已生成 {api.write_pdf(result.output)}")
        return EXIT_OK
    except FactsError as exc:
        print(exc, file=sys.stderr)
        print("没有生成任何文件。" if args.command == "build" else "检查未通过。", file=sys.stderr)
        return EXIT_PROBLEM
    except ReportgenError as exc:
        print(f"reportgen：{exc}", file=sys.stderr)
        return EXIT_PROBLEM
    except KeyboardInterrupt:
        print("已中断，没有写入任何文件。", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
