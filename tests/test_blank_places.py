"""The list of blanks names each blank by what it is (issue 22, second round): a paragraph by its
place under the part's title (（一）主动公开第1段 under 一、总体情况; 第1段 under 前言), an amount by its
own label, the agency's names and the date under 机关和日期 (not 其他); and a roll-up says a file
that only waits to be filled is 还有 N 处待填, not N 个错误."""

from __future__ import annotations

from conftest import DATA

from reportgen.cli import main


def _lines(text: str) -> list[str]:
    return text.splitlines()


def line_of(text: str, start: str) -> int:
    found = [n for n, line in enumerate(_lines(text), 1) if line.startswith(start)]
    assert len(found) == 1, (start, found)
    return found[0]


def _after(text: str, key: str, start: str) -> int:
    """The line of the first line starting with `start` after the line starting with `key`."""
    lines = _lines(text)
    k = line_of(text, key)
    return next(n for n in range(k + 1, len(lines) + 1) if lines[n - 1].startswith(start))


def _group(said: list[str], title: str) -> list[str]:
    """The lines listed under the group `title` (two spaces in), up to the next group."""
    start = said.index("  " + title)
    rest = said[start + 1:]
    end = next((i for i, line in enumerate(rest) if not line.startswith("    ")), len(rest))
    return rest[:end]


def test_a_file_from_init_lists_its_blanks_by_place(tmp_path, capsys):
    path = tmp_path / "示例局-2025.yaml"
    assert main(["init", str(path), "--agency", "示例局", "--year", "2025"]) == 0
    capsys.readouterr()
    text = path.read_text(encoding="utf-8")
    assert main(["check", str(path)]) == 1
    said = _lines(capsys.readouterr().err)
    # The line numbers are read off the file here; the places follow the file's own comments
    # (# 导语, # （一）主动公开 …).
    assert _group(said, "机关和日期") == [
        f"    第{line_of(text, '  short_name:')}行 机关简称：请填写文字",
        f"    第{line_of(text, '  self_name:')}行 自称：请填写文字",
        f"    第{line_of(text, 'signed:')}行 成文日期：请填写日期，例如 2012-03-16"]
    assert "  其他" not in said and "  机关" not in said
    assert _group(said, "前言") == [f"    第{_after(text, 'preamble:', '  -')}行 第1段：请填写文字"]
    assert _group(said, "一、总体情况") == [
        f"    第{_after(text, f'  {key}:', '    -')}行 {place}第1段：请填写文字"
        for key, place in (("intro", "导语"), ("active", "（一）主动公开"), ("requests", "（二）依申请公开"),
                           ("management", "（三）政府信息管理"), ("platforms", "（四）政府信息公开平台建设"),
                           ("oversight", "（五）监督保障"))]
    assert _group(said, "五、存在的主要问题及改进情况") == [f"    第{_after(text, 'problems:', '  -')}行 第1段：请填写文字"]
    assert _group(said, "六、其他需要报告的事项") == [
        f"    第{_after(text, 'other_matters:', '  -')}行 第1段：请填写文字"]
    assert not any("段落" in line for line in said)


def test_an_amount_left_blank_is_named_by_its_label(tmp_path, capsys):
    text = (DATA / "example-2025.yaml").read_text(encoding="utf-8")
    path = tmp_path / "amounts-2025.yaml"
    path.write_text(text + "\namounts:\n  budget:\n    label: 政府信息公开工作经费\n    value:\n    unit: 万元\n",
                    encoding="utf-8")
    assert main(["check", str(path)]) == 1
    said = capsys.readouterr().err
    line = len(text.splitlines()) + 5  # the blank `value:` line, counted by hand: 1 empty + 4 below it
    assert f"    第{line}行 政府信息公开工作经费（数值）" in said, said
    assert " 数值：" not in said and f"第{line}行 数值" not in said


def test_a_rollup_says_a_file_with_blanks_waits_to_be_filled(tmp_path, capsys):
    folder = tmp_path / "区"
    folder.mkdir()
    (folder / "example-2025.yaml").write_bytes((DATA / "example-2025.yaml").read_bytes())
    assert main(["init", str(folder / "新局-2025.yaml"), "--agency", "新局", "--year", "2025"]) == 0
    capsys.readouterr()
    text = (folder / "新局-2025.yaml").read_text(encoding="utf-8")
    assert main(["rollup", str(folder), "-o", str(tmp_path / "汇总-2025.yaml")]) == 0
    err = capsys.readouterr().err
    # 179 blanks in a file from init (test_init_examples counts them); the first is short_name.
    assert (f"没有计入 新局-2025.yaml：还有 179 处待填（第一处：第{line_of(text, '  short_name:')}行 机关简称）。"
            in err), err
    assert "个错误" not in err
