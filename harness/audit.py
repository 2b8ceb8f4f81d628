"""The guide's audit, computed from a run's Allure results: a verdict per claim, with its evidence."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass, field

from fixtures.guide import Claim, Guide, Sentence
from harness.evidence import ClaimCheck, Verdict

# Said of a claim the profile models without a public source (chsi-facts.md: "Not found").
NO_SOURCE = "没有公开资料说明今天的站点在这一点上怎样做：模拟站点只能沿用指南的说法，无从核对。"
# Said when the harness cannot tell what the site shows instead.
CANNOT_SAY = "本工具无法判断站点此处改成了什么（{what}）：请对照证据截图改写此句。"


@dataclass
class ClaimVerdict:
    """A claim's verdict from every check of it."""

    claim: Claim
    sentence: Sentence
    verdict: Verdict
    evidence: list[ClaimCheck] = field(default_factory=list)
    suggestion: str = ""


@dataclass
class Audit:
    """The whole guide, judged against one run."""

    profile: str
    claims: list[ClaimVerdict]

    @property
    def coverage(self) -> float:
        """Claims the run checked to a verdict (not merely failed to reach), over all claims."""
        reached = sum(c.verdict not in (Verdict.NOT_COVERED, Verdict.NOT_REACHED) for c in self.claims)
        return reached / len(self.claims)

    def counts(self) -> dict[Verdict, int]:
        """How many claims have each verdict."""
        return {v: sum(c.verdict is v for c in self.claims) for v in Verdict}

    def summary(self) -> str:
        """One line: coverage and the count of each verdict that occurs."""
        counts = "，".join(f"{v.zh} {n}" for v, n in self.counts().items() if n)
        return f"覆盖率 {self.coverage:.0%}（{counts}）"

    def sentence_verdicts(self) -> dict[str, Verdict]:
        """Each sentence's verdict: the worst of its claims'."""
        order = list(Verdict)
        worst: dict[str, Verdict] = {}
        for c in self.claims:
            now = worst.get(c.sentence.id)
            if now is None or order.index(c.verdict) < order.index(now):
                worst[c.sentence.id] = c.verdict
        return worst

    def to_json(self) -> dict[str, object]:
        """The machine-readable audit."""
        return {
            "profile": self.profile,
            "coverage": round(self.coverage, 4),
            "counts": {str(v): n for v, n in self.counts().items()},
            "sentences": {s: str(v) for s, v in self.sentence_verdicts().items()},
            "claims": [
                {"id": c.claim.id, "sentence": c.sentence.id, "text": c.claim.text, "verdict": str(c.verdict),
                 "verdict_zh": c.verdict.zh, "suggestion": c.suggestion,
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


def suggestion(claim: Claim, verdict: Verdict, seen: list[ClaimCheck]) -> str:
    """What an editor can do with the sentence: a correction quoting what the site showed, or why there is none."""
    observed = next((c.observed for c in seen if c.verdict is verdict and c.observed), "")
    observed = observed or next((c.observed for c in seen if c.observed), "")
    if verdict is Verdict.CONTRADICTED:
        template = claim.fix or claim.suggest
        if template and observed:
            return template.format(observed=observed)
        if observed:
            return f"站点此处显示“{observed}”：请按站点改写“{claim.text}”。"
        failed = next(c for c in seen if c.verdict is Verdict.CONTRADICTED)
        return CANNOT_SAY.format(what=failed.site)
    if verdict is Verdict.UNCLEAR:
        return claim.suggest.format(observed=observed or "见证据截图") if claim.suggest else claim.unclear
    if verdict is Verdict.NOT_REACHED:
        return next(c.reason for c in seen if c.reason)
    if verdict is Verdict.UNVERIFIABLE:
        return NO_SOURCE
    return ""


def judge(guide: Guide, checks: list[ClaimCheck], profile: str, unsourced: frozenset[str] = frozenset()) -> Audit:
    """Every claim of the guide with its verdict, evidence and suggestion."""
    by_claim: dict[str, list[ClaimCheck]] = defaultdict(list)
    for check in checks:
        by_claim[check.claim].append(check)
    verdicts = []
    for section in guide.sections:
        for sentence in section.sentences:
            for claim in sentence.all_claims():
                seen = by_claim.get(claim.id, [])
                verdict = verdict_of(claim, seen, unsourced)
                verdicts.append(ClaimVerdict(claim, sentence, verdict, seen, suggestion(claim, verdict, seen)))
    return Audit(profile, verdicts)
