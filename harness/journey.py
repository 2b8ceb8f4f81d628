"""Guide steps played in the guide's own words: each term acted on or checked, each claim judged by its own check.

A step acts by the guide's word (`step.click("是")`), found on the page by role and name. Where the word is not
there, the claim it belongs to is contradicted with what the site shows instead, and the journey goes on with the
site's own control, so later steps are still judged. Only a claim's own check gives it a verdict: a failing check
outside every claim stops the journey (later steps 未能到达), and a crash of the mock or the harness colours no
sentence. Recorders (recorders.py) keep what the journey found.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Locator, Page

from fixtures.edges import Case
from guidebook.model import Claim, Guide, Sentence
from guidebook.terms import Term
from harness import actions, page_locators
from harness.actions import CURRENT_STEP
from harness.evidence import (
    ACTION_PREFIX,
    Action,
    ClaimCheck,
    Failure,
    JourneyRecord,
    TermUse,
    Verdict,
    claim_shot,
    step_shot,
)
from harness.failures import in_chinese
from harness.inventory import READ, Found, Inventory, located
from harness.recorders import Recorder
from harness.settle import Settled, settle
from harness.shots import (
    BlankChecks,
    BlankPicture,
    Seen,
    evidence_shot,
    name_of,
    outlined,
    page_summary,
    picture,
    pointed_at,
    shown,
)
from harness.tracing import folded, unseen

# What a check may raise when the site is not as the journey expects.
SITE_DISAGREES = (AssertionError, PlaywrightError)
Observer = Callable[[], str]
# The journeys' own files: a failure is located at the line of the journey (or page object) where it happened.
E2E = Path(__file__).resolve().parents[1] / "e2e"


class GuideWordError(LookupError):
    """A journey named a word its step's sentence does not have (a harness error, never the site's)."""


# Why a step's own claim is left unjudged when the journey's block for it did nothing and looked at nothing.
IDLE_STEP = "旅程在这一步既没有操作也没有检查任何东西，不能据此说这一步做得到"


class StepImpossible(AssertionError):
    """The guide's word is not on the page and the site offers nothing in its place: the step cannot be done."""


class JourneyStopped(AssertionError):
    """The journey cannot go on; why, and what kind of failure that was, are in the journey's record."""


class Moved(AssertionError):
    """A step the site no longer has: the journey passes over it (the site's own flow did it elsewhere)."""


def where_in_journey(failure: BaseException | None = None) -> str:
    """The journey's own line where `failure` happened (or, without one, where the journey is now): file:line and the
    code, or "" if it came from elsewhere."""
    stack = traceback.extract_tb(failure.__traceback__) if failure else traceback.extract_stack()
    frames = [f for f in stack if Path(f.filename).resolve().is_relative_to(E2E)]
    own = [f for f in frames if Path(f.filename).name.startswith("test_")] or frames
    if not own:
        return ""
    frame = own[-1]
    return f"{Path(frame.filename).resolve().relative_to(E2E.parent)}:{frame.lineno} {(frame.line or '').strip()}"


def at_line(said: str, failure: BaseException | None = None) -> str:
    """A failure said in Chinese, with the journey's own line it happened at."""
    where = where_in_journey(failure)
    return f"{said}\n（旅程中的位置：{where}）" if where else said


