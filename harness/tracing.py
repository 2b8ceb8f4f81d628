"""The harness's own calls in a trace (waiting for the page, looking up the guide's words, pictures), folded under
what they are for, so the trace viewer's action list reads as the journey: the guide's steps (TraceGroups) and the
student's clicks and typing."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from weakref import WeakSet

from playwright.sync_api import BrowserContext, Page
from playwright.sync_api import Error as PlaywrightError

# The contexts being traced: a group in a context that is not costs two calls to the browser for nothing.
TRACED: WeakSet[BrowserContext] = WeakSet()
# Inside a group already: a nested fold adds nothing a reader needs and costs two calls to the browser.
_FOLDING: ContextVar[bool] = ContextVar("folding", default=False)


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
