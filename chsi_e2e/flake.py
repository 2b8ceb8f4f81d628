"""The flake check: the suite run again and again, serial and parallel, each run in a fresh random order."""

from __future__ import annotations

import random
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

# How each mode runs pytest: one process, or pytest-xdist's workers on every core.
MODES = {"serial": ["-n", "0"], "parallel": ["-n", "auto"]}


@dataclass(frozen=True)
class Failure:
    """One test that failed in one run, with what reproduces it."""

    run: int
    mode: str
    seed: int
    test: str
    message: str

    def command(self, args: list[str], alone: bool = True) -> str:
        """pytest for this test alone with the same personas, or for the whole run in the same order."""
        seeds = f"-p randomly --randomly-seed={self.seed} --persona-seed={self.seed}"
        return " ".join(["pytest", *MODES[self.mode], seeds, *args, *([f"'{self.test}'"] if alone else [])])


@dataclass(frozen=True)
class Run:
    """One pytest run of the flake check."""

    number: int
    mode: str
    seed: int
    tests: int
    seconds: float
    exit_code: int
    failures: list[Failure]


def run_once(root: Path, number: int, mode: str, seed: int, args: list[str], work: Path) -> Run:
    """Run the suite once in `mode` with `seed` for the order and the personas; its failures from JUnit XML."""
    folder = work / f"{number:02d}-{mode}"
    junit = folder / "junit.xml"
    command = [
        sys.executable, "-m", "pytest", *MODES[mode], "-p", "randomly", f"--randomly-seed={seed}",
        f"--persona-seed={seed}", f"--alluredir={folder / 'allure-results'}", f"--junitxml={junit}", "-q", *args,
    ]  # fmt: skip
    begun = time.perf_counter()
    finished = subprocess.run(command, cwd=root, capture_output=True, text=True)
    seconds = time.perf_counter() - begun
    tests, failures = read_junit(junit, number, mode, seed) if junit.is_file() else (0, [])
    if finished.returncode != 0 and not failures:
        # Not a test failing but pytest itself (usage, collection, no tests): as much a flake as any.
        tail = (finished.stdout + finished.stderr).strip().splitlines()[-5:]
        failures = [Failure(number, mode, seed, f"(pytest exit {finished.returncode})", " / ".join(tail))]
    return Run(number, mode, seed, tests, seconds, finished.returncode, failures)


def read_junit(junit: Path, number: int, mode: str, seed: int) -> tuple[int, list[Failure]]:
    """How many tests ran, and which failed or errored, as pytest node ids."""
    root = ET.parse(junit).getroot()
    tests, failures = 0, []
    for case in root.iter("testcase"):
        tests += 1
        problem = next((child for child in case if child.tag in ("failure", "error")), None)
        if problem is not None:
            test = _node_id(case.get("classname", ""), case.get("name", ""))
            first = (problem.get("message") or problem.text or "").strip().splitlines()
            failures.append(Failure(number, mode, seed, test, first[0][:200] if first else problem.tag))
    return tests, failures


def _node_id(classname: str, name: str) -> str:
    """JUnit's dotted classname back to a pytest node id (e2e.test_x → e2e/test_x.py::name)."""
    return f"{classname.replace('.', '/')}.py::{name}"


def flake_check(
    root: Path, runs: int, modes: list[str], args: list[str], work: Path, seed: int | None = None
) -> Iterator[Run]:
    """`runs` rounds of every mode, each run with a fresh seed (drawn from `seed` if given, to repeat a check)."""
    seeds = random.Random(seed) if seed is not None else random.SystemRandom()
    for number in range(1, runs + 1):
        for mode in modes:
            yield run_once(root, number, mode, seeds.randrange(10**6), args, work)
