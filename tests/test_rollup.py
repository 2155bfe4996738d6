"""`reportgen rollup`: 20 generated agencies of one district summed cell by cell. The expected sums
are computed here from the generated numbers (tests/agencies.py), not by reportgen; the tables of
the built report are compared with the format's grids (labels from test_national_tables)."""

from __future__ import annotations

import shutil
from decimal import Decimal

import docx
import pytest
from agencies import RESULT_PATHS, agency_data, dump, write_district
from test_graphic import APPLICANTS
from conftest import SEED_FACTS
from test_national_tables import EXPECTED_ACTIVE, EXPECTED_APPS, EXPECTED_REVIEWS, grid

from reportgen import build_report, check
from reportgen.cli import main
from reportgen.batch.rollup import MARKER


def _path(data: dict, path: tuple[str, ...]) -> list[int]:
    for part in path:
        data = data[part]
    return data


def column_sums(rows: list[list[int]]) -> list[int]:
    return [sum(column) for column in zip(*rows)]


def expected_grids(datas: list[dict]) -> tuple[list, list, list]:
    """The three tables as printed, with every number the sum over `datas` (computed here)."""
    def row(values: list[int]) -> list[str]:
        return [str(v) for v in values] + [str(sum(values))]

    apps = [d["applications"] for d in datas]
    results = [column_sums([_path(a, p) for a in apps]) for p in RESULT_PATHS]
    app_rows = ([row(column_sums([a["new"] for a in apps])), row(column_sums([a["carried_over"] for a in apps]))]
                + [row(r) for r in results] + [row(column_sums(results)),
                                               row(column_sums([a["carried_forward"] for a in apps]))])
    expected_apps = [list(r) for r in EXPECTED_APPS]
    for i, numbers in enumerate(app_rows):
        expected_apps[3 + i][3:] = numbers

    active = [d["active_disclosure"] for d in datas]
    expected_active = [list(r) for r in EXPECTED_ACTIVE]
    for r, key in ((2, "regulations"), (3, "normative_documents")):
        expected_active[r][1:] = [str(sum(a[key][c] for a in active)) for c in ("issued", "repealed", "in_force")]
    for r, key in ((6, "licensing"), (9, "penalty"), (10, "enforcement")):
        expected_active[r][1:] = [str(sum(a[key] for a in active))] * 3
    expected_active[13][1:] = [format(sum((a["fees"] for a in active), Decimal(0)), "f")] * 3

    reviews = []
    for key in ("review", "direct_suit", "suit_after_review"):
        values = [sum(d["review_litigation"][key][c] for d in datas) for c in ("upheld", "corrected", "other", "pending")]
        reviews += row(values)
    expected_reviews = [list(r) for r in EXPECTED_REVIEWS]
    expected_reviews[3] = reviews
    return expected_active, expected_apps, expected_reviews


@pytest.fixture(scope="module")
def district(tmp_path_factory):
    folder = tmp_path_factory.mktemp("district")
    datas = write_district(folder, 20)
    other_year = agency_data(0)
    other_year.update(year=2024, signed="2025-01-20")
    (folder / "21-去年-2024.yaml").write_text(dump(other_year), encoding="utf-8")
    shutil.copy(SEED_FACTS, folder / "22-叙述式-2011.yaml")
    broken = agency_data(1)
    broken["applications"]["new"][0] += 1  # 一 + 二 ≠ 三（七）+ 四 for 自然人: BALANCE
    (folder / "23-有错误-2025.yaml").write_text(dump(broken), encoding="utf-8")
    return folder, datas


