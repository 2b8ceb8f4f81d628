"""一、学信网帐号注册流程: the nine steps and the note, as the guide tells them."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from e2e.actions import click
from e2e.clock import SharedClock
from e2e.flows import ACTIVATION_SUBJECT, confirm_phone, open_activation_mail, reach_phone_step, register_fully, sign_up
from e2e.journey import Journey
from e2e.pages.devices import Phone, Webmail
from e2e.pages.portal import ArchiveEntryPage, ArchiveHomePage, HomePage, LoginPage
from e2e.pages.registration import ConfirmPage, DonePage, PhoneConfirmPage, RealNamePage, RegisterPage
from fixtures.personas import Persona
from fixtures.students import enrol
from mock_server import Site, urls

pytestmark = pytest.mark.registration


@pytest.mark.walkthrough
def test_registration_nine_steps_and_login(
    page: Page, context: BrowserContext, site: Site, persona: Persona, journey: Journey, clock: SharedClock
) -> None:
    """The whole procedure 一 in a browser: nine steps, the 30-second note, and the first login."""
    record = enrol(site.state, persona)
    with journey.step("reg.1"):
        HomePage(page).open()
        expect(page).to_have_title(re.compile("中国高等教育学生信息网"))
        expect(page.get_by_text("教育部学籍学历管理平台").first).to_be_visible()

    with journey.step("reg.2") as step:
        with step.claim("reg.2.toolbar"):
            HomePage(page).click_toolbar("学信档案")
            expect(ArchiveEntryPage(page).heading).to_be_visible()
        ArchiveEntryPage(page).start_registration()
        expect(RegisterPage(page).heading).to_be_visible()

    with journey.step("reg.3"):
        form = RegisterPage(page)
        expect(page.get_by_text("用户名必须是一个真实的邮箱，每个邮箱只能注册一次！")).to_be_visible()
        expect(page.get_by_text("密码由6位以上的数字或字母组成")).to_be_visible()
        form.fill_account_form(persona.email, persona.password)
        form.submit()

    with journey.step("reg.4") as step, step.claim("reg.4.instant"):
        expect(form.sent_to).to_have_text(persona.email)
        # No time has passed on the clock: the mail must already be there.
        assert [m.to for m in site.state.mail.inbox(persona.email)] == [persona.email]

    with journey.step("reg.5"):
        mailbox = Webmail(page).open_inbox(persona.email)
        expect(mailbox.inbox).to_contain_text(ACTIVATION_SUBJECT)
        mailbox.open_mail(ACTIVATION_SUBJECT)
        expect(page.get_by_role("heading", name=ACTIVATION_SUBJECT)).to_be_visible()

    with journey.step("reg.6") as step, step.claim("reg.6.click"):
        expect(mailbox.link).to_have_text(
            re.compile(r"^https://account\.chsi\.com\.cn/account/activate\.action\?token=")
        )
        click(mailbox.link)
        expect(RealNamePage(page).heading).to_be_visible()

    with journey.step("reg.7"):
        real_name = RealNamePage(page)
        real_name.fill(persona.name, persona.id_number, persona.province)
        expect(real_name.birth_date).to_have_value(persona.birth_date.isoformat())
        expect(real_name.sex).to_have_value(persona.sex)
        real_name.submit()

    with journey.step("reg.8") as step:
        phone_form = PhoneConfirmPage(page)
        expect(phone_form.heading).to_be_visible()
        phone_form.phone.fill(persona.phone)
        click(page.get_by_role("button", name="获取校验码"))
        expect(phone_form.dialog).to_contain_text(persona.phone)
        step.attach(page, "发送校验码 对话框")
        with page.expect_response("**/account/getmphonpincode.action"):
            click(phone_form.dialog.get_by_role("button", name="发送"))
        expect(phone_form.sms_status).to_have_text(f"学信网已向 {persona.phone} 发送校验码，请查收")
        phone = Phone(context.new_page()).open(persona.phone)
        step.attach(phone.page, "手机短信")
        phone_form.enter_code(phone.latest_code())

    with journey.step("reg.9") as step:
        confirm = ConfirmPage(page)
        for shown in (persona.email, persona.name, persona.id_number, persona.phone):
            expect(confirm.info).to_contain_text(shown)
        expect(page.locator("#record-match")).to_have_text(f"已匹配：{record.school} {record.major}")
        confirm.confirm()
        expect(confirm.dialog).to_be_visible()
        step.attach(page, "是/否 对话框")
        with step.claim("reg.9.yes"):
            confirm.answer("是")
            expect(DonePage(page).heading).to_be_visible()

    with journey.step("reg.note") as step:
        done = DonePage(page)
        with step.claim("reg.note.30s"):
            clock.advance(seconds=29)
            expect(page).to_have_url(re.compile(r"/account/finish\.action$"))
            expect(done.countdown).to_have_text("1")
            clock.advance(seconds=1)
            expect(LoginPage(page).heading).to_be_visible()
            expect(page).to_have_url(urls.LOGIN)
        with step.claim("reg.note.login"):
            LoginPage(page).log_in(persona.email, persona.password)
            expect(page).to_have_url(f"{urls.MY}/archive/index.action")
            expect(ArchiveHomePage(page).welcome).to_have_text(f"欢迎您，{persona.name}！")


def test_activation_link_pasted_into_address_bar(page: Page, persona: Persona, journey: Journey) -> None:
    """第六步's other way: the link copied from the mail and pasted into the address bar."""
    sign_up(page, persona)
    with journey.step("reg.6") as step, step.claim("reg.6.paste"):
        address = open_activation_mail(page, persona).link_address()
        page.goto(urls.WWW)  # the student leaves the mail and types the address by hand
        page.goto(address)
        expect(RealNamePage(page).heading).to_be_visible()
        expect(page.get_by_text(f"用户名：{persona.email}")).to_be_visible()


