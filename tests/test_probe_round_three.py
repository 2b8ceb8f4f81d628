"""The third outside probe's holes in the mock, each reproduced without a browser, named for its attack: they stay closed."""

from __future__ import annotations

import hashlib
import io
import re
import time
from datetime import timedelta

import pytest
from PIL import Image

from fixtures.images import id_card_photo
from fixtures.personas import make_persona
from fixtures.students import enrol, existing_account, pending_account
from mock_server import Site, url_for, urls
from mock_server.clock import GUIDE_MORNING
from mock_server.hosts.account import LT_COOKIE, REVIEW_PHOTOS
from mock_server.hosts.my import SESSION_COOKIE
from mock_server.http import Redirect, Request, UploadedFile
from mock_server.messages import say
from mock_server.profile import PROFILES
from mock_server.services.accounts import Account, Status, digest, verify
from mock_server.services.mail import masked
from mock_server.services.picture_layout import layout
from mock_server.services.uploads import MAX_SCANS, upload_error
from mock_server.state import IDLE_LIMIT, TICKET_LIFETIME, SessionKind, State
from mock_server.testing import TestClient
from tests.helpers import at_phone_step, multipart
from tests.hostile_pictures import TRAILING, other_format_as_jpg, picture, progressive_jpeg

pytestmark = pytest.mark.security

STUDENT = make_persona(51, GUIDE_MORNING.date())
STRANGER = make_persona(52, GUIDE_MORNING.date())
ACCOUNT, MY = urls.ACCOUNT, urls.MY
RECORDS = url_for("records_page")
FRONT = REVIEW_PHOTOS["front"]


def _student(site: Site | None = None) -> TestClient:
    """A client logged in as STUDENT, who is enrolled and registered."""
    client = TestClient(site)
    enrol(client.site.state, STUDENT)
    existing_account(client.site.state, STUDENT)
    assert "欢迎您" in client.log_in(STUDENT.email, STUDENT.password).text
    return client


def _sign_up(client: TestClient, email: str, password: str) -> str:
    """第三步 in this client's browser; the activation link mailed for it."""
    client.post(url_for("register_process"), {"username": email, "password": password, "password1": password})
    return client.site.state.mail.inbox(email)[0].link


def _register_rest(client: TestClient, persona_phone: str) -> None:
    """实名注册 to 是, for STUDENT, in a client that holds the registration."""
    client.post(url_for("real_name"), {"xm": STUDENT.name, "sfzh": STUDENT.id_number, "region": STUDENT.province})
    client.post(url_for("send_pin"), {"mphone": persona_phone})
    code = client.site.state.sms.inbox(persona_phone)[0].code
    client.post(url_for("phone_confirm"), {"mphone": persona_phone, "vcode": code})
    assert "账号注册成功" in client.post(url_for("finish"), {}).text


# 1. Email squatting.
def test_email_squatter_cannot_log_in_once_the_mailbox_owner_activates() -> None:
    """抢注邮箱：陌生人用学生的邮箱和自己的密码注册，学生在自己的浏览器里点激活链接、设置密码并完成注册后，陌生人的密码无效，看不到学籍"""
    site = Site()
    enrol(site.state, STUDENT)
    squatter, owner = TestClient(site), TestClient(site)
    link = _sign_up(squatter, STUDENT.email, "Squat2012x")
    asked = owner.get(link)
    assert say("activation.password_notice") in asked.text and "实名注册" not in asked.text
    owner.post(link, {"password": STUDENT.password, "password1": STUDENT.password})
    _register_rest(owner, STUDENT.phone)
    assert say("login.wrong") in squatter.log_in(STUDENT.email, "Squat2012x").text
    assert STUDENT.id_number not in squatter.get(RECORDS).text
    owner.log_in(STUDENT.email, STUDENT.password)
    assert STUDENT.id_number in owner.get(RECORDS).text


