"""Where a journey's steps are recorded: the Allure result and the trace's groups (a replay's own: replay.py).

A Journey knows steps, claims and soft failures; it tells each recorder when a step begins, settles and ends,
what picture to attach, and when the journey is over (as pytest-playwright's artifacts recorder handles traces,
videos and screenshots for a test).
"""

from __future__ import annotations

import contextlib

import allure
from playwright.sync_api import Page

from guidebook.model import Guide, Sentence
from harness.evidence import CLAIMS_ATTACHMENT, LABEL_CLAIM, LABEL_FAILURE, LABEL_VERDICT, JourneyRecord, Verdict
from harness.tracing import TRACED


class Recorder:
    """What a journey tells whoever records it; each recorder overrides only what it needs."""

    def begin(self, sentence: Sentence, page: Page) -> None:
        """A guide step begins on `page`."""

    def settle(self, page: Page) -> None:
        """The step's actions are done; its closing picture is taken next."""

    def attach(self, name: str, png: bytes, page: Page) -> None:
        """A picture of `page` (the step's, or the phone or mailbox it sends the student to)."""

    def end(self, sentence: Sentence) -> None:
        """The step is over, pass or fail."""

    def finish(self, record: JourneyRecord) -> None:
        """The journey is over: keep what it found."""


class AllureRecorder(Recorder):
    """Each step an Allure step titled in the guide's words, its pictures attached; the claims and labels at the end."""

    def __init__(self, guide: Guide) -> None:
        self.guide = guide
        self.open: list[contextlib.AbstractContextManager[object]] = []

    def begin(self, sentence: Sentence, page: Page) -> None:
        step = allure.step(sentence.title)
        step.__enter__()
        self.open.append(step)

    def attach(self, name: str, png: bytes, page: Page) -> None:
        allure.attach(png, name=name, attachment_type=allure.attachment_type.PNG)

    def end(self, sentence: Sentence) -> None:
        self.open.pop().__exit__(None, None, None)

    def finish(self, record: JourneyRecord) -> None:
        """Leave the claims checked, and what each step led to, in the Allure result."""
        for claim in dict.fromkeys(c.claim for c in record.checks):
            allure.dynamic.label(LABEL_CLAIM, claim)
        for sentence_id in dict.fromkeys(record.steps):
            # A tag per guide sentence performed, e.g. 一、第九步: the report's search finds 第九步 among tags.
            allure.dynamic.tag(self.guide.place(sentence_id))
        # What the report's categories sort by: the verdicts this journey's checks reached, and why it stopped.
        verdicts = {c.verdict for c in record.checks}
        if any(c.verdict is Verdict.CONFIRMED and self.guide.claims()[c.claim].unclear for c in record.checks):
            verdicts.add(Verdict.UNCLEAR)
        for verdict in sorted(verdicts):
            allure.dynamic.label(LABEL_VERDICT, str(verdict))
        if record.failure is not None:
            allure.dynamic.label(LABEL_FAILURE, str(record.failure))
        allure.attach(record.dump(), name=CLAIMS_ATTACHMENT, attachment_type=allure.attachment_type.JSON)


class TraceGroups(Recorder):
    """The trace viewer shows the guide's steps as groups, as Playwright's HTML report does."""

    def __init__(self, page: Page) -> None:
        self.context = page.context

    def begin(self, sentence: Sentence, page: Page) -> None:
        if self.context in TRACED:
            self.context.tracing.group(sentence.title)

    def end(self, sentence: Sentence) -> None:
        if self.context in TRACED:
            self.context.tracing.group_end()
