"""审阅.html: a folder review (batch.review_model.Review) as one self-contained HTML page a reviewer reads —
one inline <style>, no script, link, font or image loaded; every value escaped by Jinja2's autoescape
(the template is templates/review.html.jinja, package data). Tables sit in their own scroll boxes, so
a phone shows the page without sideways scrolling."""

from __future__ import annotations

from pathlib import Path

from ..publish.output import write_atomic
from .review_model import RISK_GROUPS, Review, plain

PAGE_NAME = "审阅.html"
TEMPLATE = Path(__file__).resolve().parent / "templates" / "review.html.jinja"


def render_review(review: Review) -> str:
    """The page's HTML (a str, written as UTF-8)."""
    import jinja2

    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True,
                             lstrip_blocks=True)
    template = env.from_string(TEMPLATE.read_text(encoding="utf-8"))
    risks = [(g, [x for x in review.risks if x.group == g]) for g in RISK_GROUPS]
    by_file = sorted(review.entries, key=lambda e: e.file)
    return template.render(r=review, risks=risks, by_file=by_file, plain=plain)


def write_review_page(review: Review, path: Path) -> Path:
    """Write the page at `path` atomically (publish.output.write_atomic); OutputError when it cannot be."""
    write_atomic(path, render_review(review).encode("utf-8"))
    return path
