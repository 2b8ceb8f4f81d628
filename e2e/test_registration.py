"""一、学信网帐号注册流程: the nine steps and the note, as the guide tells them."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from e2e.flows import ACTIVATION_SUBJECT, confirm_phone, open_activation_mail, reach_phone_step, register_fully, sign_up
from e2e.pages.devices import Phone, Webmail
from e2e.pages.portal import ArchiveEntryPage, ArchiveHomePage, HomePage, LoginPage
from e2e.pages.registration import ConfirmPage, DonePage, PhoneConfirmPage, RealNamePage, RegisterPage
from fixtures.personas import Persona
from fixtures.students import Given
from harness.actions import click, fill
from harness.clock import SharedClock
from harness.journey import Journey, page_summary
from mock_server import Site, url_for, urls
from mock_server.words import LABELS

pytestmark = pytest.mark.registration


@pytest.mark.walkthrough
@pytest.mark.replay("registration", "一、帐号注册九步与登录")
def test_registration_nine_steps_and_login(
    given: Given,
    page: Page,
    context: BrowserContext,
    site: Site,
    persona: Persona,
    journey: Journey,
    clock: SharedClock,
) -> None:
    """一、学信网帐号注册：九个步骤、30秒后转入登录页面，以及第一次登录"""
    record = given.enrolled(persona)
    home, entry, form = HomePage(page), ArchiveEntryPage(page), RegisterPage(page)
    with journey.step("reg.1", observe=home.platform_name):
        home.open()
        expect(page).to_have_title(re.compile("中国高等教育学生信息网"))
        expect(page.get_by_text(LABELS["platform"]).first).to_be_visible()

    with journey.step("reg.2", observe=entry.registration_link) as step:
        with step.claim("reg.2.toolbar", observe=home.archive_button):
            home.click_toolbar(LABELS["archive"])
            expect(entry.heading).to_be_visible()
        entry.start_registration()
        expect(form.heading).to_be_visible()

    with journey.step("reg.3", observe=form.fields_and_button) as step:
        hint = page.get_by_text("用户名必须是一个真实的邮箱，每个邮箱只能注册一次！")
        with step.claim("reg.3.email", observe=form.fields_and_button):
            expect(hint).to_be_visible()
            step.point_at(hint)
        with step.claim("reg.3.once"):
            expect(hint).to_be_visible()
            step.point_at(hint)
        with step.claim("reg.3.password", observe=form.password_rule):
            rule = page.get_by_text("密码由6位以上的数字或字母组成")
            expect(rule).to_be_visible()
            step.point_at(rule)
        form.fill_account_form(persona.email, persona.password)
        form.submit()

    mailbox = Webmail(context.new_page())
    with journey.step("reg.4", observe=lambda: page_summary(page)) as step:
        expect(form.sent_to).to_have_text(persona.email)
        with step.claim("reg.4.instant", observe=lambda: "收件箱中还没有学信网的邮件"):
            # No time has passed on the clock: the mail must already be in the inbox.
            mailbox.open_inbox(persona.email)
            expect(mailbox.inbox.get_by_role("cell", name="学信网 <account@chsi.com.cn>")).to_have_count(1)
            step.point_at(mailbox.inbox)
        page.bring_to_front()

    with journey.step("reg.5", observe=mailbox.subject_list):
        mailbox = Webmail(page).open_inbox(persona.email)
        expect(mailbox.inbox).to_contain_text(ACTIVATION_SUBJECT)
        mailbox.open_mail(ACTIVATION_SUBJECT)
        expect(page.get_by_role("heading", name=ACTIVATION_SUBJECT)).to_be_visible()

    real_name = RealNamePage(page)
    with journey.step("reg.6") as step:
        address = mailbox.link_address()
        with step.claim("reg.6.click", observe=lambda: f"链接不能点击，{page_summary(page)}"):
            expect(mailbox.link).to_have_text(address)
            click(mailbox.link)
            expect(real_name.heading).to_be_visible()
        if not real_name.heading.is_visible():
            page.goto(address)  # the guide's other way, so the journey can go on: paste it into the address bar

    with journey.step("reg.7", observe=lambda: page_summary(page)):
        real_name.fill(persona.name, persona.id_number, persona.province)
        expect(real_name.birth_date).to_have_value(persona.birth_date.isoformat())
        expect(real_name.sex).to_have_value(persona.sex)
        real_name.submit()
        expect(PhoneConfirmPage(page).heading).to_be_visible()

    phone_form = PhoneConfirmPage(page)
    with journey.step("reg.8", observe=phone_form.send_button) as step:
        fill(phone_form.phone, persona.phone)
        click(page.get_by_role("button", name="获取校验码"))
        expect(phone_form.dialog).to_contain_text(persona.phone)
        step.attach(page, "发送校验码 对话框")
        with page.expect_response("**/account/getmphonpincode.action"):
            click(phone_form.dialog.get_by_role("button", name=LABELS["sms_send"]))
        expect(phone_form.sms_status).to_have_text(f"学信网已向 {persona.phone} 发送校验码，请查收")
        phone = Phone(context.new_page()).open(persona.phone)
        step.attach(phone.page, "手机短信")
        phone_form.enter_code(phone.latest_code())

    confirm = ConfirmPage(page)
    with journey.step("reg.9", observe=confirm.confirm_button) as step:
        for shown_value in (persona.email, persona.name, persona.id_number, persona.phone):
            expect(confirm.info).to_contain_text(shown_value)
        expect(page.locator("#record-match")).to_have_text(f"已匹配：{record.school} {record.major}")
        confirm.confirm()
        expect(confirm.dialog).to_be_visible()
        step.attach(page, "是/否 对话框")
        with step.claim("reg.9.yes", observe=confirm.yes_button):
            confirm.answer(LABELS["yes"])
            expect(DonePage(page).heading).to_be_visible()

    done, login = DonePage(page), LoginPage(page)
    with journey.step("reg.note") as step:
        with step.claim("reg.note.30s") as check:
            check.observed = done.countdown.inner_text()  # the seconds the page says it will wait
            step.point_at(done.countdown)
            clock.advance(seconds=29)
            expect(page).to_have_url(url_for("finish"))
            expect(done.countdown).to_have_text("1")
            clock.advance(seconds=1)
            expect(page).to_have_url(urls.LOGIN)
        with step.claim("reg.note.login", observe=login.title):
            expect(login.heading).to_be_visible()
            login.log_in(persona.email, persona.password)
            expect(page).to_have_url(url_for("archive_home"))
            expect(ArchiveHomePage(page).welcome).to_have_text(f"欢迎您，{persona.name}！")


@pytest.mark.replay("activation-paste", "一、第六步：复制激活链接")
def test_activation_link_pasted_into_address_bar(page: Page, persona: Persona, journey: Journey) -> None:
    """第六步的另一种做法：复制激活邮件中的链接，粘贴到浏览器的地址输入框"""
    sign_up(page, persona)
    with journey.step("reg.6") as step:
        address = open_activation_mail(page, persona).link_address()
        with step.claim("reg.6.paste", observe=lambda: page_summary(page)):
            page.goto(urls.WWW)  # the student leaves the mail and types the address by hand
            page.goto(address)
            expect(RealNamePage(page).heading).to_be_visible()
            expect(page.get_by_text(f"用户名：{persona.email}")).to_be_visible()


def test_answering_no_leaves_registration_unconfirmed(
    page: Page, context: BrowserContext, site: Site, persona: Persona, journey: Journey
) -> None:
    """在对话框中点“否”什么也不完成：点“是”之前帐号不能登录"""

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
    """注意中的 30 秒：第 29 秒时学生仍看到“账号注册成功”"""
    register_fully(page, context.new_page(), persona)
    clock.advance(seconds=29)
    expect(DonePage(page).heading).to_be_visible()
    expect(DonePage(page).countdown).to_have_text("1")
    clock.advance(seconds=1)
    expect(LoginPage(page).heading).to_be_visible()


def test_registration_without_a_matching_record_says_so(page: Page, context: BrowserContext, persona: Persona) -> None:
    """注册按姓名和身份证号匹配学籍；匹配不到时告诉学生"""

    reach_phone_step(page, persona)
    confirm_phone(page, context.new_page(), persona)
    expect(page.locator("#record-match")).to_have_text(
        "找不到该学籍：没有与该姓名和身份证号一致的学籍信息，注册后可在“学籍信息”中查看"
    )
