"""A district's roll-up: several agencies' national-format facts of one year → one facts file.

`rollup_folder(folder)` checks every facts file of a folder (not its subfolders) as `check` does,
keeps those of the national format (国办公开办函〔2021〕30号) of one year without errors, and adds
up every count of the three statutory tables (二、主动公开 including 现行有效件数 and the 万元 fees;
三、申请 every applicant column of every row; 四、复议诉讼 every outcome) and the 信息处理费. A file
of another year or format, with errors, or written by an earlier roll-up is named with the reason
and left out, never summed. `rollup_text` writes the sums as a facts file `build` accepts (totals
left out: `build` computes them); its text names the summed figures, so it never contradicts them.

Pure summing (`sum_tables`) has no I/O; the folder reading is `rollup_folder`. The file is written
as text, line by line (its comments and column layout are the point of it); ruamel.yaml would bring
nothing a fresh file needs, and writes YAML 1.2 (`yes`, `on` unquoted), which the PyYAML loader
reads as booleans.
"""

from __future__ import annotations

import datetime as _dt
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from ..errors import FactsError, ReportgenError, unfinished
from ..load.yaml_text import comment, is_one_line, quoted
from ..model.formats import national_tables as T

FORMAT = "national-2021"
MARKER = "# reportgen rollup"  # the first line of every roll-up file: never summed again


@dataclass
class LeftOut:
    source: Path
    reason: str


@dataclass
class Rollup:
    year: int
    sums: dict[str, Any]  # active_disclosure, applications, review_litigation, processing_fee
    agencies: list[tuple[Path, str]]  # (file, agency name) of each file summed, in name order
    left_out: list[LeftOut] = field(default_factory=list)
    signed: _dt.date | None = None  # the latest date signed among the agencies summed
    rulemaking_power: bool = False  # any agency summed has it
    backup: Path | None = None  # where `--force` kept the file it replaced
    backups: list[str] = field(default_factory=list)  # reportgen's dated backups in the folder, not summed


def _row_sum(rows: list[dict[str, Any]], columns: tuple[tuple[str, str], ...]) -> dict[str, int]:
    return {key: sum(int(r[key]) for r in rows) for key, _ in columns}


def sum_tables(datas: list[dict[str, Any]]) -> dict[str, Any]:
    """The cell-by-cell sum of validated national-format data (as `Facts.data`): the counts as typed
    (typed totals are left out: they are computed at build). Amounts are Decimals."""
    active: dict[str, Any] = {
        key: _row_sum([d["active_disclosure"][key] for d in datas], T.RULE_COLUMNS) for key, _ in T.RULE_ROWS
    }
    for key, _, _ in T.DECISION_ROWS:
        active[key] = sum(int(d["active_disclosure"][key]) for d in datas)
    fee_key = T.FEE_ROW[0]
    active[fee_key] = sum((Decimal(d["active_disclosure"][fee_key]) for d in datas), Decimal(0))

    def app_rows(path: str) -> list[dict[str, Any]]:
        out = []
        for d in datas:
            row: Any = d["applications"]
            for part in path.split("."):
                row = row[part]
            out.append(row)
        return out

    applications: dict[str, Any] = {}
    for r in (T.NEW, T.CARRIED_OVER, *T.RESULT_ROWS, T.CARRIED_FORWARD):
        summed = _row_sum(app_rows(r.key), T.APPLICANT_COLUMNS)
        group, _, item = r.key.rpartition(".")
        (applications.setdefault(group, {}) if group else applications)[item or r.key] = summed
    reviews = {key: _row_sum([d["review_litigation"][key] for d in datas], T.OUTCOME_COLUMNS)
               for key, _ in T.REVIEW_GROUPS}
    fee = sum((Decimal(d["processing_fee"]) for d in datas), Decimal(0))
    return {"active_disclosure": active, "applications": applications, "review_litigation": reviews,
            "processing_fee": fee}


