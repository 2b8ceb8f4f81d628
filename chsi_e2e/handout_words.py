"""What a handout says: each action as an instruction with the student's own data asked for, corrected headings."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from guidebook.model import Guide, Section, Sentence
from mock_server.idcard import InvalidIdNumber, parse_id_number

# The harness keeps an element's name to 40 characters (harness/journey.py); such a label was cut.
LABEL_LIMIT = 40
EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[A-Za-z]{2,}")
MOBILE = re.compile(r"1[3-9]\d{9}")
CODE = re.compile(r"\d{6}")
HAN_NAME = re.compile(r"[\u4e00-\u9fff]{2,4}")
# A password as the site takes them (6 or more digits or letters), mixing both as every student's does.
PASSWORD = re.compile(r"(?=.*[A-Za-z])(?=.*\d)[A-Za-z0-9]{6,}")


@dataclass(frozen=True)
class Instruction:
    """What a card tells the student: what to do, what of their own to use, and the example the pictures show."""

    text: str
    own: str = ""  # 你的邮箱, 你的身份证号…: printed bold, in place of the example
    example: str = ""  # the fictitious value in the pictures, printed small
    reads_mail: bool = False  # a link in a mail: the picture shows the mail


def _is_id_number(value: str) -> bool:
    try:
        parse_id_number(value)
    except InvalidIdNumber:
        return False
    return True


def own_data(value: str) -> str:
    """Which of the student's own data a typed value stands for, by its shape (never by the field's wording), or ""
    when it is not personal (a reason, a choice)."""
    if EMAIL.fullmatch(value):
        return "你的邮箱"
    if _is_id_number(value):
        return "你的身份证号"
    if MOBILE.fullmatch(value):
        return "你的手机号"
    if CODE.fullmatch(value):
        return "短信中的校验码"
    if PASSWORD.fullmatch(value):
        return "你设的密码"
    if HAN_NAME.fullmatch(value):
        return "你的真实姓名"
    return ""


def instruction(action: dict[str, Any]) -> Instruction:
    """One recorded action as the card's instruction."""
    kind, label, value = action["kind"], action["label"], action["value"]
    if kind == "click":
        if label.startswith(("http://", "https://")):
            return Instruction("点击邮件正文中的链接（或把它复制到浏览器地址栏）", reads_mail=True)
        if len(label) >= LABEL_LIMIT:
            return Instruction("点击红框标出的链接")
        return Instruction(f"点击“{label}”")
    if kind == "upload":
        return Instruction(f"在“{label}”处点击“选择文件”按钮（截图中显示为英文），选择", own="你的照片", example=value)
    own = own_data(value)
    verb = "选择" if kind == "choose" else "输入"
    if own:
        return Instruction(f"在“{label}”中{verb}", own=own, example=value)
    return Instruction(f"在“{label}”中{verb}：{value}")


def corrections(audit: dict[str, Any]) -> dict[str, str]:
    """Sentence id -> the audit's corrected sentence, where the guide's own wording is defective or out of date."""
    fixed: dict[str, str] = {}
    for claim in audit.get("claims", []):
        if claim["verdict"] in ("unclear", "contradicted") and claim.get("suggestion"):
            fixed.setdefault(claim["sentence"], claim["suggestion"])
    return fixed


@dataclass(frozen=True)
class Problem:
    """One thing that can go wrong, and what to do."""

    title: str
    what_to_do: str


def trouble_section(guide: Guide) -> Section | None:
    """The guide's own section on login trouble (the seed's 三); another school's guide may have none."""
    return next((s for s in guide.sections if s.id.startswith("login")), None)


def troubles(guide: Guide, audit: dict[str, Any], section: Section) -> list[Problem]:
    """遇到问题怎么办: the guide's own section 三 (login trouble), then what the audit found wrong in this section."""
    trouble = trouble_section(guide)
    fixed = corrections(audit)
    # The login-trouble handout is section 三 itself: it lists only what the audit found.
    others = [] if trouble is None or section is trouble else trouble.sentences
    found = [Problem(_heading_of(s), fixed.get(s.id, s.title)) for s in others]
    ours = {s.id for s in section.sentences}
    for claim in audit.get("claims", []):
        if claim["sentence"] in ours and claim["verdict"] in ("unclear", "contradicted") and claim.get("suggestion"):
            said = guide.claims()[claim["id"]].text.replace("‚", "“").replace("‛", "”")
            found.append(Problem(f"指南这里写得不准确：“{said}”", claim["suggestion"]))
    return found


def _heading_of(sentence: Sentence) -> str:
    """A trouble's name: the sentence up to its first comma or colon (如 忘记学信网登录用户名处理办法)."""
    head = re.split(r"[,，:：。]", sentence.title)[0]
    return re.sub(r"^\d+、", "", head)
