"""A whole national-format annual report written as WPS or Word write their PDFs
(tests/pdf_traits.py). WPS: page number drawn first, every character on its own at a scaled text
matrix, stroked rules, table 三's header not repeated on the next page. Word: lines as strings
justified by character spacing, the page number after the body, thin filled rectangles as rules,
table 三's three header rows repeated. Both: justified lines, subset fonts named in GBK, the three
tables of 国办公开办函〔2021〕30号 with their merged cells, table 三 over a page break, table 四
in fifteen narrow equal columns.

The text is typed here for the tests (modelled on how district offices write, no real report's
wording); the figures are data/example-2025.yaml's, which add up (no slip), so an import that
reads every cell right finds no error in them."""

from __future__ import annotations

from pathlib import Path

from pdf_traits import Sheet

from reportgen.model.formats import national_tables as T

AGENCY = "示例市示例区人民政府办公室"
ACTIVE = {"regulations": [0, 0, 0], "normative_documents": [5, 3, 43], "licensing": 1386, "penalty": 93,
          "enforcement": 9, "fees": "42.15"}
APPS = {
    "new": [64, 8, 1, 2, 3, 1], "carried_over": [3, 1, 0, 0, 0, 0],
    "granted": [25, 3, 0, 1, 1, 0], "partially_granted": [6, 1, 0, 0, 1, 0],
    "denied.state_secret": [0] * 6, "denied.prohibited_by_law": [1, 0, 0, 0, 0, 0],
    "denied.three_safeties": [0] * 6, "denied.third_party": [2, 0, 0, 0, 0, 0],
    "denied.internal_affairs": [1, 0, 0, 0, 0, 0], "denied.process_info": [2, 1, 0, 0, 0, 0],
    "denied.enforcement_files": [1, 0, 0, 0, 0, 0], "denied.inquiry_matters": [1, 0, 0, 0, 0, 0],
    "unable.not_held": [12, 2, 1, 1, 1, 0], "unable.needs_creation": [3, 0, 0, 0, 0, 0],
    "unable.unclear": [1, 0, 0, 0, 0, 0],
    "not_processed.complaints": [3, 0, 0, 0, 0, 0], "not_processed.repeated": [2, 0, 0, 0, 0, 0],
    "not_processed.publications": [1, 0, 0, 0, 0, 0], "not_processed.excessive": [0] * 6,
    "not_processed.confirmation": [1, 0, 0, 0, 0, 0],
    "other_handling.no_correction": [2, 0, 0, 0, 0, 1], "other_handling.unpaid_fees": [0] * 6,
    "other_handling.other": [1, 0, 0, 0, 0, 0],
    "carried_forward": [2, 2, 0, 0, 0, 0],
}
REVIEWS = {"review": [3, 1, 1, 1], "direct_suit": [1, 0, 0, 1], "suit_after_review": [1, 0, 0, 0]}

INTRO = (f"本报告由{AGENCY}根据《中华人民共和国政府信息公开条例》要求编制。全文包括总体情况、主动公开政府信息情况、"
         "收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项。"
         "本报告中所列数据的统计期限自2025年1月1日起至2025年12月31日止。")
OVERVIEW = [
    ("（一）主动公开", "全年通过区政府门户网站主动公开政府信息2,316条，发布政策解读47篇。制发行政规范性文件5件、废止3件，"
                 "现行有效43件，均在网站“政策文件”栏目集中公开。"),
    ("（二）依申请公开", "全年新收政府信息公开申请79件，上年结转4件，所有申请均在法定期限内答复。"),
    ("（三）政府信息管理", "严格落实公开前保密审查制度，明确“谁起草、谁审查，谁公开、谁负责”，全年未发生泄密事件。"),
    ("（四）政府信息公开平台建设", "持续优化区政府门户网站，完善机构职能、政策文件、财政资金等栏目，依托政务新媒体发布权威信息。"),
    ("（五）监督保障", "将政务公开纳入年度绩效考核，组织政务公开业务培训6次，未发生因政务公开工作不到位被追责的情况。"),
]


def _total(values: list[int]) -> list[str]:
    return [str(v) for v in values] + [str(sum(values))]


def results_total() -> list[int]:
    rows = ["granted", "partially_granted"] + [f"{g}.{k}" for g, _, items in T.GROUPS for k, _ in items]
    return [sum(APPS[r][i] for r in rows) for i in range(6)]


