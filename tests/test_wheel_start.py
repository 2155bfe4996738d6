"""Issue 22's first "done when": from a wheel installed in a fresh venv, in an empty folder outside the
repository, `reportgen init`, the blanks filled, `check`, `build --pdf --html --graphic` and
`reportgen examples` succeed, with the messages a clerk reads.

The wheel and the fresh venv it is installed in (no network) are tests/installed_wheel.py's, shared
with tests/test_wheel_walkthrough.py.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from conftest import DATA
from init_fill import fill
from installed_wheel import runner

EXAMPLES = ("example-2024.yaml", "example-2025.yaml", "example-office-2025.yaml", "rules/local-rules-example.yaml")


def test_the_wheel_holds_the_examples_and_the_templates(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for name in EXAMPLES:
        assert f"reportgen/examples/{name}" in names, name
        assert zipfile.ZipFile(wheel).read(f"reportgen/examples/{name}") == (DATA / name).read_bytes()
    assert "reportgen/templates/national-2021.docx" in names
    assert not any(n.startswith("reportgen/examples/jiaxing") for n in names)  # only what `examples` copies


def test_a_clerks_first_report_from_the_installed_wheel(installed: Path, tmp_path: Path) -> None:
    folder = tmp_path / "我的报告"
    folder.mkdir()  # empty, outside the repository
    run = runner(installed, folder)

    made = run("init", "--agency", "示例市测试局", "--year", "2025")
    assert made.returncode == 0, made.stderr
    assert made.stdout.startswith("已生成 示例市测试局-2025.yaml：请用记事本等编辑器打开")
    assert sorted(p.name for p in folder.iterdir()) == ["reportgen.schema.json", "示例市测试局-2025.yaml"]
    facts = folder / "示例市测试局-2025.yaml"

    blank = run("check", facts.name)
    assert blank.returncode == 1
    counted = re.search(r"还有 (\d+) 处待填：以下各处还没有填写", blank.stderr)
    assert counted, blank.stderr
    listed = int(counted.group(1))
    filled = fill(facts)
    assert listed == filled == 179  # check names every blank the clerk then fills, no more, no less

    checked = run("check", facts.name)
    assert checked.returncode == 0, checked.stderr
    assert f"{facts.name}: 检查通过：0 个错误" in checked.stdout

    built = run("build", facts.name, "--pdf", "--html", "--graphic")
    assert built.returncode == 0, built.stderr
    out = folder / "out"
    for name in ("示例市测试局-2025.docx", "示例市测试局-2025.pdf", "示例市测试局-2025.html",
                 "示例市测试局-2025.图解.png", "示例市测试局-2025.图解.svg"):
        assert (out / name).is_file() and (out / name).stat().st_size > 0, name
        assert re.search(rf"^已生成 (?:.*、)?out/{re.escape(name)}(?:[（、].*)?$", built.stdout, re.M), name
    xml = zipfile.ZipFile(out / "示例市测试局-2025.docx").read("word/document.xml").decode("utf-8")
    text = "".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", xml))
    assert "示例市测试局2025年度政府信息公开工作年度报告" in text
    assert "全年新收政府信息公开申请5件，予以公开3件，结转下年度继续办理2件。" in text
    assert "示例市测试局" in (out / "示例市测试局-2025.html").read_text(encoding="utf-8")

    copied = run("examples")
    assert copied.returncode == 0, copied.stderr
    assert copied.stdout.startswith("已把 4 个示例文件复制到 示例：")
    for name in EXAMPLES:
        assert (folder / "示例" / name).read_bytes() == (DATA / name).read_bytes(), name
    example = run("build", "示例/example-2025.yaml", "-o", "out/示例.docx")
    assert example.returncode == 0, example.stderr

    typo = run("bulid", facts.name)
    assert typo.returncode == 2 and "没有 bulid 这个命令。是不是 build？" in typo.stderr
