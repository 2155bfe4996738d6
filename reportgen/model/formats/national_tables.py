"""The three statutory tables of 国办公开办函〔2021〕30号, as data: keys, printed labels, merges.

The single source of every label: the template builder prints them, the checks name rows and
columns by them, the schema describes fields with them. Pure data, no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass

# -- 二、主动公开政府信息情况 ------------------------------------------------------------------------

RULE_COLUMNS = (("issued", "本年制发件数"), ("repealed", "本年废止件数"), ("in_force", "现行有效件数"))
RULE_ROWS = (("regulations", "规章"), ("normative_documents", "行政规范性文件"))
DECISION_ROWS = (("licensing", "行政许可", "第二十条第（五）项"),
                 ("penalty", "行政处罚", "第二十条第（六）项"),
                 ("enforcement", "行政强制", "第二十条第（六）项"))
FEE_ROW = ("fees", "行政事业性收费", "第二十条第（八）项")
ACTIVE_ITEM_1 = "第二十条第（一）项"
ACTIVE_CONTENT = "信息内容"
ACTIVE_DECISIONS = "本年处理决定数量"
ACTIVE_FEES = "本年收费金额（单位：万元）"


def _value_blocks() -> tuple[tuple[str, str, tuple[tuple[str, str], ...]], ...]:
    """The table's blocks after the first: (block title, value header, ((key, row label), …))."""
    blocks: list[tuple[str, str, list[tuple[str, str]]]] = []
    for key, label, item in DECISION_ROWS:
        if blocks and blocks[-1][0] == item:
            blocks[-1][2].append((key, label))
        else:
            blocks.append((item, ACTIVE_DECISIONS, [(key, label)]))
    fee_key, fee_label, fee_item = FEE_ROW
    blocks.append((fee_item, ACTIVE_FEES, [(fee_key, fee_label)]))
    return tuple((item, header, tuple(rows)) for item, header, rows in blocks)


ACTIVE_VALUE_BLOCKS = _value_blocks()  # 第二十条第（五）、（六）、（八）项

# -- 三、收到和处理政府信息公开申请情况 --------------------------------------------------------------

APPLICANT_COLUMNS = (
    ("natural", "自然人"),
    ("business", "商业企业"),
    ("research", "科研机构"),
    ("nonprofit", "社会公益组织"),
    ("legal", "法律服务机构"),
    ("other", "其他"),
)
TOTAL = ("total", "总计")
APPLICATION_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
APPLICANTS = "申请人情况"
LEGAL_PERSONS = "法人或其他组织"


@dataclass(frozen=True)
class AppRow:
    key: str  # path below `applications`, e.g. "denied.state_secret"
    label: str  # the label printed in the row's last label cell
    group: str = ""  # the merged group label (（三）不予公开 …), if the row is in a group

    @property
    def printed(self) -> str:
        """How findings name the row: group and item, as the table prints them."""
        return f"{self.group} {self.label}" if self.group else self.label


RESULTS_LABEL = "三、本年度办理结果"
NEW = AppRow("new", "一、本年新收政府信息公开申请数量")
CARRIED_OVER = AppRow("carried_over", "二、上年结转政府信息公开申请数量")
GRANTED = AppRow("granted", "（一）予以公开")
PARTIAL = AppRow("partially_granted", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）")

GROUPS: tuple[tuple[str, str, tuple[tuple[str, str], ...]], ...] = (
    ("denied", "（三）不予公开", (
        ("state_secret", "1.属于国家秘密"),
        ("prohibited_by_law", "2.其他法律行政法规禁止公开"),
        ("three_safeties", "3.危及“三安全一稳定”"),
        ("third_party", "4.保护第三方合法权益"),
        ("internal_affairs", "5.属于三类内部事务信息"),
        ("process_info", "6.属于四类过程性信息"),
        ("enforcement_files", "7.属于行政执法案卷"),
        ("inquiry_matters", "8.属于行政查询事项"),
    )),
    ("unable", "（四）无法提供", (
        ("not_held", "1.本机关不掌握相关政府信息"),
        ("needs_creation", "2.没有现成信息需要另行制作"),
        ("unclear", "3.补正后申请内容仍不明确"),
    )),
    ("not_processed", "（五）不予处理", (
        ("complaints", "1.信访举报投诉类申请"),
        ("repeated", "2.重复申请"),
        ("publications", "3.要求提供公开出版物"),
        ("excessive", "4.无正当理由大量反复申请"),
        ("confirmation", "5.要求行政机关确认或重新出具已获取信息"),
    )),
    ("other_handling", "（六）其他处理", (
        ("no_correction", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
        ("unpaid_fees", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
        ("other", "3.其他"),
    )),
)
GROUP_ROWS = tuple(
    AppRow(f"{group}.{key}", label, group_label)
    for group, group_label, items in GROUPS for key, label in items
)
RESULTS_TOTAL = AppRow("results_total", "（七）总计")
CARRIED_FORWARD = AppRow("carried_forward", "四、结转下年度继续办理")

RESULT_ROWS = (GRANTED, PARTIAL, *GROUP_ROWS)  # summed into （七）总计
ALL_APP_ROWS = (NEW, CARRIED_OVER, *RESULT_ROWS, RESULTS_TOTAL, CARRIED_FORWARD)  # the 25 printed rows

# -- 四、政府信息公开行政复议、行政诉讼情况 -----------------------------------------------------------

OUTCOME_COLUMNS = (("upheld", "结果维持"), ("corrected", "结果纠正"), ("other", "其他结果"), ("pending", "尚未审结"))
REVIEW_GROUPS = (
    ("review", "行政复议"),
    ("direct_suit", "未经复议直接起诉"),
    ("suit_after_review", "复议后起诉"),
)
LITIGATION = "行政诉讼"

# -- the six sections -------------------------------------------------------------------------------

SECTIONS = (
    "总体情况",
    "主动公开政府信息情况",
    "收到和处理政府信息公开申请情况",
    "政府信息公开行政复议、行政诉讼情况",
    "存在的主要问题及改进情况",
    "其他需要报告的事项",
)
OVERVIEW_PARTS = (
    ("active", "主动公开"),
    ("requests", "依申请公开"),
    ("management", "政府信息管理"),
    ("platforms", "政府信息公开平台建设"),
    ("oversight", "监督保障"),
)
