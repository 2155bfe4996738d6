"""Model: what a facts file means. The schema and its fields, the validated `Facts`, the document
model every format shares, the report formats, and the pure helpers they use (text, prose, figures)."""
