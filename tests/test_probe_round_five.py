"""The fifth outside probe's holes in the mock, each reproduced without a browser, named for its attack: they stay closed."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from fixtures.images import id_card_photo
from fixtures.personas import Persona, make_persona
from fixtures.students import enrol, existing_account, second_email
from mock_server import Site, url_for
from mock_server.bridge import fulfil
from mock_server.clock import GUIDE_MORNING
from mock_server.http import Redirect, Request
from mock_server.messages import say
from mock_server.profile import PROFILES
from mock_server.services.mail import masked
from mock_server.state import State
from mock_server.testing import TestClient
from tests.helpers import at_phone_step, multipart

pytestmark = pytest.mark.security

STUDENT = make_persona(71, GUIDE_MORNING.date())
STRANGER = make_persona(72, GUIDE_MORNING.date())
WAIT = timedelta(seconds=61)  # past the wait between two codes


def _wide(digits: str) -> str:
    """Digits as a Chinese input method types them: full-width."""
    return "".join(chr(ord(d) + 0xFEE0) for d in digits)


def _one_page_form(code: str) -> dict[str, str]:
    """Today's one-page registration of the student, with the SMS code typed, no email."""
    return {"mphone": STUDENT.phone, "vcode": code, "password": STUDENT.password, "password1": STUDENT.password,
            "xm": STUDENT.name, "sfzh": STUDENT.id_number, "email": ""}  # fmt: skip


def _registered_by_phone() -> tuple[Site, TestClient]:
    """Today's site, where the student registered with her phone and no email, and the browser she did it in."""
    site = Site(State(profile=PROFILES["current"]))
    enrol(site.state, STUDENT)
    client = TestClient(site)
    client.post(url_for("send_pin"), {"mphone": STUDENT.phone})
    page = client.post(url_for("register_process"), _one_page_form(site.state.sms.inbox(STUDENT.phone)[0].code))
    assert "账号注册成功" in page.text
    return site, client


# 1. Voiding a student's SMS code, and using up her day's codes, by asking for codes to her phone from elsewhere.
def _asked_five_times_by_a_stranger(site: Site) -> TestClient:
    """The student at 手机确认 with a code in hand, after another registration asked for five codes to her phone."""
    student, stranger = at_phone_step(site, STUDENT), at_phone_step(site, STRANGER)
    student.post(url_for("send_pin"), {"mphone": STUDENT.phone})
    for _ in range(5):
        site.state.clock.advance(WAIT)
        stranger.post(url_for("send_pin"), {"mphone": STUDENT.phone})
    site.state.clock.advance(WAIT)
    assert say("sms.daily_limit") in stranger.post(url_for("send_pin"), {"mphone": STUDENT.phone}).text
    return student


def test_codes_another_registration_asks_for_leave_the_students_code_working() -> None:
    """别人的注册向学生的手机号连发五次校验码：学生手里的校验码照样能确认"""
    site = Site()
    student = _asked_five_times_by_a_stranger(site)
    code = next(s.code for s in site.state.sms.inbox(STUDENT.phone) if s.asked_by == STUDENT.email)
    page = student.post(url_for("phone_confirm"), {"mphone": STUDENT.phone, "vcode": code})
    assert "<h1>确认个人信息</h1>" in page.text


def test_codes_another_registration_asks_for_do_not_use_up_the_students_day() -> None:
    """别人的注册把学生手机号当天的五条用完后，学生自己仍能再要一条新校验码"""
    site = Site()
    student = _asked_five_times_by_a_stranger(site)
    assert say("sms.sent", phone=STUDENT.phone) in student.post(url_for("send_pin"), {"mphone": STUDENT.phone}).text


