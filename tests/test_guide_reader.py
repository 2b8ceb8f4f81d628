"""The reader of a guide's words: from the sentence text alone, the names, pages, fields, mails and numbers it uses."""

from __future__ import annotations

import pytest

from fixtures.guide import load_guide
from guidebook.terms import Term, defers, normalised, number, read_terms

GUIDE = load_guide()

# Every UI name the 2012 guide quotes or names, by hand: what the reader must find in its text (before any curation).
SEED_NAMES = {
    "reg.1": {("place", "教育部学籍学历管理平台")},
    "reg.2": {("place", "中国高等教育学生信息网"), ("place", "学信网"), ("region", "工具栏"), ("control", "学信档案"),
              ("page", "学信网帐号注册首页")},
    "reg.3": {("field", "用户名"), ("field", "密码")},
    "reg.4": {("mail", "帐号激活邮件")},
    "reg.5": {("place", "邮箱"), ("mail", "激活邮件")},
    "reg.6": {("mail", "激活邮件"), ("region", "邮件正文"), ("control", "链接"), ("region", "地址输入框"),
              ("page", "实名注册页面")},
    "reg.7": {("page", "实名注册")},
    "reg.8": {("page", "手机确认")},
    "reg.9": {("region", "弹出对话框"), ("control", "是")},
    "reg.note": {("page", "登录页面"), ("page", "个人用户登录")},
    "img.1": {("place", "学信网")},
    "img.2": {("control", "学籍信息"), ("page", "学籍信息核对页面")},
    "img.note.2": {("region", "页面下方"), ("control", "")},
    "img.note.3": {("control", ""), ("page", "修改页面")},
    "login.1": {("page", "登录界面"), ("field", "身份证号码"), ("field", "姓名"), ("control", "找回密码")},
    "login.2": {("control", "忘记密码")},
    "login.4": {("field", "身份证号"), ("field", "姓名"), ("upload", "身份证正反两面的图片")},
}  # fmt: skip
# The numbers with units the guide states.
SEED_QUANTITIES = {
    "reg.3": {("6位以上", (6,)), ("一次", (1,))},
    "reg.4": {("实时", (0,))},
    "reg.note": {("30秒", (30,))},
    "login.4": {("2个邮箱", (2,)), ("7个工作日", (7,))},
}


def _found(sentence_id: str) -> tuple[Term, ...]:
    return read_terms(GUIDE.sentence(sentence_id).text)


@pytest.mark.parametrize("sentence_id", list(SEED_NAMES))
def test_the_reader_finds_every_name_the_seed_quotes(sentence_id: str) -> None:
    names = {(t.kind, t.text) for t in _found(sentence_id) if t.kind != "quantity"}
    assert SEED_NAMES[sentence_id] <= names


@pytest.mark.parametrize("sentence_id", list(SEED_QUANTITIES))
def test_the_reader_finds_every_number_with_its_unit(sentence_id: str) -> None:
    found = {(t.text, t.values) for t in _found(sentence_id) if t.kind == "quantity"}
    assert found == SEED_QUANTITIES[sentence_id]


def test_a_name_the_source_lost_is_a_quoted_name_with_nothing_in_it() -> None:
    lost = [t for t in _found("img.note.2") if t.kind == "control"]
    assert [(t.text, t.quoted, t.lost) for t in lost] == [("", True, True)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("点击【提交审核】按钮", ("control", "提交审核")),
        ("再点击「开始校对」", ("control", "开始校对")),
        ('点击"下一步"', ("control", "下一步")),
        ("点击“发送”", ("control", "发送")),
        ("直接点击忘记密码即可", ("control", "忘记密码")),
        ("然后点击找回密码,既可以按照提示重置密码", ("control", "找回密码")),
        ("在弹出的对话框中点击‘是’按钮", ("control", "是")),
        ("进入实名注册页面", ("page", "实名注册页面")),
        ("系统自动转入登录页面", ("page", "登录页面")),
        ("学生使用‚个人用户登录‛页面进入系统", ("page", "个人用户登录")),
        ("依次输入用户名、密码、确认密码", ("field", "确认密码")),
        ("用户名填写本人邮箱", ("field", "用户名")),
        ("查找激活邮件并打开", ("mail", "激活邮件")),
    ],
)
def test_names_in_every_quoting_style_and_unquoted(text: str, expected: tuple[str, str]) -> None:
    assert expected in {(t.kind, t.text) for t in read_terms(text)}


@pytest.mark.parametrize(
    ("text", "values", "unit", "bound"),
    [
        ("系统将在20多秒后自动转入", (20,), "秒", "多"),
        ("身份证号填写15或18位号码", (15, 18), "位", ""),
        ("密码须为8位以上的字母和数字组合", (8,), "位", "以上"),
        ("每张不超过300K", (300,), "K", ""),
        ("教育部后台会在七个工作日内处理", (7,), "个工作日", "内"),
        ("链接24小时内有效", (24,), "小时", "内"),
        ("激活邮件一般在5分钟内到达", (5,), "分钟", "内"),
    ],
)
def test_quantities_in_every_writing(text: str, values: tuple[int, ...], unit: str, bound: str) -> None:
    (found,) = [t for t in read_terms(text) if t.kind == "quantity"]
    assert (found.values, found.unit, found.bound) == (values, unit, bound)


def test_chinese_numerals_and_ordinals() -> None:
    assert [number(w) for w in ("七", "十", "十五", "二十", "三十", "30")] == [7, 10, 15, 20, 30, 30]
    assert [t for t in read_terms("第一步:登录学信网。一位同学") if t.kind == "quantity"] == []


