"""表“二、主动公开政府信息情况” in the 2019 trial layout (国办公开办函〔2019〕60号), used for the 2019
and 2020 reports and still by some later ones, read into the 2021 facts with notes."""

from __future__ import annotations

from typing import Any

from .document import Table, label_key
from .table_cells import Read, count, fill_missing, split


def read_active_2019(table: Table, read: Read) -> Read:
    """The 2019 trial table: （一）项 新制作 · 新公开 · 对外公开总数量; （五）（六） 上一年项目数量 ·
    本年增/减 · 处理决定数量; （八）项 上一年项目数量 · 本年增/减 (no amount)."""
    read.trial_2019 = True
    read.warn("表“二、主动公开政府信息情况”是 2019 年试行格式（国办公开办函〔2019〕60号）：已按 2021 年格式读取，"
                         "“本年新制作数量”记作本年制发件数，“对外公开总数量”记作现行有效件数，本年废止件数记作 0，"
                         "“处理决定数量”记作本年处理决定数量，行政事业性收费金额记作 0。请逐项核对。",
              "表“二、主动公开政府信息情况”用的是 2019 年试行格式（国办公开办函〔2019〕60号），不是 2021 年的格式。",
              code="FORMAT")
    data: dict[str, Any] = {}
    names = {"规章": ("rule", "regulations"), "规范性文件": ("rule", "normative_documents"),
             "行政规范性文件": ("rule", "normative_documents"), "行政许可": ("decision", "licensing"),
             "行政处罚": ("decision", "penalty"), "行政强制": ("decision", "enforcement")}
    for row in table.rows:
        labels, values = split(row)
        if not labels or not values:
            continue
        found = names.get(label_key(labels[-1]))
        if not found:
            continue
        what, name = found
        nums = [v for _, v in values]
        if what == "rule":
            data[name] = {"issued": count(nums[0], f"active_disclosure.{name}.issued", read, labels[-1]),
                          "repealed": 0,
                          "in_force": count(nums[-1], f"active_disclosure.{name}.in_force", read, labels[-1])}
            read.notes[f"active_disclosure.{name}"] = "2019 年试行格式：新制作数量→本年制发，对外公开总数量→现行有效，废止记 0"
        else:
            data[name] = count(nums[-1], f"active_disclosure.{name}", read, labels[-1])
            read.notes[f"active_disclosure.{name}"] = "2019 年试行格式：取“处理决定数量”"
    fill_missing(data, read)
    read.data = data
    return read
