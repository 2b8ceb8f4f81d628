"""图片验证码: the image captcha today's 找回用户名 and 找回密码 forms ask for (chsi-facts.md, section 三)."""

from __future__ import annotations

import base64
import io
import random
from dataclasses import dataclass, field

from PIL import Image, ImageDraw

from mock_server.secret import same_secret
from mock_server.services.text import normalise


@dataclass
class Captcha:
    """The code each browser was last shown; each code can be tried once, in the browser it was shown to."""

    rng: random.Random = field(default_factory=random.Random)
    shown: dict[str, str] = field(default_factory=dict)  # browser → the code its page shows
    answer: str = ""  # the code shown last, in whichever browser: what the student now reads off a page

    def issue(self, browser: str) -> str:
        """A fresh four-digit code for `browser`, as an inline PNG the page shows."""
        self.answer = self.shown[browser] = f"{self.rng.randrange(10**4):04d}"
        image = Image.new("RGB", (88, 32), "#f2efe6")
        draw = ImageDraw.Draw(image)
        for _ in range(6):  # noise lines, as real captchas have
            draw.line([(self.rng.randrange(88), self.rng.randrange(32)) for _ in range(2)], fill="#b9a97f")
        draw.text((22, 10), " ".join(self.answer), fill="#2b2b2b")
        shot = io.BytesIO()
        image.save(shot, format="PNG")
        return "data:image/png;base64," + base64.b64encode(shot.getvalue()).decode()

    def solved(self, browser: str, typed: str) -> bool:
        """True when `typed` is the code shown to `browser`; any try uses that code up (another browser's stays)."""
        answer = self.shown.pop(browser, "")
        return bool(answer) and same_secret(normalise(typed), answer)
