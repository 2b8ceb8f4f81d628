"""Every test is traced; a failed test keeps its trace and a picture of each page it had open, whatever failed."""

from __future__ import annotations

import contextlib
from collections.abc import Generator, Iterator

import allure
import pytest
from playwright.sync_api import BrowserContext
from playwright.sync_api import Error as PlaywrightError

from harness.plugin.journeys import reports_dir

FAILED = pytest.StashKey[bool]()


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
    """Trace the test; keep the trace if it failed, and always for a journey trainers replay."""
    # Otherwise pytest-playwright traces it itself; a batch of audits (--no-trace) keeps its evidence in the audits.
    own = request.config.getoption("--tracing") == "off" and not request.config.getoption("--no-trace")
    replayed = request.node.get_closest_marker("replay") is not None
    if own:
        # The film strip (a screencast the whole test long) costs the browser more than anything the test does; a
        # failure is read in the viewer's DOM snapshots, so only a journey trainers replay draws it.
        context.tracing.start(title=request.node.nodeid, screenshots=replayed, snapshots=True)
    yield
    if not own:
        return
    keep = request.node.stash.get(FAILED, False) or replayed
    if not keep:
        context.tracing.stop()
        return
    trace = reports_dir(request.config) / "traces" / f"{request.node.name.removesuffix('[chromium]')}.zip"
    trace.parent.mkdir(parents=True, exist_ok=True)
    context.tracing.stop(path=trace)
    if request.node.stash.get(FAILED, False):  # a replay's trace stays in reports/traces, out of the mailed report
        # A plain zip: Allure's own trace button opens an online viewer; `chsi-e2e replay --trace` is offline.
        allure.attach.file(trace, name="Playwright 追踪（离线查看：chsi-e2e replay --trace）", extension="zip")
