"""Jinja2 pages, autoescaped, with what every page needs."""

from __future__ import annotations

from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from mock_server import messages
from mock_server.http import Response, html
from mock_server.messages import say
from mock_server.state import State
from mock_server.urls import LOGIN

_env = Environment(loader=PackageLoader("mock_server", "templates"), autoescape=True, undefined=StrictUndefined)


def say_marked(code: str, /, **values: object) -> Markup:
    """A message with some of its values marked up (a value given as Markup stays markup, the rest is escaped)."""
    return Markup.escape(messages.MESSAGES[code]).format(**values)


def marked(text: object, element_id: str) -> Markup:
    """`text` in a <strong> a page object can find by its id."""
    return Markup('<strong id="{}">{}</strong>').format(element_id, text)


# Messages by code in every template: a page's words are the same table the handlers use.
_env.globals.update(say=say, say_marked=say_marked, marked=marked)


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
