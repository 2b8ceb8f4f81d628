"""Every rule a page enforces, asked of the server directly: out of order, with another student's data, or twice."""

from __future__ import annotations

from datetime import timedelta

import pytest

from fixtures.images import graduate_photo, id_card_photo
from fixtures.personas import make_persona
from fixtures.students import enrol, existing_account, pending_account
from mock_server import Site, url_for, urls
from mock_server.clock import GUIDE_MORNING
from mock_server.hosts.account import REG_COOKIE, SIGNUP_COOKIE, TGC_COOKIE
from mock_server.hosts.my import SESSION_COOKIE
from mock_server.http import Redirect, Request
from mock_server.messages import say
from mock_server.services.accounts import Status
from mock_server.services.records import PhotoCheck
from mock_server.services.throttle import LOCKED_FOR, locked_message
from mock_server.state import SessionKind, State
from mock_server.testing import TestClient
from tests.helpers import multipart

pytestmark = pytest.mark.security

STUDENT = make_persona(61, GUIDE_MORNING.date())
CLASSMATE = make_persona(62, GUIDE_MORNING.date())
NEWCOMER = make_persona(63, GUIDE_MORNING.date())


def _registering(state: State, status: Status) -> TestClient:
    """A client whose registration of STUDENT stands at `status`."""
    account = pending_account(state, STUDENT)
    if status is not Status.PENDING_REAL_NAME:
        state.accounts.submit_real_name(account, STUDENT.name, STUDENT.id_number, STUDENT.province)
    if status is Status.PENDING_CONFIRMATION:
        state.accounts.confirm_phone(account, STUDENT.phone)
    client = TestClient(Site(state))
    client.cookies["account.chsi.com.cn"] = {REG_COOKIE: state.open_session(account, SessionKind.REGISTRATION)}
    return client


# The order of the registration steps.
@pytest.mark.parametrize(
    ("step", "form"),
    [
        pytest.param("phone_confirm", {"mphone": STUDENT.phone, "vcode": "000000"}, id="跳过实名直接确认手机"),
        pytest.param("finish", {}, id="跳过实名直接点是"),
    ],
)
def test_a_later_step_asked_before_its_turn_changes_nothing(step: str, form: dict[str, str]) -> None:
    """注册步骤不能跳过：还在实名注册时直接提交手机确认或“是”，站点把人送回实名注册，帐号不变"""
    state = State()
    client = _registering(state, Status.PENDING_REAL_NAME)
    answer = client.request("POST", url_for(step), form, follow=False)
    assert isinstance(answer, Redirect) and answer.location == url_for("real_name").removeprefix(urls.ACCOUNT)
    assert state.accounts.get(STUDENT.email).status is Status.PENDING_REAL_NAME  # type: ignore[union-attr]


def test_a_done_step_cannot_be_redone_with_anothers_identity() -> None:
    """注册步骤不能回头：手机确认时再提交实名注册（换成别人的姓名和身份证号）被送回手机确认，身份不变"""
    state = State()
    client = _registering(state, Status.PENDING_PHONE)
    form = {"xm": CLASSMATE.name, "sfzh": CLASSMATE.id_number, "region": CLASSMATE.province}
    answer = client.request("POST", url_for("real_name"), form, follow=False)
    assert isinstance(answer, Redirect) and answer.location.endswith("/account/phone.action")
    account = state.accounts.get(STUDENT.email)
    assert account is not None and (account.name, account.id_number) == (STUDENT.name, STUDENT.id_number)


def test_a_finished_registration_cannot_be_finished_again() -> None:
    """注册完成后，原来的注册会话什么也做不了：再点“是”或再确认手机都被送去登录"""
    state = State()
    client = _registering(state, Status.PENDING_CONFIRMATION)
    client.post(url_for("finish"), {})
    for step in ("finish", "phone_confirm", "real_name"):
        answer = client.request("POST", url_for(step), {}, follow=False)
        assert isinstance(answer, Redirect) and answer.location == urls.LOGIN


