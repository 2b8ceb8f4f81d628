"""The executor for any school's guide: the site model's own flows, walked once each, stopping at every checkpoint of
the catalogue (guidebook/catalogue.py) to see what the site offers there; then each bound sentence is judged by what
its checkpoints showed, in the guide's own words.

A flow acts as the site lets it (page objects, the site's words); what it sees at a checkpoint is kept as a Visit:
the page's controls, fields and headings, its picture, what was measured there (seconds, working days, a password's
least length …) and whether the rule the entry states held.
"""

from __future__ import annotations

import contextlib
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
from e2e.pages.registration import ConfirmPage, DonePage, PhoneConfirmPage, RealNamePage, RegisterPage
from fixtures.edges import values
from fixtures.images import id_card_uploads
from fixtures.personas import Persona
from fixtures.students import Given
from guidebook.catalogue import CATALOGUE
from guidebook.model import Guide, Sentence
from guidebook.terms import Term, normalised
from harness.actions import click, fill, upload
from harness.clock import SharedClock
from harness.evidence import ClaimCheck, Verdict
from harness.inventory import Inventory, mentions
from harness.journey import SITE_DISAGREES, Journey, how_long
from harness.settle import settle
from harness.shots import fields_of, name_of, shown
from mock_server import Site
from mock_server.workdays import working_days_between


