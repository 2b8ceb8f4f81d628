"""The guide's audit, computed from a run's results: a verdict per claim with its evidence, one correction per sentence,
advice for steps the site no longer has, the terms the run checked, and each rule's table of edge cases."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass, field

from guidebook.edits import clause_removed, term_removed
from guidebook.model import Claim, Guide, Sentence
from guidebook.terms import Term
from harness.evidence import ClaimCheck, TermUse, Verdict
from harness.journey import MERGED, REMOVED, moved_reason

# Said of a claim the profile models without a public source (chsi-facts.md: "Not found").
NO_SOURCE = "没有公开资料说明今天的站点在这一点上怎样做：模拟站点只能沿用指南的说法，无从核对。"
# Sentences whose terms count towards term coverage: the procedures, not the table of contents.
NOT_A_PROCEDURE = ("toc",)


@dataclass
class ClaimVerdict:
    """A claim's verdict from every check of it."""

    claim: Claim
    sentence: Sentence
    verdict: Verdict
    evidence: list[ClaimCheck] = field(default_factory=list)
    suggestion: str = ""

    @property
    def cases(self) -> list[dict[str, str]]:
        """The claim's edge cases as the run tried them, each once, in the order tried."""
        seen: dict[str, dict[str, str]] = {}
        for check in self.evidence:
            if check.case:
                seen.setdefault(check.case["name"], {**check.case, "verdict": check.verdict.zh, "test": check.test})
        return list(seen.values())


@dataclass
class SentenceAudit:
    """A sentence's verdict (its worst claim's), its one correction, and advice for a step the site dropped."""

    sentence: Sentence
    verdict: Verdict
    correction: str = ""
    advice: str = ""
    replaces: list[str] = field(default_factory=list)  # the later steps its new flow made unnecessary


@dataclass
class TermCoverage:
    """Which terms of the procedures the run acted on or checked, and which it could not, with why."""

    checked: list[tuple[str, str]]  # (sentence id, term)
    unchecked: list[tuple[str, str, str]]  # (sentence id, term, why)

    @property
    def ratio(self) -> float:
        """Terms checked over terms the guide uses."""
        total = len(self.checked) + len(self.unchecked)
        return len(self.checked) / total if total else 0.0


@dataclass
class Audit:
    """The whole guide, judged against one run."""

    profile: str
    claims: list[ClaimVerdict]
    sentences: dict[str, SentenceAudit] = field(default_factory=dict)
    terms: TermCoverage = field(default_factory=lambda: TermCoverage([], []))

    @property
    def coverage(self) -> float:
        """Claims the run checked to a verdict (not merely failed to reach), over all claims."""
        reached = sum(c.verdict not in (Verdict.NOT_COVERED, Verdict.NOT_REACHED) for c in self.claims)
        return reached / len(self.claims)

    def counts(self) -> dict[Verdict, int]:
        """How many claims have each verdict."""
        return {v: sum(c.verdict is v for c in self.claims) for v in Verdict}

    def summary(self) -> str:
        """One line: claim coverage, term coverage and the count of each verdict that occurs."""
        counts = "，".join(f"{v.zh} {n}" for v, n in self.counts().items() if n)
        return f"说法覆盖率 {self.coverage:.0%}，用语覆盖率 {self.terms.ratio:.0%}（{counts}）"

    def sentence_verdicts(self) -> dict[str, Verdict]:
        """Each sentence's verdict: the worst of its claims'."""
        return {sentence_id: audit.verdict for sentence_id, audit in self.sentences.items()}

    def to_json(self) -> dict[str, object]:
        """The machine-readable audit."""
        return {
            "profile": self.profile,
            "coverage": round(self.coverage, 4),
            "term_coverage": round(self.terms.ratio, 4),
            "counts": {str(v): n for v, n in self.counts().items()},
            "sentences": {s: str(a.verdict) for s, a in self.sentences.items()},
            "corrections": {s: a.correction for s, a in self.sentences.items() if a.correction},
            "advice": {s: a.advice for s, a in self.sentences.items() if a.advice},
            "terms": {"checked": self.terms.checked, "unchecked": self.terms.unchecked},
            "claims": [
                {"id": c.claim.id, "sentence": c.sentence.id, "text": c.claim.text, "verdict": str(c.verdict),
                 "verdict_zh": c.verdict.zh, "suggestion": c.suggestion, "cases": c.cases,
                 "evidence": [asdict(e) for e in c.evidence]}
                for c in self.claims
            ],
        }  # fmt: skip


