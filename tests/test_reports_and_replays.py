"""What trainers and CI get from a run: the offline report, replays, handouts and practice."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pypdfium2
import pytest
from playwright.sync_api import Browser, Route, expect

from chsi_e2e import allure_report, cli, walkthrough
from chsi_e2e.practice import open_practice
from fixtures.guide import load_guide
from harness.browser import NO_DISPLAY
from mock_server import Site

# One worker runs these: they share one_run's subprocess; conftest puts them first, being the longest.
pytestmark = pytest.mark.xdist_group("tooling")

ROOT = Path(__file__).parents[1]
JOURNEY = "e2e/test_registration.py::test_registration_nine_steps_and_login"
NINE_STEPS = "一、学信网帐号注册：九个步骤"
IMAGE_CHECK = "二、图像信息校对：核对个人信息与照片"
REGISTRATION = next(s for s in load_guide().sections if s.id == "reg")


@pytest.fixture(scope="module")
def one_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The results of the journeys that make the handouts (the nine steps among them), run apart from this session."""
    results = tmp_path_factory.mktemp("run") / "allure-results"
    command = [sys.executable, "-m", "pytest", "e2e", "-m", "walkthrough", "-q", "-n", "0", f"--alluredir={results}"]
    run = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout[-2000:]
    return results


def test_every_result_is_named_in_chinese(one_run: Path) -> None:
    """Titles are the journeys' Chinese sentences, never Python identifiers."""
    names = [json.loads(f.read_text(encoding="utf-8"))["name"] for f in one_run.glob("*-result.json")]
    assert len(names) == len(cli.JOURNEYS)  # the handouts' journeys are the replayable ones
    assert all(re.search(r"[\u4e00-\u9fff]", name) and "test_" not in name for name in names), names


def test_report_opens_offline_and_shows_the_journey_its_steps_search_and_categories(
    one_run: Path, browser: Browser, site: Site
) -> None:
    """The single-file report, opened with no network: the journey and its steps, 第九步 found, the categories."""
    page_file = allure_report.build(ROOT, one_run, one_run.parent / "report", one_run.parent / "history.jsonl")
    assert [p.name for p in page_file.parent.iterdir() if p.suffix == ".html"] == ["index.html"]
    outside: list[str] = []

    def guard(route: Route) -> None:
        if route.request.url.startswith(("file:", "data:", "blob:")):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort("blockedbyclient")

    context = browser.new_context(locale="zh-CN")
    context.route("**/*", guard)
    try:
        report = context.new_page()
        report.goto(page_file.as_uri())
        expect(report.get_by_role("heading", name="学信网指南测试报告")).to_be_visible()
        report.get_by_placeholder("搜索测试").fill("第九步")  # a guide step, not a word of the title
        for group in ("学信网学籍注册图像查询等流程", f"1. {REGISTRATION.title}", NINE_STEPS):
            report.get_by_text(group).first.click()
        expect(report.get_by_text(IMAGE_CHECK)).to_have_count(0)  # the search left only the nine-step journey
        report.get_by_text(NINE_STEPS).last.click()
        for sentence in REGISTRATION.sentences:
            expect(report.get_by_text(sentence.title, exact=True)).to_be_visible()
        report.goto(page_file.as_uri())
        report.get_by_text("分类", exact=True).first.click()
        expect(report.get_by_text("指南本身不清楚（通过，但原文需要修订）")).to_be_visible()
    finally:
        context.close()
    assert outside == []


# Handouts a student can follow alone fit on a few A4 pages (several cards a page, each cropped to its target).
PAGE_LIMITS = {"reg": 10, "img": 5, "login": 12}


def test_handouts_are_readable_chinese_in_the_guides_order_within_their_page_limits(
    one_run: Path, browser: Browser, site: Site
) -> None:
    """Every procedure's handout: each step in order, in Chinese, ink on every page, within its page limit."""
    written = walkthrough.build(load_guide(), one_run, one_run.parent / "walkthroughs", browser)
    for section in load_guide().sections[1:]:
        pdf_file = one_run.parent / "walkthroughs" / f"{section.id}.pdf"
        assert pdf_file in written
        pdf = pypdfium2.PdfDocument(pdf_file)
        assert 1 <= len(pdf) <= PAGE_LIMITS[section.id], (section.id, len(pdf))
        text = re.sub(r"\s+", "", "".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf))))
        performed = [s for s in section.sentences if re.sub(r"\s+", "", s.title) in text]
        assert performed, section.id
        positions = [text.find(re.sub(r"\s+", "", s.title)) for s in performed]
        assert positions == sorted(positions)  # the guide's order
        for i in range(len(pdf)):
            page = pdf[i].render(scale=1).to_pil().convert("L")
            assert sum(page.histogram()[:128]) > 2_000, (section.id, i)  # ink on the page, not a blank sheet
    registration = re.sub(r"\s+", "", "".join(p.get_textpage().get_text_range() for p in pypdfium2.PdfDocument(
        one_run.parent / "walkthroughs" / "reg.pdf")))  # fmt: skip
    assert all(re.sub(r"\s+", "", s.title) in registration for s in REGISTRATION.sentences)
    assert "在“用户名”中输入：" in registration  # what to type, with the example value


