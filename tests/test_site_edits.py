"""A site that rewords what no guide quotes changes no verdict; a site that now says the guide's own word agrees with
the guide, even where a curator had mapped that word to the site's older name; a step that only later shows it did
nothing is the one blamed."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from harness.evidence import Verdict, read_checks, read_results

ROOT = Path(__file__).parents[1]


def _run_edited(journey: str, edits: dict[str, str], results: Path, *more: str) -> subprocess.CompletedProcess[str]:
    """Run journeys against the site with its HTML edited (tests/site_edit.py)."""
    spec = "\n".join(f"{old}=>{new}" for old, new in edits.items())
    return _run_changed([journey, *more], "tests.site_edit", {"CHSI_SITE_EDIT": spec}, results)


def _run_changed(
    journeys: list[str], plugin: str, env: dict[str, str], results: Path
) -> subprocess.CompletedProcess[str]:
    """Run journeys against the site as `plugin` changes it (its settings in `env`)."""
    return subprocess.run(
        [sys.executable, "-m", "pytest", *journeys, "-q", "-p", plugin, "-p", "no:randomly", "-n", "0",
         "-o", "addopts=", f"--alluredir={results}", "--no-audit"],
        cwd=ROOT, capture_output=True, text=True, timeout=300, env={**os.environ, **env},
    )  # fmt: skip


def _edited_pages(run: subprocess.CompletedProcess[str], old: str) -> int:
    """How many pages the run served with `old` edited, as the plugin reports it."""
    found = re.search(rf"站点改动 {re.escape(old)} → .*：(\d+) 页", run.stdout)
    return int(found.group(1)) if found else 0


def _verdicts(results: Path) -> dict[str, Verdict]:
    (result,) = read_results(results)
    return {check.claim: check.verdict for check in read_checks(results, result)}


@pytest.mark.xdist_group("tooling")
def test_a_reworded_heading_the_guide_never_quotes_changes_nothing(tmp_path: Path) -> None:
    """站点把指南没引用的“账号注册成功”标题改了措辞：注册旅程照样通过，第九步与“30秒”仍与站点相符"""
    run = _run_edited(
        "e2e/test_registration.py::test_registration_nine_steps_and_login",
        {"<h1>账号注册成功</h1>": "<h1>注册完成！</h1>"},
        tmp_path,
    )
    assert run.returncode == 0, run.stdout[-3000:]
    assert _edited_pages(run, "<h1>账号注册成功</h1>") == 1
    verdicts = _verdicts(tmp_path)
    assert verdicts["reg.9.yes"] is verdicts["reg.note.30s"] is verdicts["reg.note.login"] is Verdict.CONFIRMED


@pytest.mark.xdist_group("tooling")
def test_a_site_that_now_says_the_guides_own_word_agrees_with_it(tmp_path: Path) -> None:
    """指南写“忘记密码”（站点原称“找回密码”）；站点改叫“忘记密码”后，三、2 与站点相符"""
    old = 'class="find-mm" href="/account/password!retrive.action">找回密码</a>'
    run = _run_edited(
        "e2e/test_login_trouble.py::test_forgotten_password_is_reset_through_the_mailbox",
        {old: old.replace("找回密码", "忘记密码")},
        tmp_path,
    )
    assert run.returncode == 0, run.stdout[-3000:]
    assert _edited_pages(run, old) >= 1  # the login page, each time the journey opens it
    assert _verdicts(tmp_path)["login.2.reset"] is Verdict.CONFIRMED


# The pages of 三 whose headings no guide quotes, each reworded as a site might, in its HTML only.
RECOVERY_HEADINGS = {
    "<h1>找回用户名</h1>": "<h1>找回学信网用户名</h1>",
    "<h1>找回密码</h1>": "<h1>找回学信网密码</h1>",
    "<h1>重置密码</h1>": "<h1>设置新密码</h1>",
    "<h1>修改照片信息</h1>": "<h1>照片信息修改</h1>",
    "<h1>帐号审核申请</h1>": "<h1>帐号审核申请表</h1>",
}


@pytest.mark.xdist_group("tooling")
def test_a_yes_that_finishes_nothing_is_blamed_on_step_nine_not_on_the_login(tmp_path: Path) -> None:
    """“是”之后页面照样显示注册成功，但帐号仍停在确认个人信息：第一次登录才看出来，判第九步与站点不符，登录那句未能到达"""
    run = _run_changed(
        ["e2e/test_registration.py::test_registration_nine_steps_and_login"],
        "tests.site_behaviour",
        {"CHSI_SITE_BEHAVIOUR": "yes_keeps_unfinished"},
        tmp_path,
    )
    assert run.returncode == 1, run.stdout[-3000:]
    verdicts = _verdicts(tmp_path)
    assert verdicts["reg.9.yes"] is Verdict.CONTRADICTED
    assert verdicts["reg.note.login"] is Verdict.NOT_REACHED and verdicts["reg.note.30s"] is Verdict.CONFIRMED
    assert "[reg.9]" in run.stdout and "[reg.note]" not in run.stdout


# Labels, buttons and a mail subject no guide quotes, each reworded as a site might, in its HTML only.
UNQUOTED_CONTROLS = {
    "学信网帐号激活邮件": "【学信网】请激活您的帐号",
    ">下一步</button>": ">继续</button>",
    ">出生日期</label>": ">出生年月</label>",
    ">有误原因</label>": ">错误原因</label>",
    ">发送密码重置邮件</button>": ">发送邮件</button>",
    ">新密码</label>": ">设置新密码</label>",
    ">要保留的帐号</label>": ">保留帐号</label>",
    ">提交审核</button>": ">提交申请</button>",
}


@pytest.mark.xdist_group("tooling")
@pytest.mark.parametrize(
    ("edits", "journeys"),
    [
        (RECOVERY_HEADINGS, ["e2e/test_login_trouble.py", "e2e/test_image_check.py",
                             "e2e/test_security.py::test_plain_http_is_sent_to_https_before_any_password_field_shows"]),
        (UNQUOTED_CONTROLS, ["e2e/test_registration.py::test_registration_nine_steps_and_login",
                             "e2e/test_login_trouble.py",
                             "e2e/test_image_check.py::test_photo_wrong_is_reported_for_the_school"]),
    ],
    ids=["找回、重置、修改照片、审核各页的标题", "输入框标签、按钮和激活邮件主题"],
)  # fmt: skip
def test_rewording_what_no_guide_quotes_changes_nothing(
    edits: dict[str, str], journeys: list[str], tmp_path: Path
) -> None:
    """站点只在 HTML 里改了指南没引用的措辞（只经过的页面的标题、输入框标签、按钮、激活邮件主题）：用到它们的旅程照样通过"""
    run = _run_changed(journeys, "tests.site_edit", {"CHSI_SITE_EDIT": "\n".join(f"{o}=>{n}" for o, n in edits.items())},
                       tmp_path)  # fmt: skip
    assert run.returncode == 0, run.stdout[-3000:]
    assert [old for old in edits if _edited_pages(run, old) == 0] == []
