"""The executor for any school's guide: the site model's own flows, walked once each, stopping at every checkpoint of
the catalogue (guidebook/catalogue.py) to see what the site offers there; then each bound sentence is judged by what
its checkpoints showed, in the guide's own words.

A flow acts as the site lets it (page objects, the site's words); what it sees at a checkpoint is kept as a Visit:
the page's controls, fields and headings, its picture, what was measured there (seconds, working days, a password's
least length …) and whether the rule the entry states held. Where the site no longer has the guide's way (today's
one-page registration), the flow goes on the site's own way to the checkpoints that still exist after it.
"""

from __future__ import annotations

import contextlib
import dataclasses
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta

from playwright.sync_api import BrowserContext, Locator, Page

from e2e.flows import log_in, open_activation_mail, register_on_one_page, time_to_login
from e2e.pages.archive import PhotoModifyPage, RecordsPage
from e2e.pages.devices import Phone, Webmail
from e2e.pages.portal import ArchiveEntryPage, ArchiveHomePage, HomePage, LoginPage
from e2e.pages.recovery import AccountReviewPage, FindPasswordPage, FindUsernamePage
from e2e.pages.registration import (
    ConfirmPage,
    DonePage,
    PhoneConfirmPage,
    PhoneFirstRegisterPage,
    RealNamePage,
    RegisterPage,
)
from fixtures.edges import values
from fixtures.images import id_card_uploads, photo_of_size
from fixtures.personas import Persona
from fixtures.students import Given, second_email
from guidebook.catalogue import CATALOGUE, LOCAL
from guidebook.model import Guide, Sentence
from guidebook.terms import ALTERNATIVES, Term, defers, normalised, read_terms
from harness.actions import click, fill, upload
from harness.any_guide_words import (
    UNQUOTED_NOT_SHOWN,
    did_otherwise,
    digits,
    either_way,
    larger_taken,
    lasted,
    no_such_step,
    not_walked,
)
from harness.clock import SharedClock
from harness.evidence import ClaimCheck, TermUse, Verdict
from harness.inventory import Inventory, mentions
from harness.journey import SITE_DISAGREES, Journey, how_long
from harness.settle import settle
from harness.shots import fields_of, name_of, shown
from mock_server import Site
from mock_server.words import label
from mock_server.workdays import working_days_between

# The lengths an ID number has: a guide's 1位 (the check digit) or 6位 (a password) is no ID number's length.
ID_LENGTHS = {15, 18}
# A moment either side of a lifetime a guide states: the link or code must work just before it and not just after.
MOMENT = timedelta(minutes=1)
# A student waiting on a form keeps it alive this often: the site ends a registration left idle for 30 minutes, so a
# code tried after a longer wait would be refused for the session, not for the code's own lifetime.
STAY_ACTIVE_EVERY = timedelta(minutes=10)
# Registration's checkpoints in the order the flow reaches them (login.page: 二 checks it too, on its own way in).
REGISTRATION = ("portal.platform", "portal.image_check_entry", "portal.archive_button", "register.entry",
                "register.phone_first", "rule.password", "rule.username_email", "register.account_form",
                "mail.activation_sent", "mail.activation_open", "mail.activation_link", "rule.id_number",
                "register.real_identity", "register.real_name", "register.phone_confirm", "register.confirm_no", "register.confirm_yes",
                "register.redirect_login", "rule.one_per_email")  # fmt: skip


@dataclass
class Visit:
    """What one checkpoint of the site showed."""

    look: Inventory
    text: str
    picture: bytes
    measured: dict[str, object] = field(default_factory=dict)
    held: bool | None = None  # whether the rule the entry states held there (None: no rule to try)
    # Whether it held once the student also did what the page asks besides the guide's words (an image captcha);
    # None where the page asked nothing more.
    prompted: bool | None = None
    shown: str = ""  # what the site showed when it did not
    clicked: list[str] = field(default_factory=list)  # the site's own controls the flow used here, in order

    def see(self, page: Page) -> None:
        """Add what the page offers now (a dialog that opened, another page the checkpoint spans)."""
        settle(page)
        self.look, self.text = self.look + Inventory.of(page), self.text + page.locator("body").inner_text()

    def click(self, target: Locator) -> None:
        """Click the site's own control here, noting its name (what the site calls what the guide may call otherwise)."""
        self.clicked.append(name_of(target))
        click(target)
        settle(target.page)


@dataclass(frozen=True)
class Lifetime:
    """How a link or code a guide says lasts so long behaved: used just before that time, and just after."""

    before: bool  # it still worked just before the time the guide states
    after: bool  # it still worked just after
    site: str = ""  # the lifetime the site itself states there, in the guide's way of writing it ("" if none)

    def said(self, term: Term) -> str:
        """What to write in the guide's place: the site's own lifetime, else what the trial showed."""
        return self.site or lasted(term.text, self.after)


