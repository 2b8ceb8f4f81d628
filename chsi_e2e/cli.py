"""chsi-e2e: reports, walkthroughs, replays and practice, for people who do not live in pytest."""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import e2e
from chsi_e2e import argparse_chinese
from harness.browser import NO_DISPLAY, has_display
from harness.evidence import Verdict
from harness.traceability import Replay, replays

ROOT = Path(__file__).resolve().parents[1]
REPORTS = ROOT / "reports"
RESULTS = REPORTS / "allure-results"
# The corpus of other schools' guides with their hand-made keys, and the seed guide's own text.
GUIDES = ROOT / "fixtures" / "guides"
SEED_FILE = ROOT / "fixtures" / "seed-guide.txt"
# Where --check-keys runs its sessions (each guide's audit still goes to reports/audits/<name>/<profile>/).
CHECK_FOLDER = "_check-keys"


# The journeys a trainer can replay: declared in the tests with @pytest.mark.replay(name, what it shows).
JOURNEYS = replays(Path(e2e.__file__).parent)


def say(message: str) -> None:
    """Progress, as it happens."""
    print(f"==> {message}", flush=True)


def fail(message: str) -> int:
    """An error and what to do next."""
    print(f"错误：{message}", file=sys.stderr)
    return 2


def report(_: argparse.Namespace) -> int:
    """Build the single-file Allure report from the last run."""
    from chsi_e2e.allure_report import ReportError, build

    say("生成 Allure 报告（单个 HTML 文件）……")
    try:
        page = build(ROOT, RESULTS)
    except ReportError as problem:
        return fail(str(problem))
    say(f"报告：{page.relative_to(ROOT)}（离线可打开）")
    for audit in sorted(REPORTS.glob("guide-audit.html")) + sorted(REPORTS.glob("*/guide-audit.html")):
        if audit.parent.name not in ("last-run", "proof"):
            say(f"指南审计：{audit.relative_to(ROOT)}")
    return 0


def walkthrough(_: argparse.Namespace) -> int:
    """Build the illustrated handouts (HTML and PDF) from the last run, beside those of other site versions."""
    import pypdfium2

    from chsi_e2e.walkthrough import for_run
    from fixtures.guide import load_guide

    if not any(RESULTS.glob("*-result.json")):
        return fail("没有测试结果：请先运行 pytest e2e。")
    say("根据最近一次运行生成图文操作手册（HTML 与 PDF）……")
    written = for_run(load_guide(), RESULTS, REPORTS)
    if not written:
        return fail(
            "最近一次运行没有可用于手册的旅程（需要带 walkthrough 标记且通过的测试）：请运行完整的 pytest e2e。"
        )
    for path in written:
        pages = f"（{len(pypdfium2.PdfDocument(path))} 页）" if path.suffix == ".pdf" else ""
        say(f"手册：{path.relative_to(ROOT)}{pages}")
    return 0


def _list() -> int:
    print("可回放的旅程（chsi-e2e replay 名称）：")
    for name, journey in JOURNEYS.items():
        print(f"  {name:<18} {journey.shows}")
    return 0


def _show_trace(journey: Replay, port: int) -> int:
    trace = REPORTS / "traces" / f"{journey.test_name}.zip"
    if not trace.is_file():
        return fail(f"还没有这段旅程的追踪记录 {trace.relative_to(ROOT)}：请先运行 pytest e2e 或回放一次。")
    say(f"在 http://127.0.0.1:{port}/ 打开追踪查看器（离线，按 Ctrl+C 结束），用浏览器访问该地址。")
    command = [sys.executable, "-m", "playwright", "show-trace", "--host", "127.0.0.1", "--port", str(port), str(trace)]
    return subprocess.call(command)


