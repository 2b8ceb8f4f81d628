"""The README's "写一个新旅程" is enough to write a journey: its example is the file that runs, and it names every fixture."""

from __future__ import annotations

import ast
import inspect
import re
from pathlib import Path

from harness.plugin import collection, journeys, options, reporting, session, site

ROOT = Path(__file__).parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
SECTION = README.split("## 写一个新旅程", 1)[1].split("\n## ", 1)[0]


def test_the_readme_example_is_the_journey_that_runs() -> None:
    shown = re.search(r"<!-- example: (\S+) -->\n```python\n(.*?)```\n<!-- /example -->", SECTION, re.S)
    assert shown is not None
    path, code = shown.groups()
    assert (ROOT / path).read_text(encoding="utf-8") == code


def test_the_section_names_every_fixture_and_marker_the_plugin_gives() -> None:
    fixtures = [
        name
        for module in (options, collection, site, journeys, reporting, session)
        for name, f in inspect.getmembers(module)
        if hasattr(f, "_fixture_function_marker") or type(f).__name__ == "FixtureFunctionDefinition"
    ]
    public = [name for name in fixtures if not name.startswith("report")]
    assert public and [name for name in public if f"`{name}`" not in SECTION] == []
    markers = [line.split("(")[0].split(":")[0] for line in options.MARKERS]
    assert [m for m in markers if m not in SECTION] == []


def test_the_readme_names_every_page_object_and_no_other() -> None:
    """The page-object list of 写一个新旅程 is the classes of e2e/pages/, each with its file."""
    listed = re.search(r"<!-- pages: e2e/pages -->\n(.*?)<!-- /pages -->", SECTION, re.S)
    assert listed is not None
    named = set(re.findall(r"`(\w+)`", listed.group(1)))
    defined = {
        node.name
        for path in (ROOT / "e2e" / "pages").glob("*.py")
        for node in ast.parse(path.read_text(encoding="utf-8")).body
        if isinstance(node, ast.ClassDef) and node.name != "SitePage"
    }
    assert named == defined
    for path in (ROOT / "e2e" / "pages").glob("*.py"):
        classes = [n.name for n in ast.parse(path.read_text(encoding="utf-8")).body if isinstance(n, ast.ClassDef)]
        for name in classes:
            if name in named:
                assert re.search(rf"`{name}`[^（]*（[^）]*{path.name}", listed.group(1)), (name, path.name)
