"""二、图像信息校对流程: log in, open 学籍信息, check the record and the graduate photo."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from e2e.flows import log_in
from e2e.pages.archive import PhotoModifyPage, RecordsPage
from e2e.pages.portal import ArchiveHomePage, LoginPage
from fixtures.images import graduate_photo
from fixtures.personas import Persona
from fixtures.students import Given, make_record
from harness.actions import click
from harness.clock import SharedClock
from harness.journey import Journey, page_summary, shown
from mock_server import Site, url_for
from mock_server.messages import say
from mock_server.services.records import PhotoCheck

pytestmark = pytest.mark.image_check


def _to_records_page(page: Page, student: Persona, journey: Journey) -> RecordsPage:
    """第一步 and 第二步: log in and open 学籍信息核对."""
    login, home, records = LoginPage(page), ArchiveHomePage(page), RecordsPage(page)
    with journey.step("img.1", observe=login.login_button):
        login.open().log_in(student.email, student.password)
        expect(home.welcome).to_have_text(f"欢迎您，{student.name}！")
    with journey.step("img.2", observe=lambda: page_summary(page)) as step:
        with step.claim("img.2.button", observe=home.records_button):
            records.open_from_menu()
            expect(records.heading).to_be_visible()
            expect(page).to_have_url(url_for("records_page"))
        expect(records.info).to_be_visible()
    return records


@pytest.mark.walkthrough
@pytest.mark.replay("image-check", "二、图像校对：照片正确")
def test_photo_correct_completes_the_check(
    page: Page, site: Site, student: Persona, journey: Journey, clock: SharedClock
) -> None:
    """二、图像信息校对：核对个人信息与照片，照片正确，点击按钮完成校对"""
    records = _to_records_page(page, student, journey)
    record = make_record(student)
    rows = [("姓名", student.name), ("证件号码", student.id_number), ("院校名称", record.school),
            ("专业", record.major), ("学号", record.student_no), ("学籍状态", record.status)]  # fmt: skip
    with journey.step("img.3", observe=lambda: f"证件号码显示为“{records.value_of('证件号码').inner_text()}”") as step:
        for label, value in rows:
            expect(records.value_of(label)).to_have_text(value)
        with step.claim("img.3.photo", observe=lambda: "学籍信息页上没有显示毕业照片"):
            expect(records.photo).to_be_visible()
            expect(records.photo).to_have_js_property("naturalWidth", 240)  # decoded, not a broken image
            shown_bytes = page.evaluate(
                "async () => Array.from(new Uint8Array(await (await fetch('/archive/photo.action')).arrayBuffer()))"
            )
            assert bytes(shown_bytes) == graduate_photo(student), "页面上的照片不是本人的毕业照片"
            step.point_at(records.photo)
    with journey.step("img.note.2") as step:
        with step.claim("img.note.2.label", observe=records.correct_name):
            expect(records.correct).to_be_visible()
            step.point_at(records.correct)
        label = records.correct_name()
        with step.claim("img.note.2.confirm", observe=lambda: f"点击“{label}”后页面仍要求校对照片"):
            click(records.correct)
            expect(records.notice).to_have_text(f"图像校对已完成（2012-11-05 09:00 确认照片{label}）。")
    clock.advance(days=1)
    records.page.goto(url_for("archive_home"))
    records.open_from_menu()
    expect(records.notice).to_contain_text("图像校对已完成（2012-11-05 09:00")
    expect(records.correct).to_be_hidden()


@pytest.mark.walkthrough
@pytest.mark.replay("image-wrong", "二、图像校对：照片有误")
def test_photo_wrong_is_reported_for_the_school(page: Page, site: Site, student: Persona, journey: Journey) -> None:
    """二、图像信息校对：照片有误，进入修改页面提交，并汇报教务处"""
    records = _to_records_page(page, student, journey)
    with journey.step("img.note.3") as step:
        with step.claim("img.note.3.label", observe=records.wrong_name):
            expect(records.wrong).to_be_visible()
            step.point_at(records.wrong)
        modify = PhotoModifyPage(page)
        with step.claim(
            "img.note.3.modify", observe=lambda: f"点击后进入{page_summary(page)}，其中没有可填写的修改表单"
        ):
            click(records.wrong)
            expect(modify.heading).to_be_visible()
            modify.report("照片不是本人", ("zhengque.jpg", graduate_photo(student)))
        with step.claim("img.note.3.report", observe=lambda: shown(records.notice)):
            expect(records.notice).to_contain_text("请汇报到教务处学籍管理老师协助处理")
            expect(records.notice).to_contain_text("状态：待学校处理")
            step.point_at(records.notice)
    record = site.back_office.record(student.name, student.id_number)
    assert record is not None and record.photo_check is PhotoCheck.REPORTED
    assert [(r.reason, r.upload_name) for r in record.reports] == [("照片不是本人", "zhengque.jpg")]


@pytest.mark.walkthrough
def test_wrong_personal_information_cannot_be_edited_by_the_student(
    page: Page, site: Site, student: Persona, journey: Journey
) -> None:
    """二、注意 1：个人信息有误不能自行修改，页面请学生向学院教务处反映"""
    records = _to_records_page(page, student, journey)
    with journey.step("img.note.1") as step, step.claim("img.note.1.report", observe=lambda: shown(records.info_help)):
        expect(records.info).to_be_visible()
        expect(records.info.get_by_role("textbox")).to_have_count(0)
        expect(page.get_by_role("button", name=re.compile("修改"))).to_have_count(0)
        expect(records.info_help).to_have_text(
            "个人信息有误的，学信网不提供修改：请向所在学校教务处学籍管理部门反映，并提供相应的佐证材料。"
        )
        step.point_at(records.info_help)


def test_student_without_a_photo_sees_no_photo_check(given: Given, page: Page, site: Site, persona: Persona) -> None:
    """未参加图像采集的学生没有照片可校对：两个按钮都不出现"""
    given.enrolled(persona, photo=False)
    given.account(persona)
    log_in(page, persona.email, persona.password)
    records = RecordsPage(page)
    records.open_from_menu()
    expect(records.no_photo).to_have_text("您未参加毕业生图像信息采集，暂无照片，无需校对。")
    expect(records.correct).to_have_count(0)
    expect(records.wrong).to_have_count(0)


def test_records_page_says_when_no_record_matches(given: Given, page: Page, site: Site, persona: Persona) -> None:
    """姓名和身份证号对不上任何学籍时，页面显示“找不到该学籍”"""
    given.account(persona)
    log_in(page, persona.email, persona.password)
    records = RecordsPage(page)
    records.open_from_menu()
    expect(records.not_found).to_contain_text(f"找不到该学籍：没有与您实名注册的姓名（{persona.name}）")


def _to_modify_page(page: Page, site: Site, student: Persona) -> PhotoModifyPage:
    """Logged in, on 学籍信息核对, the photo's 信息有误 button clicked."""
    log_in(page, student.email, student.password)
    records = RecordsPage(page)
    records.open_from_menu()
    click(records.wrong)
    return PhotoModifyPage(page)


def test_modify_page_requires_a_reason_and_loses_nothing(page: Page, site: Site, student: Persona) -> None:
    """照片有误页面：不填原因被拒绝，什么也不记录"""
    modify = _to_modify_page(page, site, student)
    modify.report("   ")
    expect(modify.errors).to_have_text(say("photo.reason_missing"))
    record = site.back_office.record(student.name, student.id_number)
    assert record is not None and record.reports == []


def test_modify_page_refuses_a_renamed_text_file(page: Page, site: Site, student: Persona) -> None:
    """照片有误页面：改名为 .jpg 的文本文件被拒绝，已填的原因保留，什么也不记录"""
    modify = _to_modify_page(page, site, student)
    modify.report("照片模糊", ("photo.jpg", "这不是图片".encode()))
    expect(modify.errors).to_have_text("照片文件不是有效的图片，请上传真实的照片")
    expect(modify.reason).to_have_value("照片模糊")
    record = site.back_office.record(student.name, student.id_number)
    assert record is not None and record.reports == []
