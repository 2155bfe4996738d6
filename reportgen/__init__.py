"""reportgen: annual reports on open government information (政府信息公开工作年度报告), from a
YAML facts file to a GB/T 9704 Word document.

    from reportgen import build_report, check
    result = build_report("data/jiaxing-sports-2011.yaml", "out/report.docx")
"""

from .api import BuildResult, build_report, check
from .checks.run import load_facts
from .errors import FactsError, OutputError, Problem, ReportgenError, TemplateError
from .model.facts import Facts

__all__ = [
    "BuildResult",
    "Facts",
    "FactsError",
    "OutputError",
    "Problem",
    "ReportgenError",
    "TemplateError",
    "build_report",
    "check",
    "load_facts",
]
__version__ = "0.1.0"