def replay(args: argparse.Namespace) -> int:
    """Run one journey at a trainer's pace, captioned with the guide's steps; or open its trace."""
    if args.list or not args.name:
        return _list()
    journey = JOURNEYS.get(args.name)
    if journey is None:
        _list()
        return fail(f"没有名为 {args.name!r} 的旅程。")
    if args.trace:
        return _show_trace(journey, args.port)
    headless = args.headless or not has_display()
    if not args.headless and headless:
        say("没有图形界面（未设置 DISPLAY）：改为无头模式，生成带字幕的录像。")
    with tempfile.TemporaryDirectory(prefix="chsi-replay-") as work:
        return _replay(journey, args, headless, Path(work))


def _replay(journey: Replay, args: argparse.Namespace, headless: bool, work: Path) -> int:
    """Run the journey in `work` (its results, videos and traces); keep only the video and captions, in replays/."""
    command = [
        sys.executable, "-m", "pytest", journey.test, "-n", "0", "-p", "no:cacheprovider", "--captions",
        "--captions-dir", str(work), "--slowmo", str(args.slowmo), f"--alluredir={work / 'allure-results'}",
        "--clean-alluredir", "--no-audit", "--output", str(work / "test-results"), "-q", "-p", "no:randomly",
    ]  # fmt: skip
    command += ["--video", "on"] if headless else ["--headed", "-s"] + (["--pause-steps"] if args.pause else [])
    say(f"回放：{journey.shows}（{'无头，录像' if headless else '可见浏览器'}，每个动作放慢 {args.slowmo} 毫秒）")
    code = subprocess.call(command, cwd=ROOT)
    if not headless:
        return code
    # The first page's video (pytest-playwright numbers them as the pages opened: video.webm, or video-1.webm among
    # several) is the student's page: the phone and the mailbox are in it, beside the site (harness/replay.py).
    videos = [*(work / "test-results").rglob("video.webm"), *(work / "test-results").rglob("video-1.webm")]
    if not videos:
        return fail("没有生成录像：请查看上面的测试输出。")
    video = videos[0]
    folder = REPORTS / "replays"
    folder.mkdir(parents=True, exist_ok=True)
    target, captions = folder / f"{args.name}.webm", folder / f"{args.name}.vtt"
    shutil.copyfile(video, target)
    shutil.copyfile(work / f"{journey.test_name}.vtt", captions)
    say(f"录像：{target.relative_to(ROOT)}，字幕：{captions.relative_to(ROOT)}")
    return code


def practice(args: argparse.Namespace) -> int:
    """Open the offline site in a visible browser for a student to practise by hand, until they close it."""
    from playwright.sync_api import sync_playwright

    from chsi_e2e.practice import launch, open_practice, persona_card

    if not has_display():
        return fail(NO_DISPLAY)
    photos = REPORTS / "practice"
    with sync_playwright() as playwright:
        browser = launch(playwright)
        practice = open_practice(browser, args.seed, photos, two_accounts=args.two_accounts)
        print(persona_card(practice.persona, photos.relative_to(ROOT)))
        say("关闭浏览器窗口即结束练习（关闭单个标签页不会结束）。")
        practice.wait_until_closed()
        browser.close()
    return 0


def merge(args: argparse.Namespace) -> int:
    """Merge the Allure results of pytest-split shards into reports/allure-results and judge the guide on all."""
    from chsi_e2e.shards import ShardError, profile_of
    from chsi_e2e.shards import merge as merge_shards
    from harness.audit_report import judge_run

    shards = [Path(folder) for folder in args.shards]
    missing = [str(folder) for folder in shards if not any(folder.glob("*-result.json"))]
    if missing:
        return fail(f"这些目录中没有测试结果：{'、'.join(missing)}")
    try:
        count = merge_shards(shards, RESULTS)
    except ShardError as problem:
        return fail(str(problem))
    audit, page = judge_run(RESULTS, profile_of(RESULTS))
    say(f"已合并 {len(shards)} 个分片的 {count} 个测试结果 → {RESULTS.relative_to(ROOT)}")
    say(f"指南审计：{audit.summary()} → {page.relative_to(ROOT)}")
    say("接着运行 chsi-e2e report 与 chsi-e2e walkthrough 生成报告与手册。")
    return 0


