"""The results Allure reads, prepared in a copy: titles, labels and the environment in Chinese, attachments lighter."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

from chsi_e2e.lighter import lighten
from guidebook.model import Guide, Sentence
from harness.evidence import (
    LABEL_CLAIM,
    LABEL_FAILURE,
    LABEL_PROFILE,
    LABEL_VARIANT,
    LABEL_VERDICT,
    LABEL_WALKTHROUGH,
    PROFILE_KEY,
    Failure,
    Verdict,
)
from mock_server.profile import described

# The set-ups a reader of the report cares about, in Chinese; pytest-playwright's and Allure's own are left out.
SHOWN_FIXTURES = {
    "browser": "启动浏览器（Chromium，离线）",
    "site": "准备全新的模拟站点：学信网、学生邮箱与手机",
    "site_variant": "选择站点版本",
    "clock": "安装虚拟时钟：站点与页面一起走",
    "persona": "生成虚构的学生",
    "student": "准备已注册、有学籍与毕业照片的学生",
    "classmate": "准备另一名同校学生",
}
# The clean-ups a reader cares about: the check that no request left the machine and the site recorded no problem, and
# the one that keeps a failed test's trace (named by fixture: pytest numbers a generator's clean-up as it pleases).
SHOWN_TEARDOWNS = {"site::<lambda>": "检查：没有请求离开本机，模拟站点没有出错"}
SHOWN_TEARDOWN_FIXTURES = {"traced": "保存 Playwright 追踪（失败的测试、可回放的旅程）"}

# A marker without arguments becomes a tag (harness/plugin/options.py MARKERS); readers see it in words.
MARKER_WORDS = {
    "guide_document": "指南文档", "registration": "一、帐号注册", "image_check": "二、图像校对",
    "login_trouble": "三、登录异常", "walkthrough": "收入手册", "security": "安全", "offline": "网络隔离",
}  # fmt: skip
# The run's environment as the report shows it: short Chinese keys (long ones are cut off in Allure's layout).
ENVIRONMENT_KEYS = {PROFILE_KEY: "站点版本", "学生数据种子(--persona-seed)": "学生数据种子"}
# pytest escapes a parametrized case's non-ASCII id (\u683c…); the report shows the characters.
ESCAPE = re.compile(r"\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8})")


def prepare(results: Path, work: Path, guide: Guide) -> None:
    """Copy `results` into `work` (emptied first) as the report should show them; `results` is left untouched."""
    shutil.rmtree(work, ignore_errors=True)
    shutil.copytree(results, work)
    tidy_fixtures(work)
    translate_environment(work / "environment.properties")
    for file in work.glob("*-result.json"):
        result = json.loads(file.read_text(encoding="utf-8"))
        file.write_text(json.dumps(translate(result, guide), ensure_ascii=False), encoding="utf-8")
    lighten(work)


def tidy_fixtures(results: Path) -> None:
    """Keep in each result's set-up and clean-up only what SHOWN_* name, titled in Chinese (rewrites containers)."""
    names = {**SHOWN_FIXTURES, **SHOWN_TEARDOWNS}

    def shown(step: dict[str, Any], kind: str) -> str:
        by_fixture = SHOWN_TEARDOWN_FIXTURES.get(step["name"].split("::")[0], "") if kind == "afters" else ""
        return names.get(step["name"]) or by_fixture or (step["name"] if step["name"] in names.values() else "")

    for file in results.glob("*-container.json"):
        container = json.loads(file.read_text(encoding="utf-8"))
        for kind in ("befores", "afters"):
            steps = container.get(kind, [])
            container[kind] = [{**step, "name": shown(step, kind)} for step in steps if shown(step, kind)]
        file.write_text(json.dumps(container, ensure_ascii=False), encoding="utf-8")


def unescape(text: str) -> str:
    """`text` with pytest's \\uXXXX escapes turned back into characters."""
    return ESCAPE.sub(lambda m: chr(int(m.group(1)[1:], 16)), text)


def translate_environment(file: Path) -> None:
    """The environment's keys shortened and the site profile named in words."""
    if not file.is_file():
        return
    lines = []
    for line in file.read_text(encoding="utf-8").splitlines():
        key, _, value = line.partition("=")
        if key == PROFILE_KEY:
            value = described(value)
        lines.append(f"{ENVIRONMENT_KEYS.get(key, key)}={value}")
    file.write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")


def short_name(guide: Guide, sentence: Sentence) -> str:
    """A sentence named whole, never cut mid-word: 一、第九步, 三、2、忘记密码操作方式如同1一样操作, 目录."""
    section = guide.section_of(sentence.id).title.split("、")[0]
    if sentence.kind == "note" and sentence.id.startswith("toc"):
        return section.replace(" ", "")
    head = sentence.title.split(":", 1)[0]
    return f"{section}、{re.split(r'[,，。;；:：]', head)[0]}"


def label_value(name: str, value: str, guide: Guide) -> str:
    """A label's value in words: verdicts, claims, sections, profiles, steps and markers as readers know them."""
    claims, sections = guide.claims(), {s.id: s.title for s in guide.sections}
    if name == LABEL_VERDICT:
        return Verdict(value).zh
    if name in (LABEL_CLAIM, LABEL_VARIANT) and value in claims:
        sentence = guide.sentence(value.rsplit(".", 1)[0])
        text = claims[value].text.replace("‚", "“").replace("‛", "”")
        said = "能在网站上完成" if value.endswith(".possible") else text
        return f"{short_name(guide, sentence)}：{said}" + ("（此说法失效的站点）" if name == LABEL_VARIANT else "")
    if name == LABEL_FAILURE:
        return Failure(value).zh
    if name == LABEL_WALKTHROUGH:
        return sections.get(value, value)
    if name == LABEL_PROFILE:
        return described(value)
    if name == "tag":
        return MARKER_WORDS.get(value) or _step_tags(guide).get(value, value)
    if name == "thread":  # the timeline's rows: one per pytest process
        return re.sub(r"^(\d+)-MainThread$", r"进程 \1", value)
    return value


def _step_tags(guide: Guide) -> dict[str, str]:
    """The harness tags each guide step a journey performs by its place (Guide.place: 一、第九步); named whole here."""
    tags = {}
    for section in guide.sections:
        for sentence in section.sentences:
            tags[f"{section.title.split('、')[0]}、{sentence.label}"] = short_name(guide, sentence)
    return tags


def translate(result: dict[str, Any], guide: Guide) -> dict[str, Any]:
    """One result as readers see it: its title unescaped, label values in words, its parameters hidden.

    A parametrized journey's case is already in its title (harness/plugin/journeys.py); the raw parameters
    (the browser's name, lambdas, Python reprs) say nothing more to a reader.
    """
    result["name"] = unescape(result.get("name", ""))
    result["labels"] = [{**lb, "value": label_value(lb["name"], lb["value"], guide)} for lb in result.get("labels", [])]
    result["parameters"] = [{**p, "mode": "hidden"} for p in result.get("parameters", [])]
    return result
