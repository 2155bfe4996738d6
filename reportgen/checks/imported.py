"""The rules whose findings the import of a published report makes (reportgen.importer: what the
report prints, and what could not be read), declared here so they are in the registry like every
other. They apply to a published report only: a facts file has no printed pages to read."""

from __future__ import annotations

from .rule import EITHER, ERROR, PUBLICATION, REPORT, UNSURE, WARNING, Check, OnReport, Rule

_SOURCE = "reportgen 读取已发布报告的做法（审核指南“程序读不了什么”）"
READ = Rule("READ", "无法读取", ERROR, "报告文件打不开或读不出文字（文件损坏、有密码、格式不认识）。", _SOURCE,
            facts=False, report=OnReport(PUBLICATION, by_import=True))
SCAN = Rule("SCAN", "扫描件", WARNING, "报告是扫描的图片而不是文字版：读不出文字，数字没有检查（加 --ocr 时用文字识别读取，每个数都要核对）。",
            "第三方评估：年度报告应可获取（文字版，而不是只有图片的扫描件）", facts=False,
            report=OnReport(PUBLICATION, by_import=True))
IMPORT = Rule("IMPORT", "读报告时的提示", EITHER,
              "报告的写法不合统一格式：该填 0 的格子空着或写“/”，表格的行标签抄错或改了，用了旧格式的写法（如（六）其他处理只有一行），"
              "或者标题、成文日期、某部分的标题找不到。",
              "国办公开办函〔2021〕30号《政府信息公开工作年度报告格式》的表格和标签", facts=False,
              report=OnReport(REPORT, by_import=True))
TABLE = Rule("TABLE", "表格没有找到", ERROR, "统一格式的三张表（表二、表三、表四）中有一张找不到或读不出：其中的数没有检查。", _SOURCE,
             facts=False, report=OnReport(UNSURE, by_import=True))
INTERNAL = Rule("INTERNAL", "导入结果无法检查", ERROR,
                "导入报告得到的事实无法检查：这是程序自己的问题，不是报告的问题（请把报告发给维护者，并人工审核）。", _SOURCE,
                facts=False, report=OnReport(UNSURE, by_import=True))

CHECK = Check((READ, SCAN, IMPORT, TABLE, INTERNAL),
              made_by="reportgen.importer: review (READ, SCAN, INTERNAL), notices (IMPORT, TABLE)")
