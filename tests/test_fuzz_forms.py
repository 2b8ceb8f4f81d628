"""Every form and upload of the mock, fed hostile input by hypothesis: never a crash, always a message, nothing lost."""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from urllib.parse import quote, quote_from_bytes, urlencode

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fixtures.images import id_card_photo
from fixtures.personas import Persona, make_persona
from fixtures.students import enrol, existing_account, pending_account
from mock_server import Site, urls
from mock_server.hosts.account import REG_COOKIE
from mock_server.hosts.my import SESSION_COOKIE
from mock_server.http import Redirect, Request, Response
from mock_server.routing import Route
from mock_server.services.accounts import Account, Status
from mock_server.state import SessionKind, State
from tests.helpers import multipart

ACCOUNT, MY = urls.ACCOUNT, urls.MY
# Echoed unescaped, this tag would reach the page as markup; escaped it shows as text.
MARKER = "<x-fuzz>"
HOSTILE = [
    f"{MARKER}<script>alert(1)</script>",
    f'"><img src=x onerror=alert(1)>{MARKER}',
    f"</textarea>{MARKER}",
    "' OR 1=1 --",
    "\x00\x01\x7f",
    "\u202e\ufeff\U0001f600𠀀",
    "A" * 100_000,
]
# Fields that look filled and say nothing: none may stand for a name, a number or an account.
BLANK = ["", " ", "\u3000", "\t\r\n", "\u200b", "\u00a0"]
CHINESE = re.compile(r"[\u4e00-\u9fff]")

pytestmark = pytest.mark.security


@dataclass(frozen=True)
class Target:
    """One form of the site: where it posts, the fields it reads, and its files."""

    name: str
    url: str
    fields: tuple[str, ...]
    files: tuple[str, ...] = ()
    # How the browser gets there: the stage sets up the state and cookies the form needs.
    stage: str = "anonymous"
    # Words on the page when the site accepted the input (otherwise it must show an error).
    accepted: tuple[str, ...] = ()
    # Sent by the page's script (fetch), which reads JSON, rather than by submitting the form.
    fetch: bool = False


TARGETS = [
    Target("sign-up", f"{ACCOUNT}/account/registerprocess.action", ("username", "password", "password1"),
           accepted=("激活邮件已发送",)),
    Target("resend-activation", f"{ACCOUNT}/account/resendactivation.action", ("token",)),
    Target("real-name", f"{ACCOUNT}/account/realname.action", ("xm", "sfzh", "region"), stage="real-name"),
    Target("send-sms", f"{ACCOUNT}/account/getmphonpincode.action", ("mphone",), stage="phone", fetch=True),
    Target("phone-confirm", f"{ACCOUNT}/account/phoneconfirm.action", ("mphone", "vcode"), stage="phone"),
    Target("finish", f"{ACCOUNT}/account/finish.action", (), stage="confirmation", accepted=("账号注册成功",)),
    Target("login", f"{ACCOUNT}/passport/login", ("username", "password", "lt")),
    Target("find-username", f"{ACCOUNT}/account/password!rtvlgname.action", ("xm", "sfzh")),
    Target("find-password", f"{ACCOUNT}/account/password!retrive.action", ("loginName",)),
    Target("reset-password", f"{ACCOUNT}/account/password!reset.action", ("password", "password1"),
           stage="reset", accepted=("密码重置成功",)),
    Target("review", f"{ACCOUNT}/account/review.action", ("xm", "sfzh", "keep"), ("front", "back"),
           accepted=("申请已提交",)),
    Target("review-status", f"{ACCOUNT}/account/review!status.action", ("no", "sfzh")),
    Target("photo-confirm", f"{MY}/archive/photo/confirm.action", (), stage="logged-in"),
    Target("photo-modify", f"{MY}/archive/photo/modify.action", ("reason",), ("photo",), stage="logged-in"),
]  # fmt: skip


@dataclass
class World:
    """A fresh site with the student at the target's stage, and a bystander the input must never touch."""

    site: Site
    student: Persona
    bystander: Persona
    cookies: str
    url: str

    def snapshot(self) -> str:
        """Everything of the bystander's that the site keeps: account, 学籍 and review ticket."""
        state = self.site.state
        account = state.accounts.get(self.bystander.email)
        record = state.records.match(self.bystander.name, self.bystander.id_number)
        tickets = [t for t in state.reviews.tickets.values() if t.id_number == self.bystander.id_number]
        return repr((account, record, tickets))


