"""The seventh outside probe's holes in the mock, each reproduced without a browser, named for its attack: they stay
closed (the guard's, in the browser, are in e2e/test_offline.py; today's optional email in test_todays_optional_email)."""

from __future__ import annotations

import re

import pytest

from fixtures.personas import make_persona
from fixtures.students import enrol, pending_account
from mock_server import Site, url_for
from mock_server.clock import GUIDE_MORNING
from mock_server.hosts.account import REG_COOKIE
from mock_server.http import Response
from mock_server.messages import say
from mock_server.profile import PROFILES
from mock_server.services.accounts import Account, Status, digest
from mock_server.state import SessionKind, State
from mock_server.testing import TestClient
from tests.helpers import review_request

pytestmark = pytest.mark.security

STUDENT = make_persona(91, GUIDE_MORNING.date())
SQUATTER = make_persona(92, GUIDE_MORNING.date())
MADE_UP = "假名字"


def _registering(site: Site, email: str) -> TestClient:
    """A browser whose new, activated account `email` is at 实名注册."""
    client = TestClient(site)
    account = site.state.accounts.add(
        Account(email, digest("abc12345"), site.state.clock.now(), Status.PENDING_REAL_NAME)
    )
    client.cookies["account.chsi.com.cn"] = {REG_COOKIE: site.state.open_session(account, SessionKind.REGISTRATION)}
    return client


def _real_name(client: TestClient, name: str) -> Response:
    """实名注册 with the student's ID number under `name`."""
    return client.post(url_for("real_name"), {"xm": name, "sfzh": STUDENT.id_number, "region": STUDENT.province})


def _squatted() -> Site:
    """The 2012 site, where an outsider bound the student's ID number to his own account under a made-up name."""
    site = Site()
    enrol(site.state, STUDENT)
    _real_name(_registering(site, SQUATTER.email), MADE_UP)
    assert [a.name for a in site.state.accounts.on_id(STUDENT.id_number)] == [MADE_UP]
    return site


# 1. Binding a student's ID number under a made-up name shut her out: the review wanted the name only he knew.
def test_a_number_bound_under_a_made_up_name_is_won_back_by_its_owners_review() -> None:
    """别人用编造的姓名先占了学生的身份证号：学生实名注册被拒后，按自己填的姓名申请审核，批准后拿回这个号并完成实名注册"""
    site = _squatted()
    student = _registering(site, STUDENT.email)
    assert say("id.taken") in _real_name(student, STUDENT.name).text
    filed = review_request(site, STUDENT, STUDENT.name, STUDENT.email)
    (ticket,) = set(re.findall(r"SH\d{13}", filed.text))
    stopped = site.back_office.approve(ticket)
    assert [a.email for a in stopped] == [SQUATTER.email]
    assert "<h1>手机确认</h1>" in _real_name(student, STUDENT.name).text


def test_a_newcomer_asks_for_the_review_only_under_the_name_it_typed() -> None:
    """实名注册被拒的新帐号换一个姓名申请审核：提示姓名与身份证号不符，不受理"""
    site = _squatted()
    student = _registering(site, STUDENT.email)
    _real_name(student, STUDENT.name)
    refused = review_request(site, STUDENT, SQUATTER.name, STUDENT.email)
    assert say("review.no_account") in refused.text and not site.state.reviews.tickets


def test_an_account_never_refused_for_the_number_cannot_ask_to_keep_it() -> None:
    """没有因这个身份证号被拒过的新帐号，填学生的姓名也申请不了审核"""
    site = _squatted()
    _registering(site, STUDENT.email)
    refused = review_request(site, STUDENT, STUDENT.name, STUDENT.email)
    assert say("review.no_account") in refused.text and not site.state.reviews.tickets


# 2. Today's one-page form answered "this number is taken" for any number, as often as asked, on one SMS code.
def test_on_todays_site_each_taken_number_answer_costs_a_code() -> None:
    """今天的一页注册：因身份证号已被注册被拒后，这条校验码作废，再问下一个号要再收一条短信"""
    site = Site(State(profile=PROFILES["current"]))
    enrol(site.state, STUDENT)
    owner = site.state.accounts.add(pending_account(site.state, STUDENT))
    site.state.accounts.submit_real_name(owner, STUDENT.name, STUDENT.id_number, STUDENT.province)
    asker = TestClient(site)
    asker.post(url_for("send_pin"), {"mphone": SQUATTER.phone})
    form = {"mphone": SQUATTER.phone, "vcode": site.state.sms.inbox(SQUATTER.phone)[0].code, "password": "abc12345",
            "password1": "abc12345", "xm": SQUATTER.name, "sfzh": STUDENT.id_number, "email": ""}  # fmt: skip
    assert say("id.taken") in asker.post(url_for("register_process"), form).text
    again = asker.post(url_for("register_process"), form | {"sfzh": SQUATTER.id_number})
    assert say("code.used") in again.text and "账号注册成功" not in again.text
    assert site.state.accounts.get(SQUATTER.phone) is None
