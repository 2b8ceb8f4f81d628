"""The student's mailbox: mail the site sends, read on the webmail pages."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta


def masked(address: str) -> str:
    """An address as the site shows it to someone who did not type it: the first character, then x****@domain."""
    local, at, domain = address.partition("@")
    return f"{local[:1]}****{at}{domain}" if at else f"{address[:1]}****"


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
    # When it shows in the inbox (a slow site's mail arrives after it was sent), and whether its link is a link.
    arrives_at: datetime
    clickable: bool = True


@dataclass
class MailServer:
    """Every mailbox the site has written to."""

    delivered: list[Mail] = field(default_factory=list)

    def deliver(
        self,
        to: str,
        subject: str,
        body: str,
        link: str,
        sent_at: datetime,
        *,
        delay: timedelta = timedelta(0),
        clickable: bool = True,
    ) -> Mail:
        """Put a mail in `to`'s inbox, at once unless the sender is slow by `delay`."""
        sender = "学信网 <account@chsi.com.cn>"
        mail = Mail(
            len(self.delivered) + 1, to.lower(), sender, subject, body, link, sent_at, sent_at + delay, clickable
        )
        self.delivered.append(mail)
        return mail

    def inbox(self, address: str, now: datetime | None = None) -> list[Mail]:
        """`address`'s mail that has arrived by `now` (all of it if None), newest first."""
        return [m for m in reversed(self.delivered) if m.to == address.lower() and (now is None or m.arrives_at <= now)]

    def get(self, number: int) -> Mail | None:
        """One mail by its number."""
        return self.delivered[number - 1] if 0 < number <= len(self.delivered) else None
