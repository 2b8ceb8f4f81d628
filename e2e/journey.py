"""Guide steps as Allure steps: titled in the guide's words, with a screenshot and the claims checked."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import allure
from playwright.sync_api import Page

from fixtures.guide import Guide, Sentence


@dataclass
class ClaimCheck:
    """One claim a step checked, and how it came out."""

    claim: str
    step: str
    verdict: str  # "confirmed" or "contradicted"
    observed: str = ""


@dataclass
class Step:
    """A guide step in progress: where claims are checked and extra evidence attached."""

    sentence: Sentence
    page: Page
    checks: list[ClaimCheck] = field(default_factory=list)

    @contextmanager
    def claim(self, claim_id: str, observed: str = "") -> Iterator[None]:
        """Check one of the guide's claims: the block's assertions confirm it, or contradict it.

        `observed` records what the site showed where the guide is silent (a lost button name).
        """
        known = {c.id for c in self.sentence.all_claims()}
        if claim_id not in known:
            raise KeyError(f"{claim_id!r} is not a claim of {self.sentence.id}; known: {sorted(known)}")
        try:
            yield
        except AssertionError as failure:
            self.checks.append(ClaimCheck(claim_id, self.sentence.id, "contradicted", str(failure)))
            raise
        self.checks.append(ClaimCheck(claim_id, self.sentence.id, "confirmed", observed))

    def attach(self, page: Page, name: str) -> None:
        """A screenshot of another page (the phone, the mailbox) as evidence of this step."""
        allure.attach(page.screenshot(full_page=True), name=name, attachment_type=allure.attachment_type.PNG)


@dataclass
class Journey:
    """The guide steps one test walks through, in order."""

    guide: Guide
    page: Page
    checks: list[ClaimCheck] = field(default_factory=list)
    steps: list[str] = field(default_factory=list)

    @contextmanager
    def step(self, sentence_id: str, page: Page | None = None) -> Iterator[Step]:
        """Perform the guide sentence `sentence_id`; its screenshot is taken at the end, pass or fail."""
        sentence = self.guide.sentence(sentence_id)
        current = Step(sentence, page or self.page)
        self.steps.append(sentence_id)
        with allure.step(sentence.title):
            possible = sentence.possible
            try:
                yield current
            except AssertionError as failure:
                if possible and not any(c.verdict == "contradicted" for c in current.checks):
                    current.checks.append(ClaimCheck(possible.id, sentence_id, "contradicted", str(failure)))
                raise
            else:
                if possible:
                    # Reaching the end of a step's block is what shows its action can be done.
                    current.checks.append(ClaimCheck(possible.id, sentence_id, "confirmed"))
            finally:
                self.checks.extend(current.checks)
                if not current.page.is_closed():
                    current.attach(current.page, f"{sentence_id} 截图")

    def record(self) -> None:
        """Leave the claims checked in the Allure result, for the audit."""
        for claim in dict.fromkeys(c.claim for c in self.checks):
            allure.dynamic.label("claim", claim)
        payload = [c.__dict__ for c in self.checks]
        allure.attach(
            json.dumps({"steps": self.steps, "checks": payload}, ensure_ascii=False, indent=1),
            name="guide-claims",
            attachment_type=allure.attachment_type.JSON,
        )
