"""Any school's guide, read from its text alone: split into sentences, bound to the site's catalogue, as the hand-made
keys of fixtures/guides/ expect; the seed guide binds to the same entries its curated claims stand for."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from fixtures.guide import load_guide
from guidebook.any_guide import read_guide
from guidebook.catalogue import CATALOGUE, WHY_UNBOUND, bind, why_unbound
from guidebook.text import GuideFileError, blocks, decode, simplified

GUIDES = Path(__file__).parents[1] / "fixtures" / "guides"
KEYS = sorted(GUIDES.glob("*.key.toml"))
KEYED = [key for key in KEYS if "sentence" in tomllib.loads(key.read_text(encoding="utf-8"))]


def _key(path: Path) -> dict:  # type: ignore[type-arg]
    return tomllib.loads(path.read_text(encoding="utf-8"))


def _guide_of(key: Path) -> Path:
    return key.with_name(key.name.removesuffix(".key.toml") + ".txt")


def _bound(key: Path) -> list[tuple[str, set[str], set[str]]]:
    """(sentence, the key's entries, the reader's entries) for every sentence of a keyed guide."""
    guide = read_guide(_guide_of(key), curated=load_guide())
    found = {s.text: {c.entry for c in s.claims if c.entry} for s in guide.sentences()}
    return [(s["text"], set(s["binds"]), found.get(s["text"], set())) for s in _key(key)["sentence"]]


@pytest.mark.parametrize("key", KEYED, ids=lambda key: key.name.removesuffix(".key.toml"))
def test_the_reader_splits_each_guide_as_its_key_does(key: Path) -> None:
    """每份指南按钥匙的断句读出句子（标题另作章节名）"""
    text = simplified(decode(_guide_of(key).read_bytes()))
    mine = {s for block in blocks(text) for s in (block.title, *block.sentences)}
    assert [s["text"] for s in _key(key)["sentence"] if s["text"] not in mine] == []


def test_binding_meets_the_keys_of_every_guide() -> None:
    """所有语料指南的绑定：查准率 ≥ 95%，查全率 ≥ 85%（逐句与钥匙比较）"""
    right = wrong = missed = 0
    for key in KEYED:
        for _, expected, found in _bound(key):
            right, wrong, missed = (
                right + len(expected & found),
                wrong + len(found - expected),
                missed + len(expected - found),
            )
    precision, recall = right / (right + wrong), right / (right + missed)
    assert (precision >= 0.95, recall >= 0.85) == (True, True), (precision, recall)


def test_a_guide_of_another_website_binds_nothing() -> None:
    """别的网站的指南：每句都未覆盖，没有一句绑定到学信网的条目"""
    guide = read_guide(GUIDES / "other-website.txt")
    assert guide.sentences() and all(c.uncovered for s in guide.sentences() for c in s.claims)


@pytest.mark.parametrize(
    ("data", "says"),
    [
        (b"", "文件是空的"),
        ((GUIDES / "word-doc-renamed.txt").read_bytes(), "这不是纯文本文件"),
        ("学信网".encode() * 200_000, "不像一份操作指南"),
        (b"\xff\xfe\xfd\x80\x81" * 10, "无法识别文件的编码"),
    ],
    ids=["空文件", "Word文档", "2MB文字", "乱码"],
)
def test_what_is_no_guide_gets_a_clear_message(data: bytes, says: str) -> None:
    """读不了的文件：清楚的中文提示，而不是报错"""
    with pytest.raises(GuideFileError, match=says):
        decode(data)


def test_gb18030_and_traditional_guides_read_as_their_simplified_utf8_twin() -> None:
    """GB18030 编码、繁体字的指南与简体 UTF-8 的同一份读出同样的句子"""
    utf8 = read_guide(GUIDES / "2014-graduates-image-check.txt")
    gb = read_guide(GUIDES / "2014-graduates-image-check-gb18030.txt")
    assert [s.text for s in gb.sentences()] == [s.text for s in utf8.sentences()]
    traditional = read_guide(GUIDES / "traditional-2015.txt")
    assert any("学籍信息" in s.text for s in traditional.sentences())


def test_the_seed_text_binds_its_curated_claims_to_the_same_entries() -> None:
    """种子指南的原文（不用 guide.toml 的绑定）把 43 条说法中至少 90% 绑定到同样的目录条目"""
    guide = load_guide()
    same = 0
    for sentence in guide.sentences():
        found = {entry.id for entry in bind(sentence.text)}
        for claim in sentence.all_claims():
            curated = [entry.id for entry in CATALOGUE.values() if claim.id in entry.seed]
            same += bool(curated) and curated[0] in found
    assert same / len(guide.claims()) >= 0.9, same


def test_every_curated_claim_stands_for_an_entry_or_the_document() -> None:
    """每条说法都对应目录中的一个条目（目录那一条说的是文档本身）"""
    standing = {claim for entry in CATALOGUE.values() for claim in entry.seed}
    assert set(load_guide().claims()) - standing == {"toc.1.headings"}


def test_a_guide_pasted_from_a_web_page_reads_as_the_page_shows_it() -> None:
    """Tags, scripts and styles gone, &ldquo; entities turned into quotes, a line per paragraph."""
    page = (
        '<div class="title"><h2>图像校对说明</h2></div><script>var hits = 1;</script>'
        "<p style='text-indent:2em'>登录后点击&ldquo;学籍信息&rdquo;，核对照片。</p><p>照片无误点击&ldquo;正确&rdquo;。<br></p>"
    )
    assert decode(page.encode()) == "图像校对说明\n登录后点击“学籍信息”，核对照片。\n照片无误点击“正确”。"


def test_a_guide_without_line_breaks_gets_a_short_title(tmp_path: Path) -> None:
    """One endless line: its first sentence is the title, cut to what a reader takes in at a glance."""
    file = tmp_path / "一行.txt"
    file.write_text("登录学信网后点击学籍信息再核对照片" * 40, encoding="utf-8")
    guide = read_guide(file)
    assert len(guide.title) == 41 and guide.title.endswith("…")


@pytest.mark.parametrize(
    "sentence",
    [
        "打开邮箱里学信网发来的重置密码邮件，点击邮件中的链接。",
        "学信网会发一封找回密码的邮件，打开邮件里的链接设置新密码。",
    ],
)
def test_a_password_reset_mail_is_recoverys_not_the_activation_mail(sentence: str) -> None:
    """A mail that resets a password binds to 找回密码, never to registration's activation mail."""
    assert [entry.id for entry in bind(sentence)] == ["recover.password"]