@dataclass
class Visit:
    """What one checkpoint of the site showed."""

    look: Inventory
    text: str
    picture: bytes
    measured: dict[str, object] = field(default_factory=dict)
    held: bool | None = None  # whether the rule the entry states held there (None: no rule to try)
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

    # -- the flows ------------------------------------------------------------------------------------------------

    def registration(self, student: Persona) -> None:
        """一: home, 学信档案, the account form and its rules, the mail, 实名注册, 手机确认, 是, 30秒, login."""
        home, entry, form = HomePage(self.page), ArchiveEntryPage(self.page), RegisterPage(self.page)
        home.open()
        with self.at("portal.platform"):
            pass
        with self.at("portal.image_check_entry"):
            pass
        with self.at("portal.archive_button"):
            click(home.archive_button)
        with self.at("register.entry"):
            entry.start_registration()
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
            visit.click(mailbox.link)
            visit.held = RealNamePage(self.page).heading.count() > 0
        real_name = RealNamePage(self.page)
        with self.at("rule.id_number") as visit:
            visit.measured["lengths"] = (15, 18)  # the site takes both (checked on 实名注册 by the seed's edge table)
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
            fill(phone_form.code, phone.latest_code())
            visit.click(phone_form.next_button)
            visit.held = ConfirmPage(self.page).heading.count() > 0
        confirm = ConfirmPage(self.page)
        with self.at("register.confirm_yes") as visit:
            confirm.confirm()
            visit.look = Inventory.of(self.page)  # the dialog's buttons
            confirm.answer_yes()
            settle(self.page)
            visit.held = DonePage(self.page).heading.count() > 0
        with self.at("register.redirect_login") as visit:
            visit.measured["after"] = time_to_login(self.page, self.clock)
        with self.at("login.page") as visit:
            LoginPage(self.page).log_in(student.email, student.password)
            settle(self.page)
            visit.held = ArchiveHomePage(self.page).welcome.count() > 0
        with self.at("rule.one_per_email") as visit:
            form.open().fill_account_form(student.email, student.password)
            form.submit()
            settle(self.page)
            visit.held, visit.shown = form.sent_to.count() == 0, shown(form.errors)

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

    def phone_registration(self, student: Persona) -> None:
        """Today's registration: everything on one page."""
        RegisterPage(self.page).open()
        with self.at("register.phone_first") as visit:
            register_on_one_page(self.page, self.context, student)
            visit.held = True

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
        with self.at("photo.wrong") as visit:
            visit.click(records.wrong)
            visit.held = PhotoModifyPage(self.page).heading.count() > 0
            visit.see(self.page)  # the page where the mistake is written
            self.page.go_back()
        with self.at("photo.correct") as visit:
            visit.click(records.correct)
            visit.held = records.correct.count() == 0
        click(home.logout)
        with self.at("archive.no_record") as visit:
            log_in(self.page, without_record.email, without_record.password)
            records.open_from_menu()
            visit.held = records.not_found.count() > 0

    def recovery(self, student: Persona) -> None:
        """三 1、2: 找回用户名 with the exact name (and one letter off), 找回密码 by mail."""
        login, finder = LoginPage(self.page), FindUsernamePage(self.page)
        login.open()
        with self.at("recover.captcha"):
            click(login.find_username)
        with self.at("rule.exact_name") as visit:
            other = values(student, student)["name_one_off"]
            finder.find(student.id_number, other)
            settle(self.page)
            visit.held, visit.shown = finder.usernames.count() == 0, shown(finder.errors)
        with self.at("recover.username") as visit:
            finder.page.goto(finder.page.url)
            finder.find(student.id_number, student.name)
            settle(self.page)
            visit.held, visit.shown = finder.usernames.count() > 0, fields_of(self.page.locator("main form"))
        with self.at("recover.password") as visit:
            FindPasswordPage(self.page).open().send(student.email)
            settle(self.page)
            visit.held, visit.shown = (
                FindPasswordPage(self.page).notice.count() > 0,
                fields_of(self.page.locator("main form")),
            )

    def review(self, student: Persona, newcomer: Persona) -> None:
        """三 3、4: two accounts found by ID number and name, the review with both photos, its due day; and a second
        registration of the same ID number refused, with 【解决方法】."""
        login, finder, review = LoginPage(self.page), FindUsernamePage(self.page), AccountReviewPage(self.page)
        login.open()
        click(login.find_username)
        with self.at("review.two_accounts") as visit:
            finder.find(student.id_number, student.name)
            settle(self.page)
            visit.measured["accounts"] = finder.usernames.count()
            visit.held, visit.shown = finder.usernames.count() > 1, fields_of(self.page.locator("main form"))
        with self.at("review.upload_id_photos") as visit:
            review.open()
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
        with self.at("reregister.id_taken") as visit:
            LoginPage(self.page).open().log_in(newcomer.email, newcomer.password)
            form = RealNamePage(self.page)
            form.fill(student.name, student.id_number, student.province)
            form.submit()
            settle(self.page)
            visit.held, visit.shown = form.duplicate_help.count() > 0, shown(form.errors)

    # -- judging --------------------------------------------------------------------------------------------------

    def judge(self) -> None:
        """Every bound sentence, judged by what its checkpoints showed: each claim in its own check, with evidence."""
        for sentence in self.guide.sentences():
            entries = [c.entry for c in sentence.claims if c.entry]
            if not entries:
                continue
            seen = [self.visits[e] for e in entries if e in self.visits]
            missing = self._missing_names(sentence, seen)
            with self.journey.step(sentence.id) as step:
                for claim in (c for c in sentence.claims if c.entry):
                    # Each sentence is judged on its own checkpoints: one found otherwise does not hold back the next.
                    self.journey.blocker = None
                    owned = [(t, near) for t, near in missing if _owner(sentence, t, entries) == claim.entry]
                    with step.claim(claim.id) as check:
                        self._judge_claim(step, check, claim.entry, sentence, owned)

    def _missing_names(self, sentence: Sentence, seen: list[Visit]) -> list[tuple[Term, str]]:
        """The names the sentence quotes that none of its checkpoints showed, each with the site's nearest name."""
        missing = []
        for term in sentence.terms:
            if term.kind not in ("control", "page", "field", "place", "mail", "upload") or term.generic or not seen:
                continue
            if not term.sought:
                continue  # a name the text lost: an unclear sentence, said by its own claim
            if any(_shows(v, term) for v in seen):
                continue
            nearest = next(
                (v.look.nearest(term.sought, _pool(term)) for v in seen if v.look.nearest(term.sought, _pool(term))), ""
            )
            if not nearest and term.kind == "control":  # what the flow clicked there in its place
                nearest = next((v.clicked[-1] for v in seen if v.clicked), "")
            missing.append((term, nearest))
        return missing

    def _judge_claim(
        self, step: object, check: ClaimCheck, entry: str, sentence: Sentence, missing: list[tuple[Term, str]]
    ) -> None:
        visit = self.visits.get(entry)
        if visit is None:
            flow = CATALOGUE[entry].flow
            check.verdict = Verdict.NOT_REACHED
            check.reason = (
                f"站点（{self.site.state.profile.name}）的流程没有走到这里：{self.stopped[flow]}"
                if flow in self.stopped
                else f"站点（{self.site.state.profile.name}）没有这一步：{CATALOGUE[entry].says}"
            )
            return
        check.evidence = step.journey.evidence_name(check.claim)  # type: ignore[attr-defined]
        step.attach_shot(check.evidence, visit.picture)  # type: ignore[attr-defined]
        for term, nearest in missing:
            step.holds(term.text or term.sought, False, nearest)  # type: ignore[attr-defined]
        for term in sentence.terms:
            if term.kind == "quantity":
                self._measure(step, check, term, entry, visit)
        if visit.held is False:
            check.observed = check.observed or visit.shown
            raise AssertionError(f"站点在这里没有照指南说的做：{visit.shown or CATALOGUE[entry].says}")

    def _measure(self, step: object, check: ClaimCheck, term: Term, entry: str, visit: Visit) -> None:
        """A quantity of the sentence compared with what this checkpoint measured, where it measured that kind."""
        measured = visit.measured
        site: object = None
        if term.unit in ("秒", "秒钟") and "after" in measured:
            site = measured["after"]
            seconds = int(site.total_seconds()) if isinstance(site, timedelta) else None
            held = seconds is not None and (
                seconds in term.values or (term.bound == "多" and 0 <= seconds - term.values[0] < 10)
            )
            said = how_long(site if isinstance(site, timedelta) else None, term)
        elif term.unit in ("位",) and "least" in measured:
            site = measured["least"]
            held, said = site in term.values, f"{site}位{term.bound}"
        elif term.unit in ("位",) and "lengths" in measured:
            lengths = measured["lengths"]
            held, said = isinstance(lengths, tuple) and set(term.values) <= set(lengths), "15或18位"
        elif term.unit in ("个工作日", "工作日") and "days" in measured:
            site = measured["days"]
            held, said = site in term.values, f"{site}个工作日"
        elif term.values == (0,) or (term.unit in ("分钟", "小时") and "delay" in measured):
            delay = measured.get("delay")
            limit = timedelta(seconds=term.values[0] * {"分钟": 60, "小时": 3600}.get(term.unit, 1))
            held = isinstance(delay, timedelta) and delay <= limit
            said = how_long(delay if isinstance(delay, timedelta) else None, term)
        elif "accounts" in measured and term.unit in ("邮箱", "帐号", "账号"):
            site = measured["accounts"]
            held, said = site in term.values, f"{site}个{term.unit}"
        else:
            return
        step.holds(term.text, held, said)  # type: ignore[attr-defined]


