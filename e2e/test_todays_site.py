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
from fixtures.personas import Persona
from fixtures.students import Given
from harness.clock import SharedClock
from harness.evidence import Verdict
from harness.journey import Journey
from mock_server import Site

TODAY = "current"


def _not_reached(journey: Journey) -> set[str]:
    """The sentences a journey could not get to at all once the site had contradicted it."""
    return {c.step for c in journey.checks if c.verdict is Verdict.NOT_REACHED} - journey.contradicted()


def _contradictions_quote_both_sides(journey: Journey) -> None:
    """Each contradiction quotes the guide and the site, with its own evidence (a step's action: the step's picture)."""
    found = [c for c in journey.checks if c.verdict is Verdict.CONTRADICTED]
    assert found and all(c.message.startswith("指南：") and "\n站点：" in c.message for c in found)
    assert all(c.evidence or c.claim.endswith(".possible") for c in found), found


@pytest.mark.registration
@pytest.mark.site_profile(TODAY, stale=["reg.3"])
def test_todays_registration_is_stale_from_step_three(
    given: Given, page: Page, context: BrowserContext, site: Site, persona: Persona, journey: Journey,
    clock: SharedClock,
) -> None:  # fmt: skip
    """今天的学信网：一、注册在第三步与指南不符（改为手机号一页注册），第四步以后未能到达"""
    with journey.past_a_contradiction():
        registration.test_registration_nine_steps_and_login(given, page, context, site, persona, journey, clock)
    _contradictions_quote_both_sides(journey)
    assert _not_reached(journey) == {"reg.4", "reg.5", "reg.6", "reg.7", "reg.8", "reg.9", "reg.note"}
    contradicted = next(c for c in journey.checks if c.verdict is Verdict.CONTRADICTED)
    assert contradicted.message.startswith("指南：用户名必须是一个真实的邮箱\n站点："), contradicted.message


@pytest.mark.image_check
@pytest.mark.site_profile(TODAY)
def test_todays_photo_check_still_holds(
    page: Page, site: Site, student: Persona, journey: Journey, clock: SharedClock
) -> None:
    """今天的学信网：二、图像校对（照片正确）仍与指南一致"""
    image_check.test_photo_correct_completes_the_check(page, site, student, journey, clock)


@pytest.mark.image_check
@pytest.mark.site_profile(TODAY)
def test_todays_photo_report_still_holds(page: Page, site: Site, student: Persona, journey: Journey) -> None:
    """今天的学信网：二、照片有误的汇报仍与指南一致"""
    image_check.test_photo_wrong_is_reported_for_the_school(page, site, student, journey)


@pytest.mark.login_trouble
@pytest.mark.site_profile(TODAY, stale=["login.1"])
def test_todays_forgotten_username_needs_a_captcha(page: Page, site: Site, student: Persona, journey: Journey) -> None:
    """今天的学信网：三、1 找回用户名多了图片验证码，与指南不符"""
    with journey.past_a_contradiction():
        login_trouble.test_forgotten_username_is_found_by_id_number_and_exact_name(page, site, student, journey)
    _contradictions_quote_both_sides(journey)


@pytest.mark.login_trouble
@pytest.mark.site_profile(TODAY, stale=["login.2"])
def test_todays_forgotten_password_needs_a_captcha(page: Page, student: Persona, journey: Journey) -> None:
    """今天的学信网：三、2 找回密码多了图片验证码，与指南不符"""
    with journey.past_a_contradiction():
        login_trouble.test_forgotten_password_is_reset_through_the_mailbox(page, student, journey)
    _contradictions_quote_both_sides(journey)


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
    with journey.past_a_contradiction():
        login_trouble.test_two_accounts_on_one_id_are_reviewed_within_7_working_days(
            given, page, site, student, journey, clock
        )
    _contradictions_quote_both_sides(journey)