def test_an_activation_link_cannot_be_used_by_the_browser_of_another_sign_up() -> None:
    """激活链接只认签名时的浏览器：带着别的注册的浏览器标记打开，同样要先设置密码"""
    site = Site()
    mine, theirs = TestClient(site), TestClient(site)
    mine.post(url_for("register_process"), {"username": STUDENT.email, "password": "abc123", "password1": "abc123"})
    theirs.post(url_for("register_process"), {"username": NEWCOMER.email, "password": "abc123", "password1": "abc123"})
    link = site.state.mail.inbox(STUDENT.email)[0].link
    assert SIGNUP_COOKIE in theirs.cookies["account.chsi.com.cn"]
    assert say("activation.password_notice") in theirs.get(link).text


# A button the page hides after a decision.
def _student(state: State | None = None) -> TestClient:
    client = TestClient(Site(state or State()))
    enrol(client.site.state, STUDENT)
    enrol(client.site.state, CLASSMATE)
    existing_account(client.site.state, STUDENT)
    existing_account(client.site.state, CLASSMATE)
    client.log_in(STUDENT.email, STUDENT.password)
    return client


def _report(client: TestClient, reason: str = "照片不是本人") -> None:
    content_type, body = multipart([("reason", reason)], [])
    jar = client.cookies["my.chsi.com.cn"]
    headers = {"cookie": f"{SESSION_COOKIE}={jar[SESSION_COOKIE]}", "content-type": content_type}
    client.site.handle(Request("POST", url_for("modify_photo"), headers, body))


def test_confirming_a_photo_already_reported_wrong_changes_nothing() -> None:
    """“图像信息有误”提交后页面不再显示“正确”按钮；直接提交“正确”也改变不了结果"""
    client = _student()
    _report(client)
    client.post(url_for("confirm_photo"), {})
    record = client.site.state.records.match(STUDENT.name, STUDENT.id_number)
    assert record is not None and record.photo_check is PhotoCheck.REPORTED and len(record.reports) == 1


def test_reporting_a_photo_already_confirmed_changes_nothing() -> None:
    """确认“正确”后页面不再显示“信息有误”；直接打开或提交修改表单都改变不了结果"""
    client = _student()
    client.post(url_for("confirm_photo"), {})
    assert isinstance(client.request("GET", url_for("modify_photo"), follow=False), Redirect)
    _report(client)
    record = client.site.state.records.match(STUDENT.name, STUDENT.id_number)
    assert record is not None and record.photo_check is PhotoCheck.CONFIRMED and record.reports == []


# Whose photo or 学籍 an address serves.
@pytest.mark.parametrize("page", ["records_page", "photo", "archive_home", "modify_photo"])
def test_an_address_with_anothers_identifiers_serves_only_the_own(page: str) -> None:
    """学信档案的地址加上别人的身份证号、姓名或用户名，返回的仍只是本人的学籍和照片"""
    client = _student()
    query = {"sfzh": CLASSMATE.id_number, "xm": CLASSMATE.name, "username": CLASSMATE.email, "id": "1"}
    answer = client.get(url_for(page, **query))
    assert CLASSMATE.id_number.encode() not in answer.body and CLASSMATE.name.encode() not in answer.body
    if page == "photo":
        assert answer.body == graduate_photo(STUDENT)


def test_anothers_session_cookie_under_another_name_opens_nothing() -> None:
    """把别人的登录会话号放进别的 Cookie 名（或反过来）什么也打不开"""
    client = _student()
    tgc = client.cookies["account.chsi.com.cn"][TGC_COOKIE]
    answer = client.site.handle(Request("GET", url_for("records_page"), {"cookie": f"{SESSION_COOKIE}={tgc}"}))
    assert isinstance(answer, Redirect) and answer.location == urls.LOGIN


# Which phone a code was sent to, and for whom: tests/test_probe_round_three.py (section 6).


