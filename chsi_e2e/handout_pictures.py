"""Pictures for handouts: each cropped to the region that matters, small enough to print readable, never twice."""

from __future__ import annotations

import base64
import io
from dataclasses import dataclass, field

from PIL import Image, ImageChops, ImageDraw

# Printed at 0.21 mm a pixel, the site's 14-pixel text is 2.94 mm tall: 8.3 pt, readable on paper.
MM_PER_PX = 0.21
# The widest crop a half-width card and a full-width card can print at that scale (A4, 10 mm margins).
HALF_PX, FULL_PX = 400, 860
# How much of the page around an outlined element a card shows, and how tall a result may be.
AROUND_X, AROUND_Y = 130, 32
RESULT_HEIGHT = 170
# The tallest card picture (a photo, a table) and mail: enough to recognise it and read it, not a page of its own.
CARD_HEIGHT, MAIL_HEIGHT = 230, 250
# The outline the journeys draw around what the student acts on (harness/journey.py: 4px solid #e53935).
OUTLINE = (229, 57, 53)
# Two pictures this alike (share of their pixels that differ, at a fifth or half the size) show the same thing.
SAME_PICTURE, SAME_PAGE = 0.005, 0.0002
# How tall the band is that holds the site's header at the top of the viewport, and a page's heading atop its panel.
HEADING = 80

Box = tuple[int, int, int, int]  # left, top, right, bottom


@dataclass
class Picture:
    """A cropped screenshot as the handout prints it."""

    png: bytes
    width: int
    height: int

    @property
    def data_uri(self) -> str:
        """The image inline, so the handout is one file."""
        return "data:image/png;base64," + base64.b64encode(self.png).decode()

    @property
    def wide(self) -> bool:
        """Too wide for a half-width card at the readable scale."""
        return self.width > HALF_PX

    @property
    def print_width_mm(self) -> float:
        """The printed width that keeps the page's text at 8 pt or more."""
        return round(self.width * MM_PER_PX, 1)


def load(png: bytes) -> Image.Image:
    """A screenshot, decoded as RGB."""
    with Image.open(io.BytesIO(png)) as image:
        return image.convert("RGB")


def _picture(image: Image.Image, box: Box) -> Picture:
    """`box` of `image` (kept inside it, never empty) as a printable picture."""
    left, top = min(max(0, box[0]), image.width - 1), min(max(0, box[1]), image.height - 1)
    right, bottom = max(left + 1, min(image.width, box[2])), max(top + 1, min(image.height, box[3]))
    out = io.BytesIO()
    crop = image.crop((left, top, right, bottom))
    crop.save(out, "PNG", optimize=True)
    return Picture(out.getvalue(), crop.width, crop.height)


def content(image: Image.Image) -> Box:
    """The page's own panel (the site's white main box), or the whole image if it has none."""
    white = image.convert("L").point(lambda v: 255 if v >= 254 else 0)
    box = white.getbbox()
    return box if box and (box[2] - box[0]) > image.width // 3 else (0, 0, image.width, image.height)


def outlined(image: Image.Image) -> Box | None:
    """Where the journey's red outline is drawn, if anywhere."""
    red = Image.new("RGB", image.size, OUTLINE)
    close = ImageChops.difference(image, red).convert("L").point(lambda v: 255 if v < 40 else 0)
    return close.getbbox()


def _fit(box: Box, bounds: Box, width: int, height: int) -> Box:
    """`box` grown to at most `width` x `height` around its centre, kept inside `bounds`."""
    left, top, right, bottom = box
    grow_x, grow_y = max(0, width - (right - left)) // 2, max(0, height - (bottom - top)) // 2
    left, right = max(bounds[0], left - grow_x), min(bounds[2], right + grow_x)
    top, bottom = max(bounds[1], top - grow_y), min(bounds[3], bottom + grow_y)
    if right - left > width:  # keep the start of what is too wide: a label's first words, a form's left edge
        right = left + width
    return left, top, right, min(bottom, top + height)


def around(png: bytes, box: dict[str, int] | None = None) -> Picture:
    """A card's picture: the outlined element with enough of the page to find it, at most one card wide if it fits."""
    image = load(png)
    target = (box["x"], box["y"], box["x"] + box["width"], box["y"] + box["height"]) if box else outlined(image)
    if target is None:
        return top_of(png)
    target = (target[0] - 8, target[1] - 8, target[2] + 8, target[3] + 8)  # the outline is drawn outside the box
    limit = HALF_PX if target[2] - target[0] + 2 * 20 <= HALF_PX else FULL_PX
    grown = (target[0] - AROUND_X, target[1] - AROUND_Y, target[2] + AROUND_X, target[3] + AROUND_Y)
    height = min(CARD_HEIGHT, 2 * AROUND_Y + target[3] - target[1])
    return _picture(image, _fit(grown, (0, 0, image.width, image.height), limit, height))


