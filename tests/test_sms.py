"""校验码: six digits, a resend limit, an expiry, only the newest counts."""

import random
from datetime import timedelta

import pytest

from mock_server.clock import GUIDE_MORNING
from mock_server.messages import say
from mock_server.services.sms import SmsGateway, SmsRefused

T0 = GUIDE_MORNING


def gateway() -> SmsGateway:
    return SmsGateway(timedelta(minutes=10), timedelta(seconds=60), random.Random(1))


def test_code_is_six_digits_and_in_the_text() -> None:
    sms = gateway().send_code("13800000000", T0)
    assert len(sms.code) == 6 and sms.code.isdigit()
    assert f"您的校验码是{sms.code}，10分钟内有效" in sms.text


def test_resend_within_a_minute_is_refused_with_the_wait() -> None:
    sms = gateway()
    sms.send_code("13800000000", T0)
    with pytest.raises(SmsRefused, match="手机校验码获取过于频繁,操作被禁止，请45秒后再试"):
        sms.send_code("13800000000", T0 + timedelta(seconds=15))


def test_resend_after_a_minute_is_sent() -> None:
    sms = gateway()
    sms.send_code("13800000000", T0)
    sms.send_code("13800000000", T0 + timedelta(seconds=60))
    assert len(sms.inbox("13800000000")) == 2


def test_other_phones_are_not_limited() -> None:
    sms = gateway()
    sms.send_code("13800000000", T0)
    sms.send_code("13900000000", T0)
    assert [s.phone for s in sms.inbox("13900000000")] == ["13900000000"]


def test_right_code_in_time_passes() -> None:
    sms = gateway()
    code = sms.send_code("13800000000", T0).code
    assert sms.check("13800000000", code, T0 + timedelta(minutes=10)) is None


def test_code_after_ten_minutes_has_expired() -> None:
    sms = gateway()
    code = sms.send_code("13800000000", T0).code
    assert sms.check("13800000000", code, T0 + timedelta(minutes=10, seconds=1)) == say("code.expired")


def test_wrong_code_and_older_code_are_wrong() -> None:
    sms = gateway()
    old = sms.send_code("13800000000", T0).code
    new = sms.send_code("13800000000", T0 + timedelta(minutes=2)).code
    assert sms.check("13800000000", "abcdef", T0) == say("code.wrong")
    if old != new:
        assert sms.check("13800000000", old, T0 + timedelta(minutes=3)) == say("code.wrong")


def test_no_code_sent_is_wrong() -> None:
    assert gateway().check("13800000000", "123456", T0) == say("code.wrong")
