"""The interface every report format implements. A format is versioned: a future revision of the
national format is a new module beside the old one, registered under a new name."""

from __future__ import annotations

from typing import Any, Protocol

import yaml

from ...errors import Location, Problem, Severity
from ...load.source import Source
from ..containers import Record


class FactsView(Protocol):
    """What a format reads of a validated facts file (reportgen.model.facts.Facts is one). Formats depend
    on this, not on `facts`, so the dependency runs one way: facts → formats → document. The checks
    of reportgen.checks read facts through it too."""

    data: dict[str, Any]
    references: dict[str, str]
    prose: list[tuple[str, yaml.ScalarNode]]
    source: Source
    fullwidth_punctuation: bool

    @property
    def format(self) -> ReportFormat: ...

    def where(self, path: str) -> Location: ...

    def source_location(self, node: yaml.Node, offset: int | None = None) -> Location: ...

    def problem(self, path: str, message: str, *, code: str, severity: Severity = Severity.ERROR,
                label: str = "") -> Problem: ...


Facts = FactsView


class ReportFormat:
    """A report format: its schema, the references its text may use, and the template context.
    Its checks are not here but in reportgen.checks (the registry: a check names the formats it applies to): the
    model comes before the checks, and knows nothing of them."""

    name: str = ""  # the value of `format:` in a facts file
    label: str = ""  # Chinese description
    template: str = ""  # file name in templates/
    schema: Record
    year_checks: str = "与上年比较的检查"  # what comparing with last year checks, for notes

    def references(self, data: dict[str, Any]) -> dict[str, str]:
        """The facts a paragraph may refer to by {name}, as printed text."""
        raise NotImplementedError

    def units(self, data: dict[str, Any]) -> dict[str, str]:
        """The unit of each figure a text may name (件, 条, 万元 …), for year-over-year texts."""
        return {}

    def context(self, facts: Facts) -> dict[str, Any]:
        """Everything the Word template prints, derived from the facts. Pure."""
        raise NotImplementedError
