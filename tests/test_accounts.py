"""Registration rules of the 2012 site: email, password, one email once, activation, 实名, login."""

from datetime import timedelta

import pytest

from mock_server.clock import GUIDE_MORNING
from mock_server.messages import say
from mock_server.profile import SITE_2012
from mock_server.services.accounts import Accounts, Invalid, Status

T0 = GUIDE_MORNING
ID = "11010519491231002X"


def errors_of(call) -> dict[str, str]:  # type: ignore[no-untyped-def]
    with pytest.raises(Invalid) as refused:
        call()
    return refused.value.errors


@pytest.mark.parametrize("email", ["zhangsan", "zhangsan@163", "zhang san@163.com", "@163.com", ""])
def test_username_must_be_an_email(email: str) -> None:
    assert errors_of(lambda: Accounts(SITE_2012).preregister(email, "abc123", "abc123", T0)) == {
        "username": say("username.not_email")
    }


@pytest.mark.parametrize("password", ["abc12", "", "abc 123", "abc123!", "密码abc123"])
def test_password_is_six_or_more_digits_or_letters(password: str) -> None:
    assert errors_of(lambda: Accounts(SITE_2012).preregister("a@b.cn", password, password, T0)) == {
        "password": "密码由6位以上的数字或字母组成"
    }


@pytest.mark.parametrize("password", ["abc123", "123456", "abcdef", "A" * 40])
def test_six_or_more_digits_or_letters_pass(password: str) -> None:
    assert Accounts(SITE_2012).preregister("a@b.cn", password, password, T0).status is Status.PENDING_ACTIVATION


def test_confirmation_must_match() -> None:
    assert errors_of(lambda: Accounts(SITE_2012).preregister("a@b.cn", "abc123", "abc124", T0)) == {
        "password1": say("password.mismatch")
    }


def test_one_email_registers_once_whatever_its_case() -> None:
    accounts = Accounts(SITE_2012)
    accounts.preregister("a@b.cn", "abc123", "abc123", T0)
    assert errors_of(lambda: accounts.preregister(" A@B.cn ", "xyz789", "xyz789", T0)) == {
        "username": say("email.taken")
    }


def pending() -> tuple[Accounts, str]:
    accounts = Accounts(SITE_2012)
    account = accounts.preregister("a@b.cn", "abc123", "abc123", T0)
    return accounts, accounts.issue_activation(account, T0)


def test_activation_within_48_hours_opens_real_name() -> None:
    accounts, token = pending()
    assert accounts.activate(token, T0 + timedelta(hours=48)).status is Status.PENDING_REAL_NAME


def test_activation_after_48_hours_has_expired() -> None:
    accounts, token = pending()
    assert errors_of(lambda: accounts.activate(token, T0 + timedelta(hours=48, seconds=1))) == {
        "link": say("activation.expired")
    }


def test_activation_link_works_once() -> None:
    accounts, token = pending()
    accounts.activate(token, T0)
    assert errors_of(lambda: accounts.activate(token, T0)) == {"link": say("activation.used")}


def test_tampered_token_is_invalid() -> None:
    accounts, token = pending()
    assert errors_of(lambda: accounts.activate(token[:-1] + "~", T0)) == {"link": say("activation.invalid")}


def test_tokens_are_unguessable_and_distinct() -> None:
    accounts, token = pending()
    again = accounts.issue_activation(accounts.get("a@b.cn"), T0)  # type: ignore[arg-type]
    assert token != again and len(token) >= 32


def activated() -> Accounts:
    accounts, token = pending()
    accounts.activate(token, T0)
    return accounts


@pytest.mark.parametrize("name", ["Zhang San", "zhangsan", "张三2", "张 三", ""])
def test_real_name_must_be_han_characters(name: str) -> None:
    accounts = activated()
    account = accounts.get("a@b.cn")
    assert "xm" in errors_of(lambda: accounts.submit_real_name(account, name, ID, "北京市"))  # type: ignore[arg-type]


def test_minority_name_with_middle_dot_is_accepted() -> None:
    accounts = activated()
    account = accounts.get("a@b.cn")
    accounts.submit_real_name(account, "买买提·艾力", ID, "新疆维吾尔自治区")  # type: ignore[arg-type]
    assert account.status is Status.PENDING_PHONE  # type: ignore[union-attr]


def test_real_name_derives_birth_date_and_sex_from_the_number() -> None:
    accounts = activated()
    account = accounts.get("a@b.cn")
    assert account is not None
    accounts.submit_real_name(account, "张三", ID.lower(), "北京市")
    assert (account.id_number, account.birth_date.isoformat(), account.sex) == (ID, "1949-12-31", "女")  # type: ignore[union-attr]


def test_wrong_check_character_is_refused_and_nothing_changes() -> None:
    accounts = activated()
    account = accounts.get("a@b.cn")
    assert account is not None
    errors = errors_of(lambda: accounts.submit_real_name(account, "张三", ID[:17] + "0", "北京市"))
    assert errors == {"sfzh": say("id.invalid")}
    assert (account.status, account.name, account.id_number) == (Status.PENDING_REAL_NAME, "", "")


def registered(accounts: Accounts, email: str, password: str = "abc123") -> None:
    account = accounts.preregister(email, password, password, T0)
    accounts.activate(accounts.issue_activation(account, T0), T0)
    accounts.submit_real_name(account, "张三", ID, "北京市")
    accounts.confirm_phone(account, "13800000000")
    accounts.finish(account, T0)


def test_an_id_number_already_registered_is_refused() -> None:
    accounts = Accounts(SITE_2012)
    registered(accounts, "first@b.cn")
    second = accounts.preregister("second@b.cn", "abc123", "abc123", T0)
    accounts.activate(accounts.issue_activation(second, T0), T0)
    assert errors_of(lambda: accounts.submit_real_name(second, "张三", ID, "北京市")) == {"sfzh": say("id.taken")}


def test_login_states() -> None:
    accounts = Accounts(SITE_2012)
    registered(accounts, "done@b.cn")
    accounts.preregister("new@b.cn", "abc123", "abc123", T0)
    assert accounts.authenticate("DONE@b.cn", "abc123").status is Status.REGISTERED
    assert errors_of(lambda: accounts.authenticate("done@b.cn", "abc124")) == {"status": say("login.wrong")}
    assert errors_of(lambda: accounts.authenticate("nobody@b.cn", "abc123")) == {"status": say("login.wrong")}
    assert errors_of(lambda: accounts.authenticate("new@b.cn", "abc123")) == {"status": say("login.not_activated")}
