"""The harness's seams: the plugin is found by its entry point, and tests steer the mock through a small API."""

from __future__ import annotations

import importlib.metadata
import inspect
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path
from types import SimpleNamespace

import pytest

import harness.plugin
from e2e.pages.base import SitePage
from harness.evidence import ClaimCheck, Verdict, read_checks, read_results
from harness.journey import IDLE_STEP
from harness.plugin import journeys
from mock_server import Site, url_for, urls
from mock_server.http import Redirect, Request, Response, html
from mock_server.routing import Route
from mock_server.state import State
from mock_server.testing import TestClient

ROOT = Path(__file__).parents[1]


def test_the_harness_is_a_pytest_plugin_registered_by_entry_point() -> None:
    found = [e for e in importlib.metadata.entry_points(group="pytest11") if e.value == "harness.plugin"]
    assert [e.name for e in found] == ["chsi_guide_e2e"]


def test_the_plugin_is_loaded_in_this_run(pytestconfig: pytest.Config) -> None:
    assert pytestconfig.pluginmanager.get_plugin("chsi_guide_e2e") is harness.plugin
    assert pytestconfig.pluginmanager.get_plugin("harness.plugin.site") is not None
    assert pytestconfig.getoption("--site-profile") == "2012"


def _item(*marks: pytest.MarkDecorator) -> pytest.Item:
    """A stand-in test item carrying these markers."""
    found = {m.mark.name: m.mark for m in marks}
    return SimpleNamespace(get_closest_marker=found.get)  # type: ignore[return-value]


def _journey(*contradicted: str) -> SimpleNamespace:
    """A stand-in journey whose checks contradicted these sentences."""
    checks = [ClaimCheck(f"{s}.x", s, Verdict.CONTRADICTED) for s in contradicted]
    return SimpleNamespace(
        checks=checks, failures=[f"[{s}] 指南：…\n站点：…" for s in contradicted],
        contradicted=lambda: {c.step for c in checks}, record=SimpleNamespace(stopped="", failure=None),
    )  # fmt: skip


def test_a_journey_meeting_exactly_its_stale_sentences_passes() -> None:
    journeys.judge_journey(_item(pytest.mark.site_profile("current", stale=["reg.3"])), _journey("reg.3"))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("stale", "met", "says"),
    [
        (["reg.3"], ["reg.3", "login.1"], "[login.1]"),  # more stale than declared
        (["reg.3", "login.1"], ["reg.3"], "预期与站点不符的句子没有被发现：login.1"),  # less
        (["reg.3"], [], "预期与站点不符的句子没有被发现：reg.3"),  # the era no longer contradicts it
        ([], ["reg.3"], "[reg.3]"),  # no marker's leave: an ordinary contradiction
    ],
    ids=["多出一句", "少了一句", "一句也没有", "未声明"],
)
def test_a_journey_failing_otherwise_than_declared_fails(stale: list[str], met: list[str], says: str) -> None:
    item = _item(pytest.mark.site_profile("current", stale=stale)) if stale else _item()
    with pytest.raises(AssertionError, match=re.escape(says)):
        journeys.judge_journey(item, _journey(*met))  # type: ignore[arg-type]


def test_use_overrides_one_address_for_this_test_and_reset_restores_it() -> None:
    site = Site()
    client = TestClient(site)
    site.use(f"{urls.ACCOUNT}/passport/login", lambda request, state: html("<h1>系统维护中</h1>", 503))
    assert client.get(urls.LOGIN).status == 503
    site.reset()
    assert "个人用户登录" in client.get(urls.LOGIN).text


def test_use_refuses_a_host_the_mock_does_not_serve() -> None:
    with pytest.raises(ValueError, match="not a host the mock serves"):
        Site().use("https://www.baidu.com/", lambda request, state: Response())


def test_expect_blocked_takes_the_expected_block_and_only_it() -> None:
    site = Site()
    with site.expect_blocked("collector.example.com") as blocked:
        site.blocked += ["GET https://collector.example.com/p", "GET https://other.example.org/x"]
    assert blocked == ["GET https://collector.example.com/p"]
    assert site.blocked == ["GET https://other.example.org/x"]  # still fails the test: it was not expected


def test_expect_blocked_fails_when_nothing_was_blocked() -> None:
    expected = re.escape("预期被拦截的请求没有出现：collector.example.com")
    with pytest.raises(AssertionError, match=expected), Site().expect_blocked("collector.example.com"):
        pass


def test_url_for_builds_addresses_from_route_names() -> None:
    assert url_for("find_password", loginName="a@b.cn") == (
        f"{urls.ACCOUNT}/account/password!retrive.action?loginName=a%40b.cn"
    )
    assert url_for("records_page") == f"{urls.MY}/archive/xjarchive.action"
    assert url_for("archive_home") == f"{urls.MY}/archive/index.action"  # a name given, not the handler's
    with pytest.raises(LookupError, match="names 0 routes"):
        url_for("no_such_page")
    with pytest.raises(LookupError, match="names 5 routes"):
        url_for("favicon")  # every host has one: ambiguous