# Who may ask for a review of an ID's accounts.
def _review(site: Site, name: str, id_number: str, keep: str) -> str:
    files = [("front", "a.jpg", id_card_photo(STUDENT, "正面")), ("back", "b.jpg", id_card_photo(STUDENT, "背面"))]
    content_type, body = multipart([("xm", name), ("sfzh", id_number), ("keep", keep)], files)
    return site.handle(Request("POST", url_for("review"), {"content-type": content_type}, body)).text


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        pytest.param("classmate-name", "review.no_account", id="别人的姓名配本人身份证号"),
        pytest.param("classmate-account", "review.keep_invalid", id="保留别人的帐号"),
        pytest.param("unclaimed-newcomer", "review.keep_invalid", id="保留没为此身份证号注册过的新帐号"),
    ],
)
def test_only_whoever_knows_the_name_may_ask_to_review_an_ids_accounts(who: str, expected: str) -> None:
    """申请帐号审核须知道该身份证号下帐号的准确姓名，保留的须是其中之一或为这个号码被拒的新帐号"""
    site = Site()
    existing_account(site.state, STUDENT)
    existing_account(site.state, CLASSMATE)
    newcomer = pending_account(site.state, NEWCOMER)
    name, keep = {
        "classmate-name": (CLASSMATE.name, STUDENT.email),
        "classmate-account": (STUDENT.name, CLASSMATE.email),
        "unclaimed-newcomer": (STUDENT.name, newcomer.email),
    }[who]
    assert say(expected) in _review(site, name, STUDENT.id_number, keep)
    assert site.back_office.tickets() == []


def test_a_newcomer_refused_for_the_id_may_ask_to_be_kept() -> None:
    """为这个身份证号实名注册被拒的新帐号（页面给出【解决方法】的那个）可以申请保留"""
    site = Site()
    existing_account(site.state, STUDENT)
    newcomer = pending_account(site.state, NEWCOMER)
    client = TestClient(site)
    client.cookies["account.chsi.com.cn"] = {REG_COOKIE: site.state.open_session(newcomer, SessionKind.REGISTRATION)}
    refused = client.post(url_for("real_name"), {"xm": STUDENT.name, "sfzh": STUDENT.id_number, "region": "北京市"})
    assert say("id.taken") in refused.text
    assert "受理编号" in _review(site, STUDENT.name, STUDENT.id_number, newcomer.email)


# When the wrong-password count starts again.
def _wrong(client: TestClient, times: int) -> str:
    page = ""
    for _ in range(times):
        page = client.log_in(STUDENT.email, STUDENT.password + "x").text
    return page


@pytest.mark.parametrize(
    "between",
    ["blank-form", "reset-mail-asked", "another-account-logs-in", "four-minutes-pass"],
    ids=["空白表单", "只申请了重置邮件", "别的帐号登录成功", "过了几分钟"],
)
def test_the_wrong_password_count_does_not_start_again_early(between: str) -> None:
    """密码错误次数只在输对密码、完成重置或锁定期满后重新计算：空白表单、只申请重置邮件、别的帐号登录、过了几分钟都不清零"""
    client = _student()
    client.submit(url_for("archive_home"), {})
    _wrong(client, 4)
    if between == "blank-form":
        client.log_in(STUDENT.email, "")
    elif between == "reset-mail-asked":
        client.post(url_for("find_password"), {"loginName": STUDENT.email})
    elif between == "another-account-logs-in":
        client.log_in(CLASSMATE.email, CLASSMATE.password)
    else:
        client.site.state.clock.advance(timedelta(minutes=4))
    assert locked_message() in _wrong(client, 1)


def test_the_wrong_password_count_starts_again_after_a_right_password_or_the_lock() -> None:
    """输对一次密码后重新计数；锁定期满后也重新计数"""
    client = _student()
    _wrong(client, 4)
    client.log_in(STUDENT.email, STUDENT.password)
    assert say("login.wrong") in _wrong(client, 4)
    assert locked_message() in _wrong(client, 1)
    client.site.state.clock.advance(LOCKED_FOR)
    assert say("login.wrong") in _wrong(client, 4)


# What held in the probe, kept: service= spellings, ticket replay, tokens crossing, digits, multipart, cookies,
# escaping, and one reset link used from two tabs.
SERVICES = [
    "https://evil.example/", "https://evil.example.com\\@my.chsi.com.cn/", "https://evil.example.com\\.chsi.com.cn/",
    "https://chsi.com.cn.evil.example/", "http://my.chsi.com.cn/archive/j_spring_cas_security_check", "//evil.example",
    "///evil.example", "https:evil.example", "https://my.chsi.com.cn@evil.example/", "https://my.chsi.com.cn.evil.example/",
    f"{urls.WWW}/", "javascript:alert(1)", "data:text/html,x", "HTTPS://MY.CHSI.COM.CN/archive/j_spring_cas_security_check",
    " https://my.chsi.com.cn/archive/j_spring_cas_security_check", "https://my.chsi.com.cn/archive/j_spring_cas_security_check/../../x",
]  # fmt: skip


