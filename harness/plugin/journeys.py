"""The guide steps a test performs: its journey, recorded as it goes, and judged when the test has walked them all.

A failure is said in Chinese at the journey's own line and filed by what caused it: the guide (a claim the site
contradicts), the site (a check outside every claim), the mock (a 500), or the harness itself.
"""

from __future__ import annotations

from collections.abc import Generator
from pathlib import Path

import allure
import pytest
from playwright.sync_api import Page

from fixtures.guide import load_guide
from harness.clock import SharedClock
from harness.evidence import LABEL_FAILURE, Failure
from harness.failures import in_chinese
from harness.guides import guide_of
from harness.journey import SITE_DISAGREES, TOOL_FAILED, Journey, JourneyStopped, at_line
from harness.plugin.collection import case, title
from harness.plugin.site import stale
from harness.recorders import AllureRecorder, Recorder, TraceGroups
from harness.replay import Captions, DeviceBeside, Pause
from harness.runs import FULL_RUN, LAST_RUN
from harness.traceability import claims_checked
from mock_server import Site


class HarnessError(RuntimeError):
    """The harness itself failed (not the site, the mock or the guide): said in Chinese, at the journey's line."""


@pytest.hookimpl(wrapper=True)
def pytest_pyfunc_call(pyfuncitem: pytest.Function) -> Generator[None, object, object]:
    """Run the test; a journey is judged once it has walked every step it could, every failure said in Chinese."""
    if case(pyfuncitem):  # allure-pytest named the result after set-up; the case is added while the test runs
        allure.dynamic.title(f"{title(pyfuncitem)}（{case(pyfuncitem)}）")
    if "site" not in pyfuncitem.fixturenames:  # not a browser test (tests/): pytest reports it as it is
        return (yield)
    journey = pyfuncitem.funcargs.get("journey")
    walking = journey if isinstance(journey, Journey) else None
    outcome: object = None
    try:
        outcome = yield
    except JourneyStopped:
        if walking is None:
            raise
    except SITE_DISAGREES as failure:
        said = at_line(in_chinese(failure), failure)
        if walking is None or walking.blocker is None:
            allure.dynamic.label(LABEL_FAILURE, str(Failure.SITE))
            if walking is None:
                raise AssertionError(said) from failure
            walking.stop(said, Failure.SITE)
    except Exception as error:
        allure.dynamic.label(LABEL_FAILURE, str(Failure.TOOL))
        if walking is not None:
            walking.stop(TOOL_FAILED, Failure.TOOL)
            finish_journey(pyfuncitem, walking)
        raise HarnessError(at_line(f"{TOOL_FAILED}：{type(error).__name__}: {error}", error)) from error
    if walking is not None:
        if walking.record.stopped or walking.blocker is not None:
            walking.not_reached(_claims_of(pyfuncitem))
        finish_journey(pyfuncitem, walking)  # during the call, so Allure files it with the test
        judge_journey(pyfuncitem, walking)
    return outcome


def _claims_of(item: pytest.Function) -> set[str]:
    """The claims the test's own code names (and the steps it performs claim)."""
    return claims_checked(Path(str(item.fspath)), item.function.__name__, load_guide())


def judge_journey(item: pytest.Item, journey: Journey) -> None:
    """Fail a journey the site contradicted, or that could not go on, unless its site_profile marker names exactly
    the stale sentences it met (and nothing else went wrong)."""
    expected, found = stale(item), journey.contradicted()
    stopped, failure = journey.record.stopped, journey.record.failure
    if expected and found == expected and failure is None:
        return  # this era of the site is known to contradict exactly these sentences
    problems = list(journey.failures)
    if expected - found:
        problems.append(f"预期与站点不符的句子没有被发现：{'、'.join(sorted(expected - found))}")
    if stopped and failure is not None:
        problems.append(f"旅程未能走完：{stopped}")
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
    """The guide steps this test performs; claims and trace go to the Allure result as it ends."""
    config, guide, name = request.config, guide_of(request), request.node.name.removesuffix("[chromium]")
    recorders: list[Recorder] = [AllureRecorder(guide), TraceGroups(page)]
    if config.getoption("--captions"):
        folder = config.getoption("--captions-dir") or reports_dir(config) / "replays"
        recorders += [Captions(page, Path(folder), name), DeviceBeside(page)]
    if config.getoption("--pause-steps"):
        recorders.append(Pause(page))
    handouts = request.node.get_closest_marker("walkthrough") is not None
    return Journey(guide, page, name=name, recorders=recorders, crashes=lambda: len(site.crashes), pictures=handouts)


def finish_journey(item: pytest.Function, journey: Journey) -> None:
    """The claims and the captions of a journey, saved while the test is still running."""
    journey.finish()
