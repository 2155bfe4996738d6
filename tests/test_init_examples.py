"""Starting without the repository (issue 22, item 1): `reportgen init` writes a facts file of blanks
that loads with blanks only and, filled, checks and builds; `reportgen examples` copies the shipped
examples; a misspelt command or option is named with the closest one; `check FOLDER` checks a folder
of facts files (and a folder holding facts files and reports, both)."""

from __future__ import annotations

import datetime as _dt
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from conftest import DATA, FIXTURES
from init_fill import fill

from reportgen import FactsError, check
from reportgen.cli import main

BLANK_LINE = re.compile(r"^ *(?:[a-z_]+:|-)[ \t]*(?:#.*)?$")


def _problems(path: Path) -> list:
    with pytest.raises(FactsError) as exc:
        check(path)
    return exc.value.problems


def _run(capsys, argv: list[str]) -> tuple[int, str, str]:
    try:
        code = main(argv)
    except SystemExit as exc:  # argparse's usage errors
        code = exc.code
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _docx_text(path: Path) -> str:
    xml = zipfile.ZipFile(path).read("word/document.xml").decode("utf-8")
    return "".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", xml))


# -- init --------------------------------------------------------------------------------------------

def test_init_writes_blanks_only_and_says_where_it_wrote(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    code, out, err = _run(capsys, ["init", "--agency", "示例市测试局", "--year", "2025"])
    assert code == 0 and err == ""
    path = tmp_path / "示例市测试局-2025.yaml"
    assert out == (f"已生成 {path.name}：请用记事本等编辑器打开，在每个空着的地方填写数字（没有就填 0）和文字，"
                   f"注释里是各项的名称和例子；然后运行 reportgen check {path.name}\n")
    assert (tmp_path / "reportgen.schema.json").is_file()  # the file's first line points editors at it
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=./reportgen.schema.json\n")
    assert re.search(r'^  name: "示例市测试局"$', text, re.M) and re.search(r"^year: 2025 ", text, re.M)
    problems = _problems(path)
    assert {p.code for p in problems} == {"empty"}
    assert all("还没有填写" in p.message for p in problems)
    # one problem per blank line of the text (the value empty, only a comment after it), none elsewhere
    blank_lines = {i + 1 for i, line in enumerate(text.split("\n")) if BLANK_LINE.match(line)
                   and not _is_parent(text.split("\n"), i)}
    assert {p.location.line for p in problems} == blank_lines
    # two names and the date, 9 paragraphs (前言, 6 of 一、, 五、, 六、), table 二's 10 values, 三's 24 rows × 6,
    # 四's 3 rows × 4, the processing fee
    assert len(problems) == 3 + 9 + 10 + 24 * 6 + 3 * 4 + 1 == 179


def _is_parent(lines: list[str], i: int) -> bool:
    indent = len(lines[i]) - len(lines[i].lstrip(" "))
    below = next((line for line in lines[i + 1:] if line.strip() and not line.lstrip().startswith("#")), "")
    return len(below) - len(below.lstrip(" ")) > indent


def test_init_leaves_blank_every_count_new_leaves_blank(tmp_path, capsys):
    """The same convention as `new`: every count `new` leaves for the clerk is a blank in `init`'s file."""
    shutil.copy(DATA / "example-2025.yaml", tmp_path / "x-2025.yaml")
    assert main(["new", str(tmp_path / "x-2025.yaml")]) == 0
    assert main(["init", str(tmp_path / "first.yaml"), "--agency", "示例市测试局", "--year", "2026"]) == 0
    capsys.readouterr()
    blanks_new = {p.path for p in _problems(tmp_path / "x-2026.yaml") if p.code == "empty"}
    blanks_init = {p.path for p in _problems(tmp_path / "first.yaml")}
    tables = {p for p in blanks_new if p.split(".")[0] in ("active_disclosure", "applications", "review_litigation")}
    assert len(tables) == 10 + 24 * 6 + 3 * 4 - 6  # all but 上年结转, which `new` fills in from last year
    assert tables <= blanks_init
    assert "processing_fee" in blanks_init and "processing_fee" in blanks_new


def test_init_filled_checks_and_builds_with_the_agency_and_figures(tmp_path, capsys):
    path = tmp_path / "r-2025.yaml"
    assert main(["init", str(path), "--year", "2025"]) == 0  # no --agency: the name is a blank too
    assert fill(path) == 180
    code, out, err = _run(capsys, ["check", str(path)])
    assert code == 0 and "检查通过：0 个错误" in out, err
    assert main(["build", str(path), "-o", str(tmp_path / "r.docx")]) == 0
    text = _docx_text(tmp_path / "r.docx")
    assert "示例市测试局2025年度政府信息公开工作年度报告" in text
    # the counts typed in by the filler, through the computed totals into the text
    assert "全年新收政府信息公开申请5件，予以公开3件，结转下年度继续办理2件。" in text
    assert "全年作出行政许可决定12件，现行有效行政规范性文件7件。" in text


def test_init_refuses_an_existing_file_and_force_keeps_a_backup(tmp_path, capsys):
    path = tmp_path / "mine-2025.yaml"
    path.write_text("# 已经填了一半\n", encoding="utf-8")
    code, out, err = _run(capsys, ["init", str(path)])
    assert code == 1 and out == ""
    assert err == (f"reportgen：{path}: 文件已经存在，为免覆盖已填写的内容，没有写入。请另给一个文件名，"
                   "或加 --force（先把原文件备份为带日期的副本再写）。\n")
    assert path.read_text(encoding="utf-8") == "# 已经填了一半\n"
    code, out, err = _run(capsys, ["init", str(path), "--force"])
    assert code == 0
    backups = [p for p in tmp_path.iterdir() if p.name.startswith("mine-2025.备份-")]
    assert len(backups) == 1 and backups[0].read_text(encoding="utf-8") == "# 已经填了一半\n"
    assert out.startswith(f"原文件已备份为 {backups[0]}\n已生成 {path}")
    assert "format: national-2021" in path.read_text(encoding="utf-8")


def test_init_without_a_terminal_asks_nothing_and_takes_last_year(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("builtins.input", lambda prompt="": pytest.fail("asked in a pipe: " + prompt))
    code, out, _ = _run(capsys, ["init"])
    year = _dt.date.today().year - 1
    assert code == 0 and f"已生成 事实文件-{year}.yaml" in out and "机关全称也留空了" in out
    assert f"\nyear: {year} " in (tmp_path / f"事实文件-{year}.yaml").read_text(encoding="utf-8")


def test_init_in_a_terminal_asks_the_name_and_the_year(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("reportgen.cli_start._interactive", lambda: True)
    answers = iter(["  示例县测试局 ", "去年", "２０２４年"])  # a wrong year is asked again; full-width digits are read
    prompts: list[str] = []
    monkeypatch.setattr("builtins.input", lambda prompt="": prompts.append(prompt) or next(answers))
    code, out, err = _run(capsys, ["init"])
    assert code == 0
    assert prompts[0].startswith("机关全称") and prompts[1].startswith("报告年度（直接回车为") and len(prompts) == 3
    assert "“去年”不是年度：请输入 2021 至 2100 之间的年份" in err
    text = (tmp_path / "示例县测试局-2024.yaml").read_text(encoding="utf-8")
    assert '  name: "示例县测试局"' in text and "\nyear: 2024 " in text


def test_init_asks_only_what_the_options_left_out(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("reportgen.cli_start._interactive", lambda: True)
    prompts: list[str] = []
    monkeypatch.setattr("builtins.input", lambda prompt="": prompts.append(prompt) or "")
    assert main(["init", "--agency", "示例市测试局"]) == 0
    year = _dt.date.today().year - 1  # Enter: the default
    assert len(prompts) == 1 and prompts[0].startswith("报告年度")
    assert (tmp_path / f"示例市测试局-{year}.yaml").is_file()


def test_init_stopped_at_a_question_writes_nothing(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("reportgen.cli_start._interactive", lambda: True)

    def end_of_input(prompt=""):
        raise EOFError

    monkeypatch.setattr("builtins.input", end_of_input)
    code, _, err = _run(capsys, ["init"])
    assert code == 130 and "已中断，没有写入任何文件。" in err and "内部错误" not in err
    assert list(tmp_path.iterdir()) == []


def test_init_into_a_folder_writes_the_default_name_there(tmp_path, capsys):
    assert main(["init", str(tmp_path), "--agency", "示例市测试局", "--year", "2025"]) == 0
    assert (tmp_path / "示例市测试局-2025.yaml").is_file()
    assert main(["init", "--agency", "示例\n局", "--year", "2025", str(tmp_path / "x.yaml")]) == 2
    assert "机关全称里有换行或控制字符" in capsys.readouterr().err and not (tmp_path / "x.yaml").exists()


def test_the_default_name_drops_what_a_windows_file_name_cannot_hold():
    from reportgen.authoring.init_file import default_name

    assert default_name("示例市/示例局:办公室", 2025) == "示例市示例局办公室-2025.yaml"
    assert default_name(None, 2025) == default_name(" ", 2025) == "事实文件-2025.yaml"


def test_init_refuses_a_year_out_of_range(tmp_path, capsys):
    code, out, err = _run(capsys, ["init", str(tmp_path / "x.yaml"), "--year", "25"])
    assert code == 2 and "--year 25 不是年度：请写 2021 至 2100 之间的年份" in err
    assert not (tmp_path / "x.yaml").exists()


@pytest.mark.parametrize(("year", "said"), [
    ("1990", "1990 年还没有政府信息公开工作年度报告（《政府信息公开条例》2008年5月1日起施行"),
    ("2005", "2005 年还没有政府信息公开工作年度报告"),
    ("2008", "2008 年度的报告不用全国统一格式（2021 年度起使用），而用2008年条例时期的叙述式年度报告（format: narrative-2011）"),
    ("2019", "2019 年度的报告不用全国统一格式（2021 年度起使用），而用2019年试行的统一格式（国办公开办函〔2019〕60号）"),
    ("2020", "2020 年度的报告不用全国统一格式（2021 年度起使用），而用2019年试行的统一格式"),
])
def test_init_refuses_a_year_its_format_does_not_apply_to(tmp_path, capsys, year, said):
    """init writes the national format of 国办公开办函〔2021〕30号, used from the 2021 reports on
    (statutory-format.md §2); review of issue 22: --year 1990 wrote such a file, which check then
    called the wrong FORMAT."""
    code, out, err = _run(capsys, ["init", str(tmp_path / "x.yaml"), "--year", year])
    assert code == 2 and said in err and "reportgen init 只写 2021 年度起的事实文件" in err, err
    assert not (tmp_path / "x.yaml").exists()


def test_init_takes_2021_the_first_year_of_its_format(tmp_path, capsys):
    assert main(["init", str(tmp_path / "x.yaml"), "--year", "2021", "--agency", "示例市测试局"]) == 0
    assert "\nyear: 2021 " in (tmp_path / "x.yaml").read_text(encoding="utf-8")


def test_init_in_a_terminal_asks_again_for_a_year_before_the_format(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("reportgen.cli_start._interactive", lambda: True)
    answers = iter(["示例县测试局", "2019", "2023"])
    monkeypatch.setattr("builtins.input", lambda prompt="": next(answers))
    code, _, err = _run(capsys, ["init"])
    assert code == 0 and "2019 年度的报告不用全国统一格式" in err and "请重新输入年度" in err
    assert (tmp_path / "示例县测试局-2023.yaml").is_file()


def test_init_with_a_name_too_long_for_a_file_asks_for_a_file_name(tmp_path, monkeypatch, capsys):
    """No FILE and a 300-character agency name: the default file name (the name itself) is too
    long for the system; the clerk gave no file name, so the message asks for one."""
    monkeypatch.chdir(tmp_path)
    code, out, err = _run(capsys, ["init", "--agency", "示" * 299 + "局", "--year", "2025"])
    assert code == 1 and "机关全称有 300 个字，文件名太长" in err
    assert "请在 init 后面给出一个短些的文件名再运行，例如 reportgen init 事实文件-2025.yaml" in err
    assert "内部错误" not in err and list(tmp_path.iterdir()) == []
    assert main(["init", "事实文件-2025.yaml", "--agency", "示" * 299 + "局", "--year", "2025"]) == 0


def test_init_quotes_a_file_name_the_shells_would_split(tmp_path, monkeypatch, capsys):
    """The follow-up command is copied into cmd, PowerShell or sh: a name with a space, & or # is
    in double quotes (one argument in all three); a plain one is left as it is."""
    monkeypatch.chdir(tmp_path)
    code, out, _ = _run(capsys, ["init", "--agency", "示例 A&B #局", "--year", "2025"])
    assert code == 0 and out.rstrip().endswith('然后运行 reportgen check "示例 A&B #局-2025.yaml"')
    import subprocess

    argument = out.rstrip().split("reportgen check ", 1)[1]
    said = subprocess.run(["sh", "-c", f"printf '%s|' {argument}"], capture_output=True, text=True, check=True)
    assert said.stdout == "示例 A&B #局-2025.yaml|"  # one argument, as sh reads it
    code, out, _ = _run(capsys, ["init", "--agency", "示例局", "--year", "2025"])
    assert code == 0 and out.rstrip().endswith("然后运行 reportgen check 示例局-2025.yaml")


def test_a_file_from_init_makes_next_year_with_new(tmp_path, capsys):
    """The default name ends with the year, so `new` names next year's file and `check` finds last year's."""
    path = tmp_path / "示例市测试局-2025.yaml"
    assert main(["init", str(path), "--agency", "示例市测试局", "--year", "2025"]) == 0
    fill(path)
    assert main(["new", str(path)]) == 0
    assert (tmp_path / "示例市测试局-2026.yaml").is_file()


# -- examples ------------------------------------------------------------------------------------------

def test_examples_copies_the_shipped_files_and_never_overwrites(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    code, out, err = _run(capsys, ["examples"])
    assert code == 0 and err == ""
    names = ["example-2024.yaml", "example-2025.yaml", "example-office-2025.yaml", "rules/local-rules-example.yaml"]
    for name in names:
        assert (tmp_path / "示例" / name).read_bytes() == (DATA / name).read_bytes()
    assert out.startswith("已把 4 个示例文件复制到 示例：") and "reportgen build 示例/example-2025.yaml" in out
    (tmp_path / "示例" / "example-2025.yaml").write_text("# 改过\n", encoding="utf-8")
    code, out, err = _run(capsys, ["examples"])
    assert code == 1 and "文件已经存在，为免覆盖改过的内容，什么也没有写" in err
    assert (tmp_path / "示例" / "example-2025.yaml").read_text(encoding="utf-8") == "# 改过\n"
    code, out, _ = _run(capsys, ["examples", "别处"])
    assert code == 0 and sorted(p.name for p in (tmp_path / "别处").iterdir()) == [*names[:3], "rules"]


def test_the_copied_examples_check_as_a_folder(tmp_path, capsys):
    assert main(["examples", str(tmp_path / "ex")]) == 0
    capsys.readouterr()
    code, out, err = _run(capsys, ["check", str(tmp_path / "ex")])
    assert code == 0, err
    assert out == "3 份事实文件：3 份通过，0 份有错误。\n"
    assert f"{tmp_path / 'ex' / 'example-2025.yaml'}: 检查通过：0 个错误" in err


# -- did you mean -----------------------------------------------------------------------------------

@pytest.mark.parametrize(("argv", "said"), [
    (["bulid", "x.yaml"], "没有 bulid 这个命令。是不是 build？"),
    (["chek", "x.yaml"], "没有 chek 这个命令。是不是 check？"),
    (["exmaples"], "没有 exmaples 这个命令。是不是 examples？"),
    (["build", "x.yaml", "--pfd"], "没有 --pfd 这个选项。是不是 --pdf？"),
    (["build", "--grahpic", "x.yaml"], "没有 --grahpic 这个选项。是不是 --graphic？"),
    (["check", "x.yaml", "--previos=a.yaml"], "没有 --previos 这个选项。是不是 --previous？"),
    (["init", "--agnecy", "局"], "没有 --agnecy 这个选项。是不是 --agency？"),
    (["--verison"], "没有 --verison 这个选项。是不是 --version？"),
    # review of issue 22: an option of another command, an option in capitals, an unknown option
    # before a missing argument
    (["check", "--pdf", "x.yaml"], "reportgen check 没有 --pdf 这个选项：--pdf 是 build 的选项"),
    (["check", "x.yaml", "--graphic"], "reportgen check 没有 --graphic 这个选项：--graphic 是 build 的选项"),
    (["build", "--PDF", "x.yaml"], "没有 --PDF 这个选项。是不是 --pdf？（选项区分大小写，要用小写）"),
    (["new", "--pdf"], "reportgen new 没有 --pdf 这个选项：--pdf 是 build 的选项"),
])
def test_a_misspelt_command_or_option_is_named_with_the_closest(capsys, argv, said):
    code, out, err = _run(capsys, argv)
    assert code == 2 and out == ""
    assert err.rstrip("\n").rsplit("\n", 1)[1].startswith(f"reportgen：用法错误：{said}")


def test_a_prefix_of_a_known_option_is_still_read_as_argparse_reads_it(tmp_path, capsys):
    facts = tmp_path / "a-2025.yaml"
    shutil.copy(DATA / "example-2025.yaml", facts)
    code, _, err = _run(capsys, ["check", str(facts), "--stri"])  # --strict
    assert code == 0 and "用法错误" not in err, err


def test_a_word_like_no_command_lists_the_commands(capsys):
    code, _, err = _run(capsys, ["frobnicate"])
    assert code == 2
    assert err.endswith("没有 frobnicate 这个命令。可用的命令：build、check、new、init、examples、schema、rollup、import、rules。\n")


# -- check FOLDER of facts files ---------------------------------------------------------------------

def _facts_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "各单位"
    folder.mkdir()
    shutil.copy(DATA / "example-2024.yaml", folder / "a-2024.yaml")
    shutil.copy(DATA / "example-2025.yaml", folder / "a-2025.yaml")
    text = (DATA / "example-office-2025.yaml").read_text(encoding="utf-8")
    # a slip: 上年结转 of 3 rather than 4 no longer balances table 三 (new + carried over = done + carried forward)
    wrong = text.replace("[3, 1, 0, 0, 0, 0]", "[2, 1, 0, 0, 0, 0]", 1)
    assert wrong != text
    (folder / "b-2025.yaml").write_text(wrong, encoding="utf-8")
    assert main(["init", str(folder / "c-2025.yaml"), "--agency", "示例市测试局", "--year", "2025"]) == 0
    return folder


def test_check_a_folder_of_facts_files_prints_each_and_a_summary(tmp_path, capsys):
    folder = _facts_folder(tmp_path)
    capsys.readouterr()
    code, out, err = _run(capsys, ["check", str(folder)])
    assert code == 1
    assert out == "4 份事实文件：2 份通过，1 份有错误，1 份还有空没填（共 179 处待填）。\n"
    assert f"{folder / 'a-2025.yaml'}: 检查通过：" in err
    assert f"{folder / 'b-2025.yaml'}: 检查未通过：" in err
    # c's blanks in one line (a folder of 500 such files must not print 31,000 lines): how many, the
    # first (line 11 of a file from init with --agency: short_name, read by hand), and how to list them
    c = folder / "c-2025.yaml"
    assert [line for line in err.splitlines() if "c-2025.yaml" in line] == [
        f"{c}: 还有 179 处待填（第一处：第11行 机关简称）；逐处列出：reportgen check {c}"]
    assert re.search(rf"{re.escape(str(folder / 'b-2025.yaml'))}:\d+:\d+: ", err)  # b's slip, at its line


def test_check_a_folder_of_facts_files_strict_fails_on_warnings(tmp_path, capsys):
    folder = tmp_path / "f"
    folder.mkdir()
    text = (DATA / "example-2025.yaml").read_text(encoding="utf-8")
    assert main(["check", str(DATA / "example-2025.yaml")]) == 0
    shutil.copy(DATA / "example-2025.yaml", folder / "x-2025.yaml")
    (folder / "x-2025.yaml").write_text(text.replace("signed: 2026-01-20", "signed: 2026-06-20"), encoding="utf-8")
    capsys.readouterr()
    code, out, err = _run(capsys, ["check", str(folder)])
    assert code == 0 and out == "1 份事实文件：1 份通过，0 份有错误。\n" and "警告" in err
    code, out, _ = _run(capsys, ["check", str(folder), "--strict"])
    assert code == 1 and out == "1 份事实文件：0 份通过，0 份有错误，1 份有警告（--strict：警告也算未通过）。\n"


def test_check_a_folder_of_facts_files_refuses_options_for_reports(tmp_path, capsys):
    folder = _facts_folder(tmp_path)
    code, _, err = _run(capsys, ["check", str(folder), "--previous", str(tmp_path)])
    assert code == 2 and "检查事实文件的文件夹时不用 --previous：每份事实文件旁边的上一年度文件" in err
    code, _, err = _run(capsys, ["check", str(folder), "-o", str(tmp_path / "x.csv")])
    assert code == 2 and "检查事实文件的文件夹时不用 -o" in err and not (tmp_path / "x.csv").exists()


def test_check_a_folder_with_facts_files_and_reports_checks_both(tmp_path, capsys):
    folder = tmp_path / "混合"
    folder.mkdir()
    shutil.copy(DATA / "example-2025.yaml", folder / "a-2025.yaml")
    shutil.copy(FIXTURES / "import" / "shuiwu-2023.docx", folder / "shuiwu-2023.docx")
    code, out, err = _run(capsys, ["check", str(folder), "-o", str(tmp_path / "out" / "检查汇总.csv")])
    assert f"文件夹 {folder} 里既有事实文件（1 份）又有已发布的报告（1 份）：两类都检查，先检查事实文件，再检查报告。" in err
    lines = out.splitlines()
    assert lines[0] == "1 份事实文件：1 份通过，0 份有错误。"
    assert lines[1].startswith("已检查 1 份报告：")
    assert (tmp_path / "out" / "检查汇总.csv").is_file()
    # the facts file passes; the report has the published slip of shuiwu-2023 (行政复议 总计 printed 0, REVIEWTOTAL)
    assert "shuiwu-2023.docx: 错误（报告中的问题）：复议诉讼总计不符（REVIEWTOTAL）" in err
    assert code == 1
    after = err.split("检查通过")[-1].splitlines()  # not said to be left unchecked by the report check
    assert not [line for line in after if "a-2025.yaml" in line and "提示：没有找到上一年度" not in line], after


def test_check_a_folder_with_facts_files_and_reports_fails_on_a_facts_file_too(tmp_path, capsys):
    folder = tmp_path / "混合"
    folder.mkdir()
    (folder / "a-2025.yaml").write_text("format: national-2021\n", encoding="utf-8")
    shutil.copy(FIXTURES / "import" / "qu-zhengfuban-2023.docx", folder / "qu-2023.docx")
    code, out, err = _run(capsys, ["check", str(folder), "-o", str(tmp_path / "out" / "检查汇总.csv")])
    assert out.splitlines()[0] == "1 份事实文件：0 份通过，1 份有错误。"
    assert code == 1
    (folder / "a-2025.yaml").unlink()  # the report alone passes: the exit code 1 above was the facts file's
    assert _run(capsys, ["check", str(folder), "-o", str(tmp_path / "out" / "检查汇总.csv")])[0] == 0


def test_check_a_folder_of_neither_says_what_it_takes(tmp_path, capsys):
    (tmp_path / "说明.txt").write_text("x", encoding="utf-8")
    code, _, err = _run(capsys, ["check", str(tmp_path)])
    assert code == 1 and "中没有报告文件（.docx .doc .wps .html .pdf），也没有事实文件（.yaml .yml）" in err


def test_check_a_folder_names_a_facts_file_notepad_saved_as_txt(tmp_path, capsys):
    shutil.copy(DATA / "example-2025.yaml", tmp_path / "a-2025.yaml")
    shutil.copy(DATA / "example-2024.yaml", tmp_path / "a-2024.yaml.txt")
    code, out, err = _run(capsys, ["check", str(tmp_path)])
    assert code == 0 and out == "1 份事实文件：1 份通过，0 份有错误。\n"
    assert "提示：a-2024.yaml.txt 的名字以 .txt 结尾（记事本保存时加上的，Windows 默认隐藏扩展名），检查没有处理它" in err


def test_init_asks_in_a_real_terminal(tmp_path):
    """Through a pseudo-terminal, as a clerk's console: the questions are asked and answered."""
    import os
    import subprocess
    import sys
    import time

    main_fd, child_fd = os.openpty()
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    process = subprocess.Popen([sys.executable, "-m", "reportgen", "init"], stdin=child_fd, stdout=child_fd,
                               stderr=child_fd, cwd=tmp_path, env=env)
    os.close(child_fd)
    shown = b""

    def wait_for(text: str) -> None:
        nonlocal shown
        deadline = time.monotonic() + 60
        while text.encode() not in shown and time.monotonic() < deadline:
            try:
                shown += os.read(main_fd, 4096)
            except OSError:  # the terminal closed: the program ended, all it said was read
                break
        assert text.encode() in shown, shown.decode("utf-8", "replace")

    wait_for("机关全称（")
    os.write(main_fd, "示例区测试局\n".encode())
    wait_for("报告年度（直接回车为")
    os.write(main_fd, b"2023\n")
    assert process.wait(timeout=60) == 0
    wait_for("已生成 示例区测试局-2023.yaml")
    os.close(main_fd)
    assert "\nyear: 2023 " in (tmp_path / "示例区测试局-2023.yaml").read_text(encoding="utf-8")
