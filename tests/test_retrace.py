"""A failed test's trace comes from running it once more: which results need one, and how the reruns are made."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from harness.plugin.retrace import _attach, _batches, _failed_without_trace, _plugins
from harness.runs import promote


def _result(folder: Path, name: str, status: str, attachments: dict[str, str]) -> None:
    listed: list[dict[str, str]] = []
    for title, body in attachments.items():
        source = f"{name}-{len(listed)}-attachment.txt"
        (folder / source).write_text(body, encoding="utf-8")
        listed.append({"name": title, "source": source, "type": "text/plain"})
    result = {"name": name, "status": status, "attachments": listed}
    (folder / f"{name}-result.json").write_text(json.dumps(result), encoding="utf-8")


def test_only_failed_results_with_a_command_and_no_trace_are_rerun(tmp_path: Path) -> None:
    """失败且有重现命令、还没有追踪的结果才重跑；通过的、已有追踪的（可回放旅程）不重跑"""
    a, b = (
        "pytest 'e2e/a.py::test_a[chromium]' --persona-seed 7",
        "pytest 'e2e/b.py::test_b[chromium]' --persona-seed 7",
    )
    _result(tmp_path, "a", "failed", {"重现命令（在项目目录运行）": a})
    _result(tmp_path, "b", "broken", {"重现命令（在项目目录运行）": b, "Playwright 追踪（离线查看）": "zip"})
    _result(tmp_path, "c", "passed", {})
    found = _failed_without_trace(tmp_path)
    assert list(found) == [a]
    assert found[a][2] == "e2e/a.py::test_a[chromium]"


def test_reruns_with_the_same_options_go_together() -> None:
    """重现命令只差测试编号的，合成一次重跑；选项不同（站点版本）的分开跑"""
    failed: dict[str, tuple[Path, dict[str, Any], str]] = {
        "pytest 'e2e/a.py::t1' --persona-seed 7": (Path("1"), {}, "e2e/a.py::t1"),
        "pytest 'e2e/a.py::t2' --persona-seed 7": (Path("2"), {}, "e2e/a.py::t2"),
        "pytest 'e2e/a.py::t3' --persona-seed 7 --site-profile current": (Path("3"), {}, "e2e/a.py::t3"),
    }
    assert _batches(failed) == {
        ("--persona-seed", "7"): ["e2e/a.py::t1", "e2e/a.py::t2"],
        ("--persona-seed", "7", "--site-profile", "current"): ["e2e/a.py::t3"],
    }


def test_the_rerun_loads_the_plugins_the_run_loaded() -> None:
    """原来命令行上的 -p 插件（两种写法）重跑时照样加载"""
    assert _plugins(("e2e", "-p", "tests.breakage", "-pno:randomly", "-q")) == [
        "-p", "tests.breakage", "-p", "no:randomly"
    ]  # fmt: skip


def test_the_last_full_run_keeps_its_results_when_the_next_run_cleans_or_a_retrace_rewrites(tmp_path: Path) -> None:
    """上一次完整运行的结果不随下一次运行变化：清空本次结果、为失败的测试补上追踪，都不改动它"""
    results, full = tmp_path / "last-run", tmp_path / "full-run"
    results.mkdir()
    _result(results, "a", "failed", {"重现命令（在项目目录运行）": "pytest 'e2e/a.py::test_a[chromium]'"})
    promote(results, full)
    kept = {file.name: file.read_bytes() for file in full.iterdir()}
    trace = tmp_path / "trace.zip"
    trace.write_bytes(b"zip")
    file = results / "a-result.json"
    _attach(results, file, json.loads(file.read_text(encoding="utf-8")), trace, "Playwright 追踪（离线查看）")
    assert "Playwright 追踪（离线查看）" in file.read_text(encoding="utf-8")  # the run's own result has its trace
    assert {file.name: file.read_bytes() for file in full.iterdir()} == kept
    shutil.rmtree(results)  # the next run's --clean-alluredir
    assert {file.name: file.read_bytes() for file in full.iterdir()} == kept
