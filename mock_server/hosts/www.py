"""www.chsi.com.cn: the platform's home page and its toolbar."""

from mock_server.hosts.common import COMMON
from mock_server.http import Request, Response
from mock_server.render import page
from mock_server.routing import Handler, Route
from mock_server.state import State


def home(request: Request, state: State) -> Response:
    """中国高等教育学生信息网, with 学信档案 in the toolbar."""
    return page("www/index.html", state)


def placeholder(heading: str) -> Handler:
    """A toolbar page outside the guide's procedures."""

    def handler(request: Request, state: State) -> Response:
        return page("www/placeholder.html", state, heading=heading)

    handler.__name__ = f"placeholder_{heading}"
    return handler


ROUTES = [
    Route("/", home),
    Route("/xlcx/", placeholder("学历查询")),
    Route("/xjcx/", placeholder("学籍查询")),
    Route("/help/", placeholder("帮助中心")),
    *COMMON,
]
