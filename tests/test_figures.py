"""reportgen.model.mentions: which typed number in prose is about which figure (pure; no files)."""

from decimal import Decimal

import pytest

from reportgen.model.mentions import agrees, mentions, parse_number

# A national report's references, as NationalFormat.references gives them (values chosen by hand).
KNOWN = {
    "applications.new.total": "79",
    "applications.carried_over.total": "2",
    "applications.granted.total": "50",
    "applications.partially_granted.total": "8",
    "applications.denied.total": "5",
    "applications.results_total.total": "78",
    "applications.carried_forward.total": "3",
    "review_litigation.review.total": "2",
    "review_litigation.direct_suit.total": "1",
    "review_litigation.suit_after_review.total": "0",
    "processing_fee": "350.00",
    "active_disclosure.fees": "1.5",
    "active_disclosure.licensing": "152",
    "active_disclosure.normative_documents.issued": "3",
    "active_disclosure.normative_documents.repealed": "2",
    "active_disclosure.normative_documents.in_force": "45",
    "active_disclosure.regulations.in_force": "0",
    "year": "2025",
}
# The narrative format's structured requests (issue 10), as references.
NARRATIVE = {"requests.received": "31", "requests.carried_over": "1", "requests.answered": "30",
             "requests.granted": "20", "requests.partially_granted": "4", "requests.review": "1", "year": "2016"}


def found(text, known=KNOWN, labels=None):
    return [(m.typed, m.value, m.names) for m in mentions(text, known, labels)]


@pytest.mark.parametrize("typed, value", [
    ("79", 79), ("1,268", 1268), ("７９", 79), ("0.5", Decimal("0.5")), ("八十", 80), ("十五", 15),
    ("一百零五", 105), ("一千二百六十八", 1268), ("三万二千", 32000), ("两", 2), ("〇", 0),
])
def test_numbers(typed, value):
    assert parse_number(typed) == Decimal(value)


@pytest.mark.parametrize("typed", ["一二", "1,26", "abc", "1.2.3"])
def test_not_numbers(typed):
    assert parse_number(typed) is None


@pytest.mark.parametrize("text, typed, names", [
    ("全年新收政府信息公开申请79件。", "79", ("applications.new.total",)),
    ("共受理80件申请。", "80", ("applications.new.total",)),  # number before the noun
    ("本年度收到申请共计八十件。", "八十", ("applications.new.total",)),
    ("办结申请78件。", "78", ("applications.results_total.total",)),
    ("结转下年度继续办理3件。", "3", ("applications.carried_forward.total",)),
    ("上年结转2件。", "2", ("applications.carried_over.total",)),
    ("不予公开5件。", "5", ("applications.denied.total",)),
    ("予以公开和部分公开58件。", "58", ("applications.granted.total", "applications.partially_granted.total")),
    ("予以公开、部分公开共58件。", "58", ("applications.granted.total", "applications.partially_granted.total")),
    ("行政复议2起。", "2", ("review_litigation.review.total",)),
    ("行政诉讼1件。", "1", ("review_litigation.direct_suit.total", "review_litigation.suit_after_review.total")),
    ("收取信息处理费350元。", "350", ("processing_fee",)),
    ("作出行政许可决定152件。", "152", ("active_disclosure.licensing",)),
    ("现行有效的行政规范性文件45件。", "45", ("active_disclosure.normative_documents.in_force",)),
    ("行政规范性文件制发3件、废止2件、现行有效45件。", "45", ("active_disclosure.normative_documents.in_force",)),
    ("现行有效规章0件。", "0", ("active_disclosure.regulations.in_force",)),
])
def test_phrases(text, typed, names):
    hits = [h for h in found(text) if h[0] == typed]
    assert hits and hits[-1][2] == names


def test_both_word_orders_and_parts_in_one_sentence():
    assert found("全年新收申请79件，其中予以公开50件、部分公开8件，不予公开5件。") == [
        ("79", 79, ("applications.new.total",)),
        ("50", 50, ("applications.granted.total",)),
        ("8", 8, ("applications.partially_granted.total",)),
        ("5", 5, ("applications.denied.total",)),
    ]


@pytest.mark.parametrize("text", [
    "行政复议纠正1件。",  # a part of the total, not the total
    "比上年增加5件。",  # a change
    "收到申请79余件。",  # an estimate
    "收到申请约80件。",
    "其中予以公开占64%。",
    "公开行政许可信息1268条。",  # disclosed items, not decisions
    "新收申请{applications.new.total}件。",  # a reference, no typed number
    "2025年，本机关召开会议3次。",  # nothing the tables hold
    "收到申请后，第3个工作日内答复。",
    "新收申请，共79件。",  # another clause: not tied
])
def test_not_mentions(text):
    assert found(text) == []


def test_unknown_figures_are_ignored():
    assert found("全年新收政府信息公开申请79件。", {"year": "2025"}) == []


