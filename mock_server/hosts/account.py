"""account.chsi.com.cn: registration (第三步 to 第九步) and activation, 个人用户登录 and 退出, 找回用户名, 找回密码 and
重置密码, and the account review (帐号审核) with its status page."""

from __future__ import annotations

import json
import secrets
from typing import Any

from mock_server import urls
from mock_server.access import NEXT_STEP, registering, registration_at
from mock_server.hosts.common import COMMON
from mock_server.http import Request, Response, json_response, redirect
from mock_server.idcard import PROVINCES, InvalidIdNumber, canonical, parse_id_number
from mock_server.messages import say
from mock_server.render import page
from mock_server.routing import Route
from mock_server.secret import same_secret
from mock_server.services.accounts import Account, Invalid, Refusal, Status
from mock_server.services.mail import masked
from mock_server.services.reviews import Decision, Ticket
from mock_server.services.sms import SmsRefused, phone_error
from mock_server.services.text import blank, normalise
from mock_server.services.uploads import upload_error
from mock_server.state import SessionKind, State

# The cookie that carries a registration from the activation link to 是.
REG_COOKIE = SessionKind.REGISTRATION.value
# The account host's own login session (CAS's ticket-granting cookie).
TGC_COOKIE = SessionKind.LOGIN.value
# The browser that chose an account's password at 第三步: activation there goes straight on.
SIGNUP_COOKIE = "CHSI_SIGNUP"
# The browser a login form or an image captcha was shown to: its one-time `lt` (CAS binds it to the flow) and its
# captcha are good in that browser only.
LT_COOKIE = "CHSI_LT"

# The photos a review may ask for, by form field, and the label (words.py) each is asked for by.
REVIEW_PHOTOS = {"front": "id_front", "back": "id_back"}


def preregister(request: Request, state: State) -> Response:
    """第三步: the form for 用户名 (an email) and 密码."""
    return page("account/preregister.html", state, duplicate_id=False)


def register_process(request: Request, state: State) -> Response:
    """第三步 submitted; 第四步: the activation mail is sent at once."""
    form, now = request.form, state.clock.now()
    if state.profile.phone_first:
        return _register_by_phone(request, state)
    browser = secrets.token_urlsafe(24)
    try:
        account = state.accounts.preregister(
            form.get("username", ""), form.get("password", ""), form.get("password1", ""), now, browser
        )
    except Invalid as refused:
        return page("account/preregister.html", state, errors=refused.errors, form=form, duplicate_id=False)
    send_activation(state, account)
    response = mail_sent(state, account)
    response.set_cookie(SIGNUP_COOKIE, browser)
    return response


def _register_by_phone(request: Request, state: State) -> Response:
    """The phone-first site: the SMS code and the whole form at once, then 账号注册成功."""
    form, now, phone = request.form, state.clock.now(), normalise(request.form.get("mphone", ""))
    asker = _browser(request)  # no account yet: the code is this browser's, as send_pin sent it
    wrong_code = state.sms.check(phone, form.get("vcode", ""), now, asked_by=asker)
    try:
        if wrong_code:
            raise Invalid({"vcode": wrong_code})
        account = state.accounts.register_by_phone(form, now)
    except Invalid as refused:
        taken = refused.reason is Refusal.ID_TAKEN
        if taken:
            state.sms.spend(phone, asker)  # each answer on whether a number is taken costs a code (5 a day)
        return page("account/preregister.html", state, errors=refused.errors, form=form, duplicate_id=taken)
    state.sms.spend(phone, asker)
    if not account.unproven_email:
        return _done(state)
    _send_email_check(state, account)
    return _done(state, say("email_check.sent", email=account.unproven_email))


def _send_email_check(state: State, account: Account) -> None:
    """Mail the link that binds the email typed at registration, to that mailbox only."""
    now, token = state.clock.now(), state.accounts.issue_email_check(account, state.clock.now())
    link = f"{urls.ACCOUNT}/account/email!prove.action?token={token}"
    body = say("email_check.mail", tail=account.phone[-4:], hours=state.profile.activation_hours)
    state.mail.deliver(account.unproven_email, state.profile.label("email_check_subject"), body, link, now)


