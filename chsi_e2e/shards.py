"""The Allure results of several shards (pytest-split groups) merged into one run, judged as a whole."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from harness.evidence import PROFILE_KEY


class ShardError(RuntimeError):
    """Shards that do not add up to one run: a test in two of them, or mixed site profiles."""


def merge(shards: list[Path], target: Path) -> int:
    """Copy every shard's results into `target` (emptied first); returns how many test results it holds."""
    ran_in: dict[str, Path] = {}
    profiles = {_profile(shard) for shard in shards}
    if len(profiles) > 1:
        raise ShardError(f"分片运行的站点版本不一致：{sorted(profiles)}")
    for shard in shards:
        for result in shard.glob("*-result.json"):
            data = json.loads(result.read_text(encoding="utf-8"))
            # historyId tells parametrized cases apart; fullName alone is shared by all of them.
            name = data.get("historyId") or data.get("fullName", result.name)
            if name in ran_in and ran_in[name] != shard:
                test = data.get("fullName", name)
                raise ShardError(f"测试 {test} 在两个分片中都运行了：{ran_in[name]} 与 {shard}")
            ran_in[name] = shard
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    for shard in shards:
        for item in shard.iterdir():
            if item.is_file():
                shutil.copy2(item, target / item.name)  # uuid-named results; the shared files are identical
    return len(ran_in)


def profile_of(results: Path) -> str:
    """The site profile a run used, from its environment.properties (the guide's 2012 if not recorded)."""
    return _profile(results) or "2012"


def _profile(results: Path) -> str:
    properties = results / "environment.properties"
    if not properties.is_file():
        return ""
    for line in properties.read_text(encoding="utf-8").splitlines():
        key, _, value = line.partition("=")
        if key == PROFILE_KEY:
            return value
    return ""
