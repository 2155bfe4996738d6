"""Starting without the repository: `reportgen init` (a first facts file, asking 机关全称 and 年度 in a
terminal), `reportgen examples` (the shipped examples copied out), and `check FOLDER` on a folder
of facts files. Messages and exit codes only; the work is in reportgen.api, reportgen.authoring
and reportgen.batch.check_facts."""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable
from pathlib import Path

from . import api

EXIT_OK, EXIT_PROBLEM, EXIT_USAGE = 0, 1, 2
_TRIES = 3  # a year typed wrong this many times: the default is taken, and said


def add_parsers(sub) -> None:  # type: ignore[no-untyped-def]
    """Add the commands `init` and `examples` to cli's subparsers `sub` (their help in Chinese)."""
    init = sub.add_parser("init", help="新建一个事实文件（全国统一格式），各项留空待填",
                          description="新建一个全国统一格式的事实文件：各项数字和文字留空待填，旁边注释写着名称和例子。"
                                      "在命令行窗口中运行时会问机关全称和年度；文件名默认为“机关全称-年度.yaml”"
                                      "（不知道机关全称时为“事实文件-年度.yaml”）。")
    init.add_argument("file", nargs="?", metavar="FILE.yaml", help="要写的事实文件（默认：机关全称-年度.yaml）")
    init.add_argument("--agency", metavar="机关全称", help="机关全称，例如 示例市示例局（给出后不再问）")
    init.add_argument("--year", metavar="YYYY", help="报告年度，2021 年度起（全国统一格式所用的年度；默认：上一个日历年；给出后不再问）")
    init.add_argument("--force", action="store_true", help="文件已存在时先备份为带日期的副本再写（默认拒绝覆盖）")

    examples = sub.add_parser("examples", help="把自带的示例事实文件复制到一个文件夹",
                              description="把 reportgen 自带的示例事实文件（两个年度的示例局、一个按多数机关写法的示例县局）"
                                          "和本地规则文件示例复制到一个文件夹，不会覆盖已有的文件。")
    examples.add_argument("folder", nargs="?", metavar="FOLDER", help="复制到哪个文件夹（默认：示例）")


def run_start(args: argparse.Namespace) -> int:
    """Run `init`, `examples` or `check FOLDER` (cli.main catches what they raise)."""
    return {"init": run_init, "examples": run_examples, "check": run_check_folder}[args.command](args)


def _interactive() -> bool:
    """Whether a person is at the keyboard (stdin and stdout terminals): only then are questions asked."""
    return all(getattr(stream, "isatty", lambda: False)() for stream in (sys.stdin, sys.stdout))


def ask_details(agency: str | None, year: int | None,
                ask: Callable[[str], str] | None = None) -> tuple[str | None, int]:
    """Ask what the options did not give, through `ask` (input): 机关全称 (Enter: left blank in the
    file) and 年度 (Enter: the last calendar year; asked again when not a year, or a year before the
    national format of 2021, authoring.init_file.year_refusal)."""
    from .authoring.init_file import last_year, parse_year, year_refusal
    from .model.deadlines import FIRST_YEAR_2021_FORMAT

    ask = _answers(ask or input)
    if agency is None:
        typed = ask("机关全称（例如 示例市示例局；直接回车则留空，以后在文件里填写）：").strip()
        agency = typed or None
    if year is None:
        default = last_year()
        for _ in range(_TRIES):
            typed = ask(f"报告年度（直接回车为 {default}）：").strip()
            if not typed:
                year = default
                break
            year = parse_year(typed)
            refusal = year_refusal(year) if year is not None else None
            if year is not None and refusal is None:
                break
            print(f"{refusal}。要写的是 {FIRST_YEAR_2021_FORMAT} 年度以后的报告时，请重新输入年度，例如 {default}。"
                  if refusal else f"“{typed}”不是年度：请输入 {FIRST_YEAR_2021_FORMAT} 至 2100 之间的年份，例如 {default}。",
                  file=sys.stderr)
        else:
            year = default
            print(f"用 {default} 年度；可以在文件的 year: 一行改。", file=sys.stderr)
    return agency, year


def _answers(ask: Callable[[str], str]) -> Callable[[str], str]:
    """`ask`, with the end of input (Ctrl-D, Ctrl-Z) taken as the interruption it is (cli.main says
    已中断 and exits 130, nothing written)."""
    def asked(prompt: str) -> str:
        for _ in range(_TRIES):
            try:
                readable = typed_text(ask(prompt))
            except EOFError:
                print(file=sys.stderr)
                raise KeyboardInterrupt from None
            except UnicodeDecodeError as exc:  # a terminal read strictly: the bytes are in the error
                readable = _decoded(bytes(exc.object).rstrip(b"\r\n"))
            if readable is not None:
                return readable
            print("没有读懂刚才输入的文字（命令行窗口的编码既不是 UTF-8 也不是 GBK）：请重新输入；"
                  "仍不行时直接回车留空，以后在文件里填写。", file=sys.stderr)
        return ""
    return asked


