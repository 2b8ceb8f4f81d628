"""What trainers and CI get from a run: the offline report, replays, handouts and practice."""

from __future__ import annotations

import json
import os
import platform
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pypdfium2
import pytest
from PIL import Image, ImageChops
from playwright.sync_api import Browser, Route, expect

from chsi_e2e import allure_report, cli, walkthrough
from chsi_e2e.handout_pictures import SAME_PICTURE
from chsi_e2e.practice import open_practice
from fixtures.guide import load_guide
from harness import guard
from harness.audit_report import judge_run
from harness.browser import NO_DISPLAY
from harness.evidence import LABEL_WALKTHROUGH, PROFILE_KEY, Verdict, label
from mock_server import Site
from mock_server.profile import described

# One worker runs these: they share one_run's subprocess; conftest puts them first, being the longest.
pytestmark = pytest.mark.xdist_group("tooling")

ROOT = Path(__file__).parents[1]
JOURNEY = "e2e/test_registration.py::test_registration_nine_steps_and_login"
NINE_STEPS = "一、学信网帐号注册：九个步骤"
IMAGE_CHECK = "二、图像信息校对：核对个人信息与照片"
REGISTRATION = next(s for s in load_guide().sections if s.id == "reg")


# Session-wide: the browser's parametrisation makes pytest reorder tests across modules, which would run it twice.
@pytest.fixture(scope="session")
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


@pytest.fixture(scope="session")
def one_report(one_run: Path) -> Path:
    """The single-file report of the walkthrough journeys' run."""
    return allure_report.build(ROOT, one_run, one_run.parent / "report", one_run.parent)


def test_report_opens_offline_and_shows_the_journey_its_steps_search_and_categories(
    one_report: Path, browser: Browser, site: Site
) -> None:
    """The single-file report, opened with no network: the journey and its steps, 第九步 found, the categories."""
    page_file = one_report
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


def _shown_words(text: str) -> set[str]:
    """The Latin words a reader sees, leaving out commands, Python ids, the machine's name and product names."""
    text = re.sub(r"chsi-e2e [a-z]+( --[a-z-]+)*|\S*[._#/]\S*", " ", text)  # commands, ids, files, MIME types, dates
    names = {"Allure", "Report", "Playwright", "Python", "Chromium", "ms", "KiB", "MiB", platform.node()}
    return set(re.findall(r"[A-Za-z]{2,}", text)) - names


def test_the_report_reads_in_chinese_from_its_front_page_to_its_charts(
    one_report: Path, browser: Browser, site: Site
) -> None:
    """Allure's interface, label names and values, titles and the environment: Chinese, no escapes, no raw keys."""
    page_file = one_report
    report = browser.new_page(locale="zh-CN")
    try:
        report.goto(page_file.as_uri())
        expect(report.get_by_text("站点版本", exact=True)).to_be_visible()
        expect(report.get_by_text(described("2012"), exact=True)).to_be_visible()
        seen = {"首页": report.inner_text("body")}
        report.get_by_placeholder("搜索测试").fill("第九步")
        for group in ("学信网学籍注册图像查询等流程", f"1. {REGISTRATION.title}", NINE_STEPS):
            report.get_by_text(group).first.click()
        report.get_by_text(NINE_STEPS).last.click()
        more = report.get_by_role("button", name="显示更多")  # only when a journey has many labels
        if more.count():
            more.click()
        for name in ("指南结论", "核查的说法", "收入手册", "标签"):
            expect(report.get_by_text(name, exact=True).first).to_be_visible()
        expect(report.get_by_text(Verdict.CONFIRMED.zh, exact=True).first).to_be_visible()
        seen["旅程"] = report.inner_text("body")
        for current, section in (("报告", "图形"), ("图形", "时间轴")):
            report.get_by_text(current, exact=True).first.click()
            report.get_by_text(section, exact=True).first.click()
            expect(report.get_by_text(section, exact=True).first).to_be_visible()
            seen[section] = report.inner_text("body")
    finally:
        report.close()
    for where, text in seen.items():
        assert not _shown_words(text), (where, _shown_words(text))
        assert "\\u" not in text and "guide_verdict" not in text and "chromium" not in text, where


def _tiny_results(folder: Path, profile: str) -> Path:
    """One passed result of a run against `profile`: enough for Allure to make a report and a history entry."""
    folder.mkdir(parents=True)
    (folder / "environment.properties").write_text(f"{PROFILE_KEY}={profile}\n", encoding="utf-8")
    result = {"uuid": f"u-{profile}", "historyId": "h1", "fullName": "e2e.t#test_x", "name": "一个旅程",
              "status": "passed", "start": 1, "stop": 2, "labels": []}  # fmt: skip
    (folder / f"u-{profile}-result.json").write_text(json.dumps(result, ensure_ascii=False), encoding="utf-8")
    return folder


