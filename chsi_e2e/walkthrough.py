"""Illustrated handouts, one per procedure, regenerated from the journeys' recorded steps."""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader
from playwright.sync_api import Browser, sync_playwright

from e2e.browser import OFFLINE_ARGS, chromium_path
from e2e.evidence import CLAIMS_ATTACHMENT, CLICK_PREFIX, LABEL_WALKTHROUGH, step_shot
from fixtures.guide import Guide, Section, Sentence

_env = Environment(loader=PackageLoader("chsi_e2e", "templates"), autoescape=True)


@dataclass
class Picture:
    """A screenshot and what it shows."""

    caption: str
    png: bytes

    @property
    def data_uri(self) -> str:
        """The image inline, so the handout is one file."""
        return "data:image/png;base64," + base64.b64encode(self.png).decode()


@dataclass
class HandoutStep:
    """One guide sentence: what to click, and what the page shows afterwards."""

    sentence: Sentence
    clicks: list[Picture] = field(default_factory=list)
    after: Picture | None = None
    expect: str = ""


def _walkthrough_results(results: Path) -> list[dict[str, Any]]:
    """Allure results of the journeys chosen for handouts, passed ones only."""
    chosen = []
    for path in sorted(results.glob("*-result.json")):
        result = json.loads(path.read_text(encoding="utf-8"))
        labels = {label["name"]: label["value"] for label in result.get("labels", [])}
        if LABEL_WALKTHROUGH in labels and result.get("status") == "passed":
            chosen.append(result)
    return chosen


def _all_attachments(step: dict[str, Any]) -> list[dict[str, Any]]:
    """A step's attachments, its sub-steps' included."""
    return [*step.get("attachments", []), *(a for sub in step.get("steps", []) for a in _all_attachments(sub))]


def collect(guide: Guide, section: Section, results: Path) -> list[HandoutStep]:
    """Each sentence of `section` as the first chosen journey performed it."""
    steps = []
    recorded = _walkthrough_results(results)
    for sentence in section.sentences:
        for result in recorded:
            step = next((s for s in result.get("steps", []) if s["name"] == sentence.title), None)
            if step is None:
                continue
            files = [(a["name"], results / a["source"]) for a in _all_attachments(step)]
            claims = next(a for a in result["attachments"] if a["name"] == CLAIMS_ATTACHMENT)
            outcomes = json.loads((results / claims["source"]).read_text(encoding="utf-8")).get("outcomes", {})
            clicks = [
                Picture(n.removeprefix(CLICK_PREFIX), f.read_bytes()) for n, f in files if n.startswith(CLICK_PREFIX)
            ]
            after = next((Picture(n, f.read_bytes()) for n, f in files if n == step_shot(sentence.id)), None)
            steps.append(HandoutStep(sentence, clicks, after, outcomes.get(sentence.id, "")))
            break
    return steps


def build(guide: Guide, results: Path, out: Path, browser: Browser | None = None) -> list[Path]:
    """reports/walkthroughs/<section>.html and .pdf for every procedure the journeys performed."""
    out.mkdir(parents=True, exist_ok=True)
    pages = []
    for section in guide.sections:
        steps = collect(guide, section, results)
        if steps:
            page = out / f"{section.id}.html"
            page.write_text(
                _env.get_template("walkthrough.html").render(guide=guide, section=section, steps=steps), "utf-8"
            )
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


def _print(pages: list[Path], browser: Browser) -> list[Path]:
    """Each handout as a PDF beside its HTML, printed by Chromium."""
    written = []
    for page_file in pages:
        tab = browser.new_page()
        tab.goto(page_file.resolve().as_uri())
        pdf = page_file.with_suffix(".pdf")
        tab.pdf(path=pdf, format="A4", print_background=True, margin={"top": "14mm", "bottom": "14mm"})
        tab.close()
        written += [page_file, pdf]
    return written
