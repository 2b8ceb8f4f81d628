"""Today's one-page registration makes no account while the ID number is taken: a student whose number an outsider
bound under a made-up name asks for the review with the phone she proved there, under the name she typed, and
registers with that phone once it is approved."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from fixtures.personas import make_persona
from fixtures.students import enrol
from mock_server import Site, url_for
from mock_server.clock import GUIDE_MORNING
from mock_server.http import Response
from mock_server.messages import say
from mock_server.profile import PROFILES
from mock_server.services.accounts import Status
from mock_server.state import State
from mock_server.testing import TestClient
from tests.helpers import review_request

pytestmark = pytest.mark.security

STUDENT = make_persona(93, GUIDE_MORNING.date())
SQUATTER = make_persona(94, GUIDE_MORNING.date())
MADE_UP = "假名字"


def _one_page(site: Site, phone: str, name: str, *, code: str | None = None) -> Response:
    """The one-page registration with the student's ID number under `name`, from `phone` (its SMS code unless
    `code` is given)."""
    client = TestClient(site)
    client.post(url_for("send_pin"), {"mphone": phone})
    sent = site.state.sms.inbox(phone)[0].code  # the newest first
    form = {"mphone": phone, "vcode": sent if code is None else code, "password": "abc12345", "password1": "abc12345",
            "xm": name, "sfzh": STUDENT.id_number, "email": ""}  # fmt: skip
    return client.post(url_for("register_process"), form)


def _squatted() -> Site:
    """Today's site, where an outsider registered the student's ID number on his phone under a made-up name."""
    site = Site(State(profile=PROFILES["current"]))
    enrol(site.state, STUDENT)
    assert "账号注册成功" in _one_page(site, SQUATTER.phone, MADE_UP).text
    return site


def test_a_taken_number_on_todays_form_points_to_the_review() -> None:
    """今天的一页注册因身份证号已被注册被拒：页面说明原因并给出【解决方法】（帐号审核）的链接，不建帐号"""
    site = _squatted()
    refused = _one_page(site, STUDENT.phone, STUDENT.name)
    assert say("id.taken") in refused.text and 'href="/account/review.action">【解决方法】' in refused.text
    assert site.state.accounts.get(STUDENT.phone) is None


def test_the_phone_refused_for_a_squatted_number_wins_it_back_by_review() -> None:
    """别人用编造的姓名在今天的站点上占了学生的身份证号：学生用注册时验证过的手机号、按自己填的姓名申请审核，
    批准后占号的帐号停用，学生用这个手机号重新注册成功"""
    site = _squatted()
    _one_page(site, STUDENT.phone, STUDENT.name)
    filed = review_request(site, STUDENT, STUDENT.name, STUDENT.phone)
    (ticket,) = set(re.findall(r"SH\d{13}", filed.text))
    stopped = site.back_office.approve(ticket)
    assert [a.phone for a in stopped] == [SQUATTER.phone] and stopped[0].status is Status.DEACTIVATED
    status = TestClient(site).post(url_for("review_status"), {"no": ticket, "sfzh": STUDENT.id_number})
    assert "请用手机 1**** 重新注册" in status.text
    site.state.clock.advance(timedelta(minutes=1))  # a new SMS code: the site sends one a minute at most
    assert "账号注册成功" in _one_page(site, STUDENT.phone, STUDENT.name).text
    assert [a.phone for a in site.state.accounts.on_id(STUDENT.id_number)] == [STUDENT.phone]


def test_the_refused_phone_asks_only_under_the_name_it_typed() -> None:
    """被拒的手机号换一个姓名（例如占号者编造的姓名）申请审核：提示姓名与身份证号不符，不受理"""
    site = _squatted()
    _one_page(site, STUDENT.phone, STUDENT.name)
    refused = review_request(site, STUDENT, "李四", STUDENT.phone)
    assert say("review.no_account") in refused.text and not site.state.reviews.tickets


def test_a_phone_never_refused_for_the_number_cannot_ask() -> None:
    """没有因这个身份证号被拒过的手机号，填学生的姓名也申请不了审核"""
    site = _squatted()
    refused = review_request(site, STUDENT, STUDENT.name, STUDENT.phone)
    assert say("review.no_account") in refused.text and not site.state.reviews.tickets


def test_a_refusal_without_a_right_code_proves_no_phone() -> None:
    """校验码不对时被拒（手机号没有得到验证）：这个手机号不能据此申请审核"""
    site = _squatted()
    refused = _one_page(site, STUDENT.phone, STUDENT.name, code="000000")
    assert say("id.taken") not in refused.text
    assert say("review.no_account") in review_request(site, STUDENT, STUDENT.name, STUDENT.phone).text
    assert not site.state.reviews.tickets
