"""The audit's proof: one site variant per claim, the journeys that check it, and whether the audit names it alone."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

from guidebook.model import Guide
from harness.audit import ClaimVerdict, judge
from harness.evidence import LABEL_VARIANT, ClaimCheck, Verdict, label, read_checks, read_results
from mock_server.variants import VARIANTS, Variant

# The mock answers at once: a check that waits two seconds has failed.
PYTEST_ARGS = ["e2e", "--prove", "-n", "auto", "-p", "no:randomly", "--action-timeout", "2000", "-q", "--tb=no",
               "-rN", "-o", "addopts="]  # fmt: skip
# pytest's closing line ("59 failed, 7 passed in …"): on variants, failing journeys are the point, not a failure.
CLOSING = re.compile(r"^=*\s*(\d+ (failed|passed|error).*) in [\d.]+s.*$")


def _counts_in_chinese(counts: str) -> str:
    """ "59 failed, 7 passed" as 失败 59、通过 7."""
    words = {"failed": "失败", "passed": "通过", "error": "出错", "errors": "出错", "skipped": "跳过"}
    return "、".join(f"{words.get(word, word)} {n}" for n, word in re.findall(r"(\d+) (\w+)", counts))


def run_journeys(root: Path, results: Path, extra: list[str]) -> int:
    """Run every journey once per variant of each claim it checks (progress shown); the results go to `results`."""
    command = [sys.executable, "-m", "pytest", *PYTEST_ARGS, f"--alluredir={results}", "--clean-alluredir", *extra]
    with subprocess.Popen(command, cwd=root, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True) as run:
        assert run.stdout is not None
        for line in run.stdout:
            closing = CLOSING.match(line.strip())
            shown = (
                f"变体上的旅程已运行完（{_counts_in_chinese(closing.group(1))}；在变体上失败正是要证明的）\n"
                if closing
                else line
            )
            print(shown, end="", flush=True)
    return run.returncode


def evaluate(results: Path, guide: Guide) -> dict[str, Any]:
    """Per variant: did the audit flag what it broke (a claim, or for a rename its sentence) with a correction quoting
    the change, and which claims elsewhere were wrongly flagged."""
    checks: dict[str, list[ClaimCheck]] = defaultdict(list)
    for result in read_results(results):
        checks[label(result, LABEL_VARIANT)] += read_checks(results, result)
    rows, own_flags, false_flags = [], 0, 0
    for key, variant in VARIANTS.items():
        seen = checks.get(variant.name, [])
        audit = judge(guide, seen, variant.name)
        mine = [c for c in audit.claims if _broken_by(variant, c)]
        flags = [
            c for c in mine if c.verdict is Verdict.CONTRADICTED or (c.claim.unclear and c.verdict is Verdict.UNCLEAR)
        ]
        quoted = any(variant.quote in c.suggestion for c in flags)
        false_alarms = sorted(
            c.claim.id for c in audit.claims if c.verdict is Verdict.CONTRADICTED and not _broken_by(variant, c)
        )
        own_flags += bool(flags) and (quoted or any(c.verdict is Verdict.CONTRADICTED for c in flags))
        false_flags += len(false_alarms)
        rows.append({
            "id": key, "sentence": variant.sentence, "variant": variant.summary, "detected": bool(flags) and quoted,
            "false_alarms": false_alarms, "verdict": str(min((c.verdict for c in mine), key=list(Verdict).index)),
            "suggestion": next((c.suggestion for c in flags), ""), "quote": variant.quote,
            "tests": sorted({c.test for c in seen}),
        })  # fmt: skip
    detected = sum(1 for row in rows if row["detected"])
    precision = own_flags / (own_flags + false_flags) if own_flags + false_flags else 0.0
    return {"claims": rows, "recall": round(detected / len(rows), 4), "precision": round(precision, 4)}


def _broken_by(variant: Variant, verdict: ClaimVerdict) -> bool:
    """True for a claim the variant means to break: its claim, or for a rename any claim of its sentence."""
    return verdict.sentence.id == variant.sentence if variant.renames else verdict.claim.id == variant.key


def write(proof: dict[str, Any], target: Path) -> None:
    """reports/audit-proof.json."""
    target.write_text(json.dumps(proof, ensure_ascii=False, indent=1), encoding="utf-8")
