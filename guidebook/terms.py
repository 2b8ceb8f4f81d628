"""The words of a guide sentence a run can act on or check: quoted names, pages, fields, mails, places, quantities.

Read from the sentence text alone, for any school's guide: no sentence is special-cased here. A term keeps its
span in the sentence, so a correction can replace exactly the words the site contradicted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Literal

TermKind = Literal[
    "control",  # a button, link or menu the student clicks: ‘是’按钮, 点击找回密码
    "page",  # a page the student reaches or opens: 实名注册页面, ‚个人用户登录‛页面, 登录界面
    "field",  # a box the student types into: 依次输入用户名、密码
    "mail",  # a mail or text message the student reads: 帐号激活邮件
    "place",  # a site or service the student goes to: 教育部学籍学历管理平台, 学信网, 邮箱
    "region",  # where on the screen: 工具栏, 弹出对话框, 邮件正文, 地址输入框
    "content",  # what the student checks on a page: 个人信息, 照片
    "upload",  # what the student uploads: 身份证正反两面的图片
    "charset",  # the characters a rule allows: 数字或字母
    "quantity",  # a number with its unit, or 实时: 30秒, 6位以上, 15或18位, 7个工作日, 2个邮箱, 一次
    "office",  # a person or office off the site: 学院教务处学籍管理部门
]
# The kinds that name something on the site a run looks for by its name.
NAMED_KINDS = frozenset({"control", "page", "field", "mail", "place", "upload"})

# The verbs a guide acts with, longest first so 单击 wins over 击.
VERBS = ("点击", "单击", "双击", "输入", "填写", "填入", "选择", "进入", "打开", "上传", "登录", "登陆", "提交", "查找",
         "核对", "复制", "粘贴", "转入", "访问", "使用")  # fmt: skip

# What joins the names of a list in a sentence (用户名、密码和确认密码).
LIST_JOINERS = "、和及与"
# The seconds in each unit of time a guide may state.
_SECONDS = {"秒": 1, "秒钟": 1, "分钟": 60, "小时": 3600, "天": 86_400}
# Details a guide may tell the student to type as the username (在登录页面输入手机号和密码), by the student's detail.
IDENTIFIERS = {"手机号": "phone", "手机号码": "phone", "邮箱": "email", "邮箱地址": "email"}

# Quote pairs schools use around UI names, including the mis-encoded ‚‛ of the seed text.
QUOTES = (("“", "”"), ("‘", "’"), ("‚", "‛"), ("「", "」"), ("『", "』"), ("【", "】"), ('"', '"'), ("'", "'"))
_QUOTED = re.compile("|".join(f"{re.escape(a)}([^{re.escape(a + b)}\n]{{0,30}}){re.escape(b)}" for a, b in QUOTES))

HAN = "\u4e00-\u9fff"
# What may stand between a click verb and the name it clicks: 点击页面下方的‚‛按钮, 单击弹出对话框‘是’按钮.
_BETWEEN = rf"[{HAN}]{{0,8}}?的?"
_CONTROL_SUFFIX = ("按钮", "按键", "链接", "键", "菜单", "选项", "栏目", "图标", "入口", "标签")
_PAGE_SUFFIX = ("页面", "界面", "网页", "首页", "窗口")
_FIELD_SUFFIX = ("输入框", "文本框", "框", "栏")
# Verbs right after a quoted name that make it what is typed (“校验码”输入后, “证书编号”填好).
_TYPED_AFTER = ("输入", "填入", "填写", "填好", "录入")
# Generic words that name no particular control, and the role of what they name: 点击链接 clicks "the link".
_GENERIC = {"链接": "link", "按钮": "button", "此处": "link", "这里": "link", "网址": "link", "链接网址": "link",
            "链接地址": "link", "激活链接": "link", "确认链接": "link"}  # fmt: skip
# Words that point back or ahead at what the text (or a picture) shows instead of naming it: 以上三项信息, 出现如下界面,
# 下图页面, 其他项目. Unquoted, such a phrase is prose, no name a run could look for.
_REFERS = ("以上", "上述", "如下", "下图", "下列", "上图", "其他", "其它")
# Where on the page, not what: 网页左下方, 右上角, 页面底部. Unquoted, it names no control.
_POSITION = re.compile(r"[左右上下]{1,2}[方角侧边部]$|顶部$|底部$|中间$|旁边$")
# Nouns that name nothing a run can find (进入系统, 登录后), and verbs read as nouns (关闭页面).
_VAGUE = {"系统", "网站", "网页", "页面", "界面", "后", "之后", "以后", "关闭", "刷新", "当前", "该", "此", "这个"}
# Words that end a noun phrase: the next action or a linking word.
_STOPS = ("进行", "然后", "并", "后", "即可", "既可", "可以", "完成", "查询", "查找", "中", "时", "里", "内",
          "必须", "需要", "按照", "以便", "的工具栏")  # fmt: skip
# The verbs that lead to a page; a page's own name may begin with another verb (登录页面, 修改页面).
_PAGE_LEADS = ("进入", "转入", "打开", "回到", "返回", "跳转到", "转到", "使用", "首先")
# Verbs that, right before 页面, act on the page rather than name it: 点击首页上的…, 仔细核对页面上的….
_ACTS_ON_PAGE = ("点击", "单击", "双击", "核对", "查看", "检查", "确认")
# Names that begin with a character a particle or stop word also begins with: 中国高等教育学生信息网 is not 中 + ….
_NAMES_NOT_PARTICLES = ("中国",)
# Where on the screen, and what each place is on a page (a role, or a half of the page; the browser's own bar is none).
REGIONS = {"工具栏": "navigation", "导航栏": "navigation", "菜单栏": "navigation", "弹出对话框": "dialog",
           "弹出的窗口": "dialog", "弹出窗口": "dialog", "弹出框": "dialog", "对话框": "dialog", "邮件正文": "article",
           "地址输入框": "", "地址栏": "", "页面下方": "below", "页面上方": "above", "页面左侧": "",
           "页面右侧": "", "网页左侧": "", "网页右侧": "", "左侧": "", "右侧": "", "左边": "", "右边": ""}  # fmt: skip
CHARSETS = ("数字", "字母", "汉字", "特殊字符", "符号", "下划线")
_NUMERALS = dict(zip("零一二两三四五六七八九", (0, 1, 2, 2, 3, 4, 5, 6, 7, 8, 9), strict=True))
UNITS = (
    "个工作日",
    "工作日",
    "秒钟",
    "秒",
    "分钟",
    "小时",
    "天",
    "位",
    "个字符",
    "次",
    "KB",
    "K",
    "k",
    "MB",
    "M",
    "张",
)
_NUMBER = r"\d+|[零一二两三四五六七八九十]+"
_UNIT = "|".join(UNITS)
# 15或18位, and 15位或18位 (the unit written twice).
_QUANTITY = re.compile(
    rf"({_NUMBER})\s*(?:(?:{_UNIT})?\s*(或|至|到|-|~|～|—)\s*({_NUMBER}))?\s*(多)?\s*({_UNIT})(以上|以内|之内|以下|内)?"
)
# What an identity site counts: 2个邮箱, 3个帐号.
_COUNT = re.compile(r"(\d+)个(邮箱|帐号|账号|账户|用户名|用户|手机号)")
_AT_ONCE = ("实时", "即时", "立即", "马上")
_OFFICE = re.compile(
    rf"(?:学院|学校|所在学校|本校)?(?:教务处|学生处|辅导员|班主任)(?:[{HAN}]{{0,8}}?(?:部门|老师|科|办公室))?"
)


@dataclass(frozen=True)
class Term:
    """One term of a sentence: its kind, its words as written, and where it stands in the sentence."""

    kind: TermKind
    text: str  # the words as the guide writes them, inside any quotes ("" for a name the source lost)
    start: int  # the span in the sentence, quotes included: what a correction replaces
    end: int
    verb: str = ""  # the action that governs it: 点击, 输入, 进入 …
    quoted: bool = False
    values: tuple[int, ...] = ()  # a quantity's numbers: (15, 18) for 15或18位, (0,) for 实时
    unit: str = ""  # a quantity's unit: 秒, 位, 个工作日, 邮箱 (what a count counts)
    bound: str = ""  # a quantity's bound: 以上, 以内, 多 …
    generic: bool = False  # a word that names no particular control (点击链接)
    # What a generic control or a region word means on a page: a role (link, button, dialog, navigation, article),
    # or where on the page (below, above).
    role: str = ""
    # Curated where the text is defective (guide.toml): the word the site is searched for instead, and why.
    word: str = ""
    note: str = ""
    implied: bool = False  # a word the sentence leaves out (第八步:手机确认 never says 发送): its span is where it goes

    @property
    def sought(self) -> str:
        """The word a run looks for on the site: the curated word, else the text."""
        return self.word or self.text

    @property
    def names(self) -> tuple[str, ...]:
        """Every word that, shown on the site, agrees with the guide: the sought word, then the guide's own where a
        curator replaced it (a site that now says 忘记密码 agrees with a guide that says 忘记密码)."""
        return tuple(dict.fromkeys(w for w in (self.sought, self.text) if w))

    @property
    def span(self) -> tuple[int, int]:
        """Where the term stands in its sentence."""
        return self.start, self.end

    @property
    def lost(self) -> bool:
        """True for a name the source lost: quote marks with nothing between them."""
        return self.quoted and not self.text

    # -- what a quantity measures, so a run compares it with what it measured of the same kind ----------------------

    @property
    def duration(self) -> timedelta | None:
        """A quantity of time as a span (30秒, 24小时内, 实时 = none at all); None for any other quantity."""
        size = _SECONDS.get(self.unit)
        return timedelta(seconds=self.values[-1] * size) if self.kind == "quantity" and size else None

    @property
    def in_seconds(self) -> bool:
        """True for a time the guide counts in seconds (30秒, 20多秒): a countdown a page shows."""
        return self.kind == "quantity" and self.unit in ("秒", "秒钟") and self.values != (0,)

    @property
    def about(self) -> bool:
        """True for a number the guide gives roughly: 20多秒 is twenty-odd."""
        return self.bound == "多"

    @property
    def digits(self) -> bool:
        """True for a number of characters or digits (6位以上, 15位或18位)."""
        return self.kind == "quantity" and self.unit == "位"

    @property
    def working_days(self) -> bool:
        """True for a number of working days (7个工作日)."""
        return self.kind == "quantity" and self.unit in ("个工作日", "工作日")

    @property
    def accounts(self) -> bool:
        """True for a count of accounts or mailboxes (2个邮箱)."""
        return self.kind == "quantity" and self.unit in ("邮箱", "帐号", "账号")

    @property
    def size_kb(self) -> int | None:
        """A file size in K (300K, 2M); None for any other quantity."""
        scale = {"K": 1, "KB": 1, "k": 1, "M": 1024, "MB": 1024}.get(self.unit)
        return self.values[-1] * scale if self.kind == "quantity" and scale else None

    # -- what a name stands for -------------------------------------------------------------------------------------

    @property
    def identifier(self) -> str:
        """For a field word that is really what a student types as the username (输入手机号和密码): which of their
        details it is (phone, email); "" for any other word."""
        return IDENTIFIERS.get(self.sought, "") if self.kind == "field" else ""

    @property
    def both_sides(self) -> bool:
        """True for an upload of both sides of the ID card in one word (身份证正反面照片)."""
        return self.kind == "upload" and "正反" in self.sought

    @property
    def medium(self) -> str:
        """What kind of message a mail term names: 短信 (a text message) or 邮件."""
        return "短信" if self.kind == "mail" and self.sought.endswith("短信") else "邮件"

    @property
    def texted(self) -> bool:
        """True for a text message (手机短信) rather than a mail."""
        return self.medium == "短信"


@dataclass
class _Reader:
    """The terms of one sentence, collected rule by rule; a later rule never overlaps an earlier one's span."""

    text: str
    found: list[Term] = field(default_factory=list)

    def free(self, start: int, end: int) -> bool:
        return all(end <= t.start or start >= t.end for t in self.found)

    def add(self, term: Term) -> None:
        refers = (
            not term.quoted
            and term.kind in NAMED_KINDS
            and (any(r in term.text for r in _REFERS) or bool(_POSITION.search(term.text)))
        )
        if term.end > term.start and self.free(term.start, term.end) and not refers:
            self.found.append(term)

    def verb_before(self, start: int, reach: int = 12) -> str:
        """The nearest action verb in the `reach` characters before `start`, within the same clause."""
        # 信息填写完成后“立即注册”: a verb whose doing is over (完成后) leads nothing that follows it.
        before = re.split(r"[,，。；;！!:：]|(?:完成|完毕|好|之)后", self.text[max(0, start - reach) : start])[-1]
        hits = [(before.rfind(v), v) for v in VERBS if v in before]
        return max(hits)[1] if hits else ""


