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


def guide_of(request: pytest.FixtureRequest) -> Guide:
    """The guide this test's journey steps through: the one its case audits (chsi-e2e audit names one or several with
    --audit-guide), else the seed."""
    callspec = getattr(request.node, "callspec", None)
    path = callspec.params.get(GUIDE_PARAM) if callspec else None
    return _read(str(path), request.config.getoption("--audit-title", "")) if path else load_guide()


# The parameter by which e2e/test_any_guide.py runs once for each guide a run names.
GUIDE_PARAM = "guide_file"
