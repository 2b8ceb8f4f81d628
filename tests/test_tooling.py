"""The tooling without a browser: captions, the report's clean-up, the handout's data, the command line."""

from __future__ import annotations

import base64
import json
import subprocess
import sys
from pathlib import Path

import pytest

from chsi_e2e import cli, walkthrough
from chsi_e2e.allure_report import ReportError, strip_outside_calls
from fixtures.guide import load_guide
from harness.evidence import (
    CLAIMS_ATTACHMENT,
    CLICK_PREFIX,
    LABEL_FAILURE,
    LABEL_VERDICT,
    LABEL_WALKTHROUGH,
    LEFT_THE_MACHINE,
    Failure,
    Verdict,
    step_shot,
)
from harness.replay import Pause, webvtt
from mock_server import urls

ROOT = Path(__file__).parents[1]

# The block Allure 3.18's awesome plugin writes into every report.
ANALYTICS = """<body>
    <script async src="https://www.googletagmanager.com/gtag/js?id=G-LNDJ3J7WT0"></script>
    <script>
        window.dataLayer = window.dataLayer || [];
        function gtag(){dataLayer.push(arguments);}
        gtag('config', 'G-LNDJ3J7WT0', { "report": "awesome" });
    </script>
    <script>window.allureReportData = {};</script>
</body>"""


def test_webvtt_cues_follow_the_steps_and_never_overlap() -> None:
    text = webvtt([("reg.1", "第一步", 0.2, 0.4), ("reg.2", "第二步", 1.0, 3.25), ("reg.3", "第三步", 3.5, 3.6)])
    assert text == (
        "WEBVTT\n\nreg.1\n00:00:00.200 --> 00:00:01.000\n第一步\n\nreg.2\n00:00:01.000 --> 00:00:03.250\n第二步\n\n"
        "reg.3\n00:00:03.500 --> 00:00:05.000\n第三步\n"
    )


def test_report_analytics_are_removed_and_the_data_kept() -> None:
    cleaned = strip_outside_calls(ANALYTICS)
    assert "googletagmanager" not in cleaned and "gtag" not in cleaned
    assert "window.allureReportData" in cleaned


def test_report_that_would_still_call_out_is_refused() -> None:
    with pytest.raises(ReportError, match="外部网址"):
        strip_outside_calls('<img src="https://cdn.example.com/x.png">')


def test_xml_namespaces_are_not_mistaken_for_requests() -> None:
    assert strip_outside_calls('<svg xmlns="http://www.w3.org/2000/svg"></svg>')


PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)


def _result(folder: Path, name: str, status: str, steps: list[tuple[str, list[str]]]) -> None:
    """A minimal Allure result of a journey marked for handouts."""
    for _, files in steps:
        for file_name in files:
            (folder / f"{file_name}.png").write_bytes(PNG)
    actions = [{"kind": "click", "label": "学信档案", "value": "", "picture": f, "box": {"x": 300, "y": 40, "width": 60,
                "height": 20}} for _, files in steps for f in files if f.startswith(CLICK_PREFIX)]  # fmt: skip
    shots = {"reg.1": step_shot("一、第一步")}
    record = {"outcomes": {"reg.1": "中国高等教育学生信息网"}, "shots": shots, "actions": {"reg.1": actions}}
    (folder / f"{name}-claims.json").write_text(json.dumps(record, ensure_ascii=False))
    result = {
        "name": name, "status": status, "labels": [{"name": LABEL_WALKTHROUGH, "value": "reg"}],
        "attachments": [{"name": CLAIMS_ATTACHMENT, "source": f"{name}-claims.json"}],
        "steps": [{"name": title, "status": "passed", "attachments": [{"name": f, "source": f"{f}.png"} for f in files]}
                  for title, files in steps],
    }  # fmt: skip
    (folder / f"{name}-result.json").write_text(json.dumps(result, ensure_ascii=False))


def test_handout_takes_each_step_from_a_passed_marked_journey(tmp_path: Path) -> None:
    guide = load_guide()
    section = next(s for s in guide.sections if s.id == "reg")
    first = guide.sentence("reg.1").title
    _result(tmp_path, "failed-run", "failed", [(first, [step_shot("一、第一步")])])
    _result(tmp_path, "passed-run", "passed", [(first, [f"{CLICK_PREFIX}学信档案", step_shot("一、第一步")])])
    steps = walkthrough.collect(guide, section, tmp_path)
    assert [s.sentence.id for s in steps] == ["reg.1"]
    # The site's address first, then what the journey did; the page did not change, so no result picture.
    said = [c.instruction.text for c in steps[0].cards if c.instruction]
    assert said == ["打开浏览器，在地址栏输入学信网的网址 www.chsi.com.cn", "点击“学信档案”"]
    picture = steps[0].cards[1].picture
    assert picture is not None and picture.data_uri.startswith("data:image/png;base64,")
    assert steps[0].result is None and steps[0].expect == "中国高等教育学生信息网"


def test_replay_lists_the_journeys(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["replay", "--list"]) == 0
    listed = capsys.readouterr().out
    assert all(name in listed for name in cli.JOURNEYS)