def number(word: str) -> int:
    """An Arabic or Chinese numeral as an int: 30, 七, 十五, 二十."""
    if word.isdigit():
        return int(word)
    if "十" in word:
        tens, _, units = word.partition("十")
        return _NUMERALS.get(tens, 1) * 10 + _NUMERALS.get(units, 0)
    return int("".join(str(_NUMERALS[c]) for c in word))


# Words that lead into a noun without being part of it: particles, and the manner of a step (按提示, 可在).
_LEADS = ("查看", "自己的", "本人的", "本人", "您的", "你的", "依次", "分别", "再", "并", "将", "在", "的", "中",
          "可以", "可", "请", "按照", "按", "根据")  # fmt: skip


def _trim(words: str) -> str:
    """A noun phrase without leading verbs and particles, cut at the first stop word."""
    for stop in _STOPS:
        at = words.find(stop)
        if at > 0:
            words = words[:at]
    changed = True
    while changed:
        changed = False
        for lead in (*VERBS, *_LEADS):
            if words.startswith(lead) and len(words) > len(lead) and not words.startswith(_NAMES_NOT_PARTICLES):
                words, changed = words[len(lead) :], True
    return words


def _kind_of_quoted(reader: _Reader, start: int, end: int) -> TermKind:
    """A quoted name's kind, from the words around it."""
    after, before = reader.text[end : end + 6], reader.text[max(0, start - 8) : start]
    if after.startswith(("(以下简称", "（以下简称")) or before.endswith("简称"):
        return "place"
    if after.startswith(_PAGE_SUFFIX):
        return "page"
    if after.startswith(_CONTROL_SUFFIX):
        return "control"
    if after.startswith(_FIELD_SUFFIX) or after.startswith(_TYPED_AFTER):
        return "field"  # 将收到的“校验码”输入后: what is typed, named before the verb
    if after.startswith(("邮件", "短信")):
        return "mail"
    verb = reader.verb_before(start)
    if verb in ("输入", "填写", "填入"):
        return "field"
    if verb in ("登录", "登陆", "进入", "访问"):
        return "place"
    return "control"


