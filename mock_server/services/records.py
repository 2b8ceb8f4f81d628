"""The 学籍 database: students' records, graduate photos, and the students' image checks."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import TYPE_CHECKING

from mock_server.idcard import canonical
from mock_server.services.text import blank

if TYPE_CHECKING:  # only for type hints: accounts know nothing of records
    from mock_server.services.accounts import Account


class PhotoCheck(StrEnum):
    """Where a student's image check stands (the page says it with photo.confirmed or photo.reported_*)."""

    NOT_CHECKED = "not checked"
    CONFIRMED = "confirmed"
    REPORTED = "reported wrong"


@dataclass(frozen=True)
class PhotoReport:
    """A student's report that the graduate photo is wrong."""

    reason: str
    upload_name: str
    filed_at: datetime


@dataclass
class StudentRecord:
    """One 学籍, with the fields the 学籍信息 page shows (chsi-facts.md)."""

    name: str
    id_number: str
    sex: str
    birth_date: date
    ethnicity: str
    school: str
    branch: str
    major: str
    level: str
    category: str
    study_form: str
    class_name: str
    student_no: str
    enrolled: date
    status: str
    expected_graduation: date
    photo: bytes | None = None
    photo_check: PhotoCheck = PhotoCheck.NOT_CHECKED
    checked_at: datetime | None = None
    reports: list[PhotoReport] = field(default_factory=list)

    def rows(self, *, mask_id: bool = False) -> list[tuple[str, str]]:
        """The record as (label key, value) rows, in the page's order (the labels are words.py's record_*); `mask_id`
        hides the ID number's middle."""
        id_number = f"{self.id_number[:3]}***********{self.id_number[-4:]}" if mask_id else self.id_number
        return [
            ("record_name", self.name), ("record_sex", self.sex), ("record_ethnicity", self.ethnicity),
            ("record_birth", self.birth_date.isoformat()), ("record_id", id_number),
            ("record_school", self.school), ("record_branch", self.branch), ("record_major", self.major),
            ("record_level", self.level), ("record_category", self.category), ("record_form", self.study_form),
            ("record_class", self.class_name), ("record_student_no", self.student_no),
            ("record_enrolled", self.enrolled.isoformat()), ("record_status", self.status),
            ("record_graduation", self.expected_graduation.isoformat()),
        ]  # fmt: skip


@dataclass
class Records:
    """Every 学籍 the site knows, found by exact name and ID number."""

    by_id: dict[str, StudentRecord] = field(default_factory=dict)

    def add(self, record: StudentRecord) -> StudentRecord:
        """Enrol a record."""
        self.by_id[record.id_number] = record
        return record

    def match(self, name: str, id_number: str) -> StudentRecord | None:
        """The record whose name and ID number are exactly these (blank ones match nothing)."""
        record = self.by_id.get(canonical(id_number))
        return record if record and record.name == name and not blank(name) else None

    def of(self, account: Account) -> StudentRecord | None:
        """The 学籍 of a (really named) account: the one with its exact name and ID number."""
        return self.match(account.name, account.id_number)

    def photo_to_check(self, account: Account) -> StudentRecord | None:
        """The account's record while its graduate photo still waits for 校对, else None."""
        record = self.of(account)
        unchecked = record is not None and record.photo is not None and record.photo_check is PhotoCheck.NOT_CHECKED
        return record if unchecked else None

    def confirm_photo(self, record: StudentRecord, now: datetime) -> None:
        """图像信息正确: the check is complete."""
        record.photo_check, record.checked_at = PhotoCheck.CONFIRMED, now

    def report_photo(self, record: StudentRecord, reason: str, upload_name: str, now: datetime) -> PhotoReport:
        """图像信息有误: record the student's report for the school."""
        report = PhotoReport(reason, upload_name, now)
        record.reports.append(report)
        record.photo_check, record.checked_at = PhotoCheck.REPORTED, now
        return report
