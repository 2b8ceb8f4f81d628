"""Illustrated handouts, one per procedure, regenerated from the journeys' recorded steps."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader
from playwright.sync_api import Browser, sync_playwright

from chsi_e2e import profiles
from chsi_e2e.handout_pictures import (
    Picture,
    Shown,
    around,
    down_to,
    load,
    of_device,
    outcome,
    outlined,
    same_page,
    top_of,
)
from chsi_e2e.handout_words import Instruction, Problem, corrections, instruction, trouble_section, troubles
from chsi_e2e.shards import profile_of
from guidebook.model import Guide, Section, Sentence
from harness.browser import OFFLINE_ARGS, chromium_path
from harness.evidence import CLAIMS_ATTACHMENT, LABEL_GUIDE, LABEL_WALKTHROUGH, claim_shot
from mock_server import urls
from mock_server.profile import described

_env = Environment(loader=PackageLoader("chsi_e2e", "templates"), autoescape=True)
# The page numbers at the foot of every printed page.
FOOTER = (
    '<div style="width:100%;font:9px sans-serif;color:#666;text-align:center">'
    '第 <span class="pageNumber"></span> 页 / 共 <span class="totalPages"></span> 页</div>'
)


@dataclass
class Card:
    """One thing to do (an instruction) or to look at (a caption), with its picture if it shows something new."""

    instruction: Instruction | None = None
    look: str = ""
    picture: Picture | None = None


@dataclass
class HandoutStep:
    """One guide sentence: its heading (corrected where the audit found it defective), its cards and its result."""

    sentence: Sentence
    heading: str
    original: str = ""  # the guide's own words, when the heading is the audit's correction
    cards: list[Card] = field(default_factory=list)
    result: Picture | None = None
    expect: str = ""

    def blocks(self) -> list[list[tuple[int, Card]]]:
        """The numbered cards as printed: one with a picture alone, several without in one list, to save paper."""
        blocks: list[list[tuple[int, Card]]] = []
        for number, card in enumerate(self.cards, 1):
            joins = card.picture is None and blocks and blocks[-1][-1][1].picture is None
            if joins:
                blocks[-1].append((number, card))
            else:
                blocks.append([(number, card)])
        return blocks


@dataclass
class Handout:
    """One procedure's handout."""

    section: Section
    steps: list[HandoutStep]
    troubles: list[Problem]
    site: str  # the site version the pictures show
    trouble_section: str = ""  # the guide's own section on login trouble, which the troubles start from, if it has one


def _walkthrough_results(results: Path) -> list[dict[str, Any]]:
    """Allure results of the journeys chosen for handouts: passed ones, and the audit of another school's guide even
    when it found stale sentences (its headings then carry the audit's corrections)."""
    chosen = []
    for path in sorted(results.glob("*-result.json")):
        result = json.loads(path.read_text(encoding="utf-8"))
        labels = {label["name"]: label["value"] for label in result.get("labels", [])}
        if LABEL_WALKTHROUGH in labels and (result.get("status") == "passed" or LABEL_GUIDE in labels):
            chosen.append(result)
    return chosen


def _attachments(step: dict[str, Any]) -> list[dict[str, Any]]:
    """A step's attachments in the order taken, its sub-steps' included."""
    return [*step.get("attachments", []), *(a for sub in step.get("steps", []) for a in _attachments(sub))]


@dataclass
class Event:
    """One picture of a recorded step, in the order taken: an action, a claim's evidence, another screen, the end."""

    kind: str  # act, claim, screen or end
    png: bytes
    action: dict[str, Any] = field(default_factory=dict)
    caption: str = ""

    @property
    def box(self) -> tuple[int, int, int, int] | None:
        """Where the acted-on element is in the picture."""
        box = self.action.get("box") or {}
        return (box["x"], box["y"], box["x"] + box["width"], box["y"] + box["height"]) if box else None


