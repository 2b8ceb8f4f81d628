"""A failed test keeps a picture of each page it had open, whatever failed, and a trace: a journey trainers replay
is traced as it runs, any other test when it runs again after failing (harness/plugin/retrace.py)."""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Generator, Iterator
from pathlib import Path

import allure
import pytest
from playwright.sync_api import BrowserContext
from playwright.sync_api import Error as PlaywrightError

from harness.evidence import TRACE_ATTACHMENT
from harness.plugin.journeys import reports_dir
from harness.tracing import TRACED

FAILED = pytest.StashKey[bool]()
# Beside a rerun's trace (same name, this suffix): the test passed that time.
PASSED = ".passed"


def kept_trace(config: pytest.Config, test: str) -> Path:
    """Where a test's trace is kept for `chsi-e2e replay --trace`: reports/traces/<test name>.zip."""
    return reports_dir(config) / "traces" / f"{test.removesuffix('[chromium]')}.zip"


def trace_name(nodeid: str) -> str:
    """The file a rerun leaves its trace in, for one test."""
    return hashlib.sha1(nodeid.encode()).hexdigest()[:16] + ".zip"


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    """When a test fails, picture every page it had open, where it stopped."""
    report = yield
    if report.failed and report.when == "call":
        item.stash[FAILED] = True
        context = item.funcargs.get("context") if isinstance(item, pytest.Function) else None
        if isinstance(context, BrowserContext):
            for number, page in enumerate(p for p in context.pages if not p.is_closed()):
                with contextlib.suppress(PlaywrightError):
                    picture = page.screenshot()
                    allure.attach(picture, name=f"失败时的页面 {number + 1}（{page.url}）",
                                  attachment_type=allure.attachment_type.PNG)  # fmt: skip
    return report


@pytest.fixture
def traced(context: BrowserContext, request: pytest.FixtureRequest) -> Iterator[None]:
    """Trace a journey trainers replay, always; any other test only when it runs again after failing (retrace.py)."""
    # Otherwise pytest-playwright traces it itself; a batch of audits (--no-trace) keeps its evidence in the audits.
    own = request.config.getoption("--tracing") == "off" and not request.config.getoption("--no-trace")
    replayed = request.node.get_closest_marker("replay") is not None
    into = request.config.getoption("--retrace-into")
    if not own or not (replayed or into):
        yield
        return
    # The film strip (a screencast the whole test long) costs the browser more than anything the test does; a
    # failure is read in the viewer's DOM snapshots, so only a journey trainers replay draws it.
    context.tracing.start(title=request.node.nodeid, screenshots=replayed, snapshots=True)
    TRACED.add(context)
    yield
    failed = request.node.stash.get(FAILED, False)
    # The rerun of a failed test hands its trace back to the first run's result (retrace.py); a replay keeps its own.
    trace = Path(into) / trace_name(request.node.nodeid) if into else kept_trace(request.config, request.node.name)
    trace.parent.mkdir(parents=True, exist_ok=True)
    context.tracing.stop(path=trace)
    if into:
        if not failed:
            trace.with_suffix(PASSED).touch()
        return
    if failed:  # a replay's trace stays in reports/traces, out of the mailed report
        # A plain zip: Allure's own trace button opens an online viewer; `chsi-e2e replay --trace` is offline.
        allure.attach.file(trace, name=f"{TRACE_ATTACHMENT}（离线查看：chsi-e2e replay --trace）", extension="zip")
