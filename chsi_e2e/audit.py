"""chsi-e2e audit FILE: any school's guide, read from its text, played against the site, judged sentence by sentence.

Everything it writes goes under reports/audits/<the file's name>/<site profile>/, never over the seed guide's reports.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from chsi_e2e.keys import Key, Score, found_in, score, score_seed
from chsi_e2e.walkthrough import build
from fixtures.guide import load_guide
from guidebook.any_guide import read_guide
from guidebook.model import Guide
from guidebook.text import GuideFileError
from harness.audit import Audit
from harness.audit_report import judge_run
from harness.evidence import LABEL_GUIDE, Verdict, label


@dataclass(frozen=True)
class Fit:
    """How well a guide fits one era of the site: its bound sentences that still hold, and those that do not."""

    profile: str
    audit: Audit
    page: Path
    handouts: list[Path] = field(default_factory=list)  # the PDFs of its handouts, headings corrected by the audit

    @property
    def bound(self) -> list[str]:
        """The sentences the catalogue could bind."""
        return [s for s, v in self.audit.sentence_verdicts().items() if v is not Verdict.NOT_COVERED]

    @property
    def holding(self) -> list[str]:
        """The bound sentences the site still agrees with."""
        good = (Verdict.CONFIRMED, Verdict.UNCLEAR, Verdict.UNVERIFIABLE)
        return [s for s in self.bound if self.audit.sentence_verdicts()[s] in good]

    @property
    def share(self) -> float:
        """The share of bound sentences that still hold."""
        return len(self.holding) / len(self.bound) if self.bound else 0.0


# The pytest output of an audit, kept beside it.
RUN_LOG = "运行记录.txt"


class AuditRunError(RuntimeError):
    """The browser run behind an audit broke (not a finding about the guide): said in Chinese, with its log."""


def folder_name(path: Path) -> str:
    """A folder name for the guide's reports: its file name without what a folder cannot hold."""
    return re.sub(r"[^\w\u4e00-\u9fff.-]+", "_", path.stem).strip("._") or "guide"


def _play(root: Path, files: list[Path], profile: str, out: Path, extra: list[str], *, title: str = "",
          workers: int = 0) -> Path:  # fmt: skip
    """Run e2e/test_any_guide.py on `files` against one era of the site; its results go to `out`/allure-results
    (returned) and pytest's output to `out`/运行记录.txt. A run that broke (not one that found stale sentences) raises
    AuditRunError with the end of that log."""
    results = out / "allure-results"
    command = [
        sys.executable, "-m", "pytest", "e2e/test_any_guide.py", *(a for f in files for a in ("--audit-guide", str(f))),
        "--site-profile", profile, "-n", str(workers), "-q", "-p", "no:randomly", "--no-audit", "-o", "addopts=",
        f"--alluredir={results}", "--clean-alluredir", "--output", str(out / "test-results"),
        *(["--audit-title", title] if title else []),
        # A stale sentence is the audit's news, told in Chinese there: the log keeps one line per failure, not a
        # traceback in pytest's English (a run that broke still shows where, and `-- --tb=long` brings it all back).
        "--tb=line",
        # A batch keeps its evidence in each audit: a trace of every guide would double the time.
        *(["--dist", "load", "--no-trace"] if workers else []), *extra,
    ]  # fmt: skip
    # A clerk reads the audit, not pytest: its output goes to a log beside the audit, shown only if the run broke.
    run = subprocess.run(command, cwd=root, check=False, capture_output=True, text=True)
    out.mkdir(parents=True, exist_ok=True)
    (out / RUN_LOG).write_text(run.stdout + run.stderr, encoding="utf-8")
    if run.returncode not in (0, 1):  # 1: the guide disagrees with the site somewhere, which the audit says
        tail = "\n".join((run.stdout + run.stderr).strip().splitlines()[-15:])
        raise AuditRunError(f"核对没有运行完（pytest 退出码 {run.returncode}），完整记录在 {out / RUN_LOG}：\n{tail}")
    return results


def audit_guide(root: Path, file: Path, profile: str, title: str, folder: Path, extra: list[str]) -> Fit:
    """Play the guide against one era of the site; write its audit and handouts under `folder`/<profile>/."""
    out = folder / profile
    results = _play(root, [file.resolve()], profile, out, extra, title=title)
    guide = read(file, title)
    audit, page = judge_run(results, profile, guide, out)
    handouts = build(guide, results, out / "walkthroughs", profile=profile, audit=audit.to_json())
    return Fit(profile, audit, page, [p for p in handouts if p.suffix == ".pdf"])