def test_answering_no_leaves_registration_unconfirmed(
    page: Page, context: BrowserContext, site: Site, persona: Persona, journey: Journey
) -> None:
    """否 in the dialog completes nothing: the account cannot log in until 是 is answered."""

    reach_phone_step(page, persona)
    confirm_phone(page, context.new_page(), persona)
    with journey.step("reg.9"):
        confirm = ConfirmPage(page)
        confirm.confirm()
        confirm.answer("否")
        expect(confirm.dialog).to_be_hidden()
        expect(confirm.unconfirmed).to_be_visible()
        expect(confirm.heading).to_be_visible()
    LoginPage(page).open().log_in(persona.email, persona.password)
    # Logging in half-registered returns the student to the step still to do.
    expect(ConfirmPage(page).heading).to_be_visible()
    expect(page).not_to_have_url(re.compile(re.escape(urls.MY)))


def test_completion_page_has_not_moved_at_29_seconds(
    page: Page, context: BrowserContext, persona: Persona, clock: SharedClock
) -> None:
    """The note's 30 seconds: at 29 s the student still sees 账号注册成功."""
    register_fully(page, context.new_page(), persona)
    clock.advance(seconds=29)
    expect(DonePage(page).heading).to_be_visible()
    expect(DonePage(page).countdown).to_have_text("1")
    clock.advance(seconds=1)
    expect(LoginPage(page).heading).to_be_visible()


def test_registration_without_a_matching_record_says_so(page: Page, context: BrowserContext, persona: Persona) -> None:
    """Registration binds the account to a 学籍 by name and ID; when none matches, the student is told."""

    reach_phone_step(page, persona)
    confirm_phone(page, context.new_page(), persona)
    expect(page.locator("#record-match")).to_have_text(
        "找不到该学籍：没有与该姓名和身份证号一致的学籍信息，注册后可在“学籍信息”中查看"
    )
