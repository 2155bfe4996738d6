"""REQUESTS: relations between the narrative format's structured request counts (pure, on dicts)."""

from reportgen.checks.requests import relations


def codes(block):
    return [(f.key, f.error) for f in relations(block)]


def test_consistent_block_has_no_finding():
    # 海盐县卫生局 2016-style figures: 31 received, 1 carried over, 30 answered, 2 carried forward.
    block = {"received": 31, "carried_over": 1, "answered": 30, "granted": 20, "partially_granted": 4,
             "denied": 1, "not_exist": 3, "not_our_duty": 1, "unclear": 1, "other": 0, "carried_forward": 2}
    assert codes(block) == []


def test_more_answered_than_received_is_an_error():
    findings = relations({"received": 13, "carried_over": 0, "answered": 31})  # swapped digits
    assert [(f.key, f.error) for f in findings] == [("answered", True)]
    assert "办结 31 件，而 受理申请 13 = 13 件" in findings[0].message


def test_carried_over_counts_as_received():
    assert codes({"received": 30, "carried_over": 2, "answered": 32}) == []


def test_outcomes_must_add_up_when_all_given():
    block = {"answered": 30, "granted": 20, "partially_granted": 4, "denied": 1, "not_exist": 3,
             "not_our_duty": 1, "unclear": 2, "other": 0}
    findings = relations(block)
    assert [(f.key, f.error) for f in findings] == [("answered", False)]
    assert "= 31 件，而办结 30 件" in findings[0].message


def test_some_outcomes_given_only_a_sum_above_is_flagged():
    assert codes({"answered": 30, "granted": 20, "denied": 1}) == []
    assert codes({"answered": 30, "granted": 28, "denied": 3}) == [("answered", False)]


def test_carried_forward_consistency():
    assert codes({"received": 31, "carried_over": 1, "answered": 30, "carried_forward": 2}) == []
    assert codes({"received": 31, "carried_over": 1, "answered": 30, "carried_forward": 0}) == [("carried_forward", False)]


def test_missing_figures_check_nothing():
    assert codes({}) == [] and codes({"received": 3}) == []