def prove_email(request: Request, state: State) -> Response:
    """The link in the checking mail: the email typed at registration is now the account's."""
    try:
        account = state.accounts.prove_email(request.query.get("token", ""), state.clock.now())
    except Invalid as refused:
        return page("account/email_proved.html", state, errors=refused.errors)
    return page("account/email_proved.html", state, notice=say("email_check.done", email=account.email))


def _done(state: State, notice: str = "") -> Response:
    """账号注册成功, moving to login after the profile's delay."""
    seconds = int(state.profile.redirect_after_registration.total_seconds())
    response = page("account/done.html", state, seconds=seconds, notice=notice)
    response.delete_cookie(REG_COOKIE)
    return response


def send_activation(state: State, account: Account) -> None:
    """Put an activation mail with a fresh link in the student's inbox (unless the profile sends none)."""
    now, profile = state.clock.now(), state.profile
    if not profile.activation_mail:
        return
    token = state.accounts.issue_activation(account, now)
    link = f"{urls.ACCOUNT}/account/activate.action?token={token}"
    body = say("activation.mail", email=account.email, hours=profile.activation_hours)
    if not profile.activation_link_in_mail:
        body, link = say("activation.mail_code", email=account.email, code=token[:6]), ""
    state.mail.deliver(
        account.email, profile.label("activation_subject"), body, link, now,
        delay=profile.activation_mail_delay, clickable=profile.activation_link_clickable,
    )  # fmt: skip


def mail_sent(state: State, account: Account) -> Response:
    """The page that tells the student to open the mailbox."""
    return page("account/mail_sent.html", state, email=account.email)


def activate(request: Request, state: State) -> Response:
    """第六步: the link from the mail opens 实名注册 (first asking for a password where it was not chosen)."""
    token, now = request.query.get("token", ""), state.clock.now()
    typed = not request.headers.get("referer", "").startswith(urls.WEBMAIL)
    if typed and not state.profile.activation_link_typed:
        errors = {"link": say("activation.click_in_mail")}
        return page("account/activate_error.html", state, errors=errors, expired=False, token="")
    try:
        account = state.accounts.activation_target(token, now)
    except Invalid as refused:
        expired = refused.reason is Refusal.LINK_EXPIRED
        return page("account/activate_error.html", state, errors=refused.errors, expired=expired, token=token)
    chosen_here = state.accounts.signed_up_in(account, request.cookies.get(SIGNUP_COOKIE, ""))
    if not chosen_here and request.method == "GET":
        return _new_password_page(state, account, token, {})
    try:
        if chosen_here:
            state.accounts.activate(token, now)
        else:
            state.accounts.activate(token, now, request.form.get("password", ""), request.form.get("password1", ""))
    except Invalid as refused:
        return _new_password_page(state, account, token, refused.errors)
    state.end_sessions(account)  # whatever the one who signed up had open ends with their password
    response = redirect(NEXT_STEP[account.status])
    response.set_cookie(REG_COOKIE, state.open_session(account, SessionKind.REGISTRATION))
    response.delete_cookie(SIGNUP_COOKIE)
    return response


def _new_password_page(state: State, account: Account, token: str, errors: dict[str, str]) -> Response:
    """设置登录密码: an activation link followed outside the browser that signed up."""
    return page("account/activate_password.html", state, account=account, token=token, errors=errors)


def resend_activation(request: Request, state: State) -> Response:
    """A new activation mail for the account behind an expired link."""
    record = state.accounts.tokens.get(request.form.get("token", ""))
    account = state.accounts.get(record.email) if record else None
    if account is None or account.status is not Status.PENDING_ACTIVATION:
        return page(
            "account/activate_error.html",
            state,
            errors={"link": say("activation.invalid")},
            expired=False,
            token="",
        )
    send_activation(state, account)
    return mail_sent(state, account)


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


