"""Reader output (blocks) of a national-format report, built by hand as the readers give it, to test
recognition on the layouts real reports have without a real file: modelled on a district
government's 2023 report (printed by WPS to PDF; names, figures and wording replaced).

`report()` gives the whole report; each part can be replaced to reproduce one real failure. The
figures add up (hand-checked below), so any failed sum in a test is the test's own doing:
  一、本年新收 30+4+0+0+0+2 = 36；二、上年结转 2 = 2；
  （一）予以公开 20+2+1 = 23；（二）部分公开 5+1 = 6；（四）1.不掌握 4+1 = 5；（七）总计 29+3+0+0+0+2 = 34；
  四、结转 3+1 = 4；BALANCE: 自然人 30+2 = 29+3，商业企业 4+0 = 3+1，其他 2+0 = 2+0；
  四、行政复议 3+1+0+1 = 5，直接起诉 1 = 1，复议后起诉 0。"""

from __future__ import annotations

from reportgen.model.formats import national_tables as T
from reportgen.importer.document import Block, Cell, Para, Table

SIX = [k for k, _ in T.APPLICANT_COLUMNS]
ROWS: dict[str, list[int]] = {
    "new": [30, 4, 0, 0, 0, 2], "carried_over": [2, 0, 0, 0, 0, 0], "granted": [20, 2, 0, 0, 0, 1],
    "partially_granted": [5, 1, 0, 0, 0, 0], "unable.not_held": [4, 0, 0, 0, 0, 1], "carried_forward": [3, 1, 0, 0, 0, 0],
}
RESULTS_TOTAL = [29, 3, 0, 0, 0, 2]
REVIEWS = [[3, 1, 0, 1], [1, 0, 0, 0], [0, 0, 0, 0]]


def p(text: str, **hints) -> Para:  # type: ignore[no-untyped-def]
    return Para(text, **hints)


def _row(*cells: Cell | str) -> list[Cell]:
    return [c if isinstance(c, Cell) else Cell(c) for c in cells]


def _merged(text: str, n: int) -> list[Cell]:
    cell = Cell(text)
    return [cell] * n


def active_table() -> Table:
    rows = [_merged("第二十条第（一）项", 4), _row("信息内容", "本年制发件数", "本年废止件数", "现行有效件数"),
            _row("规章", "0", "0", "0"), _row("行政规范性文件", "2", "1", "30")]
    for item, entries in (("第二十条第（五）项", [("行政许可", "120")]),
                          ("第二十条第（六）项", [("行政处罚", "45"), ("行政强制", "3")])):
        rows += [_merged(item, 4), [Cell("信息内容"), *_merged("本年处理决定数量", 3)]]
        rows += [[Cell(label), *_merged(value, 3)] for label, value in entries]
    rows += [_merged("第二十条第（八）项", 4), [Cell("信息内容"), *_merged("本年收费金额（单位：万元）", 3)],
             [Cell("行政事业性收费"), *_merged("12.5", 3)]]
    return Table(rows)


def app_cells(key: str, values: list[int], total: int | None = None) -> list[Cell]:
    return [Cell(str(v)) for v in values] + [Cell(str(sum(values) if total is None else total))]


def applications_table(cells: dict[str, list[Cell]] | None = None) -> Table:
    """Table 三 with the rows of ROWS (others 0); `cells` replaces a row's seven value cells."""
    cells = cells or {}
    corner = Cell("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）")
    head = Cell("申请人情况")
    natural, legal, total = Cell("自然人"), Cell("法人或其他组织"), Cell("总计")
    rows = [[corner] * 3 + [head] * 7, [corner] * 3 + [natural] + [legal] * 5 + [total],
            [corner] * 3 + _row("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计")]

    def values(key: str) -> list[Cell]:
        return cells.get(key) or app_cells(key, ROWS.get(key, [0] * 6))

    results = Cell(T.RESULTS_LABEL)
    rows.append(_merged(T.NEW.label, 3) + values("new"))
    rows.append(_merged(T.CARRIED_OVER.label, 3) + values("carried_over"))
    rows.append([results] + _merged(T.GRANTED.label, 2) + values("granted"))
    rows.append([results] + _merged(T.PARTIAL.label, 2) + values("partially_granted"))
    for group, group_label, items in T.GROUPS:
        g = Cell(group_label)
        for item, label in items:
            rows.append([results, g, Cell(label)] + values(f"{group}.{item}"))
    rows.append([results] + _merged("（七）总计", 2) + (cells.get("results_total") or app_cells("", RESULTS_TOTAL)))
    rows.append(_merged(T.CARRIED_FORWARD.label, 3) + values("carried_forward"))
    return Table(rows)


def reviews_table(values: list[Cell] | None = None) -> Table:
    review, suit = Cell("行政复议"), Cell("行政诉讼")
    outcomes = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    first = [Cell(o) for o in outcomes]
    direct, after = Cell("未经复议直接起诉"), Cell("复议后起诉")
    rows = [[review] * 5 + [suit] * 10, first + [direct] * 5 + [after] * 5,
            first + [Cell(o) for o in outcomes] + [Cell(o) for o in outcomes]]
    if values is None:
        values = [Cell(str(v)) for row in REVIEWS for v in [*row, sum(row)]]
    rows.append(values)
    return Table(rows)


def overview(parts: list[Block] | None = None) -> list[Block]:
    return [p("一、总体情况", bold=True),
            p("2023年，示例区人民政府坚持以《条例》为遵循，推进政府信息公开工作规范、有序开展。"),
            *(parts if parts is not None else [
                p("（一）主动公开情况。全年在政府门户网站主动公开政府信息1136条。"),
                p("（二）依申请公开情况。全年新收政府信息公开申请36件，均在法定期限内答复。"),
                p("（三）政府信息管理情况。严格执行“先审后发”制度。"),
                p("（四）政府信息公开平台建设情况。加强政府网站和政务新媒体监管。"),
                p("（五）政府信息公开监督保障情况。将政务公开纳入全区各部门年度绩效考核，开展政务公开社会评议，全年未发生责任追究情况。")])]


def report(*, title: list[Block] | None = None, overview_blocks: list[Block] | None = None,
           active: list[Block] | None = None, applications: list[Block] | None = None,
           reviews: list[Block] | None = None, six: list[Block] | None = None,
           signing: list[Block] | None = None, after: list[Block] | None = None) -> list[Block]:
    """The whole report as a reader gives it; each argument replaces one part."""
    return [
        *(title if title is not None else [p("示例区人民政府2023年政府信息公开工作年度报告", align="center", size=22)]),
        p("本报告由示例区人民政府办公室根据《中华人民共和国政府信息公开条例》要求编制。报告中所列数据统计期限自2023年1月1日起至"
          "2023年12月31日止。"),
        *(overview_blocks if overview_blocks is not None else overview()),
        *(active if active is not None else [p("二、主动公开政府信息情况", bold=True), active_table()]),
        *(applications if applications is not None else [p("三、收到和处理政府信息公开申请情况", bold=True),
                                                          applications_table()]),
        *(reviews if reviews is not None else [p("四、政府信息公开行政复议、行政诉讼情况", bold=True), reviews_table()]),
        p("五、存在的主要问题及改进情况", bold=True),
        p("2023年，我区政府信息公开工作取得了一定成效，但仍存在公开内容不够全面等问题。下一步，将加强业务培训。"),
        *(six if six is not None else [p("六、其他需要报告的事项", bold=True), p("本年度未收取信息处理费。")]),
        *(signing if signing is not None else [p("示例区人民政府", align="right"), p("2024年1月20日", align="right")]),
        *(after or []),
    ]