def test_names_compare_as_a_student_reads_them() -> None:
    assert normalised("登  录") == normalised("登录")
    assert normalised("【找回密码?】") == normalised("找回密码")
    assert normalised("ＡＢＣ") == normalised("abc")


def test_spans_let_a_correction_replace_exactly_the_guides_words() -> None:
    text = GUIDE.sentence("reg.9").text
    (yes,) = [t for t in read_terms(text) if t.text == "是"]
    assert text[yes.start : yes.end] == "‘是’"


@pytest.mark.parametrize(
    ("sentence", "leaves_it"),
    [
        ("然后点击找回密码,既可以按照提示重置密码。", True),
        ("学生可以通过登录页面上【找回用户名】、【找回密码】,自行尝试找回。", True),
        ("在以下框内输入自己的身份证号码和姓名,必须是准确的姓名。", False),
    ],
    ids=["按照提示", "自行尝试找回", "说明了要填什么"],
)
def test_a_sentence_that_leaves_the_form_to_the_page_is_told_apart(sentence: str, leaves_it: bool) -> None:
    """“按照提示”“自行尝试找回”把要填什么交给页面；写明填哪几项的句子不是"""
    assert defers(sentence) is leaves_it


@pytest.mark.parametrize(
    "sentence",
    ["以上三项信息填写完成后,点击“立即注册”出现如下界面", "3、依次填写完成其他项目。", "进入下图页面进行实名绑定"],
    ids=["以上三项信息与如下界面", "其他项目", "下图页面"],
)
def test_words_that_point_at_the_text_or_a_picture_name_nothing(sentence: str) -> None:
    """“以上三项信息”“如下界面”“其他项目”“下图页面”只是指代，不当作站点上要找的名称"""
    assert [t.text for t in read_terms(sentence) if t.kind in ("field", "page") and not t.quoted] == []


def test_a_link_address_is_any_link() -> None:
    """“点击链接地址”说的是邮件里的链接，不是一个叫“链接地址”的按钮"""
    (term,) = read_terms("点击链接地址,完成你帐户的激活。")
    assert (term.generic, term.role) == (True, "link")


def test_where_on_the_page_is_no_name() -> None:
    """“点击网页左下方‘…’”：位置（左下方、右上角）不是按钮名，引号里的才是"""
    terms = read_terms("第一步:进入教育部网站,点击网页左下方“学历电子注册图像校对”。点击右上角“校外访问”")
    assert [t.text for t in terms if t.kind == "control"] == ["学历电子注册图像校对", "校外访问"]


def test_a_mail_described_by_its_purpose_is_named_by_its_noun() -> None:
    """“用来接收账户激活邮件”：邮件名是“账户激活邮件”，“用来接收”是用途"""
    assert [(t.kind, t.text) for t in read_terms("用户名必须填写本人真实的邮箱地址,用来接收账户激活邮件")] == [
        ("mail", "账户激活邮件")
    ]


def test_the_two_spellings_of_account_compare_alike() -> None:
    """学信网自己也混用“帐号”“账号”“帐户”：比较名称时视为同一个词"""
    assert normalised("账户激活邮件") == normalised("帐号激活邮件") and normalised("账号注册成功") == "帐号注册成功"


@pytest.mark.parametrize(
    ("sentence", "names"),
    [
        ("系统会要求你填写有效的手机号码，并输入校验码", [("field", "手机号码"), ("field", "校验码")]),
        ("信息填写完成后“立即注册”", [("control", "立即注册")]),
        ("用户名填写本人邮箱", [("field", "用户名")]),
        ("将手机收到的“校验码”输入后点击“确定”", [("field", "校验码"), ("control", "确定")]),
        ("一般是由于注册时填写的姓名和身份证号与学籍不一致", []),
        ("填写本人的姓名和身份证号", [("field", "姓名"), ("field", "身份证号")]),
    ],
    ids=[
        "谁要求填写不是栏名",
        "填写完成之后的是按钮",
        "动词前的栏名照旧",
        "引号里的名称后面紧跟输入",
        "说到填写过的内容",
        "本人的姓名照旧是栏名",
    ],
)
def test_who_asks_for_a_field_and_a_finished_typing_name_no_field(sentence: str, names: list[tuple[str, str]]) -> None:
    """“系统会要求你填写……”里的“系统会要求你”、“信息填写完成后”里的“信息”“完成”都不是输入框；填写完成后加引号的是按钮；
    “校验码”输入后：引号里的是要填的栏；“注册时填写的姓名”说的是填过的内容，不是要填的栏"""
    assert [(t.kind, t.text) for t in read_terms(sentence) if t.kind in ("field", "control")] == names


def test_the_common_slip_for_login_compares_alike() -> None:
    """指南常把“登录”写成“登陆”：比较时视为同一个词"""
    assert normalised("登陆学信档案") == normalised("登录学信档案")


@pytest.mark.parametrize(
    ("sentence", "terms"),
    [
        ("系统将即时以短信方式将校验码发送至您的手机。", [("quantity", "即时")]),
        ("核对完个人信息和照片后，点击“正确”", [("content", "个人信息"), ("control", "正确")]),
        ("学籍信息核对和图像校对完成。", []),
    ],
    ids=["即时以短信不是邮件的名字", "核对完什么", "核对和另一件事"],
)
def test_no_broken_words_are_read_as_names(sentence: str, terms: list[tuple[str, str]]) -> None:
    """句子里的虚词、“完”“和”不会被读成名称（“即”“完个人信息和”“和图像校对完”）"""
    assert [(t.kind, t.text) for t in read_terms(sentence)] == terms
