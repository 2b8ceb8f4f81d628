"""What the site model can prove, as a catalogue of checkable facts, and the words by which a sentence names one.

An entry is keyed by the site (a control with its name, a page, a rule with its quantity, a mail, a waiting time),
not by any guide's sentence ids, so every school's guide binds to the same entries. `eras` says in which site
profiles the fact holds as written; `flow` which of the executor's journeys shows it; `seed` which claims of the
2012 guide (fixtures/guide.toml) it stands for, so the seed is one instance of the same binding.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from guidebook.terms import spelled

EMAIL_ERA, TODAY = "2012", "current"


@dataclass(frozen=True)
class Entry:
    """One fact the site model can prove, the sentences that state it, and where the executor checks it."""

    id: str
    says: str  # the fact, as the audit states it
    flow: str  # the executor's journey that reaches it: registration, phone_registration, records, recovery, review
    patterns: tuple[str, ...]  # a sentence binds when any of these matches its (simplified) text
    unless: tuple[str, ...] = ()  # … and none of these does
    eras: frozenset[str] = frozenset({EMAIL_ERA, TODAY})
    seed: tuple[str, ...] = ()

    def names(self, sentence: str) -> bool:
        """True when `sentence` states this fact (in whichever spelling of 帐号 and 登录 it uses)."""
        text = spelled(sentence)
        return any(re.search(p, text) for p in self.patterns) and not any(re.search(u, text) for u in self.unless)

    def spans(self, sentence: str) -> list[tuple[int, int]]:
        """Where in `sentence` the words that state this fact stand."""
        return [m.span() for p in self.patterns for m in re.finditer(p, spelled(sentence))]


# 务必要实名注册, 必须先实名注册: registering under one's real name, which every era asks (register.real_identity), not
# the separate 实名注册 page of 2012.
_MUST_NOT_BEFORE = "".join(f"(?<!{word})" for word in ("务必", "必须", "须", "需", "要", "应", "先"))
# 帐号注册首页 is registration's own page, not the site's; xjxl.chsi.com.cn and my.chsi.com.cn are other services.
_URL = r"((?<![A-Za-z0-9-]\.)(www\.)?chsi\.com\.cn|(?<!注册)首页)"
# A mail or link that resets a password (找回密码): recovery's, not registration's activation mail.
_RESET_MAIL = r"重置密码|找回密码|新密码|密码重置"
CATALOGUE = {
    e.id: e
    for e in (
        Entry("portal.platform", "学信网首页：中国高等教育学生信息网，教育部学籍学历管理平台", "registration",
              (rf"(登录|进入|打开|访问|登陆|输入)\S{{0,12}}({_URL}|中国高等教育学生信息网|学籍学历管理平台)",
               r"学信网是教育部指定", r"^\S{0,6}(登录|进入|打开)(教育部)?学籍学历管理平台"),
              unless=(r"没有?登录",), seed=("reg.1.possible",)),
        Entry("portal.archive_button", "首页上的“学信档案”", "registration", (r"[“‘‚「【\"]学信档案[”’‛」】\"]",),
              seed=("reg.2.toolbar",)),
        Entry("portal.image_check_entry", "首页上的“图像校对”入口", "records",
              (r"(首页|左下方|网页|chsi\.com\.cn).{0,40}(图像校对|学籍信息[(（]图像校对)", r"点击\S?[“‘「【]学历(电子注册)?图像校对"),
              unless=(r"登录后", r"学信档案后"), eras=frozenset({"2014", TODAY})),
        Entry("register.entry", "“注册学信网帐号”入口", "registration",
              (r"注册[“‘「【]?学信网帐号[”’」】]?", r"点击\S?[“‘「【]注册[”’」】]", r"改用正确信息重新注册", r"进入(学信网)?(帐号)?注册(首页|页面|界面)"), unless=(r"已注册",),
              seed=("reg.2.possible",)),
        Entry("register.account_form", "注册表单：用户名（邮箱）、密码、确认密码，“立即注册”", "registration",
              (r"立即注册", r"依次输入用户名、密码", r"邮箱、设置密码", r"填好用户名、密码"), eras=frozenset({EMAIL_ERA}), seed=("reg.3.possible",)),
        Entry("rule.username_email", "用户名必须是真实的邮箱", "registration",
              (r"用户名\S{0,12}(必须|须|要|请)?\S{0,6}(真实|本人|自己|常用|正在使用)\S{0,4}(电子)?邮箱", r"用户名(填写|一栏)\S{0,12}邮箱"),
              eras=frozenset({EMAIL_ERA}), seed=("reg.3.email",)),
        Entry("rule.password", "密码的规则（位数与字符）", "registration", (r"密码\S{0,6}\d+位",), unless=(r"后\d+位",),
              seed=("reg.3.password",)),
        Entry("rule.one_per_email", "每个邮箱只能注册一次", "registration",
              (r"(每个邮箱|帐号|账号)只能注册一次",), seed=("reg.3.once",)),
        Entry("mail.activation_sent", "注册后激活邮件发到邮箱", "registration",
              (r"激活邮件\S{0,12}(发送|发到|送到|到达|会发)", r"(发送|发)\S{0,6}激活邮件", r"激活邮件实时"),
              eras=frozenset({EMAIL_ERA}), seed=("reg.4.instant", "reg.4.possible")),
        Entry("mail.activation_open", "在邮箱中找到激活邮件并打开", "registration",
              (r"(进入|登录|打开)\S{0,4}(自己的)?邮箱", r"到邮箱中", r"(查找|打开|找到)\S{0,6}(激活)?邮件(?!中的链接)",
               r"学信网发来的邮件"),
              unless=(r"不要借用", _RESET_MAIL), eras=frozenset({EMAIL_ERA}), seed=("reg.5.possible",)),
        Entry("mail.activation_link", "点击（或复制粘贴）邮件中的链接，进入实名注册", "registration",
              (r"(点击|打开)\S{0,8}(激活|确认)?链接", r"复制(并|后)?粘贴", r"点击\S{0,6}正文里的链接", r"激活链接完成激活"),
              unless=(_RESET_MAIL,), eras=frozenset({EMAIL_ERA}), seed=("reg.6.click", "reg.6.paste", "reg.6.possible")),
        Entry("register.real_name", "实名注册：真实姓名、证件类型、身份证号、出生日期、性别、所在地区", "registration",
              (_MUST_NOT_BEFORE + r"实名(注册|信息)(?!\S{0,2}(学信网)?帐号)", r"真实的?姓名", r"证件类型", r"所在地区"), unless=(r"提示“?证件号码已", r"用身份证号和姓名查"),
              seed=("reg.7.possible",)),
        Entry("register.real_identity", "注册须实名：用本人的真实姓名与证件号码", "registration",
              (r"实名注册\S{0,2}(学信网)?帐号", r"(务必|必须|须|需要?|应|要)(先|要)?\S{0,2}实名注册(?!页面|界面)")),
        Entry("rule.id_number", "身份证号为15位或18位", "registration",
              (r"身份证号\S{0,8}(1[58])位", r"(15|18)位\S{0,6}身份证"),),
        Entry("register.phone_confirm", "手机确认：手机号码、“获取校验码”、“发送”、短信校验码", "registration",
              (r"获取校验码", r"点\S{0,8}[“‘「【]发送", r"手机确认", r"校验码[”’」】]?(填|输入)", r"短信里的校验码",
               r"点击\S?[“‘「【]完成注册", r"输入手机号码", r"输入校验码", r"校验码发送(至|到)\S{0,4}手机"),
              unless=(r"注册完成后",), eras=frozenset({EMAIL_ERA}), seed=("reg.8.possible",)),
        Entry("register.confirm_yes", "确认个人信息，在对话框中点击“是”", "registration",
              (r"[“‘‚「【]是[”’‛」】]", r"确认(个人)?信息(无误)?后点"), eras=frozenset({EMAIL_ERA}),
              seed=("reg.9.yes", "reg.9.possible")),
        # No site the model knows lets 否 lead back to the form (2013 guides say it does): a fact of no era.
        Entry("register.confirm_no", "确认个人信息的对话框中点击“否”，返回修改", "registration",
              (r"[“‘「【]否[”’」】]",), eras=frozenset()),
        Entry("register.redirect_login", "注册完成后若干秒自动转入登录页面", "registration",
              (r"\d+多?秒\S{0,10}(自动)?(转入|跳到|跳转)", r"(自动)?(转入|跳到)\S{0,6}登录页"), seed=("reg.note.30s",)),
        Entry("login.page", "个人用户登录：用户名与密码，“登录”", "records",
              (r"个人用户登录", r"输入\S{0,6}?[“‘「【]?(用户名|手机号|手机帐号)[^。；;]{0,16}(和|与|及)?\S?密码",
               r"^\S{0,8}登录(学信网|学信档案|帐号)[。]?$", r"用原帐号登录", r"登录学信档案", r"直接登录",
               r"点击\S?[“‘「【]登录[”’」】]"),
              unless=(r"登录\S{0,6}后", r"确认密码"), seed=("reg.note.login", "img.1.possible")),
        Entry("register.phone_first", "今天的注册：手机号、短信校验码、密码、姓名、证件号码同在一页", "phone_registration",
              (r"手机号已存在", r"填写手机号、短信校验码", r"[“‘「【]继续注册", r"用户名(即|就)?(为|是)\S{0,2}手机号",
               r"手机号码?(即|就)?(为|是|作为)用户名"), eras=frozenset({TODAY})),
        Entry("archive.records_button", "学信档案中的“学籍信息”", "records",
              (r"[“‘‚「【]学籍(信息|档案)", r"点击\S?学籍信息", r"高等教育信息"),
              unless=(r"首页",), seed=("img.2.button", "img.2.possible")),
        Entry("archive.check_info", "学籍信息核对页面上本人的个人信息", "records",
              (r"核对\S{0,12}(个人信息|学籍信息|姓名)", r"显示本人的学籍信息", r"开始校对", r"逐项核对", r"(查看|看到)\S{0,10}个人信息"),
              unless=(r"弹出", r"[“‘「]是[”’」]", r"帐号里", r"通知$"), seed=("img.3.possible",)),
        Entry("archive.photo", "学籍信息核对页面上本人的毕业照片", "records",
              (r"核对\S{0,30}照片", r"显示\S{0,12}照片", r"查看\S{0,4}(学历|毕业)照片", r"对\S{0,6}(照片|图像)\S{0,8}核对"), unless=(r"纸质", r"凭证"),
              seed=("img.3.photo",)),
        Entry("photo.correct", "照片正确：点击“正确”完成校对", "records",
              (r"[“‘‚「【]正确", r"图像信息正确"), seed=("img.note.2.confirm", "img.note.2.label")),
        Entry("photo.wrong", "照片有误：点击“信息有误”，进入修改页面提交", "records",
              (r"[“‘‚「【](信息)?有误", r"图像信息有误", r"有误\S{0,16}点击\S{0,3}[“‘「【]有[”’」】]"),
              unless=(r"点(过|了)",), seed=("img.note.3.modify", "img.note.3.label", "img.note.3.report")),
        Entry("archive.info_not_editable", "个人信息有误不能在网站上修改，向学校反映", "records",
              (r"个人信息有误\S{0,6}(向|到|找)",), seed=("img.note.1.report",)),
        Entry("archive.no_record", "姓名或身份证号与学籍不一致时“找不到该学籍”", "records",
              (r"找不到\S{0,8}学籍", r"查不到\S{0,8}学籍", r"系统无法匹配"),),
        Entry("recover.username", "找回用户名：身份证号与姓名", "recovery",
              (r"找回用户名", r"忘记(学信网登录)?用户名"), seed=("login.1.lookup", "login.1.possible")),
        Entry("rule.exact_name", "找回用户名须用准确的姓名", "recovery",
              (r"准确的姓名", r"姓名必须与注册时完全一致"), seed=("login.1.exact",)),
        Entry("recover.password", "找回密码：按邮件（或手机）重置密码", "recovery",
              (r"(点击|点)\S?[“‘「【]?找回密码", r"忘记密码", r"重置密码", r"找回密码\S{0,3}邮件", r"设置新密码"),
              unless=(r"^\S{0,6}通过以上找回密码",),
              seed=("login.1.button", "login.2.reset", "login.2.possible")),
        Entry("recover.captcha", "找回用户名、找回密码须填图片验证码", "recovery", (r"图片验证码",), eras=frozenset({TODAY})),
        Entry("reregister.id_taken", "同一身份证号再注册被拒绝，“【解决方法】”申请审核", "review",
              (r"证件号码已(经)?被注册", r"解决方法", r"需要重新注册", r"身份证号(已|显示)被\S{0,2}注册", r"用了你的身份证号"),
              seed=("login.3.reregister", "login.3.possible")),
        Entry("review.two_accounts", "一个身份证号查出多个帐号，审核后只保留一个", "review",
              (r"查实出现了\d+个", r"\d+个(邮箱|帐号)"), seed=("login.4.two",)),
        Entry("review.upload_id_photos", "审核须上传身份证正反两面的照片（jpg、png、gif，300K以内）", "review",
              (r"身份证(的)?正(面|反)", r"手持身份证"), seed=("login.4.upload", "login.4.possible")),
        Entry("review.working_days", "审核在若干个工作日内处理", "review", (r"\d+个工作日",), seed=("login.4.days",)),
        Entry("review.deactivates_others", "审核通过后，同一身份证号的其他帐号被停用", "review",
              (r"其他帐号\S{0,4}(注销|停用)",)),
    )
}  # fmt: skip

# Why a sentence binds to nothing: what it speaks of is done at school, is a service the site model lacks, or no step.
LOCAL = (
    r"辅导员",
    r"教务处",
    r"学籍科",
    r"学籍管理",
    r"学院",
    r"办公室",
    r"登记表",
    r"班级",
    r"纸质",
    r"交给",
    r"领取",
)
# xjxl.chsi.com.cn: the yearly 新生学籍查询系统, looked up without an account.
UNMODELLED = (
    r"扫码",
    r"微信",
    r"支付宝",
    r"问卷",
    r"评价",
    r"(?i)app",
    r"小程序",
    r"客服",
    r"kefu",
    r"xjxl\.chsi",
    r"新生学籍查询系统",
)
# What a student does at school rather than on the site: a sentence naming an office without it only addresses or
# signs (各学院：, ××学院教务处).
DONE_AT_SCHOOL = r"交|领|找|联系|报|到|去|办理|咨询|反映|签字|盖章|填|审核|核实|协助"
# A click on a control the sentence names (点击“有”): an action on the site even where the school is named too.
CLICKS_A_NAME = r"(点击|单击|双击)\S{0,2}[“‘「【\"]"
# An action a student takes on a page (点击, 输入, 勾选 …): a sentence with one is a step, even one nothing checks;
# a title (…办法, …流程) names actions without taking one.
ACTS = r"点击|单击|双击|勾选|选择|选中|输入|填写|填入|上传|提交|登录|登陆|进入|打开"
TITLE = r"(办法|流程|通知|说明|指南|须知|事项)[:：]?$"
WHY_UNBOUND = {
    "local": "学校里办理的事，网站上无从核对",
    "unmodelled": "学信网上的这项服务模拟站点没有（扫码登录、问卷、客服等）",
    "unmatched": "是网站上的操作，但站点目录里没有能核对它的事实（未核对，不作判定）",
    "not_a_step": "不是操作步骤（标题、称呼、日期或说明）",
    "elsewhere": "这份指南说的不是学信网，这句话不在学信网上核对",
}


# What a guide of CHSI names somewhere: a guide that never does is about another website, and binds nothing.
ABOUT_CHSI = re.compile(r"学信|chsi|学籍|学历|图像校对")


def about_chsi(text: str) -> bool:
    """True for a guide that speaks of CHSI (学信网, 学籍, 学历, 图像校对) anywhere."""
    return bool(ABOUT_CHSI.search(text))


# A warning of what befalls whoever does not do the steps (后果由学生自负): no step, whatever it names.
WARNING = r"后果\S{0,6}自负|责任自负"


def bind(sentence: str) -> list[Entry]:
    """The entries a sentence states, in the catalogue's order (none for a warning)."""
    if re.search(WARNING, sentence):
        return []
    return [entry for entry in CATALOGUE.values() if entry.names(sentence)]


def why_unbound(sentence: str) -> str:
    """Why a sentence bound to no entry: local, unmodelled, unmatched (a step nothing checks) or not_a_step."""
    if any(re.search(p, sentence) for p in UNMODELLED):
        return "unmodelled"
    acts = bool(re.search(ACTS, sentence)) and not re.search(TITLE, sentence)
    if acts and re.search(CLICKS_A_NAME, sentence):
        return "unmatched"  # 点击“有”按键并报学院: a click on the site comes first, whatever the school does next
    if any(re.search(p, sentence) for p in LOCAL) and (acts or re.search(DONE_AT_SCHOOL, sentence)):
        return "local"
    return "unmatched" if acts else "not_a_step"  # 各学院：, a signature, a date: an office named, nothing done
