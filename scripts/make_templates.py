"""Remake the Word templates in templates/ from reportgen/template_builder.py."""

from pathlib import Path

from reportgen.render.template_builder import make_all

if __name__ == "__main__":
    for path in make_all(Path(__file__).resolve().parent.parent / "templates"):
        print(path)