def test_narrative_requests_names():
    assert found("全年受理申请31件，同意公开和部分公开24件，办结30件。", NARRATIVE) == [
        ("31", 31, ("requests.received",)),
        ("24", 24, ("requests.granted", "requests.partially_granted")),
        ("30", 30, ("requests.answered",)),
    ]


def test_labels_name_more_figures():
    labels = {"counts.published": "门户网站主动公开政府信息"}
    known = {"counts.published": "1268"}
    assert found("全年门户网站主动公开政府信息1,200条。", known, labels) == [("1,200", 1200, ("counts.published",))]


def test_offsets_and_phrase():
    text = "全年新收政府信息公开申请七十九件。"
    (m,) = mentions(text, KNOWN)
    assert text[m.start:m.end] == "七十九" and m.phrase == "新收政府信息公开申请七十九件"


def test_agrees_with_sum_and_alternatives():
    (m,) = mentions("予以公开和部分公开58件。", KNOWN)
    assert agrees(m, KNOWN)  # 50 + 8, not 50 alone
    (m,) = mentions("全年受理申请81件。", KNOWN)
    assert agrees(m, KNOWN)  # 受理 may count last year's 2 carried over: 79 + 2
    (m,) = mentions("全年受理申请97件。", KNOWN)  # swapped digits
    assert not agrees(m, KNOWN)
    (m,) = mentions("收取信息处理费0.035万元。", KNOWN)
    assert m.value == 350 and agrees(m, KNOWN)


def test_a_bracket_after_the_number_says_which_figure():
    # data/example-2025.yaml's wording: the bracket narrows 行政诉讼 to one of its two kinds.
    assert found("提起行政诉讼1件（未经复议直接起诉）。") == [("1", 1, ("review_litigation.direct_suit.total",))]


def test_or_joins_a_combined_phrase():
    # 桐庐县 2023 report: 「其中予以公开或部分公开96件」 is （一）+（二）.
    assert found("其中予以公开或部分公开58件。")[0][2] == ("applications.granted.total",
                                                     "applications.partially_granted.total")


def test_a_label_mention_is_in_the_figures_unit():
    labels, known = {"counts.trainings": "政务公开业务培训"}, {"counts.trainings": "3"}
    units = {"counts.trainings": "次"}
    assert found_units("组织政务公开业务培训4次。", known, labels, units) == [("4", 4, ("counts.trainings",))]
    assert found_units("组织政务公开业务培训200人。", known, labels, units) == []  # people, not sessions


def test_a_label_joined_to_another_phrase_is_not_its_figure():
    # A city bureau's report: 「组织新闻宣传和媒体采访70次（其中新闻宣传活动40次、媒体采访30次）」 — 70 counts
    # both, so it is no mention of 媒体采访 (30); the bracket's 30次 still is.
    labels, known = {"counts.interviews": "媒体采访"}, {"counts.interviews": "30"}
    units = {"counts.interviews": "次"}
    assert found_units("组织新闻宣传和媒体采访70次（其中新闻宣传活动40次、媒体采访30次）。", known, labels, units) == [
        ("30", 30, ("counts.interviews",))]
    assert found_units("组织新闻宣传、媒体采访70次。", known, labels, units) == []
    # A number between them makes the label its own item again.
    assert found_units("组织新闻宣传3次和媒体采访70次。", known, labels, units) == [("70", 70, ("counts.interviews",))]


def found_units(text, known, labels, units):
    return [(m.typed, m.value, m.names) for m in mentions(text, known, labels, units)]


@pytest.mark.parametrize("text", [
    "通过12345热线受理群众诉求350件，办结348件，其余2件结转下年度继续跟踪。",
    "全年共收到网民留言230条，办结226条。",
    "全年办理人大代表建议12件、政协提案8件，办结率100%，建议提案答复全文予以公开5件。",
    "开展上年度问题整改，整改问题17个，已办结15件。",
])
def test_outcome_words_about_something_else_are_not_the_tables_figures(text):
    """办结 / 予以公开 / 结转下年度 count 诉求, 留言, 建议提案 here: a false TEXT warning each before."""
    assert found(text) == []


def test_outcome_words_after_a_request_are_still_compared():
    text = "接待群众咨询300人次，新收政府信息公开申请79件，办结78件，其中予以公开50件。"
    assert [t for t, _, _ in found(text)] == ["79", "78", "50"]


@pytest.mark.parametrize("text", [
    "受理行政许可申请1386件。",         # applications for licences, not for information (and not the decisions)
    "全年受理各类政务服务申请3200件。",
    "受理低保申请20件，均按时审核。",
])
def test_other_kinds_of_application_are_not_information_requests(text):
    """Before, each was compared with 一、本年新收政府信息公开申请数量 (a false TEXT warning)."""
    assert found(text) == []


def test_information_requests_are_still_found():
    assert [n for _, _, n in found("受理政府信息公开申请79件，收到群众网上申请79件。")] == [
        ("applications.new.total",), ("applications.new.total",)]
    assert [n for _, _, n in found("作出行政许可决定152件。")] == [("active_disclosure.licensing",)]