def prove(args: argparse.Namespace) -> int:
    """Run every claim's variant through the journeys that check it; write reports/audit-proof.json and the audit."""
    from chsi_e2e import proof
    from chsi_e2e.shards import profile_of
    from fixtures.guide import load_guide
    from harness.audit_report import PROOF_FILE, judge_run

    work = REPORTS / "proof" / "allure-results"
    say(
        f"证明审计：{len(proof.VARIANTS)} 个站点变体，每个只让指南的一条说法（或一个按钮名称）失效；"
        "运行核查它的旅程（约数分钟）……"
    )
    proof.run_journeys(ROOT, work, args.pytest_args)
    found = proof.evaluate(work, load_guide())
    proof.write(found, REPORTS / PROOF_FILE)
    for row in found["claims"]:
        mark = "发现" if row["detected"] else "未发现"
        alarms = f"  误报：{'、'.join(row['false_alarms'])}" if row["false_alarms"] else ""
        print(f"  {row['id']:<22} {mark:<4} {row['variant']}{alarms}", flush=True)
    say(f"查全率 {found['recall']:.0%}，查准率 {found['precision']:.0%} → {(REPORTS / PROOF_FILE).relative_to(ROOT)}")
    if any(RESULTS.glob("*-result.json")):
        _, page = judge_run(RESULTS, profile_of(RESULTS))
        say(f"指南审计（含“这份审计能发现什么”）：{page.relative_to(ROOT)}")
    return 0 if found["recall"] == found["precision"] == 1 else 1


def audit(args: argparse.Namespace) -> int:
    """Read any school's guide, play it against the site (or every era of it), and write its audit."""
    from chsi_e2e.audit import AuditRunError, audit_guide, folder_name, read, which_site
    from guidebook.text import GuideFileError
    from mock_server.profile import PROFILES, described

    if args.check_keys:
        return check_keys(args.pytest_args if args.file is None else [args.file, *args.pytest_args])
    if args.file is None:
        return fail("请给出指南文件，或用 --check-keys 核对语料库的全部钥匙。")
    file = Path(args.file)
    if not file.is_file():
        return fail(f"找不到文件 {file}。")
    try:
        guide = read(file, args.title)
    except GuideFileError as unreadable:
        return fail(str(unreadable))
    bound = sum(1 for s in guide.sentences() if any(c.entry for c in s.claims))
    folder = REPORTS / "audits" / folder_name(file)
    say(f"《{guide.title}》：{len(guide.sentences())} 句，{bound} 句能在学信网上核对，其余列为未覆盖（注明原因）")
    profiles = sorted(PROFILES) if args.which_site else [args.site_profile]
    fits = []
    for profile in profiles:
        say(f"对{described(profile)}逐句核对……")
        try:
            fit = audit_guide(ROOT, file, profile, args.title, folder, args.pytest_args)
        except AuditRunError as broke:
            return fail(str(broke))
        say(f"指南审计（{described(profile)}）：{fit.audit.summary()} → {fit.page.relative_to(ROOT)}")
        for handout in fit.handouts:
            say(f"手册（{described(profile)}）：{handout.relative_to(ROOT)}")
        fits.append(fit)
    if args.which_site:
        say(
            which_site(fits, guide, folder / "which-site.json") + f" → {(folder / 'which-site.json').relative_to(ROOT)}"
        )
    return 0


