"""三、学信账号登录异常情况处理办法: forgotten username, password, mailbox, and two accounts on one ID."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from e2e.flows import file_review, log_in
from e2e.pages.devices import Webmail
from e2e.pages.portal import ArchiveHomePage, LoginPage
from e2e.pages.recovery import FindPasswordPage, FindUsernamePage, ResetPasswordPage, ReviewPage, ReviewStatusPage
from e2e.pages.registration import RealNamePage
from fixtures.images import id_card_uploads, oversized_photo
from fixtures.personas import Persona
from fixtures.students import Given, second_email
from harness.actions import click
from harness.clock import SharedClock
from harness.journey import Journey, page_summary, shown
from mock_server import Site, url_for, urls
from mock_server.messages import say
from mock_server.services.accounts import Status
from mock_server.words import LABELS

pytestmark = pytest.mark.login_trouble

RESET_SUBJECT = LABELS["reset_subject"]


def _reset_by_mail(page: Page, student: Persona, new_password: str) -> None:
    """The reset mail's link, a new password, 密码重置成功."""
    Webmail(page).open_inbox(student.email).open_mail(RESET_SUBJECT)
    click(Webmail(page).link)
    reset = ResetPasswordPage(page)
    expect(reset.heading).to_be_visible()
    reset.set_password(new_password)
    expect(reset.notice).to_have_text("密码重置成功")


@pytest.mark.walkthrough
@pytest.mark.replay("forgot-username", "三、1 忘记用户名")
def test_forgotten_username_is_found_by_id_number_and_exact_name(
    page: Page, site: Site, student: Persona, journey: Journey
) -> None:
    """三、1 忘记用户名：在登录界面输入身份证号码和准确的姓名找回用户名，然后重置密码"""
    login, finder = LoginPage(page), FindUsernamePage(page)
    with journey.step("login.1", observe=lambda: shown(login.link_to("rtvlgname"))) as step:
        login.open()
        click(page.get_by_role("link", name=LABELS["find_username_link"]))
        expect(finder.heading).to_be_visible()
        with step.claim("login.1.lookup", observe=lambda: shown(finder.errors) or page_summary(page)):
            finder.find(student.id_number, student.name)
            expect(finder.result).to_contain_text("找回用户名操作完成")
            expect(finder.usernames).to_have_text([student.email])
            step.point_at(finder.result)
        # The guide says to click 找回密码 after typing the ID and name; the site's form button is
        # 找回用户名, and the way on to a reset is the link shown with the result.
        with step.claim("login.1.button") as check:
            check.observed = f"找回用户名 →{shown(finder.reset_link)}"
            click(finder.reset_link)
            forgot = FindPasswordPage(page)
            expect(forgot.username).to_have_value(student.email)
            forgot.send()
            expect(forgot.notice).to_contain_text(f"密码重置邮件已发送到 {student.email}")
            _reset_by_mail(page, student, "NewPass2012")
    LoginPage(page).open()
    login.log_in(student.email, "NewPass2012")
    expect(ArchiveHomePage(page).welcome).to_be_visible()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        pytest.param(lambda p: (p.id_number[:-4] + "0000", p.name), say("recovery.no_account_on_id"),
                     id="身份证号有误"),
        pytest.param(lambda p: (p.id_number, p.name[0] + " " + p.name[1:]),
                     say("recovery.name_mismatch"), id="姓名多一个空格"),
        pytest.param(lambda p: (p.id_number, p.name[:-1] + ("王" if p.name[-1] != "王" else "李")),
                     say("recovery.name_mismatch"), id="姓名错一个字"),
    ],
)  # fmt: skip
def test_forgotten_username_needs_the_exact_id_number_and_name(
    page: Page,
    student: Persona,
    journey: Journey,
    change: Callable[[Persona], tuple[str, str]],
    message: str,
) -> None:
    """必须是准确的姓名：身份证号有误、姓名多一个空格或错一个字都找不到用户名"""
    id_number, name = change(student)
    finder = FindUsernamePage(page)
    with journey.step("login.1") as step:
        LoginPage(page).open()
        click(page.get_by_role("link", name=LABELS["find_username_link"]))
        expect(finder.heading).to_be_visible()
        finder.find(id_number, name)
        expect(page.get_by_text("验证码")).to_have_count(0)  # the guide's two fields are all the form needs
        with step.claim("login.1.exact", observe=lambda: f"输入“{name}”也找到了用户名“{shown(finder.usernames)}”"):
            expect(finder.errors).to_have_text(message)
            expect(finder.usernames).to_have_count(0)
            expect(finder.id_number).to_have_value(id_number)
            expect(finder.name).to_have_value(name)
            step.point_at(finder.errors)


