"""The `reportgen` command: arguments in, one library call, problems out as messages and exit codes.

Exit codes: 0 all well; 1 a problem in the facts, template or output; 2 bad usage.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path

from . import api
from .cli_start import add_parsers, run_start
from .cli_suggest import command_typo, commands, refuse_unknown, refuse_unknown_first
from .errors import FactsError, Problem, ReportgenError, summary

EXIT_OK, EXIT_PROBLEM, EXIT_USAGE = 0, 1, 2


class _Formatter(argparse.HelpFormatter):
    """argparse's help layout, with the usage line introduced in Chinese."""

    def add_usage(self, usage, actions, groups, prefix=None):  # type: ignore[no-untyped-def]
        super().add_usage(usage, actions, groups, "用法：" if prefix is None else prefix)

    def format_help(self) -> str:  # section headings end with a full-width colon, as 用法： does
        return _HEADING.sub(r"\1：", super().format_help())


_TITLES = ("参数", "选项", "命令")
_HEADING = re.compile(rf"^({'|'.join(_TITLES)}):$", re.M)


# argparse's own usage-error messages (Python 3.10–3.13 wordings), in Chinese.
_MESSAGES = [
    (re.compile(r"^argument 命令: "), "命令："),
    (re.compile(r"^argument (.+?): "), r"参数 \1："),
    (re.compile(r"invalid choice: (.+?) \(choose from (.+)\)$"),
     lambda m: f"无效的选择：“{_unquote(m[1])}”（可选：{'、'.join(_unquote(c) for c in m[2].split(', '))}）"),
    (re.compile(r"the following arguments are required: (.+)"), r"缺少参数：\1"),
    (re.compile(r"unrecognized arguments: (.+)"), r"不认识的参数：\1"),
    (re.compile(r"invalid (\w+) value: (.+)"), r"无效的值：\2"),
    (re.compile(r"ambiguous option: (.+?) could match (.+)"), r"选项 \1 不明确，可能是：\2"),
    (re.compile(r"not allowed with argument (.+)"), r"不能与参数 \1 同时使用"),
    (re.compile(r"one of the arguments (.+) is required"), r"需要参数 \1 之一"),
    (re.compile(r"ignored explicit argument (.+)"), r"这个选项不带值：\1"),
    (re.compile(r"expected one argument"), "需要一个值"),
    (re.compile(r"expected at most one argument"), "最多一个值"),
    (re.compile(r"expected at least one argument"), "至少需要一个值"),
]


def _unquote(text: str) -> str:
    return text[1:-1] if len(text) > 1 and text[0] == text[-1] and text[0] in "'\"" else text


def _chinese(message: str) -> str:
    for pattern, replacement in _MESSAGES:
        message = pattern.sub(replacement, message)
    return message


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser whose help and usage errors are all in Chinese; usage errors exit 2."""

    def __init__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        kwargs.setdefault("formatter_class", _Formatter)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title, self._optionals.title = _TITLES[0], _TITLES[1]
        self.add_argument("-h", "--help", action="help", help="显示帮助并退出")

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        said = command_typo(message, list(commands(self))) or _chinese(message)
        self.exit(EXIT_USAGE, f"reportgen：用法错误：{said}\n")

    def parse_args(self, args=None, namespace=None):  # type: ignore[no-untyped-def, override]
        """argparse's, with each unknown option named with the closest known one (cli_suggest)."""
        if commands(self):  # reportgen itself: an unknown option before a missing argument
            refuse_unknown_first(self, sys.argv[1:] if args is None else list(args))
        parsed, extras = self.parse_known_args(args, namespace)
        if extras:
            refuse_unknown(self, parsed, extras)  # exits 2
        return parsed


