"""Every message the site shows or sends (refusals, notices, mails, texts) by code: behaviour uses codes.

Page objects and tests import these too, so a copy edit here changes what the student reads and nothing else.
Sentences the guide itself quotes are checked against the guide (fixtures/guide.toml), never against this table.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

MESSAGES: Mapping[str, str] = MappingProxyType({
    # 第三步: the account form.
    "password.mismatch": "两次输入的密码不一致",
    "username.not_email": "用户名必须是一个真实的邮箱",
    "email.taken": "邮箱已被使用,可直接登录",
    "email.invalid": "邮箱格式不正确",
    # Today's one-page registration: the optional email is bound once its mailbox follows the link mailed to it.
    "email_check.sent": "验证邮件已发送到 {email}。点击邮件中的链接后，这个邮箱才与您的帐号绑定。",
    "email_check.mail": (
        "您好！\n有人在学信网注册手机号尾号为 {tail} 的帐号时填写了这个邮箱。如果是您本人，请点击下面的链接，"
        "把邮箱绑定到该帐号（{hours}小时内有效）；如果不是，请忽略本邮件，邮箱不会被绑定。"
    ),
    "email_check.done": "邮箱 {email} 已绑定到您的学信网帐号。",
    "email_check.invalid": "邮箱验证链接无效",
    "email_check.used": "邮箱验证链接已使用，不能再用",
    "email_check.expired": "邮箱验证链接已过期，邮箱没有绑定",
    "phone.taken": "手机号已存在，可直接登录",
    # 第四步 to 第六步: activation mails and links.
    "activation.mail": (
        "{email}，您好！\n感谢您注册学信网。请点击下面的链接激活帐号并进入实名注册页面"
        "（如果链接无法点击，请复制并粘贴到浏览器的地址输入框）：\n本链接{hours}小时内有效。"
    ),
    "activation.mail_code": "{email}，您好！\n感谢您注册学信网。您的激活码是 {code}，请回到注册页面输入。",
    "activation.invalid": "激活链接无效，请核对邮件中的链接是否完整",
    "activation.used": "该帐号已激活，激活链接不能重复使用",
    "activation.expired": "激活链接已过期",
    "activation.click_in_mail": "请在邮箱中直接点击激活链接",
    # 第七步: 实名注册.
    "name.not_chinese": "真实姓名只能填写汉字，不能有错别字，不能填写拼音或数字",
    "id.invalid": "身份证号码有误，请核对后重新输入（15位或18位，末位校验码须正确）",
    "id.taken": "证件号码已经被注册，客服审核通过后才能被再次注册",
    "region.missing": "请选择所在地区",
    "field.choose": "请选择{field}",
    # 第八步: 手机确认 and its SMS.
    "registration.expired": "注册会话已失效，请重新登录",
    "phone.invalid": "请输入正确的11位手机号码",
    "sms.sent": "学信网已向 {phone} 发送校验码，请查收",
    "sms.too_often": "手机校验码获取过于频繁,操作被禁止，请{seconds}秒后再试",
    "sms.daily_limit": "短信发送次数已达到上限，请24小时后再试",
    "sms.text": "【学信网】您的校验码是{code}，{minutes}分钟内有效。如非本人操作，请忽略本短信。",
    "code.wrong": "校验码有误",
    "code.expired": "校验码已过期，请重新获取",
    "code.too_many": "校验码错误次数过多，请重新获取",
    # 个人用户登录.
    "login.wrong": "您输入的用户名或密码有误。",
    "login.not_activated": "该帐号尚未激活，请登录注册邮箱，点击激活邮件中的链接激活帐号。",
    "login.deactivated": "该帐号已停用：该身份证号经审核只保留了另一个帐号。",
    "login.locked": "密码连续输错{tries}次，帐号已锁定，请{minutes}分钟后再试，或通过“找回密码”重置密码。",
    # 三: 找回用户名, 找回密码.
    "captcha.wrong": "请输入正确的图片验证码",
    "reset.no_such_user": "该用户名不存在，请核对后重新输入",
    "reset.no_mailbox": "该帐号没有绑定邮箱，无法通过邮件找回密码",
    "reset.mail": (
        "{email}，您好！\n您申请了找回学信网帐号密码。请点击下面的链接设置新密码"
        "（如果链接无法点击，请复制并粘贴到浏览器的地址输入框）：\n本链接{hours}小时内有效，只能使用一次。"
    ),
    "reset.invalid": "密码重置链接无效，请核对邮件中的链接是否完整",
    "reset.used": "密码重置链接已使用，请重新找回密码",
    "reset.expired": "密码重置链接已过期，请重新找回密码",
    # 三 4: 帐号审核.
    "review.no_account": "未找到该姓名和身份证号注册的帐号，请核对",
    "review.keep_invalid": (
        "要保留的帐号须是该身份证号下的帐号，或您新注册、尚未实名的帐号，或注册时因该身份证号被拒的手机号"
    ),
    "review.already_open": "该身份证号已有审核中的申请（受理编号 {number}），请勿重复提交",
    "review.approved": "审核通过（{date}）：保留帐号 {keep}，该身份证号下的其他帐号已停用。",
    "review.approved_to_register": "审核通过（{date}）：该身份证号下的帐号已停用，请用手机 {keep} 重新注册。",
    "review.rejected": "审核未通过（{date}）：{reason}。请按要求重新提交。",
    "review.overdue": "审核中：已超过{days}个工作日（应于 {due} 前处理），请联系 kefu@chsi.com.cn 并提供受理编号。",
    "review.pending": "审核中：教育部后台会在{days}个工作日内处理，预计 {due} 前处理完毕。",
    "review.no_match": "受理编号与身份证号不匹配，请核对后重新查询",
    # 二: 图像校对.
    "photo.none": "暂无照片",
    "photo.reason_missing": "请填写照片有误的原因",
    # Uploaded pictures, named by what they should show ({label}).
    "upload.missing": "请选择{label}图片",
    "upload.format": "{label}图片格式不支持：只能上传 jpg、jpeg、png、gif 格式的图片",
    "upload.empty": "{label}图片是空文件，请重新选择",
    "upload.too_large": "{label}图片超过300K（当前 {kb}K），请压缩后重新上传",
    "upload.too_many_pixels": "{label}图片尺寸过大{size}，请上传普通的照片",
    "upload.not_image": "{label}文件不是有效的图片，请上传真实的照片",
    "upload.mismatch": "{label}图片内容与扩展名不符（实际为 {actual}），请上传原始照片",
    "upload.trailing_data": "{label}图片末尾附带了其他数据，请上传原始照片",
    # Requests the site cannot take.
    "body.too_large": "提交的内容过大（超过 {mb} MB），请压缩照片后重新提交",
    "body.not_utf8": "提交的内容不是有效的 UTF-8 文字，请检查输入法或浏览器编码后重新填写",
    "body.broken": "提交的表单格式有误，请刷新页面后重新填写",
    "error.unreadable": "无法处理您提交的内容",
    "error.method": "请求方式有误",
    "error.method_detail": "此页面不接受 {method} 请求",
    "error.not_found": "页面不存在",
    "error.not_found_detail": "找不到页面 {path}，请检查网址",
    "error.server": "服务器内部错误",
    "error.server_detail": "服务器暂时无法处理，请稍后再试",
    "mail.not_found": "邮件不存在",
    # What pages say besides refusals: hints, notices and states, by page.
    "hint.username": "用户名必须是一个真实的邮箱，每个邮箱只能注册一次！",
    "hint.mobile": "手机号即为用户名，每个手机号只能注册一次",
    "hint.code": "请输入手机收到的6位校验码",
    "hint.real_name": "请填写与身份证一致的姓名，不能有错别字，不能填写拼音",
    "hint.id_number": "15位或18位身份证号码",
    "hint.derived": "根据身份证号自动填写",
    "hint.exact_name": "必须是准确的姓名（与实名注册时一致）",
    "hint.username_is_mail": "您注册时使用的邮箱",
    "hint.keep": "填写要保留的帐号（邮箱或手机号）",
    "hint.review_id": "申请时填写的身份证号",
    "activation.sent_to": "帐号激活邮件已发送到您的邮箱",
    "activation.next": (
        "请进入邮箱，查找激活邮件并打开，点击邮件正文中的链接进入实名注册页面。激活链接{hours}小时内有效。"
    ),
    "activation.resend_help": "激活链接{hours}小时内有效。请重新发送激活邮件，并使用新邮件中的链接。",
    "realname.username": "用户名：{username}",
    "record.matched": "已匹配：{school} {major}",
    "record.unmatched": "找不到该学籍：没有与该姓名和身份证号一致的学籍信息，注册后可在“学籍信息”中查看",
    "confirm.unconfirmed": "您尚未确认个人信息，注册尚未完成。",
    "archive.welcome": "欢迎您，{name}！",
    "records.closed": "系统维护中，暂时无法查询学籍信息，请稍后再试。",
    "records.not_found": "找不到该学籍：没有与您实名注册的姓名（{name}）和身份证号一致的学籍信息。",
    "records.info_help": "个人信息有误的，学信网不提供修改：请向所在学校教务处学籍管理部门反映，并提供相应的佐证材料。",
    "records.info_editable": "个人信息有误的，可直接在上表中修改后保存。",
    "photo.confirmed": "图像校对已完成（{time} 确认照片{ok}）。",
    "photo.reported_school": "您已于 {time} 提交照片有误（状态：待学校处理）。请汇报到教务处学籍管理老师协助处理。",
    "photo.reported_site": "您已于 {time} 提交照片有误（状态：学信网处理中）。处理结果将在此显示，无需联系学校。",
    "photo.instructions": "请认真核对照片。照片正确请点击“{ok}”，照片有误请点击“{wrong}”。",
    "photo.not_collected": "您未参加毕业生图像信息采集，暂无照片，无需校对。",
    "photo.loading": "照片加载中……",
    "photo.no_modify": "照片有误请直接联系所在学校，本页不受理修改。",
    "recovery.found": "找回用户名操作完成",
    "recovery.several": "该身份证号下注册了{count}个帐号：",
    "recovery.keep_one": (
        "同一身份证号只能保留一个帐号。请提交身份证正反两面的图片申请审核，教育部后台会在{days}个工作日内处理；"
        "审核通过后，其他帐号将被停用。"
    ),
    "reset.sent": "密码重置邮件已发送到 {email}，请进入邮箱，点击邮件中的链接重置密码（{hours}小时内有效）。",
    "reset.done": "密码重置成功",
    "review.filed": "申请已提交，受理编号：{number}",
    "review.promise": "教育部后台会在{days}个工作日内处理，预计 {due} 前处理完毕（节假日顺延）。",
    "mail.empty": "收件箱中没有邮件。",
    "mail.empty_all": "收件箱中没有邮件。学信网发出的邮件，无论发往你填写的哪个邮箱，都会出现在这里。",
    "sms.empty": "没有短信。",
    "sms.empty_all": "没有短信。学信网发出的校验码，无论发往你填写的哪个手机号，都会出现在这里。",
    # Security rules (issue 19): who may do what, asked directly.
    "recovery.no_match": "未找到与该姓名和身份证号一致的帐号，请核对（姓名须准确，不能有空格或错别字）",
    "recovery.blank": "请输入身份证号和姓名",
    "recovery.too_many": "查询次数过多，请{minutes}分钟后再试",
    "login.blank": "请输入用户名和密码",
    "login.form_expired": "登录页面已失效，请重新输入用户名和密码登录",
    "logout.heading": "退出学信网",
    "logout.question": "确定要退出学信网吗？退出后，学信档案等所有页面都需要重新登录。",
    "activation.password_heading": "设置登录密码",
    "activation.password_notice": (
        "该帐号不是在这个浏览器中注册的。帐号属于收到激活邮件的邮箱的主人："
        "请为帐号设置登录密码，注册时填写的密码将作废。"
    ),
    "activation.password_button": "设置密码并继续注册",
    "code.used": "校验码已使用，请重新获取",
    "review.name_missing": "请输入姓名",
    "upload.too_many_scans": "{label}图片分层过多（{scans} 层），请上传普通的照片",
})  # fmt: skip


def say(code: str, /, **values: object) -> str:
    """The message `code` in the site's current words, its {placeholders} filled with `values`."""
    if code not in MESSAGES:
        close = ", ".join(c for c in MESSAGES if c.split(".")[0] == code.split(".")[0]) or "见 mock_server/messages.py"
        raise KeyError(f"没有提示语 {code!r}（同类的有：{close}）")
    try:
        return MESSAGES[code].format(**values)
    except KeyError as missing:
        raise KeyError(f"提示语 {code!r} 还需要 {missing.args[0]}=…：{MESSAGES[code]}") from None
