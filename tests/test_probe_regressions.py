"""Each hole an outside probe found in the mock, reproduced without a browser: it must stay closed."""

from __future__ import annotations

import io
import struct
import zlib
from datetime import timedelta

import pytest
from PIL import Image

from fixtures.images import graduate_photo, id_card_photo
from fixtures.personas import make_persona
from fixtures.students import enrol, existing_account, pending_account, second_email
from mock_server import Site, urls
from mock_server.back_office import BackOffice
from mock_server.clock import GUIDE_MORNING
from mock_server.hosts.account import REG_COOKIE, TGC_COOKIE
from mock_server.hosts.my import SESSION_COOKIE
from mock_server.http import Redirect, Request, UploadedFile
from mock_server.messages import say
from mock_server.profile import PROFILES
from mock_server.services.accounts import Status
from mock_server.services.throttle import locked_message
from mock_server.services.uploads import upload_error
from mock_server.state import SessionKind, State
from mock_server.testing import TestClient
from tests.helpers import multipart

pytestmark = pytest.mark.security

STUDENT = make_persona(31, GUIDE_MORNING.date())
ACCOUNT, MY = urls.ACCOUNT, urls.MY
RECORDS = f"{MY}/archive/xjarchive.action"


def _logged_in(site: Site | None = None) -> TestClient:
    client = TestClient(site)
    enrol(client.site.state, STUDENT)
    existing_account(client.site.state, STUDENT)
    client.log_in(STUDENT.email, STUDENT.password)
    return client


def _current_student_by_phone() -> TestClient:
    """A student registered on today's site by phone, with no email."""
    client = TestClient(Site(State(profile=PROFILES["current"])))
    client.post(f"{ACCOUNT}/account/getmphonpincode.action", {"mphone": STUDENT.phone})
    code = client.site.state.sms.inbox(STUDENT.phone)[0].code
    fields = {"mphone": STUDENT.phone, "vcode": code, "password": "abc12345", "password1": "abc12345",
              "xm": STUDENT.name, "sfzh": STUDENT.id_number, "email": ""}  # fmt: skip
    assert "账号注册成功" in client.post(f"{ACCOUNT}/account/registerprocess.action", fields).text
    return client


# 1. Open redirect that leaked the login ticket.
def test_a_backslash_service_gets_no_ticket() -> None:
    """`evil.example.com\\@my.chsi.com.cn` is evil's page to a browser: the ticket goes to 学信档案 only."""
    client = TestClient()
    existing_account(client.site.state, STUDENT)
    form = {"username": STUDENT.email, "password": STUDENT.password}
    for asked in ("https://evil.example.com\\@my.chsi.com.cn/", "https://evil.example.com\\.chsi.com.cn/"):
        moved = client.log_in(form["username"], form["password"], asked, follow=False)
        assert isinstance(moved, Redirect) and moved.location.startswith(f"{urls.SERVICE}?ticket=ST-"), asked


# 2. Crashes.
def test_a_cookie_name_python_refuses_crashes_no_page() -> None:
    client = _logged_in()
    jar = client.cookies["my.chsi.com.cn"]
    cookie = f"ab(c)=1; {SESSION_COOKIE}={jar[SESSION_COOKIE]}"
    for url in (RECORDS, f"{ACCOUNT}/account/realname.action", f"{ACCOUNT}/passport/logout"):
        response = client.site.handle(Request("GET", url, {"cookie": cookie}))
        assert response.status < 500 and client.site.state.problems == [], url
    assert STUDENT.name in client.site.handle(Request("GET", RECORDS, {"cookie": cookie})).text


def test_a_broken_ipv6_service_and_a_huge_mail_number_crash_nothing() -> None:
    client = TestClient()
    for url in (f"{ACCOUNT}/passport/login?service=https://[::1", f"{urls.WEBMAIL}/read?id={'9' * 4301}"):
        assert client.get(url).status < 500 and client.site.state.problems == [], url


def test_a_half_registered_session_is_no_service_ticket() -> None:
    """The CHSI_REG value of an account still 待实名注册, sent as a ticket, opens nothing."""
    state = State()
    account = pending_account(state, STUDENT)
    enrol(state, STUDENT)
    client = TestClient(Site(state))
    reg = state.open_session(account, SessionKind.REGISTRATION)
    client.get(f"{MY}/archive/j_spring_cas_security_check?ticket=ST-{reg}")
    assert state.problems == [] and SESSION_COOKIE not in client.cookies.get("my.chsi.com.cn", {})
    assert "个人用户登录" in client.get(RECORDS).text