def real_name(request: Request, state: State, account: Account) -> Response:
    """第七步: 实名注册."""
    if request.method == "GET":
        return _real_name_page(state, account, {})
    form = request.form
    extra = state.profile.realname_extra_field
    try:
        if extra and not form.get("extra", "").strip():
            raise Invalid({"extra": say("field.choose", field=extra)})
        state.accounts.submit_real_name(account, form.get("xm", ""), form.get("sfzh", ""), form.get("region", ""))
    except Invalid as refused:
        return _real_name_page(state, account, form, refused)
    return redirect(NEXT_STEP[account.status])


def phone_page(request: Request, state: State, account: Account) -> Response:
    """第八步: 手机确认."""
    return page("account/phone.html", state)


def send_pin(request: Request, state: State) -> Response:
    """The 发送 button: a 校验码 by SMS, or why not."""
    phone = normalise(request.form.get("mphone", ""))
    # The phone-first site sends codes from its registration form, before any account exists.
    account = registering(request, state)
    if not state.profile.phone_first and (account is None or account.status is not Status.PENDING_PHONE):
        return json_response(json.dumps({"ok": False, "message": say("registration.expired")}, ensure_ascii=False))
    problem = phone_error(phone)
    if problem:
        return json_response(json.dumps({"ok": False, "message": problem}, ensure_ascii=False))
    # The code is for this registration (on the phone-first site, this browser): another one typing it for the
    # same phone is told it is wrong, and its sends count against itself only.
    asker = account.username if account else _browser(request)
    try:
        state.sms.send_code(phone, state.clock.now(), asked_by=asker)
    except SmsRefused as refused:
        response = json_response(json.dumps({"ok": False, "message": str(refused)}, ensure_ascii=False))
    else:
        response = json_response(json.dumps({"ok": True, "message": say("sms.sent", phone=phone)}, ensure_ascii=False))
    if account is None:
        response.set_cookie(LT_COOKIE, asker)
    return response


def phone_confirm(request: Request, state: State, account: Account) -> Response:
    """第八步 submitted: the code from the SMS confirms the phone."""
    form = request.form
    phone = normalise(form.get("mphone", ""))
    problem = phone_error(phone)
    errors = {"mphone": problem} if problem else {}
    if not errors:
        wrong_code = state.sms.check(phone, form.get("vcode", ""), state.clock.now(), asked_by=account.username)
        errors = {"vcode": wrong_code} if wrong_code else {}
    if errors:
        return page("account/phone.html", state, errors=errors, form=form)
    state.sms.spend(phone, account.username)
    state.accounts.confirm_phone(account, phone)
    return redirect(NEXT_STEP[account.status])


def confirm(request: Request, state: State, account: Account) -> Response:
    """第九步: 确认个人信息, with the 是/否 dialog."""
    record = state.records.match(account.name, account.id_number)
    return page("account/confirm.html", state, account=account, record=record)


def finish(request: Request, state: State, account: Account) -> Response:
    """是: registration complete; the page moves to login after the profile's delay."""
    state.accounts.finish(account, state.clock.now())
    state.end_session(request.cookies.get(REG_COOKIE, ""))
    return _done(state)