def test_activation_in_the_browser_that_signed_up_goes_straight_on() -> None:
    """在注册时的浏览器里点激活链接（指南的第六步），直接进入实名注册，不再问密码"""
    client = TestClient()
    link = _sign_up(client, STUDENT.email, STUDENT.password)
    assert "<h1>实名注册</h1>" in client.get(link).text


def test_a_squatters_password_is_refused_while_the_owner_sets_one() -> None:
    """设置密码的页面照常检查密码规则；陌生人在学生激活之前登录只会被告知帐号未激活"""
    site = Site()
    squatter, owner = TestClient(site), TestClient(site)
    link = _sign_up(squatter, STUDENT.email, "Squat2012x")
    assert say("login.not_activated") in squatter.log_in(STUDENT.email, "Squat2012x").text
    refused = owner.post(link, {"password": "abc", "password1": "abc"})
    assert PROFILES["2012"].password_rule in refused.text
    assert site.state.accounts.get(STUDENT.email).status is Status.PENDING_ACTIVATION  # type: ignore[union-attr]


# 2. Login CSRF.
def _login_form(client: TestClient) -> str:
    """Open the login page in this client; the form's `lt`."""
    found = re.search(r'name="lt" value="([^"]+)"', client.get(urls.LOGIN).text)
    assert found is not None
    return found.group(1)


def test_a_login_without_lt_is_refused() -> None:
    """登录 CSRF：不带 lt 的登录请求被拒绝，不登录任何人"""
    client = TestClient()
    existing_account(client.site.state, STUDENT)
    _login_form(client)
    page = client.post(urls.LOGIN, {"username": STUDENT.email, "password": STUDENT.password})
    assert say("login.form_expired") in page.text and SESSION_COOKIE not in client.cookies.get("my.chsi.com.cn", {})


def test_a_replayed_lt_is_refused() -> None:
    """登录 CSRF：用过的 lt 再次提交被拒绝"""
    client = TestClient()
    existing_account(client.site.state, STUDENT)
    lt = _login_form(client)
    form = {"username": STUDENT.email, "password": STUDENT.password, "lt": lt}
    assert "欢迎您" in client.post(urls.LOGIN, form).text
    assert say("login.form_expired") in client.post(urls.LOGIN, form).text


def test_an_lt_fetched_in_another_browser_signs_no_one_in() -> None:
    """登录 CSRF：攻击者在自己的浏览器里取得的 lt，放进学生浏览器提交的表单里也无效"""
    site = Site()
    existing_account(site.state, STRANGER)
    attacker, victim = TestClient(site), TestClient(site)
    lt = _login_form(attacker)
    _login_form(victim)  # the victim's browser even has a login cookie of its own
    page = victim.post(urls.LOGIN, {"username": STRANGER.email, "password": STRANGER.password, "lt": lt})
    assert say("login.form_expired") in page.text and SESSION_COOKIE not in victim.cookies.get("my.chsi.com.cn", {})
    assert LT_COOKIE in victim.cookies["account.chsi.com.cn"]


# 3. Logout by a foreign GET.
def test_a_foreign_get_to_logout_ends_no_session() -> None:
    """别的网页用 GET 打开退出地址（链接、图片）只会得到询问页面，学生的会话都还在"""
    client = _student()
    asked = client.get(f"{ACCOUNT}/passport/logout")
    assert say("logout.question") in asked.text
    assert "欢迎您" in client.get(url_for("archive_home")).text


def test_a_logout_post_without_the_token_ends_nothing() -> None:
    """没有退出令牌（或令牌不对）的 POST 不会让任何人退出"""
    client = _student()
    for form in ({}, {"token": "x" * 32}):
        client.post(f"{ACCOUNT}/passport/logout", form)
        assert "欢迎您" in client.get(url_for("archive_home")).text


def test_the_menus_logout_ends_every_session_of_the_student() -> None:
    """学信档案菜单里的“退出”（带令牌的 POST）结束该学生的全部会话"""
    client = _student()
    client.submit(url_for("archive_home"), {})
    assert client.site.state.sessions == {}
    assert "个人用户登录" in client.get(url_for("archive_home")).text