@dataclass
class Step:
    """A guide step in progress: its terms acted on or checked, its claims judged, its pictures attached."""

    sentence: Sentence
    page: Page
    journey: Journey
    checks: list[ClaimCheck] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    terms: list[TermUse] = field(default_factory=list)
    active: ClaimCheck | None = None
    # The claims' pictures (only a claim's is checked), judged for blankness beside the journey; a blank one is found
    # when its claim's block ends, and fails the step as the harness's error.
    blank_checks: BlankChecks = field(default_factory=BlankChecks)

    # -- claims ---------------------------------------------------------------------------------------------------

    def _claim(self, claim_id: str) -> Claim:
        known = {c.id: c for c in self.sentence.all_claims()}
        if claim_id not in known:
            raise KeyError(f"{claim_id!r} is not a claim of {self.sentence.id}; known: {sorted(known)}")
        return known[claim_id]

    @contextmanager
    def claim(
        self, claim_id: str, observed: str = "", observe: Observer | None = None, *, correction: str = ""
    ) -> Iterator[ClaimCheck]:
        """Check one of the guide's claims: the block's checks confirm it, or contradict it.

        `observe` reads from the page, when the block fails, what the site shows instead (a rule, a notice);
        for an unclear claim it reads the name the guide lost when the block passes. `correction` says how the
        audit corrects the sentence should the block fail: "remove" the claim's clause (a rule the site does not
        have), else the claim's own `fix` with what was observed.
        """
        claim = self._claim(claim_id)
        check = ClaimCheck(claim_id, self.sentence.id, Verdict.CONFIRMED, observed, correction=correction)
        outer, self.active, crashes = self.active, check, self.journey.crashes()
        try:
            try:
                yield check
            finally:
                # A blank picture of this claim is the harness's error, whatever its checks found: no verdict then.
                self.blank_checks.verify()
        except (Moved, JourneyStopped):
            if check.verdict is Verdict.CONFIRMED:
                check.verdict = Verdict.NOT_REACHED  # the step stopped before this check could finish
            self.active = outer
            self._keep(check)
            raise
        except CaseUntried as untried:
            check.verdict, check.reason = Verdict.NOT_REACHED, str(untried)
            self.active = outer
            self._keep(check)
            self.journey.stop(str(untried), Failure.SITE)
            raise JourneyStopped(str(untried)) from untried
        except StepImpossible as failure:
            # The guide's word is not there and the site offers nothing in its place: the claim's own check failed.
            if check.verdict is Verdict.CONTRADICTED:
                self.journey.blocker = self.journey.blocker or self.sentence
            else:
                self.journey.disagreed(check, claim.text, failure, observe, self.page)
        except SITE_DISAGREES as failure:
            if check.verdict is not Verdict.CONFIRMED:  # a word of the claim was already found otherwise
                self.journey.blocker = self.journey.blocker or self.sentence  # and the claim's check stopped there
                self.active = outer
                self._keep(check)
                return
            if self.journey.crashes() > crashes:  # the mock failed, not the site: no sentence is to blame
                check.verdict, check.reason = Verdict.NOT_REACHED, MOCK_CRASHED
                self.active = outer
                self._keep(check)
                self.journey.stop(at_line(MOCK_CRASHED, failure), Failure.MOCK)
                raise JourneyStopped(MOCK_CRASHED) from failure
            self.journey.disagreed(check, claim.text, failure, observe, self.page)
        else:
            if observe and claim.unclear and not check.observed:
                # The name the guide lost, read from the page (which may have moved on: then the audit says so).
                with suppress(*SITE_DISAGREES):
                    check.observed = observe()
        finally:
            self.active = outer
        self._keep(check)

    @contextmanager
    def case(
        self,
        claim_id: str,
        case: Case,
        tried: str,
        observe: Observer | None = None,
        *,
        correction: str = "",
        terms: tuple[str, ...] = (),
    ) -> Iterator[CaseOutcome]:
        """Try one case of a claim's edge table: the block says what the site did with it, which must be what the rule
        says (fixtures/edges.py); the case and the site's answer become the claim's evidence, and the rule's `terms`
        (6位以上, 30秒 …) count as checked when the site agrees."""
        yes, no = case.outcomes
        with self.claim(claim_id, observe=observe, correction=correction) as check:
            outcome = CaseOutcome()
            check.case = {"name": case.name, "tried": tried, "expect": yes if case.accepted else no}
            try:
                yield outcome
            finally:
                if outcome.accepted is not None:
                    said = yes if outcome.accepted else no
                    check.case["got"] = said + (f"：{outcome.shown}" if outcome.shown else "")
            if outcome.accepted is None:
                raise RuntimeError(f"{claim_id} 的用例“{case.name}”没有记下站点的反应（outcome.saw(...)）")
            if outcome.accepted != case.accepted:
                raise AssertionError(
                    f"用例“{case.name}”（{tried}）：规则要求{check.case['expect']}，站点却{check.case['got']}"
                )
            for word in terms:
                self._held(self.term(word))

    def disproves(self, claim_id: str) -> None:
        """What this step finds shows that an earlier step's claim did not hold after all (是 said 账号注册成功, yet
        the first login lands back in the registration): that claim is contradicted, this page its evidence, and what
        this step goes on to check is not reached because of it."""
        check = next(c for c in self.journey.checks if c.claim == claim_id)
        if check.verdict is not Verdict.CONFIRMED:
            return  # already judged otherwise: its own check stands
        earlier, where = self.journey.guide.sentence(check.step), page_summary(self.page)
        site = f"之后站点仍停在{where}（到{_named(self.sentence)}时才看出），这一步并没有完成"
        check.verdict, check.site, check.correction = Verdict.CONTRADICTED, site, check.correction or "rewrite"
        check.observed = check.observed or where
        check.message = both_sides(self.journey.guide.claims()[claim_id].text, site)
        check.evidence = f"{self.journey.evidence_name(claim_id)}（{self.sentence.label}时）"
        with folded(self.page, "证据截图"):
            self.attach_shot(check.evidence, evidence_shot(self.page), self.page)
        self.journey.blocker = self.journey.blocker or earlier
        self.journey.contradicted_at(check, earlier)

    def region(self, word: str, site: Locator | None = None) -> Locator:
        """The part of the page the guide's word names (工具栏, 对话框, 邮件正文), to act within it."""
        self.ready()
        term = self.term(word)
        found = _region(self.page, term)
        if found is not None and page_locators.count(found) > 0:
            self._held(term)
            return found.first
        if site is not None and page_locators.count(site) > 0:
            self._not_held(term, name_of(site.first))
            return site.first
        self._not_held(term, "", in_its_place=False)
        raise StepImpossible(f"页面上找不到{_looked_for(term)}")

    def _keep(self, check: ClaimCheck) -> None:
        if not check.evidence and not self.page.is_closed():
            name = self.journey.evidence_name(check.claim)
            # A page Chromium cannot picture just now ("Unable to capture screenshot"), or one still blank once it
            # settled, leaves the check without one: its verdict stands on its own check, not on the picture.
            with folded(self.page, "证据截图"), suppress(PlaywrightError, BlankPicture):
                self.attach_shot(name, evidence_shot(self.page), self.page)
                check.evidence = name
        self.checks.append(check)

    def _owner(self, term: Term | None = None) -> ClaimCheck:
        """The claim a term belongs to: the claim being checked, if its words hold the term (a rule's quantity, a
        button it names); else the step's own claim, that its action can be done with the guide's words."""
        possible = self.sentence.possible
        if self.active is not None and (term is None or possible is None or self._speaks_of(self.active, term)):
            return self.active
        if possible is None:
            raise GuideWordError(f"{self.sentence.id} 是注意事项：它的用语须在 step.claim(...) 中核对")
        check = next((c for c in self.checks if c.claim == possible.id), None)
        if check is None:
            check = ClaimCheck(possible.id, self.sentence.id, Verdict.CONFIRMED)
            self.checks.append(check)
        return check

    def _speaks_of(self, check: ClaimCheck, term: Term) -> bool:
        """True when the claim being checked is about `term`: its words (or the clause it stands for) hold it."""
        claim = self._claim(check.claim)
        words = f"{claim.text}{claim.at}"
        return any(word and word in words for word in (term.text, term.sought))

    # -- the guide's words ----------------------------------------------------------------------------------------

    def term(self, word: str) -> Term:
        """The term of this step's sentence that the journey names by the guide's word."""
        if self.journey.moved_here(self.sentence):
            raise Moved(self.sentence.id)
        found = self.sentence.term(word)
        if found is None:
            known = "、".join(t.sought for t in self.sentence.terms if t.sought)
            raise GuideWordError(f"“{word}”不是{self.sentence.label}的用语（这句话的用语：{known}）")
        return found

    def _held(self, term: Term, observed: str = "") -> None:
        self.terms.append(TermUse(self.sentence.id, term.text or term.sought, True, observed))

    def _not_held(self, term: Term, observed: str, *, correction: str = "", in_its_place: bool = True) -> ClaimCheck:
        """The site shows `observed` where the guide says `term`: the owning claim is contradicted. Once the journey
        has left the guide's path, a word not found with nothing in its place is only not reached; a word already
        found otherwise in this step is not held against a second claim."""
        words = term.text or term.sought
        if any(u.term == words and not u.held for u in self.terms):
            return self._owner(term)
        owner = self._owner(term)
        if not in_its_place and self.journey.blocker is not None:
            if owner.verdict is Verdict.CONFIRMED:
                owner.verdict, owner.reason = Verdict.NOT_REACHED, self.journey.unreached_reason()
            return owner
        self.terms.append(TermUse(self.sentence.id, term.text or term.sought, False, observed))
        guide_says = self.journey.guide.claims()[owner.claim].text
        site = _site_instead(term, observed)
        if owner.verdict is Verdict.CONTRADICTED and owner.term:  # a second word of one claim: its own record
            also = ClaimCheck(owner.claim, owner.step, Verdict.CONTRADICTED, observed, both_sides(guide_says, site),
                              site, evidence=owner.evidence, term=term.text or term.sought,
                              correction=correction or ("insert" if term.implied else "replace"))  # fmt: skip
            self.checks.append(also)
            return owner
        if owner.verdict is Verdict.CONFIRMED:
            owner.verdict = Verdict.CONTRADICTED
            owner.term, owner.observed = term.text or term.sought, observed
            owner.correction = correction or ("insert" if term.implied else "replace")
            owner.site, owner.message = site, both_sides(guide_says, site)
            self.journey.contradicted_at(owner, self.sentence)
        return owner

    def _control(
        self, term: Term, site: Locator | None, within: Locator | None, at: Settled
    ) -> tuple[Locator, Found | None]:
        """The control the guide's word names, or the site's own in its place (the claim then contradicted); with
        what the page's inventory named it by, when it is the inventory's own find on the whole page."""
        scope = within or self.page
        look = self._offers(scope, at)
        role = term.role if term.generic else ""
        found = next(filter(None, (look.control(w, partial=term.kind == "mail", role=role) for w in term.names)), None)
        if found is not None:
            self._held(term)
            named = scope.get_by_role(found.role, name=found.name, exact=True)  # type: ignore[arg-type]
            if site is not None and page_locators.count(named.and_(site)) > 0:
                return named.and_(site).first, None  # of the controls bearing the guide's word, the site's own
            return located(scope, found), found if within is None else None
        if site is not None and page_locators.count(site) > 0:
            self._not_held(term, name_of(site.first))
            return site.first, None
        nearest = look.nearest(term.sought, "control")
        self._not_held(term, nearest, in_its_place=False)
        raise StepImpossible(f"页面上找不到{_looked_for(term)}" + (f"（最接近的是“{nearest}”）" if nearest else ""))

    def _field(
        self, term: Term, site: Locator | None, at: Settled, uploads: bool = False
    ) -> tuple[Locator, Found | None]:
        """The field the guide's word names, or the site's own in its place (the claim then contradicted); with what
        the page's inventory named it by, when it is the inventory's own find."""
        look = self._offers(self.page, at)
        found = next(filter(None, (look.field(w, uploads=uploads) for w in term.names)), None)
        if found is not None:
            self._held(term)
            return located(self.page, found), found
        if site is not None and page_locators.count(site) > 0:
            self._not_held(term, name_of(site.first))
            return site.first, None
        nearest = look.nearest(term.sought, "upload" if uploads else "field")
        self._not_held(term, nearest, in_its_place=False)
        raise StepImpossible(f"页面上没有{_looked_for(term)}一栏" + (f"（最接近的是“{nearest}”）" if nearest else ""))

    def control(self, word: str, site: Locator | None = None, *, within: Locator | None = None) -> Locator:
        """The control the guide calls `word` (`site`: the site's own control, should the word be gone)."""
        return self._control_named(word, site, within)[0]

    def _control_named(self, word: str, site: Locator | None, within: Locator | None) -> tuple[Locator, Found | None]:
        with unseen():  # the harness's own look at the page: not in a trace
            at = self.ready(offers=within is None)
            return self._control(self.term(word), site, within, at)

    def click(self, word: str, site: Locator | None = None, *, within: Locator | None = None) -> None:
        """Click the control the guide calls `word` (`site`: the site's own control, should the word be gone)."""
        target, found = self._control_named(word, site, within)
        actions.click(target, settled=True, found=found)

    def placed(self, word: str, target: Locator) -> None:
        """`target` stands where the guide says (页面下方: in the lower half of the page, 页面上方: the upper)."""
        self.ready()
        term = self.term(word)
        with unseen():
            box, height = target.bounding_box(), self.page.evaluate("document.documentElement.scrollHeight")
            middle = box["y"] + box["height"] / 2 + self.page.evaluate("window.scrollY") if box else None
        lower = middle is not None and middle > height / 2
        if middle is not None and lower == (term.role == "below"):
            self._held(term)
            return
        self._not_held(term, OTHER_HALF[lower])
        raise AssertionError(f"“{name_of(target)}”不在{term.sought}")

    def _field_named(self, word: str, site: Locator | None, uploads: bool = False) -> tuple[Locator, Found | None]:
        """The field the guide calls `word`, once the page has settled."""
        with unseen():
            at = self.ready(offers=True)
            return self._field(self.term(word), site, at, uploads)

    def fill(self, word: str, value: str, site: Locator | None = None) -> None:
        """Type `value` into the field the guide calls `word`."""
        target, found = self._field_named(word, site)
        actions.fill(target, value, settled=True, found=found)

    def choose(self, word: str, value: str, site: Locator | None = None) -> None:
        """Pick `value` in the list the guide calls `word`."""
        target, found = self._field_named(word, site)
        actions.choose(target, value, settled=True, found=found)

    def upload(self, word: str, name: str, data: bytes, site: Locator | None = None) -> None:
        """Choose a file for the upload field the guide calls `word`."""
        target, found = self._field_named(word, site, uploads=True)
        actions.upload(target, name, data, settled=True, found=found)

    def expect_page(self, word: str) -> None:
        """The student is on the page the guide names (by its heading or title)."""
        with folded(self.page, f"核对：进入“{word}”"), unseen():  # the check in the trace, not the look
            at = self.ready(offers=True)
            term = self.term(word)
            look = self._offers(self.page, at)
        if any(look.page_named(w) for w in term.names):
            self._held(term)
            return
        self._not_held(term, look.nearest(term.sought, "page"), in_its_place=False)
        raise StepImpossible(f"没有进入{_looked_for(term)}（当时在{page_summary(self.page)}）")

    def see(self, word: str, within: Locator | None = None, site: Locator | None = None) -> None:
        """The page (or the part `within`) shows the guide's words, e.g. the name of the platform; `site` is where the
        site says it, should it now say something else."""
        with folded(self.page, f"核对：页面上有“{word}”"), unseen():
            self.ready()
            term = self.term(word)
            text = (within or self.page.locator("body")).inner_text()
            shows = any(w in text for w in term.names)
        if shows:
            self._held(term)
            return
        if site is not None and page_locators.count(site) > 0:
            self._not_held(term, shown(site))
            return
        self._not_held(term, "", in_its_place=False)
        raise StepImpossible(f"页面上没有{_looked_for(term)}")

    def holds(self, word: str, held: bool, observed: str = "", *, correction: str = "") -> None:
        """Record a term the journey checked by its own means (a mail that arrived, a quantity measured)."""
        term = self.term(word)
        if held:
            self._held(term, observed)
        else:
            self._not_held(term, observed, correction=correction)

    def require(self, word: str, held: bool, observed: str = "") -> None:
        """A term the step cannot do without, checked by the journey's own means: if it does not hold, the step
        cannot be done (the journey stops, its claim contradicted and corrected by the step's own fix)."""
        if held:
            self.holds(word, held, observed)
            return
        self._not_held(self.term(word), observed, correction="rewrite", in_its_place=False)
        raise StepImpossible(f"站点上没有“{self.term(word).sought}”")

    def measure(self, word: str, measured: int | timedelta | None) -> None:
        """Compare a quantity the guide states (30秒, 实时, 7个工作日, 2个邮箱) with what the run measured."""
        term = self.term(word)
        if term.kind != "quantity":
            raise GuideWordError(f"“{word}”不是数量")
        value = _in_unit(measured, term.unit) if isinstance(measured, timedelta) else measured
        if value is not None and value in term.values:
            self._held(term, term.text)
            return
        counted = "个" if f"个{term.unit}" in term.text else ""  # 2个邮箱: a count says 个 as the guide does
        said = (
            how_long(measured, term)
            if isinstance(measured, timedelta) or measured is None
            else f"{value}{counted}{term.unit}"
        )
        self._not_held(term, said)
        raise AssertionError(f"指南说{term.text}，实际是{said}")

    def skip_term(self, word: str) -> None:
        """A term of this sentence nothing on the site can check (a school office): the audit lists it, saying why."""
        term = self.term(word)
        self.journey.unchecked.append(TermUse(self.sentence.id, term.text, True, why=NOT_ON_THE_SITE[term.kind]))

    def still_here(self) -> None:
        """Pass over a step the site no longer has (its flow did it elsewhere)."""
        if self.journey.moved_here(self.sentence):
            raise Moved(self.sentence.id)

    def ready(self, *, offers: bool = False) -> Settled:
        """Before any action or check of this step: still_here(), then let the page settle; how it settled says what
        a read of it is good for. `offers`: the same look reads what the page offers (for _offers)."""
        self.still_here()
        return settle(self.page, reading=READ if offers else "")

    def _offers(self, scope: Page | Locator, at: Settled) -> Inventory:
        """What `scope` offers; the whole page is read once per state it settles in (typing changes no state)."""
        if scope is not self.page or not at.quiet or not at.doc or at.read is None:
            return Inventory.of(scope)
        key = (at.doc, at.changes)
        if key not in self.journey.offers:
            self.journey.offers[key] = Inventory.read(at.read)
        return self.journey.offers[key]

    # -- pictures -------------------------------------------------------------------------------------------------

    def attach(self, page: Page, name: str) -> None:
        """A screenshot of another page (the phone, the mailbox) as evidence of this step."""
        self.attach_shot(name, picture(page), page)

    def attach_shot(self, name: str, png: bytes, page: Page | None = None) -> None:
        """Attach a picture of `page` (default: the step's) to the step under way."""
        for recorder in self.journey.recorders:
            recorder.attach(name, png, page or self.page)

    def wants_picture(self) -> bool:
        """True when the next action is pictured: for the handout, or as the evidence of the claim being checked."""
        return self._evidence_wanted() or self.journey.pictures

    def _evidence_wanted(self) -> bool:
        return self.active is not None and not self.active.evidence

    def before_action(self, target: Locator, kind: str, value: str, look: Seen) -> None:
        """The page as the student sees it before acting, the element outlined; kept for the handout and, if a claim
        is open, as its evidence. `look`: the element's name and place, as the action just found and marked it."""
        evidence = self._evidence_wanted()
        name = f"{ACTION_PREFIX[kind]}{look.name[:40]}" if look.mark else ""
        if name:  # a picture for the handout, or the claim's evidence; other actions need none
            # Only a picture that becomes a claim's evidence is checked for blankness (the check decodes the image).
            png = outlined(target.page, look.mark)
            self.attach_shot(name, self.blank_checks.add(target.page, png) if evidence else png, target.page)
        box = look.box
        place = {key: round(box[key]) for key in ("x", "y", "width", "height")} if box is not None else {}
        self.actions.append(Action(kind, look.name, value, name, place))
        if evidence and name:
            self.active.evidence = name  # type: ignore[union-attr]  # evidence is only True with a claim open

    def point_at(self, target: Locator) -> None:
        """Make `target`, outlined, the evidence of the claim being checked."""
        if self.active is None:
            raise RuntimeError("point_at() belongs inside step.claim(...)")
        self.active.evidence = self.journey.evidence_name(self.active.claim)
        with folded(target.page, "证据截图"):
            self.attach_shot(self.active.evidence, self.blank_checks.add(target.page, pointed_at(target)), target.page)