def login(request: Request, state: State) -> Response:
    """个人用户登录: on success, back to the service with a ticket, as CAS does.

    The form's `lt` is required, single-use, and good only in the browser the form was shown to: a page elsewhere
    cannot sign the student in as someone else (login CSRF), even with an `lt` it fetched for itself.
    """
    service = _service(request.query.get("service", ""))
    if request.method == "GET":
        return _login_page(request, state, service, "", "")
    name = request.form.get("username", "")
    if not _login_form_spent(request, state):
        return _login_page(request, state, service, say("login.form_expired"), name)
    try:
        account = state.logins.sign_in(state.accounts, name, request.form.get("password", ""), state.clock.now())
    except Invalid as refused:
        return _login_page(request, state, service, refused.errors["status"], name)
    if account.status is not Status.REGISTERED:
        # Half-registered: carry on from the step it stopped at.
        response = redirect(NEXT_STEP[account.status])
        response.set_cookie(REG_COOKIE, state.open_session(account, SessionKind.REGISTRATION))
        return response
    # Always new session ids: one planted in the browser before login is never promoted. The login's sign-out
    # token goes with its ticket to 学信档案, whose pages carry it in their 退出 form.
    tgc = state.open_session(account, SessionKind.LOGIN)
    sign_out = state.sessions[tgc].sign_out
    response = redirect(service, ticket=f"ST-{state.open_session(account, SessionKind.TICKET, sign_out)}")
    response.set_cookie(TGC_COOKIE, tgc)
    return response


def _login_form_spent(request: Request, state: State) -> bool:
    """True when the form brought an `lt` issued to this browser and not yet used; it is used now."""
    lt, browser = request.form.get("lt", ""), request.cookies.get(LT_COOKIE, "")
    issued_to = state.login_tickets.pop(lt, None)
    return bool(browser) and issued_to is not None and same_secret(browser, issued_to)


def _service(asked: str) -> str:
    """Where to return after login: only a registered service, as a CAS server keeps them, else 学信档案.

    An exact list, not a host check: a browser reads a backslash in `https://evil.example.com<backslash>@my.chsi.com.cn/`
    as a slash, so that address is evil.example.com's page, whatever Python's URL parser says.
    """
    return asked if asked in urls.SERVICES else urls.SERVICE


def _browser(request: Request) -> str:
    """This browser's id for one-time forms (LT_COOKIE), or a new one for the response to set."""
    return request.cookies.get(LT_COOKIE) or secrets.token_urlsafe(24)


def _login_page(request: Request, state: State, service: str, error: str, username: str) -> Response:
    """个人用户登录, with the last error, the name typed, and a fresh one-time `lt` for this browser."""
    browser = _browser(request)
    lt = f"LT-{secrets.token_urlsafe(24)}"
    state.login_tickets[lt] = browser
    response = page("account/login.html", state, service=service, login_error=error, username=username, lt=lt)
    response.set_cookie(LT_COOKIE, browser)
    return response


def logout(request: Request, state: State) -> Response:
    """退出: every session of the student ends, here and on 学信档案, and login shows again.

    Only a POST carrying the sign-out token the site's own pages hold does it (as Django and GitHub require):
    a link or image on another page is a GET, which only asks whether to 退出, and cannot know the token.
    """
    if request.method == "GET":
        session = state.session(request.cookies.get(TGC_COOKIE), SessionKind.LOGIN)
        if session is None:
            return redirect(urls.LOGIN)
        return page("account/logout.html", state, sign_out=session.sign_out)
    account = state.signing_out(request.form.get("token", ""))
    if account is None:
        return redirect(urls.LOGIN)  # nothing of anyone's ends without the token
    state.end_sessions(account)
    response = redirect(urls.LOGIN)
    response.delete_cookie(TGC_COOKIE)
    return response


def _recovery_page(template: str, request: Request, state: State, **context: Any) -> Response:
    """A recovery form's page, with a fresh image captcha for this browser where the profile asks for one."""
    if not state.profile.recovery_captcha:
        return page(template, state, captcha="", **context)
    browser = _browser(request)
    response = page(template, state, captcha=state.captcha.issue(browser), **context)
    response.set_cookie(LT_COOKIE, browser)
    return response


def _check_captcha(request: Request, state: State) -> None:
    """Refuse a recovery form whose captcha is not the one shown to this browser, where the profile asks for one."""
    typed, browser = request.form.get("captcha", ""), request.cookies.get(LT_COOKIE, "")
    if state.profile.recovery_captcha and not state.captcha.solved(browser, typed):
        raise Invalid({"captcha": say("captcha.wrong")})