def build_world(target: Target) -> World:
    """The student at the stage `target` needs; the bystander registered, enrolled and with a ticket filed.

    Each example gets its own copy of one world built per target: building it (personas, pictures, password
    digests) costs far more than the request it is for.
    """
    world = _world(target)
    profile = world.site.state.profile  # frozen and shared by every site of its era: not copied
    return copy.deepcopy(world, memo={id(profile): profile})


@cache
def _world(target: Target) -> World:
    state = State()
    site = Site(state)
    student, bystander = make_persona(11, state.clock.now().date()), make_persona(12, state.clock.now().date())
    for persona in (student, bystander):
        enrol(state, persona)
    bystander_account = existing_account(state, bystander)
    front, back = id_card_photo(bystander, "正面"), id_card_photo(bystander, "背面")
    state.reviews.file(bystander.name, bystander.id_number, bystander_account.email, front, back, state.clock.now())
    cookie, url = STAGES[target.stage](state, student)
    return World(site, student, bystander, cookie, target.url + url)


def _anonymous(state: State, student: Persona) -> tuple[str, str]:
    return "", ""


def _registering(status: Status) -> Callable[[State, Persona], tuple[str, str]]:
    def stage(state: State, student: Persona) -> tuple[str, str]:
        account = pending_account(state, student)
        if status is not Status.PENDING_REAL_NAME:
            state.accounts.submit_real_name(account, student.name, student.id_number, student.province)
        if status is Status.PENDING_CONFIRMATION:
            state.accounts.confirm_phone(account, student.phone)
        return f"{REG_COOKIE}={state.open_session(account, SessionKind.REGISTRATION)}", ""

    return stage


def _reset(state: State, student: Persona) -> tuple[str, str]:
    existing_account(state, student)
    _, token = state.accounts.issue_reset(student.email, state.clock.now())
    return "", f"?token={token}"


def _logged_in(state: State, student: Persona) -> tuple[str, str]:
    account: Account = existing_account(state, student)
    return f"{SESSION_COOKIE}={state.open_session(account, SessionKind.ARCHIVE)}", ""


STAGES: dict[str, Callable[[State, Persona], tuple[str, str]]] = {
    "anonymous": _anonymous,
    "real-name": _registering(Status.PENDING_REAL_NAME),
    "phone": _registering(Status.PENDING_PHONE),
    "confirmation": _registering(Status.PENDING_CONFIRMATION),
    "reset": _reset,
    "logged-in": _logged_in,
}

values = st.one_of(st.text(max_size=40), st.sampled_from(HOSTILE), st.sampled_from(BLANK))
file_bytes = st.one_of(
    st.binary(max_size=2_000),
    st.sampled_from([b"", b"GIF89a" + b"\0" * 20, b"\x89PNG\r\n\x1a\n" + b"\xff" * 50, b"\0" * 400_000]),
)
file_names = st.one_of(st.text(max_size=20), st.sampled_from(["photo.jpg", "a.png", "x.gif", "noext", f"{MARKER}.jpg"]))


@st.composite
def bodies(draw: st.DrawFn, target: Target) -> tuple[str, bytes]:
    """A content type and a body: well-formed, repeated, missing, huge, binary or mislabelled."""
    names = [*target.fields, "extra", "username"]
    pairs = draw(st.lists(st.tuples(st.sampled_from(names), values), max_size=8))
    kind = draw(st.sampled_from(["urlencoded", "multipart", "raw-bytes", "text-plain", "json", "none", "too-large"]))
    if kind == "urlencoded":
        return "application/x-www-form-urlencoded", urlencode(pairs).encode()
    if kind == "multipart":
        files = draw(st.lists(st.tuples(st.sampled_from([*target.files, "front"]), file_names, file_bytes), max_size=3))
        return multipart(pairs, files)
    if kind == "raw-bytes":
        raw = draw(st.binary(max_size=200))
        labels = ["application/x-www-form-urlencoded", "multipart/form-data; boundary=zz", "multipart/form-data"]
        return draw(st.sampled_from(labels)), raw if draw(st.booleans()) else quote_from_bytes(raw).encode()
    if kind == "text-plain":
        return "text/plain", urlencode(pairs).encode()
    if kind == "json":
        return "application/json", json.dumps(dict(pairs), ensure_ascii=False).encode()
    if kind == "too-large":
        return "application/x-www-form-urlencoded", b"xm=" + b"A" * (3 * 1024 * 1024)
    return "", b""


