"""The document model every report format shares: title, preamble, sections with numbered
headings (per-level numbering styles, run-in headings), paragraphs and points, derived figures,
attachments and the signature block. A format adds its statutory parts (tables, fixed headings)
on top; the checks of both are in reportgen.checks.

Dependencies flow one way: `schema`, `text`, `prose` → `document` → `formats` → `facts`.
Nothing here imports a format or `facts`.
"""
