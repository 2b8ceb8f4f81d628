"""Which guide a run plays: the seed (fixtures/guide.toml), or any school's guide named by --audit-guide."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from fixtures.guide import load_guide
from guidebook.any_guide import read_guide
from guidebook.model import Guide


@cache
def _read(path: str, title: str) -> Guide:
    return read_guide(Path(path), title, curated=load_guide())


def guide_of(config: pytest.Config) -> Guide:
    """The guide this run's journeys step through."""
    path = config.getoption("--audit-guide", None)
    return _read(path, config.getoption("--audit-title", "")) if path else load_guide()
