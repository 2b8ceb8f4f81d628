"""Stretches of the registration procedure, for tests whose subject lies further along."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from e2e.pages.devices import Phone, Webmail
from e2e.pages.portal import ArchiveHomePage, LoginPage
from e2e.pages.recovery import ReviewPage
from e2e.pages.registration import ConfirmPage, PhoneConfirmPage, RealNamePage, RegisterPage
from fixtures.images import id_card_uploads
from fixtures.personas import Persona
from harness.actions import click
from mock_server.words import LABELS

ACTIVATION_SUBJECT = LABELS["activation_subject"]


def sign_up(page: Page, persona: Persona) -> None:
    """第三步 and 第四步: the account form, sent."""
    form = RegisterPage(page).open()
    form.fill_account_form(persona.email, persona.password)
    form.submit()
    expect(form.sent_to).to_have_text(persona.email)


def open_activation_mail(page: Page, persona: Persona) -> Webmail:
    """第五步: the newest activation mail, open in the webmail."""
    mailbox = Webmail(page).open_inbox(persona.email)
    mailbox.open_mail(ACTIVATION_SUBJECT)
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
    expect(form.sms_status).to_have_text(f"学信网已向 {persona.phone} 发送校验码，请查收")
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
    confirm.answer("是")
    expect(page.get_by_role("heading", name="账号注册成功")).to_be_visible()


def log_in(page: Page, username: str, password: str) -> None:
    """个人用户登录, landing on 学信档案."""
    LoginPage(page).open().log_in(username, password)
    expect(ArchiveHomePage(page).welcome).to_be_visible()


def file_review(page: Page, student: Persona) -> ReviewPage:
    """帐号审核申请 filed with both ID card photos, keeping the student's own mailbox; the page shows the ticket."""
    review = ReviewPage(page).open()
    review.submit(student.name, student.id_number, student.email, **id_card_uploads(student))
    return review