def _events(
    guide: Guide, step: dict[str, Any], results: Path, sentence: Sentence, record: dict[str, Any]
) -> list[Event]:
    """A recorded step's pictures, each labelled with what it shows."""
    events = []
    actions = list(record.get("actions", {}).get(sentence.id, []))
    claims = {claim_shot(guide, c.id): c for c in sentence.all_claims()}
    for attachment in _attachments(step):
        name, png = attachment["name"], (results / attachment["source"]).read_bytes()
        if actions and name == actions[0]["picture"]:
            events.append(Event("act", png, action=actions.pop(0)))
        elif name in claims:
            events.append(Event("claim", png, caption=claims[name].text.replace("‚", "“").replace("‛", "”")))
        elif name == record.get("shots", {}).get(sentence.id):
            events.append(Event("end", png))
        else:  # another screen the student reads: the phone's SMS, the mailbox, a dialog
            events.append(Event("screen", png, caption=name))
    return events


@dataclass
class _Writer:
    """Turns a handout's events into cards and results, in order, so that no picture is printed twice."""

    shown: Shown = field(default_factory=Shown)

    def new(self, picture: Picture | None) -> Picture | None:
        return picture if picture is not None and self.shown.is_new(picture) else None

    def step(self, events: list[Event], following: Event | None, reloaded: bool) -> tuple[list[Card], Picture | None]:
        """The cards of one step and its result; `following` is the next step's first picture, if any.

        `reloaded`: the step ends on the page it began on (the same heading), so only a change on it is news.
        """
        cards: list[Card] = []
        done: list[tuple[Instruction, bytes]] = []  # what the student did, and the page they did it on
        again: list[str] = []
        acted: Event | None = None
        first_claims: list[Event] = []
        for n, event in enumerate(events):
            later = next((e for e in events[n + 1 :] if e.kind != "end"), following)
            if event.kind == "act":
                said, box = instruction(event.action), event.action.get("box") or {}
                acted = event
                if any(said == before and same_page(png, event.png) for before, png in done):
                    again.append(said.text + said.own)  # the same thing on the same page, later: one line
                    continue
                if again:
                    cards.append(Card(look="过一段时间后再做一次：" + "；".join(again)))
                    again = []
                # A link in a mail: the mail itself, read down to the link, is what the student must see.
                picture = self.new(down_to(event.png, box) if said.reads_mail and box else around(event.png, box))
                cards.append(Card(said, picture=picture))
                done.append((said, event.png))
            elif event.kind == "claim" and acted is None:
                first_claims.append(event)
            # A claim's picture shows what the guide speaks of; another screen only if it shows something new.
            elif event.kind == "claim" or (event.kind == "screen" and not (later and same_page(event.png, later.png))):
                claim = event.kind == "claim"
                caption = f"页面显示结果（指南：“{event.caption}”）" if claim else f"查看：{event.caption}"
                picture = around(event.png) if outlined(load(event.png)) else of_device(event.png)
                if picture := self.new(picture):
                    cards.append(Card(look=caption, picture=picture))
        if again:
            cards.append(Card(look="过一段时间后再做一次：" + "；".join(again)))
        end = next((e for e in events if e.kind == "end"), None)
        return cards, self._result(end, acted, first_claims, following, reloaded)

    def _result(self, end: Event | None, acted: Event | None, claims: list[Event], following: Event | None,
                reloaded: bool) -> Picture | None:  # fmt: skip
        """What the step led to, unless the next step's first picture shows the same page anyway."""
        if end is None and acted is None:  # a step judged from what the site showed there: its claim's picture
            return self._first_new(claims)
        if end is None or (following is not None and same_page(end.png, following.png)):
            return None
        if acted is not None:
            return self.new(outcome(acted.png, end.png, acted.box, new_page=not reloaded))
        return self._first_new(claims) or self.new(top_of(end.png))

    def _first_new(self, claims: list[Event]) -> Picture | None:
        """The first claim picture not printed yet: the part outlined, else the top of the page."""
        for claim in claims:
            if picture := self.new(around(claim.png) if outlined(load(claim.png)) else top_of(claim.png)):
                return picture
        return None


def _first_shown(events: list[Event]) -> Event | None:
    """The first picture a step prints: its first action's; without actions, the claim or page it ends on."""
    acts = [e for e in events if e.kind == "act"]
    return acts[0] if acts else next((e for e in events if e.kind == "claim"), events[-1] if events else None)