def test_each_site_profile_keeps_its_own_trend(tmp_path: Path) -> None:
    """A today's-site run and a 2012 run write two histories: neither trend shows the other's runs."""
    for profile in ("2012", "current"):
        allure_report.build(ROOT, _tiny_results(tmp_path / profile, profile), tmp_path / profile / "report", tmp_path)
    lines = {p.name: len(p.read_text(encoding="utf-8").splitlines()) for p in (tmp_path / "history").iterdir()}
    assert lines == {"2012.jsonl": 1, "current.jsonl": 1}
    report = (tmp_path / "current" / "report" / "index.html").read_text(encoding="utf-8")
    assert described("current") in report


# Handouts a student can follow alone fit on a few A4 pages (several cards a page, each cropped to its target).
PAGE_LIMITS = {"reg": 6, "img": 4, "login": 8}
# Printed at this many points a pixel or more, the site's 14-pixel text is 8 pt or more on paper.
READABLE = 8 / 14


@pytest.fixture(scope="session")
def handouts(one_run: Path, browser: Browser) -> Path:
    """The handouts of the walkthrough journeys' run, headings corrected by that run's audit."""
    judge_run(one_run, "2012")
    audit = json.loads((one_run.parent / "guide-audit.json").read_text(encoding="utf-8"))
    folder = one_run.parent / "walkthroughs"
    with guard.serving(Site(), timeout=5_000):  # a session fixture has no test's mock: it prints under its own
        walkthrough.build(load_guide(), one_run, folder, browser, audit=audit)
    return folder


def _text(pdf: pypdfium2.PdfDocument) -> str:
    return re.sub(r"\s+", "", "".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf))))


def test_handouts_are_readable_chinese_in_the_guides_order_within_their_page_limits(handouts: Path) -> None:
    """Every procedure's handout: each step in order, in Chinese, ink on every page, numbered, within its page limit."""
    for section in load_guide().sections[1:]:
        pdf = pypdfium2.PdfDocument(handouts / f"{section.id}.pdf")
        assert 1 <= len(pdf) <= PAGE_LIMITS[section.id], (section.id, len(pdf))
        text = _text(pdf)
        performed = [s for s in section.sentences if re.sub(r"\s+", "", s.title) in text]
        assert performed, section.id
        positions = [text.find(re.sub(r"\s+", "", s.title)) for s in performed]
        assert positions == sorted(positions)  # the guide's order
        for i in range(len(pdf)):
            page = pdf[i].render(scale=1).to_pil().convert("L")
            assert sum(page.histogram()[:128]) > 2_000, (section.id, i)  # ink on the page, not a blank sheet
            assert f"第{i + 1}页/共{len(pdf)}页" in _text_of(pdf, i), (section.id, i)
        first_page = _text_of(pdf, 0)
        assert described("2012").replace(" ", "") in first_page  # the site version on the cover
        assert "www.chsi.com.cn" in first_page  # where to go, on the first card
        assert "遇到问题怎么办" in text
    registration = _text(pypdfium2.PdfDocument(handouts / "reg.pdf"))
    assert all(re.sub(r"\s+", "", s.title) in registration for s in REGISTRATION.sentences)


def _text_of(pdf: pypdfium2.PdfDocument, page: int) -> str:
    return re.sub(r"\s+", "", pdf[page].get_textpage().get_text_range())


def test_handouts_ask_for_the_students_own_data_and_say_what_the_guide_gets_wrong(handouts: Path) -> None:
    """Placeholders with the example small, whole labels, Chinese words for the file chooser, corrected headings."""
    registration = _text(pypdfium2.PdfDocument(handouts / "reg.pdf"))
    for own in ("你的邮箱", "你设的密码", "你的真实姓名", "你的身份证号", "你的手机号", "短信中的校验码"):
        assert own in registration, own
    assert "（示例：" in registration
    assert not re.search(r"输入：\S+@", registration)  # never the example as what to type
    assert "点击邮件正文中的链接" in registration and not re.search(r"“https?://", registration)
    assert "查看：手机短信" in registration  # the SMS the student reads, pictured
    trouble = _text(pypdfium2.PdfDocument(handouts / "login.pdf"))
    assert "选择文件" in trouble and "你的照片" in trouble
    images = _text(pypdfium2.PdfDocument(handouts / "img.pdf"))
    assert "点击页面下方的“正确”按钮" in images and "指南原文：" in images  # the audit's correction, the original below
    assert "点击“信息有误”按钮" in images
    assert "忘记学信网登录用户名" in registration  # section 三 in every handout's 遇到问题怎么办


