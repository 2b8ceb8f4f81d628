"""What a failed Playwright check means, said in Chinese for the audit: expected this, the page showed that."""

from __future__ import annotations

import re

ROLES = {
    "link": "链接", "button": "按钮", "heading": "标题", "textbox": "输入框", "dialog": "对话框", "table": "表格",
    "img": "图片", "navigation": "导航栏", "row": "表格行", "cell": "单元格", "status": "提示", "alert": "错误提示",
    "article": "正文", "combobox": "下拉框", "form": "表单", "list": "列表", "listitem": "列表项", "checkbox": "复选框",
    "radio": "单选按钮", "option": "选项",
}  # fmt: skip


# How a locator found by role, label, text (or, in a failure, a CSS selector) is spelled: in Playwright's messages,
# and in a locator's own repr (an action names no selector: a handout shows it).
IN_MESSAGES = (
    r'get_by_role\("(\w+)", name="([^"]+)"',
    r'get_by_label\("([^"]+)"',
    r'get_by_text\("([^"]+)"',
    r'locator\("([^"]+)"\)',
)
IN_LOCATORS = (
    r'internal:role=(\w+)\[name=\\?"([^"\\]+)',
    r'internal:label=\\?"([^"\\]+)',
    r'internal:text=\\?"([^"\\]+)',
    r"(?!)",  # never: an action is not named by its selector
)


def element_named(text: str, spelling: tuple[str, str, str, str] = IN_MESSAGES) -> str:
    """The element `text` speaks of, as a student would name it: 按钮“立即注册”, “用户名”输入框, 文字“…”; an element
    found by its place in the page is named by that place (页面元素 #countdown)."""
    by_role, by_label, by_text, by_css = (re.search(pattern, text) for pattern in spelling)
    if by_role:
        return f"{ROLES.get(by_role.group(1), by_role.group(1))}“{by_role.group(2)}”"
    if by_label:
        return f"“{by_label.group(1)}”输入框"
    if by_text:
        return f"文字“{by_text.group(1)}”"
    if by_css and re.fullmatch(r"main:has\(.+\) h1", by_css.group(1)):
        return "这一页的标题"  # a page found by what only it holds (SitePage's holds=), not by its heading's words
    return f"页面元素 {by_css.group(1)}" if by_css else "所需的页面元素"


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
    snapshot = re.search(r"expected to match Aria snapshot '(.*?)'\nActual value: (.*?)\s*(?:\nCall log|$)", text, re.S)
    if snapshot:
        return f"期望页面结构“{snapshot.group(1)}”，页面上是“{' '.join(snapshot.group(2).split())}”"
    if "strict mode violation" in text:
        return f"页面上不止一个{element_named(text)}，不知该用哪一个"
    if "has been closed" in text:
        return "页面已经关闭"
    if 'waiting for event "response"' in text:
        return "等待站点应答超时：页面没有发出要等的请求，或站点没有应答"
    if "element is not enabled" in text:
        return f"{element_named(text)}在页面上，但不可用（已禁用），点不了"
    if "expected to be visible" in text or "Timeout" in text or "not found" in text:
        return f"页面上找不到{element_named(text)}"
    if "expected to be hidden" in text:
        return f"页面上不应出现{element_named(text)}，但它出现了"
    first = text.strip().splitlines()[0] if text.strip() else type(failure).__name__
    return first[:200]


def unfindable_page(page_object: str, heading: str) -> str:
    """Why a page object as written could never find its page: no way given, or a heading key the words lack."""
    if not heading:
        return f"页面对象 {page_object} 要给出 heading=（标题在词表里的键）或 holds=（只有这一页才有的元素）"
    return f"页面对象 {page_object} 的 heading={heading!r} 不是词表 mock_server/words.py 里的键"
