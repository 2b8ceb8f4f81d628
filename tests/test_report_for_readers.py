"""What the report shows its readers, without a browser: Chinese titles and labels, light attachments, its interface."""

from __future__ import annotations

import base64
import io
import json
import re
import zipfile
from pathlib import Path

from PIL import Image, ImageDraw

from chsi_e2e import allure_ui, report_input
from chsi_e2e.lighter import lighten, lighter_trace, palette
from fixtures.guide import load_guide
from harness import evidence
from harness.plugin.options import MARKERS
from mock_server.profile import PROFILES, READER_NAMES, described

GUIDE = load_guide()


def _result(**extra: object) -> dict[str, object]:
    labels = [
        {"name": evidence.LABEL_VERDICT, "value": "confirmed"},
        {"name": evidence.LABEL_CLAIM, "value": "reg.3.email"},
        {"name": evidence.LABEL_CLAIM, "value": "login.2.possible"},
        {"name": evidence.LABEL_WALKTHROUGH, "value": "login"},
        {"name": evidence.LABEL_PROFILE, "value": "current"},
        {"name": "tag", "value": "registration"},
        {"name": "tag", "value": "三、2、忘记密码操作方式如同1一样操作"},
        {"name": "thread", "value": "4242-MainThread"},
    ]
    return {"name": "不合格的身份证照片（\\u683c\\u5f0f\\u4e0d\\u652f\\u6301）", "labels": labels,
            "parameters": [{"name": "browser_name", "value": "'chromium'"}], **extra}  # fmt: skip


def test_titles_labels_and_parameters_read_as_chinese_words() -> None:
    """No \\u escapes, no raw keys: verdicts, claims, sections, profiles and steps in words; parameters hidden."""
    shown = report_input.translate(_result(), GUIDE)
    assert shown["name"] == "不合格的身份证照片（格式不支持）"
    values = [label["value"] for label in shown["labels"]]  # type: ignore[attr-defined]
    assert values == [
        "仍然正确", "一、第三步：用户名必须是一个真实的邮箱", "三、2、忘记密码操作方式如同1一样操作：能在网站上完成",
        "三、学信账号登录异常情况处理办法", described("current"), "一、帐号注册", "三、2、忘记密码操作方式如同1一样操作",
        "进程 4242",
    ]  # fmt: skip
    assert all(p["mode"] == "hidden" for p in shown["parameters"])  # type: ignore[attr-defined]


def test_every_marker_label_and_profile_has_words_for_readers() -> None:
    """A new marker, label or site profile cannot reach the report under its Python name."""
    tags = {line.split(":")[0] for line in MARKERS if "(" not in line.split(":")[0]}
    assert tags <= set(report_input.MARKER_WORDS), tags - set(report_input.MARKER_WORDS)
    labels = {value for name, value in vars(evidence).items() if name.startswith("LABEL_")}
    assert labels <= set(allure_ui.LABEL_NAMES), labels - set(allure_ui.LABEL_NAMES)
    assert set(PROFILES) <= set(READER_NAMES)


def test_each_guide_step_is_named_whole() -> None:
    """Step tags are never cut mid-word: 三、4、如果先前已经注册了用户."""
    names = [report_input.short_name(GUIDE, s) for section in GUIDE.sections for s in section.sentences]
    assert "三、4、如果先前已经注册了用户" in names and "一、第九步" in names and "目录" in names
    assert all(not re.search(r"[,，:：]$", name) for name in names)


def test_the_environment_names_the_site_version_in_words(tmp_path: Path) -> None:
    environment = tmp_path / "environment.properties"
    environment.write_text(f"浏览器=Chromium 156.0\n{evidence.PROFILE_KEY}=current\n", encoding="utf-8")
    report_input.translate_environment(environment)
    assert environment.read_text(encoding="utf-8") == f"浏览器=Chromium 156.0\n站点版本={described('current')}\n"


def _page_png(text: str) -> bytes:
    image = Image.new("RGB", (600, 400), "#f4f6f9")
    draw = ImageDraw.Draw(image)
    for y in range(20, 380, 24):
        draw.text((20, y), f"{text} {y}", fill="#222222")
    draw.rectangle((100, 100, 300, 140), outline="#e53935", width=3)
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def test_screenshots_get_lighter_and_identical_ones_are_kept_once(tmp_path: Path) -> None:
    """A palette keeps a page readable at a fraction of its size; a repeated picture is embedded once."""
    png = _page_png("text")
    assert len(palette(png)) < len(png)
    for name in ("a", "b", "c"):
        (tmp_path / f"{name}-attachment.png").write_bytes(_page_png("other") if name == "c" else png)
    steps = [{"name": "第一步", "attachments": [{"name": "x", "source": "b-attachment.png"}]}]
    result = {"attachments": [{"name": "y", "source": "a-attachment.png"}, {"name": "z", "source": "c-attachment.png"}],
              "steps": steps}  # fmt: skip
    (tmp_path / "r-result.json").write_text(json.dumps(result), encoding="utf-8")
    lighten(tmp_path)
    shown = json.loads((tmp_path / "r-result.json").read_text(encoding="utf-8"))
    assert shown["steps"][0]["attachments"][0]["source"] == "a-attachment.png"
    assert sorted(p.name for p in tmp_path.glob("*-attachment.png")) == ["a-attachment.png", "c-attachment.png"]


