"""account.chsi.com.cn: registration (第三步 to 第九步), activation and 个人用户登录."""

from __future__ import annotations

import json
import secrets

from mock_server import urls
from mock_server.hosts.common import COMMON
from mock_server.http import Request, Response, json_response, redirect
from mock_server.idcard import PROVINCES, InvalidIdNumber, canonical, parse_id_number
from mock_server.render import page
from mock_server.routing import Route
from mock_server.services.accounts import Account, Invalid, Refusal, Status
from mock_server.services.reviews import Decision, Ticket
from mock_server.services.sms import SmsRefused, normalise, phone_error
from mock_server.services.throttle import LOCKED_MESSAGE
from mock_server.services.uploads import upload_error
from mock_server.state import SessionKind, State

# The cookie that carries a registration from the activation link to 是.
REG_COOKIE = SessionKind.REGISTRATION.value
# The account host's own login session (CAS's ticket-granting cookie).
TGC_COOKIE = SessionKind.LOGIN.value

# The photos a review may ask for, by form field.
REVIEW_PHOTOS = {"front": "身份证正面", "back": "身份证背面"}

# Where a registration continues, by what it still lacks.
NEXT_STEP = {
    Status.PENDING_REAL_NAME: "/account/realname.action",
    Status.PENDING_PHONE: "/account/phone.action",
    Status.PENDING_CONFIRMATION: "/account/confirm.action",
}


def preregister(request: Request, state: State) -> Response:
    """第三步: the form for 用户名 (an email) and 密码."""
    return page("account/preregister.html", state)


def register_process(request: Request, state: State) -> Response:
    """第三步 submitted; 第四步: the activation mail is sent at once."""
    form, now = request.form, state.clock.now()
    if state.profile.phone_first:
        return _register_by_phone(form, state)
    try:
        account = state.accounts.preregister(
            form.get("username", ""), form.get("password", ""), form.get("password1", ""), now
        )
    except Invalid as refused:
        return page("account/preregister.html", state, errors=refused.errors, form=form)
    send_activation(state, account)
    return mail_sent(state, account)


def _register_by_phone(form: dict[str, str], state: State) -> Response:
    """The phone-first site: the SMS code and the whole form at once, then 账号注册成功."""
    now = state.clock.now()
    wrong_code = state.sms.check(normalise(form.get("mphone", "")), form.get("vcode", ""), now)
    try:
        if wrong_code:
            raise Invalid({"vcode": wrong_code})
        state.accounts.register_by_phone(form, now)
    except Invalid as refused:
        return page("account/preregister.html", state, errors=refused.errors, form=form)
    return _done(state)


def _done(state: State) -> Response:
    """账号注册成功, moving to login after the profile's delay."""
    seconds = int(state.profile.redirect_after_registration.total_seconds())
    response = page("account/done.html", state, seconds=seconds)
    response.delete_cookie(REG_COOKIE)
    return response


def send_activation(state: State, account: Account) -> None:
    """Put an activation mail with a fresh link in the student's inbox."""
    now, profile = state.clock.now(), state.profile
    token = state.accounts.issue_activation(account, now)
    link = f"{urls.ACCOUNT}/account/activate.action?token={token}"
    body = (
        f"{account.email}，您好！\n感谢您注册学信网。请点击下面的链接激活帐号并进入实名注册页面"
        f"（如果链接无法点击，请复制并粘贴到浏览器的地址输入框）：\n本链接{profile.activation_hours}小时内有效。"
    )
    if not profile.activation_link_in_mail:
        body, link = f"{account.email}，您好！\n感谢您注册学信网。您的激活码是 {token[:6]}，请回到注册页面输入。", ""
    state.mail.deliver(
        account.email, profile.label("activation_subject"), body, link, now,
        delay=profile.activation_mail_delay, clickable=profile.activation_link_clickable,
    )  # fmt: skip


def mail_sent(state: State, account: Account) -> Response:
    """The page that tells the student to open the mailbox."""
    return page("account/mail_sent.html", state, email=account.email)


