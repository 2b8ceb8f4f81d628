"""一、学信网帐号注册流程: every way a student can go wrong, and what the site tells them."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import BrowserContext, Page

from e2e.flows import activate, open_activation_mail, reach_phone_step, register_fully, sign_up
from e2e.pages.devices import Phone
from e2e.pages.portal import LoginPage
from e2e.pages.registration import RealNamePage, RegisterPage
from fixtures.personas import Persona
from harness.actions import click
from harness.checks import expect
from harness.clock import SharedClock
from mock_server import urls
from mock_server.idcard import check_character
from mock_server.messages import say
from mock_server.words import label

pytestmark = pytest.mark.registration


def test_mismatched_password_confirmation_is_refused(page: Page, persona: Persona) -> None:
    """确认密码必须与密码一致"""
    form = RegisterPage(page).open()
    form.fill_account_form(persona.email, persona.password, confirm=persona.password + "x")
    form.submit()
    expect(form.errors).to_have_text(say("password.mismatch"))
    expect(form.username).to_have_value(persona.email)


def test_expired_activation_link_offers_a_new_mail(page: Page, persona: Persona, clock: SharedClock) -> None:
    """超过 48 小时的激活链接被拒绝；“重新发送激活邮件”发来的新链接可用"""
    sign_up(page, persona)
    clock.advance(hours=48, seconds=1)
    click(open_activation_mail(page, persona).link)
    expect(page.get_by_role("alert")).to_have_text(say("activation.expired"))
    click(page.get_by_role("button", name=label("resend_activation")))
    expect(RegisterPage(page).sent_to).to_have_text(persona.email)
    click(open_activation_mail(page, persona).link)
    expect(RealNamePage(page).heading).to_be_visible()


def test_activation_link_still_works_just_before_48_hours(page: Page, persona: Persona, clock: SharedClock) -> None:
    """激活链接在所说的整个有效期内都可用（47 小时 59 分）"""
    sign_up(page, persona)
    clock.advance(hours=47, minutes=59)
    click(open_activation_mail(page, persona).link)
    expect(RealNamePage(page).heading).to_be_visible()


def test_activation_link_used_twice_is_refused(page: Page, persona: Persona) -> None:
    """用过的激活链接不能再次打开实名注册"""
    activate(page, persona)
    click(open_activation_mail(page, persona).link)
    expect(page.get_by_role("alert")).to_have_text(say("activation.used"))
    expect(RealNamePage(page).heading).to_be_hidden()


def test_tampered_activation_link_is_refused(page: Page, persona: Persona) -> None:
    """改动过的激活链接无效"""
    sign_up(page, persona)
    address = open_activation_mail(page, persona).link_address()
    page.goto(address[:-3] + ("aaa" if not address.endswith("aaa") else "bbb"))
    expect(page.get_by_role("alert")).to_have_text(say("activation.invalid"))
    expect(RealNamePage(page).heading).to_be_hidden()


def test_login_before_activation_is_refused(page: Page, persona: Persona) -> None:
    """点击激活邮件中的链接之前，帐号不能登录"""
    sign_up(page, persona)
    login = LoginPage(page).open()
    login.log_in(persona.email, persona.password)
    expect(login.status).to_have_text(say("login.not_activated"))
    expect(login.username).to_have_value(persona.email)


@pytest.mark.parametrize(
    "bad_name",
    [pytest.param(lambda name: "Zhang San", id="拼音"), pytest.param(lambda name: name + "2", id="带数字")],
)
def test_name_with_pinyin_or_digits_is_refused(page: Page, persona: Persona, bad_name: Callable[[str], str]) -> None:
    """真实姓名只能是汉字：拼音或数字被拒绝，已填内容保留"""
    activate(page, persona)
    form = RealNamePage(page)
    typed = bad_name(persona.name)
    form.fill(typed, persona.id_number, persona.province)
    form.submit()
    expect(form.errors).to_have_text(say("name.not_chinese"))
    expect(form.name).to_have_value(typed)
    expect(form.id_number).to_have_value(persona.id_number)
    expect(form.region).to_have_value(persona.province)


def test_id_number_with_wrong_check_character_is_refused(page: Page, persona: Persona) -> None:
    """身份证号第 18 位必须是 GB 11643 校验码"""
    activate(page, persona)
    right = check_character(persona.id_number[:17])
    wrong = next(c for c in "0123456789X" if c != right)
    form = RealNamePage(page)
    form.fill(persona.name, persona.id_number[:17] + wrong, persona.province)
    form.submit()
    expect(form.errors).to_have_text(say("id.invalid"))
    expect(form.id_number).to_have_value(persona.id_number[:17] + wrong)
    expect(form.name).to_have_value(persona.name)


def test_wrong_sms_code_is_refused(page: Page, persona: Persona) -> None:
    """不是所发的校验码被拒绝"""
    form = reach_phone_step(page, persona)
    form.request_code(persona.phone)
    form.phone.fill(persona.phone)
    form.enter_code("000000" if persona.seed % 2 else "999999")
    expect(form.errors).to_have_text(say("code.wrong"))
    expect(form.phone).to_have_value(persona.phone)


def test_expired_sms_code_is_refused(page: Page, context: BrowserContext, persona: Persona, clock: SharedClock) -> None:
    """超过 10 分钟的校验码被拒绝；新获取的可用"""
    form = reach_phone_step(page, persona)
    form.request_code(persona.phone)
    code = Phone(context.new_page()).open(persona.phone).latest_code()
    clock.advance(minutes=10, seconds=1)
    form.enter_code(code)
    expect(form.errors).to_have_text(say("code.expired"))
    form.request_code(persona.phone)
    expect(form.sms_status).to_have_text(say("sms.sent", phone=persona.phone))


def test_sms_resent_too_soon_is_refused(page: Page, persona: Persona, clock: SharedClock) -> None:
    """60 秒内再次获取校验码被拒绝；60 秒后可以"""
    form = reach_phone_step(page, persona)
    form.request_code(persona.phone)
    clock.advance(seconds=20)
    form.request_code(persona.phone)
    expect(form.sms_status).to_have_text(say("sms.too_often", seconds=40))
    clock.advance(seconds=40)
    form.request_code(persona.phone)
    expect(form.sms_status).to_have_text(say("sms.sent", phone=persona.phone))


def test_wrong_password_is_refused(page: Page, context: BrowserContext, persona: Persona) -> None:
    """个人用户登录输错密码时显示站点的提示"""

    register_fully(page, context.new_page(), persona)
    login = LoginPage(page).open()
    login.log_in(persona.email, persona.password + "x")
    expect(login.status).to_have_text(say("login.wrong"))
    expect(page).to_have_url(re.compile(re.escape(urls.ACCOUNT)))