def typed_text(typed: str) -> str | None:
    """What a terminal typed, read right whatever its encoding: Python decodes the bytes with the
    locale's encoding (UTF-8) and keeps bytes it cannot decode as surrogates (surrogateescape), so
    a GBK terminal's 示例局 arrives as surrogates that no file can hold (or, read strictly, as a
    UnicodeDecodeError, which `_answers` catches). Those bytes are decoded again as UTF-8, then
    GB18030 (a superset of GBK and GB2312); None when neither reads them."""
    if not any("\udc80" <= c <= "\udcff" for c in typed):
        return typed
    encoding = getattr(sys.stdin, "encoding", None) or "utf-8"
    try:
        raw = typed.encode(encoding, "surrogateescape")
    except (UnicodeEncodeError, LookupError):
        return None
    return _decoded(raw)


def _decoded(raw: bytes) -> str | None:
    """`raw` read as UTF-8, else as GB18030 (GBK's superset); None when neither reads it."""
    for codec in ("utf-8", "gb18030"):
        try:
            return raw.decode(codec)
        except UnicodeDecodeError:
            continue
    return None


def run_init(args: argparse.Namespace) -> int:
    """`reportgen init [FILE]`: write a first facts file (api.init_facts). In a terminal, asks for the
    agency's full name and the year the options did not give; otherwise asks nothing (the name left
    blank, the year the last calendar year). Returns 0, or 2 for a year out of range or before
    the national format of 2021."""
    from .authoring.init_file import last_year, parse_year, year_refusal
    from .model.deadlines import FIRST_YEAR_2021_FORMAT

    year = None
    if args.year is not None:
        year = parse_year(args.year)
        if year is None:
            print(f"reportgen：用法错误：--year {args.year} 不是年度：请写 {FIRST_YEAR_2021_FORMAT} 至 2100 之间的年份，"
                  f"例如 --year {last_year()}。", file=sys.stderr)
            return EXIT_USAGE
        refusal = year_refusal(year)
        if refusal:
            print(f"reportgen：用法错误：--year {args.year}：{refusal}。", file=sys.stderr)
            return EXIT_USAGE
    agency = args.agency.strip() if args.agency and args.agency.strip() else None
    if agency is not None and typed_text(agency) is None:
        print("reportgen：用法错误：--agency 的机关全称读不懂（命令行窗口的编码既不是 UTF-8 也不是 GBK）："
              "请去掉 --agency 后在提问时输入，或以后在文件的 name: 一行填写。", file=sys.stderr)
        return EXIT_USAGE
    agency = typed_text(agency) if agency else None
    if _interactive():
        agency, year = ask_details(agency, year)
    if agency and any(ord(c) < 32 or c == "\x7f" for c in agency):
        print("reportgen：用法错误：机关全称里有换行或控制字符：请只写名称，例如 示例市示例局。", file=sys.stderr)
        return EXIT_USAGE
    year = year or last_year()
    named = args.file is not None and not Path(args.file).is_dir()
    try:
        out, backup = api.init_facts(args.file, agency=agency, year=year, force=args.force)
    except OSError as exc:
        if named or not _too_long(exc):
            raise
        # the clerk gave no file name: the one made of the agency's name is too long for the system
        print(f"reportgen：没有给出文件名时用机关全称作文件名，但机关全称有 {len(agency or '')} 个字，文件名太长，"
              f"系统无法写入，没有写任何文件：请在 init 后面给出一个短些的文件名再运行，"
              f"例如 reportgen init {shell_arg(f'事实文件-{year}.yaml')}，机关全称照旧用 --agency 给出或在提问时输入。", file=sys.stderr)
        return EXIT_PROBLEM
    if backup is not None:
        print(f"原文件已备份为 {backup}")
    blank = "" if agency else "（机关全称也留空了，请一并填写）"
    print(f"已生成 {out}：请用记事本等编辑器打开，在每个空着的地方填写数字（没有就填 0）和文字，"
          f"注释里是各项的名称和例子{blank}；然后运行 reportgen check {shell_arg(str(out))}")
    return EXIT_OK


def _too_long(exc: OSError) -> bool:
    """Whether `exc` says a file name or path is too long (ENAMETOOLONG; Windows' error 206)."""
    import errno

    return exc.errno == errno.ENAMETOOLONG or getattr(exc, "winerror", None) == 206


# Characters a command line reads as they are in cmd, PowerShell and sh alike.
_PLAIN = re.compile(r"[\w.\-/\\:]+")


def shell_arg(text: str) -> str:
    """`text` as one argument of a command the clerk copies: as it is when plain, else in double
    quotes, which cmd, PowerShell and sh all read as one argument keeping spaces, & and # (a name
    cannot hold a double quote: authoring.init_file drops it)."""
    return text if _PLAIN.fullmatch(text) else f'"{text}"'