def _quoted(reader: _Reader) -> None:
    for match in _QUOTED.finditer(reader.text):
        inner = next(g for g in match.groups() if g is not None)
        start, end = match.span()
        kind = _kind_of_quoted(reader, start, end)
        reader.add(Term(kind, inner.strip(), start, end, reader.verb_before(start), quoted=True))


def _quantities(reader: _Reader) -> None:
    for match in _QUANTITY.finditer(reader.text):
        first, _, second, many, unit, bound = match.groups()
        if not first.isdigit() and unit not in ("次", "个工作日", "工作日", "秒", "秒钟", "分钟", "小时", "天"):
            continue  # 一位同学, 一张表: a Chinese numeral counts only time and tries
        values = (number(first),) + ((number(second),) if second else ())
        reader.add(Term("quantity", match.group(0), *match.span(), values=values, unit=unit, bound=many or bound or ""))
    for match in _COUNT.finditer(reader.text):
        reader.add(Term("quantity", match.group(0), *match.span(), values=(int(match.group(1)),), unit=match.group(2)))
    for word in _AT_ONCE:
        for match in re.finditer(word, reader.text):
            reader.add(Term("quantity", word, *match.span(), values=(0,), unit="秒"))


def _regions(reader: _Reader) -> None:
    for word, role in REGIONS.items():
        for match in re.finditer(word, reader.text):
            reader.add(Term("region", word, *match.span(), role=role))