@pytest.mark.walkthrough
@pytest.mark.replay("forgot-password", "三、2 忘记密码")
def test_forgotten_password_is_reset_through_the_mailbox(page: Page, student: Persona, journey: Journey) -> None:
    """三、2 忘记密码：在登录页面点击找回密码，按邮件中的链接设置新密码，旧密码失效"""
    login = LoginPage(page)
    with journey.step("login.2", observe=lambda: page_summary(page)) as step:
        login.open()
        with step.claim("login.2.reset") as check:
            check.observed = shown(login.link_to("retrive"))
            expect(page.get_by_role("link", name="忘记密码")).to_have_count(0)  # the site's label is 找回密码
            click(login.link_to("retrive"))
        forgot = FindPasswordPage(page)
        forgot.send(student.email)
        expect(forgot.notice).to_contain_text(f"密码重置邮件已发送到 {student.email}")
        _reset_by_mail(page, student, "Reset2012abc")
        log_in(page, student.email, "Reset2012abc")
    login = LoginPage(page).open()
    login.log_in(student.email, student.password)
    expect(login.status).to_have_text(say("login.wrong"))


def test_password_reset_link_works_once(page: Page, student: Persona) -> None:
    """密码重置链接只能用一次"""
    FindPasswordPage(page).page.goto(url_for("find_password"))
    FindPasswordPage(page).send(student.email)
    _reset_by_mail(page, student, "Once2012abc")
    Webmail(page).open_inbox(student.email).open_mail(RESET_SUBJECT)
    click(Webmail(page).link)
    expect(ResetPasswordPage(page).errors).to_have_text(say("reset.used"))


def test_password_reset_link_expires_after_24_hours(page: Page, student: Persona, clock: SharedClock) -> None:
    """超过 24 小时的密码重置链接被拒绝，密码不变"""
    page.goto(url_for("find_password"))
    FindPasswordPage(page).send(student.email)
    clock.advance(hours=24, seconds=1)
    Webmail(page).open_inbox(student.email).open_mail(RESET_SUBJECT)
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
    form, review = RealNamePage(page), ReviewPage(page)
    with journey.step("login.3", observe=lambda: shown(page.locator("main a[href*='review.action']"))) as step:
        LoginPage(page).open().log_in(newcomer.email, newcomer.password)
        form.fill(student.name, student.id_number, student.province)
        form.submit()
        with step.claim("login.3.reregister", observe=lambda: f"同一身份证号再次实名注册后进入{page_summary(page)}"):
            expect(form.errors).to_have_text(say("id.taken"))
            step.point_at(form.errors)
        click(page.get_by_role("link", name=LABELS["duplicate_help"]))
        review.submit(student.name, student.id_number, newcomer.email, **id_card_uploads(student))
        expect(review.number).to_have_text(re.compile(r"^SH20121105\d{5}$"))
    site.back_office.approve(review.number.inner_text())
    LoginPage(page).open().log_in(newcomer.email, newcomer.password)
    form.fill(student.name, student.id_number, student.province)
    form.submit()
    expect(page.get_by_role("heading", name="手机确认")).to_be_visible()
    old = LoginPage(page).open()
    old.log_in(student.email, student.password)
    expect(old.status).to_have_text(say("login.deactivated"))


@pytest.mark.walkthrough
@pytest.mark.replay("two-accounts", "三、4 两个帐号")
def test_two_accounts_on_one_id_are_reviewed_within_7_working_days(
    given: Given, page: Page, site: Site, student: Persona, journey: Journey, clock: SharedClock
) -> None:
    """三、4 两个邮箱：身份证号和姓名查出两个帐号，上传身份证正反面，7个工作日内审核"""
    older = given.second_account(student)
    finder, review, status = FindUsernamePage(page), ReviewPage(page), ReviewStatusPage(page)
    with journey.step("login.4", observe=lambda: shown(finder.review_link)) as step:
        LoginPage(page).open()
        click(page.get_by_role("link", name=LABELS["find_username_link"]))
        expect(finder.heading).to_be_visible()
        finder.find(student.id_number, student.name)
        expect(finder.result).to_be_visible()
        with step.claim("login.4.two", observe=lambda: f"只列出了帐号“{shown(finder.usernames)}”"):
            expect(finder.result).to_contain_text("该身份证号下注册了2个帐号")
            expect(finder.usernames).to_have_text([student.email, older.email])
            step.point_at(finder.result)
        click(page.get_by_role("link", name=LABELS["review_link"]))
        with step.claim("login.4.upload", observe=review.photo_fields):
            review.submit(student.name, student.id_number, student.email, **id_card_uploads(student))
            expect(review.number).to_have_text(re.compile(r"^SH\d{13}$"))
        number = review.number.inner_text()
        with step.claim("login.4.days", observe=review.promised_days):
            # Filed on Monday 2012-11-05: seven working days end on Wednesday 2012-11-14.
            expect(review.due).to_have_text("2012-11-14")
            step.point_at(review.filed)
            clock.advance(days=8)  # Tuesday 2012-11-13, one working day left
            status.open(number, student.id_number)
            expect(status.status).to_have_text("审核中：教育部后台会在7个工作日内处理，预计 2012-11-14 前处理完毕。")
            site.back_office.approve(number)
            status.open(number, student.id_number)
            expect(status.status).to_have_text(
                f"审核通过（2012-11-13）：保留帐号 {student.email}，该身份证号下的其他帐号已停用。"
            )
    log_in(page, student.email, student.password)
    page.goto(urls.LOGIN)
    LoginPage(page).log_in(older.email, student.password)
    expect(LoginPage(page).status).to_have_text(say("login.deactivated"))
    assert older.status is Status.DEACTIVATED