def test_rollup_of_20_agencies_sums_every_cell_and_passes_every_check(district, tmp_path, capsys):
    folder, datas = district
    out = tmp_path / "汇总-2025.yaml"
    assert main(["rollup", str(folder), "-o", str(out), "--agency", "示例市示例区人民政府"]) == 0
    captured = capsys.readouterr()
    assert "20 个机关" in captured.out and "3 个文件没有计入" in captured.out
    assert "没有计入 21-去年-2024.yaml：是 2024 年度的，汇总的是 2025 年度。" in captured.err
    assert "没有计入 22-叙述式-2011.yaml：报告格式是 narrative-2011" in captured.err
    assert "没有计入 23-有错误-2025.yaml：有错误，第" in captured.err and "BALANCE" not in captured.out

    facts = check(out)
    assert facts.warnings == []
    assert facts.agency_name == "示例市示例区人民政府" and facts.year == 2025
    assert facts.data["processing_fee"] == sum((d["processing_fee"] for d in datas), Decimal(0))

    # --strict: any warning fails the build; the built tables are the sums, cell by cell.
    assert main(["build", str(out), "-o", str(tmp_path / "汇总.docx"), "--strict"]) == 0
    tables = docx.Document(str(tmp_path / "汇总.docx")).tables
    expected_active, expected_apps, expected_reviews = expected_grids(datas)
    assert grid(tables[0]) == expected_active
    assert grid(tables[1]) == expected_apps
    assert grid(tables[2]) == expected_reviews


def test_rollup_file_is_marked_and_never_summed_again(district, tmp_path, capsys):
    folder, datas = district
    copy = tmp_path / "folder"
    shutil.copytree(folder, copy)
    assert main(["rollup", str(copy), "-o", str(copy / "汇总-2025.yaml")]) == 0
    text = (copy / "汇总-2025.yaml").read_text(encoding="utf-8")
    assert text.splitlines()[0] == MARKER
    capsys.readouterr()
    # A second run over the same folder (its own earlier output inside) gives the same sums.
    assert main(["rollup", str(copy), "-o", str(copy / "again.yaml")]) == 0
    assert "没有计入 汇总-2025.yaml：是以前生成的汇总文件，不再重复计入。" in capsys.readouterr().err
    assert check(copy / "again.yaml").data["applications"] == check(copy / "汇总-2025.yaml").data["applications"]


def test_rollup_builds_a_report_with_the_default_name(district, tmp_path):
    folder, datas = district
    assert main(["rollup", str(folder)]) == 0
    out = tmp_path / "out" / "汇总-2025.yaml"
    result = build_report(out, tmp_path / "r.docx")
    assert result.facts.agency_name == "汇总（20个机关）"


def test_rollup_refuses_to_overwrite_and_names_what_it_could_not_use(tmp_path, capsys):
    (tmp_path / "a").mkdir()
    shutil.copy(SEED_FACTS, tmp_path / "a" / "seed.yaml")
    assert main(["rollup", str(tmp_path / "a")]) == 1
    err = capsys.readouterr().err
    assert "没有可以汇总的事实文件" in err and "seed.yaml：报告格式是 narrative-2011" in err
    assert main(["rollup", str(tmp_path / "nothing")]) == 1
    assert "不是文件夹" in capsys.readouterr().err
    existing = tmp_path / "x.yaml"
    existing.write_text("# 改写过的正文\n", encoding="utf-8")
    folder = tmp_path / "b"
    write_district(folder, 2)
    assert main(["rollup", str(folder), "-o", str(existing)]) == 1
    assert "文件已经存在" in capsys.readouterr().err
    assert existing.read_text(encoding="utf-8") == "# 改写过的正文\n"
    assert main(["rollup", str(folder), "-o", str(existing), "--force"]) == 0
    assert existing.read_text(encoding="utf-8").startswith(MARKER)


def test_rollup_of_a_year_no_file_has(district, tmp_path, capsys):
    folder, _ = district
    assert main(["rollup", str(folder), "--year", "2023", "-o", str(tmp_path / "x.yaml")]) == 1
    assert "没有 2023 年度的全国统一格式事实文件可以汇总" in capsys.readouterr().err
    assert not (tmp_path / "x.yaml").exists()
    assert main(["rollup", str(folder), "--year", "2024", "-o", str(tmp_path / "y.yaml")]) == 0
    new = check(tmp_path / "y.yaml").data["applications"]["new"]
    assert [new[c] for c in APPLICANTS] == agency_data(0)["applications"]["new"]  # the one 2024 file


