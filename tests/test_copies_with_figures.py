"""COPY of a text copied from last year's report figures and all (issue 22, found by a new user
following the README): `narrative` leaves out every clause holding a figure, so a paragraph that
reads exactly as last year's, its figures included, was never flagged."""

from __future__ import annotations

from conftest import DATA

from reportgen.checks.copies import copies, figure_clauses
from reportgen.cli import main

ACTIVE = "  active:\n"
SAME = "全年主动在门户网站公开政府信息50条，其中统计数据信息6条、业务工作类信息10条。"


def _pair(tmp_path, this_year: str, last_year: str = SAME):
    """data/example-2024.yaml and example-2025.yaml, each with one more paragraph first in 一、（一）."""
    paths = []
    for name, paragraph in (("example-2024.yaml", last_year), ("example-2025.yaml", this_year)):
        text = (DATA / name).read_text(encoding="utf-8")
        assert text.count(ACTIVE) == 1
        path = tmp_path / name
        path.write_text(text.replace(ACTIVE, f"{ACTIVE}    - {paragraph}\n"), encoding="utf-8")
        paths.append(path)
    line = text[:text.index(ACTIVE)].count("\n") + 2
    return paths[0], paths[1], line


def test_a_paragraph_copied_with_its_figures_is_a_copy(tmp_path, capsys):
    last, now, line = _pair(tmp_path, SAME)
    assert main(["check", str(now), "--previous", str(last)]) == 0
    err = capsys.readouterr().err
    found = [x for x in err.splitlines() if "（COPY）" in x]
    assert len(found) == 1 and found[0].startswith(f"{now}:{line}:7:"), err
    assert f"与上一年度报告（{last}:{line}:7）的文字完全相同，连数字也是上一年度的（COPY）" in found[0]
    assert "数字请改为本年的" in found[0]


def test_only_the_figures_copied_is_said_so(tmp_path, capsys):
    last, now, line = _pair(tmp_path, "今年继续在门户网站集中发布，全年主动在门户网站公开政府信息50条，其中统计数据信息6条、业务工作类信息10条。",
                            "全年主动在门户网站公开政府信息50条，其中统计数据信息6条、业务工作类信息10条。")
    main(["check", str(now), "--previous", str(last)])
    found = [x for x in capsys.readouterr().err.splitlines() if "（COPY）" in x]
    assert len(found) == 1 and f"写数字的语句与上一年度报告（{last}:{line}:7）的完全相同，连数字也是上一年度的" in found[0]


def test_a_paragraph_whose_figures_changed_is_no_copy(tmp_path, capsys):
    last, now, _ = _pair(tmp_path, "全年主动在门户网站公开政府信息55条，其中统计数据信息7条、业务工作类信息10条。")
    assert main(["check", str(now), "--previous", str(last)]) == 0
    assert "COPY" not in capsys.readouterr().err


def test_figure_clauses_keep_figures_leave_years_out_and_need_two_that_are_not_zero():
    assert figure_clauses("2024年，全年公开信息50条，其中统计数据6条。工作有序开展。") == "全年公开信息50条，其中统计数据6条。"  # the year is no figure
    assert figure_clauses("2024年，上年结转0件，本年新收0件。") == ""  # zeros read alike by nature
    assert figure_clauses("均在20个工作日内答复。") == ""  # one figure: a statutory time limit


def test_copies_finds_the_same_figures_and_not_changed_ones():
    last = [("a", "2023年，全年主动公开政府信息50条，其中统计数据信息6条、业务工作类信息10条。")]
    (hit,) = copies([("b", "2024年，全年主动公开政府信息50条，其中统计数据信息6条、业务工作类信息10条。")], last)
    assert (hit.key, hit.last_key, hit.ratio, hit.figures) == ("b", "a", 1.0, True)
    assert copies([("c", "2024年，全年主动公开政府信息51条，其中统计数据信息6条、业务工作类信息10条。")], last) == []


def test_the_same_figures_two_years_running_are_no_copy_when_they_are_this_years(tmp_path, capsys):
    """A small office's 新收…件，其中予以公开…件 can be true of both years: the sentence is the same, the
    figures are this year's (data/example-2025.yaml's table 三: 79 new, 30 予以公开, checked in its
    .docx). Not a stale copy; the same sentence with a figure that is not this year's still is."""
    same = "全年新收政府信息公开申请79件，其中予以公开30件。"
    last, now, _ = _pair(tmp_path, same, same)
    assert main(["check", str(now), "--previous", str(last)]) == 0
    assert "COPY" not in capsys.readouterr().err
    stale = "全年新收政府信息公开申请61件，其中予以公开30件。"  # 61: not this year's 79
    last, now, line = _pair(tmp_path, stale, stale)
    main(["check", str(now), "--previous", str(last)])
    found = [x for x in capsys.readouterr().err.splitlines() if "（COPY）" in x]
    assert len(found) == 1 and found[0].startswith(f"{now}:{line}:7:") and "连数字也是上一年度的" in found[0]
