"""How the executor for any school's guide judges what its checkpoints saw, without a browser: a name in the site's place
only where one pairing is certain, never a link's address, and an ID number's lengths only against an ID length."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest

from e2e.any_guide import Executor, Visit, _nearest
from guidebook.catalogue import bind
from guidebook.model import Claim, Sentence
from guidebook.terms import Term, normalised, read_terms
from harness.any_guide_words import UNQUOTED_NOT_SHOWN, either_way
from harness.evidence import ClaimCheck, Verdict
from harness.inventory import Found, Inventory, mentions

ACTIVATION = "https://account.chsi.com.cn/account/activate.action?token=Zx8r"


def _visit(*controls: str, clicked: tuple[str, ...] = ()) -> Visit:
    """A checkpoint whose page offered `controls`, where the flow clicked `clicked`."""
    look = Inventory(tuple(Found("link", c) for c in controls), (), (), (), "学信网")
    return Visit(look, "", b"", clicked=list(clicked))


def _terms(sentence: str) -> dict[str, Term]:
    return {t.text: t for t in read_terms(sentence)}


def test_the_one_missing_control_gets_what_the_flow_clicked_in_its_place() -> None:
    """一句话只缺一个按钮名、流程在那里点了一个别的名字：这个名字就是站点上的替代"""
    term = _terms("点击“立即提交”")["立即提交"]
    assert Executor._in_its_place([(term, "")], [_visit(clicked=("立即注册",))], []) == [(term, "立即注册")]


def test_several_missing_controls_get_no_guessed_replacement() -> None:
    """一句话缺几个名字（登录、学籍档案、图像校对）：不把流程最后点的那个当作每个名字的替代"""
    terms = _terms("点击“登录”,点击“开始校对”,再点击“确认提交”")
    missing = [(terms["登录"], ""), (terms["开始校对"], ""), (terms["确认提交"], "")]
    assert Executor._in_its_place(missing, [_visit(clicked=("学籍信息",))], []) == missing


def test_a_clicked_control_the_sentence_names_is_no_replacement() -> None:
    """流程点的按钮正是这句话里已找到的名字：它不是缺的那个名字的替代"""
    terms = _terms("点击“登录”后点击“确认提交”")
    missing = [(terms["确认提交"], "")]
    assert Executor._in_its_place(missing, [_visit(clicked=("登录",))], [terms["登录"]]) == missing


def test_a_links_address_is_never_offered_as_a_name() -> None:
    """激活邮件里的链接文字是一次性地址：不作为“链接地址”的替代写进修改建议"""
    term = _terms("点击链接地址,完成激活")["链接地址"]
    assert _nearest(_visit(ACTIVATION, "帮助"), term) == ""
    assert Executor._in_its_place([(term, "")], [_visit(clicked=(ACTIVATION,))], []) == [(term, "")]


class _Step:
    """What a judged step records: each term, whether it held, and what the site said."""

    def __init__(self) -> None:
        self.held: list[tuple[str, bool, str]] = []

    def holds(self, text: str, held: bool, said: str) -> None:
        self.held.append((text, held, said))


def _measured(sentence: str, **measured: Any) -> list[tuple[str, bool, str]]:
    step, visit = _Step(), _visit()
    visit.measured = measured
    (term,) = read_terms(sentence)
    check = ClaimCheck("s1.register.real_name", "s1", Verdict.CONFIRMED)
    Executor._measure(None, step, check, term, "register.real_name", visit)  # type: ignore[arg-type]
    return step.held


@pytest.mark.parametrize(
    ("sentence", "judged"),
    [
        ("填写15位或18位身份证号", [("15位或18位", True, "15位或18位")]),
        ("一律填写18位身份证号", [("18位", False, "15位或18位")]),
        ("去掉身份证号最后1位校验位", []),
    ],
    ids=["两种长度都写了", "只写18位", "1位校验位不是长度"],
)
def test_id_number_lengths_are_compared_only_with_id_lengths(sentence: str, judged: list[object]) -> None:
    """身份证号位数：写全两种长度成立，只写18位不成立；“最后1位校验位”不是身份证号的长度，不拿来比较"""
    assert _measured(sentence, lengths=(15, 18)) == judged


def test_a_login_sentence_with_an_aside_binds_to_the_login_page() -> None:
    """“输入用户名(即邮箱地址) ,密码”中间夹着说明和空格，仍是登录页面那一步；别的句子不因此绑到登录"""
    assert "login.page" in {e.id for e in bind("输入用户名(即邮箱地址) ,密码,点击“登录”")}
    assert "login.page" not in {e.id for e in bind("输入用户名。注册成功后请牢记")}


def test_a_mail_the_guide_only_describes_is_prose_where_no_checkpoint_shows_it() -> None:
    """“用来接收账户激活邮件”没有引号、这一处也没有邮件：只是叙述，不判与站点不符，列为未核对并说明原因"""
    journey = SimpleNamespace(unchecked=[])
    executor = Executor(None, journey, None, None, None, None, None)  # type: ignore[arg-type]
    sentence = Sentence("s8", "note", "注意:用户名必须填写本人真实的邮箱地址,用来接收账户激活邮件", ())
    missing, _ = executor._missing_names(sentence, [_visit("立即注册")])
    assert missing == [] and [(u.term, u.why) for u in journey.unchecked] == [("账户激活邮件", UNQUOTED_NOT_SHOWN)]


def _executor(visits: dict[str, Visit]) -> Executor:
    """An executor that has walked to `visits`, with a journey that only keeps what is left unchecked."""
    journey = SimpleNamespace(unchecked=[])
    executor = Executor(None, journey, None, None, None, None, None)  # type: ignore[arg-type]
    executor.visits = visits
    return executor


def test_one_of_two_ways_the_site_has_is_the_students_way() -> None:
    """“点击‘学信档案’或‘学历图像校对’”：站点上有“学信档案”，另一种做法不判与站点不符，列为未核对并说明原因"""
    home = _visit("学信档案")
    executor = _executor({"portal.archive_button": home})
    text = "1、点击‘学信档案’或‘学历图像校对’按钮。"
    sentence = Sentence("s9", "note", text, (Claim("s9.a", text, entry="portal.archive_button"),))
    missing, held = executor._missing_names(sentence, [home])
    assert missing == [] and [t.text for t in held] == ["学信档案"]
    assert [(u.term, u.why) for u in executor.journey.unchecked] == [("学历图像校对", either_way("学信档案"))]


def test_a_name_missing_from_both_ways_is_still_missing() -> None:
    """两种做法的名称站点上都没有：两个都判与站点不符"""
    home = _visit("帮助")
    text = "点击“学历档案”或“学历信息”"
    sentence = Sentence("s13", "note", text, (Claim("s13.a", text, entry="archive.records_button"),))
    missing, _ = _executor({"archive.records_button": home})._missing_names(sentence, [home])
    assert [t.text for t, _ in missing] == ["学历档案", "学历信息"]


def test_a_name_the_walk_showed_on_a_page_the_sentence_did_not_bind_is_the_sites() -> None:
    """一长句走过好几页，只绑定到其中一步：站点在别处显示过的名称不判不符；绑定所凭的字句里的名称仍在那一页上找"""
    entry_page, archive = _visit("注册学信网帐号"), _visit("学籍信息", "图像校对")
    executor = _executor({"register.entry": entry_page, "archive.records_button": archive})
    text = "点击“注册学信网帐号”，登录后进入“图像校对”"
    sentence = Sentence("s10", "note", text, (Claim("s10.a", text, entry="register.entry"),))
    missing, held = executor._missing_names(sentence, [entry_page])
    assert missing == [] and [t.text for t in held] == ["注册学信网帐号", "图像校对"]
    executor.visits["archive.records_button"] = _visit("注册")
    text = "点击“注册”"  # bound by these very words: looked for where the sentence says, and missing there
    assert [e.id for e in bind(text)] == ["register.entry"]
    sentence = Sentence("s11", "note", text, (Claim("s11.a", text, entry="register.entry"),))
    missing, _ = executor._missing_names(sentence, [entry_page])
    assert [t.text for t, _ in missing] == ["注册"]


def test_a_name_whose_quotes_leave_out_its_verb_is_the_sites_control() -> None:
    """注册“学信网帐号”：引号只括住后半，站点上的链接是“注册学信网帐号”，两者合起来就是它，不判不符"""
    entry_page = _visit("注册学信网帐号", "登录")
    text = "进入首页，注册“学信网帐号”"
    sentence = Sentence("s10", "note", text, (Claim("s10.a", text, entry="register.entry"),))
    missing, held = _executor({"register.entry": entry_page})._missing_names(sentence, [entry_page])
    assert missing == [] and [t.text for t in held] == ["学信网帐号"]


@pytest.mark.parametrize(
    ("subject", "word", "named"),
    [
        ("【学信网】请激活您的帐号", "激活邮件", True),
        ("学信网帐号激活邮件", "学信网激活邮件", True),
        ("学信网密码重置邮件", "激活邮件", False),
    ],
    ids=["主题里没有“邮件”二字", "主题多了几个字", "别的邮件"],
)
def test_a_mail_is_known_by_what_it_is_for(subject: str, word: str, named: bool) -> None:
    """指南说“激活邮件”：主题写“请激活您的帐号”的那封就是；主题说别的事的不是"""
    assert mentions(subject, normalised(word)) is named
