"""Where a journey's steps are recorded: the Allure result, the trace's groups, a replay's captions, a trainer's pause.

A Journey knows steps, claims and soft failures; it tells each recorder when a step begins, settles and ends,
what picture to attach, and when the journey is over (as pytest-playwright's artifacts recorder handles traces,
videos and screenshots for a test).
"""

from __future__ import annotations

import contextlib
import time
from pathlib import Path
from typing import Protocol

import allure
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page

from guidebook.model import Guide, Sentence
from harness.evidence import CLAIMS_ATTACHMENT, LABEL_CLAIM, LABEL_FAILURE, LABEL_VERDICT, JourneyRecord, Verdict


class Recorder(Protocol):
    """What a journey tells whoever records it."""

    def begin(self, sentence: Sentence, page: Page) -> None:
        """A guide step begins on `page`."""

    def settle(self, page: Page) -> None:
        """The step's actions are done; its closing picture is taken next."""

    def attach(self, name: str, png: bytes) -> None:
        """A picture of the step under way."""

    def end(self, sentence: Sentence) -> None:
        """The step is over, pass or fail."""

    def finish(self, record: JourneyRecord) -> None:
        """The journey is over: keep what it found."""


class AllureRecorder:
    """Each step an Allure step titled in the guide's words, its pictures attached; the claims and labels at the end."""

    def __init__(self, guide: Guide) -> None:
        self.guide = guide
        self.open: list[contextlib.AbstractContextManager[object]] = []

    def begin(self, sentence: Sentence, page: Page) -> None:
        step = allure.step(sentence.title)
        step.__enter__()
        self.open.append(step)

    def settle(self, page: Page) -> None:
        """Nothing to do before the picture."""

    def attach(self, name: str, png: bytes) -> None:
        allure.attach(png, name=name, attachment_type=allure.attachment_type.PNG)

    def end(self, sentence: Sentence) -> None:
        self.open.pop().__exit__(None, None, None)

    def finish(self, record: JourneyRecord) -> None:
        """Leave the claims checked, and what each step led to, in the Allure result."""
        for claim in dict.fromkeys(c.claim for c in record.checks):
            allure.dynamic.label(LABEL_CLAIM, claim)
        for sentence_id in dict.fromkeys(record.steps):
            # A tag per guide sentence performed, e.g. 一、第九步: the report's search finds 第九步 among tags.
            section = self.guide.section_of(sentence_id).title.split("、")[0]
            allure.dynamic.tag(f"{section}、{self.guide.sentence(sentence_id).label}")
        # What the report's categories sort by: the verdicts this journey's checks reached, and why it stopped.
        verdicts = {c.verdict for c in record.checks}
        if any(c.verdict is Verdict.CONFIRMED and self.guide.claims()[c.claim].unclear for c in record.checks):
            verdicts.add(Verdict.UNCLEAR)
        for verdict in sorted(verdicts):
            allure.dynamic.label(LABEL_VERDICT, str(verdict))
        if record.failure is not None:
            allure.dynamic.label(LABEL_FAILURE, str(record.failure))
        allure.attach(record.dump(), name=CLAIMS_ATTACHMENT, attachment_type=allure.attachment_type.JSON)


class TraceGroups:
    """The trace viewer shows the guide's steps as groups, as Playwright's HTML report does."""

    def __init__(self, page: Page) -> None:
        self.tracing = page.context.tracing

    def begin(self, sentence: Sentence, page: Page) -> None:
        self.tracing.group(sentence.title)

    def settle(self, page: Page) -> None:
        """Nothing to do before the picture."""

    def attach(self, name: str, png: bytes) -> None:
        """Pictures are the trace's own."""

    def end(self, sentence: Sentence) -> None:
        self.tracing.group_end()

    def finish(self, record: JourneyRecord) -> None:
        """The trace is stopped by whoever started it."""