def _charsets(reader: _Reader) -> None:
    names = "|".join(CHARSETS)
    for match in re.finditer(rf"(?:{names})(?:(?:或|和|、|及|与)(?:{names}))*", reader.text):
        reader.add(Term("charset", match.group(0), *match.span()))


def _owned(words: str) -> str:
    """What is clicked in 点击邮件中的激活链接: the thing after 中的 / 里的, not the place it is in."""
    owner = max(words.find("中的"), words.find("里的"))
    return words[owner + 2 :] if owner >= 0 else words


def _unquoted_controls(reader: _Reader) -> None:
    suffixes = "|".join(_CONTROL_SUFFIX)
    for match in re.finditer(rf"(点击|单击|双击|按下?)({_BETWEEN})([{HAN}]{{2,8}}?)({suffixes})", reader.text):
        verb, between, name, suffix = match.groups()
        name = _trim(_owned(between + name))
        if suffix == "链接":  # 激活链接, 确认链接: a link described, not named
            start = match.end(4) - len(name) - len(suffix)
            reader.add(Term("control", name + suffix, start, match.end(4), verb, generic=True, role="link"))
            continue
        start = match.end(3) - len(name)
        reader.add(Term("control", name, start, match.end(3), verb, generic=name in _GENERIC,
                        role=_GENERIC.get(name, "")))  # fmt: skip
    for match in re.finditer(rf"(点击|单击|双击)([{HAN}]{{2,8}})", reader.text):
        if "的" in match.group(2):
            continue  # 点击首页上的“学信档案”, 点击提示后面的【解决方法】: where the name stands, not the name
        name = _trim(_owned(match.group(2)))
        if name and name not in _VAGUE:
            start = match.start(2) + match.group(2).find(name)
            reader.add(Term("control", name, start, start + len(name), match.group(1), generic=name in _GENERIC,
                            role=_GENERIC.get(name, "")))  # fmt: skip