@dataclass
class Executor:
    """Walks the site's flows for one guide, keeping what each checkpoint showed, then judges the guide's sentences."""

    guide: Guide
    journey: Journey
    page: Page
    context: BrowserContext
    site: Site
    clock: SharedClock
    given: Given
    visits: dict[str, Visit] = field(default_factory=dict)
    stopped: dict[str, str] = field(default_factory=dict)  # flow → why it could not go on

    def bound(self, entry: str) -> list[Sentence]:
        """The sentences of the guide bound to `entry`."""
        return [s for s in self.guide.sentences() if any(c.entry == entry for c in s.claims)]

    def wanted(self, *entries: str) -> bool:
        """True when the guide states any of these entries (a flow no sentence needs is not walked)."""
        return any(self.bound(e) for e in entries)

    def needed_after(self, entry: str) -> bool:
        """True when the guide states a checkpoint of registration after `entry` (a guide that stops short of the
        site's later pages is not walked through them; login is 二's to check)."""
        return self.wanted(*REGISTRATION[REGISTRATION.index(entry) + 1 :])

    def stated(self, entry: str, kind: Callable[[Term], object]) -> list[Term]:
        """The quantities of one kind (a lifetime, a size) that the sentences bound to `entry` state (链接24小时内有效 →
        24小时内); a time of none at all (实时) is a delay, not a lifetime."""
        terms = (t for s in self.bound(entry) for t in s.terms)
        return [t for t in terms if kind(t) and t.values != (0,)]

    @contextlib.contextmanager
    def at(self, entry: str, page: Page | None = None) -> Iterator[Visit]:
        """A checkpoint: what the page offers when the block begins is kept, with what the block measured, once the
        block has ended (a block that fails leaves the checkpoint unvisited)."""
        where = page or self.page
        settle(where)
        visit = Visit(Inventory.of(where), where.locator("body").inner_text(), where.screenshot())
        yield visit
        if not where.is_closed():  # what the block led to counts too (an opened mail, a dialog, a result)
            visit.see(where)
        self.visits[entry] = visit

    def walk(self, flow: str, steps: Callable[[], None]) -> None:
        """Walk one flow as far as the site lets it; where it stops, the rest of its checkpoints are not reached."""
        try:
            steps()
        except SITE_DISAGREES as failure:
            self.stopped[flow] = str(failure).splitlines()[0][:200]

    def answer_captcha(self) -> bool:
        """Type what the page's image captcha shows, as a student reads it; False when the page shows none."""
        box = self.page.get_by_label(label("captcha"), exact=True)
        if box.count() == 0:
            return False
        fill(box, self.site.back_office.captcha())
        return True

    # -- the flows ------------------------------------------------------------------------------------------------

    def registration(self, student: Persona) -> None:
        """一: home, 学信档案, the account form and its rules, the mail, 实名注册, 手机确认, 是, 30秒, login; on a site
        that registers on one page, that page instead, and what follows it."""
        home, entry, form = HomePage(self.page), ArchiveEntryPage(self.page), RegisterPage(self.page)
        home.open()
        with self.at("portal.platform"):
            pass
        with self.at("portal.image_check_entry"):
            pass
        with self.at("portal.archive_button"):
            click(home.archive_button)
        if not self.needed_after("portal.archive_button"):
            return
        with self.at("register.entry"):
            entry.start_registration()
        if not self.needed_after("register.entry"):
            return
        if form.username.count() == 0:  # the site no longer asks for an email as the username: its own form
            self._register_on_one_page(student)
            return
        # Classmates' links tried first: the student's own registration then goes on undisturbed.
        lifetimes = self._activation_lifetimes(student)
        if self.wanted("rule.password"):
            with self.at("rule.password") as visit:
                visit.measured["least"] = self._least_password(form)
        with self.at("rule.username_email") as visit:
            form.fill_account_form("zhangsan2012", student.password)
            form.submit()
            settle(self.page)
            visit.held, visit.shown = form.sent_to.count() == 0, shown(form.errors)
        with self.at("register.account_form") as visit:
            form.fill_account_form(student.email, student.password)
            form.submit()
            settle(self.page)
            visit.held, visit.shown = form.sent_to.count() > 0, shown(form.errors)
        if not visit.held:
            raise AssertionError(visit.shown)
        if not self.needed_after("register.account_form"):
            return
        mailbox = Webmail(self.context.new_page())
        with self.at("mail.activation_sent", mailbox.page) as visit:
            visit.measured["delay"] = mailbox.wait_for_mail(student.email, self.clock)
        self.page.bring_to_front()
        with self.at("mail.activation_open") as visit:
            Webmail(self.page).open_inbox(student.email)
            visit.see(self.page)  # the inbox, its subjects
            mailbox = open_activation_mail(self.page, student)
            visit.held = mailbox.body.count() > 0
        with self.at("mail.activation_link") as visit:
            visit.measured["lasts"] = lifetimes
            visit.click(mailbox.link)
            visit.held = RealNamePage(self.page).heading.count() > 0
        if self.needed_after("mail.activation_link"):
            self._after_activation(student)

    def _after_activation(self, student: Persona) -> None:
        """实名注册, 手机确认, the 是 dialog (and its 否), the countdown, login, and the mailbox registered again."""
        real_name = RealNamePage(self.page)
        with self.at("rule.id_number") as visit:
            # The site takes both (checked on 实名注册 by the seed's edge table).
            visit.measured["lengths"] = tuple(sorted(ID_LENGTHS))
        with self.at("register.real_identity"):
            pass  # the 实名注册 page asks for the real name and ID number
        with self.at("register.real_name") as visit:
            real_name.fill(student.name, student.id_number, student.province)
            real_name.submit()
            settle(self.page)
            visit.held, visit.shown = PhoneConfirmPage(self.page).heading.count() > 0, shown(real_name.errors)
        with self.at("register.phone_confirm") as visit:
            phone_form = PhoneConfirmPage(self.page)
            fill(phone_form.phone, student.phone)
            visit.click(phone_form.get_code)
            visit.see(self.page)  # the dialog with its 发送
            with self.page.expect_response("**/account/getmphonpincode.action"):
                visit.click(phone_form.send)
            phone = Phone(self.context.new_page()).open(student.phone)
            visit.see(phone.page)
            visit.measured["lasts"] = self._code_lifetimes(phone_form, phone, student)
            self.page.bring_to_front()
            if PhoneConfirmPage(self.page).heading.count():  # no trial of a lifetime took the page on already
                fill(phone_form.code, phone.open(student.phone).latest_code())
                self.page.bring_to_front()
                visit.click(phone_form.next_button)
            visit.held = ConfirmPage(self.page).heading.count() > 0
        confirm = ConfirmPage(self.page)
        if self.wanted("register.confirm_no"):
            with self.at("register.confirm_no") as visit:
                confirm.confirm()
                visit.look = visit.look + Inventory.of(self.page)  # the dialog's buttons: 否 is there to click
                confirm.answer_no()
                settle(self.page)
                # 否 leads back to the form only where the page offers fields to change again.
                visit.held, visit.shown = Inventory.of(self.page).fields != (), shown(confirm.unconfirmed)
        with self.at("register.confirm_yes") as visit:
            confirm.confirm()
            visit.look = Inventory.of(self.page)  # the dialog's buttons
            confirm.answer_yes()
            settle(self.page)
            visit.held = DonePage(self.page).heading.count() > 0
        self._countdown_and_login(student.email, student.password)
        with self.at("rule.one_per_email") as visit:
            form = RegisterPage(self.page).open()
            form.fill_account_form(student.email, student.password)
            form.submit()
            settle(self.page)
            visit.held, visit.shown = form.sent_to.count() == 0, shown(form.errors)

    def _countdown_and_login(self, username: str, password: str) -> None:
        """账号注册成功: how long until the login page, and that it takes the new account."""
        with self.at("register.redirect_login") as visit:
            visit.measured["after"] = time_to_login(self.page, self.clock)
        with self.at("login.page") as visit:
            LoginPage(self.page).log_in(username, password)
            settle(self.page)
            visit.held = ArchiveHomePage(self.page).welcome.count() > 0

    def _register_on_one_page(self, student: Persona) -> None:
        """Today's site registers on one page: the guide's names for the account form are judged on it; the form takes
        no email as the username; the student registers the site's way, then tries the same phone and mailbox once
        more. The activation mail, 实名注册, 手机确认 and the 是 dialog are not there to reach."""
        form = self.page.locator("main form")
        with self.at("register.account_form"):
            pass
        with self.at("register.real_identity"):
            pass  # the one page asks for the real name and ID number too: its 实名 is part of registering
        with self.at("rule.username_email") as visit:
            visit.held, visit.shown = False, fields_of(form)  # no field takes the email as the username
        with self.at("register.phone_first") as visit:
            register_on_one_page(self.page, self.context, student)
            visit.held = True
        self._countdown_and_login(student.phone, student.password)
        with self.at("rule.one_per_email") as visit:
            again = self._one_page_form(student)
            visit.held, visit.shown = again.email.get_attribute("aria-invalid") == "true", shown(again.errors)
        self.visits["register.phone_first"].see(self.page)  # what the site says of a phone already registered

    def _one_page_form(self, student: Persona) -> PhoneFirstRegisterPage:
        """The one-page form once more with the student's phone and mailbox (a new SMS code), sent."""
        form = PhoneFirstRegisterPage(RegisterPage(self.page).open().page)
        self.clock.advance(seconds=self.site.state.profile.sms_resend_after.total_seconds() + 1)
        fill(form.mobile, student.phone)
        click(form.get_code)
        with self.page.expect_response("**/account/getmphonpincode.action"):
            click(form.send)
        code = Phone(self.context.new_page()).open(student.phone).latest_code()
        self.page.bring_to_front()
        for box, value in ((form.code, code), (form.password, student.password),
                           (form.password_again, student.password), (form.name, student.name),
                           (form.id_number, student.id_number), (form.email, student.email)):  # fmt: skip
            fill(box, value)
        click(form.submit_button)
        settle(self.page)
        return form

    def _least_password(self, form: RegisterPage) -> int | None:
        """The fewest letters and digits the form takes as a password, tried from one up (None: none up to 12)."""
        for length in range(1, 13):
            form.fill_account_form(f"probe{length}@example.com", ("a1" * 15)[:length])
            form.submit()
            settle(self.page)
            if form.sent_to.count():
                form.open()
                return length
        return None

    def _activation_lifetimes(self, student: Persona) -> dict[str, Lifetime]:
        """For every lifetime the guide gives the activation link: a classmate's link used just before it and just
        after (each link once), and the lifetime the mail itself states."""
        found = {}
        form = RegisterPage(self.page)
        for term in self.stated("mail.activation_link", _lifetime):
            tries = []
            for shift in (-MOMENT, MOMENT):
                other = self.given.stranger(student)
                form.open().fill_account_form(other.email, other.password)
                form.submit()
                mail = open_activation_mail(self.page, other)
                site = _site_says(mail.body.inner_text(), term)
                address = mail.link_address()
                self.clock.advance(seconds=(_lifetime(term) + shift).total_seconds())
                self.page.goto(address)
                settle(self.page)
                tries.append(RealNamePage(self.page).heading.count() > 0)
            found[term.text] = Lifetime(tries[0], tries[1], site)
            form.open()
        return found

    def _code_lifetimes(self, form: PhoneConfirmPage, phone: Phone, student: Persona) -> dict[str, Lifetime]:
        """For every lifetime the guide gives the SMS code: the code used just after it, then (if refused) a fresh one
        just before, and the lifetime the text message states; a code that works takes the page on, else a fresh code
        is left for the step itself."""
        found: dict[str, Lifetime] = {}
        for term in self.stated("register.phone_confirm", _lifetime):
            if not PhoneConfirmPage(self.page).heading.count():
                break  # an earlier trial already took the page on
            site = _site_says(phone.open(student.phone).messages.first.inner_text(), term)
            after = self._code_works(form, phone, student, term, MOMENT, fresh=False)
            before = after or self._code_works(form, phone, student, term, -MOMENT, fresh=True)
            found[term.text] = Lifetime(before, after, site)
            if PhoneConfirmPage(self.page).heading.count():
                self._new_code(form, student)
        return found

    def _code_works(self, form: PhoneConfirmPage, phone: Phone, student: Persona, term: Term, shift: timedelta, *,
                    fresh: bool) -> bool:  # fmt: skip
        """Whether an SMS code typed the guide's lifetime (and `shift`) after it was sent is taken."""
        if fresh:
            self._new_code(form, student)
        code = phone.open(student.phone).latest_code()
        self.page.bring_to_front()
        self._wait_on_page(_lifetime(term) + shift)
        fill(form.phone, student.phone)  # the reloads emptied the form
        form.enter_code(code)
        settle(self.page)
        return ConfirmPage(self.page).heading.count() > 0

    def _wait_on_page(self, span: timedelta) -> None:
        """Let `span` pass on the clock while the student keeps the page open and alive, reloading it now and then."""
        while span > STAY_ACTIVE_EVERY:
            self.clock.advance(seconds=STAY_ACTIVE_EVERY.total_seconds())
            self.page.reload()
            span -= STAY_ACTIVE_EVERY
        self.clock.advance(seconds=span.total_seconds())

    def _new_code(self, form: PhoneConfirmPage, student: Persona) -> None:
        """Another SMS code, once the site lets the student ask again."""
        self.page.bring_to_front()
        self.clock.advance(seconds=self.site.state.profile.sms_resend_after.total_seconds() + 1)
        form.request_code(student.phone)

    def phone_registration(self, student: Persona) -> None:
        """Today's registration: everything on one page (a site that registers by email has another form there)."""
        RegisterPage(self.page).open()
        if PhoneFirstRegisterPage(self.page).mobile.count() == 0:
            with self.at("register.phone_first") as visit:
                visit.held, visit.shown = False, fields_of(self.page.locator("main form"))
            return
        with self.at("register.phone_first") as visit:
            register_on_one_page(self.page, self.context, student)
            visit.held = True
        again = self._one_page_form(student)
        visit.see(self.page)  # what the site says of a phone already registered
        visit.shown = shown(again.errors)

    def records(self, student: Persona, without_record: Persona) -> None:
        """二: login, 学籍信息, the record and the photo, 正确; 信息有误 for a second student; and no record at all."""
        home, records = ArchiveHomePage(self.page), RecordsPage(self.page)
        HomePage(self.page).open()
        click(HomePage(self.page).archive_button)
        with self.at("login.page") as visit:
            visit.click(ArchiveEntryPage(self.page).log_in_link)
            visit.see(self.page)
            LoginPage(self.page).log_in(student.email, student.password)
            settle(self.page)
            visit.held = home.welcome.count() > 0
        with self.at("archive.records_button") as visit:
            visit.click(home.records_button)
        with self.at("archive.check_info") as visit:
            visit.held = records.info.count() > 0 and student.id_number in shown(records.info)
        with self.at("archive.photo") as visit:
            visit.held = records.photo.count() > 0
        with self.at("archive.info_not_editable") as visit:
            visit.held = records.edit_button.count() == 0
        if self.wanted("photo.wrong"):
            with self.at("photo.wrong") as visit:
                visit.click(records.wrong)
                visit.held = PhotoModifyPage(self.page).heading.count() > 0
                visit.see(self.page)  # the page where the mistake is written
                self.page.go_back()
        if self.wanted("photo.correct"):
            with self.at("photo.correct") as visit:
                visit.click(records.correct)
                visit.held = records.correct.count() == 0
        click(home.logout)
        if self.wanted("archive.no_record"):
            with self.at("archive.no_record") as visit:
                log_in(self.page, without_record.email, without_record.password)
                records.open_from_menu()
                settle(self.page)
                visit.held = records.not_found.count() > 0
            click(home.logout)
        typed = {t.identifier for s in self.bound("login.page") for t in s.terms if t.identifier}
        if typed:
            self.visits["login.page"].measured["logs_in_with"] = self._identifier_logins(typed)

    def _identifier_logins(self, typed: set[str]) -> dict[str, bool]:
        """Whether the login page takes each detail the guide says to type as the username (phone, email), for a
        student registered as the site registers: on its one-page form where it has one, else by email."""
        newcomer = self.given.stranger()
        self.given.enrolled(newcomer)
        RegisterPage(self.page).open()
        if PhoneFirstRegisterPage(self.page).mobile.count():
            register_on_one_page(self.page, self.context, newcomer)
        else:
            self.given.account(newcomer)
        found = {}
        for word in sorted(typed):
            LoginPage(self.page).open().log_in(getattr(newcomer, word), newcomer.password)
            settle(self.page)
            found[word] = ArchiveHomePage(self.page).welcome.count() > 0
            if found[word]:
                click(ArchiveHomePage(self.page).logout)
        return found

    def recovery(self, student: Persona) -> None:
        """三 1、2: 找回用户名 with the exact name (and one letter off), 找回密码 by mail; each first as the guide's words
        have it, then also answering what else the page asks (an image captcha)."""
        login, finder = LoginPage(self.page), FindUsernamePage(self.page)
        login.open()
        with self.at("recover.captcha"):
            click(login.find_username)
        with self.at("rule.exact_name") as visit:
            self.answer_captcha()  # the rule is about the name: the captcha must not be why it is refused
            finder.find(student.id_number, values(student, student)["name_one_off"])
            settle(self.page)
            visit.held, visit.shown = finder.name.get_attribute("aria-invalid") == "true", shown(finder.errors)
        login.open()  # each way begins on the login page, where the guide's sentences begin it
        with self.at("recover.username") as visit:
            visit.held, visit.prompted = self._both_ways(
                visit,
                lambda: _open_from_login(login, login.find_username),
                lambda: finder.find(student.id_number, student.name),
                lambda: finder.usernames.count() > 0,
            )
        forgot = FindPasswordPage(self.page)
        login.open()
        with self.at("recover.password") as visit:
            visit.held, visit.prompted = self._both_ways(
                visit,
                lambda: _open_from_login(login, login.find_password),
                lambda: forgot.send(student.email),
                lambda: forgot.notice.count() > 0,
            )
            visit.see(Webmail(self.page).open_inbox(student.email).page)  # the reset mail, by its subject
            visit.measured["lasts"] = self._reset_lifetimes(student)

    def _both_ways(self, visit: Visit, open_form: Callable[[], object], send: Callable[[], None],
                   done: Callable[[], bool]) -> tuple[bool, bool | None]:  # fmt: skip
        """A form sent with only what the guide's flow types, then (if refused and the page shows an image captcha)
        again with the captcha answered: whether each went through (None: the page asked for nothing more)."""
        open_form()
        visit.see(self.page)  # the form as the student finds it
        send()
        settle(self.page)
        if done():
            return True, None
        visit.shown = fields_of(self.page.locator("main form"))  # what the form asks for besides
        open_form()
        if not self.answer_captcha():
            return False, None
        send()
        settle(self.page)
        return False, done()

    def _reset_lifetimes(self, student: Persona) -> dict[str, Lifetime]:
        """For every lifetime the guide gives the reset link: a fresh link opened just before it and just after, and
        the lifetime the page itself states."""
        found = {}
        forgot = FindPasswordPage(self.page)
        for term in self.stated("recover.password", _lifetime):
            tries, site = [], ""
            for shift in (-MOMENT, MOMENT):
                forgot.open()
                self.answer_captcha()
                forgot.send(student.email)
                settle(self.page)
                site = _site_says(shown(forgot.notice), term)
                mailbox = Webmail(self.page).open_inbox(student.email)
                mailbox.open_mail(label("reset_subject"))
                address = mailbox.link_address()
                self.clock.advance(seconds=(_lifetime(term) + shift).total_seconds())
                self.page.goto(address)
                settle(self.page)
                tries.append(self.page.get_by_label(label("new_password"), exact=True).count() > 0)
            found[term.text] = Lifetime(tries[0], tries[1], site)
        return found

    def review(self, student: Persona, newcomer: Persona) -> None:
        """三 3、4: two accounts found by ID number and name, the review with both photos, its due day, the other
        account stopped once approved; and a second registration of the same ID number refused, with 【解决方法】."""
        login, finder, review = LoginPage(self.page), FindUsernamePage(self.page), AccountReviewPage(self.page)
        with self.at("review.two_accounts") as visit:
            visit.held, visit.prompted = self._both_ways(
                visit,
                lambda: _open_from_login(login, login.find_username),
                lambda: finder.find(student.id_number, student.name),
                lambda: finder.usernames.count() > 1,
            )
            visit.measured["accounts"] = finder.usernames.count()
        with self.at("review.upload_id_photos") as visit:
            review.open()
            visit.see(self.page)  # the form and what it says of the photos
            visit.measured["largest"] = self._size_limits(review, student)
            review.fill_in(student.name, student.id_number, student.email)
            photos = id_card_uploads(student)
            upload(review.front, *photos["front"])
            upload(review.back, *photos["back"])
            visit.look = Inventory.of(self.page)
            click(review.submit_button)
            settle(self.page)
            visit.held = review.number.count() > 0
        with self.at("review.working_days") as visit:
            due = review.due.inner_text()
            visit.measured["days"] = working_days_between(self.clock.now().date(), date.fromisoformat(due))
        with self.at("review.deactivates_others") as visit:
            self.site.back_office.approve(review.number.inner_text())  # the review desk approves the request
            LoginPage(self.page).open().log_in(second_email(student), student.password)
            settle(self.page)
            visit.held = LoginPage(self.page).status.count() > 0 and ArchiveHomePage(self.page).welcome.count() == 0
        with self.at("reregister.id_taken") as visit:
            LoginPage(self.page).open().log_in(newcomer.email, newcomer.password)
            form = RealNamePage(self.page)
            form.fill(student.name, student.id_number, student.province)
            form.submit()
            settle(self.page)
            visit.held, visit.shown = form.duplicate_help.count() > 0, shown(form.errors)

    def _size_limits(self, review: AccountReviewPage, student: Persona) -> dict[str, bool]:
        """For every size limit the guide gives the ID photos: whether the form takes a photo a little over it."""
        found = {}
        for term in self.stated("review.upload_id_photos", lambda t: t.size_kb):
            kb = term.size_kb or 0
            review.fill_in(student.name, student.id_number, student.email)
            upload(review.front, "zhengmian.png", photo_of_size(kb))
            click(review.submit_button)
            settle(self.page)
            # The back is left out, so the request is never filed: only the front's own refusal is read.
            found[term.text] = review.front.get_attribute("aria-invalid") != "true"
            review.open()
        return found

    # -- judging --------------------------------------------------------------------------------------------------

    def judge(self) -> None:
        """Every bound sentence, judged by what its checkpoints showed: each claim in its own check, with evidence."""
        # The flows left the phone or mailbox in front: a claim never reached is pictured on the site's page instead,
        # and Chromium cannot always picture a page in the background. The flows' last click may still be loading
        # its page (logging out): the pictures wait for it.
        self.page.bring_to_front()
        settle(self.page)
        for sentence in self.guide.sentences():
            entries = [c.entry for c in sentence.claims if c.entry]
            if not entries:
                continue
            seen = [self.visits[e] for e in entries if e in self.visits]
            missing, held = self._missing_names(sentence, seen)
            with self.journey.step(sentence.id, closing_shot=False) as step:
                for term in held:
                    step.holds(term.text or term.sought, True, term.sought)
                for claim in (c for c in sentence.claims if c.entry):
                    # Each sentence is judged on its own checkpoints: one found otherwise does not hold back the next.
                    self.journey.blocker = None
                    owned = [(t, near) for t, near in missing if _owner(sentence, t, entries) == claim.entry]
                    with step.claim(claim.id) as check:
                        self._judge_claim(step, check, claim.entry, sentence, owned)

    def _missing_names(self, sentence: Sentence, seen: list[Visit]) -> tuple[list[tuple[Term, str]], list[Term]]:
        """The names the sentence quotes that none of its checkpoints showed, each with the site's nearest name; and
        the names they did show."""
        missing, shown_here = [], []
        for term in sentence.terms:
            if term.kind not in ("control", "page", "field", "place", "mail", "upload") or term.generic or not seen:
                continue
            if not term.sought:
                continue  # a name the text lost: an unclear sentence, said by its own claim
            if any(re.search(p, term.sought) for p in LOCAL):
                continue  # a school's form or office (异常登记表): nothing the site can show
            if any(_logs_in_with(v, term) for v in seen) or any(
                _shows(v, _with_its_verb(sentence, term, v)) for v in seen
            ):
                shown_here.append(term)  # a field's value the site takes (手机号 typed into 用户名), or the name itself
                continue
            if term.quoted and not _explained(sentence, term) and any(_shows(v, term) for v in self.visits.values()):
                # A long sentence walks through several pages (进入“学生本人查询”，注册……进入“图像校对”) and binds only
                # some: a name no bound fact's words take in, which the walk showed elsewhere, is the site's.
                shown_here.append(term)
                continue
            if not term.quoted and term.kind in ("place", "page", "mail"):  # prose may seem to name one (登录成功后)
                self.journey.unchecked.append(TermUse(sentence.id, term.text, True, why=UNQUOTED_NOT_SHOWN))
                continue
            missing.append((term, next((near for v in seen if (near := _nearest(v, term))), "")))
        missing = [pair for pair in missing if not self._the_other_way(sentence, pair[0], shown_here)]
        return self._in_its_place(missing, seen, shown_here), shown_here

    def _the_other_way(self, sentence: Sentence, term: Term, shown_here: list[Term]) -> bool:
        """True, and noted as unchecked, where the guide offers `term` or a name the site showed (点击“学信档案”或
        “学历图像校对”): one way the site has is the student's way."""
        other = next((t for t in shown_here if _either(sentence.text, term, t)), None)
        if other is not None:
            self.journey.unchecked.append(TermUse(sentence.id, term.text, True, why=either_way(other.text)))
        return other is not None

    @staticmethod
    def _in_its_place(
        missing: list[tuple[Term, str]], seen: list[Visit], shown_here: list[Term]
    ) -> list[tuple[Term, str]]:
        """The one missing control with no near name gets what the flow clicked there in its place, where the flow
        clicked one control the sentence does not name; any other pairing would be a guess."""
        blank = [term for term, nearest in missing if term.kind == "control" and not nearest]
        named = {normalised(t.sought) for t in shown_here}
        clicked = {c for v in seen for c in v.clicked if normalised(c) not in named and _a_name(c)}
        if len(blank) != 1 or len(clicked) != 1:
            return missing
        return [(term, next(iter(clicked)) if term is blank[0] else nearest) for term, nearest in missing]

    def _judge_claim(
        self, step: object, check: ClaimCheck, entry: str, sentence: Sentence, missing: list[tuple[Term, str]]
    ) -> None:
        visit = self.visits.get(entry)
        if visit is None:
            flow = CATALOGUE[entry].flow
            check.verdict = Verdict.NOT_REACHED
            check.reason = (
                not_walked(self.site.state.profile.name, self.stopped[flow])
                if flow in self.stopped
                else no_such_step(self.site.state.profile.name, CATALOGUE[entry].says)
            )
            return
        check.evidence = step.journey.evidence_name(check.claim)  # type: ignore[attr-defined]
        step.attach_shot(check.evidence, visit.picture)  # type: ignore[attr-defined]
        for term, nearest in missing:
            step.holds(term.text or term.sought, False, nearest)  # type: ignore[attr-defined]
        for term in sentence.terms:
            if term.kind == "quantity":
                self._measure(step, check, term, entry, visit)
        if _held(visit, sentence) is False:
            check.observed = check.observed or visit.shown
            raise AssertionError(did_otherwise(visit.shown or CATALOGUE[entry].says))

    def _measure(self, step: object, check: ClaimCheck, term: Term, entry: str, visit: Visit) -> None:
        """A quantity of the sentence compared with what this checkpoint measured, where it measured that kind."""
        measured = visit.measured
        site: object = None
        lasts = measured.get("lasts")
        largest = measured.get("largest")
        if isinstance(lasts, dict) and term.text in lasts:
            lifetime = lasts[term.text]
            held, said = lifetime.before and not lifetime.after, lifetime.said(term)
        elif isinstance(largest, dict) and term.text in largest:
            held = not largest[term.text]
            said = _site_says(visit.text, term) or larger_taken(term.text)
        elif term.in_seconds and "after" in measured:
            site = measured["after"]
            seconds = int(site.total_seconds()) if isinstance(site, timedelta) else None
            held = seconds is not None and (
                seconds in term.values or (term.about and 0 <= seconds - term.values[0] < 10)
            )
            said = how_long(site if isinstance(site, timedelta) else None, term)
        elif term.digits and "least" in measured:
            site = measured["least"]
            held, said = site in term.values, f"{site}位{term.bound}"
        elif term.digits and set(term.values) <= ID_LENGTHS and isinstance(lengths := measured.get("lengths"), tuple):
            # 一律填写18位 leaves out the 15-digit numbers the site takes: only the site's own lengths hold.
            held, said = set(term.values) == set(lengths), digits(lengths)
        elif term.working_days and "days" in measured:
            site = measured["days"]
            held, said = site in term.values, f"{site}个工作日"
        elif "delay" in measured and term.duration is not None:
            delay = measured.get("delay")
            held = isinstance(delay, timedelta) and delay <= term.duration
            said = how_long(delay if isinstance(delay, timedelta) else None, term)
        elif "accounts" in measured and term.accounts:
            site = measured["accounts"]
            held, said = site in term.values, f"{site}个{term.unit}"
        else:
            return
        step.holds(term.text, held, said)  # type: ignore[attr-defined]


