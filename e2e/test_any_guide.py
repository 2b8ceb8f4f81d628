"""Any school's guide (chsi-e2e audit FILE): the site model's flows walked once each, then every bound sentence judged.

Collected only when a run names a guide (--audit-guide); its results go where chsi-e2e audit says, never over the seed's.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import BrowserContext, Page

from e2e.any_guide import Executor
from fixtures.personas import Persona
from fixtures.students import Given, second_email
from harness.clock import SharedClock
from harness.guides import guide_of
from harness.journey import Journey
from mock_server import Site


def test_the_guide_against_the_site(
    page: Page, context: BrowserContext, site: Site, given: Given, persona: Persona, journey: Journey,
    clock: SharedClock, request: pytest.FixtureRequest,
) -> None:  # fmt: skip
    """审计一份指南：按站点自己的流程走到指南每句话说到的地方，按指南的原话逐句核对"""
    run = Executor(guide_of(request.config), journey, page, context, site, clock, given)
    if run.wanted(*_REGISTRATION):
        given.enrolled(persona)
        run.walk("registration", lambda: run.registration(persona))
    if run.wanted("register.phone_first"):
        newcomer = given.classmate(persona)
        run.walk("phone_registration", lambda: run.phone_registration(newcomer))
    if run.wanted(*_RECORDS):
        student, without = given.classmate(persona), given.classmate(persona)
        given.student(student)
        given.account(without)
        run.walk("records", lambda: run.records(student, without))
    if run.wanted("recover.username", "rule.exact_name", "recover.password", "recover.captcha"):
        student = given.classmate(persona)
        given.student(student)
        run.walk("recovery", lambda: run.recovery(student))
    if run.wanted("review.two_accounts", "review.upload_id_photos", "review.working_days", "reregister.id_taken"):
        student = given.classmate(persona)
        given.student(student)
        given.second_account(student)
        newcomer = Persona(**{**student.__dict__, "email": "new-" + second_email(student)})
        given.half_registered(newcomer)
        run.walk("review", lambda: run.review(student, newcomer))
    run.judge()


_REGISTRATION = ("portal.platform", "portal.archive_button", "register.entry", "register.account_form",
                 "rule.username_email", "rule.password", "rule.one_per_email", "mail.activation_sent",
                 "mail.activation_open", "mail.activation_link", "register.real_name", "rule.id_number",
                 "register.phone_confirm", "register.confirm_yes", "register.redirect_login")  # fmt: skip
_RECORDS = ("login.page", "archive.records_button", "archive.check_info", "archive.photo", "photo.correct", "photo.wrong",
            "archive.info_not_editable", "archive.no_record", "portal.image_check_entry")  # fmt: skip
