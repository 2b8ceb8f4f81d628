"""A page with nothing painted yet is no evidence: a check that only wanted a picture of where the student stood
keeps its verdict without one, and a claim's own picture of a blank page is still the harness's error (judged beside
the journey, it fails the step when its claim's block ends, before any verdict)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from fixtures.guide import load_guide
from harness.evidence import Failure, Verdict
from harness.journey import Journey
from harness.shots import BlankPicture, evidence_shot

BLANK = "<html><body></body></html>"


def test_a_check_kept_on_a_blank_page_keeps_its_verdict_without_a_picture(page: Page, journey: Journey) -> None:
    """未能到达的检查要补一张“学生当时在哪里”的截图，页面却还是空白：检查照常记下（没有截图），旅程不因此出错"""
    page.set_content(BLANK)
    with journey.step("img.1", closing_shot=False) as step, step.claim("img.1.possible") as check:
        check.verdict, check.reason = Verdict.NOT_REACHED, "未能执行"
    assert step.checks == [check]
    assert (check.verdict, check.evidence) == (Verdict.NOT_REACHED, "")


def test_a_blank_picture_is_no_evidence_of_a_claim(page: Page) -> None:
    """页面稳定之后仍是空白：这张截图不能作为任何说法的证据，工具报错（中文）"""
    page.set_content(BLANK)
    with pytest.raises(BlankPicture, match="证据截图几乎是空白的"):
        evidence_shot(page)


def test_a_page_with_content_is_pictured(page: Page) -> None:
    """有内容的页面照常截图作为证据"""
    page.set_content("<h1 style='font-size:80px'>学信网 个人用户登录</h1>")
    assert evidence_shot(page).startswith(b"\x89PNG")


def test_a_claims_outlined_picture_of_a_blank_page_fails_its_step(page: Page) -> None:
    """说法的证据截图（圈出元素）几乎是空白的：截图在旁边判定，这条说法的检查结束时以工具错误失败（中文），不算站点的问题"""
    journey = Journey(load_guide(), page)  # not the test's own journey: its end would report this failure again
    page.set_content("<html><body><p id='hidden' style='visibility:hidden'>看不见</p></body></html>")
    blank = pytest.raises(BlankPicture, match="证据截图几乎是空白的")
    with blank, journey.step("img.1", closing_shot=False) as step, step.claim("img.1.possible"):
        step.point_at(page.locator("#hidden"))
    assert journey.record.failure is Failure.TOOL
