"""示例旅程：README 的“写一个新旅程”一节原样引用本文件，它和其他旅程一样在每次运行中执行。"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from e2e.pages.archive import RecordsPage
from e2e.pages.portal import ArchiveHomePage, LoginPage
from fixtures.personas import Persona
from fixtures.students import Given
from harness.checks import expect
from harness.journey import Journey
from mock_server import Site
from mock_server.messages import say

pytestmark = pytest.mark.image_check  # 报告里归入“二、图像信息校对流程”


def test_student_without_a_photo_still_reaches_the_records_page(
    page: Page, site: Site, given: Given, persona: Persona, journey: Journey
) -> None:
    """二、第一步至第二步：没参加图像采集的学生照样登录、进入学籍信息核对页面，页面说明无需校对照片"""
    given.enrolled(persona, photo=False)  # 学籍在册，但没有毕业照
    given.account(persona)  # 以前注册好的帐号（persona 本身没有帐号）
    login, home, records = LoginPage(page), ArchiveHomePage(page), RecordsPage(page)
    with journey.step("img.1") as step:  # 指南句子的 id：fixtures/guide.toml
        login.open()
        step.fill("用户名", persona.email, site=login.username)  # 用指南的词找输入框；site= 是站点自己的那一个
        step.fill("密码", persona.password, site=login.password)
        step.click("登录", site=login.login_button)
    with journey.step("img.2") as step, step.claim("img.2.button"):  # 这一步要核查的说法
        step.click("学籍信息", site=home.records_button)  # 指南说“单击‘学籍信息’按钮”
        step.expect_page("学籍信息核对页面")  # 指南说“进入学籍信息核对页面”
        step.point_at(records.heading)  # 证据截图上圈出的地方
    expect(records.no_photo).to_have_text(say("photo.not_collected"))  # 站点的话按代码取，不抄原文
    expect(records.correct).to_have_count(0)