def activate(request: Request, state: State) -> Response:
    """第六步: the link from the mail opens 实名注册."""
    token = request.query.get("token", "")
    typed = not request.headers.get("referer", "").startswith(urls.WEBMAIL)
    if typed and not state.profile.activation_link_typed:
        errors = {"link": "请在邮箱中直接点击激活链接"}
        return page("account/activate_error.html", state, errors=errors, expired=False, token="")
    try:
        account = state.accounts.activate(token, state.clock.now())
    except Invalid as refused:
        expired = refused.reason is Refusal.LINK_EXPIRED
        return page("account/activate_error.html", state, errors=refused.errors, expired=expired, token=token)
    response = redirect(NEXT_STEP[account.status])
    response.set_cookie(REG_COOKIE, state.open_session(account, SessionKind.REGISTRATION))
    return response


def resend_activation(request: Request, state: State) -> Response:
    """A new activation mail for the account behind an expired link."""
    record = state.accounts.tokens.get(request.form.get("token", ""))
    account = state.accounts.get(record.email) if record else None
    if account is None or account.status is not Status.PENDING_ACTIVATION:
        return page(
            "account/activate_error.html",
            state,
            errors={"link": "激活链接无效，请核对邮件中的链接是否完整"},
            expired=False,
            token="",
        )
    send_activation(state, account)
    return mail_sent(state, account)


def _registration(request: Request, state: State, expected: Status) -> Account | Response:
    """The account being registered in this browser, or a redirect to where it really stands."""
    account = state.session_account(request.cookies.get(REG_COOKIE), SessionKind.REGISTRATION)
    if account is None:
        return redirect(urls.LOGIN)
    if account.status is not expected:
        return redirect(NEXT_STEP.get(account.status, urls.LOGIN))
    return account


def _derived(id_number: str) -> dict[str, str]:
    """出生日期 and 性别 as the page shows them, empty until the number is valid."""
    try:
        parsed = parse_id_number(id_number)
    except InvalidIdNumber:
        return {"birth": "", "sex": ""}
    return {"birth": parsed.birth_date.isoformat(), "sex": parsed.sex}


def _real_name_page(state: State, account: Account, form: dict[str, str], refused: Invalid | None = None) -> Response:
    """实名注册 as shown, with the 【解决方法】 link when the ID number is already taken."""
    return page(
        "account/realname.html", state, account=account, errors=refused.errors if refused else {}, form=form,
        derived=_derived(form.get("sfzh", "")), provinces=PROVINCES.values(),
        duplicate_id=refused is not None and refused.reason is Refusal.ID_TAKEN,
    )  # fmt: skip


def real_name(request: Request, state: State) -> Response:
    """第七步: 实名注册."""
    account = _registration(request, state, Status.PENDING_REAL_NAME)
    if isinstance(account, Response):
        return account
    if request.method == "GET":
        return _real_name_page(state, account, {})
    form = request.form
    extra = state.profile.realname_extra_field
    try:
        if extra and not form.get("extra", "").strip():
            raise Invalid({"extra": f"请选择{extra}"})
        state.accounts.submit_real_name(account, form.get("xm", ""), form.get("sfzh", ""), form.get("region", ""))
    except Invalid as refused:
        return _real_name_page(state, account, form, refused)
    return redirect(NEXT_STEP[account.status])


def phone_page(request: Request, state: State) -> Response:
    """第八步: 手机确认."""
    account = _registration(request, state, Status.PENDING_PHONE)
    if isinstance(account, Response):
        return account
    return page("account/phone.html", state)


def send_pin(request: Request, state: State) -> Response:
    """The 发送 button: a 校验码 by SMS, or why not."""
    phone = normalise(request.form.get("mphone", ""))
    # The phone-first site sends codes from its registration form, before any account exists.
    if not state.profile.phone_first and isinstance(_registration(request, state, Status.PENDING_PHONE), Response):
        return json_response(json.dumps({"ok": False, "message": "注册会话已失效，请重新登录"}, ensure_ascii=False))
    problem = phone_error(phone)
    if problem:
        return json_response(json.dumps({"ok": False, "message": problem}, ensure_ascii=False))
    try:
        state.sms.send_code(phone, state.clock.now())
    except SmsRefused as refused:
        return json_response(json.dumps({"ok": False, "message": str(refused)}, ensure_ascii=False))
    return json_response(
        json.dumps({"ok": True, "message": f"学信网已向 {phone} 发送校验码，请查收"}, ensure_ascii=False)
    )


