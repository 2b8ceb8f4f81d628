"""The single-file Allure 3 report, built with the pinned npm `allure`: in Chinese, light, with no analytics."""

from __future__ import annotations

import json
import os
import re
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from chsi_e2e import profiles
from chsi_e2e.allure_ui import InterfaceError, finish
from chsi_e2e.lighter import lighter_history
from chsi_e2e.report_input import prepare
from chsi_e2e.shards import profile_of
from fixtures.guide import load_guide
from harness.evidence import LABEL_FAILURE, LABEL_VERDICT, LEFT_THE_MACHINE, Failure, Verdict
from mock_server.profile import described

# Allure's awesome plugin always adds Google Analytics (analyticsEnable is hard-coded true in 3.x):
# a report opened offline must make no request to any outside host.
ANALYTICS = re.compile(
    r'<script async src="https://www\.googletagmanager\.com/gtag/js[^"]*"></script>\s*<script>\s*'
    r"window\.dataLayer.*?</script>",
    re.S,
)
# Anything else that would load from the network: a src/href to http(s), or a fetch of an absolute URL.
OUTSIDE = re.compile(r"""(?:src|href)\s*=\s*["']https?://(?!www\.w3\.org)[^"']+""")
TITLE = "学信网指南测试报告"


def categories() -> list[dict[str, Any]]:
    """The report's categories, first match wins: each verdict a journey's checks reached, the guard, then the rest.

    Verdict labels are matched in the words the report shows them in (report_input.label_value).
    """

    def verdict(v: Verdict, why: str) -> dict[str, Any]:
        return {"id": str(v), "name": f"{v.zh}（{why}）", "matchers": {"labels": {LABEL_VERDICT: f"^{v.zh}$"}}}

    return [
        verdict(Verdict.CONTRADICTED, "指南需要修订"),
        {"id": "guard", "name": "网络隔离（有请求试图离开本机）", "matchers": {"message": LEFT_THE_MACHINE}},
        verdict(Verdict.NOT_REACHED, "前面一步与站点不符"),
        # A crash of the mock fails a test like the site would: only the journey's label tells them apart.
        {
            "id": str(Failure.MOCK),
            "name": Failure.MOCK.zh,
            "matchers": {"labels": {LABEL_FAILURE: f"^{Failure.MOCK.zh}$"}},
        },
        {"id": str(Failure.TOOL), "name": Failure.TOOL.zh, "matchers": {"statuses": ["broken"]}},
        {"id": str(Failure.SITE), "name": Failure.SITE.zh, "matchers": {"statuses": ["failed"]}},
        verdict(Verdict.UNCLEAR, "通过，但原文需要修订"),
    ]


class ReportError(RuntimeError):
    """The report could not be built; the message says what to do."""


def build(root: Path, results: Path, output: Path | None = None, reports: Path | None = None) -> Path:
    """Generate the single-file report (reports/allure-report/index.html by default) from a copy of `results`.

    The copy is what readers see (report_input); `results` stays as the run left it, for the audit and handouts.
    The trend is kept per site profile under `reports`/history, so a 2012 run and a today's-site run never share one.
    """
    allure = root / "node_modules" / ".bin" / "allure"
    if not allure.exists():
        raise ReportError("找不到 Allure 命令行：请先在项目目录运行 npm ci（./run.sh 会自动安装）。")
    if not any(results.glob("*-result.json")):
        raise ReportError(f"{results} 中没有测试结果：请先运行 pytest e2e。")
    profile = profile_of(results)
    output = output or root / "reports" / "allure-report"
    history = profiles.history_file(reports or root / "reports", profile)
    history.parent.mkdir(parents=True, exist_ok=True)
    env = {
        **os.environ,
        "CHSI_ALLURE_CATEGORIES": json.dumps(categories(), ensure_ascii=False),
        "CHSI_ALLURE_HISTORY": str(history.resolve()),
        "CHSI_ALLURE_NAME": f"{TITLE} · {described(profile)}",
    }
    with tempfile.TemporaryDirectory(prefix="allure-input-") as work:
        shown = Path(work) / "allure-results"
        prepare(results, shown, load_guide())
        command = [str(allure), "generate", str(shown), "--output", str(output)]
        run = subprocess.run(command, cwd=root, capture_output=True, text=True, env=env)
    lighter_history(history)  # the next report embeds it ten times over
    page = output / "index.html"
    if run.returncode != 0 or not page.is_file():
        raise ReportError(f"Allure 生成报告失败：\n{run.stdout}\n{run.stderr}")
    try:
        html = finish(page.read_text(encoding="utf-8"))
    except InterfaceError as problem:
        raise ReportError(f"{problem}（Allure 升级后请更新 chsi_e2e/allure_ui.py）") from problem
    page.write_text(strip_outside_calls(html), encoding="utf-8")
    return page


def strip_outside_calls(html: str) -> str:
    """Remove the analytics; refuse a report that would still load anything from the network."""
    html = ANALYTICS.sub("", html)
    leftover = OUTSIDE.findall(html)
    if leftover:
        raise ReportError(f"报告仍会访问外部网址，已停止：{leftover[:3]}（Allure 升级后请更新 allure_report.py）")
    return html
