"""The addresses the site and the student's devices live at."""

WWW = "https://www.chsi.com.cn"
ACCOUNT = "https://account.chsi.com.cn"
MY = "https://my.chsi.com.cn"
# The student's own mailbox and phone: hosts under .test, which no real network resolves.
WEBMAIL = "https://mail.student.test"
PHONE = "https://phone.student.test"

# CAS-style login, as public scraper code shows it (chsi-facts.md).
SERVICE = f"{MY}/archive/j_spring_cas_security_check"
LOGIN = f"{ACCOUNT}/passport/login?service={SERVICE}"
# The services the login may return to with a ticket (a CAS server's registry): nothing else gets one.
SERVICES = frozenset({SERVICE})


def inbox(address: str) -> str:
    """The webmail inbox of `address`."""
    return f"{WEBMAIL}/inbox?address={address}"


def sms_inbox(phone: str) -> str:
    """The phone's SMS screen."""
    return f"{PHONE}/sms?phone={phone}"
