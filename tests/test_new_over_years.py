"""`reportgen new` over several years (reportgen/authoring/new_year.py): one 上年 note per count, last year's;
the encoding, BOM, line ends and anchors of the file kept; a custom title's year moved; nothing
written from a file with errors."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from conftest import DATA, SEED_FACTS

from reportgen.cli import main

EXAMPLE = DATA / "example-2025.yaml"
COLUMNS = ("natural", "business", "research", "nonprofit", "legal", "other")


def run(capsys, *args) -> tuple[int, str]:
    code = main([*map(str, args)])
    return code, capsys.readouterr().err


def _fill(text: str, previous: dict) -> str:
    """Fill every count `new` left blank, as a clerk would: last year's figure, plus 1 in the rows
    一、本年新收 and （一）予以公开 (so the table still balances) and in every single count;
    四、结转下年度继续办理 is what balances the row."""
    apps = previous["applications"]
    carried_over = [apps["carried_forward"][i] for i in range(6)]  # this year's 上年结转
    # Balance per column: new + carried_over = results + carried_forward. new and granted (a
    # result) both grow by 1, so carried_forward = last year's new + co − last year's results.
    last_results = [sum(row[i] for key, row in _rows(apps) if key not in ("new", "carried_over", "carried_forward"))
                    for i in range(6)]
    forward = [apps["new"][i] + carried_over[i] - last_results[i] for i in range(6)]
    assert min(forward) >= 0
    out, row = [], None
    for line in text.splitlines(keepends=True):
        key_line = re.match(r"^\s+([a-z_]+):\s+#.*上年：", line)
        m = re.match(r"^(\s*)([a-z_]+):(\s+)(#.*?上年：([\d.]+)）?)(\r?\n)$", line)
        if m and m.group(2) in COLUMNS and row is not None:
            i = COLUMNS.index(m.group(2))
            value = forward[i] if row == "carried_forward" else int(m.group(5)) + (row in ("new", "granted"))
            line = f"{m.group(1)}{m.group(2)}: {value}{m.group(3)}{m.group(4)}{m.group(6)}"
        elif m:
            value = m.group(5)
            value = str(int(value) + 1) if "." not in value else value
            line = f"{m.group(1)}{m.group(2)}: {value}{m.group(3)}{m.group(4)}{m.group(6)}"
        elif key_line:
            row = key_line.group(1)
        out.append(line)
    return "".join(out)


def _rows(apps: dict):
    for key, value in apps.items():
        if isinstance(value, list):
            yield key, value
        elif isinstance(value, dict) and all(isinstance(v, list) for v in value.values()):
            yield from value.items()


def test_three_years_of_new_carry_one_note_per_count_of_last_year(tmp_path, capsys):
    y2026, y2027 = tmp_path / "e-2026.yaml", tmp_path / "e-2027.yaml"
    assert run(capsys, "new", EXAMPLE, "-o", y2026)[0] == 0
    filled = _fill(y2026.read_text(encoding="utf-8"), yaml.safe_load(EXAMPLE.read_text(encoding="utf-8")))
    y2026.write_text(filled, encoding="utf-8")
    code, err = run(capsys, "check", y2026)
    assert code == 0, err
    assert run(capsys, "new", y2026, "-o", y2027)[0] == 0
    text = y2027.read_text(encoding="utf-8")
    for line in text.splitlines():
        assert line.count("上年") <= 1 or "即上年" in line and line.count("上年：") == 0, line
    # The rows' notes are 2026's figures (one more than 2025's in 一、本年新收), never 2025's.
    assert re.search(r"^  new: +# 一、本年新收政府信息公开申请数量（上年：65, 9, 2, 3, 4, 2）$", text, re.M), text
    assert "64, 8, 1, 2, 3, 1" not in text
    assert re.search(r"^    natural: +# 自然人，上年：65$", text, re.M)
    # A single count: 2026's figure only (2025 had 1268, 2026 was filled with 1269).
    assert "上年：1269" in text and "1268" not in text
    # 上年结转 is 2026's 结转下年度继续办理, with its note once.
    assert text.count("即上年“四、结转下年度继续办理”") == 1


def test_new_keeps_a_gbk_windows_file_gbk_with_crlf(tmp_path, capsys):
    facts = tmp_path / "seed-2011.yaml"
    facts.write_bytes(SEED_FACTS.read_text(encoding="utf-8").replace("\n", "\r\n").encode("gbk"))
    assert run(capsys, "new", facts, "-o", tmp_path / "seed-2012.yaml")[0] == 0
    data = (tmp_path / "seed-2012.yaml").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    text = data.decode("gbk")
    assert "嘉兴市体育局" in text and "\r\n" in text and "\n" not in text.replace("\r\n", "")


@pytest.mark.parametrize("codec, bom", [("utf-8", b"\xef\xbb\xbf"), ("utf-16-le", b"\xff\xfe")])
def test_new_keeps_the_bom(tmp_path, capsys, codec, bom):
    facts = tmp_path / "seed-2011.yaml"
    facts.write_bytes(bom + SEED_FACTS.read_text(encoding="utf-8").encode(codec))
    assert run(capsys, "new", facts, "-o", tmp_path / "seed-2012.yaml")[0] == 0
    data = (tmp_path / "seed-2012.yaml").read_bytes()
    assert data.startswith(bom) and "嘉兴市体育局" in data[len(bom):].decode(codec)
    code, err = run(capsys, "check", tmp_path / "seed-2012.yaml")
    assert "文件编码" not in err and "UTF-16" not in err


def test_new_keeps_anchors_and_aliases(tmp_path, capsys):
    text = EXAMPLE.read_text(encoding="utf-8")
    text = text.replace("    state_secret:      [0, 0, 0, 0, 0, 0]", "    state_secret:      &none [0, 0, 0, 0, 0, 0]", 1)
    text = text.replace("    excessive:         [0, 0, 0, 0, 0, 0]", "    excessive:         *none", 1)
    assert "&none" in text and "*none" in text
    facts = tmp_path / "e-2025.yaml"
    facts.write_text(text, encoding="utf-8")
    assert run(capsys, "check", facts)[0] == 0
    assert run(capsys, "new", facts, "-o", tmp_path / "e-2026.yaml")[0] == 0
    made = (tmp_path / "e-2026.yaml").read_text(encoding="utf-8")
    assert re.search(r"^    state_secret: +&none # 上年：0, 0, 0, 0, 0, 0$", made, re.M)
    assert re.search(r"^    excessive: +\*none$", made, re.M)
    data = yaml.safe_load(made)  # the alias still names the anchored row: one row to fill, used twice
    assert data["applications"]["not_processed"]["excessive"] is data["applications"]["denied"]["state_secret"]


def test_new_keeps_layout_numbers_and_blanks_only_the_years_figures(tmp_path, capsys):
    """run_in levels, bold_headings and a figure's decimal places are choices of layout, not figures of the
    year: kept (they were left blank, each one more 还没有填写 to fix every year)."""
    text = (DATA / "example-office-2025.yaml").read_text(encoding="utf-8").replace(
        "run_in: [2, 3]", "run_in: [2, 3]\nbold_headings: [3]", 1)
    facts = tmp_path / "office-2025.yaml"
    facts.write_text(text, encoding="utf-8")
    assert run(capsys, "new", facts, "-o", tmp_path / "office-2026.yaml")[0] == 0
    data = yaml.safe_load((tmp_path / "office-2026.yaml").read_text(encoding="utf-8"))
    assert data["run_in"] == [2, 3] and data["bold_headings"] == [3]
    assert data["figures"]["granted_share"]["places"] == 1
    assert data["counts"]["published"]["value"] is None  # a figure of the year: to fill in


def test_new_keeps_a_date_typed_in_chinese_numerals_in_chinese_numerals(tmp_path, capsys):
    """signed: 二〇二六年一月十六日 prints the date so; next year's file must too (it became 2027-01-16, and
    the report's date 2027年1月16日)."""
    text = (DATA / "example-office-2025.yaml").read_text(encoding="utf-8").replace(
        "signed: 2026-01-16", "signed: 二〇二六年一月十六日", 1)
    facts = tmp_path / "office-2025.yaml"
    facts.write_text(text, encoding="utf-8")
    assert run(capsys, "new", facts, "-o", tmp_path / "office-2026.yaml")[0] == 0
    assert re.search(r"^signed: 二〇二七年一月十六日", (tmp_path / "office-2026.yaml").read_text(encoding="utf-8"), re.M)


