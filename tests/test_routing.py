"""Route tables and dispatch: what a real server would answer, and loud misses."""

import pytest

from mock_server import Site
from mock_server.http import Request, Response, html
from mock_server.routing import MethodNotAllowed, Route, Router, Unhandled
from mock_server.state import State


def ok(request: Request, state: State) -> Response:
    return html("ok")


def crash(request: Request, state: State) -> Response:
    raise RuntimeError("boom")


def test_route_path_must_be_absolute() -> None:
    with pytest.raises(ValueError, match="must start with '/'"):
        Route("account/login", ok)


def test_route_methods_must_be_upper_case() -> None:
    with pytest.raises(ValueError, match="upper-case"):
        Route("/x", ok, methods=("get",))


def test_duplicate_route_is_refused_when_built() -> None:
    with pytest.raises(ValueError, match="duplicate route /x"):
        Router("h", [Route("/x", ok), Route("/x", ok)])


def test_route_repr_is_readable() -> None:
    assert repr(Route("/x", ok, methods=("GET", "POST"))) == "Route('/x', ok, methods=['GET', 'POST'])"


def test_wrong_method_on_a_known_path_is_405() -> None:
    router = Router("h", [Route("/x", ok, methods=("POST",))])
    with pytest.raises(MethodNotAllowed, match="GET https://h/x"):
        router.dispatch(Request("GET", "https://h/x"), State())


def test_head_is_refused_with_the_methods_the_route_takes() -> None:
    """HEAD never runs a handler: one-time GET addresses (activation links, tickets) must not be used up by it."""
    router = Router("h", [Route("/x", ok, methods=("GET", "POST"))])
    with pytest.raises(MethodNotAllowed) as refused:
        router.dispatch(Request("HEAD", "https://h/x"), State())
    assert refused.value.allowed == ("GET", "POST")


def test_unknown_path_names_the_nearest_routes() -> None:
    router = Router("h", [Route("/account/preregister.action", ok)])
    with pytest.raises(
        Unhandled, match=r"GET https://h/account/preregistre.action；是不是 /account/preregister.action？"
    ):
        router.dispatch(Request("GET", "https://h/account/preregistre.action"), State())


def test_site_answers_unknown_path_with_404_and_records_it() -> None:
    site = Site()
    response = site.handle(Request("GET", "https://account.chsi.com.cn/account/nope.action"))
    assert response.status == 404
    assert site.state.problems[0].startswith(
        "模拟站点没有这个地址：GET https://account.chsi.com.cn/account/nope.action"
    )


def test_site_refuses_hosts_it_does_not_serve() -> None:
    site = Site()
    assert not site.serves("https://www.baidu.com/")
    with pytest.raises(Unhandled, match=r"host not served: GET https://www\.baidu\.com/"):
        site.handle(Request("GET", "https://www.baidu.com/"))


def test_handler_crash_is_a_500_and_a_recorded_problem() -> None:
    site = Site()
    site.use("https://www.chsi.com.cn/boom", crash)
    response = site.handle(Request("GET", "https://www.chsi.com.cn/boom"))
    assert response.status == 500
    assert "RuntimeError: boom" in site.state.problems[0]


def test_every_host_answers_its_favicon_quietly() -> None:
    site = Site()
    for host in site.routers:
        assert site.handle(Request("GET", f"https://{host}/favicon.ico")).status == 204
    assert site.state.problems == []
