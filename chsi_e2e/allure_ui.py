"""Allure's own interface finished in Chinese: what its zh locale leaves in English, and label names in words."""

from __future__ import annotations

import base64
import json
import re
from typing import Any

from harness.evidence import (
    LABEL_CLAIM,
    LABEL_FAILURE,
    LABEL_GUIDE,
    LABEL_PROFILE,
    LABEL_VARIANT,
    LABEL_VERDICT,
    LABEL_WALKTHROUGH,
)


class InterfaceError(RuntimeError):
    """The pinned Allure's bundle no longer looks as this module expects (after an upgrade)."""


# Allure 3.18's zh locale ("zh" is the right reportLanguage: web-commons' AVAILABLE_LOCALES) keeps these in English.
ZH = {
    "sections.report": "报告",
    "tabs.resolutionCategories": "处理方式",
    "ui.resolutionCategories": "处理方式",
    "filters.resolution": "处理方式",
    "filters.resolutions.issue": "已关联问题",
    "filters.resolutions.muted": "已静默",
    "filters.resolutions.accepted": "已接受",
    "filters.description.resolution.issue": "显示已关联问题的测试结果",
    "filters.description.resolution.muted": "显示已静默的测试结果",
    "filters.description.resolution.accepted": "显示已接受的测试结果",
    "transitions.description.resolution.issue": "已关联问题",
    "transitions.description.resolution.muted": "已静默的测试结果",
    "transitions.description.resolution.accepted": "已接受的测试结果",
    "empty.no-resolution-categories-results": "没有按处理方式归类的结果",
    "shortcuts.items.tabResolutionCategories": "处理方式标签页",
    "shortcuts.items.reportTabResolutionCategories": "报告标签页：处理方式",
    "ui.openPwTrace": "打开 Playwright 追踪",
    "ui.pwTracePopupBlocked": "浏览器阻止了打开 Playwright 追踪查看器。",
    "ui.fullname": "完整名称",
    "ui.retry-hash": "重试标识",
    "ui.test-case-id": "测试用例编号",
}
# Words the components spell themselves, outside any locale: exact source text -> Chinese, each must be found.
HARD_CODED = {
    'children:"Powered by"': 'children:"报告工具"',
    'title:"Description"': 'title:"描述"',
    'zh:{short:"Zh",': 'zh:{short:"中文",',  # the language picker's button
    '{children:[" Ver: ",': '{children:[" 版本 ",',  # the footer's Allure version
}
# Several values of one label share a line: Allure cuts each to its share ("核…"); let them wrap as whole words.
WRAP_VALUES = (
    "<style>[data-testid=metadata-item-value]{flex-wrap:wrap;min-width:0}"
    "[data-testid=metadata-item-value]>div{max-width:100%}"
    "[data-testid=metadata-item-value] span{white-space:normal;overflow:visible;text-overflow:clip}</style>"
)
# Label names as readers know them (Allure shows the raw name beside each label's values).
LABEL_NAMES = {
    "epic": "指南", "feature": "部分", "story": "旅程", "tag": "标签", "severity": "严重程度", "owner": "负责人",
    LABEL_CLAIM: "核查的说法", LABEL_VERDICT: "指南结论", LABEL_WALKTHROUGH: "收入手册", LABEL_PROFILE: "站点版本",
    LABEL_VARIANT: "站点变体", LABEL_FAILURE: "失败类型", LABEL_GUIDE: "审计的指南文件",
}  # fmt: skip
# The labels list renders each name as `title:<name>`; the patch looks it up in LABEL_NAMES first.
LABELS_LIST = re.compile(r"\(0,(\w+)\.Y\)\((\w+),\{size:(\w+),title:(\w+),values:(\w+)\},\4\)")
APP_SCRIPT = re.compile(r'<script(\s+)src="data:text/javascript;base64,([A-Za-z0-9+/=]+)"')
LOCALE = re.compile(r"JSON\.parse\('((?:[^'\\]|\\.)*)'\)")
# The zh locale module is the one whose results tab says 结果.
ZH_MARK = '"tabs":{"total":"全部","results":"结果"'


def finish(html: str) -> str:
    """The report page with Allure's interface wholly in Chinese."""
    found = APP_SCRIPT.search(html)
    if not found:
        raise InterfaceError("报告中找不到 Allure 的程序脚本")
    app = base64.b64decode(found.group(2)).decode("utf-8")
    app = _label_names(_hard_coded(_locale(app)))
    names = f"{WRAP_VALUES}<script>window.chsiLabelNames={json.dumps(LABEL_NAMES, ensure_ascii=False)};</script>"
    encoded = base64.b64encode(app.encode("utf-8")).decode()
    return (
        html[: found.start()]
        + names
        + f'<script{found.group(1)}src="data:text/javascript;base64,{encoded}"'
        + html[found.end() :]
    )


def _js_string(literal: str) -> str:
    """The text of a single-quoted JavaScript string literal."""
    simple = {"n": "\n", "t": "\t", "r": "\r"}

    def one(m: re.Match[str]) -> str:
        code = m.group(1)
        return chr(int(code[1:], 16)) if code[0] in "ux" and len(code) > 1 else simple.get(code, code)

    return re.sub(r"\\(u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|.)", one, literal)


def _locale(app: str) -> str:
    """The zh locale module with ZH's words in place."""
    for found in LOCALE.finditer(app):
        if ZH_MARK not in found.group(1):
            continue
        words = json.loads(_js_string(found.group(1)))
        for key, value in ZH.items():
            _put(words, key, value)
        text = json.dumps(words, ensure_ascii=False, separators=(",", ":"))
        literal = text.replace("\\", "\\\\").replace("'", "\\'")
        return app[: found.start(1)] + literal + app[found.end(1) :]
    raise InterfaceError("报告中找不到 Allure 的中文语言包")


def _put(words: dict[str, Any], key: str, value: str) -> None:
    *path, last = key.split(".")
    for part in path:
        words = words.setdefault(part, {})
    words[last] = value


def _hard_coded(app: str) -> str:
    for source, chinese in HARD_CODED.items():
        if source not in app:
            raise InterfaceError(f"报告中找不到要翻译的界面文字 {source}")
        app = app.replace(source, chinese)
    return app


def _label_names(app: str) -> str:
    def named(m: re.Match[str]) -> str:
        name = m.group(4)
        return m.group(0).replace(f"title:{name},", f"title:window.chsiLabelNames[{name}]??{name},")

    patched, count = LABELS_LIST.subn(named, app)
    if count != 1:
        raise InterfaceError(f"报告中的标签列表与预期不同（找到 {count} 处）")
    return patched