def assert_site_behaved(world: World, target: Target, before: str, response: Response) -> None:
    """No crash, a clear Chinese message unless accepted, every echo escaped, the bystander untouched."""
    state = world.site.state
    assert state.problems == [], state.problems
    assert response.status < 500
    assert world.snapshot() == before, "the bystander's account, 学籍 or ticket changed"
    emails = [a.email for a in state.accounts.by_username.values()]
    assert len(emails) == len(set(emails)), "two accounts on one email"
    if response.content_type.startswith("application/json"):
        reply = json.loads(response.body)
        assert isinstance(reply["ok"], bool) and CHINESE.search(reply["message"])
        return
    text = response.body.decode("utf-8")
    assert MARKER not in text and "<script>alert" not in text, "an echoed value was not escaped"
    if isinstance(response, Redirect) or any(words in text for words in target.accepted):
        return
    alert = re.search(r'role="alert">(.*?)</(?:ul|div)>', text, re.S)
    assert alert and CHINESE.search(alert.group(1)), f"no error message on the page for {target.name}"


@pytest.mark.parametrize("target", TARGETS, ids=[t.name for t in TARGETS])
@given(data=st.data())
def test_form_survives_hostile_input(target: Target, data: st.DataObject) -> None:
    """Whatever is posted, the form answers with the page or a clear refusal, and keeps everyone's data."""
    world = build_world(target)
    content_type, body = data.draw(bodies(target))
    before = world.snapshot()
    accept = "*/*" if target.fetch else "text/html,application/xhtml+xml"
    headers = {"cookie": world.cookies, "accept": accept}
    if content_type:
        headers["content-type"] = content_type
    response = world.site.handle(Request("POST", world.url, headers, body))
    assert_site_behaved(world, target, before, response)


# Every route of every host, from the route tables themselves: a route added later is fuzzed too.
ROUTES = [(router.host, route) for router in Site().routers.values() for route in router.routes.values()]
PAGES = [f"{host}{route.path}" for host, route in ROUTES if "GET" in route.methods]
QUERY_NAMES = ["token", "no", "address", "id", "phone", "loginName", "service", "ticket", "from"]
COOKIE_NAMES = [REG_COOKIE, SESSION_COOKIE, "CASTGC", "ab(c)", "", "a b", '"q"', "é"]
HEADER_VALUES = st.one_of(st.text(max_size=60), st.sampled_from([*HOSTILE[:5], "https://evil.example/", "*/*", ""]))


def _crashes(site: Site) -> list[str]:
    """Problems that are crashes (an unknown path or method is a recorded problem by design, not a crash)."""
    return [p for p in site.state.problems if p.startswith("handler crashed")]


@pytest.mark.parametrize("url", PAGES, ids=[u.split("//", 1)[1] for u in PAGES])
@given(query=st.lists(st.tuples(st.sampled_from(QUERY_NAMES), values), max_size=4), raw=st.binary(max_size=30))
def test_page_survives_a_hostile_address(url: str, query: list[tuple[str, str]], raw: bytes) -> None:
    """Any query string, even with undecodable bytes, gets a page, never a crash, and nothing echoed raw."""
    world = build_world(TARGETS[-1])  # logged in on 学信档案, so its pages are reached too
    before = world.snapshot()
    address = f"{url}?{urlencode(query)}&{quote_from_bytes(raw)}"
    response = world.site.handle(Request("GET", address, {"cookie": world.cookies, "accept": "text/html"}))
    assert world.site.state.problems == [], world.site.state.problems
    assert response.status < 500
    assert MARKER.encode() not in response.body
    assert world.snapshot() == before


