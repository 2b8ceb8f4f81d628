"""三、学信账号登录异常情况处理办法: forgotten username, password, mailbox, two accounts on one ID, in the guide's words."""

from __future__ import annotations

import re
from datetime import date

import pytest
from playwright.sync_api import Page

from e2e.flows import file_review, log_in, real_name_as, review_approved, stopped
from e2e.pages.devices import Webmail
from e2e.pages.portal import LoginPage
from e2e.pages.recovery import (
    AccountReviewPage,
    AccountReviewStatusPage,
    FindPasswordPage,
    FindUsernamePage,
    ResetPasswordPage,
)
from e2e.pages.registration import PhoneConfirmPage
from fixtures.images import BadUpload, bad_id_photos, id_card_uploads
from fixtures.personas import Persona
from fixtures.students import REVIEW_REJECTED_REASON, Given, second_email
from harness.actions import click, upload
from harness.checks import expect
from harness.clock import SharedClock
from harness.journey import Journey
from harness.shots import fields_of, page_summary, shown
from mock_server import Site, url_for
from mock_server.messages import say
from mock_server.services.accounts import Status
from mock_server.services.mail import masked
from mock_server.words import label
from mock_server.workdays import working_days_between

pytestmark = pytest.mark.login_trouble

# New passwords the student chooses in these journeys.
AFTER_LOOKUP, AFTER_RESET, ONCE = "NewPass2012", "Reset2012abc", "Once2012abc"


def _reset_by_mail(page: Page, student: Persona, new_password: str) -> None:
    """The reset mail's link, a new password, 密码重置成功."""
    Webmail(page).open_inbox(student.email).open_mail(label("reset_subject"))
    click(Webmail(page).link)
    reset = ResetPasswordPage(page)
    expect(reset.heading).to_be_visible()
    reset.set_password(new_password)
    expect(reset.notice).to_have_text(say("reset.done"))


def _reset_sent(site: Site, student: Persona) -> str:
    """What 找回密码 says once the reset mail is on its way."""
    return say("reset.sent", email=student.email, hours=site.state.profile.reset_hours)


@pytest.mark.walkthrough
@pytest.mark.replay("forgot-username", "三、1 忘记用户名")
def test_forgotten_username_is_found_by_id_number_and_exact_name(
    page: Page, site: Site, student: Persona, journey: Journey
) -> None:
    """三、1 忘记用户名：在登录界面输入身份证号码和准确的姓名找回用户名，然后重置密码"""
    login, finder = LoginPage(page), FindUsernamePage(page)
    with journey.step("login.1") as step:
        login.open()
        step.expect_page("登录界面")
        step.click("找回用户名", site=login.find_username)
        expect(finder.heading).to_be_visible()
        with step.claim("login.1.lookup", observe=lambda: fields_of(page.locator("main form"))):
            step.fill("身份证号码", student.id_number, site=finder.id_number)
            step.fill("姓名", student.name, site=finder.name)
            click(finder.submit_button)
            expect(finder.result).to_contain_text(say("recovery.found"))
            expect(finder.usernames).to_have_text([student.email])
            step.point_at(finder.result)
        with step.claim("login.1.button", observe=lambda: shown(finder.reset_link)):
            step.click("找回密码", site=finder.reset_link)
            forgot = FindPasswordPage(page)
            expect(forgot.username).to_have_value(student.email)
            forgot.send()
            expect(forgot.notice).to_have_text(_reset_sent(site, student))
            _reset_by_mail(page, student, AFTER_LOOKUP)
    LoginPage(page).open()
    login.log_in(student.email, AFTER_LOOKUP)
    expect(page).to_have_url(url_for("archive_home"))


@pytest.mark.walkthrough
@pytest.mark.replay("forgot-password", "三、2 忘记密码")
def test_forgotten_password_is_reset_through_the_mailbox(
    page: Page, site: Site, student: Persona, journey: Journey
) -> None:
    """三、2 忘记密码：在登录页面点击找回密码，按邮件中的链接设置新密码，旧密码失效"""
    login = LoginPage(page)
    with journey.step("login.2") as step:
        login.open()
        with step.claim("login.2.reset", observe=lambda: shown(login.find_password)):
            step.click("忘记密码", site=login.find_password)
        forgot = FindPasswordPage(page)
        with step.claim("login.2.possible", observe=lambda: fields_of(page.locator("main form"))):
            forgot.send(student.email)
            expect(forgot.notice).to_have_text(_reset_sent(site, student))
            _reset_by_mail(page, student, AFTER_RESET)
            log_in(page, student.email, AFTER_RESET)
    login = LoginPage(page).open()
    login.log_in(student.email, student.password)
    expect(login.status).to_have_text(say("login.wrong"))


