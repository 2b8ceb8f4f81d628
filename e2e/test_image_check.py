"""二、图像信息校对流程: log in, open 学籍信息, check the record and the graduate photo, in the guide's words."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from e2e.flows import log_in
from e2e.pages.archive import PhotoModifyPage, RecordsPage
from e2e.pages.portal import ArchiveHomePage, LoginPage
from fixtures.images import graduate_photo
from fixtures.personas import Persona
from fixtures.students import PHOTO_BLURRED_REASON, PHOTO_WRONG_REASON, Given, make_record
from harness.checks import expect
from harness.clock import SharedClock
from harness.journey import Journey
from harness.shots import shown
from mock_server import Site, url_for
from mock_server.messages import say
from mock_server.services.records import PhotoCheck
from mock_server.words import label

pytestmark = pytest.mark.image_check

# The record's rows the student checks against what they know of themselves.
CHECKED_ROWS = ("record_name", "record_id", "record_school", "record_major", "record_student_no", "record_status")


def _to_records_page(page: Page, student: Persona, journey: Journey) -> RecordsPage:
    """第一步 and 第二步: log in and open 学籍信息核对."""
    login, home, records = LoginPage(page), ArchiveHomePage(page), RecordsPage(page)
    with journey.step("img.1") as step:
        login.open()
        step.see("学信网", within=login.header)
        step.fill("用户名", student.email, site=login.username)
        step.fill("密码", student.password, site=login.password)
        step.click("登录", site=login.login_button)
        expect(home.welcome).to_have_text(say("archive.welcome", name=student.name))
    with journey.step("img.2") as step:
        with step.claim("img.2.button"):
            step.click("学籍信息", site=home.records_button, within=home.menu)
            step.expect_page("学籍信息核对页面")
            expect(page).to_have_url(url_for("records_page"))
        with step.claim("img.2.possible", observe=lambda: shown(records.not_found)):
            expect(records.info).to_be_visible()
    return records


def _checked_at(clock: SharedClock) -> str:
    """The time a check made now is shown with."""
    return clock.now().strftime("%Y-%m-%d %H:%M")


@pytest.mark.walkthrough
@pytest.mark.replay("image-check", "二、图像校对：照片正确")
def test_photo_correct_completes_the_check(
    page: Page, site: Site, student: Persona, journey: Journey, clock: SharedClock
) -> None:
    """二、图像信息校对：核对个人信息与照片，照片正确，点击按钮完成校对"""
    records = _to_records_page(page, student, journey)
    record = dict(make_record(student).rows())
    with journey.step("img.3") as step:
        with step.claim("img.3.possible", observe=lambda: records.value_of("record_id").inner_text()):
            for key in CHECKED_ROWS:
                expect(records.value_of(key)).to_have_text(record[key])
            step.holds("个人信息", True)
        with step.claim("img.3.photo", observe=lambda: shown(records.photo_section)):
            expect(records.photo).to_be_visible()
            expect(records.photo).to_have_js_property("naturalWidth", 240)  # decoded, not a broken image
            shown_bytes = page.evaluate(
                "async () => Array.from(new Uint8Array(await (await fetch('/archive/photo.action')).arrayBuffer()))"
            )
            step.holds("照片", bytes(shown_bytes) == graduate_photo(student))
            step.point_at(records.photo)
    checked_at = _checked_at(clock)
    with journey.step("img.note.2") as step:
        with step.claim("img.note.2.label", observe=records.correct_name):
            correct = step.control("正确", site=records.correct)
            step.placed("页面下方", correct)
            step.point_at(correct)
        with step.claim("img.note.2.confirm", observe=lambda: shown(records.photo_section)):
            step.click("正确", site=records.correct)
            expect(records.notice).to_have_text(say("photo.confirmed", time=checked_at, ok=label("photo_ok")))
            step.point_at(records.notice)  # the outcome, below the fold: the evidence and the handout show it
    clock.advance(days=1)  # a day later the session has ended: the student logs in again and finds it done
    log_in(page, student.email, student.password)
    records.open_from_menu()
    expect(records.notice).to_have_text(say("photo.confirmed", time=checked_at, ok=label("photo_ok")))
    expect(records.correct).to_be_hidden()


@pytest.mark.walkthrough
@pytest.mark.replay("image-wrong", "二、图像校对：照片有误")
def test_photo_wrong_is_reported_for_the_school(
    page: Page, site: Site, student: Persona, journey: Journey, clock: SharedClock
) -> None:
    """二、图像信息校对：照片有误，进入修改页面提交，并汇报教务处"""
    records = _to_records_page(page, student, journey)
    modify = PhotoModifyPage(page)
    with journey.step("img.note.3") as step:
        with step.claim("img.note.3.label", observe=records.wrong_name):
            step.point_at(step.control("信息有误", site=records.wrong))
        with step.claim("img.note.3.modify", observe=lambda: shown(modify.refusal)):
            step.click("信息有误", site=records.wrong)
            step.expect_page("修改页面")
            modify.report(PHOTO_WRONG_REASON, ("zhengque.jpg", graduate_photo(student)))
        with step.claim("img.note.3.report", observe=lambda: shown(records.notice)):
            expect(records.notice).to_have_text(say("photo.reported_school", time=_checked_at(clock)))
            step.point_at(records.notice)
        step.skip_term("教务处学籍管理老师")
    record = site.back_office.record(student.name, student.id_number)
    assert record is not None and record.photo_check is PhotoCheck.REPORTED
    assert [(r.reason, r.upload_name) for r in record.reports] == [(PHOTO_WRONG_REASON, "zhengque.jpg")]


@pytest.mark.walkthrough
def test_wrong_personal_information_cannot_be_edited_by_the_student(
    page: Page, site: Site, student: Persona, journey: Journey
) -> None:
    """二、注意 1：个人信息有误不能自行修改，页面请学生向学院教务处反映"""
    records = _to_records_page(page, student, journey)
    with journey.step("img.note.1") as step:
        with step.claim("img.note.1.report", observe=lambda: shown(records.edit_button)):
            expect(records.info).to_be_visible()
            expect(records.info.get_by_role("textbox")).to_have_count(0)
            expect(records.edit_button).to_have_count(0)
            expect(records.info_help).to_have_text(say("records.info_help"))
            step.point_at(records.info_help)
        step.skip_term("学院教务处学籍管理部门")


def test_student_without_a_photo_sees_no_photo_check(given: Given, page: Page, site: Site, persona: Persona) -> None:
    """未参加图像采集的学生没有照片可校对：两个按钮都不出现"""
    given.enrolled(persona, photo=False)
    given.account(persona)
    log_in(page, persona.email, persona.password)
    records = RecordsPage(page)
    records.open_from_menu()
    expect(records.no_photo).to_have_text(say("photo.not_collected"))
    expect(records.correct).to_have_count(0)
    expect(records.wrong).to_have_count(0)


def test_records_page_says_when_no_record_matches(given: Given, page: Page, site: Site, persona: Persona) -> None:
    """姓名和身份证号对不上任何学籍时，页面显示“找不到该学籍”"""
    given.account(persona)
    log_in(page, persona.email, persona.password)
    records = RecordsPage(page)
    records.open_from_menu()
    expect(records.not_found).to_have_text(say("records.not_found", name=persona.name))


def _to_modify_page(page: Page, student: Persona) -> PhotoModifyPage:
    """Logged in, on 学籍信息核对, the photo's 信息有误 button clicked."""
    log_in(page, student.email, student.password)
    records = RecordsPage(page)
    records.open_from_menu()
    records.wrong.click()
    return PhotoModifyPage(page)


def test_modify_page_requires_a_reason_and_loses_nothing(page: Page, site: Site, student: Persona) -> None:
    """照片有误页面：不填原因被拒绝，什么也不记录"""
    modify = _to_modify_page(page, student)
    modify.report("   ")
    expect(modify.errors).to_have_text(say("photo.reason_missing"))
    record = site.back_office.record(student.name, student.id_number)
    assert record is not None and record.reports == []


def test_modify_page_refuses_a_renamed_text_file(page: Page, site: Site, student: Persona) -> None:
    """照片有误页面：改名为 .jpg 的文本文件被拒绝，已填的原因保留，什么也不记录"""
    modify = _to_modify_page(page, student)
    modify.report(PHOTO_BLURRED_REASON, ("photo.jpg", PHOTO_BLURRED_REASON.encode()))
    expect(modify.errors).to_have_text(say("upload.not_image", label=label("photo")))
    expect(modify.reason).to_have_value(PHOTO_BLURRED_REASON)
    record = site.back_office.record(student.name, student.id_number)
    assert record is not None and record.reports == []
