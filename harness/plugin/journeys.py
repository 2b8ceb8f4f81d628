"""The guide steps a test performs: its journey, recorded as it goes, and judged when the test has walked them all."""

from __future__ import annotations

from collections.abc import Generator
from pathlib import Path

import allure
import pytest
from playwright.sync_api import Page

from fixtures.guide import load_guide
from harness.clock import SharedClock
from harness.journey import Journey
from harness.plugin.collection import case, title
from harness.plugin.site import stale
from harness.recorders import AllureRecorder, Captions, Pause, Recorder, TraceGroups
from harness.runs import FULL_RUN, LAST_RUN
from mock_server import Site

OWN_TRACE = pytest.StashKey[bool]()


@pytest.hookimpl(wrapper=True)
def pytest_pyfunc_call(pyfuncitem: pytest.Function) -> Generator[None, object, object]:
    """A journey whose steps the site contradicted fails once it has walked every step."""
    if case(pyfuncitem):  # allure-pytest named the result after set-up; the case is added while the test runs
        allure.dynamic.title(f"{title(pyfuncitem)}（{case(pyfuncitem)}）")
    journey = pyfuncitem.funcargs.get("journey")
    try:
        outcome = yield
    finally:
        if isinstance(journey, Journey):
            finish_journey(pyfuncitem, journey)  # during the call, so Allure files it with the test
    if isinstance(journey, Journey):
        judge_journey(pyfuncitem, journey)
    return outcome


def judge_journey(item: pytest.Item, journey: Journey) -> None:
    """Fail a journey the site contradicted, unless its site_profile marker names exactly those stale sentences."""
    expected, found = stale(item), journey.contradicted()
    if expected and found == expected:
        return  # this era of the site is known to contradict exactly these sentences
    problems = list(journey.failures)
    if expected - found:
        problems.append(f"预期与站点不符的句子没有被发现：{'、'.join(sorted(expected - found))}")
    if problems:
        raise AssertionError("\n\n".join(problems))


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


def finish_journey(item: pytest.Function, journey: Journey) -> None:
    """The claims, the captions and the trace of a journey, saved while the test is still running."""
    journey.finish()
    folder = reports_dir(item.config)
    if item.stash.get(OWN_TRACE, False):
        trace = folder / "traces" / f"{journey.name}.zip"
        trace.parent.mkdir(parents=True, exist_ok=True)
        journey.page.context.tracing.stop(path=trace)
        # A plain zip: Allure's own trace button opens an online viewer; `chsi-e2e replay --trace` is offline.
        allure.attach.file(trace, name="Playwright 追踪（离线查看：chsi-e2e replay --trace）", extension="zip")