def _jobs(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"应为正整数，这里写的是“{text}”") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"应为正整数（至少 1），这里写的是“{text}”")
    return value


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="reportgen", description="把 YAML 事实文件生成政府信息公开工作年度报告（Word）。")
    parser.add_argument("--version", action="version", version="reportgen 0.1.0", help="显示版本号并退出")
    sub = parser.add_subparsers(dest="command", metavar="命令", parser_class=_Parser, title=_TITLES[2],
                                help="reportgen 命令 -h 显示该命令的用法")

    build = sub.add_parser("build", help="检查事实文件并生成报告 .docx",
                           description="检查事实文件并生成报告 .docx；给一个文件夹时，生成其中每个事实文件的报告和汇总表。")
    build.add_argument("facts", metavar="FACTS.yaml|FOLDER", help="事实文件，或装有多个事实文件的文件夹")
    build.add_argument("-o", "--output", metavar="OUT.docx|OUTDIR",
                       help="输出文件（默认 out/<事实文件名>.docx）；批量时为输出文件夹（默认 out/）")
    build.add_argument("--pdf", action="store_true", help="同时生成 PDF（需要 LibreOffice）")
    build.add_argument("--html", action="store_true", help="同时生成网页版 .html（可直接发布到网站）")
    build.add_argument("--graphic", action="store_true",
                       help="同时生成图解（一图读懂）NAME.图解.png 和 .svg；与 --html 同用时网页里也显示图解")
    build.add_argument("--keep-punctuation", action="store_true",
                       help="保留文字中夹在汉字之间的半角标点（默认在报告中改为全角）")
    build.add_argument("--jobs", type=_jobs, metavar="N", help="批量时同时处理的文件数（默认等于 CPU 核数）")
    build.add_argument("--template", metavar="T.docx", help="自定义 Word 模板（默认用报告格式自带的模板）")
    build.add_argument("--force", action="store_true",
                       help="输出文件生成后被修改过时，先备份为带日期的副本再覆盖（默认拒绝覆盖）")

    check = sub.add_parser("check", help="只检查事实文件，不生成报告；也可检查已发布的报告，或一个文件夹的事实文件或报告",
                           description="只检查事实文件，不生成报告。给已发布的报告（.docx .doc .wps .html .pdf）时直接检查它；"
                                       "给文件夹时检查其中每份事实文件（.yaml .yml），或每份报告并写出检查汇总表。")
    check.add_argument("facts", metavar="FACTS.yaml|REPORT|FOLDER", help="事实文件、已发布的报告，或装有事实文件或报告的文件夹")
    check.add_argument("-o", "--output", metavar="汇总.csv", help="检查文件夹时汇总表的位置（默认 out/检查汇总.csv）")

    new = sub.add_parser("new", help="用上一年度的事实文件生成新一年的事实文件",
                         description="用上一年度的事实文件生成新一年的事实文件：年度和日期顺延，各项数字留空待填，"
                                     "旁边注明上年数，上年“结转下年度继续办理”自动填入“上年结转”。")
    new.add_argument("last", metavar="LAST.yaml", help="上一年度的事实文件")
    new.add_argument("-o", "--output", metavar="NEXT.yaml", help="新文件（默认把文件名中的年份加一）")

    add_parsers(sub)  # init, examples

    schema = sub.add_parser("schema", help="输出事实文件的 JSON Schema（供编辑器补全和提示）",
                            description="输出事实文件的 JSON Schema；不给 -o 时打印到标准输出。")
    schema.add_argument("-o", "--output", metavar="FILE", help="写入这个文件")

    rollup = sub.add_parser("rollup", help="把文件夹中各机关同一年度的表格数字逐格相加，写成一个汇总事实文件",
                            description="把文件夹中各机关同一年度、全国统一格式的事实文件逐格相加，写成一个汇总事实文件，"
                                        "可再用 reportgen build 生成汇总报告；其他年度、其他格式或有错误的文件列出原因，不计入。")
    rollup.add_argument("folder", metavar="FOLDER", help="装有各机关事实文件的文件夹")
    rollup.add_argument("-o", "--output", metavar="汇总.yaml", help="输出的汇总事实文件（默认 out/汇总-<年度>.yaml）")
    rollup.add_argument("--year", type=_jobs, metavar="YYYY", help="汇总哪一年度（默认：文件最多的年度）")
    rollup.add_argument("--agency", metavar="名称", help="汇总报告的机关名称，例如 示例市示例区人民政府")
    rollup.add_argument("--force", action="store_true",
                        help="输出文件已存在时先备份为带日期的副本再覆盖（默认拒绝覆盖；不会覆盖要汇总的事实文件）")


    imp = sub.add_parser("import", help="把已有的报告（.docx .doc .wps .html .pdf）转成事实文件",
                         description="把已有的报告（Word、网页、PDF）转成事实文件，并立即检查它。导入时不确定的地方在文件里以“# 导入：”注释标出。")
    imp.add_argument("report", metavar="REPORT", help="已有的报告：.docx、.doc、.wps、.html 或 .pdf")
    imp.add_argument("-o", "--output", metavar="FACTS.yaml", help="写入的事实文件（默认为报告文件名加 .yaml，写在当前文件夹）")

    rules = sub.add_parser("rules", help="列出检查规则：代码、名称、轻重、检查什么",
                           description="列出 reportgen 的全部检查规则（代码、名称、错误还是警告、适用于事实文件还是已发布的报告、"
                                       "是否需要上一年度的文件、检查什么）；给出代码时显示这一条规则的详细说明和依据。")
    rules.add_argument("code", nargs="?", metavar="CODE", help="规则的代码，例如 BALANCE（大小写均可）；不给时列出全部规则")

    for command in (imp, check):
        command.add_argument("--ocr", action="store_true",
                             help="扫描件（页面是图片的 PDF）用 OCR 文字识别读取（需要安装 Tesseract 和简体中文数据）；"
                                  "识别出的每个数字都要对照原件核对")
    for command in (build, check):
        command.add_argument("--previous", metavar="LAST.yaml", help="上一年度的事实文件（用于核对结转数）"
                             + ("；检查一个文件夹的报告时，给上年报告的文件夹" if command is check else ""))
        command.add_argument("--strict", action="store_true", help="有警告也视为失败")
        command.add_argument("--rules", metavar="规则.yaml",
                             help="本地规则文件（当地政务公开办公室对小节、字数、数字和期限的要求），检查时一并核对")
    return parser


