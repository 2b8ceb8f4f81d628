"""Splitting the suite across machines, merging the shards' results, and reading a flake run's failures."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace
from typing import cast

import pytest

from chsi_e2e.flake import Failure, read_junit
from chsi_e2e.shards import ShardError, merge, profile_of
from harness.evidence import PROFILE_KEY
from harness.plugin.collection import longest_first, recorded_seconds

ROOT = Path(__file__).parents[1]
SPLITS = 3


def _collect(tmp_path: Path, *args: str) -> subprocess.Popen[str]:
    """`pytest --collect-only` in its own process, results kept away from this session's."""
    results = tmp_path / f"results{len(list(tmp_path.iterdir()))}"
    results.mkdir()
    command = [sys.executable, "-m", "pytest", "--collect-only", "-q", f"--alluredir={results}", *args]
    return subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def _node_ids(process: subprocess.Popen[str]) -> list[str]:
    output, _ = process.communicate(timeout=120)
    assert process.returncode == 0, output[-2000:]
    return [line for line in output.splitlines() if "::" in line]


def test_shards_together_run_every_test_exactly_once(tmp_path: Path) -> None:
    """pytest-split's groups, all given the CI run's random-order seed, cover the suite with no test twice."""
    whole = _collect(tmp_path, "-p", "no:randomly")
    split = ["--splits", str(SPLITS), "--splitting-algorithm", "least_duration", "--randomly-seed=4242"]
    shards = [_collect(tmp_path, *split, "--group", str(g)) for g in (1, 2, 3)]
    everything = _node_ids(whole)
    groups = [_node_ids(shard) for shard in shards]
    assert len(everything) > 150
    assert all(groups), "a shard with nothing to run"
    assert sorted(test for group in groups for test in group) == sorted(everything)


def _result(folder: Path, name: str, profile: str = "2012", case: str = "") -> None:
    """A minimal Allure result of test `name` (parametrized `case`, if given) in a shard's results folder."""
    folder.mkdir(parents=True, exist_ok=True)
    result = {"uuid": f"{name}{case}", "name": name, "fullName": f"e2e.test_x#{name}", "historyId": f"{name}[{case}]"}
    (folder / f"{name}{case}-result.json").write_text(json.dumps(result), encoding="utf-8")
    (folder / "environment.properties").write_text(f"{PROFILE_KEY}={profile}\n", encoding="utf-8")


def test_merged_shards_hold_every_result(tmp_path: Path) -> None:
    """Two shards' results become one folder with both, ready for one report."""
    _result(tmp_path / "a", "one")
    _result(tmp_path / "b", "two")
    merged = tmp_path / "merged"
    assert merge([tmp_path / "a", tmp_path / "b"], merged) == 2
    assert sorted(p.name for p in merged.glob("*-result.json")) == ["one-result.json", "two-result.json"]
    assert profile_of(merged) == "2012"


def test_cases_of_one_parametrized_test_may_run_in_different_shards(tmp_path: Path) -> None:
    """pytest-split places each parametrized case on its own: two cases of one test are not a duplicate."""
    _result(tmp_path / "a", "one", case="pinyin")
    _result(tmp_path / "b", "one", case="digits")
    assert merge([tmp_path / "a", tmp_path / "b"], tmp_path / "merged") == 2


def test_a_test_in_two_shards_is_refused(tmp_path: Path) -> None:
    """Shards that overlap are not merged: the report would count a test twice."""
    _result(tmp_path / "a", "one")
    _result(tmp_path / "b", "one")
    with pytest.raises(ShardError, match="两个分片"):
        merge([tmp_path / "a", tmp_path / "b"], tmp_path / "merged")


def test_shards_of_different_site_profiles_are_refused(tmp_path: Path) -> None:
    """A 2012 shard and a current shard are two different audits, not one."""
    _result(tmp_path / "a", "one", "2012")
    _result(tmp_path / "b", "two", "current")
    with pytest.raises(ShardError, match="站点版本不一致"):
        merge([tmp_path / "a", tmp_path / "b"], tmp_path / "merged")


