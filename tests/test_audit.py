"""The audit's verdicts and corrections, computed from recorded checks, and which recorded checks count for which site."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from chsi_e2e.proof import evaluate
from fixtures.guide import load_guide
from guidebook.any_guide import read_guide
from guidebook.catalogue import WHY_UNBOUND
from guidebook.edits import term_removed
from guidebook.terms import read_terms
from harness.audit import NO_SOURCE, judge, term_coverage, verdict_of
from harness.evidence import CLAIMS_ATTACHMENT, LABEL_PROFILE, ClaimCheck, JourneyRecord, TermUse, Verdict, read_all
from harness.journey import MERGED, REMOVED

GUIDE = load_guide()


def _check(claim: str, verdict: Verdict, **details: str) -> ClaimCheck:
    step = next(s.id for s in GUIDE.sentences() if claim in {c.id for c in s.all_claims()})
    check = ClaimCheck(claim, step, verdict)
    for name, value in details.items():
        setattr(check, name, value)
    return check


def _audit(*checks: ClaimCheck, unsourced: frozenset[str] = frozenset()):  # type: ignore[no-untyped-def]
    return judge(GUIDE, list(checks), "2012", unsourced)


def _verdict(claim: str, *checks: ClaimCheck, unsourced: frozenset[str] = frozenset()) -> tuple[Verdict, str]:
    found = next(c for c in _audit(*checks, unsourced=unsourced).claims if c.claim.id == claim)
    return found.verdict, found.suggestion


def test_claims_without_checks_are_not_covered() -> None:
    audit = judge(GUIDE, [], "2012")
    assert audit.coverage == 0 and {c.verdict for c in audit.claims} == {Verdict.NOT_COVERED}


def test_a_renamed_control_is_replaced_in_the_guides_own_sentence() -> None:
    """The dialog's 是 is now 确定: the correction is the guide's sentence with that one word replaced."""
    check = _check("reg.9.yes", Verdict.CONTRADICTED, term="是", observed="确定", correction="replace")
    assert _audit(check).sentences["reg.9"].correction == (
        "第九步:确认个人信息并单击弹出对话框“确定”按钮,完成学信网帐号注册工作。"
    )


def test_a_measured_quantity_replaces_the_guides_number() -> None:
    """20 seconds measured where the guide says 30秒."""
    check = _check("reg.note.30s", Verdict.CONTRADICTED, term="30秒", observed="20秒", correction="replace")
    assert _audit(check).sentences["reg.note"].correction.startswith("注意:注册完成之后20秒,系统自动转入登录页面。")


def test_a_rule_the_site_does_not_have_is_removed_from_the_sentence() -> None:
    """The site takes any username: the clause goes, the rest of the sentence stays."""
    check = _check("reg.3.email", Verdict.CONTRADICTED, correction="remove")
    assert _audit(check).sentences["reg.3"].correction == (
        "第三步:依次输入用户名、密码。注意:密码由6位以上的数字或字母组成。每个邮箱只能注册一次!"
    )


def test_a_rule_the_site_states_otherwise_takes_the_sites_wording() -> None:
    """Today's password rule, read from the form, replaces the guide's."""
    check = _check("reg.3.password", Verdict.CONTRADICTED, observed="密码由6-30位字母、数字或特殊字符组成",
                   correction="clause")  # fmt: skip
    assert "注意:用户名必须是一个真实的邮箱;密码由6-30位字母、数字或特殊字符组成。" in (
        _audit(check).sentences["reg.3"].correction
    )


def test_a_word_the_guide_left_out_is_written_in_with_the_sites_name() -> None:
    """第八步 says only 手机确认; the dialog's 发送 is now 确定: the step's actions are written out."""
    check = _check("reg.8.possible", Verdict.CONTRADICTED, term="发送", observed="确定", correction="insert")
    assert _audit(check).sentences["reg.8"].correction == (
        "第八步:手机确认（输入手机号码，点击“获取校验码”，点击“确定”，输入校验码）。"
    )


def test_a_form_that_asks_for_more_rewrites_the_list_of_fields() -> None:
    """找回用户名 also wants an image captcha today."""
    check = _check("login.1.lookup", Verdict.CONTRADICTED, observed="身份证号、姓名、图片验证码", correction="rewrite")
    assert "输入自己的身份证号、姓名、图片验证码,必须是准确的姓名。" in _audit(check).sentences["login.1"].correction


def test_a_wider_correction_takes_in_a_narrower_one_of_the_same_words() -> None:
    """The form was rewritten, and its first field also reported renamed: one correction, the wider one."""
    checks = [
        _check("reg.3.possible", Verdict.CONTRADICTED, observed="手机号、校验码、密码", correction="rewrite"),
        _check("reg.3.email", Verdict.CONTRADICTED, term="用户名", observed="手机号", correction="replace"),
    ]
    assert _audit(*checks).sentences["reg.3"].correction.startswith("第三步:依次输入手机号、校验码、密码。注意:")


def test_two_contradictions_of_one_sentence_make_one_correction() -> None:
    checks = [
        _check("reg.3.email", Verdict.CONTRADICTED, correction="remove"),
        _check("reg.3.possible", Verdict.CONTRADICTED, term="立即注册", observed="提交", correction="insert"),
    ]
    corrected = _audit(*checks).sentences["reg.3"].correction
    assert corrected == (
        "第三步:依次输入用户名、密码（输入确认密码，点击“提交”）。注意:密码由6位以上的数字或字母组成。每个邮箱只能注册一次!"
    )
    assert {c.suggestion for c in _audit(*checks).claims if c.verdict is Verdict.CONTRADICTED} == {corrected}


def test_steps_a_new_flow_replaced_carry_advice_and_the_new_step_says_which() -> None:
    checks = [
        _check("reg.4.instant", Verdict.NOT_REACHED, correction=REMOVED, observed="reg.3", reason="r"),
        _check("reg.7.possible", Verdict.NOT_REACHED, correction=MERGED, observed="reg.3", reason="r"),
    ]
    audit = _audit(*checks)
    assert audit.sentences["reg.4"].advice.startswith("删去此步（")
    assert audit.sentences["reg.7"].advice.startswith("合并到第三步（")
    assert audit.sentences["reg.3"].replaces == ["reg.4", "reg.7"]


def test_a_check_not_reached_is_not_a_contradiction() -> None:
    """Example: 第五步 failed, so 第六步 was never performed: 未能到达, with the reason, not red."""
    reason = "因第五步与站点不符而未能执行"
    assert _verdict("reg.6.click", _check("reg.6.click", Verdict.NOT_REACHED, reason=reason)) == (
        Verdict.NOT_REACHED, reason,
    )  # fmt: skip


def test_one_real_check_outweighs_checks_not_reached() -> None:
    checks = [_check("reg.6.click", Verdict.NOT_REACHED, reason="x"), _check("reg.6.click", Verdict.CONFIRMED)]
    assert _verdict("reg.6.click", *checks)[0] is Verdict.CONFIRMED


def test_defective_wording_is_unclear_with_a_correction_from_the_site() -> None:
    """Example: the guide lost the button's name; the site calls it 正确."""
    assert _verdict("img.note.2.label", _check("img.note.2.label", Verdict.CONFIRMED, observed="正确")) == (
        Verdict.UNCLEAR, "2、图像信息正确，点击页面下方的“正确”按钮，完成校对工作。",
    )  # fmt: skip


