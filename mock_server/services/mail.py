"""The student's mailbox: mail the site sends, read on the webmail pages."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class Mail:
    """One delivered mail."""

    number: int
    to: str
    sender: str
    subject: str
    body: str
    link: str
    sent_at: datetime


@dataclass
class MailServer:
    """Every mailbox the site has written to."""

    delivered: list[Mail] = field(default_factory=list)

    def deliver(self, to: str, subject: str, body: str, link: str, sent_at: datetime) -> Mail:
        """Put a mail in `to`'s inbox at once."""
        mail = Mail(len(self.delivered) + 1, to.lower(), "学信网 <account@chsi.com.cn>", subject, body, link, sent_at)
        self.delivered.append(mail)
        return mail

    def inbox(self, address: str) -> list[Mail]:
        """`address`'s mail, newest first."""
        return [m for m in reversed(self.delivered) if m.to == address.lower()]

    def get(self, number: int) -> Mail | None:
        """One mail by its number."""
        return self.delivered[number - 1] if 0 < number <= len(self.delivered) else None
