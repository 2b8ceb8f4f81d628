"""Allure categories: the guide contradicted by the site, apart from product failures and harness errors."""

from __future__ import annotations

import json
from pathlib import Path

CATEGORIES = [
    {
        "name": "指南与站点不符（指南需要修订）",
        "description": "站点与指南的说法不一致：失败信息同时引用“指南：”与“站点：”。",
        "matchedStatuses": ["failed"],
        "messageRegex": "(?s).*指南：.*站点：.*",
    },
    {
        "name": "站点缺陷（产品失败）",
        "description": "旅程之外的断言失败：站点行为与预期不符，但不涉及指南原话。",
        "matchedStatuses": ["failed"],
    },
    {
        "name": "测试工具错误（需修复测试本身）",
        "description": "异常而非断言失败：夹具、浏览器、模拟站点或测试代码出错。",
        "matchedStatuses": ["broken"],
    },
]


def write_categories(results: Path) -> None:
    """Put categories.json where Allure reads it: in the results folder."""
    (results / "categories.json").write_text(json.dumps(CATEGORIES, ensure_ascii=False, indent=1), encoding="utf-8")