def test_on_todays_site_another_browsers_codes_leave_the_students_registration_working() -> None:
    """今天的一页注册：另一个浏览器向学生的手机号发满五条，学生自己的浏览器仍能收码并注册成功"""
    site = Site(State(profile=PROFILES["current"]))
    enrol(site.state, STUDENT)
    stranger, student = TestClient(site), TestClient(site)
    for _ in range(5):
        stranger.post(url_for("send_pin"), {"mphone": STUDENT.phone})
        site.state.clock.advance(WAIT)
    assert say("sms.sent", phone=STUDENT.phone) in student.post(url_for("send_pin"), {"mphone": STUDENT.phone}).text
    form = _one_page_form(site.state.sms.inbox(STUDENT.phone)[0].code)
    assert say("code.wrong") in stranger.post(url_for("register_process"), form).text  # not the stranger's code
    assert "账号注册成功" in student.post(url_for("register_process"), form).text


# 2. A review that keeps an account registered by phone (no email) stopped every account on the ID.
def test_an_approved_review_keeps_the_account_it_names_by_phone() -> None:
    """今天的站点：审核申请写要保留的帐号是手机号，批准后停用的是其他帐号，手机号帐号照样能登录"""
    site, client = _registered_by_phone()
    old = existing_account(site.state, STUDENT, second_email(STUDENT))  # an older account on the same ID
    content_type, body = multipart(
        [("xm", STUDENT.name), ("sfzh", STUDENT.id_number), ("keep", STUDENT.phone)],
        [("front", "f.jpg", id_card_photo(STUDENT, "front")), ("back", "b.jpg", id_card_photo(STUDENT, "back"))],
    )
    filed = site.handle(Request("POST", url_for("review"), {"content-type": content_type}, body))
    (ticket,) = set(re.findall(r"SH\d+", filed.text))
    stopped = site.back_office.approve(ticket)
    assert [a.email for a in stopped] == [old.email]
    assert "欢迎您" in client.log_in(STUDENT.phone, STUDENT.password).text


# 3. Characters outside ASCII where the site compares a secret: a 500 instead of the site's words.
def test_a_code_typed_in_full_width_digits_is_the_same_code() -> None:
    """手机确认：用中文输入法打出的全角校验码照样确认，不会出错"""
    site = Site()
    student = at_phone_step(site, STUDENT)
    student.post(url_for("send_pin"), {"mphone": STUDENT.phone})
    code = site.state.sms.inbox(STUDENT.phone)[0].code
    page = student.post(url_for("phone_confirm"), {"mphone": STUDENT.phone, "vcode": _wide(code)})
    assert "<h1>确认个人信息</h1>" in page.text and site.crashes == []


@pytest.mark.parametrize(
    ("where", "send"),
    [
        ("校验码", lambda c: c.post(url_for("phone_confirm"), {"mphone": STUDENT.phone, "vcode": "é"})),
        ("退出", lambda c: c.request("POST", url_for("logout"), {"token": "é"}, follow=False)),
    ],
    ids=["校验码里的非ASCII字符", "退出表单里的非ASCII令牌"],
)
def test_a_character_outside_ascii_where_a_secret_is_compared_is_refused_not_a_crash(where: str, send: object) -> None:
    """比较校验码、令牌时遇到非 ASCII 字符：照常拒绝，模拟站点不出错（不返回 500）"""
    site = Site()
    client = at_phone_step(site, STUDENT)
    client.post(url_for("send_pin"), {"mphone": STUDENT.phone})
    TestClient(site).log_in(*_logged_in(site))  # a session somewhere, whose token the form is compared with
    response = send(client)  # type: ignore[operator]
    assert response.status < 500 and site.crashes == [], where


def _logged_in(site: Site) -> tuple[str, str]:
    """A registered student's username and password."""
    enrol(site.state, STRANGER)
    existing_account(site.state, STRANGER)
    return STRANGER.email, STRANGER.password


def test_todays_captcha_in_full_width_digits_is_read_not_a_crash() -> None:
    """今天的找回密码：全角数字的图片验证码照常核对，不出错"""
    site = Site(State(profile=PROFILES["current"]))
    client = TestClient(site)
    client.get(url_for("find_password"))
    page = client.post(url_for("find_password"), {"loginName": "x@163.com", "captcha": _wide("1234")})
    assert page.status == 200 and site.crashes == []


# 4. Logging in with a phone number typed in full-width digits.
def test_a_phone_number_typed_in_full_width_digits_logs_in() -> None:
    """今天的站点：全角数字输入的手机号照样登录（与注册、短信一样按同一号码处理）"""
    site, _ = _registered_by_phone()
    assert "欢迎您" in TestClient(site).log_in(_wide(STUDENT.phone), STUDENT.password).text