# 4. Tickets and idle sessions on the virtual clock.
def _ticket(client: TestClient) -> str:
    moved = client.log_in(STUDENT.email, STUDENT.password, follow=False)
    assert isinstance(moved, Redirect)
    return moved.location


@pytest.mark.parametrize("later", [TICKET_LIFETIME + timedelta(seconds=1), timedelta(days=1)], ids=["11秒后", "一天后"])
def test_an_unused_service_ticket_expires(later: timedelta) -> None:
    """没用过的登录票据过期作废：一天后（或 10 秒之后）拿它什么也打不开"""
    client = TestClient()
    enrol(client.site.state, STUDENT)
    existing_account(client.site.state, STUDENT)
    ticket = _ticket(client)
    client.site.state.clock.advance(later)
    assert "个人用户登录" in TestClient(client.site).get(ticket).text


def test_a_fresh_service_ticket_works_once() -> None:
    """票据在有效期内只能用一次：第二次使用被拒绝"""
    client = TestClient()
    existing_account(client.site.state, STUDENT)
    ticket = _ticket(client)
    client.site.state.clock.advance(TICKET_LIFETIME)
    assert "欢迎您" in TestClient(client.site).get(ticket).text
    assert "个人用户登录" in TestClient(client.site).get(ticket).text


def test_an_idle_archive_session_ends_and_a_used_one_lives_on() -> None:
    """学信档案会话闲置 30 分钟后失效，一天后不再显示身份证号；其间每次使用都重新计时"""
    client = _student()
    clock = client.site.state.clock
    for _ in range(3):
        clock.advance(IDLE_LIMIT[SessionKind.ARCHIVE] - timedelta(seconds=1))
        assert STUDENT.id_number in client.get(RECORDS).text
    clock.advance(timedelta(days=1))
    page = client.get(RECORDS)
    assert STUDENT.id_number not in page.text and "个人用户登录" in page.text


# 5. HEAD and plain http.
def test_head_to_find_password_sends_no_reset_mail() -> None:
    """HEAD 请求（带着表单内容）不会执行找回密码：不寄重置邮件，得到 405 并写明允许的方法"""
    site = Site()
    existing_account(site.state, STUDENT)
    body = f"loginName={STUDENT.email}".encode()
    headers = {"content-type": "application/x-www-form-urlencoded", "accept": "text/html"}
    answer = site.handle(Request("HEAD", url_for("find_password"), headers, body))
    assert answer.status == 405 and answer.headers["allow"] == "GET, POST"
    assert site.state.mail.delivered == []


def test_head_to_an_activation_link_does_not_use_it_up() -> None:
    """邮件扫描器对激活链接发 HEAD 不会用掉链接：学生随后点击照样进入实名注册"""
    client = TestClient()
    link = _sign_up(client, STUDENT.email, STUDENT.password)
    assert client.site.handle(Request("HEAD", link)).status == 405
    assert "<h1>实名注册</h1>" in client.get(link).text


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_plain_http_is_redirected_to_https_and_never_answered(method: str) -> None:
    """http:// 的请求一律转到 https://，本身不被处理：不显示密码表单，不寄重置邮件"""
    site = Site()
    existing_account(site.state, STUDENT)
    plain = url_for("find_password").replace("https://", "http://", 1)
    body = f"loginName={STUDENT.email}".encode() if method == "POST" else b""
    headers = {"content-type": "application/x-www-form-urlencoded"}
    answer = site.handle(Request(method, plain, headers, body))
    assert isinstance(answer, Redirect) and answer.location == url_for("find_password")
    assert b"password" not in answer.body and site.state.mail.delivered == []


