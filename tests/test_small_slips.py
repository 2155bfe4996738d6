"""Small slips a new user met (issue 22, second round): messages that name an option the command
does not have."""

from __future__ import annotations

import shutil

from conftest import DATA

from reportgen.cli import main


def test_new_onto_its_own_input_does_not_offer_a_force_it_lacks(tmp_path, capsys):
    facts = tmp_path / "e-2025.yaml"
    shutil.copy(DATA / "example-2025.yaml", facts)
    before = facts.read_bytes()
    assert main(["new", str(facts), "-o", str(facts)]) != 0
    said = capsys.readouterr().err
    assert "不能同时作为输出文件" in said and "请用 -o 另选一个输出文件名" in said
    assert "--force" not in said, said  # `new` has no --force
    assert facts.read_bytes() == before


def test_examples_run_again_suggests_a_folder_that_is_free(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["examples"]) == 0
    capsys.readouterr()
    assert main(["examples"]) == 1
    assert "例如 reportgen examples 示例2。" in capsys.readouterr().err
    # the clerk followed it once: 示例2 is taken now, so the advice names 示例3
    assert main(["examples", "示例2"]) == 0
    capsys.readouterr()
    for folder in ("示例", "示例2"):
        assert main(["examples", folder]) == 1
        err = capsys.readouterr().err
        assert "例如 reportgen examples 示例3。" in err, err
    assert main(["examples", "示例3"]) == 0  # and it works as said


def test_the_rules_example_says_where_it_lies_truly_in_data_and_in_a_copy(tmp_path, monkeypatch, capsys):
    """The comment of the local rules example is read in data/rules/ and in 示例/rules/ (copied by
    `examples`): it names no data/ folder, and the folder it names is the one it is in, beside the
    facts files."""
    monkeypatch.chdir(tmp_path)
    assert main(["examples"]) == 0
    capsys.readouterr()
    for path in (DATA / "rules" / "local-rules-example.yaml", tmp_path / "示例" / "rules" / "local-rules-example.yaml"):
        comments = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.startswith("#")]
        assert not [c for c in comments if "data/" in c], comments
        assert any(f"事实文件旁边的 {path.parent.name} 文件夹里" in c for c in comments), comments
        assert list(path.parent.parent.glob("example-2025.yaml"))  # beside the facts files, truly
