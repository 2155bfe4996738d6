"""Issue 22's last "done when": the README's clerk walkthrough (一年的工作：五步) followed from the installed
wheel, in an empty folder, with the commands the README shows (read from the README itself, `\\` as `/`,
`.venv\\Scripts\\reportgen` as the installed `reportgen`).

第一步 imports last year's published PDF. The wheel has no tests/ folder, so the PDF is copied into the
empty folder where the README's command names it, as a clerk has their own file. The clerk then does what
the README asks of the `# 导入：` comments: checks each against the original and deletes it. The original
here is the document tests/fixtures/import/make_fixtures.py typed by hand (the PDF is LibreOffice's print
of it): every cell the import says was blank is blank (or “/”) there, and its true value is 0 — the row's
typed 总计 is 0, and “/” for 规章 is a district bureau that makes no rules. 第二步 `new`; 第三步 every blank
filled by tests/init_fill.py and last year's text rewritten where this year differs; 第四步 `check` passes
with the warnings the README says a clerk reads and may keep; 第五步 `build --pdf --html --graphic` writes
the four files the README names.
"""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
from pathlib import Path

import docx
import yaml
from conftest import FIXTURES, ROOT, import_fixture_module
from init_fill import TEXTS, fill
from installed_wheel import runner

APPLICANTS = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
BLANK_READ_AS_0 = re.compile(r"^ *# 导入：\w+：原表“(?P<row>[^·]+)·(?P<col>[^·]+)”为空白，按 0 读取$")


