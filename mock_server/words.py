"""The names a student reads on the site (buttons, links, headings, fields, subjects), in one place to rename.

Page objects find the site's own controls by these names, so a journey can go on when the site renames one; the
guide's words are checked separately, from the guide (a renamed control the guide quotes is a stale sentence).
"""

from __future__ import annotations

from collections.abc import Mapping
from contextvars import ContextVar
from types import MappingProxyType

# The 2012 site's words, as the guide and chsi-facts.md record them (the guide is the source where nothing else is).
LABELS = MappingProxyType({
    # The portal: www.chsi.com.cn and 学信档案 before login.
    "site_name": "中国高等教育学生信息网",
    "site_short": "学信网",
    "platform": "教育部学籍学历管理平台",
    "toolbar": "工具栏",
    "archive": "学信档案",
    "register_home": "学信网帐号注册首页",
    "register_link": "注册学信网帐号",
    # 第三步 to 第九步: registration.
    "register_heading": "注册学信网帐号",
    "username": "用户名",
    "password": "密码",
    "password_again": "确认密码",
    "register_button": "立即注册",
    "activation_heading": "激活帐号",
    "activation_error_heading": "帐号激活",
    "resend_activation": "重新发送激活邮件",
    "activation_subject": "学信网帐号激活邮件",
    "realname_heading": "实名注册",
    "real_name": "真实姓名",
    "id_type": "证件类型",
    "id_number": "身份证号",
    "birth_date": "出生日期",
    "sex": "性别",
    "region": "所在地区",
    "next": "下一步",
    "phone_heading": "手机确认",
    "phone_number": "手机号码",
    "get_code": "获取校验码",
    "sms_dialog": "发送校验码",
    "sms_send": "发送",
    "cancel": "取消",
    "code": "校验码",
    "confirm_heading": "确认个人信息",
    "personal_info": "个人信息",
    "confirm_button": "确认",
    "yes": "是",
    "no": "否",
    "done_heading": "账号注册成功",
    # Today's one-page registration (the `current` profile).
    "mobile": "手机号",
    "name": "姓名",
    "id_number_current": "证件号码",
    "email_optional": "邮箱（选填）",
    "email_check_heading": "绑定邮箱",
    "email_check_subject": "学信网邮箱验证邮件",
    # 个人用户登录 and 学信档案 after login.
    "login_heading": "个人用户登录",
    "login_button": "登  录",
    "archive_menu": "学信档案菜单",
    "logout": "退出",
    "records_link": "学籍信息",
    "records_heading": "学籍信息核对",
    "record_table": "学籍信息",
    "photo_alt": "学历照片",
    "record_name": "姓名",
    "record_sex": "性别",
    "record_ethnicity": "民族",
    "record_birth": "出生日期",
    "record_id": "证件号码",
    "record_school": "院校名称",
    "record_branch": "分院",
    "record_major": "专业",
    "record_level": "层次",
    "record_category": "学历类别",
    "record_form": "学习形式",
    "record_class": "班级",
    "record_student_no": "学号",
    "record_enrolled": "入学日期",
    "record_status": "学籍状态",
    "record_graduation": "预计毕业日期",
    "photo": "照片",
    "photo_check": "图像校对",
    "photo_ok": "正确",
    "photo_wrong": "信息有误",
    "photo_modify_heading": "修改照片信息",
    "photo_reason": "有误原因",
    "photo_file": "正确照片（可选）",
    "submit": "提交",
    # 三: 找回用户名, 找回密码, 帐号审核.
    "find_username_link": "找回用户名",
    "find_username_heading": "找回用户名",
    "find_username_button": "找回用户名",
    "find_password_link": "找回密码",
    "find_password_heading": "找回密码",
    "send_reset": "发送密码重置邮件",
    "reset_link": "【找回密码?】",
    "reset_subject": "学信网密码重置邮件",
    "reset_heading": "重置密码",
    "new_password": "新密码",
    "new_password_again": "确认新密码",
    "reset_button": "重置密码",
    "captcha": "图片验证码",
    "duplicate_help": "【解决方法】",
    "review_link": "申请帐号审核",
    "review_heading": "帐号审核申请",
    "keep": "要保留的帐号",
    "id_front": "身份证正面",
    "id_back": "身份证背面",
    "review_button": "提交审核",
    "review_status_heading": "审核进度",
    "ticket_number": "受理编号",
    "look_up": "查询",
    # The student's own devices.
    "inbox": "收件箱",
    "mail_body": "邮件正文",
    "sms_list": "短信列表",
})  # fmt: skip


# The words of the site a test is talking to: its profile's (the site fixture sets them), else the 2012 site's.
SPOKEN: ContextVar[Mapping[str, str]] = ContextVar("SPOKEN", default=LABELS)


def label(key: str) -> str:
    """What the site under test calls `key` (a button, link, heading or field), as its page objects look for it."""
    return SPOKEN.get()[key]
