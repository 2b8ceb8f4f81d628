"""The names a student reads on the site (buttons, links, headings, subjects), in one place for profiles to rename."""

from __future__ import annotations

from types import MappingProxyType

# The 2012 site's words, as the guide and chsi-facts.md record them. Page objects look for these words, as a
# student holding the guide does; a profile or variant that renames one shows where the guide goes stale.
LABELS = MappingProxyType({
    "platform": "教育部学籍学历管理平台",
    "archive": "学信档案",
    "register_link": "注册学信网帐号",
    "register_button": "立即注册",
    "activation_subject": "学信网帐号激活邮件",
    "sms_send": "发送",
    "confirm_button": "确认",
    "yes": "是",
    "login_heading": "个人用户登录",
    "login_button": "登  录",
    "records_link": "学籍信息",
    "photo_ok": "正确",
    "photo_wrong": "信息有误",
    "find_username_link": "找回用户名",
    "find_password_link": "找回密码",
    "reset_link": "【找回密码?】",
    "duplicate_help": "【解决方法】",
    "review_link": "申请帐号审核",
    "reset_subject": "学信网密码重置邮件",
})  # fmt: skip
