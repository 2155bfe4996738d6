"""The `reportgen` command: arguments in, one library call, problems out as messages and exit codes.

Exit codes: 0 all well; 1 a problem in the facts, template or output; 2 bad usage.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

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

    build = sub.add_parser("build", help="检查事实文件并生成报告 .docx", description="检查事实文件并生成报告 .docx。")
    build.add_argument("facts", metavar="FACTS.yaml", help="事实文件")
    build.add_argument("-o", "--output", metavar="OUT.docx", help="输出文件（默认 out/<事实文件名>.docx）")
    build.add_argument("--template", metavar="T.docx", help="自定义 Word 模板（默认用报告格式自带的模板）")

    check = sub.add_parser("check", help="只检查事实文件，不生成报告", description="只检查事实文件，不生成报告。")
    check.add_argument("facts", metavar="FACTS.yaml", help="事实文件")

    for command in (build, check):
        command.add_argument("--previous", metavar="LAST.yaml", help="上一年度的事实文件（用于核对结转数）")
        command.add_argument("--strict", action="store_true", help="有警告也视为失败")
    return parser


def _print_problems(problems: Sequence[Problem]) -> None:
    for problem in problems:
        print(problem.format(), file=sys.stderr)


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
        if args.command == "check":
            facts = api.check(args.facts, previous=args.previous)
            _print_problems(facts.warnings)
            if args.strict and facts.warnings:
                print(f"{args.facts}: 检查未通过（--strict：警告也算失败）：{summary(facts.warnings)}", file=sys.stderr)
                return EXIT_PROBLEM
            print(f"{args.facts}: 检查通过：{summary(facts.warnings)}")
            return EXIT_OK
        result = api.build_report(args.facts, args.output, template=args.template,
                                  previous=args.previous, strict=args.strict)
        _print_problems(result.warnings)
        print(f"已生成 {result.output}（{summary(result.warnings)}）")
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
