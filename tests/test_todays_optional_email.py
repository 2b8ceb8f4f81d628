"""Today's one-page registration: the optional email is the account's only once its mailbox follows the mailed link."""

from __future__ import annotations

import pytest

from fixtures.personas import Persona, make_persona
from fixtures.students import enrol
from mock_server import Site, url_for
from mock_server.clock import GUIDE_MORNING
from mock_server.http import Response
from mock_server.messages import say
from mock_server.profile import PROFILES
from mock_server.state import State
from mock_server.testing import TestClient

pytestmark = pytest.mark.security

STUDENT = make_persona(81, GUIDE_MORNING.date())
STRANGER = make_persona(82, GUIDE_MORNING.date())


def _site() -> Site:
    """Today's site, where both the student and the stranger are enrolled."""
    site = Site(State(profile=PROFILES["current"]))
    enrol(site.state, STUDENT)
    enrol(site.state, STRANGER)
    return site


def _register(site: Site, persona: Persona, email: str) -> tuple[TestClient, Response]:
    """`persona` registers with her phone on today's one page, typing `email`; her browser and the page shown."""
    client = TestClient(site)
    client.post(url_for("send_pin"), {"mphone": persona.phone})
    code = site.state.sms.inbox(persona.phone)[0].code
    form = {"mphone": persona.phone, "vcode": code, "password": persona.password, "password1": persona.password,
            "xm": persona.name, "sfzh": persona.id_number, "email": email}  # fmt: skip
    return client, client.post(url_for("register_process"), form)


def _link_for(site: Site, phone: str) -> str:
    """The link of the checking mail sent for the account registered with `phone` (its body names the phone's tail)."""
    return next(m.link for m in site.state.mail.inbox(STUDENT.email) if f"尾号为 {phone[-4:]} " in m.body)


def test_the_student_binds_her_email_by_the_link_mailed_to_it() -> None:
    """填了选填邮箱：注册成功页说已发验证邮件，学生点邮件里的链接后邮箱才绑定，可用它找回密码"""
    site = _site()
    student, done = _register(site, STUDENT, STUDENT.email)
    assert "账号注册成功" in done.text and say("email_check.sent", email=STUDENT.email) in done.text
    assert site.state.accounts.get(STUDENT.email) is None
    proved = student.get(_link_for(site, STUDENT.phone))
    assert say("email_check.done", email=STUDENT.email) in proved.text
    assert site.state.accounts.get(STUDENT.email) is site.state.accounts.get(STUDENT.phone)


def test_an_email_a_stranger_typed_is_not_his_and_does_not_block_its_owner() -> None:
    """别人注册时先填了学生的邮箱：邮箱不归他，学生照样能用这个邮箱注册并绑定"""
    site = _site()
    _register(site, STRANGER, STUDENT.email)
    assert site.state.accounts.get(STUDENT.email) is None
    student, done = _register(site, STUDENT, STUDENT.email)
    assert "账号注册成功" in done.text
    student.get(_link_for(site, STUDENT.phone))
    assert site.state.accounts.get(STUDENT.email) is site.state.accounts.get(STUDENT.phone)


def test_a_link_for_an_email_already_bound_elsewhere_binds_nothing() -> None:
    """邮箱已绑定到学生的帐号后，再点别人注册时发来的那封验证邮件：提示邮箱已被使用，什么也不改"""
    site = _site()
    _register(site, STRANGER, STUDENT.email)
    student, _ = _register(site, STUDENT, STUDENT.email)
    student.get(_link_for(site, STUDENT.phone))
    refused = student.get(_link_for(site, STRANGER.phone))
    assert say("email.taken") in refused.text
    assert site.state.accounts.get(STUDENT.email) is site.state.accounts.get(STUDENT.phone)
    stranger = site.state.accounts.get(STRANGER.phone)
    assert stranger is not None and stranger.email == ""


def test_a_checking_link_binds_once() -> None:
    """验证邮件的链接只能用一次"""
    site = _site()
    student, _ = _register(site, STUDENT, STUDENT.email)
    link = _link_for(site, STUDENT.phone)
    student.get(link)
    assert say("email_check.used") in student.get(link).text


def test_an_expired_checking_link_binds_nothing() -> None:
    """过期的验证链接：提示已过期，邮箱没有绑定"""
    site = _site()
    student, _ = _register(site, STUDENT, STUDENT.email)
    site.state.clock.advance(site.state.profile.activation_valid_for)
    site.state.clock.advance(site.state.profile.activation_valid_for / 100)
    assert say("email_check.expired") in student.get(_link_for(site, STUDENT.phone)).text
    assert site.state.accounts.get(STUDENT.email) is None


def test_a_made_up_checking_link_binds_nothing() -> None:
    """编造的验证链接：提示链接无效"""
    site = _site()
    student, _ = _register(site, STUDENT, STUDENT.email)
    assert say("email_check.invalid") in student.get(f"{url_for('prove_email')}?token=guess").text
    assert site.state.accounts.get(STUDENT.email) is None


def test_no_email_typed_sends_no_checking_mail() -> None:
    """没填邮箱：注册成功，不发验证邮件"""
    site = _site()
    _, done = _register(site, STUDENT, "")
    assert "账号注册成功" in done.text and not site.state.mail.delivered