def _owner(sentence: Sentence, term: Term, entries: list[str]) -> str:
    """Which of the sentence's entries a missing name belongs to: the one whose words in the sentence stand nearest it."""

    def distance(entry: str) -> int:
        spans = [m.span() for p in CATALOGUE[entry].patterns for m in re.finditer(p, sentence.text)]
        return min((abs(term.start - start) if term.start < start else max(0, term.start - end) for start, end in spans),
                   default=len(sentence.text))  # fmt: skip

    return min(entries, key=distance)


def _pool(term: Term) -> str:
    """Which of a page's names a term is compared with."""
    return {"field": "field", "upload": "upload", "page": "page"}.get(term.kind, "control")


def _shows(visit: Visit, term: Term) -> bool:
    """True when the checkpoint showed the term: a control, a field, a heading or title, or (for names the guide quotes
    or places it names) words on the page."""
    word = term.sought
    if term.kind in ("field", "upload"):
        return visit.look.field(word, uploads=term.kind == "upload") is not None or normalised(word) in normalised(
            visit.text
        )
    if term.kind == "page":
        return visit.look.page_named(word)
    if term.kind == "mail":  # a mail by its subject (or the mailbox's heading); a text message by the phone's
        names = [c.name for c in visit.look.controls] + list(visit.look.headings) + [visit.look.title]
        return any(mentions(name, normalised(word)) for name in names) or (
            word.endswith("短信") and any("短信" in name for name in names)
        )
    if visit.look.control(word) is not None:
        return True
    return (term.quoted or term.kind in ("place", "mail")) and normalised(word) in normalised(visit.text)
