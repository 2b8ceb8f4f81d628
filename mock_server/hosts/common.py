"""Routes every host answers."""

from mock_server.http import Request, Response
from mock_server.routing import Route
from mock_server.state import State


def favicon(request: Request, state: State) -> Response:
    """Browsers ask every host for an icon; the mock has none to give."""
    return Response(status=204, content_type="image/x-icon")


COMMON = [Route("/favicon.ico", favicon)]
