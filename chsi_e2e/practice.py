"""Practice: the offline site in a visible browser, the student's mailbox and phone at hand, a clock that runs."""

from __future__ import annotations

import json
import os
import random
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from playwright.sync_api import Browser, BrowserContext, Page, Playwright

from fixtures.images import id_card_photo
from fixtures.personas import Persona, make_persona
from fixtures.students import enrol, existing_account, second_email
from harness.browser import CHINESE_UI_ARGS, CHINESE_UI_ENV, OFFLINE_ARGS, chromium_path
from mock_server import Site, bridge, urls
from mock_server.clock import GUIDE_MORNING, VirtualClock
from mock_server.services.reviews import Decision
from mock_server.state import State
from mock_server.workdays import add_working_days

# The mailbox and phone tabs show every address's mail and every number's codes: whatever the student types.
MAILBOX = f"{urls.WEBMAIL}/inbox"
PHONE = f"{urls.PHONE}/sms"
# The guide's 三、4: "教育部后台会在7个工作日处理".
REVIEW_DAYS = 7


class PracticeClock(VirtualClock):
    """The site's clock during practice: it runs with real time from the guide's morning, and can be moved on."""

    def __init__(self, start: datetime = GUIDE_MORNING) -> None:
        super().__init__(start)
        self._started = time.monotonic()

    def now(self) -> datetime:
        """The site's time: where it was started or moved to, plus the real time since."""
        return super().now() + timedelta(seconds=time.monotonic() - self._started)


@dataclass
class Practice:
    """One student's practice: the site, the fictitious student, and the browser tabs."""

    site: Site
    persona: Persona
    context: BrowserContext
    pages: list[Page]
    photos: Path

    def act(self, action: str) -> dict[str, object]:
        """The practice panel's buttons: the clock on by a minute, or by seven working days with the reviews decided."""
        said = ""
        if action == "minute":
            self.site.state.clock.advance(timedelta(minutes=1))
            said = "站点时间已快进1分钟：现在可以重新获取校验码了。"
        elif action == "review":
            said = self.fast_forward_review()
        return {"time": int(self.site.state.clock.now().timestamp() * 1000), "said": said}

    def fast_forward_review(self) -> str:
        """Seven working days pass on the site's clock; the back office approves every review still pending."""
        clock = self.site.state.clock
        now = clock.now()
        due = datetime.combine(add_working_days(now.date(), REVIEW_DAYS), now.timetz())
        clock.advance(due - now)
        pending = [t for t in self.site.back_office.tickets() if t.decision is Decision.PENDING]
        for ticket in pending:
            self.site.back_office.approve(ticket.number)
        done = f"教育部后台已审核通过 {len(pending)} 份申请" if pending else "没有待审核的申请"
        return f"站点时间已快进{REVIEW_DAYS}个工作日，到 {due:%Y-%m-%d}：{done}，请用受理编号查询审核结果。"

    def wait_until_closed(self) -> None:
        """Practice ends when the student closes the browser: closing one tab, any tab, is safe."""
        while self.context.pages:
            self.context.pages[0].wait_for_event("close", timeout=0)


def launch(playwright: Playwright) -> Browser:
    """A visible Chromium, offline, whose own menus and prompts are in Chinese."""
    executable = chromium_path(playwright.chromium.executable_path)
    return playwright.chromium.launch(
        headless=False, executable_path=executable, args=[*OFFLINE_ARGS, *CHINESE_UI_ARGS],
        env={**os.environ, **CHINESE_UI_ENV},
    )  # fmt: skip


def open_practice(browser: Browser, seed: int, folder: Path, *, two_accounts: bool = False) -> Practice:
    """A fresh site with the student's 学籍, and three tabs: the site, the mailbox, the phone.

    With `two_accounts` the student already holds two accounts on one ID number (the guide's 三、4); otherwise they
    have none and can register. `folder` receives the ID card photos 三、4 asks them to upload.
    """
    site = Site(State(rng=random.Random(seed), clock=PracticeClock()))
    persona = make_persona(seed, site.state.clock.now().date())
    enrol(site.state, persona)
    if two_accounts:
        existing_account(site.state, persona)
        existing_account(site.state, persona, second_email(persona))
    folder.mkdir(parents=True, exist_ok=True)
    for side in ("正面", "背面"):
        (folder / f"身份证{side}.jpg").write_bytes(id_card_photo(persona, side))
    context = browser.new_context(
        locale="zh-CN", timezone_id="Asia/Shanghai", service_workers="block", no_viewport=True
    )
    bridge.install(context, site)
    practice = Practice(site, persona, context, [], folder)
    context.expose_binding("chsiPractice", lambda _source, action: practice.act(action))
    places = {
        "__CARD__": card_lines(persona, folder), "__SITE__": f"{urls.WWW}/", "__MAILBOX__": MAILBOX, "__PHONE__": PHONE,
    }  # fmt: skip
    panel = PANEL_SCRIPT
    for name, value in places.items():
        panel = panel.replace(name, json.dumps(value, ensure_ascii=False))
    context.add_init_script(panel)
    context.add_init_script(DEVICE_SCRIPT)
    context.add_init_script(UPLOAD_SCRIPT)
    for address in (f"{urls.WWW}/", MAILBOX, PHONE):
        tab = context.new_page()
        tab.goto(address)
        practice.pages.append(tab)
    practice.pages[0].bring_to_front()
    return practice


