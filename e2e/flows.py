"""Stretches of the guide's procedures, for tests whose subject lies further along (and the site's own ways)."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta

from playwright.sync_api import BrowserContext, Page

from e2e.pages.devices import Phone, Webmail
from e2e.pages.portal import ArchiveHomePage, LoginPage
from e2e.pages.recovery import AccountReviewPage
from e2e.pages.registration import (
    ConfirmPage,
    DonePage,
    PhoneConfirmPage,
    PhoneFirstRegisterPage,
    RealNamePage,
    RegisterPage,
)
from fixtures.images import id_card_uploads
from fixtures.personas import Persona
from harness.actions import click, fill
from harness.checks import expect
from harness.clock import SharedClock, left_after, note_leaving
from harness.journey import MERGED, REMOVED, Step
from harness.settle import settle
from mock_server import Site
from mock_server.messages import say
from mock_server.words import label


def sign_up(page: Page, persona: Persona) -> None:
    """第三步 and 第四步: the account form, sent."""
    form = RegisterPage(page).open()
    form.fill_account_form(persona.email, persona.password)
    form.submit()
    expect(form.sent_to).to_have_text(persona.email)


def open_activation_mail(page: Page, persona: Persona) -> Webmail:
    """第五步: the newest activation mail, open in the webmail."""
    mailbox = Webmail(page).open_inbox(persona.email)
    mailbox.open_mail(label("activation_subject"))
    return mailbox


def activate(page: Page, persona: Persona) -> None:
    """第三步 to 第六步: signed up and on 实名注册."""
    sign_up(page, persona)
    click(open_activation_mail(page, persona).link)
    expect(RealNamePage(page).heading).to_be_visible()


def enter_real_name(page: Page, persona: Persona) -> None:
    """第七步 with the persona's true details."""
    form = RealNamePage(page)
    form.fill(persona.name, persona.id_number, persona.province)
    form.submit()
    expect(PhoneConfirmPage(page).heading).to_be_visible()


def confirm_phone(page: Page, phone_screen: Page, persona: Persona) -> None:
    """第八步: a code requested, read on the phone, typed back."""
    form = PhoneConfirmPage(page)
    form.request_code(persona.phone)
    expect(form.sms_status).to_have_text(say("sms.sent", phone=persona.phone))
    form.enter_code(Phone(phone_screen).open(persona.phone).latest_code())
    expect(ConfirmPage(page).heading).to_be_visible()


def reach_phone_step(page: Page, persona: Persona) -> PhoneConfirmPage:
    """Everything up to 手机确认."""
    activate(page, persona)
    enter_real_name(page, persona)
    return PhoneConfirmPage(page)


def register_fully(page: Page, phone_screen: Page, persona: Persona) -> None:
    """The whole procedure 一, ending on 账号注册成功."""
    reach_phone_step(page, persona)
    confirm_phone(page, phone_screen, persona)
    confirm = ConfirmPage(page)
    confirm.confirm()
    confirm.answer_yes()
    expect(DonePage(page).heading).to_be_visible()


def register_on_one_page(page: Page, context: BrowserContext, persona: Persona) -> None:
    """Today's registration: phone and SMS code, password, name and ID number on one page, then 账号注册成功."""
    send_one_page(page, context, persona)
    expect(DonePage(page).heading).to_be_visible()
    expect(page.get_by_role("status")).to_have_text(say("email_check.sent", email=persona.email))
    bind_email(context, persona.email)
    page.bring_to_front()


def send_one_page(page: Page, context: BrowserContext, persona: Persona) -> None:
    """Today's one-page registration filled in (the SMS code read on the phone) and sent."""
    form = PhoneFirstRegisterPage(page)
    fill(form.mobile, persona.phone)
    click(form.get_code)
    with page.expect_response("**/account/getmphonpincode.action"):
        click(form.send)
    expect(form.sms_status).to_have_text(say("sms.sent", phone=persona.phone))
    fill(form.code, Phone(context.new_page()).open(persona.phone).latest_code())
    page.bring_to_front()
    fill(form.password, persona.password)
    fill(form.password_again, persona.password)
    fill(form.name, persona.name)
    fill(form.id_number, persona.id_number)
    fill(form.email, persona.email)  # optional today, but the student then logs in with it as before
    click(form.submit_button)