def audit_guides(root: Path, files: list[Path], profile: str, work: Path, extra: list[str], workers: int) -> dict[
    Path, Fit
]:  # fmt: skip
    """Play several guides against one era of the site in one pytest session (`workers` in parallel); each guide's
    results and audit are filed under reports/audits/<its name>/<profile>/, as a single audit files them."""
    shared = _play(root, files, profile, work / profile, extra, workers=workers)
    folders = {str(f): root / "reports" / "audits" / folder_name(f) / profile for f in files}
    split_results(shared, {f: folder / "allure-results" for f, folder in folders.items()})
    fits = {}
    for file in files:
        results = folders[str(file)] / "allure-results"
        audit, page = judge_run(results, profile, read(file, ""), folders[str(file)])
        fits[file] = Fit(profile, audit, page)
    return fits


def keyed_scores(root: Path, keys: list[Key], seed: Path, profile: str, work: Path, extra: list[str]) -> list[Score]:
    """Every keyed guide and the seed's own text audited on one era of the site in one session (two workers), each
    scored against its key (the seed against its curated audit)."""
    fits = audit_guides(root, [key.file for key in keys] + [seed], profile, work, extra, workers=2)
    scores = [
        score(key, found_in(read(key.file, ""), fits[key.file].audit.sentence_verdicts()), profile) for key in keys
    ]
    seed_found = found_in(read(seed, ""), fits[seed].audit.sentence_verdicts())
    return [*scores, score_seed(load_guide(), seed_found, profile)]


def unread(file: Path) -> bool:
    """True when the file is no guide and reading it says why in Chinese (GuideFileError), as an empty file must."""
    try:
        read(file, "")
    except GuideFileError:
        return True
    return False


def split_results(shared: Path, targets: dict[str, Path]) -> None:
    """File each result of a session that audited several guides (and the pictures it refers to) under its guide's
    own folder, emptied first; a result of no named guide stays where it is."""
    for target in targets.values():
        shutil.rmtree(target, ignore_errors=True)
        target.mkdir(parents=True)
    for file in sorted(shared.glob("*-result.json")):
        result = json.loads(file.read_text(encoding="utf-8"))
        home = targets.get(label(result, LABEL_GUIDE))
        if home is None:
            continue
        for source in _sources(result):
            if (shared / source).is_file():
                shutil.move(shared / source, home / source)
        shutil.move(file, home / file.name)


def _sources(node: dict[str, Any]) -> list[str]:
    """The files of every attachment of a result or step, its sub-steps' included."""
    return [a["source"] for a in node.get("attachments", [])] + [s for step in node.get("steps", []) for s in
                                                                 _sources(step)]  # fmt: skip


def read(file: Path, title: str) -> Guide:
    """The guide in `file`, with the seed's curated errata where its sentences are the seed's."""
    return read_guide(file, title, curated=load_guide())


# Fewer checkable sentences than this tell too little to name the era a guide was written for.
FEW_SENTENCES = 3


def fit_summary(fits: list[Fit]) -> tuple[str, list[str], str]:
    """The era the guide fits best ("" when eras tie), the eras it fits exactly, and the summary a reader sees."""
    best = max(fits, key=lambda fit: fit.share)
    exact = [fit.profile for fit in fits if fit.bound and fit.share == 1.0]
    tied = [fit.profile for fit in fits if fit.share == best.share]
    counted = f"{len(best.holding)}/{len(best.bound)} 句仍然成立"
    if not best.bound:
        return "", [], "这份指南没有能在学信网上核对的句子，无法判断它对应哪个时期的站点"
    if len(tied) > 1:
        summary = f"站点版本 {'、'.join(tied)} 同样接近（各 {counted}），分不出指南写于哪个时期，差别见逐句对照"
        return "", exact, summary
    summary = f"最接近站点版本 {best.profile}（{counted}）" + (
        "" if exact else "；没有哪个版本与这份指南完全一致，差别见逐句对照"
    )
    if len(best.bound) < FEW_SENTENCES:
        summary += f"；能核对的只有 {len(best.bound)} 句，这个判断仅供参考"
    return best.profile, exact, summary


def which_site(fits: list[Fit], guide: Guide, target: Path) -> str:
    """Which era the guide fits best, sentence by sentence; written to `target` (JSON) and returned as a summary."""
    best, exact, summary = fit_summary(fits)
    rows = []
    for sentence in guide.sentences():
        verdicts = {fit.profile: fit.audit.sentence_verdicts()[sentence.id] for fit in fits}
        if all(v is Verdict.NOT_COVERED for v in verdicts.values()):
            continue
        rows.append({"sentence": sentence.id, "text": sentence.text, **{p: v.zh for p, v in verdicts.items()}})
    target.write_text(
        json.dumps({"best": best, "exact": exact, "summary": summary, "sentences": rows}, ensure_ascii=False,
                   indent=1),
        encoding="utf-8",
    )  # fmt: skip
    return summary
