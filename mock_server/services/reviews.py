"""Review tickets: ID card photos sent to the back office, decided within 7 working days."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from mock_server.idcard import canonical
from mock_server.messages import say
from mock_server.services.accounts import Accounts
from mock_server.services.text import blank
from mock_server.workdays import add_working_days


class Decision(StrEnum):
    """A ticket's outcome, in the words the status page shows."""

    PENDING = "审核中"
    APPROVED = "审核通过"
    REJECTED = "审核未通过"


@dataclass
class Ticket:
    """One request to keep one account on an ID number and stop the others."""

    number: str
    name: str
    id_number: str
    keep: str
    front: bytes
    back: bytes
    filed_at: datetime
    due: date
    decision: Decision = Decision.PENDING
    decided_at: datetime | None = None
    reason: str = ""

    def overdue(self, now: datetime) -> bool:
        """Still undecided after the last working day it was due."""
        return self.decision is Decision.PENDING and now.date() > self.due


@dataclass
class ReviewQueue:
    """The back office's queue; tests act as the reviewer with approve and reject."""

    # The guide: "教育部后台会在7个工作日处理"; the site profile says how many.
    working_days: int = 7
    tickets: dict[str, Ticket] = field(default_factory=dict)

    def file(self, name: str, id_number: str, keep: str, front: bytes, back: bytes, now: datetime) -> Ticket:
        """Accept a request; its reference number counts the day's tickets."""
        number = f"SH{now:%Y%m%d}{len(self.tickets) + 1:05d}"
        ticket = Ticket(
            number, name, id_number, keep, front, back, now, add_working_days(now.date(), self.working_days)
        )
        self.tickets[number] = ticket
        return ticket

    def get(self, number: str) -> Ticket | None:
        """A ticket by its reference number (the back office's view)."""
        return self.tickets.get(number.strip().upper())

    def find(self, number: str, id_number: str) -> Ticket | None:
        """The student's view: a ticket only with its number and the ID number it was filed for."""
        ticket, id_number = self.get(number), canonical(id_number)
        return ticket if ticket and not blank(id_number) and ticket.id_number == id_number else None

    def refusals(self, accounts: Accounts, name: str, id_number: str, keep: str) -> dict[str, str]:
        """Why a review request may not be filed, field by field.

        Asking for it means knowing the exact name on an account of the ID number, or asking to keep a new account,
        still before 实名注册, that was refused for this very number under this very name (the only way the site
        offers the review to a new account: its 【解决方法】 link; someone who bound the student's number under a
        made-up name cannot shut her out); on the phone-first site, which makes no account before the number is
        free, a proven phone refused for it the same way stands for that account. The account to keep must be one
        of those. A blank name or number is nobody's; one request at a time.
        """
        errors = {}
        name, id_number = name.strip(), canonical(id_number)
        on_id = accounts.on_id(id_number)
        if blank(name):
            errors["xm"] = say("review.name_missing")
        if blank(id_number):
            errors["sfzh"] = say("id.invalid")
        elif not self.may_ask(accounts, name, id_number, keep):
            errors["sfzh"] = say("review.no_account")
            # Nothing more is said to whoever lacks the name: which mailbox is on the number, or its open ticket.
            return errors
        if accounts.get(keep) not in on_id and accounts.claimed(keep, id_number) is None:
            errors["keep"] = say("review.keep_invalid")
        open_ticket = next((t for t in self.pending() if not blank(id_number) and t.id_number == id_number), None)
        if open_ticket:
            errors["sfzh"] = say("review.already_open", number=open_ticket.number)
        return errors

    @staticmethod
    def may_ask(accounts: Accounts, name: str, id_number: str, keep: str) -> bool:
        """True when `name` is the exact name on an account of the ID number, or the name the account to keep (or,
        on the phone-first site, the phone to register with) typed with that number when it was refused as taken:
        what asking for a review takes."""
        number, name = canonical(id_number), name.strip()
        if blank(number):
            return False
        return accounts.claimed(keep, number) == name or any(a.name == name for a in accounts.on_id(number))

    def pending(self) -> list[Ticket]:
        """Tickets waiting for the reviewer, oldest first."""
        return [t for t in self.tickets.values() if t.decision is Decision.PENDING]

    def decide(self, number: str, decision: Decision, now: datetime, reason: str = "") -> Ticket:
        """The reviewer's answer; a ticket is decided once."""
        ticket = self.tickets[number]
        if ticket.decision is not Decision.PENDING:
            raise ValueError(f"{number} was already decided: {ticket.decision}")
        ticket.decision, ticket.decided_at, ticket.reason = decision, now, reason
        return ticket
