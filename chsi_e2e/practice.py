"""Practice: the offline site in a visible browser, with the student's mailbox and phone at hand."""

from __future__ import annotations

import random

from playwright.sync_api import Browser, Page

from fixtures.personas import Persona, make_persona
from fixtures.students import enrol
from mock_server import Site, bridge, urls
from mock_server.state import State


def open_practice(browser: Browser, seed: int) -> tuple[Site, Persona, list[Page]]:
    """A fresh site with the persona's 学籍 enrolled, and three tabs: the site, the mailbox, the phone."""
    site = Site(State(rng=random.Random(seed)))
    persona = make_persona(seed, site.state.clock.now().date())
    enrol(site.state, persona)
    context = browser.new_context(locale="zh-CN", timezone_id="Asia/Shanghai", service_workers="block")
    bridge.install(context, site)
    pages = []
    for address in (f"{urls.WWW}/", urls.inbox(persona.email), urls.sms_inbox(persona.phone)):
        tab = context.new_page()
        tab.goto(address)
        pages.append(tab)
    pages[0].bring_to_front()
    return site, persona, pages


def persona_card(persona: Persona) -> str:
    """What the student types during practice, printed in the terminal."""
    return "\n".join([
        "演练用的虚构学生信息（只在模拟站点中使用）：",
        f"  真实姓名：{persona.name}", f"  身份证号：{persona.id_number}", f"  所在地区：{persona.province}",
        f"  手机号码：{persona.phone}", f"  邮箱（用户名）：{persona.email}", f"  密码（可自设）：{persona.password}",
        "浏览器中三个标签页：学信网、学生邮箱、学生手机短信。邮件和短信到达后刷新对应标签页即可看到。",
    ])  # fmt: skip