def _first_error(exc: ReportgenError) -> str:
    if isinstance(exc, FactsError):
        errors = [p for p in exc.problems if p.is_error]
        if errors:
            # A mistake is said before a blank (a blank is not an error: errors.unfinished counts both).
            mistakes = [p for p in errors if not p.is_blank]
            if not mistakes:  # only blanks: 还有 179 处待填（第一处：第11行 机关简称）
                first = errors[0]
                name = first.place().partition("（第")[0] or first.path
                where = f"第{first.location.line}行 " if first.location.line else ""
                return f"{unfinished(exc.problems)}（第一处：{where}{name}）"
            first = mistakes[0]
            where = f"第{first.location.line}行：" if first.location.line else ""
            more = f"（{unfinished(exc.problems)}）" if len(errors) > 1 else ""
            # The reason is printed inside a sentence of its own (…：reason。): no full stop of its own.
            return f"有错误，{where}{first.message.splitlines()[0].rstrip('。')}{more}"
    return "有错误：" + (str(exc).strip().splitlines() or [""])[0].rstrip("。")


def _is_rollup(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.readline().strip() == MARKER.encode()
    except OSError:
        return False


def rollup_folder(folder: str | Path, year: int | None = None, *, exclude: Path | None = None) -> Rollup:
    """Check every facts file of `folder` and sum those of the national format of `year` (default:
    the year most of them have, the later on a tie). ReportgenError when none can be summed."""
    from ..checks.run import check
    from .folder import backups_note, facts_files
    from ..load.input_hints import txt_lookalikes, txt_lookalikes_note

    folder = Path(folder)
    if not folder.is_dir():
        raise ReportgenError(f"{folder}: 不是文件夹：请给出装有各机关事实文件（.yaml）的文件夹。")
    backups: list[str] = []
    files = facts_files(folder, backups)
    if not files:
        lookalikes = txt_lookalikes(folder)
        raise ReportgenError(f"{folder}: 文件夹里没有事实文件（.yaml）。"
                             + (txt_lookalikes_note(lookalikes, "汇总") if lookalikes else "")
                             + (backups_note(backups) if backups else ""))
    # Notepad's 名称.yaml.txt is not a facts file to a folder build: say so, never sum without it.
    left_out = [LeftOut(p, "名字以 .txt 结尾（记事本保存时加上的，Windows 默认隐藏扩展名）：请在资源管理器中把文件名末尾的"
                           " .txt 去掉，再汇总一次") for p in txt_lookalikes(folder)]
    loaded = []
    for source in files:
        if exclude is not None and source.resolve() == exclude.resolve():
            continue
        if _is_rollup(source):
            left_out.append(LeftOut(source, "是以前生成的汇总文件，不再重复计入"))
            continue
        try:
            facts = check(source)
        except ReportgenError as exc:
            left_out.append(LeftOut(source, _first_error(exc)))
            continue
        if facts.format.name != FORMAT:
            left_out.append(LeftOut(source, f"报告格式是 {facts.format.name}（{facts.format.label}），"
                                            f"不是全国统一格式 {FORMAT}，没有可汇总的表格"))
            continue
        loaded.append((source, facts))
    if not loaded:
        reasons = "；".join(f"{x.source.name}：{x.reason}" for x in left_out)
        raise ReportgenError(f"{folder}: 没有可以汇总的事实文件（{reasons}）。")
    if year is None:
        counts = Counter(f.year for _, f in loaded)
        year = max(counts, key=lambda y: (counts[y], y))
    chosen = []
    first_of: dict[str, Path] = {}  # agency name → the file summed for it
    for source, facts in loaded:
        if facts.year != year:
            left_out.append(LeftOut(source, f"是 {facts.year} 年度的，汇总的是 {year} 年度"))
        elif facts.agency_name in first_of:
            left_out.append(LeftOut(source, f"与 {first_of[facts.agency_name].name} 是同一机关（{facts.agency_name}）"
                                            f"{year} 年度的报告，不重复计入：文件夹里每个机关只留一份"))
        else:
            first_of[facts.agency_name] = source
            chosen.append((source, facts))
    if not chosen:
        raise ReportgenError(f"{folder}: 没有 {year} 年度的全国统一格式事实文件可以汇总。")
    left_out.sort(key=lambda x: x.source.name)
    datas = [f.data for _, f in chosen]
    signed = max((d["signed"] for d in datas if d.get("signed")), default=None)  # show_date: false has none
    return Rollup(year, sum_tables(datas), [(s, f.agency_name) for s, f in chosen], left_out,
                  signed, any(d.get("rulemaking_power") for d in datas), backups=backups)


# -- the facts file -----------------------------------------------------------------------------------

def _q(text: str) -> str:
    """A YAML double-quoted scalar on one line (load.yaml_text: every line break escaped)."""
    return quoted(text)


def _literal(text: str) -> str:
    """Text printed as typed in a report paragraph: braces doubled so they are not references."""
    return text.replace("{", "{{").replace("}", "}}")


def _list(row: dict[str, int], columns: tuple[tuple[str, str], ...]) -> str:
    return "[" + ", ".join(str(row[key]) for key, _ in columns) + "]"


def _amount(value: Decimal) -> str:
    return format(value, "f")


def rollup_text(rollup: Rollup, agency: str | None = None) -> str:
    """The roll-up as a national-format facts file (UTF-8 text) that `reportgen build` accepts."""
    names = [name for _, name in rollup.agencies]
    name = agency or f"汇总（{len(names)}个机关）"
    sums = rollup.sums
    lines = [
        MARKER,
        f"# {rollup.year}年度 {len(names)} 个机关的全国统一格式表格逐格相加（reportgen rollup 生成）。",
        "# 汇总了：" + comment("、".join(f"{n}（{s.name}）" for s, n in rollup.agencies)),
    ]
    if rollup.left_out:  # file names and reasons: never a line of their own (load.yaml_text.comment)
        lines.append("# 没有计入：" + comment("；".join(f"{x.source.name}：{x.reason}" for x in rollup.left_out)))
    lines += [
        "# 正文是程序写的概述，发布前请按本地区实际情况改写；表格的数字不要改，改了请重新汇总。",
        f"format: {FORMAT}",
        "agency:",
        f"  name: {_q(name)}",
        f"  short_name: {_q(name if agency else '各机关')}",
        f"  self_name: {_q(name if agency else '各机关')}",
        f"year: {rollup.year}",
        f"signed: {rollup.signed.isoformat() if rollup.signed else f'{rollup.year + 1}-01-20'}",
        f"rulemaking_power: {'true' if rollup.rulemaking_power else 'false'}",
        "",
        "overview:",
        "  intro:",
        "    - " + _q(f"本报告汇总了{{year}}年度{len(names)}个机关的政府信息公开工作情况：{_literal('、'.join(names))}。"),
        "  active:",
        "    - " + _q("全年制发行政规范性文件{active_disclosure.normative_documents.issued}件、废止"
                      "{active_disclosure.normative_documents.repealed}件，现行有效"
                      "{active_disclosure.normative_documents.in_force}件；作出行政许可决定{active_disclosure.licensing}件、"
                      "行政处罚决定{active_disclosure.penalty}件、行政强制决定{active_disclosure.enforcement}件。"),
        "  requests:",
        "    - " + _q("全年新收政府信息公开申请{applications.new.total}件，上年结转{applications.carried_over.total}件；"
                      "办结{applications.results_total.total}件，其中予以公开{applications.granted.total}件、"
                      "部分公开{applications.partially_granted.total}件；结转下年度继续办理"
                      "{applications.carried_forward.total}件。"),
        "  management:",
        "    - 各机关政府信息管理情况见各机关的年度报告。",
        "  platforms:",
        "    - 各机关政府信息公开平台建设情况见各机关的年度报告。",
        "  oversight:",
        "    - " + _q("全年因政府信息公开被申请行政复议{review_litigation.review.total}件，"
                      "未经复议直接起诉{review_litigation.direct_suit.total}件，"
                      "复议后起诉{review_litigation.suit_after_review.total}件。"),
        "    - 工作考核、社会评议和责任追究结果情况见各机关的年度报告。",  # 条例第五十条第（四）项 (OVERSIGHT)
        "",
        "active_disclosure:           # 二、主动公开政府信息情况（各机关之和）",
    ]
    active = sums["active_disclosure"]
    for key, label in T.RULE_ROWS:
        lines.append(f"  {key}:" + " " * max(1, 25 - len(key)) + f"# {label}")
        for col, col_label in T.RULE_COLUMNS:
            lines.append(f"    {col}: {active[key][col]}" + " " * max(1, 20 - len(col) - len(str(active[key][col])))
                         + f"# {col_label}")
    for key, label, _ in T.DECISION_ROWS:
        lines.append(f"  {key}: {active[key]}    # {label}")
    fee_key, fee_label, _ = T.FEE_ROW
    lines.append(f"  {fee_key}: {_amount(active[fee_key])}    # {fee_label}（万元）")
    lines += ["", "applications:                # 三、收到和处理政府信息公开申请情况（各机关之和；各行依次为"
              + "、".join(n for _, n in T.APPLICANT_COLUMNS) + "）"]
    apps = sums["applications"]
    for r in (T.NEW, T.CARRIED_OVER, T.GRANTED, T.PARTIAL):
        lines.append(f"  {r.key}: {_list(apps[r.key], T.APPLICANT_COLUMNS)}    # {r.label}")
    for group, group_label, items in T.GROUPS:
        lines.append(f"  {group}:    # {group_label}")
        for key, label in items:
            lines.append(f"    {key}: {_list(apps[group][key], T.APPLICANT_COLUMNS)}    # {label}")
    lines.append(f"  carried_forward: {_list(apps['carried_forward'], T.APPLICANT_COLUMNS)}    "
                 f"# {T.CARRIED_FORWARD.label}")
    lines += ["", "review_litigation:           # 四、政府信息公开行政复议、行政诉讼情况（各机关之和；依次为"
              + "、".join(n for _, n in T.OUTCOME_COLUMNS) + "）"]
    for key, label in T.REVIEW_GROUPS:
        lines.append(f"  {key}: {_list(sums['review_litigation'][key], T.OUTCOME_COLUMNS)}    # {label}")
    lines += [
        "",
        "problems:",
        "  - 各机关存在的主要问题及改进情况见各机关的年度报告。",
        "",
        "other_matters:",
        "  - " + _q("全年各机关共收取政府信息公开信息处理费{processing_fee}元。" if sums["processing_fee"]
                    else "本年度各机关均未收取信息处理费。"),  # 0 is said as none charged, not 收取……0元
        "",
        f"processing_fee: {_amount(sums['processing_fee'])}    # 信息处理费（元，各机关之和）",
        "",
    ]
    return "\n".join(lines)


def default_output(year: int) -> Path:
    """Where the roll-up of `year` is written when no -o is given: out/汇总-YEAR.yaml."""
    return Path("out") / f"汇总-{year}.yaml"


def write_rollup(folder: str | Path, output: str | Path | None = None, *, year: int | None = None,
                 agency: str | None = None, force: bool = False) -> tuple[Path, Rollup]:
    """Sum the folder (see `rollup_folder`) and write the facts file atomically. An output that is
    one of the facts files summed is refused before anything is read (OutputError; `force` does not
    lift it: publish.inputs); an existing file is kept (OutputError) unless `force`, which first
    keeps it as a dated backup (`Rollup.backup`). A second roll-up writing the same file at the same
    moment is refused."""
    from ..publish.inputs import claim_replace, refuse_inputs
    from ..publish.output import write_atomic
    from .folder import facts_files

    if agency is not None and (not agency.strip() or not is_one_line(agency)):
        raise ReportgenError(f"--agency “{comment(agency)}”：机关名称只能写一行文字，不能是空的，也不能有换行或控制字符："
                             "请改正后再汇总，例如 --agency 示例市示例区人民政府。")
    inputs = [(p, "一个机关的事实文件") for p in facts_files(Path(folder)) if not _is_rollup(p)] \
        if Path(folder).is_dir() else []
    if output:  # said before the folder is read
        refuse_inputs([output], inputs)
    rollup = rollup_folder(folder, year, exclude=Path(output) if output else None)
    out = Path(output) if output else default_output(rollup.year)
    refuse_inputs([out], inputs)
    refusal = ("文件已经存在，为免覆盖改写过的正文，没有写入。请用 -o 指定另一个文件名，"
               "或加 --force（先把它备份为带日期的副本，再覆盖）。")
    with claim_replace(out, command="汇总", force=force, refusal=refusal) as backup:
        write_atomic(out, rollup_text(rollup, agency).encode("utf-8"))
    rollup.backup = backup
    return out, rollup
