"""typed-year: a year typed in last year's texts that `reportgen new` carries into next year's
file unchanged. Copying last year's report with its years is the 雷同 reviewers mark; `new` cannot
tell "2025年" meaning the report's year from "2025年" meaning that year, so it warns at each text
and leaves the choice to the clerk (reportgen.authoring.typed_years finds them,
reportgen.authoring.new_year makes the warning)."""

from __future__ import annotations

from .rule import WARNING, Check, Rule

RULE = Rule("typed-year", "写着上年的年度", WARNING,
            "reportgen new 生成新一年的文件时，某段文字里写着上年的年度（如“2025年”）：指报告年度的请改为 {year}，确指那一年的保留。",
            "《政府信息公开条例》第五十条（年度报告写本年度的情况）；国办公开办函〔2021〕30号“明确责任”（内容雷同的追责）")

CHECK = Check((RULE,), made_by="reportgen.authoring.new_year (reportgen new)")
