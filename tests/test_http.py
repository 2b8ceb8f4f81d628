"""Requests parse forms, files and cookies once; responses carry cookies and redirects."""

from mock_server.http import Redirect, Request, Response, redirect


def test_urlencoded_form_is_decoded_as_utf8() -> None:
    request = Request(
        "POST", "https://h/x", {"content-type": "application/x-www-form-urlencoded"}, b"xm=%E5%BC%A0%E4%B8%89&a="
    )
    assert request.form == {"xm": "张三", "a": ""}


def test_multipart_form_gives_fields_and_files() -> None:
    body = (
        b'--XX\r\nContent-Disposition: form-data; name="front"; filename="id.png"\r\nContent-Type: image/png\r\n\r\n'
        b"\x89PNG\r\n--XX\r\nContent-Disposition: form-data; name="
        b'"note"\r\n\r\n\xe6\xad\xa3\xe9\x9d\xa2\r\n--XX--\r\n'
    )
    request = Request("POST", "https://h/x", {"content-type": "multipart/form-data; boundary=XX"}, body)
    assert request.form == {"note": "正面"}
    assert request.files["front"].filename == "id.png"
    assert request.files["front"].data == b"\x89PNG"


def test_query_and_cookies_are_parsed() -> None:
    request = Request("GET", "https://h/p?a=1&b=%E4%BD%A0", {"cookie": "A=1; B=two"})
    assert (request.host, request.path, request.query, request.cookies) == (
        "h",
        "/p",
        {"a": "1", "b": "你"},
        {"A": "1", "B": "two"},
    )


def test_other_bodies_have_no_form() -> None:
    assert Request("POST", "https://h/x", {"content-type": "application/json"}, b"{}").form == {}


def test_set_and_delete_cookie() -> None:
    response = Response()
    response.set_cookie("S", "1", domain=".chsi.com.cn")
    response.delete_cookie("T")
    assert response.cookies == [
        "S=1; Path=/; HttpOnly; Secure; SameSite=Lax; Domain=.chsi.com.cn",
        "T=; Path=/; HttpOnly; Secure; SameSite=Lax; Max-Age=0",
    ]


def test_redirect_appends_query_parameters() -> None:
    response = redirect("https://my/x?a=1", ticket="ST-1")
    assert isinstance(response, Redirect)
    assert (response.status, response.location) == (302, "https://my/x?a=1&ticket=ST-1")
