"""Any school's guide (chsi-e2e audit FILE): the site model's flows walked once each, then every bound sentence judged.

Collected only when a run names a guide (--audit-guide, once or more: one test for each guide); its results go where
chsi-e2e audit says, never over the seed's.
"""

from __future__ import annotations

from pathlib import Path

import allure
import pytest
from playwright.sync_api import BrowserContext, Page

from e2e.any_guide import REGISTRATION, Executor
from fixtures.personas import Persona
from fixtures.students import Given, second_email
from harness.clock import SharedClock
from harness.evidence import LABEL_GUIDE
from harness.guides import GUIDE_PARAM, guide_of
from harness.journey import Journey
from mock_server import Site


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """One case for each guide the run names, so several guides share one session (and its workers)."""
    if GUIDE_PARAM in metafunc.fixturenames:
        files = metafunc.config.getoption("--audit-guide")
        metafunc.parametrize(GUIDE_PARAM, files, ids=[Path(f).stem for f in files])


def test_the_guide_against_the_site(
    page: Page, context: BrowserContext, site: Site, given: Given, persona: Persona, journey: Journey,
    clock: SharedClock, request: pytest.FixtureRequest, guide_file: str,
) -> None:  # fmt: skip
    """审计一份指南：按站点自己的流程走到指南每句话说到的地方，按指南的原话逐句核对"""
    allure.dynamic.label(LABEL_GUIDE, guide_file)  # chsi-e2e audit files each guide's results apart by it
    run = Executor(guide_of(request), journey, page, context, site, clock, given)
    if run.wanted(*REGISTRATION):
        given.enrolled(persona)
        run.walk("registration", lambda: run.registration(persona))
    if run.wanted("register.phone_first") and "register.phone_first" not in run.visits:
        newcomer = given.stranger(persona)
        given.enrolled(newcomer)
        run.walk("phone_registration", lambda: run.phone_registration(newcomer))
    if run.wanted(*_RECORDS):
        student, without = given.classmate(persona), given.stranger(persona)
        given.account(without)  # registered, but no school reported a 学籍 for this name and ID number
        run.walk("records", lambda: run.records(student, without))
    if run.wanted("recover.username", "rule.exact_name", "recover.password", "recover.captcha"):
        student = given.classmate(persona)
        run.walk("recovery", lambda: run.recovery(student))
    if run.wanted(*_REVIEW):
        student = given.classmate(persona)
        given.second_account(student)
        newcomer = Persona(**{**student.__dict__, "email": "new-" + second_email(student)})
        given.half_registered(newcomer)
        run.walk("review", lambda: run.review(student, newcomer))
    run.judge()


_RECORDS = ("login.page", "archive.records_button", "archive.check_info", "archive.photo", "photo.correct", "photo.wrong",
            "archive.info_not_editable", "archive.no_record", "portal.image_check_entry")  # fmt: skip
_REVIEW = ("review.two_accounts", "review.upload_id_photos", "review.working_days", "review.deactivates_others",
           "reregister.id_taken")  # fmt: skip
