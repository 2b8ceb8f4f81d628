"""Practice as a student uses it: a visible browser on a virtual screen (Xvfb), the site, the mailbox and the phone."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, Playwright, expect

from chsi_e2e.practice import MAILBOX, Practice, launch, open_practice
from e2e.pages.devices import Webmail
from e2e.pages.recovery import AccountReviewPage, AccountReviewStatusPage, FindUsernamePage
from e2e.pages.registration import PhoneConfirmPage, RealNamePage, RegisterPage
from mock_server import url_for, urls
from mock_server.messages import say
from mock_server.services.mail import masked
from mock_server.words import LABELS
from mock_server.workdays import add_working_days

# The student's own address and number: practice delivers to whatever they type, not only to the fictitious ones.
OWN_EMAIL, OWN_PHONE = "wo.de.youxiang@qq.com", "13912345678"
# New mail and codes appear in the device tabs by themselves within a second (they ask every second).
BY_ITSELF = 1_500


@pytest.fixture(scope="module")
def screen() -> Iterator[str]:
    """A virtual screen of its own (Xvfb picks a free display number and says which)."""
    if shutil.which("Xvfb") is None:
        pytest.skip("没有 Xvfb：练习模式需要可见的浏览器（./run.sh test 以 root 运行时会安装 xvfb）")
    read, write = os.pipe()
    command = ["Xvfb", "-displayfd", str(write), "-screen", "0", "1400x1000x24", "-nolisten", "tcp"]
    server = subprocess.Popen(command, pass_fds=[write], stderr=subprocess.DEVNULL)
    os.close(write)
    with os.fdopen(read) as ready:
        display = f":{ready.readline().strip()}"
    yield display
    server.terminate()
    server.wait()


@pytest.fixture
def visible(playwright: Playwright, screen: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[Browser]:
    """The browser `chsi-e2e practice` opens, on the virtual screen."""
    monkeypatch.setenv("DISPLAY", screen)
    browser = launch(playwright)
    yield browser
    browser.close()


def _panel_button(page: Page, name: str) -> None:
    page.get_by_role("region", name="练习工具").get_by_role("button", name=name).click()


def _too_often() -> re.Pattern[str]:
    """The site's refusal of a second code, whatever number of seconds it asks to wait."""
    return re.compile(re.escape(say("sms.too_often", seconds=999)).replace("999", r"\d+"))


# Debian's Chromium keeps its translations apart (chromium-l10n; ./run.sh installs it when run as root).
CHINESE_UI = Path("/usr/lib/chromium/locales/zh-CN.pak")


@pytest.mark.skipif(not CHINESE_UI.is_file() and not os.environ.get("CHSI_CHROMIUM"), reason="没有 chromium-l10n")
@pytest.mark.usefixtures("site")  # the guard serves only a test that has a mock; practice's own answers first
def test_the_browser_speaks_chinese_and_offers_no_translation(visible: Browser, tmp_path: Path) -> None:
    """The browser's own words are Chinese, like the site's: it has nothing to offer to translate."""
    practice = open_practice(visible, seed=10, folder=tmp_path)
    about = practice.context.new_page()
    about.goto("chrome://version")
    expect(about.get_by_text("修订版本")).to_be_visible()
    expect(about.locator("#command_line")).to_contain_text("--lang=zh-CN")
    assert practice.pages[0].evaluate("document.documentElement.lang") == "zh-CN"
    practice.context.close()


@pytest.mark.usefixtures("site")  # the guard serves only a test that has a mock; practice's own answers first
def test_a_student_registers_with_their_own_mailbox_and_phone(visible: Browser, tmp_path: Path) -> None:
    """Mail and codes appear by themselves; the mail's link opens beside the mailbox; a new code after a minute."""
    practice = open_practice(visible, seed=11, folder=tmp_path)
    site, mailbox, phone = practice.pages
    persona = practice.persona
    form = RegisterPage(site).open()
    form.fill_account_form(OWN_EMAIL, persona.password)
    form.submit()
    mail = Webmail(mailbox)
    expect(mail.inbox.get_by_role("cell", name=OWN_EMAIL)).to_be_visible(timeout=BY_ITSELF)
    mail.open_mail(LABELS["activation_subject"])
    with practice.context.expect_page() as opened:
        mail.link.click()
    activation = opened.value
    expect(RealNamePage(activation).heading).to_be_visible()
    assert mailbox.url.startswith(urls.WEBMAIL)  # the mailbox tab is still the mailbox

    names = RealNamePage(activation)
    names.fill(persona.name, persona.id_number, persona.province)
    names.submit()
    step = PhoneConfirmPage(activation)
    step.request_code(OWN_PHONE)
    expect(phone.locator("li.sms")).to_have_count(1, timeout=BY_ITSELF)
    expect(phone.get_by_text(OWN_PHONE)).to_be_visible()
    step.request_code(OWN_PHONE)
    expect(step.sms_status).to_have_text(_too_often())  # and says how long to wait
    _panel_button(activation, "时间快进1分钟")
    expect(activation.get_by_role("region", name="练习工具").get_by_role("status")).not_to_be_empty()
    step.request_code(OWN_PHONE)
    expect(step.sms_status).to_have_text(say("sms.sent", phone=OWN_PHONE))
    expect(phone.locator("li.sms")).to_have_count(2, timeout=BY_ITSELF)
    _closing_tabs_is_safe(practice, activation)


def _closing_tabs_is_safe(practice: Practice, working: Page) -> None:
    """Closing the mailbox tab ends nothing: the panel reopens it; practice ends when every tab is closed."""
    practice.pages[1].close()
    with practice.context.expect_page() as opened:
        _panel_button(working, "打开学生邮箱")
    reopened = opened.value
    expect(reopened).to_have_url(MAILBOX)
    expect(Webmail(reopened).inbox.get_by_role("cell", name=OWN_EMAIL)).to_be_visible()
    for tab in practice.context.pages:
        tab.close()
    practice.wait_until_closed()  # returns: every tab is closed, as when the student closes the browser


@pytest.mark.usefixtures("site")  # the guard serves only a test that has a mock; practice's own answers first
def test_a_student_practises_the_review_of_two_accounts(visible: Browser, tmp_path: Path) -> None:
    """三、4: two accounts found, the ID card photos chosen from disk, seven working days passed by a button."""
    practice = open_practice(visible, seed=12, folder=tmp_path, two_accounts=True)
    site, persona = practice.pages[0], practice.persona
    site.goto(url_for("find_username"))
    finder = FindUsernamePage(site)
    finder.find(persona.id_number, persona.name)
    expect(finder.usernames).to_have_count(2)
    finder.review_link.click()
    review = AccountReviewPage(site)
    review.name.fill(persona.name)
    review.id_number.fill(persona.id_number)
    review.keep.fill(persona.email)
    for side in ("正面", "背面"):  # the files practice left on disk, chosen as the student chooses them
        photo = site.get_by_label(f"身份证{side}")
        photo.set_input_files(tmp_path / f"身份证{side}.jpg")
        expect(photo).to_have_attribute("data-practice-copy", "done")
    review.press("review_button", sends="keep")
    number = review.number.inner_text()
    _panel_button(site, "时间快进7个工作日")
    expect(site.get_by_role("region", name="练习工具").get_by_role("status")).to_contain_text("审核通过 1 份")
    AccountReviewStatusPage(site).open_for(number, persona.id_number)
    decided = add_working_days(date(2012, 11, 5), 7).isoformat()
    expect(AccountReviewStatusPage(site).status).to_have_text(
        say("review.approved", date=decided, keep=masked(persona.email))
    )
    practice.context.close()
