"""The library's entry points: check a facts file, build its report."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .errors import FactsError, Problem
from .facts import Facts, load_facts
from .output import write_atomic
from .render import render_docx, template_path


@dataclass
class BuildResult:
    output: Path
    facts: Facts
    warnings: list[Problem] = field(default_factory=list)


def check(facts_path: str | Path, *, previous: str | Path | None = None) -> Facts:
    """Validate and check a facts file. Raises FactsError with every problem; returns the facts
    (whose `.warnings` lists the warnings) when there is no error."""
    prev = load_facts(previous) if previous else None
    return load_facts(facts_path, previous=prev)


def default_output(facts_path: str | Path) -> Path:
    return Path("out") / (Path(facts_path).stem + ".docx")


def build_report(
    facts_path: str | Path,
    output: str | Path | None = None,
    *,
    template: str | Path | None = None,
    previous: str | Path | None = None,
    strict: bool = False,
) -> BuildResult:
    """Check the facts, render the report and write it atomically to `output`
    (default: out/<facts file name>.docx). Nothing is written when anything fails."""
    facts = check(facts_path, previous=previous)
    if strict and facts.warnings:
        raise FactsError(facts.warnings)
    out = Path(output) if output else default_output(facts_path)
    tpl = Path(template) if template else template_path(facts.format.template)
    context = facts.format.context(facts)
    data = render_docx(tpl, context, properties={
        "title": context["title"],
        "author": facts.data["agency"]["name"],
        "date": facts.data["signed"],
    })
    write_atomic(out, data)
    return BuildResult(out, facts, facts.warnings)