def test_reset_by_phone_on_todays_site_is_refused_plainly() -> None:
    """An account with no email gets a Chinese refusal, no mail to nobody, no crash."""
    client = _current_student_by_phone()
    page = client.post(f"{ACCOUNT}/account/password!retrive.action", {"loginName": STUDENT.phone, "captcha": ""})
    assert "已发送到 ，" not in page.text and client.site.state.mail.delivered == []
    client.get(f"{ACCOUNT}/account/password!retrive.action")  # the form again, with a captcha for this browser
    answer = client.site.state.captcha.answer
    page = client.post(f"{ACCOUNT}/account/password!retrive.action", {"loginName": STUDENT.phone, "captcha": answer})
    assert say("reset.no_mailbox") in page.text
    assert client.site.state.mail.delivered == [] and client.site.state.problems == []


# 3. Unicode digits.
def _realname(client: TestClient, id_number: str) -> str:
    return client.post(
        f"{ACCOUNT}/account/realname.action", {"xm": STUDENT.name, "sfzh": id_number, "region": STUDENT.province}
    ).text


def _newcomer() -> TestClient:
    state = State()
    existing_account(state, STUDENT)
    account = pending_account(state, make_persona(32, GUIDE_MORNING.date()))
    client = TestClient(Site(state))
    client.cookies["account.chsi.com.cn"] = {REG_COOKIE: state.open_session(account, SessionKind.REGISTRATION)}
    return client


def test_full_width_digits_do_not_slip_past_the_one_account_per_id_rule() -> None:
    wide = (
        STUDENT.id_number[:6] + "".join(chr(ord(c) + 0xFEE0) for c in STUDENT.id_number[6:12]) + STUDENT.id_number[12:]
    )
    assert "证件号码已经被注册" in _realname(_newcomer(), wide)


def test_the_15_digit_form_of_an_id_number_is_the_same_person() -> None:
    """11010519491231002X was first issued as 110105491231002: one person, one account."""
    client = _newcomer()
    holder = existing_account(client.site.state, make_persona(33, GUIDE_MORNING.date()), "old@163.com")
    holder.id_number = "11010519491231002X"
    assert "证件号码已经被注册" in _realname(client, "110105491231002")


def test_a_full_width_digit_in_the_phone_number_counts_toward_the_daily_limit() -> None:
    client = TestClient(Site(State(profile=PROFILES["current"])))
    state = client.site.state
    for n in range(5):
        typed = "1" + "３" + "800138000" if n % 2 else "13800138000"
        client.post(f"{ACCOUNT}/account/getmphonpincode.action", {"mphone": typed})
        state.clock.advance(timedelta(seconds=61))
    refused = client.post(f"{ACCOUNT}/account/getmphonpincode.action", {"mphone": "1３800138000"})
    assert say("sms.daily_limit") in refused.text
    assert {s.phone for s in state.sms.sent} == {"13800138000"}


# 4. Sessions and tokens.
def test_an_older_reset_link_dies_when_a_newer_one_is_sent() -> None:
    client = TestClient()
    existing_account(client.site.state, STUDENT)
    for _ in range(2):
        client.post(f"{ACCOUNT}/account/password!retrive.action", {"loginName": STUDENT.email})
    newer, older = (m.link for m in client.site.state.mail.inbox(STUDENT.email))
    assert say("reset.used") in client.get(older).text
    assert "新密码" in client.get(newer).text


def test_a_new_password_logs_out_every_other_session() -> None:
    other = _logged_in()
    client = TestClient(other.site)
    client.post(f"{ACCOUNT}/account/password!retrive.action", {"loginName": STUDENT.email})
    link = client.site.state.mail.inbox(STUDENT.email)[0].link
    client.post(link, {"password": "NewPass2012", "password1": "NewPass2012"})
    assert "个人用户登录" in other.get(RECORDS).text


def test_a_stopped_account_loses_its_open_session() -> None:
    client = _logged_in()
    state = client.site.state
    existing_account(state, STUDENT, second_email(STUDENT))
    ticket = state.reviews.file(STUDENT.name, STUDENT.id_number, second_email(STUDENT), b"f", b"b", state.clock.now())
    BackOffice(state).approve(ticket.number)
    assert state.accounts.get(STUDENT.email).status is Status.DEACTIVATED  # type: ignore[union-attr]
    assert "个人用户登录" in client.get(RECORDS).text