@pytest.mark.parametrize(
    ("sentence", "why"),
    [
        ("1、通过点击“大学同班同学协助”完成证件重号审核", "unmatched"),
        ("新生学信网注册异常若干情况处理办法", "not_a_step"),
        ("2020-09-14 16:53", "not_a_step"),
        ("请在班会上交给辅导员", "local"),
        ("可以用学信网微信公众号查询", "unmodelled"),
        ("各学院：", "not_a_step"),
        ("继续教育学院教务科", "not_a_step"),
        ("点击“有”按键并报学院院办", "unmatched"),
        ("本人不在校、无法上网核对的，可请辅导员协助完成。", "local"),
        ("如不去核对，照片有误致使无法进行学历电子注册的，后果由学生自负。", "not_a_step"),
        ("1.登陆http://xjxl.chsi.com.cn/xscx.do", "unmodelled"),
        (
            "说明：教务处定期公布查询进度；12月31日前没登陆“中国高等教育学生信息网”查询学籍信息的新生将被限制注册。",
            "local",
        ),
    ],
    ids=[
        "网站上的操作但目录里没有",
        "标题",
        "日期",
        "学校里办的事",
        "模拟站点没有的服务",
        "称呼",
        "落款",
        "先点网站上的按钮再找学院",
        "请辅导员协助",
        "后果自负的警告",
        "新生学籍查询系统是另一项服务",
        "没有登录的后果不是登录这一步",
    ],
)
def test_a_sentence_nothing_checks_says_why(sentence: str, why: str) -> None:
    """没有绑定的句子说明原因：点击了站点上的东西却无从核对的，不说成“不是操作步骤”"""
    assert not bind(sentence) and why_unbound(sentence) == why


