"""The harness as a pytest plugin (entry point chsi_guide_e2e): its options, markers, fixtures and reporting hooks.

Fixtures: `site` (the mock, answering every request of the test's browser), `clock`, `persona` (a student with no
account yet), `student` (enrolled, with an account), `given` (more students and accounts), `journey` (guide steps
and claims), `document`, `seed`. Markers: site_time, site_profile, walkthrough, replay and the guide's sections.
"""

from __future__ import annotations

import importlib.metadata
import os
import platform
import random
from collections.abc import Generator, Iterator
from datetime import datetime
from pathlib import Path

import allure
import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from e2e.audit_report import judge_run
from e2e.browser import provide_ffmpeg
from e2e.clock import SharedClock
from e2e.evidence import LABEL_PROFILE, LABEL_VARIANT, LABEL_WALKTHROUGH, LEFT_THE_MACHINE, PROFILE_KEY
from e2e.journey import Journey
from e2e.recorders import AllureRecorder, Captions, Pause, Recorder, TraceGroups
from e2e.runs import FULL_RUN, LAST_RUN, missing_journeys, promote
from e2e.traceability import claims_checked, unknown_ids
from fixtures.guide import load_guide
from fixtures.personas import Persona, make_persona, seed_for
from fixtures.students import Given
from mock_server import Site, bridge
from mock_server.clock import BEIJING, VirtualClock
from mock_server.profile import PROFILES
from mock_server.state import State
from mock_server.variants import VARIANTS, Variant

AUDIT_SUMMARY = pytest.StashKey[str]()
OWN_TRACE = pytest.StashKey[bool]()
# How long (ms) a journey that must meet stale sentences waits for the page: it expects to be disappointed.
KNOWN_STALE_WAIT = 1_500
BASE_SEED = pytest.StashKey[int]()
TEST_SEED = pytest.StashKey[int]()


def pytest_addoption(parser: pytest.Parser) -> None:
    """The harness's own options, in one group."""
    group = parser.getgroup("chsi", "学信网指南测试 (chsi-guide-e2e)")
    group.addoption(
        "--persona-seed",
        type=int,
        default=None,
        help="生成虚构学生（Faker）的基础种子；测试失败时会打印能重现它的种子",
    )
    group.addoption(
        "--captions",
        action="store_true",
        help="在页面底部显示当前的指南步骤，并为录像写 WebVTT 字幕",
    )
    group.addoption(
        "--captions-dir",
        default=None,
        metavar="DIR",
        help="--captions 把每个旅程的 <测试名>.vtt 写到哪里（默认：报告旁的 replays/）",
    )
    group.addoption(
        "--pause-steps",
        action="store_true",
        help="每个指南步骤之后等待按回车（培训的节奏；需要 -s）",
    )
    group.addoption(
        "--action-timeout",
        type=int,
        default=5_000,
        metavar="MS",
        help="每一步等待页面的时限（模拟站点即时应答；默认 5000 毫秒）",
    )
    group.addoption(
        "--site-profile",
        choices=sorted(PROFILES),
        default="2012",
        help="模拟哪个时期的学信网（默认 2012，即指南所写的站点；current 为今天的站点）",
    )
    group.addoption(
        "--site-variant",
        choices=sorted(VARIANTS),
        default=None,
        metavar="CLAIM",
        help="2012 站点，但故意让指南的这一条说法失效（mock_server/variants.py）",
    )
    group.addoption(
        "--browser-server",
        default=os.environ.get("CHSI_BROWSER_SERVER"),
        metavar="WS_URL",
        help="在 Playwright 服务器上运行浏览器（playwright run-server、Playwright 的 Docker 镜像或浏览器集群），"
        "如 ws://host:3000/；也可设 CHSI_BROWSER_SERVER。模拟站点及其路由仍在本机。",
    )
    group.addoption(
        "--browser-server-chromium",
        default=os.environ.get("CHSI_BROWSER_SERVER_CHROMIUM"),
        metavar="PATH",
        help="服务器要启动的 Chromium（服务器须以 --unsafe 运行）；默认用服务器自带的",
    )
    group.addoption(
        "--no-audit",
        action="store_true",
        help="运行后不审计指南（回放和与指南无关的工具运行）",
    )
    group.addoption(
        "--prove",
        action="store_true",
        help="每个旅程对它核查的每条说法的变体各跑一次（结果由 chsi-e2e prove 读取）",
    )


