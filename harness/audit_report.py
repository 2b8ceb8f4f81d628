"""Writes the audit: the guide as one self-contained HTML page coloured by verdict (evidence embedded), and its JSON."""

from __future__ import annotations

import base64
import json
from datetime import datetime
from pathlib import Path

from jinja2 import Environment, PackageLoader

from fixtures.guide import load_guide
from guidebook.catalogue import CATALOGUE
from guidebook.model import Guide
from harness.audit import Audit, ClaimVerdict, judge
from harness.evidence import Verdict, read_all, read_terms
from mock_server.profile import PROFILES

_env = Environment(loader=PackageLoader("harness", "templates"), autoescape=True)
PROOF_FILE = "audit-proof.json"


def _embedded(results: Path, audit: Audit) -> dict[str, str]:
    """Each evidence image once, as a data: URL, so the page can be mailed alone."""
    images = {}
    for verdict in audit.claims:
        for check in verdict.evidence:
            file = results / check.screenshot
            if check.screenshot and check.screenshot not in images and file.is_file():
                images[check.screenshot] = "data:image/png;base64," + base64.b64encode(file.read_bytes()).decode()
    return images


def write_audit(audit: Audit, guide: Guide, results: Path, out: Path, *, provable: bool) -> Path:
    """guide-audit.html and .json under `out`, with the proof if `chsi-e2e prove` left one (or, for the guide it can
    prove, how to make one: another school's guide has no site variants to prove against); returns the HTML."""
    out.mkdir(parents=True, exist_ok=True)
    (out / "guide-audit.json").write_text(json.dumps(audit.to_json(), ensure_ascii=False, indent=1), encoding="utf-8")
    by_sentence: dict[str, list[ClaimVerdict]] = {}
    for verdict in audit.claims:
        by_sentence.setdefault(verdict.sentence.id, []).append(verdict)
    proof_file = out / PROOF_FILE
    proof = json.loads(proof_file.read_text(encoding="utf-8")) if proof_file.is_file() else None
    html = _env.get_template("audit.html").render(
        guide=guide, audit=audit, verdicts=list(Verdict), by_sentence=by_sentence, proof=proof, provable=provable,
        sentence_verdicts=audit.sentence_verdicts(), images=_embedded(results, audit),
        claims=guide.claims(), generated=datetime.now().strftime("%Y-%m-%d %H:%M"),
    )  # fmt: skip
    page = out / "guide-audit.html"
    page.write_text(html, encoding="utf-8")
    return page


def judge_run(results: Path, profile: str, guide: Guide | None = None, out: Path | None = None) -> tuple[Audit, Path]:
    """The guide audit (HTML and JSON beside `results`, or in `out`) for one whole run: of the seed guide, or of
    another guide whose claims are bound to the site's catalogue."""
    provable, guide = guide is None, guide or load_guide()
    known = PROFILES.get(profile)
    unsourced = unsourced_claims(guide, known.unsourced if known else frozenset())
    audit = judge(guide, read_all(results, profile), profile, unsourced, read_terms(results, profile))
    return audit, write_audit(audit, guide, results, out or results.parent, provable=provable)


def unsourced_claims(guide: Guide, seed_claims: frozenset[str]) -> frozenset[str]:
    """The claims of `guide` no public source speaks of on this site: the seed's own, or any bound to an entry that
    stands for one of them."""
    return frozenset(
        claim.id
        for claim in guide.claims().values()
        if claim.id in seed_claims or (claim.entry and set(CATALOGUE[claim.entry].seed) & seed_claims)
    )