def _acts_on_the_page(words: str) -> bool:
    """True for 仔细核对页面, 点击首页: a verb (with at most an adverb before it) acting on the page, not its name; a
    name may end in such a verb (学籍信息核对页面)."""
    verb = next((v for v in _ACTS_ON_PAGE if words.endswith(v)), "")
    rest = words.removesuffix(verb)
    while verb and rest.endswith(_ADVERBS):
        rest = rest.removesuffix(next(a for a in _ADVERBS if rest.endswith(a)))
    return bool(verb) and not rest


def _pages(reader: _Reader) -> None:
    suffixes = "|".join(_PAGE_SUFFIX)
    for match in re.finditer(rf"([{HAN}]{{2,14}}?)({suffixes})", reader.text):
        words = match.group(1)
        if _acts_on_the_page(words):
            continue
        leads = [words.rfind(lead) + len(lead) for lead in _PAGE_LEADS if lead in words]
        name = _trim(words[max(leads, default=0) :])
        start = match.start(1) + words.rfind(name)
        if name and name not in (*_VAGUE, *_ACTS_ON_PAGE, *_LEADS) and reader.free(start, match.end()):
            reader.add(Term("page", name + match.group(2), start, match.end(), reader.verb_before(start)))


# Words that may stand before a verb of typing without being the field typed into: 依次输入, 如实填写.
_ADVERBS = ("依次", "分别", "请", "再", "并", "然后", "先", "直接", "如实", "认真", "仔细", "正确", "按要求", "在",
            "中", "内", "框", "里", "后", "时", "需", "须", "要", "可", "都", "再次", "逐项")  # fmt: skip
# What follows a list of fields to type: the next action, or the end of the step (输入用户名和密码即可登录).
_LIST_ENDS = r"[,，。；;！!]|必须|$|并|即可|后|查询|登录"
# Words typed after a verb of typing that name no field: a verb (再次输入确认, 填写提交, 填写完成); 信息 names a group
# of fields.
_NOT_FIELDS = ("确认", "提交", "完成", "完毕")
# What follows a verb of typing when a sentence says something was typed wrong (姓名或身份证号填写有误).
_JUDGED = ("有误", "错误", "有错")
# Words before a verb of typing that say how or where, not which field: 按页面提示填写, 在登录页面输入.
_MANNER = ("按", "根据", "照")
# Words before a verb of typing that tell who asks or will ask, not which field: 系统会要求你填写手机号码.
_TELLERS = ("系统", "你", "您", "我", "要求", "会", "将", "应")


