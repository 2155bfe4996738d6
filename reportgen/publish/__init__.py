"""Publish: the outputs of a build, written atomically: the .docx, the PDF, the web page, the 图解
and the roll-up workbook."""
