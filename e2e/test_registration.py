"""一、学信网帐号注册流程: the nine steps and the note, played in the guide's own words."""

from __future__ import annotations

import pytest
from playwright.sync_api import BrowserContext, Page

from e2e.flows import (
    confirm_phone,
    open_activation_mail,
    reach_phone_step,
    registered_on_one_page,
    sign_up,
    time_to_login,
)
from e2e.pages.devices import Phone, Webmail
from e2e.pages.portal import ArchiveEntryPage, ArchiveHomePage, HomePage, LoginPage
from e2e.pages.registration import ConfirmPage, DonePage, PhoneConfirmPage, RealNamePage, RegisterPage
from fixtures.personas import Persona
from fixtures.students import Given
from harness.actions import click
from harness.checks import expect
from harness.clock import SharedClock
from harness.journey import Journey
from harness.settle import settle
from harness.shots import shown
from mock_server import Site, url_for, urls
from mock_server.messages import say
from mock_server.services.records import StudentRecord

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
    with journey.step("reg.1") as step:
        home.open()
        step.see("教育部学籍学历管理平台", within=home.header, site=home.platform)

    with journey.step("reg.2") as step:
        step.see("中国高等教育学生信息网", within=home.header)
        step.see("学信网", within=home.header)
        with step.claim("reg.2.toolbar"):
            toolbar = step.region("工具栏", site=home.toolbar)
            step.click("学信档案", site=home.archive_button, within=toolbar)
        step.expect_page("学信网帐号注册首页")
        step.click("注册学信网帐号", site=entry.register_link)

    with journey.step("reg.3", instead=registered_on_one_page(page, context, persona)) as step:
        step.fill("用户名", persona.email, site=form.username)
        step.fill("密码", persona.password, site=form.password)
        step.fill("确认密码", persona.password, site=form.password_again)
        step.click("立即注册", site=form.submit_button)
        with step.claim("reg.3.email"):  # a real mailbox goes through; fixtures/edges.py has the rule's edges
            expect(form.sent_to).to_have_text(persona.email)

    if journey.still_has("reg.4"):  # today's site registers on one page: steps 4 to 9 are gone or merged into 3
        _from_the_mail_to_yes(page, context, persona, record, journey, clock)

    done, login = DonePage(page), LoginPage(page)
    with journey.step("reg.note") as step:
        with step.claim("reg.note.30s"):
            step.point_at(done.countdown)
            step.measure("30秒", time_to_login(page, clock))
        with step.claim("reg.note.login"):
            step.expect_page("登录页面")
            step.expect_page("个人用户登录")
            login.log_in(persona.email, persona.password)
            settle(page)
            if ConfirmPage(page).heading.is_visible():  # the first login lands back at 第九步: 是 finished nothing
                step.disproves("reg.9.yes")
            expect(page).to_have_url(url_for("archive_home"))
            expect(ArchiveHomePage(page).welcome).to_have_text(say("archive.welcome", name=persona.name))