# 6. SMS codes.
def test_one_sms_code_confirms_only_the_registration_that_asked_once() -> None:
    """同一条校验码：确认过一个帐号后，另一个注册拿它确认同一手机号被拒绝；同一注册也不能再用"""
    site = Site()
    first, second = at_phone_step(site, STUDENT), at_phone_step(site, STRANGER)
    first.post(url_for("send_pin"), {"mphone": STUDENT.phone})
    code = site.state.sms.inbox(STUDENT.phone)[0].code
    assert (
        "<h1>确认个人信息</h1>" in first.post(url_for("phone_confirm"), {"mphone": STUDENT.phone, "vcode": code}).text
    )
    refused = second.post(url_for("phone_confirm"), {"mphone": STUDENT.phone, "vcode": code})
    assert say("code.wrong") in refused.text
    assert site.state.accounts.get(STRANGER.email).phone == ""  # type: ignore[union-attr]
    assert site.state.sms.check(STUDENT.phone, code, site.state.clock.now(), STUDENT.email) == say("code.used")


def test_a_code_confirms_only_the_phone_it_was_sent_to() -> None:
    """发到一个手机的校验码不能确认另一个手机号"""
    site = Site()
    client = at_phone_step(site, STUDENT)
    client.post(url_for("send_pin"), {"mphone": STUDENT.phone})
    code = site.state.sms.inbox(STUDENT.phone)[0].code
    other = "13912345678" if STUDENT.phone != "13912345678" else "13812345678"
    assert say("code.wrong") in client.post(url_for("phone_confirm"), {"mphone": other, "vcode": code}).text


# 7. Blank names.
def _phone_account_without_email(state: State) -> Account:
    """An account registered on today's site by phone, with no email."""
    return state.accounts.add(
        Account("", digest(STUDENT.password), state.clock.now(), Status.REGISTERED, STUDENT.name, STUDENT.id_number,
                STUDENT.birth_date, STUDENT.sex, STUDENT.province, STUDENT.phone, state.clock.now(), by_phone=True)
    )  # fmt: skip


def test_a_blank_username_signs_in_no_account_without_an_email() -> None:
    """空白用户名配上一个没有邮箱的帐号的密码，不会登录该帐号"""
    client = TestClient(Site(State(profile=PROFILES["current"])))
    _phone_account_without_email(client.site.state)
    assert client.site.state.accounts.get("") is None and client.site.state.accounts.get("  ") is None
    page = client.log_in("", STUDENT.password)
    assert say("login.blank") in page.text and SESSION_COOKIE not in client.cookies.get("my.chsi.com.cn", {})


def test_five_empty_login_forms_lock_no_one_out() -> None:
    """连续提交五次（以上）空白登录表单，不会锁定任何帐号"""
    client = TestClient(Site(State(profile=PROFILES["current"])))
    _phone_account_without_email(client.site.state)
    for _ in range(6):
        client.log_in("", "")
        client.log_in(" ", STUDENT.password + "x")
    assert client.site.state.logins.wrong == {}
    assert "欢迎您" in client.log_in(STUDENT.phone, STUDENT.password).text


def test_blank_names_and_numbers_match_nothing() -> None:
    """空白的姓名或身份证号不匹配任何帐号、学籍或审核申请（未实名的帐号也没有身份证号）"""
    state = State()
    pending_account(state, STUDENT)
    enrol(state, STRANGER)
    assert state.accounts.on_id("") == [] and state.accounts.on_id(" ") == []
    assert state.records.match("", "") is None
    assert state.reviews.find("", "") is None


# 8. Passwords at rest.
def test_passwords_are_kept_as_salted_scrypt_never_as_a_bare_hash() -> None:
    """密码用 scrypt 加每个帐号自己的盐保存：同一密码两个帐号存的不同，存的内容里没有密码，也不是裸 SHA-256"""
    state = State()
    one, two = existing_account(state, STUDENT), existing_account(state, STUDENT, "other@163.com")
    assert one.password_digest != two.password_digest
    assert one.password_digest.startswith("scrypt$") and STUDENT.password not in one.password_digest
    bare = hashlib.sha256(STUDENT.password.encode()).hexdigest()
    assert bare not in one.password_digest
    assert verify(STUDENT.password, one.password_digest) and not verify(STUDENT.password + "x", one.password_digest)
    assert not verify(STUDENT.password, bare)  # an old bare hash is no password this site accepts