def verdict_of(claim: Claim, seen: list[ClaimCheck], unsourced: frozenset[str] = frozenset()) -> Verdict:
    """A claim the profile has no source for is unverifiable; else one failed check contradicts it, a passed check
    confirms it (or shows the guide unclear), checks all not reached leave it not reached, none leave it not covered."""
    if claim.id in unsourced:
        return Verdict.UNVERIFIABLE  # whatever the mock does there is the guide's own word, not the site's
    if not seen:
        return Verdict.NOT_COVERED
    if any(c.verdict is Verdict.CONTRADICTED for c in seen):
        return Verdict.CONTRADICTED
    if any(c.verdict is Verdict.CONFIRMED for c in seen):
        return Verdict.UNCLEAR if claim.unclear else Verdict.CONFIRMED
    return Verdict.NOT_REACHED


def _quote(words: str) -> str:
    return f"“{words}”"


def _written(term: Term, observed: str) -> str:
    """What the site showed, written where the guide's term stood, in the guide's own way of writing it."""
    if term.kind == "mail":
        return _quote(observed) + ("" if observed.endswith(("邮件", "短信")) else "邮件")
    if term.kind == "page" and not term.quoted:
        bare = observed.removesuffix("页面")
        return bare + next((s for s in ("页面", "界面", "首页") if term.text.endswith(s)), "页面")
    if term.kind in ("quantity", "place", "upload", "charset", "field") and not term.quoted:
        return observed
    return _quote(observed)


def _implied(sentence: Sentence, at: int, instead: dict[str, str]) -> str:
    """The words a sentence leaves out at one place, written out (with what the site showed for a contradicted one)."""
    said = []
    for term in (t for t in sentence.terms if t.implied and t.start == at):
        word = instead.get(term.sought, term.sought)
        said.append(f"点击“{word}”" if term.kind == "control" else f"输入{word}")
    return "（" + "，".join(said) + "）"


def _clause(sentence: Sentence, claim: Claim) -> tuple[int, int] | None:
    """Where in the sentence the claim's clause stands, if it does."""
    words = claim.at or claim.text
    at = sentence.text.find(words)
    return (at, at + len(words)) if at >= 0 else None


def correction(sentence: Sentence, checks: list[ClaimCheck], claims: dict[str, Claim]) -> str:
    """One corrected sentence: the guide's, with every contradicted word replaced by what the site showed."""
    edits: list[tuple[int, int, str]] = []
    inserted: dict[int, dict[str, str]] = defaultdict(dict)
    for check in checks:
        claim = claims[check.claim]
        term = next((t for t in sentence.terms if check.term and check.term in (t.text, t.sought)), None)
        clause = _clause(sentence, claim)
        if check.correction == "insert" and term is not None:
            inserted[term.start][term.sought] = check.observed
        elif check.correction == "replace" and term is not None and check.observed:
            edits.append((term.start, term.end, _written(term, check.observed)))
        elif check.correction == "replace" and term is not None and term.kind == "field":
            if clause is not None and claim.id != f"{sentence.id}.possible":
                edits.append(clause_removed(sentence.text, clause))  # a rule about a field the site no longer asks for
            else:
                edits.append(
                    term_removed(sentence.text, term)
                )  # a field the site does not ask for: drop it from the list
        elif check.correction == "clause" and clause is not None and check.observed:
            edits.append((*clause, check.observed))
        elif check.correction == "remove" and clause is not None:
            edits.append(clause_removed(sentence.text, clause))
        elif claim.fix and clause is not None:
            edits.append((*clause, claim.fix.format(observed=check.observed or check.site)))
        elif check.correction == "rewrite" and check.observed:
            fields = [t for t in sentence.terms if t.kind == "field" and not t.implied]
            if fields:  # the step's form asks for other things now: the site's list replaces the guide's
                edits.append((fields[0].start, fields[-1].end, check.observed))
            else:
                edits.append((len(sentence.text.rstrip("。!！")), len(sentence.text.rstrip("。!！")),
                              f"（站点实际：{check.observed}）"))  # fmt: skip
    for at, instead in inserted.items():
        edits.append((at, at, _implied(sentence, at, instead)))
    if not edits:  # nothing the site showed can stand in the guide's words: say what it showed instead
        end = len(sentence.text.rstrip("。!！"))
        edits.append((end, end, f"（站点实际：{checks[0].observed or checks[0].site}）"))
    text = sentence.text
    for start, end, words in sorted(_apart(edits), key=lambda e: (e[0], e[1]), reverse=True):
        text = text[:start] + words + text[end:]
    return text.replace("‚", "“").replace("‛", "”")


# Which contradiction of a claim says most about what the site shows instead: a word for a word first.
_TELLING = ("replace", "insert", "clause", "remove", "rewrite", "")


def _telling(seen: list[ClaimCheck]) -> ClaimCheck:
    """The contradiction of a claim a correction is best built from (several tests may contradict one claim)."""
    found = [c for c in seen if c.verdict is Verdict.CONTRADICTED]
    # What the site showed beats a word merely missing: a new list of fields says more than one field dropped.
    return min(found, key=lambda c: (not c.observed, _TELLING.index(c.correction) if c.correction in _TELLING else 9))