def phone_confirm(request: Request, state: State) -> Response:
    """第八步 submitted: the code from the SMS confirms the phone."""
    account = _registration(request, state, Status.PENDING_PHONE)
    if isinstance(account, Response):
        return account
    form = request.form
    phone = normalise(form.get("mphone", ""))
    problem = phone_error(phone)
    errors = {"mphone": problem} if problem else {}
    if not errors:
        wrong_code = state.sms.check(phone, form.get("vcode", ""), state.clock.now())
        errors = {"vcode": wrong_code} if wrong_code else {}
    if errors:
        return page("account/phone.html", state, errors=errors, form=form)
    state.accounts.confirm_phone(account, phone)
    return redirect(NEXT_STEP[account.status])


def confirm(request: Request, state: State) -> Response:
    """第九步: 确认个人信息, with the 是/否 dialog."""
    account = _registration(request, state, Status.PENDING_CONFIRMATION)
    if isinstance(account, Response):
        return account
    record = state.records.match(account.name, account.id_number)
    return page("account/confirm.html", state, account=account, record=record)


def finish(request: Request, state: State) -> Response:
    """是: registration complete; the page moves to login after the profile's delay."""
    account = _registration(request, state, Status.PENDING_CONFIRMATION)
    if isinstance(account, Response):
        return account
    state.accounts.finish(account, state.clock.now())
    state.end_session(request.cookies.get(REG_COOKIE, ""))
    return _done(state)


def login(request: Request, state: State) -> Response:
    """个人用户登录: on success, back to the service with a ticket, as CAS does."""
    service = _service(request.query.get("service", ""))
    if request.method == "GET":
        return _login_page(state, service, "", "")
    form, now = request.form, state.clock.now()
    name = form.get("username", "")
    # The account is locked, not the name typed: its phone, email or ID number all count together.
    known = state.accounts.get(name)
    key = known.username if known else name
    if state.logins.locked(key, now):
        return _login_page(state, service, LOCKED_MESSAGE, name)
    try:
        account = state.accounts.authenticate(name, form.get("password", ""))
    except Invalid as refused:
        if refused.reason is Refusal.WRONG_PASSWORD:
            state.logins.failed(key, now)
        message = LOCKED_MESSAGE if state.logins.locked(key, now) else refused.errors["status"]
        return _login_page(state, service, message, name)
    state.logins.cleared(key)
    if account.status is not Status.REGISTERED:
        # Half-registered: carry on from the step it stopped at.
        response = redirect(NEXT_STEP[account.status])
        response.set_cookie(REG_COOKIE, state.open_session(account, SessionKind.REGISTRATION))
        return response
    # Always a new session id: one planted in the browser before login is never promoted.
    response = redirect(service, ticket=f"ST-{state.open_session(account, SessionKind.TICKET)}")
    response.set_cookie(TGC_COOKIE, state.open_session(account, SessionKind.LOGIN))
    return response


def _service(asked: str) -> str:
    """Where to return after login: only a registered service, as a CAS server keeps them, else 学信档案.

    An exact list, not a host check: a browser reads a backslash in `https://evil.example.com<backslash>@my.chsi.com.cn/`
    as a slash, so that address is evil.example.com's page, whatever Python's URL parser says.
    """
    return asked if asked in urls.SERVICES else urls.SERVICE


def _login_page(state: State, service: str, error: str, username: str) -> Response:
    """个人用户登录, with the last error and the name typed."""
    return page("account/login.html", state, service=service, login_error=error, username=username, lt=_login_ticket())


def _login_ticket() -> str:
    """The form's one-time `lt` value, as CAS renders it."""
    return f"LT-{secrets.token_hex(8)}"


