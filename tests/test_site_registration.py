"""The registration procedure through the site's pages, driven without a browser."""

import re
from datetime import timedelta

from mock_server import Site, urls
from mock_server.http import Redirect
from mock_server.messages import say
from mock_server.profile import PROFILES
from mock_server.state import State
from mock_server.testing import TestClient

ACCOUNT = urls.ACCOUNT


def sign_up(client: TestClient, email: str = "stu@163.com") -> str:
    page = client.post(
        f"{ACCOUNT}/account/registerprocess.action", {"username": email, "password": "abc123", "password1": "abc123"}
    )
    assert "帐号激活邮件已发送到您的邮箱" in page.text
    return client.site.state.mail.inbox(email)[0].link


def test_home_has_the_archive_button_in_its_toolbar() -> None:
    page = TestClient().get(f"{urls.WWW}/")
    assert re.search(r'<nav class="toolbar" aria-label="工具栏">.*>学信档案</a>', page.text, re.S)


def test_activation_mail_arrives_at_the_same_instant() -> None:
    client = TestClient()
    sign_up(client)
    mail = client.site.state.mail.inbox("stu@163.com")[0]
    assert (mail.subject, mail.sent_at) == ("学信网帐号激活邮件", client.site.state.clock.now())


def test_form_errors_keep_what_was_typed_and_are_escaped() -> None:
    client = TestClient()
    page = client.post(
        f"{ACCOUNT}/account/registerprocess.action", {"username": "<b>x", "password": "1", "password1": "1"}
    )
    assert 'value="&lt;b&gt;x"' in page.text
    assert "用户名必须是一个真实的邮箱" in page.text and "密码由6位以上的数字或字母组成" in page.text


def test_whole_registration_then_login_lands_on_my_chsi() -> None:
    client = TestClient()
    state = client.site.state
    assert "实名注册" in client.get(sign_up(client)).text
    page = client.post(
        f"{ACCOUNT}/account/realname.action", {"xm": "张三", "sfzh": "11010519491231002X", "region": "北京市"}
    )
    assert "<h1>手机确认</h1>" in page.text
    sent = client.post(f"{ACCOUNT}/account/getmphonpincode.action", {"mphone": "13800000000"})
    assert '"ok": true' in sent.text
    code = state.sms.inbox("13800000000")[0].code
    page = client.post(f"{ACCOUNT}/account/phoneconfirm.action", {"mphone": "13800000000", "vcode": code})
    assert "<h1>确认个人信息</h1>" in page.text and "1949-12-31" in page.text
    done = client.post(f"{ACCOUNT}/account/finish.action", {})
    assert "账号注册成功" in done.text and "30 * 1000" in done.text
    page = client.log_in("stu@163.com", "abc123")
    assert "欢迎您，张三！" in page.text


def test_steps_cannot_be_skipped() -> None:
    client = TestClient()
    client.get(sign_up(client))
    response = client.request("GET", f"{ACCOUNT}/account/confirm.action", follow=False)
    assert isinstance(response, Redirect) and response.location == "/account/realname.action"


def test_registration_pages_need_the_activation_first() -> None:
    response = TestClient().request("GET", f"{ACCOUNT}/account/realname.action", follow=False)
    assert isinstance(response, Redirect) and response.location == urls.LOGIN


def test_expired_link_page_offers_a_new_mail_that_works() -> None:
    client = TestClient()
    link = sign_up(client)
    client.site.state.clock.advance(timedelta(hours=49))
    page = client.get(link)
    assert say("activation.expired") in page.text and "重新发送激活邮件" in page.text
    token = link.split("token=")[1]
    client.post(f"{ACCOUNT}/account/resendactivation.action", {"token": token})
    fresh = client.site.state.mail.inbox("stu@163.com")[0].link
    assert fresh != link and "实名注册" in client.get(fresh).text


def test_my_chsi_without_login_goes_to_login() -> None:
    response = TestClient().request("GET", f"{urls.MY}/archive/index.action", follow=False)
    assert isinstance(response, Redirect) and response.location == urls.LOGIN


def test_service_ticket_is_single_use() -> None:
    client = TestClient()
    client.get(sign_up(client))
    state = client.site.state
    account = state.accounts.get("stu@163.com")
    assert account is not None
    state.accounts.submit_real_name(account, "张三", "11010519491231002X", "北京市")
    state.accounts.confirm_phone(account, "13800000000")
    state.accounts.finish(account, state.clock.now())
    ticket = client.log_in("stu@163.com", "abc123", follow=False)
    assert isinstance(ticket, Redirect)
    assert "欢迎您" in client.get(ticket.location).text
    again = TestClient(client.site).request("GET", ticket.location, follow=False)
    assert isinstance(again, Redirect) and again.location == urls.LOGIN


def test_current_profile_registers_by_phone_in_one_form_and_logs_in_by_phone() -> None:
    client = TestClient(Site(State(profile=PROFILES["current"])))
    form = client.get(f"{ACCOUNT}/account/preregister.action")
    assert "手机号即为用户名" in form.text and "用户名必须是一个真实的邮箱" not in form.text
    client.post(f"{ACCOUNT}/account/getmphonpincode.action", {"mphone": "13800000000"})
    code = client.site.state.sms.inbox("13800000000")[0].code
    fields = {"mphone": "13800000000", "vcode": code, "password": "abc!@#12", "password1": "abc!@#12",
              "xm": "张三", "sfzh": "11010519491231002X", "email": ""}  # fmt: skip
    assert "账号注册成功" in client.post(f"{ACCOUNT}/account/registerprocess.action", fields).text
    assert client.site.state.mail.delivered == []  # no activation mail on today's site
    assert "欢迎您，张三！" in client.log_in("13800000000", "abc!@#12").text


def test_current_profile_refuses_a_wrong_code_and_keeps_the_form() -> None:
    client = TestClient(Site(State(profile=PROFILES["current"])))
    fields = {"mphone": "13800000000", "vcode": "000000", "password": "abc123", "password1": "abc123",
              "xm": "张三", "sfzh": "11010519491231002X", "email": "a@b.cn"}  # fmt: skip
    page = client.post(f"{ACCOUNT}/account/registerprocess.action", fields)
    assert say("code.wrong") in page.text and 'value="a@b.cn"' in page.text and 'value="张三"' in page.text
    assert client.site.state.accounts.by_username == {}