def down_to(png: bytes, box: dict[str, int]) -> Picture:
    """A page read from its top down to the outlined element: a mail, with the link the student clicks in it."""
    image = load(png)
    left, top, right, _ = content(image)
    bottom = min(image.height, box["y"] + box["height"] + 24)
    return _picture(image, (left, max(top, bottom - MAIL_HEIGHT), min(right, left + FULL_PX), bottom))


def top_of(png: bytes) -> Picture:
    """A new page: its panel from the top (its heading and first lines), one page wide."""
    image = load(png)
    left, top, right, bottom = content(image)
    return _picture(image, (left, top, min(right, left + FULL_PX), min(bottom, top + RESULT_HEIGHT)))


def outcome(before: bytes, after: bytes, ignore: Box | None = None, *, new_page: bool = True) -> Picture | None:
    """What an action changed: the new page's top, or the part of the same page that changed; None if nothing did.

    `ignore` is where the outline was drawn on `before` (it is gone from `after`, which is no change). Without
    `new_page`, a page that was loaded again (the same page, from its top) shows nothing new: None.
    """
    old, new = load(before), load(after)
    if old.size != new.size:
        return top_of(after) if new_page else None
    changed = ImageChops.difference(old, new).convert("L").point(lambda v: 255 if v > 24 else 0)
    if ignore is not None:
        ImageDraw.Draw(changed).rectangle((ignore[0] - 12, ignore[1] - 12, ignore[2] + 12, ignore[3] + 12), fill=0)
    box = changed.getbbox()
    if box is None:
        return None
    panel = content(new)
    # Another page shows another heading at the top of the site's panel; a page scrolled (to reach the element acted
    # on) or loaded again moves the band at the top of the viewport. Either way the page is new to the student.
    heading = changed.crop((panel[0], panel[1], panel[2], panel[1] + HEADING)).getbbox() is not None
    moved = changed.crop((0, 0, changed.width, HEADING)).getbbox() is not None
    if heading or moved:
        return top_of(after) if new_page else None
    inside = changed.crop(panel).getbbox()
    if inside is None:  # only the page around the panel moved
        return None
    # What an action adds (a notice, a status) comes below what the student filled in: keep the end of the change.
    first, last = panel[1] + inside[1], panel[1] + inside[3]
    top = max(panel[1], first - 40, last + 40 - RESULT_HEIGHT)
    return _picture(new, (panel[0], top, min(panel[2], panel[0] + FULL_PX), min(panel[3], last + 40)))


def of_device(png: bytes) -> Picture:
    """The phone's or mailbox's screen: its panel, as much as one card holds."""
    return top_of(png)


def same_page(a: bytes, b: bytes) -> bool:
    """True when two screenshots show the same page in the same state, the journeys' red outlines aside."""
    first, second = load(a), load(b)
    if first.size != second.size:
        return False
    for box in (outlined(first), outlined(second)):
        if box is not None:  # cover the outline on both, as if it had never been drawn
            spot = (box[0] - 4, box[1] - 4, box[2] + 4, box[3] + 4)
            for image in (first, second):
                ImageDraw.Draw(image).rectangle(spot, fill=(0, 0, 0))
    half = (first.width // 2, first.height // 2)
    return _differing(first.convert("L").resize(half), second.convert("L").resize(half)) < SAME_PAGE


@dataclass
class Shown:
    """The pictures a handout already holds, so none is printed twice."""

    thumbnails: list[Image.Image] = field(default_factory=list)

    def is_new(self, picture: Picture) -> bool:
        """True, and remembered, unless a picture like it is already in the handout."""
        thumb = load(picture.png).convert("L").resize((max(1, picture.width // 5), max(1, picture.height // 5)))
        for earlier in self.thumbnails:
            if earlier.size == thumb.size and _differing(earlier, thumb) < SAME_PICTURE:
                return False
        self.thumbnails.append(thumb)
        return True


def _differing(a: Image.Image, b: Image.Image) -> float:
    changed = ImageChops.difference(a, b).point(lambda v: 255 if v > 40 else 0)
    return changed.histogram()[255] / (a.width * a.height)
