"""The checks of the narrative format of the 2008 条例 era, in the order their findings are listed:
SIGNED and DEADLINE, FIGURE and the attachment tables, and REQUESTS (the relations of the optional
structured `requests` block)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..errors import Problem
from . import requests
from .figures import figure_checks
from .signing import signing_checks

if TYPE_CHECKING:
    from ..model.formats.base import FactsView as Facts


def checks(facts: Facts, previous: Facts | None) -> list[Problem]:
    """Every finding of the narrative format's own checks on `facts` (`previous` is not used: the
    narrative format compares years only through JUMP and COPY, which every format runs)."""
    found = signing_checks(facts) + figure_checks(facts)
    if facts.data.get("requests"):  # the optional structured requests block
        found += requests.check(facts)
    return found
