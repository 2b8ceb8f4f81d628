"""三、the rules the guide states for login trouble, each at its edges (fixtures/edges.py), through the student's pages."""

from __future__ import annotations

from datetime import date

import pytest
from playwright.sync_api import Page

from e2e.flows import file_review
from e2e.pages.portal import LoginPage
from e2e.pages.recovery import AccountReviewPage, FindUsernamePage
from fixtures.edges import EXACT_NAME, ID_PHOTOS, WORKING_DAYS, Case, values
from fixtures.images import id_card_uploads
from fixtures.personas import Persona
from fixtures.students import Given
from harness.actions import click, upload
from harness.checks import expect
from harness.clock import SharedClock
from harness.journey import Journey
from harness.settle import settle
from harness.shots import shown
from mock_server import Site
from mock_server.messages import say
from mock_server.words import label
from mock_server.workdays import working_days_between

pytestmark = pytest.mark.login_trouble


@pytest.mark.parametrize("case", EXACT_NAME, ids=lambda case: case.name)
def test_forgotten_username_needs_the_exact_name(
    page: Page, site: Site, given: Given, student: Persona, journey: Journey, case: Case
) -> None:
    """三、1“必须是准确的姓名”：本人的身份证号配上姓名的每一种写法"""
    tried = case.value.format(**values(student, given.classmate(student)))
    login, finder = LoginPage(page), FindUsernamePage(page)
    login.open()
    click(login.find_username)
    with (
        journey.step("login.1") as step,
        step.case("login.1.exact", case, tried, correction="remove", terms=("身份证号码", "姓名")) as outcome,
    ):
        step.fill("身份证号码", student.id_number, site=finder.id_number)
        step.fill("姓名", tried, site=finder.name)
        click(finder.submit_button)
        settle(page)
        found = finder.usernames.count() > 0
        if not found and finder.name.get_attribute("aria-invalid") != "true":
            outcome.untried(shown(finder.errors))  # refused, but not for the name
        outcome.saw(found, shown(finder.usernames) if found else shown(finder.errors))
        if found:
            expect(finder.usernames).to_have_text([student.email])  # only the student's own account, never another's
        else:
            expect(finder.name).to_have_value(tried)


@pytest.mark.parametrize("case", ID_PHOTOS, ids=lambda case: case.name)
def test_a_review_needs_both_sides_of_the_id_card(
    page: Page, site: Site, given: Given, student: Persona, journey: Journey, case: Case
) -> None:
    """三、4“需要提交身份证正反两面的图片”：缺一面、都没有、审核中再提交"""
    given.second_account(student)
    sides = case.value.split(",") if case.value else []
    if "again" in sides:
        file_review(page, student)
    review = AccountReviewPage(page).open()
    with (
        journey.step("login.4") as step,
        step.case("login.4.upload", case, "、".join(label(f"id_{side}") for side in sides if side != "again"),
                  terms=("身份证正反两面的图片",)) as outcome,
    ):  # fmt: skip
        review.fill_in(student.name, student.id_number, student.email)
        photos = id_card_uploads(student)
        for side in ("front", "back"):
            if side in sides:
                upload(review.front if side == "front" else review.back, *photos[side])
        click(review.submit_button)
        settle(page)
        filed = review.number.count() > 0
        outcome.saw(filed, review.number.inner_text() if filed else shown(review.errors))
        if not filed:
            missing = [side for side in ("front", "back") if side not in sides]
            tickets = site.back_office.tickets(student.id_number)
            expect(review.errors).to_contain_text(
                say("upload.missing", label=label(f"id_{missing[0]}"))
                if missing
                else say("review.already_open", number=tickets[0].number)
            )
            assert len(tickets) == ("again" in sides)


@pytest.mark.parametrize(
    "case", [pytest.param(c, marks=pytest.mark.site_time(c.value.split("/")[0]), id=c.name) for c in WORKING_DAYS]
)
def test_the_review_is_due_seven_working_days_later(
    page: Page, site: Site, given: Given, student: Persona, journey: Journey, clock: SharedClock, case: Case
) -> None:
    """三、4“教育部后台会在7个工作日处理”：周末、国庆假期与调休上班日都按中国的日历计算"""
    due = case.value.split("/")[1]
    given.second_account(student)
    review = file_review(page, student)  # filed first: an upload the site refuses is not this rule's to answer for
    with (
        journey.step("login.4") as step,
        step.case("login.4.days", case, due) as outcome,
    ):
        shown_due = review.due.inner_text()
        step.point_at(review.filed)
        step.measure("7个工作日", working_days_between(clock.now().date(), date.fromisoformat(shown_due)))
        outcome.saw(shown_due == due, shown_due)