# The harness's markers: a journey's section of the guide, its site, and what trainers do with it.
MARKERS = [
    "guide_document: 目录：指南文档本身",
    "registration: 一、学信网帐号注册流程",
    "image_check: 二、图像信息校对流程",
    "login_trouble: 三、学信账号登录异常情况处理办法",
    "site_time(iso): 站点虚拟时钟的起始时刻（北京时间）",
    "site_profile(name, stale=()): 对哪个时期的站点运行；stale 列出该站点必然与之不符的句子（恰好这些），"
    "这样的旅程不计入本次的指南审计",
    "walkthrough: 此旅程的步骤收入该流程的图文手册",
    "replay(name, shows): 培训用的可回放旅程（chsi-e2e replay NAME），总是保留追踪",
    "security: 站点如何保护身份信息：不能越权查看、不能猜测、会话不残留",
    "offline: 网络隔离：什么也不离开本机，逐种方式检验",
]


def pytest_configure(config: pytest.Config) -> None:
    """Register the markers; pick the session's base seed once; give videos an ffmpeg from PyPI."""
    for line in MARKERS:
        config.addinivalue_line("markers", line)
    seed = config.getoption("--persona-seed")
    config.stash[BASE_SEED] = seed if seed is not None else random.SystemRandom().randrange(10**6)
    if config.getoption("--video", "off") != "off":
        provide_ffmpeg()  # instead of Playwright's download, which this kind of machine cannot reach


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """A journey naming a guide step or claim that does not exist fails the run at collection."""
    modules = {Path(str(item.fspath)) for item in items}
    problems = [p for module in sorted(modules) for p in unknown_ids(module, load_guide())]
    if problems:
        raise pytest.UsageError("指南编号不存在 (unknown guide ids):\n" + "\n".join(problems))
    if config.getoption("--prove"):
        # A proof runs only the journeys that check a claim, once per claim's variant.
        keep = [item for item in items if isinstance(item, pytest.Function) and _varied(item)]
        config.hook.pytest_deselected(items=[item for item in items if item not in keep])
        items[:] = keep
    for item in items:
        # allure-pytest names a result from this attribute after set-up: Chinese, even if the set-up fails.
        if isinstance(item, pytest.Function):
            item.function.__allure_display_name__ = _title(item)  # type: ignore[attr-defined]
    # Longest first, so parallel workers finish together: the tooling group, then the rest in (random) order.
    items.sort(key=lambda item: item.get_closest_marker("xdist_group") is None)


def _title(item: pytest.Item) -> str:
    """A test's title in the report: the first line of its (Chinese) docstring."""
    function = getattr(item, "function", None)
    return (getattr(function, "__doc__", None) or item.name).strip().splitlines()[0]


def _case(item: pytest.Item) -> str:
    """Which case of a parametrized test this is, without the browser's name: "" for a plain test."""
    callspec = getattr(item, "callspec", None)
    return "-".join(part for part in (callspec.id.split("-") if callspec else []) if part != "chromium")


def _varied(item: pytest.Function) -> bool:
    """True for a test the proof parametrized with a variant."""
    return hasattr(item, "callspec") and "site_variant" in item.callspec.params


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Under --prove, each journey runs against the variant of every claim it checks."""
    if not metafunc.config.getoption("--prove") or "site_variant" not in metafunc.fixturenames:
        return
    checked = claims_checked(Path(str(metafunc.module.__file__)), metafunc.function.__name__, load_guide())
    claims = [claim for claim in VARIANTS if claim in checked]
    if claims:
        metafunc.parametrize("site_variant", claims, indirect=True)


# Which section of the guide each marker's journeys perform, for the report's grouping.
SECTION_OF_MARKER = {"guide_document": "toc", "registration": "reg", "image_check": "img", "login_trouble": "login"}
# Tests that perform no guide step, grouped in the report by what they prove, after the guide's sections.
FEATURE_OF_MARKER = {"security": "安全：越权、令牌、会话与限流", "offline": "网络隔离：什么也不离开本机"}
# Where a test with none of these markers goes: last, saying what it lacks.
UNMARKED_FEATURE = "其他（未标明属于指南哪一部分）"


@pytest.hookimpl(wrapper=True)
def pytest_pyfunc_call(pyfuncitem: pytest.Function) -> Generator[None, object, object]:
    """A journey whose steps the site contradicted fails once it has walked every step."""
    if _case(pyfuncitem):  # allure-pytest named the result after set-up; the case is added while the test runs
        allure.dynamic.title(f"{_title(pyfuncitem)}（{_case(pyfuncitem)}）")
    journey = pyfuncitem.funcargs.get("journey")
    try:
        outcome = yield
    finally:
        if isinstance(journey, Journey):
            _finish_journey(pyfuncitem, journey)  # during the call, so Allure files it with the test
    if isinstance(journey, Journey):
        _judge_journey(pyfuncitem, journey)
    return outcome


def _stale(item: pytest.Item) -> set[str]:
    """The guide sentences a test's site_profile marker says that era of the site contradicts."""
    marker = item.get_closest_marker("site_profile")
    return set(marker.kwargs.get("stale", ())) if marker else set()


