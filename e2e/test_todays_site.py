"""Today's CHSI (the `current` profile): the guide's journeys, unchanged, name exactly the sentences that went stale.

Today registration is one phone-first form with no activation mail, and 找回用户名 / 找回密码 ask for an image
captcha (chsi-facts.md). So 一 第三步 and 三 1、2、4 must be contradicted, and nothing else: 二 and 三 3 still hold.
Each test runs under @pytest.mark.site_profile, so its claims stay out of the 2012 audit of the same run.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import BrowserContext, Page

import e2e.test_image_check as image_check
import e2e.test_login_trouble as login_trouble
import e2e.test_registration as registration
from e2e.flows import register_on_one_page, review_approved, send_one_page, stopped
from e2e.pages.recovery import AccountReviewStatusPage
from e2e.pages.registration import PhoneFirstRegisterPage, RegisterPage
from fixtures.personas import Persona
from fixtures.students import Given
from harness.actions import click
from harness.checks import expect
from harness.clock import SharedClock
from harness.evidence import Verdict
from harness.journey import MERGED, REMOVED, Journey, both_sides
from mock_server import Site
from mock_server.messages import say
from mock_server.services.mail import masked

TODAY = "current"


def _corrections_replace_the_guides_words(journey: Journey) -> None:
    """Each contradiction quotes the guide and the site, says what the site shows instead, and has its evidence."""
    found = [c for c in journey.checks if c.verdict is Verdict.CONTRADICTED]
    claims = journey.guide.claims()
    assert found and all(c.message == both_sides(claims[c.claim].text, c.site) for c in found)
    assert all(c.observed for c in found), found
    assert all(c.evidence or c.claim.endswith(".possible") for c in found), found


@pytest.mark.registration
@pytest.mark.site_profile(TODAY, stale=["reg.3"])
def test_todays_registration_is_stale_from_step_three(
    given: Given, page: Page, context: BrowserContext, site: Site, persona: Persona, journey: Journey,
    clock: SharedClock,
) -> None:  # fmt: skip
    """今天的学信网：一、注册在第三步与指南不符（改为手机号一页注册），第四至九步已删去或并入第三步"""
    registration.test_registration_nine_steps_and_login(given, page, context, site, persona, journey, clock)
    _corrections_replace_the_guides_words(journey)
    fates = {c.step: c.correction for c in journey.checks if c.correction in (MERGED, REMOVED)}
    assert fates == {"reg.4": REMOVED, "reg.5": REMOVED, "reg.6": REMOVED, "reg.7": MERGED, "reg.8": MERGED,
                     "reg.9": MERGED}  # fmt: skip
    assert {c.claim: c.verdict for c in journey.checks if c.step == "reg.note"} == {
        "reg.note.30s": Verdict.CONFIRMED, "reg.note.login": Verdict.CONFIRMED,
    }  # fmt: skip


@pytest.mark.image_check
@pytest.mark.site_profile(TODAY)
def test_todays_photo_check_still_holds(
    page: Page, site: Site, student: Persona, journey: Journey, clock: SharedClock
) -> None:
    """今天的学信网：二、图像校对（照片正确）仍与指南一致"""
    image_check.test_photo_correct_completes_the_check(page, site, student, journey, clock)


@pytest.mark.image_check
@pytest.mark.site_profile(TODAY)
def test_todays_photo_report_still_holds(
    page: Page, site: Site, student: Persona, journey: Journey, clock: SharedClock
) -> None:
    """今天的学信网：二、照片有误的汇报仍与指南一致"""
    image_check.test_photo_wrong_is_reported_for_the_school(page, site, student, journey, clock)


@pytest.mark.login_trouble
@pytest.mark.site_profile(TODAY, stale=["login.1"])
def test_todays_forgotten_username_needs_a_captcha(page: Page, site: Site, student: Persona, journey: Journey) -> None:
    """今天的学信网：三、1 找回用户名多了图片验证码，与指南不符"""
    login_trouble.test_forgotten_username_is_found_by_id_number_and_exact_name(page, site, student, journey)
    _corrections_replace_the_guides_words(journey)


@pytest.mark.login_trouble
@pytest.mark.site_profile(TODAY, stale=["login.2"])
def test_todays_forgotten_password_needs_a_captcha(page: Page, site: Site, student: Persona, journey: Journey) -> None:
    """今天的学信网：三、2 找回密码多了图片验证码，与指南不符"""
    login_trouble.test_forgotten_password_is_reset_through_the_mailbox(page, site, student, journey)
    _corrections_replace_the_guides_words(journey)


@pytest.mark.login_trouble
@pytest.mark.site_profile(TODAY)
def test_todays_reregistration_still_offers_review(
    given: Given, page: Page, site: Site, student: Persona, journey: Journey
) -> None:
    """今天的学信网：三、3 同一身份证号重新注册仍被拒绝并可申请审核"""
    login_trouble.test_forgotten_mailbox_reregistration_is_refused_and_offers_review(
        given, page, site, student, journey
    )


@pytest.mark.login_trouble
@pytest.mark.site_profile(TODAY, stale=["login.4"])
def test_todays_two_accounts_are_found_behind_a_captcha(
    given: Given, page: Page, site: Site, student: Persona, journey: Journey, clock: SharedClock
) -> None:
    """今天的学信网：三、4 查出两个帐号要先过图片验证码，与指南不符"""
    login_trouble.test_two_accounts_on_one_id_are_reviewed_within_7_working_days(
        given, page, site, student, journey, clock
    )
    _corrections_replace_the_guides_words(journey)


@pytest.mark.login_trouble
@pytest.mark.site_profile(TODAY)
def test_todays_taken_number_is_won_back_with_the_proven_phone(
    given: Given, page: Page, context: BrowserContext, site: Site, persona: Persona, clock: SharedClock
) -> None:
    """今天的学信网：别人先占了学生的身份证号，一页注册被拒并给出【解决方法】；学生用这次验证过的手机号申请帐号审核，
    批准后占号的帐号停用，学生用这个手机号重新注册成功"""
    given.enrolled(persona)
    squatter = given.squatted(persona)
    form = PhoneFirstRegisterPage(page)
    RegisterPage(page).open()
    send_one_page(page, context, persona)
    expect(form.errors).to_have_text(say("id.taken"))
    click(form.duplicate_help)
    number = review_approved(page, site, persona, persona.phone)
    status = AccountReviewStatusPage(page).open_for(number, persona.id_number)
    approved = say("review.approved_to_register", date=clock.now().date().isoformat(), keep=masked(persona.phone))
    expect(status.status).to_have_text(approved)
    clock.advance(minutes=1)  # the site sends one SMS code a minute at most
    RegisterPage(page).open()
    register_on_one_page(page, context, persona)
    stopped(page, squatter.email, squatter.password)
