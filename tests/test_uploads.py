"""ID card photos: type, size, emptiness and real content are checked on upload."""

import pytest

from fixtures.images import id_card_photo, oversized_photo
from fixtures.personas import make_persona
from mock_server.clock import GUIDE_MORNING
from mock_server.http import UploadedFile
from mock_server.services.uploads import MAX_BYTES, upload_error

STUDENT = make_persona(7, GUIDE_MORNING.date())


@pytest.mark.parametrize(("name", "fmt"), [("a.jpg", "JPEG"), ("a.JPEG", "JPEG"), ("a.png", "PNG"), ("a.gif", "GIF")])
def test_allowed_images_pass(name: str, fmt: str) -> None:
    assert upload_error(UploadedFile(name, id_card_photo(STUDENT, "正面", fmt)), "正面") is None


def test_missing_file_asks_for_one() -> None:
    assert upload_error(None, "身份证正面") == "请选择身份证正面图片"
    assert upload_error(UploadedFile("", b""), "身份证正面") == "请选择身份证正面图片"


@pytest.mark.parametrize("name", ["a.bmp", "a.pdf", "a", "a.jpg.exe"])
def test_other_extensions_are_refused(name: str) -> None:
    assert (
        upload_error(UploadedFile(name, b"x"), "正面") == "正面图片格式不支持：只能上传 jpg、jpeg、png、gif 格式的图片"
    )


def test_empty_file_is_refused() -> None:
    assert upload_error(UploadedFile("a.jpg", b""), "正面") == "正面图片是空文件，请重新选择"


def test_more_than_300k_is_refused_and_300k_passes() -> None:
    big = oversized_photo()
    assert len(big) > MAX_BYTES
    assert (
        upload_error(UploadedFile("a.png", big), "正面")
        == f"正面图片超过300K（当前 {len(big) // 1024}K），请压缩后重新上传"
    )
    padded = id_card_photo(STUDENT, "正面", "PNG")
    assert len(padded) <= MAX_BYTES and upload_error(UploadedFile("a.png", padded), "正面") is None


def test_renamed_text_file_is_refused() -> None:
    assert upload_error(UploadedFile("a.jpg", "身份证".encode()), "正面") == "正面文件不是有效的图片，请上传真实的照片"


def test_image_behind_the_wrong_extension_is_refused() -> None:
    png = id_card_photo(STUDENT, "正面", "PNG")
    assert upload_error(UploadedFile("a.jpg", png), "正面") == "正面图片内容与扩展名不符（实际为 PNG），请上传原始照片"