ROUTES = [route for router in Site().routers.values() for route in router.routes.values()]


@pytest.mark.parametrize("route", ROUTES, ids=[r.path for r in ROUTES])
def test_a_handler_gets_an_account_only_from_its_routes_guard(route: Route) -> None:
    """A handler that needs the student's account declares a guard; one without a guard cannot ask for it."""
    takes_account = "account" in inspect.signature(route.handler).parameters
    assert takes_account == (route.requires is not None)


GUARDED = [(route, method) for route in ROUTES if route.requires for method in route.methods]


@pytest.mark.parametrize(("route", "method"), GUARDED, ids=[f"{m} {r.path}" for r, m in GUARDED])
def test_every_guarded_page_sends_a_stranger_to_login(route: Route, method: str) -> None:
    """No cookie: each guarded page answers with the login page, by each method it takes, and records no problem."""
    site = Site(State())
    host = next(h for h, r in site.routers.items() if route in r.routes.values())
    answer = site.handle(Request(method, f"https://{host}{route.path}"))
    assert isinstance(answer, Redirect) and answer.location == urls.LOGIN
    assert site.state.problems == []


def test_every_page_but_the_icon_has_its_own_name_to_build_its_address() -> None:
    """url_for can reach every page: only the favicon, which every host has, shares its name."""
    names = Counter(route.name for route in ROUTES)
    assert {name: n for name, n in names.items() if n > 1} == {"favicon": 5}
    assert all(url_for(name).startswith("https://") for name in names if names[name] == 1)


IDLE_JOURNEY = '''"""一步什么也没做的旅程。"""
from harness.journey import Journey


def test_a_step_that_does_nothing(journey: Journey) -> None:
    """第一步什么也没做"""
    with journey.step("img.1"):
        pass
'''


@pytest.mark.xdist_group("tooling")
def test_a_step_that_did_and_looked_at_nothing_is_not_judged_done(tmp_path: Path) -> None:
    """旅程的某一步既没有操作也没有检查：这一步的“做得到”列为未覆盖并说明原因，不算仍然正确"""
    # Beside the journeys, for their conftest; named so no other run collects it (only a path given is).
    journey = ROOT / "e2e" / f"idle_probe_{tmp_path.name}.py"
    journey.write_text(IDLE_JOURNEY, encoding="utf-8")
    results = tmp_path / "results"
    try:
        run = subprocess.run(
            [sys.executable, "-m", "pytest", str(journey), "-q", "-n", "0", "-p", "no:randomly", "-o", "addopts=",
             f"--alluredir={results}", "--no-audit"],
            cwd=ROOT, capture_output=True, text=True, timeout=300,
        )  # fmt: skip
    finally:
        journey.unlink()
    assert run.returncode == 0, run.stdout[-2000:]
    (result,) = read_results(results)
    (check,) = [c for c in read_checks(results, result) if c.claim == "img.1.possible"]
    assert check.verdict is Verdict.NOT_COVERED and check.reason == IDLE_STEP


def test_a_page_object_that_cannot_be_found_is_refused_in_chinese() -> None:
    """新页面对象既没有 heading= 也没有 holds=，或 heading 不是词表里的键：定义时就用中文指出，不等到旅程里出英文 KeyError"""
    with pytest.raises(TypeError, match="要给出 heading="):

        class _Nowhere(SitePage):
            """No way to tell it apart."""

    with pytest.raises(TypeError, match="不是词表"):

        class _Misspelt(SitePage, heading="no_such_key"):
            """A heading key the words table lacks."""

    class _ByWhatItHolds(SitePage, holds="#countdown"):
        """Found by what only it holds: no heading key needed."""

    assert _ByWhatItHolds.HOLDS == "#countdown" and _ByWhatItHolds.HEADING == ""


PRINTING_TEST = """
import logging
import sys


def test_prints() -> None:
    print("写到标准输出")
    print("写到错误输出", file=sys.stderr)
    logging.getLogger("probe").warning("写到日志")
"""


@pytest.mark.parametrize(
    ("options", "names"),
    [([], {"日志", "程序输出", "程序的错误输出"}), (["--allure-no-capture"], set())],
    ids=["默认附上", "按--allure-no-capture不附"],
)
def test_what_a_test_printed_is_attached_under_chinese_names(
    tmp_path: Path, options: list[str], names: set[str]
) -> None:
    """测试打印的输出、错误输出与日志以中文名附在报告里（报告里不出现 stdout、stderr、log）；要求不附时一个也不附"""
    (tmp_path / "test_printing.py").write_text(PRINTING_TEST, encoding="utf-8")
    results = tmp_path / "results"
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "test_printing.py", "-q", "-p", "no:randomly", "-o", "addopts=",
         f"--alluredir={results}", *options],
        cwd=tmp_path, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert run.returncode == 0, run.stdout[-2000:]
    (result,) = read_results(results)
    assert {a["name"] for a in result.get("attachments", [])} == names