def _from_the_mail_to_yes(
    page: Page, context: BrowserContext, persona: Persona, record: StudentRecord, journey: Journey, clock: SharedClock
) -> None:
    """第四步 to 第九步: the activation mail, 实名注册, 手机确认 and the 是 dialog."""
    mailbox = Webmail(context.new_page())
    with journey.step("reg.4") as step:
        arrived = mailbox.wait_for_mail(persona.email, clock)
        step.require("帐号激活邮件", arrived is not None)
        with step.claim("reg.4.instant"):
            step.point_at(mailbox.inbox)
            step.measure("实时", arrived)
        page.bring_to_front()

    with journey.step("reg.5") as step:
        mailbox = Webmail(page).open_inbox(persona.email)
        step.expect_page("邮箱")
        step.click("激活邮件", site=mailbox.subjects.first, within=mailbox.inbox)

    real_name = RealNamePage(page)
    with journey.step("reg.6") as step:
        step.holds("激活邮件", mailbox.body.count() > 0)
        body = step.region("邮件正文", site=mailbox.body)
        address = mailbox.link_address()
        step.require("链接", bool(address), shown(mailbox.body))
        with step.claim("reg.6.click", observe=lambda: shown(mailbox.body)):
            step.click("链接", site=mailbox.link, within=body)
            step.expect_page("实名注册页面")
        if not real_name.heading.is_visible():
            page.goto(address)  # the guide's other way, so the journey can go on: paste it into the address bar

    with journey.step("reg.7") as step:
        step.expect_page("实名注册")
        step.fill("真实姓名", persona.name, site=real_name.name)
        step.fill("身份证号", persona.id_number, site=real_name.id_number)
        expect(real_name.birth_date).to_have_value(persona.birth_date.isoformat())
        expect(real_name.sex).to_have_value(persona.sex)
        step.choose("所在地区", persona.province, site=real_name.region)
        with step.claim("reg.7.possible", observe=lambda: shown(real_name.errors)):
            real_name.submit()
            expect(PhoneConfirmPage(page).heading).to_be_visible()

    phone_form = PhoneConfirmPage(page)
    with journey.step("reg.8") as step:
        step.expect_page("手机确认")
        step.fill("手机号码", persona.phone, site=phone_form.phone)
        step.click("获取校验码", site=phone_form.get_code)
        expect(phone_form.dialog).to_contain_text(persona.phone)
        step.attach(page, "发送校验码 对话框")
        with page.expect_response("**/account/getmphonpincode.action"):
            step.click("发送", site=phone_form.send, within=phone_form.dialog)
        expect(phone_form.sms_status).to_have_text(say("sms.sent", phone=persona.phone))
        phone = Phone(context.new_page()).open(persona.phone)
        step.attach(phone.page, "手机短信")
        step.fill("校验码", phone.latest_code(), site=phone_form.code)
        click(phone_form.next_button)

    confirm = ConfirmPage(page)
    with journey.step("reg.9") as step:
        for shown_value in (persona.email, persona.name, persona.id_number, persona.phone):
            expect(confirm.info).to_contain_text(shown_value)
        step.holds("个人信息", True)
        expect(confirm.record_match).to_have_text(say("record.matched", school=record.school, major=record.major))
        step.click("确认", site=confirm.confirm_button)
        dialog = step.region("弹出对话框", site=confirm.dialog)
        step.attach(page, "是/否 对话框")
        with step.claim("reg.9.yes"):
            step.click("是", site=confirm.yes, within=dialog)
            expect(DonePage(page).heading).to_be_visible()


@pytest.mark.replay("activation-paste", "一、第六步：复制激活链接")
def test_activation_link_pasted_into_address_bar(page: Page, persona: Persona, journey: Journey) -> None:
    """第六步的另一种做法：复制激活邮件中的链接，粘贴到浏览器的地址输入框"""
    sign_up(page, persona)
    with journey.step("reg.6") as step:
        mailbox = open_activation_mail(page, persona)
        step.holds("激活邮件", True)
        address = mailbox.link_address()
        step.require("链接", bool(address), shown(mailbox.body))
        with step.claim("reg.6.paste", observe=lambda: shown(mailbox.body)):
            page.goto(urls.WWW)  # the student leaves the mail and types the address by hand
            page.goto(address)
            step.holds("地址输入框", True)
            step.expect_page("实名注册页面")
            expect(page.locator("main")).to_contain_text(say("realname.username", username=persona.email))


def test_answering_no_leaves_registration_unconfirmed(
    page: Page, context: BrowserContext, site: Site, persona: Persona, journey: Journey
) -> None:
    """在对话框中点“否”什么也不完成：点“是”之前帐号不能登录"""

    reach_phone_step(page, persona)
    confirm_phone(page, context.new_page(), persona)
    confirm = ConfirmPage(page)
    with journey.step("reg.9") as step:
        step.click("确认", site=confirm.confirm_button)
        confirm.answer_no()
        expect(confirm.dialog).to_be_hidden()
        expect(confirm.unconfirmed).to_have_text(say("confirm.unconfirmed"))
        expect(confirm.heading).to_be_visible()
    LoginPage(page).open().log_in(persona.email, persona.password)
    # Logging in half-registered returns the student to the step still to do.
    expect(ConfirmPage(page).heading).to_be_visible()
    expect(page).not_to_have_url(url_for("archive_home"))


def test_registration_without_a_matching_record_says_so(page: Page, context: BrowserContext, persona: Persona) -> None:
    """注册按姓名和身份证号匹配学籍；匹配不到时告诉学生"""

    reach_phone_step(page, persona)
    confirm_phone(page, context.new_page(), persona)
    expect(ConfirmPage(page).record_match).to_have_text(say("record.unmatched"))