def test_a_claim_with_no_source_is_unverifiable() -> None:
    checks = [_check("login.4.days", Verdict.CONFIRMED)]
    assert _verdict("login.4.days", *checks, unsourced=frozenset({"login.4.days"})) == (Verdict.UNVERIFIABLE, NO_SOURCE)


def test_verdict_rules_in_order() -> None:
    claim = GUIDE.claims()["reg.3.email"]
    assert verdict_of(claim, []) is Verdict.NOT_COVERED
    mixed = [_check(claim.id, v) for v in (Verdict.CONFIRMED, Verdict.NOT_REACHED, Verdict.CONTRADICTED)]
    assert verdict_of(claim, mixed) is Verdict.CONTRADICTED


def test_a_sentence_takes_its_worst_claim() -> None:
    checks = [_check("reg.3.email", Verdict.CONFIRMED), _check("reg.3.once", Verdict.CONTRADICTED, correction="remove"),
              _check("reg.4.instant", Verdict.NOT_REACHED, reason="r")]  # fmt: skip
    verdicts = _audit(*checks).sentence_verdicts()
    assert (verdicts["reg.3"], verdicts["reg.4"], verdicts["reg.5"]) == (
        Verdict.CONTRADICTED, Verdict.NOT_REACHED, Verdict.NOT_COVERED,
    )  # fmt: skip