def _print_notes(notes: Sequence[str]) -> None:
    for note in notes:
        print(f"提示：{note}", file=sys.stderr)


def _print_problems(problems: Sequence[Problem]) -> None:
    for problem in problems:
        print(problem.format(), file=sys.stderr)


def _rollup(args: argparse.Namespace) -> int:
    from .batch.rollup import write_rollup

    out, rollup = write_rollup(args.folder, args.output, year=args.year, agency=args.agency, force=args.force)
    for left in rollup.left_out:
        print(f"没有计入 {left.source.name}：{left.reason}。", file=sys.stderr)
    if rollup.backups:
        from .batch.folder import backups_note
        print(f"提示：{backups_note(rollup.backups)}", file=sys.stderr)
    if rollup.backup is not None:
        print(f"原文件已备份为 {rollup.backup}")
    print(f"已生成 {out}：{rollup.year} 年度 {len(rollup.agencies)} 个机关的表格逐格相加"
          + (f"，{len(rollup.left_out)} 个文件没有计入（见上）" if rollup.left_out else "")
          + f"。请改写其中的正文，然后运行 reportgen build {out}")
    return EXIT_OK


def _rules(args: argparse.Namespace) -> int:
    from shutil import get_terminal_size

    from .checks.listing import rule_text, rules_text

    width = min(get_terminal_size((100, 24)).columns, 120) - 1
    if args.code is None:
        sys.stdout.write(rules_text(width))
        return EXIT_OK
    text = rule_text(args.code, width)
    if text is None:
        from .checks.registry import rule_codes
        from .cli_suggest import closest

        known = {code.upper(): code for code in rule_codes()}  # balanse → BALANCE, whatever the case
        guess = closest(args.code.upper(), known)
        hint = f"是不是 {known[guess]}？（reportgen rules {known[guess]} 显示它；" if guess else "（"
        print(f"reportgen：没有代码为“{args.code}”的规则。{hint}reportgen rules 列出全部规则和代码）", file=sys.stderr)
        return EXIT_USAGE
    sys.stdout.write(text)
    return EXIT_OK


def _is_report(path: str) -> bool:
    """A published report or a folder of them, rather than a facts file."""
    from .importer import READABLE

    return Path(path).is_dir() or Path(path).suffix.lower() in READABLE


