"""Fixtures of the journeys: site → context → page, a shared clock, personas and the guide."""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from datetime import datetime

import pytest
from playwright.sync_api import BrowserContext, Page

from e2e.clock import SharedClock
from e2e.journey import Journey
from fixtures.guide import load_guide
from fixtures.personas import Persona, make_persona, seed_for
from fixtures.students import enrol, existing_account
from mock_server import Site, bridge
from mock_server.clock import BEIJING, VirtualClock
from mock_server.profile import PROFILES
from mock_server.state import State

BASE_SEED = pytest.StashKey[int]()
TEST_SEED = pytest.StashKey[int]()


def pytest_configure(config: pytest.Config) -> None:
    """Pick the session's base seed once: the option's, or a fresh one to print on failure."""
    seed = config.getoption("--persona-seed")
    config.stash[BASE_SEED] = seed if seed is not None else random.SystemRandom().randrange(10**6)


@pytest.fixture
def seed(request: pytest.FixtureRequest) -> int:
    """This test's own seed, derived from the base seed and the test's id."""
    value = seed_for(request.config.stash[BASE_SEED], request.node.nodeid)
    request.node.stash[TEST_SEED] = value
    return value


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    """A failing test says how to reproduce its personas."""
    report = yield
    if report.failed and TEST_SEED in item.stash:
        base = item.config.stash[BASE_SEED]
        report.sections.append(("persona seed", f"重现：pytest '{item.nodeid}' --persona-seed {base}"))
    return report


@pytest.fixture
def site(context: BrowserContext, request: pytest.FixtureRequest, seed: int) -> Iterator[Site]:
    """A fresh mock for this test, answering every request of its browser context."""
    profile = PROFILES[request.config.getoption("--site-profile")]
    state = State(profile=profile, rng=random.Random(seed))
    start = request.node.get_closest_marker("site_time")
    if start:
        state.clock = VirtualClock(datetime.fromisoformat(start.args[0]).replace(tzinfo=BEIJING))
    mock = Site(state)
    bridge.install(context, mock)
    yield mock
    problems = [f"blocked request to a host the mock does not serve: {b}" for b in mock.blocked]
    problems += mock.state.problems
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)


@pytest.fixture
def clock(site: Site, context: BrowserContext) -> SharedClock:
    """The site's and the browser's clocks, installed together before any page loads."""
    return SharedClock(site.state.clock, context.clock)


@pytest.fixture
def persona(site: Site, seed: int) -> Persona:
    """The student of this test."""
    return make_persona(seed, site.state.clock.now().date())


@pytest.fixture
def student(site: Site, persona: Persona) -> Persona:
    """A student with a 学籍 (graduate photo included) and a registered account."""
    enrol(site.state, persona)
    existing_account(site.state, persona)
    return persona


@pytest.fixture
def another_persona(site: Site, seed: int) -> Callable[[int], Persona]:
    """More students for the same test: another_persona(1), another_persona(2), …"""
    return lambda index: make_persona(seed + index, site.state.clock.now().date())


@pytest.fixture
def journey(page: Page, site: Site, clock: SharedClock) -> Iterator[Journey]:
    """The guide steps this test performs; their claims go to the Allure result at the end."""
    walk = Journey(load_guide(), page)
    yield walk
    walk.record()


@pytest.fixture(autouse=True)
def _every_journey_is_offline(site: Site, clock: SharedClock) -> None:
    """Every browser test gets the mock and the virtual clock before its first page loads."""
