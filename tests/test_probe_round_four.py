"""The fourth outside probe's holes in the mock, each reproduced without a browser, named for its attack: they stay closed."""

from __future__ import annotations

import hashlib

import pytest

from fixtures.personas import make_persona
from fixtures.students import enrol, existing_account
from mock_server import Site, url_for
from mock_server.clock import GUIDE_MORNING
from mock_server.messages import say
from mock_server.profile import PROFILES
from mock_server.services import accounts
from mock_server.state import State
from mock_server.testing import TestClient
from tests.helpers import at_phone_step

pytestmark = pytest.mark.security

STUDENT = make_persona(61, GUIDE_MORNING.date())
STRANGER = make_persona(62, GUIDE_MORNING.date())


def _password_checks(client: TestClient, username: str, password: str, monkeypatch: pytest.MonkeyPatch) -> int:
    """How many scrypt derivations one login form costs the site (the time it takes, in units of the slow part)."""
    calls, scrypt = [], hashlib.scrypt

    def counted(*args: object, **kwargs: object) -> bytes:
        calls.append(1)
        return scrypt(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(accounts.hashlib, "scrypt", counted)
    try:
        page = client.log_in(username, password)
    finally:
        monkeypatch.undo()
    assert say("login.wrong") in page.text
    return len(calls)


# 1. Telling registered names from unknown ones by how long a wrong login takes.
def test_a_wrong_name_takes_as_long_to_refuse_as_a_wrong_password(monkeypatch: pytest.MonkeyPatch) -> None:
    """登录：不存在的用户名与存在的用户名配错密码，页面提示相同，所费的口令计算也相同（不能凭快慢判断帐号是否存在）"""
    client = TestClient()
    enrol(client.site.state, STUDENT)
    existing_account(client.site.state, STUDENT)
    client.log_in("nobody-warmup@163.com", "abc12345")  # the site's decoy digest is made once, on first need
    wrong_password = _password_checks(client, STUDENT.email, STUDENT.password + "x", monkeypatch)
    wrong_name = _password_checks(client, "nobody@163.com", STUDENT.password, monkeypatch)
    assert wrong_name == wrong_password == 1
    assert "欢迎您" in client.log_in(STUDENT.email, STUDENT.password).text  # the right pair still signs in


# 2. Voiding a student's SMS code by typing wrong codes for her phone from another registration.
def test_wrong_codes_typed_by_another_registration_leave_the_students_code_working() -> None:
    """别人的注册对学生的手机号连输五次错误校验码，学生收到的校验码照样能确认；学生自己输错五次仍会作废"""
    site = Site()
    student, stranger = at_phone_step(site, STUDENT), at_phone_step(site, STRANGER)
    student.post(url_for("send_pin"), {"mphone": STUDENT.phone})
    code = site.state.sms.inbox(STUDENT.phone)[0].code
    wrong = f"{(int(code) + 1) % 10**6:06d}"
    for guess in [wrong] * 5 + [code]:
        page = stranger.post(url_for("phone_confirm"), {"mphone": STUDENT.phone, "vcode": guess})
        assert say("code.wrong") in page.text
    page = student.post(url_for("phone_confirm"), {"mphone": STUDENT.phone, "vcode": code})
    assert "<h1>确认个人信息</h1>" in page.text
    assert site.state.accounts.get(STRANGER.email).phone == ""  # type: ignore[union-attr]


def test_five_wrong_codes_of_the_student_herself_still_void_her_code() -> None:
    """学生自己连输五次错误校验码，正确的校验码也被拒绝（六位数字不能靠试）"""
    site = Site()
    student = at_phone_step(site, STUDENT)
    student.post(url_for("send_pin"), {"mphone": STUDENT.phone})
    code = site.state.sms.inbox(STUDENT.phone)[0].code
    wrong = f"{(int(code) + 1) % 10**6:06d}"
    for _ in range(5):
        student.post(url_for("phone_confirm"), {"mphone": STUDENT.phone, "vcode": wrong})
    page = student.post(url_for("phone_confirm"), {"mphone": STUDENT.phone, "vcode": code})
    assert say("code.too_many") in page.text


# 3. One image captcha for the whole site: a code read in one browser answered the form in another.
def _recovering(site: Site) -> TestClient:
    """A browser on today's 找回密码 form, its captcha shown."""
    client = TestClient(site)
    client.get(url_for("find_password"))
    return client


def test_a_captcha_answers_only_the_form_in_the_browser_it_was_shown_to() -> None:
    """今天的找回密码：图片验证码只在显示它的浏览器里有效；另一个浏览器打开表单不会让它失效"""
    site = Site(State(profile=PROFILES["current"]))
    enrol(site.state, STUDENT)
    existing_account(site.state, STUDENT)
    first = _recovering(site)
    mine = site.state.captcha.answer
    second = _recovering(site)
    theirs = site.state.captcha.answer
    if theirs == mine:  # four digits may repeat: only a different code tells the browsers apart
        second = _recovering(site)
        theirs = site.state.captcha.answer
    refused = second.post(url_for("find_password"), {"loginName": STUDENT.email, "captcha": mine})
    assert say("captcha.wrong") in refused.text and site.state.mail.delivered == []
    sent = first.post(url_for("find_password"), {"loginName": STUDENT.email, "captcha": mine})
    assert say("captcha.wrong") not in sent.text and len(site.state.mail.inbox(STUDENT.email)) == 1


def test_a_captcha_is_refused_in_a_browser_never_shown_one() -> None:
    """今天的找回密码：没打开过表单的浏览器（没有看到验证码）提交任何验证码都被拒绝，不发邮件"""
    site = Site(State(profile=PROFILES["current"]))
    enrol(site.state, STUDENT)
    existing_account(site.state, STUDENT)
    _recovering(site)
    page = TestClient(site).post(
        url_for("find_password"), {"loginName": STUDENT.email, "captcha": site.state.captcha.answer}
    )
    assert say("captcha.wrong") in page.text and site.state.mail.delivered == []
