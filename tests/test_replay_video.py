"""The replay a trainer shows: one 1280×720 video, captioned with the guide, where the mailbox and the phone appear
when the guide sends the student there."""

from __future__ import annotations

import io
import re
import subprocess
import sys
from pathlib import Path

import imageio_ffmpeg
import pytest
from PIL import Image

from fixtures.guide import load_guide

# It shares the machine with the other subprocess runs of the tooling tests (test_reports_and_replays.py).
pytestmark = pytest.mark.xdist_group("tooling")

ROOT = Path(__file__).parents[1]
REGISTRATION = next(s for s in load_guide().sections if s.id == "reg")
# Colours a frame is read by: the mailbox's green header (mock_server/templates/mail), the phone's dark one
# (templates/phone/sms.html), the panel's frame (harness/replay.py DEVICE_SCRIPT) and the site's blue header (base.html).
MAILBOX_HEADER, PHONE_HEADER, PANEL, SITE_HEADER = (58, 125, 68), (51, 51, 51), (27, 27, 27), (30, 95, 165)


def _near(frame: Image.Image, at: tuple[int, int], colour: tuple[int, int, int]) -> bool:
    """The frame has `colour` at `at`, as near as the video encoder left it."""
    pixel = frame.getpixel(at)
    assert isinstance(pixel, tuple)
    return all(abs(a - b) <= 14 for a, b in zip(pixel, colour, strict=False))


def _seconds(stamp: str) -> float:
    hours, minutes, seconds = stamp.split(":")
    return int(hours) * 3600 + int(minutes) * 60 + float(seconds)


def _cues(vtt: str) -> dict[str, tuple[float, float, str]]:
    """Each caption by its sentence id: start, end (seconds) and text."""
    cues = {}
    for block in vtt.strip().split("\n\n")[1:]:
        cue, times, text = block.splitlines()[:3]
        start, end = re.split(r"\s+-->\s+", times)
        cues[cue] = (_seconds(start), _seconds(end), text)
    return cues


def _frames(video: Path, start: float, end: float) -> list[Image.Image]:
    """The video's frames from `start` to `end`, ten a second, decoded by the ffmpeg the project already installs."""
    command = [
        imageio_ffmpeg.get_ffmpeg_exe(), "-loglevel", "error", "-i", str(video), "-ss", f"{start:.2f}",
        "-t", f"{end - start:.2f}", "-vf", "fps=10", "-f", "image2pipe", "-c:v", "png", "-",
    ]  # fmt: skip
    data = subprocess.run(command, capture_output=True, check=True).stdout
    frames, end_mark = [], b"IEND\xaeB`\x82"
    while data:
        cut = data.index(end_mark) + len(end_mark)
        frames.append(Image.open(io.BytesIO(data[:cut])).convert("RGB"))
        data = data[cut:]
    return frames


def _shows_the_phone(frame: Image.Image) -> bool:
    """The panel at the right, framed, with the phone's SMS page inside."""
    return _near(frame, (1262, 400), PANEL) and _near(frame, (1050, 85), PHONE_HEADER)


def _shows_a_panel(frame: Image.Image) -> bool:
    return _near(frame, (1262, 400), PANEL)


def test_replay_video_shows_the_mailbox_at_step_five_and_the_phone_at_step_eight() -> None:
    """无头回放生成一段 1280×720 录像：第五步画面是邮箱，第八步学信网旁边是手机短信，字幕按指南顺序"""
    command = [sys.executable, "-m", "chsi_e2e.cli", "replay", "registration", "--headless", "--slowmo", "300"]
    run = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
    video, vtt = ROOT / "reports/replays/registration.webm", ROOT / "reports/replays/registration.vtt"
    assert f"录像：{video.relative_to(ROOT)}" in run.stdout  # announced where the README says it is
    cues = _cues(vtt.read_text(encoding="utf-8"))
    assert [text for _, _, text in cues.values()] == [s.title for s in REGISTRATION.sentences]

    start, end, _ = cues["reg.3"]
    typing = _frames(video, start, end)
    assert typing[0].size == (1280, 720)
    assert not any(_shows_a_panel(f) for f in typing)  # the site alone while the student types in it
    start, end, _ = cues["reg.5"]
    assert any(_near(f, (600, 20), MAILBOX_HEADER) for f in _frames(video, start, end))
    start, end, _ = cues["reg.8"]
    reading = [f for f in _frames(video, start, end) if _shows_the_phone(f)]
    assert reading, "第八步的画面里没有手机短信"
    assert all(_near(f, (600, 20), SITE_HEADER) for f in reading)  # beside the site, not instead of it
