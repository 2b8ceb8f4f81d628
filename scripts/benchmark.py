"""Speed and memory of the mock and the journeys, printed as a table (python scripts/benchmark.py [--full])."""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import time
import tracemalloc
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from mock_server import urls  # noqa: E402
from mock_server.idcard import check_character  # noqa: E402
from tests.helpers import Browserless  # noqa: E402

ACCOUNT = urls.ACCOUNT


# Requests in one registration, redirects followed: sign-up 1, activation 2, 实名注册 2, SMS 1, 手机确认 2,
# 是 1, login 3 (login, ticket check, archive).
REQUESTS_PER_REGISTRATION = 12


def register_once(client: Browserless, n: int) -> None:
    """One whole registration through the site's pages, without a browser, ending logged in."""
    email, phone = f"stu{n}@163.com", f"138{n:08d}"
    form = {"username": email, "password": "abc123", "password1": "abc123"}
    client.post(f"{ACCOUNT}/account/registerprocess.action", form)
    client.get(client.site.state.mail.inbox(email)[0].link)
    client.post(f"{ACCOUNT}/account/realname.action", {"xm": "张三", "sfzh": _id_number(n), "region": "北京市"})
    client.post(f"{ACCOUNT}/account/getmphonpincode.action", {"mphone": phone})
    code = client.site.state.sms.inbox(phone)[0].code
    client.post(f"{ACCOUNT}/account/phoneconfirm.action", {"mphone": phone, "vcode": code})
    client.post(f"{ACCOUNT}/account/finish.action", {})
    landed = client.post(urls.LOGIN, {"username": email, "password": "abc123"})
    if "欢迎您，张三！" not in landed.text:
        raise RuntimeError(f"registration {n} did not end logged in")


def _id_number(n: int) -> str:
    """A valid, distinct Beijing ID number for the n-th student (born on a different day each)."""
    born = date(1990, 1, 1) + timedelta(days=n // 500)
    first17 = f"110105{born:%Y%m%d}{n % 500 * 2 + 1:03d}"
    return first17 + check_character(first17)


def browserless(rounds: int) -> list[tuple[str, str]]:
    """Registrations per second and memory of a site holding `rounds` accounts."""
    client = Browserless()
    timings = []
    tracemalloc.start()
    for n in range(rounds):
        client.cookies.clear()
        start = time.perf_counter()
        register_once(client, n)
        timings.append(time.perf_counter() - start)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    total = sum(timings)
    return [
        (
            f"浏览器外：一次完整注册（{REQUESTS_PER_REGISTRATION} 个请求）中位数",
            f"{statistics.median(timings) * 1000:.2f} ms",
        ),
        ("浏览器外：请求吞吐", f"{REQUESTS_PER_REGISTRATION * rounds / total:,.0f} 请求/秒"),
        (f"浏览器外：{rounds} 个帐号时站点内存峰值", f"{peak / 2**20:.1f} MB"),
    ]


def journeys(target: str, workers: str) -> tuple[str, str]:
    """Wall time of a pytest run of `target` in a fresh process."""
    start = time.perf_counter()
    run = subprocess.run(
        [sys.executable, "-m", "pytest", target, "-q", "--alluredir", "/tmp/chsi-bench/allure-results"]
        + (["-n", workers] if workers != "0" else ["-p", "no:xdist"]),
        cwd=ROOT, capture_output=True, text=True,
    )  # fmt: skip
    seconds = time.perf_counter() - start
    outcome = run.stdout.strip().splitlines()[-1] if run.stdout.strip() else "?"
    return (f"浏览器内：{target}（-n {workers}）", f"{seconds:.1f} s — {outcome}")


def main() -> None:
    """Measure and print the table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=500, help="browserless registrations (default 500)")
    parser.add_argument("--full", action="store_true", help="also time the whole e2e suite")
    args = parser.parse_args()
    rows = browserless(args.rounds)
    rows.append(journeys("e2e/test_registration.py::test_registration_nine_steps_and_login", "0"))
    if args.full:
        rows.append(journeys("e2e", "2"))
    peak_children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    rows.append(("浏览器内：子进程（pytest、Chromium）最大常驻内存", f"{peak_children:.0f} MB"))
    width = max(len(name) for name, _ in rows) + 2
    print(f"{'测量':<{width}}数值")
    for name, value in rows:
        print(f"{name:<{width}}{value}")


if __name__ == "__main__":
    main()