def main(argv: Sequence[str] | None = None) -> int:
    """The `reportgen` command: parse `argv` (sys.argv[1:] when None), run it, and print what it
    made and found in Chinese. Returns the exit code: 0 done (warnings allowed), 1 a problem with
    the input or an output (every message says where and what to do), 2 a usage error, 130
    interrupted. Never raises: an unexpected error is printed as 内部错误 (REPORTGEN_DEBUG=1 re-raises it)."""
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
                from .model.schema_export import facts_schema_text

                sys.stdout.write(facts_schema_text())
            return EXIT_OK
        if args.command == "new":
            out = api.new_year(args.last, args.output, on_warning=lambda warning: _print_problems([warning]))
            print(f"已生成 {out}：请填写其中留空的数字（旁边注释是上年数），并按本年情况改写沿用的上年文字，"
                  f"然后运行 reportgen check {out}")
            return EXIT_OK
        if args.command == "rollup":
            return _rollup(args)
        if args.command == "rules":
            return _rules(args)


        if args.command == "import":
            from .cli_published import run_import

            return run_import(args)
        if args.command in ("init", "examples") or args.command == "check" and Path(args.facts).is_dir():
            return run_start(args)  # init, examples, check FOLDER
        if args.command == "check" and _is_report(args.facts):
            from .cli_published import run_check

            return run_check(args)
        if args.command == "check":
            facts = api.check(args.facts, previous=args.previous, rules=args.rules)
            _print_problems(facts.warnings)
            _print_notes(facts.notes)
            if args.strict and facts.warnings:
                print(f"{args.facts}: 检查未通过（--strict：警告也算失败）：{summary(facts.warnings)}", file=sys.stderr)
                return EXIT_PROBLEM
            print(f"{args.facts}: 检查通过：{summary(facts.warnings)}")
            return EXIT_OK
        if Path(args.facts).is_dir():
            from .cli_folder import build_folder_command

            return build_folder_command(args)
        if args.output and Path(args.output).suffix.lower() != ".docx":
            print(f"reportgen：用法错误：输出文件应以 .docx 结尾（{args.output}）；网页版和 PDF 用 --html、--pdf，"
                  "会写在 .docx 旁边。", file=sys.stderr)
            return EXIT_USAGE
        if args.graphic:  # no CJK font: say so before anything is written
            from .publish.graphic import cjk_font

            cjk_font()
        result = api.build_report(args.facts, args.output, template=args.template,
                                  previous=args.previous, strict=args.strict, force=args.force,
                                  keep_punctuation=args.keep_punctuation, html=args.html, pdf=args.pdf,
                                  graphic=args.graphic, rules=args.rules)
        _print_problems(result.warnings)
        _print_notes(result.facts.notes)
        for notice in result.notices:  # outputs a killed build left stale (reportgen.publish.commit)
            print(notice, file=sys.stderr)
        for backup in result.backups:
            print(f"原文件已被修改过，已备份为 {backup}")
        print(f"已生成 {result.output}（{summary(result.warnings)}）")
        if result.graphic is not None:
            print(f"已生成 {result.graphic[0]}、{result.graphic[1]}")
        for extra in (result.html, result.pdf):
            if extra is not None:
                print(f"已生成 {extra}")
        return EXIT_OK
    except FactsError as exc:
        blanks = exc.blanks
        if args.command == "build" and blanks:  # a report is never printed with blanks in it
            print(exc.text(f"{args.facts}: 还有 {len(blanks)} 处待填，填好后才能生成报告"), file=sys.stderr)
        else:
            print(exc, file=sys.stderr)
        if args.command == "new":
            print(f"没有写入任何文件：{args.last} 有错误，新一年的文件要从一份没有错误的上年文件生成。"
                  f"请先改正上面的错误（reportgen check {args.last}），再运行 reportgen new。", file=sys.stderr)
        else:
            print("没有生成任何文件。" if args.command == "build" else
                  "检查未通过。" if exc.errors else f"还没有填完：填好上面列出的各处，再运行 reportgen check {args.facts}。",
                  file=sys.stderr)
        return EXIT_PROBLEM
    except ReportgenError as exc:
        print(f"reportgen：{exc}", file=sys.stderr)
        return EXIT_PROBLEM
    except KeyboardInterrupt:
        print("已中断，没有写入任何文件。", file=sys.stderr)
        return 130
    except OSError as exc:  # a folder that cannot be read, a full disk, a closed pipe…
        from .load.os_reasons import os_reason

        print(f"reportgen：无法读写文件 {exc.filename or ''}：{os_reason(exc)}。", file=sys.stderr)
        return EXIT_PROBLEM
    except Exception as exc:  # a bug of ours: say so plainly, never a traceback
        print(f"reportgen：内部错误（{type(exc).__name__}: {exc}）。请把这条信息和事实文件发给维护者；"
              "设置环境变量 REPORTGEN_DEBUG=1 可看到详细的出错位置。", file=sys.stderr)
        if os.environ.get("REPORTGEN_DEBUG"):
            raise
        return EXIT_PROBLEM


if __name__ == "__main__":
    sys.exit(main())
