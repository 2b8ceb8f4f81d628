"""一、the rules the guide states for registration, each at its edges (fixtures/edges.py), through the student's pages."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from playwright.sync_api import BrowserContext, Locator, Page

from e2e.flows import activate, register_fully, time_to_login
from e2e.pages.portal import LoginPage
from e2e.pages.registration import DonePage, PhoneConfirmPage, RealNamePage, RegisterPage
from fixtures.edges import ID_NUMBER, ONE_PER_EMAIL, PASSWORD_RULE, REDIRECT_SECONDS, USERNAME_IS_AN_EMAIL, Case, values
from fixtures.personas import Persona
from fixtures.students import Given
from harness.checks import expect
from harness.clock import SharedClock
from harness.journey import CaseOutcome, Journey, Step
from harness.settle import settle
from harness.shots import shown
from mock_server import Site, urls
from mock_server.http import html
from mock_server.messages import say
from mock_server.words import label

pytestmark = pytest.mark.registration


def _sign_up(step: Step, form: RegisterPage, email: str, password: str) -> bool:
    """第三步 as the guide says it, with these values: True when the site took the form (the mail was sent)."""
    step.fill("用户名", email, site=form.username)
    step.fill("密码", password, site=form.password)
    step.fill("确认密码", password, site=form.password_again)
    step.click("立即注册", site=form.submit_button)
    settle(form.page)
    return form.sent_to.count() > 0


def _refused_with(form: RegisterPage, case: Case, field: Locator, outcome: CaseOutcome) -> str:
    """What the page says of a refused case: refused for the rule's own field (else the case was not tried), with the
    rule's own message where it has one."""
    if field.get_attribute("aria-invalid") != "true":
        outcome.untried(shown(form.errors))
    if case.refusal and not case.accepted:
        expect(form.errors).to_contain_text(say(case.refusal))
    return shown(form.errors)


@pytest.mark.parametrize("case", USERNAME_IS_AN_EMAIL, ids=lambda case: case.name)
def test_username_must_be_a_real_mailbox(
    page: Page, site: Site, given: Given, persona: Persona, journey: Journey, case: Case
) -> None:
    """第三步“用户名必须是一个真实的邮箱”：邮箱的每一种边界写法"""
    tried = case.value.format(**values(persona, given.classmate(persona)))
    form = RegisterPage(page).open()
    with journey.step("reg.3") as step, step.case("reg.3.email", case, tried, correction="remove") as outcome:
        accepted = _sign_up(step, form, tried, persona.password)
        outcome.saw(accepted, "" if accepted else _refused_with(form, case, form.username, outcome))
        if not accepted:
            expect(form.username).to_have_value(tried)  # what the student typed is kept
            assert site.back_office.account(tried) is None


@pytest.mark.parametrize("case", PASSWORD_RULE, ids=lambda case: case.name)
def test_password_of_six_or_more_digits_or_letters(
    page: Page, site: Site, persona: Persona, journey: Journey, case: Case
) -> None:
    """第三步“密码由6位以上的数字或字母组成”：长度与字符的每一种边界"""
    form = RegisterPage(page).open()
    with journey.step("reg.3") as step:
        rule = lambda: shown(form.password_rule)  # noqa: E731 - read when the case fails: the rule the site states
        terms = ("6位以上", "数字或字母")
        with step.case("reg.3.password", case, case.value, rule, correction="clause", terms=terms) as outcome:
            accepted = _sign_up(step, form, persona.email, case.value)
            outcome.saw(accepted, "" if accepted else _refused_with(form, case, form.password, outcome))


@pytest.mark.parametrize("case", ONE_PER_EMAIL, ids=lambda case: case.name)
def test_one_registration_per_mailbox(
    page: Page, site: Site, given: Given, persona: Persona, journey: Journey, case: Case
) -> None:
    """第三步“每个邮箱只能注册一次”：已注册的邮箱换一种写法再注册"""
    given.account(persona)
    tried = case.value.format(**values(persona, given.classmate(persona)))
    form = RegisterPage(page).open()
    with (
        journey.step("reg.3") as step,
        step.case("reg.3.once", case, tried, correction="remove", terms=("一次",)) as outcome,
    ):
        accepted = _sign_up(step, form, tried, persona.password)
        outcome.saw(accepted, "" if accepted else _refused_with(form, case, form.username, outcome))
        if not accepted:
            assert site.back_office.account(tried) is site.back_office.account(persona.email)


@pytest.mark.parametrize("case", ID_NUMBER, ids=lambda case: case.name)
def test_real_name_takes_15_or_18_digit_id_numbers(
    page: Page, site: Site, given: Given, persona: Persona, journey: Journey, case: Case
) -> None:
    """第七步实名注册：身份证号的每一种边界写法（15位或18位，末位校验码）"""
    tried = case.value.format(**values(persona, given.classmate(persona)))
    activate(page, persona)
    form = RealNamePage(page)
    with journey.step("reg.7") as step, step.case("reg.7.possible", case, tried) as outcome:
        step.fill("真实姓名", persona.name, site=form.name)
        step.fill("身份证号", tried, site=form.id_number)
        step.choose("所在地区", persona.province, site=form.region)
        form.submit()
        settle(page)
        accepted = PhoneConfirmPage(page).heading.count() > 0
        if not accepted and form.id_number.get_attribute("aria-invalid") != "true":
            outcome.untried(shown(form.errors))  # refused, but not for the ID number
        outcome.saw(accepted, "" if accepted else shown(form.errors))
        if not accepted:
            expect(form.errors).to_contain_text(say(case.refusal))
            expect(form.id_number).to_have_value(tried)


@pytest.mark.parametrize("case", REDIRECT_SECONDS, ids=lambda case: case.name)
def test_thirty_seconds_after_registration_the_login_page(
    page: Page, context: BrowserContext, persona: Persona, journey: Journey, clock: SharedClock, case: Case
) -> None:
    """注意“注册完成之后30秒,系统自动转入登录页面”：第29秒与第30秒"""
    register_fully(page, context.new_page(), persona)
    with journey.step("reg.note") as step, step.case("reg.note.30s", case, case.value, terms=("30秒",)) as outcome:
        clock.advance(seconds=int(case.value))
        settle(page)
        moved = LoginPage(page).heading.count() > 0
        outcome.saw(moved, "" if moved else shown(DonePage(page).countdown))


def test_a_page_that_leaves_before_its_countdown_ends_is_timed_when_it_left(
    page: Page, site: Site, clock: SharedClock
) -> None:
    """注册成功页显示倒计时 30 秒、实际 10 秒就转入登录页面：量得 10 秒（不是 30 秒之后的时刻）"""
    early = f"{urls.ACCOUNT}/account/done-early.action"
    body = (
        f"<h1>{label('done_heading')}</h1><span id='countdown'>30</span>"
        f"<script>setTimeout(() => location.replace({json.dumps(urls.LOGIN)}), 10 * 1000);</script>"
    )
    site.use(early, lambda request, state: html(body))
    page.goto(early)
    assert time_to_login(page, clock) == timedelta(seconds=10)
