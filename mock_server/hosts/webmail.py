"""mail.student.test: the student's own mailbox, where the activation mail arrives, for one address or all of them."""

from mock_server.hosts.common import COMMON
from mock_server.http import Request, Response
from mock_server.messages import say
from mock_server.render import page
from mock_server.routing import Route
from mock_server.state import State


def inbox(request: Request, state: State) -> Response:
    """收件箱 of the address in the query; without one, every address's mail, each with its recipient.

    A student practising with an address of their own finds its mail here, whatever they typed.
    """
    address = request.query.get("address", "")
    now = state.clock.now()
    every = [m for m in reversed(state.mail.delivered) if m.arrives_at <= now]
    mails = state.mail.inbox(address, now) if address else every
    return page("mail/inbox.html", state, address=address, mails=mails)


def read(request: Request, state: State) -> Response:
    """One mail, its link shown in full so it can be clicked or copied."""
    number = request.query.get("id", "")
    mail = state.mail.get(int(number)) if number.isdecimal() and len(number) < 10 else None
    if mail is None or mail.arrives_at > state.clock.now():
        return page("www/placeholder.html", state, status=404, heading=say("mail.not_found"))
    return page("mail/read.html", state, mail=mail)


ROUTES = [Route("/inbox", inbox), Route("/read", read), *COMMON]