def logout(request: Request, state: State) -> Response:
    """退出: every session of the student ends, here and on 学信档案, and login shows again."""
    account = state.session_account(request.cookies.get(TGC_COOKIE), SessionKind.LOGIN)
    if account is not None:
        state.end_sessions(account)
    response = redirect(urls.LOGIN)
    response.delete_cookie(TGC_COOKIE)
    return response


def find_username(request: Request, state: State) -> Response:
    """找回用户名: ID number and the exact name show the account(s) on that ID."""
    captcha = state.captcha.issue if state.profile.recovery_captcha else str
    if request.method == "GET":
        return page("account/find_username.html", state, found=[], captcha=captcha())
    form = request.form
    try:
        if state.profile.recovery_captcha and not state.captcha.solved(form.get("captcha", "")):
            raise Invalid({"captcha": "请输入正确的图片验证码"})
        found = state.accounts.find_usernames(form.get("xm", ""), form.get("sfzh", ""))
    except Invalid as refused:
        return page("account/find_username.html", state, errors=refused.errors, form=form, found=[], captcha=captcha())
    return page("account/find_username.html", state, found=found, captcha="")


def find_password(request: Request, state: State) -> Response:
    """找回密码: a reset link mailed to the account's mailbox."""
    captcha = state.captcha.issue if state.profile.recovery_captcha else str
    if request.method == "GET":
        form = {"loginName": request.query.get("loginName", "")}
        return page("account/find_password.html", state, form=form, sent_to="", captcha=captcha())
    form, now = request.form, state.clock.now()
    try:
        if state.profile.recovery_captcha and not state.captcha.solved(form.get("captcha", "")):
            raise Invalid({"captcha": "请输入正确的图片验证码"})
        account, token = state.accounts.issue_reset(form.get("loginName", ""), now)
    except Invalid as refused:
        return page(
            "account/find_password.html", state, errors=refused.errors, form=form, sent_to="", captcha=captcha()
        )
    body = (
        f"{account.email}，您好！\n您申请了找回学信网帐号密码。请点击下面的链接设置新密码"
        f"（如果链接无法点击，请复制并粘贴到浏览器的地址输入框）：\n本链接{state.profile.reset_hours}小时内有效，只能使用一次。"
    )
    link = f"{urls.ACCOUNT}/account/password!reset.action?token={token}"
    state.mail.deliver(account.email, state.profile.label("reset_subject"), body, link, now)
    return page("account/find_password.html", state, sent_to=account.email)


def reset_password(request: Request, state: State) -> Response:
    """The reset link: a new password, once."""
    token, now = request.query.get("token", ""), state.clock.now()
    try:
        account = state.accounts.reset_target(token, now)
    except Invalid as refused:
        return page("account/reset_password.html", state, errors=refused.errors, token="", done=False)
    if request.method == "GET":
        return page("account/reset_password.html", state, account=account, token=token, done=False)
    form = request.form
    try:
        changed = state.accounts.reset_password(token, form.get("password", ""), form.get("password1", ""), now)
    except Invalid as refused:
        return page(
            "account/reset_password.html", state, errors=refused.errors, account=account, token=token, done=False
        )
    state.logins.cleared(changed.username)  # the new password may be tried at once
    state.end_sessions(changed)  # whoever knew the old password is logged out everywhere
    return page("account/reset_password.html", state, done=True)


def _review_errors(request: Request, state: State) -> dict[str, str]:
    """Everything wrong with a review request, field by field."""
    form, errors = request.form, {}
    name, id_number = form.get("xm", "").strip(), canonical(form.get("sfzh", ""))
    on_id = state.accounts.on_id(id_number)
    if not any(a.name == name for a in on_id):
        errors["sfzh"] = "未找到该姓名和身份证号注册的帐号，请核对"
    keep = state.accounts.get(form.get("keep", ""))
    if keep is None or not (keep in on_id or keep.status is Status.PENDING_REAL_NAME):
        errors["keep"] = "要保留的帐号须是该身份证号下的帐号，或您新注册、尚未实名的帐号"
    open_ticket = next((t for t in state.reviews.pending() if t.id_number == id_number), None)
    if open_ticket:
        errors["sfzh"] = f"该身份证号已有审核中的申请（受理编号 {open_ticket.number}），请勿重复提交"
    for field_name in state.profile.review_photos:
        problem = upload_error(request.files.get(field_name), REVIEW_PHOTOS[field_name])
        if problem:
            errors[field_name] = problem
    return errors