def _open_from_login(login: LoginPage, link: Locator) -> None:
    """找回用户名 or 找回密码, opened from the login page by its link."""
    login.open()
    click(link)


def _held(visit: Visit, sentence: Sentence) -> bool | None:
    """Whether the checkpoint's rule held for this sentence: as the guide's words have it, or, for a sentence that
    names what else the page asks (the captcha) or leaves the rest to the page's prompts, once that was done too."""
    asks_more = any(c.entry == "recover.captcha" for c in sentence.claims) or defers(sentence.text)
    return visit.prompted if visit.prompted is not None and asks_more else visit.held


def _lifetime(term: Term) -> timedelta:
    """How long the guide says a link or code lasts (24小时内有效); zero for any other quantity."""
    return term.duration if term.duration is not None and not term.in_seconds else timedelta(0)


def _site_says(text: str, term: Term) -> str:
    """The quantity in the guide's unit that the site's own words state (本链接48小时内有效 → 48小时内), or ""."""
    said = next((t for t in read_terms(text) if t.kind == "quantity" and t.unit == term.unit), None)
    return said.text if said else ""


def _owner(sentence: Sentence, term: Term, entries: list[str]) -> str:
    """Which of the sentence's entries a missing name belongs to: the one whose words in the sentence stand nearest it."""

    def distance(entry: str) -> int:
        spans = CATALOGUE[entry].spans(sentence.text)
        return min((abs(term.start - start) if term.start < start else max(0, term.start - end) for start, end in spans),
                   default=len(sentence.text))  # fmt: skip

    return min(entries, key=distance)