@pytest.mark.parametrize("service", SERVICES)
def test_no_spelling_of_service_sends_the_ticket_off_the_site(service: str) -> None:
    """service= 的 16 种写法（反斜杠、@、大小写、协议相对、javascript: 等）都拿不到票据，一律回学信档案"""
    client = TestClient()
    existing_account(client.site.state, STUDENT)
    moved = client.log_in(STUDENT.email, STUDENT.password, service, follow=False)
    assert isinstance(moved, Redirect) and moved.location.startswith(f"{urls.SERVICE}?ticket=ST-")


def test_a_ticket_is_traded_once() -> None:
    """同一张票据第二次使用什么也打不开"""
    client = TestClient()
    existing_account(client.site.state, STUDENT)
    moved = client.log_in(STUDENT.email, STUDENT.password, follow=False)
    assert isinstance(moved, Redirect)
    TestClient(client.site).get(moved.location)
    assert "个人用户登录" in TestClient(client.site).get(moved.location).text


def test_activation_and_reset_tokens_do_not_cross() -> None:
    """激活链接的令牌不能当重置令牌用，重置令牌也不能当激活令牌用"""
    client = TestClient()
    state = client.site.state
    client.post(url_for("register_process"), {"username": NEWCOMER.email, "password": "abc123", "password1": "abc123"})
    activation = state.mail.inbox(NEWCOMER.email)[0].link.rsplit("token=", 1)[1]
    existing_account(state, STUDENT)
    _, reset = state.accounts.issue_reset(STUDENT.email, state.clock.now())
    assert say("reset.invalid") in client.get(url_for("reset_password", token=activation)).text
    assert say("activation.invalid") in client.get(url_for("activate", token=reset)).text


@pytest.mark.parametrize(
    "digits", ["٠١٢٣٤٥٦٧٨٩", "०१२३४५६७८९", "０１２３４５６７８９"], ids=["阿拉伯-印度数字", "天城文数字", "全角数字"]
)
def test_exotic_digits_are_no_other_id_number(digits: str) -> None:
    """身份证号里混入其他文字的数字：要么被认作同一个号码（一证一号），要么被拒绝，不会成为另一个人"""
    state = State()
    existing_account(state, STUDENT)
    account = pending_account(state, NEWCOMER)
    typed = "".join(digits[int(c)] if c.isdigit() and i % 2 else c for i, c in enumerate(STUDENT.id_number))
    with pytest.raises(Exception) as refused:
        state.accounts.submit_real_name(account, STUDENT.name, typed, STUDENT.province)
    assert account.id_number == "" and "sfzh" in refused.value.errors  # type: ignore[attr-defined]


HOSTILE_MULTIPART = {
    "no-boundary": ("multipart/form-data", b"--x\r\nContent-Disposition: form-data; name=xm\r\n\r\na\r\n--x--"),
    "wrong-boundary": ("multipart/form-data; boundary=y", b"--x\r\nContent-Disposition: form-data; name=xm\r\n\r\na\r\n--x--"),
    "unterminated": ("multipart/form-data; boundary=x", b"--x\r\nContent-Disposition: form-data; name=xm\r\n\r\na"),
    "no-disposition": ("multipart/form-data; boundary=x", b"--x\r\n\r\na\r\n--x--\r\n"),
    "huge-header": ("multipart/form-data; boundary=x", b"--x\r\nX: " + b"a" * 100_000 + b"\r\n\r\na\r\n--x--\r\n"),
    "path-filename": ("multipart/form-data; boundary=x", b'--x\r\nContent-Disposition: form-data; name="front"; filename="../../etc/passwd.jpg"\r\n\r\nGIF89a\r\n--x--\r\n'),
    "nul-name": ("multipart/form-data; boundary=x", b'--x\r\nContent-Disposition: form-data; name="x\x00m"\r\n\r\na\r\n--x--\r\n'),
    "not-utf8": ("multipart/form-data; boundary=x", b'--x\r\nContent-Disposition: form-data; name="xm"\r\n\r\n\xff\xfe\r\n--x--\r\n'),
    "nested": ("multipart/form-data; boundary=x", b'--x\r\nContent-Disposition: form-data; name="xm"\r\nContent-Type: multipart/mixed; boundary=y\r\n\r\n--y\r\n\r\nb\r\n--y--\r\n--x--\r\n'),
}  # fmt: skip