def test_handout_pictures_print_readable_and_never_twice(handouts: Path) -> None:
    """Every picture prints the page's text at 8 pt or more, and no picture appears twice in a handout."""
    for name in ("reg", "img", "login"):
        pdf = pypdfium2.PdfDocument(handouts / f"{name}.pdf")
        seen: list[Image.Image] = []
        for i in range(len(pdf)):
            for picture in pdf[i].get_objects(filter=(pypdfium2.raw.FPDF_PAGEOBJ_IMAGE,)):
                left, _, right, _ = picture.get_bounds()
                width, height = picture.get_px_size()
                assert (right - left) / width >= READABLE, (name, i, width, right - left)
                small = picture.get_bitmap().to_pil().convert("L").resize((max(1, width // 4), max(1, height // 4)))
                for earlier in seen:
                    if earlier.size == small.size:
                        changed = ImageChops.difference(earlier, small).point(lambda v: 255 if v > 40 else 0)
                        # Half the handout's own bar (SAME_PICTURE, measured at another scale before printing):
                        # a picture printed twice differs by nothing, and a borderline pair cannot tip either way.
                        assert changed.histogram()[255] > SAME_PICTURE / 2 * width * height / 16, (name, i)
                seen.append(small)


def test_handouts_for_another_site_version_go_beside_the_guides(
    one_run: Path, tmp_path: Path, browser: Browser, site: Site
) -> None:
    """A today's-site run writes its handouts under walkthroughs/current, says so on the cover, and leaves 2012's."""
    results = tmp_path / "reports" / "allure-results"
    shutil.copytree(one_run, results)
    for result in results.glob("*-result.json"):  # the image-check journeys are enough, and quick to print
        if label(json.loads(result.read_text(encoding="utf-8")), LABEL_WALKTHROUGH) != "img":
            result.unlink()
    environment = results / "environment.properties"
    environment.write_text(re.sub(rf"{re.escape(PROFILE_KEY)}=.*", f"{PROFILE_KEY}=current",
                                  environment.read_text(encoding="utf-8")), encoding="utf-8")  # fmt: skip
    guides = tmp_path / "reports" / "walkthroughs" / "reg.pdf"
    guides.parent.mkdir(parents=True)
    guides.write_bytes(b"%PDF the 2012 handout")
    written = walkthrough.for_run(load_guide(), results, tmp_path / "reports", browser)
    assert guides.read_bytes() == b"%PDF the 2012 handout"
    today = tmp_path / "reports" / "walkthroughs" / "current"
    assert sorted(p.name for p in written) == ["img.html", "img.pdf"] and all(p.parent == today for p in written)
    assert described("current").replace(" ", "") in _text_of(pypdfium2.PdfDocument(today / "img.pdf"), 0)


def test_practice_opens_the_site_the_mailbox_and_the_phone(browser: Browser, tmp_path: Path, site: Site) -> None:
    """Practice opens three tabs on the offline site, leaves the ID card photos on disk, and nothing leaves the machine."""
    practice = open_practice(browser, seed=7, folder=tmp_path)
    home, mailbox, phone = practice.pages
    try:
        expect(home).to_have_title(re.compile("中国高等教育学生信息网"))
        expect(mailbox.get_by_role("heading", name="收件箱")).to_be_visible()
        expect(phone.get_by_role("heading", name="短信")).to_be_visible()
        expect(home.get_by_role("region", name="练习工具")).to_contain_text(practice.persona.id_number)
        assert practice.site.state.records.match(practice.persona.name, practice.persona.id_number) is not None
        assert sorted(p.name for p in tmp_path.iterdir()) == ["身份证正面.jpg", "身份证背面.jpg"]
        assert practice.site.blocked == []
    finally:
        practice.context.close()


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


def test_the_reproduce_command_of_another_schools_guide_names_its_file(tmp_path: Path) -> None:
    """An audit of another school's guide failed: its printed command carries that guide's file and fails again."""
    guide = "fixtures/guides/numbers-differ-2013.txt"
    first = subprocess.run(
        [sys.executable, "-m", "pytest", "e2e/test_any_guide.py", "--audit-guide", str(ROOT / guide), "-n", "0",
         "--no-audit", f"--alluredir={tmp_path / 'first'}"],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert first.returncode == 1, first.stdout[-2000:]
    printed = re.search(r"重现：(pytest .+)", first.stdout)
    assert printed and f"--audit-guide {guide}" in printed.group(1), first.stdout[-2000:]
    again = subprocess.run(
        f"{sys.executable} -m {printed.group(1)} -n 0 --no-audit --alluredir={tmp_path / 'again'}",
        shell=True, cwd=ROOT, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert again.returncode == 1 and "1 failed" in again.stdout, again.stdout[-2000:]
    for run in (first, again):
        assert "指南说“20多秒”，实际是“30秒”" in run.stdout


def _the_report_has_the_command_and_a_readable_trace(tmp_path: Path, command: str) -> None:
    """The failed result carries the reproduce command and its trace; in the trace, each guide step lists the
    student's own actions, the checks of the guide's words and the harness's pictures in named groups, and none of the
    harness's own looks at the page (waiting for it to settle, finding the guide's words), which each took a DOM
    snapshot."""
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
    assert "evaluateExpression" not in {c["method"] for c in calls}  # the test itself runs no script in the page
    titles = [c.get("title", "") for c in calls if c["method"] == "tracingGroup"]
    assert all(t.startswith(("第", "核对：")) or "截图" in t for t in titles), titles  # steps, checks, pictures


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
