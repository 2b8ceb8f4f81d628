"""What happens behind the site, for tests to drive: the review desk's decisions, and a look at records and tickets."""

from __future__ import annotations

from mock_server.services.accounts import Account
from mock_server.services.records import StudentRecord
from mock_server.services.reviews import Decision, Ticket
from mock_server.state import State


class BackOffice:
    """The 教育部 back office and the schools, acting on one site's state."""

    def __init__(self, state: State) -> None:
        self.state = state

    def approve(self, number: str, reason: str = "") -> list[Account]:
        """Approve review `number`: the kept account stays, the others on that ID stop and lose their sessions."""
        ticket = self.state.reviews.decide(number, Decision.APPROVED, self.state.clock.now(), reason)
        stopped = self.state.accounts.keep_only(ticket.id_number, ticket.keep)
        for account in stopped:
            self.state.end_sessions(account)
        return stopped

    def reject(self, number: str, reason: str) -> None:
        """Refuse review `number`, saying why; no account changes."""
        self.state.reviews.decide(number, Decision.REJECTED, self.state.clock.now(), reason)

    def file_review(self, name: str, id_number: str, keep: str, front: bytes, back: bytes) -> Ticket:
        """A review request filed now, as if through the site's form (for a student other than the test's)."""
        return self.state.reviews.file(name, id_number, keep, front, back, self.state.clock.now())

    def tickets(self, id_number: str | None = None) -> list[Ticket]:
        """Every review request filed, or those of one ID number, oldest first."""
        return [t for t in self.state.reviews.tickets.values() if id_number in (None, t.id_number)]

    def record(self, name: str, id_number: str) -> StudentRecord | None:
        """The 学籍 with exactly this name and ID number, as the school sees it."""
        return self.state.records.match(name, id_number)

    def accounts(self, id_number: str) -> list[Account]:
        """The live accounts on an ID number, oldest first."""
        return self.state.accounts.on_id(id_number)

    def captcha(self) -> str:
        """The code the image captcha now on the page shows, as a student reads it off the picture."""
        return self.state.captcha.answer

    def account(self, username: str) -> Account | None:
        """The account a username (or its mailbox) names, however it was written at registration."""
        return self.state.accounts.get(username)