def review(request: Request, state: State) -> Response:
    """帐号审核申请: ID card photos, checked on upload, become a ticket with a reference number."""
    photos = {name: REVIEW_PHOTOS[name] for name in state.profile.review_photos}
    if request.method == "GET":
        return page("account/review.html", state, ticket=None, photos=photos)
    errors = _review_errors(request, state)
    if errors:
        return page("account/review.html", state, errors=errors, form=request.form, ticket=None, photos=photos)
    form, files = request.form, request.files
    front, back = (files[name].data if name in files else b"" for name in ("front", "back"))
    ticket = state.reviews.file(
        form["xm"].strip(), canonical(form["sfzh"]), form["keep"].strip().lower(), front, back, state.clock.now()
    )
    return page("account/review.html", state, ticket=ticket, photos=photos)


def _status_text(ticket: Ticket, state: State) -> str:
    """What the status page says of a ticket today."""
    if ticket.decision is Decision.APPROVED:
        return f"审核通过（{ticket.decided_at:%Y-%m-%d}）：保留帐号 {ticket.keep}，该身份证号下的其他帐号已停用。"
    if ticket.decision is Decision.REJECTED:
        return f"审核未通过（{ticket.decided_at:%Y-%m-%d}）：{ticket.reason}。请按要求重新提交。"
    if ticket.overdue(state.clock.now()):
        return (
            f"审核中：已超过{state.profile.working_days}个工作日（应于 {ticket.due.isoformat()} 前处理），"
            "请联系 kefu@chsi.com.cn 并提供受理编号。"
        )
    return (
        f"审核中：教育部后台会在{state.profile.working_days}个工作日内处理，预计 {ticket.due.isoformat()} 前处理完毕。"
    )


def review_status(request: Request, state: State) -> Response:
    """审核进度: the reference number and the ID number together (numbers run in sequence, so one is not enough)."""
    if request.method == "GET":
        form = {"no": request.query.get("no", "")}
        return page("account/review_status.html", state, form=form, ticket=None, status_text="")
    form = request.form
    ticket = state.reviews.find(form.get("no", ""), form.get("sfzh", ""))
    errors = {} if ticket else {"no": "受理编号与身份证号不匹配，请核对后重新查询"}
    text = _status_text(ticket, state) if ticket else ""
    return page("account/review_status.html", state, errors=errors, form=form, ticket=ticket, status_text=text)


ROUTES = [
    Route("/account/preregister.action", preregister),
    Route("/account/registerprocess.action", register_process, methods=("POST",)),
    Route("/account/activate.action", activate),
    Route("/account/resendactivation.action", resend_activation, methods=("POST",)),
    Route("/account/realname.action", real_name, methods=("GET", "POST")),
    Route("/account/phone.action", phone_page),
    Route("/account/getmphonpincode.action", send_pin, methods=("POST",)),
    Route("/account/phoneconfirm.action", phone_confirm, methods=("POST",)),
    Route("/account/confirm.action", confirm),
    Route("/account/finish.action", finish, methods=("POST",)),
    Route("/passport/login", login, methods=("GET", "POST")),
    Route("/passport/logout", logout),
    Route("/account/password!rtvlgname.action", find_username, methods=("GET", "POST")),
    Route("/account/password!retrive.action", find_password, methods=("GET", "POST")),
    Route("/account/password!reset.action", reset_password, methods=("GET", "POST")),
    Route("/account/review.action", review, methods=("GET", "POST")),
    Route("/account/review!status.action", review_status, methods=("GET", "POST")),
    *COMMON,
]