def find_username(request: Request, state: State) -> Response:
    """找回用户名: ID number and the exact name show the account(s) on that ID.

    A lookup that finds nothing says the same whether or not the number has accounts, and each number may be
    guessed at only a few times an hour, so neither which IDs are registered nor their names can be fished for.
    """
    if request.method == "GET":
        return _recovery_page("account/find_username.html", request, state, found=[])
    form, now = request.form, state.clock.now()
    name, number = form.get("xm", ""), canonical(form.get("sfzh", ""))
    try:
        _check_captcha(request, state)
        if blank(name) or blank(number):
            raise Invalid({"sfzh": say("recovery.blank")})  # a blank form guesses nothing, and counts for nothing
        too_many = state.lookups.refusal(number, now)
        if too_many:
            raise Invalid({"sfzh": too_many})
        try:
            found = state.accounts.find_usernames(name, number)
        except Invalid:
            state.lookups.missed(number, now)
            raise
        state.lookups.found(number)
    except Invalid as refused:
        return _recovery_page("account/find_username.html", request, state, errors=refused.errors, form=form, found=[])
    return page("account/find_username.html", state, found=found, captcha="")


def find_password(request: Request, state: State) -> Response:
    """找回密码: a reset link mailed to the account's mailbox."""
    if request.method == "GET":
        form = {"loginName": request.query.get("loginName", "")}
        return _recovery_page("account/find_password.html", request, state, form=form, sent_to="")
    form, now = request.form, state.clock.now()
    try:
        _check_captcha(request, state)
        account, token = state.accounts.issue_reset(form.get("loginName", ""), now)
    except Invalid as refused:
        return _recovery_page(
            "account/find_password.html", request, state, errors=refused.errors, form=form, sent_to=""
        )
    body = say("reset.mail", email=account.email, hours=state.profile.reset_hours)
    link = f"{urls.ACCOUNT}/account/password!reset.action?token={token}"
    state.mail.deliver(account.email, state.profile.label("reset_subject"), body, link, now)
    # Whoever typed the address itself learns nothing from seeing it; anyone else (a phone number typed) sees it
    # masked, as today's site shows it.
    typed = form.get("loginName", "").strip().lower() == account.email
    shown = account.email if typed and not state.profile.masks_addresses else masked(account.email)
    return page("account/find_password.html", state, sent_to=shown)


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
    """Everything wrong with a review request, field by field (a field left out is a blank one)."""
    form = request.form
    errors = state.reviews.refusals(state.accounts, form.get("xm", ""), form.get("sfzh", ""), form.get("keep", ""))
    for field_name in state.profile.review_photos:
        problem = upload_error(request.files.get(field_name), state.profile.label(REVIEW_PHOTOS[field_name]))
        if problem:
            errors[field_name] = problem
    return errors


def review(request: Request, state: State) -> Response:
    """帐号审核申请: ID card photos, checked on upload, become a ticket with a reference number."""
    photos = {name: state.profile.label(REVIEW_PHOTOS[name]) for name in state.profile.review_photos}
    if request.method == "GET":
        return page("account/review.html", state, ticket=None, photos=photos)
    # Asking for a review answers whether a name goes with an ID number, as 找回用户名 does: the same count of misses
    # per number, and the same pause, stand in front of both.
    form, now = request.form, state.clock.now()
    number = canonical(form.get("sfzh", ""))
    paused = state.lookups.refusal(number, now)
    errors = {"sfzh": paused} if paused else _review_errors(request, state)
    if not paused and state.reviews.may_ask(state.accounts, form.get("xm", ""), number, form.get("keep", "")):
        state.lookups.found(number)
    elif not paused:
        state.lookups.missed(number, now)
    if errors:
        return page("account/review.html", state, errors=errors, form=form, ticket=None, photos=photos)
    files = request.files
    front, back = (files[name].data if name in files else b"" for name in ("front", "back"))
    name, number, keep = form.get("xm", "").strip(), canonical(form.get("sfzh", "")), form.get("keep", "")
    ticket = state.reviews.file(name, number, keep.strip().lower(), front, back, state.clock.now())
    return page("account/review.html", state, ticket=ticket, photos=photos)


