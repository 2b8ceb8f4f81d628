"""Which tests a run collects, in what order, and how each is titled: unknown guide ids stop the run; a proof keeps
its variants; parallel workers start with the longest tests."""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from pathlib import Path

import pytest

from fixtures.guide import load_guide
from harness.traceability import claims_checked, unknown_ids
from mock_server.variants import VARIANTS


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """A journey naming a guide step or claim that does not exist fails the run at collection."""
    modules = {Path(str(item.fspath)) for item in items}
    problems = [p for module in sorted(modules) for p in unknown_ids(module, load_guide())]
    if problems:
        raise pytest.UsageError("指南编号不存在：\n" + "\n".join(problems))
    if config.getoption("--prove"):
        # A proof runs only the journeys that check a claim, once per claim's variant.
        keep = [item for item in items if isinstance(item, pytest.Function) and _varied(item)]
        config.hook.pytest_deselected(items=[item for item in items if item not in keep])
        items[:] = keep
    for item in items:
        # allure-pytest names a result from this attribute after set-up: Chinese, even if the set-up fails.
        if isinstance(item, pytest.Function):
            item.function.__allure_display_name__ = title(item)  # type: ignore[attr-defined]
    longest_first(items, recorded_seconds(config))


def longest_first(items: list[pytest.Item], seconds: Mapping[str, float]) -> None:
    """Longest first, so parallel workers finish together: the tooling group, then the longest by `seconds` (each
    test's time in .test_durations); without them, the guide's journeys before the rest, each in its (random) order."""
    known = [seconds[item.nodeid] for item in items if item.nodeid in seconds]
    usual = sum(known) / len(known) if known else 0.0  # a test not timed yet: as long as the average one

    def expected(item: pytest.Item) -> float:
        if item.nodeid in seconds:
            return seconds[item.nodeid]
        return math.inf if not known and "journey" in getattr(item, "fixturenames", ()) else usual

    items.sort(key=lambda item: (item.get_closest_marker("xdist_group") is None, -expected(item)))


def recorded_seconds(config: pytest.Config) -> dict[str, float]:
    """Each test's seconds from pytest-split's .test_durations, for a run on two or more xdist workers only: a serial
    run keeps pytest-randomly's order, so the order the tests pass in keeps changing."""
    workers = getattr(config, "workerinput", {}).get("workercount", 0)
    path = Path(config.option.durations_path)  # pytest-split's --durations-path, .test_durations by default
    if workers < 2 or not path.is_file():
        return {}
    try:
        found = json.loads(path.read_text(encoding="utf-8"))
    except ValueError:
        return {}  # a broken file only loses the ordering (a run with --splits has pytest-split say what is wrong)
    return {str(k): float(v) for k, v in found.items()} if isinstance(found, dict) else {}


def title(item: pytest.Item) -> str:
    """A test's title in the report: the first line of its (Chinese) docstring."""
    function = getattr(item, "function", None)
    return (getattr(function, "__doc__", None) or item.name).strip().splitlines()[0]


def case(item: pytest.Item) -> str:
    """Which case of a parametrized test this is, without the browser's name: "" for a plain test."""
    callspec = getattr(item, "callspec", None)
    return "-".join(part for part in (callspec.id.split("-") if callspec else []) if part != "chromium")


def _varied(item: pytest.Function) -> bool:
    """True for a test the proof parametrized with a variant."""
    return hasattr(item, "callspec") and "site_variant" in item.callspec.params


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Under --prove, each journey runs against the variant of every claim it checks, and a journey that walks a step
    (not a single edge case of a rule) against every rename of a control that step names."""
    if not metafunc.config.getoption("--prove") or "site_variant" not in metafunc.fixturenames:
        return
    checked = claims_checked(Path(str(metafunc.module.__file__)), metafunc.function.__name__, load_guide())
    walks = "case" not in metafunc.fixturenames
    chosen = [
        key
        for key, variant in VARIANTS.items()
        if (key in checked)
        or (variant.renames and walks and any(c.startswith(f"{variant.sentence}.") for c in checked))
    ]
    if chosen:
        metafunc.parametrize("site_variant", chosen, indirect=True)
