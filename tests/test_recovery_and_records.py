"""找回用户名, password reset links, review approval, and the 学籍 records."""

from datetime import timedelta

import pytest

from fixtures.personas import make_persona
from fixtures.students import enrol, existing_account, make_record, second_email
from mock_server.back_office import BackOffice
from mock_server.clock import GUIDE_MORNING
from mock_server.messages import say
from mock_server.services.accounts import Invalid, Status
from mock_server.services.records import PhotoCheck
from mock_server.state import State
from mock_server.words import LABELS

STUDENT = make_persona(11, GUIDE_MORNING.date())


def errors_of(call) -> dict[str, str]:  # type: ignore[no-untyped-def]
    with pytest.raises(Invalid) as refused:
        call()
    return refused.value.errors


def with_two_accounts() -> State:
    state = State()
    existing_account(state, STUDENT)
    existing_account(state, STUDENT, second_email(STUDENT))
    return state


def test_find_usernames_needs_the_exact_name() -> None:
    state = with_two_accounts()
    found = state.accounts.find_usernames(STUDENT.name, STUDENT.id_number.lower())
    assert [a.email for a in found] == [STUDENT.email, second_email(STUDENT)]
    assert [a.email for a in state.accounts.find_usernames(f" {STUDENT.name} ", STUDENT.id_number)] == [
        STUDENT.email, second_email(STUDENT),
    ]  # spaces around a name are no part of it  # fmt: skip
    wrong_name = errors_of(
        lambda: state.accounts.find_usernames(STUDENT.name[0] + " " + STUDENT.name[1:], STUDENT.id_number)
    )
    no_account = errors_of(lambda: state.accounts.find_usernames(STUDENT.name, "11010519491231002X"))
    assert wrong_name == no_account == {"xm": say("recovery.no_match")}  # the same answer: nothing to learn


def test_reset_link_is_single_use_and_expires() -> None:
    state = State()
    existing_account(state, STUDENT)
    now = state.clock.now()
    _, token = state.accounts.issue_reset(STUDENT.email, now)
    assert errors_of(lambda: state.accounts.reset_password(token, "short", "short", now)) == {
        "password": "密码由6位以上的数字或字母组成"
    }
    state.accounts.reset_password(token, "abc12345", "abc12345", now)
    assert state.accounts.authenticate(STUDENT.email, "abc12345").email == STUDENT.email
    assert errors_of(lambda: state.accounts.reset_target(token, now)) == {"link": say("reset.used")}
    _, late = state.accounts.issue_reset(STUDENT.email, now)
    assert errors_of(lambda: state.accounts.reset_target(late, now + timedelta(hours=24, seconds=1))) == {
        "link": say("reset.expired")
    }


def test_reset_needs_a_known_username() -> None:
    assert errors_of(lambda: State().accounts.issue_reset("nobody@b.cn", GUIDE_MORNING)) == {
        "loginName": say("reset.no_such_user")
    }


def test_approval_keeps_one_account_and_stops_the_others() -> None:
    state = with_two_accounts()
    ticket = state.reviews.file(STUDENT.name, STUDENT.id_number, STUDENT.email, b"f", b"b", state.clock.now())
    stopped = BackOffice(state).approve(ticket.number)
    assert [a.email for a in stopped] == [second_email(STUDENT)]
    assert state.accounts.get(STUDENT.email).status is Status.REGISTERED  # type: ignore[union-attr]
    assert errors_of(lambda: state.accounts.authenticate(second_email(STUDENT), STUDENT.password)) == {
        "status": say("login.deactivated")
    }


def test_rejection_changes_no_account() -> None:
    state = with_two_accounts()
    ticket = state.reviews.file(STUDENT.name, STUDENT.id_number, STUDENT.email, b"f", b"b", state.clock.now())
    BackOffice(state).reject(ticket.number, "照片不清晰")
    assert len(state.accounts.on_id(STUDENT.id_number)) == 2


def test_records_match_by_exact_name_and_id() -> None:
    state = State()
    record = enrol(state, STUDENT)
    assert state.records.match(STUDENT.name, STUDENT.id_number.lower()) is record
    assert state.records.match(STUDENT.name + " ", STUDENT.id_number) is None
    assert state.records.match(STUDENT.name, "11010519491231002X") is None


def test_record_fields_follow_the_real_page() -> None:
    record = make_record(STUDENT)
    assert [LABELS[key] for key, _ in record.rows()] == [
        "姓名", "性别", "民族", "出生日期", "证件号码", "院校名称", "分院", "专业", "层次", "学历类别",
        "学习形式", "班级", "学号", "入学日期", "学籍状态", "预计毕业日期",
    ]  # fmt: skip
    assert (record.school, record.level, record.expected_graduation.year) == ("湖南生物机电职业技术学院", "专科", 2013)
    assert record.photo is not None and record.photo[:2] == b"\xff\xd8"
    assert make_record(STUDENT, photo=False).photo is None


def test_photo_check_is_recorded_with_its_time() -> None:
    state = State()
    record = enrol(state, STUDENT)
    state.records.confirm_photo(record, state.clock.now())
    assert (record.photo_check, record.checked_at) == (PhotoCheck.CONFIRMED, GUIDE_MORNING)
    other = enrol(state, make_persona(12, GUIDE_MORNING.date()))
    report = state.records.report_photo(other, "不是本人", "a.jpg", GUIDE_MORNING)
    assert (other.photo_check, other.reports) == (PhotoCheck.REPORTED, [report])
