"""Each site profile as readers know it, and where its report history and handouts go, so profiles never mix."""

from __future__ import annotations

from pathlib import Path

# The site the guide describes is the default; its handouts and history keep the places they always had.
DEFAULT = "2012"


def history_file(reports: Path, profile: str) -> Path:
    """The Allure history of one profile: a 2012 run and a today's-site run never share a trend."""
    return reports / "history" / f"{profile}.jsonl"


def handouts_dir(reports: Path, profile: str) -> Path:
    """Where one profile's handouts go: reports/walkthroughs for the guide's site, a folder beside it for others."""
    folder = reports / "walkthroughs"
    return folder if profile == DEFAULT else folder / profile
