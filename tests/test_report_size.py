"""The report of a whole run is small enough to mail and to keep as a CI artifact."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from chsi_e2e import allure_report
from chsi_e2e.shards import profile_of
from harness.runs import FULL_RUN, missing_journeys

ROOT = Path(__file__).parents[1]


# The single-file report of a whole run, with a full trend (Allure keeps ten runs: allurerc.mjs historyLimit).
REPORT_LIMIT = 15 * 1024 * 1024


def test_the_report_of_a_full_run_with_its_trend_is_at_most_15_mb(tmp_path: Path) -> None:
    """The last full run of the guide's site (or a fresh one), its history filled to ten runs: small enough to mail."""
    last = ROOT / FULL_RUN
    # A run of today's site (--site-profile current) fails dozens of journeys on purpose, each with its evidence.
    full = (last / "environment.properties").is_file() and not missing_journeys(last) and profile_of(last) == "2012"
    results = last if full else None
    if results is None:
        results = tmp_path / "full" / "allure-results"
        command = [sys.executable, "-m", "pytest", "e2e", "-q", "-n", "2", f"--alluredir={results}", "--no-audit"]
        run = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=900)
        assert run.returncode == 0, run.stdout[-2000:]
    page = allure_report.build(ROOT, results, tmp_path / "report", tmp_path)
    history = next((tmp_path / "history").iterdir())
    entry = json.loads(history.read_text(encoding="utf-8").splitlines()[-1])
    earlier = [
        {**entry, "uuid": f"earlier-{n}", "timestamp": entry["timestamp"] - n * 3_600_000} for n in range(9, 0, -1)
    ]
    history.write_text("".join(json.dumps(e) + "\n" for e in [*earlier, entry]), encoding="utf-8")
    page = allure_report.build(ROOT, results, tmp_path / "report", tmp_path)
    assert len(history.read_text(encoding="utf-8").splitlines()) == 10
    assert page.stat().st_size <= REPORT_LIMIT, f"{page.stat().st_size / 1e6:.1f} MB"
