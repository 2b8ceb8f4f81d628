"""The single-file Allure 3 report, built with the pinned npm `allure`, with its analytics removed."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

# Allure's awesome plugin always adds Google Analytics (analyticsEnable is hard-coded true in 3.x):
# a report opened offline must make no request to any outside host.
ANALYTICS = re.compile(
    r'<script async src="https://www\.googletagmanager\.com/gtag/js[^"]*"></script>\s*<script>\s*'
    r"window\.dataLayer.*?</script>",
    re.S,
)
# Anything else that would load from the network: a src/href to http(s), or a fetch of an absolute URL.
OUTSIDE = re.compile(r"""(?:src|href)\s*=\s*["']https?://(?!www\.w3\.org)[^"']+""")


class ReportError(RuntimeError):
    """The report could not be built; the message says what to do."""


def build(root: Path, results: Path, output: Path | None = None, history: Path | None = None) -> Path:
    """Generate the single-file report (reports/allure-report/index.html by default), stripped of what calls out."""
    allure = root / "node_modules" / ".bin" / "allure"
    if not allure.exists():
        raise ReportError("找不到 Allure 命令行：请先在项目目录运行 npm ci（./run.sh 会自动安装）。")
    if not any(results.glob("*-result.json")):
        raise ReportError(f"{results} 中没有测试结果：请先运行 pytest e2e。")
    output = output or root / "reports" / "allure-report"
    env = {**os.environ, **({"CHSI_ALLURE_HISTORY": str(history)} if history else {})}
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
