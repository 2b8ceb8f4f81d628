"""One evidence format for journeys and the audit: the claim check, its verdict, how it travels in Allure results."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields
from enum import StrEnum
from pathlib import Path
from typing import Any

from guidebook.model import Guide


class Verdict(StrEnum):
    """What one check, or the audit, says of a claim; worst first (a sentence takes its worst claim's)."""

    CONTRADICTED = "contradicted"
    NOT_REACHED = "not reached"
    NOT_COVERED = "not covered"
    UNVERIFIABLE = "unverifiable"
    UNCLEAR = "unclear"
    CONFIRMED = "confirmed"

    @property
    def zh(self) -> str:
        """The verdict as the audit and the report show it."""
        return VERDICT_ZH[self]


VERDICT_ZH = {
    Verdict.CONTRADICTED: "与站点不符",
    Verdict.NOT_REACHED: "未能到达",
    Verdict.NOT_COVERED: "未覆盖",
    Verdict.UNVERIFIABLE: "无从核对",
    Verdict.UNCLEAR: "指南本身不清楚",
    Verdict.CONFIRMED: "仍然正确",
}

# Names of what a journey attaches to its Allure result; the audit, handouts and report read them back.
CLAIMS_ATTACHMENT = "指南说法核查记录"
# A failed result's command that runs it again, and its Playwright trace (each name begins so).
REPRODUCE_ATTACHMENT = "重现命令"
TRACE_ATTACHMENT = "Playwright 追踪"
CLICK_PREFIX = "点击："
# Each kind of action's picture, named by what the student does.
ACTION_PREFIX = {"click": CLICK_PREFIX, "fill": "输入：", "choose": "选择：", "upload": "上传："}
LABEL_WALKTHROUGH = "walkthrough"
LABEL_CLAIM = "claim"
LABEL_VARIANT = "site_variant"
LABEL_VERDICT = "guide_verdict"
# A journey pinned to another era of the site (the site_profile marker): its checks are not this run's audit.
LABEL_PROFILE = "site_profile"
# How a test that tried to reach the network fails; the report's category for the guard matches these words.
LEFT_THE_MACHINE = "有请求试图离开本机，已被拦截"
# Which school's guide a result audits (chsi-e2e audit runs several in one session and files each result by it).
LABEL_GUIDE = "audited_guide"
# The line of a run's environment.properties that names the site profile it ran against.
PROFILE_KEY = "站点版本(--site-profile)"
# Why a test failed when the guide is not to blame: the report files each kind under its own category.
LABEL_FAILURE = "failure_kind"


class Failure(StrEnum):
    """What made a test fail, when it was not (only) the guide."""

    SITE = "site"  # a check outside the guide's claims: the site behaves otherwise than the journey expects
    MOCK = "mock"  # the mock crashed (a 500 from a handler's exception)
    TOOL = "tool"  # the harness itself raised

    @property
    def zh(self) -> str:
        """The category's name in the report."""
        return FAILURE_ZH[self]


FAILURE_ZH = {
    Failure.SITE: "站点行为与旅程预期不符（不涉及指南的说法）",
    Failure.MOCK: "模拟站点出错（不涉及指南）",
    Failure.TOOL: "工具出错（需要修复测试工具本身）",
}


def step_shot(place: str) -> str:
    """The name of a step's closing screenshot, by the step's place in the guide (Guide.place: 一、第九步)."""
    return f"{place}：完成后的页面"


def claim_shot(guide: Guide, claim_id: str) -> str:
    """The name of a claim's own evidence image, when no click captured it first: the claim in the guide's words
    (for a step's implicit claim, that the step can be done)."""
    if claim_id.endswith(".possible"):
        return f"证据：{guide.place(claim_id.removesuffix('.possible'))}能够完成"
    return f"证据：{guide.claims()[claim_id].text}"


@dataclass
class ClaimCheck:
    """One check of one claim: its verdict, what the site showed, why it was not reached, and its evidence image."""

    claim: str
    step: str
    verdict: Verdict
    observed: str = ""  # what the site shows: the name the guide lost, or what it shows instead of the claim
    message: str = ""  # a contradiction, quoting the guide and the site
    site: str = ""  # a contradiction's other side alone: what the site showed instead
    reason: str = ""  # why a check was not reached
    evidence: str = ""  # the attachment holding this check's picture
    # The guide's word this check is about, and how a correction uses what the site showed instead:
    # "replace" the word in the sentence, "insert" an implied word, "remove" the claim's clause, "rewrite" the step.
    term: str = ""
    correction: str = ""
    # One case of the claim's edge table: its name, what was tried, what the rule says, what the site did.
    case: dict[str, str] = field(default_factory=dict)
    # Filled in when read back from results: the test and the evidence image's file.
    test: str = ""
    screenshot: str = ""

    def to_json(self) -> dict[str, Any]:
        """The check as the journey writes it (no test or file yet)."""
        data = asdict(self)
        del data["test"], data["screenshot"]
        return data


_NAMES = {f.name for f in fields(ClaimCheck)}


@dataclass(frozen=True)
class Action:
    """One thing the student did in a step: what, on which element, with what value, and its outlined picture."""

    kind: str  # click, fill, choose or upload (ACTION_PREFIX's keys)
    label: str  # the element as the student reads it: a button's text, a field's label
    value: str  # what was typed, chosen or uploaded; "" for a click
    picture: str  # the attachment holding the page with the element outlined
    box: dict[str, int]  # the element's place in that picture: x, y, width, height


@dataclass(frozen=True)
class TermUse:
    """What a step did with one term of its sentence: acted on it, checked it, or found the site says otherwise."""

    step: str
    term: str  # the term as the guide writes it
    held: bool  # False: the site shows something else (`observed`)
    observed: str = ""
    why: str = ""  # for a term no step can check: why (a school office, a paper form)


@dataclass
class JourneyRecord:
    """Everything a journey found, as its recorders keep it: steps, claim checks, terms, outcomes and actions."""

    steps: list[str] = field(default_factory=list)
    checks: list[ClaimCheck] = field(default_factory=list)
    terms: list[TermUse] = field(default_factory=list)
    outcomes: dict[str, str] = field(default_factory=dict)
    # Each step's closing picture: the attachment's name, by sentence id (a claim without its own picture shows it).
    shots: dict[str, str] = field(default_factory=dict)
    actions: dict[str, list[Action]] = field(default_factory=dict)
    # Why the journey stopped before its end, if it did, and what kind of failure that was.
    stopped: str = ""
    failure: Failure | None = None

    def dump(self) -> str:
        """The claims record a journey attaches to its result."""
        record = {
            "steps": self.steps, "checks": [c.to_json() for c in self.checks],
            "terms": [asdict(t) for t in self.terms], "outcomes": self.outcomes, "shots": self.shots,
            "actions": {step: [asdict(a) for a in done] for step, done in self.actions.items()},
            "stopped": self.stopped, "failure": str(self.failure or ""),
        }  # fmt: skip
        return json.dumps(record, ensure_ascii=False, indent=1)


def _attachments(node: dict[str, Any]) -> list[dict[str, Any]]:
    """Every attachment of a result or step, its sub-steps' included."""
    found = list(node.get("attachments", []))
    for step in node.get("steps", []):
        found += _attachments(step)
    return found


def read_results(results: Path) -> list[dict[str, Any]]:
    """Every Allure result of a folder, parsed."""
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(results.glob("*-result.json"))]


