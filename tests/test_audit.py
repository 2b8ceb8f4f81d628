"""The audit's verdicts, computed from recorded checks, and which recorded checks count for which site."""

from __future__ import annotations

import json
from pathlib import Path

from chsi_e2e.proof import evaluate
from fixtures.guide import load_guide
from harness.audit import NO_SOURCE, judge, verdict_of
from harness.evidence import CLAIMS_ATTACHMENT, LABEL_PROFILE, ClaimCheck, Verdict, dump, read_all

ROOT = Path(__file__).parents[1]
GUIDE = load_guide()


def _check(claim: str, verdict: Verdict, **details: str) -> ClaimCheck:
    return ClaimCheck(claim, claim.rsplit(".", 1)[0] if claim.count(".") > 1 else claim, verdict, **details)


def _verdict(claim: str, *checks: ClaimCheck, unsourced: frozenset[str] = frozenset()) -> tuple[Verdict, str]:
    found = next(c for c in judge(GUIDE, list(checks), "2012", unsourced).claims if c.claim.id == claim)
    return found.verdict, found.suggestion


def test_claims_without_checks_are_not_covered() -> None:
    audit = judge(GUIDE, [], "2012")
    assert audit.coverage == 0 and {c.verdict for c in audit.claims} == {Verdict.NOT_COVERED}


def test_one_failed_check_contradicts_a_claim_and_the_correction_quotes_the_site() -> None:
    """Example: the site now asks for 8 characters; the fix is the guide's sentence with the site's rule."""
    verdict = _verdict(
        "reg.3.password",
        _check("reg.3.password", Verdict.CONFIRMED),
        _check("reg.3.password", Verdict.CONTRADICTED, observed="密码由8位以上的数字或字母组成"),
    )
    assert verdict == (
        Verdict.CONTRADICTED,
        "注意:用户名必须是一个真实的邮箱;密码由8位以上的数字或字母组成。每个邮箱只能注册一次!",
    )


def test_a_check_not_reached_is_not_a_contradiction() -> None:
    """Example: 第五步 failed, so 第六步 was never performed: 未能到达, with the reason, not red."""
    reason = "因第五步与站点不符而未能执行"
    assert _verdict("reg.6.click", _check("reg.6.click", Verdict.NOT_REACHED, reason=reason)) == (
        Verdict.NOT_REACHED, reason,
    )  # fmt: skip


def test_one_real_check_outweighs_checks_not_reached() -> None:
    """Example: one journey could not reach 第六步, another did and it held: 仍然正确."""
    checks = [_check("reg.6.click", Verdict.NOT_REACHED, reason="x"), _check("reg.6.click", Verdict.CONFIRMED)]
    assert _verdict("reg.6.click", *checks)[0] is Verdict.CONFIRMED


def test_defective_wording_is_unclear_with_a_correction_from_the_site() -> None:
    """Example: the guide lost the button's name; the site calls it 正确."""
    assert _verdict("img.note.2.label", _check("img.note.2.label", Verdict.CONFIRMED, observed="正确")) == (
        Verdict.UNCLEAR, "2、图像信息正确，点击页面下方的“正确”按钮，完成校对工作。",
    )  # fmt: skip


def test_a_claim_with_no_source_is_unverifiable() -> None:
    """Example: no public page says how long today's review takes: 无从核对."""
    checks = [_check("login.4.days", Verdict.CONFIRMED)]
    assert _verdict("login.4.days", *checks, unsourced=frozenset({"login.4.days"})) == (Verdict.UNVERIFIABLE, NO_SOURCE)


def test_without_an_observation_the_audit_says_it_cannot_tell() -> None:
    """No page-outline dump: the suggestion says plainly that the harness cannot tell, and what failed."""
    site, message = "页面上找不到文字“激活”", "指南：帐号激活邮件实时发送到邮箱中\n站点：页面上找不到文字“激活”"
    check = _check("reg.4.instant", Verdict.CONTRADICTED, message=message, site=site)
    suggestion = _verdict("reg.4.instant", check)[1]
    assert suggestion == "本工具无法判断站点此处改成了什么（页面上找不到文字“激活”）：请对照证据截图改写此句。"


def test_verdict_rules_in_order() -> None:
    claim = GUIDE.claims()["reg.3.email"]
    assert verdict_of(claim, []) is Verdict.NOT_COVERED
    mixed = [_check(claim.id, v) for v in (Verdict.CONFIRMED, Verdict.NOT_REACHED, Verdict.CONTRADICTED)]
    assert verdict_of(claim, mixed) is Verdict.CONTRADICTED


def test_a_sentence_takes_its_worst_claim() -> None:
    checks = [_check("reg.3.email", Verdict.CONFIRMED), _check("reg.3.once", Verdict.CONTRADICTED),
              _check("reg.4.instant", Verdict.NOT_REACHED, reason="r")]  # fmt: skip
    verdicts = judge(GUIDE, checks, "2012").sentence_verdicts()
    assert (verdicts["reg.3"], verdicts["reg.4"], verdicts["reg.5"]) == (
        Verdict.CONTRADICTED, Verdict.NOT_REACHED, Verdict.NOT_COVERED,
    )  # fmt: skip


def test_a_proof_with_no_results_detects_nothing(tmp_path: Path) -> None:
    proof = evaluate(tmp_path, GUIDE)
    assert proof["recall"] == 0 and len(proof["claims"]) == len(GUIDE.claims())


def _result(folder: Path, name: str, check: ClaimCheck, labels: list[dict[str, str]]) -> None:
    """An Allure result holding one claim check, as a journey leaves it."""
    (folder / f"{name}-claims.json").write_text(dump([check], [check.step], {}, {}), encoding="utf-8")
    result = {
        "name": name,
        "labels": labels,
        "attachments": [{"name": CLAIMS_ATTACHMENT, "source": f"{name}-claims.json"}],
    }
    (folder / f"{name}-result.json").write_text(json.dumps(result, ensure_ascii=False), encoding="utf-8")


def test_checks_of_a_journey_pinned_to_another_site_stay_out_of_this_runs_audit(tmp_path: Path) -> None:
    """A journey under @pytest.mark.site_profile("current") counts for current's audit, not for 2012's."""
    _result(tmp_path, "ordinary", _check("reg.3.email", Verdict.CONFIRMED), [])
    _result(
        tmp_path, "today", _check("reg.3.email", Verdict.CONTRADICTED), [{"name": LABEL_PROFILE, "value": "current"}]
    )
    assert [(c.test, c.verdict) for c in read_all(tmp_path, "2012")] == [("ordinary", Verdict.CONFIRMED)]
    assert {(c.test, c.verdict) for c in read_all(tmp_path, "current")} == {
        ("ordinary", Verdict.CONFIRMED), ("today", Verdict.CONTRADICTED),
    }  # fmt: skip