class CaseUntried(AssertionError):
    """The site refused an edge case for something else than the rule it tries (a captcha, a missing step)."""


@dataclass
class CaseOutcome:
    """What the site did with one edge case: accepted it or not, and what it said."""

    accepted: bool | None = None
    shown: str = ""

    def saw(self, accepted: bool, shown: str = "") -> None:
        """Record the site's answer to the case."""
        self.accepted, self.shown = accepted, shown

    def untried(self, shown: str) -> None:
        """The site refused the case for another reason (`shown`): the rule could not be tried, which says nothing of
        the guide; the journey stops."""
        raise CaseUntried(f"用例没能按规则核对：站点因别的原因拒绝了它（{shown}）")


# The seconds in each unit of time a guide may state, and the units a measured time is said in.
_SECONDS = {"秒": 1, "秒钟": 1, "分钟": 60, "小时": 3600, "天": 86_400}
_SAID_IN = ("天", "小时", "分钟", "秒")


def _in_unit(measured: timedelta, unit: str) -> int | None:
    """A duration in the guide's unit, if it is a whole number of them."""
    size = _SECONDS.get(unit)
    seconds = int(measured.total_seconds())
    return seconds // size if size and seconds % size == 0 else None


def how_long(measured: timedelta | None, term: Term) -> str:
    """A measured duration as a guide would write it in place of `term`: 20秒, 30分钟后, 始终没有."""
    if measured is None:
        return "始终没有"
    seconds = int(measured.total_seconds())
    unit = next((u for u in _SAID_IN if seconds >= _SECONDS[u] and seconds % _SECONDS[u] == 0), _SAID_IN[-1])
    words = f"{seconds // _SECONDS[unit]}{unit}"
    return words + "后" if term.values == (0,) else words