@pytest.mark.site_time("2012-09-28T10:00")
def test_review_filed_before_national_day_skips_the_holiday(
    given: Given, page: Page, site: Site, student: Persona
) -> None:
    """国庆前（2012-09-28，周五）提交的审核：调休的周六算工作日，国庆假期不算，2012-10-15 前处理"""
    given.second_account(student)
    review = file_review(page, student)
    expect(review.due).to_have_text("2012-10-15")
    expect(page.get_by_text("节假日顺延")).to_be_visible()


def test_review_status_after_the_deadline_says_it_is_overdue(
    given: Given, page: Page, site: Site, student: Persona, clock: SharedClock
) -> None:
    """审核到期当天仍在期限内，第二天页面提示已超期"""
    given.second_account(student)
    review = file_review(page, student)
    number = review.number.inner_text()
    clock.advance(days=9)  # Wednesday 2012-11-14, the last working day
    status = ReviewStatusPage(page).open(number, student.id_number)
    expect(status.status).to_have_text("审核中：教育部后台会在7个工作日内处理，预计 2012-11-14 前处理完毕。")
    clock.advance(days=1)
    status.open(number, student.id_number)
    expect(status.status).to_have_text(
        "审核中：已超过7个工作日（应于 2012-11-14 前处理），请联系 kefu@chsi.com.cn 并提供受理编号。"
    )


def test_rejected_review_keeps_every_account(given: Given, page: Page, site: Site, student: Persona) -> None:
    """审核未通过：页面说明原因，两个帐号都不停用"""
    older = given.second_account(student)
    review = file_review(page, student)
    number = review.number.inner_text()
    site.back_office.reject(number, "身份证照片不清晰")
    status = ReviewStatusPage(page).open(number, student.id_number)
    expect(status.status).to_have_text("审核未通过（2012-11-05）：身份证照片不清晰。请按要求重新提交。")
    log_in(page, older.email, student.password)


BAD_UPLOADS = {
    "格式不支持": (("zhengmian.bmp", b"BM" + b"\0" * 64), "身份证正面图片格式不支持：只能上传 jpg、jpeg、png、gif 格式的图片"),
    "超过300K": (("zhengmian.png", oversized_photo()), f"身份证正面图片超过300K（当前 {len(oversized_photo()) // 1024}K），请压缩后重新上传"),
    "空文件": (("zhengmian.jpg", b""), "身份证正面图片是空文件，请重新选择"),
    "改名的文本文件": (("zhengmian.jpg", "我的身份证号".encode()), "身份证正面文件不是有效的图片，请上传真实的照片"),
}  # fmt: skip


@pytest.mark.parametrize("case", list(BAD_UPLOADS))
def test_bad_upload_is_refused_and_changes_nothing(
    given: Given, page: Page, site: Site, student: Persona, case: str
) -> None:
    """不合格的身份证照片各有各的提示：不生成审核申请，已填的内容保留"""
    given.second_account(student)
    upload, message = BAD_UPLOADS[case]
    review = ReviewPage(page).open()
    review.submit(student.name, student.id_number, student.email, front=upload, back=id_card_uploads(student)["back"])
    expect(review.errors).to_have_text(message)
    expect(review.name).to_have_value(student.name)
    expect(review.id_number).to_have_value(student.id_number)
    expect(review.keep).to_have_value(student.email)
    assert site.back_office.tickets() == []
    assert all(a.status is Status.REGISTERED for a in site.back_office.accounts(student.id_number))
