"""The single-file Allure 3 report, built with the pinned npm `allure`, with its analytics removed."""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path
from typing import Any

from harness.evidence import LABEL_FAILURE, LABEL_VERDICT, LEFT_THE_MACHINE, Failure, Verdict

# Allure's awesome plugin always adds Google Analytics (analyticsEnable is hard-coded true in 3.x):
# a report opened offline must make no request to any outside host.
ANALYTICS = re.compile(
    r'<script async src="https://www\.googletagmanager\.com/gtag/js[^"]*"></script>\s*<script>\s*'
    r"window\.dataLayer.*?</script>",
    re.S,
)
# Anything else that would load from the network: a src/href to http(s), or a fetch of an absolute URL.
OUTSIDE = re.compile(r"""(?:src|href)\s*=\s*["']https?://(?!www\.w3\.org)[^"']+""")


# The set-ups a reader of the report cares about, in Chinese; pytest-playwright's and Allure's own are left out.
SHOWN_FIXTURES = {
    "browser": "启动浏览器（Chromium，离线）",
    "site": "准备全新的模拟站点：学信网、学生邮箱与手机",
    "site_variant": "选择站点版本",
    "clock": "安装虚拟时钟：站点与页面一起走",
    "persona": "生成虚构的学生",
    "student": "准备已注册、有学籍与毕业照片的学生",
    "classmate": "准备另一名同校学生",
}
# The one clean-up that checks something: no request left the machine and the site recorded no problem.
SHOWN_TEARDOWNS = {"site::<lambda>": "检查：没有请求离开本机，模拟站点没有出错"}


def tidy_fixtures(results: Path) -> None:
    """Keep in each result's set-up and clean-up only what SHOWN_* name, titled in Chinese (rewrites containers)."""
    names = {**SHOWN_FIXTURES, **SHOWN_TEARDOWNS}
    for file in results.glob("*-container.json"):
        container = json.loads(file.read_text(encoding="utf-8"))
        for kind in ("befores", "afters"):
            kept = [{**step, "name": names[step["name"]]} for step in container.get(kind, []) if step["name"] in names]
            kept += [step for step in container.get(kind, []) if step["name"] in names.values()]
            container[kind] = kept
        file.write_text(json.dumps(container, ensure_ascii=False), encoding="utf-8")


def categories() -> list[dict[str, Any]]:
    """The report's categories, first match wins: each verdict a journey's checks reached, the guard, then the rest."""

    def verdict(v: Verdict, why: str) -> dict[str, Any]:
        return {"id": str(v), "name": f"{v.zh}（{why}）", "matchers": {"labels": {LABEL_VERDICT: f"^{v}$"}}}

    return [
        verdict(Verdict.CONTRADICTED, "指南需要修订"),
        {"id": "guard", "name": "网络隔离（有请求试图离开本机）", "matchers": {"message": LEFT_THE_MACHINE}},
        verdict(Verdict.NOT_REACHED, "前面一步与站点不符"),
        # A crash of the mock fails a test like the site would: only the journey's label tells them apart.
        {
            "id": str(Failure.MOCK),
            "name": Failure.MOCK.zh,
            "matchers": {"labels": {LABEL_FAILURE: f"^{Failure.MOCK}$"}},
        },
        {"id": str(Failure.TOOL), "name": Failure.TOOL.zh, "matchers": {"statuses": ["broken"]}},
        {"id": str(Failure.SITE), "name": Failure.SITE.zh, "matchers": {"statuses": ["failed"]}},
        verdict(Verdict.UNCLEAR, "通过，但原文需要修订"),
    ]


class ReportError(RuntimeError):
    """The report could not be built; the message says what to do."""


def build(root: Path, results: Path, output: Path | None = None, history: Path | None = None) -> Path:
    """Generate the single-file report (reports/allure-report/index.html by default), stripped of what calls out."""
    allure = root / "node_modules" / ".bin" / "allure"
    if not allure.exists():
        raise ReportError("找不到 Allure 命令行：请先在项目目录运行 npm ci（./run.sh 会自动安装）。")
    if not any(results.glob("*-result.json")):
        raise ReportError(f"{results} 中没有测试结果：请先运行 pytest e2e。")
    tidy_fixtures(results)
    output = output or root / "reports" / "allure-report"
    env = {**os.environ, "CHSI_ALLURE_CATEGORIES": json.dumps(categories(), ensure_ascii=False)}
    env |= {"CHSI_ALLURE_HISTORY": str(history)} if history else {}
    run = subprocess.run(
        [str(allure), "generate", str(results), "--output", str(output)],
        cwd=root,
        capture_output=True,
        text=True,
        env=env,
    )
    page = output / "index.html"
    if run.returncode != 0 or not page.is_file():
        raise ReportError(f"Allure 生成报告失败：\n{run.stdout}\n{run.stderr}")
    page.write_text(strip_outside_calls(page.read_text(encoding="utf-8")), encoding="utf-8")
    return page


def strip_outside_calls(html: str) -> str:
    """Remove the analytics; refuse a report that would still load anything from the network."""
    html = ANALYTICS.sub("", html)
    leftover = OUTSIDE.findall(html)
    if leftover:
        raise ReportError(f"报告仍会访问外部网址，已停止：{leftover[:3]}（Allure 升级后请更新 allure_report.py）")
    return html
