"""A guide step looks at the control or field its word named as the page's inventory found it, in the page's own
script: the same element, name and place as a look through Playwright's locator for it (the first of two controls of
one name, a link that says it is a button, nothing inside an aria-hidden part)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from harness.inventory import Found, Inventory, located
from harness.shots import seen

pytestmark = pytest.mark.usefixtures("site")

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
