"""The `import` command and `check` on published reports: messages and exit codes (the logic is
in reportgen.api and in importer/'s recognize and review). It stands at the top, beside cli.py,
because it calls api, which nothing under importer/ may import."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import api
from .errors import blank_lines, summary

EXIT_OK, EXIT_PROBLEM = 0, 1


def run_import(args: argparse.Namespace) -> int:
    """`reportgen import REPORT`: write the facts file (api.import_report), print the import's errors,
    notes and the check's findings on stderr, and what to look at next. Returns 1 when the import
    could not read something (a table not found: left blank), else 0; the errors it raises (an
    unreadable report or a scan, an existing output) are printed by cli.main."""
    result = api.import_report(args.report, args.output, ocr=args.ocr)
    for error in result.errors:
        print(f"{args.report}: 导入错误：{error}", file=sys.stderr)
    for warning in result.warnings:
        print(f"{args.report}: 导入提示：{warning}", file=sys.stderr)
    blanks = [p for p in result.problems if p.is_blank]  # a table not read: its cells left to fill, listed apart
    if blanks:
        print("\n".join(blank_lines(blanks, f"{result.output}: 还有 {len(blanks)} 处待填")), file=sys.stderr)
    for problem in result.problems:
        if not problem.is_blank:
            print(problem.format(), file=sys.stderr)
    errors = f"{len(result.errors)} 个导入错误、" if result.errors else ""
    unsure = "和文件末尾 unsure: 下列出的数" if any(p.code == "UNSURE" for p in result.problems) else ""
    look = f"请核对文件中以“# 导入：”标出的地方{unsure}" if result.warnings or result.errors or unsure \
        else "请对照原报告核对一遍"
    print(f"已生成 {result.output}（{errors}{len(result.warnings)} 条导入提示）；检查结果：{summary(result.problems)}。"
          f"{look}；要写下一年度的报告，运行 reportgen new {result.output}")
    return EXIT_PROBLEM if result.errors else EXIT_OK


def run_check(args: argparse.Namespace) -> int:
    """`reportgen check` on a published report or a folder of them: print every finding with its kind,
    and for a folder the roll-up CSV (default out/检查汇总.csv) with the review page 审阅.html and its
    workbook beside it (--previous: last year's folder, for the jumps). Returns 1 when a report has an
    error (with --strict, a warning too) or the folder holds no report, 2 for --previous on one report
    or a --previous that is no folder, else 0. A report with an unsure reading or a scan never reads
    检查通过 alone."""
    path = Path(args.facts)
    if args.previous and not path.is_dir():
        print("reportgen：用法错误：检查一份已发布的报告时不能用 --previous（检查一个文件夹时，--previous 给上年报告的文件夹）。",
              file=sys.stderr)
        return 2
    if args.previous and not Path(args.previous).is_dir():
        print(f"reportgen：用法错误：--previous {args.previous} 不是文件夹：检查文件夹时，--previous 给上年报告所在的文件夹。",
              file=sys.stderr)
        return 2
    if path.is_dir() and args.rules:
        print("reportgen：用法错误：检查文件夹时暂不能用 --rules：请逐份检查（reportgen check 报告 --rules 规则.yaml）。",
              file=sys.stderr)
        return 2
    if path.is_dir():
        from .importer.review import report_files

        if not report_files(path):
            print(f"reportgen：文件夹 {path} 中没有报告文件（.docx .doc .wps .html .pdf）。检查事实文件请逐个运行 "
                  "reportgen check FACTS.yaml。", file=sys.stderr)
            return EXIT_PROBLEM
        out = Path(args.output) if args.output else Path("out") / "检查汇总.csv"
        def said(check) -> None:  # type: ignore[no-untyped-def]  # each report's findings as it is checked
            for finding in check.findings:
                print(finding.format(check.source.name), file=sys.stderr)

        done = api.check_reports(path, out, ocr=args.ocr, each=said, previous=args.previous)
        doubt = f"，{done.unsure} 份有读取没有把握的数（请对照原报告核对）" if done.unsure else ""
        scanned = f"，{done.scans} 份是扫描件或有图片页（见汇总表“结果”列）" if done.scans else ""
        print(f"已检查 {done.checked} 份报告：{done.with_errors} 份有错误，{done.warned} 份只有警告，{done.passed} 份通过{doubt}{scanned}；"
              f"汇总表：{out}；审阅页面：{done.page}（表格：{done.workbook}）")
        others = [name for name in done.others if Path(name).suffix.lower() not in (".yaml", ".yml")]  # checked as facts
        if done.subfolders or others:
            print(f"没有检查：{_named('子文件夹', done.subfolders)}{'，' if done.subfolders and others else ''}"
                  f"{_named('不是报告的文件', others)}（只检查这个文件夹里的 .docx .doc .wps .html .pdf；"
                  "子文件夹里的报告请另外检查）。", file=sys.stderr)
        return EXIT_PROBLEM if done.with_errors or (args.strict and done.warned) else EXIT_OK
    from .load.entries import not_regular

    odd = not_regular(path)  # a named pipe is never opened: reading it would wait forever
    if odd or not path.is_file():
        print(f"reportgen：{path}: 这个文件{odd}。" if odd else f"reportgen：找不到文件 {path}。", file=sys.stderr)
        return EXIT_PROBLEM
    if args.rules:  # the rules file's own mistakes first, each at its line and column
        from .errors import FactsError
        from .model.local_rules import read_rules

        problems = read_rules(args.rules)[1]
        if any(p.is_error for p in problems):
            print(FactsError(problems), file=sys.stderr)
            print(f"规则文件 {args.rules} 有错误，没有检查 {path}：请先改正。", file=sys.stderr)
            return EXIT_PROBLEM
    check = api.check_report(path, ocr=args.ocr, rules=args.rules)
    for finding in check.findings:
        print(finding.format(path.name), file=sys.stderr)
    errors, warnings = len(check.errors), len(check.warnings)
    failed = errors or (args.strict and warnings)
    unsure = len(check.of_kind("unsure"))
    outcome = "检查未通过" if failed else ("读取没有把握，待核对" if unsure else "检查通过")
    if check.scan:  # a scan never 检查通过 without being named
        outcome = check.scan if check.imported is None and not failed else f"{check.scan}；{outcome}"
    doubt = f"（其中 {unsure} 处读取没有把握：请对照原报告核对）" if unsure else ""
    print(f"{path}: {outcome}：{errors} 个错误，{warnings} 个警告{doubt}")
    return EXIT_PROBLEM if failed else EXIT_OK


def _named(what: str, names: list[str]) -> str:
    """子文件夹 3 个（2023、2024、旧）: the count and the first five names."""
    if not names:
        return ""
    shown = "、".join(names[:5]) + ("等" if len(names) > 5 else "")
    return f"{what} {len(names)} 个（{shown}）"
