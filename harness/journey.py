"""Guide steps and their claims, checked softly, each with its evidence picture; recorders keep them (recorders.py).

Steps and claims are soft, as in an executable specification. The first check the site contradicts is
recorded with both sides ("指南：… / 站点：…") and its evidence; the journey goes on by whatever path the site
still allows, and the test fails at its end. A check that fails after that is not counted against the guide:
it is "not reached" (因第N步与站点不符而未能执行), since the journey is no longer where the guide would have it.
"""

from __future__ import annotations

import contextlib
import io
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from PIL import Image, ImageStat
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Locator, Page, expect

from fixtures.guide import Claim, Guide, Sentence
from harness.actions import CURRENT_STEP
from harness.evidence import (
    ACTION_PREFIX,
    Action,
    ClaimCheck,
    Verdict,
    claim_shot,
    step_shot,
)
from harness.failures import in_chinese
from harness.recorders import Recorder

# What a check may raise when the site is not as the guide says.
SITE_DISAGREES = (AssertionError, PlaywrightError)
# Once the journey has left the guide's path, a later check waits this long (ms) before it is "not reached".
AFTER_A_CONTRADICTION = 500
Observer = Callable[[], str]

_OUTLINE = """(el, on) => {
  if (on) { el.dataset.chsiOutline = el.style.outline || " "; el.style.outline = "4px solid #e53935";
            el.style.outlineOffset = "3px"; }
  else { el.style.outline = el.dataset.chsiOutline.trim(); el.style.outlineOffset = ""; delete el.dataset.chsiOutline; }
}"""


# How a student names an element: a field by its label, a button or link by its text.
_ELEMENT_NAME = """el => (el.labels && el.labels.length ? el.labels[0].innerText
                          : el.innerText || el.getAttribute("aria-label") || el.value || el.name || "")"""


def shown(target: Locator) -> str:
    """The names of every element `target` matches, as the page shows them, joined by 、."""
    return "、".join(re.sub(r"\s+", " ", t).strip() for t in target.all_inner_texts() if t.strip())


def page_summary(page: Page) -> str:
    """Where the student is: the page's heading and its error message, if any (never a dump of the page)."""
    if page.is_closed():
        return "页面已关闭"
    with contextlib.suppress(PlaywrightError):
        heading = shown(page.locator("h1").first)
        alert = shown(page.get_by_role("alert"))
        return f"“{heading or page.title()}”页面" + (f"，提示“{alert}”" if alert else "")
    return "（无法读取页面）"


def both_sides(guide_says: str, site_showed: str) -> str:
    """The message of a contradiction, quoting the guide and the site."""
    return f"指南：{guide_says}\n站点：{site_showed}"


def _nearly_blank(png: bytes) -> bool:
    """True for an image with almost nothing on it (a blank page is no evidence)."""
    with Image.open(io.BytesIO(png)) as image:
        small = image.convert("L").reduce(8)
    return ImageStat.Stat(small).stddev[0] < 2.0


def evidence_shot(page: Page, target: Locator | None = None, *, of_a_claim: bool = True) -> bytes:
    """The viewport as the student sees it, `target` outlined in red; a blank picture of a claim is a harness error."""
    if target is not None:
        target.scroll_into_view_if_needed()
        target.evaluate(_OUTLINE, True)
    try:
        png = page.screenshot()
    finally:
        if target is not None:
            with contextlib.suppress(PlaywrightError):
                target.evaluate(_OUTLINE, False)
    if of_a_claim and _nearly_blank(png):
        raise RuntimeError(f"证据截图几乎是空白的（{page.url}）：证据必须显示说法所指的页面内容")
    return png


