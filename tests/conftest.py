"""Hypothesis profiles: bounded and repeatable in the normal suite, wider on request (--hypothesis-profile=explore)."""

from __future__ import annotations

from hypothesis import HealthCheck, settings

_QUIET = [HealthCheck.too_slow, HealthCheck.data_too_large]
# The same examples every run: the suite must never be flaky, and a failure must reproduce.
settings.register_profile("ci", max_examples=40, derandomize=True, database=None, deadline=None,
                          suppress_health_check=_QUIET)  # fmt: skip
# Fresh examples every run, many more of them: for hunting, not for CI.
settings.register_profile("explore", max_examples=1000, deadline=None, suppress_health_check=_QUIET)
settings.load_profile("ci")
