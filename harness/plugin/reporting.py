"""What the report shows of each test: the guide's section, the environment, and how to reproduce a failure."""

from __future__ import annotations

import importlib.metadata
import platform
import shlex
from collections.abc import Generator
from pathlib import Path

import allure
import pytest
from playwright.sync_api import Browser

from fixtures.guide import load_guide
from harness.evidence import LABEL_WALKTHROUGH, PROFILE_KEY, REPRODUCE_ATTACHMENT
from harness.guides import GUIDE_PARAM, guide_of
from harness.plugin.collection import title
from harness.plugin.options import BASE_SEED
from harness.plugin.site import TEST_SEED

SECTION_OF_MARKER = {"guide_document": "toc", "registration": "reg", "image_check": "img", "login_trouble": "login"}
# Tests that perform no guide step, grouped in the report by what they prove, after the guide's sections.
FEATURE_OF_MARKER = {"security": "安全：越权、令牌、会话与限流", "offline": "网络隔离：什么也不离开本机"}
# Where a test with none of these markers goes: last, saying what it lacks.
UNMARKED_FEATURE = "其他（未标明属于指南哪一部分）"
# The one feature of an audit of another school's guide, and its results' handout label.
AUDITED_FEATURE = "按这份指南逐句审计"
# What a test printed, attached under Chinese names instead of allure-pytest's "log", "stdout" and "stderr":
# the browser's driver shares the process's error output, so any journey may have some.
CAPTURED = (("caplog", "日志"), ("capstdout", "程序输出"), ("capstderr", "程序的错误输出"))
ATTACH_CAPTURED = pytest.StashKey[bool]()


def pytest_configure(config: pytest.Config) -> None:
    """Take over attaching what tests print (unless --allure-no-capture), to name it in Chinese."""
    config.stash[ATTACH_CAPTURED] = getattr(config.option, "attach_capture", False)  # False: no allure-pytest
    config.option.attach_capture = False


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    """A failing test says how to reproduce its personas; videos and what the test printed go to Allure."""
    report = yield
    if report.when == "teardown":
        for kind, path in report.user_properties:
            if kind == "playwright_video" and Path(str(path)).is_file():
                allure.attach.file(str(path), name="录像", attachment_type=allure.attachment_type.WEBM)
        for field, name in CAPTURED if item.config.stash[ATTACH_CAPTURED] else ():
            if text := getattr(report, field):
                allure.attach(text, name=name, attachment_type=allure.attachment_type.TEXT)
    if report.failed and TEST_SEED in item.stash:
        command = reproduce_command(item)
        report.sections.append(("重现", f"重现：{command}"))
        if report.when == "call":  # the result is still open: the report shows the command beside the failure
            allure.attach(
                command, name=f"{REPRODUCE_ATTACHMENT}（在项目目录运行）", attachment_type=allure.attachment_type.TEXT
            )
    return report


def reproduce_command(item: pytest.Item) -> str:
    """The command that runs this test again exactly: its id, personas, site and random order."""
    config = item.config
    parts = ["pytest", f"'{item.nodeid}'", "--persona-seed", str(config.stash[BASE_SEED])]
    if config.getoption("--site-profile") != "2012":
        parts += ["--site-profile", config.getoption("--site-profile")]
    callspec = getattr(item, "callspec", None)
    if callspec is not None and GUIDE_PARAM in callspec.params:  # another school's guide: only its own file
        file = Path(callspec.params[GUIDE_PARAM]).resolve()
        shown = file.relative_to(config.rootpath) if file.is_relative_to(config.rootpath) else file
        parts += ["--audit-guide", shlex.quote(str(shown))]
        if config.getoption("--audit-title"):
            parts += ["--audit-title", shlex.quote(config.getoption("--audit-title"))]
    if config.getoption("--site-variant"):
        parts += ["--site-variant", config.getoption("--site-variant")]
    if config.getoption("--action-timeout") != 5_000:
        parts += ["--action-timeout", str(config.getoption("--action-timeout"))]
    if config.getoption("--headed", False):
        parts += ["--headed", "--slowmo", str(config.getoption("--slowmo", 0))]
    seed = config.getoption("randomly_seed", None)
    if isinstance(seed, int):
        parts += ["-p", "randomly", f"--randomly-seed={seed}"]
    return " ".join(parts)


@pytest.fixture(scope="session")
def report_environment(browser: Browser, pytestconfig: pytest.Config) -> None:
    """The report's environment: browser and version, site profile, seed."""
    results = pytestconfig.getoption("allure_report_dir", None)
    if not results:
        return
    lines = {
        "浏览器": f"{browser.browser_type.name.capitalize()} {browser.version}",  # Chromium, as the product is spelled
        PROFILE_KEY: pytestconfig.getoption("--site-profile"),
        "学生数据种子(--persona-seed)": str(pytestconfig.stash[BASE_SEED]),
        "Playwright": importlib.metadata.version("playwright"),
        "Python": platform.python_version(),
    }
    Path(results).mkdir(parents=True, exist_ok=True)
    text = "".join(f"{key}={value}\n" for key, value in lines.items())
    (Path(results) / "environment.properties").write_text(text, encoding="utf-8")


@pytest.fixture
def report_labels(request: pytest.FixtureRequest) -> None:
    """Group results in the report by the guide's sections, and name each by its docstring."""
    callspec = getattr(request.node, "callspec", None)
    if callspec is not None and GUIDE_PARAM in callspec.params:  # another school's guide: one test reads all of it
        audited = guide_of(request)
        allure.dynamic.epic(audited.title)
        allure.dynamic.feature(f"1. {AUDITED_FEATURE}")
        allure.dynamic.label(LABEL_WALKTHROUGH, AUDITED_FEATURE)
        allure.dynamic.story(title(request.node))
        return
    guide = load_guide()
    allure.dynamic.epic(f"{guide.title}（{guide.author}，{guide.date}）")
    marker = next((m.name for m in request.node.iter_markers() if m.name in SECTION_OF_MARKER), None)
    section = next((s for s in guide.sections if s.id == SECTION_OF_MARKER.get(marker or "")), None)
    other = next((FEATURE_OF_MARKER[m.name] for m in request.node.iter_markers() if m.name in FEATURE_OF_MARKER), None)
    # Numbered so the report lists the guide's sections in the guide's order, then the rest.
    features = [s.title for s in guide.sections] + [*FEATURE_OF_MARKER.values(), UNMARKED_FEATURE]
    feature = section.title if section else other or UNMARKED_FEATURE
    allure.dynamic.feature(f"{features.index(feature)}. {feature}")
    if section and request.node.get_closest_marker("walkthrough"):
        allure.dynamic.label(LABEL_WALKTHROUGH, section.id)
    allure.dynamic.story(title(request.node))
