"""The audit of the whole run, on the xdist controller: only a run of every journey replaces the last full one."""

from __future__ import annotations

from pathlib import Path

import pytest

from harness.audit_report import judge_run
from harness.runs import FULL_RUN, LAST_RUN, audit_dir, missing_journeys, promote

AUDIT_SUMMARY = pytest.StashKey[str]()


def pytest_sessionfinish(session: pytest.Session) -> None:
    """After the run (on the xdist controller only), judge the guide; only a run of every journey replaces the last."""
    config = session.config
    results = config.getoption("allure_report_dir", None)
    skip = config.getoption("collectonly") or config.getoption("--prove") or config.getoption("--no-audit")
    if hasattr(config, "workerinput") or skip or not results or not Path(results).is_dir():
        return
    results = Path(results)
    if not any(results.glob("*-result.json")):
        config.stash[AUDIT_SUMMARY] = "本次没有运行任何测试：上一次完整运行的结果与指南审计保持不变。"
        return
    missing = missing_journeys(results)
    profile, out = config.getoption("--site-profile"), None
    if results.resolve() == LAST_RUN.resolve() and not missing:
        promote(results)
        results, out = FULL_RUN, audit_dir(profile)  # a run of today's site never replaces the 2012 audit
    audit, page = judge_run(results, profile, out=out)
    if missing and results.resolve() == LAST_RUN.resolve():
        config.stash[AUDIT_SUMMARY] = (
            f"部分运行（{len(missing)} 个检查指南的旅程没有运行）：本次的审计在 {page}，"
            f"上一次完整运行的结果 {FULL_RUN} 与审计 reports/guide-audit.html 保持不变。"
        )
    else:
        config.stash[AUDIT_SUMMARY] = f"指南审计：{audit.summary()} → {page}"


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter, config: pytest.Config) -> None:
    """Say where the audit is and how the guide fared."""
    if AUDIT_SUMMARY in config.stash:
        terminalreporter.write_line(config.stash[AUDIT_SUMMARY])