def check_keys(pytest_args: list[str]) -> int:
    """Audit every keyed guide of fixtures/guides/ (and the seed's own text) on every era of the site, one pytest
    session per era, and compare bindings and verdicts with the keys; non-zero when any guide misses its key."""
    from chsi_e2e.audit import AuditRunError, keyed_scores, unread
    from chsi_e2e.keys import SEED_NAME, load_keys
    from mock_server.profile import PROFILES, described

    started = time.monotonic()
    keys = load_keys(GUIDES)
    guides, no_guides = [k for k in keys if not k.message], [k for k in keys if k.message]
    scores = []
    for profile in sorted(PROFILES):
        say(f"{described(profile)}：在一个 pytest 会话中审计 {len(guides) + 1} 份指南（含种子指南原文，2 个进程）……")
        try:
            scores += keyed_scores(ROOT, guides, SEED_FILE, profile, REPORTS / "audits" / CHECK_FOLDER, pytest_args)
        except AuditRunError as broke:
            return fail(str(broke))
    read_as_guides = [k.name for k in no_guides if not unread(k.file)]
    print("\n| 指南 | 站点版本 | 绑定精确率 | 召回率 | 判定一致 n/m | 结果 |\n| --- | --- | --- | --- | --- | --- |")
    for result in scores:
        print("| " + " | ".join((*result.row(), "通过" if result.passed else "未通过")) + " |")
    for key in no_guides:
        print(f"| {key.name} | — | — | — | — | {'未通过' if key.name in read_as_guides else '通过'}（给出中文提示） |")
    problems = [line for result in scores for line in result.problems()]
    problems += [f"{name}：应当给出中文提示，却被当作指南读了" for name in read_as_guides]
    for line in problems:
        print(f"不一致：{line}")
    outcome = "通过" if not problems else f"未通过（{len(problems)} 处不一致）"
    say(f"钥匙核对{outcome}，用时 {time.monotonic() - started:.0f} 秒；{SEED_NAME} 与种子自己的审计逐句比较")
    return 1 if problems else 0


def summary(_: argparse.Namespace) -> int:
    """The last full run's audit as a Markdown table, for a CI job summary."""
    audit_file = REPORTS / "guide-audit.json"
    if not audit_file.is_file():
        return fail("还没有指南审计：请先运行 pytest e2e 或 chsi-e2e merge。")
    audit = json.loads(audit_file.read_text(encoding="utf-8"))
    print(f"## 指南审计（站点版本 {audit['profile']}，覆盖率 {audit['coverage']:.0%}）\n")
    print("| 结论 | 说法数 |\n| --- | --- |")
    for verdict in Verdict:
        print(f"| {verdict.zh} | {audit['counts'].get(str(verdict), 0)} |")
    stale = [c for c in audit["claims"] if c["verdict"] == Verdict.CONTRADICTED]
    for claim in stale:
        print(f"\n- **{claim['sentence']}** {claim['text']}：{claim['suggestion']}")
    return 0


def flake(args: argparse.Namespace) -> int:
    """Run the suite many times, serial and parallel, and list every failure with the seed that reproduces it."""
    from chsi_e2e.flake import MODES, flake_check

    modes = args.modes.split(",")
    if unknown := [m for m in modes if m not in MODES]:
        return fail(f"未知的运行方式 {unknown}：可选 {', '.join(MODES)}")
    pytest_args = args.pytest_args
    work = REPORTS / "flake"
    shutil.rmtree(work, ignore_errors=True)
    say(f"稳定性检查：{args.runs} 轮 × {'、'.join(modes)}，每次随机顺序与随机学生（pytest {' '.join(pytest_args)}）")
    failures = []
    for run in flake_check(ROOT, args.runs, modes, pytest_args, work, args.seed):
        verdict = "通过" if not run.failures else f"失败 {len(run.failures)} 个"
        took = f"{run.tests:>4} 个测试  {run.seconds:6.1f} 秒"
        print(f"  第 {run.number:>2} 轮 {run.mode:<8} 种子 {run.seed:>6}  {took}  {verdict}", flush=True)
        failures += run.failures
    if not failures:
        say(f"0 次失败（{args.runs * len(modes)} 次运行）。")
        return 0
    say(f"{len(failures)} 次失败：")
    for failure in failures:
        print(f"  第 {failure.run} 轮 {failure.mode} 种子 {failure.seed}：{failure.test}\n    {failure.message}")
        print(f"    单独重现：{failure.command(pytest_args)}")
        print(f"    整轮重现：{failure.command(pytest_args, alone=False)}")
    return 1