def test_rollup_names_a_broken_file_with_one_full_stop(district, tmp_path, capsys):
    """The reason ends the sentence once: “…请改正。”, never “…。。” (on stderr and in the header)."""
    folder, _ = district
    out = tmp_path / "x.yaml"
    assert main(["rollup", str(folder), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    line = next(ln for ln in err.splitlines() if ln.startswith("没有计入 23-有错误-2025.yaml"))
    assert line.endswith("。") and "。。" not in line, line
    assert "。；" not in out.read_text(encoding="utf-8")


def test_rollup_sums_an_agency_once_when_two_files_are_its_report(tmp_path, capsys):
    """A clerk's second copy of the same agency's file (柳溪镇-2025.yaml and 柳溪镇-2025副本.yaml) is not
    added twice: the first in name order is summed, the other is named and left out."""
    folder = tmp_path / "district"
    datas = write_district(folder, 2)
    first = sorted(folder.iterdir())[0]
    shutil.copy(first, folder / (first.stem + "副本.yaml"))
    out = tmp_path / "x.yaml"
    assert main(["rollup", str(folder), "-o", str(out)]) == 0
    captured = capsys.readouterr()
    assert "2 个机关" in captured.out and "1 个文件没有计入" in captured.out
    assert f"没有计入 {first.stem}副本.yaml：与 {first.name} 是同一机关" in captured.err
    new = check(out).data["applications"]["new"]
    assert [new[c] for c in APPLICANTS] == column_sums([d["applications"]["new"] for d in datas])


def test_rollup_names_a_notepad_txt_file_it_did_not_sum(tmp_path, capsys):
    """A district total silently short of one agency is the worst outcome: a facts file Notepad
    saved as 名称.yaml.txt is named as not summed, with the fix, on stderr and in the file's header."""
    folder = tmp_path / "district"
    write_district(folder, 2)
    first = sorted(folder.iterdir())[0]
    first.rename(first.with_name(first.name + ".txt"))
    out = tmp_path / "x.yaml"
    assert main(["rollup", str(folder), "-o", str(out)]) == 0
    captured = capsys.readouterr()
    assert "1 个机关" in captured.out and "1 个文件没有计入" in captured.out
    assert f"没有计入 {first.name}.txt：名字以 .txt 结尾" in captured.err and "去掉" in captured.err
    assert f"{first.name}.txt：名字以 .txt 结尾" in out.read_text(encoding="utf-8")
    for path in folder.glob("*.yaml"):
        path.rename(path.with_name(path.name + ".txt"))
    assert main(["rollup", str(folder), "-o", str(tmp_path / "y.yaml")]) == 1
    err = capsys.readouterr().err
    assert "文件夹里没有事实文件" in err and "汇总没有处理它们" in err and not (tmp_path / "y.yaml").exists()


def test_rollup_of_a_folder_where_one_agency_prints_no_date(tmp_path, capsys):
    """An agency whose report prints no date (show_date: false, no `signed`) is summed like the
    others; the roll-up takes the latest date the other agencies signed (before: 内部错误 TypeError)."""
    folder = tmp_path / "district"
    write_district(folder, 2)
    first, second = sorted(folder.iterdir())
    text = first.read_text(encoding="utf-8")
    signed_line = next(ln for ln in text.splitlines() if ln.startswith("signed:"))
    first.write_text(text.replace(signed_line, "show_date: false"), encoding="utf-8")
    check(first)  # valid: raises FactsError otherwise
    other = next(ln for ln in second.read_text(encoding="utf-8").splitlines() if ln.startswith("signed:"))
    out = tmp_path / "x.yaml"
    assert main(["rollup", str(folder), "-o", str(out)]) == 0, capsys.readouterr().err
    assert "2 个机关" in capsys.readouterr().out
    assert other.split(":", 1)[1].strip().strip("'\"") in out.read_text(encoding="utf-8")