@dataclass
class Step:
    """A guide step in progress: where claims are checked and extra evidence attached."""

    sentence: Sentence
    page: Page
    journey: Journey
    checks: list[ClaimCheck] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    active: ClaimCheck | None = None

    def _claim(self, claim_id: str) -> Claim:
        known = {c.id: c for c in self.sentence.all_claims()}
        if claim_id not in known:
            raise KeyError(f"{claim_id!r} is not a claim of {self.sentence.id}; known: {sorted(known)}")
        return known[claim_id]

    @contextmanager
    def claim(self, claim_id: str, observed: str = "", observe: Observer | None = None) -> Iterator[ClaimCheck]:
        """Check one of the guide's claims: the block's assertions confirm it, or contradict it.

        `observed` (or the yielded check's `.observed`) is what the site shows where the guide is silent or
        unclear, such as a button name the guide lost; `observe` reads it from the page when the block ends,
        so a contradiction can say what the site shows instead.
        """
        claim = self._claim(claim_id)
        check = ClaimCheck(claim_id, self.sentence.id, Verdict.CONFIRMED, observed)
        self.active = check
        try:
            yield check
        except SITE_DISAGREES as failure:
            self.journey.failed(check, claim.text, failure, observe, self.page)
        else:
            if observe and claim.unclear and not check.observed:
                check.observed = observe()  # the name the guide lost, read from the page
        finally:
            self.active = None
        if not check.evidence:
            check.evidence = claim_shot(claim_id)
            self.attach_shot(check.evidence, evidence_shot(self.page))
        self.checks.append(check)

    def attach(self, page: Page, name: str) -> None:
        """A screenshot of another page (the phone, the mailbox) as evidence of this step."""
        self.attach_shot(name, page.screenshot())

    def attach_shot(self, name: str, png: bytes) -> None:
        """Attach a picture to the step under way."""
        for recorder in self.journey.recorders:
            recorder.attach(name, png)

    def before_action(self, target: Locator, kind: str, value: str = "") -> None:
        """The page as the student sees it before acting, the element outlined; kept for the handout and, if a claim
        is open, as its evidence."""
        label = re.sub(r"\s+", " ", target.evaluate(_ELEMENT_NAME)).strip()[:40]
        name = f"{ACTION_PREFIX[kind]}{label}"
        # Only a picture that becomes a claim's evidence is checked for blankness (the check decodes the image).
        self.attach_shot(name, evidence_shot(target.page, target, of_a_claim=self.active is not None))
        box = target.bounding_box()
        place = {key: round(box[key]) for key in ("x", "y", "width", "height")} if box is not None else {}
        self.actions.append(Action(kind, label, value, name, place))
        if self.active is not None and not self.active.evidence:
            self.active.evidence = name

    def point_at(self, target: Locator) -> None:
        """Make `target`, outlined, the evidence of the claim being checked."""
        if self.active is None:
            raise RuntimeError("point_at() belongs inside step.claim(...)")
        self.active.evidence = claim_shot(self.active.claim)
        self.attach_shot(self.active.evidence, evidence_shot(self.page, target))