def active_rows() -> tuple[list[list[str | None]], dict]:
    rows: list[list[str | None]] = [[T.ACTIVE_ITEM_1, None, None, None], [T.ACTIVE_CONTENT] + [c for _, c in T.RULE_COLUMNS]]
    rows += [[label] + [str(v) for v in ACTIVE[key]] for key, label in T.RULE_ROWS]
    spans = {(0, 0): (1, 4)}
    for item, header, block in T.ACTIVE_VALUE_BLOCKS:
        spans[(len(rows), 0)] = (1, 4)
        rows.append([item, None, None, None])
        spans[(len(rows), 1)] = (1, 3)
        rows.append([T.ACTIVE_CONTENT, header, None, None])
        for key, label in block:
            spans[(len(rows), 1)] = (1, 3)
            rows.append([label, str(ACTIVE[key]), None, None])
    return rows, spans


def application_rows() -> tuple[list[list[str | None]], dict]:
    legal = [c for _, c in T.APPLICANT_COLUMNS[1:]]
    rows: list[list[str | None]] = [
        [T.APPLICATION_NOTE, None, None, T.APPLICANTS] + [None] * 6,
        [None, None, None, "自然人", T.LEGAL_PERSONS, None, None, None, None, "总计"],
        [None, None, None, None] + legal + [None],
    ]
    spans = {(0, 0): (3, 3), (0, 3): (1, 7), (1, 3): (2, 1), (1, 4): (1, 5), (1, 9): (2, 1)}
    for row in (T.NEW, T.CARRIED_OVER):
        spans[(len(rows), 0)] = (1, 3)
        rows.append([row.label, None, None] + _total(APPS[row.key]))
    spans[(len(rows), 0)] = (22, 1)
    first = True
    for row in (T.GRANTED, T.PARTIAL):
        spans[(len(rows), 1)] = (1, 2)
        rows.append([T.RESULTS_LABEL if first else None, row.label, None] + _total(APPS[row.key]))
        first = False
    for group, label, items in T.GROUPS:
        spans[(len(rows), 1)] = (len(items), 1)
        for k, (key, item) in enumerate(items):
            rows.append([None, label if k == 0 else None, item] + _total(APPS[f"{group}.{key}"]))
    spans[(len(rows), 1)] = (1, 2)
    rows.append([None, T.RESULTS_TOTAL.label, None] + _total(results_total()))
    spans[(len(rows), 0)] = (1, 3)
    rows.append([T.CARRIED_FORWARD.label, None, None] + _total(APPS["carried_forward"]))
    return rows, spans


def review_rows() -> tuple[list[list[str | None]], dict]:
    outcomes = [c for _, c in T.OUTCOME_COLUMNS] + ["总计"]
    rows: list[list[str | None]] = [
        ["行政复议", None, None, None, None, T.LITIGATION] + [None] * 9,
        outcomes + ["未经复议直接起诉", None, None, None, None, "复议后起诉", None, None, None, None],
        [None] * 5 + outcomes * 2,
        sum((_total(REVIEWS[key]) for key, _ in T.REVIEW_GROUPS), []),
    ]
    spans = {(0, 0): (1, 5), (0, 5): (1, 10), (1, 10): (1, 5), (1, 5): (1, 5)}
    spans.update({(1, c): (2, 1) for c in range(5)})
    return rows, spans


def wps_report(path: Path, *, rules: str = "stroke") -> Path:
    """The report as a PDF at `path`; `rules` "stroke" (WPS) or "fill" (Word)."""
    wps = rules == "stroke"
    s = Sheet(path, rules=rules, scaled=wps, runs=not wps)
    s.para(f"{AGENCY}2025年政府信息公开工作年度报告", size=22, indent=0, align="center")
    s.para(INTRO, before=16)
    s.para("一、总体情况", font="hei")
    for heading, text in OVERVIEW:
        s.para(heading, font="kai")
        s.para(text, font="fang")
    s.para("二、主动公开政府信息情况", font="hei")
    rows, spans = active_rows()
    s.table([150, 97, 97, 98], rows, spans=spans, header=0)
    s.para("三、收到和处理政府信息公开申请情况", font="hei", before=12)
    rows, spans = application_rows()
    # WPS does not repeat the header rows on the next page; Word does where the table asks
    s.table([30, 44, 92, 40, 40, 40, 40, 40, 38, 38], rows, spans=spans, header=0 if wps else 3, size=9)
    s.para("四、政府信息公开行政复议、行政诉讼情况", font="hei", before=12)
    rows, spans = review_rows()
    s.table([442 / 15] * 15, rows, spans=spans, header=0, size=9, pad=1)
    s.para("五、存在的主要问题及改进情况", font="hei", before=12)
    s.para("一是政策解读形式还比较单一；二是部分栏目更新不够及时。下一步，将丰富解读形式，加强栏目日常维护。", font="fang")
    s.para("六、其他需要报告的事项", font="hei")
    s.para("本年度未收取信息处理费。", font="fang")
    s.para(AGENCY, indent=0, align="right", before=40)
    s.para("2026年1月20日", indent=0, align="right")
    return s.save()