def readme_steps() -> list[str]:
    """The commands of the README's 一年的工作：五步, in order, as shown (Windows)."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    part = text[text.index("## 一年的工作：五步"):text.index("## 命令")]
    return [line.strip() for body in re.findall(r"^```bat\n(.*?)^```", part, re.S | re.M)
            for line in body.splitlines() if line.strip()]


def as_linux(step: str) -> list[str]:
    """`.venv\\Scripts\\reportgen new 报告\\x.yaml` → ["new", "报告/x.yaml"]."""
    prefix = ".venv\\Scripts\\reportgen "
    assert step.startswith(prefix), step
    return shlex.split(step[len(prefix):].replace("\\", "/"))


def blank_cells_of_the_original() -> set[tuple[str, str]]:
    """(row label, column label) of every figure typed blank or “/” in the report as published: the
    hand-typed document the fixture PDF was printed from, read with python-docx (not the importer).
    The （七）总计 row is left out: reportgen computes it, the facts file has no such row."""
    original = import_fixture_module("make_fixtures").tongjiju_2023()
    active, applications, _ = original.tables
    blanks: set[tuple[str, str]] = set()
    columns = [c.text for c in active.rows[1].cells]
    assert columns == ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]
    for row in active.rows[2:4]:
        cells = [c.text for c in row.cells]
        blanks |= {(cells[0], columns[i]) for i in (1, 2, 3) if cells[i] in ("", "/")}
    assert applications.rows[1].cells[3].text == "自然人"
    assert [c.text for c in applications.rows[2].cells[4:9]] == APPLICANTS[1:]
    for row in applications.rows[3:]:
        cells = [c.text for c in row.cells]
        labels = [t for i, t in enumerate(cells[:3]) if t not in cells[:i] and t != "三、本年度办理结果"]
        label = " ".join(labels)
        blank = {(label, APPLICANTS[i]) for i in range(6) if cells[3 + i] in ("", "/")}
        if blank:
            assert cells[9] == "0", label  # the row's typed 总计: its blank cells are 0
        if label != "（七）总计":
            blanks |= blank
    return blanks


def table_text(path: Path) -> tuple[str, list[list[list[str]]]]:
    """The .docx's paragraph text (one string) and its tables' cell texts (python-docx, as Word shows them)."""
    document = docx.Document(str(path))
    text = "".join(p.text.replace("\n", "") for p in document.paragraphs)  # the title is broken by a line break
    return text, [[[c.text for c in row.cells] for row in table.rows] for table in document.tables]


def test_the_readme_year_in_five_steps_from_the_installed_wheel(installed: Path, tmp_path: Path) -> None:
    steps = readme_steps()
    assert [s.split()[:2] for s in steps] == [
        [".venv\\Scripts\\reportgen", "import"], [".venv\\Scripts\\reportgen", "new"], ["notepad", "报告\\统计局-2024.yaml"],
        [".venv\\Scripts\\reportgen", "check"], [".venv\\Scripts\\reportgen", "build"]]
    do_import, do_new, edit, do_check, do_build = steps
    folder = tmp_path / "我的报告"
    folder.mkdir()  # empty, outside the repository
    run = runner(installed, folder)

    # 第一步：拿出去年的报告 — the clerk's own PDF, where the README's command names it.
    args = as_linux(do_import)
    assert args == ["import", "tests/fixtures/import/tongjiju-2023.pdf", "-o", "报告/统计局-2023.yaml"]
    (folder / args[1]).parent.mkdir(parents=True)
    shutil.copy(FIXTURES / "import" / "tongjiju-2023.pdf", folder / args[1])
    imported = run(*args)
    assert imported.returncode == 0, imported.stderr
    assert imported.stdout.startswith("已生成 报告/统计局-2023.yaml（2 条导入提示）；检查结果：0 个错误，0 个警告。"
                                      "请核对文件中以“# 导入：”标出的地方"), imported.stdout
    last_year = folder / "报告" / "统计局-2023.yaml"
    text = last_year.read_text(encoding="utf-8")
    # Nothing read unsurely: the PDF has a text layer, so no `unsure:` list; what the clerk checks is
    # the `# 导入：` comments.
    assert not re.search(r"^unsure:", text, re.M)
    marks = [line for line in text.splitlines() if line.lstrip().startswith("# 导入：")]
    said_blank = {(m["row"], m["col"]) for m in map(BLANK_READ_AS_0.match, marks) if m}
    assert len(said_blank) == 3 + 24 * 6 and said_blank == blank_cells_of_the_original()
    # Those 147 cells are whole rows of the two tables (all of 规章, all 24 rows of 三), and the import read
    # each as its true value, 0.
    read = yaml.safe_load(text)
    assert read["active_disclosure"]["regulations"] == {"issued": 0, "repealed": 0, "in_force": 0}
    rows = [v for v in read["applications"].values() if isinstance(v, list)]
    rows += [v for group in read["applications"].values() if isinstance(group, dict) for v in group.values()]
    assert len(rows) == 24 and all(row == [0] * 6 for row in rows)
    others = [m for m in marks if not BLANK_READ_AS_0.match(m)]
    assert len(others) == 3, others  # the figures turned into references, the short name, the self-name
    assert any("简称是推测的" in m for m in others) and "  short_name: 区统计局\n" in text
    original_text = "".join(p.text for p in import_fixture_module("make_fixtures").tongjiju_2023().paragraphs)
    assert "区统计局认真贯彻落实" in original_text  # the short name is the report's own: kept
    assert any("请改为本机关的自称" in m for m in others) and "  self_name: 我单位\n" in text
    text = text.replace("  self_name: 我单位\n", "  self_name: 我局\n")  # the clerk writes their own
    text = "\n".join(line for line in text.split("\n") if not line.lstrip().startswith("# 导入："))
    last_year.write_text(text, encoding="utf-8")

    # 第二步：生成今年的文件
    made = run(*as_linux(do_new))
    assert made.returncode == 0, made.stderr
    assert made.stdout.startswith("已生成 报告/统计局-2024.yaml：请填写其中留空的数字（旁边注释是上年数）"), made.stdout
    assert "这段文字写着上年的年度“2023年”" in made.stderr
    facts = folder / "报告" / "统计局-2024.yaml"
    assert facts.relative_to(folder).as_posix() == edit.split()[1].replace("\\", "/")
    text = facts.read_text(encoding="utf-8")
    assert re.search(r"^year: 2024$", text, re.M) and re.search(r"^signed: 2025-01-22$", text, re.M)  # 2024-01-22 + 1 year
    assert "局办公室负责政府信息公开工作的组织、协调、指导、督查" in text  # last year's text kept as a draft
    assert re.search(r"^  licensing: +# 上年：0$", text, re.M)  # this year's figure blank, last year's beside it
    assert "carried_over: # 二、上年结转政府信息公开申请数量（即上年“四、结转下年度继续办理”）\n    natural:   0" in text
    assert "# 导入：" not in text and "  self_name: 我局\n" in text

    # 第三步：填写 — every blank (the clerk may run `check` first to see them listed); last year's text
    # rewritten where this year differs.
    before = run("check", "报告/统计局-2024.yaml")
    assert before.returncode == 1
    # 6 in the two one-line rows of table 二, 4 more there, 23 rows × 6 of table 三 (上年结转 is filled),
    # 3 × 4 of table 四, the processing fee: 6 + 4 + 138 + 12 + 1.
    assert "还有 161 处待填" in before.stderr, before.stderr[-2000:]
    assert fill(facts) == 161
    text = facts.read_text(encoding="utf-8")
    old_intro = "2023年，区统计局认真贯彻落实《中华人民共和国政府信息公开条例》，主动在门户网站公开政府信息，全年政务信息公开工作运行正常。"
    this_year = [(old_intro, "{year}年，区统计局以统计数据发布为重点，全年主动公开政府信息，新收政府信息公开申请均按期答复。"),
                 ("全年未收到政府信息公开申请。", TEXTS["overview.requests"])]
    for old, new in this_year:
        assert text.count(f"    - {old}\n") == 1, old
        text = text.replace(f"    - {old}\n", f'    - "{new}"\n')
    facts.write_text(text, encoding="utf-8")

    # 第四步：检查 — passes; the warnings left are the ones the README says a clerk reads and may keep:
    # five paragraphs copied from last year (COPY; one of them, 一、（一）, figures and all: 50条、6条、10条
    # as in the 2023 report), last year's problems without their follow-up
    # (FOLLOWUP), 7 规范性文件 in force where last year's 0 + 0 − 0 says 0 (STOCK; init_fill's 7).
    checked = run(*as_linux(do_check))
    assert checked.returncode == 0, checked.stderr
    assert checked.stdout.splitlines() == ["报告/统计局-2024.yaml: 检查通过：0 个错误，7 个警告"]
    codes = re.findall(r"^报告/统计局-2024\.yaml:\d+:\d+: 警告：.*（([A-Z]+)）", checked.stderr, re.M)
    assert sorted(codes) == ["COPY"] * 5 + ["FOLLOWUP", "STOCK"], codes
    assert "的文字完全相同，连数字也是上一年度的（COPY）" in checked.stderr
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    quoted = re.search(r"“警告”不妨碍生成，但请逐条看过，例如“(.+?)”是提醒你", readme)
    assert quoted and quoted.group(1).strip("…") in checked.stderr  # the README quotes the message as it is

    # 第五步：生成并发布
    built = run(*as_linux(do_build))
    assert built.returncode == 0, built.stderr
    out = folder / "out"
    named = re.search(r"`out` 文件夹里得到 Word 报告 `(.+?)`、PDF、.*?网页版 `(.+?)`，以及图解（一图读懂）`(.+?)`", readme)
    assert named and named.groups() == ("统计局-2024.docx", "统计局-2024.html", "统计局-2024.图解.png")
    for name in (*named.groups(), "统计局-2024.pdf"):
        assert (out / name).is_file() and (out / name).stat().st_size > 0, name
        assert re.search(rf"^已生成 (?:.*、)?out/{re.escape(name)}(?:[（、].*)?$", built.stdout, re.M), name
    assert built.stdout.startswith("已生成 out/统计局-2024.docx（0 个错误，7 个警告）")
    text, tables = table_text(out / "统计局-2024.docx")
    assert "西城区统计局2024年度政府信息公开工作年度报告" in text
    assert "2024年，区统计局以统计数据发布为重点" in text
    assert "全年新收政府信息公开申请5件，予以公开3件，结转下年度继续办理2件。" in text
    new_row = next(r for r in tables[1] if r[0] == "一、本年新收政府信息公开申请数量")
    assert new_row[3:] == ["5", "0", "0", "0", "0", "0", "5"]  # the clerk's 5 自然人, and the computed 总计
    pages = subprocess.run(["pdfinfo", str(out / "统计局-2024.pdf")], capture_output=True, text=True, check=True)
    assert int(re.search(r"^Pages:\s+(\d+)$", pages.stdout, re.M).group(1)) >= 2
    printed = subprocess.run(["pdftotext", str(out / "统计局-2024.pdf"), "-"], capture_output=True, text=True,
                             check=True).stdout
    assert "西城区统计局" in printed and "2024" in printed
    assert "西城区统计局" in (out / "统计局-2024.html").read_text(encoding="utf-8")
