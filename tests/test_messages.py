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

from fixtures.guide import load_guide
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
    mock = "\n".join(
        p.read_text(encoding="utf-8") for p in (ROOT / "mock_server").rglob("*") if p.suffix in (".py", ".html")
    )
    assert [code for code in MESSAGES if f'"{code}"' not in mock.replace(f'"{code}": ', "")] == []
    everywhere = "\n".join(
        p.read_text(encoding="utf-8")
        for d in ("mock_server", "e2e", "harness", "tests")
        for p in (ROOT / d).rglob("*.py")
    )
    assert set(re.findall(r'say\("([\w.]+)"', everywhere)) - set(MESSAGES) == set()


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


@pytest.mark.xdist_group("tooling")
def test_every_message_reworded_keeps_every_journey_green(tmp_path: Path) -> None:
    """Change the wording of every site message at once, for a whole run of the journeys: every one still passes."""
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "e2e", "-q", "-p", "tests.reworded", "-p", "no:randomly", "-n", "2",
         "-o", "addopts=", f"--alluredir={tmp_path / 'results'}", "--no-audit"],
        cwd=ROOT, capture_output=True, text=True, timeout=900, env={**os.environ, "CHSI_REWORD": "*"},
    )  # fmt: skip
    assert run.returncode == 0 and " passed" in run.stdout, run.stdout[-4000:] + run.stderr[-2000:]
    assert f"已改写措辞：全部 {len(MESSAGES)} 条" in run.stdout  # the run really read the edited wording


def _guide_words() -> set[str]:
    """Every word a journey may quote from the guide: the terms (as written and as curated) of every sentence."""
    guide = load_guide()
    return {w for sentence in guide.sentences() for t in sentence.terms for w in (t.text, t.sought) if w}


def _quotes_of_the_guide(text: str) -> bool:
    """True for words the guide itself says: a term, or words that stand in one of its sentences."""
    sentences = [s.text for s in load_guide().sentences()]
    return text in _guide_words() or any(text in sentence for sentence in sentences)


def _chinese_literals(path: Path) -> list[str]:
    """Chinese strings in `path` other than docstrings, pytest mark arguments, case ids and picture names, that the
    guide does not say."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    allowed: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                allowed.add(id(first.value))  # a docstring: the test's Chinese title
        if isinstance(node, ast.FunctionDef):
            for mark in node.decorator_list:  # @pytest.mark.replay("名字", "说明"): names, not site text
                allowed |= {id(c) for c in ast.walk(mark) if isinstance(c, ast.Constant)}
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "attach":
            # step.attach(page, "手机短信"): what a handout's picture is called, the harness's caption, not site text
            allowed |= {id(c) for arg in node.args[1:] for c in ast.walk(arg) if isinstance(c, ast.Constant)}
        if isinstance(node, ast.keyword) and node.arg in ("id", "ids"):
            allowed |= {id(c) for c in ast.walk(node.value) if isinstance(c, ast.Constant)}
    return [
        f"{path.relative_to(ROOT)}:{node.lineno}: {node.value!r}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and _chinese(node) and id(node) not in allowed
        and not _quotes_of_the_guide(str(node.value))
    ]  # fmt: skip


JOURNEY_CODE = sorted((ROOT / "e2e").rglob("*.py"))


def test_journeys_hold_no_site_text_only_the_guides_words() -> None:
    """In e2e/ (journeys, page objects, flows) every Chinese string is a word of the guide; the site's words come from
    say(code) and label(key), so a reworded message or a renamed control never needs a journey changed."""
    assert [line for path in JOURNEY_CODE for line in _chinese_literals(path)] == []


def test_the_journey_lint_finds_copied_site_text(tmp_path: Path) -> None:
    """The check above is not blind: copied site text is found, the guide's own words and titles are not."""
    journey = ROOT / "e2e" / "lint_probe.py"
    journey.write_text(
        '"""标题"""\nstep.click("是")\nexpect(x).to_have_text("密码重置成功")\nhint = f"学信网已向 {p} 发送"\n',
        encoding="utf-8",
    )
    try:
        found = _chinese_literals(journey)
    finally:
        journey.unlink()
    assert [line.split(": ", 1)[1] for line in found] == ["'密码重置成功'", "'学信网已向 '", "' 发送'"]


def test_journeys_check_through_the_settled_expect() -> None:
    """Journeys take expect from harness.checks, which decides at once on a settled page, never Playwright's own."""
    bare = [
        f"{path.relative_to(ROOT)}:{node.lineno}"
        for path in JOURNEY_CODE
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.ImportFrom) and node.module == "playwright.sync_api"
        and any(alias.name == "expect" for alias in node.names)
    ]  # fmt: skip
    assert bare == []