def _fields(reader: _Reader) -> None:
    lead = r"(?:依次|分别)?(输入|填写|填入|填好|录入)(?:自己的|本人的|您的|你的)?"
    item = rf"[{HAN}]{{2,8}}?"
    for match in re.finditer(rf"{lead}((?:{item}(?:、|和|及|与))*{item})(?={_LIST_ENDS})", reader.text):
        if match.group(2).startswith(_JUDGED) or reader.text.startswith("的", match.end(1)):
            continue  # 填写有误, and 注册时填写的姓名: what was typed, spoken of, not a field to type into
        before = re.split(rf"[^{HAN}]", reader.text[: match.start()])[-1]
        # 注册时用户名填写: the noun is what follows the last stop word (激活后按提示填写: the manner, no noun).
        segment = re.split("|".join(_STOPS), before[-8:])[-1]
        if len(before) >= 2 and not before.endswith(_ADVERBS) and _names_a_field(segment):
            # 用户名填写本人邮箱: the field is the noun before the verb; what follows is the value to type.
            name = _trim(segment)
            reader.add(Term("field", name, match.start() - len(name), match.start(), match.group(1)))
            continue
        _field_list(reader, match.start(2), match.group(2), match.group(1))
    # 用身份证号和姓名查: but never the 用 of 用户名.
    for match in re.finditer(rf"(?:用(?!户)|以|凭)((?:{item}(?:、|和|及|与))+{item})(?=查|找|登)", reader.text):
        _field_list(reader, match.start(1), match.group(1), "输入")


def _names_a_field(before: str) -> bool:
    """True when the words before a verb of typing name the field typed into, not a page, the manner of typing or who
    asks for it (系统会要求你填写, 信息填写完成后)."""
    return (
        not before.endswith((*_PAGE_SUFFIX, "页", "信息"))
        and not before.startswith(_MANNER)
        and not any(word in before for word in _TELLERS)
    )


def _field_list(reader: _Reader, start: int, listed: str, verb: str) -> None:
    at = start
    for words in re.split("、|和|及|与", listed):
        # 准确的姓名, 收到的校验码, 本人手机号码: the field is the noun after what qualifies it.
        name = words.rsplit("的", 1)[-1].removeprefix("本人")
        begin = at + len(words) - len(name)
        if len(name) >= 2 and name not in _NOT_FIELDS and not name.endswith("信息"):
            reader.add(Term("field", name, begin, begin + len(name), verb))
        at += len(words) + 1


# What stands between a sender and the mail it sends (学信网会把激活邮件, 向注册邮箱发送重置邮件): the name follows it.
_MAIL_LEADS = re.compile("把|向|将|给|发送|发来|发|接收|收到|用来|用于")
# Words that point at a mail already named (这封邮件) rather than name one.
_POINTING = ("这", "该", "此", "那")


def _mails(reader: _Reader) -> None:
    for match in re.finditer(rf"([{HAN}]{{1,8}}?)(邮件|短信)(?!正文|地址)", reader.text):
        name = _trim(_MAIL_LEADS.split(match.group(1))[-1] + match.group(2))
        start = match.end() - len(name)
        # 学信网发来的邮件 describes a mail, it names none.
        # A stop word inside (即时以短信) leaves no mail's name: what is left must still end in 邮件 or 短信.
        named = name.endswith(match.group(2)) and (len(name) > 2 or match.group(2) == "短信")
        if named and "的" not in name and not name.startswith(_POINTING):
            reader.add(Term("mail", name, start, match.end(), reader.verb_before(start)))


def _uploads(reader: _Reader) -> None:
    for match in re.finditer(rf"(上传|提交)([{HAN}]{{2,12}}?(?:图片|照片|材料))", reader.text):
        reader.add(Term("upload", match.group(2), *match.span(2), match.group(1)))


def _offices(reader: _Reader) -> None:
    for match in _OFFICE.finditer(reader.text):
        reader.add(Term("office", match.group(0), *match.span()))