def _with_its_verb(sentence: Sentence, term: Term, visit: Visit) -> Term:
    """The term with the words just before its quotes where the site's control is those words and the term together
    (注册“学信网帐号” is the link 注册学信网帐号); else the term itself."""
    if term.kind != "control":
        return term
    before, word = normalised(sentence.text[max(0, term.start - 6) : term.start]), normalised(term.sought)
    for control in visit.look.controls:
        name = normalised(control.name)
        if name.endswith(word) and name != word and before.endswith(name[: -len(word)]):
            return dataclasses.replace(term, word=control.name)
    return term


def _either(text: str, one: Term, other: Term) -> bool:
    """True when the guide offers the two names as alternatives: “学信档案”或“学历图像校对”."""
    first, second = sorted((one, other), key=lambda t: t.start)
    return ALTERNATIVES.fullmatch(text[first.end : second.start]) is not None


def _explained(sentence: Sentence, term: Term) -> bool:
    """True when the words by which one of the sentence's facts bound take in the term (点击“图像校对” binds the home
    page's entry by those very words: the name is looked for there, and nowhere else)."""
    spans = (span for c in sentence.claims if c.entry for span in CATALOGUE[c.entry].spans(sentence.text))
    return any(start < term.end and term.start < end for start, end in spans)


def _logs_in_with(visit: Visit, term: Term) -> bool:
    """True when the login page took the detail the term names (手机号: the phone) typed as the username."""
    logins = visit.measured.get("logs_in_with")
    return isinstance(logins, dict) and bool(term.identifier) and logins.get(term.identifier) is True


