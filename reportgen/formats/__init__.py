"""Report formats, by the name a facts file gives in `format:`."""

from __future__ import annotations

from .base import ReportFormat
from .narrative_2011 import NarrativeFormat

FORMATS: dict[str, ReportFormat] = {f.name: f for f in (NarrativeFormat(),)}

__all__ = ["FORMATS", "ReportFormat"]
