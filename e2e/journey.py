"""Guide steps as Allure steps: titled in the guide's words, with a screenshot and the claims checked.

Steps are soft, as in an executable specification: a step the site contradicts is recorded with both
sides ("指南：… / 站点：…"), the journey goes on to the guide's next step, and the test fails at its end
with every contradiction. So a changed site shows each stale sentence, not only the first.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field

import allure
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page

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


@dataclass
class Journey:
    """The guide steps one test walks through, in order, and the contradictions met on the way."""

    guide: Guide
    page: Page
    checks: list[ClaimCheck] = field(default_factory=list)
    steps: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)

    @contextmanager
    def step(self, sentence_id: str, page: Page | None = None) -> Iterator[Step]:
        """Perform the guide sentence `sentence_id`; its screenshot is taken at the end, pass or fail."""
        sentence = self.guide.sentence(sentence_id)
        current = Step(sentence, page or self.page)
        self.steps.append(sentence_id)
        try:
            with allure.step(sentence.title):
                try:
                    yield current
                except SITE_DISAGREES as failure:
                    self._contradicted(current, failure)
                    raise
                else:
                    if sentence.possible:
                        # Reaching the end of a step's block is what shows its action can be done.
                        current.checks.append(ClaimCheck(sentence.possible.id, sentence_id, "confirmed"))
                finally:
                    self.checks.extend(current.checks)
                    if not current.page.is_closed():
                        current.attach(current.page, f"{sentence_id} 截图")
        except SITE_DISAGREES:
            pass  # recorded; the journey goes on to the guide's next step

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
        """Leave the claims checked in the Allure result, for the audit."""
        for claim in dict.fromkeys(c.claim for c in self.checks):
            allure.dynamic.label("claim", claim)
        allure.attach(
            json.dumps({"steps": self.steps, "checks": [asdict(c) for c in self.checks]}, ensure_ascii=False, indent=1),
            name="guide-claims",
            attachment_type=allure.attachment_type.JSON,
        )