def _places(reader: _Reader) -> None:
    # Only where the verb begins a clause: 忘记学信网登录用户名 names no place to go.
    clause = r"(?:^|(?<=[,，。；;:：！!\s])|(?<=首先|然后|请先)|(?<=再))"
    for match in re.finditer(rf"{clause}(登录|登陆|进入|访问|打开)([{HAN}]{{2,14}})", reader.text):
        name = _trim(match.group(2))
        start = match.start(2) + match.group(2).find(name)
        if _a_place(name):
            reader.add(Term("place", name, start, start + len(name), match.group(1)))


def _a_place(name: str) -> bool:
    """True for words that can name a place to go: not vague, not a page, not a stop word or a pointing word."""
    stop = name.startswith(_STOPS) and not name.startswith(_NAMES_NOT_PARTICLES)
    return (
        bool(name)
        and name not in _VAGUE
        and not name.endswith(_PAGE_SUFFIX)
        and not stop
        and not name.startswith(_POINTING)
    )


def _contents(reader: _Reader) -> None:
    # 核对完个人信息和照片: what is checked, not 完; 核对和图像校对: a second action, not a content.
    for match in re.finditer(rf"(核对|查看|确认|检查)完?([{HAN}]{{2,6}})", reader.text):
        name = re.split(f"[{LIST_JOINERS}]", _trim(match.group(2)))[0]
        start = match.start(2) + match.group(2).find(name)
        if name and name not in _VAGUE and len(name) > 1:
            reader.add(Term("content", name, start, start + len(name), match.group(1)))


def _step_name(reader: _Reader) -> None:
    """A step that is only a name (第七步:实名注册。) names the page where it is done."""
    match = re.fullmatch(rf"\s*第[{HAN}\d]{{1,3}}步\s*[:：]\s*([{HAN}]{{2,8}})\s*[。.]?\s*", reader.text)
    if match and not match.group(1).startswith(VERBS):
        reader.add(Term("page", match.group(1), *match.span(1)))


# Most specific first: a quoted name is never read again as part of a page, a field or a place.
_RULES = (_quoted, _quantities, _regions, _charsets, _offices, _uploads, _unquoted_controls, _mails, _fields, _pages,
          _step_name, _contents, _places)  # fmt: skip


def read_terms(text: str) -> tuple[Term, ...]:
    """Every term of one sentence, in reading order."""
    reader = _Reader(text)
    for rule in _RULES:
        rule(reader)
    return tuple(sorted(reader.found, key=lambda t: t.start))


def spelled(text: str) -> str:
    """`text` in one spelling of what is written two ways: 帐号 for 账号, 登录 for the common slip 登陆 (each the same
    length, so a place in it is the same place in `text`)."""
    return text.replace("账", "帐").replace("登陆", "登录")


def normalised(words: str) -> str:
    """Words as a student compares them: no spaces, no brackets or quotes, half-width letters, lower case, and one
    spelling of the words the site spells two ways (帐号 and 账号, 帐户) or guides often mistype (登陆 for 登录)."""
    import unicodedata

    flat = spelled(unicodedata.normalize("NFKC", words)).replace("帐户", "帐号")
    return re.sub(r"[\s【】\[\]“”‘’‚‛「」『』\"'?？!！:：]", "", flat).lower()


# What stands between two names a guide offers as alternatives: “学信档案”或“学历图像校对”.
ALTERNATIVES = re.compile(r"\s*(或者?|或是)\s*")


# How a sentence leaves the rest of its step to the page: 按提示重置, 按页面要求继续注册, 根据页面提示.
# 自行尝试找回 leaves it all to the page too: the student is to find their own way through the form.
_DEFERS = re.compile(r"按照?(页面)?(的)?(提示|要求)|根据(页面)?(的)?提示|自行(尝试)?找回")


def defers(text: str) -> bool:
    """True when the sentence leaves what else its step asks for to the page's own prompts (按提示, 按页面要求,
    自行找回)."""
    return bool(_DEFERS.search(text))


def loses_a_name(text: str) -> bool:
    """True when a pair of quotes holds nothing, or one opens and never closes: a name the copy of the guide lost."""
    for opening, closing in QUOTES:
        if opening == closing:
            continue  # "…" and '…': which mark opens cannot be told
        at = text.find(opening)
        while at >= 0:
            close = text.find(closing, at + 1)
            if close < 0 or not text[at + 1 : close].strip():
                return True
            at = text.find(opening, close + 1)
    return False
