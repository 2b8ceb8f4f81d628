"""What a student typed, as the site reads it: without invisible characters, and blank when nothing is left."""

from __future__ import annotations

import unicodedata


def readable(text: str) -> str:
    """What a student typed, without control or invisible format characters; empty if nothing readable is left."""
    return "".join(c for c in text if unicodedata.category(c)[0] != "C").strip()


def normalise(raw: str) -> str:
    """A typed number or code as the site keeps it: full-width digits made ASCII (NFKC), spaces trimmed."""
    return unicodedata.normalize("NFKC", raw).strip()


def blank(text: str) -> bool:
    """True when nothing readable was typed (spaces, ideographic spaces, zero-width characters): no one's name."""
    return not readable(text)
