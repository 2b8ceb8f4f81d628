"""The mock each test gets: its site profile or variant, clock, seed and students."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import datetime

import allure
import pytest
from playwright.sync_api import BrowserContext, expect

from fixtures.guide import load_guide
from fixtures.personas import Persona, make_persona, seed_for
from fixtures.students import Given
from harness import guard
from harness.clock import SharedClock
from harness.evidence import LABEL_PROFILE, LABEL_VARIANT, LEFT_THE_MACHINE
from harness.plugin.options import BASE_SEED
from harness.settle import watch
from mock_server import Site
from mock_server.clock import BEIJING, VirtualClock
from mock_server.profile import PROFILES
from mock_server.state import State
from mock_server.variants import VARIANTS, Variant
from mock_server.words import SPOKEN

# This test's own seed, kept for the reproduce command (reporting.py).
TEST_SEED = pytest.StashKey[int]()


@pytest.fixture
def seed(request: pytest.FixtureRequest) -> int:
    """This test's own seed, derived from the base seed and the test's id."""
    value = seed_for(request.config.stash[BASE_SEED], request.node.nodeid)
    request.node.stash[TEST_SEED] = value
    return value


@pytest.fixture
def site_variant(request: pytest.FixtureRequest) -> Variant | None:
    """The variant of the site this test runs against: a proof's parameter, or --site-variant, or none."""
    chosen = getattr(request, "param", None) or request.config.getoption("--site-variant")
    if chosen is None:
        return None
    allure.dynamic.label(LABEL_VARIANT, VARIANTS[chosen].name)
    return VARIANTS[chosen]


@pytest.fixture
def document(site_variant: Variant | None) -> dict[str, str]:
    """The guide document's sentences by id, as the run reads them (a variant may rewrite one)."""
    guide = load_guide()
    texts = {sentence_id: guide.sentence(sentence_id).text for sentence_id in guide.sentence_ids()}
    return {**texts, **(site_variant.document if site_variant else {})}


def profile_name(node: pytest.Item) -> str:
    """The site era a test runs against: its site_profile marker's, else the run's --site-profile."""
    marker = node.get_closest_marker("site_profile")
    return str(marker.args[0]) if marker else str(node.config.getoption("--site-profile"))


def pytest_configure(config: pytest.Config) -> None:
    """Wrap Playwright's factories: every context this process opens is served by its test's mock, or refused."""
    guard.install()


@pytest.fixture
def site(request: pytest.FixtureRequest, seed: int, site_variant: Variant | None) -> Iterator[Site]:
    """A fresh mock for this test, answering every request of every browser context the test opens."""
    name = profile_name(request.node)
    if request.node.get_closest_marker("site_profile"):
        allure.dynamic.label(LABEL_PROFILE, name)  # its claims belong to that era's audit, not this run's
    profile = site_variant.profile() if site_variant else PROFILES[name]
    state = State(profile=profile, rng=random.Random(seed))
    start = request.node.get_closest_marker("site_time")
    if start:
        state.clock = VirtualClock(datetime.fromisoformat(start.args[0]).replace(tzinfo=BEIJING))
    mock = Site(state)
    spoken = SPOKEN.set(profile.labels)  # page objects find the site's own controls by this site's words
    # The mock answers at once, and checks on a settled page are decided at once (harness/settle.py): the
    # timeout only bounds the wait for a page that is still loading.
    wait = request.config.getoption("--action-timeout")
    expect.set_options(timeout=wait)
    # Every context the test opens (its page's, a second browser's) is served by this mock, and followed.
    with guard.serving(mock, timeout=wait, prepare=lambda context: watch(context, wait)):
        yield mock
    SPOKEN.reset(spoken)
    mock.reset()
    problems = [f"{LEFT_THE_MACHINE}：{b}" for b in mock.blocked]
    problems += [f"模拟站点记录的问题：{p}" for p in mock.state.problems]
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
def given(site: Site, seed: int) -> Given:
    """What the site already holds before the journey: students, their 学籍, accounts and review requests."""
    return Given(site.state, seed)


@pytest.fixture
def student(given: Given, persona: Persona) -> Persona:
    """A student with a 学籍 (graduate photo included) and a registered account."""
    given.student(persona)
    return persona


def stale(item: pytest.Item) -> set[str]:
    """The guide sentences a test's site_profile marker says that era of the site contradicts."""
    marker = item.get_closest_marker("site_profile")
    return set(marker.kwargs.get("stale", ())) if marker else set()