def bind_email(context: BrowserContext, email: str) -> None:
    """Today's site binds the email typed at registration once its mailbox follows the mailed link: the student does."""
    mailbox = Webmail(context.new_page()).open_inbox(email)
    mailbox.open_mail(label("email_check_subject"))
    click(mailbox.link)
    expect(mailbox.page.get_by_role("status")).to_have_text(say("email_check.done", email=email))
    mailbox.page.close()


def registered_on_one_page(page: Page, context: BrowserContext, persona: Persona) -> Callable[[Step], dict[str, str]]:
    """The site's own way through 第三步 when its form is the one-page registration: what it does instead of 第四步 to
    第九步 (the name, ID number and phone move into the form; the activation mail and the 是 dialog are gone)."""

    def instead(step: Step) -> dict[str, str]:
        register_on_one_page(page, context, persona)
        return {"reg.4": REMOVED, "reg.5": REMOVED, "reg.6": REMOVED, "reg.7": MERGED, "reg.8": MERGED,
                "reg.9": MERGED}  # fmt: skip

    return instead


def time_to_login(page: Page, clock: SharedClock, longest: int = 120) -> timedelta | None:
    """How long after 账号注册成功 the page moves on by itself: the countdown it shows, checked a second before and at
    the time (a page that left sooner says when it did), else counted second by second (None if it never moves).
    Where it moves to is the next claim's check."""
    done = DonePage(page)
    shown = int(done.countdown.inner_text() or "0")
    note_leaving(page)
    if 0 < shown <= longest:
        clock.run(seconds=shown - 1)
        settle(page)
        if not done.heading.is_visible():
            return left_after(page, shown - 1)
        clock.advance(seconds=1)
        settle(page)
        if not done.heading.is_visible():
            return timedelta(seconds=shown)
        waited = shown
    else:
        waited = 0
    while waited < longest:
        clock.advance(seconds=1)
        waited += 1
        settle(page)
        if not done.heading.is_visible():
            return timedelta(seconds=waited)
    return None


def log_in(page: Page, username: str, password: str) -> None:
    """个人用户登录, landing on 学信档案."""
    LoginPage(page).open().log_in(username, password)
    expect(ArchiveHomePage(page).welcome).to_be_visible()


def file_review(page: Page, student: Persona) -> AccountReviewPage:
    """帐号审核申请 filed with both ID card photos, keeping the student's own mailbox; the page shows the ticket."""
    review = AccountReviewPage(page).open()
    review.submit(student.name, student.id_number, student.email, **id_card_uploads(student))
    return review


def real_name_as(page: Page, username: str, password: str, persona: Persona) -> RealNamePage:
    """Logged in as `username`, at 实名注册: `persona`'s name, ID number and region sent."""
    LoginPage(page).open().log_in(username, password)
    form = RealNamePage(page)
    form.fill(persona.name, persona.id_number, persona.province)
    form.submit()
    return form


def stopped(page: Page, username: str, password: str) -> None:
    """An account an approved review stopped: logging in with it is refused, saying so."""
    login = LoginPage(page).open()
    login.log_in(username, password)
    expect(login.status).to_have_text(say("login.deactivated"))


def review_approved(page: Page, site: Site, persona: Persona, keep: str) -> str:
    """帐号审核 filed from the review page the student is on, keeping `keep`, with both ID card photos; its ticket
    shown, then approved by the back office: the ticket's number."""
    review = AccountReviewPage(page)
    review.submit(persona.name, persona.id_number, keep, **id_card_uploads(persona))
    expect(review.number).to_have_text(re.compile(r"^SH\d{13}$"))
    number = review.number.inner_text()
    site.back_office.approve(number)
    return number
