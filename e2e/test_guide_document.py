"""The guide as a document: what a reader meets before the procedures begin."""

from __future__ import annotations

import html
import re

import pytest
from playwright.sync_api import Page

from fixtures.guide import load_guide
from harness.journey import Journey

pytestmark = pytest.mark.guide_document


def test_table_of_contents_gives_each_section_its_own_line(
    page: Page, journey: Journey, document: dict[str, str]
) -> None:
    """目录：列出每个部分的标题；本次运行记下哪些标题挤在一行、共用页码"""
    guide = load_guide()
    contents = document["toc.1"]
    # The document itself is the evidence: the 目录 as the guide prints it, outlined.
    page.set_content(
        f'<main style="font:18px/1.8 sans-serif;padding:24px"><h1>{html.escape(guide.title)}</h1>'
        f'<h2>目 录</h2><p id="toc">{html.escape(contents)}</p></main>'
    )
    with journey.step("toc.1") as step, step.claim("toc.1.headings") as check:
        step.point_at(page.locator("#toc"))
        titles = [s.title for s in guide.sections if s.id != "toc"]
        missing = [title for title in titles if title not in contents]
        assert not missing, f"目录中没有这些部分：{'、'.join(missing)}"
        # An entry is a title followed by dots and "- page -"; titles with no page of their own run together.
        with_pages = re.findall(r"([一二三]、\S+?)\s*\.{3,}\s*-\s*(\d+)\s*-", contents)
        joined = [t for t in titles if not any(entry == t for entry, _ in with_pages)]
        check.observed = "；".join(f"{t}（与相邻标题连在一起）" for t in joined) or "各标题各占一行"
