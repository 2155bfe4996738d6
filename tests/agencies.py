"""Generated agencies of one district for the roll-up tests: the facts of data/example-2025.yaml
with each agency's own random counts (seeded), balanced as the national format requires
(一 + 二 = 三（七）+ 四 in every applicant column). The numbers are kept here as plain lists so
the tests can add them up without reportgen."""

from __future__ import annotations

import copy
import random
from decimal import Decimal
from pathlib import Path

import yaml
from conftest import DATA

# Departments of a district government (区政府工作部门), as their annual reports name them.
DEPARTMENTS = [
    "发展和改革局", "教育局", "科学技术局", "公安分局", "民政局", "司法局", "财政局", "人力资源和社会保障局",
    "自然资源和规划分局", "生态环境分局", "住房和城乡建设局", "交通运输局", "水利局", "农业农村局", "商务局",
    "文化和旅游局", "卫生健康局", "应急管理局", "市场监督管理局", "医疗保障局",
]
APPLICANTS = 6
RESULT_PATHS = [("granted",), ("partially_granted",)] + [
    (group, key) for group, keys in (
        ("denied", ["state_secret", "prohibited_by_law", "three_safeties", "third_party", "internal_affairs",
                    "process_info", "enforcement_files", "inquiry_matters"]),
        ("unable", ["not_held", "needs_creation", "unclear"]),
        ("not_processed", ["complaints", "repeated", "publications", "excessive", "confirmation"]),
        ("other_handling", ["no_correction", "unpaid_fees", "other"]),
    ) for key in keys
]


def _example() -> dict:
    return yaml.safe_load((DATA / "example-2025.yaml").read_text(encoding="utf-8"))


def agency_data(index: int, seed: int = 13) -> dict:
    """One agency's facts (a dict to dump as YAML), with random balanced counts."""
    rng = random.Random(seed * 1000 + index)
    data = copy.deepcopy(_example())
    data["agency"] = {"name": f"示例区{DEPARTMENTS[index]}", "short_name": f"区{DEPARTMENTS[index]}",
                      "self_name": "我局"}
    data["signed"] = f"2026-01-{rng.randint(10, 28)}"
    apps = data["applications"]
    results = [0] * APPLICANTS
    for path in RESULT_PATHS:
        row = [rng.choice([0, 0, 1, 2, 3, rng.randint(0, 40)]) for _ in range(APPLICANTS)]
        target = apps
        for part in path[:-1]:
            target = target[part]
        target[path[-1]] = row
        results = [a + b for a, b in zip(results, row)]
    forward = [rng.randint(0, 3) for _ in range(APPLICANTS)]
    carried_over = [rng.randint(0, min(4, r + f)) for r, f in zip(results, forward)]
    apps["carried_forward"] = forward
    apps["carried_over"] = carried_over
    apps["new"] = [r + f - c for r, f, c in zip(results, forward, carried_over)]
    active = data["active_disclosure"]
    active["regulations"] = {"issued": 0, "repealed": 0, "in_force": 0}
    issued, repealed = rng.randint(0, 12), rng.randint(0, 6)
    active["normative_documents"] = {"issued": issued, "repealed": repealed, "in_force": rng.randint(20, 90)}
    for key in ("licensing", "penalty", "enforcement"):
        active[key] = rng.randint(0, 3000)
    active["fees"] = Decimal(rng.randint(0, 900000)) / 100
    for key in ("review", "direct_suit", "suit_after_review"):
        data["review_litigation"][key] = {k: rng.randint(0, 3) for k in ("upheld", "corrected", "other", "pending")}
    data["processing_fee"] = Decimal(rng.randint(0, 3000)) / 10
    return data


def dump(data: dict) -> str:
    def amount(dumper: yaml.SafeDumper, value: Decimal) -> yaml.Node:
        return dumper.represent_scalar("tag:yaml.org,2002:float", format(value, "f"))

    class Dumper(yaml.SafeDumper):
        pass

    Dumper.add_representer(Decimal, amount)
    return yaml.dump(data, Dumper=Dumper, allow_unicode=True, sort_keys=False, width=1000)


def write_district(folder: Path, count: int = 20) -> list[dict]:
    """`count` agencies' facts files of 2025 in `folder`; returns their data."""
    folder.mkdir(parents=True, exist_ok=True)
    datas = [agency_data(i) for i in range(count)]
    for i, data in enumerate(datas):
        (folder / f"{i + 1:02d}-{DEPARTMENTS[i]}-2025.yaml").write_text(dump(data), encoding="utf-8")
    return datas
