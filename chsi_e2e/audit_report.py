"""Writes the audit: the guide as one HTML page coloured by verdict, its JSON, and the evidence."""

from __future__ import annotations

import json
import shutil
from datetime import datetime
from pathlib import Path

from jinja2 import Environment, PackageLoader

from chsi_e2e.audit import VERDICTS, Audit
from fixtures.guide import Guide

_env = Environment(loader=PackageLoader("chsi_e2e", "templates"), autoescape=True)


def write_audit(audit: Audit, guide: Guide, results: Path, out: Path) -> Path:
    """guide-audit.html, guide-audit.json and evidence/ under `out`; returns the HTML's path."""
    evidence_dir = out / "evidence"
    shutil.rmtree(evidence_dir, ignore_errors=True)
    evidence_dir.mkdir(parents=True)
    for verdict in audit.claims:
        for item in verdict.evidence:
            if item.screenshot and (results / item.screenshot).is_file():
                shutil.copy2(results / item.screenshot, evidence_dir / item.screenshot)
    (out / "guide-audit.json").write_text(json.dumps(audit.to_json(), ensure_ascii=False, indent=1), encoding="utf-8")
    by_sentence: dict[str, list[object]] = {}
    for verdict in audit.claims:
        by_sentence.setdefault(verdict.sentence.id, []).append(verdict)
    html = _env.get_template("audit.html").render(
        guide=guide, audit=audit, verdicts=VERDICTS, by_sentence=by_sentence,
        sentence_verdicts=audit.sentence_verdicts(), generated=datetime.now().strftime("%Y-%m-%d %H:%M"),
    )  # fmt: skip
    page = out / "guide-audit.html"
    page.write_text(html, encoding="utf-8")
    return page
