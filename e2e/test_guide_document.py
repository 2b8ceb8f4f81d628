"""The guide as a document: what a reader meets before the procedures begin."""

from __future__ import annotations

import re

from e2e.journey import Journey
from fixtures.guide import load_guide


def test_table_of_contents_gives_each_section_its_own_line(journey: Journey) -> None:
    """目 录: every section title is listed; the run notes which share a line and a page number."""
    guide = load_guide()
    contents = guide.sentence("toc.1").text
    with journey.step("toc.1") as step, step.claim("toc.1.headings") as check:
        titles = [s.title for s in guide.sections if s.id != "toc"]
        assert all(title in contents for title in titles), contents
        # An entry is a title followed by dots and "- page -"; titles with no page of their own run together.
        with_pages = re.findall(r"([一二三]、\S+?)\s*\.{3,}\s*-\s*(\d+)\s*-", contents)
        joined = [t for t in titles if not any(entry == t for entry, _ in with_pages)]
        check.observed = "；".join(f"{t}（与相邻标题连在一起）" for t in joined) or "各标题各占一行"