def _judge_journey(item: pytest.Item, journey: Journey) -> None:
    """Fail a journey the site contradicted, unless its site_profile marker names exactly those stale sentences."""
    stale, found = _stale(item), journey.contradicted()
    if stale and found == stale:
        return  # this era of the site is known to contradict exactly these sentences
    problems = list(journey.failures)
    if stale - found:
        problems.append(f"预期与站点不符的句子没有被发现：{'、'.join(sorted(stale - found))}")
    if problems:
        raise AssertionError("\n\n".join(problems))


@pytest.fixture
def seed(request: pytest.FixtureRequest) -> int:
    """This test's own seed, derived from the base seed and the test's id."""
    value = seed_for(request.config.stash[BASE_SEED], request.node.nodeid)
    request.node.stash[TEST_SEED] = value
    return value


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    """A failing test says how to reproduce its personas; pytest-playwright's videos go to Allure."""
    report = yield
    if report.when == "teardown":
        for kind, path in report.user_properties:
            if kind == "playwright_video" and Path(str(path)).is_file():
                allure.attach.file(str(path), name="录像", attachment_type=allure.attachment_type.WEBM)
    if report.failed and TEST_SEED in item.stash:
        report.sections.append(("重现", f"重现：{reproduce_command(item)}"))
    return report


def reproduce_command(item: pytest.Item) -> str:
    """The command that runs this test again exactly: its id, personas, site and random order."""
    config = item.config
    parts = ["pytest", f"'{item.nodeid}'", "--persona-seed", str(config.stash[BASE_SEED])]
    if config.getoption("--site-profile") != "2012":
        parts += ["--site-profile", config.getoption("--site-profile")]
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


@pytest.fixture
def site_variant(request: pytest.FixtureRequest) -> Variant | None:
    """The variant of the site this test runs against: a proof's parameter, or --site-variant, or none."""
    chosen = getattr(request, "param", None) or request.config.getoption("--site-variant")
    if chosen is None:
        return None
    allure.dynamic.label(LABEL_VARIANT, VARIANTS[chosen].name)
    return VARIANTS[chosen]


@pytest.fixture
def document(site_variant: Variant | None) -> dict[str, str]:
    """The guide document's sentences by id, as the run reads them (a variant may rewrite one)."""
    guide = load_guide()
    texts = {sentence_id: guide.sentence(sentence_id).text for sentence_id in guide.sentence_ids()}
    return {**texts, **(site_variant.document if site_variant else {})}


def profile_name(node: pytest.Item) -> str:
    """The site era a test runs against: its site_profile marker's, else the run's --site-profile."""
    marker = node.get_closest_marker("site_profile")
    return str(marker.args[0]) if marker else str(node.config.getoption("--site-profile"))


@pytest.fixture
def site(
    context: BrowserContext, request: pytest.FixtureRequest, seed: int, site_variant: Variant | None
) -> Iterator[Site]:
    """A fresh mock for this test, answering every request of its browser context."""
    name = profile_name(request.node)
    if request.node.get_closest_marker("site_profile"):
        allure.dynamic.label(LABEL_PROFILE, name)  # its claims belong to that era's audit, not this run's
    profile = site_variant.profile() if site_variant else PROFILES[name]
    state = State(profile=profile, rng=random.Random(seed))
    start = request.node.get_closest_marker("site_time")
    if start:
        state.clock = VirtualClock(datetime.fromisoformat(start.args[0]).replace(tzinfo=BEIJING))
    mock = Site(state)
    bridge.install(context, mock)
    # The mock answers at once: a short wait is generous, and a stale step fails fast.
    wait = request.config.getoption("--action-timeout")
    if _stale(request.node):
        wait = min(wait, KNOWN_STALE_WAIT)  # a contradiction is expected: no need to wait long to meet it
    context.set_default_timeout(wait)
    expect.set_options(timeout=wait)
    yield mock
    mock.reset()
    problems = [f"{LEFT_THE_MACHINE}：{b}" for b in mock.blocked]
    problems += [f"模拟站点记录的问题：{p}" for p in mock.state.problems]
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)


@pytest.fixture
def clock(site: Site, context: BrowserContext) -> SharedClock:
    """The site's and the browser's clocks, installed together before any page loads."""
    return SharedClock(site.state.clock, context.clock)


