"""The guide as a document: what a reader meets before the procedures begin."""

from __future__ import annotations

import html

import pytest
from playwright.sync_api import Page

from fixtures.guide import load_guide
from guidebook.text import TOC_ENTRY
from harness.journey import Journey

pytestmark = pytest.mark.guide_document


def test_table_of_contents_gives_each_section_its_own_line(
    page: Page, journey: Journey, document: dict[str, str]
) -> None:
    """目录：列出每个部分的标题；本次运行记下哪些标题挤在一行、共用页码"""
    guide = load_guide()
    contents = document["toc.1"]
    toc = guide.section_of("toc.1")
    # The document itself is the evidence: the 目录 as the guide prints it, outlined.
    page.set_content(
        f'<main style="font:18px/1.8 sans-serif;padding:24px"><h1>{html.escape(guide.title)}</h1>'
        f'<h2>{html.escape(toc.title)}</h2><p id="toc">{html.escape(contents)}</p></main>'
    )
    with journey.step("toc.1") as step, step.claim("toc.1.headings") as check:
        step.point_at(page.locator("#toc"))
        titles = [s.title for s in guide.sections if s.id != "toc"]
        missing = [title for title in titles if title not in contents]
        assert not missing, missing
        with_pages = TOC_ENTRY.findall(contents)
        joined = [t for t in titles if not any(entry == t for entry, _ in with_pages)]
        check.observed = "；".join(joined) or "、".join(titles)