def collect(guide: Guide, section: Section, results: Path, audit: dict[str, Any] | None = None) -> list[HandoutStep]:
    """Each sentence of `section` as the first chosen journey performed it, every picture new to the handout."""
    fixed = corrections(audit or {})
    recorded = _walkthrough_results(results)
    performed: list[tuple[Sentence, list[Event], str]] = []
    for sentence in section.sentences:
        for journey in recorded:
            step = next(
                (s for s in journey.get("steps", []) if s["name"] == sentence.title and s["status"] == "passed"), None
            )
            if step is not None:
                claims = next(a for a in journey["attachments"] if a["name"] == CLAIMS_ATTACHMENT)
                record = json.loads((results / claims["source"]).read_text(encoding="utf-8"))
                expect = record.get("outcomes", {}).get(sentence.id, "")
                performed.append((sentence, _events(guide, step, results, sentence, record), expect))
                break
    writer, steps = _Writer(), []
    for n, (sentence, events, expect) in enumerate(performed):
        following = _first_shown(performed[n + 1][1]) if n + 1 < len(performed) else None
        reloaded = n > 0 and bool(expect) and expect == performed[n - 1][2]
        cards, result = writer.step(events, following, reloaded)
        heading = fixed.get(sentence.id, sentence.title)
        original = sentence.title if heading != sentence.title else ""
        steps.append(HandoutStep(sentence, heading, original, cards, result, expect))
    if steps:
        address = urls.WWW.removeprefix("https://")
        steps[0].cards.insert(0, Card(Instruction(f"打开浏览器，在地址栏输入学信网的网址 {address}")))
    return steps


def build(guide: Guide, results: Path, out: Path, browser: Browser | None = None, profile: str = "2012",
          audit: dict[str, Any] | None = None) -> list[Path]:  # fmt: skip
    """<out>/<section>.html and .pdf for every procedure the journeys performed, for the site version `profile`."""
    out.mkdir(parents=True, exist_ok=True)
    pages = []
    for section in guide.sections:
        steps = collect(guide, section, results, audit)
        if steps:
            trouble = trouble_section(guide)
            handout = Handout(section, steps, troubles(guide, audit or {}, section), described(profile),
                              trouble.title if trouble else "")  # fmt: skip
            page = out / f"{section.id}.html"
            page.write_text(_env.get_template("walkthrough.html").render(guide=guide, handout=handout), "utf-8")
            pages.append(page)
    if not pages:
        return []
    if browser is not None:
        return _print(pages, browser)
    with sync_playwright() as playwright:
        executable = chromium_path(playwright.chromium.executable_path, headless=True)
        launched = playwright.chromium.launch(executable_path=executable, args=OFFLINE_ARGS)
        try:
            return _print(pages, launched)
        finally:
            launched.close()


def for_run(guide: Guide, results: Path, reports: Path, browser: Browser | None = None) -> list[Path]:
    """The handouts of the run in `results`, headings corrected by its audit (reports/guide-audit.json).

    The guide's own site (2012) writes reports/walkthroughs; another site version a folder beside it.
    """
    profile = profile_of(results)
    audit_file = reports / "guide-audit.json"
    audit = json.loads(audit_file.read_text(encoding="utf-8")) if audit_file.is_file() else {}
    return build(guide, results, profiles.handouts_dir(reports, profile), browser, profile, audit)


def _print(pages: list[Path], browser: Browser) -> list[Path]:
    """Each handout as a numbered A4 PDF beside its HTML, printed by Chromium."""
    written = []
    for page_file in pages:
        tab = browser.new_page()
        tab.goto(page_file.resolve().as_uri())
        pdf = page_file.with_suffix(".pdf")
        tab.pdf(
            path=pdf, format="A4", print_background=True, display_header_footer=True,
            header_template="<span></span>", footer_template=FOOTER,
            margin={"top": "10mm", "bottom": "14mm", "left": "10mm", "right": "10mm"},
        )  # fmt: skip
        tab.close()
        written += [page_file, pdf]
    return written