def test_each_cookie_is_good_only_for_its_own_purpose() -> None:
    """A CASTGC value sent as JSESSIONID, and CHSI_REG after 注册成功, open nothing."""
    client = _logged_in()
    tgc = client.cookies["account.chsi.com.cn"][TGC_COOKIE]
    page = client.site.handle(Request("GET", RECORDS, {"cookie": f"{SESSION_COOKIE}={tgc}"}))
    assert isinstance(page, Redirect) and page.location == urls.LOGIN
    state = State()
    account = pending_account(state, STUDENT)
    state.accounts.submit_real_name(account, STUDENT.name, STUDENT.id_number, STUDENT.province)
    state.accounts.confirm_phone(account, STUDENT.phone)
    reg = state.open_session(account, SessionKind.REGISTRATION)
    site = Site(state)
    site.handle(Request("POST", f"{ACCOUNT}/account/finish.action", {"cookie": f"{REG_COOKIE}={reg}"}))
    assert state.sessions.get(reg) is None
    again = site.handle(Request("GET", f"{MY}/archive/index.action", {"cookie": f"{SESSION_COOKIE}={reg}"}))
    assert isinstance(again, Redirect)


def test_session_cookies_are_http_only_secure_and_same_site() -> None:
    client = TestClient()
    existing_account(client.site.state, STUDENT)
    moved = client.log_in(STUDENT.email, STUDENT.password, follow=False)
    assert moved.cookies and all(("HttpOnly" in c and "Secure" in c and "SameSite=Lax" in c) for c in moved.cookies)


# 5. Lockout by alias.
def test_the_lock_holds_for_every_name_of_the_account() -> None:
    """On today's site, five wrong passwords by phone lock the account for its email too."""
    client = _current_student_by_phone()
    account = client.site.state.accounts.get(STUDENT.phone)
    assert account is not None
    account.email = STUDENT.email
    for _ in range(5):
        client.log_in(STUDENT.phone, "wrong123")
    page = client.log_in(STUDENT.email, "abc12345")
    assert locked_message() in page.text


# 6. Uploads.
def _png_header(width: int, height: int) -> bytes:
    """A PNG that claims `width`×`height` pixels but holds almost nothing."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    chunk = b"IHDR" + header
    ihdr = struct.pack(">I", len(header)) + chunk + struct.pack(">I", zlib.crc32(chunk))
    end = struct.pack(">I", 0) + b"IEND" + struct.pack(">I", zlib.crc32(b"IEND"))
    return b"\x89PNG\r\n\x1a\n" + ihdr + end


def test_huge_pictures_and_appended_data_are_not_photos() -> None:
    big = io.BytesIO()
    Image.new("1", (9500, 9500)).save(big, format="PNG", optimize=True)
    jpeg_with_zip = id_card_photo(STUDENT, "正面") + b"PK\x03\x04" + b"\0" * 200
    for name, data, words in (
        ("claims.png", _png_header(12000, 12000), "图片尺寸过大"),
        ("real.png", big.getvalue(), "图片尺寸过大"),
        ("zhengmian.jpg", jpeg_with_zip, "图片末尾附带了其他数据"),
    ):
        problem = upload_error(UploadedFile(name, data), "身份证正面")
        assert problem and words in problem, (name, len(data), problem)
    assert upload_error(UploadedFile("zhengmian.jpg", id_card_photo(STUDENT, "正面")), "身份证正面") is None


def test_a_reason_of_control_characters_and_an_unknown_region_are_refused() -> None:
    client = _logged_in()
    content_type, body = multipart([("reason", "\x00")], [("photo", "a.jpg", graduate_photo(STUDENT))])
    jar = client.cookies["my.chsi.com.cn"]
    headers = {"cookie": f"{SESSION_COOKIE}={jar[SESSION_COOKIE]}", "content-type": content_type}
    page = client.site.handle(Request("POST", f"{MY}/archive/photo/modify.action", headers, body))
    assert say("photo.reason_missing") in page.text
    assert client.site.state.records.match(STUDENT.name, STUDENT.id_number).reports == []  # type: ignore[union-attr]
    newcomer = _newcomer()
    page_text = newcomer.post(
        f"{ACCOUNT}/account/realname.action", {"xm": STUDENT.name, "sfzh": "11010519491231002X", "region": "火星"}
    ).text
    assert say("region.missing") in page_text


# 7. A wrong method is answered in Chinese and fails the test that caused it.
def test_a_post_to_a_get_only_page_is_a_chinese_405_and_recorded() -> None:
    site = Site()
    response = site.handle(Request("POST", f"{urls.WWW}/", {"accept": "text/html"}))
    assert response.status == 405 and "此页面不接受 POST 请求" in response.text
    assert site.state.problems and "不接受 POST" in site.state.problems[0]
