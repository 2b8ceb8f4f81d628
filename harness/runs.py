"""Where a run's results go, and when they may replace the last full run's: a partial run never lowers the audit."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from harness.traceability import journeys_with_claims

E2E = Path(__file__).parents[1] / "e2e"
# Every run writes here first (pytest's addopts); only a run of every journey is copied on to FULL_RUN.
LAST_RUN = Path("reports/last-run/allure-results")
FULL_RUN = Path("reports/allure-results")


# The site the guide describes: its full run's audit is reports/guide-audit.html; another profile's goes beside it.
GUIDE_SITE = "2012"


def audit_dir(profile: str) -> Path:
    """Where a full run's audit goes: reports/ for the guide's own site, reports/<profile>/ for another."""
    return FULL_RUN.parent if profile == GUIDE_SITE else FULL_RUN.parent / profile


def ran(results: Path) -> set[str]:
    """The test functions a results folder holds, as module.function."""
    names = set()
    for result in results.glob("*-result.json"):
        full_name = json.loads(result.read_text(encoding="utf-8")).get("fullName", "")
        module, _, function = full_name.partition("#")
        names.add(f"{module.rsplit('.', 1)[-1]}.{function.split('[')[0]}")
    return names


def missing_journeys(results: Path) -> list[str]:
    """The journeys that check the guide and did not run: empty for a full run."""
    return sorted(journeys_with_claims(E2E) - ran(results))


def promote(results: Path, target: Path = FULL_RUN) -> None:
    """Make `results` the last full run: `target` is replaced by a copy whose files are hard links where the file
    system has them (thousands of files, a second or two to copy). No result file is rewritten in place (Allure and
    retrace.py write a new file and rename it over the old), so neither folder changes the other."""
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(results, target, copy_function=_linked)


def _linked(source: str, target: str) -> None:
    try:
        os.link(source, target)
    except OSError:  # another file system, or one without hard links
        shutil.copy2(source, target)
