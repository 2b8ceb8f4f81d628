"""Jinja2 pages, autoescaped, with what every page needs."""

from __future__ import annotations

from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined

from mock_server.http import Response, html
from mock_server.state import State
from mock_server.urls import LOGIN

_env = Environment(loader=PackageLoader("mock_server", "templates"), autoescape=True, undefined=StrictUndefined)


def page(template: str, state: State, status: int = 200, **context: Any) -> Response:
    """Render `template` with the profile, the login address, and no errors unless given."""
    context.setdefault("errors", {})
    context.setdefault("notice", "")
    context.setdefault("form", {})
    return html(
        _env.get_template(template).render(
            profile=state.profile, words=state.profile.labels, login_url=LOGIN, **context
        ),
        status,
    )