JUNIT = """<?xml version="1.0" encoding="utf-8"?>
<testsuites><testsuite name="pytest" tests="3">
<testcase classname="e2e.test_registration" name="test_nine_steps[chromium]" time="1.0"/>
<testcase classname="e2e.test_login_trouble" name="test_reset[chromium]" time="1.0">
<failure message="AssertionError: 指南：… / 站点：…">trace</failure></testcase>
<testcase classname="tests.test_clock" name="test_tick" time="0.1"><error message="fixture exploded">x</error></testcase>
</testsuite></testsuites>"""


def test_flake_run_lists_each_failure_with_its_seed(tmp_path: Path) -> None:
    """Failures and errors of a run come back as node ids, with commands that reproduce them."""
    junit = tmp_path / "junit.xml"
    junit.write_text(JUNIT, encoding="utf-8")
    tests, failures = read_junit(junit, 3, "parallel", 777)
    assert tests == 3
    assert [f.test for f in failures] == [
        "e2e/test_login_trouble.py::test_reset[chromium]",
        "tests/test_clock.py::test_tick",
    ]
    assert failures[0] == Failure(3, "parallel", 777, failures[0].test, "AssertionError: 指南：… / 站点：…")
    alone = failures[0].command(["-m", "not slow"])
    assert "--randomly-seed=777 --persona-seed=777" in alone and alone.endswith(
        "'e2e/test_login_trouble.py::test_reset[chromium]'"
    )
    assert failures[0].command([], alone=False).startswith("pytest -n auto -p randomly --randomly-seed=777")


def _items(*tests: tuple[str, str]) -> list[pytest.Item]:
    """Stand-ins for collected tests: (node id, kind), kind "group" (an xdist group), "journey" or "" (the rest)."""
    return cast(
        list[pytest.Item],
        [
            SimpleNamespace(
                nodeid=nodeid,
                fixturenames=("journey",) if kind == "journey" else (),
                get_closest_marker=lambda name, kind=kind: object() if kind == "group" else None,
            )
            for nodeid, kind in tests
        ],
    )


def test_parallel_workers_start_with_the_longest_recorded_tests() -> None:
    """With recorded times, the tooling group comes first, then the longest; an untimed test counts as average."""
    items = _items(("short", ""), ("journey", "journey"), ("untimed", ""), ("long", ""), ("tooling", "group"))
    longest_first(items, {"short": 0.2, "journey": 1.0, "long": 5.0})
    assert [item.nodeid for item in items] == ["tooling", "long", "untimed", "journey", "short"]


def test_without_recorded_times_journeys_go_first_each_kind_in_its_own_order() -> None:
    """No recorded times: the tooling group, the guide's journeys, then the rest, each kind as pytest-randomly left it."""
    items = _items(("b", ""), ("j2", "journey"), ("a", ""), ("j1", "journey"), ("tooling", "group"))
    longest_first(items, {})
    assert [item.nodeid for item in items] == ["tooling", "j2", "j1", "b", "a"]


def test_only_a_run_on_two_or_more_workers_reads_the_recorded_times(tmp_path: Path) -> None:
    """A serial run or a single worker keeps the random order; two workers read .test_durations as pytest-split wrote it."""
    durations = tmp_path / ".test_durations"
    durations.write_text(json.dumps({"e2e/test_x.py::test_y": 1.5}), encoding="utf-8")

    def config(**workerinput: int) -> pytest.Config:
        option = SimpleNamespace(durations_path=str(durations))  # pytest-split's --durations-path
        found = SimpleNamespace(option=option, **({"workerinput": workerinput} if workerinput else {}))
        return cast(pytest.Config, found)

    assert recorded_seconds(config()) == {}
    assert recorded_seconds(config(workercount=1)) == {}
    assert recorded_seconds(config(workercount=2)) == {"e2e/test_x.py::test_y": 1.5}
    durations.write_text("{不是 JSON", encoding="utf-8")
    assert recorded_seconds(config(workercount=2)) == {}
