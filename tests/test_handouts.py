"""How a handout chooses its words and pictures, on made-up pages: no browser, no run."""

from __future__ import annotations

import io

from PIL import Image, ImageDraw, ImageFont

from chsi_e2e.handout_pictures import HALF_PX, OUTLINE, RESULT_HEIGHT, Shown, around, load, outcome, same_page
from chsi_e2e.handout_words import corrections, instruction, troubles
from fixtures.guide import load_guide
from mock_server.idcard import check_character

GUIDE = load_guide()
BUTTON = {"x": 300, "y": 300, "width": 80, "height": 30}


def _page(heading: str, notice: bool = False, outline: dict[str, int] | None = None, scrolled: int = 0) -> bytes:
    """A page as the mock draws it: header, a white panel with a heading, a form, maybe a green notice."""
    image = Image.new("RGB", (1200, 860), (244, 246, 249))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0 - scrolled, 1200, 55 - scrolled), fill=(31, 95, 166))
    draw.rectangle((137, 75 - scrolled, 1063, 700 - scrolled), fill=(255, 255, 255))
    font = ImageFont.load_default(size=22)
    draw.text((170, 100 - scrolled), heading, fill=(31, 95, 166), font=font)
    draw.text((400, 300 - scrolled), heading, fill=(51, 51, 51), font=font)  # the form's own words, by its button
    for row in range(4):
        draw.rectangle((290, 160 + row * 40 - scrolled, 560, 185 + row * 40 - scrolled), outline=(90, 90, 90))
    draw.rectangle((300, 300 - scrolled, 380, 330 - scrolled), fill=(31, 95, 166))
    if notice:
        draw.rectangle((170, 600, 1030, 640), fill=(243, 255, 243), outline=(191, 224, 191))
        draw.text((190, 612), "done: the photo is confirmed", fill=(31, 110, 31))
    if outline:
        x, y, w, h = outline["x"], outline["y"], outline["width"], outline["height"]
        draw.rectangle((x - 7, y - 7, x + w + 7, y + h + 7), outline=OUTLINE, width=4)
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def test_the_same_page_is_known_whatever_is_outlined_on_it() -> None:
    assert same_page(_page("login"), _page("login", outline=BUTTON))
    assert not same_page(_page("login"), _page("register"))
    assert not same_page(_page("login"), _page("login", notice=True))


def test_a_result_shows_what_the_action_changed() -> None:
    """A notice below the form: that part of the page; another page: its top; a page loaded again: nothing new."""
    before = _page("records", outline=BUTTON)
    changed = outcome(before, _page("records", notice=True), (300, 300, 380, 330))
    assert changed is not None and changed.height <= RESULT_HEIGHT
    picture = load(changed.png)
    assert (243, 255, 243) in {
        picture.getpixel((x, y)) for x in range(0, picture.width, 7) for y in range(picture.height)
    }
    other = outcome(before, _page("activation"), (300, 300, 380, 330))
    assert other is not None and load(other.png).getpixel((5, 5)) == (
        255,
        255,
        255,
    )  # the new page's panel, from its top
    reloaded = outcome(_page("records", outline=BUTTON, scrolled=200), _page("records"), None, new_page=False)
    assert reloaded is None
    assert outcome(before, before, (300, 300, 380, 330)) is None


def test_a_card_shows_its_element_at_a_scale_that_prints_readable() -> None:
    card = around(_page("login", outline=BUTTON), BUTTON)
    assert card.width <= HALF_PX and not card.wide
    assert card.print_width_mm <= 85  # fits a half-width card: the page's 14-pixel text prints at 8 pt


def test_no_picture_is_printed_twice() -> None:
    shown = Shown()
    first, again = around(_page("login", outline=BUTTON), BUTTON), around(_page("login", outline=BUTTON), BUTTON)
    assert shown.is_new(first) and not shown.is_new(again)
    assert shown.is_new(around(_page("register", outline=BUTTON), BUTTON))


def _act(kind: str, label: str, value: str = "") -> dict[str, object]:
    return {"kind": kind, "label": label, "value": value, "picture": "", "box": {}}


def test_instructions_ask_for_the_students_own_data_with_the_example_small() -> None:
    email = instruction(_act("fill", "用户名", "lihua2012@163.com"))
    assert (email.own, email.example) == ("你的邮箱", "lihua2012@163.com") and "lihua" not in email.text
    id_number = "11010119900307457" + check_character("11010119900307457")
    assert instruction(_act("fill", "身份证号", id_number)).own == "你的身份证号"
    assert instruction(_act("fill", "手机号码", "13800138000")).own == "你的手机号"
    assert instruction(_act("fill", "校验码", "811510")).own == "短信中的校验码"
    assert instruction(_act("fill", "确认密码", "q7HIJNfzaP")).own == "你设的密码"
    assert instruction(_act("fill", "真实姓名", "王宇")).own == "你的真实姓名"
    assert instruction(_act("fill", "有误原因", "照片不是本人")).text == "在“有误原因”中输入：照片不是本人"
    assert "选择文件" in instruction(_act("upload", "身份证正面", "zhengmian.jpg")).text


def test_a_cut_label_is_never_printed() -> None:
    """The harness cuts names at 40 characters: a link's address, or any long name, is said another way."""
    link = instruction(_act("click", "https://account.chsi.com.cn/account/acti"))
    assert link.text.startswith("点击邮件正文中的链接") and link.reads_mail
    assert instruction(_act("click", "很" * 40)).text == "点击红框标出的链接"


AUDIT = {
    "claims": [
        {"id": "img.note.2.label", "sentence": "img.note.2", "verdict": "unclear", "suggestion": "点击“正确”按钮。"},
        {"id": "reg.3.email", "sentence": "reg.3", "verdict": "contradicted", "suggestion": "用户名可以是手机号。"},
        {"id": "reg.3.once", "sentence": "reg.3", "verdict": "confirmed", "suggestion": ""},
    ]
}


def test_headings_and_troubles_take_the_audits_corrections() -> None:
    assert corrections(AUDIT) == {"img.note.2": "点击“正确”按钮。", "reg.3": "用户名可以是手机号。"}
    registration = next(s for s in GUIDE.sections if s.id == "reg")
    found = troubles(GUIDE, AUDIT, registration)
    trouble_section = next(s for s in GUIDE.sections if s.id == "login")
    assert found[0].title == "忘记学信网登录用户名处理办法"
    assert found[-1].what_to_do == "用户名可以是手机号。" and "用户名必须是一个真实的邮箱" in found[-1].title
    assert all(p.what_to_do != "用户名可以是手机号。" for p in troubles(GUIDE, AUDIT, trouble_section))
