"""The harness's checks in a real browser: shown text passes when shown, a settled page decides at once, and an
absence is decided only once the page has stopped changing."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from harness.checks import expect
from mock_server import Site

# A page still at work: it changes itself for many turns of its event loop, then shows `last`.
BUSY_THEN = """<p id="out"></p><script>
let turns = 0;
const channel = new MessageChannel();
channel.port1.onmessage = () => {
  document.body.dataset.turns = String(++turns);
  if (turns < 20000) channel.port2.postMessage(0);
  else document.getElementById("out").insertAdjacentHTML("afterend", %s);
};
channel.port2.postMessage(0);
</script>"""


@pytest.mark.usefixtures("site")
def test_text_a_busy_page_shows_at_last_is_waited_for(page: Page) -> None:
    """A page still changing itself is waited for: the text it shows at the end is found."""
    page.set_content(BUSY_THEN % "'<p role=\"status\">已完成</p>'")
    expect(page.get_by_role("status")).to_have_text("已完成")


@pytest.mark.usefixtures("site")
def test_an_absence_is_decided_only_once_the_page_has_settled(page: Page) -> None:
    """“Nothing is shown” is not true of a page still at work: the alert it shows at the end fails the check."""
    page.set_content(BUSY_THEN % "'<p role=\"alert\">错误</p>'")
    with pytest.raises(AssertionError):
        expect(page.get_by_role("alert")).to_have_count(0)
    expect(page.get_by_role("alert")).to_have_text("错误")


def test_a_false_check_on_a_settled_page_is_decided_with_one_look(page: Page, site: Site) -> None:
    """On a page with nothing left to do, a false check fails at its one look, not after the timeout."""
    page.set_content("<h1>登录</h1>")
    with pytest.raises(AssertionError) as failed:
        expect(page.get_by_role("heading")).to_have_text("注册")
    assert "with timeout 1ms" in str(failed.value), str(failed.value)
