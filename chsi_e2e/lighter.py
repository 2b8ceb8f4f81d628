"""Lighter attachments for the single-file report: screenshots in a palette, traces without repeated frames, and a
history that keeps what the trend and each test's history show."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from pathlib import Path
from typing import Any

from PIL import Image, ImageChops

# Screenshots of pages are flat colours and text: a 64-colour palette keeps them sharp at a third of the size.
PALETTE = 64
# A trace's screencast frames only draw its film strip (the viewer shows DOM snapshots): half size, plain quality.
FRAME_SCALE, FRAME_QUALITY = 0.5, 60
# A frame that differs from the last one kept by fewer pixels than this (a blinking caret, a focus ring) repeats it.
# Playwright's fill() puts a whole value in at once, so a typed field always changes more than this.
SAME_FRAME_PIXELS, PIXEL_CHANGE = 400, 32


def lighten(work: Path) -> None:
    """Every attachment in `work` made lighter in place, and each identical file kept once (results point to it)."""
    same_as: dict[str, str] = {}  # source -> the source holding the same bytes
    first: dict[str, str] = {}  # digest -> first source
    for file in sorted(work.glob("*-attachment.*")):
        if file.suffix == ".png":
            file.write_bytes(palette(file.read_bytes()))
        elif file.suffix == ".zip" and zipfile.is_zipfile(file):
            file.write_bytes(lighter_trace(file.read_bytes()))
        same_as[file.name] = first.setdefault(hashlib.sha256(file.read_bytes()).hexdigest(), file.name)
        if same_as[file.name] != file.name:
            file.unlink()
    for file in work.glob("*-result.json"):
        result = json.loads(file.read_text(encoding="utf-8"))
        for attachment in _attachments(result):
            attachment["source"] = same_as.get(attachment.get("source", ""), attachment.get("source", ""))
        file.write_text(json.dumps(result, ensure_ascii=False), encoding="utf-8")


# What a past run's result needs in the history: its status and time draw the trend and each test's history; its
# labels (the guide's section, tags, host) are the current result's to show, and repeated ten times they made the
# report a third heavier.
HISTORY_DROPS = ("labels", "reportLinks")


def lighter_history(history: Path) -> None:
    """Each run kept in an Allure history file (JSON lines) without what only the current result shows."""
    if not history.is_file():
        return
    runs = [json.loads(line) for line in history.read_text(encoding="utf-8").splitlines() if line.strip()]
    for run in runs:
        for result in run.get("testResults", {}).values():
            for key in HISTORY_DROPS:
                result.pop(key, None)
    history.write_text("".join(json.dumps(run, ensure_ascii=False) + "\n" for run in runs), encoding="utf-8")


def _attachments(node: dict[str, Any]) -> list[dict[str, Any]]:
    """Every attachment of a result, its steps' included."""
    return [*node.get("attachments", []), *(a for step in node.get("steps", []) for a in _attachments(step))]


def palette(png: bytes) -> bytes:
    """A screenshot in 64 colours, when that is smaller (it nearly always is)."""
    with Image.open(io.BytesIO(png)) as image:
        out = io.BytesIO()
        image.convert("RGB").quantize(PALETTE, method=Image.Quantize.FASTOCTREE).save(out, "PNG", optimize=True)
    return out.getvalue() if out.tell() < len(png) else png


def lighter_trace(data: bytes) -> bytes:
    """A Playwright trace whose film strip keeps only frames that show a change, at half size.

    A dropped frame's event points at the frame it repeats, so the viewer's timeline is unchanged.
    Everything else (actions, DOM snapshots, network) is copied as it is.
    """
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        names = source.namelist()
        if not any(name.endswith(".trace") for name in names):
            return data
        repeats = _repeated_frames(source)
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
            for name in names:
                if name in repeats:
                    continue
                content = source.read(name)
                if name.endswith(".trace"):
                    content = _point_at_kept(content, repeats)
                elif name.startswith("screencast/"):
                    target.writestr(name, _smaller_frame(content), zipfile.ZIP_STORED)
                    continue
                target.writestr(name, content)
    return out.getvalue()


def _frames(source: zipfile.ZipFile) -> list[dict[str, Any]]:
    """The screencast-frame events of a trace, in the order recorded."""
    events = []
    for name in source.namelist():
        if name.endswith(".trace"):
            events += [json.loads(line) for line in source.read(name).splitlines() if b'"screencast-frame"' in line]
    return [e for e in events if e.get("type") == "screencast-frame"]


def _repeated_frames(source: zipfile.ZipFile) -> dict[str, str]:
    """Frame file -> the earlier frame of the same page it repeats."""
    repeats: dict[str, str] = {}
    kept: dict[str, tuple[str, Image.Image]] = {}  # page -> its last kept frame and its grey image
    for event in _frames(source):
        with Image.open(io.BytesIO(source.read(event["file"]))) as frame:
            grey = frame.convert("L")
        last = kept.get(event["pageId"])
        if last and last[1].size == grey.size and _changed_pixels(last[1], grey) < SAME_FRAME_PIXELS:
            repeats[event["file"]] = last[0]
        else:
            kept[event["pageId"]] = (event["file"], grey)
    return repeats


def _changed_pixels(before: Image.Image, after: Image.Image) -> int:
    difference = ImageChops.difference(before, after).point(lambda v: 255 if v > PIXEL_CHANGE else 0)
    return difference.histogram()[255]


def _point_at_kept(trace: bytes, repeats: dict[str, str]) -> bytes:
    """A trace's events, each repeated frame's event pointing at the frame it repeats."""
    lines = []
    for line in trace.splitlines():
        if b'"screencast-frame"' in line:
            event = json.loads(line)
            if event.get("file") in repeats:
                line = json.dumps({**event, "file": repeats[event["file"]]}, separators=(",", ":")).encode()
        lines.append(line)
    return b"\n".join(lines) + b"\n"


def _smaller_frame(jpeg: bytes) -> bytes:
    with Image.open(io.BytesIO(jpeg)) as frame:
        size = (max(1, int(frame.width * FRAME_SCALE)), max(1, int(frame.height * FRAME_SCALE)))
        out = io.BytesIO()
        smaller = frame.convert("RGB").resize(size, Image.Resampling.LANCZOS)
        smaller.save(out, "JPEG", quality=FRAME_QUALITY, optimize=True)
    return out.getvalue()