def _edits_of(seen: list[ClaimCheck]) -> list[ClaimCheck]:
    """The contradictions of one claim a correction is built from: the most telling, and every other word of it the
    same test found otherwise (a sentence may name several buttons the site calls otherwise)."""
    best = _telling(seen)
    others = [c for c in seen if c is not best and c.test == best.test and c.verdict is Verdict.CONTRADICTED and c.term]
    return [best, *(c for c in others if c.term != best.term)]


def _apart(edits: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The edits to make, widest first, leaving out any that falls inside one already kept (one correction, whole)."""
    kept: list[tuple[int, int, str]] = []
    for edit in sorted(set(edits), key=lambda e: e[1] - e[0], reverse=True):
        start, end, _ = edit
        if not any((start < k_end and end > k_start) or k_start < start < k_end for k_start, k_end, _ in kept):
            kept.append(edit)
    return kept


def _advice(sentence: Sentence, seen: list[ClaimCheck], guide: Guide) -> tuple[str, str]:
    """For a step the site no longer has: what to do with it, and the step whose new flow replaced it."""
    moved = next((c for c in seen if c.correction in (MERGED, REMOVED) and c.observed), None)
    if moved is None:
        return "", ""
    by = guide.sentence(moved.observed)
    action = f"合并到{by.label}" if moved.correction == MERGED else "删去此步"
    return f"{action}（{moved_reason(moved.correction, by)}）", by.id


def suggestion(claim: Claim, verdict: Verdict, seen: list[ClaimCheck], corrected: str) -> str:
    """What an editor can do with the claim: the sentence's correction, or why there is none."""
    observed = next((c.observed for c in seen if c.verdict is verdict and c.observed), "")
    observed = observed or next((c.observed for c in seen if c.observed), "")
    if verdict is Verdict.CONTRADICTED:
        return corrected
    if verdict is Verdict.UNCLEAR:
        return claim.suggest.format(observed=observed or "见证据截图") if claim.suggest else claim.unclear
    if verdict is Verdict.NOT_REACHED:
        return next((c.reason for c in seen if c.reason), "")
    if verdict is Verdict.UNVERIFIABLE:
        return NO_SOURCE
    return ""


def term_coverage(guide: Guide, uses: list[TermUse]) -> TermCoverage:
    """Every term of the procedures, checked (acted on, or found otherwise) or not, with why not."""
    done = {(u.step, u.term) for u in uses if not u.why}
    why = {(u.step, u.term): u.why for u in uses if u.why}
    checked, unchecked = [], []
    for sentence in guide.sentences():
        if sentence.id.split(".")[0] in NOT_A_PROCEDURE:
            continue
        claims = sentence.all_claims()
        # A sentence nothing on the site can check leaves its words unchecked for the sentence's own reason.
        uncovered = claims[0].uncovered if claims and all(c.uncovered for c in claims) else ""
        default = f"整句未覆盖：{uncovered}" if uncovered else "本次运行没有核对这个用语"
        for term in sentence.terms:
            key = (sentence.id, term.text or term.sought)
            if key in done:
                checked.append(key)
            else:
                unchecked.append((*key, why.get(key, default)))
    return TermCoverage(list(dict.fromkeys(checked)), list(dict.fromkeys(unchecked)))


def judge(
    guide: Guide,
    checks: list[ClaimCheck],
    profile: str,
    unsourced: frozenset[str] = frozenset(),
    uses: list[TermUse] | None = None,
) -> Audit:
    """Every claim of the guide with its verdict, evidence and suggestion; every sentence with its correction."""
    by_claim: dict[str, list[ClaimCheck]] = defaultdict(list)
    for check in checks:
        by_claim[check.claim].append(check)
    claims = guide.claims()
    audit = Audit(profile, [], terms=term_coverage(guide, uses or []))
    order = list(Verdict)
    for sentence in guide.sentences():
        verdicts = [(c, verdict_of(c, by_claim.get(c.id, []), unsourced)) for c in sentence.all_claims()]
        contradicted = [check for c, v in verdicts if v is Verdict.CONTRADICTED for check in _edits_of(by_claim[c.id])]
        corrected = correction(sentence, contradicted, claims) if contradicted else ""
        seen = [x for c, _ in verdicts for x in by_claim.get(c.id, [])]
        advice, by = _advice(sentence, seen, guide)
        worst = min((v for _, v in verdicts), key=order.index, default=Verdict.NOT_COVERED)
        audit.sentences[sentence.id] = SentenceAudit(sentence, worst, corrected, advice)
        if by:
            audit.sentences[by].replaces.append(sentence.id)
        for claim, verdict in verdicts:
            seen_claim = by_claim.get(claim.id, [])
            audit.claims.append(
                ClaimVerdict(claim, sentence, verdict, seen_claim, suggestion(claim, verdict, seen_claim, corrected))
            )
    return audit
