"""What a failed Playwright check means, said in Chinese for the audit: expected this, the page showed that."""

from __future__ import annotations

import re

ROLES = {
    "link": "链接", "button": "按钮", "heading": "标题", "textbox": "输入框", "dialog": "对话框", "table": "表格",
    "img": "图片", "navigation": "导航栏", "row": "表格行", "cell": "单元格", "status": "提示", "alert": "错误提示",
    "article": "正文", "combobox": "下拉框",
}  # fmt: skip


def _target(message: str) -> str:
    """The element a failed check waited for, as a student would name it."""
    role = re.search(r'get_by_role\("(\w+)", name="([^"]+)"', message)
    if role:
        return f"{ROLES.get(role.group(1), role.group(1))}“{role.group(2)}”"
    by_label = re.search(r'get_by_label\("([^"]+)"', message)
    if by_label:
        return f"“{by_label.group(1)}”输入框"
    by_text = re.search(r'get_by_text\("([^"]+)"', message)
    if by_text:
        return f"文字“{by_text.group(1)}”"
    return "所需的页面元素"


def in_chinese(failure: BaseException) -> str:
    """A one-line Chinese account of a failed check, without Playwright's call log."""
    text = str(failure)
    expected = re.search(
        r"expected to (have text|contain text|be|have value|have count) '(.*?)'\nActual value: (.*?) ?\n", text, re.S
    )
    if expected:
        kind, want, got = expected.groups()
        what = {
            "have text": "文字",
            "contain text": "包含文字",
            "be": "网址",
            "have value": "填写值",
            "have count": "个数",
        }
        shown = got.strip()
        if shown in ("", "None"):
            return f"期望{what[kind]}“{want}”，页面上没有这一项"
        return f"期望{what[kind]}“{want}”，页面上是“{shown}”"
    if "expected to be visible" in text or "Timeout" in text or "not found" in text:
        return f"页面上找不到{_target(text)}"
    if "expected to be hidden" in text:
        return f"页面上不应出现{_target(text)}，但它出现了"
    first = text.strip().splitlines()[0] if text.strip() else type(failure).__name__
    return first[:200]