def test_replay_of_an_unknown_journey_says_what_exists(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["replay", "nonexistent"]) == 2
    captured = capsys.readouterr()
    assert "没有名为 'nonexistent' 的旅程" in captured.err and "registration" in captured.out


def test_every_replay_names_a_real_test() -> None:
    root = Path(cli.__file__).parents[1]
    for journey in cli.JOURNEYS.values():
        path, name = journey.test.split("::")
        assert f"def {name}(" in (root / path).read_text(encoding="utf-8"), journey.test


def test_practice_without_a_screen_says_what_to_do(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("DISPLAY", raising=False)
    assert cli.main(["practice"]) == 2
    assert "需要图形界面" in capsys.readouterr().err


def test_report_categories_come_from_the_evidence_module() -> None:
    """The report's categories match the verdict labels journeys write, by the names harness/evidence.py spells."""
    from chsi_e2e.allure_report import categories

    found = categories()
    labels = [c["matchers"]["labels"] for c in found if "labels" in c["matchers"]]
    by_verdict = [m[LABEL_VERDICT] for m in labels if LABEL_VERDICT in m]
    # The report shows verdicts and failure kinds in words (chsi_e2e/report_input.py), so its categories match words.
    assert by_verdict == [f"^{Verdict.CONTRADICTED.zh}$", f"^{Verdict.NOT_REACHED.zh}$", f"^{Verdict.UNCLEAR.zh}$"]
    assert {LABEL_FAILURE: f"^{Failure.MOCK.zh}$"} in labels  # a crashed mock is no site behaviour
    assert found[0]["name"].startswith(Verdict.CONTRADICTED.zh)
    assert {"message": LEFT_THE_MACHINE} in [c["matchers"] for c in found]


class _Tab:
    """A browser tab as the trainer's pause sees it: an address, and whether it was brought to the front."""

    def __init__(self, url: str, order: list[str]) -> None:
        self.url, self.order = url, order

    def bring_to_front(self) -> None:
        self.order.append(self.url)


def test_pause_brings_the_phone_forward_then_the_site_back(monkeypatch: pytest.MonkeyPatch) -> None:
    order: list[str] = []
    asked: list[str] = []
    monkeypatch.setattr("builtins.input", asked.append)
    site, phone = _Tab(urls.ACCOUNT, order), _Tab(urls.sms_inbox("13800000000"), order)
    pause = Pause(site)  # type: ignore[arg-type]
    pause.attach("短信", b"", site)  # type: ignore[arg-type]
    assert order == [] and asked == []  # a picture of the site itself moves nothing
    pause.attach("短信", b"", phone)  # type: ignore[arg-type]
    assert order == [phone.url, site.url]
    assert asked == ["\n现在看学生的手机（短信）的页面。按回车回到学信网……"]


@pytest.mark.parametrize("command", [[], ["audit"], ["replay"], ["flake"]], ids=["总命令", "audit", "replay", "flake"])
def test_command_line_help_is_in_chinese(command: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    """chsi-e2e 各命令的 --help：用法、参数、选项与“显示本帮助并退出”都是中文，没有 argparse 的英文"""
    with pytest.raises(SystemExit) as done:
        cli.main([*command, "--help"])
    shown = capsys.readouterr().out
    assert done.value.code == 0
    assert shown.startswith("用法：chsi-e2e") and "选项" in shown and "显示本帮助并退出" in shown
    assert not any(word in shown for word in ("usage", "options", "positional arguments", "show this help"))


@pytest.mark.parametrize(
    ("command", "said"),
    [
        (["audit", "--bogus"], "chsi-e2e：错误：无法识别的参数：--bogus"),
        (["nope"], "chsi-e2e：错误：参数 命令：无效的选择：'nope'"),
        ([], "chsi-e2e：错误：缺少以下参数：命令"),
        (["audit", "--site-profile"], "chsi-e2e audit：错误：参数 --site-profile：需要一个值"),
    ],
    ids=["无法识别的参数", "没有的命令", "缺少命令", "选项缺少值"],
)
def test_command_line_mistakes_are_refused_in_chinese(
    command: list[str], said: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """命令行写错（未知参数、没有的命令、缺少命令、选项缺少值）：退出码 2，错误用中文说明"""
    with pytest.raises(SystemExit) as done:
        cli.main(command)
    shown = capsys.readouterr().err
    assert done.value.code == 2 and said in shown and "用法：" in shown and "error" not in shown


def test_the_benchmark_speaks_chinese_on_the_command_line() -> None:
    """scripts/benchmark.py 的 --help 与写错的参数：用法、选项、错误都是中文"""
    helped = subprocess.run(
        [sys.executable, "scripts/benchmark.py", "--help"], cwd=ROOT, capture_output=True, text=True
    )
    wrong = subprocess.run(
        [sys.executable, "scripts/benchmark.py", "--bogus"], cwd=ROOT, capture_output=True, text=True
    )
    assert (
        helped.returncode == 0
        and helped.stdout.startswith("用法：benchmark.py")
        and "显示本帮助并退出" in helped.stdout
    )
    assert not any(word in helped.stdout for word in ("usage", "options", "show this help", "in process"))
    assert wrong.returncode == 2 and "benchmark.py：错误：无法识别的参数：--bogus" in wrong.stderr