def main(argv: list[str] | None = None) -> int:
    """Parse the command line and run one command."""
    argparse_chinese.install()
    parser = argparse.ArgumentParser(prog="chsi-e2e", description="学信网指南：报告、手册、回放与练习")
    commands = parser.add_subparsers(dest="command", metavar="命令", required=True)
    commands.add_parser("report", help="从最近一次运行生成单文件 Allure 报告").set_defaults(run=report)
    commands.add_parser("walkthrough", help="生成每个流程的图文操作手册（HTML 与 PDF）").set_defaults(run=walkthrough)
    rp = commands.add_parser("replay", help="回放一段旅程（可见浏览器，或无头生成带字幕录像）")
    rp.add_argument("name", nargs="?", help="旅程名称；省略则列出全部")
    rp.add_argument("--list", action="store_true", help="列出可回放的旅程")
    rp.add_argument("--headless", action="store_true", help="不打开窗口，生成带字幕的录像")
    rp.add_argument("--pause", action="store_true", help="每一步之后等待按回车")
    rp.add_argument("--slowmo", type=int, default=600, help="每个动作放慢的毫秒数（默认 600）")
    rp.add_argument("--trace", action="store_true", help="在本机 127.0.0.1 打开这段旅程的追踪查看器")
    rp.add_argument("--port", type=int, default=9323, help="追踪查看器的端口（默认 9323）")
    rp.set_defaults(run=replay)
    pr = commands.add_parser("practice", help="在可见浏览器中打开模拟站点、学生邮箱和手机，供学生练习")
    pr.add_argument("--seed", type=int, default=2012, help="虚构学生的种子（默认 2012）")
    pr.add_argument("--two-accounts", action="store_true", help="学生已用两个邮箱注册过帐号：练习三、4 的审核")
    pr.set_defaults(run=practice)
    mg = commands.add_parser("merge", help="合并多台机器（pytest-split 分片）的测试结果，并据此审计指南")
    mg.add_argument("shards", nargs="+", help="各分片的 allure-results 目录")
    mg.set_defaults(run=merge)
    pv = commands.add_parser("prove", help="为每条说法准备一个站点变体，证明审计能发现它且不误报（数分钟）")
    pv.add_argument("pytest_args", nargs="*", help="另外传给 pytest 的参数（放在 -- 之后）")
    pv.set_defaults(run=prove)
    au = commands.add_parser("audit", help="审计任何一所学校的学信网指南（纯文本文件），逐句核对并给出修改建议")
    au.add_argument("file", nargs="?", help="指南文件（.txt，UTF-8 或 GB18030，简体或繁体）")
    au.add_argument("--site-profile", default="2012", help="对哪个时期的站点核对（2012 或 current；默认 2012）")
    au.add_argument("--title", default="", help="指南标题（默认取文件第一句）")
    au.add_argument("--which-site", action="store_true", help="对每个时期的站点都核对一遍，说出指南最接近哪一个")
    au.add_argument(
        "--check-keys",
        action="store_true",
        help="审计 fixtures/guides/ 中每份有钥匙的指南（及种子指南原文），与钥匙比较绑定与判定（数分钟）",
    )
    au.add_argument("pytest_args", nargs="*", help="另外传给 pytest 的参数（放在 -- 之后）")
    au.set_defaults(run=audit)
    commands.add_parser("summary", help="以 Markdown 表格打印最近一次完整运行的审计结论（供 CI 摘要）").set_defaults(
        run=summary
    )
    fl = commands.add_parser("flake", help="反复运行测试（串行与并行，随机顺序），列出每次失败及其种子")
    fl.add_argument("--runs", type=int, default=20, help="轮数（默认 20）")
    fl.add_argument("--modes", default="serial,parallel", help="运行方式，逗号分隔（默认 serial,parallel）")
    fl.add_argument("--seed", type=int, default=None, help="抽取各次种子的种子（默认每次全新）")
    fl.add_argument("pytest_args", nargs="*", help="传给 pytest 的参数（放在 -- 之后；默认整个测试集）")
    fl.set_defaults(run=flake)
    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    raise SystemExit(main())
