"""The harness's own calls in a trace: its looks at the page (waiting for it to settle, looking up the guide's words)
left out, its pictures folded under what they are for, so the trace viewer's action list reads as the journey: the
guide's steps (TraceGroups), the student's clicks and typing, the checks and the evidence."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from weakref import WeakSet

from playwright.sync_api import BrowserContext, Page
from playwright.sync_api import Error as PlaywrightError

try:  # Playwright's marker for its own helper calls: not public, so a release that changes it only costs the speed-up
    from playwright._impl.channel_owner import ApiZone
    from playwright._impl.utils.zones import _async_local_storage, current_zone

    # The two parts unseen() uses, tried once here: a release without them leaves unseen() a plain block.
    _INTERNAL_CALLS = hasattr(current_zone(), "with_") and ApiZone("", [], None, internal=True).internal
except (ImportError, AttributeError, TypeError):
    _INTERNAL_CALLS = False

# The contexts being traced: a group in a context that is not costs two calls to the browser for nothing.
TRACED: WeakSet[BrowserContext] = WeakSet()
# Inside a group already: a nested fold adds nothing a reader needs and costs two calls to the browser.
_FOLDING: ContextVar[bool] = ContextVar("folding", default=False)


@contextmanager
def unseen() -> Iterator[None]:
    """The harness's own looks at the page, made inside, as Playwright's internal calls: a trace has no entry and takes
    no DOM snapshot for them (each snapshot is a walk of the whole page), and the client skips their stack trace."""
    # Playwright has no public switch for this. A call made while an internal "apiZone" is current is sent as internal
    # (its own helpers' calls are); the zone is a context variable, which the task of each call copies.
    # tests/test_reports_and_replays.py checks that a traced journey's looks are missing from its trace.
    if not _INTERNAL_CALLS:
        yield
        return
    own = ApiZone("", [], None, internal=True)  # one per block: a call that fails notes its error on its zone
    token = _async_local_storage.set(current_zone().with_("apiZone", own))
    try:
        yield
    finally:
        _async_local_storage.reset(token)


@contextmanager
def folded(page: Page, what: str) -> Iterator[None]:
    """Group the calls made inside under `what` (a no-op inside another group, untraced, or once the page closed)."""
    if _FOLDING.get() or page.context not in TRACED:
        yield
        return
    tracing = page.context.tracing
    try:
        tracing.group(what)
    except PlaywrightError:  # the context is gone: nothing to group, and the calls inside say why
        yield
        return
    token = _FOLDING.set(True)
    try:
        yield
    finally:
        _FOLDING.reset(token)
        with contextlib.suppress(PlaywrightError):
            tracing.group_end()