def _status_text(ticket: Ticket, state: State) -> str:
    """What the status page says of a ticket today."""
    if ticket.decision is Decision.APPROVED:
        # Whoever has a ticket's number and ID number sees it: the account kept is shown as one not typed here.
        # A phone refused for the number has no account until it registers again: it is told to.
        code = "review.approved" if state.accounts.get(ticket.keep) else "review.approved_to_register"
        return say(code, date=f"{ticket.decided_at:%Y-%m-%d}", keep=masked(ticket.keep))
    if ticket.decision is Decision.REJECTED:
        return say("review.rejected", date=f"{ticket.decided_at:%Y-%m-%d}", reason=ticket.reason)
    if ticket.overdue(state.clock.now()):
        return say("review.overdue", days=state.profile.working_days, due=ticket.due.isoformat())
    return say("review.pending", days=state.profile.working_days, due=ticket.due.isoformat())


def review_status(request: Request, state: State) -> Response:
    """审核进度: the reference number and the ID number together (numbers run in sequence, so one is not enough)."""
    if request.method == "GET":
        form = {"no": request.query.get("no", "")}
        return page("account/review_status.html", state, form=form, ticket=None, status_text="")
    form, now = request.form, state.clock.now()
    number = canonical(form.get("sfzh", ""))
    # Reference numbers run in sequence: a wrong one counts as a miss against the ID number, as 找回用户名 counts.
    paused = state.lookups.refusal(number, now)
    ticket = None if paused else state.reviews.find(form.get("no", ""), number)
    if ticket is None and not paused:
        state.lookups.missed(number, now)
    errors = {"no": paused} if paused else {} if ticket else {"no": say("review.no_match")}
    text = _status_text(ticket, state) if ticket else ""
    return page("account/review_status.html", state, errors=errors, form=form, ticket=ticket, status_text=text)


# Each registration page only for a registration at its step (access.py).
AT_REAL_NAME, AT_PHONE = registration_at(Status.PENDING_REAL_NAME), registration_at(Status.PENDING_PHONE)
AT_CONFIRMATION = registration_at(Status.PENDING_CONFIRMATION)

ROUTES = [
    Route("/account/preregister.action", preregister),
    Route("/account/registerprocess.action", register_process, methods=("POST",)),
    Route("/account/activate.action", activate, methods=("GET", "POST")),
    Route("/account/resendactivation.action", resend_activation, methods=("POST",)),
    Route("/account/email!prove.action", prove_email),
    Route(
        "/account/realname.action",
        real_name,
        methods=("GET", "POST"),
        requires=AT_REAL_NAME,
    ),
    Route("/account/phone.action", phone_page, requires=AT_PHONE),
    Route("/account/getmphonpincode.action", send_pin, methods=("POST",)),
    Route("/account/phoneconfirm.action", phone_confirm, methods=("POST",), requires=AT_PHONE),
    Route("/account/confirm.action", confirm, requires=AT_CONFIRMATION),
    Route("/account/finish.action", finish, methods=("POST",), requires=AT_CONFIRMATION),
    Route("/passport/login", login, methods=("GET", "POST")),
    Route("/passport/logout", logout, methods=("GET", "POST")),
    Route("/account/password!rtvlgname.action", find_username, methods=("GET", "POST")),
    Route("/account/password!retrive.action", find_password, methods=("GET", "POST")),
    Route("/account/password!reset.action", reset_password, methods=("GET", "POST")),
    Route("/account/review.action", review, methods=("GET", "POST")),
    Route("/account/review!status.action", review_status, methods=("GET", "POST")),
    *COMMON,
]
