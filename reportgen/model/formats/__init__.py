"""Report formats, by the name a facts file gives in `format:`."""

from __future__ import annotations

from .base import ReportFormat
from .narrative_2011 import NarrativeFormat
from .national_2021 import NationalFormat

FORMATS: dict[str, ReportFormat] = {f.name: f for f in (NarrativeFormat(), NationalFormat())}

__all__ = ["FORMATS", "ReportFormat"]