def _a_name(text: str) -> str:
    """`text` if a guide could write it as a name; "" for a link's own address (a one-time token in it)."""
    return "" if "://" in text else text


def _nearest(visit: Visit, term: Term) -> str:
    """The checkpoint's name most like the term's, if any is near and is a name."""
    return _a_name(visit.look.nearest(term.sought, _pool(term)))


def _pool(term: Term) -> str:
    """Which of a page's names a term is compared with."""
    return {"field": "field", "upload": "upload", "page": "page"}.get(term.kind, "control")


def _shows(visit: Visit, term: Term) -> bool:
    """True when the checkpoint showed the term: a control, a field, a heading or title, or (for names the guide quotes
    or places it names) words on the page."""
    word = term.sought
    if term.both_sides:  # 身份证正反面照片: both sides, each its own upload
        return all(visit.look.field(label(side), uploads=True) for side in ("id_front", "id_back"))
    if term.kind in ("field", "upload"):
        # A field by its label; only a quoted field or an upload also by the page's words (手机号即为用户名 is a hint, not
        # the 用户名 box).
        in_words = (term.quoted or term.kind == "upload") and normalised(word) in normalised(visit.text)
        return visit.look.field(word, uploads=term.kind == "upload") is not None or in_words
    if term.kind == "page":
        return visit.look.page_named(word)
    if term.kind == "mail":  # a mail by its subject (or the mailbox's heading); a text message by the phone's
        names = [c.name for c in visit.look.controls] + list(visit.look.headings) + [visit.look.title]
        said = (word, term.medium) if term.texted else (word,)  # 手机短信: any text message on the phone
        return any(mentions(name, normalised(w)) for name in names for w in said)
    if visit.look.control(word) is not None:
        return True
    if term.kind == "control" and any(normalised(word) in normalised(c.name) for c in visit.look.controls):
        return False  # the site's control bears a longer name (有误 is 信息有误): the guide's is not its name
    words = visit.text + visit.look.title + "".join(visit.look.headings)  # 学信档案 may stand in the title alone
    return (term.quoted or term.kind in ("place", "mail")) and normalised(word) in normalised(words)
