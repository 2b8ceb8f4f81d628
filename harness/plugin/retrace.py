"""A failed test's trace, recorded by running it once more: recording every test costs the browser a sixth of a run.

Like Playwright's own `trace: on-first-retry`, a test runs untraced; after the run (on the xdist controller, before
the audit reads the results) each failed test runs again, by the reproduce command it printed, with the trace on.
The trace joins the failed result in the report, named for what it is: a second run, which failed again or not.
The first run's verdict stands either way.
"""

from __future__ import annotations

import json
import shlex
import shutil
import subprocess
import sys
import tempfile
import uuid
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest

from harness.evidence import REPRODUCE_ATTACHMENT, TRACE_ATTACHMENT
from harness.plugin.traces import PASSED, kept_trace, trace_name

TRACE_AGAIN = f"{TRACE_ATTACHMENT}（失败后按重现命令重跑一次录制，又失败了；离线查看：chsi-e2e replay --trace）"
TRACE_PASSED = f"{TRACE_ATTACHMENT}（失败后按重现命令重跑一次录制，这次通过了：失败没有重现，可能时有时无）"


@pytest.hookimpl(tryfirst=True)  # before harness/plugin/session.py promotes and audits the results
def pytest_sessionfinish(session: pytest.Session) -> None:
    """Rerun each failed test once, traced, and give its result that trace (before the audit reads the results)."""
    config = session.config
    results = config.getoption("allure_report_dir", None)
    skip = config.getoption("--no-trace") or config.getoption("--prove") or config.getoption("--retrace-into")
    own = config.getoption("--tracing") == "off"  # pytest-playwright's --tracing keeps its own traces instead
    if hasattr(config, "workerinput") or skip or not own or not results or not Path(results).is_dir():
        return
    failed = _failed_without_trace(Path(results))
    if not failed:
        return
    terminal = config.pluginmanager.get_plugin("terminalreporter")
    if terminal is not None:
        terminal.write_line(f"为 {len(failed)} 个失败的测试按重现命令各重跑一次，录制追踪……")
    plugins = _plugins(config.invocation_params.args)
    # As many workers as the run had, for a batch that can use them (a worker costs a browser and a second or two).
    workers = str(getattr(config.option, "numprocesses", 0) or 0) if len(failed) > 2 else "0"
    with tempfile.TemporaryDirectory(prefix="chsi-retrace-") as scratch:
        traces = Path(scratch) / "traces"
        for rest, nodeids in _batches(failed).items():
            command = [sys.executable, "-m", "pytest", *nodeids, *rest, *plugins, "-n", workers, "-q", "-o", "addopts=",
                       f"--alluredir={Path(scratch) / 'allure'}", f"--output={Path(scratch) / 'out'}", "--no-audit",
                       f"--retrace-into={traces}"]  # fmt: skip
            subprocess.run(command, cwd=config.rootpath, capture_output=True, check=False)
        for file, result, nodeid in failed.values():
            trace = traces / trace_name(nodeid)
            if trace.is_file():
                passed = trace.with_suffix(PASSED).is_file()
                _attach(Path(results), file, result, trace, TRACE_PASSED if passed else TRACE_AGAIN)
                kept = kept_trace(config, nodeid.split("::")[-1])
                kept.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(trace, kept)


def _failed_without_trace(results: Path) -> dict[str, tuple[Path, dict[str, Any], str]]:
    """Failed results with a reproduce command and no trace yet: their command → (file, result, test id)."""
    found: dict[str, tuple[Path, dict[str, Any], str]] = {}
    for file in results.glob("*-result.json"):
        result = json.loads(file.read_text(encoding="utf-8"))
        names = {a["name"]: a["source"] for a in result.get("attachments", [])}
        if result.get("status") not in ("failed", "broken") or any(n.startswith(TRACE_ATTACHMENT) for n in names):
            continue
        source = next((s for n, s in names.items() if n.startswith(REPRODUCE_ATTACHMENT)), None)
        if source and (results / source).is_file():
            command = (results / source).read_text(encoding="utf-8").strip()
            found[command] = (file, result, shlex.split(command)[1])
    return found


def _batches(failed: dict[str, tuple[Path, dict[str, Any], str]]) -> dict[tuple[str, ...], list[str]]:
    """The failed tests grouped by the options of their reproduce command: one rerun per group."""
    groups: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for command, (_, _, nodeid) in failed.items():
        groups[tuple(shlex.split(command)[2:])].append(nodeid)
    return groups


def _plugins(args: tuple[str, ...]) -> list[str]:
    """The -p plugins of the original command line (the reproduce command leaves out how the run was set up)."""
    found: list[str] = []
    for previous, arg in zip(("", *args), args, strict=False):
        if previous == "-p" or (arg.startswith("-p") and len(arg) > 2):
            found += ["-p", arg.removeprefix("-p")]
    return found


def _attach(results: Path, file: Path, result: dict[str, Any], trace: Path, name: str) -> None:
    """Add the trace to the result, as Allure keeps attachments: a file beside the results, named in the result."""
    source = f"{uuid.uuid4()}-attachment.zip"
    shutil.copyfile(trace, results / source)
    result.setdefault("attachments", []).append({"name": name, "source": source, "type": "application/zip"})
    # A new file renamed over the old, as Allure writes: the last full run may share the old one (runs.promote).
    written = file.with_name(f"{file.name}.tmp")
    written.write_text(json.dumps(result, ensure_ascii=False), encoding="utf-8")
    written.replace(file)
