"""Guide steps as Allure steps: titled in the guide's words, with a screenshot and the claims checked.

Steps are soft, as in an executable specification: a step the site contradicts is recorded with both
sides ("指南：… / 站点：…"), the journey goes on to the guide's next step, and the test fails at its end
with every contradiction. So a changed site shows each stale sentence, not only the first.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path

import allure
from PIL import Image, ImageDraw
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Locator, Page

from e2e.actions import CURRENT_STEP
from fixtures.guide import Claim, Guide, Sentence

# What a step's block may raise when the site is not as the guide says.
SITE_DISAGREES = (AssertionError, PlaywrightError)


@dataclass
class ClaimCheck:
    """One claim a step checked, how it came out, and what the site showed."""

    claim: str
    step: str
    verdict: str  # "confirmed" or "contradicted"
    observed: str = ""
    message: str = ""


def outline(page: Page) -> str:
    """What the page shows, condensed from its accessibility tree: headings, labels, buttons, texts."""
    if page.is_closed():
        return ""
    try:
        tree = page.locator("body").aria_snapshot(timeout=2_000)
    except PlaywrightError:
        return ""
    names = re.findall(r'^\s*- (?:\w+ "([^"]+)"|text: (.+))', tree, flags=re.M)
    parts = [quoted or text.strip('"') for quoted, text in names]
    return "、".join(dict.fromkeys(p for p in parts if p))[:400]


def what_the_site_showed(failure: BaseException, page: Page) -> str:
    """What was expected and not found, and what the page showed instead."""
    text = str(failure).split("站点：")[-1]
    text = re.sub(r"(Call log:|Aria snapshot:).*", "", text, flags=re.S)
    first = re.sub(r"\s*\n\s*", "；", text.strip())[:300]
    shown = outline(page)
    return f"{first}\n页面内容：{shown}" if shown else first


def both_sides(guide_says: str, site_showed: str) -> str:
    """The message of a contradiction, quoting the guide and the site."""
    return f"指南：{guide_says}\n站点：{site_showed}"


@dataclass
class Step:
    """A guide step in progress: where claims are checked and extra evidence attached."""

    sentence: Sentence
    page: Page
    checks: list[ClaimCheck] = field(default_factory=list)

    def _claim(self, claim_id: str) -> Claim:
        known = {c.id: c for c in self.sentence.all_claims()}
        if claim_id not in known:
            raise KeyError(f"{claim_id!r} is not a claim of {self.sentence.id}; known: {sorted(known)}")
        return known[claim_id]

    @contextmanager
    def claim(self, claim_id: str, observed: str = "") -> Iterator[ClaimCheck]:
        """Check one of the guide's claims: the block's assertions confirm it, or contradict it.

        `observed` (or the yielded check's `.observed`) records what the site showed where the guide
        is silent or unclear, such as a button name the guide lost.
        """
        claim = self._claim(claim_id)
        check = ClaimCheck(claim_id, self.sentence.id, "confirmed", observed)
        try:
            yield check
        except SITE_DISAGREES as failure:
            check.verdict, check.message = "contradicted", what_the_site_showed(failure, self.page)
            self.checks.append(check)
            raise AssertionError(both_sides(claim.text, check.message)) from failure
        self.checks.append(check)

    def attach(self, page: Page, name: str) -> None:
        """A screenshot of another page (the phone, the mailbox) as evidence of this step."""
        allure.attach(page.screenshot(full_page=True), name=name, attachment_type=allure.attachment_type.PNG)

    def before_click(self, target: Locator) -> None:
        """The page as the student sees it before clicking, the element to click outlined in red."""
        target.scroll_into_view_if_needed()
        box = target.bounding_box()
        image = Image.open(io.BytesIO(target.page.screenshot()))
        if box:
            pad = 4
            corners = (box["x"] - pad, box["y"] - pad, box["x"] + box["width"] + pad, box["y"] + box["height"] + pad)
            ImageDraw.Draw(image).rounded_rectangle(corners, radius=6, outline="#e53935", width=4)
        shot = io.BytesIO()
        image.save(shot, format="PNG")
        label = re.sub(r"\s+", " ", target.inner_text() or target.get_attribute("aria-label") or "").strip()[:40]
        allure.attach(shot.getvalue(), name=f"点击：{label}", attachment_type=allure.attachment_type.PNG)


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
  window.addEventListener("DOMContentLoaded", async () => { if (window.chsiCaption) show(await window.chsiCaption()); });
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


@dataclass
class Journey:
    """The guide steps one test walks through, in order, and the contradictions met on the way."""

    guide: Guide
    page: Page
    name: str = "journey"
    captions: bool = False
    pause: bool = False
    checks: list[ClaimCheck] = field(default_factory=list)
    steps: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    # (sentence id, title, seconds from the journey's start to the step's start and end), for video captions
    timeline: list[tuple[str, str, float, float]] = field(default_factory=list)
    outcomes: dict[str, str] = field(default_factory=dict)
    started: float = field(default_factory=time.monotonic)
    caption: str = ""

    def __post_init__(self) -> None:
        if self.captions:
            self.page.context.expose_function("chsiCaption", lambda: self.caption)
            self.page.context.add_init_script(CAPTION_SCRIPT)

    def _show_caption(self, page: Page) -> None:
        """Update the band on the page now showing (new pages get it from the init script)."""
        if self.captions and not page.is_closed() and page.url != "about:blank":
            # If the page is being replaced, the new document shows the caption when it loads.
            with contextlib.suppress(PlaywrightError):
                page.evaluate("t => window.__chsiShowCaption && window.__chsiShowCaption(t)", self.caption)

    @contextmanager
    def step(self, sentence_id: str, page: Page | None = None) -> Iterator[Step]:
        """Perform the guide sentence `sentence_id`; its screenshot is taken at the end, pass or fail."""
        sentence = self.guide.sentence(sentence_id)
        current = Step(sentence, page or self.page)
        self.steps.append(sentence_id)
        self.caption = sentence.title
        self._show_caption(current.page)
        begun = time.monotonic() - self.started
        token = CURRENT_STEP.set(current)
        recorded: BaseException | None = None
        try:
            with allure.step(sentence.title):
                try:
                    yield current
                except SITE_DISAGREES as failure:
                    self._contradicted(current, failure)
                    recorded = failure
                    raise
                else:
                    if sentence.possible:
                        # Reaching the end of a step's block is what shows its action can be done.
                        current.checks.append(ClaimCheck(sentence.possible.id, sentence_id, "confirmed"))
                finally:
                    CURRENT_STEP.reset(token)
                    self.checks.extend(current.checks)
                    self._finish_step(current, begun)
        except SITE_DISAGREES as raised:
            if raised is not recorded:
                raise  # a failure of the harness itself, not the site disagreeing: never swallowed
            # recorded; the journey goes on to the guide's next step

    def _finish_step(self, current: Step, begun: float) -> None:
        """The step's closing screenshot, what the page now shows, its timing, and a trainer's pause."""
        sentence_id = current.sentence.id
        self.timeline.append((sentence_id, current.sentence.title, begun, time.monotonic() - self.started))
        page = current.page
        if not page.is_closed():
            page.wait_for_load_state()  # a click may have started a navigation: show where it landed
            self._show_caption(page)
            current.attach(page, f"{sentence_id} 截图")
            heading = page.locator("h1")
            self.outcomes[sentence_id] = heading.first.inner_text() if heading.count() else ""
        if self.pause:
            input(f"\n【{sentence_id}】{current.sentence.title}\n完成。按回车继续下一步……")

    def _contradicted(self, current: Step, failure: BaseException) -> None:
        """Record a failed step: a step the site stopped cannot be done as written, whichever check failed."""
        site_showed = what_the_site_showed(failure, current.page)
        if current.sentence.possible:
            possible = current.sentence.possible
            current.checks.append(ClaimCheck(possible.id, current.sentence.id, "contradicted", message=site_showed))
        # A failed claim already quotes both sides; any other failure quotes the step's sentence.
        said = str(failure) if str(failure).startswith("指南：") else both_sides(current.sentence.title, site_showed)
        self.failures.append(f"[{current.sentence.id}] {said}")

    def record(self) -> None:
        """Leave the claims checked, and what each step led to, in the Allure result."""
        for claim in dict.fromkeys(c.claim for c in self.checks):
            allure.dynamic.label("claim", claim)
        summary = {"steps": self.steps, "checks": [asdict(c) for c in self.checks], "outcomes": self.outcomes}
        allure.attach(
            json.dumps(summary, ensure_ascii=False, indent=1),
            name="guide-claims",
            attachment_type=allure.attachment_type.JSON,
        )

    def write_captions(self, folder: Path) -> Path:
        """Write the WebVTT file for this journey's video."""
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / f"{self.name}.vtt"
        target.write_text(webvtt(self.timeline), encoding="utf-8")
        return target
