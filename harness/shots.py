"""Pictures and short descriptions of a page as the student sees it: evidence, with the element in question outlined."""

from __future__ import annotations

import contextlib
import io
import itertools
import re
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field

from PIL import Image, ImageStat
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Locator, Page

from harness import page_locators
from harness.inventory import FIND, Found
from harness.settle import QUIET, at_rest, settle
from harness.tracing import unseen

# Where an element is on the viewport, as Playwright's bounding_box says it (a hidden one has no place: null).
_PLACE = """el => { const r = el.getBoundingClientRect();
                    return r.width || r.height ? {x: r.x, y: r.y, width: r.width, height: r.height} : null; }"""
# Scrolled into view if it is not, marked for the picture, and where it now is: one call to the browser. The red
# outline is the screenshot's own style (OUTLINED), drawn only while the picture is taken: nothing to undo after.
_SHOW = f"""(el, mark) => {{
  if (window.__chsiOutlined) window.__chsiOutlined.add(el);  // settle.py: not a change of the page
  el.scrollIntoViewIfNeeded(true);
  el.setAttribute("data-chsi-shot", mark);
  return ({_PLACE})(el);
}}"""
OUTLINED = '[data-chsi-shot="{mark}"] {{ outline: 4px solid #e53935 !important; outline-offset: 3px !important; }}'
_marks = itertools.count(1)
# A tab Chromium could not picture is tried this often in all, each retry once it has drawn a new frame or 0.5 s on.
# Playwright bounds that wait in real time: the virtual clock, paused, holds the page's own frames and timers for ever.
_PICTURE_TRIES = 3
_NEXT_FRAME = "() => new Promise(done => requestAnimationFrame(() => done(true)))"
_FRAME_WAIT_MS = 500

# How a student names an element: a field by its label, a button or link by its text.
ELEMENT_NAME = """el => (el.labels && el.labels.length ? el.labels[0].innerText
                          : el.getAttribute("aria-label") || el.innerText || el.value || el.name || "")"""
# Playwright's checks before a click, made at once on the element at `box`: shown, enabled, and the one a click at
# its middle reaches (nothing covers it). False sends the click through Playwright's own waiting.
_CLICKABLE = """(el, box) => {
  if (!box || getComputedStyle(el).visibility !== "visible") return false;
  if (el.matches(":disabled") || el.closest("[aria-disabled=true]")) return false;
  const x = box.x + box.width / 2, y = box.y + box.height / 2;
  if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) return false;
  const hit = document.elementFromPoint(x, y);
  return Boolean(hit) && el.contains(hit);
}"""
# How many elements a locator matches, the first one's name, place and whether a click would reach it, whether the
# page is at rest (settle.QUIET) and is the tab in front: one call to the browser where a settled page needs no more.
# With a mark, the first element is also made ready for its picture (_SHOW), and its place is where it then stands.
_SEEN = f"""async (els, mark) => {{
  const quiet = await {QUIET};
  const front = document.visibilityState === "visible";
  if (!els.length) return {{count: 0, name: "", box: null, quiet, front, clickable: false}};
  const box = mark ? ({_SHOW})(els[0], mark) : ({_PLACE})(els[0]);
  const clickable = els.length === 1 && ({_CLICKABLE})(els[0], box);
  return {{count: els.length, name: String(({ELEMENT_NAME})(els[0])), box, quiet, front, clickable}};
}}"""

# The same look at the elements the inventory found by a name (inventory.FIND), in one call to the page.
_SEEN_FOUND = f"async ([found, mark]) => ({_SEEN})(({FIND.strip()})(found), mark)"

Box = dict[str, float]  # x, y, width, height on the viewport, as Playwright's bounding_box gives them


@dataclass(frozen=True)
class Seen:
    """What one look at the elements a locator matches found: how many, the first one's name and place, whether the
    page was at rest (settled) as it looked, whether it was the tab in front, the mark that outlines the first
    element in a picture ("" when the look was not asked to prepare one), and whether a click would reach it now
    (the only match, shown, enabled, not covered)."""

    count: int
    name: str
    box: Box | None
    at_rest: bool
    in_front: bool
    mark: str = ""
    clickable: bool = False


def seen(target: Locator, *, for_a_picture: bool = False, found: Found | None = None) -> Seen | None:
    """Look once at what `target` matches (or, given `found`, what the page's inventory named it by: the elements
    inventory.FIND finds on `target`'s page), without waiting for it to appear; None if the page was being replaced.
    `for_a_picture`: the first element is also scrolled into view and marked, for outlined() to picture it."""
    mark = str(next(_marks)) if for_a_picture else ""
    try:
        with unseen():
            if found is not None:
                look = target.page.evaluate(_SEEN_FOUND, [[found.role, found.name], mark])
            else:
                look = page_locators.evaluate_all(target, _SEEN, mark)
    except PlaywrightError:
        if target.page.is_closed():
            raise
        return None  # a navigation under way destroyed the document looked at: the caller waits for the next one
    name, rest = " ".join(look["name"].split()), at_rest(target.page, look["quiet"])
    mark = mark if look["count"] else ""
    return Seen(int(look["count"]), name, look["box"], rest, bool(look["front"]), mark, bool(look["clickable"]))