# 9. 找回用户名 and 找回密码.
def _find(client: TestClient, name: str, id_number: str) -> str:
    return client.post(url_for("find_username"), {"xm": name, "sfzh": id_number}).text


def test_find_username_answers_an_unknown_id_and_a_wrong_name_alike() -> None:
    """找回用户名：没有帐号的身份证号与姓名不符得到一模一样的回答，陌生人分不出哪个身份证号注册过"""
    client = TestClient()
    existing_account(client.site.state, STUDENT)
    unknown = _find(client, STRANGER.name, STRANGER.id_number)
    wrong_name = _find(client, STRANGER.name, STUDENT.id_number)
    assert say("recovery.no_match") in unknown
    assert unknown.replace(STUDENT.id_number, STRANGER.id_number) == wrong_name.replace(
        STUDENT.id_number, STRANGER.id_number
    )


def test_find_username_stops_name_guessing_after_five_misses() -> None:
    """找回用户名：同一身份证号一小时内猜错 5 次姓名后暂停 30 分钟（连正确的姓名也要等），空白不计"""
    client = TestClient()
    existing_account(client.site.state, STUDENT)
    for _ in range(3):
        assert say("recovery.blank") in _find(client, " ", STUDENT.id_number)
    for guess in range(5):
        _find(client, STRANGER.name + str(guess), STUDENT.id_number)
    assert say("recovery.too_many", minutes=30) in _find(client, STUDENT.name, STUDENT.id_number)
    client.site.state.clock.advance(timedelta(minutes=30))
    assert STUDENT.email in _find(client, STUDENT.name, STUDENT.id_number)


def test_find_password_by_phone_masks_the_mailbox() -> None:
    """今天的学信网：用手机号找回密码，页面只显示打码的邮箱；2012 年站点上输入邮箱本身时照原样显示"""
    client = TestClient(Site(State(profile=PROFILES["current"])))
    account = _phone_account_without_email(client.site.state)
    account.email = STUDENT.email
    page = client.get(url_for("find_password"))
    answer = client.site.state.captcha.answer
    page = client.post(url_for("find_password"), {"loginName": STUDENT.phone, "captcha": answer})
    assert masked(STUDENT.email) in page.text and STUDENT.email not in page.text
    assert re.fullmatch(r".\*\*\*\*@[\w.]+", masked(STUDENT.email))
    old = TestClient()
    existing_account(old.site.state, STUDENT)
    assert STUDENT.email in old.post(url_for("find_password"), {"loginName": STUDENT.email}).text


# 10. The review form.
@pytest.mark.parametrize("missing", ["xm", "sfzh", "both"])
def test_a_review_without_its_name_or_id_field_is_a_refusal_not_a_crash(missing: str) -> None:
    """帐号审核申请缺少姓名或身份证号字段：得到中文拒绝页面，不是 500，不生成申请"""
    site = Site()
    newcomer = pending_account(site.state, STRANGER)
    fields = [("xm", STUDENT.name), ("sfzh", STUDENT.id_number), ("keep", newcomer.email)]
    fields = [(k, v) for k, v in fields if k != missing and not (missing == "both" and k in {"xm", "sfzh"})]
    files = [("front", "a.jpg", id_card_photo(STUDENT, "正面")), ("back", "b.jpg", id_card_photo(STUDENT, "背面"))]
    content_type, body = multipart(fields, files)
    answer = site.handle(Request("POST", url_for("review"), {"content-type": content_type}, body))
    assert answer.status == 200 and site.state.problems == [] and site.back_office.tickets() == []
    assert 'role="alert"' in answer.text


