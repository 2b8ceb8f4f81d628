"""account.chsi.com.cn: registration (第三步 to 第九步), activation and 个人用户登录."""

from __future__ import annotations

import json
import re
import secrets

from mock_server import urls
from mock_server.hosts.common import COMMON
from mock_server.http import Request, Response, json_response, redirect
from mock_server.idcard import PROVINCES, InvalidIdNumber, parse_id_number
from mock_server.render import page
from mock_server.routing import Route
from mock_server.services.accounts import Account, Invalid, Status
from mock_server.services.sms import SmsRefused
from mock_server.state import State

# The cookie that carries a registration from the activation link to 是.
REG_COOKIE = "CHSI_REG"
# The account host's own login session (CAS's ticket-granting cookie).
TGC_COOKIE = "CASTGC"

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
    try:
        account = state.accounts.preregister(
            form.get("username", ""), form.get("password", ""), form.get("password1", ""), now
        )
    except Invalid as refused:
        return page("account/preregister.html", state, errors=refused.errors, form=form)
    send_activation(state, account)
    return mail_sent(state, account)


def send_activation(state: State, account: Account) -> None:
    """Put an activation mail with a fresh link in the student's inbox."""
    now = state.clock.now()
    link = f"{urls.ACCOUNT}/account/activate.action?token={state.accounts.issue_activation(account, now)}"
    hours = int(state.profile.activation_valid_for.total_seconds() // 3600)
    body = (
        f"{account.email}，您好！\n感谢您注册学信网。请点击下面的链接激活帐号并进入实名注册页面"
        f"（如果链接无法点击，请复制并粘贴到浏览器的地址输入框）：\n本链接{hours}小时内有效。"
    )
    state.mail.deliver(account.email, "学信网帐号激活邮件", body, link, now)


def mail_sent(state: State, account: Account) -> Response:
    """The page that tells the student to open the mailbox."""
    hours = int(state.profile.activation_valid_for.total_seconds() // 3600)
    return page("account/mail_sent.html", state, email=account.email, valid_hours=hours)


def activate(request: Request, state: State) -> Response:
    """第六步: the link from the mail opens 实名注册."""
    token = request.query.get("token", "")
    try:
        account = state.accounts.activate(token, state.clock.now())
    except Invalid as refused:
        expired = refused.errors["link"] == "激活链接已过期"
        hours = int(state.profile.activation_valid_for.total_seconds() // 3600)
        return page(
            "account/activate_error.html", state, errors=refused.errors, expired=expired, token=token, valid_hours=hours
        )
    response = redirect(NEXT_STEP[account.status])
    response.set_cookie(REG_COOKIE, state.open_session(account))
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
            valid_hours=0,
        )
    send_activation(state, account)
    return mail_sent(state, account)


def _registration(request: Request, state: State, expected: Status) -> Account | Response:
    """The account being registered in this browser, or a redirect to where it really stands."""
    account = state.session_account(request.cookies.get(REG_COOKIE))
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


def real_name(request: Request, state: State) -> Response:
    """第七步: 实名注册."""
    account = _registration(request, state, Status.PENDING_REAL_NAME)
    if isinstance(account, Response):
        return account
    form = request.form
    if request.method == "POST":
        try:
            state.accounts.submit_real_name(account, form.get("xm", ""), form.get("sfzh", ""), form.get("region", ""))
        except Invalid as refused:
            return page(
                "account/realname.html",
                state,
                account=account,
                errors=refused.errors,
                form=form,
                derived=_derived(form.get("sfzh", "")),
                provinces=PROVINCES.values(),
            )
        return redirect(NEXT_STEP[account.status])
    return page("account/realname.html", state, account=account, derived=_derived(""), provinces=PROVINCES.values())


def _phone_error(phone: str) -> str | None:
    """What is wrong with a mobile number, if anything."""
    return None if re.fullmatch(r"1\d{10}", phone) else "请输入正确的11位手机号码"


def phone_page(request: Request, state: State) -> Response:
    """第八步: 手机确认."""
    account = _registration(request, state, Status.PENDING_PHONE)
    if isinstance(account, Response):
        return account
    return page("account/phone.html", state)


def send_pin(request: Request, state: State) -> Response:
    """The 发送 button: a 校验码 by SMS, or why not."""
    account = _registration(request, state, Status.PENDING_PHONE)
    phone = request.form.get("mphone", "").strip()
    if isinstance(account, Response):
        return json_response(json.dumps({"ok": False, "message": "注册会话已失效，请重新登录"}))
    problem = _phone_error(phone)
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
    phone = form.get("mphone", "").strip()
    problem = _phone_error(phone)
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
    return page("account/confirm.html", state, account=account)


def finish(request: Request, state: State) -> Response:
    """是: registration complete; the page moves to login after the profile's delay."""
    account = _registration(request, state, Status.PENDING_CONFIRMATION)
    if isinstance(account, Response):
        return account
    state.accounts.finish(account, state.clock.now())
    seconds = int(state.profile.redirect_after_registration.total_seconds())
    response = page("account/done.html", state, seconds=seconds)
    response.delete_cookie(REG_COOKIE)
    return response


def login(request: Request, state: State) -> Response:
    """个人用户登录: on success, back to the service with a ticket, as CAS does."""
    service = request.query.get("service", urls.SERVICE)
    if request.method == "GET":
        return page("account/login.html", state, service=service, login_error="", username="", lt=_login_ticket())
    form = request.form
    try:
        account = state.accounts.authenticate(form.get("username", ""), form.get("password", ""))
    except Invalid as refused:
        return page(
            "account/login.html",
            state,
            service=service,
            login_error=refused.errors["status"],
            username=form.get("username", ""),
            lt=_login_ticket(),
        )
    if account.status is not Status.REGISTERED:
        # Half-registered: carry on from the step it stopped at.
        response = redirect(NEXT_STEP[account.status])
        response.set_cookie(REG_COOKIE, state.open_session(account))
        return response
    response = redirect(service, ticket=f"ST-{state.open_session(account)}")
    response.set_cookie(TGC_COOKIE, state.open_session(account))
    return response


def _login_ticket() -> str:
    """The form's one-time `lt` value, as CAS renders it."""
    return f"LT-{secrets.token_hex(8)}"


def logout(request: Request, state: State) -> Response:
    """退出: end the sessions and return to login."""
    state.sessions.pop(request.cookies.get(TGC_COOKIE, ""), None)
    response = redirect(urls.LOGIN)
    response.delete_cookie(TGC_COOKIE)
    return response


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
    *COMMON,
]
