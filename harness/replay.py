"""What a replay adds to a journey: the guide step in a band on the page, the phone or mailbox beside the site, and
a trainer's pause. Each is a Recorder (recorders.py), given to the journey by the plugin when a replay asks for it."""

from __future__ import annotations

import base64
import contextlib
import time
from pathlib import Path
from typing import Any

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page

from guidebook.model import Sentence
from harness.evidence import JourneyRecord
from mock_server import urls

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
    const caption = window.chsiCaption ? await window.chsiCaption() : "";
    if (caption) show(caption);
  });
})();
"""

# The phone or mailbox in a frame at the site's right, above the caption band, while the guide sends the student there.
DEVICE_SCRIPT = """
(() => {
  let panel = null, title = null, picture = null;
  const show = (device) => {
    if (!panel) {
      const host = document.createElement("chsi-device");
      const root = host.attachShadow({ mode: "closed" });
      panel = document.createElement("div");
      panel.style.cssText = "position:fixed;top:12px;right:12px;width:396px;z-index:2147483646;background:#1b1b1b;"
        + "border-radius:26px;padding:12px 12px 18px;box-shadow:0 6px 24px rgba(0,0,0,.45);pointer-events:none";
      title = document.createElement("div");
      title.style.cssText = "color:#fff;font:16px/1.6 'Noto Sans CJK SC',sans-serif;text-align:center;"
        + "margin-bottom:6px";
      picture = document.createElement("img");
      picture.style.cssText = "display:block;width:100%;border-radius:8px;background:#fff";
      panel.append(title, picture);
      root.appendChild(panel);
      document.documentElement.appendChild(host);
    }
    panel.style.display = device ? "block" : "none";
    if (device) {
      title.textContent = device.title;
      picture.src = device.picture;
    }
  };
  window.__chsiShowDevice = show;
  window.addEventListener("DOMContentLoaded", async () => {
    if (window.chsiDevice) show(await window.chsiDevice());
  });
})();
"""

# What the panel calls each device, by the address its page shows.
DEVICES = {urls.WEBMAIL: "学生的邮箱", urls.PHONE: "学生的手机（短信）"}
# A phone-sized page: its text stays readable in the panel (372 px of picture for 390 px of page).
DEVICE_VIEWPORT = {"width": 390, "height": 600}


def device_of(page: Page) -> str:
    """The device a page shows (学生的邮箱, 学生的手机（短信）), or "" for the site."""
    return next((name for address, name in DEVICES.items() if page.url.startswith(address)), "")


def webvtt(timeline: list[tuple[str, str, float, float]]) -> str:
    """WebVTT cues from (id, title, start, end) seconds: long enough to read, gone before the next; each cue is
    identified by its sentence id."""

    def stamp(seconds: float) -> str:
        whole = int(seconds)
        return f"{whole // 3600:02d}:{whole // 60 % 60:02d}:{whole % 60:02d}.{int(seconds % 1 * 1000):03d}"

    cues = []
    for n, (sentence_id, title, start, end) in enumerate(timeline, 1):
        following = timeline[n][2] if n < len(timeline) else end + 2
        cues.append(f"{sentence_id}\n{stamp(start)} --> {stamp(min(max(end, start + 1.5), following))}\n{title}")
    return "WEBVTT\n\n" + "\n\n".join(cues) + "\n"


class Captions:
    """A replay's captions: the current step in a band on every page, and a WebVTT file timed to the video of the
    student's page."""

    def __init__(self, page: Page, folder: Path, name: str) -> None:
        self.folder, self.name = folder, name
        self.caption = ""
        # The video starts when the page is made, just before the journey (the page's own clock is the site's,
        # moved by the tests, so it cannot say when): cues may run a fraction of a second early.
        self.started = time.monotonic()
        self.begun = 0.0
        # (sentence id, title, seconds from the video's start to the step's start and end)
        self.timeline: list[tuple[str, str, float, float]] = []
        # The phone and mailbox show no band: their pictures go beside the site, which has one (DeviceBeside).
        page.context.expose_binding("chsiCaption", lambda source: "" if device_of(source["page"]) else self.caption)
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

    def attach(self, name: str, png: bytes, page: Page) -> None:
        """Pictures go to the report, not the captions."""

    def end(self, sentence: Sentence) -> None:
        self.timeline.append((sentence.id, sentence.title, self.begun, time.monotonic() - self.started))

    def finish(self, record: JourneyRecord) -> None:
        """Write the WebVTT file for this journey's video."""
        self.folder.mkdir(parents=True, exist_ok=True)
        (self.folder / f"{self.name}.vtt").write_text(webvtt(self.timeline), encoding="utf-8")


class DeviceBeside:
    """The phone or mailbox the guide sends the student to, shown beside the site from the moment the journey reads it
    to the end of the step: one video shows both."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.device: dict[str, str] | None = None
        page.context.expose_binding("chsiDevice", self._for)
        page.context.add_init_script(DEVICE_SCRIPT)

    def _for(self, source: dict[str, Any]) -> dict[str, str] | None:
        """Only the student's page shows the panel; the device's own page is itself."""
        return self.device if source["page"] == self.page else None

    def _show(self) -> None:
        if not self.page.is_closed():
            with contextlib.suppress(PlaywrightError):  # a page being replaced shows it when the new one loads
                self.page.evaluate("d => window.__chsiShowDevice && window.__chsiShowDevice(d)", self.device)

    def begin(self, sentence: Sentence, page: Page) -> None:
        """Nothing to show as a step begins."""

    def settle(self, page: Page) -> None:
        """The panel is already there for the closing picture."""

    def attach(self, name: str, png: bytes, page: Page) -> None:
        """A picture of the phone or mailbox: show that device, at a phone's size, beside the site."""
        device = device_of(page)
        if page == self.page or not device:
            return
        page.set_viewport_size(DEVICE_VIEWPORT)  # type: ignore[arg-type]
        picture = base64.b64encode(page.screenshot()).decode()
        self.device = {"title": device, "picture": f"data:image/png;base64,{picture}"}
        self._show()

    def end(self, sentence: Sentence) -> None:
        if self.device is not None:
            self.device = None
            self._show()

    def finish(self, record: JourneyRecord) -> None:
        """Nothing to keep."""


class Pause:
    """A trainer's pace: wait for Enter after each step, and bring the phone or mailbox forward when the guide sends
    the student there (needs pytest -s)."""

    def __init__(self, page: Page) -> None:
        self.page = page

    def begin(self, sentence: Sentence, page: Page) -> None:
        """Nothing to do as a step begins."""

    def settle(self, page: Page) -> None:
        """Nothing to do before the picture."""

    def attach(self, name: str, png: bytes, page: Page) -> None:
        """The student looks at the phone or mailbox: its tab comes to the front until Enter."""
        device = device_of(page)
        if page == self.page or not device:
            return
        page.bring_to_front()
        input(f"\n现在看{device}的页面。按回车回到学信网……")
        self.page.bring_to_front()

    def end(self, sentence: Sentence) -> None:
        input(f"\n【{sentence.id}】{sentence.title}\n完成。按回车继续下一步……")

    def finish(self, record: JourneyRecord) -> None:
        """Nothing to keep."""