def test_term_coverage_counts_the_terms_a_run_met_and_says_why_others_were_not() -> None:
    uses = [TermUse("reg.9", "是", True), TermUse("reg.9", "确认", False, "提交"),
            TermUse("img.note.1", "学院教务处学籍管理部门", True, why="学校的部门")]  # fmt: skip
    coverage = term_coverage(GUIDE, uses)
    assert ("reg.9", "是") in coverage.checked and ("reg.9", "确认") in coverage.checked
    assert ("img.note.1", "学院教务处学籍管理部门", "学校的部门") in coverage.unchecked
    assert not any(sentence.startswith("toc") for sentence, *_ in coverage.unchecked)


def test_the_edge_table_is_kept_with_its_claim() -> None:
    cases = [_check("reg.3.password", Verdict.CONFIRMED, test=f"t{n}") for n in range(2)]
    cases[0].case = {"name": "少一位：5位", "tried": "abc12", "expect": "拒绝", "got": "拒绝"}
    cases[1].case = {"name": "6位字母和数字", "tried": "abc123", "expect": "接受", "got": "接受"}
    claim = next(c for c in _audit(*cases).claims if c.claim.id == "reg.3.password")
    assert [c["name"] for c in claim.cases] == ["少一位：5位", "6位字母和数字"]


def test_a_proof_with_no_results_detects_nothing(tmp_path: Path) -> None:
    proof = evaluate(tmp_path, GUIDE)
    assert proof["recall"] == 0 and proof["claims"]


def _result(folder: Path, name: str, check: ClaimCheck, labels: list[dict[str, str]]) -> None:
    """An Allure result holding one claim check, as a journey leaves it."""
    record = JourneyRecord(steps=[check.step], checks=[check])
    (folder / f"{name}-claims.json").write_text(record.dump(), encoding="utf-8")
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


@pytest.mark.parametrize(
    ("sentence", "corrected"),
    [
        ("6、填写准确的姓名和身份证号，再输入图片验证码，点击“提交”。", "6、填写准确的姓名和身份证号，点击“提交”。"),
        ("依次输入用户名、密码和图片验证码。", "依次输入用户名、密码。"),
        ("输入图片验证码、姓名和身份证号后查询。", "输入姓名和身份证号后查询。"),
    ],
    ids=["the-clause-goes", "last-of-a-list", "first-of-a-list"],
)
def test_a_field_the_site_does_not_ask_for_leaves_a_sentence_that_reads(sentence: str, corrected: str) -> None:
    """Taking out a field takes its joiner, or the whole clause when the field was all it typed."""
    term = next(t for t in read_terms(sentence) if t.text == "图片验证码")
    start, end, replacement = term_removed(sentence, term)
    assert sentence[:start] + replacement + sentence[end:] == corrected


def test_the_words_of_a_sentence_nothing_checks_are_unchecked_for_its_reason(tmp_path: Path) -> None:
    """整句未覆盖的句子，其中的用语说明同一个原因，而不是笼统的“本次运行没有核对”"""
    text = tmp_path / "指南.txt"
    text.write_text("学信网操作说明\n1、通过点击“大学同班同学协助”完成证件重号审核\n", encoding="utf-8")
    guide = read_guide(text)
    (sentence,) = [s for s in guide.sentences() if "同班同学" in s.text]
    unchecked = {term: why for sid, term, why in term_coverage(guide, []).unchecked if sid == sentence.id}
    assert unchecked["大学同班同学协助"] == f"整句未覆盖：{WHY_UNBOUND['unmatched']}"