@pytest.mark.parametrize(("host", "route"), ROUTES, ids=[f"{h.split('//', 1)[1]}{r.path}" for h, r in ROUTES])
@given(
    method=st.sampled_from(["GET", "POST", "HEAD", "PUT", "DELETE", "OPTIONS"]),
    cookies=st.lists(st.tuples(st.sampled_from(COOKIE_NAMES), values), max_size=4),
    headers=st.dictionaries(
        st.sampled_from(["accept", "referer", "content-type", "user-agent", "origin"]), HEADER_VALUES, max_size=5
    ),
    suffix=st.one_of(st.just(""), st.text(max_size=12)),
)
def test_every_route_survives_hostile_headers_cookies_and_paths(
    host: str, route: Route, method: str, cookies: list[tuple[str, str]], headers: dict[str, str], suffix: str
) -> None:
    """Any method, cookie, header or path below a route: a page or a recorded miss, never a crash or a leak."""
    world = build_world(TARGETS[-1])
    before = world.snapshot()
    jar = "; ".join([world.cookies, *(f"{name}={value}" for name, value in cookies)])
    url = f"{host}{route.path}{quote(suffix)}"
    response = world.site.handle(Request(method, url, {**headers, "cookie": jar}))
    assert _crashes(world.site) == []
    assert response.status < 500
    assert MARKER.encode() not in response.body
    assert world.snapshot() == before


def everything(state: State) -> str:
    """All the site remembers that a request could change: accounts, links, sessions, mail, codes, tickets, guards."""
    return repr((
        sorted((k, repr(a)) for k, a in state.accounts.by_username.items()),
        repr(state.accounts.tokens), repr(state.accounts.reset_tokens), sorted(state.sessions), repr(state.mail.delivered),
        repr(state.sms.sent), repr(state.sms.wrong_codes), repr(state.reviews.tickets), repr(state.records.by_id),
        repr(state.logins.wrong), repr(state.lookups.failed), sorted(state.login_tickets), repr(state.captcha.shown),
    ))  # fmt: skip


@pytest.mark.parametrize(("host", "route"), ROUTES, ids=[f"{h.split('//', 1)[1]}{r.path}" for h, r in ROUTES])
@settings(max_examples=10)  # a refusal that reads nothing: a few examples a route show it
@given(
    body=st.lists(
        st.tuples(st.sampled_from([*QUERY_NAMES, "loginName", "xm", "sfzh", "password"]), values), max_size=4
    ),
    query=st.lists(st.tuples(st.sampled_from(QUERY_NAMES), values), max_size=3),
)
def test_head_changes_nothing_anywhere(
    host: str, route: Route, body: list[tuple[str, str]], query: list[tuple[str, str]]
) -> None:
    """HEAD, with any query and even a form body, is refused (405, naming the methods) and changes nothing at all."""
    world = build_world(TARGETS[-1])
    state = world.site.state
    if route.path == "/account/activate.action":
        query = [("token", next(iter(state.accounts.tokens), "")), *query]
    before = everything(state)
    headers = {"cookie": world.cookies, "content-type": "application/x-www-form-urlencoded"}
    response = world.site.handle(
        Request("HEAD", f"{host}{route.path}?{urlencode(query)}", headers, urlencode(body).encode())
    )
    assert response.status == 405 and response.headers["allow"] == ", ".join(route.methods)
    assert everything(state) == before


@pytest.mark.parametrize("target", [t for t in TARGETS if t.name in {"login", "find-username", "review", "find-password"}],
                         ids=lambda t: t.name)  # fmt: skip
@settings(max_examples=15)
@given(blanks=st.lists(st.sampled_from(BLANK), min_size=6, max_size=6))
def test_blank_fields_match_no_one_and_count_for_nothing(target: Target, blanks: list[str]) -> None:
    """A form of blank fields, sent again and again, finds, signs in, locks and files nothing."""
    world = build_world(target)
    state = world.site.state
    account = existing_account(state, world.student)
    account.email = ""  # an account without an email, as today's site has: "" must still not be its name
    for blank in blanks:
        form = dict.fromkeys([*target.fields, "captcha"], blank) | ({"keep": blank} if target.name == "review" else {})
        response = world.site.handle(Request("POST", world.url, {"cookie": world.cookies, "content-type":
                                     "application/x-www-form-urlencoded"}, urlencode(form).encode()))  # fmt: skip
        assert response.status < 500 and not isinstance(response, Redirect)
    assert state.logins.wrong == {} and state.lookups.failed == {}
    assert [m for m in state.mail.delivered if m.to == ""] == [] and len(state.reviews.tickets) == 1
    assert not any(session.username == "" for session in state.sessions.values())