# 5. A redirect's address written into the page that moves on: "</script>" in it ended the script.
def test_a_redirect_address_cannot_close_the_script_that_follows_it() -> None:
    """跳转页把目标地址写进脚本：地址里的“</script>”不能结束脚本、插入别的标记"""
    sent: dict[str, bytes] = {}

    class Route:
        def fulfill(self, status: int, headers: dict[str, str], body: bytes) -> None:
            sent["body"] = body

    fulfil(Route(), Redirect(location="https://account.chsi.com.cn/x</script><script>alert(1)</script>"))  # type: ignore[arg-type]
    assert b"</script><script>" not in sent["body"] and sent["body"].count(b"</script>") == 1


# Sixth probe: the account review asked, and looked up, by someone who knows only an ID number.
def _reviewed_student() -> tuple[Site, Persona]:
    site, student = Site(), make_persona(81, GUIDE_MORNING.date())
    enrol(site.state, student)
    existing_account(site.state, student)
    return site, student


def _file_review(site: Site, student: Persona) -> None:
    """The student's own review of her two accounts, filed with her name, ID number and ID card photos."""
    existing_account(site.state, student, second_email(student))
    content_type, body = multipart(
        [("xm", student.name), ("sfzh", student.id_number), ("keep", student.email)],
        [("front", "f.jpg", id_card_photo(student, "front")), ("back", "b.jpg", id_card_photo(student, "back"))],
    )
    site.handle(Request("POST", url_for("review"), {"content-type": content_type}, body))


def test_the_review_form_answers_names_no_longer_once_find_username_has_paused_the_number() -> None:
    """找回用户名连错五次暂停这个身份证号之后，帐号审核表单对任何姓名都给同一个回答，不再替人试出真实姓名"""
    site, student = _reviewed_student()
    stranger = TestClient(site)
    for _ in range(5):
        stranger.post(url_for("find_username"), {"xm": "王五", "sfzh": student.id_number})
    answers = {
        name: stranger.post(url_for("review"), {"xm": name, "sfzh": student.id_number}).text.count(
            say("recovery.too_many", minutes=30)
        )
        for name in ("李四", student.name, "赵六")
    }
    assert len(set(answers.values())) == 1 and 0 not in answers.values(), answers  # the pause, whatever the name


def test_without_the_name_the_review_form_confirms_no_mailbox_and_no_open_ticket() -> None:
    """不知道姓名的人用身份证号试邮箱、看有没有进行中的审核：表单只说姓名不符，不透露哪个邮箱在这个号下、也不给受理编号"""
    site, student = _reviewed_student()
    _file_review(site, student)
    stranger = TestClient(site)
    pages = [stranger.post(url_for("review"), {"sfzh": student.id_number, "keep": keep}).text
             for keep in ("someone@qq.com", student.email)]  # fmt: skip
    assert all(say("review.no_account") in p and say("review.keep_invalid") not in p for p in pages)
    assert not [p for p in pages if re.search(r"SH\d{13}", p)]


def test_the_review_status_shows_the_kept_account_masked_and_wrong_numbers_count_as_misses() -> None:
    """审核进度只凭受理编号和身份证号：通过后保留的帐号打码显示；连猜错五个受理编号，这个身份证号的查询暂停"""
    site, student = _reviewed_student()
    _file_review(site, student)
    (ticket,) = site.back_office.tickets()
    site.back_office.approve(ticket.number)
    owner = TestClient(site).post(url_for("review_status"), {"no": ticket.number, "sfzh": student.id_number}).text
    assert masked(student.email) in owner and student.email not in owner
    guesser = TestClient(site)
    for n in range(5):
        guesser.post(url_for("review_status"), {"no": f"SH20121105{n + 2:05d}", "sfzh": student.id_number})
    paused = guesser.post(url_for("review_status"), {"no": ticket.number, "sfzh": student.id_number}).text
    assert say("recovery.too_many", minutes=30) in paused and masked(student.email) not in paused