def test_new_moves_the_year_in_a_custom_title(tmp_path, capsys):
    text = SEED_FACTS.read_text(encoding="utf-8").replace(
        "signed: 2012-03-16", "signed: 2012-03-16\ntitle: 嘉兴市体育局2011年度政府信息公开工作年度报告（第20110号）", 1)
    facts = tmp_path / "seed-2011.yaml"
    facts.write_text(text, encoding="utf-8")
    assert run(capsys, "new", facts, "-o", tmp_path / "seed-2012.yaml")[0] == 0
    made = (tmp_path / "seed-2012.yaml").read_text(encoding="utf-8")
    # The year moves; a number that merely contains it (20110) does not.
    assert "title: 嘉兴市体育局2012年度政府信息公开工作年度报告（第20110号）" in made


def test_new_from_a_file_with_errors_writes_nothing_and_says_why(tmp_path, capsys):
    facts = tmp_path / "bad-2011.yaml"
    facts.write_text(SEED_FACTS.read_text(encoding="utf-8").replace("year: 2011", "year: 2011年", 1), encoding="utf-8")
    code, err = run(capsys, "new", facts, "-o", tmp_path / "bad-2012.yaml")
    assert code == 1
    line = SEED_FACTS.read_text(encoding="utf-8").splitlines().index("year: 2011") + 1
    assert f"bad-2011.yaml:{line}:7: 报告年度（第{line}行）：" in err and f"没有写入任何文件：{facts} 有错误" in err
    assert not (tmp_path / "bad-2012.yaml").exists() and not (tmp_path / "reportgen.schema.json").exists()


def test_check_right_after_new_already_names_the_copied_text(tmp_path, capsys):
    """User guide (docs/用户指南.md, 十、下一年) “改写沿用的文字”: the first `check` after `new` lists the counts still to
    fill in AND warns (COPY) at the paragraphs that are still last year's, not only once every count
    is filled in."""
    from reportgen.cli import main

    shutil.copy(DATA / "example-2025.yaml", tmp_path / "example-2025.yaml")
    assert main(["new", str(tmp_path / "example-2025.yaml")]) == 0
    capsys.readouterr()
    assert main(["check", str(tmp_path / "example-2026.yaml")]) == 1
    err = capsys.readouterr().err
    assert "还没有填写" in err
    copied = [line for line in err.splitlines() if "（COPY）" in line]
    assert copied and all(line.startswith(f"{tmp_path / 'example-2026.yaml'}:") for line in copied), err
    assert "overview.intro[0]" in err
