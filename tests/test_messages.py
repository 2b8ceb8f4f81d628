"""Wording is data: the site's messages live in one table, no behaviour compares them, and a copy edit changes none."""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from types import MappingProxyType

import pytest

from fixtures.personas import make_persona
from fixtures.students import existing_account, pending_account
from mock_server import messages, url_for
from mock_server.messages import MESSAGES, say
from mock_server.state import SessionKind
from mock_server.testing import TestClient
from tests.reworded import EDIT

ROOT = Path(__file__).parents[1]
HAN = re.compile(r"[\u4e00-\u9fff]")
# The code that acts (the mock, the harness, the tools): none of it may decide anything by reading Chinese text.
ACTING = [p for d in ("mock_server", "e2e", "harness", "chsi_e2e", "scripts") for p in (ROOT / d).rglob("*.py")]
# Methods that decide by a string's content.
READING = {"startswith", "endswith", "split", "rsplit", "partition", "rpartition", "find", "index", "count"}


def _chinese(node: ast.AST) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str) and bool(HAN.search(node.value))


def _decisions_on_chinese(path: Path) -> list[str]:
    """Comparisons and string tests in `path` whose other side is Chinese text."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        compared = isinstance(node, ast.Compare) and any(map(_chinese, [node.left, *node.comparators]))
        read = (
            isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in READING
            and any(map(_chinese, node.args))
        )  # fmt: skip
        if compared or read:
            found.append(f"{path.name}:{getattr(node, 'lineno', 0)}: {ast.unparse(node)[:100]}")
    return found


def test_no_acting_code_decides_by_chinese_text() -> None:
    """Outside the tests, nothing compares, splits or searches a Chinese string: behaviour hangs on codes."""
    modules = [p for p in ACTING if not p.name.startswith("test_")]
    assert [line for path in modules for line in _decisions_on_chinese(path)] == []


def test_the_lint_finds_a_decision_on_wording(tmp_path: Path) -> None:
    """The check above is not blind: it finds the kind of line it forbids."""
    bad = tmp_path / "bad.py"
    bad.write_text('locked = message == "您输入的用户名或密码有误。"\nfirst = text.split("站点：")\n', encoding="utf-8")
    assert len(_decisions_on_chinese(bad)) == 2


def test_every_message_is_said_by_the_site_and_every_code_said_exists() -> None:
    """No message in the table is dead, and no say() anywhere names a code the table lacks."""
    mock = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "mock_server").rglob("*.py"))
    assert [code for code in MESSAGES if f'"{code}"' not in mock.replace(f'"{code}": ', "")] == []
    everywhere = "\n".join(
        p.read_text(encoding="utf-8")
        for d in ("mock_server", "e2e", "harness", "tests")
        for p in (ROOT / d).rglob("*.py")
    )
    assert set(re.findall(r'say\("([\w.]+)"', everywhere)) - set(MESSAGES) - set(messages.RETIRED) == set()
    assert set(messages.RETIRED.values()) <= set(MESSAGES)  # a retired code reads a message that exists


def test_say_fills_placeholders_and_refuses_an_unknown_code() -> None:
    assert say("sms.sent", phone="13800000000") == "学信网已向 13800000000 发送校验码，请查收"
    with pytest.raises(KeyError):
        say(str.join(".", ["no", "such"]))  # built, so the check above does not count it as a code said


@pytest.fixture
def reword(monkeypatch: pytest.MonkeyPatch) -> Callable[[str], str]:
    """Reword one message for this test, as a copy editor would; returns the new wording."""

    def edit(code: str) -> str:
        monkeypatch.setattr(messages, "MESSAGES", MappingProxyType({**messages.MESSAGES, code: EDIT + MESSAGES[code]}))
        return say(code)

    return edit


STUDENT = make_persona(41, date(2012, 11, 5))
NEWCOMER = make_persona(42, date(2012, 11, 5))


def test_reworded_wrong_password_still_locks_after_five(reword: Callable[[str], str]) -> None:
    """改写“用户名或密码有误”：页面显示新措辞，第五次错误后照样锁定，正确密码也进不去"""
    client = TestClient()
    existing_account(client.site.state, STUDENT)
    shown = reword("login.wrong")
    pages = [client.log_in(STUDENT.email, "wrong1").text for _ in range(5)]
    assert all(shown in page for page in pages[:4]) and say("login.locked", tries=5, minutes=30) in pages[4]
    client.log_in(STUDENT.email, STUDENT.password)
    assert SessionKind.ARCHIVE.value not in client.cookies.get("my.chsi.com.cn", {})


def test_reworded_expired_link_still_offers_a_new_mail(reword: Callable[[str], str]) -> None:
    """改写“激活链接已过期”：页面显示新措辞，仍有“重新发送激活邮件”，且确实寄出新邮件"""
    client = TestClient()
    state = client.site.state
    form = {"username": STUDENT.email, "password": STUDENT.password, "password1": STUDENT.password}
    client.post(url_for("register_process"), form)
    shown = reword("activation.expired")
    state.clock.advance(timedelta(hours=49))
    page = client.get(state.mail.inbox(STUDENT.email)[0].link)
    assert shown in page.text and "重新发送激活邮件" in page.text
    token = re.search(r'name="token" value="([^"]+)"', page.text)
    assert token is not None
    client.post(url_for("resend_activation"), {"token": token.group(1)})
    assert len(state.mail.inbox(STUDENT.email)) == 2


def test_reworded_id_taken_still_offers_the_review(reword: Callable[[str], str]) -> None:
    """改写“证件号码已经被注册”：页面显示新措辞，仍给出【解决方法】（申请帐号审核）"""
    client = TestClient()
    existing_account(client.site.state, STUDENT)
    pending_account(client.site.state, NEWCOMER)
    client.log_in(NEWCOMER.email, NEWCOMER.password)  # on to 实名注册
    shown = reword("id.taken")
    form = {"xm": STUDENT.name, "sfzh": STUDENT.id_number, "region": STUDENT.province}
    page = client.post(url_for("real_name"), form)
    assert shown in page.text and "【解决方法】" in page.text


# The browser journeys whose outcome once hung on these messages' wording.
JOURNEYS_OF = {
    "login.wrong": "e2e/test_security.py::test_five_wrong_passwords_lock_the_login_for_30_minutes",
    "activation.expired": "e2e/test_registration_edge_cases.py::test_expired_activation_link_offers_a_new_mail",
    "id.taken": "e2e/test_login_trouble.py::test_forgotten_mailbox_reregistration_is_refused_and_offers_review",
}


@pytest.mark.xdist_group("tooling")
@pytest.mark.parametrize("code", list(JOURNEYS_OF))
def test_a_copy_edit_keeps_the_journeys_green(code: str, tmp_path: Path) -> None:
    """Change one message's wording for a whole pytest run: the journeys that meet it still pass."""
    run = subprocess.run(
        [sys.executable, "-m", "pytest", JOURNEYS_OF[code], "-q", "-p", "tests.reworded", "-p", "no:randomly",
         "-o", "addopts=", f"--alluredir={tmp_path / 'results'}", "--no-audit"],
        cwd=ROOT, capture_output=True, text=True, timeout=300, env={**os.environ, "CHSI_REWORD": code},
    )  # fmt: skip
    assert run.returncode == 0 and " passed" in run.stdout, run.stdout[-3000:] + run.stderr[-2000:]
    assert f"已改写措辞 {code}：{EDIT}" in run.stdout  # the run really read the edited wording
