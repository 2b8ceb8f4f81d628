"""Which Chromium to drive, and the flags that keep it off the network."""

from __future__ import annotations

import json
import os
from pathlib import Path

SYSTEM_CHROMIUMS = ("/usr/bin/chromium", "/usr/bin/chromium-browser")
# Debian's chromium-headless-shell: the build Playwright itself runs headless, about twice as fast as the full browser.
SYSTEM_HEADLESS_SHELLS = ("/usr/lib/chromium/chromium-headless-shell",)

# A proxy that is not there (the discard port, nothing listens): whatever the routes do not answer - an IP
# literal, a second context, a preconnect, the test code's own requests - fails to connect instead of leaving.
DEAD_PROXY = "http://127.0.0.1:9"
# Proxy loopback too: Chromium otherwise sends 127.0.0.1 and localhost past any proxy.
NO_BYPASS = "<-loopback>"

# No real host resolves (routed requests never ask DNS), nothing goes direct, WebRTC sends no UDP of its own,
# and Chromium's own background traffic is off.
OFFLINE_ARGS = [
    "--host-resolver-rules=MAP * ~NOTFOUND",
    f"--proxy-server={DEAD_PROXY}",
    f"--proxy-bypass-list={NO_BYPASS}",
    "--force-webrtc-ip-handling-policy=disable_non_proxied_udp",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]

# A visible browser's own interface in Chinese (practice, a paused replay): Linux Chromium takes its language from
# LANGUAGE (Debian: with chromium-l10n), other systems from --lang; LANG stays as it is (a locale the system lacks
# stops Chromium from reading file names such as 身份证正面.jpg). In the site's language, it offers no translation.
# Not in OFFLINE_ARGS, and no --disable-features=Translate: Chromium keeps only the last --disable-features,
# which would drop Playwright's own list.
CHINESE_UI_ARGS = ["--lang=zh-CN", "--accept-lang=zh-CN,zh"]
CHINESE_UI_ENV = {"LANGUAGE": "zh_CN:zh"}

NO_DISPLAY = (
    "需要图形界面才能打开可见的浏览器（未设置 DISPLAY）：请在桌面环境中运行，"
    "或用 xvfb-run 提供虚拟屏幕；不需要看浏览器时去掉 --headed。"
)


def has_display() -> bool:
    """True where a visible browser window can open (X11 or Wayland)."""
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


MISSING = (
    "找不到 Chromium 浏览器。请运行 ./run.sh（以 root 运行时会安装 Debian 的 chromium 和 fonts-noto-cjk），"
    "或手动执行 apt-get install chromium fonts-noto-cjk，或用 CHSI_CHROMIUM=/path/to/chromium 指定浏览器。"
)


def chromium_path(bundled: str, headless: bool = False) -> str | None:
    """The Chromium to launch: CHSI_CHROMIUM, else Playwright's own (None), else the system's (headless: its shell)."""
    chosen = os.environ.get("CHSI_CHROMIUM")
    if chosen:
        if not Path(chosen).is_file():
            raise FileNotFoundError(f"CHSI_CHROMIUM={chosen} 不存在。{MISSING}")
        return chosen
    if bundled and Path(bundled).is_file():
        return None
    for candidate in (*SYSTEM_HEADLESS_SHELLS, *SYSTEM_CHROMIUMS) if headless else SYSTEM_CHROMIUMS:
        if Path(candidate).is_file():
            return candidate
    raise FileNotFoundError(MISSING)


def provide_ffmpeg() -> Path:
    """Put the ffmpeg that imageio-ffmpeg ships where Playwright looks for its own, so --video needs no download."""
    import imageio_ffmpeg
    import playwright

    browsers = Path(playwright.__file__).parent / "driver" / "package" / "browsers.json"
    revision = next(b["revision"] for b in json.loads(browsers.read_text())["browsers"] if b["name"] == "ffmpeg")
    root = Path(os.environ.get("PLAYWRIGHT_BROWSERS_PATH") or Path.home() / ".cache" / "ms-playwright")
    target = root / f"ffmpeg-{revision}" / "ffmpeg-linux"
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        target.symlink_to(imageio_ffmpeg.get_ffmpeg_exe())
    return target