def label(result: dict[str, Any], name: str) -> str:
    """A result's label value, '' when it has none."""
    return next((lb["value"] for lb in result.get("labels", []) if lb["name"] == name), "")


def read_record(results: Path, result: dict[str, Any]) -> dict[str, Any]:
    """The claims record one result carries ({} when the test walked no guide step)."""
    source = {a["name"]: a["source"] for a in _attachments(result)}.get(CLAIMS_ATTACHMENT)
    return json.loads((results / source).read_text(encoding="utf-8")) if source else {}


def read_terms(results: Path, profile: str) -> list[TermUse]:
    """Every term use recorded in a results folder against the site profile `profile`."""
    ours = [r for r in read_results(results) if label(r, LABEL_PROFILE) in ("", profile)]
    return [TermUse(**t) for result in ours for t in read_record(results, result).get("terms", [])]


def read_checks(results: Path, result: dict[str, Any]) -> list[ClaimCheck]:
    """The claim checks one result recorded, each with its test and evidence image file."""
    attachments = {a["name"]: a["source"] for a in _attachments(result)}
    record = read_record(results, result)
    if not record:
        return []
    test = result["name"]  # the Chinese title; the Python id is in fullName
    shots = record.get("shots", {})
    checks = []
    for raw in record["checks"]:
        check = ClaimCheck(**{k: v for k, v in raw.items() if k in _NAMES})
        check.verdict = Verdict(check.verdict)
        check.test = test
        check.screenshot = attachments.get(check.evidence) or attachments.get(shots.get(check.step, ""), "")
        checks.append(check)
    return checks


def read_all(results: Path, profile: str) -> list[ClaimCheck]:
    """Every claim check recorded in an Allure results folder against the site profile `profile`."""
    ours = [r for r in read_results(results) if label(r, LABEL_PROFILE) in ("", profile)]
    return [check for result in ours for check in read_checks(results, result)]