def test_every_sentence_of_a_guide_of_another_website_says_it_is_not_about_chsi() -> None:
    """与学信网无关的指南：每一句的未覆盖原因都是“说的不是学信网”"""
    guide = read_guide(GUIDES / "other-website.txt")
    assert {c.uncovered for s in guide.sentences() for c in s.claims} == {WHY_UNBOUND["elsewhere"]}


@pytest.mark.parametrize(
    ("sentence", "entries"),
    [
        ("进入学信网，点击“注册学信网账号”", ["register.entry"]),
        ("注册‘学信网帐号’", ["register.entry"]),
        ("登陆学信档案", ["login.page"]),
        ("在登录页面输入注册的“用户名”和“密码”，点击“登录”按钮", ["login.page"]),
        ("可直接点击“登录”进入", ["login.page"]),
        ("填写学生真实的姓名", ["register.real_name"]),
        ("点击弹出对话框的‘发送’按钮", ["register.phone_confirm"]),
        ("将手机收到的“校验码”输入后点击“确定”", ["register.phone_confirm"]),
        ("进入注册页面", ["register.entry"]),
        ("登录学信档案后，找不到自己的在校生学籍", ["archive.no_record"]),
        ("网址：http://www.chsi.com.cn/，点击“图像校对”", ["portal.image_check_entry"]),
        ("在学籍信息里对本人图像及信息仔细核对", ["archive.photo"]),
        ("用户名为手机号，请一定使用本人手机号", ["register.phone_first"]),
        ("进入学信网帐号注册首页", ["register.entry"]),
        ("4.打开激活邮件中的链接后，进入实名注册页面，填写真实姓名", ["mail.activation_link", "register.real_name"]),
        ("依次输入用户名、密码、确认密码，点击“立即注册”", ["register.account_form"]),
        ("务必要实名注册，并妥善保存帐号密码", ["register.real_identity"]),
        ("第七步:实名注册。", ["register.real_name"]),
        ("若核对时发现信息有误，请在图像校对系统中点击信息“有”。", ["photo.wrong"]),
        ("3、输入自己绑定的手机帐号和密码“登录”。", ["login.page"]),
        ("手机号码必须是有效的，系统将即时以短信方式将校验码发送至您的手机。", ["register.phone_confirm"]),
        ("进入个人学籍档案，可以看到个人信息、图片等。", ["archive.check_info"]),
        ("身份证号显示被注册：如果是本人注册过，可找回密码", ["reregister.id_taken"]),
    ],
    ids=[
        "账号的另一种写法",
        "引号拆开的入口名",
        "登陆的笔误",
        "输入与名称之间隔着字",
        "点击登录",
        "真实的姓名",
        "对话框的发送",
        "先说校验码再说输入",
        "进入注册页面",
        "找不到学籍中间隔着字",
        "写网址不写首页",
        "图像核对",
        "用户名为手机号",
        "帐号注册首页不是学信网首页",
        "实名注册页面不是注册入口",
        "注册表单不是登录",
        "注册须实名是各时期都有的要求",
        "实名注册这一步是2012年的页面",
        "信息有误时点的按钮另有其名",
        "手机帐号和密码",
        "校验码发送至手机",
        "看到个人信息",
        "身份证号显示被注册",
    ],
)
def test_a_step_binds_in_the_ways_schools_write_it(sentence: str, entries: list[str]) -> None:
    """各校写法不同的操作步骤都绑定到站点目录里的同一事实：异体写法、笔误、引号位置、字间距离都不影响"""
    assert [entry.id for entry in bind(sentence)] == entries
