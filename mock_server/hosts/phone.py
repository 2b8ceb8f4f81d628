"""phone.student.test: the student's phone, showing the SMS the site sends."""

from mock_server.hosts.common import COMMON
from mock_server.http import Request, Response
from mock_server.render import page
from mock_server.routing import Route
from mock_server.state import State


def sms(request: Request, state: State) -> Response:
    """The phone's messages, newest first."""
    phone = request.query.get("phone", "")
    return page("phone/sms.html", state, phone=phone, messages=state.sms.inbox(phone))


ROUTES = [Route("/sms", sms), *COMMON]