def picture(page: Page, style: str | None = None) -> bytes:
    """The viewport as a PNG. Chromium now and then cannot capture a tab (Page.captureScreenshot), mostly a background
    tab under load: the tab is brought to the front and pictured again once it has drawn a frame, twice at most, and a
    browser that still cannot is the tool's failure, never the site's."""
    for _ in range(_PICTURE_TRIES - 1):
        try:
            return page.screenshot(style=style)
        except PlaywrightError as failure:
            if "captureScreenshot" not in str(failure) or page.is_closed():
                raise
        page.bring_to_front()
        with contextlib.suppress(PlaywrightError):  # no frame in time, or a page navigating away: pictured as it is
            page.wait_for_function(_NEXT_FRAME, timeout=_FRAME_WAIT_MS)
    try:
        return page.screenshot(style=style)
    except PlaywrightError as failure:
        raise RuntimeError(f"浏览器没能截图（{page.url}）：{str(failure).splitlines()[0]}") from failure


def outlined(page: Page, mark: str) -> bytes:
    """The viewport with the element marked `mark` (Seen.mark, or _SHOW's) outlined in red."""
    return picture(page, OUTLINED.format(mark=mark))


def shown(target: Locator) -> str:
    """The names of every element `target` matches, as the page shows them, joined by 、."""
    return "、".join(re.sub(r"\s+", " ", t).strip() for t in target.all_inner_texts() if t.strip())


def name_of(target: Locator) -> str:
    """One element's name as a student reads it."""
    return re.sub(r"\s+", " ", str(target.evaluate(ELEMENT_NAME))).strip()


def page_summary(page: Page) -> str:
    """Where the student is: the page's heading and its error message, if any (never a dump of the page)."""
    if page.is_closed():
        return "页面已关闭"
    for _ in range(2):  # a page replaced while it was read is read again once it has loaded
        with contextlib.suppress(PlaywrightError):
            heading = shown(page.locator("h1").first)
            alert = shown(page.get_by_role("alert"))
            return f"“{heading or page.title()}”页面" + (f"，提示“{alert}”" if alert else "")
        with contextlib.suppress(PlaywrightError):
            page.wait_for_load_state()
    return "一个仍在载入、读不出标题的页面"


def _nearly_blank(png: bytes) -> bool:
    """True for an image with almost nothing on it (a blank page is no evidence)."""
    with Image.open(io.BytesIO(png)) as image:
        small = image.convert("L").reduce(8)
    return ImageStat.Stat(small).stddev[0] < 2.0


class BlankPicture(RuntimeError):
    """A picture with almost nothing on it: no evidence of a claim."""

    def __init__(self, url: str) -> None:
        super().__init__(f"证据截图几乎是空白的（{url}）：证据必须显示说法所指的页面内容")


def evidence_shot(page: Page) -> bytes:
    """The viewport as the student sees it; a page still blank once it settled is a harness error."""
    png = picture(page)
    if _nearly_blank(png):
        settle(page)  # the next page not painted yet (a click just navigated): pictured again once it settled
        png = picture(page)
        if _nearly_blank(png):
            raise BlankPicture(page.url)
    return png


def pointed_at(target: Locator) -> bytes:
    """The viewport as the student sees it, `target` outlined in red (its blankness is for BlankChecks to judge)."""
    mark = str(next(_marks))  # this picture's element only: an element marked for an earlier one is not outlined
    page_locators.evaluate(target, _SHOW, mark)
    return outlined(target.page, mark)


# Judging a picture blank decodes it (about 15 ms of CPU): done beside the journey, which spends most of its time
# waiting for the browser, instead of before its next call to it. Pillow lets go of the GIL while it decodes.
_JUDGE = ThreadPoolExecutor(max_workers=1, thread_name_prefix="blank-pictures")


@dataclass
class BlankChecks:
    """The pictures of claims taken in one guide step, each judged for blankness beside the journey until verify()."""

    pending: list[tuple[str, Future[bool]]] = field(default_factory=list)

    def add(self, page: Page, png: bytes) -> bytes:
        """Have `png` (a picture of `page`) judged; returns it."""
        self.pending.append((page.url, _JUDGE.submit(_nearly_blank, png)))
        return png

    def verify(self) -> None:
        """Raise BlankPicture for the first picture judged blank (a blank page is no evidence of a claim)."""
        pending, self.pending = self.pending, []
        for url, blank in pending:
            if blank.result():
                raise BlankPicture(url)


def fields_of(form: Locator) -> str:
    """The fields of a form as the student reads them, by their labels, joined by 、."""
    return "、".join(shown(form.locator("label:not(:empty)")).split("、"))