def run_examples(args: argparse.Namespace) -> int:
    """`reportgen examples [FOLDER]`: copy the example facts files into FOLDER (default 示例)."""
    from .authoring.examples import DEFAULT_FOLDER, copy_examples

    folder = Path(args.folder or DEFAULT_FOLDER)
    written = copy_examples(folder)
    names = "、".join(str(p.relative_to(folder)) for p in written)
    first = folder / "example-2025.yaml"
    print(f"已把 {len(written)} 个示例文件复制到 {folder}：{names}。试一下：reportgen build {shell_arg(str(first))}")
    return EXIT_OK


def _facts_names(folder: Path) -> list[str]:
    """The facts files of `folder`; reportgen's own dated backups left out, and said (stderr)."""
    from .batch.folder import backups_note, facts_names

    backups: list[str] = []
    names = facts_names(folder, backups=backups)
    if backups:
        print(f"提示：{backups_note(backups)}", file=sys.stderr)
    return names


def run_check_folder(args: argparse.Namespace) -> int:
    """`reportgen check FOLDER`: facts files (.yaml .yml) are checked one by one with a summary
    line; published reports go to the folder review (cli_published.run_check); a folder with both
    has both checked, facts files first, and says so. Returns 1 when any file fails, 2 for an
    option that does not fit a folder of facts files."""
    from .cli_published import run_check
    from .importer.review import report_files

    from .load.input_hints import txt_lookalikes, txt_lookalikes_note

    folder = Path(args.facts)
    facts, reports = _facts_names(folder), report_files(folder)
    lookalikes = txt_lookalikes(folder)
    if lookalikes:  # 名称.yaml.txt: Notepad's, never read in silence
        print(txt_lookalikes_note(lookalikes, "检查"), file=sys.stderr)
    if not facts:
        if reports:
            return run_check(args)
        from .batch.folder import skipped_subfolders

        inside = skipped_subfolders(folder)
        where = (f"子文件夹 {'、'.join(p.name + '/' for p in inside)} 里有事实文件，但检查文件夹只处理所给文件夹本层的文件："
                 "请对子文件夹分别运行 reportgen check。" if inside else "请给出装有事实文件或已发布报告的文件夹。")
        print(f"reportgen：文件夹 {folder} 中没有报告文件（.docx .doc .wps .html .pdf），也没有事实文件（.yaml .yml）："
              + where, file=sys.stderr)
        return EXIT_PROBLEM
    if reports and args.rules:
        print(f"reportgen：用法错误：文件夹 {folder} 里既有事实文件又有报告，检查这样的文件夹时不能用 --rules："
              "请把两类文件分放在两个文件夹里，或逐份检查。", file=sys.stderr)
        return EXIT_USAGE
    if not reports:
        for option, value in (("--previous", args.previous), ("-o", args.output)):
            if value:
                why = ("每份事实文件旁边的上一年度文件（文件名中的年份减一）会自动用来比较" if option == "--previous"
                       else "检查事实文件不写汇总表")
                print(f"reportgen：用法错误：检查事实文件的文件夹时不用 {option}：{why}。", file=sys.stderr)
                return EXIT_USAGE
    if reports:
        print(f"文件夹 {folder} 里既有事实文件（{len(facts)} 份）又有已发布的报告（{len(reports)} 份）：两类都检查，"
              "先检查事实文件，再检查报告。", file=sys.stderr)
    done = _check_facts(folder, args)
    if not reports:
        return EXIT_PROBLEM if done else EXIT_OK
    return max(EXIT_PROBLEM if done else EXIT_OK, run_check(args))


def _check_facts(folder: Path, args: argparse.Namespace) -> bool:
    """Check and print each facts file of `folder`, then the summary line; True when one failed."""
    from .batch.check_facts import blanks_line, check_facts_folder, shared_notes
    from .errors import summary

    def said(outcome) -> None:  # type: ignore[no-untyped-def]
        if outcome.skipped:
            print(f"{outcome.source}: {outcome.skipped}", file=sys.stderr)
            return
        if outcome.failure:
            print(outcome.failure, file=sys.stderr)
        for problem in outcome.problems:  # errors and warnings in full
            if not problem.is_blank:
                print(problem.format(), file=sys.stderr)
        kind = outcome.kind(args.strict)
        if any(p.is_blank for p in outcome.problems):  # one line (`check FILE` lists each blank)
            print(blanks_line(outcome), file=sys.stderr)
            if kind == "blanks":
                return
        verdict = "检查通过" if kind == "passed" else "检查未通过"
        counted = "无法读取（见上）" if outcome.failure else summary(outcome.problems)
        print(f"{outcome.source}: {verdict}：{counted}", file=sys.stderr)

    done = check_facts_folder(folder, rules=args.rules, strict=args.strict, each=said)
    for line in shared_notes(done.outcomes):  # each note once, before the summary
        print(line, file=sys.stderr)
    sys.stderr.flush()
    print(done.summary())
    return done.failed
