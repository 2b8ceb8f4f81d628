"""What trainers and CI get from a run: the offline report, replays, handouts and practice."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pypdfium2
import pytest
from playwright.sync_api import Browser, Route, expect

from chsi_e2e import allure_report, walkthrough
from chsi_e2e.practice import open_practice
from fixtures.guide import load_guide

# One worker runs these: they share one_run's subprocess; conftest puts them first, being the longest.
pytestmark = pytest.mark.xdist_group("tooling")

ROOT = Path(__file__).parents[1]
JOURNEY = "e2e/test_registration.py::test_registration_nine_steps_and_login"
REGISTRATION = next(s for s in load_guide().sections if s.id == "reg")


@pytest.fixture(scope="module")
def one_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The results of one journey, run apart from this session (its own Allure folder)."""
    results = tmp_path_factory.mktemp("run") / "allure-results"
    command = [sys.executable, "-m", "pytest", JOURNEY, "-q", "-n", "0", f"--alluredir={results}"]
    run = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout[-2000:]
    return results


def test_report_opens_offline_and_shows_the_journey_and_its_steps(one_run: Path, browser: Browser) -> None:
    """The single-file report, opened with no network, shows the journey and its guide steps."""
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
        for group in ("学信网学籍注册图像查询等流程", REGISTRATION.title, "一、学信网帐号注册：九个步骤"):
            report.get_by_text(group).first.click()
        report.get_by_text("test_registration_nine_steps_and_login").first.click()
        for sentence in REGISTRATION.sentences:
            expect(report.get_by_text(sentence.title, exact=True)).to_be_visible()
    finally:
        context.close()
    assert outside == []


def test_walkthrough_pdf_has_pages_of_readable_chinese(one_run: Path, browser: Browser) -> None:
    """The registration handout renders to PDF pages whose text is the guide's steps, in Chinese."""
    written = walkthrough.build(load_guide(), one_run, one_run.parent / "walkthroughs", browser)
    pdf_file = one_run.parent / "walkthroughs" / "reg.pdf"
    assert pdf_file in written
    pdf = pypdfium2.PdfDocument(pdf_file)
    assert len(pdf) >= 1
    text = re.sub(r"\s+", "", "".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf))))
    positions = [text.find(re.sub(r"\s+", "", s.title)) for s in REGISTRATION.sentences]
    assert -1 not in positions and positions == sorted(positions)  # every step, in the guide's order
    first = pdf[0].render(scale=1).to_pil().convert("L")
    assert sum(first.histogram()[:128]) > 2_000  # dark pixels: ink on the page, not a blank sheet


def test_replay_writes_a_video_captioned_with_the_guide_in_order() -> None:
    """A headless replay leaves a video and WebVTT captions: the guide's sentences, in order."""
    command = [sys.executable, "-m", "chsi_e2e.cli", "replay", "registration", "--headless", "--slowmo", "0"]
    run = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
    folder = ROOT / "reports" / "replays" / "registration"
    video = folder / "registration.webm"
    assert video.read_bytes()[:4] == b"\x1a\x45\xdf\xa3"  # a WebM (Matroska) file
    vtt = (folder / "registration.vtt").read_text(encoding="utf-8")
    assert not list(folder.glob("**/guide-audit.*"))  # a replay is no audit
    assert vtt.startswith("WEBVTT")
    captions = [block.splitlines()[2] for block in vtt.strip().split("\n\n")[1:]]
    assert captions == [s.title for s in REGISTRATION.sentences]


def test_practice_opens_the_site_the_mailbox_and_the_phone(browser: Browser) -> None:
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