@dataclass
class Journey:
    """The guide steps one test walks through, in order, and the contradictions met on the way."""

    guide: Guide
    page: Page
    name: str = "journey"
    # Who records the steps (Allure, the trace, captions, a trainer's pause): harness/recorders.py.
    recorders: list[Recorder] = field(default_factory=list)
    checks: list[ClaimCheck] = field(default_factory=list)
    steps: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    # The sentence whose check first disagreed with the site: every later failure is "not reached" because of it.
    blocker: Sentence | None = None
    outcomes: dict[str, str] = field(default_factory=dict)
    # What the student did in each step, in order, for the handout.
    actions: dict[str, list[Action]] = field(default_factory=dict)

    @contextmanager
    def past_a_contradiction(self) -> Iterator[None]:
        """Let checks outside the steps fail once the site has contradicted the guide: the journey has left its path.

        For a journey expected to meet a stale sentence (the site_profile marker); without a contradiction first,
        a failure is raised as usual.
        """
        try:
            yield
        except SITE_DISAGREES:
            if self.blocker is None:
                raise

    def contradicted(self) -> set[str]:
        """The guide sentences whose checks the site contradicted."""
        return {c.step for c in self.checks if c.verdict is Verdict.CONTRADICTED}

    def unreached_reason(self) -> str:
        """Why a check after the first contradiction does not count: 因第N步与站点不符而未能执行."""
        assert self.blocker is not None
        label = self.blocker.label
        return f"因{label}与站点不符而未能执行" if self.blocker.numbered else f"因“{label}”与站点不符而未能执行"

    def failed(self, check: ClaimCheck, guide_says: str, failure: BaseException, observe: Observer | None,
               page: Page) -> None:  # fmt: skip
        """A check the site did not pass: the first contradiction of the journey, or a check no longer reached."""
        if self.blocker is not None:
            check.verdict, check.reason = Verdict.NOT_REACHED, self.unreached_reason()
            return
        check.verdict = Verdict.CONTRADICTED
        if observe is not None:
            with contextlib.suppress(*SITE_DISAGREES):
                check.observed = observe()
        site_showed = in_chinese(failure) + f"（当时在{page_summary(page)}）"
        check.message, check.site = both_sides(guide_says, site_showed), site_showed
        self.blocker = self.guide.sentence(check.step)
        self.failures.append(f"[{check.step}] {check.message}")
        # The journey is off the guide's path: later checks need not wait long to find that out.
        page.context.set_default_timeout(AFTER_A_CONTRADICTION)
        expect.set_options(timeout=AFTER_A_CONTRADICTION)

    @contextmanager
    def step(self, sentence_id: str, page: Page | None = None, observe: Observer | None = None) -> Iterator[Step]:
        """Perform the guide sentence `sentence_id`; its screenshot is taken at the end, pass or fail.

        `observe` reads from the page what the site offers instead, should the step's own action fail.
        """
        sentence = self.guide.sentence(sentence_id)
        current = Step(sentence, page or self.page, self)
        self.steps.append(sentence_id)
        for recorder in self.recorders:
            recorder.begin(sentence, current.page)
        token = CURRENT_STEP.set(current)
        try:
            stopped = False
            try:
                yield current
            except SITE_DISAGREES as failure:
                stopped = True
                if sentence.possible:
                    possible = ClaimCheck(sentence.possible.id, sentence_id, Verdict.CONFIRMED)
                    self.failed(possible, sentence.possible.text, failure, observe, current.page)
                    current.checks.append(possible)
            finally:
                CURRENT_STEP.reset(token)
            self._close_step(current, stopped)
            self._finish_step(current)
        finally:
            for recorder in reversed(self.recorders):
                recorder.end(sentence)

    def _close_step(self, current: Step, stopped: bool) -> None:
        """The step's own claim (its action can be done) and the claims it never got to, once it has ended."""
        sentence, checked = current.sentence, {c.claim for c in current.checks}
        broken = stopped or any(c.verdict is not Verdict.CONFIRMED for c in current.checks)
        if sentence.possible and sentence.possible.id not in checked:
            # Reaching the end of a step's block cleanly is what shows its action can be done.
            verdict = Verdict.NOT_REACHED if broken else Verdict.CONFIRMED
            current.checks.append(ClaimCheck(sentence.possible.id, sentence.id, verdict))
        if broken and self.blocker is not None:
            for claim in sentence.claims:
                if claim.id not in checked:
                    current.checks.append(ClaimCheck(claim.id, sentence.id, Verdict.NOT_REACHED))
            for check in current.checks:
                if check.verdict is Verdict.NOT_REACHED and not check.reason:
                    check.reason = self.unreached_reason()
        self.checks.extend(current.checks)
        self.actions.setdefault(sentence.id, []).extend(current.actions)

    def _finish_step(self, current: Step) -> None:
        """The step's closing screenshot and what the page now shows."""
        sentence_id, page = current.sentence.id, current.page
        if not page.is_closed():
            with contextlib.suppress(PlaywrightError):
                page.wait_for_load_state()  # a click may have started a navigation: show where it landed
            for recorder in self.recorders:
                recorder.settle(page)
            current.attach(page, step_shot(sentence_id))
            heading = page.locator("h1")
            self.outcomes[sentence_id] = heading.first.inner_text() if heading.count() else ""

    def finish(self) -> None:
        """The journey is over: each recorder keeps what it found."""
        for recorder in self.recorders:
            recorder.finish(self)