# The band a replay shows at the bottom of every page: the guide step being performed.
CAPTION_SCRIPT = """
(() => {
  // A closed shadow root: seen in screenshots and videos, invisible to the journeys' selectors.
  let text = null;
  const show = (caption) => {
    if (!text) {
      const host = document.createElement("chsi-caption");
      const root = host.attachShadow({ mode: "closed" });
      text = document.createElement("div");
      text.style.cssText = "position:fixed;left:0;right:0;bottom:0;z-index:2147483647;background:rgba(16,42,84,.93);"
        + "color:#fff;font:18px/1.5 'Noto Sans CJK SC',sans-serif;padding:10px 24px;pointer-events:none";
      root.appendChild(text);
      document.documentElement.appendChild(host);
    }
    text.textContent = caption;
  };
  window.__chsiShowCaption = show;
  window.addEventListener("DOMContentLoaded", async () => {
    if (window.chsiCaption) show(await window.chsiCaption());
  });
})();
"""


def webvtt(timeline: list[tuple[str, str, float, float]]) -> str:
    """WebVTT cues from (id, title, start, end) seconds: long enough to read, gone before the next."""

    def stamp(seconds: float) -> str:
        whole = int(seconds)
        return f"{whole // 3600:02d}:{whole // 60 % 60:02d}:{whole % 60:02d}.{int(seconds % 1 * 1000):03d}"

    cues = []
    for n, (_, title, start, end) in enumerate(timeline, 1):
        following = timeline[n][2] if n < len(timeline) else end + 2
        cues.append(f"{n}\n{stamp(start)} --> {stamp(min(max(end, start + 1.5), following))}\n{title}")
    return "WEBVTT\n\n" + "\n\n".join(cues) + "\n"


class Captions:
    """A replay's captions: the current step in a band on every page, and a WebVTT file for the video."""

    def __init__(self, page: Page, folder: Path, name: str) -> None:
        self.folder, self.name = folder, name
        self.caption = ""
        self.started = time.monotonic()
        self.begun = 0.0
        # (sentence id, title, seconds from the journey's start to the step's start and end), for the video
        self.timeline: list[tuple[str, str, float, float]] = []
        page.context.expose_function("chsiCaption", lambda: self.caption)
        page.context.add_init_script(CAPTION_SCRIPT)

    def _show(self, page: Page) -> None:
        """Update the band on the page now showing (new pages get it from the init script)."""
        if not page.is_closed() and page.url != "about:blank":
            # If the page is being replaced, the new document shows the caption when it loads.
            with contextlib.suppress(PlaywrightError):
                page.evaluate("t => window.__chsiShowCaption && window.__chsiShowCaption(t)", self.caption)

    def begin(self, sentence: Sentence, page: Page) -> None:
        self.caption, self.begun = sentence.title, time.monotonic() - self.started
        self._show(page)

    def settle(self, page: Page) -> None:
        self._show(page)  # the closing picture shows the band too

    def attach(self, name: str, png: bytes) -> None:
        """Pictures go to the report, not the captions."""

    def end(self, sentence: Sentence) -> None:
        self.timeline.append((sentence.id, sentence.title, self.begun, time.monotonic() - self.started))

    def finish(self, record: JourneyRecord) -> None:
        """Write the WebVTT file for this journey's video."""
        self.folder.mkdir(parents=True, exist_ok=True)
        (self.folder / f"{self.name}.vtt").write_text(webvtt(self.timeline), encoding="utf-8")


class Pause:
    """A trainer's pace: wait for Enter after each step (needs pytest -s)."""

    def begin(self, sentence: Sentence, page: Page) -> None:
        """Nothing to do as a step begins."""

    def settle(self, page: Page) -> None:
        """Nothing to do before the picture."""

    def attach(self, name: str, png: bytes) -> None:
        """Pictures are not shown here."""

    def end(self, sentence: Sentence) -> None:
        input(f"\n【{sentence.id}】{sentence.title}\n完成。按回车继续下一步……")

    def finish(self, record: JourneyRecord) -> None:
        """Nothing to keep."""