@pytest.fixture
def persona(site: Site, seed: int) -> Persona:
    """The student of this test."""
    return make_persona(seed, site.state.clock.now().date())


@pytest.fixture
def given(site: Site, seed: int) -> Given:
    """What the site already holds before the journey: students, their 学籍, accounts and review requests."""
    return Given(site.state, seed)


@pytest.fixture
def student(given: Given, persona: Persona) -> Persona:
    """A student with a 学籍 (graduate photo included) and a registered account."""
    given.student(persona)
    return persona


def reports_dir(config: pytest.Config) -> Path:
    """Where traces and captions go: reports/ for the usual run, else beside the Allure results; never test-results/."""
    results = config.getoption("allure_report_dir", None)
    if not results or Path(results).resolve() == LAST_RUN.resolve():
        return FULL_RUN.parent
    return Path(results).parent


@pytest.fixture
def journey(page: Page, site: Site, clock: SharedClock, request: pytest.FixtureRequest) -> Journey:
    """The guide steps this test performs, traced; claims and trace go to the Allure result as it ends."""
    config, guide, name = request.config, load_guide(), request.node.name.removesuffix("[chromium]")
    recorders: list[Recorder] = [AllureRecorder(guide), TraceGroups(page)]
    if config.getoption("--captions"):
        folder = config.getoption("--captions-dir") or reports_dir(config) / "replays"
        recorders.append(Captions(page, Path(folder), name))
    if config.getoption("--pause-steps"):
        recorders.append(Pause())
    walk = Journey(guide, page, name=name, recorders=recorders)
    if config.getoption("--tracing") == "off" and request.node.get_closest_marker("replay"):
        # pytest-playwright traces only on request; a journey trainers replay always keeps its own.
        # Others are not traced by default: recording costs a fifth of the suite's time.
        page.context.tracing.start(title=request.node.nodeid, screenshots=True, snapshots=True)
        request.node.stash[OWN_TRACE] = True
    return walk


def _finish_journey(item: pytest.Function, journey: Journey) -> None:
    """The claims, the captions and the trace of a journey, saved while the test is still running."""
    journey.finish()
    folder = reports_dir(item.config)
    if item.stash.get(OWN_TRACE, False):
        trace = folder / "traces" / f"{journey.name}.zip"
        trace.parent.mkdir(parents=True, exist_ok=True)
        journey.page.context.tracing.stop(path=trace)
        # A plain zip: Allure's own trace button opens an online viewer; `chsi-e2e replay --trace` is offline.
        allure.attach.file(trace, name="Playwright 追踪（离线查看：chsi-e2e replay --trace）", extension="zip")


@pytest.fixture(scope="session")
def report_environment(browser: Browser, pytestconfig: pytest.Config) -> None:
    """The report's environment: browser and version, site profile, seed."""
    results = pytestconfig.getoption("allure_report_dir", None)
    if not results:
        return
    lines = {
        "浏览器": f"{browser.browser_type.name} {browser.version}",
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
    allure.dynamic.story(_title(request.node))


def pytest_sessionfinish(session: pytest.Session) -> None:
    """After the run (on the xdist controller only), judge the guide; only a run of every journey replaces the last."""
    config = session.config
    results = config.getoption("allure_report_dir", None)
    skip = config.getoption("collectonly") or config.getoption("--prove") or config.getoption("--no-audit")
    if hasattr(config, "workerinput") or skip or not results or not Path(results).is_dir():
        return
    results = Path(results)
    if not any(results.glob("*-result.json")):
        config.stash[AUDIT_SUMMARY] = "本次没有运行任何测试：上一次完整运行的结果与指南审计保持不变。"
        return
    missing = missing_journeys(results)
    if results.resolve() == LAST_RUN.resolve() and not missing:
        promote(results)
        results = FULL_RUN
    audit, page = judge_run(results, config.getoption("--site-profile"))
    if missing and results.resolve() == LAST_RUN.resolve():
        config.stash[AUDIT_SUMMARY] = (
            f"部分运行（{len(missing)} 个检查指南的旅程没有运行）：本次的审计在 {page}，"
            f"上一次完整运行的结果 {FULL_RUN} 与审计 reports/guide-audit.html 保持不变。"
        )
    else:
        config.stash[AUDIT_SUMMARY] = f"指南审计：{audit.summary()} → {page}"


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter, config: pytest.Config) -> None:
    """Say where the audit is and how the guide fared."""
    if AUDIT_SUMMARY in config.stash:
        terminalreporter.write_line(config.stash[AUDIT_SUMMARY])
