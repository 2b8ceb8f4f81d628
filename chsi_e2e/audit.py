"""The guide's audit, computed from a run's Allure results: a verdict per claim, with its evidence."""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from pathlib import Path

from fixtures.guide import Claim, Guide, Sentence

# Verdicts, worst first: a sentence takes the worst verdict of its claims.
VERDICTS = {
    "contradicted": "与站点不符",
    "not covered": "未覆盖",
    "unclear": "指南本身不清楚",
    "confirmed": "仍然正确",
}


@dataclass(frozen=True)
class Evidence:
    """One check of one claim in one test, and where to see it."""

    claim: str
    step: str
    verdict: str
    test: str
    observed: str = ""
    message: str = ""
    screenshot: str = ""


@dataclass
class ClaimVerdict:
    """A claim's verdict from every check of it."""

    claim: Claim
    sentence: Sentence
    verdict: str
    evidence: list[Evidence] = field(default_factory=list)
    suggestion: str = ""


@dataclass
class Audit:
    """The whole guide, judged against one run."""

    profile: str
    claims: list[ClaimVerdict]

    @property
    def coverage(self) -> float:
        """Claims with a verdict, over all claims."""
        return sum(c.verdict != "not covered" for c in self.claims) / len(self.claims)

    def counts(self) -> dict[str, int]:
        """How many claims have each verdict."""
        return {v: sum(c.verdict == v for c in self.claims) for v in VERDICTS}

    def sentence_verdicts(self) -> dict[str, str]:
        """Each sentence's verdict: the worst of its claims'."""
        worst: dict[str, str] = {}
        order = list(VERDICTS)
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
            "counts": self.counts(),
            "sentences": self.sentence_verdicts(),
            "claims": [
                {"id": c.claim.id, "sentence": c.sentence.id, "text": c.claim.text, "verdict": c.verdict,
                 "verdict_zh": VERDICTS[c.verdict], "suggestion": c.suggestion,
                 "evidence": [asdict(e) for e in c.evidence]}
                for c in self.claims
            ],
        }  # fmt: skip


def read_evidence(results: Path) -> list[Evidence]:
    """Every claim check recorded in an Allure results folder, with its step's screenshot."""
    found = []
    for result_file in sorted(results.glob("*-result.json")):
        result = json.loads(result_file.read_text(encoding="utf-8"))
        record = next((a for a in result.get("attachments", []) if a["name"] == "guide-claims"), None)
        if record is None:
            continue
        checks = json.loads((results / record["source"]).read_text(encoding="utf-8"))["checks"]
        shots = {
            a["name"].removesuffix(" 截图"): a["source"]
            for step in result.get("steps", [])
            for a in step.get("attachments", [])
            if a["name"].endswith(" 截图")
        }
        for check in checks:
            found.append(Evidence(
                check["claim"], check["step"], check["verdict"], result.get("fullName", result["name"]),
                check.get("observed", ""), check.get("message", ""), shots.get(check["step"], ""),
            ))  # fmt: skip
    return found


def _suggestion(claim: Claim, verdict: str, evidence: list[Evidence]) -> str:
    """A correction drawn from what the site showed."""
    observed = next((e.observed for e in evidence if e.observed), "")
    if verdict == "contradicted":
        if claim.suggest and observed:
            return claim.suggest.format(observed=observed)
        shown = next(e.message for e in evidence if e.verdict == "contradicted")
        page = shown.split("页面内容：", 1)[-1] if "页面内容：" in shown else "（见截图）"
        return f"按站点现状改写此句。站点此处的页面内容为：{page}"
    if verdict == "unclear":
        return claim.suggest.format(observed=observed or "见截图") if claim.suggest else claim.unclear
    return ""


def judge(guide: Guide, evidence: list[Evidence], profile: str) -> Audit:
    """Each claim's verdict: contradicted if any check failed; unclear if its wording is defective; else
    confirmed; not covered when nothing checked it."""
    by_claim: dict[str, list[Evidence]] = defaultdict(list)
    for item in evidence:
        by_claim[item.claim].append(item)
    verdicts = []
    for section in guide.sections:
        for sentence in section.sentences:
            for claim in sentence.all_claims():
                seen = by_claim.get(claim.id, [])
                if not seen:
                    verdict = "not covered"
                elif any(e.verdict == "contradicted" for e in seen):
                    verdict = "contradicted"
                else:
                    verdict = "unclear" if claim.unclear else "confirmed"
                verdicts.append(ClaimVerdict(claim, sentence, verdict, seen, _suggestion(claim, verdict, seen)))
    return Audit(profile, verdicts)