@pytest.mark.parametrize("case", list(HOSTILE_MULTIPART))
def test_hostile_multipart_bodies_get_a_chinese_refusal_and_change_nothing(case: str) -> None:
    """9 种恶意 multipart 请求体：得到中文提示，不出错，不生成申请"""
    site = Site()
    existing_account(site.state, STUDENT)
    content_type, body = HOSTILE_MULTIPART[case]
    answer = site.handle(Request("POST", url_for("review"), {"content-type": content_type}, body))
    assert answer.status < 500 and site.state.problems == [] and site.back_office.tickets() == []
    assert 'role="alert"' in answer.text


def test_session_cookies_are_host_only_http_only_secure_and_same_site() -> None:
    """会话 Cookie 只属于发出它的主机（没有 Domain），HttpOnly、Secure、SameSite=Lax"""
    client = TestClient()
    existing_account(client.site.state, STUDENT)
    client.get(urls.LOGIN)
    moved = client.log_in(STUDENT.email, STUDENT.password, follow=False)
    traded = client.request("GET", moved.location, follow=False)  # type: ignore[attr-defined]
    cookies = [*moved.cookies, *traded.cookies]
    assert {c.split("=", 1)[0] for c in cookies} >= {TGC_COOKIE, SESSION_COOKIE}
    for cookie in cookies:
        attributes = {part.strip().split("=", 1)[0].lower() for part in cookie.split(";")[1:]}
        assert {"httponly", "secure", "samesite"} <= attributes and "domain" not in attributes, cookie
        assert "SameSite=Lax" in cookie


ECHO = "<x-echo>\"'"
ECHOING = {
    "preregister": ("register_process", {"username": ECHO, "password": "1", "password1": "1"}),
    "real-name": ("real_name", {"xm": ECHO, "sfzh": ECHO, "region": ECHO}),
    "phone": ("phone_confirm", {"mphone": ECHO, "vcode": ECHO}),
    "login": ("login", {"username": ECHO, "password": "x"}),
    "find-username": ("find_username", {"xm": ECHO, "sfzh": ECHO}),
    "find-password": ("find_password", {"loginName": ECHO}),
    "review": ("review", {"xm": ECHO, "sfzh": ECHO, "keep": ECHO}),
    "review-status": ("review_status", {"no": ECHO, "sfzh": ECHO}),
}


@pytest.mark.parametrize("place", list(ECHOING))
def test_what_the_student_typed_is_echoed_escaped(place: str) -> None:
    """8 个会把输入原样显示回来的地方都先转义：输入的标签只显示为文字"""
    state = State()
    client = _registering(state, Status.PENDING_REAL_NAME if place == "real-name" else Status.PENDING_PHONE)
    route, form = ECHOING[place]
    page = client.post(url_for(route), form).text
    assert "<x-echo>" not in page and "&lt;x-echo&gt;" in page


def test_one_reset_link_used_from_two_tabs_sets_one_password() -> None:
    """同一个重置链接在两个标签页里都打开：先提交的生效，后提交的被告知链接已使用，密码不再变"""
    client = TestClient()
    existing_account(client.site.state, STUDENT)
    client.post(url_for("find_password"), {"loginName": STUDENT.email})
    link = client.site.state.mail.inbox(STUDENT.email)[0].link
    first, second = TestClient(client.site), TestClient(client.site)
    first.get(link), second.get(link)
    assert "密码重置成功" in first.post(link, {"password": "First2012", "password1": "First2012"}).text
    assert say("reset.used") in second.post(link, {"password": "Second2012", "password1": "Second2012"}).text
    assert "欢迎您" in TestClient(client.site).log_in(STUDENT.email, "First2012").text