def test_password_reset_link_works_once(page: Page, student: Persona) -> None:
    """密码重置链接只能用一次"""
    FindPasswordPage(page).open().send(student.email)
    _reset_by_mail(page, student, ONCE)
    Webmail(page).open_inbox(student.email).open_mail(label("reset_subject"))
    click(Webmail(page).link)
    expect(ResetPasswordPage(page).errors).to_have_text(say("reset.used"))


def test_password_reset_link_expires_after_24_hours(page: Page, student: Persona, clock: SharedClock) -> None:
    """超过 24 小时的密码重置链接被拒绝，密码不变"""
    FindPasswordPage(page).open().send(student.email)
    clock.advance(hours=24, seconds=1)
    Webmail(page).open_inbox(student.email).open_mail(label("reset_subject"))
    click(Webmail(page).link)
    expect(ResetPasswordPage(page).errors).to_have_text(say("reset.expired"))
    log_in(page, student.email, student.password)


@pytest.mark.walkthrough
@pytest.mark.replay("forgot-mailbox", "三、3 重新注册")
def test_forgotten_mailbox_reregistration_is_refused_and_offers_review(
    given: Given, page: Page, site: Site, student: Persona, journey: Journey
) -> None:
    """三、3 邮箱密码忘记：用同一身份证号重新注册被拒绝，按网站要求提交材料后才能再次注册"""
    # The new registration up to its activation is procedure 一's business, tested there; the student
    # here has a new, activated account and logs in to go on with 实名注册.
    newcomer = Persona(**{**student.__dict__, "email": second_email(student)})
    given.half_registered(newcomer)
    review = AccountReviewPage(page)
    with journey.step("login.3") as step:
        form = real_name_as(page, newcomer.email, newcomer.password, student)
        with step.claim("login.3.reregister", observe=lambda: page_summary(page)):
            expect(form.errors).to_have_text(say("id.taken"))
            step.point_at(form.errors)
        step.click("解决方法", site=form.duplicate_help)
        review.submit(student.name, student.id_number, newcomer.email, **id_card_uploads(student))
        expect(review.number).to_have_text(re.compile(r"^SH20121105\d{5}$"))
    site.back_office.approve(review.number.inner_text())
    real_name_as(page, newcomer.email, newcomer.password, student)
    expect(PhoneConfirmPage(page).heading).to_be_visible()
    stopped(page, student.email, student.password)


def test_a_number_someone_else_took_is_won_back_through_the_review(
    given: Given, page: Page, site: Site, persona: Persona
) -> None:
    """别人用自己的姓名先占了学生的身份证号：学生实名注册被拒，点【解决方法】申请帐号审核，批准后占号的帐号停用，学生完成实名注册"""
    given.enrolled(persona)
    squatter = given.squatted(persona)
    given.half_registered(persona)
    form = real_name_as(page, persona.email, persona.password, persona)
    expect(form.errors).to_have_text(say("id.taken"))
    click(form.duplicate_help)
    review_approved(page, site, persona, persona.email)
    real_name_as(page, persona.email, persona.password, persona)
    expect(PhoneConfirmPage(page).heading).to_be_visible()
    stopped(page, squatter.email, squatter.password)


