"""Site variants that each make one statement of the guide untrue, as data: the audit must find it, and only it.

One variant per claim of the guide (`CLAIMS`), and one per control the guide names (`RENAMES`: the site renames it).
`chsi-e2e prove` runs the journeys that check each one against it and expects the audit to mark that claim (or, for
a rename, that sentence), and nothing else, as contradicted; `quote` is what the correction must then quote (the new
name, the new rule). `document` replaces a sentence of the guide document itself, for the one claim about the
document rather than the site (the 目录).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from mock_server.profile import SITE_2012, Profile


@dataclass(frozen=True)
class Variant:
    """The 2012 site with one claim (or one control's name) of the guide broken."""

    key: str  # the claim it breaks, or rename:<sentence>:<word> for a renamed control
    summary: str
    changes: dict[str, Any] = field(default_factory=dict)
    quote: str = ""
    document: dict[str, str] = field(default_factory=dict)

    @property
    def name(self) -> str:
        """The profile name results carry: `variant:<key>`."""
        return f"variant:{self.key}"

    @property
    def sentence(self) -> str:
        """The guide sentence the variant makes stale."""
        return self.key.split(":")[1] if self.renames else self.key.rsplit(".", 1)[0]

    @property
    def renames(self) -> bool:
        """True for a variant that only renames a control the guide names."""
        return self.key.startswith("rename:")

    def profile(self, base: Profile = SITE_2012) -> Profile:
        """The site profile this variant serves."""
        return base.varied(self.name, **self.changes)


def _v(claim: str, summary: str, quote: str = "", document: dict[str, str] | None = None, **changes: Any) -> Variant:
    return Variant(claim, summary, changes, quote, document or {})


CLAIMS = {v.key: v for v in (
    _v("toc.1.headings", "目录漏掉了第三部分", document={
        "toc.1": "一、学信网帐号注册流程 .......................... - 1 - 二、图像信息校对流程 ................ - 5 -"}),
    _v("reg.1.possible", "首页不再自称教育部学籍学历管理平台", "学生信息服务平台", words={"platform": "学生信息服务平台"}),
    _v("reg.2.toolbar", "工具栏的“学信档案”改名为“我的学信”", "我的学信", words={"archive": "我的学信"}),
    _v("reg.2.possible", "注册入口改名为“新用户注册”", "新用户注册", words={"register_link": "新用户注册"}),
    _v("reg.3.email", "用户名不再检查邮箱格式", email_pattern=r".+"),
    _v("reg.3.password", "密码至少8位", "8位", password_pattern=r"[A-Za-z0-9]{8,}",
       password_rule="密码由8位以上的数字或字母组成"),
    _v("reg.3.once", "同一邮箱可以注册多次", unique_email=False),
    _v("reg.3.possible", "注册按钮改名为“提交”", "提交", words={"register_button": "提交"}),
    _v("reg.4.instant", "激活邮件30分钟后才到", activation_mail_delay=timedelta(minutes=30)),
    _v("reg.4.possible", "不再发送帐号激活邮件", activation_mail=False),
    _v("reg.5.possible", "激活邮件的主题改为“学信网帐号注册确认”", "学信网帐号注册确认",
       words={"activation_subject": "学信网帐号注册确认"}),
    _v("reg.6.click", "邮件中的链接不能点击（纯文本）", activation_link_clickable=False),
    _v("reg.6.possible", "激活邮件正文中没有链接网址，只有激活码", activation_link_in_mail=False),
    _v("reg.6.paste", "链接只能在邮件中点击，粘贴到地址栏无效", activation_link_typed=False),
    _v("reg.7.possible", "实名注册还必须选择民族", "民族", realname_extra_field="民族"),
    _v("reg.8.possible", "发送校验码对话框的按钮改名为“确定”", "确定", words={"sms_send": "确定"}),
    _v("reg.9.yes", "对话框的“是”改名为“确定注册”", "确定注册", words={"yes": "确定注册"}),
    _v("reg.9.possible", "确认个人信息页的“确认”按钮改名为“提交”", "提交", words={"confirm_button": "提交"}),
    _v("reg.note.30s", "注册完成后20秒转入登录页面", "20", redirect_after_registration=timedelta(seconds=20)),
    _v("reg.note.login", "登录页面改名为“用户登录”", "用户登录", words={"login_heading": "用户登录"}),
    _v("img.1.possible", "登录按钮改名为“立即登录”", "立即登录", words={"login_button": "立即登录"}),
    _v("img.2.button", "“学籍信息”按钮改名为“高等学籍”", "高等学籍", words={"records_link": "高等学籍"}),
    _v("img.2.possible", "学籍信息核对页面停用（系统维护）", "系统维护", records_open=False),
    _v("img.3.photo", "学籍信息页不再显示毕业照片", photo_shown=False),
    _v("img.3.possible", "学籍信息中的证件号码被部分隐藏，无法核对", id_number_masked=True),
    _v("img.note.1.report", "学生可以在页面上自行修改个人信息", info_editable=True),
    _v("img.note.2.confirm", "点击确认按钮后校对并未完成", photo_confirm_saves=False),
    _v("img.note.2.label", "照片正确按钮改名为“确认无误”", "确认无误", words={"photo_ok": "确认无误"}),
    _v("img.note.3.modify", "照片有误时不再提供修改页面", photo_modify_form=False),
    _v("img.note.3.report", "提交照片有误后不再让学生汇报学校", photo_report_to_school=False),
    _v("img.note.3.label", "照片有误按钮改名为“照片有误”", "照片有误", words={"photo_wrong": "照片有误"}),
    _v("login.1.lookup", "找回用户名还须输入图片验证码", "图片验证码", recovery_captcha=True),
    _v("login.1.exact", "找回用户名不再要求准确的姓名", exact_name=False),
    _v("login.1.button", "结果中的链接改名为“【重置密码】”", "【重置密码】", words={"reset_link": "【重置密码】"}),
    _v("login.1.possible", "登录页的“找回用户名”改名为“忘记用户名”", "忘记用户名",
       words={"find_username_link": "忘记用户名"}),
    _v("login.2.reset", "登录页的“找回密码”改名为“重置密码”", "重置密码", words={"find_password_link": "重置密码"}),
    _v("login.2.possible", "重置密码链接设置的新密码不生效", reset_saves=False),
    _v("login.3.reregister", "同一身份证号可以直接再注册一个帐号", unique_id=False),
    _v("login.3.possible", "“【解决方法】”链接改名为“【申诉】”", "【申诉】", words={"duplicate_help": "【申诉】"}),
    _v("login.4.two", "找回用户名只显示最新的一个帐号", lists_every_account=False),
    _v("login.4.upload", "审核只收身份证正面照片", review_photos=("front",)),
    _v("login.4.days", "审核时限改为10个工作日", "10个工作日", working_days=10),
    _v("login.4.possible", "“申请帐号审核”改名为“联系客服”", "联系客服", words={"review_link": "联系客服"}),
)}  # fmt: skip


# For each control a step of the guide names, the site's word for it and a name the site might give it instead.
# tests/test_variants.py checks that every control term of the guide has its rename here.
RENAMED_CONTROLS = {
    ("reg.2", "学信档案"): ("archive", "我的学信"),
    ("reg.2", "注册学信网帐号"): ("register_link", "新用户注册"),
    ("reg.3", "立即注册"): ("register_button", "提交注册"),
    ("reg.8", "获取校验码"): ("get_code", "发送验证码"),
    ("reg.8", "发送"): ("sms_send", "确定"),
    ("reg.9", "确认"): ("confirm_button", "下一步"),
    ("reg.9", "是"): ("yes", "确定"),
    ("img.1", "登录"): ("login_button", "立即登录"),
    ("img.2", "学籍信息"): ("records_link", "高等学籍"),
    ("img.note.2", "正确"): ("photo_ok", "确认无误"),
    ("img.note.3", "信息有误"): ("photo_wrong", "照片有误"),
    ("login.1", "找回用户名"): ("find_username_link", "忘记用户名"),
    ("login.1", "找回密码"): ("reset_link", "【重置密码】"),
    ("login.2", "找回密码"): ("find_password_link", "重置密码"),
    ("login.3", "解决方法"): ("duplicate_help", "【申诉】"),
    ("login.4", "申请帐号审核"): ("review_link", "联系客服"),
}
RENAMES = {
    v.key: v
    for v in (
        Variant(f"rename:{sentence}:{word}", f"“{word}”改名为“{new}”", {"words": {key: new}}, new)
        for (sentence, word), (key, new) in RENAMED_CONTROLS.items()
    )
}
VARIANTS = {**CLAIMS, **RENAMES}
