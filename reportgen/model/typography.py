"""The fonts of a report: the families GB/T 9704 names for its parts, as the .docx names them
(仿宋_GB2312 for the text, 黑体/楷体 for headings §7.3.3, 方正小标宋简体 for the title), and the
fontconfig file that maps these official (not free) fonts to free ones for the PDF on Linux.

Here, in the model, because the template layout (reportgen.render.layout), the PDF conversion
(reportgen.publish.pdf) and the GLYPH check (reportgen.checks.glyphs) all need them, and the model
comes before each of them.
"""

from __future__ import annotations

from pathlib import Path

FANGSONG, KAITI, HEITI, XIAOBIAOSONG, SONGTI = "仿宋_GB2312", "楷体_GB2312", "黑体", "方正小标宋简体", "宋体"
LATIN = "Times New Roman"

#: fontconfig file mapping the official font names to free fonts (used on Linux).
FONTCONFIG_FILE = Path(__file__).parent.parent / "fonts" / "fonts.conf"
