"""The mock's guards, without a browser: lockouts, SMS limits, single sign-out, safe returns after login, tickets."""

from __future__ import annotations

from datetime import timedelta

import pytest

from fixtures.personas import make_persona
from fixtures.students import enrol, existing_account
from mock_server import Site, urls
from mock_server.clock import GUIDE_MORNING
from mock_server.messages import say
from mock_server.services.sms import SmsGateway, SmsRefused
from mock_server.services.throttle import LOCKED_FOR, LoginGuard
from mock_server.testing import TestClient

pytestmark = pytest.mark.security

STUDENT = make_persona(21, GUIDE_MORNING.date())
T0 = GUIDE_MORNING


def test_four_wrong_passwords_do_not_lock_and_the_fifth_does() -> None:
    """The count is per name typed; the fifth wrong password in a row locks it."""
    guard = LoginGuard()
    for minute in range(4):
        guard.failed("Stu@163.com", T0 + timedelta(minutes=minute))
    assert not guard.locked("stu@163.com", T0 + timedelta(minutes=4))
    guard.failed(" STU@163.com ", T0 + timedelta(minutes=4))
    assert guard.locked("stu@163.com", T0 + timedelta(minutes=4))


def test_a_lock_ends_after_30_minutes_and_the_count_starts_again() -> None:
    """At LOCKED_FOR after the last try the name is free; one more wrong password does not lock it again."""
    guard = LoginGuard()
    for _ in range(5):
        guard.failed("stu@163.com", T0)
    assert guard.locked("stu@163.com", T0 + LOCKED_FOR - timedelta(seconds=1))
    assert not guard.locked("stu@163.com", T0 + LOCKED_FOR)
    guard.failed("stu@163.com", T0 + LOCKED_FOR)
    assert not guard.locked("stu@163.com", T0 + LOCKED_FOR)


def test_unknown_names_are_counted_the_same_way() -> None:
    """A name with no account locks like any other: the message never tells whether an account exists."""
    client = TestClient()
    for _ in range(5):
        page = client.log_in("nobody@163.com", "wrong1")
    assert "帐号已锁定" in page.text


def test_password_reset_lifts_the_lock() -> None:
    """找回密码 sets a new password, and it works at once."""
    client = TestClient()
    enrol(client.site.state, STUDENT)
    existing_account(client.site.state, STUDENT)
    for _ in range(5):
        client.log_in(STUDENT.email, "wrong1")
    _, token = client.site.state.accounts.issue_reset(STUDENT.email, T0)
    reset = f"{urls.ACCOUNT}/account/password!reset.action?token={token}"
    assert "密码重置成功" in client.post(reset, {"password": "new123", "password1": "new123"}).text
    assert "欢迎您" in client.log_in(STUDENT.email, "new123").text


def test_a_sixth_code_within_a_day_is_refused() -> None:
    """Five codes a phone may get in 24 hours; the sixth waits for the first to be a day old."""
    sms = SmsGateway(timedelta(minutes=10), timedelta(seconds=60))
    for n in range(5):
        sms.send_code("13800000000", T0 + timedelta(minutes=n))
    with pytest.raises(SmsRefused, match=r"^短信发送次数已达到上限，请24小时后再试$"):
        sms.send_code("13800000000", T0 + timedelta(minutes=5))
    assert sms.send_code("13800000000", T0 + timedelta(days=1)).phone == "13800000000"
    assert sms.send_code("13900000000", T0 + timedelta(minutes=5)).phone == "13900000000"


def test_five_wrong_codes_void_the_code_until_a_new_one() -> None:
    """After five wrong tries the right code is refused too; a new code starts afresh."""
    sms = SmsGateway(timedelta(minutes=10), timedelta(seconds=60))
    code = sms.send_code("13800000000", T0).code
    wrong = f"{(int(code) + 1) % 10**6:06d}"
    assert [sms.check("13800000000", wrong, T0) for _ in range(5)] == [say("code.wrong")] * 5
    assert sms.check("13800000000", code, T0) == say("code.too_many")
    fresh = sms.send_code("13800000000", T0 + timedelta(seconds=60)).code
    assert sms.check("13800000000", fresh, T0 + timedelta(seconds=61)) is None


def _logged_in() -> TestClient:
    client = TestClient()
    enrol(client.site.state, STUDENT)
    existing_account(client.site.state, STUDENT)
    assert "欢迎您" in client.log_in(STUDENT.email, STUDENT.password).text
    return client


def test_logout_ends_the_archive_session_too() -> None:
    """退出 on the account host ends the 学信档案 session as well (single sign-out)."""
    client = _logged_in()
    assert "欢迎您" in client.get(f"{urls.MY}/archive/index.action").text
    client.submit(f"{urls.MY}/archive/index.action", {})  # the menu's 退出
    assert client.site.state.sessions == {}
    assert "个人用户登录" in client.get(f"{urls.MY}/archive/index.action").text


def test_each_login_gets_new_session_ids() -> None:
    """Two logins of one student never share a session id."""
    first = _logged_in()
    second = TestClient(first.site)
    second.log_in(STUDENT.email, STUDENT.password)
    assert first.cookies["my.chsi.com.cn"]["JSESSIONID"] != second.cookies["my.chsi.com.cn"]["JSESSIONID"]


def test_login_returns_only_to_a_registered_service() -> None:
    """Any service but the registered one (look-alikes and CHSI's other pages too) is replaced by 学信档案's."""
    client = TestClient()
    existing_account(client.site.state, STUDENT)
    form = {"username": STUDENT.email, "password": STUDENT.password}
    foreign = ("https://evil.example/", "https://chsi.com.cn.evil.example/", "http://my.chsi.com.cn/", "//evil",
               f"{urls.WWW}/", "https://evil.example.com\\@my.chsi.com.cn/", "https://evil.example.com\\.chsi.com.cn/")  # fmt: skip
    for asked in foreign:
        moved = client.log_in(form["username"], form["password"], asked, follow=False)
        assert moved.location.startswith(urls.SERVICE + "?ticket=ST-"), asked  # type: ignore[attr-defined]
    kept = client.log_in(form["username"], form["password"], urls.SERVICE, follow=False)
    assert kept.location.startswith(f"{urls.SERVICE}?ticket=ST-")  # type: ignore[attr-defined]


def test_ticket_status_needs_the_number_and_the_id_number() -> None:
    """The number alone, or with another ID number, finds nothing; both together show the status."""
    site = Site()
    existing_account(site.state, STUDENT)
    ticket = site.state.reviews.file(STUDENT.name, STUDENT.id_number, STUDENT.email, b"f", b"b", T0)
    client = TestClient(site)
    status = f"{urls.ACCOUNT}/account/review!status.action"
    assert "review-status" not in client.post(status, {"no": ticket.number, "sfzh": "110105194912310021"}).text
    assert "受理编号与身份证号不匹配" in client.post(status, {"no": ticket.number, "sfzh": ""}).text
    assert "审核中" in client.post(status, {"no": ticket.number, "sfzh": STUDENT.id_number.lower()}).text
