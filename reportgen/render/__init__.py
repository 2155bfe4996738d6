"""Render: derived facts and a Word template become the .docx bytes (and the templates are made)."""
