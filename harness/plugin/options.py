"""The harness's command line options (in one Chinese group) and markers, and what the run decides once."""

from __future__ import annotations

import os
import random

import pytest

from harness.browser import provide_ffmpeg
from mock_server.profile import PROFILES
from mock_server.variants import VARIANTS

# The run's base seed, from which every test's own seed is derived (site.py).
BASE_SEED = pytest.StashKey[int]()


def pytest_addoption(parser: pytest.Parser) -> None:
    """The harness's own options, in one group."""
    group = parser.getgroup("chsi", "学信网指南测试 (chsi-guide-e2e)")
    group.addoption(
        "--persona-seed",
        type=int,
        default=None,
        help="生成虚构学生（Faker）的基础种子；测试失败时会打印能重现它的种子",
    )
    group.addoption(
        "--captions",
        action="store_true",
        help="在页面底部显示当前的指南步骤，并为录像写 WebVTT 字幕",
    )
    group.addoption(
        "--captions-dir",
        default=None,
        metavar="DIR",
        help="--captions 把每个旅程的 <测试名>.vtt 写到哪里（默认：报告旁的 replays/）",
    )
    group.addoption(
        "--pause-steps",
        action="store_true",
        help="每个指南步骤之后等待按回车（培训的节奏；需要 -s）",
    )
    group.addoption(
        "--action-timeout",
        type=int,
        default=5_000,
        metavar="MS",
        help="每一步等待页面的时限（模拟站点即时应答；默认 5000 毫秒）",
    )
    group.addoption(
        "--site-profile",
        choices=sorted(PROFILES),
        default="2012",
        help="模拟哪个时期的学信网（默认 2012，即指南所写的站点；current 为今天的站点）",
    )
    group.addoption(
        "--site-variant",
        choices=sorted(VARIANTS),
        default=None,
        metavar="CLAIM",
        help="2012 站点，但故意让指南的这一条说法失效（mock_server/variants.py）",
    )
    group.addoption(
        "--browser-server",
        default=os.environ.get("CHSI_BROWSER_SERVER"),
        metavar="WS_URL",
        help="在 Playwright 服务器上运行浏览器（playwright run-server、Playwright 的 Docker 镜像或浏览器集群），"
        "如 ws://host:3000/；也可设 CHSI_BROWSER_SERVER。模拟站点及其路由仍在本机。",
    )
    group.addoption(
        "--browser-server-chromium",
        default=os.environ.get("CHSI_BROWSER_SERVER_CHROMIUM"),
        metavar="PATH",
        help="服务器要启动的 Chromium（服务器须以 --unsafe 运行）；默认用服务器自带的",
    )
    group.addoption(
        "--no-audit",
        action="store_true",
        help="运行后不审计指南（回放和与指南无关的工具运行）",
    )
    group.addoption(
        "--audit-guide",
        action="append",
        default=[],
        metavar="FILE",
        help="审计另一份指南（纯文本；可多次给出，每份一个测试；chsi-e2e audit 用它运行 e2e/test_any_guide.py）",
    )
    group.addoption(
        "--audit-title",
        default="",
        metavar="TITLE",
        help="--audit-guide 的指南标题（默认取文件第一行）",
    )
    group.addoption(
        "--no-trace",
        action="store_true",
        help="不记录 Playwright 追踪（chsi-e2e audit --check-keys 批量审计用：证据已在各份审计中）",
    )
    group.addoption(
        "--retrace-into",
        default=None,
        metavar="DIR",
        help="（内部用）重跑失败的测试以录制追踪时，把每个测试的追踪写到这个目录",
    )
    group.addoption(
        "--prove",
        action="store_true",
        help="每个旅程对它核查的每条说法的变体各跑一次（结果由 chsi-e2e prove 读取）",
    )


# The harness's markers: a journey's section of the guide, its site, and what trainers do with it.
MARKERS = [
    "guide_document: 目录：指南文档本身",
    "registration: 一、学信网帐号注册流程",
    "image_check: 二、图像信息校对流程",
    "login_trouble: 三、学信账号登录异常情况处理办法",
    "site_time(iso): 站点虚拟时钟的起始时刻（北京时间）",
    "site_profile(name, stale=()): 对哪个时期的站点运行；stale 列出该站点必然与之不符的句子（恰好这些），"
    "这样的旅程不计入本次的指南审计",
    "walkthrough: 此旅程的步骤收入该流程的图文手册",
    "replay(name, shows): 培训用的可回放旅程（chsi-e2e replay NAME），总是保留追踪",
    "security: 站点如何保护身份信息：不能越权查看、不能猜测、会话不残留",
    "offline: 网络隔离：什么也不离开本机，逐种方式检验",
]


def pytest_configure(config: pytest.Config) -> None:
    """Register the markers; pick the session's base seed once; give videos an ffmpeg from PyPI."""
    for line in MARKERS:
        config.addinivalue_line("markers", line)
    seed = config.getoption("--persona-seed")
    config.stash[BASE_SEED] = seed if seed is not None else random.SystemRandom().randrange(10**6)
    if config.getoption("--video", "off") != "off":
        provide_ffmpeg()  # instead of Playwright's download, which this kind of machine cannot reach