@pytest.mark.walkthrough
@pytest.mark.replay("two-accounts", "三、4 两个帐号")
def test_two_accounts_on_one_id_are_reviewed_within_7_working_days(
    given: Given, page: Page, site: Site, student: Persona, journey: Journey, clock: SharedClock
) -> None:
    """三、4 两个邮箱：身份证号和姓名查出两个帐号，上传身份证正反面，7个工作日内审核"""
    older = given.second_account(student)
    login, finder, review = LoginPage(page), FindUsernamePage(page), AccountReviewPage(page)
    days = site.state.profile.working_days
    with journey.step("login.4") as step:
        login.open()
        click(login.find_username)
        with step.claim("login.4.two", observe=lambda: fields_of(page.locator("main form"))):
            step.fill("身份证号", student.id_number, site=finder.id_number)
            step.fill("姓名", student.name, site=finder.name)
            click(finder.submit_button)
            expect(finder.result).to_be_visible()
            step.measure("2个邮箱", finder.usernames.count())
            expect(finder.usernames).to_have_text([student.email, older.email])
            step.point_at(finder.result)
        step.click("申请帐号审核", site=finder.review_link)
        with step.claim("login.4.upload"):
            asked = [name for name in (label("id_front"), label("id_back")) if page.get_by_label(name).count()]
            both = asked == [label("id_front"), label("id_back")]
            step.holds("身份证正反两面的图片", both, observed="、".join(asked))
            review.fill_in(student.name, student.id_number, student.email)
            photos = id_card_uploads(student)
            upload(review.front, *photos["front"])
            upload(review.back, *photos["back"])
            click(review.submit_button)
            expect(review.number).to_have_text(re.compile(r"^SH\d{13}$"))
        number = review.number.inner_text()
        with step.claim("login.4.days"):
            step.point_at(review.filed)
            due = date.fromisoformat(review.due.inner_text())
            step.measure("7个工作日", working_days_between(clock.now().date(), due))
            clock.advance(days=8)  # Tuesday 2012-11-13, one working day left
            status = AccountReviewStatusPage(page).open_for(number, student.id_number)
            expect(status.status).to_have_text(say("review.pending", days=days, due=due.isoformat()))
            site.back_office.approve(number)
            status.open_for(number, student.id_number)
            approved = say("review.approved", date=clock.now().date().isoformat(), keep=masked(student.email))
            expect(status.status).to_have_text(approved)
    log_in(page, student.email, student.password)
    stopped(page, older.email, student.password)
    assert older.status is Status.DEACTIVATED


def test_review_status_after_the_deadline_says_it_is_overdue(
    given: Given, page: Page, site: Site, student: Persona, clock: SharedClock
) -> None:
    """审核到期当天仍在期限内，第二天页面提示已超期"""
    given.second_account(student)
    review = file_review(page, student)
    number, due = review.number.inner_text(), review.due.inner_text()
    days = site.state.profile.working_days
    clock.advance(days=(date.fromisoformat(due) - clock.now().date()).days)  # the due day the page shows
    status = AccountReviewStatusPage(page).open_for(number, student.id_number)
    expect(status.status).to_have_text(say("review.pending", days=days, due=due))
    clock.advance(days=1)
    status.open_for(number, student.id_number)
    expect(status.status).to_have_text(say("review.overdue", days=days, due=due))


def test_rejected_review_keeps_every_account(given: Given, page: Page, site: Site, student: Persona) -> None:
    """审核未通过：页面说明原因，两个帐号都不停用"""
    older = given.second_account(student)
    review = file_review(page, student)
    number = review.number.inner_text()
    site.back_office.reject(number, REVIEW_REJECTED_REASON)
    status = AccountReviewStatusPage(page).open_for(number, student.id_number)
    today = site.state.clock.now().date().isoformat()
    expect(status.status).to_have_text(say("review.rejected", date=today, reason=REVIEW_REJECTED_REASON))
    log_in(page, older.email, student.password)


@pytest.mark.parametrize("bad", bad_id_photos(), ids=lambda bad: bad.name)
def test_bad_upload_is_refused_and_changes_nothing(
    given: Given, page: Page, site: Site, student: Persona, bad: BadUpload
) -> None:
    """不合格的身份证照片各有各的提示：不生成审核申请，已填的内容保留"""
    given.second_account(student)
    review = AccountReviewPage(page).open()
    review.submit(student.name, student.id_number, student.email, front=bad.file, back=id_card_uploads(student)["back"])
    expect(review.errors).to_have_text(say(bad.refusal, label=label("id_front"), **bad.values))
    expect(review.name).to_have_value(student.name)
    expect(review.id_number).to_have_value(student.id_number)
    expect(review.keep).to_have_value(student.email)
    assert site.back_office.tickets() == []
    assert all(a.status is Status.REGISTERED for a in site.back_office.accounts(student.id_number))