def card_lines(persona: Persona, photos: Path) -> list[str]:
    """What the student types during practice, as the panel and the terminal show it."""
    return [
        f"真实姓名：{persona.name}", f"身份证号：{persona.id_number}", f"所在地区：{persona.province}",
        f"手机号码：{persona.phone}（也可以填你自己的）", f"邮箱（用户名）：{persona.email}（也可以填你自己的）",
        f"密码：{persona.password}（也可以自设）", f"身份证照片（三、4 上传用）：{photos}",
    ]  # fmt: skip


def persona_card(persona: Persona, photos: Path) -> str:
    """The terminal's note for the trainer: the student's data and how practice works."""
    return "\n".join([
        "演练用的虚构学生信息（只在模拟站点中使用；浏览器右下角的“练习工具”里也有）：",
        *(f"  {line}" for line in card_lines(persona, photos)),
        "浏览器中三个标签页：学信网、学生邮箱、学生手机短信；邮件和短信会自动出现。",
        "邮件里的链接在新标签页打开；关闭任何标签页都可以从“练习工具”重新打开。",
    ])  # fmt: skip


# The practice panel on every page: the site's clock, the buttons that move it, the tabs to reopen, the student's data.
# An open shadow root keeps the site's own styles and the panel's apart.
PANEL_SCRIPT = """
(() => {
  if (window.top !== window) return;
  const card = __CARD__;
  const clock = new Intl.DateTimeFormat("zh-CN", { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit",
    day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit", hour12: false });
  let offset = 0;
  const show = async (action) => {
    const answer = await window.chsiPractice(action);
    offset = answer.time - Date.now();
    return answer.said;
  };
  window.addEventListener("DOMContentLoaded", async () => {
    const host = document.createElement("chsi-practice");
    const root = host.attachShadow({ mode: "open" });
    root.innerHTML = `<style>
      section { position: fixed; right: 12px; bottom: 12px; z-index: 2147483647; width: 300px; background: #fffbe6;
        border: 2px solid #d4a017; border-radius: 8px; padding: 8px 10px; font: 13px/1.5 "Noto Sans CJK SC", sans-serif;
        color: #333; box-shadow: 0 2px 8px rgba(0,0,0,.25); }
      h2 { font-size: 14px; margin: 0 0 4px; } p { margin: 4px 0; } button { margin: 2px 4px 2px 0; font-size: 12px; }
      details { font-size: 12px; } .said { color: #1f6e1f; }
    </style>
    <section role="region" aria-label="练习工具"><h2>练习工具</h2>
      <p>站点时间：<time></time></p>
      <button data-do="minute">时间快进1分钟</button><button data-do="review">时间快进7个工作日</button>
      <p class="said" role="status"></p>
      <button data-open="${__SITE__}">打开学信网</button><button data-open="${__MAILBOX__}">打开学生邮箱</button><button
        data-open="${__PHONE__}">打开学生手机</button>
      <details><summary>演练用的学生信息</summary></details>
    </section>`;
    const details = root.querySelector("details");
    for (const line of card) details.append(Object.assign(document.createElement("p"), { textContent: line }));
    document.documentElement.appendChild(host);
    const time = root.querySelector("time");
    const tick = () => { time.textContent = clock.format(new Date(Date.now() + offset)); };
    root.querySelectorAll("button[data-do]").forEach((button) => button.addEventListener("click", async () => {
      root.querySelector(".said").textContent = await show(button.dataset.do);
      tick();
    }));
    root.querySelectorAll("button[data-open]").forEach((button) => button.addEventListener("click", () => {
      window.open(button.dataset.open, "_blank");
    }));
    await show("time");
    tick();
    setInterval(tick, 1000);
  });
})();
"""

# The mailbox and the phone: new mail and codes appear by themselves (the page asks every second), and a mail's
# links open beside the mailbox, which stays a mailbox.
DEVICE_SCRIPT = """
(() => {
  const device = ["mail.student.test", "phone.student.test"].includes(location.hostname);
  if (!device || window.top !== window) return;
  window.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll("article a[href]").forEach((link) => { link.target = "_blank"; link.rel = "noopener"; });
    if (!["/inbox", "/sms"].includes(location.pathname)) return;
    setInterval(async () => {
      const answer = await fetch(location.href, { cache: "no-store" });
      const fresh = new DOMParser().parseFromString(await answer.text(), "text/html").querySelector("main");
      const shown = document.querySelector("main");
      if (fresh && shown && fresh.innerHTML !== shown.innerHTML) shown.innerHTML = fresh.innerHTML;
    }, 1000);
  });
})();
"""

# A file chosen from disk reaches the routes without its bytes (Chromium leaves file-backed parts out of the
# intercepted request body); a copy held in memory travels whole, as the journeys' uploads do.
UPLOAD_SCRIPT = """
(() => {
  document.addEventListener("change", async (event) => {
    const input = event.target;
    if (!(input instanceof HTMLInputElement) || input.type !== "file" || !input.files.length) return;
    const copies = new DataTransfer();
    for (const file of input.files) {
      copies.items.add(new File([await file.arrayBuffer()], file.name, { type: file.type }));
    }
    input.files = copies.files;
    input.dataset.practiceCopy = "done";  // the photo is ready to send
  }, true);
})();
"""