def test_a_review_with_blank_name_and_id_is_refused_and_stops_nothing() -> None:
    """姓名和身份证号都留空的审核申请被拒绝：它若被批准，会停用所有未实名的帐号"""
    site = Site()
    newcomer = pending_account(site.state, STRANGER)
    errors = site.state.reviews.refusals(site.state.accounts, " ", "", newcomer.email)
    assert errors["xm"] == say("review.name_missing") and errors["sfzh"] == say("id.invalid")


# 11. Uploads.
@pytest.mark.parametrize("case", list(TRAILING))
def test_data_hidden_after_the_pictures_own_end_marker_is_refused(case: str) -> None:
    """图片结尾标记之后藏着别的数据（jpg 后接 zip 再接 FFD9、png 后接数据再接 IEND、gif 后接脚本）被拒绝"""
    name, data = TRAILING[case]
    assert upload_error(UploadedFile(name, data), FRONT) == say("upload.trailing_data", label=FRONT)


@pytest.mark.parametrize("fmt", ["PCX", "TGA", "SGI", "DDS", "IM"])
def test_a_jpg_that_is_another_format_is_never_read_as_that_format(fmt: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """扩展名是 .jpg、实际是 PCX/TGA/SGI/DDS/IM 的文件：Pillow 的这些格式的读取器根本不会被调用，直接拒绝"""
    data = other_format_as_jpg(fmt)
    Image.init()
    opened: list[str] = []
    for name, (factory, accept) in list(Image.OPEN.items()):
        if name not in {"JPEG", "PNG", "GIF"}:

            def spy(fp: object, filename: object = None, *, _factory: object = factory, _name: str = name) -> object:
                opened.append(_name)
                return _factory(fp, filename)  # type: ignore[operator]

            monkeypatch.setitem(Image.OPEN, name, (spy, accept))
    assert upload_error(UploadedFile("zhengmian.jpg", data), FRONT) == say("upload.not_image", label=FRONT)
    assert opened == []


def test_a_progressive_jpeg_with_thousands_of_scans_is_refused_in_milliseconds() -> None:
    """上千层扫描的渐进式 JPEG（300K 内可达上万层，解码要几十秒）不解码就被拒绝"""
    data = progressive_jpeg(3000)
    started = time.monotonic()
    problem = upload_error(UploadedFile("zhengmian.jpg", data), FRONT)
    assert problem == say("upload.too_many_scans", label=FRONT, scans=3000)
    assert time.monotonic() - started < 1


def test_the_slowest_photo_allowed_decodes_in_seconds() -> None:
    """允许的最坏情况（1200 万像素、64 层扫描）几秒内解码完（空闲的机器上约一秒），不是几分钟"""
    image = Image.new("RGB", (4000, 3000), "#808080")
    out = io.BytesIO()
    image.save(out, "JPEG", progressive=True, quality=50)
    data = out.getvalue()
    end = layout(data, "JPEG").end - 2
    starts = [i for i in range(len(data) - 1) if data[i : i + 2] == b"\xff\xda"]
    smallest = min((data[a:b] for a, b in zip(starts, [*starts[1:], end], strict=True)), key=len)
    data = data[:end] + smallest * (MAX_SCANS - len(starts)) + b"\xff\xd9"
    started = time.monotonic()
    assert upload_error(UploadedFile("zhengmian.jpg", data), FRONT) is None
    assert time.monotonic() - started < 15  # generous: a shared, busy machine is several times slower


def test_honest_pictures_still_pass() -> None:
    """正常的 jpg、png、gif 照常通过"""
    for fmt, name in (("JPEG", "a.jpg"), ("PNG", "a.png"), ("GIF", "a.gif")):
        assert upload_error(UploadedFile(name, picture(fmt)), FRONT) is None
    assert upload_error(UploadedFile("a.jpg", picture("JPEG") + b"\0\0\r\n"), FRONT) is None  # a camera's padding
