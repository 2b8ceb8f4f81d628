"""Illustrated handouts, one per procedure, regenerated from the journeys' recorded steps."""

from __future__ import annotations

import base64
import io
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader
from PIL import Image
from playwright.sync_api import Browser, sync_playwright

from guidebook.model import Guide, Section, Sentence
from harness.browser import OFFLINE_ARGS, chromium_path
from harness.evidence import CLAIMS_ATTACHMENT, LABEL_WALKTHROUGH

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
    """One guide sentence: a card per action (instruction above a picture cropped to the target), and the result."""

    sentence: Sentence
    cards: list[Picture] = field(default_factory=list)
    after: Picture | None = None
    expect: str = ""


# What a card tells the student to do, by kind of action.
INSTRUCTIONS = {
    "click": "点击“{label}”",
    "fill": "在“{label}”中输入：{value}",
    "choose": "在“{label}”中选择：{value}",
    "upload": "在“{label}”处选择照片文件（例如 {value}）",
}
# How much of the page around the target a card shows (pixels of the 1200-wide screenshot).
AROUND = (260, 110)
AFTER_HEIGHT = 520


def crop_around(png: bytes, box: dict[str, int]) -> bytes:
    """The part of a screenshot around an outlined element: enough to find it, small enough for a card."""
    with Image.open(io.BytesIO(png)) as image:
        if not box:
            region = (0, 0, image.width, min(image.height, AFTER_HEIGHT))
        else:
            (dx, dy), x, y = AROUND, box["x"], box["y"]
            left, top = min(max(0, x - dx), image.width - 1), min(max(0, y - dy), image.height - 1)
            region = (left, top, max(left + 1, min(image.width, x + box["width"] + dx)),
                      max(top + 1, min(image.height, y + box["height"] + dy)))  # fmt: skip
        out = io.BytesIO()
        image.crop(region).save(out, format="PNG")
        return out.getvalue()


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
            files: dict[str, list[Path]] = {}
            for attachment in _all_attachments(step):
                files.setdefault(attachment["name"], []).append(results / attachment["source"])
            claims = next(a for a in result["attachments"] if a["name"] == CLAIMS_ATTACHMENT)
            record = json.loads((results / claims["source"]).read_text(encoding="utf-8"))
            cards = []
            for action in record.get("actions", {}).get(sentence.id, []):
                picture = files[action["picture"]].pop(0)  # pictures of one name come in the order taken
                text = INSTRUCTIONS[action["kind"]].format(label=action["label"], value=action["value"])
                cards.append(Picture(text, crop_around(picture.read_bytes(), action["box"])))
            shot = files.get(record.get("shots", {}).get(sentence.id, ""))
            after = Picture("完成后", crop_around(shot[0].read_bytes(), {})) if shot else None
            steps.append(HandoutStep(sentence, cards, after, record.get("outcomes", {}).get(sentence.id, "")))
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
        tab.pdf(path=pdf, format="A4", print_background=True, prefer_css_page_size=True)
        tab.close()
        written += [page_file, pdf]
    return written
