"""The audit's verdicts, computed from recorded checks; and the current site's stale sentences."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from chsi_e2e.audit import Evidence, judge
from fixtures.guide import load_guide

ROOT = Path(__file__).parents[1]


def test_claims_without_checks_are_not_covered() -> None:
    audit = judge(load_guide(), [], "2012")
    assert audit.coverage == 0 and {c.verdict for c in audit.claims} == {"not covered"}


def test_one_failed_check_makes_a_claim_contradicted() -> None:
    evidence = [
        Evidence("reg.3.password", "reg.3", "confirmed", "a"),
        Evidence(
            "reg.3.password", "reg.3", "contradicted", "b", message="x\n页面内容：密码由6-30位字母、数字或特殊字符组成"
        ),
    ]
    verdict = next(c for c in judge(load_guide(), evidence, "current").claims if c.claim.id == "reg.3.password")
    assert verdict.verdict == "contradicted"
    assert verdict.suggestion == "按站点现状改写此句。站点此处的页面内容为：密码由6-30位字母、数字或特殊字符组成"


def test_defective_wording_is_unclear_with_a_correction_from_the_site() -> None:
    evidence = [Evidence("img.note.2.label", "img.note.2", "confirmed", "t", observed="正确")]
    verdict = next(c for c in judge(load_guide(), evidence, "2012").claims if c.claim.id == "img.note.2.label")
    assert (verdict.verdict, verdict.suggestion) == (
        "unclear",
        "2、图像信息正确，点击页面下方的“正确”按钮，完成校对工作。",
    )


def test_a_sentence_takes_its_worst_claim() -> None:
    evidence = [
        Evidence("reg.3.email", "reg.3", "confirmed", "t"),
        Evidence("reg.3.once", "reg.3", "contradicted", "t"),
    ]
    verdicts = judge(load_guide(), evidence, "2012").sentence_verdicts()
    assert (verdicts["reg.3"], verdicts["reg.4"]) == ("contradicted", "not covered")


# What today's site (the `current` profile) changed: registration became one phone-first form with no
# activation mail, and passwords may hold symbols. Steps 三 to 九 and the note of 一 are stale as written.
STALE_ON_CURRENT = {"reg.3", "reg.4", "reg.5", "reg.6", "reg.7", "reg.8", "reg.9", "reg.note"}
UNCLEAR_IN_THE_GUIDE = {"toc.1", "img.note.2", "img.note.3", "login.1", "login.2"}


@pytest.mark.slow
def test_current_profile_marks_exactly_the_stale_sentences(tmp_path: Path) -> None:
    """Runs the journeys against today's site; the audit names the stale sentences and no others."""
    results = tmp_path / "allure-results"
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "e2e", "-q", "-n", "2", "--site-profile", "current",
         "--action-timeout", "2000", f"--alluredir={results}", "-o", "addopts="],
        cwd=ROOT, capture_output=True, text=True, timeout=900, env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    )  # fmt: skip
    assert run.returncode == 1, run.stdout[-3000:] + run.stderr[-3000:]  # the stale journeys fail
    audit = json.loads((tmp_path / "guide-audit.json").read_text(encoding="utf-8"))
    sentences = audit["sentences"]
    assert {s for s, v in sentences.items() if v == "contradicted"} == STALE_ON_CURRENT
    assert {s for s, v in sentences.items() if v == "unclear"} == UNCLEAR_IN_THE_GUIDE
    assert (
        {s for s, v in sentences.items() if v not in ("contradicted", "unclear")}
        == (set(load_guide().sentence_ids()) - STALE_ON_CURRENT - UNCLEAR_IN_THE_GUIDE)
        == {s for s, v in sentences.items() if v == "confirmed"}
    )
    # Each stale journey fails quoting both sides.
    assert re.search(r"指南：密码由6位以上的数字或字母组成\n\S*\s*站点：", run.stdout), run.stdout[-2000:]