def test_practice_opens_the_site_the_mailbox_and_the_phone(browser: Browser, site: Site) -> None:
    """Practice opens three tabs on the offline site, and nothing leaves the machine."""
    site, persona, (home, mailbox, phone) = open_practice(browser, seed=7)
    try:
        expect(home).to_have_title(re.compile("中国高等教育学生信息网"))
        expect(mailbox.get_by_role("heading", name="收件箱")).to_be_visible()
        expect(mailbox.get_by_text(persona.email)).to_be_visible()
        expect(phone.get_by_role("heading", name="短信")).to_be_visible()
        assert site.state.records.match(persona.name, persona.id_number) is not None
        assert site.blocked == []
    finally:
        home.context.close()


def test_the_printed_reproduce_command_reproduces_the_failure(tmp_path: Path) -> None:
    """A journey failed on a site variant with a random order: the command it prints fails the same way again."""
    test = "e2e/test_registration_rules.py::test_password_of_six_or_more_digits_or_letters[chromium-6位字母和数字]"
    first = subprocess.run(
        [sys.executable, "-m", "pytest", test, "--site-variant", "reg.3.password", "-p", "randomly",
         "--randomly-seed=4242", "-n", "0", f"--alluredir={tmp_path / 'first'}"],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert first.returncode == 1, first.stdout[-2000:]
    printed = re.search(r"重现：(pytest .+)", first.stdout)
    assert printed, first.stdout[-2000:]
    command = printed.group(1)
    assert "--site-variant reg.3.password" in command and "--randomly-seed=4242" in command
    again = subprocess.run(
        f"{sys.executable} -m {command} -n 0", shell=True, cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert again.returncode == 1, again.stdout[-2000:]
    for run in (first, again):
        assert "[reg.3] 指南：密码由6位以上的数字或字母组成" in run.stdout
    _the_report_has_the_command_and_a_readable_trace(tmp_path, command)
    # Without the site variant the command carries, the same test passes: the printed options are what matter.
    plain = subprocess.run(
        [sys.executable, "-m", "pytest", test, "-n", "0", f"--alluredir={tmp_path / 'plain'}"],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert plain.returncode == 0, plain.stdout[-2000:]


def _the_report_has_the_command_and_a_readable_trace(tmp_path: Path, command: str) -> None:
    """The failed result carries the reproduce command and its trace; in the trace, each guide step lists the
    student's own actions, the harness's waiting, lookups and pictures folded into named groups."""
    files = [json.loads(f.read_text(encoding="utf-8")) for f in (tmp_path / "first").glob("*.json")]
    attachments = [a for f in files for a in f.get("attachments", []) + [
        x for part in f.get("afters", []) for x in part.get("attachments", [])]]  # fmt: skip
    reproduce = next(a for a in attachments if a["name"].startswith("重现命令"))
    assert (tmp_path / "first" / reproduce["source"]).read_text(encoding="utf-8") == command
    trace = next(a for a in attachments if a["name"].startswith("Playwright 追踪"))
    with zipfile.ZipFile(tmp_path / "first" / trace["source"]) as archive:
        events = [json.loads(line) for line in archive.read("trace.trace").decode().splitlines()]
    calls = [e for e in events if e["type"] == "before"]
    step = next(c for c in calls if c["method"] == "tracingGroup" and c.get("title", "").startswith("第三步"))
    inside = [c["method"] for c in calls if c.get("parentId") == step["callId"]]
    assert {"fill", "click"} <= set(inside)
    assert not {"screenshot", "evaluateExpression", "boundingBox"} & set(inside)


def _audit_bytes() -> bytes:
    audit = ROOT / "reports" / "guide-audit.json"
    return audit.read_bytes() if audit.is_file() else b""


def test_a_partial_run_and_an_empty_run_leave_the_last_full_audit_alone() -> None:
    """One file's journeys, or a marker with a typo (0 tests): the last full run's audit is untouched, and said so."""
    before = _audit_bytes()
    partial = subprocess.run(
        [sys.executable, "-m", "pytest", "e2e/test_guide_document.py", "-q", "-n", "0"],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert partial.returncode == 0, partial.stdout[-2000:]
    assert "部分运行" in partial.stdout and _audit_bytes() == before
    assert (ROOT / "reports" / "last-run" / "guide-audit.json").is_file()  # the partial run's own audit
    empty = subprocess.run(
        [sys.executable, "-m", "pytest", "e2e", "-m", "registraton", "-q", "-n", "0"],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert empty.returncode == 5, empty.stdout[-2000:]
    assert "本次没有运行任何测试" in empty.stdout and _audit_bytes() == before


def test_headed_without_a_display_says_so_in_chinese() -> None:
    """`--headed` where no window can open stops at once with the same clear message practice gives."""
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "e2e/test_guide_document.py", "--headed", "-q", "-n", "0"],
        cwd=ROOT, capture_output=True, text=True, timeout=300, env=env,
    )  # fmt: skip
    assert run.returncode == 4, run.stdout[-2000:]
    assert NO_DISPLAY in run.stdout + run.stderr
    practice = subprocess.run(
        [sys.executable, "-m", "chsi_e2e.cli", "practice"], cwd=ROOT, capture_output=True, text=True, env=env
    )
    assert practice.returncode == 2 and NO_DISPLAY in practice.stderr