def _frame(caret: bool, text: str) -> bytes:
    image = Image.new("RGB", (800, 600), "white")
    draw = ImageDraw.Draw(image)
    draw.text((40, 40), text, fill="black")
    draw.rectangle((10, 200, 790, 400), fill="#1f5fa6")
    if caret:
        draw.line((200, 60, 200, 76), fill="black")
    out = io.BytesIO()
    image.save(out, "JPEG", quality=90)
    return out.getvalue()


def test_a_trace_keeps_its_events_and_only_the_frames_that_show_a_change(tmp_path: Path) -> None:
    """Frames that only blink a caret point at the frame they repeat; the kept ones are half size."""
    frames = [("f1", _frame(False, "登录")), ("f2", _frame(True, "登录")), ("f3", _frame(False, "找回密码" * 8))]
    events = [{"type": "before", "callId": "1"}] + [
        {"type": "screencast-frame", "pageId": "page@1", "file": f"screencast/{n}.jpeg", "width": 800, "height": 600}
        for n, _ in frames
    ]
    source = io.BytesIO()
    with zipfile.ZipFile(source, "w") as trace:
        trace.writestr("trace.trace", "\n".join(json.dumps(e) for e in events) + "\n")
        trace.writestr("resources/page.html", "<p>snapshot</p>")
        for name, data in frames:
            trace.writestr(f"screencast/{name}.jpeg", data)
    with zipfile.ZipFile(io.BytesIO(lighter_trace(source.getvalue()))) as light:
        kept = sorted(n for n in light.namelist() if n.startswith("screencast/"))
        shown = [json.loads(line) for line in light.read("trace.trace").splitlines()]
        assert kept == ["screencast/f1.jpeg", "screencast/f3.jpeg"]
        assert [e.get("file") for e in shown] == [
            None,
            "screencast/f1.jpeg",
            "screencast/f1.jpeg",
            "screencast/f3.jpeg",
        ]
        assert light.read("resources/page.html") == b"<p>snapshot</p>"
        with Image.open(io.BytesIO(light.read("screencast/f3.jpeg"))) as frame:
            assert frame.size == (400, 300)


# What Allure 3.18's awesome bundle holds of the interface (the zh locale, the labels list, hard-coded words).
BUNDLE = (
    'var a=JSON.parse(\'{"tabs":{"total":"All","results":"Results"}}\');'
    'var b=JSON.parse(\'{"tabs":{"total":"全部","results":"结果","resolutionCategories":"Resolutions"},'
    '"sections":{"report":"Report"},"x":"it\\\'s"}\');'
    'Gl=({groupedLabels:e,size:t="m"})=>(0,F.Y)("div",{children:e&&Object.entries(e)?.map((([e,n])=>'
    "(0,F.Y)(Ql,{size:t,title:e,values:n},e)))});"
    'x={children:"Powered by"};y={title:"Description"};z={zh:{short:"Zh",full:"中文"}};v={children:[" Ver: ",n]}'
)


def test_the_interface_is_finished_in_chinese() -> None:
    """The zh locale's English words, the hard-coded ones and the label names are replaced; English stays English."""
    html = f'<head></head><script src="data:text/javascript;base64,{base64.b64encode(BUNDLE.encode()).decode()}">'
    page = allure_ui.finish(html)
    app = base64.b64decode(re.search(r'base64,([^"]+)"', page).group(1)).decode()  # type: ignore[union-attr]
    assert '"resolutionCategories":"处理方式"' in app and '"report":"报告"' in app and "it\\'s" in app
    assert '"results":"Results"' in app  # the English locale is left alone
    assert "title:window.chsiLabelNames[e]??e" in app
    assert "Powered by" not in app and "Description" not in app and "Ver:" not in app and 'short:"中文"' in app
    assert f"window.chsiLabelNames={json.dumps(allure_ui.LABEL_NAMES, ensure_ascii=False)}" in page