def _region(page: Page, term: Term) -> Locator | None:
    """The region a guide word names: by its role and the word as its name, else by its role alone (a kind)."""
    if term.role in ("", "below", "above"):
        return None
    named = page.get_by_role(term.role, name=term.sought)  # type: ignore[arg-type]
    return named if page_locators.count(named) else page.get_by_role(term.role)  # type: ignore[arg-type]


def _looked_for(term: Term) -> str:
    """The words a run looked for, quoted: the guide's own, and the site's older name a curator gave it, if other
    (“忘记密码”或“找回密码”)."""
    return f"“{term.text}”或“{term.sought}”" if term.text and term.text != term.sought else f"“{term.sought}”"


def _site_instead(term: Term, observed: str) -> str:
    """What the site showed where the guide says `term`: the other number, the other name, or nothing in its place."""
    if term.kind == "quantity":
        return f"指南说“{term.text}”，实际是“{observed}”"
    instead = f"站点上是“{observed}”" if observed else "也没有可替代的内容"
    return f"页面上没有{_looked_for(term)}，{instead}"


def both_sides(guide_says: str, site_showed: str) -> str:
    """The message of a contradiction, quoting the guide and the site."""
    return f"指南：{guide_says}\n站点：{site_showed}"


# What a step the site no longer has becomes, and how the audit says it.
MERGED, REMOVED = "merged", "removed"


