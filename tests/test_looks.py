"""A guide step looks at the control or field its word named as the page's inventory found it, in the page's own
script: the same element, name and place as a look through Playwright's locator for it (the first of two controls of
one name, a link that says it is a button, nothing inside an aria-hidden part)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page

from harness import page_locators
from harness.inventory import Found, Inventory, located
from harness.shots import seen
from tests.looks_checked import PLACES

pytestmark = pytest.mark.usefixtures("site")
ROOT = Path(__file__).parents[1]

FORM = """
<h1>实名注册</h1>
<a href="#help">帮助</a>
<a href="#more">帮助</a>
<button style="display:none">提交</button>
<div aria-hidden="true"><button>登录</button></div>
<form>
  <label>真实姓名 <input name="name"></label>
  <label for="id">身份证号</label><input id="id" name="id">
  <label for="kind">证件类型</label><select id="kind" name="kind"><option>居民身份证</option></select>
  <label>身份证正面 <input type="file" name="front"></label>
  <input type="text" aria-label="手机号码">
  <input type="submit" value="提交">
  <span role="button" aria-label="获取校验码">获取</span>
  <a href="#send" role="button">发送</a>
</form>
"""


def test_every_control_and_field_the_inventory_names_is_seen_as_playwright_locates_it(page: Page) -> None:
    """页面清单按名称找到的每个按钮、链接、输入框、下拉框和上传框：按清单自己的方式看一眼，与按 Playwright 定位器看一眼，是同一个元素（名称、位置、个数都一样）"""
    page.set_content(FORM)
    offered = Inventory.of(page)
    everything = [*offered.controls, *offered.fields, *offered.uploads]
    names = {f.name for f in everything}
    assert names >= {"帮助", "提交", "获取校验码", "发送", "真实姓名", "身份证号", "证件类型", "身份证正面", "手机号码"}
    assert "登录" not in names  # inside an aria-hidden part: neither a screen reader nor a locator finds it
    for found in everything:
        by_locator, by_name = seen(located(page, found)), seen(located(page, found), found=found)
        assert by_locator is not None and by_name is not None
        assert (by_name.count, by_name.name, by_name.box) == (by_locator.count, by_locator.name, by_locator.box), found


def test_a_name_the_page_no_longer_offers_is_seen_as_nothing(page: Page) -> None:
    """页面上已经没有的名称：按清单的方式看一眼，什么也没有（个数为 0），与定位器一样"""
    page.set_content(FORM)
    gone = Found("button", "立即注册")
    look = seen(located(page, gone), found=gone)
    assert look is not None and look.count == 0


MORE = """
<nav aria-label="工具栏"><a href="/a">学信档案</a> <a href="/b"><img alt="首页" src="data:,"></a></nav>
<h2>照片 <span style="display:none">隐藏</span>校对</h2>
<table><caption>收件箱</caption><tr><td><a href="#m">学信网帐号激活邮件</a></td></tr></table>
<form aria-label="图像校对"><button type="button">正确 <span aria-hidden="true">✓</span></button><a href="#x">信息有误</a></form>
<dialog id="d" aria-labelledby="dt"><h3 id="dt">确认</h3><button>是</button></dialog>
<div role="status">已保存</div>
<p style="visibility:hidden"><button>看不见</button></p>
<main><label>用户名<input name="username"></label><button type="submit">登 录</button></main>
"""


def _locators(page: Page) -> list[Locator]:
    """Locators written as the page objects and guide steps write them: every part page_locators follows."""
    nav = page.get_by_role("navigation", name="工具栏")
    return [
        page.get_by_role("button", name="提交", exact=True),
        page.get_by_role("button", name="提交"),
        page.get_by_role("link", name="帮助", exact=True).filter(visible=True).first,
        page.get_by_role("link", name="帮助").nth(1),
        page.get_by_role("button", name="获取校验码", exact=True),
        page.get_by_role("button", name="发送", exact=True),
        page.get_by_role("button", name="登录"),
        page.get_by_role("button", name="看不见"),
        page.get_by_role("button", name="正确", exact=True),
        page.get_by_role("button", name="是"),
        page.get_by_role("dialog"),
        page.get_by_role("status"),
        page.get_by_role("heading", name="照片 校对", exact=True),
        page.get_by_role("heading", name="实名注册", exact=True),
        page.get_by_role("table", name="收件箱").get_by_role("link"),
        page.get_by_role("form", name="图像校对").get_by_role("link", name="信息有误", exact=True),
        nav.get_by_role("link", name="学信档案", exact=True).and_(nav.locator("a[href*='/a']")).first,
        nav.get_by_role("link", name="首页", exact=True),
        page.get_by_label("身份证号", exact=True).or_(page.locator('form [name="id"]')),
        page.get_by_label("真实姓名", exact=True),
        page.get_by_label("手机号码"),
        page.get_by_label("用户名", exact=True).or_(page.locator('main [name="username"]')),
        page.get_by_role("button", name="登 录", exact=True).and_(page.locator("main button[type=submit]")).first,
        page.locator("form input[type=submit]"),
        page.locator("main:has(input) button"),
    ]


def test_the_page_script_follows_locators_to_the_elements_playwright_matches(page: Page) -> None:
    """页面脚本按定位器找元素（角色与名称、标签、CSS、与、或、第几个、可见）：每一种写法找到的元素与 Playwright 一模一样，包括找不到的"""
    page.set_content(FORM + MORE)
    for target in _locators(page):
        own = page_locators.followed(target, PLACES)
        assert own is not None, target
        assert (own[1] or []) == target.evaluate_all(PLACES), target


def test_what_only_playwright_follows_is_left_to_playwright(page: Page) -> None:
    """页面脚本不会的写法（按文字、has_text 过滤、倒数第一个、框架里的元素）交给 Playwright，不自己猜"""
    page.set_content(FORM + '<iframe srcdoc="<button>里面</button>"></iframe>')
    for target in (
        page.get_by_text("帮助"),
        page.get_by_role("button").filter(has_text="提交"),
        page.get_by_role("link", name="帮助").last,
        page.frame_locator("iframe").get_by_role("button"),
        page.get_by_role("button", name="提交", include_hidden=True),
        page.locator("text=帮助"),
    ):
        assert page_locators.plan(target) is None, target


@pytest.mark.xdist_group("tooling")
def test_every_locator_a_run_follows_in_the_page_finds_what_playwright_finds(tmp_path: Path) -> None:
    """整套旅程跑一遍：每一次由页面脚本按定位器找元素，都与 Playwright 找到的元素逐一比较，一次也不差"""
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "e2e", "-q", "-p", "tests.looks_checked", "-p", "no:randomly", "-n", "2",
         "-o", "addopts=", f"--alluredir={tmp_path / 'results'}", "--no-audit"],
        cwd=ROOT, capture_output=True, text=True, timeout=900, env={**os.environ, "CHSI_LOOKS_CHECKED": str(tmp_path)},
    )  # fmt: skip
    assert run.returncode == 0 and " passed" in run.stdout, run.stdout[-4000:] + run.stderr[-2000:]
    compared = sum(int(f.read_text(encoding="utf-8")) for f in tmp_path.glob("*.txt"))
    assert compared >= 150, compared  # the guide steps' page objects act on some 200 elements a run
