"""phone.student.test: the student's phone, showing the SMS the site sends, to one number or to every number."""

from mock_server.hosts.common import COMMON
from mock_server.http import Request, Response
from mock_server.render import page
from mock_server.routing import Route
from mock_server.state import State


def sms(request: Request, state: State) -> Response:
    """The phone's messages, newest first; without a number, every number's, each with its number.

    A student practising with a number of their own gets its codes here, whatever they typed.
    """
    phone = request.query.get("phone", "")
    messages = state.sms.inbox(phone) if phone else list(reversed(state.sms.sent))
    return page("phone/sms.html", state, phone=phone, messages=messages)


ROUTES = [Route("/sms", sms), *COMMON]