@dataclass
class Journey:
    """The guide steps one test walks through, in order, and what the site showed on the way."""

    guide: Guide
    page: Page
    name: str = "journey"
    # Who records the steps (Allure, the trace, captions, a trainer's pause): recorders.py.
    recorders: list[Recorder] = field(default_factory=list)
    # How many times the mock has crashed so far (a 500 from a handler's exception): no sentence is blamed for it.
    crashes: Callable[[], int] = lambda: 0
    # Whether every action leaves a picture (a journey the handouts are made from), or only a claim's evidence does.
    pictures: bool = True
    record: JourneyRecord = field(default_factory=JourneyRecord)
    failures: list[str] = field(default_factory=list)
    # Terms no step could check, with the reason (TermUse.observed holds the reason).
    unchecked: list[TermUse] = field(default_factory=list)
    # The sentence whose claim check first failed: later failing checks are "not reached" because of it.
    blocker: Sentence | None = None
    # Steps the site's own flow did elsewhere (the sentence id → MERGED or REMOVED, and the step that replaced it).
    moved: dict[str, tuple[str, str]] = field(default_factory=dict)
    # What the page offered, by the state it had settled in (its document and how often its DOM had changed).
    offers: dict[tuple[str, int], Inventory] = field(default_factory=dict)

    @property
    def checks(self) -> list[ClaimCheck]:
        """Every claim check so far."""
        return self.record.checks

    def contradicted(self) -> set[str]:
        """The guide sentences whose checks the site contradicted."""
        return {c.step for c in self.checks if c.verdict is Verdict.CONTRADICTED}

    def moved_here(self, sentence: Sentence) -> bool:
        """True for a step the site's own flow already did elsewhere."""
        return sentence.id in self.moved

    def unreached_reason(self) -> str:
        """Why a check after the first contradiction does not count: 因第N步与站点不符而未能执行."""
        assert self.blocker is not None
        return f"因{_named(self.blocker)}与站点不符而未能执行"

    def contradicted_at(self, check: ClaimCheck, sentence: Sentence, failure: BaseException | None = None) -> None:
        """Note a contradiction in the test's failure message, with the journey's line that found it."""
        self.failures.append(at_line(f"[{check.step}] {check.message}", failure))

    def disagreed(self, check: ClaimCheck, guide_says: str, failure: BaseException, observe: Observer | None,
                  page: Page) -> None:  # fmt: skip
        """A claim's own check failed: it contradicts the claim, unless the journey had already left the guide's path
        (then the check was not reached)."""
        if self.blocker is not None:
            check.verdict, check.reason = Verdict.NOT_REACHED, self.unreached_reason()
            return
        check.verdict = Verdict.CONTRADICTED
        if observe is not None and not check.observed:
            try:
                check.observed = observe()
            except SITE_DISAGREES:
                check.observed = ""
        site_showed = in_chinese(failure) + f"（当时在{page_summary(page)}）"
        check.message, check.site = both_sides(guide_says, site_showed), site_showed
        check.correction = check.correction or "rewrite"
        self.blocker = self.guide.sentence(check.step)
        self.contradicted_at(check, self.blocker, failure)

    def stop(self, reason: str, failure: Failure | None) -> None:
        """The journey cannot go on: say why, once."""
        if not self.record.stopped:
            self.record.stopped, self.record.failure = reason, failure

    @contextmanager
    def step(
        self, sentence_id: str, page: Page | None = None, instead: Callable[[Step], dict[str, str]] | None = None,
        *, closing_shot: bool = True,
    ) -> Iterator[Step]:  # fmt: skip
        """Perform the guide sentence `sentence_id`; its screenshot is taken at the end, pass or fail.

        `instead` is the site's own way to the same end, for a site where the step cannot be done as written (a
        procedure that moved): it performs it and says what became of the later steps (MERGED or REMOVED).
        Without `closing_shot` a step that passes takes no picture at its end: it judges what the site showed earlier
        (another school's guide), and the page now shows nothing of it.
        """
        sentence = self.guide.sentence(sentence_id)
        current = Step(sentence, page or self.page, self)
        self.record.steps.append(sentence_id)
        for recorder in self.recorders:
            recorder.begin(sentence, current.page)
        token = CURRENT_STEP.set(current)
        crashes = self.crashes()
        try:
            try:
                yield current
            except Moved:
                pass
            except StepImpossible as impossible:
                if instead is None:
                    # The step's own word was not there: its claim is contradicted, and what follows not reached.
                    said = any(c.verdict is Verdict.CONTRADICTED for c in current.checks)
                    self.blocker = self.blocker or (sentence if said else None)
                    self._stop_at(current, str(impossible), None if self.blocker else Failure.SITE)
                    raise JourneyStopped(str(impossible)) from impossible
                self._take_the_sites_way(current, instead)
            except JourneyStopped:
                raise
            except SITE_DISAGREES as failure:
                if self.moved_here(sentence):
                    pass  # the site has no such step: what it would have checked is not there to see
                elif self.crashes() > crashes:
                    self._stop_at(current, at_line(MOCK_CRASHED, failure), Failure.MOCK)
                    raise JourneyStopped(MOCK_CRASHED) from failure
                elif self.blocker is not None:
                    self._stop_at(current, self.unreached_reason(), None)  # a consequence of the contradiction
                    raise JourneyStopped(self.record.stopped) from failure
                else:
                    why = f"{_named(sentence)}中一项不属于指南说法的检查没有通过：{in_chinese(failure)}"
                    self._stop_at(current, at_line(why, failure), Failure.SITE)
                    raise JourneyStopped(self.record.stopped) from failure
            except Exception as error:
                self._stop_at(current, f"{TOOL_FAILED}：{type(error).__name__}: {error}", Failure.TOOL)
                raise
            finally:
                CURRENT_STEP.reset(token)
            self._close_step(current)
            if closing_shot:
                self._finish_step(current)
        finally:
            for recorder in reversed(self.recorders):
                recorder.end(sentence)

    def _take_the_sites_way(self, current: Step, instead: Callable[[Step], dict[str, str]]) -> None:
        """The step could not be done as written: do it the site's way, and note which later steps that replaced."""
        owner = current._owner()
        owner.correction = "rewrite"
        done = len(current.actions)
        for sentence_id, fate in instead(current).items():
            self.moved[sentence_id] = (fate, current.sentence.id)
        fields = [a.label for a in current.actions[done:] if a.kind in ("fill", "choose")]
        buttons = [a.label for a in current.actions[done:] if a.kind == "click"]
        owner.observed = "、".join(dict.fromkeys(fields)) + (f"，点击“{buttons[-1]}”" if buttons else "")
        owner.site = f"站点改用自己的流程：{owner.observed}"
        owner.message = both_sides(self.guide.claims()[owner.claim].text, owner.site)
        self.failures[-1:] = []
        self.contradicted_at(owner, current.sentence)
        checked = {c.claim for c in current.checks}
        for claim in current.sentence.claims:
            if claim.id not in checked:
                why = f"站点改用自己的流程完成了{_named(current.sentence)}（{owner.observed}），这项说法无从按原样核对"
                current.checks.append(ClaimCheck(claim.id, current.sentence.id, Verdict.NOT_REACHED, reason=why))
        for sentence_id, (fate, _) in self.moved.items():
            gone = self.guide.sentence(sentence_id)
            reason = moved_reason(fate, current.sentence)
            self.record.checks += [ClaimCheck(c.id, gone.id, Verdict.NOT_REACHED, observed=current.sentence.id,
                                              reason=reason, correction=fate) for c in gone.all_claims()]  # fmt: skip

    def still_has(self, sentence_id: str) -> bool:
        """False for a step the site's own flow replaced (journeys pass over it, so nothing is done twice)."""
        return sentence_id not in self.moved

    def _stop_at(self, current: Step, reason: str, failure: Failure | None) -> None:
        """Record why the journey stops in this step; its claims not judged yet are not reached."""
        self.stop(reason, failure)
        self._close_step(current)
        self._finish_step(current)

    def _close_step(self, current: Step) -> None:
        """The step's own claim (its action can be done), the claims it never got to, and its terms, once it ended."""
        sentence, checked = current.sentence, {c.claim for c in current.checks}
        if self.moved_here(sentence):
            current.checks, current.terms = [], []  # recorded when the site's own flow replaced it
        else:
            stopped = bool(self.record.stopped)
            if sentence.possible and sentence.possible.id not in checked:
                # A step that did nothing and looked at nothing proves nothing: its action is not judged done.
                idle = not (current.actions or current.terms or current.checks)
                verdict = Verdict.NOT_REACHED if stopped else Verdict.NOT_COVERED if idle else Verdict.CONFIRMED
                check = ClaimCheck(sentence.possible.id, sentence.id, verdict)
                check.reason = IDLE_STEP if idle and not stopped else ""
                current.checks.append(check)
            if stopped or self.blocker is not None:
                for claim in sentence.claims:
                    if claim.id not in checked:
                        current.checks.append(ClaimCheck(claim.id, sentence.id, Verdict.NOT_REACHED))
            for check in current.checks:
                if check.verdict is Verdict.NOT_REACHED and not check.reason:
                    check.reason = self.record.stopped if stopped else self.unreached_reason()
        self.record.checks.extend(current.checks)
        self.record.terms.extend(current.terms)
        self.record.actions.setdefault(sentence.id, []).extend(current.actions)

    def _finish_step(self, current: Step) -> None:
        """The step's closing screenshot and what the page now shows."""
        sentence_id, page = current.sentence.id, current.page
        if page.is_closed():
            return
        try:
            with folded(page, "本步完成后的页面（截图）"):
                # A click may have started a navigation: show where it landed, and read its first heading in the same
                # look (a picture does not change it); a page that did not settle is read again after the picture.
                landed = settle(page, reading=FIRST_HEADING)
                for recorder in self.recorders:
                    recorder.settle(page)
                shot = self.record.shots[sentence_id] = step_shot(self.guide.place(sentence_id))
                current.attach(page, shot)
                with unseen():
                    heading = landed.read if landed.quiet else page.evaluate(FIRST_HEADING)
                self.record.outcomes[sentence_id] = heading
        except PlaywrightError:
            self.record.outcomes[sentence_id] = ""

    def not_reached(self, claims: set[str]) -> None:
        """Claims the test would have checked after it stopped: not reached, for the reason it stopped."""
        done = {c.claim for c in self.checks}
        reason = self.record.stopped or (self.unreached_reason() if self.blocker else "")
        claims_of = self.guide.claims()
        for claim_id in sorted(claims - done, key=list(claims_of).index):
            step = next(s.id for s in self.guide.sentences() if claim_id in {c.id for c in s.all_claims()})
            self.record.checks.append(ClaimCheck(claim_id, step, Verdict.NOT_REACHED, reason=reason))

    def evidence_name(self, claim_id: str) -> str:
        """A claim's own picture, named in the guide's words."""
        return claim_shot(self.guide, claim_id)

    def finish(self) -> None:
        """The journey is over: each recorder keeps what it found."""
        self.record.terms.extend(self.unchecked)
        for recorder in self.recorders:
            recorder.finish(self.record)


# What a page's first heading says, as innerText reads it ("" without one).
FIRST_HEADING = "(document.querySelector('h1') || {innerText: ''}).innerText"
# Why a term cannot be checked on the site, by its kind.
NOT_ON_THE_SITE = {"office": "学校的部门或老师，在学校办理，网站上无从核对"}
# Where a control stood instead, when it was not where the guide says.
OTHER_HALF = {True: "页面下方", False: "页面上方"}
# Why a check was not reached when the mock or the harness, not the site, failed.
MOCK_CRASHED = "模拟站点出错（处理请求时发生异常，返回了 500），与指南无关，未能核对"
TOOL_FAILED = "测试工具出错，与指南无关，未能核对"


def _named(sentence: Sentence) -> str:
    """How a sentence is named in a reason: 第三步, or “1、忘记学信网登录用户名处理办法”."""
    return sentence.label if sentence.numbered else f"“{sentence.label}”"


def moved_reason(fate: str, by: Sentence) -> str:
    """Why a step the site no longer has was not performed, and what the guide should do with it."""
    if fate == MERGED:
        return f"站点已没有这一步：它的内容合并到了{_named(by)}的表单中"
    return f"站点已没有这一步：{_named(by)}的新流程不再需要它"
